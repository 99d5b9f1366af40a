import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildHierarchy, descendants, directorateRoots, levelsBelow, managersOf, spanOf, subtreeSizes } from "../../src/core/posts/hierarchy";
import { SAMPLE_GRADE_TABLE } from "../../src/core/grades";
import type { Post } from "../../src/core/posts/postList";
import { cleanDirectorate, establishmentGradeTable, generateEstablishment, post } from "../fixtures/postLists";

const chain = (ids: [string, string | null][]): Post[] => ids.map(([id, to], i) => post({ id, title: id, grade: "KR16", reportsTo: to }, i + 1));

describe("hierarchy", () => {
  it("gives tiers, spans and descendants of a clean directorate", () => {
    const posts = cleanDirectorate();
    const h = buildHierarchy(posts);
    const at = (id: string) => h.index.get(id) as number;
    expect(h.roots).toEqual([0]);
    expect(h.orphans).toEqual([]);
    expect(h.cycles).toEqual([]);
    expect(h.tier[at("SCPH001")]).toBe(1);
    expect(h.tier[at("SCPH010")]).toBe(2);
    expect(h.tier[at("SCPH042")]).toBe(3);
    expect(spanOf(h, at("SCPH001"))).toBe(5);
    expect(descendants(h, at("SCPH010")).map((i) => posts[i].id)).toEqual(["SCPH011", "SCPH012"]);
    expect(descendants(h, at("SCPH001"))).toHaveLength(posts.length - 1);
    expect(descendants(h, at("SCPH001"), 1)).toHaveLength(5);
    expect(levelsBelow(h)[at("SCPH001")]).toBe(2);
    expect(subtreeSizes(h)[at("SCPH001")]).toBe(13);
    expect(managersOf(h, at("SCPH042")).map((i) => posts[i].id)).toEqual(["SCPH040", "SCPH001"]);
  });

  it("finds cycles, orphans and leaves posts under a cycle without a tier", () => {
    const posts = chain([
      ["A", null],
      ["B", "C"],
      ["C", "D"],
      ["D", "B"],
      ["E", "D"],
      ["F", "ZZZ"],
      ["G", "F"],
      ["H", "H"],
    ]);
    const h = buildHierarchy(posts);
    expect(h.cycles.map((c) => c.map((i) => posts[i].id))).toEqual([["B", "C", "D"], ["H"]]);
    expect(h.orphans.map((i) => posts[i].id)).toEqual(["F"]);
    expect([...h.tier]).toEqual([1, 0, 0, 0, 0, 1, 2, 0]);
    expect(descendants(h, 1).map((i) => posts[i].id).sort()).toEqual(["C", "D", "E"]);
    expect(managersOf(h, 4).map((i) => posts[i].id)).toEqual(["D", "B", "C"]);
  });

  it("uses the first of duplicate ids", () => {
    const posts = chain([
      ["A", null],
      ["A", null],
      ["B", "A"],
    ]);
    const h = buildHierarchy(posts);
    expect(h.parent[2]).toBe(0);
  });

  it("on any reports-to graph: tiers follow managers, every cycle is a real cycle (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.nat(60), { nil: null }), { maxLength: 60 }), (links) => {
        const posts = links.map((to, i) => post({ id: `P${i}`, title: `P${i}`, grade: "KR16", reportsTo: to === null ? null : `P${to}` }, i));
        const h = buildHierarchy(posts);
        for (let i = 0; i < posts.length; i++) {
          const p = h.parent[i];
          if (h.tier[i] > 1 && h.tier[i] !== h.tier[p] + 1) return false;
          if (h.tier[i] === 0 && h.inCycle[i] === 0 && p >= 0 && h.tier[p] !== 0) return false;
        }
        for (const c of h.cycles) {
          for (let k = 0; k < c.length; k++) if (h.parent[c[k]] !== c[(k + 1) % c.length]) return false;
        }
        const inCycles = h.cycles.reduce((s, c) => s + c.length, 0);
        return inCycles === h.inCycle.reduce((s, x) => s + x, 0);
      }),
    );
  });

  it("handles 5,000 posts and a 5,000-long chain without recursion", () => {
    const est = generateEstablishment();
    const h = buildHierarchy(est);
    expect(h.roots).toHaveLength(1);
    expect(h.orphans).toHaveLength(0);
    expect(Math.max(...h.tier)).toBe(6);
    const long = Array.from({ length: 5000 }, (_, i) => post({ id: `C${i}`, title: "x", grade: "KR13", reportsTo: i === 0 ? null : `C${i - 1}` }, i));
    const hl = buildHierarchy(long);
    expect(hl.tier[4999]).toBe(5000);
    expect(levelsBelow(hl)[0]).toBe(4999);
    const ring = long.map((p, i) => ({ ...p, reportsTo: `C${(i + 1) % 5000}` }));
    expect(buildHierarchy(ring).cycles[0]).toHaveLength(5000);
  });

  it("finds each directorate's top post", () => {
    const est = generateEstablishment();
    const h = buildHierarchy(est);
    const roots = directorateRoots(h, establishmentGradeTable());
    expect(roots.size).toBe(7);
    for (const [d, list] of roots) {
      const top = est[list[0]];
      if (d === "Chief Executive's Department") expect(top.title).toBe("Head of Paid Service");
      else expect(top.title).toBe(`Corporate Director ${d}`);
    }
    const clean = cleanDirectorate();
    expect(directorateRoots(buildHierarchy(clean), SAMPLE_GRADE_TABLE).get("Social Care and Public Health")).toEqual([0]);
  });
});
