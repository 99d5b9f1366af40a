/**
 * bench/pane: the task pane page in Chromium (Debian chromium + playwright-core), built in this run.
 *
 * 1. Initial pane JavaScript: every script the production taskpane.html loads until its first tab (Check sheets)
 *    is on screen, gzip -9 bytes, against the same for a minimal React + Fluent UI page (bench/pane/minimal.tsx:
 *    one Button in a FluentProvider) built with the add-in's own webpack configuration. Goal: at most 2.5x.
 * 2. Time from page load (navigation start) to the custom functions being registered (the last
 *    CustomFunctions.associate call), and whether that came before the pane's UI code was fetched (so before it
 *    was parsed): the UI code is any script holding the App (its tab labels) or React DOM.
 *    Peer: the time to the first tab on screen, in the same load.
 * Office's script is a stand-in served for the CDN URL (Excel as host, CustomFunctions.associate timed); nothing
 * leaves the machine. Medians of 5 loads, each in a fresh browser context.
 * BENCH_COMPARE_DIST=<dir of another production build> measures that build's pane too (before/after).
 * Prints and writes bench/results/pane.json. No assertions on time.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_FLAGS } from "../test/browser/harness";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const require = createRequire(import.meta.url);
const LOADS = 5;
const BOUND = 2.5;
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";

/** Office's script for the bench: Excel as host, and the time of every custom function registration. */
const OFFICE_STANDIN = `
(function () {
  var marks = (window.__bench = { associate: [] });
  var info = { host: "Excel", platform: "OfficeOnline" };
  window.Office = {
    HostType: { Excel: "Excel" },
    onReady: function (cb) { if (cb) cb(info); return Promise.resolve(info); },
    context: { requirements: { isSetSupported: function () { return true; } } },
    actions: { associate: function () {} },
    addin: {},
  };
  function CfError(code, message) { this.code = code; this.message = message; }
  CfError.prototype = Object.create(Error.prototype);
  window.CustomFunctions = {
    associate: function (id) { marks.associate.push({ id: id, at: performance.now() }); },
    Error: CfError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  };
})();
`;

interface WebpackStats {
  hasErrors(): boolean;
  toString(o: unknown): string;
}
type Webpack = (config: unknown, cb: (err: Error | null, stats?: WebpackStats) => void) => void;

async function build(config: unknown): Promise<void> {
  const webpack = require("webpack") as Webpack;
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) reject(err);
      else if (!stats || stats.hasErrors()) reject(new Error(stats?.toString({ all: false, errors: true }) ?? "webpack failed"));
      else resolve();
    }),
  );
}

/** The add-in's production build into `out`, and the minimal page into `out/minimal/`, with the same configuration. */
async function buildPages(out: string): Promise<void> {
  const configFor = require(path.join(root, "webpack.config.js")) as (env: unknown, argv: { mode: string }) => Record<string, unknown>;
  const HtmlWebpackPlugin = require("html-webpack-plugin") as new (o: unknown) => unknown;
  const previous = process.env.ADDIN_OUT_DIR;
  process.env.ADDIN_OUT_DIR = out;
  let app: Record<string, unknown>;
  try {
    app = configFor({}, { mode: "production" });
  } finally {
    if (previous === undefined) delete process.env.ADDIN_OUT_DIR;
    else process.env.ADDIN_OUT_DIR = previous;
  }
  await build({ ...app, mode: "production" });
  const minimal = {
    ...app,
    mode: "production",
    entry: { minimal: path.join(here, "pane", "minimal.tsx") },
    output: { ...(app.output as object), path: path.join(out, "minimal"), clean: true },
    plugins: [new HtmlWebpackPlugin({ filename: "minimal.html", template: path.join(here, "pane", "minimal.html"), chunks: ["minimal"] })],
  };
  await build(minimal);
}

interface Load {
  scripts: string[];
  gzipBytes: number;
  rawBytes: number;
  /** ms from navigation start. */
  firstScreenMs: number;
  registeredMs: number | null;
  functionsRegistered: number;
  uiFetchStartMs: number | null;
}

