/**
 * Highlighting flagged cells, and putting back exactly what was there. Before a cell is coloured, its fill
 * (pattern, colour) is saved in the workbook's add-in state; clearing restores it, unless the user has re-coloured
 * the cell since (then the user's colour stays). Syncs are bounded whatever the number of findings: one to list
 * sheets and find the state, one to read the state, then current fills read a rectangle at a time with
 * getCellProperties and fills written grouped by colour as multi-area ranges, each sync sized by the bytes Office's
 * client really sends (`OFFICE_REQUEST_BYTES`) and saving the state in the last.
 */
import { cellAddress, parseRangeAddress } from "../core/a1";
import { LAYOUT_STYLES } from "../core/layout";
import { SEVERITY_ORDER, type Finding, type Severity } from "../core/findings";
import {
  probeState,
  queueStateRead,
  queueStateWrite,
  emptyState,
  queueHighlightRead,
  resolveSheet,
  RECORD_CELLS_PER_READ,
  writeHighlightRecord,
  type AddinState,
  type HighlightedCell,
  type HighlightedSheet,
  type SavedFill,
} from "./addinState";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, OFFICE_REQUEST_BYTES, RequestBatcher, STATE_SHEET_NAME, explainOfficeError, jsonBytes, runExcel } from "./runtime";
import type { ClearHighlightsResult, HighlightOptions, HighlightResult } from "./types";

/** Fill colours by severity: the same as the layouts' error/warning/info styles. */
export const HIGHLIGHT_COLOURS: Record<Severity, string> = {
  error: (LAYOUT_STYLES.error.fill ?? "#F8D7DA").toUpperCase(),
  warning: (LAYOUT_STYLES.warning.fill ?? "#FFF3CD").toUpperCase(),
  info: (LAYOUT_STYLES.info.fill ?? "#D1ECF1").toUpperCase(),
};

/**
 * Longest address list and most areas given to one worksheet.getRanges call. Excel refuses long lists with
 * "The argument is invalid" at an undocumented limit (failures reported from about 500 areas / 8,000 characters,
 * OfficeDev/office-js#5198), so we stay well under both.
 */
export const MAX_AREAS_ADDRESS_CHARS = 4_000;
export const MAX_AREAS_PER_CALL = 400;
/** Cells in one rectangle whose fills are read with one getCellProperties call. */
export const MAX_CELLS_PER_FILL_READ = 5_000;
/** Bytes of one cell's fill in getCellProperties' answer (`{"format":{"fill":{"color":…,"pattern":…,"patternColor":…,"tintAndShade":…}}}`). */
const FILL_ANSWER_BYTES_PER_CELL = 120;
/**
 * Bytes per cell when only the colour is read: `{"format":{"fill":{"color":"#F8D7DA"}}}` and a separator, 39 bytes
 * whatever the cell (Excel answers colours as #RRGGBB). Enough to see whether a cell still shows a highlight (no
 * highlight colour is white, the colour of "no fill"; a missing pattern is read as solid, as for hosts that report it
 * null). The size is fixed, so these reads fill a response up to FILL_CHECK_BUDGET_BYTES, nearer the 5 MB limit.
 */
const FILL_CHECK_BYTES_PER_CELL = 40;
const FILL_CHECK_BUDGET_BYTES = 4_800_000;
/** Headroom over a measured answer size, and the response budget once measured. */
const MEASURED_HEADROOM = 1.15;
const MEASURED_RESPONSE_BUDGET_BYTES = 4_400_000;

interface SheetRef {
  id: string;
  name: string;
}

/** Normalise "$b$12" to "B12" (a range gives its top-left cell); null when it is not an address. */
function normaliseCell(cell: string): string | null {
  try {
    const r = parseRangeAddress(cell);
    return cellAddress(r.row, r.col);
  } catch {
    return null;
  }
}

/** Group addresses into comma-joined lists of at most `max` characters and `maxAreas` areas. */
export function addressLists(cells: readonly string[], max = MAX_AREAS_ADDRESS_CHARS, maxAreas = MAX_AREAS_PER_CALL): string[] {
  const out: string[] = [];
  let cur = "";
  let areas = 0;
  for (const c of cells) {
    if (cur !== "" && (cur.length + 1 + c.length > max || areas >= maxAreas)) {
      out.push(cur);
      cur = "";
      areas = 0;
    }
    cur = cur === "" ? c : `${cur},${c}`;
    areas++;
  }
  if (cur !== "") out.push(cur);
  return out;
}

