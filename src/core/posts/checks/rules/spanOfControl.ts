import { plural } from "../../../words";
import { postName } from "../analysis";
import type { PostRule } from "../rule";

export const spanOfControl: PostRule<"span-of-control"> = {
  meta: {
    id: "span-of-control",
    title: "Span of control",
    severity: "warning",
    appliesTo: ["post lists"],
    description:
      "A manager whose number of direct reports is outside the span of control (default 2 to 10, a setting): one report suggests a tier that may not be needed; many suggest another tier. Posts with no reports are not managers and are not flagged.",
    bad: "A director with 1 direct report, or with 12",
    good: "A director with 4 direct reports",
  },
  check(a, report) {
    const { min, max } = a.span;
    for (const s of a.structures) {
      const h = s.hierarchy;
      const { inCycle, childStart } = h;
      for (let i = 0; i < inCycle.length; i++) {
        const n = childStart[i + 1] - childStart[i];
        if (n === 0 || (n >= min && n <= max) || inCycle[i] === 1) continue;
        report(h.posts[i], "title", `${postName(h.posts[i])} has ${plural(n, "direct report")}${s.where}, outside the span of control of ${min} to ${max}.`, n < min ? "Consider whether this tier of management is needed." : "Consider another tier or spreading the reports.");
      }
    }
  },
};
