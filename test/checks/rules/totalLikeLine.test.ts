/**
 * total-like-line: a row named "Total X" straight under lines, whose figures do not add them up, is read as a
 * service (services can be called "Total Facilities Management" or "Total Place"), but when X names the lines'
 * category or its figure is within 5% of their sum it may be their total typed wrong: a warning asks which.
 * The mirror case, a "Total X" row straight over lines (a sub-total above its group), is questioned when X names
 * the category of the lines under it, or, where the table reads other sub-totals above their groups, when its
 * figure is within 5% of the sum of the two or more lines under it.
 * Children's Services lines: Children's homes 12,400,000 + Fostering 9,850,000 = 22,250,000 (typed 22,205,000:
 * two digits swapped). Domain figures (../shared/domain.md): Libraries 16,792,000 / 15,174,600; EduKent
 * Services 18,193,000 / -1,800,000; Property 29,493,000 / 27,661,000.
 */
import { totalLikeLine } from "../../../src/core/checks/rules/totalLikeLine";
import { ruleTester, type Cell } from "./ruleTester";

const head: Cell[] = ["Service", "Gross budget £"];
const homes: Cell[] = ["Children's homes", 12_400_000];
const fostering: Cell[] = ["Fostering", 9_850_000];

ruleTester(totalLikeLine, {
  valid: [
    {
      name: 'a service named "Total Facilities Management" under one line',
      rows: [
        ["Service", "Gross budget £", "Net budget £"],
        ["Libraries", 16_792_000, 15_174_600],
        ["Total Facilities Management", 29_493_000, 27_661_000],
        ["EduKent Services", 18_193_000, -1_800_000],
        ["Total", { f: "=SUM(B2:B4)", v: 64_478_000 }, { f: "=SUM(C2:C4)", v: 41_035_600 }],
      ],
    },
    {
      name: 'a service named "Total Place" far from the sum of the lines above it',
      rows: [head, ["Libraries", 16_792_000], ["EduKent Services", 18_193_000], ["Total Place", 2_000_000], ["Total", { f: "=SUM(B2:B4)", v: 36_985_000 }]],
    },
    {
      name: 'a "Total X" line near the one line above it: two services often cost about the same',
      rows: [head, ["Libraries", 16_792_000], ["Total Place", 16_500_000], ["Total", { f: "=SUM(B2:B3)", v: 33_292_000 }]],
    },
    {
      name: 'a "Total X" row that adds up the lines above it is a total, not a line',
      rows: [head, homes, fostering, ["Total Children's Services", 22_250_000]],
    },
    {
      name: 'a "Total X" line after a blank row, not straight under lines',
      rows: [head, homes, fostering, [null, null], ["Total Children's Services", 22_205_000]],
    },
    {
      name: "a \"Total X\" line named after another category, far from the lines' sum",
      rows: [
        ["Type of service", "Service", "Gross budget £"],
        ["Children's Services", "Children's homes", 12_400_000],
        ["Children's Services", "Fostering", 9_850_000],
        ["Children's Services", "Total Place", 2_000_000],
        ["Total", null, { f: "=SUM(C2:C4)", v: 24_250_000 }],
      ],
    },
    {
      name: 'a sub-total typed right above its group ("Total X" over the lines it adds up) is a total, not a line',
      rows: [head, ["Total Children's Services", 22_250_000], homes, fostering, ["Total", { f: "=SUM(B3:B4)", v: 22_250_000 }]],
    },
    {
      name: 'a service named "Total Place" heading the table, over lines of no category, far from their sum',
      rows: [head, ["Total Place", 2_000_000], ["Libraries", 16_792_000], ["EduKent Services", 18_193_000], ["Total", { f: "=SUM(B2:B4)", v: 36_985_000 }]],
    },
    {
      name: 'a "Total X" line over lines of another category (the type column)',
      rows: [
        ["Type of service", "Service", "Gross budget £"],
        ["Children's Services", "Total Place", 2_000_000],
        ["Children's Services", "Children's homes", 12_400_000],
        ["Children's Services", "Fostering", 9_850_000],
        ["Total", null, { f: "=SUM(C2:C4)", v: 24_250_000 }],
      ],
    },
    {
      name: 'a "Total X" line near the sum of the lines under it, where no sub-total is read above its group: only a name would count',
      rows: [head, ["Total Place", 32_000_000], ["Libraries", 16_792_000], ["Community Learning & Skills", 15_125_000], ["Total", { f: "=SUM(B2:B4)", v: 63_917_000 }]],
    },
    {
      name: 'a "Total X" line among sub-totals above their groups, far from the lines under it',
      rows: [
        ["Service", "Gross budget £"],
        ["Total frontline services", { f: "=SUM(B3:B4)", v: 31_917_000 }],
        ["Libraries", 16_792_000],
        ["Community Learning & Skills", 15_125_000],
        ["Total Place", 2_000_000],
        ["EduKent Services", 18_193_000],
        ["Property", 29_493_000],
      ],
    },
    {
      name: 'a "Total X" line named after the category under it, over a blank row, not straight over its lines',
      rows: [
        ["Type of service", "Service", "Gross budget £"],
        [null, "Total Children's Services", 22_205_000],
        [null, null, null],
        ["Children's Services", "Children's homes", 12_400_000],
        ["Children's Services", "Fostering", 9_850_000],
      ],
    },
  ],
  invalid: [
    {
      name: "a total with two digits swapped, straight under its lines",
      rows: [head, homes, fostering, ["Total Children's Services", 22_205_000], ["Older people", 41_350_000], ["Learning disability", 28_725_000], ["Total", { f: "=SUM(B2:B6)", v: 114_530_000 }]],
      findings: [
        {
          cell: "B4",
          message:
            "\"Total Children's Services\" does not add up the lines above it (£22,250,000; B4 shows £22,205,000). Is it a total with a wrong figure, or a service called \"Total Children's Services\"? A total that adds it up is reported only if it is wrong whichever it is.",
          suggestion: "If it is a total, put =SUM(B2:B3) in B4 (the sum of rows 2 and 3) and make sure the totals below count those lines once; if it is a service, make sure the totals below add its figure as well as those lines.",
          fix: [],
        },
      ],
    },
    {
      name: "a row named after its lines' category (the type column), however far its figure",
      rows: [
        ["Type of service", "Service", "Gross budget £"],
        ["Children's Services", "Children's homes", 12_400_000],
        ["Children's Services", "Fostering", 9_850_000],
        [null, "Total Children's Services", 2_225_000],
        ["Adult Services", "Older people", 41_350_000],
        ["Total", null, { f: "=SUM(C2:C5)", v: 65_825_000 }],
      ],
      findings: [{ cell: "C4", message: /^"Total Children's Services" does not add up the lines above it \(£22,250,000; C4 shows £2,225,000\)\./ }],
    },
    {
      name: "a row named after the category heading above its lines, with one line only",
      rows: [["Service", "Gross budget £", "Net budget £"], ["Frontline services", null, null], ["Libraries", 16_792_000, 15_174_600], ["Total frontline", 16_729_000, 15_174_600]],
      findings: [{ cell: "B4", message: /^"Total frontline" does not add up the lines above it \(£16,792,000; B4 shows £16,729,000\)\./ }],
    },
    {
      name: "two such rows: the second is measured against the lines since the first, as it would be under a total",
      rows: [
        head,
        homes,
        fostering,
        ["Total Children's Services", 22_205_000],
        ["Older people", 41_350_000],
        ["Learning disability", 28_725_000],
        ["Total Adult Services", 70_057_000],
        ["Total", { f: "=SUM(B2:B7)", v: 184_587_000 }],
      ],
      findings: [
        { cell: "B4", suggestion: /^If it is a total, put =SUM\(B2:B3\) in B4 \(the sum of rows 2 and 3\)/ },
        { cell: "B7", message: /\(£70,075,000; B7 shows £70,057,000\)/, suggestion: /^If it is a total, put =SUM\(B5:B6\) in B7 \(the sum of rows 5 and 6\)/ },
      ],
    },
    {
      name: "each amount column whose figure is off, within 5% of two lines",
      rows: [
        ["Service", "Gross budget £", "Net budget £"],
        ["Libraries", 16_792_000, 15_174_600],
        ["Property", 29_493_000, 27_661_000],
        ["Total frontline services", 46_258_000, 42_853_600],
      ],
      findings: [
        { cell: "B4", message: /\(£46,285,000; B4 shows £46,258,000\)/ },
        { cell: "C4", message: /\(£42,835,600; C4 shows £42,853,600\)/ },
      ],
    },
    {
      name: "a sub-total above its group, named after the lines' category (the type column), typed wrong",
      rows: [
        ["Type of service", "Service", "Gross budget £"],
        [null, "Total Children's Services", 22_205_000],
        ["Children's Services", "Children's homes", 12_400_000],
        ["Children's Services", "Fostering", 9_850_000],
        [null, "Total Adult Services", 70_075_000],
        ["Adult Services", "Older people", 41_350_000],
        ["Adult Services", "Learning disability", 28_725_000],
        ["Total", null, { f: "=SUM(C2,C5)", v: 92_280_000 }],
      ],
      findings: [
        {
          cell: "C2",
          message:
            "\"Total Children's Services\" does not add up the lines below it (£22,250,000; C2 shows £22,205,000). Is it a total with a wrong figure, or a service called \"Total Children's Services\"? A total that adds it up is reported only if it is wrong whichever it is.",
          suggestion: "If it is a total, put =SUM(C3:C4) in C2 (the sum of rows 3 and 4) and make sure the totals below count those lines once; if it is a service, make sure the totals below add its figure as well as those lines.",
          fix: [],
        },
      ],
    },
    {
      name: "a sub-total above its group, named after the category heading over it, however far its figure",
      rows: [head, ["Children's Services", null], ["Total Children's Services", 2_225_000], homes, fostering, ["Adult Services", null], ["Older people", 41_350_000]],
      findings: [{ cell: "B3", message: /^"Total Children's Services" does not add up the lines below it \(£22,250,000; B3 shows £2,225,000\)\./, suggestion: /^If it is a total, put =SUM\(B4:B5\) in B3 / }],
    },
    {
      name: "a sub-total above its group typed with a slip in each column, where the other sub-total is read above its group",
      rows: [
        ["Service", "Gross budget £", "Net budget £"],
        ["Total frontline services", { f: "=SUM(B3:B4)", v: 31_917_000 }, { f: "=SUM(C3:C4)", v: 14_945_600 }],
        ["Libraries", 16_792_000, 15_174_600],
        ["Community Learning & Skills", 15_125_000, -229_000],
        ["Total corporate support services", 47_668_000, 25_816_000],
        ["EduKent Services", 18_193_000, -1_800_000],
        ["Property", 29_493_000, 27_661_000],
        ["Total", { f: "=SUM(B2,B5)", v: 79_585_000 }, { f: "=SUM(C2,C5)", v: 40_761_600 }],
      ],
      findings: [
        { cell: "B5", message: /^"Total corporate support services" does not add up the lines below it \(£47,686,000; B5 shows £47,668,000\)\./, suggestion: /^If it is a total, put =SUM\(B6:B7\) in B5 / },
        { cell: "C5", message: /\(£25,861,000; C5 shows £25,816,000\)/, suggestion: /^If it is a total, put =SUM\(C6:C7\) in C5 / },
      ],
    },
  ],
});