/**
 * True when a cell still shows a highlight of the add-in: the colour recorded, or another severity's colour (a
 * recheck that stopped half-way may have recoloured a cell before its record caught up). A user who recolours a
 * highlighted cell with a colour of their own keeps it.
 */
function showsHighlight(now: SavedFill | undefined, applied: string): now is SavedFill {
  if (!now || now.pattern !== "Solid") return false;
  return sameColour(now.color, applied) || Object.values(HIGHLIGHT_COLOURS).some((c) => sameColour(now.color, c));
}

function sameColour(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a ?? "").toUpperCase() === (b ?? "").toUpperCase();
}

/** A block of cells read in one getCellProperties call. */
export interface CellBlock {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

/**
 * Group cells (any order) into rectangles to read in one call each: cells sorted by row then column; a rectangle
 * grows while at least half of it (or all but 16 cells) is wanted cells and it stays under `maxCells`.
 */
export function cellBlocks(cells: readonly string[], maxCells = MAX_CELLS_PER_FILL_READ): CellBlock[] {
  const points = cells
    .map((c) => parseRangeAddress(c))
    .map((r) => ({ row: r.row, col: r.col }))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  const out: CellBlock[] = [];
  let cur: { r1: number; c1: number; r2: number; c2: number; n: number } | null = null;
  for (const p of points) {
    if (cur) {
      const r1 = Math.min(cur.r1, p.row);
      const c1 = Math.min(cur.c1, p.col);
      const r2 = Math.max(cur.r2, p.row);
      const c2 = Math.max(cur.c2, p.col);
      const area = (r2 - r1 + 1) * (c2 - c1 + 1);
      if (area <= maxCells && area <= Math.max(2 * (cur.n + 1), cur.n + 17)) {
        cur = { r1, c1, r2, c2, n: cur.n + 1 };
        continue;
      }
      out.push({ row: cur.r1, col: cur.c1, rowCount: cur.r2 - cur.r1 + 1, colCount: cur.c2 - cur.c1 + 1 });
    }
    cur = { r1: p.row, c1: p.col, r2: p.row, c2: p.col, n: 1 };
  }
  if (cur) out.push({ row: cur.r1, col: cur.c1, rowCount: cur.r2 - cur.r1 + 1, colCount: cur.c2 - cur.c1 + 1 });
  return out;
}

/** What getCellProperties reports for a cell's fill (each part may be null or missing, depending on the host). */
export interface FillReading {
  color?: string | null;
  pattern?: string | null;
  patternColor?: string | null;
  tintAndShade?: number | null;
}

/**
 * A fill as Excel reports it, in the add-in's terms. Excel reports colour #FFFFFF for "no fill"
 * (OfficeDev/office-js#6218), and some hosts report `pattern` null for every cell (#4900), so colour and pattern
 * alone cannot tell a user's white fill from no fill. `tintAndShade` can: null for no fill, a number for any fill
 * (Microsoft's answer in #4900). Rule: a pattern Excel names is trusted; with no pattern, tintAndShade decides
 * (null: no fill; a number: a solid fill of that colour); with neither, a colour other than white is a solid fill.
 */
export function savedFill(fill: FillReading | undefined): SavedFill {
  const color = (fill?.color ?? "#FFFFFF").toUpperCase();
  let pattern: string;
  if (typeof fill?.pattern === "string") pattern = fill.pattern;
  else if (fill?.tintAndShade === null) pattern = "None";
  else if (typeof fill?.tintAndShade === "number") pattern = "Solid";
  else pattern = color !== "#FFFFFF" ? "Solid" : "None";
  return { pattern, color, patternColor: fill?.patternColor ?? undefined };
}

/**
 * Read the fills of many cells: one `getCellProperties` call per rectangle of cells (ExcelApi 1.9), one worksheet
 * proxy per sheet, syncs sized by Office's real request and response bytes.
 */
async function readFills(context: Excel.RequestContext, cells: { sheetId: string; cell: string }[], withPatternColour = true): Promise<Map<string, SavedFill>> {
  const out = new Map<string, SavedFill>();
  const bySheet = new Map<string, string[]>();
  for (const c of cells) {
    const list = bySheet.get(c.sheetId);
    if (list) list.push(c.cell);
    else bySheet.set(c.sheetId, [c.cell]);
  }
  const wanted = new Set(cells.map((c) => `${c.sheetId}!${c.cell}`));
  const blocks = [...bySheet].flatMap(([sheetId, list]) => cellBlocks(list).map((block) => ({ sheetId, block })));
  let pending: { sheetId: string; block: CellBlock; result: OfficeExtension.ClientResult<Excel.CellProperties[][]> }[] = [];
  let requestBytes = 0;
  let responseBytes = 0;
  let sheets = new Map<string, Excel.Worksheet>();
  // Full fills vary in size (pattern names, tintAndShade): after the first answer, the size measured on it (with
  // headroom) sizes the next syncs, up to a response budget nearer the limit.
  let perCell = withPatternColour ? FILL_ANSWER_BYTES_PER_CELL : FILL_CHECK_BYTES_PER_CELL;
  let responseBudget = withPatternColour ? DEFAULT_PAYLOAD_BUDGET_BYTES : FILL_CHECK_BUDGET_BYTES;
  const flush = async (): Promise<void> => {
    await context.sync();
    if (withPatternColour) {
      let answered = 0;
      let cellsAnswered = 0;
      for (const { block, result } of pending) {
        answered += jsonBytes(result.value);
        cellsAnswered += block.rowCount * block.colCount;
      }
      if (cellsAnswered > 0) {
        perCell = Math.max(FILL_CHECK_BYTES_PER_CELL, Math.ceil((answered / cellsAnswered) * MEASURED_HEADROOM));
        responseBudget = MEASURED_RESPONSE_BUDGET_BYTES;
      }
    }
    for (const { sheetId, block, result } of pending) {
      result.value.forEach((row, i) =>
        row.forEach((props, j) => {
          const key = `${sheetId}!${cellAddress(block.row + i, block.col + j)}`;
          if (wanted.has(key)) out.set(key, savedFill(props.format?.fill));
        }),
      );
    }
    pending = [];
    requestBytes = 0;
    responseBytes = 0;
    sheets = new Map();
  };
  for (const { sheetId, block } of blocks) {
    const address = `${cellAddress(block.row, block.col)}:${cellAddress(block.row + block.rowCount - 1, block.col + block.colCount - 1)}`;
    const request = OFFICE_REQUEST_BYTES.cellProperties + address.length + (sheets.has(sheetId) ? 0 : OFFICE_REQUEST_BYTES.worksheet + sheetId.length);
    const response = block.rowCount * block.colCount * perCell;
    if (pending.length > 0 && (requestBytes + request > DEFAULT_PAYLOAD_BUDGET_BYTES || responseBytes + response > responseBudget)) await flush();
    let sheet = sheets.get(sheetId);
    if (!sheet) {
      sheet = context.workbook.worksheets.getItem(sheetId);
      sheets.set(sheetId, sheet);
    }
    const result = sheet.getRange(address).untrack().getCellProperties({ format: { fill: withPatternColour ? { color: true, pattern: true, patternColor: true, tintAndShade: true } : { color: true } } });
    pending.push({ sheetId, block, result });
    requestBytes += request;
    responseBytes += response;
  }
  if (pending.length) await flush();
  return out;
}

/** What to write: per sheet, cells to colour (by colour) and cells to put back (by original fill). */
interface FillPlan {
  sheetId: string;
  colour: Map<string, string[]>;
  restore: Map<string, { fill: SavedFill; cells: string[] }>;
}

/**
 * Queue the fill writes through `batch` (which syncs whenever the request grows near the budget), then `afterLast`
 * (the records), and sync.
 */
async function writeFills(context: Excel.RequestContext, plans: FillPlan[], batch: RequestBatcher, afterLast: () => Promise<void>): Promise<void> {
  for (const plan of plans) {
    const sheet = context.workbook.worksheets.getItem(plan.sheetId);
    for (const { fill, cells } of plan.restore.values()) {
      for (const list of addressLists(cells)) {
        await batch.reserve(OFFICE_REQUEST_BYTES.areasFill + list.length);
        const areas = sheet.getRanges(list).untrack(); // used in this sync only: no reference for Office to keep
        if (fill.pattern === "None") areas.format.fill.clear();
        else {
          areas.format.fill.color = fill.color;
          if (fill.pattern !== "Solid") {
            areas.format.fill.pattern = fill.pattern as Excel.FillPattern;
            if (fill.patternColor) areas.format.fill.patternColor = fill.patternColor;
          }
        }
      }
    }
    for (const [colour, cells] of plan.colour) {
      for (const list of addressLists(cells)) {
        await batch.reserve(OFFICE_REQUEST_BYTES.areasFill + list.length);
        const fill = sheet.getRanges(list).untrack().format.fill;
        fill.pattern = "Solid"; // a patterned cell becomes plainly coloured (its pattern is saved)
        fill.color = colour;
      }
    }
  }
  await afterLast();
  await batch.flush();
}

/** Cells sampled per record when looking for its sheet by colour. */
const SAMPLE_CELLS = 8;

/**
 * Find each recorded sheet: by the session's id or by name (`resolveSheet`); a record whose sheet has neither (renamed
 * and then reopened) by its colours: the one other sheet where every sampled recorded cell still shows the colour
 * the add-in applied. One extra sync, only when some record is not found by id or name.
 */
async function resolveRecords(
  context: Excel.RequestContext,
  records: readonly HighlightedSheet[],
  sheets: readonly { id: string; name: string }[],
): Promise<{ resolved: { sheetId: string; record: HighlightedSheet }[]; unresolved: HighlightedSheet[] }> {
  const resolved: { sheetId: string; record: HighlightedSheet }[] = [];
  const pending: HighlightedSheet[] = [];
  const taken = new Set<string>();
  for (const h of records) {
    const sheet = resolveSheet(h, sheets);
    if (sheet) {
      resolved.push({ sheetId: sheet.id, record: h });
      taken.add(sheet.id);
    } else pending.push(h);
  }
  if (pending.length === 0) return { resolved, unresolved: [] };
  const candidates = sheets.filter((s) => !taken.has(s.id) && s.name !== STATE_SHEET_NAME);
  // Every unfound record's sample on every other sheet: many renamed sheets in a workbook of many sheets would not
  // fit one request, so the reads are batched under the payload budget.
  const batch = new RequestBatcher(context, DEFAULT_PAYLOAD_BUDGET_BYTES);
  const samples: { sheetId: string; fills: { applied: string; fill: Excel.RangeFill }[] }[][] = [];
  for (const h of pending) {
    const step = Math.max(1, Math.floor(h.cells.length / SAMPLE_CELLS));
    const cells = h.cells.filter((_, i) => i % step === 0).slice(0, SAMPLE_CELLS);
    const perSheet: (typeof samples)[number] = [];
    for (const s of candidates) {
      await batch.reserve(OFFICE_REQUEST_BYTES.worksheet + s.id.length + cells.reduce((n, c) => n + OFFICE_REQUEST_BYTES.fillRead + c.cell.length, 0));
      const ws = context.workbook.worksheets.getItem(s.id);
      perSheet.push({ sheetId: s.id, fills: cells.map((c) => ({ applied: c.applied, fill: ws.getRange(c.cell).untrack().format.fill.load("color") })) });
    }
    samples.push(perSheet);
  }
  if (candidates.length > 0) await batch.flush();
  const unresolved: HighlightedSheet[] = [];
  pending.forEach((h, i) => {
    const matches = samples[i].filter((m) => !taken.has(m.sheetId) && m.fills.length > 0 && m.fills.every((f) => sameColour(f.fill.color, f.applied)));
    if (matches.length === 1) {
      resolved.push({ sheetId: matches[0].sheetId, record: h });
      taken.add(matches[0].sheetId);
    } else unresolved.push(h);
  });
  return { resolved, unresolved };
}

/**
 * Colour the cells of `findings` by severity (error, warning, info: the most severe wins on a cell), saving each
 * cell's previous fill in the workbook first. Cells highlighted by an earlier check and no longer flagged are put
 * back. Findings on sheets that no longer exist are skipped.
 */
export async function highlightFindings(findings: readonly Finding[], options: HighlightOptions = {}): Promise<HighlightResult> {
  try {
    return await highlightRun(findings, options);
  } catch (e) {
    throw explainOfficeError(e, "colour the flagged cells");
  }
}

async function highlightRun(findings: readonly Finding[], options: HighlightOptions): Promise<HighlightResult> {
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name, items/id");
    const probe = probeState(context);
    await context.sync();
    const byName = new Map<string, SheetRef>(sheets.items.map((s) => [s.name.toLowerCase(), { id: s.id, name: s.name }]));
    const byId = new Map<string, SheetRef>(sheets.items.map((s) => [s.id, { id: s.id, name: s.name }]));

    // Wanted highlights: sheet id -> cell -> severity.
    const wanted = new Map<string, Map<string, Severity>>();
    let skipped = 0;
    for (const f of findings) {
      const sheet = byName.get(f.sheet.toLowerCase());
      const cell = normaliseCell(f.cell);
      if (!sheet || cell === null) {
        skipped++;
        continue;
      }
      const cells = wanted.get(sheet.id) ?? new Map<string, Severity>();
      const prev = cells.get(cell);
      if (prev === undefined || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[prev]) cells.set(cell, f.severity);
      wanted.set(sheet.id, cells);
    }

    // Nothing to colour and no earlier highlights: leave the workbook exactly as it is.
    if (wanted.size === 0 && probe.sheet.isNullObject) return { highlighted: 0, restored: 0, skipped };
    // The records are read in the same sync as the first fills of the flagged cells.
    const read = queueStateRead(probe);
    const recordRead = queueHighlightRead(probe);
    const wantedCells = [...wanted].flatMap(([sheetId, cells]) => [...cells.keys()].map((cell) => ({ sheetId, cell })));
    const current = await readFills(context, wantedCells);
    if (read && wantedCells.length === 0) await context.sync();
    const state: AddinState = read ? read.result() : emptyState();
    const records = recordRead ? await recordRead.finish(context, state) : [];
    // Earlier highlights, by the sheet's id now; records of sheets not found are kept as they are.
    const { resolved, unresolved } = await resolveRecords(context, records, sheets.items);
    const previous = new Map<string, Map<string, HighlightedCell>>();
    for (const { sheetId, record } of resolved) previous.set(sheetId, new Map([...(previous.get(sheetId) ?? new Map<string, HighlightedCell>()), ...record.cells.map((c) => [c.cell, c] as const)]));
    // Fills of earlier highlighted cells not flagged now.
    const restoreCells = [...previous].flatMap(([sheetId, cells]) => [...cells.keys()].filter((cell) => !wanted.get(sheetId)?.has(cell)).map((cell) => ({ sheetId, cell })));
    for (const [key, fill] of await readFills(context, restoreCells, false)) current.set(key, fill);

    const plans: FillPlan[] = [];
    const newHighlights: HighlightedSheet[] = [...unresolved];
    // Recorded before any fill changes (the intent): the new highlights and the cells about to be put back, so a write that stops half-way leaves no colour without its original.
    const intended: HighlightedSheet[] = [...unresolved];
    let restored = 0;
    let highlighted = 0;
    const sheetIds = new Set([...wanted.keys(), ...previous.keys()]);
    for (const sheetId of sheetIds) {
      const plan: FillPlan = { sheetId, colour: new Map(), restore: new Map() };
      const want = wanted.get(sheetId) ?? new Map<string, Severity>();
      const before = previous.get(sheetId) ?? new Map<string, HighlightedCell>();
      const kept: HighlightedCell[] = [];
      const restoring: HighlightedCell[] = [];
      for (const [cell, severity] of want) {
        const colour = HIGHLIGHT_COLOURS[severity];
        const now = current.get(`${sheetId}!${cell}`) ?? { pattern: "None", color: "#FFFFFF" };
        const earlier = before.get(cell);
        // Still showing our earlier colour: the original is the one saved then. Otherwise what is there now is the user's.
        const original = earlier && showsHighlight(now, earlier.applied) ? earlier.original : now;
        kept.push({ cell, applied: colour, original });
        const list = plan.colour.get(colour) ?? [];
        list.push(cell);
        plan.colour.set(colour, list);
        highlighted++;
      }
      for (const [cell, earlier] of before) {
        if (want.has(cell)) continue;
        const now = current.get(`${sheetId}!${cell}`);
        if (!showsHighlight(now, earlier.applied)) continue; // the user changed it
        const key = JSON.stringify(earlier.original);
        const group = plan.restore.get(key) ?? { fill: earlier.original, cells: [] };
        group.cells.push(cell);
        plan.restore.set(key, group);
        restoring.push(earlier);
        restored++;
      }
      plans.push(plan);
      const name = byId.get(sheetId)?.name ?? "";
      if (kept.length) newHighlights.push({ sheetId, sheet: name, cells: kept });
      if (kept.length || restoring.length) intended.push({ sheetId, sheet: name, cells: [...kept, ...restoring] });
    }
    const batch = new RequestBatcher(context, DEFAULT_PAYLOAD_BUDGET_BYTES);
    const legacy = state.legacyHighlights !== undefined;
    await writeHighlightRecord(context, probe, state, intended, batch);
    // A record saved by an earlier version inside the settings moves out of them.
    if (legacy) await batch.reserve(queueStateWrite(context, probe, state));
    await writeFills(context, plans, batch, async () => {
      if (restored > 0) await writeHighlightRecord(context, probe, state, newHighlights, batch);
    });
    return { highlighted, restored, skipped };
  }, options);
}

