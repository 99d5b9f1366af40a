/**
 * Reading sheets into plain snapshots (src/core/sheetSnapshot.ts) in as few syncs as the payload limit allows:
 * one sync learns the size of what to read, then rows are read in chunks, several chunks per sync, each sync's
 * response kept under a byte budget estimated from the first chunk's measured size.
 */
import { parseRangeAddress, type RangeRef } from "../core/a1";
import type { CellValue, SheetSnapshot } from "../core/sheetSnapshot";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, STATE_SHEET_NAME, excelApi, isPayloadLimitError, jsonBytes, throwIfAborted } from "./runtime";
import type { ExcelProgress, ReadSheetOptions, ReadWorkbookOptions } from "./types";

/** Bytes per cell assumed before anything was measured (values + formulas + number format, with JSON punctuation). */
export const INITIAL_BYTES_PER_CELL = 64;
/** Rows in one range load; several such chunks share a sync while the budget allows. */
export const MAX_CHUNK_ROWS = 5_000;
/** Headroom over the largest bytes-per-cell measured so far. */
const SAFETY = 1.25;

interface ReadTarget {
  sheet: string;
  /** What to read, in sheet coordinates; null when there is nothing (an empty sheet). */
  rect: RangeRef | null;
  /** Top-left reported as the snapshot's origin when rect is null. */
  origin: { row: number; col: number };
}

interface Chunk {
  target: number;
  rowOffset: number;
  rows: number;
}

/** Split "Sheet1!A1:B2,'It''s, here'!C3" into addresses, respecting quoted sheet names. */
export function splitAddressList(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      if (cur.trim() !== "") out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() !== "") out.push(cur.trim());
  return out;
}

/** The intersection of two rectangles, or null. */
export function intersectRects(a: RangeRef, b: RangeRef): RangeRef | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const rowEnd = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const colEnd = Math.min(a.col + a.colCount, b.col + b.colCount);
  if (rowEnd <= row || colEnd <= col) return null;
  return { row, col, rowCount: rowEnd - row, colCount: colEnd - col };
}

/** Clip a requested block to the sheet's used area (keeping its top-left): cells beyond the used range are empty. */
function clipToUsed(requested: RangeRef, used: RangeRef | null): RangeRef | null {
  if (!used) return null;
  const reach: RangeRef = { row: 0, col: 0, rowCount: used.row + used.rowCount, colCount: used.col + used.colCount };
  return intersectRects(requested, reach);
}

