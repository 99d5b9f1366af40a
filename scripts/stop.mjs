// `npm stop`: stop a server started by `npm start`, and unregister a sideloaded add-in where possible.
import { readFileSync, rmSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

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
if (process.platform === "win32" || process.platform === "darwin") {
  try {
    const devSettings = await import("office-addin-dev-settings");
    await devSettings.unregisterAddIn(path.join(root, "dist", "manifest.xml"));
    console.log("Removed the sideloaded add-in from Excel desktop.");
  } catch {
    // Nothing was sideloaded.
  }
}
