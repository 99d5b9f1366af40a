import type { CellEdit } from "../../findings";
import { quote } from "../../words";
import type { AmountCell } from "../amounts";
import { formatAmount, formatPlain, textAmountNumberFormat } from "../amounts";
import type { TableAnalysis } from "../analysis";
import type { Report, TableRule } from "../rule";
import type { AmountColumn } from "../tables";

function flag(a: TableAnalysis, report: Report, r: number, col: AmountColumn, cell: Extract<AmountCell, { kind: "text" }>, partOf: string): void {
  const c = col.col;
  const fmt = textAmountNumberFormat(cell.text, col.unit);
  const shown = formatAmount(cell.value, col.unit);
  // "500k" in a £m column: a number format cannot show 0.5 as "500k", so it shows 0.5m, the same amount.
  const smallerUnit = cell.parsed.unit === "£000" && col.unit === "£m";
  const edit: CellEdit = { sheet: a.snap.name, cell: a.addr(r, c), kind: "number", value: cell.value, numberFormat: fmt };
  report(
    r,
    c,
    `${a.addr(r, c)} holds ${quote(cell.text)} as text, so ${partOf} leaves it out. As a number it is ${formatPlain(cell.value)}${col.unit && col.unit !== "£" ? ` (${shown})` : ""}.`,
    `Store it as the number ${formatPlain(cell.value)} with the number format ${fmt} so it ${smallerUnit ? `shows the same amount in ${col.unit ?? "£"}` : "shows as before"}.`,
    { description: `Store ${quote(cell.text.trim())} as the number ${formatPlain(cell.value)} (number format ${fmt})`, edits: [edit] },
  );
}

export const numberAsText: TableRule<"number-as-text"> = {
  meta: {
    id: "number-as-text",
    title: "Amount stored as text",
    severity: "error",
    alsoAs: [{ severity: "warning", when: "an FTE in a post list typed as text: the list reads it, but Excel's sums do not" }],
    appliesTo: ["budget sheets", "post lists"],
    description:
      "An amount typed or pasted as text (\"£15,125,000\", \"1.2m\"): it looks like a number but SUM leaves it out, so the total is short. The fix stores the number with a number format that shows it as before.",
    bad: 'C4 holds the text "£15,125,000"; =SUM(C2:C5) leaves it out.',
    good: 'C4 holds the number 15125000 formatted "£"#,##0.',
  },
  check(a, report) {
    for (const line of a.lineAmounts) {
      for (const p of line.problems) if (p.cell.kind === "text") flag(a, report, p.row, line.column, p.cell, "the total");
    }
    for (const t of a.totals) {
      if (t.state.kind === "typed" && t.cell.kind === "text") flag(a, report, t.total.row, t.column, t.cell, `the ${t.what}`);
    }
  },
};
