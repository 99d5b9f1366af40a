/** net-exceeds-gross and negative-net, on the domain's market review lines. */
import { negativeNet } from "../../../src/core/checks/rules/negativeNet";
import { netExceedsGross } from "../../../src/core/checks/rules/netExceedsGross";
import { ruleTester, type Cell } from "./ruleTester";

const head: Cell[] = ["Service", "Gross budget", "Net budget"];
const lib: Cell[] = ["Libraries", 16_792_000, 15_174_600];
const prop: Cell[] = ["Property", 29_493_000, 27_661_000];
const total = (b: number, c: number): Cell[] => ["Total", { f: "=SUM(B2:B3)", v: b }, { f: "=SUM(C2:C3)", v: c }];

ruleTester(netExceedsGross, {
  valid: [
    { name: "net below gross", rows: [head, lib, prop, total(46_285_000, 42_835_600)] },
    { name: "net equal to gross (no income)", rows: [head, ["Libraries", 16_792_000, 16_792_000], prop, total(46_285_000, 44_453_000)] },
    { name: "net in £000 below gross in £", rows: [["Service", "Gross budget £", "Net budget £000"], ["Libraries", 16_792_000, 15_174.6], ["Property", 29_493_000, 27_661], ["Total", { f: "=SUM(B2:B3)", v: 46_285_000 }, { f: "=SUM(C2:C3)", v: 42_835.6 }]] },
  ],
  invalid: [
    {
      name: "gross and net swapped",
      rows: [head, ["Libraries", 15_174_600, 16_792_000], prop, total(44_667_600, 44_453_000)],
      findings: [
        {
          cell: "C2",
          message: 'The net budget for "Libraries" (£16,792,000) is more than its gross budget (£15,174,600). Net is gross spending less income, so it cannot be higher.',
          suggestion: "Check both figures: they may be swapped, typed in different units, or the income may have been added instead of taken off.",
        },
      ],
    },
    {
      name: "net in £000 above gross once both are in pounds",
      rows: [["Service", "Gross budget £", "Net budget £000"], ["Libraries", 16_792_000, 17_000], ["Property", 29_493_000, 27_661], ["Total", { f: "=SUM(B2:B3)", v: 46_285_000 }, { f: "=SUM(C2:C3)", v: 44_661 }]],
      findings: [{ cell: "C2", message: /\(£17,000,000\) is more than its gross budget \(£16,792,000\)/ }],
    },
    {
      name: "net a penny above gross on a large budget",
      rows: [head, ["Libraries", 16_792_000, 16_792_000.01], prop, total(46_285_000, 44_453_000.01)],
      findings: [{ cell: "C2", message: /\(£16,792,000\.01\) is more than its gross budget \(£16,792,000\)/ }],
    },
    {
      name: "a line with no name",
      rows: [head, [null, 15_174_600, 16_792_000], prop, total(44_667_600, 44_453_000)],
      findings: [{ cell: "C2", message: "The net budget (£16,792,000) is more than its gross budget (£15,174,600). Net is gross spending less income, so it cannot be higher." }],
    },
  ],
});

ruleTester(negativeNet, {
  valid: [
    { name: "positive net budgets", rows: [head, lib, prop, total(46_285_000, 42_835_600)] },
    { name: "a net budget of nil", rows: [head, ["Libraries", 16_792_000, 0], prop, total(46_285_000, 27_661_000)] },
    { name: "a negative net above a negative gross is net-exceeds-gross's", rows: [head, ["Refunds", -2_000_000, -1_000_000], prop, total(27_493_000, 26_661_000)] },
  ],
  invalid: [
    {
      name: "a traded service earning more than it spends",
      rows: [head, ["EduKent Services", 18_193_000, -1_800_000], prop, total(47_686_000, 25_861_000)],
      findings: [
        {
          cell: "C2",
          severity: "info",
          message: 'The net budget for "EduKent Services" is -£1,800,000: the service earns more than it spends. That is normal for a traded service; worth a second look otherwise.',
          suggestion: "No change needed if the service trades; otherwise check the income figure.",
        },
      ],
    },
    {
      name: "a line with no name",
      rows: [head, [null, 18_193_000, -1_800_000], prop, total(47_686_000, 25_861_000)],
      findings: [
        {
          cell: "C2",
          severity: "info",
          message: "The net budget is -£1,800,000: the service earns more than it spends. That is normal for a traded service; worth a second look otherwise.",
        },
      ],
    },
    {
      name: "not reported when info is turned off",
      rows: [head, ["EduKent Services", 18_193_000, -1_800_000], prop, total(47_686_000, 25_861_000)],
      options: { includeInfo: false },
      findings: [],
    },
  ],
});
