/**
 * Savings rules: range-invalid, range-total-mismatch, requirement-gap, gap-mismatch. The savings table is the domain's
 * (ranges 15-20, 15-20, 55-65, 10-15, 20-25, 65-75; total 180-220; requirement £241m: a shortfall of
 * 241 - 220 = £21m to 241 - 180 = £61m).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTables } from "../../../src/core/checks/budgetRules";
import { gapMismatch } from "../../../src/core/checks/rules/gapMismatch";
import { rangeInvalid } from "../../../src/core/checks/rules/rangeInvalid";
import { rangeTotalMismatch } from "../../../src/core/checks/rules/rangeTotalMismatch";
import { requirementGap } from "../../../src/core/checks/rules/requirementGap";
import { detectTables } from "../../../src/core/checks/tables";
import { savingsClean } from "../../fixtures/budgetSheets";
import { runs } from "../../propertyRuns";
import { ruleTester, sheet, type Cell } from "./ruleTester";

// The domain's heading and six savings streams (test/fixtures/budgetSheets.ts).
const [head, ...streams]: Cell[][] = savingsClean.rows.slice(0, 7);
const paper = (total: Cell, requirement: Cell = 241): Cell[][] => [head, ...streams, ["Total", total], [null, null], ["Savings requirement", requirement]];
/** The paper's sheet with the third stream (B4, 55-65) written as `third` and the total as `total`. */
const paperWith = (third: Cell, total: Cell): Cell[][] => {
  const rows = paper(total);
  rows[3] = ["Service review & integration activity", third];
  return rows;
};

ruleTester(rangeInvalid, {
  valid: [{ name: "the paper's table", rows: paper("180-220") }, { name: "ranges written every way", rows: [head, ["A", "£15m-£20m"], ["B", "15 to 20"], ["C", "15–20"], ["D", "12"], ["Total", "57-72"]] }],
  invalid: [
    {
      name: "figures the wrong way round",
      rows: [head, ["Market engagement activity", "20-15"], ["Additional income from trading", "10-15"], ["Total", "25-35"]],
      findings: [
        {
          cell: "B2",
          message: 'B2: "20-15" has its low figure above its high figure: write the lower figure first (15-20). The total is checked with it read as 15-20.',
          suggestion: "Write the range as low-high in £m, for example 15-20.",
        },
      ],
    },
    {
      name: "an unreadable range in a column with no unit",
      rows: [["Savings stream", "Potential saving"], ["Market engagement activity", "20-15"], ["Additional income from trading", "10-15"], ["Total", "25-35"]],
      findings: [{ cell: "B2", suggestion: "Write the range as low-high in the column's unit, for example 15-20." }],
    },
    {
      name: "an unreadable total over a reversed line: the line counts the right way round",
      rows: [head, ["Market engagement activity", "20-15"], ["Additional income from trading", "10-15"], ["Total", "about 30"]],
      findings: [{ cell: "B2" }, { cell: "B4", suggestion: "The ranges above it add up to 25-35." }],
    },
    {
      name: "an unreadable total over a line in words: the readable lines' sum",
      rows: [head, ["Market engagement activity", "twenty-ish"], ["Additional income from trading", "10-15"], ["Total", "about 30"]],
      findings: [{ cell: "B2", message: /^B2: "twenty-ish" is not a savings range/ }, { cell: "B4", suggestion: "The ranges above it that can be read add up to 10-15; B2 cannot be read." }],
    },
    {
      name: "the paper's sheet with 55-65 written 65-55 (issue 14)",
      rows: paperWith("65-55", "180-220"),
      findings: [{ cell: "B4", message: 'B4: "65-55" has its low figure above its high figure: write the lower figure first (55-65). The total is checked with it read as 55-65.' }],
    },
    {
      name: "an unreadable total",
      rows: [head, ["Market engagement activity", "15-20"], ["Additional income from trading", "10-15"], ["Total", "about 30"]],
      findings: [{ cell: "B4", message: /^The savings total in B4: /, suggestion: "The ranges above it add up to 25-35." }],
    },
  ],
});

