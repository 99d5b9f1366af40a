/**
 * "Make shareable copy": a copy of a workbook in which every BUDGET.* custom-function formula is replaced
 * by its current (cached) value, so it opens without #NAME? in Excel without the add-in, Excel on the web
 * or a phone, mail previews and LibreOffice. Everything else is left as it was: parts that need no change
 * are copied byte for byte, and the parts that do (sheets holding converted cells, the workbook part, tables)
 * are edited as XML documents.
 *
 * Built on a real XML parser (@xmldom/xmldom: maintained, pure JavaScript, no entity expansion from outside
 * the document; it also parses namespace-prefixed SpreadsheetML such as `<x:c><x:f>`) and on the formula
 * tokenizer in src/core/formulaTokens (what a formula calls is read from its tokens, so a sheet named
 * 'BUDGET.2024 (draft)', a sheet 'x _xldudf_BUDGET' or a user's LAMBDA name BUDGET_CALC is not a call).
 *
 * What is converted:
 * - cells whose formula calls a BUDGET function, written as `BUDGET.GRADECOST(...)`, with Excel's
 *   `_xldudf_` prefix (`_xldudf_BUDGET_GRADECOST(...)`, `_xldudf_BUDGET.GRADECOST`) or `_xll.` prefix;
 * - array and spilled (dynamic array) formulas: the anchor loses its formula, the spilled cells already
 *   hold their values; the dynamic-array cell metadata flag is dropped from the anchor; other formulas'
 *   references to the spill (D4#, stored as _xlfn.ANCHORARRAY(D4)) become the range it covered (D4:E4);
 * - shared formulas: each cell's own formula is worked out from its group's first cell (references shifted
 *   as Excel fills), and a group is converted when its formula calls a BUDGET function, whatever is around it;
 * - defined names (workbook-level and sheet-level) whose definition calls a BUDGET function, or uses a name
 *   removed for that reason (followed transitively: Cost2 = Cost*2), are removed, and every formula using one
 *   (`Cost`, `Sheet1!Rate`) is converted too;
 * - table calculated-column and totals-row formulas that call BUDGET: removed from the table (its cells are
 *   converted like any other).
 * What cannot be converted is reported in plain words in `warnings`: conditional formats (both the classic
 * and the Excel 2010 x14 kind), data validation rules, and chart series or titles that use a BUDGET function
 * or a removed name.
 * The calculation chain (xl/calcChain.xml) is removed, as it lists formula cells that no longer exist;
 * Excel rebuilds it on open. A sheet listing every conversion (sheet, cell, original formula, value) is added
 * at the end. The bytes passed in are never modified.
 */
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import JSZip from "jszip";
import { columnLetters, parseCellAddress, parseRangeAddress, rangeAddress, type CellRef, type RangeRef } from "../core/a1";
import { uniqueSheetName } from "../core/layout";
import { OUTPUT_MARKER } from "../core/outputMarker";
import { isCellAddress, shiftFormula, tokenizeFormula, type FormulaToken } from "../core/formulaTokens";
import { readSharedStrings, workbookPartOf } from "./readXlsx";
import { formatBytes, SAVE_AS, openXlsxPackage, XlsxReadError, type XlsxPackage } from "./xlsxPackage";
import {
  addContentTypeOverride,
  addRelationship,
  decodeOoxmlCharRefs,
  freePartName,
  parseRelationships,
  relsPathOf,
  removeContentTypeOverride,
  resolveTarget,
  sheetPartsOf,
  type SheetPart,
  toUint8Array,
  xmlAttr,
} from "./xlsxParts";
import { MalformedXmlError, XmlStream } from "./xmlStream";
import { textElement } from "./xlsxWriter";

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
  /** Defined names removed because they called a BUDGET function (sheet-level ones as "Sheet!Name"). */
  removedNames: string[];
  /** Name of the sheet listing the conversions. */
  listingSheet: string;
  /** What needs a person's attention: error values converted, and BUDGET uses that could not be converted. */
  warnings: string[];
}

export interface ShareableCopyOptions {
  /** Name of the listing sheet (default "Converted formulas"); made unique. */
  listingSheetName?: string;
  /** Function namespace to convert (default "BUDGET"). */
  namespace?: string;
}

/** Is this function name (as the tokenizer gives it, any case) one of the namespace's custom functions? */
function isNamespaceFunction(name: string, ns: string): boolean {
  const n = ns.toUpperCase();
  const f = name.toUpperCase().replace(/^_XLL\./, "");
  return f.startsWith(`${n}.`) || f.startsWith(`_XLDUDF_${n}_`) || f.startsWith(`_XLDUDF_${n}.`) || f === `_XLDUDF_${n}`;
}

function callsIn(tokens: readonly FormulaToken[], ns: string): boolean {
  return tokens.some((t) => (t.kind === "func" || t.kind === "name") && !t.sheet && !t.book && isNamespaceFunction(t.local ?? t.text, ns) && (t.kind === "func" || /^_XLDUDF_/i.test(t.local ?? "")));
}

/** Does a formula (without "=") call a function of the namespace? Text in strings and sheet names is not a call. */
export function callsCustomFunction(formula: string, namespace = "BUDGET"): boolean {
  return callsIn(tokenizeFormula(formula), namespace);
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

function parseXml(xml: string, part: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (m: string) => errors.push(m),
      fatalError: (m: string) => errors.push(m),
    },
  }).parseFromString(xml, "text/xml");
  if (errors.length > 0 || !doc.documentElement) throw new XlsxReadError(`The workbook's part ${part} is not well-formed XML (${errors[0] ?? "empty"}): it cannot be converted safely.`);
  return doc;
}

