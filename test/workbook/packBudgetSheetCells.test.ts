/**
 * A budget-table section of a few lines, drawn cell by cell: every cell of the pack's budget sheet (value or
 * formula with its cached result, style, number format), in order, worked out by hand. And each budget table
 * of the pack input gets exactly the findings of its own sheet.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/findings";
import type { LayoutCell } from "../../src/core/layout";
import { buildMembersPackLayouts, type BudgetTableSection } from "../../src/workbook/membersPack";
import { membersPackInputFromContents, type WorkbookContents } from "../../src/workbook/membersPackFromWorkbook";

const OPTIONS = { title: "Market review", date: new Date(Date.UTC(2026, 10, 28)) };
const POUNDS = '"£"#,##0;-"£"#,##0';
const THOUSANDS = '"£"#,##0"k";-"£"#,##0"k"';

const finding = (sheet: string, cell: string, severity: Finding["severity"], message: string): Finding => ({
  sheet,
  cell,
  rule: severity === "info" ? "negative-net" : "total-mismatch",
  severity,
  message,
});

/** Lines of three types, the first type's lines not together, a blank type, a line without a name, blank amounts. */
const SECTION: BudgetTableSection = {
  sheet: "Market review",
  title: "  Market review 2025/26 ",
  unit: "£000",
  grossHeader: "Gross £000",
  lines: [
    { type: "Frontline services", service: "Libraries", gross: 100, net: 80 },
    { type: "Support", service: "Finance", gross: 50.1, net: null },
    { type: "Frontline services", service: "", gross: 20.2, net: -5 },
    { type: "", service: "Misc", gross: null, net: 1 },
  ],
  findings: [finding("Market review", "D4", "info", "Net budget is negative."), finding("Market review", "C9", "error", "The total does not add up.")],
};

