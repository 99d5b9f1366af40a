/**
 * Sheets the add-in wrote (check reports, impact and structure tables, returns summaries, converted-formula
 * lists) are output, never input: the checks and the members' pack leave them out. They are recognised by a
 * marker the add-in writes in the sheet's page footer ("Budget Tools output: …"), which is saved with the file,
 * survives renames and new sessions (unlike Worksheet.id) and prints as a useful note; and, for sheets written
 * before the marker existed, by the add-in's own record of what it wrote (ids this session, names remembered).
 */
import { probeState, queueStateRead } from "./addinState";
import { STATE_SHEET_NAME, explainOfficeError, runExcel, type CellEditWaitOptions } from "./runtime";

import { isOutputFooter, OUTPUT_MARKER } from "../core/outputMarker";

export { isOutputFooter, OUTPUT_MARKER };

/** Mark `sheet` as the add-in's output: its left footer names what it is ("Budget Tools output: check report"). One sync. */
export async function markOutputSheet(sheet: string, what: string): Promise<void> {
  try {
    await runExcel(async (context) => {
      context.workbook.worksheets.getItem(sheet).pageLayout.headersFooters.defaultForAllPages.leftFooter = `${OUTPUT_MARKER}: ${what}`;
      await context.sync();
    });
  } catch (e) {
    throw explainOfficeError(e, `mark ${sheet} as the add-in's output`);
  }
}

/**
 * Names of the sheets the add-in wrote. Two syncs (three when the add-in's record exists). A read: it waits for a
 * cell edit to end, and starts again after one where Excel cannot wait (runExcel).
 */
export async function listOutputSheets(options: CellEditWaitOptions = {}): Promise<string[]> {
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name, items/id");
    const probe = probeState(context);
    await context.sync();
    const visible = sheets.items.filter((s) => s.name !== STATE_SHEET_NAME);
    const footers = visible.map((s) => s.pageLayout.headersFooters.defaultForAllPages.load("leftFooter, centerFooter, rightFooter"));
    const read = queueStateRead(probe);
    await context.sync();
    const state = read?.result();
    const rememberedNames = new Set(
      Object.entries(state?.settings ?? {})
        .filter(([k, v]) => k.startsWith("sheet:") && typeof v === "string")
        .map(([, v]) => String(v).toLowerCase()),
    );
    const ids = new Set(state?.createdSheets ?? []);
    return visible
      .filter((s, i) => {
        const f = footers[i];
        return isOutputFooter(`${f.leftFooter} ${f.centerFooter} ${f.rightFooter}`) || ids.has(s.id) || rememberedNames.has(s.name.toLowerCase());
      })
      .map((s) => s.name);
  }, { ...options, retryInCellEdit: true });
}
