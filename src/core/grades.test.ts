import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  GradeTableError,
  MissingPayYearError,
  SAMPLE_GRADE_TABLE,
  SalaryPointError,
  UnknownGradeError,
  gradeRank,
  gradeTableFromRanges,
  normaliseGrade,
  parseGradeTable,
  parseSalaryPoint,
  salaryAt,
} from "./grades";

describe("normaliseGrade", () => {
  it("trims, upper-cases and closes letter-digit gaps", () => {
    expect(normaliseGrade(" kr17 ")).toBe("KR17");
    expect(normaliseGrade("kr 17")).toBe("KR17");
    expect(normaliseGrade("Band  b")).toBe("BAND B");
    expect(normaliseGrade("\u00a0KR18\u00a0")).toBe("KR18");
  });
  it("is idempotent", () => {
    fc.assert(fc.property(fc.string(), (s) => normaliseGrade(normaliseGrade(s)) === normaliseGrade(s)));
  });
  it("property: a grade of capitals and digits comes back as typed; any grade as the full tidying gives it", () => {
    const tidied = (t: string): string =>
      t
        .replace(/\u00a0/g, " ")
        .trim()
        .replace(/\s+/g, " ")
        .replace(/([A-Za-z])\s+(\d)/g, "$1$2")
        .toUpperCase();
    const grade = fc.oneof(fc.string(), fc.stringMatching(/^[A-Z0-9]{0,6}$/), fc.stringMatching(/^[A-Za-z0-9 \u00a0\t]{0,8}$/), fc.constantFrom("KR17", "SCP12", "kr17", "KR 17", "17", "Ä1", "ＫＲ１７"));
    fc.assert(fc.property(grade, (g) => normaliseGrade(g) === tidied(g)));
  });
});

describe("the sample table", () => {
  it("is labelled as sample figures", () => {
    expect(SAMPLE_GRADE_TABLE.isSample).toBe(true);
    expect(SAMPLE_GRADE_TABLE.label).toMatch(/sample/i);
    expect(SAMPLE_GRADE_TABLE.payYears).toEqual([2023, 2024]);
  });
  it("holds the issue's figures", () => {
    expect(salaryAt(SAMPLE_GRADE_TABLE, "KR17", "min", 2023)).toBe(104_197);
    expect(salaryAt(SAMPLE_GRADE_TABLE, "KR17", "max", 2023)).toBe(123_842);
    expect(salaryAt(SAMPLE_GRADE_TABLE, "kr17", "mid", 2023)).toBe(114_019.5);
    expect(salaryAt(SAMPLE_GRADE_TABLE, "KR19", "max", 2024)).toBe(204_000);
    expect(salaryAt(SAMPLE_GRADE_TABLE, "KR13", "min", 2024)).toBe(58_784);
    expect(salaryAt(SAMPLE_GRADE_TABLE, "KR20", "max", 2024)).toBe(239_859);
  });
  it("holds the whole Kent Range KR3-KR20 as published (domain.md)", () => {
    expect(SAMPLE_GRADE_TABLE.grades(2024)).toHaveLength(18);
    expect(salaryAt(SAMPLE_GRADE_TABLE, "KR3", "min", 2023)).toBe(21_293);
    expect(salaryAt(SAMPLE_GRADE_TABLE, "KR3", "max", 2024)).toBe(23_337);
    expect(salaryAt(SAMPLE_GRADE_TABLE, "KR8", "min", 2024)).toBe(28_995);
    expect(salaryAt(SAMPLE_GRADE_TABLE, "KR8", "max", 2023)).toBe(32_333);
    expect(salaryAt(SAMPLE_GRADE_TABLE, "KR12", "max", 2024)).toBe(58_491);
    expect(salaryAt(SAMPLE_GRADE_TABLE, "KR10", "min", 2023)).toBe(36_866);
  });
  it("refuses years before and after its pay years, saying what to do about a later one", () => {
    expect(SAMPLE_GRADE_TABLE.covers(2024)).toBe(true);
    expect(SAMPLE_GRADE_TABLE.covers(2025)).toBe(false);
    expect(() => salaryAt(SAMPLE_GRADE_TABLE, "KR17", "min", 2026)).toThrow(MissingPayYearError);
    expect(() => salaryAt(SAMPLE_GRADE_TABLE, "KR17", "min", 2026)).toThrow(/end at 2024\/25.*2026\/27.*pay-award assumption for each of 2025\/26, 2026\/27/);
    expect(() => salaryAt(SAMPLE_GRADE_TABLE, "KR17", "min", 2022)).toThrow(MissingPayYearError);
    expect(() => salaryAt(SAMPLE_GRADE_TABLE, "KR17", "min", 2022)).toThrow(/2022\/23.*2023\/24/);
  });
  it("orders grades highest first and ranks KR20 above KR17", () => {
    expect(SAMPLE_GRADE_TABLE.grades(2023)).toEqual(["KR20", "KR19", "KR18", "KR17", "KR16", "KR15", "KR14", "KR13", "KR12", "KR11", "KR10", "KR9", "KR8", "KR7", "KR6", "KR5", "KR4", "KR3"]);
    expect(gradeRank(SAMPLE_GRADE_TABLE, "KR20")!).toBeGreaterThan(gradeRank(SAMPLE_GRADE_TABLE, "KR17")!);
    expect(gradeRank(SAMPLE_GRADE_TABLE, "kr3", 2023)).toBe(1);
    expect(gradeRank(SAMPLE_GRADE_TABLE, "kr13", 2023)).toBe(11);
    expect(gradeRank(SAMPLE_GRADE_TABLE, "KR99")).toBeNull();
    expect(gradeRank(SAMPLE_GRADE_TABLE, "KR17", 2015)).toBeNull();
  });
  it("names an unknown grade", () => {
    expect(() => salaryAt(SAMPLE_GRADE_TABLE, "KR99", "min", 2023)).toThrow(UnknownGradeError);
    expect(() => salaryAt(SAMPLE_GRADE_TABLE, "KR99", "min", 2023)).toThrow(/"KR99"/);
  });
  it("refuses steps the grade does not have", () => {
    expect(() => salaryAt(SAMPLE_GRADE_TABLE, "KR17", 2, 2023)).toThrow(SalaryPointError);
  });
  it("salary at min <= mid <= max for every grade and year", () => {
    for (const y of [2023, 2024]) {
      for (const g of SAMPLE_GRADE_TABLE.grades(y)) {
        const [a, b, c] = (["min", "mid", "max"] as const).map((p) => salaryAt(SAMPLE_GRADE_TABLE, g, p, y));
        expect(a).toBeLessThanOrEqual(b);
        expect(b).toBeLessThanOrEqual(c);
      }
    }
  });
});