/**
 * A document as XML text. A carriage return in a text node or attribute value came from a character reference
 * (&#13;) in the part (XML 1.0 §2.11: a parser turns a literal CR or CR LF into a line feed, so none survives
 * parsing otherwise); xmldom writes it back as a literal CR, which Excel would read as a line feed. So every CR
 * is written as &#13; again (XML 1.0 §4.1), which text and attribute values both accept.
 */
function serializeXml(doc: Document): string {
  const xml = new XMLSerializer().serializeToString(doc);
  return xml.includes("\r") ? xml.replace(/\r/g, "&#13;") : xml;
}

/** Every element under root, in document order (a work list, not recursion). */
function elements(root: Node): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType === 1) out.push(n as Element);
    const kids = n.childNodes as NodeListOf<ChildNode> | null;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids.item(i) as Node);
  }
  return out;
}

function childrenNamed(el: Element, local: string): Element[] {
  const out: Element[] = [];
  const kids = el.childNodes;
  for (let i = 0; i < kids.length; i++) {
    const k = kids.item(i) as Node;
    if (k.nodeType === 1 && (k as Element).localName === local) out.push(k as Element);
  }
  return out;
}

function textOf(el: Element | undefined): string {
  return el?.textContent ?? "";
}

function ancestorNamed(el: Element, names: readonly string[]): string | null {
  let p = el.parentNode as Node | null;
  while (p && p.nodeType === 1) {
    const l = (p as Element).localName;
    if (l && names.includes(l)) return l;
    p = p.parentNode as Node | null;
  }
  return null;
}

interface NameDef {
  name: string;
  /** Sheet index (localSheetId) or null for workbook-level. */
  scope: number | null;
  tokens: FormulaToken[];
  text: string;
  el: Element;
}

/** Names in scope: sheet-level ones by "index|NAME", workbook-level by "|NAME". */
class NameScope {
  constructor(
    private readonly removed: Set<string>,
    private readonly defined: Set<string>,
    private readonly sheetIndex: Map<string, number>,
  ) {}

  private key(scope: number | null, name: string): string {
    return `${scope ?? ""}|${name.toUpperCase()}`;
  }

  /** Does a formula written in `context` (a sheet index, or null for the workbook) use a removed name? */
  usesRemoved(tokens: readonly FormulaToken[], context: number | null): boolean {
    if (this.removed.size === 0) return false;
    for (const t of tokens) {
      if (t.kind !== "name" || t.book) continue;
      const local = t.local ?? t.text;
      if (t.sheet) {
        const idx = this.sheetIndex.get(t.sheet.toUpperCase());
        if (idx !== undefined && this.removed.has(this.key(idx, local))) return true;
        if (idx !== undefined && this.defined.has(this.key(idx, local))) continue;
        if (this.removed.has(this.key(null, local))) return true;
        continue;
      }
      if (context !== null && this.defined.has(this.key(context, local))) {
        if (this.removed.has(this.key(context, local))) return true;
        continue;
      }
      if (this.removed.has(this.key(null, local))) return true;
    }
    return false;
  }

  remove(def: NameDef): void {
    this.removed.add(this.key(def.scope, def.name));
  }

  static keyOf(def: NameDef): string {
    return `${def.scope ?? ""}|${def.name.toUpperCase()}`;
  }
}

function cellValueOf(c: Element, sst: readonly string[]): string | number | boolean | null {
  const t = c.getAttribute("t") || "n";
  if (t === "inlineStr") {
    const is = childrenNamed(c, "is")[0];
    if (!is) return "";
    return decodeOoxmlCharRefs(elements(is).filter((e) => e.localName === "t" && ancestorNamed(e, ["rPh"]) === null).map((e) => e.textContent ?? "").join(""));
  }
  const v = childrenNamed(c, "v")[0];
  if (!v) return null;
  const raw = v.textContent ?? "";
  if (t === "s") return sst[Number(raw)] ?? "";
  if (t === "str") return decodeOoxmlCharRefs(raw);
  if (t === "b") return raw === "1" || raw.toLowerCase() === "true";
  if (t === "e") return raw;
  const n = Number(raw);
  return Number.isFinite(n) ? n : raw;
}

/** Make a cell hold its value only: drop <f>, the dynamic-array flags, and turn t="str" into an inline string. */
function makeValueOnly(doc: Document, c: Element): void {
  for (const f of childrenNamed(c, "f")) c.removeChild(f);
  c.removeAttribute("cm");
  c.removeAttribute("vm");
  if (c.getAttribute("t") === "str") {
    const v = childrenNamed(c, "v")[0];
    const text = v?.textContent ?? "";
    if (v) c.removeChild(v);
    c.setAttribute("t", "inlineStr");
    const ns = c.namespaceURI ?? MAIN_NS;
    const prefix = c.prefix ? `${c.prefix}:` : "";
    const is = doc.createElementNS(ns, `${prefix}is`);
    const t = doc.createElementNS(ns, `${prefix}t`);
    if (/^\s|\s$/.test(text)) t.setAttribute("xml:space", "preserve");
    t.appendChild(doc.createTextNode(text));
    is.appendChild(t);
    c.insertBefore(is, c.firstChild);
  }
}

