import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sanitiseSheetName, uniqueSheetName, layoutExtent } from "./layout";

describe("sheet names", () => {
  it("removes what Excel forbids and keeps within 31 characters", () => {
    expect(sanitiseSheetName("Savings: 2024/25 [draft]")).toBe("Savings 2024 25 draft");
    expect(sanitiseSheetName("'quoted'")).toBe("quoted");
    expect(sanitiseSheetName("History")).toBe("Sheet");
    expect(sanitiseSheetName("x".repeat(40))).toHaveLength(31);
  });

  it("makes names unique without regard to case", () => {
    expect(uniqueSheetName("Report", ["report"])).toBe("Report (2)");
    expect(uniqueSheetName("Report", ["Report", "Report (2)"])).toBe("Report (3)");
  });

  it("always gives a legal, unused name", () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ maxLength: 31 }), { maxLength: 20 }), (wanted, existing) => {
        const name = uniqueSheetName(wanted, existing);
        return (
          name.length > 0 &&
          name.length <= 31 &&
          !/[:\\/?*[\]]/.test(name) &&
          !name.startsWith("'") &&
          !existing.some((e) => e.toLowerCase() === name.toLowerCase())
        );
      }),
    );
  });
});

describe("layoutExtent", () => {
  it("covers cells and merges", () => {
    const extent = layoutExtent({
      name: "S",
      cells: [{ row: 2, col: 1, value: "x" }],
      merges: [{ row: 0, col: 0, rowCount: 1, colCount: 5 }],
      columnWidths: [],
      print: { orientation: "portrait", fitToWidth: true },
    });
    expect(extent).toEqual({ rows: 3, cols: 5 });
  });
});
