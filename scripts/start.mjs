// `npm start`: build the add-in (development build: task pane, functions, preview page), serve dist/ over
// HTTPS on https://localhost:3000, then sideload into Excel desktop where Excel is installed (Windows, macOS);
// elsewhere print how to load the manifest in Excel on the web. Keeps serving until Ctrl+C.
import { spawnSync } from "node:child_process";
import { writeFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./serve.mjs";
import { sideloadPlan, runPlan } from "./sideload.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const production = process.argv.includes("--production");
const skipBuild = process.argv.includes("--no-build");
const port = Number(process.env.PORT || 3000);
const pidFile = path.join(root, "dist", ".server.pid");

if (!skipBuild) {
  console.log(`Building (${production ? "production" : "development"})...`);
  const webpack = path.join(root, "node_modules", "webpack-cli", "bin", "cli.js");
  const build = spawnSync(process.execPath, [webpack, "--mode", production ? "production" : "development"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) {
    console.error("The build failed: see the messages above.");
    process.exit(build.status ?? 1);
  }
}

let server;
try {
  server = await startServer({ root: path.join(root, "dist"), port });
} catch (err) {
  if (err && err.code === "EADDRINUSE") {
    console.error(`Port ${port} is in use: stop the other server (npm stop) or set PORT.`);
    process.exit(1);
  }
  throw err;
}
writeFileSync(pidFile, String(process.pid));

const manifest = path.join(root, "dist", "manifest.xml");
if (server.certificateSource === "self-signed") {
  console.log(
    `\nThe certificate is self-signed (.certs/localhost.crt, CA in .certs/ca.crt). Office and browsers trust it only\n` +
      `after you add .certs/ca.crt to the system's trusted roots, or open ${server.url}taskpane.html once and accept it.`,
  );
}

let sideloaded = false;
const plan = sideloadPlan(manifest);
if (plan.length > 0) {
  try {
    runPlan(plan);
    sideloaded = true;
    console.log("\nThe add-in is registered with Excel desktop and Excel is starting. Open a workbook and look for the\n" +
      "Budget Tools tab on the ribbon (Excel for Mac: Insert > My Add-ins > Developer Add-ins the first time).");
  } catch (err) {
    console.warn(`\nCould not sideload into Excel desktop (${err instanceof Error ? err.message : err}).`);
  }
}
if (!sideloaded) {
  console.log(`
No Excel desktop to sideload into here. To use the add-in:
  Excel on the web: open a workbook, Home > Add-ins > More Add-ins (or Insert > Add-ins) > My Add-ins >
  Upload My Add-in, and choose ${manifest}
  Browser preview (no Excel): ${server.url}preview.html${production ? " (development builds only: run npm start without --production)" : ""}
The server keeps running: press Ctrl+C to stop it.`);
}

function stop() {
  rmSync(pidFile, { force: true });
  server.close().then(() => process.exit(0));
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
