/**
 * What "Check sheets" needs once the user clicks Check (core checks, the Excel reads, the check report writer),
 * loaded on demand by CheckSheets.tsx so that the first screen does not carry it.
 */
export { checkReportLayout, checkSnapshotsAsync } from "../../core/checks";
export { WHAT_IS_CHECKED, isCheckable } from "../checkable";
export { plural } from "../../core/words";
export { writeOwnedSheet } from "../ownedSheets";
export { excelProgress, mergesNote, readScope } from "../reading";
