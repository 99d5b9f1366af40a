/**
 * Undo of applied fixes: put each fixed cell back exactly as it was before (its number format, then its formula
 * or constant; text stays text), but only where the cell still holds what the fix wrote. A cell the user has
 * changed since is left alone and reported. Reads and writes go by blocks of neighbouring cells, sized under the 5 MB limit.
 */
import { editBlocks, readStates, writeBlocks } from "./edits";
import { explainOfficeError, jsonBytes, runExcel, textEntry } from "./runtime";
import type { AppliedEdit, CellState } from "./types";

export interface UndoResult {
  /** Cells put back as they were. */
  restored: { sheet: string; cell: string; state: CellState }[];
  /** Cells changed since the fix was applied: left as they are. */
  changedSince: { sheet: string; cell: string }[];
}

/** True when `now` is what the fix left (formula, or constant and format). */
export function unchangedSince(after: CellState, now: CellState): boolean {
  if (after.formula !== null || now.formula !== null) return after.formula === now.formula && after.numberFormat === now.numberFormat;
  return after.value === now.value && after.numberFormat === now.numberFormat;
}

/** Bytes a cell's state takes in Excel's answer: its value, its formula (or the value again) and its format. */
function stateBytes(state: CellState): number {
  return jsonBytes(state.value ?? "") + jsonBytes(state.formula ?? state.value ?? "") + jsonBytes(state.numberFormat) + 3;
}

/** What a cell gets back: its formula, or its constant (text as text), or nothing. */
function restoredEntry(b: CellState): string | number | boolean {
  if (b.formula !== null) return b.formula;
  if (b.value === null) return "";
  if (typeof b.value === "string") return b.numberFormat === "@" ? b.value : textEntry(b.value);
  return b.value;
}

/**
 * Put the cells of `applied` back to their `before` states (in reverse order, so a cell fixed twice ends as it first
 * was). The fixed cells are read as blocks (rectangles of neighbouring cells, one range each), then the cells still as
 * the fix left them are written back as blocks with 2-D arrays of formats and values or formulas, in syncs sized by
 * their bytes (each under the 5 MB limit), the result read in the same syncs.
 */
export async function undoEdits(applied: readonly AppliedEdit[]): Promise<UndoResult> {
  if (applied.length === 0) return { restored: [], changedSince: [] };
  try {
    return await runExcel(async (context) => {
      // The cells should still hold what the fix left: that sizes the reads.
      const now = await readStates(context, applied.length, editBlocks(applied.map((a) => a.edit)).flat(), (i) => stateBytes(applied[i].after));
      const out: UndoResult = { restored: [], changedSince: [] };
      const back: AppliedEdit[] = [];
      for (let i = applied.length - 1; i >= 0; i--) {
        const a = applied[i];
        if (unchangedSince(a.after, now.states[i])) back.push(a);
        else out.changedSince.push({ sheet: a.edit.sheet, cell: a.edit.cell });
      }
      if (back.length === 0) return out;
      const cells = back.map((a) => ({ sheet: a.edit.sheet, cell: a.edit.cell, kind: a.before.formula !== null ? ("formula" as const) : ("text" as const) }));
      const result = await writeBlocks(context, editBlocks(cells), back.length, now.bytesPerCell, {
        entry: (index) => restoredEntry(back[index].before),
        format: (index) => back[index].before.numberFormat,
        keptFormat: (index) => back[index].before.numberFormat,
      });
      back.forEach((a, i) => out.restored.push({ sheet: a.edit.sheet, cell: a.edit.cell, state: result[i] }));
      return out;
    });
  } catch (e) {
    throw explainOfficeError(e, "put the cells back");
  }
}
