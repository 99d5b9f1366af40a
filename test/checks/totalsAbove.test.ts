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
import { applyEditsToSnapshot, checkSheet, findTables } from "../../src/core/checks";
import { savingsClean } from "../fixtures/budgetSheets";
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

  it("a total heading every line below it, under lines of no group, is checked against the lines below it", () => {
    const rows = [H2, lib, cls, ["Total corporate support services", { f: "=SUM(B5:B6)", v: 47_686_000 }, { f: "=SUM(C5)", v: -1_800_000 }], edu, prop];
    const [t] = findTables(sheet(rows));
    expect(t.totals.map((x) => [x.row, x.level, x.lines])).toEqual([[3, "sub", [4, 5]]]);
    expect(totalFindings(rows)).toEqual(["C4 sum-range-gap fix C4=SUM(C5:C6)"]);
  });

  it("a sub-total above its group typed wrong in every column is read as a line and questioned, and no total over it is offered a formula", () => {
    const rows = [H2, frontAbove, lib, cls, ["Total corporate support services", 47_668_000, 25_816_000], edu, prop, ["Total", { f: "=SUM(B2,B5)", v: 79_585_000 }, { f: "=SUM(C2,C5)", v: 40_761_600 }]];
    const found = checkSheet(sheet(rows));
    expect(found.filter((f) => f.rule === "total-like-line").map((f) => f.cell)).toEqual(["B5", "C5"]);
    expect(found.filter((f) => f.fix).map((f) => `${f.cell} ${f.rule}`)).toEqual([]);
  });

  it("a grand total at the top over sub-totals above their groups adds up the sub-totals; a wrong sub-total holds it back", () => {
    const rows = [H2, ["Total", { f: "=SUM(B3,B6)", v: 79_603_000 }, { f: "=SUM(C3,C6)", v: 40_806_600 }], ["Total frontline services", { f: "=SUM(B4:B5)", v: 31_917_000 }, { f: "=SUM(C4:C5)", v: 14_945_600 }], lib, cls, ["Total corporate support services", { f: "=SUM(B7:B8)", v: 47_686_000 }, { f: "=SUM(C7)", v: -1_800_000 }], edu, prop];
    const [t] = findTables(sheet(rows));
    expect(t.totals.map((x) => [x.row, x.level, x.lines, x.subtotals])).toEqual([
      [2, "sub", [3, 4], []],
      [5, "sub", [6, 7], []],
      [1, "grand", [3, 4, 6, 7], [2, 5]],
    ]);
    expect(totalFindings(rows)).toEqual(["C6 sum-range-gap fix C6=SUM(C7:C8)"]);
  });
});

