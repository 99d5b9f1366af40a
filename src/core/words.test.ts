import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runs } from "../../test/propertyRuns";
import { describeRows, fteText, plural, quote } from "./words";

describe("plural", () => {
  it.each([
    [0, "post", undefined, "0 posts"],
    [1, "post", undefined, "1 post"],
    [2, "post", undefined, "2 posts"],
    [1, "directory", "directories", "1 directory"],
    [3, "directory", "directories", "3 directories"],
    [12_500, "line", undefined, "12,500 lines"],
  ] as const)("%d %s", (n, one, many, text) => expect(plural(n, one, many)).toBe(text));
});

describe("fteText", () => {
  it.each([
    [1, "1"],
    [0.5, "0.5"],
    [1.6, "1.6"],
    [0.456, "0.46"],
    [2 / 3, "0.67"],
    [1000, "1,000"],
    [1250.75, "1,250.75"],
    [-0.5, "-0.5"],
  ] as const)("%d", (fte, text) => expect(fteText(fte)).toBe(text));

  it("writes every FTE as itself to 2 decimal places, however large", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), (fte) => {
        const text = fteText(fte);
        expect(text).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d{1,2})?$/);
        expect(Math.abs(Number(text.replace(/,/g, "")) - fte)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
      { numRuns: runs(300) },
    );
  });
});

describe("describeRows", () => {
  it.each([
    [[], "no rows"],
    [[5], "row 5"],
    [[5, 5], "row 5"],
    [[7, 5], "rows 5 and 7"],
    [[5, 6], "rows 5 and 6"],
    [[5, 6, 7, 8, 9], "rows 5 to 9"],
    [[2, 3, 4, 6, 9, 10, 11], "rows 2 to 4, 6 and 9 to 11"],
    [[1, 3, 5, 7, 9, 11, 13, 15], "rows 1, 3, 5, 7, 9, 11 and 2 more"],
  ])("%j -> %s", (rows, text) => expect(describeRows(rows)).toBe(text));
});

describe("quote", () => {
  it("quotes and shortens to 60 characters", () => {
    expect(quote("Libraries")).toBe('"Libraries"');
    expect(quote("x".repeat(60))).toBe(`"${"x".repeat(60)}"`);
    expect(quote("x".repeat(61))).toBe(`"${"x".repeat(57)}..."`);
  });
});
