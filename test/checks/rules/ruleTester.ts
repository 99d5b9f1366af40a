/**
 * A table of valid and invalid sheets for one budget or savings rule, in the style of ESLint's RuleTester:
 * each case is a small sheet typed as a person would (a cell is a constant, or `{ f, v }` for a formula and
 * the value Excel shows for it, with an optional number format), and an invalid case lists the findings the
 * rule must give, written out by hand. Only the rule under test runs, over the tables the checker finds.
 */
import { describe, expect, it } from "vitest";
import { analyseTable, type CheckOptions } from "../../../src/core/checks/analysis";
import { runTableRule } from "../../../src/core/checks/budgetRules";
import type { TableRule } from "../../../src/core/checks/rule";
import { detectHeaderlessTable, detectTables } from "../../../src/core/checks/tables";
import type { Finding, Severity } from "../../../src/core/findings";
import type { CellValue, SheetSnapshot } from "../../../src/core/sheetSnapshot";

export type Cell = CellValue | { f: string; v: CellValue; fmt?: string } | { v: CellValue; fmt: string };

export interface SheetCase {
  name: string;
  rows: Cell[][];
  options?: CheckOptions;
  merges?: SheetSnapshot["merges"];
}

export interface ExpectedFinding {
  cell: string;
  /** The whole message, or a pattern it must match. */
  message?: string | RegExp;
  severity?: Severity;
  suggestion?: string | RegExp;
  /** The fix's edits as "cell: formula or value"; [] for no fix. */
  fix?: string[];
  /** The fix's description, as the pane shows it beside the finding. */
  fixDescription?: string;
}

export interface InvalidCase extends SheetCase {
  findings: ExpectedFinding[];
}

export function sheet(rows: Cell[][], merges: SheetSnapshot["merges"] = []): SheetSnapshot {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const numberFormats: string[][] = [];
  let anyFormat = false;
  for (const r of rows) {
    const v: CellValue[] = [];
    const f: (string | null)[] = [];
    const n: string[] = [];
    for (let c = 0; c < width; c++) {
      const cell = c < r.length ? r[c] : null;
      if (cell !== null && typeof cell === "object") {
        v.push(cell.v);
        f.push("f" in cell ? cell.f : null);
        n.push(cell.fmt ?? "General");
        if (cell.fmt) anyFormat = true;
      } else {
        v.push(cell);
        f.push(null);
        n.push("General");
      }
    }
    values.push(v);
    formulas.push(f);
    numberFormats.push(n);
  }
  const snap: SheetSnapshot = { name: "Sheet1", origin: { row: 0, col: 0 }, values, formulas, merges };
  if (anyFormat) snap.numberFormats = numberFormats;
  return snap;
}

export function runRule(rule: TableRule, c: SheetCase): Finding[] {
  const snap = sheet(c.rows, c.merges);
  let tables = detectTables(snap);
  if (tables.length === 0) {
    const block = detectHeaderlessTable(snap);
    if (block) tables = [block];
  }
  return tables.flatMap((t) => runTableRule(rule, analyseTable(snap, t, c.options)));
}

function editText(e: NonNullable<Finding["fix"]>["edits"][number]): string {
  return `${e.cell}: ${e.kind === "formula" ? e.formula : String(e.value)}${e.kind === "number" && e.numberFormat ? ` (${e.numberFormat})` : ""}`;
}

export function ruleTester(rule: TableRule, cases: { valid: SheetCase[]; invalid: InvalidCase[] }): void {
  describe(`${rule.meta.id}`, () => {
    if (cases.valid.length) {
      it.each(cases.valid.map((c) => [c.name, c] as const))("valid: %s", (_name, c) => {
        expect(runRule(rule, c)).toEqual([]);
      });
    }
    it.each(cases.invalid.map((c) => [c.name, c] as const))("invalid: %s", (_name, c) => {
      const got = runRule(rule, c);
      expect(got.map((f) => f.cell)).toEqual(c.findings.map((f) => f.cell));
      got.forEach((f, i) => {
        const want = c.findings[i];
        expect(f.rule).toBe(rule.meta.id);
        expect(f.severity).toBe(want.severity ?? rule.meta.severity);
        if (typeof want.message === "string") expect(f.message).toBe(want.message);
        else if (want.message) expect(f.message).toMatch(want.message);
        if (typeof want.suggestion === "string") expect(f.suggestion).toBe(want.suggestion);
        else if (want.suggestion) expect(f.suggestion).toMatch(want.suggestion);
        if (want.fix) expect((f.fix?.edits ?? []).map(editText)).toEqual(want.fix);
        if (want.fixDescription !== undefined) expect(f.fix?.description).toBe(want.fixDescription);
      });
    });
  });
}
