/**
 * Undo of applied fixes: put each fixed cell back exactly as it was before (its number format, then its formula
 * or constant; text stays text), but only where the cell still holds what the fix wrote. A cell the user has
 * changed since is left alone and reported. One sync reads the cells, one writes them back and reads the result.
 */
import { excelApi, explainOfficeError, textEntry } from "./runtime";
import type { AppliedEdit, CellState } from "./types";

export interface UndoResult {
  /** Cells put back as they were. */
  restored: { sheet: string; cell: string; state: CellState }[];
  /** Cells changed since the fix was applied: left as they are. */
  changedSince: { sheet: string; cell: string }[];
}

function stateOf(range: Excel.Range): CellState {
  const v: unknown = range.values[0][0];
  const f: unknown = range.formulas[0][0];
  const isFormula = typeof f === "string" && f.startsWith("=") && !(typeof v === "string" && v === f);
  let value: CellState["value"] = typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
  if (value === "" && !isFormula) value = null;
  return { value, formula: isFormula ? (f as string) : null, numberFormat: String(range.numberFormat[0][0] ?? "General") };
}

/** True when `now` is what the fix left (formula, or constant and format). */
export function unchangedSince(after: CellState, now: CellState): boolean {
  if (after.formula !== null || now.formula !== null) return after.formula === now.formula && after.numberFormat === now.numberFormat;
  return after.value === now.value && after.numberFormat === now.numberFormat;
}

/** Put the cells of `applied` back to their `before` states (in reverse order, so a cell fixed twice ends as it first was). */
export async function undoEdits(applied: readonly AppliedEdit[]): Promise<UndoResult> {
  if (applied.length === 0) return { restored: [], changedSince: [] };
  const Excel = excelApi();
  try {
    return await Excel.run(async (context) => {
      const current = applied.map((a) => context.workbook.worksheets.getItem(a.edit.sheet).getRange(a.edit.cell).load("values, formulas, numberFormat"));
      await context.sync();
      const out: UndoResult = { restored: [], changedSince: [] };
      const written: { a: AppliedEdit; range: Excel.Range }[] = [];
      for (let i = applied.length - 1; i >= 0; i--) {
        const a = applied[i];
        if (!unchangedSince(a.after, stateOf(current[i]))) {
          out.changedSince.push({ sheet: a.edit.sheet, cell: a.edit.cell });
          continue;
        }
        const range = context.workbook.worksheets.getItem(a.edit.sheet).getRange(a.edit.cell);
        const b = a.before;
        range.numberFormat = [[b.numberFormat]];
        if (b.formula !== null) range.formulas = [[b.formula]];
        else if (b.value === null) range.values = [[""]];
        else if (typeof b.value === "string") range.values = [[b.numberFormat === "@" ? b.value : textEntry(b.value)]];
        else range.values = [[b.value]];
        range.load("values, formulas, numberFormat");
        written.push({ a, range });
      }
      if (written.length) await context.sync();
      for (const w of written) out.restored.push({ sheet: w.a.edit.sheet, cell: w.a.edit.cell, state: stateOf(w.range) });
      return out;
    });
  } catch (e) {
    throw explainOfficeError(e, "put the cells back");
  }
}
