import type { Post } from "../../postList";
import { DELETED, NEW, nearMissPost, postName, REPLACES } from "../analysis";
import type { PostRule } from "../rule";

/**
 * The Replaces column (../../fields/replaces.ts) names, on a new post, the deleted posts it replaces; slotting
 * (../../impact.ts) offers the new post only those of them that are deleted posts of its grade. This rule says
 * which names will not be: IDs not in the list, posts not deleted, posts of another grade, and names typed on a
 * post that is not new (not read at all). One finding per cell, naming every problem in it.
 */
export const replacesInvalid: PostRule<"replaces-invalid"> = {
  meta: {
    id: "replaces-invalid",
    title: "Replaced post not a deleted post",
    severity: "warning",
    alsoAs: [{ severity: "info", when: "a new post whose named posts are all deleted, one or more of another grade (a regrading, which slotting does not cover)" }],
    appliesTo: ["post lists"],
    description:
      'On a new post, the Replaces column ("Replaces", "Matched to", "Slotted from", "Old post ID") names the deleted posts it replaces: HR\'s job-matching, which slotting follows, offering the new post only those. A name that is not a post ID in the list (the finding names the post probably meant, such as 00123 typed as the number 123) or a post that is not deleted is left out of the new post\'s slotting, and the impact sheet says so; the postholder of a post of another grade cannot be slotted into it either. IDs typed on a post that is not new are not read at all.',
    bad: "| 00202 | Head of Libraries and Culture | KR12 | new | Replaces: 00999 |",
    good: "| 00202 | Head of Libraries and Culture | KR12 | new | Replaces: 00123 | with 00123 a deleted KR12 post",
  },
  check(a, report) {
    const index = a.all.index;
    const near = nearMissPost(a);
    for (let i = 0; i < a.flags.length; i++) {
      const f = a.flags[i];
      if ((f & REPLACES) === 0) continue;
      const p = a.posts[i];
      const ids = p.replaces as string[];
      if ((f & NEW) === 0) {
        report(
          p,
          "replaces",
          `${postName(p)} is not a new post, so the posts it names as replaced (${ids.join(", ")}) are not read: the Replaces column is read on new posts only.`,
          "Type the IDs on the row of the new post that replaces them, or clear the cell.",
        );
        continue;
      }
      const wrong: string[] = [];
      const otherGrade: string[] = [];
      for (const id of ids) {
        const at = index.get(id);
        if (at === undefined) {
          const m = near(id);
          const hint =
            m === null
              ? ""
              : m.by === "number"
                ? ` (did you mean post ${m.post.id}?)`
                : m.by === "case"
                  ? ` (did you mean post ${m.post.id}? Post IDs are matched exactly, capitals included)`
                  : ` ("${id}" is the title of post ${m.post.id}: give its post ID)`;
          wrong.push(`${id} is not a post ID in the list${hint}`);
          continue;
        }
        const q: Post = a.posts[at];
        if ((a.flags[at] & DELETED) === 0) wrong.push(`${postName(q)} is not deleted`);
        else if (q.grade !== "" && p.grade !== "" && q.grade !== p.grade) otherGrade.push(`${postName(q)} is ${q.grade}, not ${p.grade}`);
      }
      if (wrong.length > 0) {
        report(
          p,
          "replaces",
          `${postName(p)} names as replaced posts that slotting cannot offer it: ${[...wrong, ...otherGrade].join("; ")}. They are left out of its slotting.`,
          "Give the post IDs of the deleted posts matched to this new post.",
        );
      } else if (otherGrade.length > 0) {
        report(
          p,
          "replaces",
          `${postName(p)} names as replaced a post of another grade: ${otherGrade.join("; ")}. Its postholder cannot be slotted into the new post (the grade differs); the new post is ring-fenced to unslotted staff.`,
          "Nothing to do if that is the matching; otherwise correct the post ID.",
          "info",
        );
      }
    }
  },
};
