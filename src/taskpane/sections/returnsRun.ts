/**
 * What "Check returns" needs once files are checked (core checks, the sheet writer), loaded on demand by
 * CheckReturns.tsx so that the first screen does not carry it.
 */
export { checkReturnsLayout, checkSnapshotsAsync, outputSheetNames } from "../../core/checks";
export { countBySeverity } from "../../core/findings";
export { writeOwnedSheet } from "../ownedSheets";
export { excelProgress } from "../reading";
export { returnsFindingsLayout, unreadableFileMessage } from "../returns";
