import { describe, expect, it } from "vitest";
import { isDefiniteTotalLabel, isGrandTotalLabel, isTotalLabel, totalLabelIn } from "./totalRows";

describe("isTotalLabel", () => {
  const totals = [
    "Total",
    "total",
    "  Total  ",
    "Total:",
    "Totals",
    "TOTALS",
    "Grand total",
    "Grand Totals",
    "Sub-total",
    "Sub total",
    "Subtotal",
    "Sub-totals:",
    "Total frontline services",
    "Total FTE",
    "Total: Corporate support services",
    "Sub-total FTE",
    "Grand total all directorates",
    "Frontline total",
    "Directorate totals",
    "Net total",
    "Total of the above",
    "Total (£000)",
  ];
  const notTotals = [
    "",
    "   ",
    "Total cost of posts",
    "Total number of managers",
    "total value of contracts",
    "Totally Kent",
    "Totalling services",
    "Service total cost review",
    "Libraries",
    "Market engagement activity",
  ];
  it.each(totals)("%j is a total", (label) => expect(isTotalLabel(label)).toBe(true));
  it.each(notTotals)("%j is not a total", (label) => expect(isTotalLabel(label)).toBe(false));
});

describe("isGrandTotalLabel", () => {
  it.each([
    ["Grand total", true],
    ["Total all services", true],
    ["Total", false],
    ["Sub-total", false],
    ["Total frontline services", false],
    ["Grand designs", false],
  ] as const)("%j -> %s", (label, grand) => expect(isGrandTotalLabel(label)).toBe(grand));
});

describe("totalLabelIn", () => {
  it("finds the total label in any cell of a row", () => {
    expect(totalLabelIn([null, 12, " Grand total "])).toBe("Grand total");
    expect(totalLabelIn(["Libraries", "15-20"])).toBeNull();
    expect(totalLabelIn(["Total cost of posts", 3])).toBeNull();
  });
});

describe("isDefiniteTotalLabel", () => {
  it.each([
    "Total",
    "Totals:",
    "Grand total",
    "Sub-total Corporate support",
    "Frontline total",
    "Total of the above",
    "Total: Corporate support services",
    "Total (£000)",
    "Total savings",
    "Total net budget £000",
    "Total FTE",
    "Total all services",
  ])("%j is a total by its form alone", (label) => expect(isDefiniteTotalLabel(label)).toBe(true));
  it.each(["Total frontline services", "Total Facilities Management", "Total Place", "Total cost of posts", "Libraries", ""])(
    "%j needs its figures to say whether it is a total",
    (label) => expect(isDefiniteTotalLabel(label)).toBe(false),
  );
});
