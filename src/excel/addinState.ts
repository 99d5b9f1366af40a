/**
 * The add-in's state kept inside the workbook, so it is saved with the file and travels with it. It lives on a very
 * hidden worksheet (`_BudgetAddinState`: users cannot unhide it from Excel's menus; it needs no API beyond worksheets
 * and ranges), as JSON text split over Text-formatted cells, in two records:
 * - column A, the **settings record**: user settings (a post list's column mapping, the sheet each output last
 *   wrote), a pending write's intent, and how many cells the highlight record takes. Small; read by every settings
 *   read, including when the pane opens.
 * - column B, the **highlight record**: what fill each highlighted cell had before. Read and written only by
 *   highlighting and clearing, in blocks that keep each request under the payload budget, in a compact form (cells
 *   grouped by applied colour and original fill, as address lists: a few bytes per cell).
 * Sheets are recorded by name, with the session's worksheet id as a hint only (`resolveSheet`): Office keeps ids
 * stable across rename and move but not across sessions or platforms (Worksheet.id JSDoc; OfficeDev/office-js-docs#297;
 * OfficeDev/office-js#1390).
 */
import { DEFAULT_PAYLOAD_BUDGET_BYTES, RequestBatcher, STATE_SHEET_NAME, assertCanAddSheets, explainOfficeError, jsonBytes, runExcel, textEntry, type CellEditWaitOptions } from "./runtime";
import type { AddinSettingValue } from "./types";

/** A cell's fill as Excel reports it: pattern "None" means no fill at all (Excel still reports colour #FFFFFF). */
export interface SavedFill {
  pattern: string;
  color: string;
  patternColor?: string;
}

export interface HighlightedCell {
  /** A1 address. */
  cell: string;
  /** The colour the add-in applied. */
  applied: string;
  /** What was there before. */
  original: SavedFill;
}

export interface HighlightedSheet {
  /** The sheet's name when last highlighted: what identifies it after the workbook is reopened. */
  sheet: string;
  /** Worksheet id in the session that wrote the record: a hint that follows renames within that session only. */
  sheetId: string;
  cells: HighlightedCell[];
}

/**
 * A write that takes more than one sync, recorded before its first change: if it stops half-way (Excel refused a
 * request, the connection dropped, the pane closed), the next write finds it and removes what it left behind.
 */
export interface WriteIntent {
  /** Sheets the write adds (each carries the output marker from its first sync). */
  sheets: string[];
  /** ISO time the write started. */
  started: string;
}

export interface AddinState {
  version: 2;
  settings: Record<string, AddinSettingValue>;
  /** Ids of sheets written by versions before the output marker (valid in their own session only). */
  createdSheets: string[];
  /** A multi-sync write under way, or one that stopped half-way. */
  pending: WriteIntent | null;
  /** Cells each record took when read (not saved): a rewrite blanks the cells it no longer needs in the same action. */
  storedCells?: { settings: number; highlights: number };
  /** A highlight record found in the settings record of a workbook saved by an earlier version (moved to column B on the next highlight write). */
  legacyHighlights?: HighlightedSheet[];
}

export function emptyState(): AddinState {
  return { version: 2, settings: {}, createdSheets: [], pending: null };
}

/** Characters per cell: Excel's limit is 32,767. */
export const STATE_CHUNK_CHARS = 30_000;
/** Request bytes Office's client sends per record cell written, beyond its text (number format, range proxy). */
const RECORD_CELL_OVERHEAD_BYTES = 60;

export interface StateProbe {
  sheet: Excel.Worksheet;
  /** The workbook's structure protection (`protected` loaded): the state sheet cannot be made in a locked workbook. */
  protection: Excel.WorkbookProtection;
  /** The sheet proxy once created or fetched for writing in this run. */
  sheetForWrites?: Excel.Worksheet;
}

/** Queue a check for the state sheet (read with readState after the sync). */
export function probeState(context: Excel.RequestContext): StateProbe {
  const sheet = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET_NAME);
  sheet.load("name");
  return { sheet, protection: context.workbook.protection.load("protected") };
}

/** Queue the settings record's read (column A only) when the sheet exists; call `result()` after the next sync. */
export function queueStateRead(probe: StateProbe): { result: () => AddinState } | null {
  if (probe.sheet.isNullObject) return null;
  const used = probe.sheet.getRange("A:A").getUsedRangeOrNullObject(true).load("values");
  return {
    result: () => {
      const state = used.isNullObject ? emptyState() : parseState(joinChunks(used.values));
      state.storedCells = { settings: used.isNullObject ? 0 : used.values.length, highlights: 0 };
      return state;
    },
  };
}

function joinChunks(values: unknown[][]): string {
  return values.map((row) => (typeof row[0] === "string" ? row[0] : "")).join("");
}

