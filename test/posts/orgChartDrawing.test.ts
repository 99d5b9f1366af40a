import { describe, expect, it } from "vitest";
import { orgChart } from "../../src/core/posts/orgChart";
import { ORG_CHART_MAX_BOXES, orgChartDrawing, orgChartPages, orgChartPagesOf } from "../../src/core/posts/orgChartDrawing";
import { printAreaFor } from "../../src/excel/orgChartShapes";
import { cleanDirectorate, generateEstablishment, scsRestructure } from "../fixtures/postLists";

describe("the plan of org chart shapes", () => {
  it("puts every box and line where core's geometry says, moved only by the origin, with title, grade and FTE", () => {
    const chart = orgChart(cleanDirectorate(), "SCPH001", { showGradeAndFte: true });
    const plan = orgChartDrawing(chart, "Org chart", { x: 12, y: 36 });
    expect(plan.boxes).toHaveLength(chart.boxes.length);
    chart.boxes.forEach((b, i) => {
      const d = plan.boxes[i];
      expect([d.postId, d.left, d.top, d.width, d.height]).toEqual([b.postId, b.x + 12, b.y + 36, b.width, b.height]);
      expect(d.lines.slice(0, 2)).toEqual([b.title, b.detail]);
    });
    expect(plan.boxes[0].lines).toEqual(["Corporate Director Social Care and Public Health", "KR18 | 1.00 FTE"]);
    // One line per connector segment that has a length (a report straight below its manager has a zero-length bar).
    const segments = chart.connectors.reduce((n, c) => n + c.points.slice(1).filter((p, k) => p.x !== c.points[k].x || p.y !== c.points[k].y).length, 0);
    expect(plan.lines).toHaveLength(segments);
    const c0 = chart.connectors[0];
    expect(plan.lines[0]).toEqual({ x1: c0.points[0].x + 12, y1: c0.points[0].y + 36, x2: c0.points[1].x + 12, y2: c0.points[1].y + 36 });
    expect(plan.width).toBe(chart.width + 12);
    expect(plan.height).toBe(chart.height + 36);
  });

  it("marks new posts in the proposed structure and deleted posts in the current one", () => {
    const posts = scsRestructure();
    const top = posts.find((p) => p.reportsTo === null)!.id;
    const after = orgChartDrawing(orgChart(posts, top, { levels: 3 }), "after");
    const created = after.boxes.filter((b) => b.mark === "new");
    expect(created.length).toBeGreaterThan(0);
    for (const b of created) expect([b.lines[b.lines.length - 1], b.fill, b.dashed]).toEqual(["New post", "#E2EFDA", false]);
    expect(after.boxes.some((b) => b.mark === "deleted")).toBe(false);
    const before = orgChartDrawing(orgChart(posts, top, { levels: 3, structure: "before" }), "before");
    const deleted = before.boxes.filter((b) => b.mark === "deleted");
    expect(deleted.length).toBeGreaterThan(0);
    for (const b of deleted) expect([b.lines[b.lines.length - 1], b.border, b.dashed]).toEqual(["Post deleted", "#C00000", true]);
  });

  it("one page up to 30 boxes; a bigger structure split by directorate, one chart under each direct report", () => {
    const small = orgChartPages(cleanDirectorate(), "SCPH001");
    expect(small).toHaveLength(1);
    expect(small[0].title).toBe("Org chart: Corporate Director Social Care and Public Health");
    const est = generateEstablishment(600);
    const top = est.find((p) => p.reportsTo === null)!;
    const pages = orgChartPages(est, top.id, { levels: 3 });
    expect(orgChart(est, top.id, { levels: 3 }).boxes.length).toBeGreaterThan(ORG_CHART_MAX_BOXES);
    const reports = est.filter((p) => p.reportsTo === top.id && est.some((q) => q.reportsTo === p.id));
    expect(pages).toHaveLength(1 + reports.length);
    expect(pages[0].chart.boxes.map((b) => b.level).every((l) => l <= 1)).toBe(true);
    expect(pages.slice(1).map((p) => p.topPostId)).toEqual(reports.map((r) => r.id));
    expect(pages[1].title).toBe(`${reports[0].directorate}: org chart under ${reports[0].title}`);
  });

  it("the pages of several top posts from one tree are each top post's pages, in order, charts equal", () => {
    const est = generateEstablishment(600);
    const small = cleanDirectorate().map((p) => ({ ...p, id: `S-${p.id}`, reportsTo: p.reportsTo === null ? null : `S-${p.reportsTo}` }));
    const posts = [...est, ...small];
    const tops = [est.find((p) => p.reportsTo === null)!.id, "S-SCPH001"];
    const together = orgChartPagesOf(posts, tops, { levels: 3, scenario: ["Legal JV"] });
    const oneByOne = tops.flatMap((id) => orgChartPages(posts, id, { levels: 3, scenario: ["Legal JV"] }));
    expect(together).toEqual(oneByOne);
    expect(together.length).toBeGreaterThan(2);
    expect(together[together.length - 1].title).toBe("Org chart: Corporate Director Social Care and Public Health");
    expect(() => orgChartPagesOf(posts, [tops[0], "NOPE"])).toThrow(/no post with ID NOPE/);
  });

  it("prints the cells under the drawing (worked by hand: 700 x 300 points is 15 columns of 48 pt, 22 rows)", () => {
    expect(printAreaFor(700, 300)).toBe("A1:O22");
    // 1,312 / 48 = 27.3 -> 28 columns (AB); 112 / 15 = 7.5 -> 8 rows, plus the title row.
    expect(printAreaFor(1300, 100)).toBe("A1:AB9");
  });
});
