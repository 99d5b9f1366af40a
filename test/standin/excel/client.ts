/**
 * Office's own Excel client (the `OfficeExtension` and `Excel` namespaces of `@microsoft/office-js`,
 * `dist/excel-web-16.00.debug.js`), cut out of the pinned file at run time and evaluated with small
 * `window`/`document`/`navigator` shims. Everything on the client side of the wire (proxies, load/sync rules,
 * PropertyNotLoaded, null objects, request JSON, error objects) is Office's code; only the request executor,
 * which answers each `sync()`, is ours (./executor.ts). No Node-only modules: the browser preview uses it too.
 */

/** What a host passes to Office's client for one instance of it. */
export interface ClientShims {
  /** `window.Office.context.requirements.isSetSupported`, as the simulated host answers it. */
  isSetSupported(name: string, version?: string): boolean;
  /** Office's localised strings (`Strings.OfficeOM.L_*`), so error messages read as in Office. */
  strings: Record<string, string>;
}

/** One evaluated copy of Office's client. */
export interface OfficeClient {
  Excel: typeof Excel;
  OfficeExtension: typeof OfficeExtension;
  /** The global `Office` shim the client consults (requirements only). */
  Office: { context: { requirements: { isSetSupported(name: string, version?: string): boolean } } };
}

/** Evaluates the client's code once per host (Node: `vm`; browser: `Function`). */
export type ClientEvaluator = (code: string, globals: Record<string, unknown>) => { Excel: unknown; OfficeExtension: unknown };

/**
 * The lines of the debug build that hold `OfficeExtension` (from its `__extends` helper) through the end of the
 * `Excel` namespace (`var _EndExcel`). Found by their opening and closing lines, not by line numbers.
 */
export function extractClientCode(source: string): string {
  const lines = source.split("\n");
  const opening = lines.findIndex((l, i) => l.startsWith("var OfficeExtension;") && lines[i + 1]?.startsWith("(function (OfficeExtension)") && lines[i + 2]?.includes("var _Internal;"));
  if (opening < 0) throw new Error("excel-web-16.00.debug.js: the OfficeExtension namespace was not found (office-js version changed?).");
  let start = opening;
  while (start > 0 && !lines[start].startsWith("var __extends")) start--;
  const end = lines.findIndex((l, i) => i > opening && l.startsWith("var _EndExcel"));
  if (end < 0) throw new Error("excel-web-16.00.debug.js: the end of the Excel namespace was not found.");
  return `${lines.slice(start, end + 1).join("\n")}\n`;
}

/** `Strings.OfficeOM.L_x='...'` lines of office_strings.debug.js, as a map. */
export function parseOfficeStrings(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /Strings\.OfficeOM\.(L_\w+)\s*=\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const raw = m[2];
    const body = raw.slice(1, -1);
    out[m[1]] = body.replace(/\\(.)/g, "$1");
  }
  return out;
}

/** A fresh client instance whose `window.Office` answers requirement checks through `shims`. */
export function instantiateClient(code: string, evaluate: ClientEvaluator, shims: ClientShims): OfficeClient {
  const Office = { context: { requirements: { isSetSupported: (name: string, version?: string) => shims.isSetSupported(name, version) } } };
  const Strings = { OfficeOM: { ...shims.strings } };
  const window: Record<string, unknown> = { Office, Strings };
  window.window = window;
  const document = { cookie: "", documentMode: undefined, addEventListener: () => undefined, readyState: "complete" };
  const navigator = { userAgent: "Mozilla/5.0 (simulated Excel host)", language: "en-GB" };
  const ns = evaluate(code, { window, document, navigator, Office, Strings });
  return { Excel: ns.Excel as typeof Excel, OfficeExtension: ns.OfficeExtension as typeof OfficeExtension, Office };
}

/**
 * The requirement set and version Office's client states for each member it guards with
 * `_throwIfApiNotSupported("Class.member", _defaultApiSetName | "SetName", "1.x", ...)`, e.g.
 * "Range.getMergedAreasOrNullObject" -> { set: "ExcelApi", version: "1.13" }. Read from the client's own code.
 */
export function apiSetTable(code: string): Map<string, { set: string; version: string }> {
  const out = new Map<string, { set: string; version: string }>();
  const begin = code.indexOf('var _BeginExcel');
  const excel = begin >= 0 ? code.slice(begin) : code;
  const re = /_throwIfApiNotSupported\("([\w.]+)", (_defaultApiSetName|"\w+"), "([\d.]+)"/g;
  for (let m = re.exec(excel); m; m = re.exec(excel)) {
    const set = m[2] === "_defaultApiSetName" ? "ExcelApi" : m[2].slice(1, -1);
    if (!out.has(m[1])) out.set(m[1], { set, version: m[3] });
  }
  return out;
}

/** "1.13" > "1.9": compare dotted versions numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
