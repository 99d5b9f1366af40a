import { describe, expect, it } from "vitest";
import { auditWorkbook } from "../../src/workbook/auditWorkbook";
import { buildMembersPack, buildMembersPackLayouts } from "../../src/workbook/membersPack";
import { findPackContents, membersPackInputFromContents } from "../../src/workbook/membersPackFromWorkbook";
import { readXlsx } from "../../src/workbook/readXlsx";
import type { SheetLayout } from "../../src/core/layout";
import { formulaLimitReason, measureFormula } from "../../src/core/formulaLimits";
import type { BudgetTableSection } from "../../src/workbook/membersPack";
import { buildXlsx, marketReviewClean, marketReviewFaulty } from "../fixtures/budgetSheets";
import { readSheetsWithLibreOffice, sofficeAvailable } from "../libreoffice/soffice";

const OPTIONS = { title: "Market review", date: new Date(Date.UTC(2026, 10, 28)) };

async function packFrom(sheet: typeof marketReviewClean) {
  const bytes = await buildXlsx([sheet]);
  const contents = findPackContents(await readXlsx(bytes));
  const findings = await auditWorkbook(bytes);
  const input = membersPackInputFromContents(contents, findings);
  return { input, ...buildMembersPackLayouts(input, OPTIONS) };
}

function grid(layout: SheetLayout): Map<string, { value: unknown; formula?: string }> {
  const m = new Map<string, { value: unknown; formula?: string }>();
  for (const c of layout.cells) m.set(`${c.row},${c.col}`, { value: c.formula !== undefined ? c.result : c.value, ...(c.formula ? { formula: c.formula } : {}) });
  return m;
}

function rowOf(layout: SheetLayout, text: string): number {
  return layout.cells.find((c) => c.value === text)!.row;
}

