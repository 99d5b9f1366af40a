import { rangeGap, rangeText } from "../../savingsRanges";
import { sameAmount } from "../amounts";
import { describeRange } from "../analysis";
import type { TableRule } from "../rule";

export const gapMismatch: TableRule<"gap-mismatch"> = {
  meta: {
    id: "gap-mismatch",
    title: "Stated shortfall does not match",
    severity: "warning",
    appliesTo: ["savings sheets"],
    description:
      "A row beside the savings requirement that states the gap (\"Shortfall\", \"Savings gap\", \"Surplus\") with a figure or range that is not the requirement less the savings total (for a surplus, the total less the requirement), taken from the sum of the lines as requirement-gap is. A single figure may give either end of the range (the paper's \"a shortfall of around £21m\" at the top of the range); a shortfall stated from nil where the top of the range meets the requirement is accepted too.",
    bad: "| Total | 180-220 | Savings requirement | 241 | Shortfall | 20-61 |",
    good: "| Total | 180-220 | Savings requirement | 241 | Shortfall | 21-61 |",
  },
  check(a, report) {
    const req = a.requirement;
    if (!req || req.unreadable.length > 0) return;
    const gap = rangeGap(req.value, req.total);
    const unit = req.unit;
    for (const g of req.statedGaps) {
      // The gap as the row's kind states it: a shortfall is requirement less savings, a surplus the other way.
      const low = g.kind === "shortfall" ? gap.low : -gap.high;
      const high = g.kind === "shortfall" ? gap.high : -gap.low;
      const { low: sLow, high: sHigh } = g.range;
      const single = sameAmount(sLow, sHigh);
      const fits = single
        ? sameAmount(sLow, low) || sameAmount(sLow, high)
        : sameAmount(sHigh, high) && (sameAmount(sLow, low) || (low < 0 && sameAmount(sLow, 0)));
      if (fits) continue;
      const what = g.kind === "shortfall" ? "shortfall" : "surplus";
      const how = g.kind === "shortfall" ? "the requirement less the savings total" : "the savings total less the requirement";
      const sum = `${describeRange(req.value, req.value, unit)} against ${describeRange(req.total.low, req.total.high, unit)}`;
      report(
        g.row,
        g.col,
        `The ${what} stated in ${a.addr(g.row, g.col)} (${describeRange(sLow, sHigh, unit)}) is not ${how}: ${sum} gives ${describeRange(low, high, unit)}.`,
        `Correct ${a.addr(g.row, g.col)} to ${rangeText(low, high)}, or work it out with a formula from the requirement and the total so it stays right.`,
      );
    }
  },
};
