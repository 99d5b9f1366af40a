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
    // The whole list's id index gives each post the first post with its id: count per first post, and list
    // only the ids used more than once (in the order their first post comes).
    const first = a.all.index.firstOccurrence;
    const count = new Int32Array(a.posts.length);
    for (let i = 0; i < a.posts.length; i++) if (first[i] >= 0) count[first[i]]++;
    const shared = new Map<number, Post[]>();
    for (let i = 0; i < a.posts.length; i++) {
      const f = first[i];
      if (f < 0 || count[f] < 2) continue;
      const list = shared.get(f);
      if (list) list.push(a.posts[i]);
      else shared.set(f, [a.posts[i]]);
    }
    for (const list of shared.values()) {
      const id = list[0].id;
      // One wording per id (not per post): an id typed on 10,000 rows stays linear.
      const message = `Post ID ${id} is used by ${list.length} posts (${describeRows(list.map((q) => q.row + 1))}): each post needs its own ID.`;
      for (let k = 1; k < list.length; k++) report(list[k], "id", message, `Give ${postName(list[k])} a new post ID and check who reports to ${id}.`);
    }
  },
};
