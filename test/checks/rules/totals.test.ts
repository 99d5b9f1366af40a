/**
 * The three total rules: sum-range-gap, total-mismatch, total-hardcoded. Sheets are the domain's market
 * review figures (../shared/domain.md); expected totals are added by hand:
 * Libraries 16,792,000 + Property 29,493,000 = 46,285,000 (gross);
 * 15,174,600 + 27,661,000 = 42,835,600 (net).
 */
import { sumRangeGap } from "../../../src/core/checks/rules/sumRangeGap";
import { totalHardcoded } from "../../../src/core/checks/rules/totalHardcoded";
import { totalMismatch } from "../../../src/core/checks/rules/totalMismatch";
import { ruleTester, type Cell } from "./ruleTester";

const head: Cell[] = ["Service", "Gross budget", "Net budget"];
const lib: Cell[] = ["Libraries", 16_792_000, 15_174_600];
const prop: Cell[] = ["Property", 29_493_000, 27_661_000];
const edu: Cell[] = ["EduKent Services", 18_193_000, -1_800_000];
const goodTotal: Cell[] = ["Total", { f: "=SUM(B2:B3)", v: 46_285_000 }, { f: "=SUM(C2:C3)", v: 42_835_600 }];

const clean = { name: "two lines and their SUM totals", rows: [head, lib, prop, goodTotal] };

