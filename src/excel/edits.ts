/**
 * Previewing and applying fixes: only the cells named in the edits are read or written. Numbers are written as
 * numbers, text as text (never turned into a formula or number by Excel), formulas as formulas.
 */
import { cellAddress, parseCellAddress } from "../core/a1";
import type { CellEdit } from "../core/findings";
import type { CellValue } from "../core/sheetSnapshot";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, excelApi, explainOfficeError, officeErrorCode, textEntry } from "./runtime";
import type { AppliedEdit, CellState, EditPreview } from "./types";

/** Cells read in one sync. */
const MAX_CELLS_PER_SYNC = 10_000;

function normalise(edit: CellEdit): CellEdit {
  const c = parseCellAddress(edit.cell);
  return { ...edit, cell: cellAddress(c.row, c.col) };
}

function validate(edit: CellEdit): void {
  if (edit.kind === "number" && !Number.isFinite(edit.value)) throw new RangeError(`The fix for ${edit.sheet}!${edit.cell} is not a finite number.`);
  if (edit.kind === "formula" && !edit.formula.startsWith("=")) throw new RangeError(`The fix for ${edit.sheet}!${edit.cell} is not a formula: ${edit.formula}`);
}

function cellState(range: Excel.Range): CellState {
  const v: unknown = range.values[0][0];
  const f: unknown = range.formulas[0][0];
  const isFormula = typeof f === "string" && f.startsWith("=") && !(typeof v === "string" && v === f);
  let value: CellValue = typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
  if (value === "" && !isFormula) value = null;
  return { value, formula: isFormula ? (f as string) : null, numberFormat: String(range.numberFormat[0][0] ?? "General") };
}

function friendly(e: unknown): unknown {
  if (officeErrorCode(e) === "ItemNotFound") return new Error("A sheet named in the fix no longer exists: check the sheet again before fixing.");
  return explainOfficeError(e, "change the cells");
}

async function readStates(context: Excel.RequestContext, edits: CellEdit[]): Promise<CellState[]> {
  const out: CellState[] = [];
  for (let i = 0; i < edits.length; i += MAX_CELLS_PER_SYNC) {
    const ranges = edits.slice(i, i + MAX_CELLS_PER_SYNC).map((e) => context.workbook.worksheets.getItem(e.sheet).getRange(e.cell).load("values, formulas, numberFormat"));
    await context.sync();
    out.push(...ranges.map(cellState));
  }
  return out;
}

/** Read the cells the edits would change, so the user sees before and after. One sync per 10,000 cells. */
export async function previewEdits(edits: readonly CellEdit[]): Promise<EditPreview[]> {
  return withCurrentStates(edits, async (_context, list, before) => list.map((edit, i) => ({ edit, before: before[i] })));
}

/**
 * previewEdits' and applyEdits' shared start: check the edits, then (when there are any) read the cells' current
 * states in one Excel.run and hand them on; Office errors come back in words a user understands.
 */
async function withCurrentStates<T>(
  edits: readonly CellEdit[],
  work: (context: Excel.RequestContext, list: CellEdit[], before: CellState[]) => Promise<T[]>,
): Promise<T[]> {
  const list = edits.map(normalise);
  list.forEach(validate);
  if (list.length === 0) return [];
  const Excel = excelApi();
  try {
    return await Excel.run(async (context) => work(context, list, await readStates(context, list)));
  } catch (e) {
    throw friendly(e);
  }
}

/**
 * Write exactly the edited cells and nothing else; report each cell before and after. A number or formula going
 * into a Text-formatted ("@") cell gets the General format first, or Excel would keep it as text; a number that
 * carries its own number format (a text amount made a number) gets that format instead. Syncs: one to
 * read (per 10,000 cells), then writes batched under the request budget with the after-state read in the same sync.
 */
export async function applyEdits(edits: readonly CellEdit[]): Promise<AppliedEdit[]> {
  return withCurrentStates(edits, async (context, list, before) => {
    const after: CellState[] = [];
    let pending: Excel.Range[] = [];
    let bytes = 0;
    const flush = async (): Promise<void> => {
      await context.sync();
      after.push(...pending.map(cellState));
      pending = [];
      bytes = 0;
    };
    for (let i = 0; i < list.length; i++) {
      const edit = list[i];
      const range = context.workbook.worksheets.getItem(edit.sheet).getRange(edit.cell);
      if (edit.kind === "number" && edit.numberFormat) range.numberFormat = [[edit.numberFormat]];
      else if (edit.kind !== "text" && before[i].numberFormat === "@") range.numberFormat = [["General"]];
      if (edit.kind === "number") range.values = [[edit.value]];
      else if (edit.kind === "text") range.values = [[textEntry(edit.value)]];
      else range.formulas = [[edit.formula]];
      range.load("values, formulas, numberFormat");
      pending.push(range);
      bytes += 300 + (edit.kind === "text" ? edit.value.length : edit.kind === "formula" ? edit.formula.length : 24);
      if (bytes > DEFAULT_PAYLOAD_BUDGET_BYTES / 2 || pending.length >= MAX_CELLS_PER_SYNC) await flush();
    }
    if (pending.length) await flush();
    return list.map((edit, i) => ({ edit, before: before[i], after: after[i] }));
  });
}
