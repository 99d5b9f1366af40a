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
    // "15-10" in B5 is counted as 10-15, as the checks count it (issue 14); only B6 is left out.
    expect(omitted.map((o) => [o.where, o.written])).toEqual([["Savings!B6", "about twenty"]]);
    expect(omitted[0].reason).toContain("is not a savings range");
    expect(contents.savings[0]?.section.streams[3]).toMatchObject({ range: { low: 10, high: 15 }, reversed: { where: "Savings!B5", written: "15-10" } });
  });

  it("lists them on the pack's Savings sheet, under a heading, and says so in the subtitle", () => {
    const contents = findPackContents([fixtureSnapshot(savingsFaulty)]);
    const input = membersPackInputFromContents(contents, []);
    const { layouts } = buildMembersPackLayouts(input, { title: "Budget 2025-26", sections: { savings: true } });
    const savings = layouts.find((l) => l.cells.some((c) => c.value === "about twenty"));
    expect(savings, "a pack sheet shows the line as written").toBeDefined();
    const texts = (savings?.cells ?? []).map((c) => String(c.value ?? ""));
    expect(texts).toContain("Lines left out of these totals (1)");
    expect(texts).toContain("Efficiencies from existing savings plans");
    expect(texts.some((t) => t.includes("1 line could not be read and is NOT in these totals"))).toBe(true);
    expect(texts.some((t) => t.includes('1 line was written high figure first and is counted the right way round: Savings!B5 "15-10" as £10m-£15m.'))).toBe(true);
  });
});
