import { describe, expect, it } from "vitest";
import { auditWorkbook } from "../../src/workbook/auditWorkbook";
import { SAMPLE_GRADE_TABLE, salaryAt } from "../../src/core/grades";
import { postCost } from "../../src/core/onCosts";
import { buildXlsx } from "../fixtures/budgetSheets";

/** A service's post list with posts on every grade from KR3 to KR12 under a KR14 manager and a KR16 head. */
function servicePostList(): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [["Post ID", "Post title", "Grade", "FTE", "Reports to", "Directorate", "Division", "Status"]];
  rows.push(["L001", "Head of Libraries", "KR16", 1, null, "Growth, Environment and Transport", "Libraries", "Existing"]);
  rows.push(["L002", "Libraries Service Manager", "KR14", 1, "L001", "Growth, Environment and Transport", "Libraries", "Existing"]);
  const titles = ["Library Assistant", "Customer Services Assistant", "Senior Library Assistant", "Library Supervisor", "Outreach Officer", "Stock Officer", "Library Officer", "Senior Officer", "Area Librarian", "Senior Area Librarian"];
  titles.forEach((t, i) => rows.push([`L${String(i + 3).padStart(3, "0")}`, t, `KR${i + 3}`, i % 2 === 0 ? 1 : 0.5, "L002", "Growth, Environment and Transport", "Libraries", "Existing"]));
  return rows;
}

describe("the whole Kent Range in the sample table", () => {
  it("auditWorkbook on a post list with KR3-KR12 posts reports no unknown-grade", async () => {
    const bytes = await buildXlsx([{ name: "Libraries posts", rows: servicePostList() }]);
    const findings = await auditWorkbook(bytes);
    expect(findings.filter((f) => f.rule === "unknown-grade")).toEqual([]);
  });

  it("costs a KR8 post at the minimum for 2024/25 from £28,995", () => {
    expect(salaryAt(SAMPLE_GRADE_TABLE, "KR8", "min", 2024)).toBe(28_995);
    // £28,995 + NI (28,995 - 9,100) x 13.8% = £2,745.51 + pension 14.5% £4,204.275 + levy 0.5% £144.975 (worked
    // by hand): £36,089.76 to £36,089.77 as the half-pennies fall (core rounds each part, as for the paper's KR17).
    const cost = postCost(salaryAt(SAMPLE_GRADE_TABLE, "KR8", "min", 2024), 1, 2024);
    expect(Math.abs(cost - 36_089.765)).toBeLessThanOrEqual(0.005 + 1e-9);
  });

  it("keeps the paper's KR17 figure: £132,949.95 at the 2023/24 minimum", () => {
    expect(postCost(salaryAt(SAMPLE_GRADE_TABLE, "KR17", "min", 2023), 1, 2023)).toBe(132_949.95);
  });
});
