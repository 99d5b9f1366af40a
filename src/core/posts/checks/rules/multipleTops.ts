import { postName } from "../analysis";
import type { PostRule } from "../rule";

export const multipleTops: PostRule<"multiple-tops"> = {
  meta: {
    id: "multiple-tops",
    title: "More than one top post",
    severity: "warning",
    appliesTo: ["post lists"],
    description:
      "More than one post reports to no one in a structure checked. The top is taken to be the highest-graded of them (then the one with most posts below it); every other one is flagged, since a reports-to was probably left blank.",
    bad: "F001 Head of Paid Service (KR20) and F030 Director Digital (KR17) both report to no one",
    good: "F030 reports to F001",
  },
  check(a, report) {
    for (const s of a.structures) {
      const h = s.hierarchy;
      if (h.roots.length < 2) continue;
      const posts = h.posts;
      const ordered = [...h.roots].sort((x, y) => (a.rank(posts[y].grade) ?? 0) - (a.rank(posts[x].grade) ?? 0) || s.sizes[y] - s.sizes[x] || x - y);
      const top = posts[ordered[0]];
      for (const i of ordered.slice(1)) {
        report(posts[i], "reportsTo", `${postName(posts[i])} reports to no one${s.where}, and neither does ${postName(top)}: ${h.roots.length} posts are at the top of this structure.`, `Fill in who ${postName(posts[i])} reports to.`);
      }
    }
  },
};
