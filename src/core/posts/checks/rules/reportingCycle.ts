import { postName } from "../analysis";
import type { PostRule } from "../rule";

export const reportingCycle: PostRule<"reporting-cycle"> = {
  meta: {
    id: "reporting-cycle",
    title: "Reporting line loops",
    severity: "error",
    appliesTo: ["post lists"],
    description: "Posts that report to each other in a loop (whatever their status), so none of them reaches the top of the structure. Flagged once, at the first post of the loop; spans and grades inside the loop are not checked.",
    bad: "F010 reports to F020, F020 reports to F010",
    good: "F010 reports to F001 (the top post), F020 reports to F010",
  },
  check(a, report) {
    for (const cycle of a.all.cycles) {
      const first = a.posts[cycle[0]];
      const chain = [...cycle, cycle[0]].map((i) => a.posts[i].id).join(" → ");
      report(first, "reportsTo", `Reporting cycle: ${chain}. These posts report to each other, so none of them reaches the top.`, `Correct who ${postName(first)} reports to.`);
    }
  },
};
