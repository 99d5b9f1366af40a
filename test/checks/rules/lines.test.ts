/**
 * Line rules: number-as-text, missing-value, invalid-value, blank-service, duplicate-service. Figures from
 * the domain's market review sheet; expected sums added by hand.
 */
import { blankService } from "../../../src/core/checks/rules/blankService";
import { duplicateService } from "../../../src/core/checks/rules/duplicateService";
import { invalidValue } from "../../../src/core/checks/rules/invalidValue";
import { missingValue } from "../../../src/core/checks/rules/missingValue";
import { numberAsText } from "../../../src/core/checks/rules/numberAsText";
import { ruleTester, type Cell } from "./ruleTester";

const head: Cell[] = ["Service", "Gross budget", "Net budget"];
const lib: Cell[] = ["Libraries", 16_792_000, 15_174_600];
const prop: Cell[] = ["Property", 29_493_000, 27_661_000];
const total = (b: number, c: number): Cell[] => ["Total", { f: "=SUM(B2:B3)", v: b }, { f: "=SUM(C2:C3)", v: c }];
const clean = { name: "two lines and their SUM totals", rows: [head, lib, prop, total(46_285_000, 42_835_600)] };

ruleTester(numberAsText, {
  valid: [
    clean,
    { name: "amounts stored as numbers, 0 included", rows: [head, lib, ["Property", 29_493_000, 0], total(46_285_000, 15_174_600)] },
    { name: "a total whose formula gives text (not typed text)", rows: [head, lib, prop, ["Total", { f: '=TEXT(SUM(B2:B3),"#,##0")', v: "46,285,000" }, { f: "=SUM(C2:C3)", v: 42_835_600 }]] },
  ],
  invalid: [
    {
      name: "an amount pasted as text with a £ sign and commas",
      rows: [head, ["Libraries", "£16,792,000", 15_174_600], prop, total(29_493_000, 42_835_600)],
      findings: [
        {
          cell: "B2",
          message: 'B2 holds "£16,792,000" as text, so the total leaves it out. As a number it is 16,792,000.',
          suggestion: 'Store it as the number 16,792,000 with the number format "£"#,##0;-"£"#,##0 so it shows as before.',
          fix: ['B2: 16792000 ("£"#,##0;-"£"#,##0)'],
          fixDescription: 'Store "£16,792,000" as the number 16,792,000 (number format "£"#,##0;-"£"#,##0)',
        },
      ],
    },
    {
      name: "a £m amount as text in a £000 column is converted to the column's unit",
      rows: [["Service", "Gross £000"], ["Libraries", "16.8m"], ["Property", 29_493], ["Total", { f: "=SUM(B2:B3)", v: 29_493 }]],
      findings: [{ cell: "B2", message: 'B2 holds "16.8m" as text, so the total leaves it out. As a number it is 16,800 (£16,800,000).' }],
    },
    {
      name: "an amount in thousands as text in a £m column is stored in £m and shown to the decimals it needs",
      rows: [["Savings stream", "Saving £m"], ["A", 15], ["B", "500k"], ["C", 20], ["Total", { f: "=SUM(B2:B4)", v: 35 }]],
      findings: [
        {
          cell: "B3",
          message: 'B3 holds "500k" as text, so the total leaves it out. As a number it is 0.5 (£0.5m).',
          suggestion: 'Store it as the number 0.5 with the number format 0.0"m";-0.0"m" so it shows the same amount in £m.',
          fix: ['B3: 0.5 (0.0"m";-0.0"m")'],
        },
      ],
    },
    {
      name: "an amount in pounds as text in a £000 column is converted to £000 when that puts it in line with the other lines",
      rows: [["Service", "Gross budget £000"], ["Libraries", 16_792], ["Property", "£29,493,000"], ["EduKent Services", 18_193], ["Community Learning & Skills", 15_125], ["Total", { f: "=SUM(B2:B5)", v: 50_110 }]],
      findings: [
        {
          cell: "B3",
          message: 'B3 holds "£29,493,000" as text, so the total leaves it out. It is written in pounds, but the amounts in Gross budget £000 are in £000: in £000 it is 29,493 (£29,493,000).',
          suggestion: 'Store it as the number 29,493 with the number format "£"#,##0;-"£"#,##0, in £000 like the rest of the column.',
          fix: ['B3: 29493 ("£"#,##0;-"£"#,##0)'],
        },
      ],
    },
    {
      name: "an amount in pounds with spaces between thousands in a £000 column is converted whole",
      rows: [["Service", "Gross budget £000"], ["Libraries", 16_792], ["Property", "£29 493 000"], ["EduKent Services", 18_193], ["Total", { f: "=SUM(B2:B4)", v: 34_985 }]],
      findings: [{ cell: "B3", fix: ['B3: 29493 ("£"#,##0;-"£"#,##0)'] }],
    },
    {
      name: "a £ sign before thousands in a £000 column is kept as written",
      rows: [["Service", "Gross budget £000"], ["Libraries", 16_792], ["Property", "£29,493"], ["EduKent Services", 18_193], ["Total", { f: "=SUM(B2:B4)", v: 34_985 }]],
      findings: [{ cell: "B3", fix: ['B3: 29493 ("£"#,##0;-"£"#,##0)'] }],
    },
    {
      name: "an amount in pounds in a £000 column that fits neither reading gets no fix",
      // Median of 15,175, 27,661 and 1,800 is 15,175: 229,000 is 15 times it, 229 is 66 times smaller.
      rows: [["Service", "Net budget £000"], ["Libraries", 15_175], ["Property", 27_661], ["EduKent Services", -1_800], ["Community Learning & Skills", "(£229,000)"], ["Total", { f: "=SUM(B2:B5)", v: 41_036 }]],
      findings: [
        {
          cell: "B5",
          message: 'B5 holds "(£229,000)" as text, so the total leaves it out. It is written in pounds, but the amounts in Net budget £000 are in £000: as written it would be -£229,000,000, in pounds it is -229 in £000.',
          suggestion: "Enter the amount in B5 as a number in £000 (-229 if it is -£229,000).",
          fix: [],
        },
      ],
    },
    {
      name: "a typed total in pounds in a £000 column is converted when it then matches its lines",
      rows: [["Service", "Gross budget £000"], ["Libraries", 16_792], ["Property", 29_493], ["Total", "£46,285,000"]],
      findings: [{ cell: "B4", fix: ['B4: 46285 ("£"#,##0;-"£"#,##0)'] }],
    },
    {
      name: "amounts typed with a minus after the £ or spaces between thousands are amounts as text, shown with commas once stored",
      rows: [head, ["Libraries", "16 792 000", 15_174_600], ["EduKent Services", 18_193_000, "£-1,800,000"], ["Total", { f: "=SUM(B2:B3)", v: 18_193_000 }, { f: "=SUM(C2:C3)", v: 15_174_600 }]],
      findings: [
        { cell: "B2", fix: ["B2: 16792000 (#,##0;-#,##0)"] },
        { cell: "C3", message: 'C3 holds "£-1,800,000" as text, so the total leaves it out. As a number it is -1,800,000.', fix: ['C3: -1800000 ("£"#,##0;-"£"#,##0)'] },
      ],
    },
    {
      name: "an amount as text in a £ column: no unit repeated after the number",
      rows: [["Service", "Gross budget £", "Net budget £"], ["Libraries", " 16,792,000 ", 15_174_600], prop, total(29_493_000, 42_835_600)],
      findings: [{ cell: "B2", message: 'B2 holds " 16,792,000 " as text, so the total leaves it out. As a number it is 16,792,000.', fixDescription: 'Store "16,792,000" as the number 16,792,000 (number format #,##0;-#,##0)' }],
    },
    {
      name: "a typed total stored as text",
      rows: [head, lib, prop, ["Total", "46,285,000", { f: "=SUM(C2:C3)", v: 42_835_600 }]],
      findings: [{ cell: "B4", message: 'B4 holds "46,285,000" as text: it is not a number, so nothing that adds it up counts it. As a number it is 46,285,000.' }],
    },
  ],
});

