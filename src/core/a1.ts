/** A1-style cell addresses. Rows and columns are 0-based in code, 1-based and lettered in A1 text. */

export interface CellRef {
  row: number;
  col: number;
}

/** A rectangular block of cells; `row`/`col` is the top-left, 0-based. */
export interface RangeRef extends CellRef {
  rowCount: number;
  colCount: number;
}

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetters(col: number): string {
  if (!Number.isInteger(col) || col < 0) throw new RangeError(`Column index must be a whole number >= 0 (got ${col})`);
  let n = col + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "A" -> 0, "AA" -> 26. Case-insensitive. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) throw new RangeError(`Not a column: ${letters}`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function rangeAddress(r: RangeRef): string {
  const start = cellAddress(r.row, r.col);
  if (r.rowCount === 1 && r.colCount === 1) return start;
  return `${start}:${cellAddress(r.row + r.rowCount - 1, r.col + r.colCount - 1)}`;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** "B12" or "$B$12" -> { row: 11, col: 1 }. */
export function parseCellAddress(text: string): CellRef {
  const m = CELL_RE.exec(text.trim());
  if (!m) throw new RangeError(`Not a cell address: ${text}`);
  const row = Number(m[2]) - 1;
  if (row < 0) throw new RangeError(`Not a cell address: ${text}`);
  return { row, col: columnIndex(m[1]) };
}

/** "A1:C3", "$A$1:$C$3", "Sheet1!A1:C3" (sheet part dropped) or a single cell. */
export function parseRangeAddress(text: string): RangeRef {
  const bang = text.lastIndexOf("!");
  const local = bang >= 0 ? text.slice(bang + 1) : text;
  const [a, b] = local.split(":");
  const start = parseCellAddress(a);
  const end = b === undefined ? start : parseCellAddress(b);
  const row = Math.min(start.row, end.row);
  const col = Math.min(start.col, end.col);
  return { row, col, rowCount: Math.abs(end.row - start.row) + 1, colCount: Math.abs(end.col - start.col) + 1 };
}

/**
 * Quote a sheet name for use in a formula or hyperlink: 'Budget 2024'!A1. Besides names with spaces or
 * punctuation, a name that could be read as a reference is quoted: an A1 cell (KR17!A1 must be 'KR17'!A1),
 * an R1C1 one (R1C1, R, C, RC, R2, C3) or another language's R1C1 letters (Z1S1, L1C1), so any name of one to
 * three letters followed by a digit, and R, C or RC alone. Excel's rule is not published; these are the cases
 * found by creating files in Excel (jmcnamara/XlsxWriter#1078, "Some notes on worksheet name quoting": names
 * that look like A1 or R1C1 references are quoted), with Microsoft KB 111393 for R and C. Quoting a name that
 * did not need it is always valid.
 */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d/.test(name) && !/^(R|C|RC)$/i.test(name) && !/^(TRUE|FALSE)$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function rangeContains(r: RangeRef, c: CellRef): boolean {
  return c.row >= r.row && c.row < r.row + r.rowCount && c.col >= r.col && c.col < r.col + r.colCount;
}
