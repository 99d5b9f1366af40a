/**
 * membersPackFromWorkbook checks only the sheets whose check results go into the pack (the budget and savings
 * sheets), as the task pane does: a post list's findings, or an error value on a notes sheet, would be worked
 * out and then dropped, as the pack lists neither.
 */
import { describe, expect, it, vi } from "vitest";
import type { CellValue, SheetSnapshot } from "../../src/core/sheetSnapshot";
import { postListHeaderRow, postToRow } from "../../src/core/posts/postList";
import { auditSnapshots } from "../../src/workbook/auditWorkbook";
import { findPackContents, membersPackFromWorkbook, membersPackInputFromContents } from "../../src/workbook/membersPackFromWorkbook";
import { readXlsx } from "../../src/workbook/readXlsx";
import { buildXlsx, marketReviewFaulty, savingsClean, type FixtureSheet } from "../fixtures/budgetSheets";
import { SCS_POST_LIST } from "./fixtures";

const checked = vi.hoisted(() => ({ sheets: [] as string[][] }));
vi.mock("../../src/workbook/auditWorkbook", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/workbook/auditWorkbook")>();
  return {
    ...actual,
    auditSnapshots: (snapshots: readonly SheetSnapshot[], options?: Parameters<typeof actual.auditSnapshots>[1]) => {
      checked.sheets.push(snapshots.map((s) => s.name));
      return actual.auditSnapshots(snapshots, options);
    },
  };
});

/** A post list with a blank grade (a finding on its sheet), a notes sheet with #REF! (another), a savings sheet and a faulty budget sheet. */
async function workbook(): Promise<Uint8Array> {
  const header = postListHeaderRow();
  const rows: CellValue[][] = [header, ...SCS_POST_LIST.map((p) => postToRow(p))];
  rows[3][header.indexOf("Grade")] = null;
  const postList: FixtureSheet = { name: "Establishment", rows };
  const notes: FixtureSheet = { name: "Notes", rows: [["Lookup", "#REF!"]] };
  return buildXlsx([postList, notes, savingsClean, marketReviewFaulty]);
}

describe("the members' pack checks the sheets it reports on", () => {
  it("asks the checks about the budget and savings sheets only", async () => {
    checked.sheets.length = 0;
    await membersPackFromWorkbook(await workbook(), { date: new Date(Date.UTC(2026, 3, 1)) });
    expect(checked.sheets).toEqual([["Savings", "Market review"]]);
  });

  it("loses nothing: the pack's input is the same as from the checks of every sheet", async () => {
    const snapshots = await readXlsx(await workbook());
    const contents = findPackContents(snapshots);
    const every = auditSnapshots(snapshots);
    // The other sheets have findings of their own, which the pack leaves out either way.
    expect(new Set(every.map((f) => f.sheet))).toEqual(new Set(["Establishment", "Notes", "Savings", "Market review"]));
    const own = auditSnapshots(snapshots.filter((s) => s.name === "Savings" || s.name === "Market review"));
    expect(own.length).toBeLessThan(every.length);
    expect(membersPackInputFromContents(contents, own)).toEqual(membersPackInputFromContents(contents, every));
  });
});
