/**
 * Post-count, FTE and cost deltas between two post lists (before and after a restructure).
 * A post is a graded line with a positive FTE; a line with FTE 0 (or blank grade) is not a post.
 */

import { normaliseGrade, gradeRank, salaryAt, type GradeTable, type SalaryPoint } from "./grades";
import type { FinancialYear } from "./financialYear";
import { postCost, MAX_FTE, OnCostInputError } from "./onCosts";
import { roundPence } from "./money";

export interface GradedPost {
  grade: string;
  fte: number;
  /**
   * The posts the line stands for when its FTE is positive: 1 for a row of a post list (it has its own post id);
   * left out, counted from the FTE (postsOnLine), as for a paper's table of grades and numbers of posts.
   */
  posts?: number;
}

export interface GradeDeltaRow {
  grade: string;
  postsBefore: number;
  postsAfter: number;
  postChange: number;
  fteBefore: number;
  fteAfter: number;
  fteChange: number;
  /** Full-year cost change (pay + on-costs) for the grade; negative is a saving. */
  costChange: number;
}

export interface CostingOptions {
  table: GradeTable;
  point: SalaryPoint;
  year: FinancialYear;
  /** Employer pension rate (fraction or percentage number); default DEFAULT_EMPLOYER_PENSION_RATE. */
  pensionRate?: number;
}

/** FTE to 6 decimal places: sums of 0.1s stay exact enough to print. */
function roundFte(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

function checkPosts(list: readonly GradedPost[], which: string): void {
  list.forEach((p, i) => {
    if (!Number.isFinite(p.fte) || p.fte < 0 || p.fte > MAX_FTE) {
      throw new OnCostInputError(`FTE in ${which} line ${i + 1} must be a number from 0 to ${MAX_FTE.toLocaleString("en-GB")} (got ${p.fte}).`);
    }
  });
}

/**
 * The posts a line stands for, counted as on-costs count people (src/core/onCosts.ts): FTE up to 1 is one post, a
 * whole number above 1 that many full-time posts, and a fraction one more part-time post (2.5 is three). So a paper's
 * line "Director, KR17, 4" is four posts, and "four to three" is -1, not 0.
 */
export function postsOnLine(fte: number): number {
  return fte > 0 ? Math.max(1, Math.ceil(roundFte(fte))) : 0;
}

/** The posts a line stands for: none at FTE 0, else its `posts`, else counted from its FTE. */
function postsOf(p: GradedPost): number {
  return p.fte > 0 ? (p.posts ?? postsOnLine(p.fte)) : 0;
}

function postsIn(list: readonly GradedPost[]): number {
  let n = 0;
  for (const p of list) if (normaliseGrade(p.grade) !== "") n += postsOf(p);
  return n;
}

/** Posts after minus posts before: a line with a grade and a positive FTE is one post, or more above 1 FTE (postsOnLine). */
export function postCountDelta(before: readonly GradedPost[], after: readonly GradedPost[]): number {
  checkPosts(before, "the before list");
  checkPosts(after, "the after list");
  return postsIn(after) - postsIn(before);
}

/** FTE after minus FTE before, optionally for one grade only. */
export function fteDelta(before: readonly GradedPost[], after: readonly GradedPost[], grade?: string): number {
  checkPosts(before, "the before list");
  checkPosts(after, "the after list");
  const g = grade === undefined ? undefined : normaliseGrade(grade);
  const sum = (list: readonly GradedPost[]): number =>
    list.reduce((s, p) => (g === undefined || normaliseGrade(p.grade) === g ? s + p.fte : s), 0);
  return roundFte(sum(after) - sum(before));
}

interface Tally {
  grade: string;
  posts: [number, number];
  fte: [number, number];
  cost: [number, number];
}

/**
 * Before/after by grade: posts, FTE and full-year cost (pay + on-costs at `options.point` in
 * `options.year`), highest grade first, and a total row (grade "Total"). Lines with a blank grade and a
 * positive FTE are an error (a post must have a grade to be costed). Throws UnknownGradeError naming
 * the first grade the table lacks.
 */
export function deltaByGrade(
  before: readonly GradedPost[],
  after: readonly GradedPost[],
  options: CostingOptions,
): { rows: GradeDeltaRow[]; total: GradeDeltaRow } {
  checkPosts(before, "the before list");
  checkPosts(after, "the after list");
  const tallies = new Map<string, Tally>();
  const costCache = new Map<string, number>();
  const lists = [before, after] as const;
  lists.forEach((list, side) => {
    list.forEach((p, i) => {
      if (p.fte === 0) return;
      const g = normaliseGrade(p.grade);
      if (g === "") {
        throw new OnCostInputError(`Line ${i + 1} of the ${side === 0 ? "before" : "after"} list has FTE ${p.fte} but no grade.`);
      }
      let t = tallies.get(g);
      if (!t) {
        t = { grade: g, posts: [0, 0], fte: [0, 0], cost: [0, 0] };
        tallies.set(g, t);
      }
      const key = `${g}|${p.fte}`;
      let c = costCache.get(key);
      if (c === undefined) {
        const salary = salaryAt(options.table, g, options.point, options.year);
        c = postCost(salary, p.fte, options.year, options.pensionRate);
        costCache.set(key, c);
      }
      t.posts[side] += postsOf(p);
      t.fte[side] += p.fte;
      t.cost[side] += c;
    });
  });
  const rank = (g: string): number => gradeRank(options.table, g, options.year) ?? 0;
  const ordered = [...tallies.values()].sort((a, b) => rank(b.grade) - rank(a.grade) || a.grade.localeCompare(b.grade));
  const rows: GradeDeltaRow[] = ordered.map((t) => ({
    grade: t.grade,
    postsBefore: t.posts[0],
    postsAfter: t.posts[1],
    postChange: t.posts[1] - t.posts[0],
    fteBefore: roundFte(t.fte[0]),
    fteAfter: roundFte(t.fte[1]),
    fteChange: roundFte(t.fte[1] - t.fte[0]),
    costChange: roundPence(t.cost[1] - t.cost[0]) || 0,
  }));
  const add = (k: keyof Omit<GradeDeltaRow, "grade">): number => rows.reduce((s, r) => s + r[k], 0);
  const total: GradeDeltaRow = {
    grade: "Total",
    postsBefore: add("postsBefore"),
    postsAfter: add("postsAfter"),
    postChange: add("postChange"),
    fteBefore: roundFte(add("fteBefore")),
    fteAfter: roundFte(add("fteAfter")),
    fteChange: roundFte(add("fteChange")),
    costChange: roundPence(add("costChange")) || 0,
  };
  return { rows, total };
}

/** Full-year cost after minus before (pay + on-costs); negative is a saving. */
export function fullYearCostChange(before: readonly GradedPost[], after: readonly GradedPost[], options: CostingOptions): number {
  return deltaByGrade(before, after, options).total.costChange;
}
