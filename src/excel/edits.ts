/**
 * Previewing and applying fixes: only the cells named in the edits are read or written. Numbers are written as
 * numbers, text as text (never turned into a formula or number by Excel), formulas as formulas.
 */
import { cellAddress, parseCellAddress } from "../core/a1";
import type { CellEdit } from "../core/findings";
import { formulaForMessage, formulaLimitReason } from "../core/formulaLimits";
import type { CellValue } from "../core/sheetSnapshot";
import { MEASURED_WRITE_BUDGET_BYTES, OFFICE_REQUEST_BYTES, explainOfficeError, isPayloadLimitError, jsonBytes, officeErrorCode, runExcel, textEntry } from "./runtime";
import type { AppliedEdit, CellState, EditPreview } from "./types";

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
  if (edit.kind === "formula") {
    // Excel would refuse it mid-write; say so before anything changes.
    const why = formulaLimitReason(edit.formula);
    if (why) throw new RangeError(`The fix for ${edit.sheet}!${edit.cell} cannot be made, as Excel would refuse its formula ${formulaForMessage(edit.formula)}: ${why}.`);
  }
}

function friendly(e: unknown): unknown {
  if (officeErrorCode(e) === "ItemNotFound") return new Error("A sheet named in the fix no longer exists: check the sheet again before fixing.");
  return explainOfficeError(e, "change the cells");
}

/** A rectangle of edited cells on one sheet: `cells[r][c]` is the index of the edit at that cell. */
export interface EditBlock {
  sheet: string;
  row: number;
  col: number;
  cells: number[][];
  /** Written with `formulas` (formula edits) or `values` (numbers and text). */
  formulas: boolean;
}

/**
 * Group edits into rectangles: per sheet and kind (formula or value), runs of consecutive rows in one column, then runs
 * with the same rows in neighbouring columns joined. A cell edited more than once goes into a later layer (its first
 * edit in layer 0, its second in layer 1...), so layers written in order leave it as the last edit left it.
 */
export function editBlocks(list: readonly Pick<CellEdit, "sheet" | "cell" | "kind">[]): EditBlock[][] {
  const layers: Map<string, { sheet: string; formulas: boolean; cols: Map<number, { row: number; index: number }[]> }>[] = [];
  const seen = new Map<string, number>();
  list.forEach((edit, index) => {
    const at = parseCellAddress(edit.cell);
    const sheetKey = edit.sheet.toLowerCase();
    const cellKey = `${sheetKey}!${at.row},${at.col}`;
    const layer = seen.get(cellKey) ?? 0;
    seen.set(cellKey, layer + 1);
    layers[layer] ??= new Map();
    const formulas = edit.kind === "formula";
    const groupKey = `${formulas ? "f" : "v"}${sheetKey}`;
    let group = layers[layer].get(groupKey);
    if (!group) {
      group = { sheet: edit.sheet, formulas, cols: new Map() };
      layers[layer].set(groupKey, group);
    }
    let col = group.cols.get(at.col);
    if (!col) {
      col = [];
      group.cols.set(at.col, col);
    }
    col.push({ row: at.row, index });
  });
  return layers.map((layer) => {
    const blocks: EditBlock[] = [];
    for (const group of layer.values()) {
      // Runs of consecutive rows per column, keyed by their rows.
      const runs = new Map<string, { col: number; row: number; indexes: number[] }[]>();
      for (const [col, cells] of group.cols) {
        cells.sort((x, y) => x.row - y.row);
        let i = 0;
        while (i < cells.length) {
          let j = i + 1;
          while (j < cells.length && cells[j].row === cells[j - 1].row + 1) j++;
          const key = `${cells[i].row}:${j - i}`;
          let sameRows = runs.get(key);
          if (!sameRows) {
            sameRows = [];
            runs.set(key, sameRows);
          }
          sameRows.push({ col, row: cells[i].row, indexes: cells.slice(i, j).map((c) => c.index) });
          i = j;
        }
      }
      for (const same of runs.values()) {
        same.sort((x, y) => x.col - y.col);
        let i = 0;
        while (i < same.length) {
          let j = i + 1;
          while (j < same.length && same[j].col === same[j - 1].col + 1) j++;
          const height = same[i].indexes.length;
          const cells = Array.from({ length: height }, (_, r) => same.slice(i, j).map((run) => run.indexes[r]));
          blocks.push({ sheet: group.sheet, row: same[i].row, col: same[i].col, cells, formulas: group.formulas });
          i = j;
        }
      }
    }
    return blocks;
  });
}

