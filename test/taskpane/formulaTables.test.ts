/**
 * One grade table for the pane and the cells (issue 13 item 5): BUDGET formulas on the sample table are found
 * and rewritten to name the pane's table and pay year; formulas that already name a table are left alone.
 */
import { describe, expect, it } from "vitest";
import { snapshotFromRows } from "../../src/core/sheetSnapshot";
import { scanTableFormulas, splitArgs, withTable } from "../../src/taskpane/formulaTables";

const T = "Grades!$A$1:$C$9";

describe("withTable", () => {
  it("adds the year and the table after the arguments given", () => {
    expect(withTable("=BUDGET.GRADECOST(B2,C2)", T, 2024)).toBe(`=BUDGET.GRADECOST(B2,C2,,2024,${T})`);
    expect(withTable('=BUDGET.SALARY("KR17","mid")', T, 2025)).toBe(`=BUDGET.SALARY("KR17","mid",2025,${T})`);
    expect(withTable('=BUDGET.GRADECOST("KR17",1,"max","2023/24")', T, 2024)).toBe(`=BUDGET.GRADECOST("KR17",1,"max","2023/24",${T})`);
  });
  it("leaves formulas that name a table, or are not one plain call", () => {
    expect(withTable("=BUDGET.GRADECOST(B2,C2,,2024,Other!A1:C5)", T, 2024)).toBeNull();
    expect(withTable("=SUM(BUDGET.GRADECOST(B2,C2))", T, 2024)).toBeNull();
    expect(withTable("=BUDGET.RANGETOTAL(B2:B7)", T, 2024)).toBeNull();
  });
  it("splits arguments at top-level commas only", () => {
    expect(splitArgs('B2,"a,b",SUM(1,2)')).toEqual(["B2", '"a,b"', "SUM(1,2)"]);
  });
});

describe("scanTableFormulas", () => {
  it("finds the sample-table formulas of the preview's Costs sheet", () => {
    const costs = snapshotFromRows("Costs", [
      ["Post", "Grade", "FTE", "Annual cost"],
      ["Director ICT", "KR17", 1, "=BUDGET.GRADECOST(B2,C2)"],
      ["Head of Policy", "KR16", 0.5, "=SUM(BUDGET.GRADECOST(B3,C3))"],
      ["Total", null, "=SUM(C2:C3)", "=SUM(D2:D3)"],
    ]);
    const scan = scanTableFormulas([costs], T, 2024);
    expect(scan.edits).toEqual([{ sheet: "Costs", cell: "D2", kind: "formula", formula: `=BUDGET.GRADECOST(B2,C2,,2024,${T})` }]);
    expect(scan.byHand).toEqual(["Costs!D3"]);
  });
});
