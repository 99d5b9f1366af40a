/**
 * The post id index (an open-addressing table in typed arrays, src/core/posts/idIndex.ts) and the steps made
 * linear and cache-friendly with it, checked against the code they replaced, kept here as references, on
 * random lists with blank and repeated ids (and, for the index, with poor hashes that make every probe collide).
 * directorateRoots and statusesFromTwoLists are held to their earlier code in ./hierarchyLinear.test.ts and
 * ./statusesFromTwoLists.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/findings";
import { analysePosts, postName } from "../../src/core/posts/checks/analysis";
import { duplicatePostId } from "../../src/core/posts/checks/rules/duplicatePostId";
import { buildHierarchy } from "../../src/core/posts/hierarchy";
import { idHash, PostIdIndex } from "../../src/core/posts/idIndex";
import type { Post } from "../../src/core/posts/postList";
import { runPostRules } from "../../src/core/posts/postListChecks";
import { describeRows } from "../../src/core/words";
import { runs } from "../propertyRuns";
import { post } from "../fixtures/postLists";

// ---------------------------------------------------------------------------------------------------------
// The references: the code before the index.

function referenceIndex(posts: readonly Post[]): Map<string, number> {
  const index = new Map<string, number>();
  posts.forEach((p, i) => {
    if (p.id !== "" && !index.has(p.id)) index.set(p.id, i);
  });
  return index;
}

function referenceDuplicates(posts: readonly Post[]): Finding[] {
  const rule = {
    ...duplicatePostId,
    check: (a: ReturnType<typeof analysePosts>, report: Parameters<typeof duplicatePostId.check>[1]): void => {
      const byId = new Map<string, Post[]>();
      for (const p of a.posts) {
        if (p.id === "") continue;
        const list = byId.get(p.id) ?? [];
        list.push(p);
        byId.set(p.id, list);
      }
      for (const [id, list] of byId) {
        for (const p of list.slice(1)) {
          report(p, "id", `Post ID ${id} is used by ${list.length} posts (${describeRows(list.map((q) => q.row + 1))}): each post needs its own ID.`, `Give ${postName(p)} a new post ID and check who reports to ${id}.`);
        }
      }
      // Spellings in other capitals: the first post of each spelling, grouped by capitals in list order.
      const bySpelling = new Map<string, Post[]>();
      for (const [, list] of byId) {
        const key = list[0].id.toUpperCase();
        bySpelling.set(key, [...(bySpelling.get(key) ?? []), list[0]]);
      }
      const later: [Post, Post][] = [];
      for (const list of bySpelling.values()) {
        const [kept, ...rest] = [...list].sort((x, y) => a.posts.indexOf(x) - a.posts.indexOf(y));
        for (const p of rest) later.push([p, kept]);
      }
      later.sort((x, y) => a.posts.indexOf(x[0]) - a.posts.indexOf(y[0]));
      for (const [p, kept] of later) {
        report(
          p,
          "id",
          `Post ID ${p.id} differs from ${kept.id} (row ${kept.row + 1}) only in capitals. Excel's lookups and filters take them for one ID, but post IDs are matched exactly here, so they are two posts, and a reports-to names only the one typed the same way.`,
          `If ${postName(p)} is another post, give it its own post ID; if it is ${kept.id} listed again, remove one of the two rows.`,
          "warning",
        );
      }
    },
  };
  return runPostRules(analysePosts(posts), [rule]);
}

// ---------------------------------------------------------------------------------------------------------
// Random lists: ids from a few letters (so ids repeat), blank ids, reports-to within the list or not.

const ids = fc.oneof({ weight: 1, arbitrary: fc.constant("") }, { weight: 6, arbitrary: fc.stringMatching(/^[ABab]{1,3}$/) }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) });
const grades = fc.constantFrom("", "KR13", "KR14", "KR15", "kr 15", " KR15 ", "KR16", "KR17", "ZZ1");
const directorates = fc.constantFrom("", "Adults", "Children", "Growth");
const postArb = fc.record({
  id: ids,
  title: fc.constantFrom("", "Head", "Manager", "Officer"),
  grade: grades,
  fte: fc.constantFrom(0, 0.5, 1, 1.0000000001),
  reportsTo: fc.option(ids, { nil: null }),
  directorate: directorates,
  postholders: fc.nat(2),
  row: fc.nat(6),
});
const postList = fc.array(postArb, { maxLength: 40 }).map((rows) => rows.map((r) => post(r, r.row)));

const hashes: [string, (s: string) => number][] = [
  ["idHash", idHash],
  ["a constant (every id collides)", () => 7],
  ["the length", (s) => s.length],
];

describe("PostIdIndex", () => {
  it.each(hashes)("gives what a Map filled with first occurrences gives, hash %s (property)", (_name, hash) => {
    fc.assert(
      fc.property(postList, fc.array(ids, { maxLength: 10 }), (posts, probes) => {
        const index = new PostIdIndex(posts, hash);
        const ref = referenceIndex(posts);
        expect(index.size).toBe(ref.size);
        expect([...index]).toEqual([...ref]);
        expect([...index.keys()]).toEqual([...ref.keys()]);
        expect([...index.values()]).toEqual([...ref.values()]);
        posts.forEach((p, i) => expect(index.firstOccurrence[i]).toBe(p.id === "" ? -1 : ref.get(p.id)));
        for (const id of [...posts.map((p) => p.id), ...probes]) {
          expect(index.get(id)).toBe(ref.get(id));
          expect(index.has(id)).toBe(ref.has(id));
        }
      }),
      { numRuns: runs(200) },
    );
  });

  it("hashes every UTF-16 unit (ids differing only late or in case land apart)", () => {
    expect(idHash("P00001")).not.toBe(idHash("P00002"));
    expect(idHash("ab")).not.toBe(idHash("AB"));
    expect(idHash("")).toBe(idHash(""));
  });
});

describe("steps on the id index", () => {
  it("buildHierarchy gives the same tree as before (property)", () => {
    fc.assert(
      fc.property(postList, (posts) => {
        const h = buildHierarchy(posts);
        const ref = referenceIndex(posts);
        expect([...h.index]).toEqual([...ref]);
        posts.forEach((p, i) => {
          const to = p.reportsTo;
          const j = to === null || to === "" ? undefined : ref.get(to);
          expect(h.parent[i]).toBe(j ?? -1);
        });
        expect(h.roots).toEqual(posts.flatMap((p, i) => (p.reportsTo === null || p.reportsTo === "" ? [i] : [])));
        expect(h.orphans).toEqual(posts.flatMap((p, i) => (p.reportsTo !== null && p.reportsTo !== "" && !ref.has(p.reportsTo) ? [i] : [])));
      }),
      { numRuns: runs(200) },
    );
  });

  it("duplicate-post-id gives the same findings as before (property)", () => {
    fc.assert(
      fc.property(postList, (posts) => {
        expect(runPostRules(analysePosts(posts), [duplicatePostId])).toEqual(referenceDuplicates(posts));
      }),
      { numRuns: runs(300) },
    );
  });
});
