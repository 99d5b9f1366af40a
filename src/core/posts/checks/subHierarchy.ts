/**
 * The hierarchy of one structure checked (the posts before or after the proposals), derived from the whole
 * list's hierarchy instead of built again from the posts' ids.
 *
 * `buildHierarchy(structurePosts(posts, side))` hashes every post's id and reports-to once more and probes an
 * id table per post: at 500,000 posts that is a cache miss or two per post, read from strings all over the heap.
 * The whole list's hierarchy already says, for each post, the first post with the id it reports to; within a
 * structure the manager is the first post of the structure with that id (the same post, unless an id is typed
 * twice and its first post is not in the structure). So the structure's lines come from integer arrays alone,
 * and the result equals `buildHierarchy(structurePosts(...))` (a property test holds it to that).
 *
 * Direct reports, tiers and cycles come from the structure's managers by treeFromParents, as buildHierarchy's do;
 * the `children` lists, the id `index` and the numbered `directorates` are built only if something reads them (no
 * rule does).
 */
import { PostIdIndex } from "../idIndex";
import { ReportingTreeBase, treeFromParents, type Directorates, type Hierarchy, type ManagerTree } from "../hierarchy";
import type { Post } from "../postList";

/** A structure's Hierarchy: its id index and directorates made on first read (no rule reads them). */
class StructureTree extends ReportingTreeBase {
  private indexMade: PostIdIndex | null = null;
  private directoratesMade: Directorates | null = null;

  constructor(
    posts: readonly Post[],
    parent: Int32Array,
    roots: number[],
    orphans: number[],
    tree: ManagerTree,
    /** The whole list's hierarchy, and the place in it of each post of the structure. */
    private readonly all: Hierarchy,
    private readonly whole: Int32Array,
  ) {
    super(posts, parent, roots, orphans, tree);
  }

  get index(): PostIdIndex {
    return (this.indexMade ??= new PostIdIndex(this.posts));
  }

  /** The whole list's directorate numbers, renumbered in order of first appearance in the structure. */
  get directorates(): Directorates {
    if (this.directoratesMade === null) {
      const from = this.all.directorates;
      const renumber = new Int32Array(from.names.length).fill(-1);
      const of = new Int32Array(this.posts.length);
      const names: string[] = [];
      for (let s = 0; s < of.length; s++) {
        const d = from.of[this.whole[s]];
        if (renumber[d] < 0) {
          renumber[d] = names.length;
          names.push(from.names[d]);
        }
        of[s] = renumber[d];
      }
      this.directoratesMade = { of, names };
    }
    return this.directoratesMade;
  }
}

export interface SubHierarchy {
  hierarchy: Hierarchy;
  /** Index in the whole list of each post of the structure. */
  whole: Int32Array;
}

/**
 * The hierarchy of the posts `member` marks (1 for a post of the whole list in the structure), in list order.
 * `all` is the whole list's hierarchy.
 */
export function subHierarchy(all: Hierarchy, member: Uint8Array): SubHierarchy {
  const total = all.posts.length;
  const first = all.index.firstOccurrence;
  // A structure of every post (a list without deleted or new posts) is the whole list: its hierarchy as it is.
  if (member.indexOf(0) < 0) {
    const whole = new Int32Array(total);
    for (let i = 0; i < total; i++) whole[i] = i;
    return { hierarchy: all, whole };
  }
  // Place in the structure of each post of the whole list (-1 when not in it), and of the first post of the
  // structure with each id (kept at the id's first occurrence in the whole list).
  const at = new Int32Array(total);
  const firstMember = new Int32Array(total).fill(-1);
  let n = 0;
  for (let i = 0; i < total; i++) {
    if (member[i] === 0) {
      at[i] = -1;
      continue;
    }
    at[i] = n;
    const f = first[i];
    if (f >= 0 && firstMember[f] < 0) firstMember[f] = n;
    n++;
  }
  const posts = new Array<Post>(n);
  const whole = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const roots: number[] = [];
  const orphans: number[] = [];
  for (let i = 0, s = 0; i < total; i++) {
    if (at[i] < 0) continue;
    whole[s] = i;
    const p = all.posts[i];
    posts[s] = p;
    const f = all.parent[i];
    // The whole list's parent is -1 for a blank reports-to (a root) and for an id not in the list (an orphan).
    const m = f >= 0 ? firstMember[f] : -1;
    if (m >= 0) parent[s] = m;
    else if (f < 0 && (p.reportsTo === null || p.reportsTo === "")) roots.push(s);
    else orphans.push(s);
    s++;
  }

  // Direct reports, tiers and cycles, as every Hierarchy works them out from the managers.
  const hierarchy: Hierarchy = new StructureTree(posts, parent, roots, orphans, treeFromParents(parent), all, whole);
  return { hierarchy, whole };
}
