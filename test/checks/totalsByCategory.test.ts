/**
 * Sub-totals on sheets that say which category each line is: a "Type of service" column, or category headings.
 * A sub-total is otherwise read by position (the lines since the total before it, or under it to the next), so a
 * line of another category between two groups read as a line the next sub-total leaves out, and the fix offered
 * would have added it into that group's total. Where the categories are the table's groups, a sub-total adds up
 * its own category's lines, and a line of another category is in no sub-total (the grand total takes it).
 * Figures are the domain's (../shared/domain.md): Libraries 16,792,000 / 15,174,600; Community Learning & Skills
 * 15,125,000 / -229,000; EduKent Services 18,193,000 / -1,800,000; Property 29,493,000 / 27,661,000. The
 * Coroner's service (3,100,000 / 2,950,000) is made up, as a line of another type between the two groups.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEditsToSnapshot, checkSheet, findTables } from "../../src/core/checks";
import { runs } from "../propertyRuns";
import { sheet, type Cell } from "./rules/ruleTester";

const H3: Cell[] = ["Type of service", "Service", "Gross budget £", "Net budget £"];
const FRONT = "Frontline services";
const CORP = "Corporate support services";
const lib: Cell[] = [FRONT, "Libraries", 16_792_000, 15_174_600];
const cls: Cell[] = [FRONT, "Community Learning & Skills", 15_125_000, -229_000];
const cor: Cell[] = ["Statutory services", "Coroner's service", 3_100_000, 2_950_000];
const edu: Cell[] = [CORP, "EduKent Services", 18_193_000, -1_800_000];
const prop: Cell[] = [CORP, "Property", 29_493_000, 27_661_000];
const sumCells = (c: string, d: string, gross: number, net: number): Cell[] => [{ f: `=SUM(${c})`, v: gross }, { f: `=SUM(${d})`, v: net }];
const frontBelow: Cell[] = ["Total frontline services", "", ...sumCells("C2:C3", "D2:D3", 31_917_000, 14_945_600)];
const corpBelow: Cell[] = ["Total corporate support services", "", ...sumCells("C6:C7", "D6:D7", 47_686_000, 25_861_000)];
/** Rows 2-3 frontline, row 4 its sub-total, row 5 the Coroner's service, rows 6-7 corporate support, row 8 its sub-total. */
const below: Cell[][] = [H3, lib, cls, frontBelow, cor, edu, prop, corpBelow];

const TOTAL_RULES = new Set(["total-mismatch", "total-hardcoded", "sum-range-gap", "missing-value"]);
const totalFindings = (rows: Cell[][]): string[] =>
  checkSheet(sheet(rows))
    .filter((f) => TOTAL_RULES.has(f.rule) || f.fix)
    .map((f) => `${f.cell} ${f.rule}${f.fix ? ` fix ${f.fix.edits.map((e) => `${e.cell}${e.kind === "formula" ? e.formula : String(e.value)}`).join(" ")}` : ""}`);
const totalsOf = (rows: Cell[][]): [number, string, number[]][] => findTables(sheet(rows))[0].totals.map((t) => [t.row, t.level, t.lines]);

