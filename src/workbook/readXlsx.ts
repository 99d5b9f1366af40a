/**
 * Read an .xlsx file into sheet snapshots, in the browser (the task pane's "Check returns") or in Node
 * (auditWorkbook, members' packs from a file, tests). Values are the cached results Excel saved (the file is
 * not recalculated), formulas carry a leading "=", shared formulas are expanded to each cell's own formula
 * (with the formula tokenizer), rich text is flattened, error values arrive as their text ("#REF!"), dates as
 * Excel serial numbers (also dates stored as ISO text, `t="d"`).
 *
 * How, and why not a spreadsheet library: each sheet's XML is inflated in chunks and scanned as it arrives
 * (src/workbook/xmlStream.ts), keeping only the cells that exist; a full in-memory workbook model took 4 GB
 * for a sheet with cells at A1 and XFD1048576 and expanded a merge over A10:XFD1048576 cell by cell.
 * Limits are checked on the zip directory before anything is inflated (src/workbook/xlsxPackage.ts).
 *
 * Sparse sheets: a snapshot is a dense grid, so a sheet whose cells are far apart is returned as several
 * snapshots with the same name, one per block of cells that lie together (each with its own origin), such
 * that the grids together hold at most 16 times as many cells as the sheet has (or one grid of up to
 * 2,097,152 cells). An ordinary sheet is one block. Merges are read from the XML as ranges, never expanded;
 * each block keeps the merges anchored in it, clipped to it. A workbook read as more than BLOCK_LIMIT blocks
 * (cells scattered one by one) is refused.
 */
import type { RangeRef } from "../core/a1";
import { appendAll } from "../core/arrays";
import { dateToExcelSerial } from "../core/financialYear";
import { isOutputFooter, outputDescription } from "../core/outputMarker";
import type { CellValue, SheetSnapshot } from "../core/sheetSnapshot";
import { shiftFormula } from "../core/formulaTokens";
import { SAVE_AS, openXlsxPackage, XLSX_LIMITS, XlsxReadError, type XlsxPackage } from "./xlsxPackage";
import { attributeValueAt, MalformedXmlError, scanXml, tagAttribute, tagAttributes, XmlStream, XmlTooLongError } from "./xmlStream";
import { decodeOoxmlCharRefs, parseRelationships, relsPathOf, resolveTarget, type Relationship } from "./xlsxParts";

export { XlsxReadError, XLSX_LIMITS } from "./xlsxPackage";

export interface ReadXlsxOptions {
  /** Include hidden and very hidden sheets (default false: a member sees only visible sheets). */
  includeHidden?: boolean;
  /** Read number formats (default true). */
  numberFormats?: boolean;
}

/** The refusal of a part with one tag or run of text over XmlStream's limit (where: "the sheet "Budget"", "one of its parts"). */
function tooLongMessage(where: string, e: XmlTooLongError): string {
  return `This file is not a normal workbook: ${where} holds a single tag or run of text of more than ${e.limit.toLocaleString("en-GB")} characters, far more than Excel writes (a cell holds at most 32,767 characters). It was not read.`;
}

/** Excel's built-in number formats by id (as ExcelJS names them, so formats read the same as before). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

interface WorkbookInfo {
  sheets: { name: string; path: string; hidden: boolean }[];
  /** The workbook counts dates from 1904 (workbookPr date1904), not 1900. */
  date1904: boolean;
  sharedStringsPath: string | null;
  stylesPath: string | null;
}

/** Relationships with a target (a damaged .rels may leave it out). */
function relationshipsOf(xml: string): (Relationship & { type: string; target: string })[] {
  return parseRelationships(xml).filter((r): r is Relationship & { type: string; target: string } => typeof r.target === "string" && typeof r.type === "string");
}

/**
 * The workbook part's path (from the package's root relationships, else xl/workbook.xml), or a refusal in a
 * sentence when the zip holds no workbook. Shared with the shareable copy, so both say the same.
 */
export async function workbookPartOf(pkg: XlsxPackage): Promise<string> {
  const rootRels = await pkg.text("_rels/.rels");
  let wbPath: string | null = null;
  if (rootRels) {
    const main = relationshipsOf(rootRels).find((r) => r.type?.endsWith("/officeDocument"));
    if (main) wbPath = resolveTarget("", main.target);
  }
  // An Excel Binary Workbook (.xlsb) is the same zip package with binary (BIFF12) parts, the workbook part
  // xl/workbook.bin ([MS-XLSB], https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-xlsb/).
  if (/\.bin$/i.test(wbPath ?? "") || (!wbPath && pkg.has("xl/workbook.bin"))) {
    throw new XlsxReadError(`This is an Excel Binary Workbook (.xlsb), which cannot be read here. Open it in Excel and save it as an Excel Workbook (.xlsx) with File > Save As, then try again.`);
  }
  if (!wbPath || !pkg.has(wbPath)) wbPath = pkg.has("xl/workbook.xml") ? "xl/workbook.xml" : null;
  if (!wbPath) {
    const what = pkg.paths.size === 0 ? "nothing" : pkg.paths.size <= 3 ? [...pkg.paths].join(", ") : `${pkg.paths.size} files but no workbook`;
    throw new XlsxReadError(`This file is a zip archive but not an Excel workbook: it holds ${what}. ${SAVE_AS}`);
  }
  return wbPath;
}

