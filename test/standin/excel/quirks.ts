/**
 * Documented limits and quirks of real Excel the simulated host reproduces, each switchable per test
 * (`createExcelStandIn({ quirks: { ... } })` or `host.quirks.x = ...` at any time). Each cites its source.
 */
export interface HostQuirks {
  /**
   * Range.getMergedAreasOrNullObject. `limit`: @types/office-js JSDoc, "if the merged areas count in this range is
   * more than 512, then this method will fail to return the result". `topLeftOnly`: only merges whose top-left
   * cell lies inside the range come back (OfficeDev/office-js#3611, open; #1590).
   */
  mergedAreas: { limit: number | null; topLeftOnly: boolean };
  /**
   * Fill read-back. Excel reports colour #FFFFFF for "no fill" (OfficeDev/office-js#6218) — always modelled.
   * With `fillPatternNull`, `format.fill.pattern` reads null: OfficeDev/office-js#4900 reports null for both "no
   * fill" and a white fill (Microsoft's answer there: use `tintAndShade`); the quirk reads null for every cell,
   * the stricter case.
   */
  fillPatternNull: boolean;
  /**
   * The user is typing in a cell: every batch fails with InvalidOperationInCellEditMode unless it was run with
   * `Excel.run({ delayForCellEdit: true }, ...)` (ExcelApi 1.11), which waits for the edit to end
   * (office-js-docs-reference#2244; OfficeDev/office-js#625, #3388; @types/office-js RunOptions.delayForCellEdit).
   */
  cellEditMode: boolean;
  /**
   * Fault injection: the Nth sync from now (1-based) fails with `code` after its first `afterActions` actions ran
   * (Excel applies the actions before a failing one: Learn, "Error handling with the application-specific
   * JavaScript APIs"). null: no fault.
   */
  fault: { atSync: number; afterActions: number; code: string; message?: string } | null;
  /**
   * `Office.context.document.getFileAsync` fails with this Office error instead of giving the file, as reported on
   * Excel on the web for workbooks in WOPI hosts (OfficeDev/office-js#5297: code 11001, "A network problem has
   * prevented retrieval of the file.") and after renaming a workbook on the web (#98). null: the file is given.
   */
  fileError: { code: number; message: string } | null;
}

export function defaultQuirks(): HostQuirks {
  return { mergedAreas: { limit: 512, topLeftOnly: true }, fillPatternNull: false, cellEditMode: false, fault: null, fileError: null };
}
