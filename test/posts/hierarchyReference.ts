/**
 * The reporting-tree code as it was before the steps were rewritten over typed arrays (issue 15), kept as
 * references for the property tests in ./hierarchyLinear.test.ts. Plain Maps and arrays of arrays, written for
 * clarity; not used by the add-in.
 */
import { gradeRank, type GradeTable } from "../../src/core/grades";
import type { Post } from "../../src/core/posts/postList";

export interface ReferenceHierarchy {
  posts: readonly Post[];
  index: Map<string, number>;
  parent: number[];
  children: number[][];
  roots: number[];
  orphans: number[];
  tier: number[];
  cycles: number[][];
  inCycle: number[];
}

/** buildHierarchy before: a Map of first occurrences, children arrays, a walk for cycles, breadth-first tiers. */
export function referenceHierarchy(posts: readonly Post[]): ReferenceHierarchy {
  const n = posts.length;
  const index = new Map<string, number>();
  posts.forEach((p, i) => {
    if (p.id !== "" && !index.has(p.id)) index.set(p.id, i);
  });
  const parent: number[] = new Array<number>(n).fill(-1);
  const roots: number[] = [];
  const orphans: number[] = [];
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    const to = posts[i].reportsTo;
    if (to === null || to === "") {
      roots.push(i);
      continue;
    }
    const j = index.get(to);
    if (j === undefined) {
      orphans.push(i);
      continue;
    }
    parent[i] = j;
    children[j].push(i);
  }
  const state: number[] = new Array<number>(n).fill(0);
  const inCycle: number[] = new Array<number>(n).fill(0);
  const cycles: number[][] = [];
  for (let s = 0; s < n; s++) {
    if (state[s] !== 0) continue;
    const walk: number[] = [];
    let v = s;
    while (v !== -1 && state[v] === 0) {
      state[v] = 1;
      walk.push(v);
      v = parent[v];
    }
    if (v !== -1 && state[v] === 1) {
      const cycle = walk.slice(walk.indexOf(v));
      for (const c of cycle) inCycle[c] = 1;
      const first = cycle.indexOf(Math.min(...cycle));
      cycles.push(cycle.slice(first).concat(cycle.slice(0, first)));
    }
    for (const w of walk) state[w] = 2;
  }
  const tier: number[] = new Array<number>(n).fill(0);
  const queue = [...roots, ...orphans];
  for (const q of queue) tier[q] = 1;
  for (let h = 0; h < queue.length; h++) {
    for (const c of children[queue[h]]) {
      if (tier[c] === 0 && inCycle[c] === 0) {
        tier[c] = tier[queue[h]] + 1;
        queue.push(c);
      }
    }
  }
  cycles.sort((a, b) => a[0] - b[0]);
  return { posts, index, parent, children, roots, orphans, tier, cycles, inCycle };
}

/** Number of posts beneath each post (cycle posts count 0), by walking up from every post. */
export function referenceSubtreeSizes(h: ReferenceHierarchy): number[] {
  const size: number[] = new Array<number>(h.posts.length).fill(0);
  h.posts.forEach((_, i) => {
    if (h.tier[i] === 0) return;
    for (let v = h.parent[i]; v !== -1; v = h.parent[v]) size[v]++;
  });
  return size;
}

/** directorateRoots before: manager's directorate compared post by post, ties by grade, then size, then list order. */
export function referenceDirectorateRoots(h: ReferenceHierarchy, gradeTable?: GradeTable): Map<string, number[]> {
  const sizes = referenceSubtreeSizes(h);
  const out = new Map<string, number[]>();
  h.posts.forEach((p, i) => {
    const m = h.parent[i];
    if (m >= 0 && h.posts[m].directorate === p.directorate && h.inCycle[i] === 0) return;
    const list = out.get(p.directorate) ?? [];
    list.push(i);
    out.set(p.directorate, list);
  });
  const rank = (g: string): number => (gradeTable ? (gradeRank(gradeTable, g) ?? 0) : 0);
  for (const list of out.values()) list.sort((a, b) => rank(h.posts[b].grade) - rank(h.posts[a].grade) || sizes[b] - sizes[a] || a - b);
  return out;
}