/** A cell reference ("B7", "$B$7") as a position, or null when it is not one (or is outside the sheet). */
function cellAt(ref: string | null): CellRef | null {
  if (ref === null || !isCellAddress(ref.trim())) return null;
  try {
    const at = parseCellAddress(ref);
    return at.row < 1048576 && at.col < 16384 ? at : null;
  } catch {
    return null;
  }
}

/** A range reference ("B2:G9") as a range, or null when it is not one. */
function rangeAt(ref: string | null): RangeRef | null {
  if (!ref) return null;
  const [a, b, more] = ref.split(":");
  if (more !== undefined || !cellAt(a) || (b !== undefined && !cellAt(b))) return null;
  return parseRangeAddress(ref);
}

function addressOf(at: CellRef): string {
  return `${columnLetters(at.col)}${at.row + 1}`;
}

/**
 * Each cell's position in a worksheet (cells are <c> elements in a <row> of <sheetData>). A row's r attribute
 * (ECMA-376 Part 1 §18.3.1.73) and a cell's r attribute (§18.3.1.4) are optional: a row without one is the row
 * after the previous row, and a cell without one is the cell after the previous cell of its row (as Excel and
 * readXlsx read them). An r that is not a reference is read as absent.
 */
function cellPositions(all: readonly Element[], sheet: string): Map<Element, CellRef> {
  const out = new Map<Element, CellRef>();
  let row = -1;
  let col = -1;
  for (const e of all) {
    const parent = (e.parentNode as Element | null)?.localName;
    if (e.localName === "row" && parent === "sheetData") {
      const r = Number(e.getAttribute("r") ?? "");
      row = Number.isInteger(r) && r >= 1 && r <= 1048576 ? r - 1 : row + 1;
      col = -1;
    } else if (e.localName === "c" && parent === "row") {
      const at = cellAt(e.getAttribute("r"));
      if (at) {
        row = at.row;
        col = at.col;
      } else col++;
      if (row < 0) row = 0;
      if (col > 16383 || row > 1048575) throw new XlsxReadError(`The sheet "${sheet}" has a cell beyond column XFD or row 1048576: the file is damaged. ${SAVE_AS}`);
      out.set(e, { row, col });
    }
  }
  return out;
}

function compareCells(a: Conversion, b: Conversion): number {
  const ca = parseCellAddress(a.cell);
  const cb = parseCellAddress(b.cell);
  return ca.row - cb.row || ca.col - cb.col;
}

const ERROR_RE = /^#(BUSY!|GETTING_DATA|CALC!|N\/A|VALUE!|NAME\?|REF!|NUM!|DIV\/0!|NULL!|SPILL!)/;

/** Ranges of converted array formulas by "SHEET|row|col" of their anchor (sheet name upper-cased). */
type SpillRanges = Map<string, RangeRef>;

function spillKey(sheet: string, at: CellRef): string {
  return `${sheet.toUpperCase()}|${at.row}|${at.col}`;
}

/** The range a reference to a converted spill's anchor stands for, written with the reference's own prefix and $ signs; null if it is not one. */
function spillRange(t: FormulaToken | undefined, context: string | null, spills: SpillRanges): string | null {
  if (!t || t.kind !== "ref" || t.book || t.local === undefined || !isCellAddress(t.local)) return null;
  const sheet = t.sheet || context;
  if (!sheet) return null;
  const range = spills.get(spillKey(sheet, parseCellAddress(t.local)));
  if (!range) return null;
  const dollars = /^(\$?)[A-Za-z]+(\$?)\d+$/.exec(t.local);
  const corner = (row: number, col: number): string => `${dollars?.[1] ?? ""}${columnLetters(col)}${dollars?.[2] ?? ""}${row + 1}`;
  const start = corner(range.row, range.col);
  const end = range.rowCount === 1 && range.colCount === 1 ? "" : `:${corner(range.row + range.rowCount - 1, range.col + range.colCount - 1)}`;
  return `${t.text.slice(0, t.text.length - t.local.length)}${start}${end}`;
}

/**
 * A formula with every spill reference to a converted array formula (`_xlfn.ANCHORARRAY(D4)`, as the file
 * stores D4#, or a literal D4#) replaced by the range the spill covered. D4# stands for the spill range of
 * the formula in D4 (Microsoft support, "Spilled range operator":
 * https://support.microsoft.com/office/spilled-range-operator-3dd5899f-bca2-4b9d-a172-3eae9ac22efd); a
 * converted cell holds a value and spills nothing, so the reference would give #REF! (as Telerik's
 * AnchorArrayExpression documents for _xlfn.ANCHORARRAY on an operand that is not an array:
 * https://www.telerik.com/document-processing-libraries/documentation/api/telerik.documents.spreadsheet.expressions.anchorarrayexpression).
 * `context` is the sheet the formula is on (null for a workbook-level name).
 */
