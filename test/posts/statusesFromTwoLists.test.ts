/**
 * statusesFromTwoLists against the merge as it was (a Map and a Set of ids, the list grown by push), on random
 * lists and on the lists it mostly meets: an after list that is the before list in the same
 * order with posts deleted, added, changed and ids repeated, which its in-order fast path takes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseGrade } from "../../src/core/grades";
import { statusesFromTwoLists } from "../../src/core/posts/impact";
import type { Post } from "../../src/core/posts/postList";
import { post } from "../fixtures/postLists";
import { runs } from "../propertyRuns";

/** The merge as it was before the id index: a Map of each after id's first post, a Set of the before ids. */
function referenceStatuses(before: readonly Post[], after: readonly Post[]): Post[] {
  const afterById = new Map<string, Post>();
  for (const p of after) if (p.id !== "" && !afterById.has(p.id)) afterById.set(p.id, p);
  const beforeIds = new Set(before.map((p) => p.id));
  const out: Post[] = [];
  for (const b of before) {
    const a = b.id === "" ? undefined : afterById.get(b.id);
    if (!a) {
      out.push({ ...b, status: "deleted" });
      continue;
    }
    const changed = a.title !== b.title || normaliseGrade(a.grade) !== normaliseGrade(b.grade) || Math.abs(a.fte - b.fte) > 1e-9;
    const merged: Post = { ...a, status: changed ? "amended" : "unaffected", postholders: b.postholders };
    if (changed) merged.previous = { title: b.title, grade: b.grade, fte: b.fte };
    out.push(merged);
  }
  for (const a of after) if (a.id === "" || !beforeIds.has(a.id)) out.push({ ...a, status: "new", postholders: 0 });
  return out;
}

const ids = fc.oneof({ weight: 1, arbitrary: fc.constant("") }, { weight: 8, arbitrary: fc.stringMatching(/^[A-H]{1,2}$/) });
const postArb = fc.record({
  id: ids,
  title: fc.constantFrom("", "Head", "Officer"),
  grade: fc.constantFrom("", "KR13", "KR15", "kr 15", "KR17"),
  fte: fc.constantFrom(0, 0.5, 1, 1.0000000001),
  postholders: fc.nat(2),
});
const postList = fc.array(postArb, { maxLength: 40 }).map((rows) => rows.map((r, i) => post(r, i + 1)));

/** An after list from a before list, in its order: each post kept (as it is, or copied with a change), dropped, or followed by a post added. */
const edit = fc.constantFrom("keep", "keep", "keep", "copy", "retitle", "regrade", "drop", "add");
const alignedLists = fc.tuple(postList, fc.array(edit, { minLength: 40, maxLength: 40 }), fc.array(postArb, { minLength: 40, maxLength: 40 })).map(([before, edits, extra]) => {
  const after: Post[] = [];
  before.forEach((b, k) => {
    const e = edits[k];
    if (e === "keep") after.push(b);
    else if (e === "copy") after.push({ ...b, id: `${b.id}` });
    else if (e === "retitle") after.push({ ...b, title: `${b.title} (new)` });
    else if (e === "regrade") after.push({ ...b, grade: b.grade === "KR15" ? "kr 15" : "KR17" });
    else if (e === "add") after.push(b, post(extra[k], 100 + k));
  });
  return [before, after] as const;
});

describe("statusesFromTwoLists", () => {
  it("gives the merged list it gave before, on random lists (property)", () => {
    fc.assert(
      fc.property(postList, postList, (before, after) => {
        expect(statusesFromTwoLists(before, after)).toStrictEqual(referenceStatuses(before, after));
      }),
      { numRuns: runs(300) },
    );
  });

  it("gives the merged list it gave before, on an after list edited from the before list in order (property)", () => {
    fc.assert(
      fc.property(alignedLists, ([before, after]) => {
        expect(statusesFromTwoLists(before, after)).toStrictEqual(referenceStatuses(before, after));
      }),
      { numRuns: runs(500) },
    );
  });

  it("matches the first after post with an id even when a later one comes next in order (a repeat of a matched id is not new)", () => {
    const before = [post({ id: "A", title: "x", grade: "KR13" }, 1), post({ id: "B", title: "y", grade: "KR13" }, 2)];
    const after = [post({ id: "B", title: "first B", grade: "KR13" }, 1), post({ id: "A", title: "x", grade: "KR13" }, 2), post({ id: "B", title: "y", grade: "KR13" }, 3)];
    const merged = statusesFromTwoLists(before, after);
    expect(merged.map((p) => `${p.id} ${p.title} ${p.status}`)).toEqual(["A x unaffected", "B first B amended"]);
    expect(merged).toStrictEqual(referenceStatuses(before, after));
  });
});
