/**
 * Which org charts the members' pack draws from a post list: one under every post at the top of the proposed
 * structure that has reports, whether its reports-to is blank or names a post not in the list (an extract of one
 * directorate), or names a post the proposals delete.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Post } from "../../src/core/posts/postList";
import { membersPackInputFromContents, type WorkbookContents } from "../../src/workbook/membersPackFromWorkbook";
import { runs } from "../propertyRuns";
import { post } from "../fixtures/postLists";

function packCharts(posts: Post[]) {
  const contents: WorkbookContents = { postLists: [{ sheet: "Posts", posts }], savings: [], budgetSheets: [], budgetTables: [], skippedOutput: [] };
  return membersPackInputFromContents(contents, []).orgCharts ?? [];
}

describe("org charts in the members' pack from a post list", () => {
  it("draws the chart of a one-directorate extract whose corporate director reports to someone not in the list", () => {
    const d = "Growth, Environment and Transport";
    const extract = [
      post({ id: "GET001", title: "Corporate Director GET", grade: "KR18", reportsTo: "CEX001", directorate: d }),
      post({ id: "GET010", title: "Director Highways", grade: "KR17", reportsTo: "GET001", directorate: d }),
      post({ id: "GET020", title: "Director Environment", grade: "KR17", reportsTo: "GET001", directorate: d }),
      post({ id: "GET030", title: "Director Growth", grade: "KR17", reportsTo: "GET001", directorate: d, status: "deleted" }),
    ];
    const charts = packCharts(extract);
    expect(charts.map((c) => c.title)).toEqual(["Org chart: Corporate Director GET"]);
    expect(charts[0].chart.boxes.map((b) => b.postId)).toEqual(["GET001", "GET010", "GET020"]);
  });

  it("draws a chart under each post left with a team but no manager when the proposals delete the corporate director", () => {
    const d = "Social Care";
    const posts = [
      post({ id: "CD", title: "Corporate Director Social Care", grade: "KR18", directorate: d, status: "deleted" }),
      post({ id: "DA", title: "Director Commissioning", grade: "KR17", reportsTo: "CD", directorate: d }),
      post({ id: "HA1", title: "Head of Contracts", grade: "KR16", reportsTo: "DA", directorate: d }),
      post({ id: "DB", title: "Director Children's Services", grade: "KR17", reportsTo: "CD", directorate: d }),
      post({ id: "HB1", title: "Head of Safeguarding", grade: "KR16", reportsTo: "DB", directorate: d }),
      post({ id: "HL", title: "Head of Libraries", grade: "KR16", reportsTo: "CD", directorate: d }),
    ];
    expect(packCharts(posts).map((c) => c.topPostId)).toEqual(["DA", "DB"]);
  });

  it("charts exactly the posts of the proposed structure that have reports and no manager in it (property)", () => {
    const rows = fc.array(fc.record({ to: fc.option(fc.nat(20), { nil: null }), missing: fc.nat(5), deleted: fc.nat(4) }), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(rows, (rs) => {
        const posts = rs.map((r, i) =>
          post({ id: `P${i}`, title: `Post ${i}`, grade: "KR15", reportsTo: r.to === null || i === 0 ? null : r.missing === 0 ? "OUT" : `P${r.to % i}`, status: r.deleted === 0 ? "deleted" : "existing" }),
        );
        const kept = posts.filter((p) => p.status !== "deleted");
        const ids = new Set(kept.map((p) => p.id));
        const want = kept.filter((p) => (p.reportsTo === null || !ids.has(p.reportsTo)) && kept.some((q) => q.reportsTo === p.id)).map((p) => p.id);
        const got = packCharts(posts)
          .filter((c) => c.title.startsWith("Org chart: "))
          .map((c) => c.topPostId);
        expect(got).toEqual(want);
      }),
      { numRuns: runs(200) },
    );
  });
});
