/**
 * Reading sheets into plain snapshots (src/core/sheetSnapshot.ts) in as few syncs as the payload limit allows:
 * one sync learns the size of what to read, then rows are read in chunks, several chunks per sync, each sync's
 * response kept under a byte budget estimated from the first chunk's measured size.
 */
import { parseRangeAddress, type RangeRef } from "../core/a1";
import type { CellValue, SheetSnapshot } from "../core/sheetSnapshot";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, STATE_SHEET_NAME, explainOfficeError, isPayloadLimitError, jsonBytes, officeErrorCode, runExcel, throwIfAborted, type ExcelRunOptions } from "./runtime";
import type { ExcelProgress, ReadSheetOptions, ReadWorkbookOptions } from "./types";

/** Bytes per cell assumed before anything was measured (values + formulas + number format, with JSON punctuation). */
export const INITIAL_BYTES_PER_CELL = 64;
/** Rows in one range load; several such chunks share a sync while the budget allows. */
export const MAX_CHUNK_ROWS = 5_000;
/** Headroom over the bytes per cell measured on a sheet's last chunk (the same sheet's rows are alike). */
const SAFETY = 1.06;
/** Headroom over the bytes per cell of a sheet's sample (its top-left corner, headings included). */
const SAMPLE_SAFETY = 1.25;
/**
 * Response budget of a read (default): measured bytes per cell of the same sheet size the chunks, so syncs are filled
 * near Excel on the web's 5 MB limit (issue 15: within ceil(bytes / 5 MB) + 1, plus 2). A response over the limit is
 * read again in smaller chunks.
 */
export const READ_BUDGET_BYTES = 4_700_000;
/** The sample of each sheet read with its used range (its top-left block), to size the first chunk of that sheet. */
export const SAMPLE_ROWS = 20;
export const SAMPLE_COLS = 26;
/** Sheets sampled in the measuring sync (further sheets start from the conservative estimate). */
const MAX_SAMPLED_SHEETS = 20;

interface ReadTarget {
  sheet: string;
  /** Bytes per cell of the sheet's sample (values, formulas and formats in JSON), when one was read. */
  sampleBytesPerCell?: number;
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

/** Most syncs spent finding merged areas in one read, after which the rest are reported unread. */
export const MAX_MERGE_SYNCS = 120;

interface MergeRegion {
  target: number;
  rect: RangeRef;
}

/** Halve a region: by rows while it has more than one, else by columns; null when it is one cell. */
function halve(rect: RangeRef): [RangeRef, RangeRef] | null {
  if (rect.rowCount > 1) {
    const top = Math.floor(rect.rowCount / 2);
    return [
      { ...rect, rowCount: top },
      { ...rect, row: rect.row + top, rowCount: rect.rowCount - top },
    ];
  }
  if (rect.colCount > 1) {
    const left = Math.floor(rect.colCount / 2);
    return [
      { ...rect, colCount: left },
      { ...rect, col: rect.col + left, colCount: rect.colCount - left },
    ];
  }
  return null;
}

/** Whether the host has Range.getMergedAreasOrNullObject (ExcelApi 1.13); true when Office cannot say. */
function hasMergedAreasApi(): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?: (set: string, version?: string) => boolean } } } }).Office;
  const check = office?.context?.requirements?.isSetSupported;
  return typeof check === "function" ? check.call(office?.context?.requirements, "ExcelApi", "1.13") : true;
}

const NO_API = "this version of Excel cannot list them (it needs ExcelApi 1.13)";

/**
 * The merged areas touching each target block. Excel's `getMergedAreasOrNullObject` (ExcelApi 1.13) fails when a
 * range holds more than 512 merged areas (its JSDoc) and returns only merges whose top-left cell lies inside the
 * range (OfficeDev/office-js#3611). So each block is queried from the sheet's top-left corner (A1) to the block's
 * bottom-right — every merge that touches the block starts in there — and merges are kept when they touch the block.
 * The first query rides along with the first data sync (`queueAll`); if that sync fails, the data is read again
 * without it and `readBanded` asks again in bands: a query that fails is halved (rows, then columns), each half in its
 * own sync. When Excel lacks the API, a one-cell query still fails, or `MAX_MERGE_SYNCS` runs out, the block's
 * merges are reported unread (a sentence in the snapshot) and the read carries on: merges never fail a read.
 */
