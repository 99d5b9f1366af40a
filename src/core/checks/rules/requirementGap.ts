import { rangeGap } from "../../savingsRanges";
import { sameAmount } from "../amounts";
import { describeRange } from "../analysis";
import type { TableRule } from "../rule";

export const requirementGap: TableRule<"requirement-gap"> = {
  meta: {
    id: "requirement-gap",
    title: "Gap to savings requirement",
    severity: "info",
    appliesTo: ["savings sheets"],
    description:
      "Where a savings table has a savings requirement beside it, how the savings total compares: a shortfall at both ends of the range, a shortfall only at the bottom, or savings to spare. It uses the sum of the lines (a range written high figure first counted the right way round), and names the written total where that differs; when some lines cannot be read, the sum of the lines that can be read, saying which are left out. Information, not a fault: it is the sentence the paper needs.",
    bad: "| Total | 180-220 | Savings requirement | 241 | → a shortfall of £21m to £61m",
    good: "A total that meets the requirement: \"… meets the requirement of £241m even at the bottom of the range, with £39m to £79m to spare.\"",
  },
  check(a, report) {
    const req = a.requirement;
    if (!req) return;
    const { total, unit } = req;
    const gap = rangeGap(req.value, total);
    const totalText = describeRange(total.low, total.high, unit);
    const reqText = describeRange(req.value, req.value, unit);
    const stated = req.stated ? `${req.stated.at} states ${describeRange(req.stated.range.low, req.stated.range.high, unit)}` : "";
    let subject: string;
    if (req.unreadable.length > 0) {
      const which = req.unreadable.length === 1 ? `${req.unreadable[0]} cannot be read` : `${req.unreadable.join(", ")} cannot be read`;
      subject = `the savings total of the lines that can be read, ${totalText} (${which}${stated ? `; ${stated}` : ""}),`;
    } else if (stated) {
      subject = `the savings total of ${totalText} (the sum of the lines; ${stated})`;
    } else {
      subject = `the savings total of ${totalText}`;
    }
    const Subject = subject.charAt(0).toUpperCase() + subject.slice(1);
    let message: string;
    if (gap.high <= 0 && !sameAmount(gap.high, 0)) {
      message = `${Subject} meets the requirement of ${reqText} even at the bottom of the range, with ${describeRange(-gap.high, -gap.low, unit)} to spare.`;
    } else if (gap.low >= 0 || sameAmount(gap.low, 0)) {
      message = `Against the requirement of ${reqText}, ${subject} leaves a shortfall of ${describeRange(Math.max(0, gap.low), gap.high, unit)}.`;
    } else {
      message = `${Subject} meets the requirement of ${reqText} only towards the top of the range: a shortfall of up to ${describeRange(gap.high, gap.high, unit)} at the bottom, ${describeRange(-gap.low, -gap.low, unit)} to spare at the top.`;
    }
    report(req.row, req.col, message, gap.low > 0 ? `Identify further savings of at least ${describeRange(gap.low, gap.low, unit)} to meet the requirement.` : undefined);
  },
};
