/**
 * Previewing and applying fixes: only the cells named in the edits are read or written. Numbers are written as
 * numbers, text as text (never turned into a formula or number by Excel), formulas as formulas.
 */
import { cellAddress, parseCellAddress } from "../core/a1";
import type { CellEdit } from "../core/findings";
import type { CellValue } from "../core/sheetSnapshot";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, OFFICE_REQUEST_BYTES, explainOfficeError, jsonBytes, officeErrorCode, runExcel, textEntry } from "./runtime";
import type { AppliedEdit, CellState, EditPreview } from "./types";

/** Most cells read or written in one sync (keeps each response, about 150 bytes a cell, well under 5 MB). */
const MAX_CELLS_PER_SYNC = 20_000;

/** One worksheet proxy per sheet for a whole run: Office sends its path once per request, not once per cell. */
export function sheetProxies(context: Excel.RequestContext): (name: string) => Excel.Worksheet {
  const sheets = new Map<string, Excel.Worksheet>();
  return (name) => {
    const key = name.toLowerCase();
    let sheet = sheets.get(key);
    if (!sheet) {
      sheet = context.workbook.worksheets.getItem(name);
      sheets.set(key, sheet);
    }
    return sheet;
  };
}

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

/**
 * The cells' current states, in syncs sized by what Office really sends: each range is untracked (read once, never
 * used in a later sync, so Office needs no reference to it) and each sheet's proxy is shared.
 */
async function readStates(context: Excel.RequestContext, edits: CellEdit[]): Promise<CellState[]> {
  const out: CellState[] = [];
  const sheetOf = sheetProxies(context);
  let pending: Excel.Range[] = [];
  let bytes = 0;
  const flush = async (): Promise<void> => {
    await context.sync();
    out.push(...pending.map(cellState));
    pending = [];
    bytes = 0;
  };
  const sent = new Set<string>();
  for (const e of edits) {
    const key = e.sheet.toLowerCase();
    const cost = OFFICE_REQUEST_BYTES.rangeRead + e.cell.length + (sent.has(key) ? 0 : OFFICE_REQUEST_BYTES.worksheet + e.sheet.length);
    if (pending.length > 0 && (bytes + cost > DEFAULT_PAYLOAD_BUDGET_BYTES || pending.length >= MAX_CELLS_PER_SYNC)) {
      await flush();
      sent.clear();
    }
    sent.add(key);
    bytes += cost;
    pending.push(sheetOf(e.sheet).getRange(e.cell).untrack().load("values, formulas, numberFormat"));
  }
  if (pending.length) await flush();
  return out;
}

/** Read the cells the edits would change, so the user sees before and after. One sync per 4 MB of request. */
export async function previewEdits(edits: readonly CellEdit[]): Promise<EditPreview[]> {
  return withCurrentStates(edits, true, async (_context, list, before) => list.map((edit, i) => ({ edit, before: before[i] })));
}

/**
 * previewEdits' and applyEdits' shared start: check the edits, then (when there are any) read the cells' current
 * states in one Excel.run and hand them on; Office errors come back in words a user understands.
 */
async function withCurrentStates<T>(
  edits: readonly CellEdit[],
  readOnly: boolean,
  work: (context: Excel.RequestContext, list: CellEdit[], before: CellState[]) => Promise<T[]>,
): Promise<T[]> {
  const list = edits.map(normalise);
  list.forEach(validate);
  if (list.length === 0) return [];
  try {
    // A preview only reads: started again if Excel refused it for cell-edit mode. Fixes are never retried.
    return await runExcel(async (context) => work(context, list, await readStates(context, list)), { retryInCellEdit: readOnly });
  } catch (e) {
    throw friendly(e);
  }
}

/**
 * Write exactly the edited cells and nothing else; report each cell before and after. A number or formula going
 * into a Text-formatted ("@") cell gets the General format first, or Excel would keep it as text; a number that
 * carries its own number format (a text amount made a number) gets that format instead. Syncs: reads, then
 * writes, each batched under the request budget by Office's real request size, the after-state read in the same sync.
 */
export async function applyEdits(edits: readonly CellEdit[]): Promise<AppliedEdit[]> {
  return withCurrentStates(edits, false, async (context, list, before) => {
    const after: CellState[] = [];
    const sheetOf = sheetProxies(context);
    const sent = new Set<string>();
    let pending: Excel.Range[] = [];
    let bytes = 0;
    const flush = async (): Promise<void> => {
      await context.sync();
      after.push(...pending.map(cellState));
      pending = [];
      bytes = 0;
      sent.clear();
    };
    for (let i = 0; i < list.length; i++) {
      const edit = list[i];
      const key = edit.sheet.toLowerCase();
      const written = edit.kind === "number" ? 24 + (edit.numberFormat?.length ?? 0) : jsonBytes(edit.kind === "text" ? textEntry(edit.value) : edit.formula);
      const cost = OFFICE_REQUEST_BYTES.rangeWrite + edit.cell.length + written + (sent.has(key) ? 0 : OFFICE_REQUEST_BYTES.worksheet + edit.sheet.length);
      if (pending.length > 0 && (bytes + cost > DEFAULT_PAYLOAD_BUDGET_BYTES || pending.length >= MAX_CELLS_PER_SYNC)) await flush();
      sent.add(key);
      bytes += cost;
      // Untracked: its after-state is read from this sync's answer and the range is not used again.
      const range = sheetOf(edit.sheet).getRange(edit.cell).untrack();
      if (edit.kind === "number" && edit.numberFormat) range.numberFormat = [[edit.numberFormat]];
      else if (edit.kind !== "text" && before[i].numberFormat === "@") range.numberFormat = [["General"]];
      if (edit.kind === "number") range.values = [[edit.value]];
      else if (edit.kind === "text") range.values = [[textEntry(edit.value)]];
      else range.formulas = [[edit.formula]];
      range.load("values, formulas, numberFormat");
      pending.push(range);
    }
    if (pending.length) await flush();
    return list.map((edit, i) => ({ edit, before: before[i], after: after[i] }));
  });
}
