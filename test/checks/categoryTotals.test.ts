/**
 * Category heading rows that carry their group's total (a type of service, no service name, figures adding
 * up the services under it), as on market review sheets (../shared/domain.md): a sub-total above its group,
 * not a line. Figures are the domain's: frontline 31,917,000 / 14,945,600 (Libraries and Community Learning &
 * Skills); corporate support 47,686,000 / 25,861,000 (EduKent Services and Property); all 79,603,000 / 40,806,600.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSheet, findTables } from "../../src/core/checks";
import { runs } from "../propertyRuns";
import { sheet, type Cell } from "./rules/ruleTester";

const H: Cell[] = ["Type of service", "Service", "Gross budget £", "Net budget £"];
const body = (front: Cell[], corp: Cell[]): Cell[][] => [
  H,
  ["Frontline services", null, ...front.slice(0, 2)],
  [null, "Libraries", 16_792_000, 15_174_600],
  [null, "Community Learning & Skills", 15_125_000, -229_000],
  ["Corporate support services", null, ...corp.slice(0, 2)],
  [null, "EduKent Services", 18_193_000, -1_800_000],
  [null, "Property", 29_493_000, 27_661_000],
];
const TOTAL_RULES = new Set(["total-mismatch", "total-hardcoded", "sum-range-gap", "missing-value", "blank-service"]);
const alarms = (rows: Cell[][]): string[] =>
  checkSheet(sheet(rows))
    .filter((f) => TOTAL_RULES.has(f.rule) || f.fix)
    .map((f) => `${f.cell} ${f.rule}`);

describe("a category heading that carries its group's total is a sub-total above the group", () => {
  it("with SUM formulas, and a grand total of the headings: no blank-service errors and no fix", () => {
    const rows = [
      ...body([{ f: "=SUM(C3:C4)", v: 31_917_000 }, { f: "=SUM(D3:D4)", v: 14_945_600 }], [{ f: "=SUM(C6:C7)", v: 47_686_000 }, { f: "=SUM(D6:D7)", v: 25_861_000 }]),
      ["Total", null, { f: "=SUM(C2,C5)", v: 79_603_000 }, { f: "=SUM(D2,D5)", v: 40_806_600 }],
    ];
    const [t] = findTables(sheet(rows));
    expect(t.lines).toEqual([2, 3, 5, 6]);
    expect(t.totals.map((x) => [x.row, x.level, x.lines])).toEqual([
      [1, "sub", [2, 3]],
      [4, "sub", [5, 6]],
      [7, "grand", [2, 3, 5, 6]],
    ]);
    expect(t.rows.find((x) => x.row === 3)?.category).toBe("Frontline services");
    expect(alarms(rows)).toEqual([]);
  });

  it("with typed figures equal to the services below: the headings are told to be formulas, the lines are left alone", () => {
    const rows = [...body([31_917_000, 14_945_600], [47_686_000, 25_861_000]), ["Total", null, { f: "=SUM(C2,C5)", v: 79_603_000 }, { f: "=SUM(D2,D5)", v: 40_806_600 }]];
    expect(alarms(rows)).toEqual(["C2 total-hardcoded", "D2 total-hardcoded", "C5 total-hardcoded", "D5 total-hardcoded"]);
  });

  it("a row with a type, no service and figures that add up nothing is still a line missing its name", () => {
    const rows = [H, ["Frontline services", "Libraries", 16_792_000, 15_174_600], ["Frontline services", null, 15_125_000, -229_000], ["Total", null, { f: "=SUM(C2:C3)", v: 31_917_000 }, { f: "=SUM(D2:D3)", v: 14_945_600 }]];
    expect(alarms(rows)).toEqual(["B3 blank-service"]);
  });
});

describe("property: category headings carrying their totals", () => {
  /** Category headings carrying SUMs of their services, and a grand total of the headings at the bottom, the top (showing `top` when given) or nowhere. */
  const headedSheet = (groups: number[][], grand: "bottom" | "top" | "none", top?: number): Cell[][] => {
    const rows: Cell[][] = [["Type of service", "Service", "Gross budget £"]];
    if (grand === "top") rows.push(["Total", null, null]);
    const heads: number[] = [];
    let all = 0;
    groups.forEach((g, gi) => {
      const here = rows.length + 1;
      const sum = g.reduce((a, b) => a + b, 0);
      all += sum;
      rows.push([`Type ${gi + 1}`, null, { f: `=SUM(C${here + 1}:C${here + g.length})`, v: sum }]);
      heads.push(here);
      g.forEach((v, k) => rows.push([null, `Service ${gi + 1}.${k + 1}`, v]));
    });
    const grandCell = { f: `=SUM(${heads.map((r) => `C${r}`).join(",")})`, v: top ?? all };
    if (grand === "top") rows[1] = ["Total", null, grandCell];
    if (grand === "bottom") rows.push(["Total", null, grandCell]);
    return rows;
  };
  const groupsArb = fc.array(fc.array(fc.integer({ min: 1_000, max: 40_000_000 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 });

  it("any correct sheet whose category headings carry SUMs of their services gives no total or blank-service findings and no fixes", () => {
    fc.assert(
      fc.property(groupsArb, fc.constantFrom("bottom" as const, "top" as const, "none" as const), (groups, grand) => {
        expect(alarms(headedSheet(groups, grand))).toEqual([]);
      }),
      { numRuns: runs(300) },
    );
  });

  it("a grand total of the headings at the top showing a stale figure is reported at its cell, and nothing else is", () => {
    fc.assert(
      fc.property(groupsArb, fc.integer({ min: -999, max: 999 }).filter((d) => d !== 0), (groups, off) => {
        const all = groups.flat().reduce((a, b) => a + b, 0);
        expect(alarms(headedSheet(groups, "top", all + off))).toEqual(["C2 total-mismatch"]);
      }),
      { numRuns: runs(300) },
    );
  });
});