ruleTester(sumRangeGap, {
  valid: [
    clean,
    { name: "a SUM that lists the cells one by one", rows: [head, lib, prop, ["Total", { f: "=B2+B3", v: 46_285_000 }, { f: "=SUM(C2,C3)", v: 42_835_600 }]] },
  ],
  invalid: [
    {
      name: "a SUM that stops one row short (a line inserted at the bottom)",
      rows: [head, lib, prop, edu, ["Total", { f: "=SUM(B2:B3)", v: 46_285_000 }, { f: "=SUM(C2:C4)", v: 41_035_600 }]],
      findings: [
        {
          cell: "B5",
          message: "The total of Gross budget in B5 (=SUM(B2:B3)) leaves out row 4. It shows £46,285,000; its lines add up to £64,478,000.",
          suggestion: "Use =SUM(B2:B4), which adds each line once.",
          fix: ["B5: =SUM(B2:B4)"],
        },
      ],
    },
    {
      name: "a SUM that counts a line twice",
      rows: [head, lib, prop, ["Total", { f: "=SUM(B2:B3,B3)", v: 75_778_000 }, { f: "=SUM(C2:C3)", v: 42_835_600 }]],
      findings: [
        {
          cell: "B4",
          message: "The total of Gross budget in B4 (=SUM(B2:B3,B3)) counts row 3 twice. It shows £75,778,000; its lines add up to £46,285,000.",
          suggestion: "Use =SUM(B2:B3), which adds each line once.",
          fix: ["B4: =SUM(B2:B3)"],
        },
      ],
    },
    {
      name: "a grand total that counts a line directly and again through its sub-total",
      rows: [
        ["Type of service", "Service", "Gross budget"],
        ["Frontline services", "Libraries", 16_792_000],
        ["Frontline services", "Community Learning & Skills", 15_125_000],
        ["Sub-total", null, { f: "=SUM(C2:C3)", v: 31_917_000 }],
        ["Corporate support services", "Property", 29_493_000],
        ["Sub-total", null, { f: "=SUM(C5)", v: 29_493_000 }],
        ["Total", null, { f: "=SUM(C2:C6)", v: 92_827_000 }],
      ],
      findings: [
        {
          cell: "C7",
          message:
            "The total of Gross budget in C7 (=SUM(C2:C6)) counts rows 2, 3 and 5 twice (once directly and again through the sub-total in rows 4 and 6). It shows £92,827,000; its lines add up to £61,410,000.",
          fix: ["C7: =SUM(C4,C6)"],
        },
      ],
    },
    {
      name: "a sub-total that reaches into the next group, and one that runs past its block",
      rows: [
        ["Type of service", "Service", "Gross budget"],
        ["Frontline services", "Libraries", 16_792_000],
        ["Sub-total", null, { f: "=SUM(C2,C4)", v: 46_285_000 }],
        ["Corporate support services", "Property", 29_493_000],
        ["Sub-total", null, { f: "=SUM(C4,C8)", v: 29_493_100 }],
        ["Total", null, { f: "=SUM(C3,C5)", v: 75_778_100 }],
        [null, null, null],
        ["Memo", null, 100],
      ],
      findings: [
        { cell: "C3", message: "The sub-total of Gross budget in C3 (=SUM(C2,C4)) adds row 4, which belongs to another group. It shows £46,285,000; its lines add up to £16,792,000.", fix: ["C3: =SUM(C2)"] },
        { cell: "C5", message: "The sub-total of Gross budget in C5 (=SUM(C4,C8)) runs past its block into row 8. It shows £29,493,100; its lines add up to £29,493,000.", fix: ["C5: =SUM(C4)"] },
      ],
    },
    {
      name: "a SUM over the next column",
      rows: [head, lib, prop, ["Total", { f: "=SUM(B2:C3)", v: 89_120_600 }, { f: "=SUM(C2:C3)", v: 42_835_600 }]],
      findings: [{ cell: "B4", message: "The total of Gross budget in B4 (=SUM(B2:C3)) adds cells from column C. It shows £89,120,600; its lines add up to £46,285,000." }],
    },
    {
      name: "a SUM that leaves out one line and counts another twice",
      rows: [head, lib, prop, edu, ["Total", { f: "=SUM(B2:B3,B3)", v: 75_778_000 }, { f: "=SUM(C2:C4)", v: 41_035_600 }]],
      findings: [
        {
          cell: "B5",
          message: "The total of Gross budget in B5 (=SUM(B2:B3,B3)) leaves out row 4 and counts row 3 twice. It shows £75,778,000; its lines add up to £64,478,000.",
          fix: ["B5: =SUM(B2:B4)"],
        },
      ],
    },
    {
      name: "a sub-total that adds two lines of the next group",
      rows: [
        ["Type of service", "Service", "Gross budget"],
        ["Frontline services", "Libraries", 16_792_000],
        ["Sub-total", null, { f: "=SUM(C2,C4:C5)", v: 64_478_000 }],
        ["Corporate support services", "Property", 29_493_000],
        ["Corporate support services", "EduKent Services", 18_193_000],
        ["Sub-total", null, { f: "=SUM(C4:C5)", v: 47_686_000 }],
        ["Total", null, { f: "=SUM(C3,C6)", v: 112_164_000 }],
      ],
      findings: [
        {
          cell: "C3",
          message: "The sub-total of Gross budget in C3 (=SUM(C2,C4:C5)) adds rows 4 and 5, which belong to another group. It shows £64,478,000; its lines add up to £16,792,000.",
          fixDescription: "Replace =SUM(C2,C4:C5) in C3 with =SUM(C2)",
          fix: ["C3: =SUM(C2)"],
        },
      ],
    },
    {
      // B2:D3 is 16,792,000 + 1,617,400 + 15,174,600 + 29,493,000 + 1,832,000 + 27,661,000 = 92,570,000; with B3 again, 122,063,000.
      name: "a SUM that leaves out a line, counts one twice and spreads over two other columns",
      rows: [
        ["Service", "Gross budget", "Income", "Net budget"],
        ["Libraries", 16_792_000, 1_617_400, 15_174_600],
        ["Property", 29_493_000, 1_832_000, 27_661_000],
        ["EduKent Services", 18_193_000, 19_993_000, -1_800_000],
        ["Total", { f: "=SUM(B2:D3,B3)", v: 122_063_000 }, { f: "=SUM(C2:C4)", v: 23_442_400 }, { f: "=SUM(D2:D4)", v: 41_035_600 }],
      ],
      findings: [
        {
          cell: "B5",
          message: "The total of Gross budget in B5 (=SUM(B2:D3,B3)) leaves out row 4, counts row 3 twice and adds cells from column C, D. It shows £122,063,000; its lines add up to £64,478,000.",
          fix: ["B5: =SUM(B2:B4)"],
        },
      ],
    },
    {
      name: "a SUM with no value saved (a file written by a script, never recalculated): the message gives no figures",
      rows: [["Service", "Gross budget"], lib.slice(0, 2), prop.slice(0, 2), edu.slice(0, 2), ["Total", { f: "=SUM(B2:B3)", v: null }]],
      findings: [
        {
          cell: "B5",
          message: "The total of Gross budget in B5 (=SUM(B2:B3)) leaves out row 4.",
          suggestion: "Use =SUM(B2:B4), which adds each line once.",
          fixDescription: "Replace =SUM(B2:B3) in B5 with =SUM(B2:B4)",
        },
      ],
    },
    {
      name: "a SUM that includes its own cell",
      rows: [head, lib, prop, ["Total", { f: "=SUM(B2:B4)", v: 0 }, { f: "=SUM(C2:C3)", v: 42_835_600 }]],
      findings: [{ cell: "B4", message: /includes its own cell \(a circular reference\)/ }],
    },
  ],
});

