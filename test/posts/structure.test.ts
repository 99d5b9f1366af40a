import { describe, expect, it } from "vitest";
import { allDirectorateStructures, functionsLed, postDetailText, structureLayout, structureLayouts, structureTable, StructureError } from "../../src/core/posts/structureLayout";
import { buildHierarchy } from "../../src/core/posts/hierarchy";
import { layoutExtent, type LayoutCell, type SheetLayout } from "../../src/core/layout";
import { cleanDirectorate, establishmentGradeTable, generateEstablishment, post, SCPH, scsRestructure } from "../fixtures/postLists";

const at = (l: SheetLayout, r: number, c: number): LayoutCell | undefined => l.cells.find((x) => x.row === r && x.col === c);

describe("structure table", () => {
  it("draws domain.md's table: corporate director across the top, a column per director, their functions", () => {
    const l = structureLayout(cleanDirectorate(), "SCPH001");
    expect(at(l, 0, 0)?.value).toBe(`${SCPH}: structure`);
    expect(at(l, 3, 0)).toMatchObject({ value: "Corporate Director Social Care and Public Health", style: "topPost" });
    expect(l.merges).toContainEqual({ row: 3, col: 0, rowCount: 1, colCount: 4 });
    expect([0, 1, 2, 3].map((c) => at(l, 4, c)?.value)).toEqual(["Director Commissioning", "Director Specialist Children's Services", "Director Older People and Physical Disability", "Director Public Health"]);
    expect([0, 1, 2, 3].map((c) => at(l, 4, c)?.style)).toEqual(["reportPost", "reportPost", "reportPost", "reportPost"]);
    expect([0, 1, 2, 3].map((c) => at(l, 5, c)?.value)).toEqual(["Children's Health Commissioning", "Initial Duty and Assessment", "Enablement", "Health Improvement"]);
    expect([0, 1, 2, 3].map((c) => at(l, 6, c)?.value)).toEqual(["Contracts and Procurement", "Child Protection", "Adult Protection", "Health Protection"]);
    // Functions from the posts beneath, deduplicated ("Contracts & Procurement" = "Contracts and Procurement").
    expect([0, 1, 2, 3].map((c) => at(l, 7, c)?.value ?? null)).toEqual([null, "Children in Care", "Deprivation of Liberty Safeguards", null]);
    expect(at(l, 7, 0)?.style).toBe("function"); // padded, bordered
    expect(at(l, 9, 0)).toMatchObject({ value: "Head of Business Support is a direct report to the Corporate Director Social Care and Public Health.", style: "note" });
    expect(l.merges).toContainEqual({ row: 9, col: 0, rowCount: 1, colCount: 4 });
    expect(l.print).toMatchObject({ orientation: "landscape", fitToWidth: true, repeatRows: { first: 3, last: 4 } });
    expect(l.columnWidths).toHaveLength(4);
    expect(l.columnWidths.every((w) => w >= 18 && w <= 34)).toBe(true);
    expect(layoutExtent(l)).toEqual({ rows: 10, cols: 4 });
  });

  it("shows grade and FTE under each title when asked", () => {
    const l = structureLayout(cleanDirectorate(), "SCPH001", { showGradeAndFte: true });
    expect(at(l, 4, 0)).toMatchObject({ value: "KR18 | 1.00 FTE", style: "postDetail" });
    expect(l.merges).toContainEqual({ row: 4, col: 0, rowCount: 1, colCount: 4 });
    expect(at(l, 6, 2)).toMatchObject({ value: "KR17 | 1.00 FTE", style: "postDetail" });
    expect(at(l, 7, 0)?.value).toBe("Children's Health Commissioning");
    expect(l.print.repeatRows).toEqual({ first: 3, last: 6 });
    expect(postDetailText(post({ id: "x", title: "x", grade: "", fte: 0.5 }))).toBe("grade not given | 0.50 FTE");
  });

  it("writes titles starting with = as text values, never formulas", () => {
    const posts = cleanDirectorate().map((p) => (p.id === "SCPH020" ? { ...p, title: "=HYPERLINK(\"http://x\",\"Director\")" } : p.id === "SCPH050" ? { ...p, title: "+Head of Business Support" } : p));
    const l = structureLayout(posts, "SCPH001");
    expect(l.cells.some((c) => c.formula !== undefined)).toBe(false);
    expect(at(l, 4, 1)?.value).toBe("=HYPERLINK(\"http://x\",\"Director\")");
    expect(l.cells.some((c) => c.value === "+Head of Business Support is a direct report to the Corporate Director Social Care and Public Health.")).toBe(true);
  });

  it("draws the structure after the proposals, following the scenario", () => {
    const t = structureTable(scsRestructure(), "SCS000");
    // General Counsel (KR17) reports to the Head of Paid Service beside the corporate directors (KR18): a note.
    expect(t.columns.map((c) => c.post.id)).toEqual(["SCS201", "SCS202"]);
    expect(t.notes).toEqual(["General Counsel is a direct report to the Head of Paid Service."]);
    expect(t.columns.find((c) => c.post.id === "SCS202")?.functions).toEqual(["Infrastructure", "ICT", "Property", "Strategy and Policy", "Policy", "Strategic Relationships", "Corporate Assurance", "Human Resources", "HR", "Organisational Development"]);
    expect(t.subtitle).toBe("Structure after the proposals, from the post list.");
    const jv = structureTable(scsRestructure(), "SCS000", { scenario: "Legal JV" });
    expect(jv.columns.map((c) => c.post.id)).toEqual(["SCS201", "SCS202"]);
    expect(jv.subtitle).toContain("scenario: Legal JV");
    const before = structureTable(scsRestructure(), "SCS000", { structure: "before" });
    expect(before.columns.map((c) => c.post.id)).toEqual(["SCS101", "SCS102", "SCS103"]);
    expect(before.noted.map((p) => p.id)).toEqual(["SCS130"]);
    expect(() => structureTable(scsRestructure(), "SCS101")).toThrow(StructureError);
    expect(() => structureTable(scsRestructure(), "NOPE")).toThrow(/no post with ID NOPE/);
  });

  it("lists functions from deeper levels when asked", () => {
    const posts = cleanDirectorate();
    const h = buildHierarchy(posts);
    // Each post beneath: its division, then its functions.
    expect(functionsLed(h, 0, 1)).toEqual(["Commissioning", "Children's Health Commissioning", "Contracts and Procurement", "Specialist Children's Services", "Initial Duty and Assessment", "Child Protection", "Older People and Physical Disability", "Enablement", "Adult Protection", "Public Health", "Health Improvement", "Health Protection"]);
    expect(functionsLed(h, 0, 2)).toContain("Deprivation of Liberty Safeguards");
  });

  it("a top post with one report gets a single wide column and portrait print", () => {
    const posts = [post({ id: "A", title: "Chief Executive", grade: "KR20" }), post({ id: "B", title: "Director of Everything", grade: "KR17", reportsTo: "A", functions: ["All"] })];
    const l = structureLayout(posts, "A");
    expect(l.merges).toEqual([]);
    expect(l.print.orientation).toBe("portrait");
    expect(at(l, 5, 0)?.value).toBe("All");
  });

  it("builds one table per directorate of the 5,000-post establishment", () => {
    const est = generateEstablishment();
    const layouts = allDirectorateStructures(est, { gradeTable: establishmentGradeTable() });
    // Sheet names shortened by whole words (never cut mid-word at 31 characters).
    expect(layouts.map((l) => l.name)).toEqual([
      "Structure Chief Executive's",
      "Structure Child, Young People",
      "Structure Adult Soc Care & Hlth",
      "Structure Growth, Env & Transp",
      "Structure Strategic & Corp Svcs",
      "Structure Finance",
      "Structure Public Health",
    ]);
    expect(new Set(layouts.map((l) => l.name)).size).toBe(layouts.length);
    const ce = layouts[0];
    expect(at(ce, 3, 0)?.value).toBe("Head of Paid Service");
    expect(ce.cells.filter((c) => c.style === "reportPost")).toHaveLength(6);
    for (const l of layouts.slice(1)) {
      expect(at(l, 3, 0)?.value).toMatch(/^Corporate Director /);
      const reports = l.cells.filter((c) => c.style === "reportPost").length;
      expect(reports).toBeGreaterThanOrEqual(3);
      expect(l.merges[0]).toEqual({ row: 3, col: 0, rowCount: 1, colCount: reports });
    }
  });

  it("builds several tables from one hierarchy with unique sheet names", () => {
    const posts = cleanDirectorate();
    const ls = structureLayouts(posts, ["SCPH001", "SCPH010", "SCPH020"]);
    // Sheet names shortened by whole words (never cut mid-word at 31 characters).
    expect(ls.map((l) => l.name)).toEqual(["Structure Corp Dir Soc Care", "Structure Dir Commissioning", "Structure Dir Spec Child Svcs"]);
    expect(ls[1].cells.find((c) => c.style === "topPost")?.value).toBe("Director Commissioning");
    expect(ls[1].cells.filter((c) => c.style === "reportPost")).toHaveLength(2);
    expect(() => structureLayouts(posts, ["SCPH001", "ZZZ"])).toThrow(StructureError);
    const twice = structureLayouts(posts, ["SCPH001", "SCPH001"]).map((l) => l.name);
    expect(twice[0]).toBe("Structure Corp Dir Soc Care");
    expect(twice[1]).toBe("Structure Corp Dir Soc Care (2)");
    expect(twice[1].length).toBeLessThanOrEqual(31);
  });
});
