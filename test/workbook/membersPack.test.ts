import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { loadWorkbook } from "./loadWorkbook";
import { fullYearCostChange } from "../../src/core/gradeDelta";
import { computeImpact } from "../../src/core/posts/impact";
import { SAMPLE_GRADE_TABLE } from "../../src/core/grades";
import type { SheetLayout } from "../../src/core/layout";
import { rangeGap, rangeTotal, savingsRange } from "../../src/core/savingsRanges";
import fc from "fast-check";
import { runs } from "../propertyRuns";
import { buildMembersPack, buildMembersPackLayouts, type MembersPackInput, type MembersPackOptions } from "../../src/workbook/membersPack";
import { convertToPdf, pdfPagesText, pdfToolsAvailable, readSheetsWithLibreOffice, sofficeAvailable, type RecalcMode } from "../libreoffice/soffice";
import { fullInput, HOSTILE_TITLE, SAMPLE_FINDINGS, SAVINGS_TABLE, SCS_AFTER, SCS_BEFORE, SCS_POST_LIST, structureTableLayout } from "./fixtures";
import { compareLayout, errorCells } from "./layoutReading";
import { scanPack } from "./packScan";
import JSZip from "jszip";

async function sheetPart(bytes: Uint8Array, part: string): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file(part)!.async("string");
}

const DATE = new Date(Date.UTC(2026, 10, 23));
const OPTIONS: MembersPackOptions = { title: "Members' briefing: budget & restructure", date: DATE };

function packInput(): MembersPackInput {
  return { ...fullInput(), structureTables: [structureTableLayout()] };
}

/** Every text a user (or a user's sheet) supplied: none may end up inside a formula. */
function userTexts(input: MembersPackInput, options: MembersPackOptions): string[] {
  return [
    options.title,
    ...(input.savings?.streams.map((s) => s.name) ?? []),
    ...(input.impacts?.map((i) => i.name) ?? []),
    ...(input.checks?.findings.flatMap((f) => [f.sheet, f.message, f.suggestion ?? ""]) ?? []),
    ...(input.structureTables?.flatMap((l) => l.cells.map((c) => (typeof c.value === "string" ? c.value : ""))) ?? []),
  ].filter((t) => t.length >= 4);
}

