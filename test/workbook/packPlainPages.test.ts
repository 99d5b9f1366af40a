import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { buildMembersPack, buildMembersPackLayouts } from "../../src/workbook/membersPack";
import { findPackContents } from "../../src/workbook/membersPackFromWorkbook";
import type { SheetSnapshot } from "../../src/core/sheetSnapshot";
import { fullInput, SAMPLE_FINDINGS } from "./fixtures";

const OPTIONS = { title: "Members' briefing", date: new Date(Date.UTC(2026, 10, 28)) };

describe("plain pages in the members' pack", () => {
  it("hides the savings chart's helper columns (spread, requirement) from view and print; the chart still plots them", async () => {
    const { layouts, charts } = buildMembersPackLayouts(fullInput(), OPTIONS);
    const savings = layouts.find((l) => l.name === "Savings")!;
    expect(savings.hiddenColumns).toEqual([4, 5]);
    const bytes = await buildMembersPack(fullInput(), OPTIONS);
    const zip = await JSZip.loadAsync(bytes);
    const sheet = await zip.file("xl/worksheets/sheet3.xml")!.async("string");
    expect(sheet).toMatch(/<col min="5" max="5"[^>]*hidden="1"/);
    expect(sheet).toMatch(/<col min="6" max="6"[^>]*hidden="1"/);
    const chartXml = await zip.file("xl/charts/chart1.xml")!.async("string");
    expect(chartXml).toContain('<c:plotVisOnly val="0"/>');
    expect(charts.find((c) => c.sheet === "Savings")).toBeDefined();
  });

  it("does not repeat a title: a sheet called Savings gives the title Savings, not Savings: Savings", () => {
    const snap: SheetSnapshot = {
      name: "Savings",
      origin: { row: 0, col: 0 },
      values: [
        ["Savings stream", "Potential saving £m"],
        ["Market engagement activity", "15-20"],
        ["Additional income from trading", "10-15"],
        ["Total", "25-35"],
      ],
      formulas: [
        [null, null],
        [null, null],
        [null, null],
        [null, null],
      ],
      merges: [],
    };
    const contents = findPackContents([snap]);
    expect(contents.savings[0]?.section.title).toBe("Savings");
    const impactOnly = buildMembersPackLayouts({ impacts: [{ ...fullInput().impacts![0], name: "Restructure impact" }] }, OPTIONS);
    const titles = impactOnly.layouts.flatMap((l) => l.cells.filter((c) => c.style === "title").map((c) => String(c.value)));
    expect(titles.some((t) => /(.+): \1/i.test(t) || /impact: restructure impact/i.test(t))).toBe(false);
  });

  it("check results for members: what was found, sheet, cell, how serious; no rule ids, no fix column", () => {
    const { layouts } = buildMembersPackLayouts({ checks: { findings: SAMPLE_FINDINGS, source: "Market review budget.xlsx" } }, OPTIONS);
    const sheet = layouts.find((l) => l.name === "Check results")!;
    const texts = sheet.cells.map((c) => c.value);
    const header = sheet.cells.filter((c) => c.style === "header").map((c) => c.value);
    expect(header).toEqual(["What was found", "Sheet", "Cell", "How serious"]);
    for (const f of SAMPLE_FINDINGS) expect(texts).not.toContain(f.rule);
    expect(texts.some((t) => typeof t === "string" && /fix available|rule/i.test(t))).toBe(false);
    // Most serious first: the two errors, then the warning, then the one for information.
    const serious = sheet.cells.filter((c) => c.col === 3 && c.style !== "header").map((c) => c.value);
    expect(serious).toEqual(["Error", "Error", "Warning", "For information"]);
    expect(texts).toContain("4 things to note: 2 errors, 1 warning, 1 for information.");
    expect(texts).toContain("Market review budget.xlsx. Checked on 28/11/2026.");
  });
});
