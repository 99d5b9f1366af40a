/**
 * A plain snapshot of one worksheet block: what the checks read, whether it came from Office.js
 * (src/excel) or from an .xlsx file (src/workbook). No Office types here.
 *
 * Its rows are for reading: the .xlsx reader gives rows with nothing in them (a line's formulas when it has
 * none, formats that are all "General", a blank row's values) one shared, frozen row, so writing into a
 * snapshot's row throws. Copy the rows first to change them (applyEditsToSnapshot does).
 */
import type { RangeRef } from "./a1";

/** A cell's calculated value. Empty cells are null. Error values are their text ("#REF!"). */
export type CellValue = string | number | boolean | null;

export interface SheetSnapshot {
  /** Worksheet name. */
  name: string;
  /** Sheet coordinates (0-based) of values[0][0]. */
  origin: { row: number; col: number };
  /** Calculated values, row by row; every row has the same length. */
  values: CellValue[][];
  /** The formula in each cell ("=SUM(B2:B5)"), or null where the cell holds a constant or is empty. */
  formulas: (string | null)[][];
  /** Number formats ("General", '"£"#,##0'); optional, same shape as values when present. */
  numberFormats?: string[][];
  /** Merged areas in sheet coordinates. */
  merges: RangeRef[];
  /**
   * Set when Excel could not say which cells are merged (too many merged areas, or an Excel without the API):
   * a sentence for the user. `merges` is then incomplete or empty, and checks read the cells as unmerged.
   */
  mergesUnread?: string;
  /**
   * Set when the sheet is the add-in's own output (its header or footer carries "Budget Tools output",
   * src/core/outputMarker.ts): what it is ("check report"). The checks and the members' pack skip it.
   */
  addinOutput?: string;
}

/** Excel's error values as they arrive in `values`. */
export const ERROR_VALUES = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BUSY!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#PYTHON!"] as const;
const ERROR_SET: ReadonlySet<string> = new Set(ERROR_VALUES);

export function isErrorValue(v: CellValue): v is string {
  // Every error value starts with "#": other text is answered without hashing it.
  return typeof v === "string" && v.charCodeAt(0) === 35 && ERROR_SET.has(v);
}

/**
 * A cell as text, the one way the add-in reads a label: text trimmed (non-breaking spaces count as spaces),
 * numbers and booleans as Excel shows them unformatted, anything else (blank, an object) as "".
 */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return (v.includes("\u00a0") ? v.replace(/\u00a0/g, " ") : v).trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

/** A blank cell: empty, or text of spaces only. */
export function isBlank(v: unknown): boolean {
  return cellText(v) === "";
}

/** An empty snapshot of the given size, for building fixtures and for tests. */
export function emptySnapshot(name: string, rows: number, cols: number, origin = { row: 0, col: 0 }): SheetSnapshot {
  return {
    name,
    origin,
    values: Array.from({ length: rows }, () => Array<CellValue>(cols).fill(null)),
    formulas: Array.from({ length: rows }, () => Array<string | null>(cols).fill(null)),
    merges: [],
  };
}

/**
 * Build a snapshot from rows written as a person would type them: a string starting with "=" is a formula
 * (its value given separately in `values`, else null), anything else a constant. For fixtures and tests.
 */
export function snapshotFromRows(name: string, rows: CellValue[][], calculated?: CellValue[][]): SheetSnapshot {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  rows.forEach((r, i) => {
    const vRow: CellValue[] = [];
    const fRow: (string | null)[] = [];
    for (let c = 0; c < width; c++) {
      const cell = c < r.length ? r[c] : null;
      if (typeof cell === "string" && cell.startsWith("=")) {
        fRow.push(cell);
        vRow.push(calculated?.[i]?.[c] ?? null);
      } else {
        fRow.push(null);
        vRow.push(cell ?? null);
      }
    }
    values.push(vRow);
    formulas.push(fRow);
  });
  return { name, origin: { row: 0, col: 0 }, values, formulas, merges: [] };
}