async function readWorkbookInfo(pkg: XlsxPackage): Promise<WorkbookInfo> {
  const wbPath = await workbookPartOf(pkg);
  const wbXml = (await pkg.text(wbPath)) ?? "";
  const relsXml = (await pkg.text(relsPathOf(wbPath))) ?? "";
  const rels = relationshipsOf(relsXml);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: WorkbookInfo["sheets"] = [];
  let sawWorkbook = false;
  let date1904 = false;
  scanXml(wbXml, {
    open(name, tag) {
      if (name === "workbook") sawWorkbook = true;
      // ECMA-376 Part 1, 18.2.28 workbookPr: date1904 is an xsd:boolean ("1" or "true").
      if (name === "workbookPr") date1904 = /^(1|true)$/.test(tagAttributes(tag).date1904 ?? "");
      if (name !== "sheet") return;
      const a = tagAttributes(tag);
      const rId = a["r:id"] ?? a.id ?? "";
      const rel = byId.get(rId);
      // Chart sheets and dialog sheets are not worksheets: not read.
      if (rel && !rel.type?.endsWith("/worksheet")) return;
      const path = rel ? resolveTarget(wbPath, rel.target) : "";
      sheets.push({ name: a.name ?? "", path, hidden: a.state === "hidden" || a.state === "veryHidden" });
    },
    close() {},
    text() {},
    wantText: () => false,
  });
  if (!sawWorkbook) throw new XlsxReadError(`This file's workbook part is damaged (it is not a SpreadsheetML workbook). ${SAVE_AS}`);
  if (sheets.length === 0) throw new XlsxReadError(`This workbook has no worksheets to read. ${SAVE_AS}`);
  for (const s of sheets) {
    if (!s.path || !pkg.has(s.path)) {
      throw new XlsxReadError(`This workbook is damaged: it lists the sheet "${s.name}" but the file does not hold that sheet. ${SAVE_AS}`);
    }
  }
  const rel = (suffix: string): string | null => {
    const r = rels.find((x) => x.type?.endsWith(suffix));
    const p = r ? resolveTarget(wbPath, r.target) : null;
    return p && pkg.has(p) ? p : null;
  };
  return { sheets, date1904, sharedStringsPath: rel("/sharedStrings"), stylesPath: rel("/styles") };
}

/**
 * The text as a string of its own. V8 keeps a slice of 13 characters or more as a view into the string it was
 * cut from, here a whole chunk of a part's XML (16 KB): a shared string, formula or text value kept in a
 * snapshot would keep every chunk of its part alive (18 MB of a 100,000-line sheet). A JSON round trip gives
 * the same text as a plain string of its own (as fast as any other copy, and without a view's overhead).
 */