export function rewriteSpillReferences(formula: string, context: string | null, spills: SpillRanges): string {
  if (spills.size === 0 || !/ANCHORARRAY|#/i.test(formula)) return formula;
  const tokens = tokenizeFormula(formula);
  let out = "";
  let changed = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === "func" && !t.sheet && /^(_xlfn\.)?ANCHORARRAY$/i.test(t.local ?? t.text) && tokens[i + 1]?.kind === "open") {
      let j = i + 2;
      while (tokens[j]?.kind === "ws") j++;
      let k = j + 1;
      while (tokens[k]?.kind === "ws") k++;
      const range = spillRange(tokens[j], context, spills);
      if (range !== null && tokens[k]?.kind === "close") {
        out += range;
        i = k;
        changed = true;
        continue;
      }
    }
    if (t.kind === "ref" && tokens[i + 1]?.kind === "op" && tokens[i + 1].text === "#") {
      const range = spillRange(t, context, spills);
      if (range !== null) {
        out += range;
        i++;
        changed = true;
        continue;
      }
    }
    out += t.text;
  }
  return changed ? out : formula;
}

/**
 * Spill references to converted array formulas, in a sheet's cell formulas and rules, rewritten in place.
 * A shared formula group any of whose cells would change is unshared (each cell given its own formula), as
 * the range is right for the cell that pointed at the spill but would shift wrongly for the others.
 * Returns whether anything changed.
 */
function rewriteSheetSpillReferences(all: readonly Element[], positions: ReadonlyMap<Element, CellRef>, sheet: string, spills: SpillRanges): boolean {
  if (spills.size === 0) return false;
  let changed = false;
  const groups = new Map<string, { c: Element; f: Element; at: CellRef }[]>();
  for (const e of all) {
    if (e.localName === "c") {
      const f = childrenNamed(e, "f")[0];
      if (!f) continue;
      const at = positions.get(e);
      if (f.getAttribute("t") === "shared" && at) {
        const si = f.getAttribute("si") ?? "";
        const list = groups.get(si) ?? [];
        list.push({ c: e, f, at });
        groups.set(si, list);
        continue;
      }
      const text = textOf(f);
      const next = rewriteSpillReferences(text, sheet, spills);
      if (next !== text) {
        f.textContent = next;
        changed = true;
      }
    } else if (isRuleFormula(e)) {
      const text = textOf(e);
      const next = rewriteSpillReferences(text, sheet, spills);
      if (next !== text) {
        e.textContent = next;
        changed = true;
      }
    }
  }
  for (const members of groups.values()) {
    const master = members.find((m) => textOf(m.f) !== "");
    if (!master) continue;
    const own = members.map((m) => shiftFormula(textOf(master.f), m.at.row - master.at.row, m.at.col - master.at.col));
    const rewritten = own.map((text) => rewriteSpillReferences(text, sheet, spills));
    if (rewritten.every((text, i) => text === own[i])) continue;
    members.forEach((m, i) => {
      for (const a of ["t", "si", "ref"]) m.f.removeAttribute(a);
      m.f.textContent = rewritten[i];
    });
    changed = true;
  }
  return changed;
}


/**
 * A part that must be edited (a sheet holding BUDGET formulas, the workbook part, a table, a chart) is parsed
 * into a document, which takes about 110 times the part's size in memory (a 31 MB sheet of 200,000 budget
 * lines took 3.4 GB); so such a part may be at most this big (about 100,000 budget lines). Sheets with nothing
 * to convert have no limit here beyond the package's (XLSX_LIMITS): they are only scanned.
 */
export const SHAREABLE_COPY_LIMITS = { editedPartBytes: 16 * 2 ** 20 } as const;

/** Refuse, in a sentence, a part too big to parse and edit (`what`: 'The sheet "Costs"', 'The part xl/workbook.xml'). */
function refuseIfTooBig(what: string, bytes: number): void {
  if (bytes <= SHAREABLE_COPY_LIMITS.editedPartBytes) return;
  throw new XlsxReadError(
    `${what} is too big to convert here: it holds ${formatBytes(bytes)} of cells and formulas, more than the ${formatBytes(SHAREABLE_COPY_LIMITS.editedPartBytes)} a sheet with BUDGET formulas can have (about 100,000 budget lines). Split it into smaller sheets, or in Excel copy the add-in's cells and paste them as values, then try again.`,
  );
}

/** Elements of a worksheet whose text is a formula: a cell's <f>, x14 rules' <xm:f>, conditional format and data validation rules. */
const FORMULA_ELEMENTS = new Set(["f", "formula", "formula1", "formula2"]);

/** A formula element outside a cell: a conditional format's, a data validation's or an x14 rule's (not a cell's <f>). */
function isRuleFormula(e: Element): boolean {
  return FORMULA_ELEMENTS.has(e.localName ?? "") && (e.parentNode as Element | null)?.localName !== "c";
}

/** Thrown from the scan's handler to stop inflating a sheet once the answer is known. */
class ScanDone extends Error {}

interface SheetScan {
  /** A formula (of a cell or a rule) calls the add-in or uses a removed name: the sheet is parsed and edited. */
  convert: boolean;
  /** A formula may refer to a spill (ANCHORARRAY, or #): the sheet is parsed if a converted array formula spilled. */
  spill: boolean;
}

/**
 * Scan a sheet's formulas as the part is inflated, with the reader's streaming scanner (src/workbook/xmlStream.ts):
 * nothing is kept but the two answers, so a sheet of any size within the limits costs about what reading it
 * does, and a sheet with nothing to convert is never parsed into a document (which takes some 80 times the
 * sheet's size in memory). Stops as soon as the sheet is known to need converting.
 */