ruleTester(totalMismatch, {
  valid: [
    clean,
    { name: "a typed total that is right (total-hardcoded's business, not this rule's)", rows: [head, lib, prop, ["Total", 46_285_000, 42_835_600]] },
    { name: "a total within half a penny", rows: [head, lib, prop, ["Total", 46_285_000.004, 42_835_600]] },
    {
      name: "a typed total that is its lines' sum rounded as its cell shows it (decimals hidden in a £000 column)",
      rows: [["Service", "Gross budget £000"], ["Libraries", { v: 16_792.4, fmt: "#,##0" }], ["Property", { v: 29_493.4, fmt: "#,##0" }], ["Total", { v: 46_286, fmt: "#,##0" }]],
    },
    {
      name: "a negative sum half way between two figures shown, rounded away from nil as Excel shows it",
      rows: [["Service", "Net budget £000"], ["Traded services", { v: -1_000.25, fmt: "#,##0.0" }], ["Catering", { v: -500.3, fmt: "#,##0.0" }], ["Total", { v: -1_500.6, fmt: "#,##0.0" }]],
    },
    {
      name: "the same in £m to one decimal place, and in a format that shows thousands of pounds",
      rows: [["Service", "Gross budget £m", "Net budget £"], ["Libraries", { v: 16.79, fmt: "0.0" }, { v: 15_174_600, fmt: '#,##0,"k"' }], ["Property", { v: 29.49, fmt: "0.0" }, { v: 27_661_000, fmt: '#,##0,"k"' }], ["Total", { v: 46.3, fmt: "0.0" }, { v: 42_836_000, fmt: '£#,##0,"k"' }]],
    },
  ],
  invalid: [
    {
      name: "a typed total rounded as shown, but not the sum's rounding: still reported",
      rows: [["Service", "Gross budget £000"], ["Libraries", { v: 16_792.4, fmt: "#,##0" }], ["Property", { v: 29_493.4, fmt: "#,##0" }], ["Total", { v: 46_287, fmt: "#,##0" }]],
      findings: [{ cell: "B4", message: "The total £46,287,000 in B4 is £1,200 more than its lines add up to (£46,285,800)." }],
    },
    {
      name: "a typed total with hidden decimals in a General cell is shown in full: reported",
      rows: [["Service", "Gross budget £000"], ["Libraries", 16_792.4], ["Property", 29_493.4], ["Total", 46_286]],
      findings: [{ cell: "B4", message: "The total £46,286,000 in B4 is £200 more than its lines add up to (£46,285,800)." }],
    },
    {
      name: "a typed total £285,000 short",
      rows: [head, lib, prop, ["Total", 46_000_000, 42_835_600]],
      findings: [
        {
          cell: "B4",
          message: "The total £46,000,000 in B4 is £285,000 less than its lines add up to (£46,285,000).",
          suggestion: "Replace the typed figure with =SUM(B2:B3) so it always matches its lines.",
          fix: ["B4: =SUM(B2:B3)"],
          fixDescription: "Replace the typed total in B4 with =SUM(B2:B3)",
        },
      ],
    },
    {
      name: "a typed total stored as text, £285,000 short",
      rows: [head, lib, prop, ["Total", "46,000,000", 42_835_600]],
      findings: [{ cell: "B4", message: "The total £46,000,000 in B4 is £285,000 less than its lines add up to (£46,285,000)." }],
    },
    {
      name: "a SUM formula whose cached value is stale",
      rows: [head, lib, prop, ["Total", { f: "=SUM(B2:B3)", v: 46_285_000 }, { f: "=SUM(C2:C3)", v: 43_000_000 }]],
      findings: [
        {
          cell: "C4",
          message: "The total £43,000,000 in C4 is £164,400 more than its lines add up to (£42,835,600).",
          suggestion: "Recalculate the workbook (F9); if the figure stays wrong, check the lines the formula adds.",
        },
      ],
    },
    {
      name: "a SUBTOTAL(109) total of a filtered table: a warning that it adds only the visible rows, and no fix",
      rows: [head, lib, prop, edu, ["Total", { f: "=SUBTOTAL(109,B2:B4)", v: 16_792_000 }, { f: "=SUBTOTAL(9,C2:C4)", v: 15_174_600 }]],
      findings: [
        {
          cell: "B5",
          severity: "warning",
          message: "The total £16,792,000 in B5 is £47,686,000 less than its lines add up to (£64,478,000), but its formula =SUBTOTAL(109,B2:B4) adds only the visible rows (is the table filtered or are rows hidden?).",
          suggestion:
            "If rows are filtered out or hidden, the figure is right for the rows shown: clear the filter or unhide the rows before the sheet goes to members. If none are, recalculate the workbook (F9).",
          fix: [],
        },
        { cell: "C5", severity: "warning", message: /its formula =SUBTOTAL\(9,C2:C4\) adds only the visible rows/, fix: [] },
      ],
    },
    {
      name: "an AGGREGATE(9,5,...) total with rows hidden",
      rows: [head, lib, prop, ["Total", { f: "=AGGREGATE(9,5,B2:B3)", v: 29_493_000 }, { f: "=SUM(C2:C3)", v: 42_835_600 }]],
      findings: [{ cell: "B4", severity: "warning", message: /its formula =AGGREGATE\(9,5,B2:B3\) adds only the visible rows \(is the table filtered or are rows hidden\?\)\.$/, fix: [] }],
    },
    {
      name: "a typed total 5p out on £79.6m",
      rows: [head, ["Community Learning & Skills", 15_125_000.5, 0], lib, prop, edu, ["Total", 79_603_000.55, { f: "=SUM(C2:C5)", v: 41_035_600 }]],
      findings: [{ cell: "B6", message: "The total £79,603,000.55 in B6 is £0.05 more than its lines add up to (£79,603,000.50)." }],
    },
    {
      name: "a typed total £1,000 too high",
      rows: [head, lib, prop, ["Total", 46_286_000, { f: "=SUM(C2:C3)", v: 42_835_600 }]],
      findings: [{ cell: "B4", message: "The total £46,286,000 in B4 is £1,000 more than its lines add up to (£46,285,000)." }],
    },
    {
      name: "a grand total is not compared while a sub-total it adds is wrong",
      rows: [
        ["Type of service", "Service", "Gross budget"],
        ["Frontline services", "Libraries", 16_792_000],
        ["Sub-total", null, 16_000_000],
        ["Corporate support services", "Property", 29_493_000],
        ["Sub-total", null, { f: "=SUM(C4)", v: 29_493_000 }],
        ["Total", null, { f: "=SUM(C3,C5)", v: 45_493_000 }],
      ],
      findings: [{ cell: "C3", message: "The sub-total £16,000,000 in C3 is £792,000 less than its lines add up to (£16,792,000)." }],
    },
    {
      name: "a formula that is not a plain SUM and gives the wrong figure",
      rows: [head, lib, prop, ["Total", { f: "=B2*2", v: 33_584_000 }, { f: "=SUM(C2:C3)", v: 42_835_600 }]],
      findings: [{ cell: "B4", message: /is £12,701,000 less than/, suggestion: "Check the formula =B2*2: a total should add up its lines, as =SUM(B2:B3) does." }],
    },
  ],
});