export function parseState(text: string): AddinState {
  if (text.trim() === "") return emptyState();
  try {
    const raw = JSON.parse(text) as Partial<AddinState> & { highlights?: unknown };
    const state: AddinState = {
      version: 2,
      settings: raw.settings && typeof raw.settings === "object" ? raw.settings : {},
      createdSheets: Array.isArray(raw.createdSheets) ? raw.createdSheets.filter((s): s is string => typeof s === "string") : [],
      pending: raw.pending && Array.isArray(raw.pending.sheets) ? { sheets: raw.pending.sheets.filter((s): s is string => typeof s === "string"), started: String(raw.pending.started) } : null,
    };
    if (Array.isArray(raw.highlights) && raw.highlights.length > 0) state.legacyHighlights = raw.highlights as HighlightedSheet[];
    return state;
  } catch {
    // A damaged state (someone edited the hidden sheet) must not stop the add-in: start afresh.
    return emptyState();
  }
}

/** Split text into cell-sized pieces. */
function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += STATE_CHUNK_CHARS) out.push(text.slice(i, i + STATE_CHUNK_CHARS));
  return out;
}

/** Split the settings record's JSON into cell-sized pieces. */
export function stateChunks(state: AddinState): string[] {
  const { legacyHighlights: _legacy, storedCells: _cells, ...stored } = state;
  return chunks(JSON.stringify(stored));
}

/** The state sheet for writing: created very hidden when it does not exist (once per run). */
function writableSheet(context: Excel.RequestContext, probe: StateProbe): Excel.Worksheet {
  if (probe.sheetForWrites) return probe.sheetForWrites;
  if (probe.sheet.isNullObject) {
    assertCanAddSheets(probe.protection);
    probe.sheetForWrites = context.workbook.worksheets.add(STATE_SHEET_NAME);
    probe.sheetForWrites.visibility = "VeryHidden";
  } else {
    probe.sheetForWrites = context.workbook.worksheets.getItem(STATE_SHEET_NAME);
  }
  return probe.sheetForWrites;
}

/**
 * What to write for a record's piece so the cell holds exactly it. In a Text-formatted cell Excel stores a string as
 * it is, except that a leading apostrophe marks the rest as text and is not kept (as when typed; see textEntry). The
 * JSON is cut every STATE_CHUNK_CHARS characters wherever that falls, so a piece can start with an apostrophe from a
 * setting's text ("Members' pack"): without one more in front, the record would lose it and no longer parse.
 */
function pieceEntry(piece: string): string {
  return piece.startsWith("'") ? textEntry(piece) : piece;
}

/**
 * Queue writing `pieces` as Text-formatted cells down `column` from `startRow`, blanking the cells after them up to
 * `blankTo` in the same `values` action: a record is replaced by one action, so a sync that fails part-way leaves
 * the old record or the new one, never neither. Returns the request bytes.
 */
function queueColumnWrite(sheet: Excel.Worksheet, column: "A" | "B", pieces: string[], startRow = 0, blankTo = 0): number {
  const rows = Math.max(pieces.length, blankTo - startRow);
  if (rows <= 0) return 0;
  const range = sheet.getRangeByIndexes(startRow, column === "A" ? 0 : 1, rows, 1);
  range.numberFormat = Array.from({ length: rows }, () => ["@"]);
  const entries = pieces.map(pieceEntry);
  range.values = Array.from({ length: rows }, (_, i) => [entries[i] ?? ""]);
  return entries.reduce((n, c) => n + jsonBytes(c) + RECORD_CELL_OVERHEAD_BYTES, 400 + rows * 12);
}

/**
 * Queue writing the settings record: creates the very hidden sheet when it does not exist, clears column A and
 * writes the JSON pieces as Text-formatted cells (so Excel never reads a piece as a number or formula). Returns the
 * estimated request bytes.
 */
export function queueStateWrite(context: Excel.RequestContext, probe: StateProbe, state: AddinState): number {
  const pieces = stateChunks(state);
  const bytes = queueColumnWrite(writableSheet(context, probe), "A", pieces, 0, state.storedCells?.settings ?? 0);
  state.storedCells = { settings: pieces.length, highlights: state.storedCells?.highlights ?? 0 };
  return bytes;
}

/* ---- The highlight record (column B) ---- */

interface StoredGroup {
  /** Applied colour. */
  a: string;
  /** Original fill: [pattern, colour, patternColour?]. */
  o: [string, string] | [string, string, string];
  /** Comma-joined cell addresses. */
  c: string;
}

interface StoredHighlights {
  v: 2;
  s: { n: string; id: string; g: StoredGroup[] }[];
}