async function scanSheet(pkg: XlsxPackage, sheet: SheetPart, needs: (formula: string) => boolean): Promise<SheetScan> {
  const scan: SheetScan = { convert: false, spill: false };
  let collecting = false;
  let text = "";
  const xs = new XmlStream({
    open(name, _tag, selfClosing) {
      if (FORMULA_ELEMENTS.has(name) && !selfClosing) {
        collecting = true;
        text = "";
      }
    },
    close(name) {
      if (!collecting || !FORMULA_ELEMENTS.has(name)) return;
      collecting = false;
      if (!scan.spill && /ANCHORARRAY|#/i.test(text)) scan.spill = true;
      if (needs(text)) {
        scan.convert = true;
        throw new ScanDone();
      }
    },
    text(t) {
      text += t;
    },
    wantText: () => collecting,
  });
  try {
    await pkg.stream(sheet.path, (t) => xs.write(t));
    xs.end();
  } catch (e) {
    if (e instanceof ScanDone) return scan;
    if (e instanceof XlsxReadError) throw e;
    throw new XlsxReadError(`The sheet "${sheet.name}" is damaged and cannot be read (${e instanceof Error ? e.message : String(e)}). ${SAVE_AS}`);
  }
  return scan;
}

/**
 * The package's parts as the copy sees them: the original ones read through the package layer (which checks
 * every part against its declared size and the limits as it inflates), with this copy's edits over them.
 * Every edit also goes into the zip that is written out; parts never edited keep their compressed bytes.
 */
class Parts {
  private readonly edited = new Map<string, string | null>();

  constructor(private readonly pkg: XlsxPackage) {}

  get zip(): JSZip {
    return this.pkg.zip;
  }

  /**
   * A part's name as the zip spells it: relationships may name "xl/worksheets/sheet1.xml" for the entry
   * "XL/Worksheets/Sheet1.xml" (part names compare without regard to ASCII case, ECMA-376 Part 2, 9.1.1.1), and an
   * edit must replace that entry, not add a second one beside it.
   */
  private named(path: string): string {
    return this.pkg.nameOf(path) ?? path;
  }

  async text(path: string): Promise<string | null> {
    const e = this.edited.get(this.named(path));
    return e !== undefined ? e : this.pkg.text(path);
  }

  /** The text of a sheet to be parsed and edited, refused before it is inflated when too big for that. */
  async sheetToEdit(sheet: SheetPart): Promise<string | null> {
    if (this.pkg.has(sheet.path)) refuseIfTooBig(`The sheet "${sheet.name}"`, this.pkg.size(sheet.path).uncompressed);
    return this.text(sheet.path);
  }

  write(path: string, text: string): void {
    const name = this.named(path);
    this.edited.set(name, text);
    this.pkg.zip.file(name, text);
  }

  remove(path: string): void {
    const name = this.named(path);
    this.edited.set(name, null);
    this.pkg.zip.remove(name);
  }

  /** The original package's parts whose path matches. */
  originals(re: RegExp): string[] {
    return [...this.pkg.paths].filter((p) => re.test(p)).sort();
  }
}

/**
 * Make a shareable copy of a workbook: BUDGET.* formulas replaced by their values, a listing sheet added.
 * Rejects with XlsxReadError, in a sentence, when the bytes are not an .xlsx workbook (the same sentences as
 * readXlsx), are over the package limits (XLSX_LIMITS) or are damaged.
 * @param xlsx the workbook's bytes (as Office.context.document.getFileAsync gives them); not modified.
 */
export async function makeShareableCopy(xlsx: Uint8Array | ArrayBuffer, options: ShareableCopyOptions = {}): Promise<ShareableCopyResult> {
  try {
    return await shareableCopy(xlsx, options);
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    if (e instanceof MalformedXmlError) throw new XlsxReadError(`This file is damaged: one of its parts is not well-formed XML. ${SAVE_AS}`);
    throw new XlsxReadError(`This file could not be converted: it is damaged or holds something a workbook saved by Excel does not (${e instanceof Error ? e.message : String(e)}). ${SAVE_AS}`);
  }
}

async function shareableCopy(xlsx: Uint8Array | ArrayBuffer, options: ShareableCopyOptions): Promise<ShareableCopyResult> {
  const ns = options.namespace ?? "BUDGET";
  // A private copy of the input, so nothing JSZip does can reach the caller's buffer. Opened through the
  // package layer readXlsx uses: file kind, size and zip-bomb checks before anything is inflated.
  const pkg = await openXlsxPackage(toUint8Array(xlsx).slice());
  const parts = new Parts(pkg);
  const zip = pkg.zip;
  const wbPath = await workbookPartOf(pkg);
  let wbXml = (await parts.text(wbPath)) ?? "";
  const wbRels = (await parts.text(relsPathOf(wbPath))) ?? "";
  const sheets = sheetPartsOf(wbPath, wbXml, wbRels);
  const sstRel = parseRelationships(wbRels).find((r) => r.type?.endsWith("/sharedStrings") && r.target !== undefined);
  const sstPath = sstRel?.target !== undefined && pkg.has(resolveTarget(wbPath, sstRel.target)) ? resolveTarget(wbPath, sstRel.target) : pkg.has("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : null;
  const sheetIndex = new Map(sheets.map((s) => [s.name.toUpperCase(), s.index]));
  const sheetNameAt = new Map(sheets.map((s) => [s.index, s.name]));
  const warnings: string[] = [];

  // Defined names: removed when they call the add-in, or use a removed name (to a fixed point: Cost2 = Cost*2).
  refuseIfTooBig(`The part ${wbPath}`, wbXml.length);
  const wbDoc = parseXml(wbXml, wbPath);
  const defs: NameDef[] = elements(wbDoc.documentElement as Element)
    .filter((e) => e.localName === "definedName")
    .map((el) => {
      const text = el.textContent ?? "";
      const sid = el.getAttribute("localSheetId");
      return { name: el.getAttribute("name") ?? "", scope: sid === null || sid === "" ? null : Number(sid), tokens: tokenizeFormula(text), text, el };
    });
  const removedKeys = new Set<string>();
  const names = new NameScope(removedKeys, new Set(defs.map(NameScope.keyOf)), sheetIndex);
  const removedDefs: NameDef[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of defs) {
      if (removedKeys.has(NameScope.keyOf(d))) continue;
      if (callsIn(d.tokens, ns) || names.usesRemoved(d.tokens, d.scope)) {
        names.remove(d);
        removedDefs.push(d);
        changed = true;
      }
    }
  }
  const removedNames = removedDefs.map((d) => (d.scope === null ? d.name : `${sheetNameAt.get(d.scope) ?? `sheet ${d.scope + 1}`}!${d.name}`));
  if (removedDefs.length > 0) {
    for (const d of removedDefs) d.el.parentNode?.removeChild(d.el);
    for (const e of elements(wbDoc.documentElement as Element)) if (e.localName === "definedNames" && childrenNamed(e, "definedName").length === 0) e.parentNode?.removeChild(e);
    wbXml = serializeXml(wbDoc);
  }
  const needsConversion = (formula: string, context: number | null): boolean => {
    const tokens = tokenizeFormula(formula);
    return callsIn(tokens, ns) || names.usesRemoved(tokens, context);
  };

  const conversions: Conversion[] = [];
  // Converted array formulas' ranges, for the references to their spills (D4#) in other formulas.
  const spills: SpillRanges = new Map();
  const sheetDocs: { path: string; name: string; doc: Document; all: Element[]; positions: Map<Element, CellRef>; converted: boolean }[] = [];
  // A formula can only need converting if it names the namespace (BUDGET., _xldudf_BUDGET, _xll.BUDGET.) or,
  // once names are removed, uses a name: a cheap test before tokenizing.
  const N = ns.toUpperCase();
  const mayNeed = (formula: string): boolean => {
    if (removedDefs.length > 0) return true;
    const u = formula.toUpperCase();
    return u.includes(`${N}.`) || u.includes(`_XLDUDF_${N}`);
  };
  const scans = new Map<string, SheetScan>();
  for (const sheet of sheets) {
    if (!pkg.has(sheet.path) || scans.has(sheet.path)) continue;
    scans.set(sheet.path, await scanSheet(pkg, sheet, (f) => mayNeed(f) && needsConversion(f, sheet.index)));
  }
  const toConvert = sheets.filter((s) => scans.get(s.path)?.convert === true);
  const sst = toConvert.length > 0 ? await readSharedStrings(pkg, sstPath) : [];
  for (const sheet of toConvert) {
    const xml = await parts.sheetToEdit(sheet);
    if (xml === null) continue;
    const doc = parseXml(xml, sheet.path);
    const all = elements(doc.documentElement as Element);
    const positions = cellPositions(all, sheet.name);
    // Shared formulas: each group's first cell (the one whose <f> has the text) and its position.
    const masters = new Map<string, { formula: string; row: number; col: number }>();
    for (const c of all) {
      const at = positions.get(c);
      if (!at) continue;
      const f = childrenNamed(c, "f")[0];
      if (!f || f.getAttribute("t") !== "shared") continue;
      const si = f.getAttribute("si") ?? "";
      const text = textOf(f);
      if (text !== "" && !masters.has(si)) {
        masters.set(si, { formula: text, row: at.row, col: at.col });
      }
    }
    const convertedGroups = new Set([...masters].filter(([, m]) => needsConversion(m.formula, sheet.index)).map(([si]) => si));
    // Rule formulas (conditional formats, data validation, sparklines): chosen before any cell loses its <f>,
    // as a removed <f> no longer has a <c> parent and would look like a rule.
    const ruleFormulas = all.filter(isRuleFormula);
    const sheetConversions: Conversion[] = [];
    for (const c of all) {
      const at = positions.get(c);
      if (!at) continue;
      const f = childrenNamed(c, "f")[0];
      if (!f) continue;
      const ref = addressOf(at);
      const t = f.getAttribute("t");
      let kind: Conversion["kind"] = "cell";
      let formula = textOf(f);
      if (t === "shared") {
        const si = f.getAttribute("si") ?? "";
        if (!convertedGroups.has(si)) continue;
        kind = "shared";
        const m = masters.get(si);
        if (formula === "" && m) formula = shiftFormula(m.formula, at.row - m.row, at.col - m.col);
      } else {
        if (!needsConversion(formula, sheet.index)) continue;
        if (t === "array") kind = "array";
      }
      const value = cellValueOf(c, sst);
      const conv: Conversion = { sheet: sheet.name, cell: ref, formula: `=${formula}`, value, kind };
      const range = kind === "array" ? rangeAt(f.getAttribute("ref")) : null;
      if (range) {
        conv.range = rangeAddress(range);
        spills.set(spillKey(sheet.name, range), range);
      }
      if (typeof value === "string" && ERROR_RE.test(value)) warnings.push(`${sheet.name}!${ref} held ${value} when it was converted.`);
      sheetConversions.push(conv);
      makeValueOnly(doc, c);
    }
    // Conditional formats (classic and x14) and data validation rules cannot hold a value: say so.
    for (const e of ruleFormulas) {
      const text = textOf(e);
      if (!needsConversion(text, sheet.index)) continue;
      const where = ancestorNamed(e, ["conditionalFormatting", "dataValidation", "sparklineGroup"]);
      const what = where === "conditionalFormatting" ? "a conditional format" : where === "dataValidation" ? "a data validation rule" : "a rule";
      warnings.push(`${sheet.name}: ${what} uses a ${ns} function or a removed name (=${text}); it cannot be turned into a value and will not work without the add-in. Remove or change it in the original before sharing if it matters.`);
    }
    for (const c of sheetConversions.sort(compareCells)) conversions.push(c);
    sheetDocs.push({ path: sheet.path, name: sheet.name, doc, all, positions, converted: sheetConversions.length > 0 });
  }
  // A converted spill no longer spills, so D4# (stored as _xlfn.ANCHORARRAY(D4)) would be #REF!: such
  // references, on any sheet and in defined names, become the range the spill covered (D4:E4). Sheets not
  // converted are parsed for this only when their formulas may refer to a spill.
  if (spills.size > 0) {
    const parsed = new Set(sheetDocs.map((s) => s.path));
    for (const sheet of sheets) {
      if (parsed.has(sheet.path) || scans.get(sheet.path)?.spill !== true) continue;
      parsed.add(sheet.path);
      const xml = await parts.sheetToEdit(sheet);
      if (xml === null) continue;
      const doc = parseXml(xml, sheet.path);
      const all = elements(doc.documentElement as Element);
      sheetDocs.push({ path: sheet.path, name: sheet.name, doc, all, positions: cellPositions(all, sheet.name), converted: false });
    }
  }
  for (const s of sheetDocs) {
    const changed = rewriteSheetSpillReferences(s.all, s.positions, s.name, spills);
    if (changed || s.converted) parts.write(s.path, serializeXml(s.doc));
  }
  if (spills.size > 0) {
    let namesChanged = false;
    for (const d of defs) {
      if (removedKeys.has(NameScope.keyOf(d))) continue;
      const text = rewriteSpillReferences(d.text, d.scope === null ? null : (sheetNameAt.get(d.scope) ?? null), spills);
      if (text === d.text) continue;
      d.el.textContent = text;
      namesChanged = true;
    }
    if (namesChanged) wbXml = serializeXml(wbDoc);
  }

  // Tables and charts are parsed only when their text may mention the namespace or a removed name ("&#": a
  // character reference could spell either).
  const mentions = [N, "&#", ...removedNames.map((n) => n.slice(n.lastIndexOf("!") + 1).toUpperCase())];
  const mayMention = (xml: string): boolean => {
    const u = xml.toUpperCase();
    return mentions.some((m) => u.includes(m));
  };
  await convertTables(parts, ns, needsConversion, warnings, mayMention);
  await warnAboutCharts(parts, ns, needsConversion, warnings, mayMention);

  // The calculation chain lists formula cells; converted cells would make Excel repair the file.
  if (conversions.length > 0) await removeCalcChain(parts, wbPath);

  // The listing sheet, appended last so sheet indices used by names and print settings stay valid.
  // Unique among every <sheet> of the workbook, chart sheets and dialog sheets included (sheetPartsOf
  // gives worksheets only); Excel refuses a workbook with two sheets of one name.
  const allSheetNames = elements(wbDoc.documentElement as Element)
    .filter((e) => e.localName === "sheet")
    .map((e) => e.getAttribute("name") ?? "");
  const listingSheet = uniqueSheetName(options.listingSheetName ?? "Converted formulas", allSheetNames);
  wbXml = await addListingSheet(parts, wbPath, wbXml, listingSheet, conversions, removedNames, ns);
  parts.write(wbPath, wbXml);

  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
  return { bytes, conversions, removedNames, listingSheet, warnings };
}

/** Table calculated-column and totals-row formulas that call the add-in: removed (the cells hold values). */
type Needs = (f: string, ctx: number | null) => boolean;

async function convertTables(parts: Parts, ns: string, needs: Needs, warnings: string[], mayMention: (xml: string) => boolean): Promise<void> {
  for (const p of parts.originals(/^xl\/tables\/[^/]+\.xml$/i)) {
    const xml = await parts.text(p);
    if (!xml || !mayMention(xml)) continue;
    refuseIfTooBig(`The part ${p}`, xml.length);
    const doc = parseXml(xml, p);
    const table = doc.documentElement as Element;
    let changed = false;
    for (const e of elements(table)) {
      if (e.localName !== "calculatedColumnFormula" && e.localName !== "totalsRowFormula") continue;
      const text = textOf(e);
      if (!needs(text, null)) continue;
      const col = (e.parentNode as Element | null)?.getAttribute("name") ?? "?";
      e.parentNode?.removeChild(e);
      changed = true;
      const what = e.localName === "calculatedColumnFormula" ? "calculated column" : "totals row formula of column";
      warnings.push(`Table ${table.getAttribute("displayName") ?? table.getAttribute("name") ?? p}: the ${what} "${col}" used a ${ns} function (=${text}); its cells now hold values, and new rows will not fill in a formula.`);
    }
    if (changed) parts.write(p, serializeXml(doc));
  }
}

/** Chart series, categories and titles that use the add-in or a removed name: they cannot be converted. */
async function warnAboutCharts(parts: Parts, ns: string, needs: Needs, warnings: string[], mayMention: (xml: string) => boolean): Promise<void> {
  for (const p of parts.originals(/^xl\/charts\/[^/]+\.xml$/i)) {
    const xml = await parts.text(p);
    if (!xml || !mayMention(xml)) continue;
    refuseIfTooBig(`The part ${p}`, xml.length);
    const doc = parseXml(xml, p);
    for (const e of elements(doc.documentElement as Element)) {
      if (e.localName !== "f") continue;
      const text = textOf(e);
      if (!needs(text, null)) continue;
      warnings.push(`Chart ${p.split("/").pop()}: a series or title uses ${text}, which calls a ${ns} function or a removed name; the chart keeps the figures it last showed but will not update.`);
    }
  }
}

async function removeCalcChain(parts: Parts, wbPath: string): Promise<void> {
  const relsPath = relsPathOf(wbPath);
  const rels = await parts.text(relsPath);
  if (rels) {
    const chain = parseRelationships(rels).find((r) => r.type?.endsWith("/calcChain") && r.id !== undefined && r.target !== undefined);
    if (chain?.id !== undefined && chain.target !== undefined) {
      const id = chain.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      parts.write(relsPath, rels.replace(new RegExp(`<Relationship\\b[^>]*Id="${id}"[^>]*/>`), ""));
      const target = resolveTarget(wbPath, chain.target);
      parts.remove(target);
      const types = await parts.text("[Content_Types].xml");
      if (types) parts.write("[Content_Types].xml", removeContentTypeOverride(types, target));
    }
  }
}

/** Add a bold font and a cell format to styles.xml; returns the new format's index (0 if styles are missing). */
async function addBoldStyle(parts: Parts): Promise<number> {
  const path = "xl/styles.xml";
  const xml = await parts.text(path);
  if (!xml || !/<fonts\b[^>]*>[\s\S]*?<\/fonts>/.test(xml) || !/<cellXfs\b[^>]*>[\s\S]*?<\/cellXfs>/.test(xml)) return 0;
  const fontCount = (/<fonts\b[^>]*>([\s\S]*?)<\/fonts>/.exec(xml)?.[1].match(/<font\b/g) ?? []).length;
  const xfCount = (/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1].match(/<xf\b/g) ?? []).length;
  let out = xml.replace(/<\/fonts>/, '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>');
  out = out.replace(/<fonts\b([^>]*?)count="\d+"/, `<fonts$1count="${fontCount + 1}"`);
  out = out.replace(/<\/cellXfs>/, `<xf numFmtId="0" fontId="${fontCount}" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>`);
  out = out.replace(/<cellXfs\b([^>]*?)count="\d+"/, `<cellXfs$1count="${xfCount + 1}"`);
  parts.write(path, out);
  return xfCount;
}

