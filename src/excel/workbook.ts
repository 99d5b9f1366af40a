/**
 * Workbook-level actions: navigating to a cell, listing sheets, opening a generated workbook in Excel, and getting
 * the open workbook's bytes for a shareable copy.
 */
import { cellAddress, parseCellAddress } from "../core/a1";
import { CELL_EDIT_ERROR, CELL_EDIT_MESSAGE, STATE_SHEET_NAME, excelApi, explainOfficeError, isPayloadLimitError, officeErrorCode, runExcel } from "./runtime";
import type { CreateWorkbookResult, SheetInfo, TableInfo } from "./types";

/** Activate `sheet` and select `cell` (navigation from a finding). One sync. */
export async function selectCell(sheet: string, cell: string): Promise<void> {
  const c = parseCellAddress(cell.includes("!") ? cell.slice(cell.lastIndexOf("!") + 1) : cell);
  try {
    await runExcel(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cellAddress(c.row, c.col)).select();
      await context.sync();
    });
  } catch (e) {
    const code = officeErrorCode(e);
    if (code === CELL_EDIT_ERROR) throw new Error(`Excel could not go to ${cellAddress(c.row, c.col)}: ${CELL_EDIT_MESSAGE}`);
    if (code === "ItemNotFound") throw new Error(`The sheet "${sheet}" no longer exists.`);
    if (code === "InvalidOperation") throw new Error(`The sheet "${sheet}" is hidden: unhide it to go to ${cellAddress(c.row, c.col)}.`);
    throw e;
  }
}

/** The workbook's sheets in tab order (the add-in's own state sheet left out), with their visibility. One sync. */
export async function listSheets(): Promise<SheetInfo[]> {
  try {
    return await runExcel(
      async (context) => {
        const sheets = context.workbook.worksheets.load("items/name, items/visibility, items/position");
        await context.sync();
        return sheets.items
          .filter((s) => s.name !== STATE_SHEET_NAME)
          .map((s) => ({ name: s.name, position: s.position, visibility: s.visibility as SheetInfo["visibility"] }));
      },
      { retryInCellEdit: true },
    );
  } catch (e) {
    throw explainOfficeError(e, "list the sheets");
  }
}

/** Every Excel table in the workbook with its sheet and range (header row included), in two syncs. */
export async function listTables(): Promise<TableInfo[]> {
  try {
    return await runExcel(
      async (context) => {
        const tables = context.workbook.tables.load("items/name");
        await context.sync();
        const parts = tables.items.map((t) => ({ name: t.name, range: t.getRange().load("address"), sheet: t.worksheet.load("name") }));
        if (parts.length) await context.sync();
        return parts
          .filter((p) => p.sheet.name !== STATE_SHEET_NAME)
          .map((p) => ({ name: p.name, sheet: p.sheet.name, address: p.range.address.slice(p.range.address.lastIndexOf("!") + 1) }));
      },
      { retryInCellEdit: true },
    );
  } catch (e) {
    throw explainOfficeError(e, "list the tables");
  }
}

interface OfficeGlobal {
  context?: { platform?: unknown; requirements?: { isSetSupported?: (set: string, version?: string) => boolean } };
}

function officeGlobal(): OfficeGlobal | undefined {
  return (globalThis as unknown as { Office?: OfficeGlobal }).Office;
}

/** Office's answer to isSetSupported, or `fallback` where Office cannot say (outside Office, in unit tests). */
function isSetSupported(set: string, version: string | undefined, fallback: boolean): boolean {
  const requirements = officeGlobal()?.context?.requirements;
  return typeof requirements?.isSetSupported === "function" ? requirements.isSetSupported(set, version) : fallback;
}

/** Which Excel the pane runs in (Office.context.platform: "OfficeOnline", "PC", "Mac"...); undefined outside Office. */
export function officePlatform(): string | undefined {
  const p = officeGlobal()?.context?.platform;
  return typeof p === "string" ? p : undefined;
}

/**
 * Whether a download link (a blob: URL) saves a file here. Browsers (Excel on the web) and WebView2 (Windows) do;
 * Excel for Mac's WKWebView ignores downloads from add-ins (OfficeDev/office-js#2700, "by design"; #3385, #4681).
 */
export function downloadWorks(): boolean {
  return officePlatform() !== "Mac";
}

/**
 * Longest base64 Excel on the web accepts in Excel.createWorkbook: the call is an ordinary request (office.js
 * `createWorkbook` → `_runOnRegularOrWacContext`), so the 5 MB request limit applies to it (Learn, "Resource limits and
 * performance optimization for Office Add-ins": "Excel on the web has a payload size limit for requests and responses
 * of 5MB"). Headroom for the request's JSON around the string. About 3.7 MB of .xlsx.
 */
export const WEB_CREATE_WORKBOOK_MAX_BASE64 = 4_900_000;

/** "3.7 MB" */
function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** True when this Excel can open a new workbook from a file (ExcelApi 1.8: Excel.createWorkbook). */
export function canCreateWorkbook(): boolean {
  const g = globalThis as unknown as { Excel?: { createWorkbook?: unknown } };
  if (typeof g.Excel?.createWorkbook !== "function") return false;
  return isSetSupported("ExcelApi", "1.8", true);
}