ruleTester(rangeTotalMismatch, {
  valid: [
    { name: "the paper's total 180-220", rows: paper("180-220") },
    { name: "the total written in £m in a £m column", rows: paper("£180m-£220m") },
  ],
  invalid: [
    {
      name: "a total whose high figure is £10m short",
      rows: paper("180-210"),
      findings: [
        {
          cell: "B8",
          message: "The savings total £180m to £210m in B8 is not the sum of the ranges above it, which add up to £180m to £220m: the high figure is £10m too low.",
          suggestion: "Correct the total to 180-220 (or check the ranges above it).",
          fix: ["B8: 180-220"],
        },
      ],
    },
    {
      name: "a total written with units, £5m too low at the bottom, calculated by a formula (no fix)",
      rows: [head, ["Market engagement activity", "15-20"], ["Additional income from trading", "10-15"], ["Total", { f: '=""&"£20m-£35m"', v: "£20m-£35m" }]],
      findings: [
        {
          cell: "B4",
          message: "The savings total £20m to £35m in B4 is not the sum of the ranges above it, which add up to £25m to £35m: the low figure is £5m too low.",
          suggestion: "Correct the total to £25m-£35m (or check the ranges above it).",
          fix: [],
        },
      ],
    },
    {
      name: "both figures too high",
      rows: [head, ["Market engagement activity", "15-20"], ["Additional income from trading", "10-15"], ["Total", "30-40"]],
      findings: [{ cell: "B4", message: /: the low figure is £5m too high and the high figure is £5m too high\.$/ }],
    },
    {
      name: "a wrong total over a reversed line (65-55 for 55-65): checked with the line the right way round (issue 14)",
      rows: paperWith("65-55", "170-210"),
      findings: [
        {
          cell: "B8",
          message:
            "The savings total £170m to £210m in B8 is not the sum of the ranges above it, which add up to £180m to £220m (reading 65-55 in B4 as 55-65): the low figure is £10m too low and the high figure is £10m too low.",
          suggestion: "Correct the total to 180-220 (or check the ranges above it).",
          fix: ["B8: 180-220"],
        },
      ],
    },
    {
      name: "a wrong total over an unreadable line: cannot be verified, with the sum of the readable lines (issue 14)",
      rows: paperWith("fifty-five to sixty-five", "170-210"),
      findings: [
        {
          cell: "B8",
          severity: "warning",
          message: "The savings total £170m to £210m in B8 cannot be verified: B4 cannot be read. The ranges that can be read add up to £125m to £155m.",
          suggestion: "Write that line as low-high ranges so the total can be checked.",
        },
      ],
    },
    {
      name: "a right total over an unreadable line and a blank one: still cannot be verified",
      rows: (() => {
        const rows = paperWith("tbc", "180-220");
        rows[6] = ["Reduced demand through preventative services", null];
        return rows;
      })(),
      findings: [
        {
          cell: "B8",
          severity: "warning",
          message: "The savings total £180m to £220m in B8 cannot be verified: 2 lines cannot be read (B4, B7). The ranges that can be read add up to £60m to £80m.",
          suggestion: "Write those lines as low-high ranges so the total can be checked.",
        },
      ],
    },
  ],
});

