/**
 * Which posts a directorate's structure table shows: every post at the top of the directorate (a directorate
 * with several has no single head, and its table says so), and every direct report of a single head, as a
 * column or a note.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Post } from "../../src/core/posts/postList";
import { allDirectorateStructures, allDirectorateTables } from "../../src/core/posts/structureLayout";
import { runs } from "../propertyRuns";
import { post } from "../fixtures/postLists";

const SCS = "Strategic and Corporate Services";

/** Three directors in one directorate, each reporting to the Chief Executive, who is in another. */
function directorsUnderChiefExecutive(): Post[] {
  return [
    post({ id: "CE", title: "Chief Executive", grade: "KR20", directorate: "Chief Executive's Office" }),
    post({ id: "D1", title: "Director Finance", grade: "KR17", reportsTo: "CE", directorate: SCS, functions: ["Finance", "Audit"] }),
    post({ id: "D2", title: "Director ICT", grade: "KR17", reportsTo: "CE", directorate: SCS, functions: ["ICT", "Digital"] }),
    post({ id: "D3", title: "Director HR", grade: "KR17", reportsTo: "CE", directorate: SCS, functions: ["HR", "OD"] }),
  ];
}

const texts = (posts: Post[], directorate: string): string[] => {
  const i = allDirectorateTables(posts).findIndex((t) => t.directorate === directorate);
  return allDirectorateStructures(posts)[i].cells.toArray().map((c) => String(c.value ?? ""));
};

describe("a directorate with no single head", () => {
  it("shows every director reporting to the Chief Executive side by side, with a note", () => {
    const posts = directorsUnderChiefExecutive();
    const { table } = allDirectorateTables(posts).find((t) => t.directorate === SCS)!;
    expect(table.top).toBeNull();
    expect(table.heading).toBe(SCS);
    expect(table.columns.map((c) => [c.post.title, c.functions])).toEqual([
      ["Director Finance", ["Finance", "Audit"]],
      ["Director ICT", ["ICT", "Digital"]],
      ["Director HR", ["HR", "OD"]],
    ]);
    expect(table.notes).toEqual([`${SCS} has no single head: its 3 top posts (Director Finance, Director ICT and Director HR) are shown side by side, and each reports to the Chief Executive.`]);
    const cells = texts(posts, SCS);
    for (const t of ["Director Finance", "Director ICT", "Director HR", "Digital", "OD"]) expect(cells).toContain(t);
  });

  it("shows every post left at the top when the proposals delete the corporate director", () => {
    const d = "Social Care";
    const posts = [
      post({ id: "CD", title: "Corporate Director Social Care", grade: "KR18", directorate: d, status: "deleted", postholders: 1 }),
      post({ id: "DA", title: "Director Commissioning", grade: "KR17", reportsTo: "CD", directorate: d, functions: ["Contracts"] }),
      post({ id: "HA1", title: "Head of Contracts", grade: "KR16", reportsTo: "DA", directorate: d, functions: ["Procurement"] }),
      post({ id: "DB", title: "Director Children's Services", grade: "KR17", reportsTo: "CD", directorate: d, functions: ["Safeguarding"] }),
      post({ id: "HL", title: "Head of Libraries", grade: "KR16", reportsTo: "CD", directorate: d, functions: ["Libraries"] }),
    ];
    const { table } = allDirectorateTables(posts).find((t) => t.directorate === d)!;
    expect(table.top).toBeNull();
    expect(table.columns.map((c) => c.post.id)).toEqual(["DA", "DB", "HL"]);
    expect(table.columns[0].functions).toEqual(["Contracts", "Procurement"]);
    expect(table.notes[0]).toBe(`${d} has no single head: its 3 top posts (Director Commissioning, Director Children's Services and Head of Libraries) are shown side by side.`);
    expect(table.subtitle).toBe("Structure after the proposals, from the post list.");
    const cells = texts(posts, d);
    expect(cells[cells.indexOf(d)]).toBe(d);
    expect(cells).toContain("Head of Libraries");
    expect(cells.some((c) => c.includes("has no single head"))).toBe(true);
  });

  it("every post at the top of a directorate is in its table, and every direct report of a single head is a column or a note (property)", () => {
    const directorates = ["Adults", "Children", "Growth"];
    const lists = fc
      .array(fc.record({ to: fc.option(fc.nat(30), { nil: null }), d: fc.nat(2), missing: fc.nat(9) }), { minLength: 1, maxLength: 30 })
      .map((rows) =>
        rows.map((r, i) =>
          post({
            id: `P${i}`,
            title: `Post ${i}`,
            grade: "KR15",
            // Managers come earlier in the list (no cycles), or are missing from it.
            reportsTo: r.to === null || i === 0 ? null : r.missing === 0 ? "CEX" : `P${r.to % i}`,
            directorate: directorates[r.d],
            functions: [`F${i}`],
          }),
        ),
      );
    fc.assert(
      fc.property(lists, (posts) => {
        const tables = allDirectorateTables(posts);
        const byId = new Map(posts.map((p) => [p.id, p]));
        for (const d of directorates) {
          const members = posts.filter((p) => p.directorate === d);
          const found = tables.filter((t) => t.directorate === d);
          expect(found).toHaveLength(members.length > 0 ? 1 : 0);
          if (members.length === 0) continue;
          const { table } = found[0];
          const tops = members.filter((p) => p.reportsTo === null || byId.get(p.reportsTo)?.directorate !== d).map((p) => p.id);
          if (tops.length === 1) {
            expect(table.top?.id).toBe(tops[0]);
            const shown = [...table.columns.map((c) => c.post.id), ...table.noted.map((p) => p.id)];
            expect(shown.sort()).toEqual(posts.filter((p) => p.reportsTo === tops[0]).map((p) => p.id).sort());
          } else {
            expect(table.top).toBeNull();
            expect(table.columns.map((c) => c.post.id).sort()).toEqual([...tops].sort());
            expect(table.notes.some((n) => n.startsWith(`${d} has no single head`))).toBe(true);
          }
        }
      }),
      { numRuns: runs(200) },
    );
  });
});
