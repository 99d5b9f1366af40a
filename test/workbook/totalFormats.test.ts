/**
 * Totals show counts as whole numbers and FTE with two decimals: never "7." (Excel and LibreOffice show a
 * format's decimal point even when no digit follows it, as "#,##0.##" did for 7).
 */
import { describe, expect, it } from "vitest";
import { computeImpact, impactLayout } from "../../src/core/posts/impact";
import { LAYOUT_STYLES, type LayoutCell } from "../../src/core/layout";
import { renderLayoutsToXlsx } from "../../src/workbook/renderLayout";
import { convertToPdf, pdfPagesText, pdfToolsAvailable } from "../libreoffice/soffice";
import { scsRestructure } from "../fixtures/postLists";

const impact = computeImpact(scsRestructure(), { year: 2023, point: "min" });
const layout = impactLayout(impact);

/** The figures of the first "Total" row below the title `title`. */
function totalRowAfter(title: string): LayoutCell[] {
  const cells = layout.cells.toArray();
  const titleRow = cells.find((c) => c.value === title)!.row;
  const totalRow = cells.filter((c) => c.row > titleRow && c.col === 0 && c.value === "Total").map((c) => c.row)[0];
  return cells.filter((c) => c.row === totalRow && c.col > 0 && c.style !== "total").sort((a, b) => a.col - b.col);
}

describe("total number formats", () => {
  it("no style shows a decimal point that may have no digit after it", () => {
    for (const [name, style] of Object.entries(LAYOUT_STYLES)) {
      for (const section of (style.numberFormat ?? "").split(";")) expect(section, name).not.toMatch(/\.#|\.$/);
    }
  });

  it("the impact sheet's totals: FTE as FTE (two decimals), counts as whole numbers", () => {
    expect(totalRowAfter("Posts impacted").map((c) => c.style)).toEqual(["totalFte"]);
    expect(totalRowAfter("New posts").map((c) => c.style)).toEqual(["totalFte"]);
    expect(totalRowAfter("Summary by grade").map((c) => c.style)).toEqual(["totalNumber", "totalNumber", "totalNumber", "totalFte", "totalMoney"]);
    expect(LAYOUT_STYLES.totalNumber.numberFormat).toBe("#,##0");
    expect(LAYOUT_STYLES.totalFte.numberFormat).toBe("#,##0.00");
  });

  it.skipIf(!pdfToolsAvailable())("LibreOffice prints the totals as 7.00 FTE and 7 posts, never '7.'", async () => {
    const bytes = await renderLayoutsToXlsx([layout], { title: "Formats" });
    const text = (await pdfPagesText((await convertToPdf(bytes)).bytes)).join("\n");
    const totals = text.split("\n").filter((l) => /^\s*Total\b/.test(l));
    expect(totals.length).toBeGreaterThan(0);
    for (const line of totals) expect(line).not.toMatch(/\d\.(?!\d)/);
    expect(text).toMatch(/Total\s+7\.00\b/);
  });
});