const gzipOf = new Map<string, { gz: number; raw: number }>();
function sizeOf(file: string): { gz: number; raw: number } {
  let s = gzipOf.get(file);
  if (!s) {
    const bytes = readFileSync(file);
    s = { gz: gzipSync(bytes, { level: 9 }).length, raw: bytes.length };
    gzipOf.set(file, s);
  }
  return s;
}

async function loadPage(browser: Browser, baseUrl: string, dir: string, page: string, ready: "pane" | "minimal"): Promise<Load> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en-GB" });
  const origin = new URL(baseUrl).origin;
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    if (url.startsWith(OFFICE_CDN)) return route.fulfill({ status: 200, contentType: "text/javascript", body: OFFICE_STANDIN });
    return route.abort("internetdisconnected");
  });
  const p = await context.newPage();
  const scripts: string[] = [];
  p.on("request", (r) => {
    const u = new URL(r.url());
    if (u.origin === origin && u.pathname.endsWith(".js")) scripts.push(u.pathname.replace(/^\//, ""));
  });
  await p.goto(`${baseUrl}${page}`);
  if (ready === "pane") await p.getByRole("button", { name: "Check", exact: true }).waitFor({ timeout: 60_000 });
  else await p.getByRole("button", { name: "Minimal" }).waitFor({ timeout: 60_000 });
  const firstScreenMs = await p.evaluate(() => performance.now());
  const marks = await p.evaluate(() => {
    const w = window as unknown as { __bench?: { associate: { at: number }[] } };
    const res = performance.getEntriesByType("resource").map((e) => ({ name: new URL(e.name).pathname, start: e.startTime }));
    return { associate: w.__bench?.associate ?? [], res };
  });
  await context.close();
  const loaded = [...new Set(scripts)];
  let gz = 0;
  let raw = 0;
  for (const s of loaded) {
    const s2 = sizeOf(path.join(dir, s));
    gz += s2.gz;
    raw += s2.raw;
  }
  const ui = marks.res.filter((r) => r.name.endsWith(".js") && existsSync(path.join(dir, r.name)) && isPaneUiCode(path.join(dir, r.name)));
  return {
    scripts: loaded,
    gzipBytes: gz,
    rawBytes: raw,
    firstScreenMs,
    registeredMs: marks.associate.length ? Math.max(...marks.associate.map((a) => a.at)) : null,
    functionsRegistered: marks.associate.length,
    uiFetchStartMs: ui.length ? Math.min(...ui.map((r) => r.start)) : null,
  };
}

/** A script holding the pane's UI code: the App (its tab labels) or React DOM. */
function isPaneUiCode(file: string): boolean {
  const text = readFileSync(file, "utf8");
  return text.includes("Check sheets") || text.includes("__reactContainer");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.floor(s.length / 2)].toFixed(1);
}

interface PaneFigures {
  scripts: string[];
  initialGzipBytes: number;
  initialRawBytes: number;
  firstScreenMs: number;
  registeredMs: number | null;
  functionsRegistered: number;
  /** When the first script of the pane's UI code was requested (before any of it could be parsed). */
  uiFetchStartMs: number | null;
  registeredBeforeUiFetched: boolean;
}

async function measurePane(browser: Browser, dir: string): Promise<PaneFigures> {
  const serve = (await import("../scripts/serve.mjs")) as { startServer(o: { root: string; port: number; quiet: boolean }): Promise<{ url: string; close(): Promise<void> }> };
  const server = await serve.startServer({ root: dir, port: 0, quiet: true });
  try {
    const loads: Load[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await loadPage(browser, server.url, dir, "taskpane.html", "pane"));
    const last = loads[loads.length - 1];
    const registered = loads.map((l) => l.registeredMs).filter((x): x is number => x !== null);
    return {
      scripts: last.scripts,
      initialGzipBytes: last.gzipBytes,
      initialRawBytes: last.rawBytes,
      firstScreenMs: median(loads.map((l) => l.firstScreenMs)),
      registeredMs: registered.length ? median(registered) : null,
      functionsRegistered: last.functionsRegistered,
      uiFetchStartMs: last.uiFetchStartMs,
      registeredBeforeUiFetched: loads.every((l) => l.registeredMs !== null && (l.uiFetchStartMs === null || l.registeredMs < l.uiFetchStartMs)),
    };
  } finally {
    await server.close();
  }
}