ruleTester(missingValue, {
  valid: [
    clean,
    { name: "a column not filled in at all", rows: [head, ["Libraries", 16_792_000, null], ["Property", 29_493_000, null], ["Total", { f: "=SUM(B2:B3)", v: 46_285_000 }, null]] },
    { name: "an error value is formula-error's, not a missing value", rows: [head, ["Libraries", 16_792_000, "#REF!"], prop, total(46_285_000, 27_661_000)] },
  ],
  invalid: [
    {
      name: "a net budget left empty",
      rows: [head, lib, ["Property", 29_493_000, null], total(46_285_000, 15_174_600)],
      findings: [{ cell: "C3", message: 'Net budget is empty for "Property", so the total is short of it.', suggestion: "Enter the amount in C3 (0 if there is none)." }],
    },
    {
      name: "a name with no amount between lines of a one-amount table: a heading, or a line missing its amount (a warning)",
      rows: [
        ["Service", "Gross budget £"],
        ["Frontline services", null],
        ["Libraries", 16_792_000],
        ["Community Learning & Skills", 15_125_000],
        ["Corporate support services", null],
        ["Property", 29_493_000],
        ["Total", { f: "=SUM(B2:B6)", v: 61_410_000 }],
      ],
      findings: [
        {
          cell: "B5",
          severity: "warning",
          message: '"Corporate support services" has no Gross budget £: a heading, or a line missing its amount?',
          suggestion: "If it is a line, enter the amount in B5 (0 if there is none); if it is a heading, merge it across the table so it reads as one.",
          fix: [],
        },
      ],
    },
    {
      name: "a line with no name and no amount in one column",
      rows: [head, lib, [null, 29_493_000, null], total(46_285_000, 15_174_600)],
      findings: [{ cell: "C3", message: "Net budget is empty on row 3, so the total is short of it." }],
    },
    {
      name: "a total left empty",
      rows: [head, lib, prop, ["Total", null, { f: "=SUM(C2:C3)", v: 42_835_600 }]],
      findings: [
        {
          cell: "B4",
          message: "The total of Gross budget is empty; its lines add up to £46,285,000.",
          suggestion: "Enter the formula =SUM(B2:B3).",
          fix: ["B4: =SUM(B2:B3)"],
          fixDescription: "Put the formula =SUM(B2:B3) in B4",
        },
      ],
    },
    {
      name: "a savings range left empty, and the savings total",
      rows: [["Savings stream", "Potential saving £m"], ["Market engagement activity", "15-20"], ["Commissioning & procurement activity", null], ["Additional income from trading", "10-15"], ["Total", null]],
      findings: [
        {
          cell: "B3",
          message: 'Potential saving £m is empty for "Commissioning & procurement activity", so the savings total cannot include it.',
          suggestion: "Enter the range (for example 15-20), or 0 if the stream saves nothing.",
        },
      ],
    },
    {
      name: "a savings total left empty under complete ranges",
      rows: [["Savings stream", "Potential saving £m"], ["Market engagement activity", "15-20"], ["Additional income from trading", "10-15"], ["Total", null]],
      findings: [{ cell: "B4", message: "The savings total is empty; the ranges above it add up to £25m to £35m.", suggestion: "Enter 25-35 in B4.", fix: ["B4: 25-35"], fixDescription: "Write 25-35 in B4" }],
    },
  ],
});

