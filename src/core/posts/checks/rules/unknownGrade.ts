import { GRADE_BLANK, postName } from "../analysis";
import type { PostRule } from "../rule";

export const unknownGrade: PostRule<"unknown-grade"> = {
  meta: {
    id: "unknown-grade",
    title: "Unknown grade",
    severity: "error",
    appliesTo: ["post lists"],
    description:
      "A grade that is not in the grade table in use (the sample Kent Range, or the council's own table) for the year checked: the post cannot be costed. Spacing and case are forgiven (\"kr 17\" is KR17).",
    bad: "| F010 | Director ICT | KR71 | 1 |",
    good: "| F010 | Director ICT | KR17 | 1 |",
  },
  check(a, report) {
    for (let i = 0; i < a.flags.length; i++) {
      if ((a.flags[i] & GRADE_BLANK) !== 0 || !Number.isNaN(a.rankAt[i])) continue;
      const p = a.posts[i];
      report(p, "grade", `Grade "${p.grade}" of ${postName(p)} is not in the grade table in use (${a.table.label}).`, "Correct the grade, or use the council's own grade table.");
    }
  },
};
