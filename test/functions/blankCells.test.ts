/**
 * Blank cells as each Excel passes them (issue 11, item 2): Excel on the web passes a blank cell as null ("" inside
 * a range), Excel on Windows and Mac as 0, both for a single-cell argument and inside a range (office-js #4702,
 * #5262, #1951). Every function is called with each blank encoding in each parameter, and must give the answer
 * the function reference documents, the same for both encodings (FTE excepted: see the reference).
 * Also (item 11): data-type values (formatted numbers, entities) are read by their basic value.
 */
import { describe, expect, it } from "vitest";
import {
  costDelta,
  deltaTable,
  fteDeltaFn,
  gradeCost,
  onCosts,
  partYear,
  postCost,
  postDelta,
  rangeGapFn,
  rangeMidFn,
  rangeTextFn,
  rangeTotalFn,
  salary,
  slotting,
} from "../../src/functions/functions";
import { currentFinancialYear, dateToExcelSerial } from "../../src/core/financialYear";
import { SAMPLE_GRADE_TABLE, salaryAt } from "../../src/core/grades";
import { postCost as corePostCost } from "../../src/core/onCosts";

/** A single blank cell, as the web (null) and as Windows/Mac (0) pass it. */
const ENCODINGS = [
  ["web", null],
  ["desktop", 0],
] as const;
/** A blank cell inside a range, as the web ("") and as Windows/Mac (0) pass it. */
const RANGE_ENCODINGS = [
  ["web", ""],
  ["desktop", 0],
] as const;

type Outcome = { value: unknown } | { error: string; message: string };
function outcome(call: () => unknown): Outcome {
  try {
    return { value: call() };
  } catch (e) {
    expect(e).toBeInstanceOf(CustomFunctions.Error);
    const err = e as CustomFunctions.Error;
    return { error: err.code, message: err.message ?? "" };
  }
}

const col = (...v: unknown[]): unknown[][] => v.map((x) => [x]);
const serial = (y: number, m: number, d: number): number => dateToExcelSerial(new Date(Date.UTC(y, m - 1, d)));
const Y = currentFinancialYear();
/** A blank pay year with the sample table: the current year if the table covers it, else its latest year, 2024/25 (README). */
const PAY_Y = currentFinancialYear() <= 2024 ? currentFinancialYear() : 2024;
const KR17 = salaryAt(SAMPLE_GRADE_TABLE, "KR17", "min", 2023);

/** For each encoding b of a blank single cell: what the call gives. */
/** `b` is typed never so it can stand in any parameter; its value is null or 0. */
function both(call: (b: never) => unknown): [Outcome, Outcome] {
  return [outcome(() => call(ENCODINGS[0][1] as never)), outcome(() => call(ENCODINGS[1][1] as never))];
}
function bothInRange(call: (b: "" | 0) => unknown): [Outcome, Outcome] {
  return [outcome(() => call(RANGE_ENCODINGS[0][1] as never)), outcome(() => call(RANGE_ENCODINGS[1][1] as never))];
}
function sameValue(call: (b: never) => unknown, expected: unknown): void {
  const [web, desktop] = both(call);
  expect(web).toEqual({ value: expected });
  expect(desktop).toEqual({ value: expected });
}
function sameError(call: (b: never) => unknown, message: RegExp): void {
  for (const o of both(call)) {
    expect("error" in o ? o.error : o).toBe("#VALUE!");
    expect("message" in o ? o.message : "").toMatch(message);
  }
}