describe("members' pack contents", () => {
  it("has a cover, summary, savings, by-grade, structure and check sheets, in that order", () => {
    const { layouts } = buildMembersPackLayouts(packInput(), OPTIONS);
    expect(layouts.map((l) => l.name)).toEqual(["Cover", "Summary", "Savings", "Restructure impact", "Structure Soc Care & Pub Hlth", "Check results"]);
    // The structure table is core's layout, drawn as the task pane draws it.
    const structure = layouts[4];
    expect(structure.cells.toArray()).toEqual(structureTableLayout().cells.toArray());
    expect(structure.merges).toEqual(structureTableLayout().merges);
  });

  it("cover: title, dd/mm/yyyy date, classification, links to each sheet and the assumptions", () => {
    const { layouts } = buildMembersPackLayouts(packInput(), { ...OPTIONS, classification: "OFFICIAL" });
    const cover = layouts[0];
    const text = (r: number, c: number): unknown => cover.cells.find((x) => x.row === r && x.col === c)?.value;
    expect(text(0, 0)).toBe(OPTIONS.title);
    const date = cover.cells.find((c) => c.value === 46349);
    expect(date?.numberFormat).toBe("dd/mm/yyyy");
    expect(text(3, 1)).toBe("OFFICIAL");
    const links = cover.cells.filter((c) => c.link).map((c) => c.link?.sheet);
    expect(links).toEqual(layouts.slice(1).map((l) => l.name));
    const all = cover.cells.map((c) => String(c.value ?? "")).join("\n");
    expect(all).toContain("Pay year: 2023/24");
    expect(all).toContain("minimum of each grade's pay range");
    expect(all).toContain("Employer National Insurance: 13.8% of each person's pay above £9,100 a year");
    expect(all).toContain("Employer pension contribution: 14.5% of pay");
    expect(all).toContain("Apprenticeship levy: 0.5% of pay");
    expect(all).toContain("Review > Unprotect Sheet");
  });

  it("check results: a table members can filter on the protected sheet, as the sheet says", async () => {
    const { layouts } = buildMembersPackLayouts(packInput(), OPTIONS);
    const checks = layouts.find((l) => l.name === "Check results")!;
    expect(checks.tables?.map((t) => [t.name, t.filter])).toEqual([["CheckResults", true]]);
    const bytes = await buildMembersPack(packInput(), OPTIONS);
    const zip = await JSZip.loadAsync(bytes);
    const tableParts = Object.keys(zip.files).filter((p) => /^xl\/tables\/table\d+\.xml$/.test(p));
    const tables = await Promise.all(tableParts.map((p) => zip.file(p)!.async("string")));
    const checkTable = tables.find((t) => t.includes('name="CheckResults"'))!;
    expect(checkTable).toMatch(/<autoFilter ref="[A-Z]+\d+:[A-Z]+\d+"\/>/);
    const sheetIndex = layouts.indexOf(checks) + 1;
    expect(await sheetPart(bytes, `xl/worksheets/sheet${sheetIndex}.xml`)).toMatch(/<sheetProtection [^>]*autoFilter="0"/);
  });

  it("cover: says how the sheets are protected, as the options ask", () => {
    const coverText = (options: MembersPackOptions): string =>
      buildMembersPackLayouts(packInput(), options)
        .layouts[0].cells.map((c) => String(c.value ?? ""))
        .join("\n");
    const open = coverText({ ...OPTIONS, protect: false });
    expect(open).toContain("Sheets are not protected: any figure can be changed, so keep the original to compare against.");
    expect(open).not.toContain("Sheets are protected");
    const locked = coverText({ ...OPTIONS, password: "s3cret" });
    expect(locked).toContain("Sheets are protected against changes with a password. To change a figure, ask whoever made the pack for the password");
    expect(locked).not.toContain("without a password");
    expect(coverText(OPTIONS)).toContain("Sheets are protected against accidental changes, without a password.");
  });

  it("figures are core's: savings 180-220 against 241 leave 21 to 61; the restructure is 7 posts to 6", () => {
    const { figures, layouts } = buildMembersPackLayouts(packInput(), OPTIONS);
    const total = rangeTotal(SAVINGS_TABLE.streams.map((s) => s.range));
    expect(figures.savings).toMatchObject({ low: 180, high: 220, requirement: 241, gapLow: 21, gapHigh: 61 });
    expect(rangeGap(241, total)).toEqual({ low: 21, high: 61 });
    const cost = fullYearCostChange(SCS_BEFORE, SCS_AFTER, { table: SAMPLE_GRADE_TABLE, point: "min", year: 2023 });
    expect(figures.impacts[0]).toMatchObject({ postsBefore: 7, postsAfter: 6, costChange: cost });
    expect(cost).toBeLessThan(0);
    const impact = layouts.find((l) => l.name === "Restructure impact")!;
    expect(impact.cells.some((c) => c.value === "These 7 posts reduce to 6: a net reduction of 1 post.")).toBe(true);
    expect(figures.checks).toEqual({ error: 2, warning: 1, info: 1 });
  });

  it("the impact sheet's slotting table shows the pairing HR named (a new post's Replaces column), and only where named", () => {
    // Director Infrastructure names Director Property as the post it replaces; the other new posts name none.
    const paired = SCS_POST_LIST.map((p) => (p.id === "P022" ? { ...p, replaces: ["P015"], similarity: 0.9 } : p));
    const { layouts } = buildMembersPackLayouts({ ...packInput(), impacts: [{ name: "Strategic and Corporate Services", impact: computeImpact(paired, { year: 2023, point: "min" }) }] }, OPTIONS);
    const sheet = layouts.find((l) => l.name === "Restructure impact")!;
    const cells = sheet.cells.toArray();
    const slottingRow = (title: string): unknown[] => {
      const row = cells.find((c) => c.col === 0 && c.value === title && cells.some((d) => d.row === c.row && d.col === 5))?.row;
      return cells.filter((c) => c.row === row && c.col >= 3).sort((a, b) => a.col - b.col).map((c) => c.value);
    };
    expect(slottingRow("Director Infrastructure")).toEqual(["Matched to this post: Director Property (90%)", 1, "Slot: Director Property (90% the same work)"]);
    // Director ICT was matched to no new post by name: offered to the other KR17 posts, for assessment.
    expect(slottingRow("Director Strategy, Policy & Assurance")).toEqual(["Director ICT", 1, "Assess: slot Director ICT if at least 75% the same work"]);
    // Director ICT is only held for that assessment, not slotted: the pack says so, in the impact sheet's words.
    expect(slottingRow("Director Customer Services")).toEqual(["Director ICT", 1, "Ring-fence: candidates already held for assessment"]);
    expect(cells.some((c) => typeof c.value === "string" && c.value.startsWith('"Matched to this post": the deleted posts HR matched'))).toBe(true);
    // The pack built from the same list without the pairing has neither.
    const plain = buildMembersPackLayouts(packInput(), OPTIONS).layouts.find((l) => l.name === "Restructure impact")!;
    expect(plain.cells.toArray().some((c) => typeof c.value === "string" && c.value.includes("Matched to this post"))).toBe(false);
  });

  it("only includes the sections asked for", () => {
    const { layouts } = buildMembersPackLayouts(packInput(), { ...OPTIONS, sections: { summary: false, checks: false, structure: false } });
    expect(layouts.map((l) => l.name)).toEqual(["Cover", "Savings", "Restructure impact"]);
  });

  it("sheet names are sanitised and unique, even when core layouts ask for taken or invalid names", () => {
    const clash: SheetLayout = { ...structureTableLayout(), name: "Summary" };
    const bad: SheetLayout = { ...structureTableLayout(), name: "Finance/Procurement: [KR18]?" };
    const { layouts } = buildMembersPackLayouts({ ...packInput(), structureTables: [clash, bad, { ...bad }] }, OPTIONS);
    const names = layouts.map((l) => l.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names).toContain("Summary (2)");
    expect(names).toContain("Finance Procurement KR18");
    expect(names).toContain("Finance Procurement KR18 (2)");
    for (const n of names) expect(n).toMatch(/^[^:\\/?*[\]]{1,31}$/);
  });
});

