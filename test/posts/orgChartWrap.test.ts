/**
 * A manager with a long row of direct reports: the stack of reports wraps into several columns, so that the
 * overview page of a chart fits a landscape page instead of one column thousands of points tall.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orgChart, STACK_ROWS } from "../../src/core/posts/orgChart";
import { orgChartPages } from "../../src/core/posts/orgChartDrawing";
import type { Post } from "../../src/core/posts/postList";
import { runs } from "../propertyRuns";
import { post } from "../fixtures/postLists";

function wide(reports: number): Post[] {
  const posts = [post({ id: "T", title: "Top", grade: "KR20" })];
  for (let i = 0; i < reports; i++) posts.push(post({ id: `R${i}`, title: `Report ${i}`, grade: "KR16", reportsTo: "T" }));
  return posts;
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("org chart with many direct reports", () => {
  it("wraps 100 direct reports into columns: an overview about as wide as a landscape page for its height", () => {
    const pages = orgChartPages(wide(100), "T");
    expect(pages).toHaveLength(1);
    const { chart } = pages[0];
    expect(chart.boxes).toHaveLength(101);
    expect(chart.height).toBeLessThan(1000);
    expect(chart.width / chart.height).toBeGreaterThan(1);
    expect(chart.width / chart.height).toBeLessThan(2);
    const columns = new Set(chart.boxes.slice(1).map((b) => b.x));
    expect(columns.size).toBeGreaterThan(1);
  });

  it("keeps a short stack in one column", () => {
    const chart = orgChart(wide(STACK_ROWS), "T", { levels: 1 });
    expect(new Set(chart.boxes.slice(1).map((b) => b.x)).size).toBe(1);
  });

  it("boxes never overlap, stay inside the chart, and every connector ends at its report's box (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.boolean(), (n, detail) => {
        const chart = orgChart(wide(n), "T", { levels: 1, showGradeAndFte: detail });
        expect(chart.boxes).toHaveLength(n + 1);
        for (let i = 0; i < chart.boxes.length; i++) {
          const b = chart.boxes[i];
          expect(b.x).toBeGreaterThanOrEqual(0);
          expect(b.x + b.width).toBeLessThanOrEqual(chart.width + 1e-9);
          expect(b.y + b.height).toBeLessThanOrEqual(chart.height + 1e-9);
          for (let j = i + 1; j < chart.boxes.length; j++) expect(overlaps(b, chart.boxes[j])).toBe(false);
        }
        const at = new Map(chart.boxes.map((b) => [b.postId, b]));
        for (const c of chart.connectors) {
          const end = c.points[c.points.length - 1];
          const to = at.get(c.toPostId)!;
          expect(end).toEqual({ x: to.x, y: to.y + to.height / 2 });
          // The rail runs down beside the report's column, clear of every box.
          const rail = c.points[c.points.length - 2];
          expect(chart.boxes.some((b) => rail.x > b.x && rail.x < b.x + b.width && b.level > 0)).toBe(false);
        }
      }),
      { numRuns: runs(30) },
    );
  });
});
