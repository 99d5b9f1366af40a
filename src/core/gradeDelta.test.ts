import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { deltaByGrade, fteDelta, fullYearCostChange, postCountDelta, type GradedPost, type CostingOptions } from "./gradeDelta";
import { SAMPLE_GRADE_TABLE, UnknownGradeError } from "./grades";
import { postCost } from "./onCosts";

const posts = (spec: Array<[string, number]>): GradedPost[] => spec.flatMap(([grade, n]) => Array.from({ length: n }, () => ({ grade, fte: 1 })));
const options: CostingOptions = { table: SAMPLE_GRADE_TABLE, point: "min", year: 2023 };

// Strategic and Corporate Services restructure: seven posts deleted, six created.
const deleted = posts([["KR18", 3], ["KR17", 2], ["KR16", 2]]);
const created = posts([["KR18", 2], ["KR17", 3], ["KR16", 1]]);

describe("the Strategic and Corporate Services restructure", () => {
  it("is a delta of -1 post: KR18 -1, KR17 +1, KR16 -1, highest grade first", () => {
    expect(postCountDelta(deleted, created)).toBe(-1);
    const { rows, total } = deltaByGrade(deleted, created, options);
    expect(rows.map((r) => [r.grade, r.postsBefore, r.postsAfter, r.postChange])).toEqual([
      ["KR18", 3, 2, -1],
      ["KR17", 2, 3, 1],
      ["KR16", 2, 1, -1],
    ]);
    expect(total).toMatchObject({ grade: "Total", postsBefore: 7, postsAfter: 6, postChange: -1, fteChange: -1 });
    const expected = -postCost(130_382, 1, 2023) + postCost(104_197, 1, 2023) - postCost(83_331, 1, 2023);
    expect(total.costChange).toBeCloseTo(expected, 2);
    expect(total.costChange).toBeLessThan(0);
  });
  it("deleting a KR18 at its maximum and creating a KR17 at its minimum saves about £65,000 (2023 paper)", () => {
    const kr18Max = postCost(155_035, 1, 2023);
    const kr17Min = postCost(104_197, 1, 2023);
    expect(kr18Max - kr17Min).toBeCloseTo(65_000, -3);
  });
});

describe("deltas", () => {
  it("counts FTE, optionally for one grade", () => {
    const before = [{ grade: "KR17", fte: 1 }, { grade: "KR16", fte: 0.5 }];
    const after = [{ grade: "kr17", fte: 0.6 }, { grade: "KR16", fte: 0.5 }, { grade: "KR16", fte: 0.2 }];
    expect(fteDelta(before, after)).toBe(-0.2);
    expect(fteDelta(before, after, "KR17")).toBe(-0.4);
    expect(fteDelta(before, after, "KR16")).toBe(0.2);
    expect(postCountDelta(before, after)).toBe(1);
  });
  it("ignores FTE 0 lines and refuses negative FTE, ungraded posts and unknown grades", () => {
    expect(postCountDelta([{ grade: "KR17", fte: 0 }], [])).toBe(0);
    expect(() => postCountDelta([{ grade: "KR17", fte: -1 }], [])).toThrow(/FTE/);
    expect(() => deltaByGrade([{ grade: "", fte: 1 }], [], options)).toThrow(/no grade/);
    expect(() => deltaByGrade([{ grade: "KR99", fte: 1 }], [], options)).toThrow(UnknownGradeError);
  });
  const list = fc.array(fc.record({ grade: fc.constantFrom("KR13", "KR15", "KR17", "KR18", "KR20"), fte: fc.integer({ min: 0, max: 20 }).map((n) => n / 10) }), { maxLength: 40 });
  it("COSTDELTA(a, a) is 0 and swapping before and after negates it (property)", () => {
    fc.assert(
      fc.property(list, list, (a, b) => {
        expect(fullYearCostChange(a, a, options)).toBe(0);
        expect(fullYearCostChange(a, b, options)).toBeCloseTo(-fullYearCostChange(b, a, options), 2);
      }),
    );
  });
  it("rows add up to the total (property)", () => {
    fc.assert(
      fc.property(list, list, (a, b) => {
        const { rows, total } = deltaByGrade(a, b, options);
        expect(rows.reduce((s, r) => s + r.postChange, 0)).toBe(total.postChange);
        expect(total.postChange).toBe(postCountDelta(a, b));
        expect(total.fteChange).toBeCloseTo(fteDelta(a, b), 6);
        expect(rows.reduce((s, r) => s + r.costChange, 0)).toBeCloseTo(total.costChange, 2);
      }),
    );
  });
});
