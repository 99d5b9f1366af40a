/**
 * computeSlotting runs in linear time (a segment tree per grade, shared candidate lists); this checks it against
 * the straightforward quadratic algorithm it replaced, kept here as the reference, on random restructures.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeImpact, impactLayout, SLOTTING_CANDIDATES_NAMED, computeSlotting, type SlottingCandidate, type SlottingRow, type SlottingSummary } from "../../src/core/posts/impact";
import type { Post } from "../../src/core/posts/postList";
import { slottingOutcome, slottingText, SLOTTING_SIMILARITY, type SlottingFailure } from "../../src/core/slotting";
import { post } from "../fixtures/postLists";
import { combinedSimilarity, pct } from "./slottingReference";

// The algorithm before it was made linear (one candidates list and one sort per new post).
function referenceSlotting(deleted: readonly Post[], created: readonly Post[]): SlottingSummary {
  const byGrade = new Map<string, Post[]>();
  for (const d of deleted) {
    if (d.postholders <= 0) continue;
    const list = byGrade.get(d.grade) ?? [];
    list.push(d);
    byGrade.set(d.grade, list);
  }
  const jobsByGrade = new Map<string, number>();
  for (const n of created) if (n.fte > 0) jobsByGrade.set(n.grade, (jobsByGrade.get(n.grade) ?? 0) + 1);
  const taken = new Set<Post>();
  const rows: SlottingRow[] = [];
  let slottedHolders = 0;
  let assessHolders = 0;
  let ringFencedPosts = 0;

  for (const n of created) {
    const pool = byGrade.get(n.grade) ?? [];
    const jobs = jobsByGrade.get(n.grade) ?? 0;
    const holders = pool.reduce((s, d) => s + d.postholders, 0);
    const candidates: SlottingCandidate[] = pool.map((d) => {
      const s = combinedSimilarity(d.similarity, n.similarity);
      return s === undefined ? { post: d } : { post: d, similarity: s };
    });
    const base = { newPost: n, grade: n.grade, candidates, jobs, holders };
    if (candidates.length === 0) {
      ringFencedPosts++;
      rows.push({ ...base, outcome: "ring-fence", failed: "no deleted post at this grade", text: "Ring-fence: no deleted post at this grade" });
      continue;
    }
    const free = candidates.filter((c) => !taken.has(c.post));
    const assessed = free.filter((c) => c.similarity !== undefined).sort((a, b) => (b.similarity as number) - (a.similarity as number));
    let slotted: SlottingCandidate | undefined;
    let firstFailure: SlottingFailure | undefined;
    for (const c of assessed) {
      const o = slottingOutcome({ oldGrade: c.post.grade, newGrade: n.grade, jobs, holders, similarity: c.similarity as number });
      if (o.outcome === "slot") {
        slotted = c;
        break;
      }
      firstFailure ??= o.failed;
    }
    if (slotted) {
      taken.add(slotted.post);
      slottedHolders += slotted.post.postholders;
      rows.push({ ...base, outcome: "slot", match: slotted, text: `${slottingText({ outcome: "slot" })}: ${slotted.post.title} (${pct(slotted.similarity as number)} the same work)` });
      continue;
    }
    const unassessed = free.filter((c) => c.similarity === undefined);
    // Grade and the jobs/holders test do not depend on similarity: check them with the threshold itself.
    const gate = slottingOutcome({ oldGrade: n.grade, newGrade: n.grade, jobs, holders, similarity: SLOTTING_SIMILARITY });
    if (unassessed.length > 0 && gate.outcome === "slot") {
      const held = unassessed[0];
      taken.add(held.post);
      assessHolders += held.post.postholders;
      rows.push({ ...base, outcome: "assess", match: held, text: `Assess: slot ${held.post.title} if at least ${pct(SLOTTING_SIMILARITY)} the same work` });
      continue;
    }
    ringFencedPosts++;
    const failed: SlottingRow["failed"] = gate.outcome === "ring-fence" ? gate.failed : firstFailure ?? "candidates already slotted";
    rows.push({ ...base, outcome: "ring-fence", failed, text: `Ring-fence: ${failed}` });
  }
  const allHolders = deleted.reduce((s, d) => s + Math.max(0, d.postholders), 0);
  return { rows, slottedHolders, assessHolders, ringFencedPosts, atRiskHolders: allHolders - slottedHolders - assessHolders };
}

const view = (s: SlottingSummary) => ({
  counts: [s.slottedHolders, s.assessHolders, s.ringFencedPosts, s.atRiskHolders],
  rows: s.rows.map((r: SlottingRow) => ({
    id: r.newPost.id,
    outcome: r.outcome,
    failed: r.failed,
    text: r.text,
    jobs: r.jobs,
    holders: r.holders,
    match: r.match && { id: r.match.post.id, similarity: r.match.similarity },
    // Candidates as posts (the linear version lists each with its own similarity, the reference with the one used).
    candidates: r.candidates.map((c: SlottingCandidate) => c.post.id),
  })),
});

describe("computeSlotting (linear) agrees with the reference algorithm", () => {
  const grade = fc.constantFrom("KR9", "KR10", "KR11");
  const similarity = fc.option(fc.oneof(fc.constantFrom(0, 0.5, 0.7, 0.75, 0.76, 0.8, 0.9, 1), fc.double({ min: 0, max: 1, noNaN: true })), { nil: undefined });
  it("gives the same rows, matches, candidates and counts (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ g: grade, s: similarity, h: fc.nat(3) }), { maxLength: 25 }),
        fc.array(fc.record({ g: grade, s: similarity, f: fc.constantFrom(0, 0.5, 1) }), { maxLength: 25 }),
        (dels, adds) => {
          const deleted: Post[] = dels.map((d, i) => post({ id: `D${i}`, title: `Deleted ${i}`, grade: d.g, status: "deleted", postholders: d.h, ...(d.s === undefined ? {} : { similarity: d.s }) }));
          const created: Post[] = adds.map((a, i) => post({ id: `N${i}`, title: `New ${i}`, grade: a.g, status: "new", fte: a.f, ...(a.s === undefined ? {} : { similarity: a.s }) }));
          expect(view(computeSlotting(deleted, created))).toEqual(view(referenceSlotting(deleted, created)));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("the slotting table names a bounded number of candidates per row", () => {
  it("names the first ten and counts the rest, and names them all when there are ten or fewer", () => {
    const posts = [
      ...Array.from({ length: 14 }, (_, i) => post({ id: `D${i}`, title: `Deleted ${i}`, grade: "KR17", status: "deleted", postholders: 1 })),
      post({ id: "N1", title: "New 1", grade: "KR17", status: "new" }),
      ...Array.from({ length: 3 }, (_, i) => post({ id: `E${i}`, title: `Gone ${i}`, grade: "KR16", status: "deleted", postholders: 1 })),
      post({ id: "N2", title: "New 2", grade: "KR16", status: "new" }),
    ];
    const layout = impactLayout(computeImpact(posts, { year: 2024 }));
    const row = (title: string): number => layout.cells.find((c) => c.col === 0 && c.value === title && layout.cells.some((d) => d.row === c.row && d.col === 5))?.row ?? -1;
    const cell = (r: number): unknown => layout.cells.find((c) => c.row === r && c.col === 3)?.value;
    expect(SLOTTING_CANDIDATES_NAMED).toBe(10);
    expect(cell(row("New 1"))).toBe(`${Array.from({ length: 10 }, (_, i) => `Deleted ${i}`).join("; ")}; and 4 more`);
    expect(cell(row("New 2"))).toBe("Gone 0; Gone 1; Gone 2");
  });
});
