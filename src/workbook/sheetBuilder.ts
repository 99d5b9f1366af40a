/**
 * A small builder for the members' pack sheets: cells placed row by row, formulas written with the
 * result core computed (so the cached value is right before any recalculation).
 */
import { tidy } from "../core/money";
import { cellAddress, type RangeRef } from "../core/a1";
import type { LayoutStyleName, PrintSetup, SheetLayout, LayoutTable } from "../core/layout";
import { LayoutCells } from "../core/layoutCells";

export class SheetBuilder {
  readonly cells = new LayoutCells();
  readonly merges: RangeRef[] = [];
  readonly tables: LayoutTable[] = [];
  columnWidths: number[];
  freezeRows?: number;
  /** Columns hidden from view and print (chart helper figures). */
  hiddenColumns: number[] = [];
  /** The next free row (0-based). */
  row = 0;

  constructor(
    readonly name: string,
    columnWidths: number[],
    readonly print: PrintSetup,
  ) {
    this.columnWidths = [...columnWidths];
  }

  /** A constant: strings are text, always. */
  value(row: number, col: number, value: string | number | boolean | null, style?: LayoutStyleName, numberFormat?: string): void {
    this.cells.put(row, col, value, style, numberFormat);
  }

  /** A native formula with its computed result. */
  formula(row: number, col: number, formula: string, result: number | string, style?: LayoutStyleName, numberFormat?: string): void {
    this.cells.putFormula(row, col, formula.startsWith("=") ? formula : `=${formula}`, result, style, numberFormat);
  }

  link(row: number, col: number, text: string, sheet: string, cell = "A1"): void {
    this.cells.push({ row, col, value: text, style: "link", link: { sheet, cell } });
  }

  merge(row: number, col: number, rowCount: number, colCount: number): void {
    if (rowCount > 1 || colCount > 1) this.merges.push({ row, col, rowCount, colCount });
  }

  /** A title across `span` columns and an optional subtitle below; advances `row`. */
  title(text: string, span: number, subtitle?: string): void {
    this.value(this.row, 0, text, "title");
    this.merge(this.row, 0, 1, span);
    this.row++;
    if (subtitle) {
      this.value(this.row, 0, subtitle, "note");
      this.merge(this.row, 0, 1, span);
      this.row++;
    }
    this.row++;
  }

  /** A row of header cells; advances `row`. Returns the header's row index. */
  header(labels: string[], col = 0): number {
    labels.forEach((l, i) => this.value(this.row, col + i, l, "header"));
    return this.row++;
  }

  /** An Excel table over `range`; `filter` shows filter buttons that work on the protected sheet. */
  table(name: string, range: RangeRef, options: { filter?: boolean } = {}): void {
    this.tables.push(options.filter ? { name, range, filter: true } : { name, range });
  }

  build(): SheetLayout {
    return {
      name: this.name,
      cells: this.cells,
      merges: this.merges,
      columnWidths: this.columnWidths,
      print: this.print,
      freezeRows: this.freezeRows,
      tables: this.tables.length > 0 ? this.tables : undefined,
      ...(this.hiddenColumns.length > 0 ? { hiddenColumns: [...this.hiddenColumns] } : {}),
    };
  }
}

/** "B5:B9" for a column block. */
export function columnRange(col: number, firstRow: number, lastRow: number): string {
  return `${cellAddress(firstRow, col)}:${cellAddress(lastRow, col)}`;
}

/** The exact sum, as Excel would print it after recalculation (to 9 decimal places, no binary noise). */
export function tidySum(values: readonly number[]): number {
  return tidy(values.reduce((a, b) => a + b, 0));
}

export { tidy };