class MergeReader {
  private readonly found: { merges: RangeRef[]; unread?: string; seen: Set<string> }[];
  private queued: { region: MergeRegion; areas: Excel.RangeAreas }[] = [];
  /** Whether merges are still to be read (by `queueAll`'s queries, else by `readBanded`). */
  private pending: boolean;
  /** `queueAll` ran: it never queues twice. */
  private tried = false;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly targets: ReadTarget[],
  ) {
    this.found = targets.map(() => ({ merges: [], seen: new Set<string>() }));
    this.pending = this.regions().length > 0;
    if (this.pending && !hasMergedAreasApi()) {
      for (const r of this.regions()) this.unread(r.target, NO_API);
      this.pending = false;
    }
  }

  /** One region per block: from A1 to the block's bottom-right corner. */
  private regions(): MergeRegion[] {
    return this.targets.flatMap((t, target) => (t.rect ? [{ target, rect: { row: 0, col: 0, rowCount: t.rect.row + t.rect.rowCount, colCount: t.rect.col + t.rect.colCount } }] : []));
  }

  private unread(target: number, why: string): void {
    this.found[target].unread ??= why === NO_API ? `Merged cells were not read: ${why}. Cells are checked as if unmerged.` : `Merged cells were not all read: ${why}. Cells are checked as if unmerged where Excel could not say.`;
  }

  private query(region: MergeRegion): Excel.RangeAreas {
    const { row, col, rowCount, colCount } = region.rect;
    return this.context.workbook.worksheets.getItem(this.targets[region.target].sheet).getRangeByIndexes(row, col, rowCount, colCount).getMergedAreasOrNullObject().load("address");
  }

  private add(region: MergeRegion, areas: Excel.RangeAreas): void {
    if (areas.isNullObject) return;
    const block = this.targets[region.target].rect as RangeRef;
    const into = this.found[region.target];
    for (const address of splitAddressList(areas.address)) {
      const m = parseRangeAddress(address);
      const key = `${m.row},${m.col},${m.rowCount},${m.colCount}`;
      if (into.seen.has(key) || !intersectRects(m, block)) continue;
      into.seen.add(key);
      into.merges.push(m);
    }
  }

  /** Queue every block's query on the next sync, the first time only. */
  queueAll(): boolean {
    if (!this.pending || this.tried) return false;
    this.tried = true;
    this.queued = this.regions().map((region) => ({ region, areas: this.query(region) }));
    return true;
  }

  /** After the sync that carried `queueAll`'s queries: take their answers. */
  answered(): void {
    for (const { region, areas } of this.queued) this.add(region, areas);
    this.queued = [];
    this.pending = false;
  }

  /** That sync failed: Office answers nothing from a failed sync, so everything is asked again in bands. */
  failed(e: unknown): void {
    this.queued = [];
    if (officeErrorCode(e) === "ApiNotFound") {
      for (const r of this.regions()) this.unread(r.target, NO_API);
      this.pending = false;
    }
  }

  /** Ask again in bands, each in its own sync, halving any that fails. */
  async readBanded(signal?: AbortSignal): Promise<void> {
    if (!this.pending) return;
    this.pending = false;
    const queue = this.regions();
    let syncs = 0;
    while (queue.length > 0) {
      throwIfAborted(signal);
      const region = queue.shift() as MergeRegion;
      if (syncs >= MAX_MERGE_SYNCS) {
        this.unread(region.target, "the sheet has more merged areas than Excel can list in one read");
        continue;
      }
      const areas = this.query(region);
      syncs++;
      try {
        await this.context.sync();
        this.add(region, areas);
      } catch (e) {
        if (officeErrorCode(e) === "ApiNotFound") {
          this.unread(region.target, NO_API);
          continue;
        }
        // More than 512 merged areas in the region (Excel's documented limit): ask for each half.
        const halves = halve(region.rect);
        if (halves) queue.unshift(...halves.map((rect) => ({ target: region.target, rect })));
        else this.unread(region.target, `Excel could not list the merged areas at ${this.targets[region.target].sheet} row ${region.rect.row + 1}`);
      }
    }
  }

  /** Merges and, where some could not be read, the sentence that says so. */
  result(): { merges: RangeRef[]; unread?: string }[] {
    return this.found.map(({ merges, unread }) => (unread ? { merges, unread } : { merges }));
  }
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
  // Work list: (target, next row offset).
  const cursor = targets.map(() => 0);
  // Bytes per cell for each sheet: its sample's (with headroom), else a conservative guess (a quarter of the budget's
  // worth of typical cells); then what its last chunk measured.
  const fallback = INITIAL_BYTES_PER_CELL * (opts.numberFormats ? 1 : 0.7) * 4;
  const perCell = targets.map((t) => (t.sampleBytesPerCell !== undefined ? Math.max(8, t.sampleBytesPerCell * SAMPLE_SAFETY) : fallback));
  let ti = 0;
  const merges = new MergeReader(context, targets);
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
      const rowBytes = perCell[t] * rect.colCount;
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
      return { chunk: c, range };
    });
    const withMerges = merges.queueAll();
    try {
      await context.sync();
      if (withMerges) merges.answered();
    } catch (e) {
      // Merges failed the sync (more than 512 areas, an Excel without ExcelApi 1.13): read the same rows again
      // without them; they are asked for again in bands after the data.
      if (withMerges) merges.failed(e);
      // A response over the limit: read a quarter as many rows and try again (loads change nothing in the workbook).
      if (isPayloadLimitError(e) && !(plan.length === 1 && plan[0].rows === 1)) {
        for (const c of plan) perCell[c.target] *= 4;
        continue;
      }
      if (withMerges && !isPayloadLimitError(e)) continue;
      throw e;
    }
    for (const { chunk, range } of loads) {
      const snap = snapshots[chunk.target];
      const values = range.values as unknown[][];
      const formulas = range.formulas as unknown[][];
      const formats = opts.numberFormats ? (range.numberFormat as unknown[][]) : undefined;
      const cells = chunk.rows * (targets[chunk.target].rect as RangeRef).colCount;
      perCell[chunk.target] = Math.max(8, ((jsonBytes(values) + jsonBytes(formulas) + (formats ? jsonBytes(formats) : 0)) / cells) * SAFETY);
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
      cursor[chunk.target] = chunk.rowOffset + chunk.rows;
      doneRows += chunk.rows;
    }
    while (ti < targets.length && (!targets[ti].rect || cursor[ti] >= (targets[ti].rect as RangeRef).rowCount)) ti++;
    const current = plan[plan.length - 1];
    opts.onProgress?.({ phase: "reading", done: doneRows, total: totalRows, sheet: targets[current.target].sheet });
  }
  // Empty targets have no merges by construction.
  throwIfAborted(opts.signal);
  await merges.readBanded(opts.signal);
  merges.result().forEach((m, i) => {
    snapshots[i].merges = m.merges;
    if (m.unread) snapshots[i].mergesUnread = m.unread;
  });
  return snapshots;
}

