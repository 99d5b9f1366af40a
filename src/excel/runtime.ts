/**
 * Small helpers shared by the Excel layer: payload budgets, cancellation, byte estimates, error codes.
 */

import { abortError, isAbortError, throwIfAborted as throwIfSignalled } from "../core/cancel";

/** Excel on the web rejects a request or response above 5 MB; we plan to stay under this, with headroom. */
export const DEFAULT_PAYLOAD_BUDGET_BYTES = 4_000_000;

/**
 * Budget for write batches sized from Office's real request format (OFFICE_REQUEST_BYTES, measured on the simulated
 * host's record of office.js's JSON, at or above the measured size; data by its JSON): 8% under the 5 MB limit, so
 * writes take the syncs their bytes need (issue 15: within the bound ceil(bytes / 5 MB) + 1, plus 2).
 */
export const MEASURED_WRITE_BUDGET_BYTES = 4_600_000;

/** The add-in's own very hidden sheet: highlight state and settings live here, saved with the workbook. */
export const STATE_SHEET_NAME = "_BudgetAddinState";

/** The message of the error a cancelled read or write rejects with. */
const CANCELLED = "The operation was cancelled.";

/** Throws the signal's reason or an AbortError (src/core/cancel.ts) when the signal has fired. Called between syncs. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  throwIfSignalled(signal, CANCELLED);
}

export { isAbortError };

/** Bytes of a string once UTF-8 encoded (what travels over the wire). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * What Office's client puts on the wire for common operations, in bytes of its request JSON
 * (`{ Actions, ObjectPaths }`), calibrated against office.js itself (test/standin/excel measures the real JSON;
 * ids grow to 7 digits in long batches, which the figures allow for). Add the lengths of addresses and values.
 */
export const OFFICE_REQUEST_BYTES = {
  /** A worksheet proxy (`worksheets.getItem(name or id)`), once per sheet per sync, plus the key's length. */
  worksheet: 400,
  /** An untracked `sheet.getRange(address)` with one `load(...)`, plus the address length. */
  rangeRead: 400,
  /** `sheet.getRange(address)` with a number format, a value and a `load(...)`, plus address and value lengths (600 measured in all for a number with a format). */
  rangeWrite: 580,
  /** `sheet.getRange(address).getCellProperties({ format: { fill } })`, plus the address length. */
  cellProperties: 520,
  /** A `sheet.getRangeByIndexes(...)` with one property set or method call, plus the value's JSON. */
  rangeSet: 700,
  /** An untracked `sheet.getRangeByIndexes(...)` with its `hyperlink` set, plus the link's JSON (444 bytes measured in all for a 62-byte link at 100,000 links). */
  hyperlink: 385,
  /** `sheet.getRanges(list).format.fill` with two property sets (or one clear), plus the list's length. */
  areasFill: 1_100,
  /** An untracked `sheet.getRange(address).format.fill.load("color")` (621 bytes measured per cell at 1,000 cells). */
  fillRead: 640,
} as const;

/** Bytes of a value's JSON form. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

/** The Office error code of a failed sync ("RequestPayloadSizeLimitExceeded", "ItemNotFound"...), if any. */
export function officeErrorCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** True when Excel refused a sync because its request or response was too large. */
export function isPayloadLimitError(e: unknown): boolean {
  const code = officeErrorCode(e);
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}

/** The global Excel namespace, or a clear error when the code runs outside Excel. */
export function excelApi(): typeof Excel {
  const g = globalThis as unknown as { Excel?: typeof Excel };
  if (!g.Excel || typeof g.Excel.run !== "function") {
    throw new Error("Excel is not available: this part of the add-in runs inside Excel (desktop or web).");
  }
  return g.Excel;
}