it("initial pane JavaScript against a minimal React + Fluent UI page; custom functions registered before the pane's UI", async () => {
  expect(existsSync(CHROMIUM)).toBe(true);
  const out = mkdtempSync(path.join(tmpdir(), "budget-pane-bench-"));
  const profile = mkdtempSync(path.join(tmpdir(), "budget-pane-bench-profile-"));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS, `--disk-cache-dir=${path.join(profile, "cache")}`] });
  try {
    await buildPages(out);
    const pane = await measurePane(browser, out);
    const serve = (await import("../scripts/serve.mjs")) as { startServer(o: { root: string; port: number; quiet: boolean }): Promise<{ url: string; close(): Promise<void> }> };
    const server = await serve.startServer({ root: path.join(out, "minimal"), port: 0, quiet: true });
    let minimal: Load;
    try {
      minimal = await loadPage(browser, server.url, path.join(out, "minimal"), "minimal.html", "minimal");
    } finally {
      await server.close();
    }
    const compareDir = process.env.BENCH_COMPARE_DIST;
    const compared = compareDir && existsSync(path.join(compareDir, "taskpane.html")) ? await measurePane(browser, compareDir) : null;

    expect(pane.functionsRegistered).toBeGreaterThan(0);
    const sizeRatio = +(pane.initialGzipBytes / minimal.gzipBytes).toFixed(2);
    const figures = {
      measuredAt: new Date().toISOString(),
      chromium: browser.version(),
      loads: LOADS,
      goals: {
        initialJsRatio: { value: sizeRatio, bound: BOUND, ratioToBound: +(sizeRatio / BOUND).toFixed(2) },
        registration: {
          registeredMs: pane.registeredMs,
          firstScreenMs: pane.firstScreenMs,
          ratioToFirstScreen: pane.registeredMs === null ? null : +(pane.registeredMs / pane.firstScreenMs).toFixed(2),
          registeredBeforeUiFetched: pane.registeredBeforeUiFetched,
        },
      },
      minimal: { scripts: minimal.scripts, gzipBytes: minimal.gzipBytes, rawBytes: minimal.rawBytes },
      pane,
      ...(compared ? { compared: { dir: compareDir, ...compared, initialJsRatio: +(compared.initialGzipBytes / minimal.gzipBytes).toFixed(2) } } : {}),
    };
    const kb = (b: number): string => `${(b / 1024).toFixed(1)} KB`;
    console.warn(`GOAL initial pane JS: ${kb(pane.initialGzipBytes)} gzip (${pane.scripts.join(", ")}) = ${sizeRatio}x the minimal page's ${kb(minimal.gzipBytes)} (bound ${BOUND}x; ratio to bound ${figures.goals.initialJsRatio.ratioToBound})`);
    console.warn(
      `GOAL custom functions registered ${pane.registeredMs} ms after page load (${pane.functionsRegistered} functions), first tab on screen at ${pane.firstScreenMs} ms (ratio ${figures.goals.registration.ratioToFirstScreen}); before the pane's UI code was fetched: ${pane.registeredBeforeUiFetched ? "yes" : "NO"}`,
    );
    if (compared) {
      console.warn(`compared build ${compareDir}: initial ${kb(compared.initialGzipBytes)} gzip = ${figures.compared?.initialJsRatio}x; registered ${compared.registeredMs} ms, first screen ${compared.firstScreenMs} ms, before UI fetched: ${compared.registeredBeforeUiFetched ? "yes" : "NO"}`);
    }
    mkdirSync(path.join(here, "results"), { recursive: true });
    writeFileSync(path.join(here, "results", "pane.json"), `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await browser.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}, 900_000);
