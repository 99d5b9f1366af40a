/**
 * "Total X" rows on market review budget sheets (../shared/domain.md): a service may be called "Total
 * Facilities Management" or "Total Place", and a comment may begin "Total"; neither is a total. A row is a
 * total by its label in the type or service column, and a "Total X" label only when its figures add up other
 * rows. Figures are the domain's: Libraries 16,792,000 / 15,174,600; Property 29,493,000 / 27,661,000;
 * EduKent Services 18,193,000 / -1,800,000.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSheet, findTables } from "../../src/core/checks";
import { runs } from "../propertyRuns";
import { sheet, type Cell } from "./rules/ruleTester";

const H2: Cell[] = ["Service", "Gross budget £", "Net budget £"];
const TOTAL_RULES = new Set(["total-mismatch", "total-hardcoded", "sum-range-gap", "missing-value", "blank-service"]);

describe("a service or comment beginning \"Total\" is not a total", () => {
  it("a service named \"Total Facilities Management\" between two lines is a line, and the SUM over all three is right", () => {
    const s = sheet([
      H2,
      ["Libraries", 16_792_000, 15_174_600],
      ["Total Facilities Management", 29_493_000, 27_661_000],
      ["EduKent Services", 18_193_000, -1_800_000],
      ["Total", { f: "=SUM(B2:B4)", v: 64_478_000 }, { f: "=SUM(C2:C4)", v: 41_035_600 }],
    ]);
    const [t] = findTables(s);
    expect(t.lines).toEqual([1, 2, 3]);
    expect(t.totals.map((x) => [x.row, x.level])).toEqual([[4, "grand"]]);
    expect(checkSheet(s).filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("a service named \"Total Place\" as the last line is a line, not a sub-total", () => {
    const s = sheet([
      H2,
      ["Libraries", 16_792_000, 15_174_600],
      ["EduKent Services", 18_193_000, 1_800_000],
      ["Total Place", 2_000_000, 1_000_000],
      ["Total", { f: "=SUM(B2:B4)", v: 36_985_000 }, { f: "=SUM(C2:C4)", v: 17_974_600 }],
    ]);
    expect(findTables(s)[0].lines).toEqual([1, 2, 3]);
    expect(checkSheet(s).filter((f) => f.fix)).toEqual([]);
  });

  it("a comment beginning \"Total\" does not make its row a total", () => {
    const s = sheet([
      ["Service", "Gross budget £", "Net budget £", "Comments"],
      ["Libraries", 16_792_000, 15_174_600, "Includes mobile libraries"],
      ["Property", 29_493_000, 27_661_000, "Total facilities management contract"],
      ["Total", { f: "=SUM(B2:B3)", v: 46_285_000 }, { f: "=SUM(C2:C3)", v: 42_835_600 }, null],
    ]);
    const [t] = findTables(s);
    expect(t.lines).toEqual([1, 2]);
    expect(t.totals.map((x) => x.row)).toEqual([3]);
    expect(checkSheet(s).filter((f) => f.severity !== "info")).toEqual([]);
  });
});

describe("\"Total X\" rows that do add up their lines stay totals", () => {
  it("with a SUM over the lines above", () => {
    const s = sheet([
      H2,
      ["Libraries", 16_792_000, 15_174_600],
      ["Property", 29_493_000, 27_661_000],
      ["Total frontline services", { f: "=SUM(B2:B3)", v: 46_285_000 }, { f: "=SUM(C2:C3)", v: 42_835_600 }],
    ]);
    expect(findTables(s)[0].totals.map((x) => x.row)).toEqual([3]);
  });

  it("typed, equal to the lines above: still a total, and told to be a formula", () => {
    const s = sheet([
      H2,
      ["Libraries", 16_792_000, 15_174_600],
      ["Property", 29_493_000, 27_661_000],
      ["Total frontline services", 46_285_000, 42_835_600],
    ]);
    expect(findTables(s)[0].totals.map((x) => x.row)).toEqual([3]);
    expect(checkSheet(s).map((f) => `${f.cell} ${f.rule}`)).toEqual(["B4 total-hardcoded", "C4 total-hardcoded"]);
  });

  it("\"Total X\" in the type column with no service beside it is a total even when its figure is wrong", () => {
    const s = sheet([
      ["Type of service", "Service", "Gross budget £"],
      ["Frontline services", "Libraries", 16_792_000],
      ["Frontline services", "Property", 29_493_000],
      ["Total frontline services", null, 46_000_000],
    ]);
    expect(findTables(s)[0].totals.map((x) => x.row)).toEqual([3]);
    expect(checkSheet(s).map((f) => `${f.cell} ${f.rule}`)).toContain("C4 total-mismatch");
  });
});

describe("property: services named \"Total …\" and comments beginning \"Total\" never draw a total finding", () => {
  const names = ["Total Facilities Management", "Total Place", "Total Care", "Libraries", "Property", "EduKent Services", "Registration"];
  it("any correct sheet with such names, SUM sub-totals and a grand total gives no total findings and no fixes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.array(fc.array(fc.record({ name: fc.constantFrom(...names), comment: fc.constantFrom(null, "Total facilities management contract", "Total Place pilot") }), { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.boolean(),
        (unit, groups, subtotals) => {
          // Each line's figure a different power of two (times a unit), so no line equals a sum of others by chance.
          let k = 0;
          const rows: Cell[][] = [["Service", "Gross budget £", "Comments"]];
          const subRows: number[] = [];
          let grand = 0;
          groups.forEach((g, gi) => {
            const start = rows.length + 1;
            let sum = 0;
            for (const l of g) {
              const gross = unit * 1000 * 2 ** k++;
              rows.push([l.name, gross, l.comment]);
              sum += gross;
            }
            grand += sum;
            if (subtotals) {
              rows.push([`Total group ${gi + 1}`, { f: `=SUM(B${start}:B${rows.length})`, v: sum }, null]);
              subRows.push(rows.length);
            }
          });
          const f = subtotals ? `=SUM(${subRows.map((r) => `B${r}`).join(",")})` : `=SUM(B2:B${rows.length})`;
          rows.push(["Total", { f, v: grand }, null]);
          const found = checkSheet(sheet(rows)).filter((x) => TOTAL_RULES.has(x.rule) || x.fix);
          expect(found.map((x) => `${x.cell} ${x.rule}: ${x.message}`)).toEqual([]);
        },
      ),
      { numRuns: runs(200) },
    );
  });
});
