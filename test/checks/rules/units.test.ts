/** mixed-units: the heading's unit against the amounts, outliers, number formats, ranges in two units. */
import { mixedUnits } from "../../../src/core/checks/rules/mixedUnits";
import { ruleTester, type Cell } from "./ruleTester";

const total = (col: string, n: number, v: number): Cell => ({ f: `=SUM(${col}2:${col}${n})`, v });

ruleTester(mixedUnits, {
  valid: [
    {
      name: "a £000 column in thousands",
      rows: [["Service", "Gross £000"], ["Community Learning & Skills", 15_125], ["Libraries", 16_792], ["EduKent Services", 18_193], ["Property", 29_493], ["Total", total("B", 5, 79_603)]],
    },
    {
      name: "a net column near nil is not an outlier",
      rows: [["Service", "Net budget"], ["A", 15_000_000], ["B", 16_000_000], ["C", 1_000], ["D", 17_000_000], ["Total", total("B", 5, 48_001_000)]],
    },
  ],
  invalid: [
    {
      name: "a £000 heading over amounts in pounds",
      rows: [["Service", "Gross £000"], ["Community Learning & Skills", 15_125_000], ["Libraries", 16_792_000], ["Total", total("B", 3, 31_917_000)]],
      findings: [
        {
          cell: "B1",
          message: 'The heading "Gross £000" says the amounts are in £000, but a typical line is 15,958,500, which would be £15,958,500,000: the amounts look like they are in pounds.',
          suggestion: "Check the unit: change the heading to £, or enter the amounts in £000.",
        },
      ],
    },
    {
      name: "one line typed in pounds in a £000 column",
      // Median of 15,125, 16,792, 18,193 and 29,493,000 is 17,492.5; 29,493,000 / 17,492.5 = 1,686, over 900.
      rows: [["Service", "Gross £000"], ["Community Learning & Skills", 15_125], ["Libraries", 16_792], ["EduKent Services", 18_193], ["Property", 29_493_000], ["Total", total("B", 5, 29_543_110)]],
      findings: [
        {
          cell: "B5",
          message:
            "£29,493,000,000 is about 1,690 times larger than the other amounts in Gross £000 (typically £17,492,500): it may be in a smaller unit (£ rather than £000 or £m).",
          suggestion: "Check the amount in B5 is in the same unit as the rest of the column (£000).",
        },
      ],
    },
    {
      name: "one line typed in £m in a column of pounds with no unit in the heading",
      // Median of 29.493, 15,125,000, 16,792,000 and 18,193,000 is 15,958,500; 15,958,500 / 29.493 = 541,094, shown rounded to tens.
      rows: [["Service", "Gross budget"], ["Community Learning & Skills", 15_125_000], ["Libraries", 16_792_000], ["EduKent Services", 18_193_000], ["Property", 29.493], ["Total", total("B", 5, 50_110_029.493)]],
      findings: [
        {
          cell: "B5",
          message: /is about 541,090 times smaller than the other amounts in Gross budget \(typically £15,958,500\): it may be in a larger unit \(£000 or £m rather than £\)\.$/,
          suggestion: "Check the amount in B5 is in the same unit as the rest of the column.",
        },
      ],
    },
    {
      name: "a line formatted as £m among lines formatted as £",
      rows: [
        ["Service", "Gross budget"],
        ["Libraries", { v: 16_792_000, fmt: '"£"#,##0' }],
        ["Property", { v: 29_493_000, fmt: '"£"#,##0' }],
        ["EduKent Services", { v: 18.193, fmt: '"£"0.000"m"' }],
        ["Total", total("B", 4, 46_285_018.193)],
      ],
      findings: [
        {
          cell: "B4",
          message: "B4 is formatted as £m while most of Gross budget is formatted as £: the column mixes units.",
          suggestion: "Enter every amount in the column in one unit (£) and give them the same number format.",
        },
      ],
    },
    {
      name: "savings ranges in £m and £000 with no unit in the heading",
      rows: [["Savings stream", "Potential saving"], ["Market engagement activity", "£15m-£20m"], ["Commissioning & procurement activity", "£15m-£20m"], ["Additional income from trading", "£10,000k-£15,000k"], ["Total", "40-55"]],
      findings: [
        {
          cell: "B4",
          message: "B4 is written in £000 while the other ranges in the column are in £m.",
          suggestion: 'Write every range in the column in the same unit, and put the unit in the heading (for example "Potential saving £m").',
        },
      ],
    },
  ],
});