ruleTester(totalHardcoded, {
  valid: [clean, { name: "a blank total (missing-value's)", rows: [head, lib, prop, ["Total", null, { f: "=SUM(C2:C3)", v: 42_835_600 }]] }, { name: "a total left to a formula that is wrong (other rules report it)", rows: [head, lib, prop, ["Total", { f: "=SUM(B2:B2)", v: 16_792_000 }, { f: "=SUM(C2:C3)", v: 42_835_600 }]] }],
  invalid: [
    {
      name: "both totals typed",
      rows: [head, lib, prop, ["Total", 46_285_000, 42_835_600]],
      findings: [
        {
          cell: "B4",
          message: "The total of Gross budget in B4 is typed as a number, so it will not change when a line changes.",
          suggestion: "Use the formula =SUM(B2:B3).",
          fix: ["B4: =SUM(B2:B3)"],
          fixDescription: "Replace the typed total in B4 with =SUM(B2:B3)",
        },
        { cell: "C4", fix: ["C4: =SUM(C2:C3)"] },
      ],
    },
    {
      name: "a typed sub-total",
      rows: [
        ["Type of service", "Service", "Gross budget"],
        ["Frontline services", "Libraries", 16_792_000],
        ["Frontline services", "Community Learning & Skills", 15_125_000],
        ["Sub-total", null, 31_917_000],
        ["Corporate support services", "Property", 29_493_000],
        ["Sub-total", null, { f: "=SUM(C5)", v: 29_493_000 }],
        ["Total", null, { f: "=SUM(C4,C6)", v: 61_410_000 }],
      ],
      findings: [{ cell: "C4", message: "The sub-total of Gross budget in C4 is typed as a number, so it will not change when a line changes.", fix: ["C4: =SUM(C2:C3)"] }],
    },
  ],
});
