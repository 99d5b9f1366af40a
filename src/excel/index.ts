/**
 * The Excel layer: the only code that touches the Excel JavaScript API (the global `Excel`). Everything here takes
 * and returns plain data (snapshots, layouts, findings, edits), reads and writes in as few `context.sync()` calls as
 * the payload limit allows, and never changes a user's data without an explicit call.
 */
export { readSheetSnapshot, readWorkbookSnapshots } from "./readSnapshot";
export { writeLayout } from "./writeLayout";
export { drawOrgChartSheets, ORG_CHART_ORIGIN } from "./orgChartShapes";
export { writeOutputSheets } from "./writeOutputs";
export type { EarlierAnswer, EarlierOutput, OutputSheet, WriteOutputsOptions } from "./writeOutputs";
export { highlightFindings, clearHighlights, HIGHLIGHT_COLOURS } from "./highlights";
export { applyEdits, previewEdits } from "./edits";
export { selectCell, listSheets, listTables, canCreateWorkbook, createWorkbookFromBase64, downloadWorks, getWorkbookFileBytes, WEB_CREATE_WORKBOOK_MAX_BASE64 } from "./workbook";
export { loadAddinSetting, loadAddinSettings, saveAddinSetting, settingOf } from "./addinState";
export { isAbortError, isCellEditError, isPayloadLimitError, retryWhileEditing, textEntry, STATE_SHEET_NAME, DEFAULT_PAYLOAD_BUDGET_BYTES } from "./runtime";
export type * from "./types";
export type { CellEditWaitOptions } from "./runtime";
export { undoEdits } from "./undoEdits";
export type { UndoResult } from "./undoEdits";
export { listOutputSheets, markOutputSheet, OUTPUT_MARKER } from "./outputSheets";
export { insertFormula, readSelection } from "./insertFormula";
export type { InsertResult, SelectionInfo } from "./insertFormula";
