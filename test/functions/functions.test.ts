import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { runs } from "../propertyRuns";
import {
  BUDGET_FUNCTIONS,
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
import { dateToExcelSerial } from "../../src/core/financialYear";

/** Call and return the CustomFunctions.Error it throws (failing if it throws anything else or nothing). */
function excelError(call: () => unknown): CustomFunctions.Error {
  try {
    call();
  } catch (e) {
    expect(e).toBeInstanceOf(CustomFunctions.Error);
    return e as CustomFunctions.Error;
  }
  throw new Error("expected a CustomFunctions.Error");
}

const col = (...v: unknown[]): unknown[][] => v.map((x) => [x]);
const serial = (y: number, m: number, d: number): number => dateToExcelSerial(new Date(Date.UTC(y, m - 1, d)));

// The Strategic and Corporate Services restructure as grade and FTE columns.
const beforeGrades = col("KR18", "KR18", "KR18", "KR17", "KR17", "KR16", "KR16");
const beforeFte = col(1, 1, 1, 1, 1, 1, 1);
const afterGrades = col("KR18", "KR18", "KR17", "KR17", "KR17", "KR16");
const afterFte = col(1, 1, 1, 1, 1, 1);
const savings = col("15-20", "15-20", "55-65", "10-15", "20-25", "65-75");

describe("the papers' figures", () => {
  it("a KR17 director in 2023/24 costs £132,949.95 with on-costs (about £133,000)", () => {
    expect(gradeCost("KR17", 1, "min", 2023)).toBe(132_949.95);
    expect(gradeCost("KR17", undefined, undefined, "2023/24")).toBe(132_949.95);
    expect(gradeCost("kr17", 1, null as never, "2023-24")).toBe(132_949.95);
    expect(postCost(104_197, 1, 2023)).toBe(132_949.95);
    expect(salary("KR17", "min", 2023)).toBe(104_197);
    expect(onCosts(104_197, 2023)).toBe(28_752.95);
  });
  it("the restructure is -1 post: KR18 -1, KR17 +1, KR16 -1", () => {
    expect(postDelta(col("Corporate Director", "Director", "Director", "Director", "Director", "Head", "Head").map((r, i) => [...r, beforeGrades[i][0], 1]), col("a", "b", "c", "d", "e", "f").map((r, i) => [...r, afterGrades[i][0], 1]))).toBe(-1);
    const table = deltaTable(beforeGrades, beforeFte, afterGrades, afterFte, "min", 2023);
    expect(table[0]).toEqual(["Grade", "Posts before", "Posts after", "Change", "FTE change", "Full-year cost change"]);
    expect(table.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ["KR18", 3, 2, -1, -1],
      ["KR17", 2, 3, 1, 1],
      ["KR16", 2, 1, -1, -1],
      ["Total", 7, 6, -1, -1],
    ]);
    expect(table[4][5]).toBe(costDelta(beforeGrades, beforeFte, afterGrades, afterFte, "min", 2023));
    expect(fteDeltaFn(beforeFte, afterFte)).toBe(-1);
    expect(fteDeltaFn(beforeFte, afterFte, beforeGrades, afterGrades, "KR17")).toBe(1);
  });
  it("savings 180-220 leave a gap of 21 to 61 against 241", () => {
    expect(rangeTotalFn(savings)).toEqual([[180, 220]]);
    expect(rangeGapFn(241, savings)).toEqual([[21, 61]]);
    expect(rangeMidFn(savings)).toBe(200);
    expect(rangeTextFn(180, 220)).toBe("180-220");
    expect(rangeTextFn(180, 220, "£m")).toBe("£180m-£220m");
  });
});