ruleTester(invalidValue, {
  valid: [clean, { name: "a dash for nil reads as 0", rows: [head, lib, ["Property", 29_493_000, "-"], total(46_285_000, 15_174_600)] }, { name: "a blank is missing-value's, not this rule's", rows: [head, lib, ["Property", 29_493_000, null], total(46_285_000, 15_174_600)] }],
  invalid: [
    {
      name: "a note where an amount should be",
      rows: [head, lib, ["Property", 29_493_000, "tbc"], total(46_285_000, 15_174_600)],
      findings: [
        {
          cell: "C3",
          message: 'Net budget for "Property" holds "tbc" instead of an amount, so the total leaves it out.',
          suggestion: "Replace it with the amount (0 if there is none) and put any note in a separate column.",
        },
      ],
    },
    {
      name: "a note where an amount should be, on a line with no name",
      rows: [head, lib, [null, 29_493_000, "tbc"], total(46_285_000, 15_174_600)],
      findings: [{ cell: "C3", message: 'Net budget holds "tbc" instead of an amount, so the total leaves it out.' }],
    },
    {
      name: "TRUE typed as a total",
      rows: [head, lib, prop, ["Total", true, { f: "=SUM(C2:C3)", v: 42_835_600 }]],
      findings: [
        {
          cell: "B4",
          message: 'The total of Gross budget holds "TRUE" instead of an amount; its lines add up to £46,285,000.',
          suggestion: "Enter the formula =SUM(B2:B3).",
          fix: ["B4: =SUM(B2:B3)"],
          fixDescription: "Put the formula =SUM(B2:B3) in B4",
        },
      ],
    },
  ],
});

