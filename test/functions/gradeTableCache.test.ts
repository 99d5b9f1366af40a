/**
 * The content-keyed range cache behind every grade table argument (SALARY, GRADECOST, COSTDELTA, DELTATABLE):
 * the same contents give the same parsed table, different contents never do (even with equal fingerprints),
 * it stays bounded, failures are not cached, and a cached table costs exactly what a freshly parsed one does.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costDelta, deltaTable, gradeCost, salary } from "../../src/functions/functions";
import { readGradeTable } from "../../src/functions/arguments";
import { createRangeCache, rangeFingerprint, sameContents, type CellRows } from "../../src/functions/gradeTableCache";
import { parseGradeTable, salaryAt } from "../../src/core/grades";

const TABLE: unknown[][] = [
  ["Grade", "Min", "Max"],
  ["KR13", 50_000, 60_000],
  ["KR14", 70_000, 80_000],
  ["KR15", 90_000, 100_000],
];
const fresh = (rows: unknown[][]): unknown[][] => rows.map((r) => [...r]);

function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("grade table arguments are cached by content", () => {
  it("gives the same table for a fresh copy of the same range, and a different one for changed contents", () => {
    const a = readGradeTable(fresh(TABLE));
    expect(readGradeTable(fresh(TABLE))).toBe(a);
    const changed = fresh(TABLE);
    changed[2][2] = 80_001;
    const b = readGradeTable(changed);
    expect(b).not.toBe(a);
    expect(salaryAt(b, "KR14", "max", 2024)).toBe(80_001);
    expect(salaryAt(readGradeTable(fresh(TABLE)), "KR14", "max", 2024)).toBe(80_000);
  });

  it("is not fooled by the caller changing its array after the call", () => {
    const rows = fresh(TABLE);
    rows[1][1] = 51_111;
    const first = gradeCost("KR13", 1, "min", 2024, rows);
    rows[1][1] = 52_222; // the same array object, new contents
    const second = gradeCost("KR13", 1, "min", 2024, rows);
    expect(second).not.toBe(first);
    expect(second).toBe(gradeCost("KR13", 1, "min", 2024, [["Grade", "Min", "Max"], ["KR13", 52_222, 60_000]]));
  });

  it("tells apart cells that look alike: 1 and '1', blank and null, 0 and -0 are not shared; NaN is itself", () => {
    const cache = createRangeCache<number>();
    let builds = 0;
    const build = (): number => ++builds;
    const shapes: CellRows[] = [[[1]], [["1"]], [[""]], [[null]], [[0]], [[-0]], [[Number.NaN]], [[true]], [["KR17", 1]], [["KR17"], [1]]];
    const values = shapes.map((s) => cache.get(s, build));
    expect(new Set(values).size).toBe(shapes.length);
    expect(shapes.map((s) => cache.get(fresh(s as unknown[][]), build))).toEqual(values);
  });

  it("verifies a fingerprint match by comparing every cell (a forced collision gets its own value)", () => {
    // Two ranges whose fingerprints collide: a cache that trusted the hash would return the wrong value.
    const a: CellRows = [["x".repeat(30) + "a"]];
    const b: CellRows = [["x".repeat(30) + "b"]]; // differs after the characters the fingerprint reads
    expect(rangeFingerprint(a)).toBe(rangeFingerprint(b));
    expect(sameContents(a, b)).toBe(false);
    const cache = createRangeCache<string>();
    expect(cache.get(a, (r) => String(r[0][0]))).toBe(String(a[0][0]));
    expect(cache.get(b, (r) => String(r[0][0]))).toBe(String(b[0][0]));
    expect(cache.get(fresh(a as unknown[][]), () => "rebuilt")).toBe(String(a[0][0]));
  });

  it("holds at most maxEntries values and no range over maxCells", () => {
    const cache = createRangeCache<number>({ maxEntries: 3, maxCells: 4 });
    let builds = 0;
    for (let i = 0; i < 10; i++) cache.get([[i]], () => ++builds);
    expect(cache.size).toBe(3);
    const big: CellRows = [[1, 2, 3], [4, 5, 6]];
    cache.get(big, () => ++builds);
    cache.get(big, () => ++builds);
    expect(builds).toBe(12); // built twice: too large to cache
    expect(cache.size).toBe(3);
  });

  it("does not cache a table that fails, nor a range holding an error value", () => {
    const bad = [["Grade", "Min", "Max"], ["KR13", 60_000, 50_000]];
    const e1 = thrown(() => gradeCost("KR13", 1, "min", 2024, fresh(bad)));
    const e2 = thrown(() => gradeCost("KR13", 1, "min", 2024, fresh(bad)));
    expect((e1 as Error).message).toMatch(/below its minimum/);
    expect((e2 as Error).message).toBe((e1 as Error).message);
    const withError = [["KR13", 50_000, 60_000], ["KR14", { type: "#REF!" }, 80_000]];
    expect((thrown(() => salary("KR13", "min", 2024, withError)) as Error).message).toMatch(/error value/);
  });

  it("gives every grade-table function the same figures as a freshly parsed table", () => {
    const g = [["KR13"], ["KR14"], ["KR15"]];
    const f = [[1], [0.5], [1]];
    const g2 = [["KR13"], ["KR15"]];
    const f2 = [[1], [1]];
    const uncachedTable = parseGradeTable(fresh(TABLE));
    for (let k = 0; k < 3; k++) {
      expect(salary("KR15", "mid", 2024, fresh(TABLE))).toBe(salaryAt(uncachedTable, "KR15", "mid", 2024));
      expect(costDelta(g, f, g2, f2, "max", 2024, fresh(TABLE))).toBe(costDelta(g, f, g2, f2, "max", 2024, fresh(TABLE)));
      expect(deltaTable(g, f, g2, f2, "max", 2024, fresh(TABLE))).toEqual(deltaTable(g, f, g2, f2, "max", 2024, fresh(TABLE)));
    }
  });
});

describe("property: the cache answers exactly as parsing every time", () => {
  const cell = fc.oneof(
    fc.integer({ min: 0, max: 300_000 }),
    fc.double({ min: 0, max: 300_000, noNaN: true }),
    fc.constantFrom("KR13", "KR14", "kr 15", "Grade", "Min", "Max", "£60,000", "", " "),
    fc.constant(null),
    fc.boolean(),
    // The values on which === and Object.is disagree: the cache compares most copies with ===.
    fc.constantFrom(0, -0, Number.NaN),
  );
  const range = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });

  it("same contents give the same value, different contents the value built from their own contents", () => {
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: 30 }), (ranges) => {
        const cache = createRangeCache<string>({ maxEntries: 4 });
        // One string per contents (JSON alone writes -0 as 0 and NaN as null).
        const build = (r: CellRows): string => JSON.stringify(r.map((row) => row.map((c) => (Object.is(c, -0) ? "\u0000-0" : Number.isNaN(c) ? "\u0000NaN" : c))));
        for (const r of ranges) {
          // A fresh copy each call, as Excel passes it; the answer must be what building from it gives.
          expect(cache.get(fresh(r), build)).toBe(build(r));
        }
        for (const r of ranges) expect(cache.get(fresh(r), build)).toBe(build(r));
      }),
      { numRuns: 300 },
    );
  });

  it("equal fingerprints for equal contents; sameContents agrees with a cell-by-cell comparison", () => {
    fc.assert(
      fc.property(range, range, (a, b) => {
        expect(rangeFingerprint(fresh(a))).toBe(rangeFingerprint(a));
        const equal = a.length === b.length && a.every((row, i) => row.length === b[i].length && row.every((c, j) => Object.is(c, b[i][j])));
        expect(sameContents(a, b)).toBe(equal);
      }),
      { numRuns: 500 },
    );
  });

  it("GRADECOST with a cached worksheet table equals the figure from a freshly parsed table", () => {
    const grade = fc.constantFrom("KR13", "KR14", "KR15");
    const amount = fc.integer({ min: 20_000, max: 200_000 });
    const table = fc.tuple(amount, amount, amount, fc.integer({ min: 0, max: 20_000 })).map(([a, b, c, w]) => [
      ["Grade", "Min", "Max"],
      ["KR13", a, a + w],
      ["KR14", b, b + w],
      ["KR15", c, c + w],
    ]);
    fc.assert(
      fc.property(fc.array(fc.tuple(grade, table), { minLength: 1, maxLength: 20 }), (calls) => {
        for (const [g, t] of calls) {
          const expected = salaryAt(parseGradeTable(t), g, "max", 2024);
          expect(salary(g, "max", 2024, fresh(t))).toBe(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});