function ownText(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** The shared strings table, streamed (it can be most of a big file). Phonetic runs (rPh) are left out. */
export async function readSharedStrings(pkg: XlsxPackage, path: string | null): Promise<string[]> {
  const out: string[] = [];
  if (!path) return out;
  let inSi = false;
  let inT = false;
  let rph = 0;
  let cur = "";
  const xs = new XmlStream({
    open(name, _tag, selfClosing) {
      if (name === "si") {
        inSi = true;
        cur = "";
      } else if (name === "rPh") rph++;
      else if (name === "t" && inSi && rph === 0 && !selfClosing) inT = true;
    },
    close(name) {
      if (name === "t") inT = false;
      else if (name === "rPh") rph--;
      else if (name === "si") {
        // "_x000D_", "_x005F_x0041_": Excel's escapes for control characters and a literal "_x0041_".
        out.push(ownText(decodeOoxmlCharRefs(cur)));
        inSi = false;
      }
    },
    text(t) {
      cur += t;
    },
    wantText: () => inT,
  });
  await pkg.stream(path, (t) => xs.write(t));
  xs.end();
  return out;
}

/** Number format of each cell style (cellXfs index), "General" where none. */
async function readStyles(pkg: XlsxPackage, path: string | null): Promise<string[]> {
  if (!path) return [];
  const xml = (await pkg.text(path)) ?? "";
  const custom = new Map<number, string>();
  const xfs: string[] = [];
  let inCellXfs = false;
  scanXml(xml, {
    open(name, tag) {
      if (name === "numFmt") {
        const a = tagAttributes(tag);
        custom.set(Number(a.numFmtId), a.formatCode ?? "General");
      } else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) {
        const id = Number(tagAttribute(tag, "numFmtId") ?? 0);
        xfs.push(custom.get(id) ?? BUILTIN_FORMATS[id] ?? "General");
      }
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
    text() {},
    wantText: () => false,
  });
  return xfs;
}

/** What a stored cell holds (the kind SheetCells keeps for each cell). */
const FORMAT_ONLY = 0; // only a format: kept for the number formats, not for the extent
const EMPTY = 1; // a formula without a cached value
const NUMBER = 2;
const TRUE = 3;
const FALSE = 4;
const SHARED_STRING = 5; // the number is its index in the shared strings
const TEXT = 6; // the number is its index in SheetCells.texts

const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;

/**
 * The cells of one sheet in the order the XML gives them, in typed arrays of 16,384 cells each (19 bytes a
 * cell, numbers included; a new chunk as the sheet grows, so nothing is copied and nothing left behind): the
 * value as a kind and a number, text values other than shared strings in a list, formulas by cell index.
 */
class SheetCells {
  count = 0;
  /** Formulas by cell index (most cells have none). */
  readonly formulas = new Map<number, string>();
  readonly merges: RangeRef[] = [];
  /** What the sheet is, when its header or footer carries the add-in's output marker ("check report"). */
  addinOutput: string | null = null;
  private readonly rows: Int32Array[] = [];
  private readonly cols: Int16Array[] = [];
  /** Style index; -1 for none. */
  private readonly styles: Int32Array[] = [];
  private readonly kinds: Uint8Array[] = [];
  private readonly numbers: Float64Array[] = [];
  private readonly texts: string[] = [];

  constructor(private readonly sst: readonly string[]) {}

  /** Add a cell; `num` is the number, the shared string's index, or for TEXT ignored (`text` is kept). */
  add(row: number, col: number, style: number, kind: number, num: number, text: string | null, formula: string | null): void {
    const i = this.count;
    const k = i >>> CHUNK_BITS;
    if (k === this.rows.length) {
      this.rows.push(new Int32Array(CHUNK));
      this.cols.push(new Int16Array(CHUNK));
      this.styles.push(new Int32Array(CHUNK));
      this.kinds.push(new Uint8Array(CHUNK));
      this.numbers.push(new Float64Array(CHUNK));
    }
    const j = i & CHUNK_MASK;
    this.rows[k][j] = row;
    this.cols[k][j] = col;
    this.styles[k][j] = style;
    this.kinds[k][j] = kind;
    if (kind === TEXT) {
      this.numbers[k][j] = this.texts.length;
      this.texts.push(text ?? "");
    } else this.numbers[k][j] = num;
    if (formula !== null) this.formulas.set(i, formula);
    this.count = i + 1;
  }

  row(i: number): number {
    return this.rows[i >>> CHUNK_BITS][i & CHUNK_MASK];
  }

  col(i: number): number {
    return this.cols[i >>> CHUNK_BITS][i & CHUNK_MASK];
  }

  style(i: number): number {
    return this.styles[i >>> CHUNK_BITS][i & CHUNK_MASK];
  }

  /** A cell with only a format (no value or formula). */
  formatOnly(i: number): boolean {
    return this.kinds[i >>> CHUNK_BITS][i & CHUNK_MASK] === FORMAT_ONLY;
  }

  value(i: number): CellValue {
    const k = i >>> CHUNK_BITS;
    const j = i & CHUNK_MASK;
    switch (this.kinds[k][j]) {
      case NUMBER:
        return this.numbers[k][j];
      case TRUE:
        return true;
      case FALSE:
        return false;
      case SHARED_STRING:
        return this.sst[this.numbers[k][j]];
      case TEXT:
        return this.texts[this.numbers[k][j]];
      default:
        return null;
    }
  }
}

/** The header and footer elements of <headerFooter> (odd, even and first pages). */
const HEADER_FOOTER = new Set(["oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"]);

function colFromRef(ref: string, at: { i: number }): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  at.i = i;
  return n - 1;
}

function parseRef(ref: string): { row: number; col: number } | null {
  const at = { i: 0 };
  const col = colFromRef(ref.replace(/\$/g, ""), at);
  const row = Number(ref.replace(/\$/g, "").slice(at.i)) - 1;
  if (col < 0 || col > 16383 || !Number.isInteger(row) || row < 0 || row > 1048575) return null;
  return { row, col };
}

/**
 * A cell reference read in place from a raw tag, its value starting at `at` after a quote ("B12", "$B$12"): as
 * row * 16384 + col, or -1 when it is anything less plain (parseRef then reads it). Nothing is allocated.
 */
function refInTag(tag: string, at: number): number {
  let i = at;
  let c = tag.charCodeAt(i);
  if (c === 36 /* $ */) c = tag.charCodeAt(++i);
  let col = 0;
  let letters = 0;
  for (let l = c | 32; l >= 97 && l <= 122; l = c | 32) {
    col = col * 26 + (l - 96);
    letters++;
    c = tag.charCodeAt(++i);
  }
  if (letters === 0 || letters > 3) return -1;
  if (c === 36) c = tag.charCodeAt(++i);
  let row = 0;
  let digits = 0;
  for (; c >= 48 && c <= 57; c = tag.charCodeAt(++i)) {
    row = row * 10 + (c - 48);
    if (++digits > 7) return -1;
  }
  // It must end at the closing quote.
  if (digits === 0 || c !== tag.charCodeAt(at - 1) || col > 16384 || row < 1 || row > 1048576) return -1;
  return (row - 1) * 16384 + (col - 1);
}

/** A whole number of at most 9 digits read in place from a raw tag (as refInTag), or -1 when it is anything else. */
function digitsInTag(tag: string, at: number): number {
  let n = 0;
  let i = at;
  let c = tag.charCodeAt(i);
  for (; c >= 48 && c <= 57 && i - at < 9; c = tag.charCodeAt(++i)) n = n * 10 + (c - 48);
  return i > at && c === tag.charCodeAt(at - 1) ? n : -1;
}

