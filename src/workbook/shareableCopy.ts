/**
 * "Make shareable copy": a copy of a workbook in which every BUDGET.* custom-function formula is replaced
 * by its current (cached) value, so it opens without #NAME? in Excel without the add-in, Excel on the web
 * or a phone, mail previews and LibreOffice. Everything else is left as it was: the work is done on the
 * package's XML with JSZip (no round trip through a spreadsheet library), so formatting, charts, names,
 * tables, other formulas and sheets survive byte for byte.
 *
 * What is converted:
 * - cells whose formula calls a BUDGET function, written as `BUDGET.GRADECOST(...)`, with Excel's
 *   `_xldudf_` prefix (`_xldudf_BUDGET_GRADECOST(...)`, `_xldudf_BUDGET.GRADECOST`) or `_xll.` prefix;
 * - array and spilled (dynamic array) formulas: the anchor loses its formula, the spilled cells already
 *   hold their values; the dynamic-array cell metadata flag is dropped from the anchor;
 * - shared formulas whose master calls a BUDGET function: the master and every cell sharing it;
 * - defined names whose definition calls a BUDGET function are removed, and every formula using such a
 *   name is converted too (it would otherwise give #NAME? without the add-in).
 * The calculation chain (xl/calcChain.xml) is removed, as it lists formula cells that no longer exist;
 * Excel rebuilds it on open. A sheet listing every conversion (sheet, cell, original formula, value) is added
 * at the end. The bytes passed in are never modified.
 */
import JSZip from "jszip";
import { parseCellAddress, parseRangeAddress, rangeAddress } from "../core/a1";
import { uniqueSheetName } from "../core/layout";
import {
  addContentTypeOverride,
  addRelationship,
  escapeOoxmlCharRefs,
  escapeXml,
  freePartName,
  listSheetParts,
  parseAttributes,
  parseRelationships,
  readText,
  relsPathOf,
  removeContentTypeOverride,
  toUint8Array,
  unescapeXml,
  workbookPath,
} from "./xlsxParts";

export interface Conversion {
  sheet: string;
  /** A1 address of the cell (for an array formula, its anchor). */
  cell: string;
  /** The formula as it was, with a leading "=". */
  formula: string;
  /** The value the cell now holds (errors as their text, "#N/A"). */
  value: string | number | boolean | null;
  /** How the formula was stored. */
  kind: "cell" | "array" | "shared";
  /** For array formulas, the range of the result ("B2:G9"). */
  range?: string;
}

export interface ShareableCopyResult {
  /** The new workbook. */
  bytes: Uint8Array;
  /** Every cell converted, in sheet and cell order. */
  conversions: Conversion[];
  /** Defined names removed because they called a BUDGET function. */
  removedNames: string[];
  /** Name of the sheet listing the conversions. */
  listingSheet: string;
  /** Conversions whose value was an error or still being calculated (#BUSY!, #GETTING_DATA): check these. */
  warnings: string[];
}

export interface ShareableCopyOptions {
  /** Name of the listing sheet (default "Converted formulas"); made unique. */
  listingSheetName?: string;
  /** Function namespace to convert (default "BUDGET"). */
  namespace?: string;
}

function functionPattern(ns: string): RegExp {
  const n = ns.replace(/[^A-Za-z0-9_]/g, "");
  // BUDGET.X( / _xldudf_BUDGET_X( / _xldudf_BUDGET.X( / _xll.BUDGET.X(
  return new RegExp(`(?:_xldudf_|_xll\\.)?\\b${n}[._][A-Za-z0-9_.]*\\s*\\(|_xldudf_${n}`, "i");
}

/** Does a formula (without "=") call a function of the namespace? Text inside string literals is ignored. */
export function callsCustomFunction(formula: string, namespace = "BUDGET"): boolean {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return functionPattern(namespace).test(code);
}

function usesName(formula: string, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, "S!");
  return names.some((n) => new RegExp(`(^|[^A-Za-z0-9_.!\\\\])${n.replace(/[.\\]/g, "\\$&")}(?![A-Za-z0-9_.(!])`, "i").test(code));
}

function readSharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  for (const si of xml.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
    const body = si[1].replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
    let text = "";
    for (const t of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += unescapeXml(t[1]);
    out.push(decodeCharRefs(text));
  }
  return out;
}

