/** The Functions tab's Insert (issue 13 item 12): arguments from the selection where sensible. */
import { describe, expect, it } from "vitest";
import { planInsert } from "../../src/taskpane/insertFunction";

describe("planInsert", () => {
  it("totals a selected column of savings ranges in the cell under it", () => {
    expect(planInsert("RANGETOTAL", "=BUDGET.RANGETOTAL(B2:B7)", { row: 1, col: 1, rowCount: 6, colCount: 1 })).toMatchObject({ cell: "B8", formula: "=BUDGET.RANGETOTAL(B2:B7)" });
    expect(planInsert("RANGEGAP", "=BUDGET.RANGEGAP(241, B2:B7)", { row: 1, col: 1, rowCount: 6, colCount: 1 })).toMatchObject({ cell: "B8", formula: "=BUDGET.RANGEGAP(241, B2:B7)" });
  });
  it("costs a selected grade and FTE in the cell to their right", () => {
    expect(planInsert("GRADECOST", '=BUDGET.GRADECOST("KR17", 1)', { row: 1, col: 1, rowCount: 1, colCount: 2 })).toMatchObject({ cell: "D2", formula: "=BUDGET.GRADECOST(B2, C2)" });
  });
  it("puts the example into a single selected cell", () => {
    expect(planInsert("GRADECOST", '=BUDGET.GRADECOST("KR17", 1)', { row: 4, col: 3, rowCount: 1, colCount: 1 })).toMatchObject({ cell: "D5", formula: '=BUDGET.GRADECOST("KR17", 1)' });
    expect(planInsert("SLOTTING", '=BUDGET.SLOTTING("KR17", "KR17", 1, 1, 80%)', { row: 0, col: 0, rowCount: 3, colCount: 3 })).toMatchObject({ cell: "A1" });
  });
});
