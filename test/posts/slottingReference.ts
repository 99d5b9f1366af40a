/**
 * computeSlotting as it was at commit 202f840 (a segment tree per grade, one pass per purpose over the deleted
 * posts, slottingOutcome worked out per new post, a row spread from a base object): the reference
 * test/posts/slottingSame.test.ts holds the current one to, output for output. One change since: a new post whose
 * candidates are all taken says whether they were slotted, held for assessment or some of each (it said "candidates
 * already slotted" when they were only held, and nobody was slotted). Two: the candidates' and matches'
 * similarities are fractions (SlottingCandidate says 0-1), so a post built in code with 80 shows "80%", not "8000%",
 * and 80 against 0.9 gives the lower, 0.8 (it compared 80 with 0.9 as written and gave 0.9).
 */
import type { SlottingCandidate, SlottingRow, SlottingSummary } from "../../src/core/posts/impact";
import type { Post } from "../../src/core/posts/postList";
import { similarityFraction, slottingOutcome, slottingText, SLOTTING_SIMILARITY } from "../../src/core/slotting";

/** A share as the slotting texts write it ("85%"). */
export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** The similarity of a deleted and a new post: the lower of the two stated, or the one stated. */
export function combinedSimilarity(a?: number, b?: number): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/**
 * The free (not yet slotted or held) candidates of one grade that have a similarity, as a max segment tree over
 * their place in the pool: the best free similarity, and the first free candidate at or above a similarity, in
 * O(log n) each. Taken candidates drop to -Infinity.
 */
class FreeBySimilarity {
  private readonly size: number;
  private readonly tree: Float64Array;

  constructor(sims: readonly number[]) {
    let size = 1;
    while (size < Math.max(1, sims.length)) size *= 2;
    this.size = size;
    this.tree = new Float64Array(2 * size).fill(-Infinity);
    sims.forEach((v, i) => (this.tree[size + i] = v));
    for (let i = size - 1; i >= 1; i--) this.tree[i] = Math.max(this.tree[2 * i], this.tree[2 * i + 1]);
  }

  get best(): number {
    return this.tree[1];
  }

  /** The first (in pool order) free candidate whose similarity is at least `at`; -1 when none. */
  firstAtLeast(at: number): number {
    if (!(this.tree[1] >= at)) return -1;
    let i = 1;
    while (i < this.size) i = this.tree[2 * i] >= at ? 2 * i : 2 * i + 1;
    return i - this.size;
  }

  take(k: number): void {
    let i = this.size + k;
    this.tree[i] = -Infinity;
    for (i >>= 1; i >= 1; i >>= 1) this.tree[i] = Math.max(this.tree[2 * i], this.tree[2 * i + 1]);
  }
}

interface GradePool {
  /** Deleted posts at the grade with postholders, in list order. */
  pool: Post[];
  holders: number;
  /** Places in `pool` of the members with a similarity of their own; `assessedFree` ranks those still free. */
  assessedAt: number[];
  /** Pool place -> index in `assessedAt` (-1 for members without a similarity). */
  assessedIndex: Int32Array;
  assessedFree: FreeBySimilarity;
  /** Places in `pool` of the members without a similarity; `nextUnassessed` skips those taken. */
  unassessedAt: number[];
  nextUnassessed: number;
  /** The candidates, with their own similarities: one list shared by the rows of the grade. */
  candidates?: readonly SlottingCandidate[];
}

/**
 * Slotting of deleted posts' holders into new posts (see the module comment). Linear in the posts (log factors
 * aside): per new post the best free candidate comes from a segment tree, and the rows of a grade share one
 * (read-only) candidates list, each candidate with its own similarity; `match` carries the similarity used.
 */