/** The highlight record's text: cells grouped by (applied colour, original fill), a few bytes per cell. */
export function encodeHighlights(sheets: readonly HighlightedSheet[]): string {
  const stored: StoredHighlights = { v: 2, s: [] };
  for (const sh of sheets) {
    const groups = new Map<string, StoredGroup>();
    for (const c of sh.cells) {
      const o: StoredGroup["o"] = c.original.patternColor ? [c.original.pattern, c.original.color, c.original.patternColor] : [c.original.pattern, c.original.color];
      const key = JSON.stringify([c.applied, o]);
      const g = groups.get(key);
      if (g) g.c += `,${c.cell}`;
      else groups.set(key, { a: c.applied, o, c: c.cell });
    }
    stored.s.push({ n: sh.sheet, id: sh.sheetId, g: [...groups.values()] });
  }
  return JSON.stringify(stored);
}

export function decodeHighlights(text: string): HighlightedSheet[] {
  if (text.trim() === "") return [];
  try {
    const stored = JSON.parse(text) as StoredHighlights;
    if (!Array.isArray(stored.s)) return [];
    return stored.s.map((sh) => ({
      sheet: String(sh.n),
      sheetId: String(sh.id),
      cells: sh.g.flatMap((g) => {
        const original: SavedFill = { pattern: g.o[0], color: g.o[1] };
        if (g.o[2]) original.patternColor = g.o[2];
        return g.c.split(",").map((cell) => ({ cell, applied: g.a, original: { ...original } }));
      }),
    }));
  } catch {
    return [];
  }
}

/** Record cells of column B read with the settings record (16 cells: up to 70,000 highlighted cells, at most 0.5 MB). */
const RECORD_CELLS_FIRST_READ = 16;
/** Record cells read per further sync (each up to STATE_CHUNK_CHARS characters: about 3 MB at most). */
export const RECORD_CELLS_PER_READ = 100;

/**
 * Queue the first block of the highlight record (column B) with the settings record's read (same sync; empty cells
 * cost a few bytes), then `finish` after that sync reads further blocks while the last one was full. The record
 * ends at its first empty cell. Null when there is no state sheet.
 */
export function queueHighlightRead(probe: StateProbe, firstCells = RECORD_CELLS_FIRST_READ): { finish: (context: Excel.RequestContext, state: AddinState) => Promise<HighlightedSheet[]> } | null {
  if (probe.sheet.isNullObject) return null;
  const sheet = probe.sheet;
  const first = sheet.getRangeByIndexes(0, 1, firstCells, 1).load("values");
  first.untrack();
  return {
    finish: async (context, state) => {
      const pieces: string[] = [];
      let block: unknown[][] = first.values;
      let row = firstCells;
      for (;;) {
        const end = block.findIndex((r) => typeof r[0] !== "string" || r[0] === "");
        const stop = end < 0 ? block.length : end;
        for (let k = 0; k < stop; k++) pieces.push(String(block[k][0])); // no spread: a read can return many rows
        if (end >= 0) break;
        const next = sheet.getRangeByIndexes(row, 1, RECORD_CELLS_PER_READ, 1).load("values");
        next.untrack();
        await context.sync();
        block = next.values;
        row += RECORD_CELLS_PER_READ;
      }
      state.storedCells = { settings: state.storedCells?.settings ?? 0, highlights: pieces.length };
      if (pieces.length === 0) return state.legacyHighlights ?? [];
      return decodeHighlights(pieces.join(""));
    },
  };
}

/**
 * Queue writing the highlight record to column B through `batch`: one `values` action replaces the old record (its
 * unneeded cells blanked) unless the record is larger than half a request, then one per block. Call it before
 * changing any fill (the record is the intent), and again with the final record after.
 */
export async function writeHighlightRecord(context: Excel.RequestContext, probe: StateProbe, state: AddinState, sheets: readonly HighlightedSheet[], batch: RequestBatcher): Promise<void> {
  const pieces = sheets.some((s) => s.cells.length > 0) ? chunks(encodeHighlights(sheets)) : [];
  const sheet = writableSheet(context, probe);
  const old = state.storedCells?.highlights ?? 0;
  const perSync = Math.max(1, Math.floor(DEFAULT_PAYLOAD_BUDGET_BYTES / 2 / (STATE_CHUNK_CHARS + RECORD_CELL_OVERHEAD_BYTES)));
  if (pieces.length <= perSync) {
    await batch.reserve(pieces.reduce((n, c) => n + jsonBytes(c) + RECORD_CELL_OVERHEAD_BYTES, 400 + Math.max(old, pieces.length) * 12));
    queueColumnWrite(sheet, "B", pieces, 0, old);
  } else {
    for (let i = 0; i < pieces.length; i += perSync) {
      const part = pieces.slice(i, i + perSync);
      const last = i + perSync >= pieces.length;
      await batch.reserve(part.reduce((n, c) => n + jsonBytes(c) + RECORD_CELL_OVERHEAD_BYTES, 400 + (last ? Math.max(0, old - i) * 12 : 0)));
      queueColumnWrite(sheet, "B", part, i, last ? old : 0);
    }
  }
  state.storedCells = { settings: state.storedCells?.settings ?? 0, highlights: pieces.length };
  delete state.legacyHighlights;
}

