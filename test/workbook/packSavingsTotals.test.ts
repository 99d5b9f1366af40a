/**
 * The members' pack's savings sheet shows the lines' total and the shortfall the checker reports (issue 14,
 * item 2): a line written high figure first ("65-55") counts as 55-65, a line that cannot be read is left out
 * and listed, and the officers' stated total is named where it differs. The domain's streams (15-20, 15-20,
 * 55-65, 10-15, 20-25, 65-75; total 180-220; requirement £241m: a shortfall of £21m to £61m).
 */
import { describe, expect, it } from "vitest";
import { checkSheet } from "../../src/core/checks";
import { buildMembersPackLayouts } from "../../src/workbook/membersPack";
import { findPackContents, membersPackInputFromContents } from "../../src/workbook/membersPackFromWorkbook";
import { fixtureSnapshot, savingsClean, type FixtureSheet } from "../fixtures/budgetSheets";

/** The paper's savings sheet with the third stream (B4) and the total (B8) written as given. */
function paperWith(third: string, total: string): FixtureSheet {
  const rows = savingsClean.rows.map((r) => r.slice());
  rows[3] = ["Service review & integration activity", third];
  rows[7] = ["Total", total];
  return { name: "Savings", rows };
}

function pack(sheet: FixtureSheet) {
  const snap = fixtureSnapshot(sheet);
  const findings = checkSheet(snap);
  const contents = findPackContents([snap]);
  const built = buildMembersPackLayouts(membersPackInputFromContents(contents, findings), { title: "Budget 2025-26", sections: { savings: true } });
  const layout = built.layouts.find((l) => l.cells.some((c) => c.value === "Savings stream"));
  const texts = (layout?.cells ?? []).map((c) => String(c.value ?? ""));
  return { findings, figures: built.figures.savings, texts, section: contents.savings[0]?.section };
}

describe("members' pack savings totals agree with the checker", () => {
  it("65-55 for 55-65 under a stated 170-210: the pack totals 180-220 with a shortfall of 21 to 61, and names the stated total", () => {
    const p = pack(paperWith("65-55", "170-210"));
    expect(p.figures).toMatchObject({ low: 180, high: 220, requirement: 241, gapLow: 21, gapHigh: 61 });
    expect(p.section?.omitted).toBeUndefined();
    expect(p.section?.streams[2]).toEqual({ name: "Service review & integration activity", range: { low: 55, high: 65, unit: null }, reversed: { where: "Savings!B4", written: "65-55" } });
    expect(p.texts).toContain("The officers' sheet states a total of 170-210 (Savings!B8); its lines add up to £180m-£220m, the total used here.");
    expect(p.texts.some((t) => t.includes('1 line was written high figure first and is counted the right way round: Savings!B4 "65-55" as £55m-£65m.'))).toBe(true);
    // The checker's gap is the same: £21m to £61m from 180-220.
    expect(p.findings.find((f) => f.rule === "requirement-gap")?.message).toBe(
      "Against the requirement of £241m, the savings total of £180m to £220m (the sum of the lines; B8 states £170m to £210m) leaves a shortfall of £21m to £61m.",
    );
  });

  it("an unreadable B4 under a stated 170-210: the pack totals the readable 125-155 with a shortfall of 86 to 116, lists B4, and says the stated total cannot be verified", () => {
    const p = pack(paperWith("fifty-five to sixty-five", "170-210"));
    expect(p.figures).toMatchObject({ low: 125, high: 155, requirement: 241, gapLow: 86, gapHigh: 116 });
    expect(p.section?.omitted?.map((o) => [o.where, o.written])).toEqual([["Savings!B4", "fifty-five to sixty-five"]]);
    expect(p.texts).toContain(
      "The officers' sheet states a total of 170-210 (Savings!B8), which cannot be verified while lines cannot be read; the lines that can be read add up to £125m-£155m, the total used here.",
    );
    expect(p.findings.find((f) => f.rule === "requirement-gap")?.message).toContain("£125m to £155m (B4 cannot be read; B8 states £170m to £210m), leaves a shortfall of £86m to £116m.");
  });

  it("the paper's own sheet: 180-220, no note about the stated total", () => {
    const p = pack(savingsClean);
    expect(p.figures).toMatchObject({ low: 180, high: 220, gapLow: 21, gapHigh: 61 });
    expect(p.section?.stated).toBeUndefined();
    expect(p.texts.some((t) => t.startsWith("The officers' sheet states"))).toBe(false);
  });
});
