/**
 * The reporting-tree steps rewritten over typed arrays for issue 15 (one pass over the posts, children as
 * childStart/childList, tiers and cycles in one walk up the managers), checked against the code they replaced
 * (./hierarchyReference.ts) on random lists: repeated and blank ids, managers before and after their reports,
 * missing managers, self-reports and cycles.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildHierarchy, descendants, spanOf } from "../../src/core/posts/hierarchy";
import type { Post } from "../../src/core/posts/postList";
import { runs } from "../propertyRuns";
import { post } from "../fixtures/postLists";
import { referenceHierarchy } from "./hierarchyReference";

/** Ids from a small pool (so they repeat and reports-to often finds a post), blank ids, and a few strays. */
const ids = fc.oneof({ weight: 1, arbitrary: fc.constant("") }, { weight: 8, arbitrary: fc.stringMatching(/^[A-F]{1,2}$/) }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) });
const directorates = fc.constantFrom("", "Adults", "Children", "Growth");
/** Lists as posts come: ids, reports-to (null, blank, an id of the list or not), directorates. */
export const randomPostList = fc
  .array(fc.record({ id: ids, reportsTo: fc.option(ids, { nil: null }), directorate: directorates, grade: fc.constantFrom("", "KR13", "KR15", "KR17", "ZZ1") }), { maxLength: 60 })
  .map((rows) => rows.map((r, i) => post({ ...r, title: `Post ${i}` }, i + 1)));
/** Lists where every post has a distinct id and reports to a random post, so long chains and cycles are common. */
export const randomTree = fc.array(fc.option(fc.nat(80), { nil: null }), { maxLength: 80 }).map((links) =>
  links.map((to, i) => post({ id: `P${i}`, title: `P${i}`, grade: "KR16", directorate: ["A", "B"][i % 2], reportsTo: to === null ? null : `P${to % links.length}` }, i + 1)),
);

function expectSameTree(posts: readonly Post[]): void {
  const h = buildHierarchy(posts);
  const ref = referenceHierarchy(posts);
  expect([...h.index]).toEqual([...ref.index]);
  expect([...h.parent]).toEqual(ref.parent);
  expect(h.children).toEqual(ref.children);
  expect(h.roots).toEqual(ref.roots);
  expect(h.orphans).toEqual(ref.orphans);
  expect([...h.tier]).toEqual(ref.tier);
  expect(h.cycles).toEqual(ref.cycles);
  expect([...h.inCycle]).toEqual(ref.inCycle);
  for (let i = 0; i < posts.length; i++) {
    expect(Array.from(h.childList.subarray(h.childStart[i], h.childStart[i + 1]))).toEqual(ref.children[i]);
    expect(spanOf(h, i)).toBe(ref.children[i].length);
  }
}

describe("buildHierarchy over typed arrays", () => {
  it("gives the same tree as before on lists with repeated, blank and missing ids (property)", () => {
    fc.assert(fc.property(randomPostList, (posts) => expectSameTree(posts)), { numRuns: runs(300) });
  });

  it("gives the same tree as before on random trees with chains and cycles, in any order (property)", () => {
    fc.assert(fc.property(randomTree, (posts) => expectSameTree(posts)), { numRuns: runs(300) });
  });

  it("gives the same descendants as before (property)", () => {
    fc.assert(
      fc.property(randomTree, fc.nat(), fc.nat(4), (posts, at, depth) => {
        if (posts.length === 0) return;
        const i = at % posts.length;
        const ref = referenceHierarchy(posts);
        const want: number[] = [];
        const seen = new Set([i]);
        let frontier = [i];
        for (let d = 1; d <= depth && frontier.length > 0; d++) {
          const next: number[] = [];
          for (const v of frontier) {
            for (const c of ref.children[v]) {
              if (seen.has(c)) continue;
              seen.add(c);
              want.push(c);
              next.push(c);
            }
          }
          frontier = next;
        }
        expect(descendants(buildHierarchy(posts), i, depth)).toEqual(want);
      }),
      { numRuns: runs(200) },
    );
  });

  it("resolves a manager named after its reports, and one named by several posts, as before", () => {
    const posts = [post({ id: "B", title: "b", grade: "", reportsTo: "A" }, 1), post({ id: "A", title: "a", grade: "", reportsTo: null }, 2), post({ id: "A", title: "a2", grade: "", reportsTo: "B" }, 3)];
    expectSameTree(posts);
    expect([...buildHierarchy(posts).parent]).toEqual([1, -1, 0]);
  });
});