/**
 * Find a recorded sheet among the workbook's sheets: the sheet with both its id and its name, else the sheet with its
 * name, else the sheet with its id (renamed in this session). Names first: ids change when the workbook is reopened
 * or opened on another platform, to ids such as {00000000-0001-0000-0003-000000000000} (Worksheet.id JSDoc;
 * OfficeDev/office-js-docs#297; OfficeDev/office-js#1390), and the first sheet of every new workbook on the web has
 * the same id (OfficeDev/office-js#552). So after reopening a recorded id can be another sheet's while the recorded
 * sheet is still there under its name. Callers still check each cell before changing it
 * (a highlight is put back only where the cell shows the add-in's colour).
 */
export function resolveSheet<T extends { id: string; name: string }>(recorded: { sheet: string; sheetId: string }, sheets: readonly T[]): T | undefined {
  const name = recorded.sheet.toLowerCase();
  const named = (s: T): boolean => s.name.toLowerCase() === name;
  return sheets.find((s) => s.id === recorded.sheetId && named(s)) ?? sheets.find(named) ?? sheets.find((s) => s.id === recorded.sheetId);
}

/**
 * Read the settings record in its own run (two syncs when the sheet exists, one when it does not). A read: it waits
 * for a cell edit to end, and starts again after one where Excel cannot wait (runExcel); `options` say how long and
 * let the caller tell the user it is waiting.
 */
export async function loadState(options: CellEditWaitOptions = {}): Promise<AddinState> {
  try {
    return await runExcel(
      async (context) => {
        const probe = probeState(context);
        await context.sync();
        const read = queueStateRead(probe);
        if (!read) return emptyState();
        await context.sync();
        return read.result();
      },
      { ...options, retryInCellEdit: true },
    );
  } catch (e) {
    throw explainOfficeError(e, "read the add-in's settings saved in this workbook");
  }
}

/** Read the highlight record in its own run (for tests and diagnostics); waits for a cell edit like loadState. */
export async function loadHighlightRecord(options: CellEditWaitOptions = {}): Promise<HighlightedSheet[]> {
  return runExcel(
    async (context) => {
      const probe = probeState(context);
      await context.sync();
      const read = queueStateRead(probe);
      const record = queueHighlightRead(probe);
      if (!read || !record) return [];
      await context.sync();
      return record.finish(context, read.result());
    },
    { ...options, retryInCellEdit: true },
  );
}

/**
 * Change the settings record with `update` and save it, in one run. Excel holds it while a cell is being edited
 * (runExcel); a write is not started again, so where Excel cannot wait the error says what to do.
 */
export async function updateState(update: (state: AddinState) => void): Promise<AddinState> {
  try {
    return await runExcel(async (context) => {
      const probe = probeState(context);
      await context.sync();
      const read = queueStateRead(probe);
      if (read) await context.sync();
      const state = read ? read.result() : emptyState();
      update(state);
      const bytes = queueStateWrite(context, probe, state);
      if (bytes > DEFAULT_PAYLOAD_BUDGET_BYTES) throw new Error("The add-in's saved state is too large to store in this workbook.");
      await context.sync();
      return state;
    });
  } catch (e) {
    throw explainOfficeError(e, "save the add-in's settings in this workbook");
  }
}

/**
 * A setting saved in this workbook by saveAddinSetting (for example a post list's column mapping), or undefined.
 * Saved with the workbook, so it is there next time the file is opened, on any machine.
 */
export async function loadAddinSetting(key: string, options: CellEditWaitOptions = {}): Promise<AddinSettingValue | undefined> {
  return settingOf(await loadAddinSettings(options), key);
}

/** Every setting saved in this workbook, in one read (for the pane's start, which needs several). */
export async function loadAddinSettings(options: CellEditWaitOptions = {}): Promise<Readonly<Record<string, AddinSettingValue>>> {
  return (await loadState(options)).settings;
}

/** One setting of those loadAddinSettings gave, or undefined. */
export function settingOf(settings: Readonly<Record<string, AddinSettingValue>>, key: string): AddinSettingValue | undefined {
  return Object.prototype.hasOwnProperty.call(settings, key) ? settings[key] : undefined;
}

/** Save a JSON-compatible setting in this workbook (`undefined` removes it). */
export async function saveAddinSetting(key: string, value: AddinSettingValue | undefined): Promise<void> {
  await updateState((state) => {
    if (value === undefined) delete state.settings[key];
    else state.settings[key] = value;
  });
}