describe("a grand total at the top, above every line", () => {
  const findings = (rows: Cell[][]): string[] =>
    checkSheet(sheet(rows))
      .filter((f) => f.severity !== "info")
      .map((f) => `${f.cell} ${f.rule}: ${f.message}${f.fix ? ` | fix ${f.fix.edits.map((e) => `${e.cell}${e.kind === "formula" ? e.formula : String(e.value)}`).join(" ")}` : ""}`);
  const frontBelow: Cell[] = ["Sub-total", { f: "=SUM(B3:B4)", v: 31_917_000 }, { f: "=SUM(C3:C4)", v: 14_945_600 }];
  const corpBelow: Cell[] = ["Sub-total", { f: "=SUM(B6:B7)", v: 47_686_000 }, { f: "=SUM(C6:C7)", v: 25_861_000 }];

  it("typed with a slip over its lines: reported as a bottom total would be, and fixed to the SUM of the lines below it", () => {
    const rows = [H2, ["Total budget", 79_630_000, 40_806_600], lib, cls, edu, prop];
    const [t] = findTables(sheet(rows));
    expect(t.totals.map((x) => [x.row, x.level, x.lines])).toEqual([[1, "grand", [2, 3, 4, 5]]]);
    expect(findings(rows)).toEqual([
      "B2 total-mismatch: The total £79,630,000 in B2 is £27,000 more than its lines add up to (£79,603,000). | fix B2=SUM(B3:B6)",
      "B2 total-hardcoded: The total of Gross budget £ in B2 is typed as a number, so it will not change when a line changes. | fix B2=SUM(B3:B6)",
      "C2 total-hardcoded: The total of Net budget £ in C2 is typed as a number, so it will not change when a line changes. | fix C2=SUM(C3:C6)",
    ]);
  });

  it("a SUM showing a stale figure is reported, with no fix (recalculating is the cure)", () => {
    const rows = [H2, ["Total", { f: "=SUM(B3:B6)", v: 79_000_000 }, { f: "=SUM(C3:C6)", v: 40_806_600 }], lib, cls, edu, prop];
    expect(findings(rows)).toEqual(["B2 total-mismatch: The total £79,000,000 in B2 is £603,000 less than its lines add up to (£79,603,000)."]);
  });

  it("a SUM that stops a row short of the last line is fixed to every line below it", () => {
    const rows = [H2, ["Total", { f: "=SUM(B3:B5)", v: 50_110_000 }, { f: "=SUM(C3:C6)", v: 40_806_600 }], lib, cls, edu, prop];
    expect(findings(rows)).toEqual([
      "B2 sum-range-gap: The total of Gross budget £ in B2 (=SUM(B3:B5)) leaves out row 6. It shows £50,110,000; its lines add up to £79,603,000. | fix B2=SUM(B3:B6)",
    ]);
  });

  it("over sub-totals above their groups: typed with a slip, fixed to the SUM of the sub-totals", () => {
    const rows = [H2, ["Total", 79_000_000, 40_806_600], ["Total frontline services", { f: "=SUM(B4:B5)", v: 31_917_000 }, { f: "=SUM(C4:C5)", v: 14_945_600 }], lib, cls, ["Total corporate support services", { f: "=SUM(B7:B8)", v: 47_686_000 }, { f: "=SUM(C7:C8)", v: 25_861_000 }], edu, prop];
    expect(totalFindings(rows)).toEqual(["B2 total-mismatch fix B2=SUM(B3,B6)", "B2 total-hardcoded fix B2=SUM(B3,B6)", "C2 total-hardcoded fix C2=SUM(C3,C6)"]);
  });

  it("over sub-totals below their groups: typed with a slip, fixed to the SUM of the sub-totals; the sub-totals are still checked", () => {
    const rows = [H2, ["Total", 79_000_000, 40_806_600], lib, cls, frontBelow, edu, prop, corpBelow];
    const [t] = findTables(sheet(rows));
    expect(t.totals.map((x) => [x.row, x.level, x.lines, x.subtotals])).toEqual([
      [4, "sub", [2, 3], []],
      [7, "sub", [5, 6], []],
      [1, "grand", [2, 3, 5, 6], [4, 7]],
    ]);
    expect(totalFindings(rows)).toEqual(["B2 total-mismatch fix B2=SUM(B5,B8)", "B2 total-hardcoded fix B2=SUM(B5,B8)", "C2 total-hardcoded fix C2=SUM(C5,C8)"]);
    const wrongSub = [H2, ["Total", { f: "=SUM(B5,B8)", v: 79_603_000 }, { f: "=SUM(C5,C8)", v: 40_806_600 }], lib, cls, ["Sub-total", { f: "=SUM(B3)", v: 16_792_000 }, frontBelow[2]], edu, prop, corpBelow];
    expect(totalFindings(wrongSub)).toEqual(["B5 sum-range-gap fix B5=SUM(B3:B4)"]);
  });

  it("with a grand total at the bottom as well: both are checked against the lines, and the top one is offered no formula", () => {
    const rows = [H2, ["Total budget", 79_000_000, 40_806_600], lib, cls, edu, prop, ["Total", { f: "=SUM(B3:B6)", v: 79_603_000 }, { f: "=SUM(C3:C6)", v: 40_806_600 }]];
    expect(findings(rows)).toEqual([
      "B2 total-mismatch: The total £79,000,000 in B2 is £603,000 less than its lines add up to (£79,603,000).",
      "B2 total-hardcoded: The total of Gross budget £ in B2 is typed as a number, so it will not change when a line changes.",
      "C2 total-hardcoded: The total of Net budget £ in C2 is typed as a number, so it will not change when a line changes.",
    ]);
  });

  it("a sub-total at the top heading its own group is still read as that group's, not as a grand total", () => {
    const rows = [H2, ["Sub-total", 31_000_000, 14_945_600], lib, cls, ["Sub-total", { f: "=SUM(B6:B7)", v: 47_686_000 }, { f: "=SUM(C6:C7)", v: 25_861_000 }], edu, prop];
    const [t] = findTables(sheet(rows));
    expect(t.totals.map((x) => [x.row, x.level, x.lines])).toEqual([
      [1, "sub", [2, 3]],
      [4, "sub", [5, 6]],
    ]);
    expect(totalFindings(rows)).toEqual(["B2 total-mismatch fix B2=SUM(B3:B4)", "B2 total-hardcoded fix B2=SUM(B3:B4)", "C2 total-hardcoded fix C2=SUM(C3:C4)"]);
  });

  it("a \"Total\" row with nothing in its amount cells is a heading, not a total", () => {
    const rows = [H2, ["Totals", null, null], lib, cls];
    expect(findTables(sheet(rows))[0].totals).toEqual([]);
    expect(findings(rows)).toEqual([]);
  });

  it("a savings total range at the top is checked against the ranges below it", () => {
    // The domain's heading and six savings streams (test/fixtures/budgetSheets.ts), under a total at the top.
    const [heading, ...streams] = savingsClean.rows.slice(0, 7);
    const rows: Cell[][] = [heading, ["Total", "180-230"], ...streams];
    expect(findings(rows)).toEqual([
      "B2 range-total-mismatch: The savings total £180m to £230m in B2 is not the sum of the ranges below it, which add up to £180m to £220m: the high figure is £10m too high. | fix B2180-220",
    ]);
  });
});

