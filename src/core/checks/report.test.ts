import { describe, expect, it } from "vitest";
import type { Finding } from "../findings";
import { layoutExtent } from "../layout";
import { checkReportLayout, checkReturnsLayout, findingLine, RULE_TITLES } from "./report";

const findings: Finding[] = [
  { sheet: "Budget 2024", cell: "C7", rule: "total-hardcoded", severity: "warning", message: "typed", suggestion: "use SUM", fix: { description: "x", edits: [] } },
  { sheet: "Budget 2024", cell: "C2", rule: "number-as-text", severity: "error", message: "text" },
  { sheet: "Savings", cell: "B10", rule: "requirement-gap", severity: "info", message: "gap" },
];
const at = new Date(2025, 2, 31, 9, 5);

describe("checkReportLayout", () => {
  const layout = checkReportLayout(findings, { scope: "Workbook Budgets.xlsx", checkedAt: at });
  const at0 = (r: number, c: number) => layout.cells.find((x) => x.row === r && x.col === c);

  it("has a title, when and what was checked, and counts by severity", () => {
    expect(at0(0, 0)?.value).toBe("Check report");
    expect(at0(1, 0)?.value).toBe("Workbook Budgets.xlsx, checked on 31/03/2025 09:05");
    expect([at0(4, 0)?.value, at0(4, 1)?.value, at0(4, 2)?.value, at0(4, 3)?.value]).toEqual([1, 1, 1, 3]);
  });

  it("lists findings sorted by severity in an Excel table, each cell linked", () => {
    expect(layout.tables).toEqual([{ name: "CheckReport", range: { row: 6, col: 0, rowCount: 4, colCount: 8 } }]);
    expect([7, 8, 9].map((r) => at0(r, 0)?.value)).toEqual(["Error", "Warning", "Information"]);
    expect(at0(7, 2)).toMatchObject({ value: "C2", link: { sheet: "Budget 2024", cell: "C2" } });
    expect(at0(8, 3)?.value).toBe(RULE_TITLES["total-hardcoded"]);
    expect(at0(8, 4)?.value).toBe("total-hardcoded");
    expect(at0(8, 6)?.value).toBe("use SUM");
    expect(at0(8, 7)?.value).toBe("Yes");
    expect(layoutExtent(layout)).toEqual({ rows: 10, cols: 8 });
    expect(layout.freezeRows).toBe(7);
  });

  it("says so when there is nothing to report, without an empty table", () => {
    const empty = checkReportLayout([], { checkedAt: at });
    expect(empty.tables).toBeUndefined();
    expect(empty.cells.some((c) => c.value === "No faults found.")).toBe(true);
  });
});

describe("checkReturnsLayout", () => {
  it("one row per file and sheet, unreadable files with their reason, totals as formulas", () => {
    const layout = checkReturnsLayout(
      [
        { file: "Libraries.xlsx", sheets: ["Budget 2024", "Savings"], findings },
        { file: "Broken.xlsx", sheets: [], findings: [], error: "not a zip" },
      ],
      { checkedAt: at },
    );
    const row = (r: number) => layout.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col).map((c) => c.value ?? c.formula);
    expect(row(1)[0]).toBe("2 files checked on 31/03/2025 09:05; 1 could not be read");
    expect(row(4)).toEqual(["Libraries.xlsx", "Budget 2024", 1, 1, 0, "C2: text"]);
    expect(row(5)).toEqual(["Libraries.xlsx", "Savings", 0, 0, 1, "B10: gap"]);
    expect(row(6)).toEqual(["Broken.xlsx", "", 0, 0, 0, "Could not be read: not a zip"]);
    expect(row(7)).toEqual(["Total", "", "=SUM(C5:C7)", "=SUM(D5:D7)", "=SUM(E5:E7)", ""]);
    expect(layout.cells.find((c) => c.row === 7 && c.col === 2)?.result).toBe(1);
    expect(layout.tables).toEqual([{ name: "CheckReturns", range: { row: 3, col: 0, rowCount: 4, colCount: 6 } }]);
  });
});

describe("findingLine: a finding led by its cell, the cell said once", () => {
  it("puts the cell before a message that does not start with it", () => {
    expect(findingLine({ cell: "C2", message: "text" })).toBe("C2: text");
    expect(findingLine({ cell: "B1", message: "B10 holds 5" })).toBe("B1: B10 holds 5"); // another cell
    expect(findingLine({ cell: "", message: "The sheet has no totals." })).toBe("The sheet has no totals.");
  });
  it("leaves a message that already starts with its cell as it is", () => {
    expect(findingLine({ cell: "B4", message: "B4: 15-abc is not a range." })).toBe("B4: 15-abc is not a range.");
    expect(findingLine({ cell: "B4", message: 'B4 holds "1,200" as text.' })).toBe('B4 holds "1,200" as text.');
  });
  it("says the cell once in the returns summary for a range that cannot be read", () => {
    const layout = checkReturnsLayout([{ file: "Savings.xlsx", sheets: ["Savings"], findings: [{ sheet: "Savings", cell: "B4", rule: "range-invalid", severity: "error", message: "B4: 15-abc is not a range." }] }], { checkedAt: at });
    expect(layout.cells.find((c) => c.row === 4 && c.col === 5)?.value).toBe("B4: 15-abc is not a range.");
  });
});
