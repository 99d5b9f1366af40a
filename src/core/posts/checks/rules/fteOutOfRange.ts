import { MAX_POST_FTE } from "../../fields/fte";
import { postName } from "../analysis";
import type { PostRule } from "../rule";

export const fteOutOfRange: PostRule<"fte-out-of-range"> = {
  meta: {
    id: "fte-out-of-range",
    title: "FTE out of range",
    severity: "error",
    alsoAs: [{ severity: "warning", when: "an FTE of 0: the post is not counted" }],
    appliesTo: ["post lists"],
    description: `An FTE below 0, or above 1 and up to ${MAX_POST_FTE}: one row is one post, from 0 to 1 FTE. Up to ${MAX_POST_FTE} is still costed as typed; above it is fte-looks-like-hours.`,
    bad: "| F010 | Director ICT | KR17 | 1.2 |",
    good: "| F010 | Director ICT | KR17 | 1 |",
  },
  check(a, report) {
    for (let i = 0; i < a.fte.length; i++) {
      const fte = a.fte[i];
      // NaN and infinities are fte-not-a-number's.
      // Above MAX_POST_FTE is fte-looks-like-hours'.
      if (!Number.isFinite(fte) || (fte >= 0 && fte <= 1 && fte !== 0) || fte > MAX_POST_FTE) continue;
      const p = a.posts[i];
      if (p.fte < 0 || p.fte > 1) {
        report(p, "fte", `The FTE of ${postName(p)} is ${p.fte}: FTE is from 0 to 1 for one post.`, p.fte > 1 ? "List each post on its own row, with an FTE of 1 or less." : "Type the FTE, from 0 to 1.");
      } else if (p.fte === 0) {
        report(p, "fte", `The FTE of ${postName(p)} is 0, so it is not counted as a post.`, "Type the post's FTE, or remove the row.", "warning");
      }
    }
  },
};
