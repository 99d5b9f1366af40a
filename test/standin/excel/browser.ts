/**
 * The simulated Excel host in the browser (the development preview): Office's own client, fetched from the
 * development build (webpack copies `@microsoft/office-js/dist/excel-web-16.00.debug.js` and the en-GB
 * `office_strings.debug.js` to `office-js/`), cut out as in Node and evaluated with `Function`. See ./host.ts.
 */
import { extractClientCode, parseOfficeStrings, type ClientEvaluator } from "./client";
import { createExcelHost, type ClientSource, type ExcelStandIn, type ExcelStandInOptions } from "./host";

export * from "./host";

let pending: Promise<ClientSource> | undefined;

/** Office's client, fetched once per page from `base` (default: "office-js/" beside the page). */
export function browserClientSource(base = "office-js/"): Promise<ClientSource> {
  pending ??= (async () => {
    const get = async (file: string): Promise<string> => {
      const r = await fetch(base + file);
      if (!r.ok) throw new Error(`Office's Excel client could not be loaded (${file}: HTTP ${r.status}).`);
      return r.text();
    };
    const [script, stringsText] = await Promise.all([get("excel-web-16.00.debug.js"), get("office_strings.debug.js")]);
    const code = extractClientCode(script);
    const factory = new Function("window", "document", "navigator", "Office", "Strings", `${code}\nreturn { Excel: Excel, OfficeExtension: OfficeExtension };`) as (
      ...args: unknown[]
    ) => { Excel: unknown; OfficeExtension: unknown };
    const evaluate: ClientEvaluator = (_code, g) => factory.call({}, g.window, g.document, g.navigator, g.Office, g.Strings);
    return { code, strings: parseOfficeStrings(stringsText), evaluate };
  })();
  return pending;
}

/** A simulated Excel host behind Office's real client (browser). */
export async function createBrowserExcelHost(options: ExcelStandInOptions = {}): Promise<ExcelStandIn> {
  return createExcelHost(await browserClientSource(), options);
}