describe("a line of another type between two groups", () => {
  it("is in no sub-total: neither sub-total is reported or offered a fix (before: the second 'left out' row 5, fixed to =SUM(C5:C7))", () => {
    expect(totalsOf(below)).toEqual([
      [3, "sub", [1, 2]],
      [7, "sub", [5, 6]],
    ]);
    expect(totalFindings(below)).toEqual([]);
  });

  it("is taken by a grand total over every line, and one over the sub-totals and it", () => {
    for (const grand of [sumCells("C2:C3,C5:C7", "D2:D3,D5:D7", 82_703_000, 43_756_600), sumCells("C4:C5,C8", "D4:D5,D8", 82_703_000, 43_756_600)]) {
      const rows = [...below, ["Total", "", ...grand]];
      expect(totalsOf(rows)[2]).toEqual([8, "grand", [1, 2, 4, 5, 6]]);
      expect(totalFindings(rows)).toEqual([]);
    }
  });

  it("left out of a grand total of the sub-totals alone: that is reported, and the fix adds it", () => {
    const rows = [...below, ["Total", "", ...sumCells("C4,C8", "D4,D8", 79_603_000, 40_806_600)]];
    expect(totalFindings(rows)).toEqual(["C9 sum-range-gap fix C9=SUM(C4:C5,C8)", "D9 sum-range-gap fix D9=SUM(D4:D5,D8)"]);
    for (const f of checkSheet(sheet(rows)).filter((x) => x.rule === "sum-range-gap")) expect(f.message).toMatch(/leaves out row 5\./);
  });

  it("with the sub-totals above their groups", () => {
    const rows: Cell[][] = [
      H3,
      ["Total frontline services", "", ...sumCells("C3:C4", "D3:D4", 31_917_000, 14_945_600)],
      lib,
      cls,
      cor,
      ["Total corporate support services", "", ...sumCells("C7:C8", "D7:D8", 47_686_000, 25_861_000)],
      edu,
      prop,
    ];
    expect(totalsOf(rows)).toEqual([
      [1, "sub", [2, 3]],
      [5, "sub", [6, 7]],
    ]);
    expect(totalFindings(rows)).toEqual([]);
  });

  it("under category headings, with no type column", () => {
    const rows: Cell[][] = [
      ["Service", "Gross budget £", "Net budget £"],
      [FRONT, null, null],
      lib.slice(1),
      cls.slice(1),
      frontBelow.slice(0, 1).concat(sumCells("B3:B4", "C3:C4", 31_917_000, 14_945_600)),
      ["Statutory services", null, null],
      cor.slice(1),
      [CORP, null, null],
      edu.slice(1),
      prop.slice(1),
      corpBelow.slice(0, 1).concat(sumCells("B9:B10", "C9:C10", 47_686_000, 25_861_000)),
    ];
    expect(totalsOf(rows)).toEqual([
      [4, "sub", [2, 3]],
      [10, "sub", [8, 9]],
    ]);
    expect(totalFindings(rows)).toEqual([]);
  });

  it("a typed sub-total is checked against its own category's lines, named by its label", () => {
    const typed = (gross: number, net: number): Cell[][] => [H3, lib, cls, frontBelow, cor, edu, prop, ["Total corporate support services", "", gross, net]];
    expect(totalFindings(typed(47_686_000, 25_861_000))).toEqual(["C8 total-hardcoded fix C8=SUM(C6:C7)", "D8 total-hardcoded fix D8=SUM(D6:D7)"]);
    // A slip: reported against the corporate lines (47,686,000), not against them and the Coroner's service.
    const slipped = checkSheet(sheet(typed(47_686_500, 25_861_000))).find((f) => f.rule === "total-mismatch");
    expect(slipped?.message).toBe("The sub-total £47,686,500 in C8 is £500 more than its lines add up to (£47,686,000).");
  });
});

describe("what the categories still leave to the sub-total", () => {
  it("a line of the group's own type that its SUM misses is still reported, and the fix adds that line only", () => {
    const fac: Cell[] = [CORP, "Facilities management", 5_000_000, 4_000_000];
    const rows: Cell[][] = [H3, lib, cls, frontBelow, cor, edu, prop, fac, ["Total corporate support services", "", ...sumCells("C6:C7", "D6:D7", 47_686_000, 25_861_000)]];
    expect(totalFindings(rows)).toEqual(["C9 sum-range-gap fix C9=SUM(C6:C8)", "D9 sum-range-gap fix D9=SUM(D6:D8)"]);
  });

  it("a type column that cuts across the groups (each directorate has both types) does not shorten a group", () => {
    // Directorate sub-totals; the Property line, below the range of its directorate's SUM, is left out of it.
    const rows: Cell[][] = [
      H3,
      lib,
      edu,
      ["Total Growth, Environment and Transport", "", ...sumCells("C2:C3", "D2:D3", 34_985_000, 13_374_600)],
      cls,
      prop,
      ["Total Strategic and Corporate Services", "", ...sumCells("C5", "D5", 15_125_000, -229_000)],
    ];
    expect(totalsOf(rows)[1]).toEqual([6, "sub", [4, 5]]);
    expect(totalFindings(rows)).toEqual(["C7 sum-range-gap fix C7=SUM(C5:C6)", "D7 sum-range-gap fix D7=SUM(D5:D6)"]);
  });

  it("with no categories, position decides: lines after a sub-total are read as the next group's", () => {
    const rows: Cell[][] = below.map((r) => ["", ...r.slice(1)]);
    rows[0] = H3;
    rows[3] = ["", "Total frontline services", ...frontBelow.slice(2)];
    rows[7] = ["", "Total corporate support services", ...corpBelow.slice(2)];
    expect(totalsOf(rows)[1]).toEqual([7, "sub", [4, 5, 6]]);
  });
});

