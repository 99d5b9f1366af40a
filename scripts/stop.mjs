// `npm stop`: stop a server started by `npm start`, and unregister a sideloaded add-in where possible.
import { readFileSync, rmSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sideloadPlan, runPlan } from "./sideload.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pidFile = path.join(root, "dist", ".server.pid");
if (existsSync(pidFile)) {
  const pid = Number(readFileSync(pidFile, "utf8"));
  try {
    process.kill(pid, "SIGTERM");
    console.log(`Stopped the server (process ${pid}).`);
  } catch {
    console.log("The server was not running.");
  }
  rmSync(pidFile, { force: true });
} else {
  console.log("No server started by npm start is running.");
}
const plan = sideloadPlan(path.join(root, "dist", "manifest.xml"), { remove: true });
if (plan.length > 0) {
  try {
    runPlan(plan);
    console.log("Removed the sideloaded add-in from Excel desktop.");
  } catch {
    // Nothing was sideloaded, or the manifest is gone: nothing to remove.
  }
}
