import { afterAll, beforeAll, describe, expect, it } from "vitest";
import https from "node:https";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

interface Server {
  url: string;
  port: number;
  close: () => Promise<void>;
  certificateSource: string;
}

function get(port: number, rawPath: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: "localhost", port, path: rawPath, method: "GET", rejectUnauthorized: false }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), body }));
    });
    req.on("error", reject);
    req.end();
  });
}

let server: Server;
const root = mkdtempSync(path.join(tmpdir(), "serve-"));
const secretDir = mkdtempSync(path.join(tmpdir(), "secret-"));

beforeAll(async () => {
  writeFileSync(path.join(root, "taskpane.html"), "<!doctype html><title>pane</title>");
  writeFileSync(path.join(root, "functions.json"), '{"functions":[]}');
  mkdirSync(path.join(root, "assets"));
  writeFileSync(path.join(root, "assets", "icon-16.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(path.join(secretDir, "secret.txt"), "not for you");
  const mod = await import("../../scripts/serve.mjs");
  server = await mod.startServer({ root, port: 0, quiet: true, mounts: { "/lib/": secretDir } });
});

afterAll(async () => {
  await server.close();
});

describe("the HTTPS static server", () => {
  it("serves the task pane at / and files with their content types", async () => {
    expect(server.url).toMatch(/^https:\/\/localhost:\d+\/$/);
    const home = await get(server.port, "/");
    expect(home.status).toBe(200);
    expect(home.body).toContain("<title>pane</title>");
    expect((await get(server.port, "/functions.json")).type).toContain("application/json");
    expect((await get(server.port, "/assets/icon-16.png")).type).toBe("image/png");
    expect((await get(server.port, "/lib/secret.txt")).body).toBe("not for you");
  });

  it("never serves files outside its folders", async () => {
    for (const p of ["/../package.json", "/%2e%2e/%2e%2e/etc/passwd", "/assets/../../package.json", "/missing.js"]) {
      expect((await get(server.port, p)).status, p).toBe(404);
    }
  });
});
