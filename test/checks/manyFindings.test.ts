/**
 * 150,000 findings go through the checks without a spread of the whole list into a call's arguments
 * (`push(...findings)` throws "Maximum call stack size exceeded" at around 120,000 items on Node's default
 * stack). The sheet: 150,000 cells showing #REF!, each one formula-error finding.
 */
import { describe, expect, it } from "vitest";
import { checkSheet, checkSnapshots } from "../../src/core/checks";
import type { CellValue, SheetSnapshot } from "../../src/core/sheetSnapshot";
import { auditSnapshots } from "../../src/workbook/auditWorkbook";

const N = 150_000;

function errorSheet(name: string, rows: number): SheetSnapshot {
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = 0; r < rows; r++) {
    values.push(["#REF!"]);
    formulas.push([null]);
  }
  return { name, origin: { row: 0, col: 0 }, values, formulas, merges: [] };
}

describe("150,000 findings", () => {
  it("checkSheet, checkSnapshots and auditSnapshots return every one, in row order", () => {
    const snap = errorSheet("Errors", N);
    const one = checkSheet(snap);
    expect(one).toHaveLength(N);
    expect(one[0].cell).toBe("A1");
    expect(one[N - 1].cell).toBe("A150000");
    const two = [snap, errorSheet("More", 10)];
    const all = checkSnapshots(two);
    expect(all).toHaveLength(N + 10);
    const audited = auditSnapshots(two);
    expect(audited).toHaveLength(N + 10);
    // Sheets in name order ("Errors" before "More"), rows in order within each.
    expect(audited[N - 1]).toMatchObject({ sheet: "Errors", cell: "A150000" });
    expect(audited[N]).toMatchObject({ sheet: "More", cell: "A1" });
  });
});