describe("members' pack XML", () => {
  it("holds no custom functions, external links, macros or formulas built from user text; recalculates on load", async () => {
    const input = packInput();
    const options = { ...OPTIONS, title: HOSTILE_TITLE };
    const bytes = await buildMembersPack(input, options);
    const scan = await scanPack(bytes, userTexts(input, options));
    expect(scan.problems).toEqual([]);
    expect(scan.calcPr).toMatch(/fullCalcOnLoad="1"/);
    expect(scan.formulas.length).toBeGreaterThan(20);
    for (const f of scan.formulas.filter((x) => x.cell !== "chart")) expect(f.formula).toMatch(/^(SUM\(|SUBTOTAL\(9,|IF\(|[A-Z]+\d+[-+]|'[^']+'!|[A-Za-z_][A-Za-z0-9_.]*!|\$[A-Z]+\$\d+$|[A-Z]+\d+$)/);
    // The hostile title is text everywhere it appears.
    expect(scan.strings).toContain(HOSTILE_TITLE);
    const wb = await loadWorkbook(bytes);
    expect(wb.getWorksheet("Cover")!.getCell("A1").value).toBe(HOSTILE_TITLE);
    expect(scan.strings).toContain(SAMPLE_FINDINGS[3].message);
    expect(scan.strings).toContain(SAMPLE_FINDINGS[3].sheet);
    // Charts: the savings floating bars and the posts by grade.
    expect(scan.parts.filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(2);
    // Every sheet is protected, without a password.
    for (const part of scan.parts.filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) expect(await sheetPart(bytes, part)).toMatch(/<sheetProtection [^>]*sheet="1"/);
  });

  it("every formula cell carries a cached result", async () => {
    const bytes = await buildMembersPack(packInput(), OPTIONS);
    const wb = await loadWorkbook(bytes);
    let formulas = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) {
            formulas++;
            expect(cell.result, `${ws.name}!${cell.address}`).not.toBeUndefined();
          }
        }),
      ),
    );
    expect(formulas).toBeGreaterThan(20);
  });
});

