/** "Nothing checkable found" (issue 13 item 8): an empty template or a grade table is not reported as clean. */
import { describe, expect, it } from "vitest";
import { newPostListLayout } from "../../src/core/posts/postList";
import { snapshotFromRows } from "../../src/core/sheetSnapshot";
import { isCheckable } from "../../src/taskpane/checkable";
import { fixtureSnapshot, marketReviewFaulty, savingsFaulty } from "../fixtures/budgetSheets";

describe("isCheckable", () => {
  it("is true for a budget table and a savings table", () => {
    expect(isCheckable(fixtureSnapshot(marketReviewFaulty))).toBe(true);
    expect(isCheckable(fixtureSnapshot(savingsFaulty))).toBe(true);
  });

  it("is false for a grade table, an empty post list template and an empty sheet", () => {
    const grades = snapshotFromRows("Grades", [
      ["Grade", "Minimum", "Maximum"],
      ["KR17", 108_708, 129_278],
      ["KR16", 87_073, 109_309],
    ]);
    expect(isCheckable(grades)).toBe(false);
    const template = newPostListLayout();
    const header = template.cells.filter((c) => c.row === 0).sort((a, b) => a.col - b.col).map((c) => (typeof c.value === "string" ? c.value : null));
    expect(isCheckable(snapshotFromRows("Post list", [header]))).toBe(false);
    expect(isCheckable(snapshotFromRows("Empty", []))).toBe(false);
  });
});