describe("arguments as Excel passes them", () => {
  it("defaults the year to the current financial year when the table covers it, else the table's latest year", () => {
    // Figures from the published Kent Range (../shared/domain.md): KR18 minimum £130,382 in 2023/24,
    // £133,142 in 2024/25. The year turns on 1 April; after 2024/25 the sample table's latest year is used.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date(2024, 2, 31, 12));
      expect(salary("KR18")).toBe(130_382);
      vi.setSystemTime(new Date(2024, 3, 1, 12));
      expect(salary("KR18")).toBe(133_142);
      vi.setSystemTime(new Date(2025, 0, 15, 12));
      expect(salary("KR18", "max")).toBe(157_128);
      vi.setSystemTime(new Date(2026, 10, 28, 12));
      expect(salary("KR18")).toBe(133_142);
      // KR17 minimum £105,542 + NI (105,542 - 9,100) x 13.8% = £13,309.00 + pension 14.5% £15,303.59 + levy £527.71.
      expect(gradeCost("KR17", 1)).toBe(134_682.3);
    } finally {
      vi.useRealTimers();
    }
    const ownTable = [["Grade", "Min", "Max"], ["KR17", 100_000, 120_000]];
    expect(salary("KR17", "min", undefined, ownTable)).toBe(100_000); // a table without years covers every year
  });
  it("costs KR3-KR12 posts from the sample table (KR8 minimum 2024/25 £28,995)", () => {
    expect(salary("KR8", "min", 2024)).toBe(28_995);
    expect(salary("KR3", "max", "2023/24")).toBe(21_293);
  });
  it("takes pay-award assumptions and refuses a year neither table nor assumption covers", () => {
    const awards = [["Year", "Pay award"], ["2025/26", 0.03], ["2026/27", 0.025]];
    // KR8 min: £28,995 x 1.03 x 1.025 = £30,611.47; on-costs 2026/27 £3,841.72 + £4,438.66 + £153.06.
    expect(salary("KR8", "min", 2026, undefined, awards)).toBe(30_611.47);
    expect(gradeCost("KR8", 1, "min", 2026, undefined, undefined, awards)).toBe(39_044.91);
    const e = excelError(() => gradeCost("KR17", 1, "min", 2026));
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/end at 2024\/25.*pay-award assumption for each of 2025\/26, 2026\/27/);
    expect(excelError(() => salary("KR17", "min", 2027, undefined, awards)).message).toMatch(/pay-award assumption for 2027\/28/);
    expect(excelError(() => salary("KR17", "min", 2025, undefined, [["2025/26", "lots"]])).code).toBe("#VALUE!");
    const rises = costDelta(col("KR17"), col(1), col("KR17"), col(2), "min", 2026, undefined, undefined, awards);
    expect(rises).toBe(144_103.77); // one more KR17 post in 2026/27 at £111,425.97 plus on-costs (worked by hand)
  });
  it("takes a grade table range, with a header, and recalculates from it", () => {
    const table = [["Grade", "Min", "Max"], ["KR17", 100_000, 120_000]];
    expect(salary("KR17", "max", 2024, table)).toBe(120_000);
    expect(salary("KR17", "max", 2024, [["Grade", "Min", "Max"], ["KR17", 100_000, 125_000]])).toBe(125_000);
    const e = excelError(() => salary("KR16", "min", 2024, table));
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/KR16/);
  });
  it("reads ranges as text, en dashes, £m, a heading and two numeric columns", () => {
    expect(rangeTotalFn([["Potential saving £m"], ["£15m-£20m"], ["15 to 20"], ["15–20"], [""], ["12"]])).toEqual([[57, 72]]);
    expect(rangeTotalFn([[15, 20], [55, 65], ["", ""]])).toEqual([[70, 85]]);
    expect(rangeTotalFn([[12]])).toEqual([[12, 12]]);
    expect(rangeTotalFn([["Low", "High"], [15, 20], [55, 65]])).toEqual([[70, 85]]);
    expect(rangeTotalFn([["Savings stream", "Potential saving £m"], ["Market engagement activity", "15-20"], ["Additional income from trading", "10-15"], ["Total", "25-35"]])).toEqual([[25, 35]]);
    expect(excelError(() => rangeTotalFn([["15-20"], ["Market engagement"]])).message).toMatch(/"Market engagement" is not a savings range/);
  });
  it("says what is wrong with the ranges in plain English (\"The ranges have\", not \"The ranges has\")", () => {
    const messages = [
      excelError(() => rangeTotalFn([["Potential saving £m"], [""]])).message,
      excelError(() => rangeTotalFn([[""], [null]])).message,
      excelError(() => rangeTotalFn([["15-20"], [{ type: "Error", errorType: "Div0", basicValue: "#DIV/0!" }]])).message,
      excelError(() => rangeTotalFn(null as never)).message,
      excelError(() => rangeTotalFn([])).message,
    ];
    expect(messages).toEqual([
      "The ranges have a heading but nothing below it: select the savings ranges under the heading too.",
      "The ranges are empty: select cells holding ranges such as 15-20.",
      "The ranges contain an error value: fix it first.",
      "The ranges are missing: select the cells holding them, such as B2:B7.",
      "The ranges are empty: select cells holding ranges such as 15-20.",
    ]);
  });
  it("reports a mistyped range in the first row instead of dropping it as a heading", () => {
    for (const first of ["c.15-20", "TBC", "(5)-10", "approx 15-20", "n/a", "-"]) {
      const e = excelError(() => rangeTotalFn(col(first, "10-15")));
      expect(e.code, first).toBe("#VALUE!");
      expect(e.message, first).toContain(`"${first}" is not a savings range`);
      expect(excelError(() => rangeMidFn(col(first, "10-15"))).message, first).toBe(e.message);
    }
    // Headings, with or without a year, a unit or a number among heading words, are still skipped.
    for (const heading of ["Potential saving £m", "Savings 2024/25", "Saving £000", "Phase 2 savings", "Low", "Savings from 3 services"]) {
      expect(rangeTotalFn(col(heading, "15-20", "10-15")), heading).toEqual([[25, 35]]);
    }
    expect(rangeTotalFn([["Savings stream", "Potential saving 2025-26 £m"], ["Market engagement activity", "15-20"]])).toEqual([[15, 20]]);
  });
  it("a first-row range written with a prefix or brackets is never silently left out (property)", () => {
    const figure = fc.integer({ min: 1, max: 500 });
    const written = fc.tuple(fc.constantFrom("c.", "c. ", "approx ", "~", "circa ", "(", "up to "), figure, fc.integer({ min: 0, max: 50 }), fc.constantFrom("", ")", "m", " (tbc)")).map(([pre, lo, w, post]) => `${pre}${lo}-${lo + w}${post}`);
    fc.assert(
      fc.property(written, fc.array(fc.constantFrom("15-20", "10-15", "55-65"), { minLength: 1, maxLength: 5 }), (first, rest) => {
        const rows = col(first, ...rest);
        let total: number[][];
        try {
          total = rangeTotalFn(rows);
        } catch (e) {
          expect(e).toBeInstanceOf(CustomFunctions.Error);
          return;
        }
        expect(total).not.toEqual(rangeTotalFn(col(...rest))); // counted, not dropped as a heading
      }),
      { numRuns: runs(200) },
    );
  });
  it("refuses ranges that mix pounds with £m instead of adding pounds to millions", () => {
    const e = excelError(() => rangeTotalFn(col("£15,000,000-£20,000,000", "£5m-£6m")));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/mix units \(pounds and £m\): write them all in £m/);
    expect(excelError(() => rangeGapFn(241, col("£5m-£6m", "£15,000,000-£20,000,000"))).message).toBe(e.message);
    expect(rangeTotalFn(col("£15m-£20m", "£5m-£6m"))).toEqual([[20, 26]]);
  });
  it("reads label, low and high columns: a heading naming them, figures typed as text or amounts", () => {
    const sheet = [["Savings stream", "Low £m", "High £m"], ["Market engagement", 15, 20], ["Trading income", 10, 15]];
    expect(rangeTotalFn(sheet)).toEqual([[25, 35]]);
    expect(rangeGapFn(241, sheet)).toEqual([[206, 216]]);
    expect(rangeMidFn(sheet)).toBe(30);
    expect(rangeTotalFn([...sheet, ["Total", 25, 35]])).toEqual([[25, 35]]);
    expect(rangeTotalFn([["Low", "High"], [15, 20], ["10", 15]])).toEqual([[25, 35]]);
    expect(rangeTotalFn([["Low", "High"], ["£15m", "£20m"], ["£10m", "£15m"]])).toEqual([[25, 35]]);
    expect(rangeTotalFn([["Market engagement", "15", "20"], ["Trading income", 10, "£15m"]])).toEqual([[25, 35]]);
    expect(rangeTotalFn([[15, 20, "Market engagement"], [10, 15, "Trading income"]])).toEqual([[25, 35]]);
    // The heading says which column is which; without one the first figure is the low.
    expect(rangeTotalFn([["Stream", "High £m", "Low £m"], ["Market engagement", 20, 15], ["Trading income", "15", "10"]])).toEqual([[25, 35]]);
    expect(rangeTotalFn([["", "From", "To"], ["Market engagement", "£15m", "£20m"]])).toEqual([[15, 20]]);
    expect(rangeTotalFn([["Min", "Max"], [1.5, 2.5], ["", ""], [2, 3]])).toEqual([[3.5, 5.5]]);
  });
  it.each([
    ["three figures in a row", [["Stream", "Low", "High"], ["Market engagement", 15, 20, 25]], 'Row 2 ("Market engagement") has 3 figures (15, 20, 25)'],
    ["a row number beside a range", [[1, "Market engagement", "15-20"]], 'Row 1 ("Market engagement") holds both a range ("15-20") and a figure (1)'],
    ["a range in a low/high table", [["Stream", "Low", "High"], ["Market engagement", 15, 20], ["Trading income", "10-15"]], 'Row 3 ("Trading income") holds the range "10-15", but the ranges give low and high figures in the "Low" and "High" columns'],
    ["a range beside low/high rows", [["Market engagement", 15, 20], ["Trading income", "10-15"]], 'Row 2 ("Trading income") holds the range "10-15", but the ranges give low and high figures in separate cells'],
    ["one figure in a low/high table", [["Stream", "Low", "High"], ["Market engagement", 15, 20], ["Trading income", 10, ""]], 'Row 3 ("Trading income") has only one of its low and high figures'],
    ["a figure outside the low and high columns", [["Stream", "Low", "High", "Notes"], ["Market engagement", 15, "", "20"]], 'Row 2 ("Market engagement") has a figure (20) outside the "Low" and "High" columns'],
    ["high before low without a heading", [["Market engagement", 20, 15]], 'Row 1 ("Market engagement") has its low figure 20 above its high figure 15: put the lower figure first'],
    ["high under Low", [["Stream", "Low", "High"], ["Market engagement", 20, 15]], 'Row 2 ("Market engagement") has its low figure 20 above its high figure 15: put the lower figure under "Low"'],
    ["pounds and £m in one row", [["Market engagement", "£15,000,000", "£20m"]], 'Row 1 ("Market engagement") mixes units (£15,000,000 and £20m)'],
  ])("refuses %s, naming the row", (_name, sheet, message) => {
    const e = excelError(() => rangeTotalFn(sheet));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain(message);
  });
  it("any list of label, low and high rows gives the sum of the lows and the sum of the highs (property)", () => {
    const name = fc.constantFrom("Market engagement activity", "Commissioning & procurement", "Additional income from trading", "Stream 3", "");
    // A figure as Excel passes it: a number (never 0, which is a blank cell on Windows and Mac), or text.
    const cell = (v: number, unitText: boolean): fc.Arbitrary<unknown> => (v === 0 ? fc.constantFrom("0", unitText ? "£0m" : "0") : fc.constantFrom<unknown>(v, String(v), unitText ? `£${v}m` : `${v}`));
    const row = fc
      .tuple(name, fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 1 }), fc.boolean(), fc.boolean())
      .chain(([label, lo10, w10, dp, unitText, labelLast]) => {
        const lo = lo10 / 10 ** dp;
        const hi = (lo10 + w10) / 10 ** dp;
        return fc.tuple(cell(lo, unitText), cell(hi, unitText)).map(([l, h]) => ({ lo, hi, label, figures: [l, h], labelLast }));
      });
    const heading = fc.constantFrom<unknown[] | null>(null, ["Savings stream", "Low £m", "High £m"], ["Stream", "Min", "Max"], ["", "From", "To"], ["Savings stream", "Potential saving £m", ""]);
    fc.assert(
      fc.property(heading, fc.array(row, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), (head, rows, withTotal, withBlank) => {
        // Under a heading the label column comes first, as the heading says; without one it may be last.
        const body = rows.map((r) => (r.labelLast && !head ? [...r.figures, r.label] : [r.label, ...r.figures]));
        const lows = rows.reduce((s, r) => s + r.lo, 0);
        const highs = rows.reduce((s, r) => s + r.hi, 0);
        const sheet = [...(head ? [head] : []), ...body, ...(withBlank ? [["", "", ""]] : []), ...(withTotal ? [["Total", lows, highs]] : [])];
        const [[low, high]] = rangeTotalFn(sheet);
        expect(low).toBeCloseTo(lows, 6);
        expect(high).toBeCloseTo(highs, 6);
        expect(rangeMidFn(sheet)).toBeCloseTo((lows + highs) / 2, 6);
      }),
      { numRuns: runs(300) },
    );
  });
  it("PARTYEAR takes serial dates and defaults to the date's financial year", () => {
    expect(partYear(100_000, serial(2024, 10, 1), undefined, "months")).toBe(50_000);
    expect(partYear(365_000, serial(2024, 10, 1))).toBe(182_000);
    expect(partYear(100_000, serial(2024, 10, 1), 2025)).toBe(100_000);
    expect(partYear(100_000, serial(2024, 10, 1), "2023/24")).toBe(0);
    expect(partYear(100_000, "01/10/2024", null as never, "months")).toBe(50_000);
  });
  it("SLOTTING returns Slot or the first failed condition", () => {
    expect(slotting("KR17", "KR17", 2, 2, 0.75)).toBe("Slot");
    expect(slotting("KR17", "KR17", 2, 2, 75)).toBe("Slot");
    expect(slotting("KR17", "KR18", 2, 2, 0.9)).toBe("Ring-fence: grade differs");
    expect(slotting("KR17", "KR17", 1, 2, 0.9)).toBe("Ring-fence: fewer jobs than holders");
    expect(slotting("KR17", "KR17", 2, 2, 0.5)).toBe("Ring-fence: less than 75% the same work");
  });
  it("POSTDELTA reads headed post lists, skipping totals and FTE 0 rows", () => {
    const before = [["Post title", "Grade", "FTE"], ["Director ICT", "KR17", 1], ["Head of Policy", "KR16", 1], ["Vacant", "KR16", 0], ["Total", "", 2]];
    const after = [["Post title", "Grade", "FTE"], ["Director Digital", "KR17", 1]];
    expect(postDelta(before, after)).toBe(-1);
  });
  it("leaves out every kind of total row, and counts a post titled like a measure (issue 16)", () => {
    const after = [["Post title", "Grade", "FTE"], ["Director Digital", "KR17", 1]];
    for (const label of ["Total", "Totals", "Grand total", "Sub-total", "Total posts"]) {
      const before = [["Post title", "Grade", "FTE"], ["Director ICT", "KR17", 1], ["Head of Policy", "KR16", 1], [label, "", 2]];
      expect(postDelta(before, after), label).toBe(-1);
    }
    const withMeasure = [["Post title", "Grade", "FTE"], ["Director ICT", "KR17", 1], ["Total cost of posts analyst", "KR10", 1]];
    expect(postDelta(withMeasure, after)).toBe(-1);
  });
  it("RANGETOTAL and RANGEGAP leave out Grand total and Totals rows (issue 16)", () => {
    for (const label of ["Total", "Totals", "Grand total", "Sub-total", "Total savings"]) {
      const sheet = [["Savings stream", "Potential saving £m"], ["Market engagement activity", "15-20"], ["Additional income from trading", "10-15"], [label, "25-35"]];
      expect(rangeTotalFn(sheet), label).toEqual([[25, 35]]);
      expect(rangeGapFn(40, sheet), label).toEqual([[5, 15]]);
    }
    // A stream whose name reads like a measure is a line, not a total.
    const measure = [["Savings stream", "Potential saving £m"], ["Market engagement activity", "15-20"], ["Total cost of posts", "5-10"]];
    expect(rangeTotalFn(measure)).toEqual([[20, 30]]);
  });
});