interface RangeDims {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

function rectOf(r: RangeDims): RangeRef {
  return { row: r.rowIndex, col: r.columnIndex, rowCount: r.rowCount, colCount: r.columnCount };
}

/**
 * Turn what Excel returned into snapshot cells: "" in an empty cell becomes null; a formula is a `formulas`
 * entry starting with "=" that differs from the value (text such as "=x" typed with an apostrophe comes back
 * identical in both and is a constant).
 */
function toSnapshotCell(value: unknown, formula: unknown): { value: CellValue; formula: string | null } {
  const isFormula = typeof formula === "string" && formula.startsWith("=") && !(typeof value === "string" && value === formula);
  let v: CellValue;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") v = value;
  else v = null;
  if (v === "" && !isFormula) v = null;
  return { value: v, formula: isFormula ? (formula as string) : null };
}

/**
 * Read the blocks in `targets` (already measured) in budgeted syncs. Shared by the one-sheet and whole-workbook reads.
 */
async function readTargets(context: Excel.RequestContext, targets: ReadTarget[], opts: { numberFormats: boolean; budget: number; signal?: AbortSignal; onProgress?: (p: ExcelProgress) => void }): Promise<SheetSnapshot[]> {
  const snapshots: SheetSnapshot[] = targets.map((t) => {
    const rows = t.rect?.rowCount ?? 0;
    const cols = t.rect?.colCount ?? 0;
    const snap: SheetSnapshot = {
      name: t.sheet,
      origin: t.rect ? { row: t.rect.row, col: t.rect.col } : t.origin,
      values: Array.from({ length: rows }, () => Array<CellValue>(cols).fill(null)),
      formulas: Array.from({ length: rows }, () => Array<string | null>(cols).fill(null)),
      merges: [],
    };
    if (opts.numberFormats) snap.numberFormats = Array.from({ length: rows }, () => Array<string>(cols).fill("General"));
    return snap;
  });
  const totalRows = targets.reduce((n, t) => n + (t.rect?.rowCount ?? 0), 0);
  let doneRows = 0;
  const mergesLoaded = new Set<number>();
  // Work list: (target, next row offset).
  const cursor = targets.map(() => 0);
  // The first read is a sample: a quarter of the budget under a conservative estimate. Later reads use what
  // the sample measured.
  let bytesPerCell = INITIAL_BYTES_PER_CELL * (opts.numberFormats ? 1 : 0.7) * 4;
  let ti = 0;
  const props = opts.numberFormats ? ["values", "formulas", "numberFormat"] : ["values", "formulas"];

  while (ti < targets.length) {
    throwIfAborted(opts.signal);
    // Plan one sync: chunks while the estimated response stays under budget.
    const plan: Chunk[] = [];
    let estimate = 0;
    let t = ti;
    const planCursor = [...cursor];
    while (t < targets.length) {
      const rect = targets[t].rect;
      if (!rect || planCursor[t] >= rect.rowCount) {
        t++;
        continue;
      }
      const rowBytes = bytesPerCell * rect.colCount;
      const room = Math.floor((opts.budget - estimate) / rowBytes);
      if (room < 1) {
        if (plan.length === 0) plan.push({ target: t, rowOffset: planCursor[t], rows: 1 }); // one row always goes
        break;
      }
      const rows = Math.min(room, MAX_CHUNK_ROWS, rect.rowCount - planCursor[t]);
      plan.push({ target: t, rowOffset: planCursor[t], rows });
      planCursor[t] += rows;
      estimate += rows * rowBytes;
    }
    if (plan.length === 0) break;

    const loads = plan.map((c) => {
      const target = targets[c.target];
      const rect = target.rect as RangeRef;
      const sheet = context.workbook.worksheets.getItem(target.sheet);
      const range = sheet.getRangeByIndexes(rect.row + c.rowOffset, rect.col, c.rows, rect.colCount).load(props);
      let merged: Excel.RangeAreas | undefined;
      if (!mergesLoaded.has(c.target)) {
        merged = sheet.getRangeByIndexes(rect.row, rect.col, rect.rowCount, rect.colCount).getMergedAreasOrNullObject().load("address");
      }
      return { chunk: c, range, merged };
    });
    try {
      await context.sync();
    } catch (e) {
      // A response over the limit: read a quarter as many rows and try again (loads change nothing in the workbook).
      if (isPayloadLimitError(e) && !(plan.length === 1 && plan[0].rows === 1)) {
        bytesPerCell *= 4;
        continue;
      }
      // Excel fails getMergedAreasOrNullObject above 512 merged areas (its JSDoc) or where ExcelApi 1.13 is
      // missing: read the same rows again without merges rather than fail the whole read.
      if (!isPayloadLimitError(e) && loads.some((l) => l.merged)) {
        for (const l of loads) if (l.merged) mergesLoaded.add(l.chunk.target);
        continue;
      }
      throw e;
    }
    let measuredBytes = 0;
    let measuredCells = 0;
    for (const { chunk, range, merged } of loads) {
      const snap = snapshots[chunk.target];
      const values = range.values as unknown[][];
      const formulas = range.formulas as unknown[][];
      const formats = opts.numberFormats ? (range.numberFormat as unknown[][]) : undefined;
      measuredBytes += jsonBytes(values) + jsonBytes(formulas) + (formats ? jsonBytes(formats) : 0);
      measuredCells += chunk.rows * (targets[chunk.target].rect as RangeRef).colCount;
      for (let i = 0; i < values.length; i++) {
        const r = chunk.rowOffset + i;
        const vRow = snap.values[r];
        const fRow = snap.formulas[r];
        for (let c = 0; c < values[i].length; c++) {
          const cell = toSnapshotCell(values[i][c], formulas[i][c]);
          vRow[c] = cell.value;
          fRow[c] = cell.formula;
        }
        if (formats && snap.numberFormats) snap.numberFormats[r] = formats[i].map((f) => (typeof f === "string" ? f : "General"));
      }
      if (merged) {
        mergesLoaded.add(chunk.target);
        if (!merged.isNullObject) snap.merges = splitAddressList(merged.address).map((a) => parseRangeAddress(a));
      }
      cursor[chunk.target] = chunk.rowOffset + chunk.rows;
      doneRows += chunk.rows;
    }
    if (measuredCells > 0) bytesPerCell = Math.max(8, (measuredBytes / measuredCells) * SAFETY);
    while (ti < targets.length && (!targets[ti].rect || cursor[ti] >= (targets[ti].rect as RangeRef).rowCount)) ti++;
    const current = plan[plan.length - 1];
    opts.onProgress?.({ phase: "reading", done: doneRows, total: totalRows, sheet: targets[current.target].sheet });
  }
  // Merges of blocks with no rows read (none) stay empty; empty targets have no merges by construction.
  throwIfAborted(opts.signal);
  return snapshots;
}

/**
 * Read one sheet's used range, the selection, or an address into a SheetSnapshot: values, formulas, number formats
 * and merged areas. One sync measures; then budgeted syncs read rows (several chunks per sync, each response under
 * `responseBudgetBytes`). Blocks are clipped to the used range (cells beyond it are empty), keeping their top-left.
 * Cancel with `signal` (checked between syncs: rejects with an AbortError).
 */
export async function readSheetSnapshot(options: ReadSheetOptions): Promise<SheetSnapshot> {
  const Excel = excelApi();
  throwIfAborted(options.signal);
  return Excel.run(async (context) => {
    options.onProgress?.({ phase: "measuring", done: 0, total: 0, sheet: options.sheet });
    let target: ReadTarget;
    if (options.scope === "selection") {
      const selected = context.workbook.getSelectedRange().load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
      const ws = selected.worksheet.load("name");
      const used = ws.getUsedRangeOrNullObject(true).load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
      await context.sync();
      const requested = rectOf(selected);
      target = { sheet: ws.name, rect: clipToUsed(requested, used.isNullObject ? null : rectOf(used)), origin: { row: requested.row, col: requested.col } };
    } else {
      const ws = options.sheet ? context.workbook.worksheets.getItem(options.sheet) : context.workbook.worksheets.getActiveWorksheet();
      ws.load("name");
      const used = ws.getUsedRangeOrNullObject(true).load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
      let requestedRange: Excel.Range | undefined;
      if (typeof options.scope === "object") requestedRange = ws.getRange(options.scope.address).load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
      await context.sync();
      const usedRect = used.isNullObject ? null : rectOf(used);
      if (requestedRange) {
        const requested = rectOf(requestedRange);
        target = { sheet: ws.name, rect: clipToUsed(requested, usedRect), origin: { row: requested.row, col: requested.col } };
      } else {
        target = { sheet: ws.name, rect: usedRect, origin: { row: 0, col: 0 } };
      }
    }
    const [snapshot] = await readTargets(context, [target], {
      numberFormats: options.numberFormats ?? true,
      budget: options.responseBudgetBytes ?? DEFAULT_PAYLOAD_BUDGET_BYTES,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    return snapshot;
  });
}

/**
 * Read every sheet of the workbook (visible ones, plus hidden ones when asked; never the add-in's own state sheet)
 * into snapshots, in tab order. Two syncs measure (the sheet list, then every used range), then budgeted syncs
 * read rows across sheets.
 */
export async function readWorkbookSnapshots(options: ReadWorkbookOptions = {}): Promise<SheetSnapshot[]> {
  const Excel = excelApi();
  throwIfAborted(options.signal);
  return Excel.run(async (context) => {
    options.onProgress?.({ phase: "measuring", done: 0, total: 0 });
    const sheets = context.workbook.worksheets.load("items/name, items/visibility");
    await context.sync();
    throwIfAborted(options.signal);
    const skip = new Set((options.exclude ?? []).map((n) => n.toLowerCase()));
    const wanted = sheets.items.filter((s) => s.name !== STATE_SHEET_NAME && !skip.has(s.name.toLowerCase()) && (s.visibility === "Visible" || (options.includeHidden === true && s.visibility === "Hidden")));
    const used = wanted.map((s) => s.getUsedRangeOrNullObject(true).load(["rowIndex", "columnIndex", "rowCount", "columnCount"]));
    if (wanted.length > 0) await context.sync();
    const targets: ReadTarget[] = wanted.map((s, i) => ({ sheet: s.name, rect: used[i].isNullObject ? null : rectOf(used[i]), origin: { row: 0, col: 0 } }));
    return readTargets(context, targets, {
      numberFormats: options.numberFormats ?? true,
      budget: options.responseBudgetBytes ?? DEFAULT_PAYLOAD_BUDGET_BYTES,
      signal: options.signal,
      onProgress: options.onProgress,
    });
  });
}
