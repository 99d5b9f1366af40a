/**
 * Totals placed above their groups on market review budget sheets (../shared/domain.md): a sub-total row
 * heading its group ("Total frontline services" =SUM(B3:B4) over the two lines under it), and a category
 * heading that carries its group's total. The checker must read each total's group from below it, and where
 * it cannot read the layout with confidence it checks no total and offers no fix. Figures are the domain's:
 * Libraries 16,792,000 / 15,174,600; Community Learning & Skills 15,125,000 / -229,000 (frontline, together
 * 31,917,000 / 14,945,600); EduKent Services 18,193,000 / -1,800,000; Property 29,493,000 / 27,661,000
 * (corporate support, together 47,686,000 / 25,861,000); all four 79,603,000 / 40,806,600.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSheet, findTables } from "../../src/core/checks";
import { runs } from "../propertyRuns";
import { sheet, type Cell } from "./rules/ruleTester";

const H2: Cell[] = ["Service", "Gross budget £", "Net budget £"];
const lib: Cell[] = ["Libraries", 16_792_000, 15_174_600];
const cls: Cell[] = ["Community Learning & Skills", 15_125_000, -229_000];
const edu: Cell[] = ["EduKent Services", 18_193_000, -1_800_000];
const prop: Cell[] = ["Property", 29_493_000, 27_661_000];
const TOTAL_RULES = new Set(["total-mismatch", "total-hardcoded", "sum-range-gap", "missing-value", "blank-service"]);
const totalFindings = (rows: Cell[][]): string[] =>
  checkSheet(sheet(rows))
    .filter((f) => TOTAL_RULES.has(f.rule) || f.fix)
    .map((f) => `${f.cell} ${f.rule}${f.fix ? ` fix ${f.fix.edits.map((e) => `${e.cell}${e.kind === "formula" ? e.formula : String(e.value)}`).join(" ")}` : ""}`);

describe("sub-totals above their groups", () => {
  const frontAbove: Cell[] = ["Total frontline services", { f: "=SUM(B3:B4)", v: 31_917_000 }, { f: "=SUM(C3:C4)", v: 14_945_600 }];
  const corpAbove: Cell[] = ["Total corporate support services", { f: "=SUM(B6:B7)", v: 47_686_000 }, { f: "=SUM(C6:C7)", v: 25_861_000 }];

  it("each heads the lines under it, and nothing is reported or fixed", () => {
    const rows = [H2, frontAbove, lib, cls, corpAbove, edu, prop];
    const [t] = findTables(sheet(rows));
    expect(t.totals.map((x) => [x.row, x.level, x.lines])).toEqual([
      [1, "sub", [2, 3]],
      [4, "sub", [5, 6]],
    ]);
    expect(totalFindings(rows)).toEqual([]);
  });

  it("with a grand total of the sub-totals at the bottom", () => {
    const rows = [H2, frontAbove, lib, cls, corpAbove, edu, prop, ["Total", { f: "=SUM(B2,B5)", v: 79_603_000 }, { f: "=SUM(C2,C5)", v: 40_806_600 }]];
    const [t] = findTables(sheet(rows));
    expect(t.totals.map((x) => [x.row, x.level, x.subtotals])).toEqual([
      [1, "sub", []],
      [4, "sub", []],
      [7, "grand", [1, 4]],
    ]);
    expect(totalFindings(rows)).toEqual([]);
  });

  it("typed figures equal to the group below: told to be a formula over that group", () => {
    const rows = [H2, ["Total frontline services", 31_917_000, 14_945_600], lib, cls, ["Total corporate support services", 47_686_000, 25_861_000], edu, prop];
    expect(totalFindings(rows)).toEqual([
      "B2 total-hardcoded fix B2=SUM(B3:B4)",
      "C2 total-hardcoded fix C2=SUM(C3:C4)",
      "B5 total-hardcoded fix B5=SUM(B6:B7)",
      "C5 total-hardcoded fix C5=SUM(C6:C7)",
    ]);
  });

  it("a SUM that misses the last line of its own group is fixed to that group", () => {
    const rows = [H2, ["Total frontline services", { f: "=SUM(B3)", v: 16_792_000 }, { f: "=SUM(C3:C4)", v: 14_945_600 }], lib, cls, corpAbove, edu, prop];
    expect(totalFindings(rows)).toEqual(["B2 sum-range-gap fix B2=SUM(B3:B4)"]);
  });

  it("a SUM reaching past its group into the next: the layout is unclear, so no total is checked or fixed", () => {
    const rows = [H2, ["Total frontline services", { f: "=SUM(B3:B6)", v: 50_110_000 }, { f: "=SUM(C3:C4)", v: 14_945_600 }], lib, cls, corpAbove, edu, prop];
    expect(totalFindings(rows)).toEqual([]);
  });

  it("a grand total at the top over sub-totals above their groups is left alone; the sub-totals are checked", () => {
    const rows = [H2, ["Total", { f: "=SUM(B3,B6)", v: 79_603_000 }, { f: "=SUM(C3,C6)", v: 40_806_600 }], ["Total frontline services", { f: "=SUM(B4:B5)", v: 31_917_000 }, { f: "=SUM(C4:C5)", v: 14_945_600 }], lib, cls, ["Total corporate support services", { f: "=SUM(B7:B8)", v: 47_686_000 }, { f: "=SUM(C7)", v: -1_800_000 }], edu, prop];
    expect(totalFindings(rows)).toEqual(["C6 sum-range-gap fix C6=SUM(C7:C8)"]);
  });
});

/** A generated correct sheet: groups of lines, each with a SUM sub-total above or below it, and a grand total at the bottom, the top or nowhere. */
function generatedSheet(groups: number[][], placement: "above" | "below", grand: "bottom" | "top" | "none"): Cell[][] {
  const rows: Cell[][] = [H2];
  const subRows: number[] = [];
  let sumAll = 0;
  const at = (): number => rows.length + 1;
  if (grand === "top") rows.push(["Total", null, null]);
  groups.forEach((g, gi) => {
    const sum = g.reduce((a, b) => a + b, 0);
    sumAll += sum;
    const sub = (from: number, to: number): Cell[] => [`Total group ${gi + 1}`, { f: `=SUM(B${from}:B${to})`, v: sum }, null];
    if (placement === "above") {
      const here = at();
      rows.push(sub(here + 1, here + g.length));
      subRows.push(here);
      g.forEach((v, k) => rows.push([`Service ${gi + 1}.${k + 1}`, v, null]));
    } else {
      const from = at();
      g.forEach((v, k) => rows.push([`Service ${gi + 1}.${k + 1}`, v, null]));
      rows.push(sub(from, at() - 1));
      subRows.push(at() - 1);
    }
  });
  const grandCell: Cell = { f: `=SUM(${subRows.map((r) => `B${r}`).join(",")})`, v: sumAll };
  if (grand === "top") rows[1] = ["Total", grandCell, null];
  if (grand === "bottom") rows.push(["Total", grandCell, null]);
  return rows;
}

describe("property: totals above or below their groups", () => {
  it("any correct sheet with groups and totals placed above or below gives no total findings and no fixes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1_000, max: 40_000_000 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom("above" as const, "below" as const),
        fc.constantFrom("bottom" as const, "top" as const, "none" as const),
        (groups, placement, grand) => {
          expect(totalFindings(generatedSheet(groups, placement, grand))).toEqual([]);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