ruleTester(requirementGap, {
  valid: [{ name: "no requirement beside the table", rows: [head, ...streams, ["Total", "180-220"]] }],
  invalid: [
    {
      name: "a requirement met exactly at the top: a shortfall up to the bottom, no further savings needed at the top",
      rows: paper("180-220", 220),
      findings: [{ cell: "B10", message: "Against the requirement of £220m, the savings total of £180m to £220m leaves a shortfall of £0 to £40m.", suggestion: undefined }],
    },
    {
      name: "the paper: a shortfall of £21m to £61m",
      rows: paper("180-220"),
      findings: [
        {
          cell: "B10",
          severity: "info",
          message: "Against the requirement of £241m, the savings total of £180m to £220m leaves a shortfall of £21m to £61m.",
          suggestion: "Identify further savings of at least £21m to meet the requirement.",
        },
      ],
    },
    {
      name: "a requirement met even at the bottom of the range",
      rows: paper("180-220", 141),
      findings: [{ cell: "B10", message: "The savings total of £180m to £220m meets the requirement of £141m even at the bottom of the range, with £39m to £79m to spare." }],
    },
    {
      name: "a requirement met only towards the top",
      rows: paper("180-220", 200),
      findings: [{ cell: "B10", message: "The savings total of £180m to £220m meets the requirement of £200m only towards the top of the range: a shortfall of up to £20m at the bottom, £20m to spare at the top." }],
    },
    {
      name: "a wrong written total is replaced by the sum of the lines",
      rows: paper("100-120"),
      findings: [{ cell: "B10", message: "Against the requirement of £241m, the savings total of £180m to £220m (the sum of the lines; B8 states £100m to £120m) leaves a shortfall of £21m to £61m." }],
    },
    {
      name: "a wrong total over a reversed line: the gap from the lines' 180-220, not the stated 170-210 (issue 14)",
      rows: paperWith("65-55", "170-210"),
      findings: [
        {
          cell: "B10",
          message: "Against the requirement of £241m, the savings total of £180m to £220m (the sum of the lines; B8 states £170m to £210m) leaves a shortfall of £21m to £61m.",
          suggestion: "Identify further savings of at least £21m to meet the requirement.",
        },
      ],
    },
    {
      name: "a right total over a reversed line: no mention of the stated total",
      rows: paperWith("65-55", "180-220"),
      findings: [{ cell: "B10", message: "Against the requirement of £241m, the savings total of £180m to £220m leaves a shortfall of £21m to £61m." }],
    },
    {
      name: "an unreadable line: the gap from the lines that can be read, saying which is left out (issue 14)",
      rows: paperWith("fifty-five to sixty-five", "170-210"),
      findings: [
        {
          cell: "B10",
          message:
            "Against the requirement of £241m, the savings total of the lines that can be read, £125m to £155m (B4 cannot be read; B8 states £170m to £210m), leaves a shortfall of £86m to £116m.",
          suggestion: "Identify further savings of at least £86m to meet the requirement.",
        },
      ],
    },
  ],
});

describe("requirement-gap does not depend on earlier checks (issue 16)", () => {
  it("checking a second sheet with the same tables gives that sheet's gap, not the first's", () => {
    const first = sheet(paper("180-220"));
    const tables = detectTables(first);
    const before = checkTables(first, tables).filter((f) => f.rule === "requirement-gap");
    expect(before.map((f) => f.message)).toEqual(["Against the requirement of £241m, the savings total of £180m to £220m leaves a shortfall of £21m to £61m."]);
    // The same layout with the requirement cut to £141m: the tables found on the first sheet still fit it.
    const second = sheet(paper("180-220", 141));
    const after = checkTables(second, tables).filter((f) => f.rule === "requirement-gap");
    expect(after.map((f) => f.message)).toEqual(["The savings total of £180m to £220m meets the requirement of £141m even at the bottom of the range, with £39m to £79m to spare."]);
    // Other ranges (the last stream 105-115, total 220-260): the savings total is read from this sheet, not
    // remembered from the first (the module-level WeakMap this replaces gave the first sheet's 180-220).
    const third = sheet([head, ...streams.slice(0, 5), ["Reduced demand through preventative services", "105-115"], ["Total", "220-260"], [null, null], ["Savings requirement", 181]]);
    const third2 = checkTables(third, tables).filter((f) => f.rule === "requirement-gap");
    expect(third2.map((f) => f.message)).toEqual(["The savings total of £220m to £260m meets the requirement of £181m even at the bottom of the range, with £39m to £79m to spare."]);
  });
});

