/**
 * The core post-list steps the scaling benches time (bench/scaling.bench.test.ts, in CPU time) and count
 * (scripts/benchInstructions.mjs, in instructions executed), each a call on a list of posts, with the baselines
 * beside them (not steps: the floors a step that reads each post cannot go below). One list, so both benches
 * measure the same calls on the same inputs.
 */
import type { Post } from "../src/core/posts/postList";
import { postListHeaderRow, postToRow, readPostList } from "../src/core/posts/postList";
import { computeImpact, computeSlotting, impactLayout, statusesFromTwoLists } from "../src/core/posts/impact";
import { checkPosts } from "../src/core/posts/postListChecks";
import { buildHierarchy, directorateRoots, levelsBelow, subtreeSizes } from "../src/core/posts/hierarchy";
import { orgChart, orgCharts } from "../src/core/posts/orgChart";
import { allDirectorateStructures, structureLayouts } from "../src/core/posts/structureLayout";
import { resolveScenario } from "../src/core/posts/scenarios";
import { constantSnapshot, establishmentGradeTable } from "../test/fixtures/postLists";
import { SMALL } from "./establishment";

export const FLOOR = "baselineScanOfEveryPost";
export const IN_CACHE = "baselineScanInCache";
export const OBJECT_PER_POST = "baselineObjectPerPost";
export const RESTRUCTURE_READ = "baselineReadRestructurePosts";
export const BASELINES = [FLOOR, IN_CACHE, OBJECT_PER_POST, RESTRUCTURE_READ];

// The baselines' loops are functions of the module, not closures made per list, so every size runs the same
// compiled code (a closure made for each list would start again in the interpreter: bench/instructionsRun.ts
// counts the instructions of a call, and a closure compiled at 5,000 posts and not at 50,000 counts double).

/** One read of four fields of every post. */
function scan(list: readonly Post[]): number {
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    n += p.id.length + p.directorate.length + (p.reportsTo?.length ?? 0) + p.fte;
  }
  return n;
}

/** One small object made and kept per post. */
function objectPerPost(posts: readonly Post[]): { row: number; col: number; value: number }[] {
  const out = new Array<{ row: number; col: number; value: number }>(posts.length);
  for (let i = 0; i < posts.length; i++) out[i] = { row: i, col: 0, value: posts[i].fte };
  return out;
}

/** One read of the three fields computeSlotting takes from each deleted and new post. */
function readRestructurePosts(deleted: readonly Post[], created: readonly Post[]): number {
  let n = 0;
  for (const d of deleted) n += d.postholders + d.grade.length + (d.similarity ?? 0);
  for (const p of created) n += p.fte + p.grade.length + (p.similarity ?? 0);
  return n;
}

export type Steps = Record<string, () => unknown>;

/** A value built on first use (a step's inputs are built only when the step is timed). */
function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

export function steps(posts: Post[]): Steps {
  const table = establishmentGradeTable();
  const snapshot = once(() => constantSnapshot("Posts", [postListHeaderRow(true), ...posts.map((p) => postToRow(p, true))]));
  const h = once(() => buildHierarchy(posts));
  const tops = once(() => [...directorateRoots(h(), table).values()].map((list) => posts[list[0]].id));
  const managers = once(() => h().children.map((c, i) => (c.length > 0 ? posts[i].id : "")).filter((id) => id !== ""));
  const resolved = once(() => resolveScenario(posts, "Legal JV"));
  const deleted = once(() => resolved().filter((p) => p.status === "deleted"));
  const created = once(() => resolved().filter((p) => p.status === "new"));
  const impact = once(() => computeImpact(posts, { gradeTable: table, year: 2024, point: "mid", scenario: "Legal JV" }));
  const before = once(() => posts.filter((p) => p.status !== "new"));
  const after = once(() => posts.filter((p) => p.status !== "deleted").map((p, i) => (i % 50 === 0 ? { ...p, fte: p.fte / 2 } : p)));
  // As many reads, over the first 5,000 posts again and again: what the scan costs when it stays in cache.
  const inCache = once(() => Array.from({ length: posts.length }, (_, i) => posts[i % SMALL]));
  return {
    // Not steps: one read of four fields of every post, the memory floor for any step that touches each post,
    // and the same reads of a list that fits the caches, the floor without the memory.
    [FLOOR]: () => scan(posts),
    [IN_CACHE]: () => scan(inCache()),
    // And one small object made and kept per post (as statusesFromTwoLists makes a post; layouts did for a cell
    // until their cells were stored by column): what the young generation costs a step whose output grows with
    // the list.
    [OBJECT_PER_POST]: () => objectPerPost(posts),
    // And one read of the three fields computeSlotting takes from each of the restructure's posts (the deleted and
    // the new, about 5% of the list, spread through its memory): the floor for a step over those posts alone,
    // whose reads at 500,000 posts miss the caches where at 50,000 they stay in them from call to call.
    [RESTRUCTURE_READ]: () => readRestructurePosts(deleted(), created()),
    readPostList: () => readPostList(snapshot()),
    checkPosts: () => checkPosts(posts, { gradeTable: table }),
    buildHierarchy: () => buildHierarchy(posts),
    subtreeSizesAndLevels: () => [subtreeSizes(h()), levelsBelow(h())],
    directorateRoots: () => directorateRoots(h(), table),
    allDirectorateStructures: () => allDirectorateStructures(posts, { gradeTable: table, showGradeAndFte: true }),
    everyManagerStructure: () => structureLayouts(posts, managers(), { gradeTable: table }),
    statusesFromTwoLists: () => statusesFromTwoLists(before(), after()),
    computeImpact: () => computeImpact(posts, { gradeTable: table, year: 2024, point: "mid", scenario: "Legal JV" }),
    computeSlotting: () => computeSlotting(deleted(), created()),
    impactLayout: () => impactLayout(impact()),
    directorateOrgCharts: () => orgCharts(posts, tops(), { levels: 2, showGradeAndFte: true }),
    orgChartOfTheWhole: () => orgChart(posts, posts[0].id, { levels: 3 }),
  };
}