describe("property: lines of other types between groups", () => {
  it("any sheet whose groups are its types, with lines of other types between them, gives no total findings; a grand total of the sub-totals alone is fixed to take them", () => {
    const line = fc.integer({ min: 1_000, max: 40_000_000 });
    const group = fc.record({ lines: fc.array(line, { minLength: 1, maxLength: 4 }), loose: fc.array(line, { maxLength: 2 }) });
    fc.assert(
      fc.property(
        fc.array(group, { minLength: 2, maxLength: 4 }),
        fc.constantFrom("above" as const, "below" as const),
        fc.constantFrom("all lines" as const, "sub-totals and loose lines" as const, "sub-totals only" as const, "none" as const),
        (groups, placement, grand) => {
          const rows: Cell[][] = [["Type of service", "Service", "Budget £"]];
          const at = (): number => rows.length + 1;
          const subRows: number[] = [];
          const looseRows: number[] = [];
          const lineRows: number[] = [];
          let all = 0;
          let inSubs = 0;
          groups.forEach((g, gi) => {
            // The loose lines come before the group, so each sits between two groups (or above the first).
            g.loose.forEach((v, k) => {
              looseRows.push(at());
              lineRows.push(at());
              rows.push([`Other type ${gi + 1}`, `Other service ${gi + 1}.${k + 1}`, v]);
              all += v;
            });
            const sum = g.lines.reduce((a, b) => a + b, 0);
            all += sum;
            inSubs += sum;
            const sub = (from: number): Cell[] => [`Total group ${gi + 1}`, "", { f: `=SUM(C${from}:C${from + g.lines.length - 1})`, v: sum }];
            if (placement === "above") {
              subRows.push(at());
              rows.push(sub(at() + 1));
            }
            const from = at();
            g.lines.forEach((v, k) => {
              lineRows.push(at());
              rows.push([`Group ${gi + 1}`, `Service ${gi + 1}.${k + 1}`, v]);
            });
            if (placement === "below") {
              subRows.push(at());
              rows.push(sub(from));
            }
          });
          const refs = (rs: number[]): string => rs.map((r) => `C${r}`).join(",");
          const grandRow = at();
          if (grand === "all lines") rows.push(["Total", "", { f: `=SUM(${refs(lineRows)})`, v: all }]);
          if (grand === "sub-totals and loose lines") rows.push(["Total", "", { f: `=SUM(${refs([...subRows, ...looseRows].sort((a, b) => a - b))})`, v: all }]);
          if (grand === "sub-totals only") rows.push(["Total", "", { f: `=SUM(${refs(subRows)})`, v: inSubs }]);
          const s = sheet(rows);
          const found = checkSheet(s).filter((f) => TOTAL_RULES.has(f.rule) || f.fix);
          if (grand === "sub-totals only" && looseRows.length > 0) {
            // Only the grand total is reported, and its fix makes it the sum of every line.
            expect(found.map((f) => `${f.cell} ${f.rule}`)).toEqual([`C${grandRow} sum-range-gap`]);
            expect(applyEditsToSnapshot(s, found[0].fix?.edits ?? []).values[grandRow - 1][2]).toBe(all);
          } else {
            expect(found.map((f) => `${f.cell} ${f.rule}`)).toEqual([]);
          }
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
