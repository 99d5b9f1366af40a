import { rangeText } from "../../savingsRanges";
import { tidy } from "../../money";
import { sameAmount } from "../amounts";
import { describeRange } from "../analysis";
import type { TableRule } from "../rule";

export const rangeTotalMismatch: TableRule<"range-total-mismatch"> = {
  meta: {
    id: "range-total-mismatch",
    title: "Savings total does not add up",
    severity: "error",
    appliesTo: ["savings sheets"],
    description:
      "A savings total range that is not the sum of the ranges above it, low figure to low figures and high to high (in the column's unit, so \"£180m-£220m\" matches 180-220 in a £m column). Only checked when every line holds a readable range.",
    bad: "| Market engagement activity | 15-20 | Commissioning & procurement activity | 15-20 | Total | 30-45 |",
    good: "| … | Total | 30-40 |",
  },
  check(a, report) {
    for (const rc of a.rangeColumns) {
      const unit = rc.unit;
      for (const x of rc.totals) {
        const { got, expected } = x;
        if (x.read.kind !== "range" || !got || !expected) continue;
        if (sameAmount(got.low, expected.low) && sameAmount(got.high, expected.high)) continue;
        const text = rangeText(expected.low, expected.high, x.read.range.unit === null ? null : unit);
        const lowDiff = tidy(got.low - expected.low);
        const highDiff = tidy(got.high - expected.high);
        const diffs: string[] = [];
        if (!sameAmount(lowDiff, 0)) diffs.push(`the low figure is ${describeRange(Math.abs(lowDiff), Math.abs(lowDiff), unit)} ${lowDiff > 0 ? "too high" : "too low"}`);
        if (!sameAmount(highDiff, 0)) diffs.push(`the high figure is ${describeRange(Math.abs(highDiff), Math.abs(highDiff), unit)} ${highDiff > 0 ? "too high" : "too low"}`);
        report(
          x.total.row,
          rc.column.col,
          `The savings total ${describeRange(got.low, got.high, unit)} in ${x.here} is not the sum of the ranges above it, which add up to ${describeRange(expected.low, expected.high, unit)}: ${diffs.join(" and ")}.`,
          `Correct the total to ${text} (or check the ranges above it).`,
          x.hasFormula ? undefined : { description: `Write ${text} in ${x.here}`, edits: [{ sheet: a.snap.name, cell: x.here, kind: "text", value: text }] },
        );
      }
    }
  },
};
