/**
 * computeSlotting gives exactly what it gave at commit 202f840 (./slottingReference.ts): the same rows (texts,
 * candidate lists, matches), counts and errors, on random restructures with similarities out of range,
 * fractional, negative and missing postholders, and blank grades, and no new post naming the posts it replaces.
 * Since then a similarity typed on one side of a pair is used only when the other side of the grade has one
 * post (the pair is known; src/core/posts/impact.ts): the restructures here have such similarities only, as the
 * code at 202f840 gave the same for them. The others are ./slottingLinear.test.ts's and ./slottingPairs.test.ts's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeSlotting, type SlottingSummary } from "../../src/core/posts/impact";
import type { Post } from "../../src/core/posts/postList";
import { post } from "../fixtures/postLists";
import { runs } from "../propertyRuns";
import { referenceSlotting } from "./slottingReference";

function outcome(f: () => SlottingSummary): { summary: SlottingSummary } | { error: string } {
  try {
    return { summary: f() };
  } catch (e) {
    return { error: String(e) };
  }
}

const grade = fc.constantFrom("KR9", "KR10", "KR11", "");
const similarity = fc.option(fc.oneof(fc.constantFrom(0, 0.5, 0.75, 0.8, 1, 80, 150, -1), fc.double({ min: 0, max: 1, noNaN: true })), { nil: undefined });
const holders = fc.oneof(fc.nat(3), fc.constantFrom(-1, 0.5, Number.NaN));

describe("computeSlotting against the code as it was", () => {
  it("gives the same summary, row for row, or the same error (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ g: grade, s: similarity, h: holders }), { maxLength: 25 }),
        fc.array(fc.record({ g: grade, s: similarity, f: fc.constantFrom(0, 0.5, 1) }), { maxLength: 25 }),
        fc.boolean(),
        (dels, adds, validOnly) => {
          const ok = (s: number | undefined): boolean => !validOnly || s === undefined || (s >= 0 && s <= 100);
          const deletedGrade = (g: string): string => (validOnly && g === "" ? "KR9" : g);
          const createdGrade = (g: string): string => (validOnly && g === "" ? "KR10" : g);
          // A similarity in range is kept only where its pair is known: on a deleted post, when its grade has one
          // new post; on a new post, when its grade has one deleted post with postholders. Out of range, it is
          // kept: it is refused (an error) wherever it is, as before.
          const newPosts = (g: string): number => adds.filter((a) => createdGrade(a.g) === g).length;
          const holding = (g: string): number => dels.filter((d) => deletedGrade(d.g) === g && !(d.h <= 0)).length;
          const inRange = (x: number): boolean => x >= 0 && x <= 100;
          const keep = (x: number | undefined, known: boolean): x is number => x !== undefined && ok(x) && (known || !inRange(x));
          const deleted: Post[] = dels.map((d, i) => post({ id: `D${i}`, title: `Deleted ${i}`, grade: deletedGrade(d.g), status: "deleted", postholders: d.h, ...(keep(d.s, newPosts(deletedGrade(d.g)) === 1) ? { similarity: d.s } : {}) }));
          const created: Post[] = adds.map((a, i) => post({ id: `N${i}`, title: `New ${i}`, grade: createdGrade(a.g), status: "new", fte: a.f, ...(keep(a.s, holding(createdGrade(a.g)) === 1) ? { similarity: a.s } : {}) }));
          expect(outcome(() => computeSlotting(deleted, created))).toStrictEqual(outcome(() => referenceSlotting(deleted, created)));
        },
      ),
      { numRuns: runs(1000) },
    );
  });

  it("reports the first similarity out of range grade by grade, as before", () => {
    const deleted = [post({ id: "D1", title: "a", grade: "KR10", similarity: 150 }), post({ id: "D2", title: "b", grade: "KR9", similarity: 0.8 }), post({ id: "D3", title: "c", grade: "KR9", similarity: -5 })];
    const created = [post({ id: "N1", title: "n", grade: "KR9", status: "new" })];
    expect(outcome(() => computeSlotting(deleted, created))).toStrictEqual(outcome(() => referenceSlotting(deleted, created)));
  });
});