/**
 * A sheet's sample, queued on the measuring sync: the used part of its top-left SAMPLE_ROWS x SAMPLE_COLS block, with
 * the properties the read loads, so the first chunk of the sheet is sized by what its cells cost.
 */
function queueSample(sheet: Excel.Worksheet, props: string[]): Excel.Range {
  return sheet.getRangeByIndexes(0, 0, SAMPLE_ROWS, SAMPLE_COLS).getUsedRangeOrNullObject(true).load(props);
}

/** Bytes per cell of a sample read on the measuring sync; undefined when the corner was empty. */
function sampleBytesPerCell(sample: Excel.Range | undefined): number | undefined {
  if (!sample || sample.isNullObject) return undefined;
  const values = sample.values as unknown[][];
  const cells = values.length * (values[0]?.length ?? 0);
  if (cells === 0) return undefined;
  const formats = sample.numberFormat as unknown[][] | undefined;
  return (jsonBytes(values) + jsonBytes(sample.formulas) + (formats ? jsonBytes(formats) : 0)) / cells;
}

/**
 * Read one sheet's used range, the selection, or an address into a SheetSnapshot: values, formulas, number formats
 * and merged areas. One sync measures; then budgeted syncs read rows (several chunks per sync, each response under
 * `responseBudgetBytes`). Blocks are clipped to the used range (cells beyond it are empty), keeping their top-left.
 * Cancel with `signal` (checked between syncs: rejects with an AbortError).
 */
