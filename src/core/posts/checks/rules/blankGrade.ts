import { GRADE_BLANK, postName } from "../analysis";
import type { PostRule } from "../rule";

export const blankGrade: PostRule<"blank-grade"> = {
  meta: {
    id: "blank-grade",
    title: "Post has no grade",
    severity: "error",
    appliesTo: ["post lists"],
    description: "A post with no grade: it cannot be costed, and the grade checks (grade-inversion) skip it.",
    bad: "| F010 | Director ICT | (blank) | 1 |",
    good: "| F010 | Director ICT | KR17 | 1 |",
  },
  check(a, report) {
    for (let i = 0; i < a.flags.length; i++) {
      if ((a.flags[i] & GRADE_BLANK) === 0) continue;
      const p = a.posts[i];
      report(p, "grade", `${postName(p)} has no grade.`, `Choose a grade from ${a.table.label}.`);
    }
  },
};
