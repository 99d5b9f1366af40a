/**
 * Sheets the add-in writes (reports, impact and structure tables). Each kind of output remembers, in the
 * workbook, the sheet it last wrote; building it again offers to replace THAT sheet (after asking) or to add a new
 * one. writeLayout itself refuses to replace a sheet the add-in did not create.
 */
import type { SheetLayout } from "../core/layout";
import { listSheets, loadAddinSetting, markOutputSheet, saveAddinSetting, writeLayout } from "../excel";
import type { ProgressCallback } from "../excel";
import type { Ask, ConfirmAnswer } from "./components/ConfirmDialog";
import { uniqueReadableSheetName } from "./sheetNames";

const KEY_PREFIX = "sheet:";

export interface WriteOwnedOptions {
  /** What this output is, stable between builds ("check-report", "impact:Post list"). */
  key: string;
  ask: Ask;
  /** An answer already given for this batch ("Build one per directorate" asks once). */
  decided?: { answer?: ConfirmAnswer };
  onProgress?: ProgressCallback;
  /** The sheet name wanted in full ("Structure Strategic and Corporate Services"): shortened by whole words. */
  title?: string;
}

/** The layout under another sheet name; links to its own sheet follow. */
function renamed(layout: SheetLayout, name: string): SheetLayout {
  if (name === layout.name) return layout;
  return { ...layout, name, cells: layout.cells.map((c) => (c.link && c.link.sheet === layout.name ? { ...c, link: { ...c.link, sheet: name } } : c)) };
}

/** Write `layout` to a new sheet, or in place of the sheet this output wrote before when the user agrees. Null when the user cancelled. */
export async function writeOwnedSheet(layout: SheetLayout, options: WriteOwnedOptions): Promise<string | null> {
  const settingKey = KEY_PREFIX + options.key;
  const previous = await loadAddinSetting(settingKey);
  let replaceSheet: string | undefined;
  const sheets = await listSheets();
  if (typeof previous === "string") {
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
  const named = replaceSheet ? layout : renamed(layout, uniqueReadableSheetName(options.title ?? layout.name, sheets.map((s) => s.name)));
  const { sheetName } = await writeLayout(named, { replaceSheet, onProgress: options.onProgress });
  // Marked as output, so no check and no members' pack ever reads it as input.
  await markOutputSheet(sheetName, options.key.split(":")[0].replace(/-/g, " "));
  await saveAddinSetting(settingKey, sheetName);
  return sheetName;
}
