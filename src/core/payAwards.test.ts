import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MissingPayYearError, SAMPLE_GRADE_TABLE, gradeTableFromRanges, parseGradeTable, salaryAt } from "./grades";
import { postCost } from "./onCosts";
import { PayAwardError, defaultPayYear, parsePayAwards, payAwardFraction, projectionText, unusedAwards, withPayAwards } from "./payAwards";

// 3% in 2025/26 and 2.5% in 2026/27, compounded from the sample table's last year, 2024/25.
const AWARDS = new Map([
  [2025, 0.03],
  [2026, 0.025],
]);

describe("pay-award assumptions", () => {
  const projected = withPayAwards(SAMPLE_GRADE_TABLE, AWARDS);

  it("change 2025/26 and 2026/27 pay by exactly the stated percentages, compounded (worked by hand)", () => {
    // KR8 minimum 2024/25 £28,995: x 1.03 = £29,864.85; x 1.025 = £30,611.47125 -> £30,611.47.
    expect(salaryAt(projected, "KR8", "min", 2025)).toBe(29_864.85);
    expect(salaryAt(projected, "KR8", "min", 2026)).toBe(30_611.47);
    // KR17 minimum 2024/25 £105,542 x 1.03 = £108,708.26; x 1.03 x 1.025 = £111,425.9665 -> £111,425.97.
    expect(salaryAt(projected, "KR17", "min", 2025)).toBe(108_708.26);
    expect(salaryAt(projected, "KR17", "min", 2026)).toBe(111_425.97);
    // KR17 maximum £125,513 x 1.05575 = £125,513 + £6,997.34975 = £132,510.34975 -> £132,510.35.
    expect(salaryAt(projected, "KR17", "max", 2026)).toBe(132_510.35);
  });

  it("carry into the cost of a post (2026/27 on-costs: NI 15% above £5,000, pension 14.5%, levy 0.5%)", () => {
    // KR8 min 2026/27 £30,611.47: NI (30,611.47 - 5,000) x 15% = £3,841.72; pension £4,438.66; levy £153.06.
    expect(postCost(salaryAt(projected, "KR8", "min", 2026), 1, 2026)).toBe(39_044.91);
    // KR17 min 2026/27 £111,425.97: NI £15,963.90; pension £16,156.77; levy £557.13.
    expect(postCost(salaryAt(projected, "KR17", "min", 2026), 1, 2026)).toBe(144_103.77);
  });

  it("leave the table's own years as published", () => {
    expect(salaryAt(projected, "KR8", "min", 2024)).toBe(28_995);
    expect(salaryAt(projected, "KR17", "min", 2023)).toBe(104_197);
    expect(projected.projection(2024)).toBeNull();
    expect(projected.payYears).toEqual([2023, 2024, 2025, 2026]);
    expect(projected.label).toBe(SAMPLE_GRADE_TABLE.label);
    expect(projected.isSample).toBe(true);
  });

  it("say which years rest on them", () => {
    const p = projected.projection(2026);
    expect(p).not.toBeNull();
    expect(p!.from).toBe(2024);
    expect(projectionText(p!)).toBe("2026/27 pay is projected from the 2024/25 ranges with assumed pay awards of 3% in 2025/26, 2.5% in 2026/27.");
  });

  it("refuse a year with neither table nor assumption, naming the missing years", () => {
    expect(() => salaryAt(projected, "KR17", "min", 2027)).toThrow(MissingPayYearError);
    expect(() => salaryAt(projected, "KR17", "min", 2027)).toThrow(/pay-award assumption for 2027\/28/);
    const gap = withPayAwards(SAMPLE_GRADE_TABLE, new Map([[2026, 0.025]]));
    expect(gap.covers(2026)).toBe(false);
    expect(() => salaryAt(gap, "KR17", "min", 2026)).toThrow(/pay-award assumption for 2025\/26/);
    expect(unusedAwards(gap, new Map([[2026, 0.025]]))).toEqual([2026]);
    expect(unusedAwards(projected, new Map([[2024, 0.05], ...AWARDS]))).toEqual([2024]);
  });

  it("project steps too, and leave a table without years alone", () => {
    const stepped = gradeTableFromRanges("steps", [{ year: 2024, ranges: [{ grade: "A", min: 10_000, max: 30_000, points: [10_000, 20_000, 30_000] }] }]);
    expect(salaryAt(withPayAwards(stepped, new Map([[2025, 0.1]])), "A", 2, 2025)).toBe(22_000);
    const yearless = parseGradeTable([["KR17", 100_000, 120_000]]);
    expect(withPayAwards(yearless, AWARDS)).toBe(yearless);
  });

  it("a rise never lowers a salary (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.2, noNaN: true }), fc.constantFrom("KR3", "KR8", "KR12", "KR17", "KR20"), (rate, grade) => {
        const t = withPayAwards(SAMPLE_GRADE_TABLE, new Map([[2025, rate]]));
        return salaryAt(t, grade, "max", 2025) >= salaryAt(SAMPLE_GRADE_TABLE, grade, "max", 2024);
      }),
    );
  });
});

describe("the year when none is given", () => {
  it("is the current financial year when covered, else the latest year the table covers", () => {
    expect(defaultPayYear(SAMPLE_GRADE_TABLE, new Date(2026, 10, 28))).toBe(2024);
    expect(defaultPayYear(SAMPLE_GRADE_TABLE, new Date(2024, 5, 1))).toBe(2024);
    expect(defaultPayYear(SAMPLE_GRADE_TABLE, new Date(2024, 1, 1))).toBe(2023);
    expect(defaultPayYear(withPayAwards(SAMPLE_GRADE_TABLE, AWARDS), new Date(2026, 10, 28))).toBe(2026);
    expect(defaultPayYear(withPayAwards(SAMPLE_GRADE_TABLE, AWARDS), new Date(2027, 10, 28))).toBe(2024);
    expect(defaultPayYear(parseGradeTable([["KR17", 100_000, 120_000]]), new Date(2030, 5, 1))).toBe(2030);
  });
});

describe("reading pay awards", () => {
  it("reads years and percentages as a user types them", () => {
    expect(payAwardFraction(0.03)).toBe(0.03);
    expect(payAwardFraction(3)).toBe(0.03);
    expect(payAwardFraction("2.5%")).toBe(0.025);
    expect(() => payAwardFraction(0.5)).toThrow(PayAwardError);
    expect(() => payAwardFraction("three")).toThrow(/not a pay award/);
    expect([
      ...parsePayAwards([
        ["Year", "Pay award"],
        ["2025/26", 0.03],
        ["", ""],
        [2026, "2.5%"],
      ]),
    ]).toEqual([
      [2025, 0.03],
      [2026, 0.025],
    ]);
    expect(() => parsePayAwards([[2025, 0.03], ["2025/26", 0.02]])).toThrow(/twice/);
    expect(() => parsePayAwards([["2025/27", 0.03]])).toThrow(PayAwardError);
  });
});
