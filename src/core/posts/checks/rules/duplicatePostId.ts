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
    alsoAs: [{ severity: "warning", when: "two post IDs that differ only in capitals (SCS101 and scs101): Excel's lookups treat them as one ID, this add-in as two" }],
    description:
      "Two or more posts with the same post id (whatever their status): a reports-to that names the id cannot tell which post is meant. Every post after the first is flagged. Post IDs are matched exactly, capitals included, so IDs that differ only in capitals are two posts here, while Excel's own lookups (XLOOKUP, MATCH, filters) would take them for one: the first post of each later spelling is flagged as a warning.",
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
    // Spellings of one ID in other capitals: only an ID with a small letter can have one that is not all
    // capitals, so those (few, in most lists) are grouped by their capitals, with the all-capitals spelling if
    // it is in the list. Each spelling is taken at its first post, and the first spelling in the list is kept.
    const spellings = new Map<string, number[]>();
    for (const i of a.all.index.smallLetterIds) {
      const key = a.posts[i].id.toUpperCase();
      const list = spellings.get(key);
      if (list) list.push(i);
      else spellings.set(key, [i]);
    }
    // Each later spelling's first post and the spelling kept, reported in list order.
    const later: [number, Post][] = [];
    for (const [key, list] of spellings) {
      const capitals = a.all.index.get(key);
      if (capitals !== undefined) list.push(capitals);
      if (list.length < 2) continue;
      list.sort((x, y) => x - y);
      for (let k = 1; k < list.length; k++) later.push([list[k], a.posts[list[0]]]);
    }
    later.sort((x, y) => x[0] - y[0]);
    for (const [at, kept] of later) {
      const p = a.posts[at];
      report(
        p,
        "id",
        `Post ID ${p.id} differs from ${kept.id} (row ${kept.row + 1}) only in capitals. Excel's lookups and filters take them for one ID, but post IDs are matched exactly here, so they are two posts, and a reports-to names only the one typed the same way.`,
        `If ${postName(p)} is another post, give it its own post ID; if it is ${kept.id} listed again, remove one of the two rows.`,
        "warning",
      );
    }
  },
};
