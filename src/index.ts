/**
 * The add-in's checks and members' pack, usable outside Excel (Node or a browser), on .xlsx bytes.
 */
export { auditWorkbook } from "./workbook/auditWorkbook";
export { membersPackFromWorkbook } from "./workbook/membersPackFromWorkbook";
export type { Finding, Severity, RuleId } from "./core/findings";
