/**
 * bench/structures: core time to read, check and build every structure table and the impact table for a
 * 5,000-post establishment (fixed seed). Target: under 2 seconds of core time for structures + impact.
 * Phases: read (find the header and parse 5,000 rows), checks (every post-list rule), directorateStructures
 * (one structure table per directorate), impact + impactLayout, everyManagerStructure (a table under each of the
 * ~600 posts with reports, one hierarchy), directorateOrgCharts (org chart geometry, two levels).
 * Prints the figures and writes bench/results/structures.json. No assertions on time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { computeImpact, impactLayout } from "../src/core/posts/impact";
import { postListHeaderRow, postToRow, readPostList } from "../src/core/posts/postList";
import { checkPosts } from "../src/core/posts/postListChecks";
import { buildHierarchy, directorateRoots } from "../src/core/posts/hierarchy";
import { orgCharts } from "../src/core/posts/orgChart";
import { allDirectorateStructures, structureLayouts } from "../src/core/posts/structureLayout";
import { constantSnapshot, establishmentGradeTable, generateEstablishment } from "../test/fixtures/postLists";

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = 5;

function time<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.floor(s.length / 2)].toFixed(1);
}

it("5,000-post establishment: read, check, every structure table, impact table", () => {
  const gen = time(() => generateEstablishment(5000));
  const posts = gen.result;
  const table = establishmentGradeTable();
  const snapshot = constantSnapshot("Posts", [postListHeaderRow(true), ...posts.map((p) => postToRow(p, true))]);
  const tops = [...directorateRoots(buildHierarchy(posts), table).values()].map((list) => posts[list[0]].id);
  const managers = buildHierarchy(posts).children.map((c, i) => (c.length > 0 ? i : -1)).filter((i) => i >= 0);

  const phases: Record<string, number[]> = { read: [], checks: [], directorateStructures: [], impact: [], impactLayout: [], structuresPlusImpact: [], everyManagerStructure: [], directorateOrgCharts: [] };
  let layouts = 0;
  let cells = 0;
  let findings = 0;
  for (let run = 0; run <= RUNS; run++) {
    const read = time(() => readPostList(snapshot));
    const parsed = read.result;
    if (!parsed) throw new Error("no post list");
    const checks = time(() => checkPosts(parsed.posts, { gradeTable: table, columns: parsed.columns }));
    const structures = time(() => allDirectorateStructures(parsed.posts, { gradeTable: table, showGradeAndFte: true }));
    const impact = time(() => computeImpact(parsed.posts, { gradeTable: table, year: 2024, point: "mid", scenario: "Legal JV" }));
    const layout = time(() => impactLayout(impact.result));
    const every = time(() => structureLayouts(parsed.posts, managers.map((i) => posts[i].id), { gradeTable: table }));
    const charts = time(() => orgCharts(parsed.posts, tops, { levels: 2, showGradeAndFte: true }));
    if (run === 0) continue; // warm-up
    phases.directorateOrgCharts.push(charts.ms);
    phases.read.push(read.ms);
    phases.checks.push(checks.ms);
    phases.directorateStructures.push(structures.ms);
    phases.impact.push(impact.ms);
    phases.impactLayout.push(layout.ms);
    phases.structuresPlusImpact.push(structures.ms + impact.ms + layout.ms);
    phases.everyManagerStructure.push(every.ms);
    layouts = structures.result.length;
    cells = structures.result.reduce((s, l) => s + l.cells.length, 0) + layout.result.cells.length;
    findings = checks.result.length;
    expect(impact.result.postsBefore).toBeGreaterThan(0);
    expect(every.result).toHaveLength(managers.length);
  }
  const figures = {
    posts: posts.length,
    runs: RUNS,
    generateMs: +gen.ms.toFixed(1),
    medianMs: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, median(v)])),
    directorateLayouts: layouts,
    managerStructureTables: managers.length,
    layoutCells: cells,
    findings,
    targetMs: 2000,
    node: process.version,
    date: new Date().toISOString(),
  };
  console.warn(`bench/structures ${JSON.stringify(figures, null, 2)}`);
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(join(here, "results", "structures.json"), `${JSON.stringify(figures, null, 2)}\n`);
});