export async function readSheetSnapshot(options: ReadSheetOptions): Promise<SheetSnapshot> {
  return readRun(options, async (context) => {
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
 * A read in its own Excel.run: waits for a cell edit to end (or starts again after one, reporting phase "waiting"),
 * stops before the next sync when `signal` fires, and says in words when Excel stays in cell-edit mode.
 */
async function readRun<T>(options: { signal?: AbortSignal; onProgress?: ReadSheetOptions["onProgress"]; sheet?: string }, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  const run: ExcelRunOptions = {
    signal: options.signal,
    retryInCellEdit: true,
    onCellEdit: (attempt) => options.onProgress?.({ phase: "waiting", done: attempt, total: 0, sheet: options.sheet }),
  };
  try {
    return await runExcel(batch, run);
  } catch (e) {
    throw explainOfficeError(e, "read the sheet");
  }
}

/**
 * Read every sheet of the workbook (visible ones, plus hidden ones when asked; never the add-in's own state sheet)
 * into snapshots, in tab order. Two syncs measure (the sheet list, then every used range with a small sample of each
 * sheet), then syncs filled near the limit by each sheet's measured bytes per cell read rows across sheets.
 */
export async function readWorkbookSnapshots(options: ReadWorkbookOptions = {}): Promise<SheetSnapshot[]> {
  return readRun(options, async (context) => {
    options.onProgress?.({ phase: "measuring", done: 0, total: 0 });
    const sheets = context.workbook.worksheets.load("items/name, items/visibility");
    await context.sync();
    throwIfAborted(options.signal);
    const skip = new Set((options.exclude ?? []).map((n) => n.toLowerCase()));
    const wanted = sheets.items.filter((s) => s.name !== STATE_SHEET_NAME && !skip.has(s.name.toLowerCase()) && (s.visibility === "Visible" || (options.includeHidden === true && s.visibility === "Hidden")));
    // One sync measures every sheet's used range and reads a small sample of each (sizing the reads that follow).
    const props = (options.numberFormats ?? true) ? ["values", "formulas", "numberFormat"] : ["values", "formulas"];
    const measure = async (withSamples: boolean): Promise<ReadTarget[]> => {
      const used = wanted.map((s) => s.getUsedRangeOrNullObject(true).load(["rowIndex", "columnIndex", "rowCount", "columnCount"]));
      const samples = withSamples ? wanted.slice(0, MAX_SAMPLED_SHEETS).map((s) => queueSample(s, props)) : [];
      if (wanted.length > 0) await context.sync();
      return wanted.map((s, i) => ({ sheet: s.name, rect: used[i].isNullObject ? null : rectOf(used[i]), origin: { row: 0, col: 0 }, sampleBytesPerCell: sampleBytesPerCell(samples[i]) }));
    };
    let targets: ReadTarget[];
    try {
      targets = await measure(true);
    } catch (e) {
      // Samples too large for one response (very long cells on many sheets): measure again without them.
      if (!isPayloadLimitError(e)) throw e;
      targets = await measure(false);
    }
    return readTargets(context, targets, {
      numberFormats: options.numberFormats ?? true,
      budget: options.responseBudgetBytes ?? READ_BUDGET_BYTES,
      signal: options.signal,
      onProgress: options.onProgress,
    });
  });
}