function decodeCharRefs(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function cellValueOf(attrs: Record<string, string>, inner: string, sst: string[]): string | number | boolean | null {
  const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  const t = attrs.t ?? "n";
  if (t === "inlineStr") {
    const is = /<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? "";
    let text = "";
    for (const m of is.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += unescapeXml(m[1]);
    return decodeCharRefs(text);
  }
  if (v === undefined) return null;
  const raw = unescapeXml(v);
  if (t === "s") return sst[Number(raw)] ?? "";
  if (t === "str") return decodeCharRefs(raw);
  if (t === "b") return raw === "1" || raw.toLowerCase() === "true";
  if (t === "e") return raw;
  const n = Number(raw);
  return Number.isFinite(n) ? n : raw;
}

/** Rewrite a cell to hold its value only: drop <f>, the dynamic-array flag, and turn t="str" into an inline string. */
function valueOnlyCell(attrText: string, inner: string): string {
  let attrs = attrText.replace(/\s+cm="[^"]*"/, "").replace(/\s+vm="[^"]*"/, "");
  let body = inner.replace(/<f\b[^>]*\/>|<f\b[^>]*>[\s\S]*?<\/f>/, "");
  const t = /\st="([^"]*)"/.exec(attrs)?.[1];
  if (t === "str") {
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? "";
    attrs = attrs.replace(/\st="str"/, ' t="inlineStr"');
    body = body.replace(/<v>[\s\S]*?<\/v>/, "");
    const space = /^\s|\s$/.test(unescapeXml(v)) ? ' xml:space="preserve"' : "";
    body = `<is><t${space}>${v}</t></is>${body}`;
  }
  if (body.trim() === "") return `<c${attrs}/>`;
  return `<c${attrs}>${body}</c>`;
}

function compareCells(a: Conversion, b: Conversion): number {
  const ca = parseCellAddress(a.cell);
  const cb = parseCellAddress(b.cell);
  return ca.row - cb.row || ca.col - cb.col;
}

/**
 * Make a shareable copy of a workbook: BUDGET.* formulas replaced by their values, a listing sheet added.
 * @param xlsx the workbook's bytes (as Office.context.document.getFileAsync gives them); not modified.
 */
