import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cellAddress, columnIndex, columnLetters, parseCellAddress, parseRangeAddress, quoteSheetName, rangeAddress } from "./a1";

describe("A1 addresses", () => {
  it("letters columns as Excel does", () => {
    expect(columnLetters(0)).toBe("A");
    expect(columnLetters(25)).toBe("Z");
    expect(columnLetters(26)).toBe("AA");
    expect(columnLetters(701)).toBe("ZZ");
    expect(columnLetters(702)).toBe("AAA");
    expect(columnLetters(16383)).toBe("XFD");
  });

  it("round-trips any column and any cell", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 16383 }), (c) => columnIndex(columnLetters(c)) === c));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_048_575 }), fc.integer({ min: 0, max: 16383 }), (row, col) => {
        const back = parseCellAddress(cellAddress(row, col));
        return back.row === row && back.col === col;
      }),
    );
  });

  it("reads absolute references, sheet-qualified ranges and reversed corners", () => {
    expect(parseCellAddress("$B$12")).toEqual({ row: 11, col: 1 });
    expect(parseRangeAddress("'Budget 2024'!C3:A1")).toEqual({ row: 0, col: 0, rowCount: 3, colCount: 3 });
    expect(rangeAddress({ row: 0, col: 0, rowCount: 3, colCount: 3 })).toBe("A1:C3");
    expect(rangeAddress({ row: 4, col: 2, rowCount: 1, colCount: 1 })).toBe("C5");
  });

  it("rejects text that is not an address", () => {
    for (const bad of ["", "A0", "1A", "ABCD1", "A-1", "Total"]) expect(() => parseCellAddress(bad)).toThrow(RangeError);
  });

  it("quotes sheet names only where Excel needs it", () => {
    expect(quoteSheetName("Budget")).toBe("Budget");
    expect(quoteSheetName("Budget 2024")).toBe("'Budget 2024'");
    expect(quoteSheetName("Members' pack")).toBe("'Members'' pack'");
  });

  it("quotes a sheet name that could be read as a cell reference, A1 or R1C1", () => {
    for (const name of ["KR17", "A1", "XFD1048576", "kr17", "R1C1", "R", "c", "RC", "R2", "C3", "Z1S1", "L1C1", "AB12x", "TRUE", "false"]) expect(quoteSheetName(name)).toBe(`'${name}'`);
    for (const name of ["Budget", "Notes", "Sheet_1", "Savings2024", "Rx", "CR", "_R1"]) expect(quoteSheetName(name)).toBe(name);
  });
});
