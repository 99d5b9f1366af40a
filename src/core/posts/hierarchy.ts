/**
 * Reporting trees from a post list's reports-to column: parents, children, tiers, spans, cycles, descendants
 * and directorate tops. Linear time and iterative throughout (no recursion), so 5,000 posts, cycles and
 * missing managers are all safe.
 *
 * Definitions:
 * - A ROOT reports to no one (blank reports-to). An ORPHAN reports to an id that is not in the list; for tiers
 *   an orphan counts as the top of its own tree.
 * - TIER: 1 for a root or orphan, its manager's tier + 1 below. Posts in a reporting cycle, and posts under
 *   one, have tier 0 (unknown).
 * - SPAN: the number of direct reports.
 * - When an id appears more than once, reports-to points at its first occurrence.
 */
import { gradeRank, type GradeTable } from "../grades";
import { idHash, PostIdIndex, type Directorates } from "./idIndex";

export type { Directorates } from "./idIndex";
import type { Post } from "./postList";

export interface Hierarchy {
  posts: readonly Post[];
  /** Post id -> index of its first occurrence (a ReadonlyMap; see ./idIndex for why not a Map). */
  index: PostIdIndex;
  /** Index of each post's manager; -1 for roots and orphans. */
  parent: Int32Array;
  /**
   * Direct reports of every post in one array: those of post i are `childList[childStart[i]]` up to (not
   * including) `childList[childStart[i + 1]]`, in list order. What the steps read.
   */
  childStart: Int32Array;
  childList: Int32Array;
  /**
   * Direct reports of each post, in list order, as arrays (built from childStart/childList on first use). Read-only
   * (posts without reports share one frozen list).
   */
  readonly children: number[][];
  /** Posts that report to no one. */
  roots: number[];
  /** Posts whose reports-to is not a post in the list. */
  orphans: number[];
  /** Tier of each post (1 = top); 0 in or under a cycle. */
  tier: Int32Array;
  /** Reporting cycles, each as the posts around it, starting from the earliest in the list. */
  cycles: number[][];
  /** 1 for posts on a cycle. */
  inCycle: Uint8Array;
  /** Each post's directorate as a number (equal names, equal numbers), and the names in order of first appearance. */
  directorates: Directorates;
}

const NO_REPORTS = Object.freeze([]) as unknown as number[];

/** The part of a Hierarchy worked out from each post's manager alone (see treeFromParents). */
export interface ManagerTree {
  childStart: Int32Array;
  childList: Int32Array;
  tier: Int32Array;
  cycles: number[][];
  inCycle: Uint8Array;
}

/**
 * A Hierarchy whose `children` arrays are made only when read (the steps read childStart/childList). A class, not
 * an object literal with getters: V8 keeps such a literal's properties in a dictionary, so every `h.tier[i]` read in
 * a loop would be a look-up. Subclasses give the id index and the directorates (made at once, or when read).
 */
export abstract class ReportingTreeBase implements Hierarchy {
  private childArrays: number[][] | null = null;
  readonly childStart: Int32Array;
  readonly childList: Int32Array;
  readonly tier: Int32Array;
  readonly cycles: number[][];
  readonly inCycle: Uint8Array;
  abstract readonly index: PostIdIndex;
  abstract readonly directorates: Directorates;

  constructor(
    readonly posts: readonly Post[],
    readonly parent: Int32Array,
    readonly roots: number[],
    readonly orphans: number[],
    tree: ManagerTree,
  ) {
    this.childStart = tree.childStart;
    this.childList = tree.childList;
    this.tier = tree.tier;
    this.cycles = tree.cycles;
    this.inCycle = tree.inCycle;
  }

  get children(): number[][] {
    if (this.childArrays === null) {
      const n = this.posts.length;
      const out = new Array<number[]>(n);
      for (let i = 0; i < n; i++) {
        const a = this.childStart[i];
        const b = this.childStart[i + 1];
        if (a === b) {
          out[i] = NO_REPORTS;
          continue;
        }
        const reports: number[] = [];
        for (let k = a; k < b; k++) reports.push(this.childList[k]);
        out[i] = reports;
      }
      this.childArrays = out;
    }
    return this.childArrays;
  }
}

/** A whole list's tree: its id index and directorates come from the one pass that resolved the managers. */
class ReportingTree extends ReportingTreeBase {
  constructor(
    posts: readonly Post[],
    readonly index: PostIdIndex,
    parent: Int32Array,
    roots: number[],
    orphans: number[],
    tree: ManagerTree,
    readonly directorates: Directorates,
  ) {
    super(posts, parent, roots, orphans, tree);
  }
}

