/**
 * The reporting-tree steps rewritten over typed arrays for issue 15 (one pass over the posts, children as
 * childStart/childList, tiers and cycles in one walk up the managers), checked against the code they replaced
 * (./hierarchyReference.ts) on random lists: repeated and blank ids, managers before and after their reports,
 * missing managers, self-reports and cycles.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildHierarchy, descendants, directorateRoots, spanOf } from "../../src/core/posts/hierarchy";
import { idHash, PostIdIndex } from "../../src/core/posts/idIndex";
import { orgChart, orgCharts } from "../../src/core/posts/orgChart";
import type { Post, PostStatus } from "../../src/core/posts/postList";
import { resolveScenario, scenarioStructure, structurePosts, type ScenarioChoice, type StructureSide } from "../../src/core/posts/scenarios";
import { allDirectorateStructures, structureLayouts, structureTable } from "../../src/core/posts/structureLayout";
import { runs } from "../propertyRuns";
import { establishmentGradeTable, post } from "../fixtures/postLists";
import { referenceAllDirectorateStructures, referenceOrgChart, referenceOrgCharts, referenceStructureLayouts, referenceStructureTable } from "./chartReference";
import { referenceDirectorateRoots, referenceHierarchy } from "./hierarchyReference";

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

describe("directorateRoots on the directorates numbered with the tree", () => {
  const table = establishmentGradeTable();
  it("gives the same tops in the same order as before, with or without a grade table (property)", () => {
    fc.assert(
      fc.property(fc.oneof(randomPostList, randomTree), fc.boolean(), (posts, withTable) => {
        const want = [...referenceDirectorateRoots(referenceHierarchy(posts), withTable ? table : undefined)];
        const h = buildHierarchy(posts);
        expect([...directorateRoots(h, withTable ? table : undefined)]).toEqual(want);
      }),
      { numRuns: runs(300) },
    );
  });

  it("numbers directorates in the order they first appear, equal names alike (property)", () => {
    fc.assert(
      fc.property(randomPostList, (posts) => {
        const { of, names } = buildHierarchy(posts).directorates;
        expect(names).toEqual([...new Set(posts.map((p) => p.directorate))]);
        posts.forEach((p, i) => expect(names[of[i]]).toBe(p.directorate));
      }),
      { numRuns: runs(200) },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// The steps built on the tree: scenarios and sides in one pass, org charts, structure tables.

const statuses = fc.constantFrom<PostStatus>("existing", "existing", "deleted", "new", "amended", "unaffected");
const tags = fc.constantFrom<string | undefined>(undefined, undefined, "", " ", "Legal JV", "not Legal JV", " legal  jv ", "Other");
/**
 * Restructure lists: a random tree, mostly reporting to one of the first posts (so managers have several
 * reports), sometimes to any post or a missing one (cycles, repeated ids), with statuses, scenarios, functions.
 */
const restructure = fc
  .array(
    fc.record({
      to: fc.option(fc.nat(40), { nil: null }),
      dup: fc.nat(9),
      status: statuses,
      scenario: tags,
      directorate: fc.constantFrom("", "Adults", "Children", "Growth"),
      division: fc.constantFrom("", "Care", "Schools", "Planning & Transport"),
      functions: fc.array(fc.constantFrom("Care", "care ", "Schools", "Planning and Transport", "Libraries", ""), { maxLength: 3 }),
      grade: fc.constantFrom("", "KR13", "KR15", "KR17", "ZZ1"),
      title: fc.constantFrom("", "Head", "=Director", "Manager"),
    }),
    { maxLength: 40 },
  )
  .map((rows) =>
    rows.map((r, i) => {
      const p = post({ id: r.dup === 0 && i > 0 ? `P${i - 1}` : `P${i}`, title: r.title, grade: r.grade, reportsTo: r.to === null ? null : r.to % 4 === 0 ? `P${r.to}` : `P${Math.floor((r.to % (i + 1)) / 3)}`, directorate: r.directorate, division: r.division, functions: r.functions, status: r.status }, i + 1);
      if (r.scenario !== undefined) p.scenario = r.scenario;
      return p;
    }),
  );
const choices = fc.constantFrom<ScenarioChoice>(undefined, null, "Legal JV", ["legal jv", "Other"], []);
const sides = fc.constantFrom<StructureSide | undefined>(undefined, "before", "after");