/** Excel's text entry rules turn some strings into formulas, numbers, dates, times or booleans. */
const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*";
const COERCIBLE_TEXT = new RegExp(
  [
    String.raw`^\s*[=+\-@']`, // formulas, and text that already starts with an apostrophe
    String.raw`^\s*[-+(]?\s*[£$€]?\s*[\d.,]+\s*%?\s*\)?\s*$`, // 1,234  £5  (12)  12%
    String.raw`^\s*[-+]?[\d.]+e[-+]?\d+\s*$`, // 1e5
    String.raw`^\s*\d+\s+\d+\s*/\s*\d+\s*$`, // 1 1/2
    String.raw`^\s*(true|false)\s*$`,
    String.raw`^\s*\d{1,4}\s*[/.-]\s*\d{1,2}(\s*[/.-]\s*\d{1,4})?\s*$`, // 01/04/2024, 1/4, 2024-04
    String.raw`^\s*\d{1,2}[\s/.-]*${MONTH}([\s/.-]*\d{2,4})?\s*$`, // 1 Apr, 1-Apr-24
    String.raw`^\s*${MONTH}[\s/.-]*\d{1,4}([\s,/.-]*\d{2,4})?\s*$`, // Apr 2024, April 1, 2024
    String.raw`^\s*\d{1,2}:\d{2}(:\d{2})?\s*(am|pm)?\s*$`, // 12:30, 5:30 pm
    String.raw`^\s*\d{1,2}\s*(am|pm)\s*$`,
    String.raw`^\s*#(NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A)\s*$`, // error values
  ].join("|"),
  "i",
);

/**
 * The string to put in `Range.values` so that Excel stores `text` as exactly that text. Excel treats a value
 * starting with "=", "+", "-" or "@" as a formula and turns "1,234", "12%", "TRUE" or "01/04/2024" into numbers,
 * booleans and dates, as if typed. A leading apostrophe makes Excel store the rest as text (the apostrophe is not
 * part of the value), so such strings, and strings that themselves start with an apostrophe, are prefixed with one.
 */
export function textEntry(text: string): string {
  return COERCIBLE_TEXT.test(text) ? `'${text}` : text;
}

/** Convert an Excel column width in characters (as layouts give it) to points (as Office.js sets it). */
export function columnWidthPoints(characters: number): number {
  // Calibri 11: a character is 7 px wide plus 5 px padding; 1 px is 0.75 pt.
  const px = Math.round(Math.max(0, characters) * 7 + 5);
  return Math.round(px * 0.75 * 100) / 100;
}

/**
 * Queues work on a request context and syncs whenever the next piece would take the request over the budget,
 * so one logical write becomes as few syncs as the payload limit allows.
 */
export class RequestBatcher {
  private bytes = 0;
  private readonly context: Excel.RequestContext;
  private readonly budget: number;
  private readonly signal?: AbortSignal;

  constructor(context: Excel.RequestContext, budget: number, signal?: AbortSignal) {
    this.context = context;
    this.budget = budget;
    this.signal = signal;
  }

  /** Make room for `bytes` more of request (syncing what is queued first if it would not fit). */
  async reserve(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > this.budget) await this.flush();
    this.bytes += bytes;
  }

  /** Sync what is queued. */
  async flush(): Promise<void> {
    throwIfAborted(this.signal);
    await this.context.sync();
    this.bytes = 0;
  }

  get queuedBytes(): number {
    return this.bytes;
  }
}

/** The error Excel gives a batch while the user is typing in a cell (and the batch did not ask to wait). */
export const CELL_EDIT_ERROR = "InvalidOperationInCellEditMode";

/** Waits before each new attempt of a read Excel refused because a cell was being edited (about 15 s in all). */
export const CELL_EDIT_RETRY_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000];

/** What the user is told when Excel stays in cell-edit mode. */
export const CELL_EDIT_MESSAGE = "a cell is being edited. Press Enter or Esc to finish editing the cell, then try again.";

export interface ExcelRunOptions {
  /** Cancel: checked before the run and before every sync in it; the run then rejects with an AbortError. */
  signal?: AbortSignal;
  /**
   * The batch only reads, so it is safe to start again when Excel refused it because a cell was being edited (on
   * an Excel that cannot wait for the edit to end). Writes are never retried.
   */
  retryInCellEdit?: boolean;
  /** Called before each retry (attempt 1, 2...), for the pane to say it is waiting for the edit to end. */
  onCellEdit?: (attempt: number) => void;
  /** Waits before retries; default `CELL_EDIT_RETRY_DELAYS_MS`. */
  retryDelaysMs?: readonly number[];
}

