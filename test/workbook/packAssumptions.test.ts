import { describe, expect, it } from "vitest";
import { SAMPLE_GRADE_TABLE } from "../../src/core/grades";
import { withPayAwards } from "../../src/core/payAwards";
import { assumptionLines, buildMembersPackLayouts } from "../../src/workbook/membersPack";
import { fullInput } from "./fixtures";

const AWARDS = new Map([
  [2025, 0.03],
  [2026, 0.025],
]);

describe("the members' pack says which years are projected", () => {
  it("marks a projected pay year and lists the projected years with their awards", () => {
    const lines = assumptionLines({ table: withPayAwards(SAMPLE_GRADE_TABLE, AWARDS), point: "min", year: 2026 });
    expect(lines[0]).toBe(
      "Pay year: 2026/27 (PROJECTED: 2026/27 pay is projected from the 2024/25 ranges with assumed pay awards of 3% in 2025/26, 2.5% in 2026/27.); grade table: Sample Kent Range pay ranges KR3–KR20, 2023/24 and 2024/25 (sample figures).",
    );
    expect(lines[1]).toBe(
      "Projected years: 2025/26, 2026/27 rest on assumed pay awards (3% in 2025/26, 2.5% in 2026/27), compounded from 2024/25; the grade table's own years are 2023/24, 2024/25.",
    );
  });
  it("says no year is projected when none is, and the cover carries the lines", () => {
    const lines = assumptionLines({ table: SAMPLE_GRADE_TABLE, point: "min", year: 2024 });
    expect(lines[1]).toBe("Projected years: none; every figure uses the grade table's own pay ranges (2023/24, 2024/25).");
    const { layouts } = buildMembersPackLayouts(
      { ...fullInput(), costing: { table: withPayAwards(SAMPLE_GRADE_TABLE, AWARDS), year: 2025 } },
      { title: "Pack", date: new Date(Date.UTC(2026, 10, 28)) },
    );
    const cover = layouts[0].cells.map((c) => String(c.value ?? "")).join("\n");
    expect(cover).toContain("Pay year: 2025/26 (PROJECTED");
    expect(cover).toContain("Projected years: 2025/26, 2026/27");
  });
  it("without a year, uses the table's latest year when the current one is not covered", () => {
    const { layouts } = buildMembersPackLayouts({ ...fullInput(), impacts: [], costing: { table: SAMPLE_GRADE_TABLE } }, { title: "Pack", date: new Date(Date.UTC(2026, 10, 28)) });
    expect(layouts[0].cells.map((c) => String(c.value ?? "")).join("\n")).toContain("Pay year: 2024/25; grade table");
  });
});
