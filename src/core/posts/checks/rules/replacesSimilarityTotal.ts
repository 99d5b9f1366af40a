import { similarityFraction, similarityPercent } from "../../../slotting";
import type { Post } from "../../postList";
import { DELETED, NEW, postName, REPLACES } from "../analysis";
import type { PostRule } from "../rule";
import { fteText } from "../../../words";

/**
 * A post's similarity as a fraction, as slotting reads it (80 set in code is 0.8); undefined when none, or out of
 * range (slotting refuses it; the reader never gives one).
 */
function share(p: Post): number | undefined {
  const s = p.similarity;
  return s === undefined || !(s >= 0 && s <= 100) ? undefined : similarityFraction(s);
}

/**
 * A deleted post that two or more new posts name as replaced (a job split between new jobs), whose similarities
 * put more of its work into them than it had. A similarity is the share of the new job that is the old job's
 * work, so the new posts' similarities times their FTEs add up to at most the old post's FTE: a 1 FTE post split
 * into two 1 FTE posts at 80% each would have to have been 1.6 FTE of work. Only similarities typed on the new
 * posts count (those of the pairs); new posts without one are left out of the sum.
 */
export const replacesSimilarityTotal: PostRule<"replaces-similarity-total"> = {
  meta: {
    id: "replaces-similarity-total",
    title: "Replaced post's work counted more than once",
    severity: "warning",
    appliesTo: ["post lists"],
    description:
      "A deleted post named as replaced by two or more new posts whose similarities add up to more of its work than it had: each similarity is the share of the new job that is the old job's work, so the similarities times the new posts' FTEs come to at most the old post's FTE. At 80% each, slotting would find the old postholder at least 75% the same work as two jobs at once. Each new post that names it is flagged at its similarity.",
    bad: "| D1 | Head of Libraries | deleted | 1 FTE | … | N1 | Replaces D1 | 80% | N2 | Replaces D1 | 80% |",
    good: "| N1 | Replaces D1 | 50% | N2 | Replaces D1 | 50% | (or one of them does not replace D1)",
  },
  check(a, report) {
    const index = a.all.index;
    // The new posts naming each deleted post (by its place in the list), from the posts that name any.
    let namers: Map<number, Post[]> | null = null;
    for (let i = 0; i < a.flags.length; i++) {
      const f = a.flags[i];
      if ((f & REPLACES) === 0 || (f & NEW) === 0) continue;
      const p = a.posts[i];
      if (share(p) === undefined || !(p.fte > 0)) continue;
      for (const id of new Set(p.replaces)) {
        const at = index.get(id);
        if (at === undefined || (a.flags[at] & DELETED) === 0) continue;
        namers ??= new Map();
        const list = namers.get(at);
        if (list) list.push(p);
        else namers.set(at, [p]);
      }
    }
    if (namers === null) return;
    for (const [at, list] of namers) {
      if (list.length < 2) continue;
      const d = a.posts[at];
      if (!(d.fte > 0) || !Number.isFinite(d.fte)) continue;
      let total = 0;
      for (const n of list) total += (share(n) as number) * n.fte;
      if (total <= d.fte + 1e-6) continue;
      const parts = list.map((n) => `${postName(n)}: ${similarityPercent(share(n) as number)} of ${fteText(n.fte)} FTE`).join("; ");
      const message = `${postName(d)} is named as replaced by ${list.length} new posts whose similarities put ${fteText(total)} FTE of its work into them (${parts}), more than its own ${fteText(d.fte)} FTE. A similarity is the share of the new job that is the old job's work, so together they cannot come to more than the old post.`;
      for (const n of list) report(n, "similarity", message, `Check the similarities of the new posts that name ${postName(d)} as replaced.`);
    }
  },
};
