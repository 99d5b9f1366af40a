/** Reading sheets for the pane, with progress in words. */
import type { SheetSnapshot } from "../core/sheetSnapshot";
import { listOutputSheets, readSheetSnapshot, readWorkbookSnapshots } from "../excel";
import type { CellEditWaitOptions, ExcelProgress } from "../excel";
import type { ReportProgress } from "./useTask";

export type CheckScope = "used" | "selection" | "workbook";

/** Excel-layer progress in words. */
export function excelProgress(progress: ReportProgress): (p: ExcelProgress) => void {
  return (p) => {
    if (p.phase === "measuring") {
      progress("Finding the cells in use", p.done, p.total);
      return;
    }
    if (p.phase === "waiting") {
      // Excel refused the read because a cell is being edited; the Excel layer tries again shortly.
      progress("Waiting for Excel: a cell is being edited. Press Enter or Esc to finish editing it.");
      return;
    }
    const what = p.phase === "reading" ? "Reading" : p.phase === "writing" ? "Writing" : p.phase === "formatting" ? "Formatting" : "Saving";
    progress(`${what}${p.sheet ? ` ${p.sheet}` : ""}`, p.done, p.total);
  };
}

/**
 * Sheets whose merged cells Excel could not list (more merged areas than it can return, or an Excel without the
 * API), in words for the check's notice: "" when every sheet's merges were read.
 */
export function mergesNote(snapshots: readonly SheetSnapshot[]): string {
  const unread = snapshots.filter((s) => s.mergesUnread);
  if (unread.length === 0) return "";
  const first = unread[0].mergesUnread ?? "";
  const sheets = unread.map((s) => `"${s.name}"`).join(", ");
  return ` On ${sheets}: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

/** What was read, and the add-in's own output sheets that were left out (or that the user pointed at). */
export interface ScopeRead {
  snapshots: SheetSnapshot[];
  /** Output sheets left out of "every sheet", or the active sheet when it is one. */
  skippedOutput: string[];
}

/** A read that may wait while a cell is being edited: Cancel stops it, and the pane says it is waiting. */
export function cellEditWait(signal: AbortSignal, progress: ReportProgress): CellEditWaitOptions {
  const onProgress = excelProgress(progress);
  return { signal, onCellEdit: (attempt) => onProgress({ phase: "waiting", done: attempt, total: 0 }) };
}

/** Every sheet of the workbook except the add-in's own output (reports, impact and structure tables…). */
export async function readInputSheets(signal: AbortSignal, progress: ReportProgress): Promise<ScopeRead> {
  const exclude = await listOutputSheets(cellEditWait(signal, progress));
  const snapshots = await readWorkbookSnapshots({ signal, onProgress: excelProgress(progress), exclude });
  return { snapshots, skippedOutput: exclude };
}

export async function readScope(scope: CheckScope, signal: AbortSignal, progress: ReportProgress): Promise<ScopeRead> {
  const onProgress = excelProgress(progress);
  if (scope === "workbook") return readInputSheets(signal, progress);
  const snap = await readSheetSnapshot({ scope: scope === "selection" ? "selection" : "used", signal, onProgress });
  const output = await listOutputSheets(cellEditWait(signal, progress));
  if (output.some((n) => n.toLowerCase() === snap.name.toLowerCase())) return { snapshots: [], skippedOutput: [snap.name] };
  return { snapshots: [snap], skippedOutput: [] };
}