describe("a blank single-cell argument means the same on the web (null) and on Windows/Mac (0)", () => {
  it("SALARY: a blank point is min, a blank year the default pay year, a blank table the sample; a blank grade is an error", () => {
    sameValue((b) => salary("KR17", b, 2023), KR17);
    sameValue((b) => salary("KR17", "min", b), salaryAt(SAMPLE_GRADE_TABLE, "KR17", "min", PAY_Y));
    sameValue((b) => salary("KR17", "min", 2023, b), KR17);
    sameError((b) => salary(b, "min", 2023), /grade is blank/);
  });
  it("ONCOSTS: a blank salary is an error (never 0); a blank year or pension rate takes the default", () => {
    sameError((b) => onCosts(b, 2023), /salary is blank/);
    sameValue((b) => onCosts(KR17, b), onCosts(KR17, Y));
    sameValue((b) => onCosts(KR17, 2023, b), onCosts(KR17, 2023));
    expect(onCosts(KR17, 2023)).toBe(28_752.95);
  });
  it("POSTCOST: a blank salary is an error; blank year and pension rate are defaults; FTE 0 costs 0, a left-out FTE is 1", () => {
    sameError((b) => postCost(b, 1, 2023), /salary is blank/);
    sameValue((b) => postCost(KR17, 1, b), postCost(KR17, 1, Y));
    sameValue((b) => postCost(KR17, 1, 2023, b), 132_949.95);
    // FTE: 0 is a meaningful FTE, so the encodings differ (documented): left out or null is 1 FTE.
    const [web, desktop] = both((b) => postCost(KR17, b, 2023));
    expect(web).toEqual({ value: 132_949.95 });
    expect(desktop).toEqual({ value: 0 });
  });
  it("GRADECOST: blank point, year, table and pension rate are the defaults; a blank grade is an error", () => {
    sameValue((b) => gradeCost("KR17", 1, b, 2023), 132_949.95);
    sameValue((b) => gradeCost("KR17", 1, "min", b), gradeCost("KR17", 1, "min", PAY_Y));
    sameValue((b) => gradeCost("KR17", 1, "min", 2023, b), 132_949.95);
    sameValue((b) => gradeCost("KR17", 1, "min", 2023, undefined, b), 132_949.95);
    sameError((b) => gradeCost(b, 1, "min", 2023), /grade is blank/);
  });
  it("a pension rate of none is typed as text, 0% or none", () => {
    const noPension = corePostCost(KR17, 1, 2023, 0);
    expect(postCost(KR17, 1, 2023, "0%")).toBe(noPension);
    expect(postCost(KR17, 1, 2023, "none")).toBe(noPension);
    expect(gradeCost("KR17", 1, "min", 2023, undefined, "14.5%")).toBe(132_949.95);
    expect(outcome(() => postCost(KR17, 1, 2023, "lots"))).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/pension rate/) });
  });
  it("PARTYEAR: a blank amount is 0; a blank year is the date's year, a blank basis is days; a blank date is an error", () => {
    sameValue((b) => partYear(b, serial(2024, 10, 1), 2024), 0);
    sameValue((b) => partYear(365_000, serial(2024, 10, 1), b), 182_000);
    sameValue((b) => partYear(365_000, serial(2024, 10, 1), 2024, b), 182_000);
    sameError((b) => partYear(365_000, b, 2024), /effective date is blank/);
  });
  it("RANGEGAP: a blank requirement is an error, not a surplus", () => {
    sameError((b) => rangeGapFn(b, col("15-20")), /requirement is blank/);
  });
  it("RANGETEXT: a blank figure is 0, a blank unit is none", () => {
    sameValue((b) => rangeTextFn(b, 5), "0-5");
    sameValue((b) => rangeTextFn(180, 220, b), "180-220");
  });
  it("FTEDELTA: a blank grade to count is all grades", () => {
    sameValue((b) => fteDeltaFn(col(1, 1), col(1), col("KR17", "KR16"), col("KR17"), b), -1);
  });
  it("COSTDELTA and DELTATABLE: blank point, year, table and pension rate are the defaults", () => {
    const g = [col("KR17", "KR16"), col(1, 1), col("KR17"), col(1)] as const;
    const expected = costDelta(...g, "min", 2023);
    sameValue((b) => costDelta(...g, b, 2023), expected);
    sameValue((b) => costDelta(...g, "min", 2023, b, b), expected);
    sameValue((b) => costDelta(...g, "min", b), costDelta(...g, "min", PAY_Y));
    sameValue((b) => deltaTable(...g, b, 2023, b, b), deltaTable(...g, "min", 2023));
  });
  it("SLOTTING: a blank count, similarity or grade is an error, never an outcome", () => {
    sameError((b) => slotting("KR17", "KR17", b, 2, 0.9), /number of jobs is blank/);
    sameError((b) => slotting("KR17", "KR17", 2, b, 0.9), /job holders is blank/);
    sameError((b) => slotting("KR17", "KR17", 2, 2, b), /similarity is blank/);
    sameError((b) => slotting(b, "KR17", 2, 2, 0.9), /old grade is blank/);
  });
});