describe("the market-review budget table in the members' pack", () => {
  it("shows the table itself: services by type, gross and net, subtotals and total as SUBTOTAL formulas with their values", async () => {
    const { layouts } = await packFrom(marketReviewClean);
    const sheet = layouts.find((l) => l.name === "Budget Market review")!;
    expect(sheet).toBeDefined();
    const g = grid(sheet);
    const at = (r: number, c: number) => g.get(`${r},${c}`)?.value;
    const lib = rowOf(sheet, "Libraries");
    expect([at(lib, 0), at(lib, 2), at(lib, 3)]).toEqual(["Frontline services", 16_792_000, 15_174_600]);
    // Worked by hand from domain.md: frontline 15,125,000 + 16,792,000 = 31,917,000 gross, -229,000 + 15,174,600 = 14,945,600 net;
    // corporate support 18,193,000 + 29,493,000 = 47,686,000 and -1,800,000 + 27,661,000 = 25,861,000; total 79,603,000 and 40,806,600.
    const front = rowOf(sheet, "Total frontline services");
    expect([at(front, 2), at(front, 3)]).toEqual([31_917_000, 14_945_600]);
    expect(g.get(`${front},2`)!.formula).toMatch(/^=SUBTOTAL\(9,C\d+:C\d+\)$/);
    const corp = rowOf(sheet, "Total corporate support services");
    expect([at(corp, 2), at(corp, 3)]).toEqual([47_686_000, 25_861_000]);
    const total = rowOf(sheet, "Total");
    expect([at(total, 2), at(total, 3)]).toEqual([79_603_000, 40_806_600]);
    // The total is one SUBTOTAL over lines and subtotals: SUBTOTAL leaves the subtotals out, so each line counts once.
    expect(g.get(`${total},2`)!.formula).toBe(`=SUBTOTAL(9,C${rowOf(sheet, "Community Learning & Skills") + 1}:C${corp + 1})`);
    // Open check results beside it: the negative net budgets (for information).
    expect(sheet.cells.filter((c) => c.col === 7 && c.value === "For information")).toHaveLength(2);
  });

  it("lists the unresolved check results beside a faulty table, and reads amounts typed as text", async () => {
    const { layouts, input } = await packFrom(marketReviewFaulty);
    const sheet = layouts.find((l) => l.name === "Budget Market review")!;
    const g = grid(sheet);
    const first = rowOf(sheet, "Community Learning & Skills");
    expect(g.get(`${first},2`)!.value).toBe(15_125_000); // "£15,125,000" in the sheet
    const open = input.budgetTables![0].findings!;
    expect(open.length).toBeGreaterThan(5);
    const listed = sheet.cells.filter((c) => c.col === 5 && c.style === "bodyWrap").map((c) => c.value);
    for (const f of open) expect(listed).toContain(f.message);
    const cells = sheet.cells.filter((c) => c.col === 6 && c.style === "body").map((c) => c.value);
    expect(cells).toEqual(expect.arrayContaining(["C2", "D3", "B4", "C10"]));
  });

  it.skipIf(!sofficeAvailable())("LibreOffice recalculates the subtotals and total to the cached values", async () => {
    const { input } = await packFrom(marketReviewClean);
    const bytes = await buildMembersPack({ budgetTables: input.budgetTables }, OPTIONS);
    const [cached, recalculated] = [await readSheetsWithLibreOffice(bytes, "cached", ["Budget Market review"]), await readSheetsWithLibreOffice(bytes, "recalculated", ["Budget Market review"])];
    const total = (m: Map<string, string[][]>) => m.get("Budget Market review")!.find((r) => r[0] === "Total")!.slice(2, 4);
    expect(total(recalculated)).toEqual(total(cached));
    expect(total(cached)).toEqual(["79603000", "40806600"]);
  }, 120_000);

  /** 300 types of two lines each: the old total, a SUM of 300 subtotal cells, gave SUM 300 arguments (Excel takes 255). */
  const MANY_TYPES: BudgetTableSection = {
    sheet: "Services",
    unit: "£",
    lines: Array.from({ length: 300 }, (_, t) => [
      { type: `Type ${t + 1}`, service: `Service ${t + 1}a`, gross: 1000 + t, net: 500 - t },
      { type: `Type ${t + 1}`, service: `Service ${t + 1}b`, gross: 20_000 * (t % 7), net: -3 * t },
    ]).flat(),
  };

  it("refuses amounts too large for Excel to add up with a sentence naming the sheet and lines, not a writer failure", async () => {
    const table = (lines: BudgetTableSection["lines"]): BudgetTableSection => ({ sheet: "Market review", unit: "£", lines });
    const huge = table([
      { type: "Frontline", service: "Libraries", gross: 1e308, net: 1 },
      { type: "Frontline", service: "Museums", gross: 1e308, net: 1 },
    ]);
    await expect(buildMembersPack({ budgetTables: [huge] }, OPTIONS)).rejects.toThrow(
      'The gross budgets on sheet Market review add up to more than Excel can hold (its largest number is about 1.8 × 10^308). Lines of type "Frontline" with amounts that large: "Libraries", "Museums". Check those amounts for a typing error, then build the pack again.',
    );
    // Each type's subtotal fits, the total does not: the sentence names no type.
    const split = table([
      { type: "A", service: "x", gross: 1, net: -1e308 },
      { type: "B", service: "y", gross: 1, net: -1e308 },
    ]);
    expect(() => buildMembersPackLayouts({ budgetTables: [split] }, OPTIONS)).toThrow('The net budgets on sheet Market review add up to more than Excel can hold (its largest number is about 1.8 × 10^308). Lines with amounts that large: "x", "y".');
  });

  it("totals 300 types with formulas inside Excel's limits: SUBTOTAL over the block, the same length at any size", () => {
    const { layouts } = buildMembersPackLayouts({ budgetTables: [MANY_TYPES] }, OPTIONS);
    const sheet = layouts.find((l) => l.name === "Budget Services")!;
    const formulas = sheet.cells.filter((c) => c.formula !== undefined);
    expect(formulas).toHaveLength(2 * 301);
    for (const c of formulas) expect(formulaLimitReason(c.formula!)).toBeNull();
    const total = rowOf(sheet, "Total");
    const totalGross = sheet.cells.find((c) => c.row === total && c.col === 2)!;
    // Rows 5 (first line) to 904 (last subtotal): 300 x (2 lines + 1 subtotal) = 900 rows.
    expect(totalGross.formula).toBe("=SUBTOTAL(9,C5:C904)");
    expect(measureFormula(totalGross.formula!).mostArguments?.count).toBe(2);
    // Worked from the lines: sum of 1000 + t and 20,000 x (t mod 7) over t = 0..299.
    let gross = 0;
    let net = 0;
    for (let t = 0; t < 300; t++) {
      gross += 1000 + t + 20_000 * (t % 7);
      net += 500 - t - 3 * t;
    }
    expect([totalGross.result, sheet.cells.find((c) => c.row === total && c.col === 3)!.result]).toEqual([gross, net]);
  });

  it.skipIf(!sofficeAvailable())("LibreOffice recalculates a 300-type table's subtotals and total to the cached values (SUBTOTAL leaves subtotals out)", async () => {
    const bytes = await buildMembersPack({ budgetTables: [MANY_TYPES] }, OPTIONS);
    const name = "Budget Services";
    const [cached, recalculated] = [await readSheetsWithLibreOffice(bytes, "cached", [name]), await readSheetsWithLibreOffice(bytes, "recalculated", [name])];
    const totals = (m: Map<string, string[][]>) =>
      m
        .get(name)!
        .filter((r) => /^Total/.test(r[0] ?? ""))
        .map((r) => r.slice(0, 4));
    expect(totals(cached)).toHaveLength(301);
    expect(totals(recalculated)).toEqual(totals(cached));
    expect(totals(cached).at(-1)).toEqual(["Total", "", "18284850", "-29400"]);
  }, 120_000);
});
