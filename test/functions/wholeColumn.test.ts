/**
 * Issue 12: custom functions over whole columns (A:A, 1,048,576 rows, as Excel passes it) and POSTDELTA's
 * refusals. Whole columns gave #VALUE! "Maximum call stack size exceeded" (a large array spread into Math.max).
 */
import { describe, expect, it } from "vitest";
import { postDelta, rangeGapFn, rangeMidFn, rangeTotalFn } from "../../src/functions/functions";

const ROWS = 1_048_576;

/** A whole column: the given cells at the top, then empty cells ("" as Excel passes them). */
function wholeColumn(top: unknown[][], width = top[0]?.length ?? 1): unknown[][] {
  const empty = Array<unknown>(width).fill("");
  return Array.from({ length: ROWS }, (_, i) => top[i] ?? empty.slice());
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an Excel error");
}

describe("whole columns", () => {
  const ranges = wholeColumn([["Potential saving £m"], ["15-20"], ["55-65"], ["10-15"]]);

  it("RANGETOTAL, RANGEMID and RANGEGAP over A:A", () => {
    expect(rangeTotalFn(ranges)).toEqual([[80, 100]]);
    expect(rangeMidFn(ranges)).toBe(90);
    expect(rangeGapFn(241, ranges)).toEqual([[141, 161]]);
  });

  it("POSTDELTA over A:B", () => {
    const before = wholeColumn([["Title", "FTE"], ["Director", 1], ["Head", 1], ["Officer", 1]]);
    const after = wholeColumn([["Title", "FTE"], ["Director", 1], ["Head", 1]]);
    expect(postDelta(before, after)).toBe(-1);
  });
});

describe("POSTDELTA refuses what it cannot count, as it refuses -1", () => {
  const after = [["Title", "FTE"], ["Head", 1]];
  it("an FTE that is not a number (NaN) is refused, not dropped", () => {
    const neg = errorOf(() => postDelta([["Title", "FTE"], ["Head", -1]], after));
    const nan = errorOf(() => postDelta([["Title", "FTE"], ["Head", Number.NaN]], after));
    expect(neg.constructor).toBe(nan.constructor);
    expect(nan.message).toMatch(/Row 2 of the before list has an FTE that is not a number/);
  });

  it("a single number (5) is refused, not read as an empty list", () => {
    const e = errorOf(() => postDelta(5 as unknown as unknown[][], after));
    expect(e.constructor).toBe(errorOf(() => postDelta([["Title", "FTE"], ["Head", -1]], after)).constructor);
    expect(e.message).toMatch(/The before list is a single value \(5\)/);
  });
});