/** Rows `from` to `to` (exclusive) of a block, as a block of its own. */
function slice(block: EditBlock, from: number, to: number): EditBlock {
  return { ...block, row: block.row + from, cells: block.cells.slice(from, to) };
}

function stateAt(values: unknown[][], formulas: unknown[][], formats: unknown[][], r: number, c: number): CellState {
  const v: unknown = values[r][c];
  const f: unknown = formulas[r][c];
  const isFormula = typeof f === "string" && f.startsWith("=") && !(typeof v === "string" && v === f);
  let value: CellValue = typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
  if (value === "" && !isFormula) value = null;
  return { value, formula: isFormula ? (f as string) : null, numberFormat: String(formats[r][c] ?? "General") };
}

/** Bytes each cell's state costs in a response before any was measured (a number: value, formula, format and JSON punctuation). */
const INITIAL_STATE_BYTES_PER_CELL = 30;
/** Headroom over the bytes per cell measured so far. */
const SAFETY = 1.25;
/** Headroom over a write's answer estimated from what it writes (the values and formulas come back as written). */
const ANSWER_SAFETY = 1.1;

/** Range reads of whole blocks, loaded and taken apart into one state per edit. */
function loadBlock(sheetOf: (name: string) => Excel.Worksheet, block: EditBlock): Excel.Range {
  return sheetOf(block.sheet).getRangeByIndexes(block.row, block.col, block.cells.length, block.cells[0].length).untrack().load("values, formulas, numberFormat");
}

function takeStates(range: Excel.Range, block: EditBlock, into: CellState[]): number {
  const values = range.values as unknown[][];
  const formulas = range.formulas as unknown[][];
  const formats = range.numberFormat as unknown[][];
  block.cells.forEach((row, r) => row.forEach((index, c) => (into[index] = stateAt(values, formulas, formats, r, c))));
  return jsonBytes(values) + jsonBytes(formulas) + jsonBytes(formats);
}

/**
 * The cells' current states, read as whole blocks of edited cells (one range per rectangle), several blocks per
 * sync while the expected response stays under the budget (bytes per cell measured on each answer). A response
 * Excel refuses as too large is read again in smaller pieces.
 */
export async function readStates(context: Excel.RequestContext, count: number, blocks: EditBlock[], expectedBytes?: (index: number) => number): Promise<{ states: CellState[]; bytesPerCell: number }> {
  const states: CellState[] = new Array<CellState>(count);
  const sheetOf = sheetProxies(context);
  let bytesPerCell = INITIAL_STATE_BYTES_PER_CELL;
  // A row's expected answer: from what the caller expects in each cell, else from the bytes per cell measured so far.
  let expected = expectedBytes;
  const rowBytes = (block: EditBlock, r: number): number => {
    const cellBytes = expected;
    return cellBytes ? block.cells[r].reduce((n, index) => n + ANSWER_SAFETY * cellBytes(index), 0) : block.cells[r].length * bytesPerCell;
  };
  const queue = [...blocks];
  while (queue.length > 0) {
    const batch: EditBlock[] = [];
    let estimate = 0;
    while (queue.length > 0) {
      const block = queue.shift() as EditBlock;
      estimate += OFFICE_REQUEST_BYTES.rangeRead;
      let rows = 0;
      while (rows < block.cells.length) {
        const bytes = rowBytes(block, rows);
        if (estimate + bytes > MEASURED_WRITE_BUDGET_BYTES && (rows > 0 || batch.length > 0)) break;
        estimate += bytes;
        rows++;
      }
      if (rows > 0) batch.push(rows < block.cells.length ? slice(block, 0, rows) : block);
      if (rows < block.cells.length) {
        queue.unshift(rows > 0 ? slice(block, rows, block.cells.length) : block);
        break;
      }
    }
    const ranges = batch.map((block) => loadBlock(sheetOf, block));
    try {
      await context.sync();
    } catch (e) {
      const one = batch.length === 1 && batch[0].cells.length === 1;
      if (!isPayloadLimitError(e) || one) throw e;
      bytesPerCell *= 4; // read again, in a quarter of the rows
      expected = undefined;
      for (let k = batch.length - 1; k >= 0; k--) queue.unshift(batch[k]); // no spread: a batch can hold many blocks
      continue;
    }
    let bytes = 0;
    let cells = 0;
    batch.forEach((block, i) => {
      bytes += takeStates(ranges[i], block, states);
      cells += block.cells.length * block.cells[0].length;
    });
    bytesPerCell = Math.max(8, (bytes / cells) * SAFETY);
  }
  return { states, bytesPerCell };
}

