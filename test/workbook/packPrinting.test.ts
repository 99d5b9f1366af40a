import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { structureLayout } from "../../src/core/posts/structureLayout";
import { buildMembersPack } from "../../src/workbook/membersPack";
import { estimateLines } from "../../src/workbook/renderLayout";
import { convertToPdf, pdfToolsAvailable, sofficeAvailable } from "../libreoffice/soffice";
import { post } from "../fixtures/postLists";

const LONG = "Corporate Director Engagement, Organisation Design and Development";

/** A directorate whose director columns have long, wrapping titles (the three-line header). */
function longTitles() {
  const d = "Engagement";
  return [
    post({ id: "E1", title: "Head of Paid Service", grade: "KR20", directorate: d }),
    post({ id: "E2", title: LONG, grade: "KR18", reportsTo: "E1", directorate: d, functions: ["Workforce Planning", "Organisation Design"] }),
    post({ id: "E3", title: "Corporate Director Finance, Procurement and Commercial Services", grade: "KR18", reportsTo: "E1", directorate: d, functions: ["Accounting"] }),
    post({ id: "E4", title: "Director Strategy, Policy, Relationships and Corporate Assurance", grade: "KR17", reportsTo: "E1", directorate: d, functions: ["Policy"] }),
  ];
}

/** Words on each PDF page with their boxes (pdftotext -bbox). */
function pdfWords(pdf: Uint8Array): { text: string; yMin: number; yMax: number; xMin: number }[] {
  const dir = mkdtempSync(join(tmpdir(), "pack-bbox-"));
  try {
    writeFileSync(join(dir, "p.pdf"), pdf);
    const html = execFileSync("pdftotext", ["-bbox", join(dir, "p.pdf"), "-"], { encoding: "utf8" });
    return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      yMax: Number(m[3]),
      text: m[4],
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("rows fit their wrapped text", () => {
  it("counts lines by words, as a cell wraps them", () => {
    // 17 characters a line in an 18-wide column, by hand: "Corporate" / "Director" / "Engagement," /
    // "Organisation" / "Design and" / "Development" (no two neighbours fit in 17 with their space).
    expect(estimateLines("Corporate Director Engagement, Organisation Design and Development", 18)).toBe(6);
    // Twice as wide: "Corporate Director Engagement," (30) / "Organisation Design and" (23) / "Development".
    expect(estimateLines("Corporate Director Engagement, Organisation Design and Development", 31)).toBe(3);
    expect(estimateLines("Short", 18)).toBe(1);
    expect(estimateLines("one\ntwo", 30)).toBe(2);
  });

  it("sets the structure sheet's header row tall enough for three-line titles", async () => {
    const layout = structureLayout(longTitles(), "E1", { sheetName: "Structure", showGradeAndFte: false });
    const bytes = await buildMembersPack({ structureTables: [layout] }, { title: "Pack", date: new Date(Date.UTC(2026, 10, 28)) });
    const xml = await (await JSZip.loadAsync(bytes)).file("xl/worksheets/sheet2.xml")!.async("string");
    const headerRow = layout.cells.find((c) => c.value === LONG)!.row;
    const ht = Number(new RegExp(`<row r="${headerRow + 1}"[^>]*\\sht="([\\d.]+)"`).exec(xml)?.[1]);
    expect(ht).toBeGreaterThanOrEqual(3 * 14); // at least three lines of 11-point bold
  });

  it.skipIf(!sofficeAvailable() || !pdfToolsAvailable())(
    "LibreOffice prints the long titles inside their rows: no line runs into the row below",
    async () => {
      const layout = structureLayout(longTitles(), "E1", { sheetName: "Structure", showGradeAndFte: false });
      const bytes = await buildMembersPack({ structureTables: [layout] }, { title: "Pack", date: new Date(Date.UTC(2026, 10, 28)) });
      const pdf = await convertToPdf(bytes);
      const words = pdfWords(pdf.bytes);
      // The title's last word and the first function under it (top-aligned in the next row).
      const title = words.filter((w) => ["Corporate", "Engagement,", "Organisation", "Design", "Development"].includes(w.text));
      const below = words.find((w) => w.text === "Workforce")!;
      expect(title.length).toBeGreaterThanOrEqual(5);
      expect(below).toBeDefined();
      const development = words.find((w) => w.text === "Development")!;
      expect(development.yMax).toBeLessThanOrEqual(below.yMin);
      // And above: the top post's text ends before the title's first line starts.
      const top = words.find((w) => w.text === "Paid")!;
      const first = Math.min(...title.map((w) => w.yMin));
      expect(top.yMax).toBeLessThanOrEqual(first);
    },
    120_000,
  );
});