/**
 * Build the reporting tree of a list of posts (already filtered to the structure wanted). One pass over the
 * posts (ids indexed and reports-to resolved together, see PostIdIndex); everything after works on typed arrays
 * indexed by position in the list, not on the post objects. With `findSmallLetters`, the index also notes the
 * ids with a small letter (PostIdIndex.smallLetterIds, for duplicate-post-id): asked for by the post-list checks
 * alone, as looking costs some 330 instructions a post (callgrind, bench:instructions), a fifth of the tree.
 */
export function buildHierarchy(posts: readonly Post[], findSmallLetters = false): Hierarchy {
  const n = posts.length;
  const parent = new Int32Array(n);
  const directorates: Directorates = { of: new Int32Array(n), names: [] };
  const index = new PostIdIndex(posts, idHash, parent, directorates, findSmallLetters);
  const roots: number[] = [];
  const orphans: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = parent[i];
    if (m === -1) roots.push(i);
    else if (m < -1) {
      parent[i] = -1;
      orphans.push(i);
    }
  }
  return new ReportingTree(posts, index, parent, roots, orphans, treeFromParents(parent), directorates);
}

/**
 * Direct reports, tiers and cycles from each post's manager (`parent`, -1 for a root or an orphan): what every
 * Hierarchy works out the same way, whether its managers came from the ids (buildHierarchy) or from another
 * tree's (a structure's, src/core/posts/checks/subHierarchy.ts).
 */
export function treeFromParents(parent: Int32Array): ManagerTree {
  const n = parent.length;
  // Direct reports, grouped by manager in list order (a counting sort on the manager): count each manager's
  // reports at childStart[m], sum so that childStart[m] is where m's reports end, then place the posts from the
  // last back, so childStart[m] ends where m's reports start.
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const m = parent[i];
    if (m >= 0) childStart[m]++;
  }
  for (let i = 1; i < n; i++) childStart[i] += childStart[i - 1];
  const reports = n > 0 ? childStart[n - 1] : 0;
  childStart[n] = reports;
  const childList = new Int32Array(reports);
  for (let i = n - 1; i >= 0; i--) {
    const m = parent[i];
    if (m >= 0) childList[--childStart[m]] = i;
  }

  // Tiers and cycles in one walk up the managers (each post has at most one). A post whose manager is done
  // takes its manager's tier + 1 (0 under a cycle); otherwise walk up, marking the posts on the walk, to a root
  // or orphan (tier 1 at the top), a post already done, or a post on this walk (a cycle: every post on the walk
  // has tier 0). Lists usually name managers first, so most posts are done in one step.
  const tier = new Int32Array(n);
  const state = new Uint8Array(n); // 0 unseen, 1 on the current walk, 2 done
  const inCycle = new Uint8Array(n);
  const cycles: number[][] = [];
  let walk: Int32Array | null = null;
  for (let s = 0; s < n; s++) {
    if (state[s] !== 0) continue;
    const m = parent[s];
    if (m === -1) {
      tier[s] = 1;
      state[s] = 2;
      continue;
    }
    if (state[m] === 2) {
      const t = tier[m];
      tier[s] = t === 0 ? 0 : t + 1;
      state[s] = 2;
      continue;
    }
    walk ??= new Int32Array(n);
    let top = 0;
    let v = s;
    while (v !== -1 && state[v] === 0) {
      state[v] = 1;
      walk[top++] = v;
      v = parent[v];
    }
    if (v === -1 || state[v] === 2) {
      const t = v === -1 ? 0 : tier[v];
      if (v === -1 || t > 0) for (let k = top - 1, next = t + 1; k >= 0; k--, next++) tier[walk[k]] = next;
    } else {
      // A cycle: from v to the top of the walk, listed from its earliest post.
      let start = 0;
      while (walk[start] !== v) start++;
      let first = start;
      for (let k = start; k < top; k++) {
        inCycle[walk[k]] = 1;
        if (walk[k] < walk[first]) first = k;
      }
      const cycle: number[] = [];
      for (let k = first; k < top; k++) cycle.push(walk[k]);
      for (let k = start; k < first; k++) cycle.push(walk[k]);
      cycles.push(cycle);
    }
    for (let k = 0; k < top; k++) state[walk[k]] = 2;
  }
  cycles.sort((a, b) => a[0] - b[0]);
  return { childStart, childList, tier, cycles, inCycle };
}

