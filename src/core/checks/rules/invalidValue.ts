import { quote } from "../../words";
import { formatAmount } from "../amounts";
import { formulaEdit, type TableRule } from "../rule";

export const invalidValue: TableRule<"invalid-value"> = {
  meta: {
    id: "invalid-value",
    title: "Not a valid value",
    severity: "error",
    alsoAs: [{ severity: "warning", when: "a post list's postholders, effective date or similarity that does not read (it is ignored)" }],
    appliesTo: ["budget sheets", "post lists"],
    description:
      "A cell holds something other than the value its column needs: a note (\"tbc\", \"see note 3\") or TRUE where an amount or total should be, or a post list's date, postholders or similarity that does not read. Unlike a missing value, something is there, so the fix is to move the note to its own column.",
    bad: '| Property | £29,493,000 | tbc |',
    good: "| Property | £29,493,000 | £27,661,000 | with \"tbc\" in a notes column",
  },
  check(a, report) {
    for (const line of a.lineAmounts) {
      const header = a.header(line.column);
      for (const p of line.problems) {
        if (p.cell.kind !== "other") continue;
        const name = a.lineName(p.row);
        report(
          p.row,
          line.column.col,
          `${header}${name ? ` for ${quote(name)}` : ""} holds ${quote(p.cell.text)} instead of an amount, so the total leaves it out.`,
          `Replace it with the amount (0 if there is none) and put any note in a separate column.`,
        );
      }
    }
    for (const t of a.totals) {
      if (t.state.kind !== "typed-other") continue;
      report(
        t.total.row,
        t.column.col,
        `The ${t.what} of ${a.header(t.column)} holds ${quote(t.state.text)} instead of an amount; its lines add up to ${formatAmount(t.sums.numeric, t.column.unit)}.`,
        t.canonical ? `Enter the formula ${t.canonical}.` : `Enter the ${t.what}.`,
        t.canonical ? { description: `Put the formula ${t.canonical} in ${t.here}`, edits: [formulaEdit(a, t.total.row, t.column.col, t.canonical)] } : undefined,
      );
    }
  },
};
