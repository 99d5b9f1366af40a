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
 * Direct reports are kept as one list in typed arrays (childStart, childList, as buildHierarchy keeps them); the
 * `children` lists, the id `index` and the numbered `directorates` are built only if something reads them (no
 * rule does).
 */
import { PostIdIndex } from "../idIndex";
import type { Directorates, Hierarchy } from "../hierarchy";
import type { Post } from "../postList";

const NO_REPORTS = Object.freeze([]) as unknown as number[];

/**
 * A structure's Hierarchy, its id index, children lists and directorates made on first read (no rule reads them).
 * A class, not an object literal with getters: V8 keeps such a literal's properties in a dictionary, so every
 * `h.tier`, `h.parent` read in a loop (levelsBelow, subtreeSizes, the rules) would be a look-up.
 */
class StructureTree implements Hierarchy {
  private indexMade: PostIdIndex | null = null;
  private childArrays: number[][] | null = null;
  private directoratesMade: Directorates | null = null;

  constructor(
    readonly posts: readonly Post[],
    readonly parent: Int32Array,
    readonly childStart: Int32Array,
    readonly childList: Int32Array,
    readonly roots: number[],
    readonly orphans: number[],
    readonly tier: Int32Array,
    readonly cycles: number[][],
    readonly inCycle: Uint8Array,
    /** The whole list's hierarchy, and the place in it of each post of the structure. */
    private readonly all: Hierarchy,
    private readonly whole: Int32Array,
  ) {}

  get index(): PostIdIndex {
    return (this.indexMade ??= new PostIdIndex(this.posts));
  }

  get children(): number[][] {
    if (this.childArrays === null) {
      const n = this.posts.length;
      const lists = new Array<number[]>(n);
      for (let v = 0; v < n; v++) {
        const from = this.childStart[v];
        const to = this.childStart[v + 1];
        if (from === to) lists[v] = NO_REPORTS;
        else {
          const list: number[] = [];
          for (let k = from; k < to; k++) list.push(this.childList[k]);
          lists[v] = list;
        }
      }
      this.childArrays = lists;
    }
    return this.childArrays;
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

export interface StructureHierarchy {
  hierarchy: Hierarchy;
  /** Index in the whole list of each post of the structure. */
  whole: Int32Array;
  /** Direct reports of each post of the structure. */
  span: Int32Array;
}

/**
 * The hierarchy of the posts `member` marks (1 for a post of the whole list in the structure), in list order.
 * `all` is the whole list's hierarchy.
 */
export function structureHierarchy(all: Hierarchy, member: Uint8Array): StructureHierarchy {
  const total = all.posts.length;
  const first = all.index.firstOccurrence;
  // A structure of every post (a list without deleted or new posts) is the whole list: its hierarchy as it is.
  if (member.indexOf(0) < 0) {
    const whole = new Int32Array(total);
    const span = new Int32Array(total);
    for (let i = 0; i < total; i++) {
      whole[i] = i;
      span[i] = all.childStart[i + 1] - all.childStart[i];
    }
    return { hierarchy: all, whole, span };
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
  const span = new Int32Array(n);
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
    if (m >= 0) {
      parent[s] = m;
      span[m]++;
    } else if (f < 0 && (p.reportsTo === null || p.reportsTo === "")) roots.push(s);
    else orphans.push(s);
    s++;
  }

  // Direct reports in list order: post v's are childList[childStart[v] .. childStart[v + 1]).
  const childStart = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) childStart[v + 1] = childStart[v] + span[v];
  const childList = new Int32Array(childStart[n]);
  // The scratch arrays of the whole list (at least n long) are done with: reused below as the fill
  // positions, the walk up and the breadth-first queue.
  const fill = firstMember;
  fill.set(childStart.subarray(0, n));
  for (let s = 0; s < n; s++) if (parent[s] >= 0) childList[fill[parent[s]]++] = s;

  // Cycles (each post has at most one manager): walk up from each post not yet seen, colouring, as buildHierarchy does.
  const state = new Uint8Array(n); // 0 unseen, 1 on the current walk, 2 done
  const inCycle = new Uint8Array(n);
  const cycles: number[][] = [];
  const walk = at;
  for (let s = 0; s < n; s++) {
    if (state[s] !== 0) continue;
    let len = 0;
    let v = s;
    while (v !== -1 && state[v] === 0) {
      state[v] = 1;
      walk[len++] = v;
      v = parent[v];
    }
    if (v !== -1 && state[v] === 1) {
      let from = len - 1;
      while (walk[from] !== v) from--;
      let least = from;
      for (let k = from; k < len; k++) {
        inCycle[walk[k]] = 1;
        if (walk[k] < walk[least]) least = k;
      }
      const cycle: number[] = [];
      for (let k = least; k < len; k++) cycle.push(walk[k]);
      for (let k = from; k < least; k++) cycle.push(walk[k]);
      cycles.push(cycle);
    }
    for (let k = 0; k < len; k++) state[walk[k]] = 2;
  }
  // In the order of each cycle's earliest post, as buildHierarchy lists them.
  cycles.sort((x, y) => x[0] - y[0]);

  // Tiers: breadth-first from the roots and orphans; posts never reached are in or under a cycle.
  const tier = new Int32Array(n);
  const queue = at;
  let tail = 0;
  for (const r of roots) queue[tail++] = r;
  for (const o of orphans) queue[tail++] = o;
  for (let k = 0; k < tail; k++) tier[queue[k]] = 1;
  for (let head = 0; head < tail; head++) {
    const v = queue[head];
    for (let k = childStart[v]; k < childStart[v + 1]; k++) {
      const c = childList[k];
      if (tier[c] === 0 && inCycle[c] === 0) {
        tier[c] = tier[v] + 1;
        queue[tail++] = c;
      }
    }
  }

  const hierarchy: Hierarchy = new StructureTree(posts, parent, childStart, childList, roots, orphans, tier, cycles, inCycle, all, whole);
  return { hierarchy, whole, span };
}
