/**
 * The simulated Excel host for Node (vitest, bench): Office's own client from the pinned `@microsoft/office-js`
 * (`dist/excel-web-16.00.debug.js`), evaluated in a `vm` context, talking to the in-memory workbook. See ./host.ts.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import vm from "node:vm";
import { extractClientCode, parseOfficeStrings, type ClientEvaluator } from "./client";
import { createExcelHost, type ClientSource, type ExcelStandIn, type ExcelStandInOptions } from "./host";

export * from "./host";

let source: ClientSource | undefined;

/** Office's client code, cut out of the pinned package once per process and compiled once. */
export function nodeClientSource(): ClientSource {
  if (source) return source;
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve("@microsoft/office-js/dist/excel-web-16.00.debug.js"));
  const code = extractClientCode(readFileSync(join(dist, "excel-web-16.00.debug.js"), "utf8"));
  const strings = parseOfficeStrings(readFileSync(join(dist, "en-gb", "office_strings.debug.js"), "utf8"));
  const script = new vm.Script(`${code}\n;this.__client = { Excel: Excel, OfficeExtension: OfficeExtension };`, { filename: "excel-web-16.00.debug.js" });
  const evaluate: ClientEvaluator = (_code, globals) => {
    const context = vm.createContext({ ...globals, console, setTimeout, clearTimeout, Promise, JSON, Date, Math });
    script.runInContext(context);
    return (context as { __client: { Excel: unknown; OfficeExtension: unknown } }).__client;
  };
  source = { code, strings, evaluate };
  return source;
}

/** A simulated Excel host behind Office's real client (Node). */
export function createExcelStandIn(options: ExcelStandInOptions = {}): ExcelStandIn {
  return createExcelHost(nodeClientSource(), options);
}