/** What a read that may wait for a cell edit to end takes: Cancel, a "waiting" callback and the waits. */
export type CellEditWaitOptions = Pick<ExcelRunOptions, "signal" | "onCellEdit" | "retryDelaysMs">;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : abortError(CANCELLED));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : abortError(CANCELLED));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * `Excel.run` for the Excel layer:
 * - with `delayForCellEdit` (RunOptions, ExcelApi 1.11; the manifest requires 1.13): while the user is typing in a
 *   cell, Excel holds the batch until the edit ends instead of failing it with InvalidOperationInCellEditMode
 *   (office-js-docs-reference#2244: the default is to fail; OfficeDev/office-js#625, #3388);
 * - every `context.sync()` made by `batch` first checks `signal`, so Cancel stops the run before its next sync
 *   (Office's own clean-up after the batch still runs), and the promise settles only when the run has ended;
 * - a read (`retryInCellEdit`) that Excel still refused for cell-edit mode is started again after a wait, a few
 *   times; then the error says in words what to do.
 */
export async function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>, options: ExcelRunOptions = {}): Promise<T> {
  const Excel = excelApi();
  const once = (): Promise<T> => {
    throwIfAborted(options.signal);
    return Excel.run({ delayForCellEdit: true }, async (context) => {
      let inBatch = true;
      const sync = context.sync.bind(context);
      context.sync = <V>(passThroughValue?: V): Promise<V> => {
        if (inBatch) throwIfAborted(options.signal);
        return sync(passThroughValue) as Promise<V>;
      };
      try {
        return await batch(context);
      } finally {
        inBatch = false;
      }
    });
  };
  return options.retryInCellEdit ? retryWhileEditing(once, options) : once();
}

/** True for the error Excel gives a batch while a cell is being edited. */
export function isCellEditError(e: unknown): boolean {
  return officeErrorCode(e) === CELL_EDIT_ERROR;
}

/**
 * Run `read` again, after a wait, while it fails because a cell is being edited (any read of the Excel layer, or one
 * made elsewhere with Excel.run); `onCellEdit` hears of each retry. After the last wait the error passes on.
 */
export async function retryWhileEditing<T>(read: () => Promise<T>, options: CellEditWaitOptions = {}): Promise<T> {
  const delays = options.retryDelaysMs ?? CELL_EDIT_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(options.signal);
    try {
      return await read();
    } catch (e) {
      if (!isCellEditError(e) || attempt >= delays.length) throw e;
      options.onCellEdit?.(attempt + 1);
      await sleep(delays[attempt], options.signal);
    }
  }
}

/**
 * Refuse, before Excel is asked, to add a sheet to a workbook whose structure is protected (Review › Protect
 * Workbook): no sheet can then be added, deleted, moved or renamed (Microsoft Support, "Protect a workbook"), and the
 * error Excel would give is not documented. `protection` is `workbook.protection` with `protected` loaded (ExcelApi 1.7).
 */
export function assertCanAddSheets(protection: Excel.WorkbookProtection): void {
  if (protection.protected) {
    throw new Error("Budget Tools cannot add a sheet to this workbook: its structure is protected (Review › Protect Workbook). Unprotect the workbook, then try again.");
  }
}

/** Turn Office errors a user can act on into plain words; other errors pass through unchanged. */
export function explainOfficeError(e: unknown, action: string): unknown {
  const code = officeErrorCode(e);
  if (code === CELL_EDIT_ERROR) return new Error(`Excel could not ${action}: ${CELL_EDIT_MESSAGE}`);
  if (code === "AccessDenied") return new Error(`Excel refused to ${action}: the sheet or workbook is protected. Unprotect it and try again.`);
  // getSelectedRange with several areas selected (Ctrl+click), or a chart or shape selected: Workbook.getSelectedRange
  // JSDoc; OfficeDev/office-js-docs-pr#2477; OfficeDev/office-js#2268.
  if (code === "InvalidSelection") return new Error(`Excel could not ${action}: the selection is not one block of cells (several areas, or a chart or shape). Select one block of cells and try again.`);
  if (isPayloadLimitError(e)) return new Error(`Excel refused to ${action}: too much data in one go. Try a smaller range.`);
  return e;
}
