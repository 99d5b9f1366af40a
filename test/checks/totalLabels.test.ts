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
const TOTAL_RULES = new Set(["total-mismatch", "total-hardcoded", "sum-range-gap", "missing-value", "blank-service", "total-like-line"]);

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

describe("a \"Total X\" row typed wrong under its lines is read as a line, and questioned", () => {
  // Children's homes 12,400,000 + Fostering 9,850,000 = 22,250,000, typed 22,205,000 (two digits swapped);
  // Older people 41,350,000 + Learning disability 28,725,000 = 70,075,000.
  const H: Cell[] = ["Service", "Gross budget £"];
  const children: Cell[][] = [["Children's homes", 12_400_000], ["Fostering", 9_850_000], ["Total Children's Services", 22_205_000]];
  const adults: Cell[][] = [["Older people", 41_350_000], ["Learning disability", 28_725_000]];
  const found = (rows: Cell[][]): string[] => checkSheet(sheet(rows)).map((f) => `${f.cell} ${f.rule}${f.fix ? " (fix)" : ""}`);

  it("a grand total typed as the true total is right if the row is a total, so it is not reported as wrong (before: 'less than its lines'), and is offered no formula", () => {
    const rows = [H, ...children, ...adults, ["Total", 92_325_000]];
    expect(findTables(sheet(rows))[0].lines).toEqual([1, 2, 3, 4, 5]);
    expect(found(rows)).toEqual(["B4 total-like-line", "B7 total-hardcoded"]);
  });

  it("a grand total typed wrong whichever the row is: reported against the lines as read, with no formula", () => {
    const rows = [H, ...children, ...adults, ["Total", 92_000_000]];
    expect(found(rows)).toEqual(["B7 total-mismatch", "B4 total-like-line", "B7 total-hardcoded"]);
    expect(checkSheet(sheet(rows))[0].message).toBe("The total £92,000,000 in B7 is £22,530,000 less than its lines add up to (£114,530,000).");
  });

  it("sub-totals and a grand total of them, right if the row is a total: only the question (before: the sub-total 'left out' rows 2 to 4 and the grand total counted row 4 twice)", () => {
    const rows = [H, ...children, ...adults, ["Total Adult Services", { f: "=SUM(B5:B6)", v: 70_075_000 }], ["Total", { f: "=SUM(B4,B7)", v: 92_280_000 }]];
    expect(found(rows)).toEqual(["B4 total-like-line"]);
  });

  it("a grand total of the sub-totals that leaves one out is wrong whichever the row is, and still reported", () => {
    const rows = [H, ...children, ...adults, ["Total Adult Services", { f: "=SUM(B5:B6)", v: 70_075_000 }], ["Total", { f: "=SUM(B7)", v: 70_075_000 }]];
    expect(found(rows)).toEqual(["B8 total-mismatch", "B4 total-like-line"]);
  });

  it("a total after it whose SUM reaches into the row's group is wrong either way, and still reported (no formula)", () => {
    const rows = [H, ...children, ...adults, ["Total Adult Services", { f: "=SUM(B3:B6)", v: 101_930_000 }]];
    expect(found(rows)).toEqual(["B7 sum-range-gap", "B4 total-like-line"]);
    expect(checkSheet(sheet(rows))[0].message).toBe("The total of Gross budget £ in B7 (=SUM(B3:B6)) leaves out row 2. It shows £101,930,000; its lines add up to £114,530,000.");
  });

  it("with a grand total SUM over every row, the question on the row is the only finding (the SUM adds up the rows as read)", () => {
    const rows = [H, ...children, ...adults, ["Total", { f: "=SUM(B2:B6)", v: 114_530_000 }]];
    expect(found(rows)).toEqual(["B4 total-like-line"]);
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
          // Each line's figure a different power of two (times a unit), so no line equals a sum of others by chance;
          // the largest first, so no line is near the sum of the lines above it either (a "Total …" line that
          // is would be worth a question: total-like-line).
          let k = groups.reduce((n, g) => n + g.length, 0);
          const rows: Cell[][] = [["Service", "Gross budget £", "Comments"]];
          const subRows: number[] = [];
          let grand = 0;
          groups.forEach((g, gi) => {
            const start = rows.length + 1;
            let sum = 0;
            for (const l of g) {
              const gross = unit * 1000 * 2 ** --k;
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

describe("property: a group's \"Total X\" typed wrong is questioned, and no total over it is offered a formula", () => {
  it("any groups with SUM sub-totals, one typed with a slip (within 5%, or far off when named after its category): one warning at it, no fix anywhere", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1_000, max: 40_000_000 }), { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.boolean(),
        fc.double({ min: 0.001, max: 0.045, noNaN: true }),
        fc.boolean(),
        (groups, pick, named, share, up) => {
          const wrong = pick % groups.length;
          const rows: Cell[][] = [["Type of service", "Service", "Gross budget £"]];
          const subRows: number[] = [];
          let wrongCell = "";
          groups.forEach((g, gi) => {
            const start = rows.length + 1;
            const sum = g.reduce((a, b) => a + b, 0);
            g.forEach((v, k) => rows.push([`Group ${gi + 1}`, `Service ${gi + 1}.${k + 1}`, v]));
            if (gi === wrong) {
              // A slip within 5% of the sum; named after the category, a figure off by any amount (here a tenth).
              const typed = named ? Math.round(sum / 10) : Math.round(sum * (up ? 1 + share : 1 - share));
              rows.push([null, named ? `Total Group ${gi + 1}` : `Total services ${gi + 1}`, typed]);
              wrongCell = `C${rows.length}`;
            } else {
              rows.push([null, `Total services ${gi + 1}`, { f: `=SUM(C${start}:C${rows.length})`, v: sum }]);
            }
            subRows.push(rows.length);
          });
          const all = groups.flat().reduce((a, b) => a + b, 0);
          rows.push(["Total", null, { f: `=SUM(${subRows.map((r) => `C${r}`).join(",")})`, v: all }]);
          const found = checkSheet(sheet(rows));
          expect(found.filter((f) => f.rule === "total-like-line").map((f) => f.cell)).toEqual([wrongCell]);
          expect(found.filter((f) => f.fix).map((f) => `${f.cell} ${f.rule}`)).toEqual([]);
        },
      ),
      { numRuns: runs(200) },
    );
  });
});
