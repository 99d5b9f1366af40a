/** duplicate-column: a rule over the list's columns, asked by postListChecks.ts with what reading found. */
import { describe, expect, it } from "vitest";
import { duplicateColumn } from "../../../src/core/posts/checks/rules/duplicateColumn";
import { readPostList } from "../../../src/core/posts/postList";
import { checkPostListSnapshot } from "../../../src/core/posts/postListChecks";
import type { CellValue } from "../../../src/core/sheetSnapshot";
import { constantSnapshot } from "../../fixtures/postLists";

const read = (rows: CellValue[][]) => {
  const parsed = readPostList(constantSnapshot("S", rows));
  if (!parsed) throw new Error("no post list");
  return parsed;
};

describe("duplicate-column", () => {
  it("names both columns when a heading appears twice, and says which one is read", () => {
    const parsed = read([
      ["Post ID", "Job title", "Grade", "FTE", "Status", "Reports to", "Status"],
      ["P1", "Director", "KR17", 1, "existing", null, "deleted"],
    ]);
    expect(parsed.posts[0].status).toBe("existing");
    expect(duplicateColumn.findings("S", parsed)).toEqual([
      {
        sheet: "S",
        cell: "G1",
        rule: "duplicate-column",
        severity: "warning",
        message: 'Columns E ("Status") and G ("Status") both look like the Status column. Column E is read and column G is left out.',
        suggestion: "Rename the column that is not the Status, or choose the right column in the column mapping.",
      },
    ]);
  });

  it("is among the list's findings: a second Post ID column with no group heading over it", () => {
    const rows: CellValue[][] = [
      ["Post ID", "Job title", "Grade", "FTE", "Post ID", "Status"],
      ["P1", "Director", "KR17", 1, null, "existing"],
    ];
    const found = (checkPostListSnapshot(constantSnapshot("S", rows)) ?? []).filter((f) => f.rule === "duplicate-column");
    expect(found.map((f) => [f.cell, f.message])).toEqual([["E1", 'Columns A ("Post ID") and E ("Post ID") both look like the Post ID column. Column A is read and column E is left out.']]);
  });

  it("says nothing when one column names the field better than another (Reports to beside Line manager post)", () => {
    const parsed = read([
      ["Post ID", "Job title", "Grade", "FTE", "Reports to", "Reporting line notes"],
      ["P1", "Director", "KR17", 1, null, "x"],
    ]);
    expect(duplicateColumn.findings("S", parsed)).toEqual([]);
  });
});