function parseRange(ref: string): RangeRef | null {
  const [a, b] = ref.split(":");
  const p = parseRef(a);
  const q = b === undefined ? p : parseRef(b);
  if (!p || !q) return null;
  const row = Math.min(p.row, q.row);
  const col = Math.min(p.col, q.col);
  return { row, col, rowCount: Math.abs(q.row - p.row) + 1, colCount: Math.abs(q.col - p.col) + 1 };
}

/**
 * Days between the 1900 and 1904 date systems: 1 January 1904 is serial 1462 in the 1900 system and 0 in the
 * 1904 system (ECMA-376 Part 1, 18.17.4.1 Date Representation).
 */
const DAYS_1900_TO_1904 = 1462;

/**
 * ISO 8601 date text (t="d") to an Excel serial, with the time of day as a fraction; in a 1904 workbook, a
 * serial of its date system (as its numbers are, and as Excel gives the cell's value).
 */
function isoDateSerial(text: string, date1904: boolean): CellValue {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(text.trim());
  if (!m) return text;
  const day = dateToExcelSerial(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
  const secs = (Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0)) / 86400;
  return Number.isFinite(day) ? day + secs - (date1904 ? DAYS_1900_TO_1904 : 0) : text;
}

async function readSheetCells(pkg: XlsxPackage, path: string, sst: readonly string[], sheetName: string, date1904: boolean): Promise<SheetCells> {
  const cells = new SheetCells(sst);
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  let row = -1;
  let col = -1;
  // The cell being read.
  let inCell = false;
  let cType = "n";
  let cStyle = -1;
  let vText: string | null = null;
  let fText: string | null = null;
  let fTag = "";
  let isText: string | null = null;
  let collecting: "v" | "f" | "t" | "hf" | null = null;
  // Header and footer text (<headerFooter><oddFooter>&amp;LBudget Tools output: …), for the output marker.
  let inHeaderFooter = false;
  let hfText = "";
  let inIs = false;
  let rph = 0;
  let count = 0;
  // The part's root element must be a worksheet (ECMA-376 Part 1, 18.3.1.99): a part in another encoding than
  // its bytes, or not XML at all, would otherwise read as an empty sheet, and a check of it come back clean.
  let sawRoot = false;
  const notWorksheet = (): XlsxReadError =>
    new XlsxReadError(`The sheet "${sheetName}" cannot be read: its part in the file is not a worksheet, so the file is damaged or was not written as an .xlsx workbook. ${SAVE_AS}`);
  const finishCell = (): void => {
    let formula: string | null = null;
    const fType = fTag ? tagAttribute(fTag, "t") : undefined;
    if (fText !== null || fTag) {
      const text = fText ?? "";
      if (fType === "shared") {
        const si = tagAttribute(fTag, "si") ?? "";
        const master = shared.get(si);
        if (text.trim() !== "") {
          formula = ownText(text);
          shared.set(si, { formula, row, col });
        } else if (master) formula = shiftFormula(master.formula, row - master.row, col - master.col);
      } else if (text.trim() !== "") formula = text;
    }
    // The value as SheetCells stores it: a kind, and a number or a text.
    let kind = EMPTY;
    let num = 0;
    let text: string | null = null;
    if (cType === "inlineStr") {
      if (isText !== null) {
        kind = TEXT;
        text = ownText(decodeOoxmlCharRefs(isText));
      }
    } else if (vText !== null) {
      if (cType === "s") {
        num = Number(vText);
        if (sst[num] !== undefined) kind = SHARED_STRING;
      } else if (cType === "str") {
        // A formula's text result is an ST_Xstring like any cell text (ECMA-376 Part 1, 22.9.2.19): "_x000D_" is a
        // carriage return, as in shared and inline strings.
        kind = TEXT;
        text = ownText(decodeOoxmlCharRefs(vText));
      } else if (cType === "b") kind = vText.trim() === "1" || vText.trim().toLowerCase() === "true" ? TRUE : FALSE;
      else if (cType === "e") {
        kind = TEXT;
        text = ownText(vText.trim());
      } else if (cType === "d") {
        const date = isoDateSerial(vText, date1904);
        if (typeof date === "number") {
          kind = NUMBER;
          num = date;
        } else {
          kind = TEXT;
          text = ownText(vText);
        }
      } else {
        num = Number(vText);
        if (vText.trim() !== "" && Number.isFinite(num)) kind = NUMBER;
      }
    }
    const formatOnly = kind === EMPTY && formula === null;
    if (formatOnly && cStyle <= 0) return;
    if (!formatOnly && ++count > XLSX_LIMITS.sheetCells) {
      throw new XlsxReadError(
        `The sheet "${sheetName}" has more than ${XLSX_LIMITS.sheetCells.toLocaleString("en-GB")} cells with values, the most that can be read here. Split it, or check it in Excel.`,
      );
    }
    cells.add(row, col, cStyle, formatOnly ? FORMAT_ONLY : kind, num, text, formula === null ? null : ownText(`=${formula}`));
  };
  const xs = new XmlStream({
    open(name, tag, selfClosing) {
      if (!sawRoot) {
        if (name !== "worksheet") throw notWorksheet();
        sawRoot = true;
      }
      switch (name) {
        case "row": {
          const at = attributeValueAt(tag, "r");
          const quick = at < 0 ? -1 : digitsInTag(tag, at);
          const r = quick >= 0 || at < 0 ? undefined : tagAttribute(tag, "r");
          const n = quick >= 0 ? quick : r === undefined ? row + 2 : Number(r);
          row = Number.isInteger(n) && n >= 1 && n <= 1048576 ? n - 1 : row + 1;
          col = -1;
          return;
        }
        case "c": {
          // The reference read in place (one cell after another: nothing allocated), else as text.
          const at = attributeValueAt(tag, "r");
          const quick = at < 0 ? -1 : refInTag(tag, at);
          const r = quick >= 0 || at < 0 ? undefined : tagAttribute(tag, "r");
          const p = r === undefined ? null : parseRef(r);
          if (quick >= 0) {
            row = Math.floor(quick / 16384);
            col = quick % 16384;
          } else if (p) {
            row = p.row;
            col = p.col;
          } else col++;
          if (row < 0) row = 0;
          if (col > 16383) throw new XlsxReadError(`The sheet "${sheetName}" has a cell beyond column XFD: the file is damaged. ${SAVE_AS}`);
          cType = tagAttribute(tag, "t") ?? "n";
          const sAt = attributeValueAt(tag, "s");
          const style = sAt < 0 ? -1 : digitsInTag(tag, sAt);
          cStyle = sAt < 0 ? -1 : style >= 0 ? style : Number(tagAttribute(tag, "s"));
          vText = null;
          fText = null;
          fTag = "";
          isText = null;
          inCell = true;
          if (selfClosing) return; // close() follows
          return;
        }
        case "v":
          if (inCell && !selfClosing) {
            collecting = "v";
            vText = "";
          }
          return;
        case "f":
          if (inCell) {
            fTag = tag || "f";
            if (!selfClosing) {
              collecting = "f";
              fText = "";
            }
          }
          return;
        case "is":
          if (inCell) {
            inIs = true;
            isText = "";
          }
          return;
        case "rPh":
          rph++;
          return;
        case "t":
          if (inIs && rph === 0 && !selfClosing) collecting = "t";
          return;
        case "headerFooter":
          inHeaderFooter = !selfClosing;
          return;
        case "oddHeader":
        case "oddFooter":
        case "evenHeader":
        case "evenFooter":
        case "firstHeader":
        case "firstFooter":
          if (inHeaderFooter && !selfClosing) {
            collecting = "hf";
            hfText = "";
          }
          return;
        case "mergeCell": {
          const ref = tagAttribute(tag, "ref");
          const m = ref ? parseRange(ref) : null;
          if (m && m.rowCount * m.colCount > 1) cells.merges.push(m);
          return;
        }
        default:
          return;
      }
    },
    close(name) {
      switch (name) {
        case "v":
        case "f":
        case "t":
          collecting = null;
          return;
        case "headerFooter":
          inHeaderFooter = false;
          return;
        case "rPh":
          rph--;
          return;
        case "is":
          inIs = false;
          return;
        case "c":
          if (inCell) finishCell();
          inCell = false;
          collecting = null;
          return;
        default:
          if (collecting === "hf" && HEADER_FOOTER.has(name)) {
            collecting = null;
            if (cells.addinOutput === null && isOutputFooter(hfText)) cells.addinOutput = outputDescription(hfText);
          }
          return;
      }
    },
    text(t) {
      if (collecting === "v") vText += t;
      else if (collecting === "f") fText += t;
      else if (collecting === "t") isText = (isText ?? "") + t;
      else if (collecting === "hf" && hfText.length < 1024) hfText += t;
    },
    wantText: () => collecting !== null,
  });
  try {
    await pkg.stream(path, (t) => xs.write(t));
    xs.end();
    if (!sawRoot) throw notWorksheet();
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    if (e instanceof XmlTooLongError) throw new XlsxReadError(tooLongMessage(`the sheet "${sheetName}"`, e));
    throw new XlsxReadError(`The sheet "${sheetName}" is damaged and cannot be read (${e instanceof Error ? e.message : String(e)}). ${SAVE_AS}`);
  }
  return cells;
}

