/**
 * The members' pack says what it left out (issue 13 item 3): the savings lines that could not be read are
 * listed on the pack's Savings sheet with where they are and why, and the sheet's subtitle says the totals
 * leave them out.
 */
import { describe, expect, it } from "vitest";
import { buildMembersPackLayouts } from "../../src/workbook/membersPack";
import { findPackContents, membersPackInputFromContents } from "../../src/workbook/membersPackFromWorkbook";
import { fixtureSnapshot, savingsFaulty } from "../fixtures/budgetSheets";

describe("members' pack: lines left out", () => {
  it("records the unreadable savings lines with where they are and why", () => {
    const contents = findPackContents([fixtureSnapshot(savingsFaulty)]);
    const omitted = contents.savings[0]?.section.omitted ?? [];
    expect(omitted.map((o) => [o.where, o.written])).toEqual([
      ["Savings!B5", "15-10"],
      ["Savings!B6", "about twenty"],
    ]);
    expect(omitted[0].reason).toContain("low figure above its high figure");
  });

  it("lists them on the pack's Savings sheet, under a heading, and says so in the subtitle", () => {
    const contents = findPackContents([fixtureSnapshot(savingsFaulty)]);
    const input = membersPackInputFromContents(contents, []);
    const { layouts } = buildMembersPackLayouts(input, { title: "Budget 2025-26", sections: { savings: true } });
    const savings = layouts.find((l) => l.cells.some((c) => c.value === "15-10"));
    expect(savings, "a pack sheet shows the line as written").toBeDefined();
    const texts = (savings?.cells ?? []).map((c) => String(c.value ?? ""));
    expect(texts).toContain("Lines left out of these totals (2)");
    expect(texts).toContain("Additional income from trading");
    expect(texts).toContain("Efficiencies from existing savings plans");
    expect(texts.some((t) => t.includes("2 lines could not be read and are NOT in these totals"))).toBe(true);
  });
});
