/**
 * Read an .xlsx file into sheet snapshots with ExcelJS, in the browser (the task pane's "Check returns")
 * or in Node (auditWorkbook, tests). Values are the cached results Excel saved (the file is not
 * recalculated), formulas carry a leading "=", shared formulas are expanded to each cell's own formula,
 * rich text is flattened, error values arrive as their text ("#REF!") and dates as Excel serial numbers.
 */
import ExcelJS from "exceljs";
import { parseRangeAddress } from "../core/a1";
import type { RangeRef } from "../core/a1";
import { dateToExcelSerial } from "../core/financialYear";
import type { CellValue, SheetSnapshot } from "../core/sheetSnapshot";

export interface ReadXlsxOptions {
  /** Include hidden and very hidden sheets (default false: a member sees only visible sheets). */
  includeHidden?: boolean;
  /** Read number formats (default true). */
  numberFormats?: boolean;
}

/** Thrown when the bytes are not a readable .xlsx workbook. */
export class XlsxReadError extends Error {
  override name = "XlsxReadError";
}

type ExcelCellValue = ExcelJS.CellValue;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

/** Text of a rich-text, hyperlink or shared-string value. */
function flattenText(v: Record<string, unknown>): string | null {
  if (Array.isArray(v.richText)) {
    return (v.richText as unknown[]).map((p) => (isObject(p) && typeof p.text === "string" ? p.text : "")).join("");
  }
  if (typeof v.text === "string") return v.text;
  if (isObject(v.text)) return flattenText(v.text);
  return null;
}

/** A plain cell value from ExcelJS's value (or a formula's cached result). */
function plainValue(v: ExcelCellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateToExcelSerial(v);
  if (isObject(v)) {
    if (typeof v.error === "string") return v.error;
    if ("formula" in v || "sharedFormula" in v) return plainValue((v as { result?: ExcelCellValue }).result);
    const text = flattenText(v);
    if (text !== null) return text;
  }
  return null;
}

function formulaOf(cell: ExcelJS.Cell): string | null {
  if (cell.type !== ExcelJS.ValueType.Formula) return null;
  // For a shared formula's other cells ExcelJS translates the master's formula to this cell.
  const f = cell.formula;
  if (typeof f !== "string" || f.trim() === "") return null;
  return f.startsWith("=") ? f : `=${f}`;
}

/**
 * Worksheet merges as ranges. ExcelJS indexes them in `_merges` (master address -> range); its public
 * `model` getter would serialise every row of the sheet to get the same list, so it is only the fallback.
 */
function mergesOf(ws: ExcelJS.Worksheet): RangeRef[] {
  const internal = (ws as unknown as { _merges?: Record<string, { range?: unknown } | undefined> })._merges;
  const list: unknown[] = internal
    ? Object.values(internal).map((m) => m?.range)
    : ((ws.model as unknown as { merges?: unknown[] }).merges ?? []);
  const out: RangeRef[] = [];
  for (const m of list) {
    if (typeof m !== "string") continue;
    try {
      out.push(parseRangeAddress(m));
    } catch {
      // A merge ExcelJS could not express in A1 form cannot point at a cell: leave it out.
    }
  }
  return out;
}

/** Read one worksheet's used block (first to last non-empty row and column) into a snapshot. */
export function worksheetSnapshot(ws: ExcelJS.Worksheet, options: ReadXlsxOptions = {}): SheetSnapshot {
  const withFormats = options.numberFormats ?? true;
  let minRow = Infinity;
  let maxRow = -1;
  let minCol = Infinity;
  let maxCol = -1;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.value === null || cell.value === undefined) return;
      if (rowNumber < minRow) minRow = rowNumber;
      if (rowNumber > maxRow) maxRow = rowNumber;
      if (colNumber < minCol) minCol = colNumber;
      if (colNumber > maxCol) maxCol = colNumber;
    });
  });
  const merges = mergesOf(ws);
  if (maxRow < 0) return { name: ws.name, origin: { row: 0, col: 0 }, values: [], formulas: [], merges, ...(withFormats ? { numberFormats: [] } : {}) };
  const origin = { row: minRow - 1, col: minCol - 1 };
  const rows = maxRow - minRow + 1;
  const cols = maxCol - minCol + 1;
  const values: CellValue[][] = new Array(rows);
  const formulas: (string | null)[][] = new Array(rows);
  const numberFormats: string[][] | undefined = withFormats ? new Array(rows) : undefined;
  for (let r = 0; r < rows; r++) {
    values[r] = new Array<CellValue>(cols).fill(null);
    formulas[r] = new Array<string | null>(cols).fill(null);
    if (numberFormats) numberFormats[r] = new Array<string>(cols).fill("General");
  }
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - minRow;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - minCol;
      if (c < 0 || c >= cols) return;
      // Merged cells other than the top-left report the master's value; a snapshot keeps them empty.
      if (cell.isMerged && cell.master !== cell) {
        if (numberFormats && cell.numFmt) numberFormats[r][c] = cell.numFmt;
        return;
      }
      const f = formulaOf(cell);
      formulas[r][c] = f;
      values[r][c] = plainValue(f ? cell.result : cell.value);
      if (numberFormats && cell.numFmt) numberFormats[r][c] = cell.numFmt;
    });
  });
  const snap: SheetSnapshot = { name: ws.name, origin, values, formulas, merges };
  if (numberFormats) snap.numberFormats = numberFormats;
  return snap;
}

/** Load a workbook with ExcelJS, turning its failures into a sentence a person understands. */
export async function loadXlsx(xlsx: Uint8Array | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const bytes = xlsx instanceof Uint8Array ? xlsx : new Uint8Array(xlsx);
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS accepts an ArrayBuffer-like; hand it an exact copy of the bytes' own region.
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await wb.xlsx.load(buffer);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new XlsxReadError(`This file could not be read as an Excel workbook (.xlsx): ${why}`);
  }
  return wb;
}

/**
 * Read every worksheet of an .xlsx file (visible ones unless `includeHidden`) into snapshots, in workbook order.
 */
export async function readXlsx(xlsx: Uint8Array | ArrayBuffer, options: ReadXlsxOptions = {}): Promise<SheetSnapshot[]> {
  const wb = await loadXlsx(xlsx);
  const out: SheetSnapshot[] = [];
  wb.eachSheet((ws) => {
    if (!options.includeHidden && ws.state !== "visible" && ws.state !== undefined) return;
    out.push(worksheetSnapshot(ws, options));
  });
  return out;
}
