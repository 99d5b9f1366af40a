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
      for (let i = 0; i < h.posts.length; i++) {
        const m = h.parent[i];
        if (h.inCycle[i] === 1 || m < 0) continue;
        // NaN (a blank or unknown grade) on either side is not compared.
        if (!(a.rankAt[s.whole[i]] > a.rankAt[s.whole[m]])) continue;
        const p = h.posts[i];
        report(p, "grade", `${postName(p)} is graded ${p.grade}, above ${postName(h.posts[m])} (graded ${h.posts[m].grade}), the post it reports to${s.where}.`, "Check the grades and the reporting line.");
      }
    }
  },
};
