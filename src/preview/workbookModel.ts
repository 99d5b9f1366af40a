/** Reading the in-memory workbook for the preview's sheet view and its file export (preview only). */
import { parseRangeAddress, type RangeRef } from "../core/a1";
import type { ExcelStandIn } from "../../test/standin/excel";

/** Excel.run of the stand-in itself (typed with Office's types, which the stand-in implements at run time). */
export type RawRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The used range of each sheet (null when empty), via the stand-in's own API (not counted as an add-in call). */
export async function usedRanges(run: RawRun, sheets: readonly string[]): Promise<Map<string, RangeRef | null>> {
  return run(async (context) => {
    const ranges = sheets.map((s) => {
      const r = context.workbook.worksheets.getItem(s).getUsedRangeOrNullObject(false);
      r.load("address");
      return r;
    });
    await context.sync();
    const out = new Map<string, RangeRef | null>();
    ranges.forEach((r, i) => {
      if (r.isNullObject) out.set(sheets[i], null);
      else {
        const address = r.address;
        out.set(sheets[i], parseRangeAddress(address.slice(address.lastIndexOf("!") + 1)));
      }
    });
    return out;
  });
}

/** Activate a sheet / select a cell, as clicking in Excel would. */
export async function activate(run: RawRun, sheet: string, cell?: string): Promise<void> {
  await run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    if (cell) ws.getRange(cell).select();
    await context.sync();
  });
}

export function visibleSheets(standIn: ExcelStandIn): string[] {
  return standIn.sheetNames().filter((n) => standIn.sheetInfo(n).visibility === "Visible");
}

/** Write one cell as if typed (a value, or a formula starting with "="), as the preview's formula bar does. */
export async function writeCell(run: RawRun, sheet: string, cell: string, text: string): Promise<void> {
  await run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(cell).formulas = [[text]];
    await context.sync();
  });
}