/** The paper's sheet with a row stating the gap under the requirement (row 11). */
const withGap = (label: string, stated: Cell, requirement: Cell = 241, total: Cell = "180-220"): Cell[][] => [...paper(total, requirement), [label, stated]];

ruleTester(gapMismatch, {
  valid: [
    { name: "the paper's shortfall, 21-61", rows: withGap("Shortfall", "21-61") },
    { name: "one figure for either end: the top of the range (the paper's 'around £21m')", rows: withGap("Savings shortfall", 21) },
    { name: "one figure, the bottom of the range", rows: withGap("Gap to requirement", "£61m") },
    { name: "a surplus, the savings less the requirement", rows: withGap("Surplus", "39-79", 141) },
    { name: "met only towards the top: stated from nil", rows: withGap("Shortfall", "0-20", 200) },
    { name: "met only towards the top: stated as the signed gap", rows: withGap("Shortfall", "-20 to 20", 200) },
    { name: "a row that is not a gap (a note)", rows: withGap("Note: figures are indicative", "20-61") },
    { name: "checked against the lines, not a total typed wrong (range-total-mismatch reports that)", rows: withGap("Shortfall", "21-61", 241, "180-225") },
  ],
  invalid: [
    {
      name: "a shortfall typed £1m out at the bottom of the gap (before: not checked)",
      rows: withGap("Shortfall", "20-61"),
      findings: [
        {
          cell: "B11",
          severity: "warning",
          message: "The shortfall stated in B11 (£20m to £61m) is not the requirement less the savings total: £241m against £180m to £220m gives £21m to £61m.",
          suggestion: "Correct B11 to 21-61, or work it out with a formula from the requirement and the total so it stays right.",
        },
      ],
    },
    { name: "one figure at neither end", rows: withGap("Savings gap", 40), findings: [{ cell: "B11", message: /^The shortfall stated in B11 \(£40m\) is not the requirement less the savings total: .* gives £21m to £61m\.$/ }] },
    {
      name: "a surplus stated the wrong way round (as a shortfall would be)",
      rows: withGap("Surplus", "-79 to -39", 141),
      findings: [{ cell: "B11", message: "The surplus stated in B11 (-£79m to -£39m) is not the savings total less the requirement: £141m against £180m to £220m gives £39m to £79m." }],
    },
  ],
});

describe("gap-mismatch: property", () => {
  it("a stated shortfall is quiet exactly when it is the requirement less the sum of the lines (any streams, any requirement)", () => {
    const stream = fc.tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 20 })).map(([low, width]) => [low, low + width] as const);
    fc.assert(
      fc.property(fc.array(stream, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), (list, requirement, offLow, offHigh) => {
        const low = list.reduce((x, r) => x + r[0], 0);
        const high = list.reduce((x, r) => x + r[1], 0);
        // The shortfall: requirement less the high total to requirement less the low total.
        const stated = [requirement - high + offLow, requirement - low + offHigh];
        fc.pre(stated[0] <= stated[1]);
        const rows: Cell[][] = [head, ...list.map(([l, h], k) => [`Stream ${k + 1}`, `${l}-${h}`] as Cell[]), ["Total", `${low}-${high}`], ["Savings requirement", requirement], ["Shortfall", `${stated[0]} to ${stated[1]}`]];
        const found = checkTables(sheet(rows), detectTables(sheet(rows)), {}).filter((f) => f.rule === "gap-mismatch");
        // From nil is accepted where the top of the range meets the requirement, and one figure for either end.
        const ends = [requirement - high, requirement - low];
        const fromNil = ends[0] < 0 && stated[0] === 0 && offHigh === 0;
        const oneEnd = stated[0] === stated[1] && ends.includes(stated[0]);
        expect(found.length).toBe((offLow === 0 && offHigh === 0) || fromNil || oneEnd ? 0 : 1);
      }),
      { numRuns: runs(300) },
    );
  });
});