interface Box {
  minRow: number;
  maxRow: number;
  minCol: number;
  maxCol: number;
}

interface Block extends Box {
  /** Indices into the sheet's cells (value cells only). */
  idx: number[];
}

function boxOf(idx: number[], cells: SheetCells): Block {
  let minRow = Infinity;
  let maxRow = -1;
  let minCol = Infinity;
  let maxCol = -1;
  for (const i of idx) {
    const r = cells.row(i);
    const c = cells.col(i);
    if (r < minRow) minRow = r;
    if (r > maxRow) maxRow = r;
    if (c < minCol) minCol = c;
    if (c > maxCol) maxCol = c;
  }
  return { idx, minRow, maxRow, minCol, maxCol };
}

const area = (b: Box): number => (b.maxRow - b.minRow + 1) * (b.maxCol - b.minCol + 1);
const SINGLE_GRID_CELLS = 2 ** 21;
const DENSITY = 16;

/**
 * The most blocks (snapshots) the sheets of one workbook are read as together. A block is a snapshot of its
 * own (about 1 KB even for one cell), and the checks read each block as a table: a budget sheet is one block,
 * a sheet with notes far from its table a few. Cells scattered one by one (1,500,000 of them took 1.4 GB) are
 * refused past this, before any snapshot is built.
 */
