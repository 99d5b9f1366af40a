/**
 * Sheets the add-in writes (reports, impact and structure tables). Each kind of output remembers, in the
 * workbook, the sheet it last wrote; building it again offers to replace THAT sheet (after asking) or to add a new
 * one. Only a sheet carrying the add-in's output marker can be replaced (src/excel/outputSheets.ts). All the sheets
 * of one build are written in one Excel.run (src/excel/writeOutputs.ts): one question, one state read, one save.
 */
import type { SheetLayout } from "../core/layout";
import { writeOutputSheets } from "../excel";
import type { EarlierOutput, ProgressCallback } from "../excel";
import type { Ask, ConfirmAnswer } from "./components/ConfirmDialog";

export interface WriteOwnedOptions {
  /** What this output is, stable between builds ("check-report", "impact:Post list"). */
  key: string;
  ask: Ask;
  /** An answer already given for this batch. */
  decided?: { answer?: ConfirmAnswer };
  onProgress?: ProgressCallback;
  /** The sheet name wanted in full ("Structure Strategic and Corporate Services"): shortened by whole words. */
  title?: string;
}

export interface WriteOwnedManyOptions {
  ask: Ask;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

/** Ask once whether to replace the earlier sheets of these outputs. */
function question(ask: Ask, decided?: { answer?: ConfirmAnswer }) {
  return async (earlier: EarlierOutput[]): Promise<"replace" | "new" | "cancel"> => {
    let answer = decided?.answer;
    if (!answer) {
      const one = earlier.length === 1 ? earlier[0].sheet : undefined;
      answer = await ask({
        title: one ? "Replace the earlier sheet?" : "Replace the earlier sheets?",
        body: one
          ? `The add-in wrote "${one}" earlier for this. Replace it with the new version, or keep it and add a new sheet? Only a sheet the add-in made can be replaced.`
          : `The add-in wrote ${earlier.length} of these sheets earlier (${earlier.map((e) => `"${e.sheet}"`).join(", ")}). Replace them with the new versions, or keep them and add new sheets? Only sheets the add-in made can be replaced.`,
        primary: one ? `Replace "${one}"` : `Replace ${earlier.length} sheets`,
        secondary: one ? "Keep it, add a new sheet" : "Keep them, add new sheets",
      });
      if (decided) decided.answer = answer;
    }
    return answer === "cancel" ? "cancel" : answer === "primary" ? "replace" : "new";
  };
}

/** Write `layout` to a new sheet, or in place of the sheet this output wrote before when the user agrees. Null when the user cancelled. */
export async function writeOwnedSheet(layout: SheetLayout, options: WriteOwnedOptions): Promise<string | null> {
  const names = await writeOutputSheets([{ layout, key: options.key, title: options.title }], { decide: question(options.ask, options.decided), onProgress: options.onProgress });
  return names ? names[0] : null;
}

/** Write several outputs (one structure table per directorate) in one go, asking at most once. Null when the user cancelled. */
export async function writeOwnedSheets(outputs: { layout: SheetLayout; key: string; title?: string }[], options: WriteOwnedManyOptions): Promise<string[] | null> {
  return writeOutputSheets(outputs, { decide: question(options.ask), onProgress: options.onProgress, signal: options.signal });
}
