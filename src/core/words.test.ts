import { describe, expect, it } from "vitest";
import { describeRows, plural, quote } from "./words";

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
