import { describe, expect, it } from "vitest";
import { snapshotFromRows } from "../sheetSnapshot";
import { applyEditsToSnapshot, EditOutsideSnapshotError, recalculateSums } from "./applyEdits";

describe("applyEditsToSnapshot", () => {
  const snap = recalculateSums(
    snapshotFromRows("S", [
      ["Service", "Gross"],
      ["A", 10],
      ["B", "20"],
      ["C", 30],
      ["Sub", "=SUM(B2:B3)"],
      ["Total", "=B5+B4"],
    ]),
  );

  it("recalculates sums as Excel does: text in a range is ignored", () => {
    expect(snap.values[4][1]).toBe(10);
    expect(snap.values[5][1]).toBe(40);
  });

  it("applies number, text and formula edits and recalculates what depends on them", () => {
    const after = applyEditsToSnapshot(snap, [
      { sheet: "S", cell: "B3", kind: "number", value: 20 },
      { sheet: "S", cell: "B5", kind: "formula", formula: "=SUM(B2:B4)" },
      { sheet: "S", cell: "A2", kind: "text", value: "=not a formula" },
    ]);
    expect(after.values[4][1]).toBe(60);
    expect(after.values[5][1]).toBe(90);
    expect(after.values[1][0]).toBe("=not a formula");
    expect(after.formulas[1][0]).toBeNull();
    // The original is untouched.
    expect(snap.values[2][1]).toBe("20");
  });

  it("passes errors on and survives circular references", () => {
    const s = recalculateSums(snapshotFromRows("S", [[1, "#REF!", "=SUM(A1:B1)"], ["=A2+B2", "=A2", null]]));
    expect(s.values[0][2]).toBe("#REF!");
    expect(typeof s.values[1][0]).toBe("number");
  });

  it("refuses edits for another sheet or outside the block", () => {
    expect(() => applyEditsToSnapshot(snap, [{ sheet: "T", cell: "B2", kind: "number", value: 1 }])).toThrow(EditOutsideSnapshotError);
    expect(() => applyEditsToSnapshot(snap, [{ sheet: "S", cell: "Z99", kind: "number", value: 1 }])).toThrow(EditOutsideSnapshotError);
  });
});
