/**
 * Sheets the add-in writes (reports, impact and structure tables). Each kind of output remembers, in the
 * workbook, the sheet it last wrote; building it again offers to replace THAT sheet (after asking) or to add a new
 * one. writeLayout itself refuses to replace a sheet the add-in did not create.
 */
import type { SheetLayout } from "../core/layout";
import { listSheets, loadAddinSetting, saveAddinSetting, writeLayout } from "../excel";
import type { ProgressCallback } from "../excel";
import type { Ask, ConfirmAnswer } from "./components/ConfirmDialog";

const KEY_PREFIX = "sheet:";

export interface WriteOwnedOptions {
  /** What this output is, stable between builds ("check-report", "impact:Post list"). */
  key: string;
  ask: Ask;
  /** An answer already given for this batch ("Build one per directorate" asks once). */
  decided?: { answer?: ConfirmAnswer };
  onProgress?: ProgressCallback;
}

/** Write `layout` to a new sheet, or in place of the sheet this output wrote before when the user agrees. Null when the user cancelled. */
export async function writeOwnedSheet(layout: SheetLayout, options: WriteOwnedOptions): Promise<string | null> {
  const settingKey = KEY_PREFIX + options.key;
  const previous = await loadAddinSetting(settingKey);
  let replaceSheet: string | undefined;
  if (typeof previous === "string") {
    const sheets = await listSheets();
    const existing = sheets.find((s) => s.name.toLowerCase() === previous.toLowerCase());
    if (existing) {
      let answer = options.decided?.answer;
      if (!answer) {
        answer = await options.ask({
          title: "Replace the earlier sheet?",
          body: `The add-in wrote "${existing.name}" earlier for this. Replace it with the new version, or keep it and add a new sheet? Only a sheet the add-in made can be replaced.`,
          primary: `Replace "${existing.name}"`,
          secondary: "Keep it, add a new sheet",
        });
        if (options.decided) options.decided.answer = answer;
      }
      if (answer === "cancel") return null;
      if (answer === "primary") replaceSheet = existing.name;
    }
  }
  const { sheetName } = await writeLayout(layout, { replaceSheet, onProgress: options.onProgress });
  await saveAddinSetting(settingKey, sheetName);
  return sheetName;
}