export function referenceSlotting(deleted: readonly Post[], created: readonly Post[]): SlottingSummary {
  const pools = new Map<string, GradePool>();
  const byGrade = new Map<string, Post[]>();
  for (const d of deleted) {
    if (d.postholders <= 0) continue;
    const list = byGrade.get(d.grade) ?? [];
    list.push(d);
    byGrade.set(d.grade, list);
  }
  for (const [grade, pool] of byGrade) {
    const assessedAt: number[] = [];
    const sims: number[] = [];
    const unassessedAt: number[] = [];
    const assessedIndex = new Int32Array(pool.length).fill(-1);
    pool.forEach((d, k) => {
      if (d.similarity === undefined) unassessedAt.push(k);
      else {
        assessedIndex[k] = assessedAt.length;
        assessedAt.push(k);
        sims.push(similarityFraction(d.similarity));
      }
    });
    const holders = pool.reduce((s, d) => s + d.postholders, 0);
    pools.set(grade, { pool, holders, assessedAt, assessedIndex, assessedFree: new FreeBySimilarity(sims), unassessedAt, nextUnassessed: 0 });
  }
  const jobsByGrade = new Map<string, number>();
  for (const n of created) if (n.fte > 0) jobsByGrade.set(n.grade, (jobsByGrade.get(n.grade) ?? 0) + 1);
  /** Each candidate taken: slotted, or held for assessment. */
  const taken = new Map<Post, "slot" | "assess">();
  const rows: SlottingRow[] = [];
  let slottedHolders = 0;
  let assessHolders = 0;
  let ringFencedPosts = 0;

  const candidatesFor = (g: GradePool): readonly SlottingCandidate[] => {
    g.candidates ??= g.pool.map((d) => (d.similarity === undefined ? { post: d } : { post: d, similarity: similarityFraction(d.similarity) }));
    return g.candidates;
  };
  /** Place in the pool of the first free member without a similarity of its own; -1 when none. */
  const firstFreeUnassessed = (g: GradePool): number => {
    while (g.nextUnassessed < g.unassessedAt.length && taken.has(g.pool[g.unassessedAt[g.nextUnassessed]])) g.nextUnassessed++;
    return g.nextUnassessed < g.unassessedAt.length ? g.unassessedAt[g.nextUnassessed] : -1;
  };

  for (const n of created) {
    const g = pools.get(n.grade);
    const jobs = jobsByGrade.get(n.grade) ?? 0;
    if (!g) {
      ringFencedPosts++;
      rows.push({ newPost: n, grade: n.grade, candidates: [], jobs, holders: 0, outcome: "ring-fence", failed: "no deleted post at this grade", text: "Ring-fence: no deleted post at this grade" });
      continue;
    }
    const holders = g.holders;
    const own = n.similarity === undefined ? undefined : similarityFraction(n.similarity);
    const candidates = candidatesFor(g);
    const base = { newPost: n, grade: n.grade, candidates, jobs, holders };
    // Grade and the jobs/holders test do not depend on similarity: check them with the threshold itself.
    const gate = slottingOutcome({ oldGrade: n.grade, newGrade: n.grade, jobs, holders, similarity: SLOTTING_SIMILARITY });
    const bestOwn = g.assessedFree.best; // -Infinity when no free member has a similarity
    const unassessedFree = firstFreeUnassessed(g);
    // Candidates with a similarity (their own or the new post's; the lower of the two when both) rank best first,
    // list order among equals. With the new post's similarity, a member without one ranks at that similarity.
    let first = -1;
    let firstSimilarity = -Infinity;
    if (own === undefined) {
      if (bestOwn > -Infinity) {
        first = g.assessedAt[g.assessedFree.firstAtLeast(bestOwn)];
        firstSimilarity = bestOwn;
      }
    } else if (unassessedFree >= 0 || bestOwn >= own) {
      const k = g.assessedFree.firstAtLeast(own);
      const fromAssessed = k < 0 ? -1 : g.assessedAt[k];
      first = fromAssessed < 0 ? unassessedFree : unassessedFree < 0 ? fromAssessed : Math.min(fromAssessed, unassessedFree);
      firstSimilarity = own;
    } else if (bestOwn > -Infinity) {
      first = g.assessedAt[g.assessedFree.firstAtLeast(bestOwn)];
      firstSimilarity = bestOwn;
    }
    const take = (k: number, how: "slot" | "assess"): SlottingCandidate => {
      const d = g.pool[k];
      taken.set(d, how);
      if (g.assessedIndex[k] >= 0) g.assessedFree.take(g.assessedIndex[k]);
      const used = combinedSimilarity(d.similarity === undefined ? undefined : similarityFraction(d.similarity), own);
      return used === undefined ? { post: d } : { post: d, similarity: used };
    };
    if (first >= 0 && gate.outcome === "slot" && firstSimilarity >= SLOTTING_SIMILARITY - 1e-9) {
      const slotted = take(first, "slot");
      slottedHolders += slotted.post.postholders;
      rows.push({ ...base, outcome: "slot", match: slotted, text: `${slottingText({ outcome: "slot" })}: ${slotted.post.title} (${pct(slotted.similarity as number)} the same work)` });
      continue;
    }
    // Members without any similarity (neither theirs nor the new post's) are held for an assessment.
    if (own === undefined && unassessedFree >= 0 && gate.outcome === "slot") {
      const held = take(unassessedFree, "assess");
      assessHolders += held.post.postholders;
      rows.push({ ...base, outcome: "assess", match: held, text: `Assess: slot ${held.post.title} if at least ${pct(SLOTTING_SIMILARITY)} the same work` });
      continue;
    }
    ringFencedPosts++;
    const how = new Set(g.pool.map((d) => taken.get(d)));
    const allTaken = how.has("assess") ? (how.has("slot") ? "candidates already slotted or held for assessment" : "candidates already held for assessment") : "candidates already slotted";
    const failed: SlottingRow["failed"] = gate.outcome === "ring-fence" ? gate.failed : first >= 0 ? "less than 75% the same work" : allTaken;
    rows.push({ ...base, outcome: "ring-fence", failed, text: `Ring-fence: ${failed}` });
  }
  const allHolders = deleted.reduce((s, d) => s + Math.max(0, d.postholders), 0);
  return { rows, slottedHolders, assessHolders, ringFencedPosts, atRiskHolders: allHolders - slottedHolders - assessHolders };
}
