import { ID_BLANK, postName } from "../analysis";
import type { PostRule } from "../rule";

export const missingPostId: PostRule<"missing-post-id"> = {
  meta: {
    id: "missing-post-id",
    title: "Post has no id",
    severity: "error",
    appliesTo: ["post lists"],
    description: "A post without a post id (whatever its status): no other post can report to it, and the before/after comparison cannot follow it.",
    bad: "| (blank) | Director ICT | KR17 | 1 | F001 |",
    good: "| F010 | Director ICT | KR17 | 1 | F001 |",
  },
  check(a, report) {
    for (let i = 0; i < a.flags.length; i++) {
      if ((a.flags[i] & ID_BLANK) === 0) continue;
      const p = a.posts[i];
      report(p, "id", `${postName(p)} has no post ID: every post needs its own ID so others can report to it.`, "Give the post a unique post ID.");
    }
  },
};
