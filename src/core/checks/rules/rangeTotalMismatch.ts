import { rangeText } from "../../savingsRanges";
import { tidy } from "../../money";
import { sameAmount } from "../amounts";
import { countedRange, describeRange } from "../analysis";
import type { TableRule } from "../rule";

export const rangeTotalMismatch: TableRule<"range-total-mismatch"> = {
  meta: {
    id: "range-total-mismatch",
    title: "Savings total does not add up",
    severity: "error",
    appliesTo: ["savings sheets"],
    description:
      "A savings total range that is not the sum of the ranges above it, low figure to low figures and high to high (in the column's unit, so \"£180m-£220m\" matches 180-220 in a £m column). A range written high figure first (\"65-55\") counts the right way round (55-65) and is still reported as unreadable. When a line cannot be read at all, the total cannot be verified: a warning says so and gives the sum of the lines that can be read.",
    bad: "| Market engagement activity | 15-20 | Commissioning & procurement activity | 15-20 | Total | 30-45 |",
    good: "| … | Total | 30-40 |",
  },
  check(a, report) {
    for (const rc of a.rangeColumns) {
      const unit = rc.unit;
      const c = rc.column.col;
      for (const x of rc.totals) {
        const { got, expected } = x;
        if (x.read.kind !== "range" || !got) continue;
        if (!expected) {
          if (x.unreadable.length === 0) continue;
          const cells = x.unreadable.map((r) => a.addr(r, c));
          const which = cells.length === 1 ? `${cells[0]} cannot be read` : `${cells.length} lines cannot be read (${cells.join(", ")})`;
          const readable = x.readable
            ? ` The ranges that can be read add up to ${describeRange(x.readable.low, x.readable.high, unit)}.`
            : ` None of the ranges ${x.linesAre} it can be read.`;
          report(
            x.total.row,
            c,
            `The savings total ${describeRange(got.low, got.high, unit)} in ${x.here} cannot be verified: ${which}.${readable}`,
            `Write ${cells.length === 1 ? "that line" : "those lines"} as low-high ranges so the total can be checked.`,
            undefined,
            "warning",
          );
          continue;
        }
        if (sameAmount(got.low, expected.low) && sameAmount(got.high, expected.high)) continue;
        const text = rangeText(expected.low, expected.high, x.read.range.unit === null ? null : unit);
        const lowDiff = tidy(got.low - expected.low);
        const highDiff = tidy(got.high - expected.high);
        const diffs: string[] = [];
        if (!sameAmount(lowDiff, 0)) diffs.push(`the low figure is ${describeRange(Math.abs(lowDiff), Math.abs(lowDiff), unit)} ${lowDiff > 0 ? "too high" : "too low"}`);
        if (!sameAmount(highDiff, 0)) diffs.push(`the high figure is ${describeRange(Math.abs(highDiff), Math.abs(highDiff), unit)} ${highDiff > 0 ? "too high" : "too low"}`);
        const reads = x.reversed.length ? new Map(rc.lines.map((l) => [l.row, l.read])) : null;
        const reversed = x.reversed.map((r) => {
          const read = reads?.get(r);
          const range = read ? countedRange(read) : null;
          const written = String(a.valueAt(r, c) ?? "").trim();
          return range ? `${written} in ${a.addr(r, c)} as ${rangeText(range.low, range.high, range.unit)}` : a.addr(r, c);
        });
        const reading = reversed.length ? ` (reading ${reversed.join(", ")})` : "";
        report(
          x.total.row,
          c,
          `The savings total ${describeRange(got.low, got.high, unit)} in ${x.here} is not the sum of the ranges ${x.linesAre} it, which add up to ${describeRange(expected.low, expected.high, unit)}${reading}: ${diffs.join(" and ")}.`,
          `Correct the total to ${text} (or check the ranges ${x.linesAre} it).`,
          x.hasFormula ? undefined : { description: `Write ${text} in ${x.here}`, edits: [{ sheet: a.snap.name, cell: x.here, kind: "text", value: text }] },
        );
      }
    }
  },
};