describe("a budget table in the members' pack, cell by cell", () => {
  it("draws 4 lines of 3 types as the lines of each type (in the order types first appear), their subtotals and the total, with the check results beside", () => {
    const { layouts } = buildMembersPackLayouts({ budgetTables: [SECTION] }, OPTIONS);
    expect(layouts.map((l) => l.name)).toEqual(["Cover", "Budget Market review"]);
    const sheet = layouts[1];
    const v = (row: number, col: number, value: LayoutCell["value"], style: LayoutCell["style"], numberFormat?: string): LayoutCell =>
      numberFormat ? { row, col, value, style, numberFormat } : { row, col, value, style };
    const f = (row: number, col: number, formula: string, result: number, style: LayoutCell["style"], numberFormat: string): LayoutCell => ({ row, col, formula, result, style, numberFormat });
    const expected: LayoutCell[] = [
      v(0, 0, "Market review 2025/26", "title"),
      v(1, 0, "Copied from sheet Market review. Subtotals and the total are formulas: select one to see how it is made. Check results still open are listed on the right.", "note"),
      v(3, 0, "Type of service", "header"),
      v(3, 1, "Service", "header"),
      v(3, 2, "Gross £000", "header"),
      v(3, 3, "Net budget (£000)", "header"),
      // Frontline services: sheet rows 5-6, subtotal on row 7.
      v(4, 0, "Frontline services", "bodyWrap"),
      v(4, 1, "Libraries", "bodyWrap"),
      v(4, 2, 100, "number", THOUSANDS),
      v(4, 3, 80, "number", THOUSANDS),
      v(5, 0, "Frontline services", "bodyWrap"),
      v(5, 1, "(no name)", "bodyWrap"),
      v(5, 2, 20.2, "number", THOUSANDS),
      v(5, 3, -5, "number", THOUSANDS),
      v(6, 0, "Total frontline services", "total"),
      v(6, 1, null, "total"),
      f(6, 2, "=SUBTOTAL(9,C5:C6)", 120.2, "totalNumber", THOUSANDS),
      f(6, 3, "=SUBTOTAL(9,D5:D6)", 75, "totalNumber", THOUSANDS),
      // Support: row 8, subtotal on row 9 (a blank net counts as 0).
      v(7, 0, "Support", "bodyWrap"),
      v(7, 1, "Finance", "bodyWrap"),
      v(7, 2, 50.1, "number", THOUSANDS),
      v(7, 3, null, "number", THOUSANDS),
      v(8, 0, "Total support", "total"),
      v(8, 1, null, "total"),
      f(8, 2, "=SUBTOTAL(9,C8:C8)", 50.1, "totalNumber", THOUSANDS),
      f(8, 3, "=SUBTOTAL(9,D8:D8)", 0, "totalNumber", THOUSANDS),
      // No type: row 10, "Subtotal" on row 11.
      v(9, 0, "(no type)", "bodyWrap"),
      v(9, 1, "Misc", "bodyWrap"),
      v(9, 2, null, "number", THOUSANDS),
      v(9, 3, 1, "number", THOUSANDS),
      v(10, 0, "Subtotal", "total"),
      v(10, 1, null, "total"),
      f(10, 2, "=SUBTOTAL(9,C10:C10)", 0, "totalNumber", THOUSANDS),
      f(10, 3, "=SUBTOTAL(9,D10:D10)", 1, "totalNumber", THOUSANDS),
      // The total over lines and subtotals (SUBTOTAL leaves the subtotals out): 120.2 + 50.1 + 0 = 170.3 (not 170.29999999999998), 75 + 0 + 1 = 76.
      v(11, 0, "Total", "total"),
      v(11, 1, null, "total"),
      f(11, 2, "=SUBTOTAL(9,C5:C11)", 170.3, "totalNumber", THOUSANDS),
      f(11, 3, "=SUBTOTAL(9,D5:D11)", 76, "totalNumber", THOUSANDS),
      // Check results from the header row down, most serious first.
      v(3, 5, "Check results still open: what was found", "header"),
      v(3, 6, "Cell", "header"),
      v(3, 7, "How serious", "header"),
      v(4, 5, "The total does not add up.", "bodyWrap"),
      v(4, 6, "C9", "body"),
      v(4, 7, "Error", "error"),
      v(5, 5, "Net budget is negative.", "bodyWrap"),
      v(5, 6, "D4", "body"),
      v(5, 7, "For information", "info"),
    ];
    expect(sheet.cells.toArray()).toStrictEqual(expected);
    expect(sheet.merges).toStrictEqual([
      { row: 0, col: 0, rowCount: 1, colCount: 8 },
      { row: 1, col: 0, rowCount: 1, colCount: 8 },
    ]);
    expect(sheet.freezeRows).toBe(4);
    expect(sheet.print).toStrictEqual({ orientation: "landscape", fitToWidth: true, repeatRows: { first: 3, last: 3 } });
    expect(sheet.columnWidths).toEqual([26, 30, 16, 16, 2, 54, 8, 14]);
  });

  it("with no lines: the total is 0 as a value (a SUBTOTAL or SUM of nothing is not a formula Excel takes)", () => {
    const { layouts } = buildMembersPackLayouts({ budgetTables: [{ sheet: "Empty", unit: "£", lines: [] }] }, OPTIONS);
    const sheet = layouts[1];
    expect(sheet.cells.filter((c) => c.formula !== undefined)).toEqual([]);
    expect(sheet.cells.filter((c) => c.row === 4 && c.col < 4).map((c) => c.value)).toEqual(["Total", null, 0, 0]);
  });

  it("with one line, no unit and no findings: a subtotal of one row, the total over the line and its subtotal and 'No problems were found'", () => {
    const section: BudgetTableSection = { sheet: "Budget 2025", unit: null, lines: [{ type: "Parks", service: "Play areas", gross: 1234.5, net: 1000 }] };
    const { layouts } = buildMembersPackLayouts({ budgetTables: [section] }, OPTIONS);
    const sheet = layouts[1];
    expect(sheet.name).toBe("Budget 2025");
    const at = (row: number): unknown[] => sheet.cells.filter((c) => c.row === row && c.col < 4).map((c) => (c.formula ? [c.formula, c.result] : c.value));
    expect(sheet.cells.at(0)).toStrictEqual({ row: 0, col: 0, value: "Budget 2025", style: "title" });
    // No unit: headers without one, figures in whole pounds.
    expect(at(3)).toEqual(["Type of service", "Service", "Gross budget", "Net budget"]);
    expect(at(4)).toEqual(["Parks", "Play areas", 1234.5, 1000]);
    expect(at(5)).toEqual(["Total parks", null, ["=SUBTOTAL(9,C5:C5)", 1234.5], ["=SUBTOTAL(9,D5:D5)", 1000]]);
    expect(at(6)).toEqual(["Total", null, ["=SUBTOTAL(9,C5:C6)", 1234.5], ["=SUBTOTAL(9,D5:D6)", 1000]]);
    expect(sheet.cells.find((c) => c.row === 4 && c.col === 2)?.numberFormat).toBe(POUNDS);
    expect(sheet.cells.filter((c) => c.col >= 5).map((c) => [c.row, c.col, c.value])).toEqual([
      [3, 5, "Check results"],
      [3, 6, "Cell"],
      [3, 7, "How serious"],
      [4, 5, "No problems were found on this sheet."],
    ]);
  });
});

describe("the pack's input from a workbook's contents", () => {
  it("gives each budget table the findings of its own sheet, in the checks' order, and the checks section those of the sheets checked", () => {
    const table = (sheet: string): BudgetTableSection => ({ sheet, unit: "£", lines: [{ type: "A", service: "B", gross: 1, net: 1 }] });
    const contents: WorkbookContents = {
      postLists: [],
      savings: [],
      budgetSheets: ["North", "South"],
      budgetTables: [table("North"), table("South"), table("North")],
      skippedOutput: [],
    };
    const n1 = finding("North", "C3", "error", "n1");
    const s1 = finding("South", "C4", "error", "s1");
    const other = finding("Notes", "A1", "warning", "other");
    const n2 = finding("North", "D9", "info", "n2");
    const s2 = finding("South", "D2", "info", "s2");
    const input = membersPackInputFromContents(contents, [n1, s1, other, n2, s2]);
    expect(input.budgetTables?.map((t) => t.findings)).toEqual([[n1, n2], [s1, s2], [n1, n2]]);
    expect(input.checks?.findings).toEqual([n1, s1, n2, s2]);
    expect(input.checks?.sheetsChecked).toEqual(["North", "South"]);
  });
});