/**
 * Open an .xlsx (base64) as a new workbook in Excel, choosing per Excel what can work:
 * - Excel without createWorkbook (before ExcelApi 1.8): not created, download offered where downloads work;
 * - Excel on the web with a file over `WEB_CREATE_WORKBOOK_MAX_BASE64`: not even tried (Excel would refuse the
 *   request), download offered — browsers download;
 * - otherwise createWorkbook; if Excel refuses, the reason in words.
 * Excel for Mac has no size limit documented on createWorkbook, but a download does nothing there: when the workbook
 * cannot be opened, `download` is false and the reason says what to do instead.
 */
export async function createWorkbookFromBase64(base64: string): Promise<CreateWorkbookResult> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) throw new RangeError("Not a base64-encoded workbook.");
  const download = downloadWorks();
  const notOpened = (why: string): CreateWorkbookResult =>
    download
      ? { created: false, download, reason: `${why} Download the file and open it instead.` }
      : { created: false, download, reason: `${why} Excel for Mac cannot save a download from an add-in either: make the workbook in Excel on the web or on Windows.` };
  if (!canCreateWorkbook()) return notOpened("This version of Excel cannot open a new workbook from the add-in (it needs ExcelApi 1.8).");
  const xlsxBytes = Math.floor((base64.length * 3) / 4);
  const tooBig = (): CreateWorkbookResult => notOpened(`The workbook is ${megabytes(xlsxBytes)}: Excel on the web can open at most about ${megabytes(Math.floor((WEB_CREATE_WORKBOOK_MAX_BASE64 * 3) / 4))} from an add-in.`);
  if (officePlatform() === "OfficeOnline" && base64.length > WEB_CREATE_WORKBOOK_MAX_BASE64) return tooBig();
  try {
    await excelApi().createWorkbook(base64);
    return { created: true };
  } catch (e) {
    if (isPayloadLimitError(e)) return tooBig();
    const message = e instanceof Error ? e.message : String(e);
    return notOpened(`Excel could not open the workbook (${message}).`);
  }
}

/** Slice size for getFileAsync (Office allows up to 4 MB). */
export const FILE_SLICE_BYTES = 4 * 1024 * 1024;

type AsyncResult<T> = { status: string; value: T; error?: { message: string } };

interface OfficeFile {
  size: number;
  sliceCount: number;
  getSliceAsync(index: number, callback: (result: AsyncResult<{ data: ArrayLike<number> | ArrayBuffer; index: number; size: number }>) => void): void;
  closeAsync(callback?: (result: AsyncResult<void>) => void): void;
}

interface OfficeDocumentLike {
  getFileAsync(fileType: unknown, options: { sliceSize: number }, callback: (result: AsyncResult<OfficeFile>) => void): void;
}

/** What to do when Excel cannot give the add-in the workbook's file. */
const SAVE_A_COPY = "Save a copy with File > Save As (on the web: File > Save As > Download a Copy) and share that instead.";

/**
 * The open workbook as .xlsx bytes (Office.context.document.getFileAsync, compressed, in slices), for making a
 * shareable copy. Checks first that this Excel can (requirement set CompressedFile; Learn, "Office.FileType":
 * Compressed gives the .xlsx); Excel on the web sometimes refuses (OfficeDev/office-js#5297 for workbooks opened from
 * other storage, #98 after renaming). Throws a clear error outside Office or when Office refuses. The file is closed,
 * and the close awaited, before returning: Office allows one open file at a time.
 */
export async function getWorkbookFileBytes(): Promise<Uint8Array> {
  const g = globalThis as unknown as { Office?: { context?: { document?: OfficeDocumentLike }; FileType?: { Compressed?: unknown }; AsyncResultStatus?: { Succeeded?: string } } };
  const doc = g.Office?.context?.document;
  if (!doc || typeof doc.getFileAsync !== "function") {
    throw new Error("The workbook's file is only available inside Excel (Office.context.document is missing).");
  }
  if (!isSetSupported("CompressedFile", undefined, true)) {
    throw new Error(`This version of Excel cannot give the add-in a copy of the workbook's file. ${SAVE_A_COPY}`);
  }
  const succeeded = g.Office?.AsyncResultStatus?.Succeeded ?? "succeeded";
  const compressed = g.Office?.FileType?.Compressed ?? "compressed";
  const file = await new Promise<OfficeFile>((resolve, reject) => {
    doc.getFileAsync(compressed, { sliceSize: FILE_SLICE_BYTES }, (result) => {
      if (result.status === succeeded) resolve(result.value);
      else reject(new Error(`Excel could not provide the workbook's file (${(result.error?.message ?? "unknown error").replace(/\.$/, "")}). ${SAVE_A_COPY}`));
    });
  });
  try {
    const parts: Uint8Array[] = [];
    for (let i = 0; i < file.sliceCount; i++) {
      const slice = await new Promise<ArrayLike<number> | ArrayBuffer>((resolve, reject) => {
        file.getSliceAsync(i, (result) => {
          if (result.status === succeeded) resolve(result.value.data);
          else reject(new Error(`Excel could not provide part ${i + 1} of the workbook's file: ${result.error?.message ?? "unknown error"}.`));
        });
      });
      parts.push(slice instanceof ArrayBuffer ? new Uint8Array(slice) : Uint8Array.from(slice));
    }
    const total = parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  } finally {
    await new Promise<void>((resolve) => file.closeAsync(() => resolve()));
  }
}
