/**
 * Putting a formula into one cell for the Functions tab: read where the selection is, and write the formula
 * into a cell only if it is empty, unless the caller says the user agreed to replace what is there.
 */
import { parseRangeAddress } from "../core/a1";
import { explainOfficeError, runExcel, type CellEditWaitOptions } from "./runtime";

export interface SelectionInfo {
  sheet: string;
  /** The selection without the sheet ("B2:B7"). */
  address: string;
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

/** Where the selection is. One sync; waits for a cell edit to end (a read: started again where Excel cannot wait). */
export async function readSelection(options: CellEditWaitOptions = {}): Promise<SelectionInfo> {
  try {
    return await runExcel(
      async (context) => {
        const r = context.workbook.getSelectedRange().load("address, rowIndex, columnIndex, rowCount, columnCount");
        const ws = r.worksheet.load("name");
        await context.sync();
        const address = r.address.includes("!") ? r.address.slice(r.address.lastIndexOf("!") + 1) : r.address;
        const rect = parseRangeAddress(address.replace(/\$/g, ""));
        return { sheet: ws.name, address: address.replace(/\$/g, ""), row: rect.row, col: rect.col, rowCount: r.rowCount, colCount: r.columnCount };
      },
      { ...options, retryInCellEdit: true },
    );
  } catch (e) {
    throw explainOfficeError(e, "read the selection");
  }
}

export type InsertResult = { written: true; value: unknown } | { written: false; existing: string };

/** Write `formula` into `cell` of `sheet` and select it; when the cell is not empty and `replace` is not set, write nothing and say what is there. Two syncs. */
export async function insertFormula(sheet: string, cell: string, formula: string, replace = false): Promise<InsertResult> {
  try {
    // runExcel: Excel holds the run while a cell is being edited. A write, so it is not started again.
    return await runExcel(async (context) => {
      const range = context.workbook.worksheets.getItem(sheet).getRange(cell).load("formulas, values");
      await context.sync();
      const current: unknown = range.formulas[0][0];
      if (!replace && current !== "" && current !== null) return { written: false as const, existing: String(current) };
      range.formulas = [[formula]];
      range.select();
      range.load("values");
      await context.sync();
      return { written: true as const, value: range.values[0][0] as unknown };
    });
  } catch (e) {
    throw explainOfficeError(e, "put the formula in the cell");
  }
}