/** Read the cells the edits would change, so the user sees before and after. One sync per 4 MB of response. */
export async function previewEdits(edits: readonly CellEdit[]): Promise<EditPreview[]> {
  return withCurrentStates(edits, true, async (_context, list, before) => list.map((edit, i) => ({ edit, before: before.states[i] })));
}

/**
 * previewEdits' and applyEdits' shared start: check the edits, group them into blocks, then (when there are any) read
 * the cells' current states in one Excel.run and hand them on; Office errors come back in words a user understands.
 */
async function withCurrentStates<T>(
  edits: readonly CellEdit[],
  readOnly: boolean,
  work: (context: Excel.RequestContext, list: CellEdit[], before: { states: CellState[]; bytesPerCell: number }, layers: EditBlock[][]) => Promise<T[]>,
): Promise<T[]> {
  const list = edits.map(normalise);
  list.forEach(validate);
  if (list.length === 0) return [];
  const layers = editBlocks(list);
  try {
    // A preview only reads: started again if Excel refused it for cell-edit mode. Fixes are never retried.
    return await runExcel(async (context) => work(context, list, await readStates(context, list.length, layers.flat()), layers), { retryInCellEdit: readOnly });
  } catch (e) {
    throw friendly(e);
  }
}

/** What goes into a cell for an edit (text as text: Excel's entry rules do not turn it into a number or formula). */
function entry(edit: CellEdit): string | number {
  if (edit.kind === "number") return edit.value;
  if (edit.kind === "text") return textEntry(edit.value);
  return edit.formula;
}

/** The number format an edit gives its cell, or null to leave the cell's format as it is. */
function formatFor(edit: CellEdit, before: CellState): string | null {
  if (edit.kind === "number" && edit.numberFormat) return edit.numberFormat;
  if (edit.kind !== "text" && before.numberFormat === "@") return "General";
  return null;
}

/**
 * Write exactly the edited cells and nothing else; report each cell before and after. A number or formula going
 * into a Text-formatted ("@") cell gets the General format first, or Excel would keep it as text; a number that
 * carries its own number format (a text amount made a number) gets that format instead. Edited cells are grouped
 * into rectangles, each written as one range (a 2-D array of values or formulas, and of number formats where any
 * changes: the others get their own format back). Syncs: reads of the blocks, then writes sized by their serialised
 * bytes under the request budget (and their after-state, read in the same sync, under the response budget).
 */
export async function applyEdits(edits: readonly CellEdit[]): Promise<AppliedEdit[]> {
  return withCurrentStates(edits, false, async (context, list, before, layers) => {
    const after = await writeBlocks(context, layers, list.length, before.bytesPerCell, {
      entry: (index) => entry(list[index]),
      format: (index) => formatFor(list[index], before.states[index]),
      keptFormat: (index) => before.states[index].numberFormat,
    });
    return list.map((edit, i) => ({ edit, before: before.states[i], after: after[i] }));
  });
}

