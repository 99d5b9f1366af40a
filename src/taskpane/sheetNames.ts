/** Readable short sheet names: core's sheet-name rules (src/core/layout.ts), under the names the pane uses. */
import { sanitiseSheetName, uniqueSheetName, SHEET_NAME_MAX } from "../core/layout";

export { SHEET_NAME_MAX };

/** `text` as a sheet name of at most `max` characters, shortened by whole words. */
export function readableSheetName(text: string, max = SHEET_NAME_MAX): string {
  return sanitiseSheetName(text, max);
}

/** A readable name not among `existing` (any case), cut between words to make room for " (2)". */
export function uniqueReadableSheetName(text: string, existing: Iterable<string>): string {
  return uniqueSheetName(text, existing);
}