ruleTester(blankService, {
  valid: [
    clean,
    {
      name: "a name merged down over two lines",
      rows: [head, ["Libraries", 8_000_000, 7_000_000], [null, 8_792_000, 8_174_600], ["Total", { f: "=SUM(B2:B3)", v: 16_792_000 }, { f: "=SUM(C2:C3)", v: 15_174_600 }]],
      merges: [{ row: 1, col: 0, rowCount: 2, colCount: 1 }],
    },
  ],
  invalid: [
    {
      name: "a line with amounts and no name",
      rows: [head, lib, [null, 29_493_000, 27_661_000], total(46_285_000, 42_835_600)],
      findings: [{ cell: "A3", message: "Row 3 has amounts but no service name, so members cannot tell what the figures are for.", suggestion: "Type the service's name in A3, or delete the row if it is not needed." }],
    },
    {
      name: "a savings line with no stream name",
      rows: [["Savings stream", "Potential saving £m"], ["Market engagement activity", "15-20"], ["  ", "10-15"], ["Total", "25-35"]],
      findings: [{ cell: "A3", message: "Row 3 has amounts but no savings stream name, so members cannot tell what the figures are for." }],
    },
  ],
});

ruleTester(duplicateService, {
  valid: [
    { name: "a name and its longer version", rows: [head, lib, ["Libraries – mobile", 1_000, 1_000], ["Total", { f: "=SUM(B2:B3)", v: 16_793_000 }, { f: "=SUM(C2:C3)", v: 15_175_600 }]] },
    clean,
    { name: "two sub-totals are not services", rows: [head, lib, ["Sub-total", { f: "=SUM(B2)", v: 16_792_000 }, { f: "=SUM(C2)", v: 15_174_600 }], prop, ["Sub-total", { f: "=SUM(B4)", v: 29_493_000 }, { f: "=SUM(C4)", v: 27_661_000 }], ["Total", { f: "=SUM(B3,B5)", v: 46_285_000 }, { f: "=SUM(C3,C5)", v: 42_835_600 }]] },
    { name: "two lines with no name (blank-service's)", rows: [head, [null, 1_000, 1_000], [null, 2_000, 2_000], ["Total", { f: "=SUM(B2:B3)", v: 3_000 }, { f: "=SUM(C2:C3)", v: 3_000 }]] },
    {
      name: "the same name under two types of service",
      rows: [["Type of service", "Service", "Gross budget"], ["Frontline services", "Property", 1_000], ["Corporate support services", "Property", 29_493_000], ["Total", null, { f: "=SUM(C2:C3)", v: 29_494_000 }]],
    },
  ],
  invalid: [
    {
      name: "a service twice, spacing and case aside",
      rows: [head, lib, prop, ["  libraries ", 1_000, 1_000], ["Total", { f: "=SUM(B2:B4)", v: 46_286_000 }, { f: "=SUM(C2:C4)", v: 42_836_600 }]],
      findings: [
        {
          cell: "A4",
          message: '"libraries" appears twice in this table (A2 and A4), so its budget may be counted twice.',
          suggestion: "Check whether both rows are needed; if they are different services, give them names that tell them apart.",
        },
      ],
    },
    {
      name: "a service twice, once with a double space inside its name",
      rows: [head, ["Adult Education", 1_000, 1_000], ["Adult  Education", 2_000, 2_000], ["Total", { f: "=SUM(B2:B3)", v: 3_000 }, { f: "=SUM(C2:C3)", v: 3_000 }]],
      findings: [{ cell: "A3", message: '"Adult  Education" appears twice in this table (A2 and A3), so its budget may be counted twice.' }],
    },
    {
      name: "a service twice, once with a non-breaking space and once with a tab inside its name",
      rows: [head, ["Adult Education", 1_000, 1_000], ["Adult\u00a0Education", 2_000, 2_000], ["Adult\tEducation", 3_000, 3_000], ["Total", { f: "=SUM(B2:B4)", v: 6_000 }, { f: "=SUM(C2:C4)", v: 6_000 }]],
      findings: [
        { cell: "A3", message: '"Adult\u00a0Education" appears twice in this table (A2 and A3), so its budget may be counted twice.' },
        { cell: "A4", message: '"Adult\tEducation" appears twice in this table (A2 and A4), so its budget may be counted twice.' },
      ],
    },
    {
      name: "a service twice under one type of service",
      rows: [["Type of service", "Service", "Gross budget"], ["Frontline services", "Libraries", 16_792_000], ["Frontline services", "Libraries", 1_000], ["Total", null, { f: "=SUM(C2:C3)", v: 16_793_000 }]],
      findings: [{ cell: "B3", message: '"Libraries" appears twice under "Frontline services" (B2 and B3), so its budget may be counted twice.' }],
    },
  ],
});
