/**
 * The add-in never reads its own output as input. Sheets it writes (check reports, impact and structure tables,
 * returns summaries, converted-formula lists) carry this marker in their page footer ("Budget Tools output:
 * check report"): saved with the file, it survives renames and new sessions. The Excel layer writes and lists it
 * (src/excel/outputSheets.ts); the .xlsx reader notices it (src/workbook/readXlsx.ts sets
 * `SheetSnapshot.addinOutput`), and the checks and the members' pack leave those sheets out.
 */

/** The words every output sheet's footer starts with. */
export const OUTPUT_MARKER = "Budget Tools output";

/** True when a header or footer text carries the marker (Excel's codes such as "&L" around it are ignored). */
export function isOutputFooter(text: string): boolean {
  return text.includes(OUTPUT_MARKER);
}

/** What an output sheet's footer says it is ("check report"), from its footer text; null without the marker. */
export function outputDescription(text: string): string | null {
  const i = text.indexOf(OUTPUT_MARKER);
  if (i < 0) return null;
  const rest = text.slice(i + OUTPUT_MARKER.length).replace(/^\s*:\s*/, "");
  // Stop at the next Excel header/footer code (&C, &R, &P...).
  const what = rest.split(/&[A-Za-z"0-9]/)[0].trim();
  return what || "output";
}
