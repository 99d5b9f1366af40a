/**
 * The add-in's state kept inside the workbook, so it is saved with the file and travels with it: highlight
 * bookkeeping (what fill each highlighted cell had before), the sheets the add-in wrote, and user settings such as a
 * post list's column mapping. It lives as JSON text in column A of a very hidden worksheet (`_BudgetAddinState`):
 * users cannot unhide it from Excel's menus, and it needs no API beyond worksheets and ranges.
 */
import { DEFAULT_PAYLOAD_BUDGET_BYTES, STATE_SHEET_NAME, excelApi } from "./runtime";
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
  /** Worksheet id (stable across renames); `sheet` is the name when highlighted, for messages. */
  sheetId: string;
  sheet: string;
  cells: HighlightedCell[];
}

export interface AddinState {
  version: 1;
  settings: Record<string, AddinSettingValue>;
  highlights: HighlightedSheet[];
  /** Ids of sheets the add-in wrote (reports, tables): only these may be replaced. */
  createdSheets: string[];
}

export function emptyState(): AddinState {
  return { version: 1, settings: {}, highlights: [], createdSheets: [] };
}

/** Characters per cell: Excel's limit is 32,767. */
export const STATE_CHUNK_CHARS = 30_000;

export interface StateProbe {
  sheet: Excel.Worksheet;
}

/** Queue a check for the state sheet (read with readState after the sync). */
export function probeState(context: Excel.RequestContext): StateProbe {
  const sheet = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET_NAME);
  sheet.load("name");
  return { sheet };
}

/** Queue the state's read when the sheet exists; call `result()` after the next sync. */
export function queueStateRead(probe: StateProbe): { result: () => AddinState } | null {
  if (probe.sheet.isNullObject) return null;
  const used = probe.sheet.getUsedRange(true).load("values, columnIndex");
  return {
    result: () => {
      const text = used.columnIndex === 0 ? (used.values as unknown[][]).map((row) => (typeof row[0] === "string" ? row[0] : "")).join("") : "";
      return parseState(text);
    },
  };
}

export function parseState(text: string): AddinState {
  if (text.trim() === "") return emptyState();
  try {
    const raw = JSON.parse(text) as Partial<AddinState>;
    return {
      version: 1,
      settings: raw.settings && typeof raw.settings === "object" ? raw.settings : {},
      highlights: Array.isArray(raw.highlights) ? raw.highlights : [],
      createdSheets: Array.isArray(raw.createdSheets) ? raw.createdSheets.filter((s): s is string => typeof s === "string") : [],
    };
  } catch {
    // A damaged state (someone edited the hidden sheet) must not stop the add-in: start afresh.
    return emptyState();
  }
}

/** Split the state's JSON into cell-sized pieces. */
export function stateChunks(state: AddinState): string[] {
  const text = JSON.stringify(state);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += STATE_CHUNK_CHARS) out.push(text.slice(i, i + STATE_CHUNK_CHARS));
  return out;
}

/**
 * Queue writing the state: creates the very hidden sheet when it does not exist, clears column A and writes the
 * JSON pieces as Text-formatted cells (so Excel never reads a piece as a number or formula). Returns the
 * estimated request bytes.
 */
export function queueStateWrite(context: Excel.RequestContext, probe: StateProbe, state: AddinState): number {
  let sheet: Excel.Worksheet;
  if (probe.sheet.isNullObject) {
    sheet = context.workbook.worksheets.add(STATE_SHEET_NAME);
    sheet.visibility = "VeryHidden";
  } else {
    sheet = context.workbook.worksheets.getItem(STATE_SHEET_NAME);
    sheet.getRange("A:A").clear("Contents");
  }
  const chunks = stateChunks(state);
  if (chunks.length === 0) return 200;
  const range = sheet.getRangeByIndexes(0, 0, chunks.length, 1);
  range.numberFormat = chunks.map(() => ["@"]);
  range.values = chunks.map((c) => [c]);
  return chunks.reduce((n, c) => n + c.length + 8, 300);
}

/** Read the whole state in its own Excel.run (two syncs when the sheet exists, one when it does not). */
export async function loadState(): Promise<AddinState> {
  const Excel = excelApi();
  return Excel.run(async (context) => {
    const probe = probeState(context);
    await context.sync();
    const read = queueStateRead(probe);
    if (!read) return emptyState();
    await context.sync();
    return read.result();
  });
}

/** Change the state with `update` and save it, in one Excel.run. */
export async function updateState(update: (state: AddinState) => void): Promise<AddinState> {
  const Excel = excelApi();
  return Excel.run(async (context) => {
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
}

/**
 * A setting saved in this workbook by saveAddinSetting (for example a post list's column mapping), or undefined.
 * Saved with the workbook, so it is there next time the file is opened, on any machine.
 */
export async function loadAddinSetting(key: string): Promise<AddinSettingValue | undefined> {
  const state = await loadState();
  return Object.prototype.hasOwnProperty.call(state.settings, key) ? state.settings[key] : undefined;
}

/** Save a JSON-compatible setting in this workbook (`undefined` removes it). */
export async function saveAddinSetting(key: string, value: AddinSettingValue | undefined): Promise<void> {
  await updateState((state) => {
    if (value === undefined) delete state.settings[key];
    else state.settings[key] = value;
  });
}
