/**
 * median (src/core/checks/analysis.ts): the middle of a column's figure sizes, used to find figures out of line with
 * the others (a unit slip) and the size of a column's lines. Found by selection rather than by sorting; it must
 * give what sorting gives, for any list, duplicates and all.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median, select } from "../../src/core/checks/analysis";
import { runs } from "../propertyRuns";

const bySorting = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

describe("median", () => {
  it.each([
    [[], 0],
    [[5], 5],
    [[2, 1], 1.5],
    [[15_125_000, 16_792_000, 18_193_000, 29_493_000], 17_492_500],
    [[3, 3, 3, 1, 3], 3],
    [[10, 9, 100, 1], 9.5],
  ])("of %j is %d", (xs, m) => {
    expect(median(Float64Array.from(xs))).toBe(m);
  });

  it("is what sorting gives, for any list of figures, many of them equal (property)", () => {
    const figure = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1e12, noNaN: true }));
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 300 }), (xs) => {
        expect(median(Float64Array.from(xs))).toBe(bySorting(xs));
      }),
      { numRuns: runs(500) },
    );
  });

  it("gives the middle of a long list in order, or in reverse (where a first-value pivot would take quadratic time)", () => {
    // 200,000 figures in order and reversed: a first-element pivot would make about 2 * 10^10 comparisons.
    const n = 200_000;
    const up = Float64Array.from({ length: n }, (_, i) => i);
    const down = Float64Array.from({ length: n }, (_, i) => n - i);
    expect(median(up)).toBe((n / 2 - 1 + n / 2) / 2);
    expect(median(down)).toBe((n / 2 + n / 2 + 1) / 2);
  });

  it("gives the middle of a list made against the middle-of-three pivot (it falls back to sorting the rest)", () => {
    // Organ-pipe and sawtooth orders, each value many times: the shapes that defeat a middle-of-three pivot.
    const n = 100_000;
    const pipe = Array.from({ length: n }, (_, i) => (i < n / 2 ? i : n - i));
    const saw = Array.from({ length: n }, (_, i) => i % 97);
    for (const xs of [pipe, saw]) expect(median(Float64Array.from(xs))).toBe(bySorting(xs));
  });

  it("select, with any number of rounds before it sorts the rest (none, one, the default), puts the k-th value in place (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 200 }), fc.nat(), fc.constantFrom(0, 1, undefined), (xs, at, rounds) => {
        const k = at % xs.length;
        const a = Float64Array.from(xs);
        const sorted = [...xs].sort((p, q) => p - q);
        expect(select(a, k, rounds)).toBe(sorted[k]);
        for (let i = 0; i < k; i++) expect(a[i]).toBeLessThanOrEqual(a[k]);
        for (let i = k + 1; i < a.length; i++) expect(a[i]).toBeGreaterThanOrEqual(a[k]);
      }),
      { numRuns: runs(300) },
    );
  });
});