/**
 * A generated correct sheet: groups of lines, each with a SUM sub-total above or below it, and a grand total at
 * the bottom, the top or nowhere. `topCell` writes the grand total at the top from its formula and the sum it
 * should show (a SUM showing that sum, unless given).
 */
function generatedSheet(groups: number[][], placement: "above" | "below", grand: "bottom" | "top" | "none", topCell?: (formula: string, sum: number) => Cell): Cell[][] {
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
  const grandCell = { f: `=SUM(${subRows.map((r) => `B${r}`).join(",")})`, v: sumAll };
  if (grand === "top") rows[1] = ["Total", topCell ? topCell(grandCell.f, sumAll) : grandCell, null];
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

  const groupsArb = fc.array(fc.array(fc.integer({ min: 1_000, max: 40_000_000 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 });
  // A slip smaller than any line, so the wrong figure cannot be the sum of some of the lines by chance.
  const slip = fc.integer({ min: -999, max: 999 }).filter((d) => d !== 0);
  /** The total rules' findings (and any finding with a fix) as "cell rule", each fix applied showing the sum of the lines in B2. */
  const checkedTop = (rows: Cell[][], sum: number): string[] => {
    const s = sheet(rows);
    const found = checkSheet(s).filter((f) => TOTAL_RULES.has(f.rule) || f.fix);
    for (const f of found) if (f.fix) expect(applyEditsToSnapshot(s, f.fix.edits).values[1][1]).toBe(sum);
    return found.map((f) => `${f.cell} ${f.rule}`);
  };
  const sumOf = (groups: number[][]): number => groups.flat().reduce((a, b) => a + b, 0);

  it("a sub-total typed with a slip (within 5%), among SUM sub-totals above or below theirs: one warning at it, and nothing else, since every other total is right if it is a total", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1_000, max: 40_000_000 }), { minLength: 2, maxLength: 5 }), { minLength: 2, maxLength: 5 }),
        fc.nat(),
        fc.double({ min: 0.001, max: 0.045, noNaN: true }),
        fc.boolean(),
        fc.constantFrom("bottom" as const, "top" as const, "none" as const),
        fc.constantFrom("above" as const, "below" as const),
        (groups, pick, share, up, grand, placement) => {
          const wrong = pick % groups.length;
          // With no grand total and one SUM sub-total left, heading the table, that total is still its first
          // group's sub-total (its SUM adds up exactly that group), so the slip is questioned there too.
          const rows = generatedSheet(groups, placement, grand);
          const at = rows.findIndex((r) => r[0] === `Total group ${wrong + 1}`);
          const sum = groups[wrong].reduce((a, b) => a + b, 0);
          const typed = Math.round(sum * (up ? 1 + share : 1 - share));
          // Not, by chance, the sum of the group above or of every line so far (then it is read as their total).
          const before = groups.slice(0, wrong);
          fc.pre(before.length === 0 || (typed !== before[before.length - 1].reduce((a, b) => a + b, 0) && typed !== sumOf(before)));
          rows[at] = [rows[at][0], typed, null];
          const found = checkSheet(sheet(rows)).filter((f) => TOTAL_RULES.has(f.rule) || f.rule === "total-like-line" || f.fix);
          expect(found.map((f) => `${f.cell} ${f.rule}${f.fix ? " (fix)" : ""}`)).toEqual([`B${at + 1} total-like-line`]);
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it("a grand total at the top showing a wrong figure (a stale SUM, or a typed slip) is reported at its cell, and any fix puts back the sum", () => {
    fc.assert(
      fc.property(groupsArb, fc.constantFrom("above" as const, "below" as const), slip, fc.boolean(), (groups, placement, off, typed) => {
        const rows = generatedSheet(groups, placement, "top", (f, sum) => (typed ? sum + off : { f, v: sum + off }));
        expect(checkedTop(rows, sumOf(groups)).sort()).toEqual(typed ? ["B2 total-hardcoded", "B2 total-mismatch"] : ["B2 total-mismatch"]);
      }),
      { numRuns: runs(300) },
    );
  });

  it("a right grand total typed at the top is only told to be a formula, and any formula offered shows the same sum", () => {
    fc.assert(
      fc.property(groupsArb, fc.constantFrom("above" as const, "below" as const), (groups, placement) => {
        const rows = generatedSheet(groups, placement, "top", (_f, sum) => sum);
        expect(checkedTop(rows, sumOf(groups))).toEqual(["B2 total-hardcoded"]);
      }),
      { numRuns: runs(300) },
    );
  });
});

