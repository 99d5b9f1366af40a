/**
 * The formula the total rules offer (in the suggestion and as a fix) must be one Excel accepts: within its
 * 8,192 characters and 255 arguments a function (src/core/formulaLimits.ts). A grand total over 2,000
 * sub-totals listed cell by cell is over 11,000 characters; the rules then say what to do in words and offer
 * no formula fix, rather than a fix Excel refuses mid-write.
 */
import { describe, expect, it } from "vitest";
import { checkSheet } from "../../../src/core/checks";
import { formulaLimitReason } from "../../../src/core/formulaLimits";
import { sheet, type Cell } from "./ruleTester";

/** Groups of two lines and a sub-total, then a grand total typed as a number. */
function groups(n: number): Cell[][] {
  const rows: Cell[][] = [["Type of service", "Service", "Gross budget"]];
  let grand = 0;
  for (let g = 0; g < n; g++) {
    const first = rows.length + 1;
    rows.push([`Type ${g}`, `Service ${g}a`, 1_000 + g], [`Type ${g}`, `Service ${g}b`, 2_000]);
    rows.push(["Sub-total", null, { f: `=SUM(C${first}:C${first + 1})`, v: 3_000 + g }]);
    grand += 3_000 + g;
  }
  rows.push(["Total", null, grand]);
  return rows;
}

const totalFindings = (n: number) => checkSheet(sheet(groups(n))).filter((f) => f.rule === "total-hardcoded");

describe("the total rules offer only formulas Excel accepts", () => {
  it("offers the SUM of the sub-totals as the fix when it fits (20 groups)", () => {
    const [f] = totalFindings(20);
    expect(f).toBeDefined();
    expect(f.suggestion).toMatch(/^Use the formula =SUM\(C4,C7,/);
    const edits = f.fix?.edits ?? [];
    expect(edits).toHaveLength(1);
  });

  it("says it in words, with no formula fix, when that SUM would pass Excel's limits (2,000 groups)", () => {
    const [f] = totalFindings(2_000);
    expect(f).toBeDefined();
    expect(f.suggestion).toBe("Use a SUM formula over its lines.");
    expect(f.fix).toBeUndefined();
  });

  it("every formula any finding offers on such a sheet is within the limits", () => {
    for (const f of checkSheet(sheet(groups(2_000)))) {
      for (const e of f.fix?.edits ?? []) if (e.kind === "formula") expect(formulaLimitReason(e.formula)).toBeNull();
      expect(f.suggestion?.length ?? 0).toBeLessThan(2_000);
    }
  });
});
