import { rangeText } from "../../savingsRanges";
import { quote } from "../../words";
import { formatAmount } from "../amounts";
import { describeRange } from "../analysis";
import { formulaEdit, type TableRule } from "../rule";

export const missingValue: TableRule<"missing-value"> = {
  meta: {
    id: "missing-value",
    title: "Missing value",
    severity: "error",
    alsoAs: [
      { severity: "warning", when: "a post list's blank title or blank FTE (the post is still read, its FTE as 1)" },
      { severity: "warning", when: "a name with no amount between lines of a one-amount table: a heading, or a line missing its amount" },
    ],
    appliesTo: ["budget sheets", "savings sheets", "post lists"],
    description:
      "A cell that should hold a value is empty: an amount on a line whose column is filled in elsewhere, a total whose lines add up to something, a savings range, or a post's title or FTE. A total of the column leaves the blank out without saying so. A column left entirely blank is not flagged (it is not filled in yet), nor is a cell under a merged area.",
    bad: "| Property | £29,493,000 | (blank) | with the net budget filled in on every other line",
    good: "| Property | £29,493,000 | £27,661,000 | (or 0 if there is none)",
  },
  check(a, report) {
    // Names without an amount that may be headings rather than lines (see tables.ts, pass 1b).
    const maybeHeading = new Set<number>();
    for (let i = 0; i < a.table.rows.length; i++) if (a.table.rows[i].maybeHeading) maybeHeading.add(a.table.rows[i].row);
    for (const line of a.lineAmounts) {
      const header = a.header(line.column);
      for (const p of line.problems) {
        if (p.cell.kind !== "blank") continue;
        const name = a.lineName(p.row);
        if (maybeHeading.has(p.row)) {
          report(
            p.row,
            line.column.col,
            `${name ? quote(name) : `Row ${a.rowNumber(p.row)}`} has no ${header}: a heading, or a line missing its amount?`,
            `If it is a line, enter the amount in ${a.addr(p.row, line.column.col)} (0 if there is none); if it is a heading, merge it across the table so it reads as one.`,
            undefined,
            "warning",
          );
          continue;
        }
        report(
          p.row,
          line.column.col,
          `${header} is empty${name ? ` for ${quote(name)}` : ` on row ${a.rowNumber(p.row)}`}, so the total is short of it.`,
          `Enter the amount in ${a.addr(p.row, line.column.col)} (0 if there is none).`,
        );
      }
    }
    for (const t of a.totals) {
      if (t.state.kind !== "blank") continue;
      report(
        t.total.row,
        t.column.col,
        `The ${t.what} of ${a.header(t.column)} is empty; its lines add up to ${formatAmount(t.sums.numeric, t.column.unit)}.`,
        t.canonical ? `Enter the formula ${t.canonical}.` : `Enter the ${t.what}.`,
        t.canonical ? { description: `Put the formula ${t.canonical} in ${t.here}`, edits: [formulaEdit(a, t.total.row, t.column.col, t.canonical)] } : undefined,
      );
    }
    for (const rc of a.rangeColumns) {
      const header = a.header(rc.column);
      for (const x of rc.lines) {
        if (x.read.kind !== "blank" || !rc.anyValue || a.isCovered(x.row, rc.column.col)) continue;
        const name = a.lineName(x.row);
        report(
          x.row,
          rc.column.col,
          `${header} is empty${name ? ` for ${quote(name)}` : ` on row ${a.rowNumber(x.row)}`}, so the savings total cannot include it.`,
          `Enter the range (for example 15-20), or 0 if the stream saves nothing.`,
        );
      }
      for (const x of rc.totals) {
        if (x.read.kind !== "blank" || !x.expected) continue;
        const text = rangeText(x.expected.low, x.expected.high, null);
        report(
          x.total.row,
          rc.column.col,
          `The savings total is empty; the ranges ${x.linesAre} it add up to ${describeRange(x.expected.low, x.expected.high, rc.unit)}.`,
          `Enter ${text} in ${x.here}.`,
          x.hasFormula ? undefined : { description: `Write ${text} in ${x.here}`, edits: [{ sheet: a.snap.name, cell: x.here, kind: "text", value: text }] },
        );
      }
    }
  },
};
