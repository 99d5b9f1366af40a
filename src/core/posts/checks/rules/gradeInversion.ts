import { postName } from "../analysis";
import type { PostRule } from "../rule";

export const gradeInversion: PostRule<"grade-inversion"> = {
  meta: {
    id: "grade-inversion",
    title: "Grade above manager's",
    severity: "warning",
    appliesTo: ["post lists"],
    description: "A post graded above the post it reports to (by the grade table's order), in a structure checked: usually a grade or a reporting line typed wrong. Posts with a blank or unknown grade are not compared.",
    bad: "F020 Head of Policy (KR18) reports to F010 Director (KR17)",
    good: "F020 Head of Policy (KR16) reports to F010 Director (KR17)",
  },
  check(a, report) {
    for (const s of a.structures) {
      const h = s.hierarchy;
      const { parent, inCycle } = h;
      const { whole } = s;
      const { rankAt } = a;
      for (let i = 0; i < parent.length; i++) {
        const m = parent[i];
        if (m < 0 || inCycle[i] === 1) continue;
        // NaN (a blank or unknown grade) on either side is not compared.
        if (!(rankAt[whole[i]] > rankAt[whole[m]])) continue;
        const p = h.posts[i];
        report(p, "grade", `${postName(p)} is graded ${p.grade}, above ${postName(h.posts[m])} (graded ${h.posts[m].grade}), the post it reports to${s.where}.`, "Check the grades and the reporting line.");
      }
    }
  },
};
