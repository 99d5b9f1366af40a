/**
 * The production build an IT team hosts: built here into a temporary folder with ADDIN_BASE_URL set,
 * then inspected. HyperFormula (GPL-3.0) and the preview page must not be in it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const outDir = mkdtempSync(path.join(tmpdir(), "addin-prod-"));
const BASE = "https://addins.example.gov.uk/budget-tools/";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

beforeAll(() => {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production"], {
    cwd: root,
    env: { ...process.env, ADDIN_OUT_DIR: outDir, ADDIN_BASE_URL: BASE },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`Production build failed:\n${result.stdout}\n${result.stderr}`);
}, 300_000);

describe("production build", () => {
  it("writes the pages, bundles, generated metadata, icons and a rebased manifest", () => {
    for (const f of ["taskpane.html", "taskpane.js", "functions.js", "functions.json", "manifest.xml", "help.html"]) {
      expect(existsSync(path.join(outDir, f)), f).toBe(true);
    }
    for (const size of [16, 32, 64, 80, 128]) expect(existsSync(path.join(outDir, `assets/icon-${size}.png`))).toBe(true);
    const manifest = readFileSync(path.join(outDir, "manifest.xml"), "utf8");
    expect(manifest).not.toContain("localhost");
    expect(manifest).toContain(`${BASE}taskpane.html`);
    const metadata = JSON.parse(readFileSync(path.join(outDir, "functions.json"), "utf8")) as { functions: { id: string; helpUrl?: string }[] };
    expect(metadata.functions.map((f) => f.id)).toContain("GRADECOST");
    // Every function's help link points at the hosted help page, whose anchors exist.
    const help = readFileSync(path.join(outDir, "help.html"), "utf8");
    for (const f of metadata.functions) {
      expect(f.helpUrl).toBe(`${BASE}help.html#${f.id.toLowerCase()}`);
      expect(help).toContain(`id="${f.id.toLowerCase()}"`);
    }
  });

  it("leaves out the preview page and the GPL formula engine", () => {
    expect(existsSync(path.join(outDir, "preview.html"))).toBe(false);
    for (const file of filesUnder(outDir).filter((f) => f.endsWith(".js"))) {
      const text = readFileSync(file, "utf8");
      expect(text.includes("HyperFormula") || text.includes("hyperformula"), `${path.basename(file)} contains HyperFormula`).toBe(false);
    }
  });

  it("loads only Office's own script from outside the add-in's host", () => {
    const html = readFileSync(path.join(outDir, "taskpane.html"), "utf8");
    // Production HTML is minified: attribute quotes may be dropped.
    const external = [...html.matchAll(/(?:src|href)=["']?(https?:[^"'\s>]+)/g)].map((m) => m[1]);
    expect(external).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
  });

  it("reports the task pane's size", () => {
    const js = filesUnder(outDir).filter((f) => f.endsWith(".js"));
    const sizes = js.map((f) => {
      const buf = readFileSync(f);
      return { file: path.relative(outDir, f), raw: buf.length, gzip: gzipSync(buf).length };
    });
    console.log(`Production bundles:\n${sizes.map((s) => `  ${s.file}: ${(s.raw / 1024).toFixed(1)} KB raw, ${(s.gzip / 1024).toFixed(1)} KB gzip`).join("\n")}`);
    // taskpane.js is a small loader (src/paneEntry.ts); the pane itself is the "pane" chunk it loads.
    const taskpane = sizes.find((s) => s.file === "taskpane.js");
    expect(taskpane).toBeDefined();
    const pane = sizes.find((s) => /^pane\.[0-9a-f]+\.js$/.test(s.file));
    expect(pane).toBeDefined();
    expect(pane!.gzip).toBeGreaterThan(10_000);
  });
});
