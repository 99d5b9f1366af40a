/**
 * Which direct reports of the top post are the structure table's columns, and which are noted under it: chosen
 * by role (who manages a team, what grade), not by whether a post leads functions.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Post } from "../../src/core/posts/postList";
import { structureLayout, structureTable } from "../../src/core/posts/structureLayout";
import { runs } from "../propertyRuns";
import { establishmentGradeTable, post } from "../fixtures/postLists";

const d = "Social Care";

/** A list with a Division column but no Functions column: each director's heads share the director's division. */
function divisionsOnly(): Post[] {
  return [
    post({ id: "CD", title: "Corporate Director Social Care", grade: "KR18", directorate: d }),
    post({ id: "DA", title: "Director Commissioning", grade: "KR17", reportsTo: "CD", directorate: d, division: "Commissioning" }),
    post({ id: "HA1", title: "Head of Contracts", grade: "KR16", reportsTo: "DA", directorate: d, division: "Commissioning" }),
    post({ id: "HA2", title: "Head of Market Shaping", grade: "KR16", reportsTo: "DA", directorate: d, division: "Commissioning" }),
    post({ id: "DB", title: "Director Children's Services", grade: "KR17", reportsTo: "CD", directorate: d, division: "Children's Services" }),
    post({ id: "HB1", title: "Head of Safeguarding", grade: "KR16", reportsTo: "DB", directorate: d, division: "Children's Services" }),
    post({ id: "HL", title: "Head of Libraries", grade: "KR16", reportsTo: "CD", directorate: d, division: "Libraries" }),
  ];
}

describe("structure table columns by role", () => {
  it("makes the directors columns in a list with divisions but no functions, listing their teams", () => {
    const t = structureTable(divisionsOnly(), "CD");
    expect(t.columns.map((c) => [c.post.id, c.functions])).toEqual([
      ["DA", ["Head of Contracts", "Head of Market Shaping"]],
      ["DB", ["Head of Safeguarding"]],
    ]);
    expect(t.notes).toEqual(["Head of Libraries is a direct report to the Corporate Director Social Care."]);
    const l = structureLayout(divisionsOnly(), "CD");
    expect(l.cells.toArray().filter((c) => c.style === "reportPost").map((c) => c.value)).toEqual(["Director Commissioning", "Director Children's Services"]);
  });

  it("notes a head of service who leads functions but has no team, rather than making it a director's column", () => {
    const posts = divisionsOnly().map((p) => (p.id === "HL" ? { ...p, functions: ["Libraries", "Registration"] } : p.id === "DA" ? { ...p, functions: ["Contracts"] } : p));
    const t = structureTable(posts, "CD");
    expect(t.columns.map((c) => c.post.id)).toEqual(["DA", "DB"]);
    expect(t.columns[0].functions).toEqual(["Contracts"]);
    expect(t.noted.map((p) => p.id)).toEqual(["HL"]);
  });

  it("with a grade table: a director without a team is a column, a head of service with a team graded below is noted", () => {
    const posts = [
      ...divisionsOnly(),
      post({ id: "HL1", title: "Library Manager", grade: "KR13", reportsTo: "HL", directorate: d }),
      post({ id: "DC", title: "Director Public Health", grade: "KR17", reportsTo: "CD", directorate: d, functions: ["Health Protection"] }),
    ];
    const t = structureTable(posts, "CD", { gradeTable: establishmentGradeTable() });
    expect(t.columns.map((c) => c.post.id)).toEqual(["DA", "DB", "DC"]);
    expect(t.noted.map((p) => p.id)).toEqual(["HL"]);
    // Without grades to rank, a report with a team, or on a manager's grade, is a column.
    expect(structureTable(posts, "CD").columns.map((c) => c.post.id)).toEqual(["DA", "DB", "HL", "DC"]);
  });

  it("every report with a team is a column, and a report with neither a team nor a manager's grade is noted, whatever functions it leads (property)", () => {
    const rows = fc.array(fc.record({ team: fc.nat(2), grade: fc.constantFrom("KR15", "KR16", "KR17"), functions: fc.array(fc.constantFrom("A", "B", "C"), { maxLength: 2 }) }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(rows, (reports) => {
        const posts: Post[] = [post({ id: "T", title: "Top", grade: "KR18", directorate: d })];
        reports.forEach((r, k) => {
          posts.push(post({ id: `R${k}`, title: `Report ${k}`, grade: r.grade, reportsTo: "T", directorate: d, functions: r.functions }));
          for (let m = 0; m < r.team; m++) posts.push(post({ id: `R${k}M${m}`, title: `Team ${k}.${m}`, grade: "KR10", reportsTo: `R${k}`, directorate: d }));
        });
        const t = structureTable(posts, "T");
        const columns = new Set(t.columns.map((c) => c.post.id));
        const anyTeam = reports.some((r) => r.team > 0);
        const teamGrades = new Set(reports.filter((r) => r.team > 0).map((r) => r.grade));
        reports.forEach((r, k) => {
          const want = !anyTeam || r.team > 0 || teamGrades.has(r.grade);
          expect(columns.has(`R${k}`)).toBe(want);
        });
        expect(t.columns.length + t.noted.length).toBe(reports.length);
      }),
      { numRuns: runs(200) },
    );
  });
});
