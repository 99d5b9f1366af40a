/**
 * Run the budget and savings sheet rules (./rules/, listed in ./rules/index.ts) over the tables tables.ts
 * finds: each table is analysed once (./analysis.ts) and every rule reads that analysis. Every finding points
 * at a cell of the snapshot, in sheet coordinates, and says in plain words what is wrong and what to do.
 */
import { appendAll } from "../arrays";
import type { BudgetRuleId, Finding, Fix, Severity } from "../findings";
import type { SheetSnapshot } from "../sheetSnapshot";
import type { CheckOptions, TableAnalysis } from "./analysis";
import { analyseTable, coveredCells } from "./analysis";
import type { Report, TableRule } from "./rule";
import { TABLE_RULES } from "./rules";
import type { DetectedTable } from "./tables";

export type { CheckOptions } from "./analysis";
export { canonicalTotalFormula, coveredCells, describeRange, storedUnitOfFormat } from "./analysis";

/** Run one rule over an analysed table: its findings, in the order it reports them. */
export function runTableRule(rule: TableRule, a: TableAnalysis): Finding[] {
  const out: Finding[] = [];
  const id: BudgetRuleId = rule.meta.id;
  const report: Report = (r: number, c: number, message: string, suggestion?: string, fix?: Fix, severity: Severity = rule.meta.severity): void => {
    if (severity === "info" && !a.includeInfo) return;
    const f: Finding = { sheet: a.snap.name, cell: a.addr(r, c), rule: id, severity, message };
    if (suggestion) f.suggestion = suggestion;
    if (fix) f.fix = fix;
    out.push(f);
  };
  rule.check(a, report);
  return out;
}

/** Run every budget/savings rule over the detected tables of one snapshot. */
export function checkTables(snap: SheetSnapshot, tables: readonly DetectedTable[], options: CheckOptions = {}, rules: readonly TableRule[] = TABLE_RULES): Finding[] {
  const covered = coveredCells(snap);
  const out: Finding[] = [];
  for (const t of tables) {
    const a = analyseTable(snap, t, options, covered);
    for (const rule of rules) appendAll(out, runTableRule(rule, a));
  }
  return out;
}
