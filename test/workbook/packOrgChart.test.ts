import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { orgChart } from "../../src/core/posts/orgChart";
import { orgChartPages } from "../../src/core/posts/orgChartDrawing";
import { buildMembersPack, buildMembersPackLayouts } from "../../src/workbook/membersPack";
import { convertToPdf, pdfPagesText, pdfToolsAvailable, sofficeAvailable } from "../libreoffice/soffice";
import { cleanDirectorate, generateEstablishment } from "../fixtures/postLists";

const OPTIONS = { title: "Org charts", date: new Date(Date.UTC(2026, 10, 28)) };
const EMU = 12_700;

async function drawingOf(bytes: Uint8Array, sheetIndex: number): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const rels = await zip.file(`xl/worksheets/_rels/sheet${sheetIndex}.xml.rels`)!.async("string");
  const target = /Target="\.\.\/drawings\/(drawing\d+\.xml)"/.exec(rels)![1];
  return zip.file(`xl/drawings/${target}`)!.async("string");
}

describe("org charts in the members' pack", () => {
  const posts = cleanDirectorate();
  const pages = orgChartPages(posts, "SCPH001", { showGradeAndFte: true });

  it("draws native shapes (not a picture) at core's positions, with core's texts", async () => {
    const bytes = await buildMembersPack({ orgCharts: pages }, OPTIONS);
    const { layouts } = buildMembersPackLayouts({ orgCharts: pages }, OPTIONS);
    expect(layouts.map((l) => l.name)).toEqual(["Cover", "Org chart"]);
    const xml = await drawingOf(bytes, 2);
    expect(xml).not.toContain("<xdr:pic");
    const chart = orgChart(posts, "SCPH001", { showGradeAndFte: true });
    const sps = [...xml.matchAll(/<xdr:absoluteAnchor><xdr:pos x="(\d+)" y="(\d+)"\/><xdr:ext cx="(\d+)" cy="(\d+)"\/><xdr:sp [\s\S]*?<\/xdr:sp>/g)];
    expect(sps).toHaveLength(chart.boxes.length);
    chart.boxes.forEach((b, i) => {
      const [, x, y, cx, cy] = sps[i].map(Number);
      // The pack puts the drawing 12 pt in and 40 pt down (below the title); nothing else moves.
      expect([x, y, cx, cy]).toEqual([(b.x + 12) * EMU, (b.y + 40) * EMU, b.width * EMU, b.height * EMU].map(Math.round));
      const texts = [...sps[i][0].matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1].replace(/&amp;/g, "&").replace(/&apos;/g, "'"));
      expect(texts.slice(0, 2)).toEqual([b.title, b.detail]);
    });
    expect((xml.match(/<xdr:cxnSp /g) ?? []).length).toBeGreaterThanOrEqual(chart.connectors.length);
    const sheet = await (await JSZip.loadAsync(bytes)).file("xl/worksheets/sheet2.xml")!.async("string");
    expect(sheet).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    expect(sheet).toMatch(/<pageSetup[^>]*fitToHeight="1"/);
  });

  it.skipIf(!sofficeAvailable() || !pdfToolsAvailable())(
    "LibreOffice prints each org chart sheet on the one A4 landscape page its print settings promise, boxes and all",
    async () => {
      const est = generateEstablishment(600);
      const top = est.find((p) => p.reportsTo === null)!;
      const split = orgChartPages(est, top.id, { levels: 3, showGradeAndFte: true });
      expect(split.length).toBeGreaterThan(1);
      const input = { orgCharts: [...pages, ...split.slice(0, 3)] };
      const { layouts } = buildMembersPackLayouts(input, OPTIONS);
      const bytes = await buildMembersPack(input, OPTIONS);
      const pdf = await convertToPdf(bytes);
      const texts = await pdfPagesText(pdf.bytes);
      // One page for the cover and one per org chart sheet: each fitted to one page.
      expect(pdf.pages).toBe(layouts.length);
      expect(Math.round(pdf.width)).toBe(595); // the cover is portrait; the charts are landscape pages
      const first = texts[1];
      expect(first).toContain("Corporate Director Social Care and Public Health");
      expect(first).toContain("Director Public Health");
      expect(first).toContain("KR17 | 1.00 FTE");
      for (let i = 2; i < texts.length; i++) expect(texts[i]).toContain("Key: green box = new post");
    },
    180_000,
  );
});
