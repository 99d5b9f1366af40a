/**
 * `npm start` on a machine with no Excel (this one): it must serve dist/ over HTTPS, print how to load the
 * manifest in Excel on the web, and keep running until stopped.
 */
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import https from "node:https";
import path from "node:path";
import { existsSync } from "node:fs";

const root = path.resolve(__dirname, "../..");

function fetchStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    https.get(url, { rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on("error", reject);
  });
}

describe("npm start without Excel", () => {
  it("serves the built add-in, prints the sideloading steps and keeps running until stopped", async () => {
    if (!existsSync(path.join(root, "dist/taskpane.html"))) throw new Error("dist/ is missing: npm test builds it first (npm run build:dev)");
    const child = spawn(process.execPath, ["scripts/start.mjs", "--no-build"], {
      cwd: root,
      env: { ...process.env, PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    try {
      const deadline = Date.now() + 30_000;
      while (!out.includes("Ctrl+C") && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(child.exitCode).toBeNull();
      expect(out).toContain("Upload My Add-in");
      expect(out).toContain(path.join(root, "dist", "manifest.xml"));
      const url = /Serving .* at (https:\/\/localhost:\d+\/)/.exec(out)?.[1];
      expect(url).toBeDefined();
      expect(await fetchStatus(`${url}taskpane.html`)).toBe(200);
      expect(await fetchStatus(`${url}functions.json`)).toBe(200);
      expect(await fetchStatus(`${url}manifest.xml`)).toBe(200);
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    expect(child.signalCode === null ? child.exitCode : 0).toBe(0);
  });
});
