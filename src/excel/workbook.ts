/**
 * Workbook-level actions: navigating to a cell, listing sheets, opening a generated workbook in Excel, and getting
 * the open workbook's bytes for a shareable copy.
 */
import { cellAddress, parseCellAddress } from "../core/a1";
import { CELL_EDIT_ERROR, CELL_EDIT_MESSAGE, STATE_SHEET_NAME, excelApi, explainOfficeError, officeErrorCode, runExcel } from "./runtime";
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

/** True when this Excel can open a new workbook from a file (ExcelApi 1.8: Excel.createWorkbook). */
export function canCreateWorkbook(): boolean {
  const g = globalThis as unknown as { Excel?: { createWorkbook?: unknown }; Office?: typeof Office };
  if (typeof g.Excel?.createWorkbook !== "function") return false;
  const requirements = g.Office?.context?.requirements;
  if (requirements && typeof requirements.isSetSupported === "function") return requirements.isSetSupported("ExcelApi", "1.8");
  return true;
}

/**
 * Open an .xlsx (base64) as a new workbook in Excel. When this Excel cannot (no Excel.createWorkbook, or it
 * refused), returns `{ created: false, reason }` so the task pane can offer a download instead.
 */
export async function createWorkbookFromBase64(base64: string): Promise<CreateWorkbookResult> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) throw new RangeError("Not a base64-encoded workbook.");
  if (!canCreateWorkbook()) return { created: false, reason: "This version of Excel cannot open a new workbook from the add-in. Download the file and open it instead." };
  try {
    await excelApi().createWorkbook(base64);
    return { created: true };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { created: false, reason: `Excel could not open the workbook (${message}). Download the file and open it instead.` };
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

/**
 * The open workbook as .xlsx bytes (Office.context.document.getFileAsync, compressed, in slices), for making a
 * shareable copy. Throws a clear error outside Office or when Office refuses.
 */
export async function getWorkbookFileBytes(): Promise<Uint8Array> {
  const g = globalThis as unknown as { Office?: { context?: { document?: OfficeDocumentLike }; FileType?: { Compressed?: unknown }; AsyncResultStatus?: { Succeeded?: string } } };
  const doc = g.Office?.context?.document;
  if (!doc || typeof doc.getFileAsync !== "function") {
    throw new Error("The workbook's file is only available inside Excel (Office.context.document is missing).");
  }
  const succeeded = g.Office?.AsyncResultStatus?.Succeeded ?? "succeeded";
  const compressed = g.Office?.FileType?.Compressed ?? "compressed";
  const file = await new Promise<OfficeFile>((resolve, reject) => {
    doc.getFileAsync(compressed, { sliceSize: FILE_SLICE_BYTES }, (result) => {
      if (result.status === succeeded) resolve(result.value);
      else reject(new Error(`Excel could not provide the workbook's file: ${result.error?.message ?? "unknown error"}.`));
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
    file.closeAsync();
  }
}
