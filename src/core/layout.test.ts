import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runs } from "../../test/propertyRuns";
import { sanitiseSheetName, uniqueSheetName, uniqueTableName, layoutExtent } from "./layout";
import { LayoutCells } from "./layoutCells";

describe("table names", () => {
  it("follow Excel's rules and stay unique, whatever is wanted (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom("Findings", "findings", "AB12", "R", "c", "1st", "a b", "")), { maxLength: 8 }), (wanted) => {
        const taken = new Set<string>();
        const names = wanted.map((w) => uniqueTableName(w, taken));
        for (const n of names) {
          expect(n).toMatch(/^[A-Za-z_][A-Za-z0-9_.]{0,254}$/);
          expect(n).not.toMatch(/^[A-Za-z]{1,3}\d+$|^[rRcC]$/);
        }
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      }),
      { numRuns: runs(300) },
    );
    const taken = new Set<string>();
    expect(["Findings", "findings", "AB12", "2024 summary"].map((w) => uniqueTableName(w, taken))).toEqual(["Findings", "findings_2", "AB12_", "T_2024_summary"]);
  });
});

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
      cells: LayoutCells.from([{ row: 2, col: 1, value: "x" }]),
      merges: [{ row: 0, col: 0, rowCount: 1, colCount: 5 }],
      columnWidths: [],
      print: { orientation: "portrait", fitToWidth: true },
    });
    expect(extent).toEqual({ rows: 3, cols: 5 });
  });
});
