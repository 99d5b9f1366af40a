import { describe, expect, it } from "vitest";
import { computeImpact } from "../../src/core/posts/impact";
import type { SheetLayout } from "../../src/core/layout";
import type { Post } from "../../src/core/posts/postList";
import type { ColumnChart } from "../../src/workbook/charts";
import { buildMembersPackLayouts } from "../../src/workbook/membersPack";
import { post } from "../fixtures/postLists";

const DATE = new Date(Date.UTC(2026, 10, 28));

/** Five posts at a grade with a status: "Officer 1" ... "Officer 5". */
function five(prefix: string, grade: string, status: Post["status"]): Post[] {
  return [1, 2, 3, 4, 5].map((i) => post({ id: `${prefix}${i}`, title: `${prefix} post ${i}`, grade, status }));
}

function packFor(posts: Post[]) {
  const impact = computeImpact(posts, { year: 2024 });
  return { impact, pack: buildMembersPackLayouts({ impacts: [{ name: "Libraries", impact }] }, { title: "Pack", date: DATE }) };
}

function cellText(layout: SheetLayout, row: number, col: number): unknown {
  const c = layout.cells.find((x) => x.row === row && x.col === col);
  return c?.value ?? c?.result;
}

describe("members' pack restructure figures read correctly", () => {
  it("5 existing and 5 new posts: establishment 5 -> 10, 5 created, 5 unchanged (not 0 -> 5)", () => {
    const { pack } = packFor([...five("A", "KR10", "existing"), ...five("N", "KR9", "new")]);
    expect(pack.figures.impacts[0]).toMatchObject({ establishmentBefore: 5, establishmentAfter: 10, deleted: 0, created: 5, unchanged: 5 });
    const summary = pack.layouts.find((l) => l.name === "Summary")!;
    const rows = new Map<string, unknown>();
    for (const c of summary.cells) if (c.col === 0 && typeof c.value === "string") rows.set(c.value, cellText(summary, c.row, 1));
    expect(rows.get("Libraries: establishment before (every post in scope)")).toBe(5);
    expect(rows.get("Libraries: establishment after")).toBe(10);
    expect(rows.get("Libraries: posts deleted")).toBe(0);
    expect(rows.get("Libraries: posts created")).toBe(5);
    expect(rows.get("Libraries: posts unchanged")).toBe(5);
  });

  it("5 deleted and 5 unchanged posts: 10 -> 5, and the chart compares the whole structure by grade", () => {
    const { pack, impact } = packFor([...five("D", "KR12", "deleted"), ...five("U", "KR8", "unaffected")]);
    expect(pack.figures.impacts[0]).toMatchObject({ establishmentBefore: 10, establishmentAfter: 5, deleted: 5, created: 0, unchanged: 5 });
    const sheet = pack.layouts.find((l) => l.name === "Restructure impact")!;
    const chart = pack.charts.find((c) => c.sheet === "Restructure impact")!.chart as ColumnChart;
    // The chart's categories and series are the establishment table: KR12 5 -> 0, KR8 5 -> 5.
    const r = chart.categories.row;
    expect([cellText(sheet, r, 0), cellText(sheet, r, 1), cellText(sheet, r, 2)]).toEqual(["KR12", 5, 0]);
    expect([cellText(sheet, r + 1, 0), cellText(sheet, r + 1, 1), cellText(sheet, r + 1, 2)]).toEqual(["KR8", 5, 5]);
    expect(chart.categories.rowCount).toBe(2);
    expect(chart.series.map((s) => s.values.row)).toEqual([r, r]);
    expect(chart.series.map((s) => s.values.col)).toEqual([1, 2]);
    // The paper's sentence stays, for the posts the proposal touches, labelled as such.
    const texts = sheet.cells.map((c) => c.value);
    expect(texts).toContain("These 5 posts are deleted: a net reduction of 5 posts.");
    expect(texts).toContain("Posts the proposal touches (deleted, amended and new; posts left unchanged are not counted here):");
    expect(texts).toContain("The establishment goes from 10 posts (10 FTE) to 5 posts (5 FTE).");
    expect(impact.sentence).toBe("These 5 posts are deleted: a net reduction of 5 posts.");
  });

  it("an amended post counts once on each side, at its previous grade before", () => {
    const amended = post({ id: "M1", title: "Manager", grade: "KR13", status: "amended", previous: { title: "Manager", grade: "KR12", fte: 1 } });
    const { impact } = packFor([amended, ...five("U", "KR8", "existing")]);
    expect(impact.establishment).toMatchObject({ before: { posts: 6, fte: 6 }, after: { posts: 6, fte: 6 }, amended: 1, unchanged: 5 });
    expect(impact.establishment.byGrade).toEqual([
      { grade: "KR13", before: 0, after: 1 },
      { grade: "KR12", before: 1, after: 0 },
      { grade: "KR8", before: 5, after: 5 },
    ]);
  });
});