describe("bad input gives #VALUE! or #N/A with a message", () => {
  it.each([
    ["negative FTE", () => gradeCost("KR17", -1, "min", 2023), "#VALUE!", /FTE/],
    ["FTE above the bound", () => gradeCost("KR17", 20_000, "min", 2023), "#VALUE!", /FTE/],
    ["20-15", () => rangeTotalFn(col("20-15")), "#VALUE!", /lower figure first/],
    ["text for a number", () => postCost("lots" as never, 1, 2023), "#VALUE!", /salary must be a number/],
    ["an empty range", () => rangeTotalFn([[""], [null]]), "#VALUE!", /empty/],
    ["mismatched range sizes", () => costDelta(col("KR17", "KR18"), col(1), afterGrades, afterFte), "#VALUE!", /same size/],
    ["an unknown grade", () => gradeCost("KR99", 1, "min", 2023), "#N/A", /KR99/],
    ["a year without rates", () => onCosts(50_000, 2030), "#N/A", /2030\/31/],
    ["a year before the grade table", () => salary("KR17", "min", 2015), "#N/A", /2015\/16/],
    ["a bad year", () => salary("KR17", "min", "2024/26"), "#VALUE!", /financial year/],
    ["a bad point", () => salary("KR17", "top-ish", 2023), "#VALUE!", /pay point/],
    ["a blank grade", () => gradeCost("", 1), "#VALUE!", /grade/],
    ["a bad date", () => partYear(1, "next week"), "#VALUE!", /date/],
    ["a bad basis", () => partYear(1, serial(2024, 5, 1), 2024, "weeks"), "#VALUE!", /days/],
    ["a bad unit", () => rangeTextFn(1, 2, "euros"), "#VALUE!", /unit/],
    ["low above high", () => rangeTextFn(2, 1), "#VALUE!", /above/],
    ["a bad similarity", () => slotting("KR17", "KR17", 1, 1, 150), "#VALUE!", /Similarity/],
    ["both lists empty", () => costDelta(col(""), col(""), col(""), col("")), "#VALUE!", /empty/],
    ["a grade without FTE", () => costDelta(col("KR17"), col(""), afterGrades, afterFte), "#VALUE!", /no FTE/],
    ["a grade table with an error cell", () => salary("KR17", "min", 2023, [["KR17", new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable), 2]]), "#VALUE!", /error value/],
    ["a broken grade table", () => salary("KR17", "min", 2023, [["KR17", 5, 1]]), "#VALUE!", /below its minimum/],
    ["a pension rate above 60%", () => onCosts(50_000, 2023, 80), "#VALUE!", /60%/],
    ["grade without grade columns", () => fteDeltaFn(beforeFte, afterFte, undefined, undefined, "KR17"), "#VALUE!", /grade columns/],
  ])("%s", (_name, call, code, message) => {
    const e = excelError(call);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Every function on arbitrary input: a finite number, a well-formed matrix, a string, or a CustomFunctions.Error.

const scalar = fc.oneof(
  fc.double(),
  fc.integer({ min: -100, max: 3000 }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom("KR17", "kr18", "min", "mid", "max", "2023/24", "2024", "15-20", "£15m-£20m", "20-15", "days", "months", "£m", "", " "),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const matrix = fc.array(fc.array(scalar, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });
const arg = fc.oneof(scalar, matrix);

function checkResult(r: unknown): void {
  if (typeof r === "number") {
    expect(Number.isFinite(r)).toBe(true);
    return;
  }
  if (typeof r === "string") return;
  expect(Array.isArray(r)).toBe(true);
  const rows = r as unknown[][];
  expect(rows.length).toBeGreaterThan(0);
  const width = rows[0].length;
  for (const row of rows) {
    expect(row.length).toBe(width);
    for (const c of row) {
      if (typeof c === "number") expect(Number.isFinite(c)).toBe(true);
      else expect(typeof c).toBe("string");
    }
  }
}

describe("every function on arbitrary input (property)", () => {
  for (const [id, fn] of Object.entries(BUDGET_FUNCTIONS)) {
    it(`${id} returns a finite number, a matrix, text or a CustomFunctions.Error`, () => {
      fc.assert(
        fc.property(fc.array(arg, { minLength: fn.length, maxLength: 9 }), (args) => {
          let result: unknown;
          try {
            result = (fn as (...a: unknown[]) => unknown)(...args);
          } catch (e) {
            expect(e).toBeInstanceOf(CustomFunctions.Error);
            expect(["#VALUE!", "#N/A"]).toContain((e as CustomFunctions.Error).code);
            expect((e as CustomFunctions.Error).message ?? "").not.toBe("");
            expect((e as CustomFunctions.Error).message).not.toMatch(/could not work this out/);
            return;
          }
          checkResult(result);
        }),
        { numRuns: runs(300) },
      );
    });
  }
  it("every function on plausible arguments (valid and nearly valid) keeps the same contract (property)", () => {
    const grade = fc.constantFrom("KR13", "KR17", "kr 18", "KR20", "KR99", "", 17);
    const year = fc.constantFrom(2011, 2017, 2022, 2023, "2024/25", "2026-27", 2030, undefined, null, "");
    const point = fc.constantFrom("min", "mid", "max", 1, undefined, null, "step 2");
    const fte = fc.oneof(fc.integer({ min: -2, max: 40 }).map((n) => n / 4), fc.constant(undefined), fc.constant(null));
    const money = fc.oneof(fc.integer({ min: -1000, max: 400_000 }), fc.double({ min: 0, max: 1e7, noNaN: true }));
    const rate = fc.constantFrom(undefined, null, 0, 0.145, 14.5, 0.2, 70, -1);
    const ranges = fc.array(fc.array(fc.constantFrom("15-20", "£15m-£20m", "12", "15 to 20", "20-15", "", 7, null, "x"), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 6 });
    const grades = fc.array(fc.constantFrom("KR16", "KR17", "KR18", "", "KR99"), { minLength: 1, maxLength: 6 }).map((g) => g.map((x) => [x]));
    const ftes = fc.array(fc.constantFrom(1, 0.5, 0, "", -1, "one"), { minLength: 1, maxLength: 6 }).map((g) => g.map((x) => [x]));
    const cases: Array<[string, fc.Arbitrary<unknown[]>]> = [
      ["SALARY", fc.tuple(grade, point, year)],
      ["ONCOSTS", fc.tuple(money, year, rate)],
      ["POSTCOST", fc.tuple(money, fte, year, rate)],
      ["GRADECOST", fc.tuple(grade, fte, point, year, fc.constant(undefined), rate)],
      ["PARTYEAR", fc.tuple(money, fc.integer({ min: 40_000, max: 48_000 }), year, fc.constantFrom("days", "months", undefined, "weeks"))],
      ["RANGETOTAL", fc.tuple(ranges)],
      ["RANGEGAP", fc.tuple(money, ranges)],
      ["RANGEMID", fc.tuple(ranges)],
      ["RANGETEXT", fc.tuple(money, money, fc.constantFrom("£m", "", undefined, "£000", "bad"))],
      ["POSTDELTA", fc.tuple(fc.tuple(grades, ftes).map(([g, f]) => g.map((r, i) => [...r, f[i % f.length][0]])), fc.tuple(grades, ftes).map(([g, f]) => g.map((r, i) => [...r, f[i % f.length][0]])))],
      ["FTEDELTA", fc.tuple(ftes, ftes, fc.constant(undefined), fc.constant(undefined), fc.constant(undefined))],
      ["COSTDELTA", fc.tuple(grades, ftes, grades, ftes, point, year)],
      ["DELTATABLE", fc.tuple(grades, ftes, grades, ftes, point, year)],
      ["SLOTTING", fc.tuple(grade, grade, fc.integer({ min: -1, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom(0.5, 0.75, 75, 80, 101))],
    ];
    expect(cases.map(([id]) => id).sort()).toEqual(Object.keys(BUDGET_FUNCTIONS).sort());
    let successes = 0;
    for (const [id, arb] of cases) {
      const fn = BUDGET_FUNCTIONS[id as keyof typeof BUDGET_FUNCTIONS] as (...a: unknown[]) => unknown;
      fc.assert(
        fc.property(arb, (args) => {
          let result: unknown;
          try {
            result = fn(...args);
          } catch (e) {
            expect(e).toBeInstanceOf(CustomFunctions.Error);
            expect((e as CustomFunctions.Error).message).not.toMatch(/could not work this out/);
            return;
          }
          successes++;
          checkResult(result);
        }),
        { numRuns: runs(200) },
      );
    }
    expect(successes).toBeGreaterThan(500); // the valid paths were exercised, not only the errors
  });
  it("COSTDELTA(a, a) is 0 (property)", () => {
    const grades = fc.array(fc.constantFrom("KR13", "KR16", "KR17", "KR20"), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(grades, fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 30, maxLength: 30 }), fc.constantFrom("min", "mid", "max"), (g, f, point) => {
        const gs = col(...g);
        const fs = col(...g.map((_, i) => f[i] / 10));
        expect(costDelta(gs, fs, gs, fs, point, 2024)).toBe(0);
      }),
    );
  });
  it("RANGETOTAL of concatenated lists is the sum of their totals, and RANGETEXT round-trips (property)", () => {
    const rng = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 100 })).map(([lo, w]) => `${lo}-${lo + w}`);
    fc.assert(
      fc.property(fc.array(rng, { minLength: 1, maxLength: 20 }), fc.array(rng, { minLength: 1, maxLength: 20 }), (a, b) => {
        const [[al, ah]] = rangeTotalFn(col(...a));
        const [[bl, bh]] = rangeTotalFn(col(...b));
        expect(rangeTotalFn(col(...a, ...b))).toEqual([[al + bl, ah + bh]]);
        expect(rangeTotalFn(col(rangeTextFn(al, ah, "£m")))).toEqual([[al, ah]]);
      }),
    );
  });
});
