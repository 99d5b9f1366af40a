import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { orgChart, type OrgChartBox } from "../../src/core/posts/orgChart";
import { StructureError } from "../../src/core/posts/structureLayout";
import { post } from "../fixtures/postLists";
import { cleanDirectorate, generateEstablishment } from "../fixtures/postLists";

function overlaps(a: OrgChartBox, b: OrgChartBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function checkGeometry(chart: ReturnType<typeof orgChart>): void {
  for (let i = 0; i < chart.boxes.length; i++) {
    for (let j = i + 1; j < chart.boxes.length; j++) expect(overlaps(chart.boxes[i], chart.boxes[j]), `${chart.boxes[i].postId} / ${chart.boxes[j].postId}`).toBe(false);
  }
  for (const b of chart.boxes) {
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(chart.width + 1e-9);
    expect(b.y + b.height).toBeLessThanOrEqual(chart.height + 1e-9);
  }
  const byId = new Map(chart.boxes.map((b) => [b.postId, b]));
  for (const c of chart.connectors) {
    const to = byId.get(c.toPostId) as OrgChartBox;
    const end = c.points[c.points.length - 1];
    // Ends on the child's top edge or left edge.
    expect((end.y === to.y && end.x > to.x && end.x < to.x + to.width) || (end.x === to.x && end.y > to.y && end.y < to.y + to.height)).toBe(true);
  }
}

describe("org chart geometry", () => {
  it("puts the corporate director on top, directors beneath, heads stacked under their director", () => {
    const chart = orgChart(cleanDirectorate(), "SCPH001", { showGradeAndFte: true });
    const top = chart.boxes[0];
    expect(top).toMatchObject({ postId: "SCPH001", level: 0, style: "topPost", detail: "KR18 | 1.00 FTE" });
    const directors = chart.boxes.filter((b) => b.level === 1);
    expect(directors.map((b) => b.postId)).toEqual(["SCPH010", "SCPH020", "SCPH030", "SCPH040", "SCPH050"]);
    expect(new Set(directors.map((b) => b.y)).size).toBe(1);
    // Top centred over its reports.
    const mid = (directors[0].x + directors[directors.length - 1].x + directors[0].width) / 2;
    expect(top.x + top.width / 2).toBeCloseTo(mid, 6);
    const heads = chart.boxes.filter((b) => b.level === 2 && ["SCPH011", "SCPH012"].includes(b.postId));
    expect(heads[1].y).toBeGreaterThan(heads[0].y);
    expect(heads[0].x).toBeGreaterThan(directors[0].x);
    expect(chart.connectors).toHaveLength(chart.boxes.length - 1);
    checkGeometry(chart);
  });

  it("never overlaps boxes on random trees (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { maxLength: 40 }), fc.integer({ min: 0, max: 4 }), (parents, levels) => {
        const posts = [post({ id: "P0", title: "Top", grade: "KR18" }), ...parents.map((p, i) => post({ id: `P${i + 1}`, title: `Post ${i + 1}`, grade: "KR16", reportsTo: `P${Math.min(p, i)}` }))];
        const chart = orgChart(posts, "P0", { levels });
        checkGeometry(chart);
        return chart.boxes.every((b) => b.level <= levels);
      }),
    );
  });

  it("copes with the 5,000-post establishment and unknown ids", () => {
    const chart = orgChart(generateEstablishment(), "P00001", { levels: 2 });
    expect(chart.boxes.filter((b) => b.level === 1)).toHaveLength(6);
    checkGeometry(chart);
    expect(() => orgChart(cleanDirectorate(), "NOPE")).toThrow(StructureError);
  });
});
