import { describe, expect, it } from "vitest";
import { checkSheet } from "../../src/core/checks";
import { checkPostListSnapshot } from "../../src/core/posts/postListChecks";
import { auditWorkbook } from "../../src/workbook/auditWorkbook";
import { buildXlsx, marketReviewFaulty } from "../fixtures/budgetSheets";
import { constantSnapshot, typedPostListRows } from "../fixtures/postLists";

const BUDGET_RULES = new Set(["total-mismatch", "total-hardcoded", "sum-range-gap", "blank-service", "duplicate-service", "net-exceeds-gross", "negative-net", "mixed-units", "range-invalid", "range-total-mismatch", "requirement-gap"]);

describe("post lists are checked by their own rules, through the same entry points", () => {
  const rows = typedPostListRows();
  // Plant a duplicate post id: the fifth post takes the fourth's id.
  rows[7][0] = rows[6][0];
  const snap = constantSnapshot("Posts", rows);

  it("checkSheet returns the post-list findings and no budget-rule findings on a post list", () => {
    const fs = checkSheet(snap);
    const own = checkPostListSnapshot(snap) ?? [];
    expect(own.some((f) => f.rule === "duplicate-post-id")).toBe(true);
    for (const f of own) expect(fs).toContainEqual(f);
    expect(fs.filter((f) => BUDGET_RULES.has(f.rule))).toEqual([]);
  });

  it("auditWorkbook includes post-list findings beside the budget ones", async () => {
    const bytes = await buildXlsx([marketReviewFaulty, { name: "Posts", rows: rows.map((r) => r.map((v) => (typeof v === "string" && v.startsWith("=") ? v.slice(1) : v))) }]);
    const fs = await auditWorkbook(bytes);
    expect(fs.some((f) => f.sheet === "Posts" && f.rule === "duplicate-post-id")).toBe(true);
    expect(fs.some((f) => f.sheet === "Market review" && f.rule === "sum-range-gap")).toBe(true);
  });
});
