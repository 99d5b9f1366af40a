import { DELETED, nearMissPost, postName, type PostListAnalysis } from "../analysis";
import type { PostRule } from "../rule";

/** What a reports-to that is not a post ID probably meant (see nearMissPost), as the end of a sentence. */
function nearMiss(a: PostListAnalysis): (to: string) => string {
  const near = nearMissPost(a);
  return (to) => {
    const m = near(to);
    if (m === null) return ".";
    if (m.by === "number") return `: did you mean post ${m.post.id}?`;
    if (m.by === "case") return `: did you mean post ${m.post.id}? Post IDs are matched exactly, capitals included.`;
    return `: "${to}" is a post title, so give the post ID of ${m.post.title} (${m.post.id}).`;
  };
}

export const reportsToMissing: PostRule<"reports-to-missing"> = {
  meta: {
    id: "reports-to-missing",
    title: "Reports to a missing post",
    severity: "error",
    alsoAs: [{ severity: "info", when: "the one top post of an extract reports to a post outside the list" }],
    appliesTo: ["post lists"],
    description:
      "A reports-to post id that is not in the list, or (in the structure after the proposals) a kept post reporting to a post the proposals delete. A list that is an extract of one directorate, whose single top post reports outside it, is noted as information.",
    bad: "| F020 | Head of Policy | KR16 | 1 | F999 | with no post F999",
    good: "| F020 | Head of Policy | KR16 | 1 | F010 | with F010 in the list",
  },
  check(a, report) {
    const ids = a.all.index;
    const hint = nearMiss(a);
    for (let i = 0; i < a.flags.length; i++) {
      // The whole list's parent is -1 for a reports-to that is blank or not a post id in the list.
      if ((a.flags[i] & DELETED) === 0 || a.all.parent[i] >= 0) continue;
      const p = a.posts[i];
      if (p.reportsTo === null || ids.has(p.reportsTo)) continue;
      report(p, "reportsTo", `${postName(p)} reports to ${p.reportsTo}, which is not a post ID in the list${hint(p.reportsTo)}`, "Correct the reports-to post ID.");
    }
    for (const s of a.structures) {
      const h = s.hierarchy;
      const posts = h.posts;
      // A list that is an extract (one directorate) has no root: its top reports to a post outside the list.
      const extractTop = h.roots.length === 0 && h.orphans.length === 1 ? h.orphans[0] : -1;
      for (const i of h.orphans) {
        const p = posts[i];
        const to = p.reportsTo ?? "";
        if (i === extractTop && !ids.has(to)) {
          report(p, "reportsTo", `${postName(p)} reports to ${p.reportsTo}, which is not in this list: it is read as the top of the structure.`, "Nothing to do if the list is an extract of a larger establishment.", "info");
          continue;
        }
        if (s.side === "before" && ids.has(to)) continue; // the line holds after the proposals only
        const target = ids.has(to) ? a.posts[ids.get(to) as number] : undefined;
        if (target && target.status === "deleted") {
          report(p, "reportsTo", `${postName(p)} reports to ${postName(target)}, which the proposals delete.`, `Give ${postName(p)} its line manager in the new structure.`);
        } else if (!target) {
          report(p, "reportsTo", `${postName(p)} reports to ${p.reportsTo}, which is not a post ID in the list${hint(to)}`, "Correct the reports-to post ID.");
        }
      }
    }
  },
};
