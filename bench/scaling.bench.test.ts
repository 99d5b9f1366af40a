/**
 * bench/scaling: how each core post-list step grows from 5,000 to 50,000 posts (a tenfold). Goal (issue 15):
 * every step linear, growth at most 11x per tenfold. The ratio printed is growth / 11 (at most 1 meets the goal).
 *
 * The 50,000-post list is ten establishments from generateEstablishment (each a council-like tree of ~5,000
 * posts, different seeds), with their ids and directorate names made distinct: ten times the directorates and,
 * because grades are shared, ten times the posts at every grade (the slotting pools and by-grade tables grow
 * tenfold per key). The first row is not a step but a plain read of every post: on a shared machine whose caches
 * hold 5,000 posts but not 50,000, even that grows more than tenfold, and it shows the floor in the same run.
 * Each figure is the fastest of several timed samples after a warm-up. Prints and writes bench/results/scaling.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import type { Post } from "../src/core/posts/postList";
import { postListHeaderRow, postToRow, readPostList } from "../src/core/posts/postList";
import { computeImpact, computeSlotting, impactLayout, statusesFromTwoLists } from "../src/core/posts/impact";
import { checkPosts } from "../src/core/posts/postListChecks";
import { buildHierarchy, directorateRoots, levelsBelow, subtreeSizes } from "../src/core/posts/hierarchy";
import { orgChart, orgCharts } from "../src/core/posts/orgChart";
import { allDirectorateStructures, structureLayouts } from "../src/core/posts/structureLayout";
import { resolveScenario } from "../src/core/posts/scenarios";
import { constantSnapshot, establishmentGradeTable } from "../test/fixtures/postLists";
import { scaledEstablishment, SMALL } from "./establishment";

const here = dirname(fileURLToPath(import.meta.url));
const BIG = 50_000;
const BOUND = 11;

/**
 * Time per call: the fastest of `samples` samples, each repeating the call until it has run at least `minMs`
 * (sub-millisecond steps are timed over many calls). The fastest sample is the one least disturbed by other
 * work on a shared machine.
 */
function timePerCall(fn: () => unknown, samples = 5, minMs = 40): number {
  fn(); // warm-up
  let best = Infinity;
  for (let s = 0; s < samples; s++) {
    let calls = 0;
    const t0 = performance.now();
    let ms = 0;
    do {
      fn();
      calls++;
      ms = performance.now() - t0;
    } while (ms < minMs);
    best = Math.min(best, ms / calls);
  }
  return best;
}

type Steps = Record<string, () => unknown>;

function steps(posts: Post[]): Steps {
  const table = establishmentGradeTable();
  const snapshot = constantSnapshot("Posts", [postListHeaderRow(true), ...posts.map((p) => postToRow(p, true))]);
  const h = buildHierarchy(posts);
  const tops = [...directorateRoots(h, table).values()].map((list) => posts[list[0]].id);
  const managers = h.children.map((c, i) => (c.length > 0 ? posts[i].id : "")).filter((id) => id !== "");
  const resolved = resolveScenario(posts, "Legal JV");
  const deleted = resolved.filter((p) => p.status === "deleted");
  const created = resolved.filter((p) => p.status === "new");
  const impact = computeImpact(posts, { gradeTable: table, year: 2024, point: "mid", scenario: "Legal JV" });
  const before = posts.filter((p) => p.status !== "new");
  const after = posts.filter((p) => p.status !== "deleted").map((p, i) => (i % 50 === 0 ? { ...p, fte: p.fte / 2 } : p));
  return {
    // Not a step: one read of every post's fields, the machine's memory floor for any step that touches each post.
    baselineScanOfEveryPost: () => posts.reduce((n, p) => n + p.id.length + p.directorate.length + (p.reportsTo?.length ?? 0) + p.fte, 0),
    readPostList: () => readPostList(snapshot),
    checkPosts: () => checkPosts(posts, { gradeTable: table }),
    buildHierarchy: () => buildHierarchy(posts),
    subtreeSizesAndLevels: () => [subtreeSizes(h), levelsBelow(h)],
    directorateRoots: () => directorateRoots(h, table),
    allDirectorateStructures: () => allDirectorateStructures(posts, { gradeTable: table, showGradeAndFte: true }),
    everyManagerStructure: () => structureLayouts(posts, managers, { gradeTable: table }),
    statusesFromTwoLists: () => statusesFromTwoLists(before, after),
    computeImpact: () => computeImpact(posts, { gradeTable: table, year: 2024, point: "mid", scenario: "Legal JV" }),
    computeSlotting: () => computeSlotting(deleted, created),
    impactLayout: () => impactLayout(impact),
    directorateOrgCharts: () => orgCharts(posts, tops, { levels: 2, showGradeAndFte: true }),
    orgChartOfTheWhole: () => orgChart(posts, posts[0].id, { levels: 3 }),
  };
}

it("every core post-list step grows at most 11x from 5,000 to 50,000 posts", () => {
  const small = scaledEstablishment(SMALL);
  const big = scaledEstablishment(BIG);
  expect(big.length).toBe(10 * small.length);
  const s = steps(small);
  const b = steps(big);
  const rows = Object.keys(s).map((name) => {
    const msSmall = timePerCall(s[name]);
    const msBig = timePerCall(b[name], 3);
    const growth = msBig / msSmall;
    return { step: name, ms5k: +msSmall.toFixed(2), ms50k: +msBig.toFixed(1), growth: +growth.toFixed(1), ratioToBound: +(growth / BOUND).toFixed(2) };
  });
  for (const r of rows) {
    console.warn(`scaling ${r.step.padEnd(26)} 5k ${String(r.ms5k).padStart(8)} ms  50k ${String(r.ms50k).padStart(9)} ms  growth ${String(r.growth).padStart(5)}x  ratio to 11x bound ${r.ratioToBound}`);
  }
  const worst = rows.filter((r) => !r.step.startsWith("baseline")).reduce((a, r) => (r.ratioToBound > a.ratioToBound ? r : a));
  console.warn(`GOAL every core post-list step linear: worst ${worst.step} grows ${worst.growth}x per tenfold = ${worst.ratioToBound} of the 11x bound (memory floor: a plain scan of the posts grows ${rows[0].growth}x)`);
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(
    join(here, "results", "scaling.json"),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, posts: [small.length, big.length], bound: BOUND, worst: worst.step, worstRatio: worst.ratioToBound, steps: rows }, null, 2)}\n`,
  );
});