export const BLOCK_LIMIT = 10_000;

/**
 * Group a sheet's cells into blocks whose grids are small: the whole sheet when its grid is at most
 * max(16 x cells, 2,097,152); otherwise blocks are split at their widest gap of empty rows or columns
 * (all gaps of at least half the widest at once, so the number of rounds is logarithmic), and blocks with
 * no such gap left are cut into bands of rows. A work list, not recursion. Null when there would be more
 * than `limit` blocks (found before they are all built).
 */
function blocksOf(cells: SheetCells, limit: number): (Box & { idx: number[] | null })[] | null {
  // The box of every value cell, first without listing them: the usual sheet is one block of them all.
  let n = 0;
  const box: Box = { minRow: Infinity, maxRow: -1, minCol: Infinity, maxCol: -1 };
  for (let i = 0; i < cells.count; i++) {
    if (cells.formatOnly(i)) continue;
    n++;
    const r = cells.row(i);
    const c = cells.col(i);
    if (r < box.minRow) box.minRow = r;
    if (r > box.maxRow) box.maxRow = r;
    if (c < box.minCol) box.minCol = c;
    if (c > box.maxCol) box.maxCol = c;
  }
  if (n === 0) return [];
  if (area(box) <= Math.max(DENSITY * n, SINGLE_GRID_CELLS)) return [{ ...box, idx: null }];
  const all: number[] = [];
  for (let i = 0; i < cells.count; i++) if (!cells.formatOnly(i)) all.push(i);
  const first: Block = { ...box, idx: all };
  const done: Block[] = [];
  const work: Block[] = [first];
  while (work.length > 0) {
    // Every block in the work list gives at least one block.
    if (done.length + work.length > limit) return null;
    const b = work.pop()!;
    if (area(b) <= DENSITY * b.idx.length) {
      done.push(b);
      continue;
    }
    const room = limit - done.length - work.length;
    const split = splitAtGaps(b, cells, room);
    if (split === "over") return null;
    if (split) {
      for (const part of split) work.push(boxOf(part, cells));
      continue;
    }
    const bands = rowBands(b, cells, room);
    if (bands === null) return null;
    for (const band of bands) done.push(band);
  }
  done.sort((a, b) => a.minRow - b.minRow || a.minCol - b.minCol);
  return done;
}

/**
 * Split at the widest gaps of empty rows or columns (>= half the widest); null when there is no gap, "over"
 * when there would be more than `room` parts (found before the parts are built).
 */
function splitAtGaps(b: Block, cells: SheetCells, room: number): number[][] | null | "over" {
  const gapsOf = (coord: (i: number) => number): { sorted: number[]; widest: number } => {
    const sorted = Array.from(new Set(b.idx.map(coord))).sort((x, y) => x - y);
    let widest = 0;
    for (let k = 1; k < sorted.length; k++) widest = Math.max(widest, sorted[k] - sorted[k - 1]);
    return { sorted, widest };
  };
  const rows = gapsOf((i) => cells.row(i));
  const cols = gapsOf((i) => cells.col(i));
  const byRows = rows.widest >= cols.widest;
  const g = byRows ? rows : cols;
  if (g.widest <= 1) return null;
  const threshold = Math.max(2, Math.ceil(g.widest / 2));
  // Group number of each distinct coordinate.
  const group = new Map<number, number>();
  let n = 0;
  for (let k = 0; k < g.sorted.length; k++) {
    if (k > 0 && g.sorted[k] - g.sorted[k - 1] >= threshold) n++;
    group.set(g.sorted[k], n);
  }
  if (n + 1 > room) return "over";
  const parts: number[][] = Array.from({ length: n + 1 }, () => []);
  for (const i of b.idx) parts[group.get(byRows ? cells.row(i) : cells.col(i)) ?? 0].push(i);
  return parts.filter((p) => p.length > 0);
}

/**
 * Bands of whole rows, each within the density bound; a row that alone exceeds it is cut into runs of adjacent
 * cells. Null when there would be more than `room` of them.
 */