/** Number of direct reports. */
export function spanOf(h: Hierarchy, i: number): number {
  return h.childStart[i + 1] - h.childStart[i];
}

/** Every post beneath `i` (not `i` itself), breadth-first (tier by tier, list order within a tier). Safe on cycles. */
export function descendants(h: Hierarchy, i: number, maxDepth = Infinity): number[] {
  const out: number[] = [];
  // A set sized by what is visited, not by the list: a table per manager stays linear overall.
  const seen = new Set<number>([i]);
  let frontier = [i];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const v of frontier) {
      for (let k = h.childStart[v], end = h.childStart[v + 1]; k < end; k++) {
        const c = h.childList[k];
        if (seen.has(c)) continue;
        seen.add(c);
        out.push(c);
        next.push(c);
      }
    }
    frontier = next;
  }
  return out;
}

/** Posts with a known tier, deepest tier first (list order within a tier): a counting sort, linear time. */
function deepestFirst(h: Hierarchy): Int32Array {
  const n = h.posts.length;
  let maxTier = 0;
  for (let i = 0; i < n; i++) if (h.tier[i] > maxTier) maxTier = h.tier[i];
  const start = new Int32Array(maxTier + 2);
  for (let i = 0; i < n; i++) if (h.tier[i] > 0) start[maxTier - h.tier[i] + 1]++;
  for (let t = 1; t <= maxTier + 1; t++) start[t] += start[t - 1];
  const order = new Int32Array(start[maxTier + 1]);
  for (let i = 0; i < n; i++) if (h.tier[i] > 0) order[start[maxTier - h.tier[i]]++] = i;
  return order;
}

/** How many levels of posts are beneath each post (0 for a post with no reports), for every post at once. */
export function levelsBelow(h: Hierarchy): Int32Array {
  const n = h.posts.length;
  const below = new Int32Array(n);
  // Process posts deepest tier first; cycle posts (tier 0) are skipped.
  for (const v of deepestFirst(h)) {
    const p = h.parent[v];
    if (p >= 0 && h.tier[p] > 0 && below[p] < below[v] + 1) below[p] = below[v] + 1;
  }
  return below;
}

/** Number of posts beneath each post, for every post at once (cycle posts count 0). */
export function subtreeSizes(h: Hierarchy): Int32Array {
  const n = h.posts.length;
  const size = new Int32Array(n);
  for (const v of deepestFirst(h)) {
    const p = h.parent[v];
    if (p >= 0 && h.tier[p] > 0) size[p] += size[v] + 1;
  }
  return size;
}

/** The chain of managers above a post, nearest first (stops at a root, an orphan or a cycle). */
export function managersOf(h: Hierarchy, i: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>([i]);
  let v = h.parent[i];
  while (v !== -1 && !seen.has(v)) {
    out.push(v);
    seen.add(v);
    v = h.parent[v];
  }
  return out;
}

/**
 * Per directorate, the posts at its top: those whose manager is outside the directorate (or who have none),
 * most senior first (grade rank when a table is given, then most posts beneath, then list order).
 * Posts with a blank directorate are grouped under "".
 */
export function directorateRoots(h: Hierarchy, gradeTable?: GradeTable): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const posts = h.posts;
  const parent = h.parent;
  const inCycle = h.inCycle;
  const { of, names } = h.directorates;
  // Each post's directorate against its manager's, as numbers. The tops of each directorate (by number) are
  // listed from its first top on, so `out` keeps the order in which directorates first have a top.
  const lists: (number[] | undefined)[] = new Array<number[] | undefined>(names.length);
  for (let i = 0; i < posts.length; i++) {
    const m = parent[i];
    const d = of[i];
    if (m >= 0 && of[m] === d && inCycle[i] === 0) continue;
    const list = lists[d];
    if (list) list.push(i);
    else {
      const made = [i];
      lists[d] = made;
      out.set(names[d], made);
    }
  }
  const rankCache = new Map<string, number>();
  const rank = (g: string): number => {
    if (!gradeTable) return 0;
    let r = rankCache.get(g);
    if (r === undefined) {
      r = gradeRank(gradeTable, g) ?? 0;
      rankCache.set(g, r);
    }
    return r;
  };
  // Subtree sizes break ties only, so they are counted only when some directorate has more than one top.
  let sizes: Int32Array | null = null;
  for (const list of out.values()) {
    if (list.length < 2) continue;
    const s = (sizes ??= subtreeSizes(h));
    list.sort((a, b) => rank(posts[b].grade) - rank(posts[a].grade) || s[b] - s[a] || a - b);
  }
  return out;
}