/**
 * A group's sub-total at the top of the table, named as that group's ("Total frontline services") and a SUM over
 * exactly its lines, with other groups after it that have no sub-total: it is that group's sub-total, not a grand
 * total at the top with its range run short. A fix stretching its SUM over the groups after it would change what
 * the figure means (the frontline sum becoming the sum of every service), so none may be offered.
 */
describe("a group's sub-total at the top, with groups after it that have no sub-total", () => {
  const place: Cell[] = ["Total Place", 2_000_000, 1_000_000];
  const front: Cell[] = ["Total frontline services", { f: "=SUM(B3:B4)", v: 31_917_000 }, { f: "=SUM(C3:C4)", v: 14_945_600 }];
  /** Every fix applied, the figure in B2 (and C2) stays the frontline sum; returns the findings as "cell rule". */
  const checkedFront = (rows: Cell[][]): string[] => {
    const s = sheet(rows);
    const found = checkSheet(s).filter((f) => TOTAL_RULES.has(f.rule) || f.fix);
    for (const f of found) {
      if (!f.fix) continue;
      const after = applyEditsToSnapshot(s, f.fix.edits);
      expect([after.values[1][1], after.values[1][2]]).toEqual([31_917_000, 14_945_600]);
    }
    return found.map((f) => `${f.cell} ${f.rule}${f.fix ? ` fix ${f.fix.edits.map((e) => `${e.cell}${e.kind === "formula" ? e.formula : String(e.value)}`).join(" ")}` : ""}`);
  };

  it("\"Total frontline services\" =SUM(B3:B4) over its two lines, then a service \"Total Place\" and more: its group's sub-total, nothing offered", () => {
    const rows = [H2, front, lib, cls, place, edu, prop];
    const [t] = findTables(sheet(rows));
    expect(t.totals.map((x) => [x.row, x.level, x.lines])).toEqual([[1, "sub", [2, 3]]]);
    expect(t.lines).toEqual([2, 3, 4, 5, 6]);
    expect(checkedFront(rows)).toEqual([]);
  });

  it.each<[string, Cell[][], string[]]>([
    ["no \"Total Place\" line", [H2, front, lib, cls, edu, prop], []],
    ["a blank row before the next group", [H2, front, lib, cls, [null, null, null], place, edu, prop], []],
    ["a heading over the next group", [H2, front, lib, cls, ["Corporate support", null, null], edu, prop], []],
    ["a grand total at the bottom adding the sub-total and the other lines", [H2, front, lib, cls, place, edu, prop, ["Total", { f: "=SUM(B2,B5:B7)", v: 81_603_000 }, { f: "=SUM(C2,C5:C7)", v: 41_806_600 }]], []],
    [
      "a grand total at the bottom leaving out a line (only it is fixed)",
      [H2, front, lib, cls, place, edu, prop, ["Total", { f: "=SUM(B2,B5:B6)", v: 52_110_000 }, { f: "=SUM(C2,C5:C7)", v: 41_806_600 }]],
      ["B8 sum-range-gap fix B8=SUM(B2,B5:B7)"],
    ],
    ["a stale figure in its SUM (reported against its own group, no fix)", [H2, ["Total frontline services", { f: "=SUM(B3:B4)", v: 31_000_000 }, front[2]], lib, cls, place, edu, prop], ["B2 total-mismatch"]],
  ])("%s: no fix reaches past its group", (_name, rows, expected) => {
    expect(checkedFront(rows)).toEqual(expected);
  });

  it.each(["Total", "Total budget", "Grand total"])("a SUM run short under \"%s\" is still the grand total at the top, fixed to every line below it", (label) => {
    const rows = [H2, [label, { f: "=SUM(B3:B4)", v: 31_917_000 }, { f: "=SUM(C3:C7)", v: 41_806_600 }], lib, cls, place, edu, prop];
    expect(totalFindings(rows)).toEqual(["B2 sum-range-gap fix B2=SUM(B3:B7)"]);
  });

  it("a group's name over a SUM that is not a run of the first lines (a line skipped) is checked, but offered no formula", () => {
    const rows = [H2, ["Total frontline services", { f: "=SUM(B3,B5)", v: 18_792_000 }, { f: "=SUM(C3,C5)", v: 16_174_600 }], lib, cls, place, edu, prop];
    expect(checkedFront(rows)).toEqual(["B2 sum-range-gap", "C2 sum-range-gap"]);
  });

  const groupArb = fc.array(fc.integer({ min: 1_000, max: 40_000_000 }), { minLength: 1, maxLength: 4 });
  it("property: a group-named SUM sub-total heading the first group, other groups after it without one (after a blank row, a heading or nothing; one may begin \"Total Place\"), a grand total at the bottom or none: no fix anywhere", () => {
    fc.assert(
      fc.property(
        groupArb,
        fc.array(fc.record({ lines: groupArb, before: fc.constantFrom("none" as const, "blank" as const, "heading" as const), place: fc.boolean() }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom("Total frontline services", "Total corporate support services", "Total Children's Services", "Total adult social care"),
        fc.constantFrom("none" as const, "bottom" as const),
        (first, others, label, grand) => {
          const sum = first.reduce((a, b) => a + b, 0);
          const rows: Cell[][] = [H2, [label, { f: `=SUM(B3:B${2 + first.length})`, v: sum }, null]];
          first.forEach((v, k) => rows.push([`Service 1.${k + 1}`, v, null]));
          const refs = ["B2"];
          let all = sum;
          others.forEach((g, gi) => {
            if (g.before === "blank") rows.push([null, null, null]);
            if (g.before === "heading") rows.push([`Group ${gi + 2}`, null, null]);
            g.lines.forEach((v, k) => {
              rows.push([g.place && k === 0 ? "Total Place" : `Service ${gi + 2}.${k + 1}`, v, null]);
              refs.push(`B${rows.length}`);
              all += v;
            });
          });
          if (grand === "bottom") rows.push(["Total", { f: `=SUM(${refs.join(",")})`, v: all }, null]);
          const s = sheet(rows);
          const fixes = checkSheet(s).filter((f) => f.fix);
          for (const f of fixes) expect(applyEditsToSnapshot(s, f.fix!.edits).values[1][1]).toBe(sum);
          expect(fixes.map((f) => `${f.cell} ${f.rule}`)).toEqual([]);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe("a sub-total above its group, then one below the last group (a layout mixing the two)", () => {
  const frontAbove: Cell[] = ["Total frontline services", { f: "=SUM(B3:B4)", v: 31_917_000 }, { f: "=SUM(C3:C4)", v: 14_945_600 }];
  const corpBelow: Cell[] = ["Total corporate support services", { f: "=SUM(B5:B6)", v: 47_686_000 }, { f: "=SUM(C5:C6)", v: 25_861_000 }];
  const grandOfBoth: Cell[] = ["Total", { f: "=SUM(B2,B7)", v: 79_603_000 }, { f: "=SUM(C2,C7)", v: 40_806_600 }];

  it("each adds up its own group, and nothing is reported or fixed (was: the one below read as the grand total, 'fixed' to add the frontline services too)", () => {
    const rows = [H2, frontAbove, lib, cls, edu, prop, corpBelow];
    const [t] = findTables(sheet(rows));
    expect(t.totals.map((x) => [x.row, x.level, x.lines])).toEqual([
      [1, "sub", [2, 3]],
      [6, "sub", [4, 5]],
    ]);
    expect(totalFindings(rows)).toEqual([]);
  });

  it("with a grand total of the two at the bottom, read and checked as one (it was left out of the table)", () => {
    const rows = [H2, frontAbove, lib, cls, edu, prop, corpBelow, grandOfBoth];
    const [t] = findTables(sheet(rows));
    expect(t.totals.map((x) => [x.row, x.level, x.subtotals])).toEqual([
      [1, "sub", []],
      [6, "sub", []],
      [7, "grand", [1, 6]],
    ]);
    expect(totalFindings(rows)).toEqual([]);
    const wrong = [H2, frontAbove, lib, cls, edu, prop, corpBelow, ["Total", { f: "=SUM(B2,B7)", v: 79_603_000 }, { f: "=SUM(C7)", v: 25_861_000 }]];
    expect(totalFindings(wrong)).toEqual(["C8 sum-range-gap fix C8=SUM(C2,C7)"]);
  });

  it("a slip in the one below is fixed over its own group, not over every line", () => {
    const slip: Cell[] = ["Total corporate support services", { f: "=SUM(B6:B6)", v: 29_493_000 }, { f: "=SUM(C5:C6)", v: 25_861_000 }];
    expect(totalFindings([H2, frontAbove, lib, cls, edu, prop, slip])).toEqual(["B7 sum-range-gap fix B7=SUM(B5:B6)"]);
  });

  it.each(["Total", "Total budget", "Grand total"])('"%s" under the last lines is still the grand total of everything', (label) => {
    const rows = [H2, frontAbove, lib, cls, edu, prop, [label, { f: "=SUM(B2,B5:B6)", v: 79_603_000 }, { f: "=SUM(C2,C5:C6)", v: 40_806_600 }]];
    const [t] = findTables(sheet(rows));
    expect(t.totals.map((x) => [x.row, x.level])).toEqual([
      [1, "sub"],
      [6, "grand"],
    ]);
    expect(totalFindings(rows)).toEqual([]);
  });

  it("property: sub-totals above the first groups, one below the last, a grand total of them at the bottom or none: no finding on a total and no fix", () => {
    const groupArb = fc.array(fc.integer({ min: 1_000, max: 40_000_000 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(groupArb, { minLength: 1, maxLength: 3 }),
        groupArb,
        fc.constantFrom("Total corporate support services", "Total Children's Services", "Total adult social care"),
        fc.boolean(),
        (above, last, label, grand) => {
          const rows: Cell[][] = [H2];
          const subRows: string[] = [];
          let all = 0;
          above.forEach((g, gi) => {
            const at = rows.length + 1;
            const sum = g.reduce((a, b) => a + b, 0);
            rows.push([`Total group ${gi + 1}`, { f: `=SUM(B${at + 1}:B${at + g.length})`, v: sum }, null]);
            g.forEach((v, k) => rows.push([`Service ${gi + 1}.${k + 1}`, v, null]));
            subRows.push(`B${at}`);
            all += sum;
          });
          const first = rows.length + 1;
          last.forEach((v, k) => rows.push([`Service last.${k + 1}`, v, null]));
          const lastSum = last.reduce((a, b) => a + b, 0);
          rows.push([label, { f: `=SUM(B${first}:B${rows.length})`, v: lastSum }, null]);
          subRows.push(`B${rows.length}`);
          all += lastSum;
          if (grand) rows.push(["Total", { f: `=SUM(${subRows.join(",")})`, v: all }, null]);
          expect(totalFindings(rows)).toEqual([]);
          const [t] = findTables(sheet(rows));
          expect(t.totals.filter((x) => x.level === "sub").length).toBe(above.length + 1);
          expect(t.totals.filter((x) => x.level === "grand").length).toBe(grand ? 1 : 0);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