describe("blank cells inside ranges mean the same on the web (\"\") and on Windows/Mac (0)", () => {
  const same = (call: (b: "" | 0) => unknown, expected: unknown): void => {
    const [web, desktop] = bothInRange(call);
    expect(web).toEqual({ value: expected });
    expect(desktop).toEqual({ value: expected });
  };
  it("POSTDELTA: a blank cell in the heading row, blank rows and a blank column", () => {
    same((b) => postDelta([["Post title", b, "FTE"], ["Director", "KR17", 1], ["Head", "KR16", 1], [b, b, b]], [["Post title", b, "FTE"], ["Director", "KR17", 1]]), -1);
    same((b) => postDelta([["Director", "KR17", 1, b], ["Head", "KR16", 1, b]], [["Director", "KR17", 1, b]]), -1);
  });
  it("RANGETOTAL, RANGEGAP, RANGEMID: trailing blanks, a blank beside a label, a blank row of two columns", () => {
    same((b) => rangeTotalFn([["Potential saving £m"], ["15-20"], ["10-15"], [b], [b]]), [[25, 35]]);
    same((b) => rangeTotalFn([[15, 20], [55, 65], [b, b]]), [[70, 85]]);
    same((b) => rangeGapFn(241, [["15-20", b], ["55-65", b]]), [[241 - 85, 241 - 70]]);
    same((b) => rangeMidFn([["Stream", "£m"], ["Market engagement", "15-20"], ["Income", "10-15"], [b, b]]), 30);
    for (const o of bothInRange((b) => rangeTotalFn([["15-20"], ["Market engagement", b]] as unknown[][]))) expect(o).toMatchObject({ error: "#VALUE!" });
    for (const o of bothInRange((b) => rangeTotalFn([[15, 20], [b, 65]]))) expect(o).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/only one of its low and high/) });
  });
  it("SALARY and GRADECOST: a grade table with blank cells and trailing blank rows", () => {
    same((b) => salary("KR17", "max", 2024, [["Grade", "Min", "Max"], ["KR17", 100_000, 120_000], [b, b, b], [b, b, b]]), 120_000);
    same((b) => gradeCost("KR17", 1, "min", 2024, [["Grade", "Min", "Max", b], ["KR17", 104_197, 120_000, b], [b, b, b, b]]), gradeCost("KR17", 1, "min", 2024, [["Grade", "Min", "Max"], ["KR17", 104_197, 120_000]]));
    for (const o of bothInRange((b) => salary("KR17", "min", 2024, [[b, b], [b, b]]))) expect(o).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/empty/) });
  });
  it("COSTDELTA, DELTATABLE, FTEDELTA: blank rows at the end of the grade and FTE columns", () => {
    const cost = costDelta(col("KR17", "KR16"), col(1, 1), col("KR17"), col(1), "min", 2023);
    same((b) => costDelta(col("KR17", "KR16", b), col(1, 1, b), col("KR17", b, b), col(1, b, b), "min", 2023), cost);
    same((b) => deltaTable(col("KR17", "KR16", b), col(1, 1, b), col("KR17", b), col(1, b), "min", 2023).length, 4);
    same((b) => fteDeltaFn(col("FTE", 1, 1, b), col("FTE", 1, b), col("Grade", "KR17", "KR16", b), col("Grade", "KR17", b), "KR16"), -1);
    same((b) => fteDeltaFn(col(1, 0.5, b), col(1, b)), -0.5);
    // A row with an FTE but a blank grade is reported on every platform.
    for (const o of bothInRange((b) => costDelta(col("KR17", b), col(1, 1), col("KR17"), col(1), "min", 2023))) expect(o).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/no grade/) });
  });
});