/** What a call returns or the message it throws. */
function outcome<T>(f: () => T): { value: T } | { error: string } {
  try {
    return { value: f() };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

describe("steps on the tree give what they gave before", () => {
  it("scenarioStructure is resolveScenario then structurePosts, with whether a status changes (property)", () => {
    fc.assert(
      fc.property(restructure, choices, fc.constantFrom<StructureSide>("before", "after"), (posts, choice, side) => {
        const resolved = resolveScenario(posts, choice);
        const got = scenarioStructure(posts, choice, side);
        expect(got.posts).toStrictEqual(structurePosts(resolved, side));
        expect(got.changed).toBe(resolved.some((p) => p.status !== "existing" && p.status !== "unaffected"));
      }),
      { numRuns: runs(300) },
    );
  });

  it("orgChart and orgCharts (property)", () => {
    fc.assert(
      fc.property(restructure, choices, sides, fc.array(fc.nat(45), { maxLength: 4 }), fc.nat(4), fc.boolean(), (posts, scenario, structure, tops, levels, showGradeAndFte) => {
        const options = { scenario, structure, levels, showGradeAndFte };
        const ids = tops.map((t) => ` P${t}`);
        for (const id of ids) expect(outcome(() => orgChart(posts, id, options))).toStrictEqual(outcome(() => referenceOrgChart(posts, id, options)));
        expect(outcome(() => orgCharts(posts, ids, options))).toStrictEqual(outcome(() => referenceOrgCharts(posts, ids, options)));
      }),
      { numRuns: runs(300) },
    );
  });

  it("structureTable, structureLayouts and allDirectorateStructures (property)", () => {
    const gradeTable = establishmentGradeTable();
    fc.assert(
      fc.property(restructure, choices, sides, fc.array(fc.nat(45), { maxLength: 4 }), fc.nat(3), fc.constantFrom<"list" | "grade" | undefined>(undefined, "list", "grade"), fc.boolean(), (posts, scenario, structure, tops, functionDepth, order, showGradeAndFte) => {
        const options = { scenario, structure, functionDepth, order, showGradeAndFte, gradeTable };
        const ids = tops.map((t) => `P${t} `);
        for (const id of ids) expect(outcome(() => structureTable(posts, id, options))).toStrictEqual(outcome(() => referenceStructureTable(posts, id, options)));
        expect(outcome(() => structureLayouts(posts, ids, options))).toStrictEqual(outcome(() => referenceStructureLayouts(posts, ids, options)));
        expect(allDirectorateStructures(posts, options)).toStrictEqual(referenceAllDirectorateStructures(posts, options));
        expect(allDirectorateStructures(posts, { scenario, structure })).toStrictEqual(referenceAllDirectorateStructures(posts, { scenario, structure }));
      }),
      { numRuns: runs(300) },
    );
  });
});

describe("PostIdIndex resolving reports-to and numbering directorates in its pass", () => {
  const poorHashes: [string, (s: string) => number][] = [
    ["idHash", idHash],
    ["a constant (every id collides)", () => 7],
    ["the length", (s) => s.length],
  ];
  it.each(poorHashes)("gives each post's first manager, -1 for blank, -2 for missing, hash %s (property)", (_name, hash) => {
    fc.assert(
      fc.property(fc.oneof(randomPostList, randomTree), (posts) => {
        const first = new Map<string, number>();
        posts.forEach((p, i) => {
          if (p.id !== "" && !first.has(p.id)) first.set(p.id, i);
        });
        const managers = new Int32Array(posts.length);
        const directorates = { of: new Int32Array(posts.length), names: [] as string[] };
        const index = new PostIdIndex(posts, hash, managers, directorates);
        expect([...index]).toEqual([...first]);
        posts.forEach((p, i) => {
          const to = p.reportsTo;
          expect(managers[i]).toBe(to === null || to === "" ? -1 : (first.get(to) ?? -2));
          expect(directorates.names[directorates.of[i]]).toBe(p.directorate);
        });
        expect(directorates.names).toEqual([...new Set(posts.map((p) => p.directorate))]);
      }),
      { numRuns: runs(200) },
    );
  });
});