function rowBands(b: Block, cells: SheetCells, room: number): Block[] | null {
  const byRow = new Map<number, number[]>();
  for (const i of b.idx) {
    const r = cells.row(i);
    const list = byRow.get(r);
    if (list) list.push(i);
    else byRow.set(r, [i]);
  }
  const rows = [...byRow.keys()].sort((x, y) => x - y);
  const out: Block[] = [];
  // The band being built, and its bounding box kept as rows are added (no copy of the band per row).
  let cur: Block = { idx: [], minRow: Infinity, maxRow: -1, minCol: Infinity, maxCol: -1 };
  const flush = (): void => {
    if (cur.idx.length > 0) out.push(cur);
    cur = { idx: [], minRow: Infinity, maxRow: -1, minCol: Infinity, maxCol: -1 };
  };
  for (const r of rows) {
    if (out.length > room) return null;
    const rowIdx = byRow.get(r)!;
    const rowBlock = boxOf(rowIdx, cells);
    if (area(rowBlock) > DENSITY * rowIdx.length) {
      flush();
      const sorted = rowIdx.slice().sort((x, y) => cells.col(x) - cells.col(y));
      let run: number[] = [];
      for (const i of sorted) {
        if (run.length > 0 && cells.col(i) !== cells.col(run[run.length - 1]) + 1) {
          out.push(boxOf(run, cells));
          run = [];
        }
        run.push(i);
      }
      if (run.length > 0) out.push(boxOf(run, cells));
      continue;
    }
    const merged: Block = {
      idx: cur.idx,
      minRow: Math.min(cur.minRow, rowBlock.minRow),
      maxRow: Math.max(cur.maxRow, rowBlock.maxRow),
      minCol: Math.min(cur.minCol, rowBlock.minCol),
      maxCol: Math.max(cur.maxCol, rowBlock.maxCol),
    };
    if (cur.idx.length > 0 && area(merged) > DENSITY * (cur.idx.length + rowIdx.length)) {
      flush();
      cur = { ...rowBlock, idx: rowIdx.slice() };
    } else {
      appendAll(merged.idx, rowIdx);
      cur = merged;
    }
  }
  flush();
  return out.length > room ? null : out;
}

/**
 * The block as a snapshot. Rows with nothing of their kind share one frozen row per snapshot (a formulas row
 * of a line without formulas, a formats row of "General" only, a values row of a row with no cell at all):
 * on a 100,000-line sheet that is two thirds of the grid's arrays. SheetSnapshot says rows are read-only;
 * a write into a shared row throws (the row is frozen) rather than changing other rows.
 */
function snapshotOfBlock(
  name: string,
  b: Box & { idx: number[] | null },
  cells: SheetCells,
  blockMerges: readonly RangeRef[],
  formats: readonly string[] | null,
  onlyBlock: boolean,
): SheetSnapshot {
  const rows = b.maxRow - b.minRow + 1;
  const cols = b.maxCol - b.minCol + 1;
  const emptyValues = Object.freeze(new Array<CellValue>(cols).fill(null)) as CellValue[];
  const emptyFormulas = Object.freeze(new Array<string | null>(cols).fill(null)) as (string | null)[];
  const values = new Array<CellValue[]>(rows).fill(emptyValues);
  const formulas = new Array<(string | null)[]>(rows).fill(emptyFormulas);
  // The block's value cells: those listed, or every cell with a value or formula.
  const n = b.idx ? b.idx.length : cells.count;
  for (let k = 0; k < n; k++) {
    const i = b.idx ? b.idx[k] : k;
    if (!b.idx && cells.formatOnly(i)) continue;
    const r = cells.row(i) - b.minRow;
    const c = cells.col(i) - b.minCol;
    // Every cell here has a value or a formula: its row gets values of its own.
    if (values[r] === emptyValues) values[r] = new Array<CellValue>(cols).fill(null);
    values[r][c] = cells.value(i);
    const f = cells.formulas.get(i);
    if (f !== undefined) {
      if (formulas[r] === emptyFormulas) formulas[r] = new Array<string | null>(cols).fill(null);
      formulas[r][c] = f;
    }
  }
  // Merges anchored in the block (mergesOfBlocks), clipped to it. Cells a merge covers (other than its top-left) are empty,
  // as Excel keeps them; clearing walks only the block's own grid, never the merge's full extent.
  const merges: RangeRef[] = [];
  let clearBudget = rows * cols;
  for (const m of blockMerges) {
    const rowCount = Math.min(m.rowCount, b.maxRow - m.row + 1);
    const colCount = Math.min(m.colCount, b.maxCol - m.col + 1);
    merges.push({ row: m.row, col: m.col, rowCount, colCount });
    for (let r = 0; r < rowCount && clearBudget > 0; r++) {
      const vRow = values[m.row - b.minRow + r];
      const fRow = formulas[m.row - b.minRow + r];
      for (let c = 0; c < colCount && clearBudget > 0; c++, clearBudget--) {
        if (r === 0 && c === 0) continue;
        if (vRow !== emptyValues) vRow[m.col - b.minCol + c] = null;
        if (fRow !== emptyFormulas) fRow[m.col - b.minCol + c] = null;
      }
    }
  }
  const snap: SheetSnapshot = { name, origin: { row: b.minRow, col: b.minCol }, values, formulas, merges };
  if (formats) {
    const general = Object.freeze(new Array<string>(cols).fill("General")) as string[];
    const numberFormats = new Array<string[]>(rows).fill(general);
    // Formats of every cell inside the block, value or not; when a sheet is split into blocks, of its value cells only.
    const styled = onlyBlock ? null : b.idx;
    const count = styled ? styled.length : cells.count;
    for (let k = 0; k < count; k++) {
      const i = styled ? styled[k] : k;
      const s = cells.style(i);
      if (s <= 0) continue;
      const r = cells.row(i) - b.minRow;
      const c = cells.col(i) - b.minCol;
      if (r < 0 || r >= rows || c < 0 || c >= cols) continue;
      const f = formats[s];
      if (!f || f === "General") continue;
      if (numberFormats[r] === general) numberFormats[r] = new Array<string>(cols).fill("General");
      numberFormats[r][c] = f;
    }
    snap.numberFormats = numberFormats;
  }
  return snap;
}