describe("data-type cell values are read by their basic value (item 11)", () => {
  // Typed never: a data-type value can stand in any parameter.
  const formatted = (basicValue: number, numberFormat: string): never => ({ type: "Double", basicValue, numberFormat }) as never;
  const entity = (text: string): never => ({ type: "Entity", text, basicType: "Error", basicValue: "#VALUE!", properties: {} }) as never;
  it("a formatted-number year and pension rate, an entity point", () => {
    expect(salary("KR17", entity("min"), formatted(2023, "0"))).toBe(KR17);
    expect(gradeCost("KR17", 1, "min", 2023, undefined, { type: "FormattedNumber", basicValue: 0.145, numberFormat: "0.0%" })).toBe(132_949.95);
  });
  it("an entity grade and a grade table holding entities and formatted numbers", () => {
    expect(salary(entity("KR17"), "min", 2023)).toBe(KR17);
    const table = [["Grade", "Min", "Max"], [entity("KR17"), formatted(100_000, "£#,##0"), formatted(120_000, "£#,##0")]];
    expect(salary("KR17", "max", 2024, table)).toBe(120_000);
  });
  it("savings ranges and post lists holding data types", () => {
    expect(rangeTotalFn([[formatted(15, "£0m"), formatted(20, "£0m")], [55, 65]])).toEqual([[70, 85]]);
    expect(postDelta([[entity("Director"), "KR17", formatted(1, "0.0")], ["Head", "KR16", 1]], [["Director", "KR17", 1]])).toBe(-1);
  });
  it("an error value is still an error", () => {
    const err = { type: "Error", errorType: "Div0", basicValue: "#DIV/0!" };
    expect(outcome(() => rangeTotalFn([["15-20"], [err]]))).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/error value/) });
    expect(outcome(() => salary("KR17", "min", 2023, [["KR17", new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable), 2]]))).toMatchObject({ error: "#VALUE!" });
  });
});

describe("pay awards with blank cells (a blank is 0 on Windows and Mac, nothing on the web)", () => {
  const web = [["Year", "Award", ""], ["2025/26", 0.03, ""], ["", "", ""], ["2026/27", 0, ""]];
  const desktop = web.map((r) => r.map((c) => (c === "" ? 0 : c)));
  it("reads the same range the same way on every platform", () => {
    const onWeb = gradeCost("KR17", 1, "min", "2026/27", undefined, undefined, web);
    expect(onWeb).toBeGreaterThan(gradeCost("KR17", 1, "min", "2024/25") as number);
    expect(gradeCost("KR17", 1, "min", "2026/27", undefined, undefined, desktop)).toBe(onWeb);
    // A pay freeze: 2026/27 at 0% costs what 2025/26 does in pay.
    expect(gradeCost("KR17", 1, "min", "2025/26", undefined, undefined, desktop)).toBe(gradeCost("KR17", 1, "min", "2025/26", undefined, undefined, web));
  });
  it("still refuses a row that holds more than a year and an award", () => {
    const o = outcome(() => gradeCost("KR17", 1, "min", "2025/26", undefined, undefined, [["2025/26", 0.03, 0.04]]));
    expect("message" in o ? o.message : o).toMatch(/Row 1 of the pay awards should hold a financial year and an award/);
  });
});