function inlineCell(ref: string, text: string, style: number): string {
  const s = style ? ` s="${style}"` : "";
  return `<c r="${ref}"${s} t="inlineStr"><is>${textElement(text)}</is></c>`;
}

function valueCell(ref: string, value: Conversion["value"]): string {
  if (value === null) return "";
  if (typeof value === "number") return `<c r="${ref}"><v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  return inlineCell(ref, value, 0);
}

async function addListingSheet(
  parts: Parts,
  wbPath: string,
  wbXml: string,
  name: string,
  conversions: readonly Conversion[],
  removedNames: readonly string[],
  ns: string,
): Promise<string> {
  const bold = await addBoldStyle(parts);
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
    `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape"/>` +
    // The add-in's output marker (src/core/outputMarker.ts): this list is never read back as input.
    `<headerFooter><oddFooter>&amp;L${OUTPUT_MARKER}: converted formulas</oddFooter></headerFooter></worksheet>`;
  const path = freePartName(parts.zip, "xl/worksheets/sheet", ".xml");
  parts.write(path, sheetXml);
  const relsPath = relsPathOf(wbPath);
  const wbDir = wbPath.split("/").slice(0, -1).join("/");
  const relTarget = path.startsWith(`${wbDir}/`) ? path.slice(wbDir.length + 1) : `/${path}`;
  const [rels, rId] = addRelationship(await parts.text(relsPath), "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", relTarget);
  parts.write(relsPath, rels);
  const types = (await parts.text("[Content_Types].xml")) ?? "";
  parts.write("[Content_Types].xml", addContentTypeOverride(types, path, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"));
  const ids = [...wbXml.matchAll(/<sheet\b[^>]*sheetId="(\d+)"/g)].map((m) => Number(m[1]));
  const sheetId = ids.reduce((m, x) => Math.max(m, x), 0) + 1;
  const el = `<sheet name="${xmlAttr(name)}" sheetId="${sheetId}" r:id="${rId}"/>`;
  let out = wbXml.replace(/<\/sheets>/, `${el}</sheets>`);
  if (!/<workbook\b[^>]*xmlns:r=/.test(out)) out = out.replace(/<workbook\b/, '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"');
  return out;
}
