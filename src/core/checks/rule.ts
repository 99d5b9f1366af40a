/**
 * A budget or savings sheet rule: metadata and a check over one table's analysis (./analysis.ts). The
 * check words findings from the analysis's facts through `report`; it keeps no state between calls.
 */
import type { BudgetRuleId, CellEdit, Fix, Severity } from "../findings";
import type { RuleMeta } from "../rule";
import type { TableAnalysis } from "./analysis";

/** Report a finding of the rule at a cell of the table (snapshot coordinates). */
export type Report = (r: number, c: number, message: string, suggestion?: string, fix?: Fix, severity?: Severity) => void;

export interface TableRule<Id extends BudgetRuleId = BudgetRuleId> {
  meta: RuleMeta<Id>;
  check(a: TableAnalysis, report: Report): void;
}

/** An edit that puts a formula in a cell of the analysed sheet. */
export function formulaEdit(a: TableAnalysis, r: number, c: number, formula: string): CellEdit {
  return { sheet: a.snap.name, cell: a.addr(r, c), kind: "formula", formula };
}