describe.skipIf(!sofficeAvailable())("members' pack opened by LibreOffice", () => {
  let layouts: SheetLayout[];
  let bytes: Uint8Array;
  const readings = new Map<RecalcMode, Map<string, string[][]>>();

  beforeAll(async () => {
    layouts = buildMembersPackLayouts(packInput(), OPTIONS).layouts;
    bytes = await buildMembersPack(packInput(), OPTIONS);
    for (const mode of ["cached", "recalculated"] as const) readings.set(mode, await readSheetsWithLibreOffice(bytes, mode, layouts.map((l) => l.name)));
  }, 180_000);

  for (const mode of ["cached", "recalculated"] as const) {
    it(`${mode}: every cell equals the figure core computed, and no cell shows an error`, () => {
      const sheets = readings.get(mode)!;
      const problems = layouts.flatMap((l) => compareLayout(l, sheets.get(l.name)!));
      expect(problems).toEqual([]);
      expect(errorCells(sheets)).toEqual([]);
      const savings = sheets.get("Savings")!;
      const total = savings.find((r) => r[0] === "Total")!;
      expect(total.slice(1, 3)).toEqual(["180", "220"]);
      expect(savings.find((r) => r[0].startsWith("Shortfall at the top"))![1]).toBe("21");
      expect(savings.find((r) => r[0].startsWith("Shortfall at the bottom"))![1]).toBe("61");
      const impactSheet = sheets.get("Restructure impact")!;
      const grades = impactSheet.slice(impactSheet.findIndex((r) => r[0] === "Summary by grade"));
      expect(grades.find((r) => r[0] === "KR18")!.slice(1, 4)).toEqual(["3", "2", "-1"]);
      expect(grades.find((r) => r[0] === "KR17")!.slice(1, 4)).toEqual(["2", "3", "1"]);
      expect(grades.find((r) => r[0] === "KR16")!.slice(1, 4)).toEqual(["2", "1", "-1"]);
      expect(grades.find((r) => r[0] === "Total")!.slice(1, 4)).toEqual(["7", "6", "-1"]);
      expect(Number(grades.find((r) => r[0].startsWith("Full-year cost change"))![1])).toBeCloseTo(fullYearCostChange(SCS_BEFORE, SCS_AFTER, { table: SAMPLE_GRADE_TABLE, point: "min", year: 2023 }), 2);
      expect(impactSheet.flat()).toContain("These 7 posts reduce to 6: a net reduction of 1 post.");
      const structure = sheets.get("Structure Soc Care & Pub Hlth")!;
      expect(structure.flat()).toEqual(expect.arrayContaining(["Corporate Director Social Care and Public Health", "Director Public Health", "Health Protection"]));
      expect(sheets.get("Summary")!.flat()).toContain("61");
      expect(sheets.get("Cover")!.flat().some((v) => v === "23/11/2026" || v === "11/23/2026")).toBe(true);
    });
  }

  it.skipIf(!pdfToolsAvailable())("prints on A4, every sheet one page wide, short sheets on one page each, title and page numbers in the footer", async () => {
    const pdf = await convertToPdf(bytes);
    // A4 portrait cover: 595 x 842 points.
    expect(Math.round(pdf.width)).toBe(595);
    expect(Math.round(pdf.height)).toBe(842);
    const pages = await pdfPagesText(pdf.bytes);
    expect(pages).toHaveLength(pdf.pages);
    // The footer names the sheet (centre), the title (left) and the page (right): group pages by sheet.
    const bySheet = new Map<string, string[]>();
    pages.forEach((p, i) => {
      const footer = p.split("\n").filter((l) => l.trim() !== "").pop() ?? "";
      expect(footer).toContain(OPTIONS.title);
      // LibreOffice numbers the pages of the whole workbook, as Excel does when printing it all.
      expect(footer).toContain(`Page ${i + 1} of ${pdf.pages}`);
      expect(p).toContain("Unrestricted");
      const sheet = layouts.map((l) => l.name).find((n) => footer.includes(n));
      expect(sheet, footer).toBeDefined();
      bySheet.set(sheet!, [...(bySheet.get(sheet!) ?? []), p]);
    });
    expect([...bySheet.keys()]).toEqual(layouts.map((l) => l.name));
    for (const name of ["Cover", "Summary", "Savings", "Structure Soc Care & Pub Hlth", "Check results"]) expect(bySheet.get(name), name).toHaveLength(1);
    // The impact sheet (tables, summary, establishment, slotting) runs down onto a second page, never across;
    // the by-grade chart starts a page of its own, so it is never split: its legend is on the last page.
    const impactPages = bySheet.get("Restructure impact")!;
    expect(impactPages.length).toBeLessThanOrEqual(3);
    expect(impactPages[impactPages.length - 1]).toMatch(/Posts before\s+Posts after/);
    expect(impactPages[impactPages.length - 1]).toMatch(/KR20\s+KR19\s+KR18\s+KR17\s+KR16/);
    expect(impactPages[0]).toMatch(/Post title\s+Grade\s+Impact of proposal/);
    expect(impactPages[0]).toContain("Impact of proposal");
    expect(impactPages.join("\n")).toMatch(/Deleted posts at this grade[\s\S]*Outcome/);
    expect(bySheet.get("Savings")![0]).toContain("Savings ranges against the requirement");
    // The structure table's four director columns print side by side on one landscape page.
    const structurePage = bySheet.get("Structure Soc Care & Pub Hlth")![0];
    expect(structurePage).toMatch(/Director Commissioning\s+Director Public Health/);
    expect(structurePage).toMatch(/Children's Health Commissioning\s+Initial Duty and Assessment\s+Enablement\s+Health Improvement/);
  });
});

describe.skipIf(!sofficeAvailable() || !pdfToolsAvailable())("members' pack printing of long sheets", () => {
  it("a long check listing runs over several pages, each one page wide with the header row repeated", async () => {
    const findings = Array.from({ length: 160 }, (_, i) => ({
      sheet: `Service return ${1 + (i % 7)}`,
      cell: `C${5 + i}`,
      rule: "number-as-text" as const,
      severity: "error" as const,
      message: `The amount "£${(1000 + i).toLocaleString("en-GB")},000" in line ${i + 1} is stored as text, so totals above it leave it out.`,
      suggestion: "Convert it to a number keeping the displayed value.",
    }));
    const options = { ...OPTIONS, sections: { summary: false } };
    const { layouts } = buildMembersPackLayouts({ checks: { findings } }, options);
    const bytes = await buildMembersPack({ checks: { findings } }, options);
    const pdf = await convertToPdf(bytes);
    const pages = await pdfPagesText(pdf.bytes);
    expect(layouts.map((l) => l.name)).toEqual(["Cover", "Check results"]);
    expect(pdf.pages).toBeGreaterThan(3);
    expect(pages).toHaveLength(pdf.pages);
    // Check results is landscape A4: 842 x 595 points.
    const checkPages = pages.slice(1);
    for (const p of checkPages) {
      // The plain header row (first to last column) on one line of every page.
      expect(p).toMatch(/What was found\s+Sheet\s+Cell\s+How serious/);
      // One page wide: the last column is on every page with the first.
      expect(p).toMatch(/is stored as text[^\n]*Service return \d\s+C\d+\s+Error/);
    }
    const listed = checkPages.join("\n").match(/is stored as text/g) ?? [];
    expect(listed).toHaveLength(160);
  });

  it("the cached reading really reads cached values: a planted wrong cached total shows when not recalculating", async () => {
    const bytes = await buildMembersPack({ savings: SAVINGS_TABLE }, OPTIONS);
    const zip = await JSZip.loadAsync(bytes);
    const parts = Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
    let planted = false;
    for (const p of parts) {
      const xml = await zip.file(p)!.async("string");
      if (!xml.includes("<f>SUM(B")) continue;
      zip.file(p, xml.replace(/(<f>SUM\(B[^<]*<\/f><v>)180(<\/v>)/, "$1999$2"));
      planted = true;
    }
    expect(planted).toBe(true);
    const tampered = await zip.generateAsync({ type: "uint8array" });
    const cached = await readSheetsWithLibreOffice(tampered, "cached", ["Savings"]);
    const recalculated = await readSheetsWithLibreOffice(tampered, "recalculated", ["Savings"]);
    expect(cached.get("Savings")!.find((r) => r[0] === "Total")![1]).toBe("999");
    expect(recalculated.get("Savings")!.find((r) => r[0] === "Total")![1]).toBe("180");
  });
});

describe("members' pack from arbitrary user input", () => {
  const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== "" && !/[\p{Cc}\ufffe\uffff]/u.test(s) && !/[\ud800-\udfff]/.test(s));
  it("property: any titles, stream names and ranges give a clean pack whose totals are core's", async () => {
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.array(fc.tuple(text, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 3000 }),
        async (title, streams, requirement) => {
          const savings = { streams: streams.map(([name, low, spread]) => ({ name, range: savingsRange(low, low + spread, "£m") })), requirement, unit: "£m" as const };
          const { layouts, figures } = buildMembersPackLayouts({ savings }, { title, date: DATE });
          const total = rangeTotal(savings.streams.map((s) => s.range));
          expect(figures.savings).toMatchObject({ low: total.low, high: total.high, gapLow: requirement - total.high, gapHigh: requirement - total.low });
          const names = layouts.map((l) => l.name.toLowerCase());
          expect(new Set(names).size).toBe(names.length);
          const bytes = await buildMembersPack({ savings }, { title, date: DATE });
          const scan = await scanPack(bytes, [title, ...streams.map(([n]) => n)].filter((t) => t.trim().length >= 4));
          expect(scan.problems).toEqual([]);
          expect(scan.strings).toContain(title);
          for (const [n] of streams) expect(scan.strings).toContain(n);
        },
      ),
      { numRuns: runs(12) },
    );
  });
});

describe("members' pack savings without a requirement", () => {
  it("draws the ranges and totals without a requirement line or shortfall", async () => {
    const savings = { ...SAVINGS_TABLE, requirement: undefined };
    const { layouts, charts, figures } = buildMembersPackLayouts({ savings }, OPTIONS);
    expect(figures.savings).toEqual({ low: 180, high: 220, unit: "£m" });
    const sheet = layouts.find((l) => l.name === "Savings")!;
    expect(sheet.cells.some((c) => typeof c.value === "string" && c.value.startsWith("Shortfall"))).toBe(false);
    expect(charts).toHaveLength(1);
    const bytes = await buildMembersPack({ savings }, OPTIONS);
    const chart = await sheetPart(bytes, "xl/charts/chart1.xml");
    expect(chart).toContain("<c:barChart>");
    expect(chart).not.toContain("<c:lineChart>");
    expect((await scanPack(bytes)).problems).toEqual([]);
  });
});
