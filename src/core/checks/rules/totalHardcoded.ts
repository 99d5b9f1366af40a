import { formulaEdit, type TableRule } from "../rule";

export const totalHardcoded: TableRule<"total-hardcoded"> = {
  meta: {
    id: "total-hardcoded",
    title: "Total typed as a number",
    severity: "warning",
    appliesTo: ["budget sheets"],
    description:
      "A total or sub-total typed as a number instead of a formula: even when it is right today it will not change when a line changes, which is how totals that do not add up reach members. The fix puts in the SUM of its lines.",
    bad: "| Total | 79,603,000 | (typed)",
    good: "| Total | =SUM(C2:C5) |",
  },
  check(a, report) {
    for (const t of a.totals) {
      if (t.state.kind !== "typed") continue;
      report(
        t.total.row,
        t.column.col,
        `The ${t.what} of ${a.header(t.column)} in ${t.here} is typed as a number, so it will not change when a line changes.`,
        t.canonical ? `Use the formula ${t.canonical}.` : `Use a SUM formula over its lines.`,
        t.canonical ? { description: `Replace the typed ${t.what} in ${t.here} with ${t.canonical}`, edits: [formulaEdit(a, t.total.row, t.column.col, t.canonical)] } : undefined,
      );
    }
  },
};
