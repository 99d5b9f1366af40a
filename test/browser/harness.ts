/**
 * Real-browser harness: Debian's Chromium driven by playwright-core, against the BUILT pages in dist/ served over
 * HTTPS on localhost by the project's own server (scripts/serve.mjs). Office's script is served from the npm
 * package (@microsoft/office-js) by routing its CDN URL to local files, so the page under test is the production
 * page, unchanged; every other outside request is blocked (nothing leaves the machine).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
export const DIST = path.join(ROOT, "dist");
export const RESULTS = path.join(ROOT, "test-results");
const OFFICE_JS_DIR = path.join(ROOT, "node_modules/@microsoft/office-js/dist");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

interface Server {
  url: string;
  close(): Promise<void>;
}

export interface Harness {
  browser: Browser;
  server: Server;
  baseUrl: string;
  profileDir: string;
  close(): Promise<void>;
}

export function assertBuilt(): void {
  for (const f of ["taskpane.html", "taskpane.js", "preview.html", "preview.js", "functions.json"]) {
    if (!existsSync(path.join(DIST, f))) throw new Error(`dist/${f} is missing: run "npm run build:dev" before the browser tests (npm test does).`);
  }
}

export async function startHarness(): Promise<Harness> {
  assertBuilt();
  mkdirSync(RESULTS, { recursive: true });
  const serve = (await import("../../scripts/serve.mjs")) as { startServer(o: { root: string; port: number; quiet: boolean }): Promise<Server> };
  const server = await serve.startServer({ root: DIST, port: 0, quiet: true });
  // A fresh profile for every run; Playwright's launch() also starts from a new temporary profile.
  const profileDir = mkdtempSync(path.join(tmpdir(), "budget-tools-chromium-"));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS, `--disk-cache-dir=${path.join(profileDir, "cache")}`] });
  return {
    browser,
    server,
    baseUrl: server.url,
    profileDir,
    async close() {
      await browser.close();
      await server.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

export interface PageProblems {
  pageErrors: string[];
  consoleErrors: string[];
  /** Requests to the local server that failed or returned an error status. */
  localFailures: string[];
  /** Outside requests (blocked): expected offline ones such as Office's telemetry. */
  outside: string[];
}

export interface OpenOptions {
  colorScheme?: "light" | "dark";
  /** Make office.js fail to load (to test the pane's fallback). */
  blockOfficeJs?: boolean;
  /** Serve this script instead of Office's office.js (a stub Office whose start-up the test controls). */
  officeJsStub?: string;
  viewport?: { width: number; height: number };
}

export async function openContext(h: Harness, options: OpenOptions = {}): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await h.browser.newContext({
    ignoreHTTPSErrors: true,
    colorScheme: options.colorScheme ?? "light",
    viewport: options.viewport ?? { width: 1400, height: 900 },
    locale: "en-GB",
    acceptDownloads: true,
  });
  const problems: PageProblems = { pageErrors: [], consoleErrors: [], localFailures: [], outside: [] };
  const local = new URL(h.baseUrl).origin;
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(local) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    if (url.startsWith(OFFICE_CDN) && options.officeJsStub !== undefined) {
      return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: options.officeJsStub });
    }
    if (url.startsWith(OFFICE_CDN) && !options.blockOfficeJs) {
      const rel = decodeURIComponent(new URL(url).pathname.slice(new URL(OFFICE_CDN).pathname.length));
      const file = path.resolve(OFFICE_JS_DIR, rel);
      if (file.startsWith(OFFICE_JS_DIR + path.sep) && existsSync(file)) {
        return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: readFileSync(file) });
      }
    }
    problems.outside.push(url);
    return route.abort("internetdisconnected");
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") problems.consoleErrors.push(m.text());
  });
  page.on("requestfailed", (r) => {
    if (r.url().startsWith(local)) problems.localFailures.push(`${r.url()} ${r.failure()?.errorText ?? ""}`);
  });
  page.on("response", (r) => {
    if (r.url().startsWith(local) && r.status() >= 400 && !r.url().endsWith("/favicon.ico")) problems.localFailures.push(`${r.url()} ${r.status()}`);
  });
  return { context, page, problems };
}

/** Console errors other than the expected offline ones (blocked outside requests). */
export function unexpectedConsoleErrors(p: PageProblems): string[] {
  return p.consoleErrors.filter((e) => !/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(e) || p.outside.length === 0);
}

/** Call the preview page's test API (`window.budgetPreview[fn](...args)`) and return its result. */
export async function api<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([name, rest]) => {
    const p = (window as unknown as { budgetPreview: Record<string, (...a: unknown[]) => unknown> }).budgetPreview;
    return p[name as string](...(rest as unknown[]));
  }, [fn, args] as const) as Promise<T>;
}

/** Run Excel JavaScript API code in the page (as `Excel.run(async (ctx) => { script })`), against the preview's in-memory workbook. */
export async function excel(page: Page, script: string): Promise<unknown> {
  return page.evaluate(async (body) => {
    const Excel = (globalThis as unknown as { Excel: typeof globalThis.Excel }).Excel;
    const fn = new Function("Excel", `return Excel.run(async (ctx) => { ${body} });`) as (e: unknown) => Promise<unknown>;
    return fn(Excel);
  }, script);
}

/** axe-core's script, to add to a page under test. */
export const AXE = readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

/**
 * Violations from Fluent UI itself, not the add-in: Tabster's focus-trap dummies inside TabList
 * (`<i tabindex="0" aria-hidden="true" data-tabster-dummy>`, axe aria-hidden-focus): microsoft/tabster#288, microsoft/fluentui#25133 (TabList).
 */
const FLUENT_KNOWN = (html: string): boolean => html.includes("data-tabster-dummy");

interface AxeNode {
  html: string;
  target: string[];
}
interface AxeViolation {
  id: string;
  nodes: AxeNode[];
}

/** axe (added with AXE) on the preview's pane and any open dialog: violations in the add-in's own markup. */
export async function axeViolations(page: Page): Promise<string[]> {
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const include: string[][] = [["aside.pv-pane"]];
    if (document.querySelector(".fui-DialogSurface")) include.push([".fui-DialogSurface"]);
    const r = await axe.run({ include }, { rules: { "label-content-name-mismatch": { enabled: true } } });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ html: n.html, target: n.target })) }));
  });
  return violations.flatMap((v) => v.nodes.filter((n) => !FLUENT_KNOWN(n.html)).map((n) => `${v.id}: ${n.html.slice(0, 160)}`));
}
