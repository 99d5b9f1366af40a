/**
 * Undo of applied fixes (issue 13 item 1): values, formulas and number formats come back exactly; text that
 * looks like a number or formula stays text; a cell changed since the fix is left alone.
 */
import { describe, expect, it } from "vitest";
import { cellAddress } from "../../src/core/a1";
import type { CellEdit } from "../../src/core/findings";
import { applyEdits, undoEdits } from "../../src/excel";
import type { ExcelStandIn } from "../standin/excel";
import { installStandIn } from "../excel/helpers";

function sheet(): ExcelStandIn {
  const standIn = installStandIn({
    sheets: {
      Budget: [
        ["Service", "Gross", "Net"],
        ["Adults", "'£15,125,000", 12_000_000],
        ["Children", 9_000_000, "'(1,234)"],
        ["Housing", "'=not a formula", 3_000_000],
        ["Total", 28_925_000, "=SUM(C2:C4)"],
      ],
    },
  });
  standIn.setFormat("Budget", "B2:C5", { numberFormat: '"£"#,##0' });
  standIn.setFormat("Budget", "C3", { numberFormat: "@" });
  return standIn;
}

function picture(standIn: ExcelStandIn): string {
  const out: unknown[] = [];
  for (let r = 0; r < 6; r++) for (let c = 0; c < 4; c++) {
    const a = cellAddress(r, c);
    out.push([a, standIn.getValues("Budget", a)[0][0], standIn.getFormulas("Budget", a)[0][0], standIn.getFormat("Budget", a).numberFormat]);
  }
  return JSON.stringify(out);
}

const fixes: CellEdit[] = [
  { sheet: "Budget", cell: "B2", kind: "number", value: 15_125_000, numberFormat: '"£"#,##0' },
  { sheet: "Budget", cell: "C3", kind: "number", value: -1234 },
  { sheet: "Budget", cell: "B5", kind: "formula", formula: "=SUM(B2:B4)" },
  { sheet: "Budget", cell: "B4", kind: "number", value: 4_000_000 },
];

describe("undoEdits", () => {
  it("puts every fixed cell back exactly: value, formula and number format", async () => {
    const standIn = sheet();
    const before = picture(standIn);
    const applied = await applyEdits(fixes);
    expect(picture(standIn)).not.toBe(before);
    const undone = await undoEdits(applied);
    expect(undone.changedSince).toEqual([]);
    expect(undone.restored).toHaveLength(4);
    expect(picture(standIn)).toBe(before);
    expect(standIn.getValues("Budget", "B4")).toEqual([["=not a formula"]]);
    expect(standIn.getFormat("Budget", "C3").numberFormat).toBe("@");
  });

  it("leaves a cell the user changed after the fix as it is, and says so", async () => {
    const standIn = sheet();
    const applied = await applyEdits(fixes.slice(0, 2));
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Budget").getRange("B2").values = [[99]];
      await context.sync();
    });
    void standIn;
    const undone = await undoEdits(applied);
    expect(undone.changedSince).toEqual([{ sheet: "Budget", cell: "B2" }]);
    expect(standIn.getValues("Budget", "B2")).toEqual([[99]]);
    expect(standIn.getValues("Budget", "C3")).toEqual([["(1,234)"]]);
  });
});
