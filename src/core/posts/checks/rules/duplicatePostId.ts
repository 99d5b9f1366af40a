import { describeRows } from "../../../words";
import { postName } from "../analysis";
import type { PostRule } from "../rule";
import type { Post } from "../../postList";

export const duplicatePostId: PostRule<"duplicate-post-id"> = {
  meta: {
    id: "duplicate-post-id",
    title: "Post id used twice",
    severity: "error",
    appliesTo: ["post lists"],
    description:
      "Two or more posts with the same post id (whatever their status): a reports-to that names the id cannot tell which post is meant. Every post after the first is flagged.",
    bad: "| F010 | Director ICT | … | F010 | Director Digital |",
    good: "| F010 | Director ICT | … | F011 | Director Digital |",
  },
  check(a, report) {
    const byId = new Map<string, Post[]>();
    for (const p of a.posts) {
      if (p.id === "") continue;
      const list = byId.get(p.id) ?? [];
      list.push(p);
      byId.set(p.id, list);
    }
    for (const [id, list] of byId) {
      for (const p of list.slice(1)) {
        report(p, "id", `Post ID ${id} is used by ${list.length} posts (${describeRows(list.map((q) => q.row + 1))}): each post needs its own ID.`, `Give ${postName(p)} a new post ID and check who reports to ${id}.`);
      }
    }
  },
};
