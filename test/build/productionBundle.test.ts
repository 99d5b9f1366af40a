/**
 * The production build an IT team hosts: built here into a temporary folder with ADDIN_BASE_URL set,
 * then inspected. HyperFormula (GPL-3.0), the preview page and ExcelJS (only the preview uses it) must not be in it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import path from "node:path";
import vm from "node:vm";
import { parse } from "acorn";
import { ES_SYNTAX_LEVEL, INLINE_SCRIPT_LEVEL } from "../../scripts/webview-targets.cjs";
import { manifestVersion } from "../../scripts/manifest-version.cjs";

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
    // Stamped with package version + commit count, so each deployed change is a new manifest version.
    expect(manifest).toContain(`<Version>${manifestVersion(root)}</Version>`);
    expect(manifestVersion(root)).not.toBe("1.0.0.0");
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

  it("ships no ExcelJS: the pane writes and reads workbooks with its own code (fflate compresses)", () => {
    const js = filesUnder(outDir).filter((f) => f.endsWith(".js"));
    for (const file of js) {
      const text = readFileSync(file, "utf8");
      // Messages only ExcelJS's own code holds; its minified browser build (what webpack would bundle) keeps them.
      for (const marker of ["Cannot merge already merged cells", "Invalid row number in model", "TimeSlicerStyleLight1"]) {
        expect(text.includes(marker), `${path.basename(file)} contains ExcelJS ("${marker}")`).toBe(false);
      }
    }
    // The members' pack writer is there, in a chunk of its own loaded on first use (not in the pane's first load).
    const writer = js.filter((f) => readFileSync(f, "utf8").includes("fullCalcOnLoad"));
    expect(writer.map((f) => path.basename(f))).toEqual([expect.stringMatching(/^workbook\.[0-9a-f]+\.js$/)]);
  });

  it("loads only Office's own script from outside the add-in's host", () => {
    const html = readFileSync(path.join(outDir, "taskpane.html"), "utf8");
    // Production HTML is minified: attribute quotes may be dropped.
    const external = [...html.matchAll(/(?:src|href)=["']?(https?:[^"'\s>]+)/g)].map((m) => m[1]);
    expect(external).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
  });

  it(`every shipped script parses as ES${ES_SYNTAX_LEVEL} (the oldest supported webview), none needs newer syntax`, () => {
    const js = filesUnder(outDir).filter((f) => f.endsWith(".js"));
    expect(js.length).toBeGreaterThanOrEqual(3);
    const failures: string[] = [];
    for (const file of js) {
      try {
        parse(readFileSync(file, "utf8"), { ecmaVersion: ES_SYNTAX_LEVEL, sourceType: "script" });
      } catch (e) {
        failures.push(`${path.basename(file)}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("the pane's inline start-up check is ES5 and shows 'too old' in Internet Explorer 11 instead of Loading…", () => {
    const html = readFileSync(path.join(outDir, "taskpane.html"), "utf8");
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter((t) => t.trim() !== "");
    expect(inline).toHaveLength(1);
    parse(inline[0], { ecmaVersion: INLINE_SCRIPT_LEVEL, sourceType: "script" });
    const run = (userAgent: string, syntaxWorks: boolean, weakRef = syntaxWorks): { html: string; listeners: string[] } => {
      const root = { innerHTML: "Loading Budget Tools…" };
      const listeners: string[] = [];
      const context = vm.createContext({
        navigator: { userAgent },
        document: { getElementById: (id: string) => (id === "root" ? root : null) },
        window: { addEventListener: (type: string) => listeners.push(type) },
        Function: syntaxWorks
          ? Function
          : function () {
              throw new SyntaxError("Expected identifier");
            },
      });
      if (!weakRef) vm.runInContext("delete globalThis.WeakRef;", context); // a vm context has its own WeakRef
      vm.runInContext(inline[0], context);
      return { html: root.innerHTML, listeners };
    };
    const ie11 = run("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko", false);
    expect(ie11.html).toContain("This version of Office is too old for Budget Tools");
    expect(ie11.html).toContain("Internet Explorer");
    expect(ie11.html).toContain("WebView2");
    const oldWebKit = run("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_13_6) AppleWebKit/605.1.15 (KHTML, like Gecko)", false);
    expect(oldWebKit.html).toContain("too old for Budget Tools");
    // Safari 13–14.0 parse the bundles but lack WeakRef, which the pane's focus handling (Fluent UI) needs.
    const safari14 = run("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)", true, false);
    expect(safari14.html).toContain("too old for Budget Tools");
    expect(safari14.html).toContain("functions may still work");
    // Every newer global the bundles construct is one the inline check tests for.
    const taskpaneJs = readFileSync(path.join(outDir, "taskpane.js"), "utf8");
    for (const api of ["WeakRef", "FinalizationRegistry", "structuredClone", "AggregateError"]) {
      if (new RegExp(`\\b(new\\s+)?${api}\\(`).test(taskpaneJs)) expect(inline[0], `taskpane.js uses ${api}: test for it in taskpane.html`).toContain(`typeof ${api}`);
    }
    // A current engine keeps "Loading…" and only listens for a bundle that fails to parse.
    const current = run("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0", true);
    expect(current.html).toBe("Loading Budget Tools…");
    expect(current.listeners).toEqual(["error"]);
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