export async function makeShareableCopy(xlsx: Uint8Array | ArrayBuffer, options: ShareableCopyOptions = {}): Promise<ShareableCopyResult> {
  const ns = options.namespace ?? "BUDGET";
  // A private copy of the input, so nothing JSZip does can reach the caller's buffer.
  const input = toUint8Array(xlsx).slice();
  const zip = await JSZip.loadAsync(input);
  const wbPath = await workbookPath(zip);
  let wbXml = (await readText(zip, wbPath)) ?? "";
  const sheets = await listSheetParts(zip);
  const sst = readSharedStrings(await readText(zip, "xl/sharedStrings.xml"));

  // Defined names that call the add-in's functions: removed, and formulas using them converted.
  const removedNames: string[] = [];
  wbXml = wbXml.replace(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g, (whole, attrText: string, body: string) => {
    if (!callsCustomFunction(unescapeXml(body), ns)) return whole;
    removedNames.push(parseAttributes(attrText).name ?? "");
    return "";
  });
  wbXml = wbXml.replace(/<definedNames>\s*<\/definedNames>/, "");
  const needsConversion = (formula: string): boolean => callsCustomFunction(formula, ns) || usesName(formula, removedNames);

  const conversions: Conversion[] = [];
  const warnings: string[] = [];
  for (const sheet of sheets) {
    const xml = await readText(zip, sheet.path);
    if (xml === null) continue;
    // Shared formulas: which shared groups (si) have a master that must be converted.
    const sharedMasters = new Map<string, string>();
    for (const m of xml.matchAll(/<f\b([^>]*)>([\s\S]*?)<\/f>/g)) {
      const a = parseAttributes(m[1]);
      if (a.t === "shared" && a.si !== undefined && m[2] !== "") sharedMasters.set(a.si, unescapeXml(m[2]));
    }
    const convertedShared = new Set([...sharedMasters].filter(([, f]) => needsConversion(f)).map(([si]) => si));
    const sheetConversions: Conversion[] = [];
    const out = xml.replace(/<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g, (whole, attrText: string, _end: string, inner: string | undefined) => {
      if (!inner || !inner.includes("<f")) return whole;
      const fm = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(inner);
      if (!fm) return whole;
      const fAttrs = parseAttributes(fm[1]);
      const text = fm[2] !== undefined ? unescapeXml(fm[2]) : "";
      let kind: Conversion["kind"] = "cell";
      let formula = text;
      if (fAttrs.t === "shared") {
        if (fAttrs.si === undefined || !convertedShared.has(fAttrs.si)) return whole;
        kind = "shared";
        formula = text || sharedMasters.get(fAttrs.si) || "";
      } else {
        if (!needsConversion(text)) return whole;
        if (fAttrs.t === "array") kind = "array";
      }
      const attrs = parseAttributes(attrText);
      const value = cellValueOf(attrs, inner, sst);
      const conv: Conversion = { sheet: sheet.name, cell: attrs.r ?? "", formula: `=${formula}`, value, kind };
      if (kind === "array" && fAttrs.ref) conv.range = rangeAddress(parseRangeAddress(fAttrs.ref));
      if (kind === "shared" && text === "") conv.formula = `=${formula} (shared from its group's first cell; relative references shift)`;
      if (typeof value === "string" && /^#(BUSY!|GETTING_DATA|CALC!|N\/A|VALUE!|NAME\?|REF!|NUM!|DIV\/0!|NULL!|SPILL!)/.test(value)) {
        warnings.push(`${sheet.name}!${conv.cell} held ${value} when it was converted.`);
      }
      sheetConversions.push(conv);
      return valueOnlyCell(attrText, inner);
    });
    // Conditional formats and validation rules cannot hold a value instead of a formula: say so.
    for (const m of xml.matchAll(/<(formula|formula1|formula2)>([\s\S]*?)<\/\1>/g)) {
      if (needsConversion(unescapeXml(m[2]))) {
        warnings.push(`${sheet.name}: a conditional format or data validation rule uses a ${ns} function (=${unescapeXml(m[2])}); it will not work without the add-in.`);
      }
    }
    if (sheetConversions.length > 0) {
      zip.file(sheet.path, out);
      for (const c of sheetConversions.sort(compareCells)) conversions.push(c);
    }
  }

  // The calculation chain lists formula cells; converted cells would make Excel repair the file.
  if (conversions.length > 0) await removeCalcChain(zip, wbPath);

  // The listing sheet, appended last so sheet indices used by names and print settings stay valid.
  const listingSheet = uniqueSheetName(options.listingSheetName ?? "Converted formulas", sheets.map((s) => s.name));
  wbXml = await addListingSheet(zip, wbPath, wbXml, listingSheet, conversions, removedNames, ns);
  zip.file(wbPath, wbXml);

  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
  return { bytes, conversions, removedNames, listingSheet, warnings };
}

async function removeCalcChain(zip: JSZip, wbPath: string): Promise<void> {
  const relsPath = relsPathOf(wbPath);
  const rels = await readText(zip, relsPath);
  if (rels) {
    const chain = parseRelationships(rels).find((r) => r.type.endsWith("/calcChain"));
    if (chain) {
      zip.file(relsPath, rels.replace(new RegExp(`<Relationship\\b[^>]*Id="${chain.id}"[^>]*/>`), ""));
      const dir = wbPath.split("/").slice(0, -1).join("/");
      const target = chain.target.startsWith("/") ? chain.target.slice(1) : `${dir}/${chain.target}`;
      zip.remove(target);
      const types = await readText(zip, "[Content_Types].xml");
      if (types) zip.file("[Content_Types].xml", removeContentTypeOverride(types, target));
    }
  }
}

/** Add a bold font and a cell format to styles.xml; returns the new format's index (0 if styles are missing). */
async function addBoldStyle(zip: JSZip): Promise<number> {
  const path = "xl/styles.xml";
  const xml = await readText(zip, path);
  if (!xml || !/<fonts\b[^>]*>[\s\S]*?<\/fonts>/.test(xml) || !/<cellXfs\b[^>]*>[\s\S]*?<\/cellXfs>/.test(xml)) return 0;
  const fontCount = (/<fonts\b[^>]*>([\s\S]*?)<\/fonts>/.exec(xml)?.[1].match(/<font\b/g) ?? []).length;
  const xfCount = (/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1].match(/<xf\b/g) ?? []).length;
  let out = xml.replace(/<\/fonts>/, '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>');
  out = out.replace(/<fonts\b([^>]*?)count="\d+"/, `<fonts$1count="${fontCount + 1}"`);
  out = out.replace(/<\/cellXfs>/, `<xf numFmtId="0" fontId="${fontCount}" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>`);
  out = out.replace(/<cellXfs\b([^>]*?)count="\d+"/, `<cellXfs$1count="${xfCount + 1}"`);
  zip.file(path, out);
  return xfCount;
}

