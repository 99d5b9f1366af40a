/**
 * auditWorkbook: the budget, savings and post-list checks on an .xlsx file, outside Excel.
 */
import { checkSnapshots, type CheckSnapshotsOptions } from "../core/checks";
import type { SheetSnapshot } from "../core/sheetSnapshot";
import type { Finding } from "../core/findings";
import { sortFindings } from "../core/findings";
import { readXlsx, type ReadXlsxOptions } from "./readXlsx";

export type AuditOptions = CheckSnapshotsOptions & ReadXlsxOptions;

/**
 * Read every visible sheet of an .xlsx workbook and check it. Returns the findings
 * (`{ sheet, cell, rule, severity, message, suggestion?, fix? }`, `cell` in A1 form), sorted by severity,
 * sheet, row and column. Rejects with an XlsxReadError when the bytes are not an .xlsx workbook.
 */
export async function auditWorkbook(xlsx: Uint8Array | ArrayBuffer, options: AuditOptions = {}): Promise<Finding[]> {
  return auditSnapshots(await readXlsx(xlsx, options), options);
}

/** The same checks on snapshots already read (so one operation parses its file once). */
export function auditSnapshots(snapshots: readonly SheetSnapshot[], options: CheckSnapshotsOptions = {}): Finding[] {
  return sortFindings(checkSnapshots(snapshots, options));
}
