/**
 * The add-in's checks and members' workbooks, usable outside Excel (Node or a browser), on .xlsx bytes.
 */
export { auditWorkbook } from "./workbook/auditWorkbook";
export type { AuditOptions } from "./workbook/auditWorkbook";
export { membersPackFromWorkbook } from "./workbook/membersPackFromWorkbook";
export { buildMembersPack } from "./workbook/membersPack";
export { makeShareableCopy } from "./workbook/shareableCopy";
export type { Finding, Severity, RuleId, CellEdit, Fix } from "./core/findings";
