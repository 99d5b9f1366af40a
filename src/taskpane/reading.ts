/** Reading sheets for the pane, with progress in words. */
import type { SheetSnapshot } from "../core/sheetSnapshot";
import { readSheetSnapshot, readWorkbookSnapshots } from "../excel";
import type { ExcelProgress } from "../excel";
import type { ReportProgress } from "./useTask";

export type CheckScope = "used" | "selection" | "workbook";

/** Excel-layer progress in words. */
export function excelProgress(progress: ReportProgress): (p: ExcelProgress) => void {
  return (p) => {
    const what = p.phase === "measuring" ? "Measuring" : p.phase === "reading" ? "Reading" : p.phase === "writing" ? "Writing" : p.phase === "formatting" ? "Formatting" : "Saving";
    progress(`${what}${p.sheet ? ` ${p.sheet}` : ""}`, p.done, p.total);
  };
}

export async function readScope(scope: CheckScope, signal: AbortSignal, progress: ReportProgress): Promise<SheetSnapshot[]> {
  const onProgress = excelProgress(progress);
  if (scope === "workbook") return readWorkbookSnapshots({ signal, onProgress });
  return [await readSheetSnapshot({ scope: scope === "selection" ? "selection" : "used", signal, onProgress })];
}

