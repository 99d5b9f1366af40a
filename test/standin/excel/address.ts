/** Address parsing for the stand-in: sheet-qualified A1 ranges, whole columns ("A:C") and whole rows ("2:4"). */
import { columnIndex, quoteSheetName, rangeAddress, columnLetters, type RangeRef } from "../../../src/core/a1";

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface ParsedArea {
  sheet?: string;
  rect: RangeRef;
}

function unquoteSheet(text: string): string {
  const t = text.trim();
  if (t.startsWith("'") && t.endsWith("'") && t.length >= 2) return t.slice(1, -1).replace(/''/g, "'");
  return t;
}

function parseEnd(text: string): { row?: number; col?: number } {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d{0,7})$/.exec(text.trim());
  if (!m || (m[1] === "" && m[2] === "")) throw new RangeError(`Not an address: ${text}`);
  const out: { row?: number; col?: number } = {};
  if (m[1] !== "") out.col = columnIndex(m[1]);
  if (m[2] !== "") {
    const row = Number(m[2]) - 1;
    if (row < 0) throw new RangeError(`Not an address: ${text}`);
    out.row = row;
  }
  return out;
}

/** "Sheet1!A1:B2", "'My sheet'!A:A", "3:5", "B7" -> sheet (when given) and rectangle. Throws RangeError. */
export function parseArea(text: string): ParsedArea {
  let sheet: string | undefined;
  let local = text.trim();
  const bang = local.lastIndexOf("!");
  if (bang >= 0) {
    sheet = unquoteSheet(local.slice(0, bang));
    local = local.slice(bang + 1);
  }
  const parts = local.split(":");
  if (parts.length > 2 || parts[0] === "") throw new RangeError(`Not an address: ${text}`);
  const a = parseEnd(parts[0]);
  const b = parts.length === 2 ? parseEnd(parts[1]) : a;
  const wholeCols = a.row === undefined && b.row === undefined;
  const wholeRows = a.col === undefined && b.col === undefined;
  if (parts.length === 1 && (wholeCols || wholeRows)) throw new RangeError(`Not an address: ${text}`);
  if ((a.row === undefined) !== (b.row === undefined) || (a.col === undefined) !== (b.col === undefined)) {
    throw new RangeError(`Not an address: ${text}`);
  }
  const r1 = a.row ?? 0;
  const r2 = b.row ?? MAX_ROWS - 1;
  const c1 = a.col ?? 0;
  const c2 = b.col ?? MAX_COLS - 1;
  if (Math.max(r1, r2) >= MAX_ROWS || Math.max(c1, c2) >= MAX_COLS) throw new RangeError(`Outside the sheet: ${text}`);
  return {
    sheet,
    rect: { row: Math.min(r1, r2), col: Math.min(c1, c2), rowCount: Math.abs(r2 - r1) + 1, colCount: Math.abs(c2 - c1) + 1 },
  };
}

/** Split "A1:B2, C3,'a,b'!D4" into areas, respecting quoted sheet names. */
export function splitAreas(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() !== "") out.push(cur.trim());
  return out;
}

/** The local part of an address, as Excel writes it: "A1", "A1:C3", "A:C", "2:4". */
export function localAddress(rect: RangeRef): string {
  if (rect.row === 0 && rect.rowCount === MAX_ROWS) return `${columnLetters(rect.col)}:${columnLetters(rect.col + rect.colCount - 1)}`;
  if (rect.col === 0 && rect.colCount === MAX_COLS) return `${rect.row + 1}:${rect.row + rect.rowCount}`;
  return rangeAddress(rect);
}

/** "Budget!A1:C3", "'Budget 2024'!B2". */
export function qualifiedAddress(sheet: string, rect: RangeRef): string {
  return `${quoteSheetName(sheet)}!${localAddress(rect)}`;
}

export function intersect(a: RangeRef, b: RangeRef): RangeRef | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const rowEnd = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const colEnd = Math.min(a.col + a.colCount, b.col + b.colCount);
  if (rowEnd <= row || colEnd <= col) return null;
  return { row, col, rowCount: rowEnd - row, colCount: colEnd - col };
}
