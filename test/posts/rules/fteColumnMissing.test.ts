/** fte-column-missing: a rule over the list's columns, asked by postListChecks.ts with what reading found. */
import { describe, expect, it } from "vitest";
import { fteColumnMissing } from "../../../src/core/posts/checks/rules/fteColumnMissing";
import { readPostList } from "../../../src/core/posts/postList";
import type { CellValue } from "../../../src/core/sheetSnapshot";
import { constantSnapshot } from "../../fixtures/postLists";

const list = (header: string | null): CellValue[][] => [
  ["Post No.", "Job title", "Grade", ...(header === null ? [] : [header]), "Reports to"],
  ["P1", "Director", "KR17", ...(header === null ? [] : [37]), null],
  ["P2", "Head of Service", "KR15", ...(header === null ? [] : [18.5]), "P1"],
];

describe("fte-column-missing", () => {
  it("says an hours column is read as hours divided by 37, and a list with neither column counts 1.00 FTE a post", () => {
    const withHours = readPostList(constantSnapshot("S", list("Weekly hours")));
    expect(withHours).not.toBeNull();
    const [hours] = fteColumnMissing.findings("S", withHours as NonNullable<typeof withHours>);
    expect(hours).toMatchObject({ cell: "D1", severity: "warning" });
    expect(hours.message).toMatch(/read from the "Weekly hours" column as weekly hours divided by 37/);
    const neither = readPostList(constantSnapshot("S", list(null)));
    const [none] = fteColumnMissing.findings("S", neither as NonNullable<typeof neither>);
    expect(none).toMatchObject({ cell: "A1", severity: "warning", message: "The list has no FTE column (nor a weekly hours column), so every post is counted as 1.00 FTE." });
  });

  it("says nothing when the list has an FTE column", () => {
    const parsed = readPostList(constantSnapshot("S", list("FTE").map((r, i) => (i === 0 ? r : r.map((c) => (c === 37 ? 1 : c === 18.5 ? 0.5 : c))))));
    expect(fteColumnMissing.findings("S", parsed as NonNullable<typeof parsed>)).toEqual([]);
  });
});