/**
 * Put back the fill every highlighted cell had before the add-in coloured it (including "no fill"). A cell the
 * user has re-coloured since keeps the user's colour. Removes the highlight record from the workbook.
 */
export async function clearHighlights(options: HighlightOptions = {}): Promise<ClearHighlightsResult> {
  try {
    return await clearRun(options);
  } catch (e) {
    throw explainOfficeError(e, "clear the highlights");
  }
}

async function clearRun(options: HighlightOptions): Promise<ClearHighlightsResult> {
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load("items/id, items/name");
    const probe = probeState(context);
    await context.sync();
    const read = queueStateRead(probe);
    const recordRead = queueHighlightRead(probe, RECORD_CELLS_PER_READ); // nothing else in this sync: read more of the record at once
    if (!read || !recordRead) return { restored: 0, keptUserFill: 0, missing: 0 };
    await context.sync();
    const state = read.result();
    const records = await recordRead.finish(context, state);
    if (records.length === 0) return { restored: 0, keptUserFill: 0, missing: 0 };
    const { resolved, unresolved } = await resolveRecords(context, records, sheets.items);
    const missing = unresolved.reduce((n, h) => n + h.cells.length, 0);
    const present = resolved.map(({ sheetId, record }) => ({ sheetId, cells: record.cells }));
    // Only whether each cell still shows a highlight: colour and pattern (the original is in the record).
    const current = await readFills(context, present.flatMap((h) => h.cells.map((c) => ({ sheetId: h.sheetId, cell: c.cell }))), false);
    let restored = 0;
    let keptUserFill = 0;
    const plans: FillPlan[] = present.map((h) => {
      const plan: FillPlan = { sheetId: h.sheetId, colour: new Map(), restore: new Map() };
      for (const c of h.cells) {
        const now = current.get(`${h.sheetId}!${c.cell}`);
        if (!showsHighlight(now, c.applied)) {
          keptUserFill++;
          continue;
        }
        const key = JSON.stringify(c.original);
        const group = plan.restore.get(key) ?? { fill: c.original, cells: [] };
        group.cells.push(c.cell);
        plan.restore.set(key, group);
        restored++;
      }
      return plan;
    });
    // The record is removed in the last sync, after every fill is back: a clear that stops half-way can be run again.
    const batch = new RequestBatcher(context, DEFAULT_PAYLOAD_BUDGET_BYTES);
    const legacy = state.legacyHighlights !== undefined;
    await writeFills(context, plans, batch, async () => {
      await writeHighlightRecord(context, probe, state, [], batch);
      if (legacy) await batch.reserve(queueStateWrite(context, probe, state));
    });
    return { restored, keptUserFill, missing };
  }, options);
}
