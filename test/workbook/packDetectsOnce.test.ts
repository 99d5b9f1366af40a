/**
 * The members' pack and the checks share one table detection per sheet (issue 15): findPackContents hands the
 * tables it found to the caller, and the checks use tables given to them (CheckSnapshotsOptions.tablesOf)
 * instead of detecting them again. No module-level state: the tables travel in a Map the caller owns.
 */
import { describe, expect, it } from "vitest";
import { checkSnapshots, type DetectedTable } from "../../src/core/checks";
import type { SheetSnapshot } from "../../src/core/sheetSnapshot";
import { findPackContents } from "../../src/workbook/membersPackFromWorkbook";
import { fixtureSnapshot, marketReviewSimple, savingsClean } from "../fixtures/budgetSheets";

describe("one table detection per sheet for the pack and its checks", () => {
  it("findPackContents records the tables it found on each sheet", () => {
    const savings = fixtureSnapshot(savingsClean);
    const market = fixtureSnapshot(marketReviewSimple);
    const detected = new Map<SheetSnapshot, DetectedTable[]>();
    findPackContents([savings, market], detected);
    expect([...detected.keys()]).toEqual([savings, market]);
    expect(detected.get(savings)?.map((t) => t.kind)).toEqual(["savings"]);
    expect(detected.get(market)?.map((t) => t.kind)).toEqual(["budget"]);
  });

  it("the checks use the tables they are given, asking once per sheet", () => {
    const savings = fixtureSnapshot(savingsClean);
    const detected = new Map<SheetSnapshot, DetectedTable[]>();
    findPackContents([savings], detected);
    const asked: string[] = [];
    const tablesOf = (s: SheetSnapshot): DetectedTable[] | undefined => {
      asked.push(s.name);
      return detected.get(s);
    };
    const gap = checkSnapshots([savings], { tablesOf }).filter((f) => f.rule === "requirement-gap");
    expect(gap.map((f) => f.message)).toEqual(["Against the requirement of £241m, the savings total of £180m to £220m leaves a shortfall of £21m to £61m."]);
    expect(asked).toEqual(["Savings"]);
    // Given a table without its requirement row, the checks report no gap: they did not detect the table again.
    const withoutRequirement = (detected.get(savings) ?? []).map((t) => ({ ...t, requirement: null }));
    expect(checkSnapshots([savings], { tablesOf: () => withoutRequirement }).filter((f) => f.rule === "requirement-gap")).toEqual([]);
  });
});
