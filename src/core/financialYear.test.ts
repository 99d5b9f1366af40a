import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runs } from "../../test/propertyRuns";
import {
  FinancialYearError,
  currentFinancialYear,
  dateToExcelSerial,
  daysInFinancialYear,
  excelSerialToDate,
  financialYearLabel,
  financialYearOf,
  formatDate,
  parseDateText,
  parseFinancialYear,
} from "./financialYear";

describe("financial years", () => {
  it("accepts the ways people write a year", () => {
    for (const y of [2024, "2024", "2024/25", "2024-25", "2024/2025", "2024–25", "FY2024/25", " 2024/25 "]) {
      expect(parseFinancialYear(y)).toBe(2024);
    }
    expect(parseFinancialYear("1999/00")).toBe(1999);
  });

  it("rejects years that do not follow on", () => {
    for (const y of ["2024/26", "2024-2026", "24/25", "2024/5", "next year", 2024.5, 1800]) {
      expect(() => parseFinancialYear(y)).toThrow(FinancialYearError);
    }
  });

  it("labels and parses back every year", () => {
    fc.assert(fc.property(fc.integer({ min: 1990, max: 2100 }), (y) => parseFinancialYear(financialYearLabel(y)) === y));
  });

  it("starts on 1 April", () => {
    expect(financialYearOf(new Date(Date.UTC(2024, 2, 31)))).toBe(2023);
    expect(financialYearOf(new Date(Date.UTC(2024, 3, 1)))).toBe(2024);
    expect(currentFinancialYear(new Date(2026, 10, 23))).toBe(2026);
    expect(daysInFinancialYear(2023)).toBe(366); // includes 29 February 2024
    expect(daysInFinancialYear(2024)).toBe(365);
  });
});

describe("Excel dates", () => {
  it("converts serials as Excel's 1900 date system does", () => {
    expect(formatDate(excelSerialToDate(45383))).toBe("01/04/2024");
    expect(dateToExcelSerial(new Date(Date.UTC(2022, 9, 1)))).toBe(44835);
    expect(() => excelSerialToDate(Number.NaN)).toThrow(RangeError);
  });

  it("round-trips dates through serials", () => {
    fc.assert(fc.property(fc.integer({ min: 61, max: 2_958_465 }), (s) => dateToExcelSerial(excelSerialToDate(s)) === s));
  });

  it("reads dd/mm/yyyy and ISO dates, and refuses impossible ones", () => {
    expect(formatDate(parseDateText("1/10/2024")!)).toBe("01/10/2024");
    expect(formatDate(parseDateText("2024-10-01")!)).toBe("01/10/2024");
    expect(parseDateText("31/02/2024")).toBeNull();
    expect(parseDateText("10/13/2024")).toBeNull();
  });

  it("reads a two-digit year as Excel does a typed one: 00-29 are 20xx, 30-99 19xx", () => {
    expect(formatDate(parseDateText("3/3/25")!)).toBe("03/03/2025");
    expect(formatDate(parseDateText("1.4.29")!)).toBe("01/04/2029");
    expect(formatDate(parseDateText("31-12-30")!)).toBe("31/12/1930");
    expect(parseDateText("29/2/23")).toBeNull();
    expect(parseDateText("1/4/225")).toBeNull();
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1930, 0, 1)), max: new Date(Date.UTC(2029, 11, 31)), noInvalidDate: true }), (when) => {
        const day = new Date(Date.UTC(when.getUTCFullYear(), when.getUTCMonth(), when.getUTCDate()));
        const short = `${day.getUTCDate()}/${day.getUTCMonth() + 1}/${String(day.getUTCFullYear() % 100).padStart(2, "0")}`;
        expect(parseDateText(short)?.getTime()).toBe(day.getTime());
      }),
      { numRuns: runs(300) },
    );
  });
});
