/**
 * The members' pack is what councillors receive: the checker must find nothing wrong in it (no false alarms
 * on a generated workbook whose totals are live formulas), and no budget rule may fire on its restructure
 * tables, which are counts of posts, not money.
 */
import { describe, expect, it } from "vitest";
import { auditWorkbook } from "../../src/workbook/auditWorkbook";
import type { SheetLayout } from "../../src/core/layout";
import { buildMembersPack, buildMembersPackLayouts, type BudgetTableSection } from "../../src/workbook/membersPack";
import { renderLayoutsToXlsx } from "../../src/workbook/renderLayout";
import { fullInput } from "../workbook/fixtures";
import { LayoutCells } from "../../src/core/layoutCells";

describe("a generated members' pack", () => {
  it("gives no errors or warnings, only the requirement gap", async () => {
    const bytes = await buildMembersPack(fullInput(), { title: "Pack", date: new Date(Date.UTC(2026, 0, 5)) });
    const findings = await auditWorkbook(bytes);
    const alarms = findings.filter((f) => f.severity !== "info");
    expect(alarms.map((f) => `${f.sheet}!${f.cell} ${f.rule}: ${f.message}`)).toEqual([]);
    expect(findings.some((f) => f.sheet === "Savings" && f.rule === "requirement-gap")).toBe(true);
  });
});

/** Worked from domain.md's market review: two types of two services each. */
const MARKET_REVIEW: BudgetTableSection = {
  sheet: "Market review",
  unit: "£",
  lines: [
    { type: "Frontline services", service: "Community Learning & Skills", gross: 15_125_000, net: 229_000 },
    { type: "Frontline services", service: "Libraries", gross: 16_792_000, net: 15_174_600 },
    { type: "Corporate support services", service: "Finance", gross: 18_193_000, net: 1_800_000 },
    { type: "Corporate support services", service: "HR", gross: 29_493_000, net: 27_661_000 },
  ],
};

/** 300 types of two lines: past the old total's 255 arguments. No net budget negative or over its gross, so no findings are expected. */
const MANY_TYPES: BudgetTableSection = {
  sheet: "Services",
  unit: "£",
  lines: Array.from({ length: 300 }, (_, t) => [
    { type: `Type ${t + 1}`, service: `Service ${t + 1}a`, gross: 1000 + t, net: 500 + t },
    { type: `Type ${t + 1}`, service: `Service ${t + 1}b`, gross: 20_000 * (t % 7), net: 1_000 * (t % 7) },
  ]).flat(),
};

/** The pack's budget sheets, drawn to .xlsx after `tamper`, then checked as an officer would check a copy. */
async function checkBudgetSheets(tamper: (sheet: SheetLayout) => void = () => undefined): Promise<string[]> {
  const { layouts } = buildMembersPackLayouts({ budgetTables: [MARKET_REVIEW, MANY_TYPES] }, { title: "Pack", date: new Date(Date.UTC(2026, 0, 5)) });
  const budgets = layouts.filter((l) => l.name.startsWith("Budget"));
  expect(budgets.map((l) => l.name)).toEqual(["Budget Market review", "Budget Services"]);
  tamper(budgets[0]);
  const findings = await auditWorkbook(await renderLayoutsToXlsx(budgets));
  return findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}`);
}

describe("a members' pack budget sheet, checked as a budget sheet", () => {
  it("has subtotals and a total the checks accept: SUBTOTAL(9) over each type and over the whole block, at 2 types and at 300", async () => {
    expect(await checkBudgetSheets()).toEqual([]);
  });

  it("is read by the checks, not skipped: a total range cut short, or a SUM over the block (which would count lines twice), is found", async () => {
    // The grand total's formula replaced by another.
    const total = (formula: string) => (sheet: SheetLayout) => {
      sheet.cells = LayoutCells.from(sheet.cells.map((c) => (c.formula === "=SUBTOTAL(9,C5:C10)" ? { ...c, formula } : c)));
    };
    expect(await checkBudgetSheets(total("=SUBTOTAL(9,C5:C8)"))).toEqual(["Budget Market review!C11 sum-range-gap"]);
    expect(await checkBudgetSheets(total("=SUM(C5:C10)"))).toEqual(["Budget Market review!C11 sum-range-gap"]);
  });
});