/**
 * The merges anchored in each block, in the sheet's order. Blocks' boxes do not overlap (each split divides
 * its block's box), so a merge belongs to at most one. One sweep down the rows, with the block that owns each
 * column at the current row: the blocks' widths plus a sort, rather than every merge for every block.
 * Exported for tests.
 */
export function mergesOfBlocks(blocks: readonly Box[], merges: readonly RangeRef[]): RangeRef[][] {
  const out: RangeRef[][] = blocks.map(() => []);
  if (merges.length === 0 || blocks.length === 0) return out;
  const keys = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  const byRow = keys(merges.length).sort((a, b) => merges[a].row - merges[b].row);
  const byStart = keys(blocks.length).sort((a, b) => blocks[a].minRow - blocks[b].minRow);
  const byEnd = keys(blocks.length).sort((a, b) => blocks[a].maxRow - blocks[b].maxRow);
  const owner = new Int32Array(16384).fill(-1);
  const blockOf = new Int32Array(merges.length);
  let started = 0;
  let ended = 0;
  for (const mi of byRow) {
    const r = merges[mi].row;
    for (; ended < byEnd.length && blocks[byEnd[ended]].maxRow < r; ended++) {
      const k = byEnd[ended];
      for (let c = blocks[k].minCol; c <= blocks[k].maxCol; c++) if (owner[c] === k) owner[c] = -1;
    }
    for (; started < byStart.length && blocks[byStart[started]].minRow <= r; started++) {
      const k = byStart[started];
      if (blocks[k].maxRow >= r) owner.fill(k, blocks[k].minCol, blocks[k].maxCol + 1);
    }
    const c = merges[mi].col;
    blockOf[mi] = c >= 0 && c < 16384 ? owner[c] : -1;
  }
  for (let mi = 0; mi < merges.length; mi++) if (blockOf[mi] >= 0) out[blockOf[mi]].push(merges[mi]);
  return out;
}

/**
 * Snapshots of one sheet's cells: one per block (usually one), or one empty snapshot. `room`: how many more
 * blocks the workbook may have (BLOCK_LIMIT less those of the sheets before).
 */
function snapshotsOfSheet(name: string, cells: SheetCells, formats: readonly string[] | null, room: number): SheetSnapshot[] {
  const blocks = blocksOf(cells, room);
  if (blocks === null) {
    throw new XlsxReadError(
      `The sheet "${name}" has cells scattered far apart in more than ${BLOCK_LIMIT.toLocaleString("en-GB")} separate groups${room < BLOCK_LIMIT ? ", counting the workbook's other sheets" : ""}, more than can be read here. Delete the stray cells or move them together, or check it in Excel.`,
    );
  }
  const output = cells.addinOutput !== null ? { addinOutput: cells.addinOutput } : {};
  if (blocks.length === 0) {
    const merges = cells.merges.filter((m) => m.rowCount * m.colCount <= SINGLE_GRID_CELLS);
    return [{ name, origin: { row: 0, col: 0 }, values: [], formulas: [], merges, ...(formats ? { numberFormats: [] } : {}), ...output }];
  }
  const merges = mergesOfBlocks(blocks, cells.merges);
  return blocks.map((b, k) => ({ ...snapshotOfBlock(name, b, cells, merges[k], formats, blocks.length === 1), ...output }));
}

/**
 * Read every worksheet of an .xlsx file (visible ones unless `includeHidden`) into snapshots, in workbook
 * order. Rejects with XlsxReadError, in a sentence, when the bytes are not an .xlsx workbook or are over a
 * limit (XLSX_LIMITS), before inflating anything big.
 */
export async function readXlsx(xlsx: Uint8Array | ArrayBuffer, options: ReadXlsxOptions = {}): Promise<SheetSnapshot[]> {
  try {
    return await readPackage(xlsx, options);
  } catch (e) {
    if (e instanceof MalformedXmlError) throw new XlsxReadError(`This file is damaged: one of its parts is not well-formed XML. ${SAVE_AS}`);
    if (e instanceof XmlTooLongError) throw new XlsxReadError(tooLongMessage("one of its parts", e));
    throw e;
  }
}

async function readPackage(xlsx: Uint8Array | ArrayBuffer, options: ReadXlsxOptions): Promise<SheetSnapshot[]> {
  const bytes = xlsx instanceof Uint8Array ? xlsx : new Uint8Array(xlsx);
  const pkg = await openXlsxPackage(bytes);
  const info = await readWorkbookInfo(pkg);
  const wanted = info.sheets.filter((s) => options.includeHidden || !s.hidden);
  const sst = wanted.length > 0 ? await readSharedStrings(pkg, info.sharedStringsPath) : [];
  const formats = options.numberFormats ?? true ? await readStyles(pkg, info.stylesPath) : null;
  const out: SheetSnapshot[] = [];
  for (const s of wanted) {
    const cells = await readSheetCells(pkg, s.path, sst, s.name, info.date1904);
    for (const snap of snapshotsOfSheet(s.name, cells, formats, Math.max(0, BLOCK_LIMIT - out.length))) out.push(snap);
  }
  return out;
}