describe("parseGradeTable", () => {
  it("reads grade, min, max without a header", () => {
    const t = parseGradeTable([
      ["KR16", 83_331, 104_711],
      ["KR17", 104_197, 123_842],
    ]);
    expect(t.payYears).toEqual([]);
    expect(salaryAt(t, "KR17", "max", 2030)).toBe(123_842);
    expect(t.grades()).toEqual(["KR17", "KR16"]);
  });
  it("reads a header row in any column order, with text amounts and blank rows", () => {
    const t = parseGradeTable([
      ["Maximum", "Grade", "Minimum"],
      ["£123,842", "KR17", "£104,197"],
      ["", "", ""],
      [104_711, "KR16", 83_331],
    ]);
    expect(salaryAt(t, "KR17", "min", 2024)).toBe(104_197);
    expect(salaryAt(t, "KR16", "max", 2024)).toBe(104_711);
  });
  it("reads steps and a year column", () => {
    const t = parseGradeTable([
      ["Year", "Grade", "Min", "Max", "Step 1", "Step 2", "Step 3"],
      ["2023/24", "SCP A", 20_000, 22_000, 20_000, 21_000, 22_000],
      [2024, "SCP A", 21_000, 23_000, 21_000, 22_000, 23_000],
    ]);
    expect(t.payYears).toEqual([2023, 2024]);
    expect(salaryAt(t, "scp a", 2, 2023)).toBe(21_000);
    expect(salaryAt(t, " scp  a ", 3, 2024)).toBe(23_000);
    expect(() => salaryAt(t, "SCP A", 3, 2025)).toThrow(MissingPayYearError);
    expect(() => salaryAt(t, "SCP A", 4, 2023)).toThrow(/steps 1 to 3/);
  });
  it("reads a year column first without a header", () => {
    const t = parseGradeTable([
      ["2023/24", "KR17", 104_197, 123_842],
      ["2024/25", "KR17", 105_542, 125_513],
    ]);
    expect(salaryAt(t, "KR17", "min", 2024)).toBe(105_542);
  });
  it("reads the issue's wide layout (a min and max column per pay year)", () => {
    const t = parseGradeTable([
      ["Grade", "2023/24 min", "2023/24 max", "2024/25 min", "2024/25 max"],
      ["KR17", 104_197, 123_842, 105_542, 125_513],
      ["KR21", "", "", 250_000, 260_000],
    ]);
    expect(t.payYears).toEqual([2023, 2024]);
    expect(salaryAt(t, "KR17", "max", 2023)).toBe(123_842);
    expect(salaryAt(t, "KR21", "min", 2024)).toBe(250_000);
    expect(() => salaryAt(t, "KR21", "min", 2023)).toThrow(UnknownGradeError);
  });
  it("reads a pay spine (SCP and salary), with or without a header", () => {
    const headed = parseGradeTable([["SCP", "Salary"], [1, 23_656], [2, 24_027], [25, 34_314]]);
    expect(salaryAt(headed, "25", "min", 2024)).toBe(34_314);
    expect(salaryAt(headed, "25", "max", 2024)).toBe(34_314);
    expect(headed.grades()).toEqual(["25", "2", "1"]);
    const bare = parseGradeTable([["SCP 1", "£23,656"], ["SCP 2", 24_027]]);
    expect(salaryAt(bare, "scp 2", "mid", 2024)).toBe(24_027);
    const dated = parseGradeTable([["Year", "Grade", "Annual salary"], ["2024/25", "Band A", 20_000], ["2025/26", "Band A", 21_000]]);
    expect(salaryAt(dated, "band a", "min", 2025)).toBe(21_000);
  });
  it("ignores a salary column beside minimum and maximum", () => {
    const t = parseGradeTable([["Grade", "Min", "Max", "Salary"], ["KR17", 100_000, 200_000, 150_000]]);
    expect(salaryAt(t, "KR17", "max", 2024)).toBe(200_000);
  });
  it.each([
    [[], /empty/],
    [[["", ""]], /empty/],
    [[["Name", "Salary"], ["KR17", 1]], /Grade, Minimum and Maximum/],
    [[["KR17", 123_842, 104_197]], /below its minimum/],
    [[["KR17", 104_197, 123_842], ["kr17", 1, 2]], /twice/],
    [[["KR17", "lots", 123_842]], /not an amount/],
    [[["KR17"]], /Grade/],
    [[["KR17", 1], ["KR16"]], /salary is missing in row 2/],
    [[["Grade", "Salary", "Min"], ["KR17", 1, 2]], /Grade, Minimum and Maximum/],
    [[["", 1, 2]], /grade is missing/],
    [[["KR17", -5, 10]], /between £0/],
    [[["Grade", "Min", "Max"], ["KR17", 1, ""]], /maximum.*missing/],
    [[["KR1", 10_000, 20_000, 30_000]], /outside its range/],
    [[["KR3", 12.1, 12.1]], /looks like an hourly rate or a figure in £000/],
  ])("rejects %j", (rows, message) => {
    expect(() => parseGradeTable(rows as unknown[][])).toThrow(GradeTableError);
    expect(() => parseGradeTable(rows as unknown[][])).toThrow(message);
  });
  it("round-trips any valid table given as rows (property)", () => {
    const row = fc
      .tuple(fc.oneof(fc.constant(0), fc.integer({ min: 1_000, max: 500_000 })), fc.oneof(fc.constant(0), fc.integer({ min: 1_000, max: 500_000 })))
      .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 99 }), row), { minLength: 1, maxLength: 20, selector: (x) => x[0] }), (entries) => {
        const rows = entries.map(([n, [min, max]]) => [`G${n}`, min, max]);
        const t = parseGradeTable(rows);
        for (const [n, [min, max]] of entries) {
          expect(salaryAt(t, `g${n}`, "min", 2024)).toBe(min);
          expect(salaryAt(t, `G${n}`, "max", 2024)).toBe(max);
        }
        expect(t.grades().length).toBe(entries.length);
      }),
    );
  });
  it("throws only GradeTableError on arbitrary cells (property)", () => {
    const cell = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(""));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 }), (rows) => {
        try {
          parseGradeTable(rows);
        } catch (e) {
          expect(e).toBeInstanceOf(GradeTableError);
        }
      }),
    );
  });
});

describe("gradeTableFromRanges and parseSalaryPoint", () => {
  it("refuses a mix of yearless and dated ranges", () => {
    expect(() =>
      gradeTableFromRanges("x", [
        { year: null, ranges: [{ grade: "A", min: 10_000, max: 20_000 }] },
        { year: 2024, ranges: [{ grade: "A", min: 10_000, max: 20_000 }] },
      ]),
    ).toThrow(/needs a year/);
  });
  it("reads pay points", () => {
    expect(parseSalaryPoint("Minimum")).toBe("min");
    expect(parseSalaryPoint("")).toBe("min");
    expect(parseSalaryPoint("midpoint")).toBe("mid");
    expect(parseSalaryPoint("TOP")).toBe("max");
    expect(parseSalaryPoint("step 3")).toBe(3);
    expect(parseSalaryPoint(2)).toBe(2);
    expect(() => parseSalaryPoint(0)).toThrow(SalaryPointError);
    expect(() => parseSalaryPoint(1.5)).toThrow(SalaryPointError);
    expect(() => parseSalaryPoint("middle-ish")).toThrow(SalaryPointError);
  });
});
