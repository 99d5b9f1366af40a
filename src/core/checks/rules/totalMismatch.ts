import type { MoneyUnit } from "../../money";
import { tidy } from "../../money";
import { formatAmount } from "../amounts";
import { formulaEdit, type TableRule } from "../rule";

function differenceSentence(shown: number, expected: number, unit: MoneyUnit | null): string {
  const diff = tidy(shown - expected);
  // Stryker disable next-line EqualityOperator: equivalent: a total is reported only when it is not within half a penny of its lines, so diff is never 0 here.
  return `${formatAmount(Math.abs(diff), unit)} ${diff < 0 ? "less" : "more"} than its lines add up to (${formatAmount(expected, unit)})`;
}

/** A total that adds only the rows on show: SUBTOTAL(9 or 109, ...) or AGGREGATE(9, ...) skip filtered-out rows. */
const VISIBLE_ONLY_RE = /\b(?:SUBTOTAL\s*\(\s*(?:9|109)\s*,|AGGREGATE\s*\(\s*9\s*,)/i;

export const totalMismatch: TableRule<"total-mismatch"> = {
  meta: {
    id: "total-mismatch",
    title: "Total does not add up",
    severity: "error",
    alsoAs: [{ severity: "warning", when: "a SUBTOTAL or AGGREGATE total, which adds only the visible rows: the table may be filtered or have hidden rows" }],
    appliesTo: ["budget sheets", "savings sheets"],
    description:
      "A total or sub-total whose figure is not the sum of its lines (to half a penny): a typed total that was not updated, or a formula whose cached value is stale or adds the wrong cells. A total placed above its lines (a sub-total heading its group, or a grand total at the top of the table) is checked against the lines below it. Not reported when a line or sub-total it depends on is itself faulty (that is reported instead), nor when a line shows an error value, nor for a typed total that is its lines' sum rounded as its own number format shows it (decimals hidden in a £000 column: total-hardcoded still asks for the formula, which shows the same figure).",
    bad: "| Libraries | 16,792,000 | Property | 29,493,000 | Total | 46,000,000 |",
    good: "| Libraries | 16,792,000 | Property | 29,493,000 | Total | =SUM(B2:B3) → 46,285,000 |",
  },
  check(a, report) {
    for (const t of a.totals) {
      const s = t.state;
      if (t.cell.kind !== "number" && t.cell.kind !== "text") continue;
      const value = t.cell.value;
      if (s.kind === "formula" && s.checkable && !s.matches && VISIBLE_ONLY_RE.test(s.formula)) {
        report(
          t.total.row,
          t.column.col,
          `The ${t.what} ${formatAmount(value, t.column.unit)} in ${t.here} is ${differenceSentence(value, t.sums.numeric, t.column.unit)}, but its formula ${s.formula} adds only the visible rows (is the table filtered or are rows hidden?).`,
          `If rows are filtered out or hidden, the figure is right for the rows shown: clear the filter or unhide the rows before the sheet goes to members. If none are, recalculate the workbook (F9).`,
          undefined,
          "warning",
        );
      } else if (s.kind === "formula" && s.checkable && !s.matches) {
        report(
          t.total.row,
          t.column.col,
          `The ${t.what} ${formatAmount(value, t.column.unit)} in ${t.here} is ${differenceSentence(value, t.sums.numeric, t.column.unit)}.`,
          s.parsed
            ? `Recalculate the workbook (F9); if the figure stays wrong, check the lines the formula adds.`
            : `Check the formula ${s.formula}: a total should add up its lines${t.canonical ? `, as ${t.canonical} does` : ""}.`,
        );
      } else if (s.kind === "typed" && s.checkable && !s.matches) {
        report(
          t.total.row,
          t.column.col,
          `The ${t.what} ${formatAmount(value, t.column.unit)} in ${t.here} is ${differenceSentence(value, t.sums.all, t.column.unit)}.`,
          t.canonical ? `Replace the typed figure with ${t.canonical} so it always matches its lines.` : `Correct the ${t.what}.`,
          t.canonical ? { description: `Replace the typed ${t.what} in ${t.here} with ${t.canonical}`, edits: [formulaEdit(a, t.total.row, t.column.col, t.canonical)] } : undefined,
        );
      }
    }
  },
};
