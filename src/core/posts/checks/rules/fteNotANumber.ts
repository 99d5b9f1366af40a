import { postName } from "../analysis";
import type { PostRule } from "../rule";

export const fteNotANumber: PostRule<"fte-not-a-number"> = {
  meta: {
    id: "fte-not-a-number",
    title: "FTE is not a number",
    severity: "error",
    appliesTo: ["post lists"],
    description:
      "An FTE that is not a number (\"full time\", \"half\", TRUE): the post is counted as 1.00 FTE, which may not be what was meant. An FTE typed as a readable number in text (\"0.5\", \"0.5 FTE\", or a percentage of full time, \"50%\") is read as that FTE and reported as number-as-text instead.",
    bad: '| F010 | Director ICT | KR17 | full time |',
    good: "| F010 | Director ICT | KR17 | 1 |",
  },
  check(a, report) {
    for (let i = 0; i < a.fte.length; i++) {
      if (Number.isFinite(a.fte[i])) continue;
      const p = a.posts[i];
      report(p, "fte", `The FTE of ${postName(p)} is not a number.`, "Type the FTE as a number from 0 to 1.");
    }
  },
};