/** What a block write puts in each cell, by the index the blocks hold. */
export interface CellWrites {
  /** The value (or, in a formula block, the formula) for `formulas`/`values`. */
  entry: (index: number) => string | number | boolean;
  /** The number format to give the cell, or null to keep it. */
  format: (index: number) => string | null;
  /** The cell's current number format: written back unchanged when a neighbour in its block changes format. */
  keptFormat: (index: number) => string;
}

/**
 * Write blocks of cells (layers in order), each block as one range with 2-D arrays, in syncs sized by the arrays'
 * serialised bytes under the request budget and by the expected after-state (`responsePerCell` bytes a cell) under
 * the response budget; a block too large for what is left of a sync is split by rows. Returns each cell's state after
 * the write, read in the same sync.
 */
export async function writeBlocks(context: Excel.RequestContext, layers: EditBlock[][], count: number, responsePerCell: number, writes: CellWrites): Promise<CellState[]> {
  const after: CellState[] = new Array<CellState>(count);
  const sheetOf = sheetProxies(context);
  let pending: { block: EditBlock; range: Excel.Range }[] = [];
  let requestBytes = 0;
  let responseBytes = 0;
  const sent = new Set<string>();
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    await context.sync();
    for (const { block, range } of pending) takeStates(range, block, after);
    pending = [];
    requestBytes = 0;
    responseBytes = 0;
    sent.clear();
  };
  for (const layer of layers) {
    for (const block of layer) {
      const width = block.cells[0].length;
      const rows = block.cells.map((row) => row.map(writes.entry));
      const formatRows = block.cells.map((row) => row.map(writes.format));
      const anyFormat = formatRows.some((row) => row.some((f) => f !== null));
      const formats = anyFormat ? block.cells.map((row, r) => row.map((index, c) => formatRows[r][c] ?? writes.keptFormat(index))) : null;
      const rowBytes = rows.map((row, r) => jsonBytes(row) + 1 + (formats ? jsonBytes(formats[r]) + 1 : 0));
      // The after-state comes back as values, formulas and formats: what was written (a formula's value as the cells
      // measured before) and the format, with JSON punctuation.
      const answerBytes = rows.map((row, r) => {
        const written = jsonBytes(row);
        return ANSWER_SAFETY * (written + (block.formulas ? width * responsePerCell : written) + (formats ? jsonBytes(formats[r]) : width * 12) + 6);
      });
      const key = block.sheet.toLowerCase();
      let from = 0;
      while (from < rows.length) {
        const fixed = OFFICE_REQUEST_BYTES.rangeSet * (formats ? 2 : 1) + (sent.has(key) ? 0 : OFFICE_REQUEST_BYTES.worksheet + jsonBytes(block.sheet));
        // As many rows as fit what is left of this sync's request and response budgets.
        let to = from;
        let bytes = fixed;
        let answer = 0;
        while (to < rows.length && requestBytes + bytes + rowBytes[to] <= MEASURED_WRITE_BUDGET_BYTES && responseBytes + answer + answerBytes[to] <= MEASURED_WRITE_BUDGET_BYTES) {
          bytes += rowBytes[to];
          answer += answerBytes[to];
          to++;
        }
        if (to === from) {
          if (pending.length > 0) {
            await flush();
            continue;
          }
          bytes += rowBytes[to];
          answer += answerBytes[to];
          to++; // one row always goes
        }
        const part = slice(block, from, to);
        const range = sheetOf(block.sheet).getRangeByIndexes(part.row, part.col, to - from, width).untrack();
        if (formats) range.numberFormat = formats.slice(from, to);
        if (block.formulas) range.formulas = rows.slice(from, to);
        else range.values = rows.slice(from, to);
        range.load("values, formulas, numberFormat");
        pending.push({ block: part, range });
        sent.add(key);
        requestBytes += bytes;
        responseBytes += answer;
        from = to;
      }
    }
    // A later layer writes cells of this one again: its writes wait for this layer's after-states.
    if (layers.length > 1) await flush();
  }
  await flush();
  return after;
}
