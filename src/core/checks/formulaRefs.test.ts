import fc from "fast-check";
import { runs } from "../../../test/propertyRuns";
import { describe, expect, it } from "vitest";
import { rangeAddress } from "../a1";
import { parseSumFormula } from "./formulaRefs";

const refs = (f: string, sheet?: string): string[] | null => parseSumFormula(f, sheet)?.refs.map(rangeAddress) ?? null;

describe("parseSumFormula", () => {
  it.each([
    ["=SUM(C2:C5)", ["C2:C5"]],
    ["=sum($C$2:$C$5)", ["C2:C5"]],
    ["=SUM(C2:C4,C6)", ["C2:C4", "C6"]],
    ["=C2+C3+C4", ["C2", "C3", "C4"]],
    ["=+C2+C3", ["C2", "C3"]],
    ["=SUM(C2:C4)+SUM(C6:C8)", ["C2:C4", "C6:C8"]],
    ["= SUM( C5 , C9 )", ["C5", "C9"]],
    ["=SUM(SUM(C2:C3),C5)", ["C2:C3", "C5"]],
    ["=(C2+C3)+C4", ["C2", "C3", "C4"]],
    ["=SUM(C5:C2)", ["C2:C5"]],
    ["=SUM(Budget!C2:C3)", ["C2:C3"]],
    ["=SUM('Budget'!C2:C3)", ["C2:C3"]],
  ])("%s adds %j", (f, want) => {
    expect(refs(f, "Budget")).toEqual(want);
  });

  it("reads SUBTOTAL(9) and SUBTOTAL(109)", () => {
    expect(parseSumFormula("=SUBTOTAL(9,C2:C9)")).toMatchObject({ subtotal: true });
    expect(parseSumFormula("=SUBTOTAL(109,C2:C9)")?.refs).toHaveLength(1);
    expect(parseSumFormula("=SUBTOTAL(1,C2:C9)")).toBeNull();
  });

  it("whole columns", () => {
    expect(parseSumFormula("=SUM(C:C)")?.refs[0]).toMatchObject({ row: 0, col: 2, rowCount: 1_048_576 });
  });

  it.each([
    "=C2-C3",
    "=SUM(C2:C5)*1.02",
    "=C2+1000",
    "=SUM(Other!C2:C5)",
    "=VLOOKUP(A1,B:C,2,0)",
    "=SUM()",
    "=C2:C4+C5",
    "SUM(C2:C5)",
    "=SUM(C2:C5",
    "=",
    "=SUMIF(C2:C5,\">0\")",
    "=SUM(C2:C5)+",
  ])("%s is not a plain sum", (f) => {
    expect(parseSumFormula(f, "Budget")).toBeNull();
  });

  it("never throws, on any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const p = parseSumFormula("=" + s);
        if (p) for (const r of p.refs) expect(r.rowCount).toBeGreaterThan(0);
      }),
      { numRuns: runs(2000) },
    );
  });

  it("reads back any generated SUM of cells and ranges", () => {
    const cell = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 30 }));
    const range = fc.tuple(cell, cell).map(([[r1, c1], [r2, c2]]) => ({
      row: Math.min(r1, r2),
      col: Math.min(c1, c2),
      rowCount: Math.abs(r1 - r2) + 1,
      colCount: Math.abs(c1 - c2) + 1,
    }));
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: 8 }), (rs) => {
        const f = `=SUM(${rs.map(rangeAddress).join(",")})`;
        expect(parseSumFormula(f)?.refs).toEqual(rs);
      }),
    );
  });
});

describe("nesting depth", () => {
  it("reads brackets up to Excel's 64 levels and refuses deeper text without deepening the stack", () => {
    const nested = (n: number): string => `=${"(".repeat(n)}A1${")".repeat(n)}+A2`;
    expect(parseSumFormula(nested(3))?.refs.map((r) => rangeAddress(r))).toEqual(["A1", "A2"]);
    expect(parseSumFormula(nested(63))?.refs).toHaveLength(2);
    expect(parseSumFormula(nested(65))).toBeNull();
    // 4,000 levels (within the 8,192-character limit): null, not a stack overflow.
    expect(parseSumFormula(nested(4000))).toBeNull();
  });
});
