import { DEFAULT_FULL_TIME_HOURS, MAX_POST_FTE, MAX_WEEKLY_HOURS } from "../../fields/fte";
import { postName } from "../analysis";
import type { PostRule } from "../rule";

/** The full-time week used to show what hours typed as FTE would be: the reader's default (../../fields/fte.ts). */
const EXAMPLE_WEEK = DEFAULT_FULL_TIME_HOURS;

export const fteLooksLikeHours: PostRule<"fte-looks-like-hours"> = {
  meta: {
    id: "fte-looks-like-hours",
    title: "FTE looks like hours",
    severity: "error",
    appliesTo: ["post lists"],
    description: `An FTE above ${MAX_POST_FTE}: one row is one post, at most 1 FTE, so the number is most likely weekly hours typed in the FTE column (37, 18.5), or several posts on one row. The restructure impact leaves the row out of its costs (with a note) rather than costing 37 hours as 37 posts.`,
    bad: "| F010 | Admin Officer | KR6 | 37 |",
    good: "| F010 | Admin Officer | KR6 | 1 |",
  },
  check(a, report) {
    for (let i = 0; i < a.fte.length; i++) {
      const fte = a.fte[i];
      // NaN and infinities are fte-not-a-number's; 1 to 1.5 is fte-out-of-range's.
      if (!Number.isFinite(fte) || fte <= MAX_POST_FTE) continue;
      const p = a.posts[i];
      const hours = fte <= MAX_WEEKLY_HOURS ? ` (${fte} hours is ${(fte / EXAMPLE_WEEK).toFixed(2)} FTE of a ${EXAMPLE_WEEK}-hour week)` : "";
      report(
        p,
        "fte",
        `The FTE of ${postName(p)} is ${fte}, more than one post's (at most 1 FTE): it looks like weekly hours${hours} or several posts on one row. It is left out of the restructure impact's costs.`,
        "Type the FTE (weekly hours divided by the full-time hours), or list each post on its own row (a job-share is two posts).",
      );
    }
  },
};
