/**
 * Shapes shared by the Excel layer's functions (src/excel). Plain data: no Office types leak out of src/excel.
 */
import type { CellEdit } from "../core/findings";
import type { CellValue } from "../core/sheetSnapshot";

/** Progress of a long read or write: `done` of `total` units (rows for reads, steps for writes). */
export interface ExcelProgress {
  /** "waiting": Excel refused to start because a cell is being edited; the read starts again shortly. */
  phase: "measuring" | "reading" | "writing" | "formatting" | "saving" | "waiting";
  done: number;
  total: number;
  /** Sheet being worked on, when there is one. */
  sheet?: string;
}

export type ProgressCallback = (progress: ExcelProgress) => void;

/** What part of a sheet to read. */
export type ReadScope = "used" | "selection" | { address: string };

export interface ReadSheetOptions {
  /** Worksheet name; the active sheet when omitted. Ignored for scope "selection" (the selection's sheet is read). */
  sheet?: string;
  scope: ReadScope;
  /** Read number formats as well (default true). */
  numberFormats?: boolean;
  onProgress?: ProgressCallback;
  /** Cancels between syncs: the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** Bytes allowed per response (default 4,000,000: under Excel on the web's 5 MB limit with headroom). */
  responseBudgetBytes?: number;
}

export interface ReadWorkbookOptions {
  /** Include sheets the user has hidden (default false). The add-in's own very hidden state sheet is never read. */
  includeHidden?: boolean;
  /** Sheets not to read (by name, any case): the add-in's own output sheets. */
  exclude?: readonly string[];
  numberFormats?: boolean;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  responseBudgetBytes?: number;
}

export interface WriteLayoutOptions {
  /**
   * Name of a sheet this add-in wrote earlier (a previous report) to replace. Refused for any sheet the add-in
   * did not create: ask the user first, then pass the name.
   */
  replaceSheet?: string;
  /** Activate the new sheet when written (default true). */
  activate?: boolean;
  onProgress?: ProgressCallback;
  /** Bytes allowed per request (default MEASURED_WRITE_BUDGET_BYTES, 4,600,000). */
  requestBudgetBytes?: number;
  /**
   * Mark the sheet as the add-in's output, with these words after the marker in its page footer ("check report"):
   * it can then be replaced, and checks and the members' pack leave it out. Leave out for sheets the user fills in.
   */
  output?: string;
}

/** The state of one cell as the UI shows it before and after a fix. */
export interface CellState {
  /** Calculated value ("" read from Excel becomes null). */
  value: CellValue;
  /** The formula, or null for a constant or empty cell. */
  formula: string | null;
  numberFormat: string;
}

export interface EditPreview {
  edit: CellEdit;
  before: CellState;
}

export interface AppliedEdit {
  edit: CellEdit;
  before: CellState;
  after: CellState;
}

export interface SheetInfo {
  name: string;
  /** 0-based position among all sheets (the add-in's state sheet included). */
  position: number;
  visibility: "Visible" | "Hidden" | "VeryHidden";
}

/** An Excel table (ListObject) in the workbook. */
export interface TableInfo {
  name: string;
  sheet: string;
  /** The table's range, header row included, without the sheet ("A1:L200"). */
  address: string;
}

export interface HighlightResult {
  /** Cells now highlighted. */
  highlighted: number;
  /** Cells highlighted by an earlier check and restored because they are no longer flagged. */
  restored: number;
  /** Findings whose sheet no longer exists or whose cell is not an address (skipped). */
  skipped: number;
}

/** Options of highlightFindings and clearHighlights. */
export interface HighlightOptions {
  /** Cancel: checked before every sync; the promise rejects with an AbortError once the run has ended. */
  signal?: AbortSignal;
}

export interface ClearHighlightsResult {
  /** Cells whose fill was put back as it was before the check. */
  restored: number;
  /** Cells the user re-coloured since the check: left with the user's colour. */
  keptUserFill: number;
  /** Cells on sheets that no longer exist. */
  missing: number;
}

export interface CreateWorkbookResult {
  /** True when Excel opened the new workbook; false when this Excel cannot. */
  created: boolean;
  /** Why not, in words for the user (including, where no download works either, what to do instead). */
  reason?: string;
  /**
   * When not created: whether a download link works here (Excel on the web and on Windows: yes; Excel for Mac: no,
   * its webview ignores downloads). Offer the download only when true.
   */
  download?: boolean;
}

/** JSON-compatible value stored in the workbook by saveAddinSetting. */
export type AddinSettingValue = string | number | boolean | null | AddinSettingValue[] | { [key: string]: AddinSettingValue };