function inlineCell(ref: string, text: string, style: number): string {
  const s = style ? ` s="${style}"` : "";
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escapeOoxmlCharRefs(escapeXml(text))}</t></is></c>`;
}

function valueCell(ref: string, value: Conversion["value"]): string {
  if (value === null) return "";
  if (typeof value === "number") return `<c r="${ref}"><v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  return inlineCell(ref, value, 0);
}

async function addListingSheet(
  zip: JSZip,
  wbPath: string,
  wbXml: string,
  name: string,
  conversions: readonly Conversion[],
  removedNames: readonly string[],
  ns: string,
): Promise<string> {
  const bold = await addBoldStyle(zip);
  const rows: string[] = [];
  let r = 1;
  const row = (cells: string): void => {
    rows.push(`<row r="${r}">${cells}</row>`);
    r++;
  };
  row(inlineCell(`A${r}`, `Formulas using ${ns} add-in functions, replaced by their values in this copy`, bold));
  row(
    inlineCell(
      `A${r}`,
      conversions.length === 0
        ? `No ${ns} formulas were found: this copy is the same as the workbook.`
        : `${conversions.length} cell${conversions.length === 1 ? "" : "s"} converted. The original workbook keeps its formulas.`,
      0,
    ),
  );
  r++;
  row(["Sheet", "Cell", "Original formula", "Value", "How it was stored"].map((h, i) => inlineCell(`${"ABCDE"[i]}${r}`, h, bold)).join(""));
  for (const c of conversions) {
    const how = c.kind === "array" ? `Array formula over ${c.range ?? c.cell}` : c.kind === "shared" ? "Shared formula" : "Formula";
    row(inlineCell(`A${r}`, c.sheet, 0) + inlineCell(`B${r}`, c.cell, 0) + inlineCell(`C${r}`, c.formula, 0) + valueCell(`D${r}`, c.value) + inlineCell(`E${r}`, how, 0));
  }
  if (removedNames.length > 0) {
    r++;
    row(inlineCell(`A${r}`, `Names removed (they called ${ns} functions): ${removedNames.join(", ")}`, 0));
  }
  const sheetXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<dimension ref="A1:E${Math.max(1, r - 1)}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    `<cols><col min="1" max="1" width="24" customWidth="1"/><col min="2" max="2" width="10" customWidth="1"/><col min="3" max="3" width="60" customWidth="1"/><col min="4" max="4" width="18" customWidth="1"/><col min="5" max="5" width="26" customWidth="1"/></cols>` +
    `<sheetData>${rows.join("")}</sheetData>` +
    `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape"/></worksheet>`;
  const path = freePartName(zip, "xl/worksheets/sheet", ".xml");
  zip.file(path, sheetXml);
  const relsPath = relsPathOf(wbPath);
  const wbDir = wbPath.split("/").slice(0, -1).join("/");
  const relTarget = path.startsWith(`${wbDir}/`) ? path.slice(wbDir.length + 1) : `/${path}`;
  const [rels, rId] = addRelationship(await readText(zip, relsPath), "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", relTarget);
  zip.file(relsPath, rels);
  const types = (await readText(zip, "[Content_Types].xml")) ?? "";
  zip.file("[Content_Types].xml", addContentTypeOverride(types, path, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"));
  const ids = [...wbXml.matchAll(/<sheet\b[^>]*sheetId="(\d+)"/g)].map((m) => Number(m[1]));
  const sheetId = ids.reduce((m, x) => Math.max(m, x), 0) + 1;
  const el = `<sheet name="${escapeXml(name)}" sheetId="${sheetId}" r:id="${rId}"/>`;
  let out = wbXml.replace(/<\/sheets>/, `${el}</sheets>`);
  if (!/<workbook\b[^>]*xmlns:r=/.test(out)) out = out.replace(/<workbook\b/, '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"');
  return out;
}
