import { describe, expect, it } from "vitest";
import { SAMPLE_GRADE_TABLE } from "../../src/core/grades";
import { withPayAwards } from "../../src/core/payAwards";
import { computeImpact, impactLayout } from "../../src/core/posts/impact";
import { scsRestructure } from "../fixtures/postLists";

describe("impact tables for a year the grade table does not cover", () => {
  it("are refused with what to do, not reported as unknown grades", () => {
    expect(() => computeImpact(scsRestructure(), { year: 2026 })).toThrow(/pay-award assumption for each of 2025\/26, 2026\/27/);
  });
  it("are costed when a pay-award assumption covers the year", () => {
    const table = withPayAwards(SAMPLE_GRADE_TABLE, new Map([[2025, 0.03], [2026, 0.025]]));
    const projected = computeImpact(scsRestructure(), { year: 2026, gradeTable: table });
    expect(projected.excluded).toEqual([]);
    expect(projected.fullYearCostChange).toBeLessThan(0);
    // The figures are marked as resting on the assumption, on the impact sheet too.
    expect(projected.costing.projection).toBe("2026/27 pay is projected from the 2024/25 ranges with assumed pay awards of 3% in 2025/26, 2.5% in 2026/27.");
    const subtitle = impactLayout(projected).cells.find((c) => c.row === 1 && c.col === 0)!.value as string;
    expect(subtitle).toMatch(/PROJECTED: 2026\/27 pay is projected from the 2024\/25 ranges/);
    expect(computeImpact(scsRestructure(), { year: 2024, gradeTable: table }).costing.projection).toBeUndefined();
  });
});
