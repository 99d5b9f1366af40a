/**
 * checkPosts against the checks as they were (./checksReference.ts), and a structure's hierarchy derived from
 * the whole list's against one built from the structure's posts, on random lists: duplicate and blank ids,
 * blank and unknown reports-to, cycles, every status, scenarios, unreadable statuses and FTEs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analysePosts, DELETED, NEW, type PostListCheckOptions } from "../../src/core/posts/checks/analysis";
import { subHierarchy } from "../../src/core/posts/checks/subHierarchy";
import { buildHierarchy, spanOf } from "../../src/core/posts/hierarchy";
import type { Post, PostStatus } from "../../src/core/posts/postList";
import { checkPosts } from "../../src/core/posts/postListChecks";
import { resolveScenario, structurePosts } from "../../src/core/posts/scenarios";
import { establishmentGradeTable, post } from "../fixtures/postLists";
import { runs } from "../propertyRuns";
import { referenceCheckPosts } from "./checksReference";

const ids = fc.oneof({ weight: 1, arbitrary: fc.constant("") }, { weight: 8, arbitrary: fc.stringMatching(/^[A-F]{1,2}$/) });
const statuses: PostStatus[] = ["existing", "deleted", "new", "amended", "unaffected"];
const postArb = fc.record({
  id: ids,
  title: fc.constantFrom("", "Head", "Officer"),
  grade: fc.constantFrom("", "KR13", "KR15", "kr 15", "KR16", "KR17", "KR18", "ZZ1"),
  fte: fc.constantFrom(0, -0, 0.5, 1, 1.5, -1, Number.NaN, Number.POSITIVE_INFINITY),
  reportsTo: fc.option(fc.oneof(ids, fc.constant("ZZ")), { nil: null }),
  status: fc.constantFrom(...statuses),
  rawStatus: fc.option(fc.constant("to go"), { nil: undefined }),
  scenario: fc.option(fc.constantFrom("Legal JV", "not Legal JV", " "), { nil: undefined }),
  directorate: fc.constantFrom("", "Adults", "Children"),
});
const postList = fc.array(postArb, { maxLength: 40 }).map((rows) =>
  rows.map((r, i) => {
    const { rawStatus, scenario, ...rest } = r;
    return post({ ...rest, ...(rawStatus !== undefined ? { rawStatus } : {}), ...(scenario !== undefined ? { scenario } : {}) }, i + 1);
  }),
);
const optionsArb: fc.Arbitrary<PostListCheckOptions> = fc.record(
  {
    structure: fc.constantFrom("before" as const, "after" as const, "both" as const),
    scenario: fc.constantFrom("Legal JV", null),
    maxTiers: fc.integer({ min: 1, max: 4 }),
    span: fc.constantFrom({ min: 2, max: 3 }, { min: 1, max: 1 }),
    gradeTable: fc.constant(establishmentGradeTable()),
    sheet: fc.constant("Posts"),
  },
  { requiredKeys: [] },
);

describe("checkPosts against the checks as they were", () => {
  it("gives the same findings (property)", () => {
    fc.assert(
      fc.property(postList, optionsArb, (posts, options) => {
        expect(checkPosts(posts, options)).toEqual(referenceCheckPosts(posts, options));
      }),
      { numRuns: runs(500) },
    );
  });

  it("gives the same findings on a list that is mostly one long line, with a cycle at the bottom", () => {
    const posts: Post[] = Array.from({ length: 30 }, (_, i) => post({ id: `P${i}`, title: `Post ${i}`, grade: i % 3 === 0 ? "KR13" : "KR17", reportsTo: i === 0 ? null : i === 29 ? "P27" : `P${i - 1}`, status: i % 7 === 0 ? "deleted" : i % 5 === 0 ? "new" : "existing" }, i + 1));
    for (const structure of ["before", "after", "both"] as const) {
      expect(checkPosts(posts, { structure, maxTiers: 3 })).toEqual(referenceCheckPosts(posts, { structure, maxTiers: 3 }));
    }
  });
});

describe("a structure's hierarchy from the whole list's", () => {
  it("equals the hierarchy built from the structure's posts, and marks each post's place in the whole list (property)", () => {
    fc.assert(
      fc.property(postList, fc.constantFrom("before" as const, "after" as const), (posts, side) => {
        const resolved = resolveScenario(posts, null);
        const all = buildHierarchy(resolved);
        const member = Uint8Array.from(resolved, (p) => (p.status === (side === "before" ? "new" : "deleted") ? 0 : 1));
        const { hierarchy, whole } = subHierarchy(all, member);
        const built = buildHierarchy(structurePosts(resolved, side));
        expect(hierarchy.posts).toEqual(built.posts);
        expect(hierarchy.parent).toEqual(built.parent);
        expect(hierarchy.roots).toEqual(built.roots);
        expect(hierarchy.orphans).toEqual(built.orphans);
        expect(hierarchy.tier).toEqual(built.tier);
        expect(hierarchy.cycles).toEqual(built.cycles);
        expect(hierarchy.inCycle).toEqual(built.inCycle);
        expect(hierarchy.children).toEqual(built.children);
        expect([...hierarchy.index]).toEqual([...built.index]);
        expect(built.children.map((_, i) => spanOf(hierarchy, i))).toEqual(built.children.map((c) => c.length));
        expect(Array.from(whole, (i) => resolved[i])).toEqual(built.posts);
        expect(hierarchy.childStart).toEqual(built.childStart);
        expect(hierarchy.childList).toEqual(built.childList);
        expect(hierarchy.directorates).toEqual(built.directorates);
      }),
      { numRuns: runs(500) },
    );
  });

  it("is the whole list's hierarchy itself when every post is in the structure", () => {
    const posts = [post({ id: "A", title: "", grade: "" }, 1), post({ id: "B", title: "", grade: "", reportsTo: "A" }, 2), post({ id: "C", title: "", grade: "", reportsTo: "A", status: "amended" }, 3)];
    const all = buildHierarchy(posts);
    const { hierarchy, whole } = subHierarchy(all, new Uint8Array([1, 1, 1]));
    expect(hierarchy).toBe(all);
    expect(Array.from(whole)).toEqual([0, 1, 2]);
    expect([0, 1, 2].map((i) => spanOf(hierarchy, i))).toEqual([2, 0, 0]);
  });

  it("keeps the flags the structures are chosen by", () => {
    const posts = [post({ id: "A", title: "", grade: "", status: "deleted" }, 1), post({ id: "B", title: "", grade: "", status: "new" }, 2), post({ id: "C", title: "", grade: "" }, 3)];
    const a = analysePosts(posts, { structure: "both" });
    expect(Array.from(a.flags, (f) => f & (DELETED | NEW))).toEqual([DELETED, NEW, 0]);
    expect(a.structures.map((s) => Array.from(s.whole))).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });
});
