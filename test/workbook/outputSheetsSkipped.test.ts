/**
 * The add-in never reads its own output as input, on the file path too: a sheet whose page footer carries
 * "Budget Tools output" (as the add-in writes it, and as Excel saves it: <headerFooter><oddFooter>&amp;L…) is
 * noticed by the .xlsx reader and skipped by auditWorkbook, the members' pack and Check returns, which say so.
 * The workbook is made in code: a "Check report" sheet holding the faulty market review table (errors on it)
 * with the marker, beside a clean savings sheet.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkReturnsLayout, checkSnapshots, type CheckProgress } from "../../src/core/checks";
import { auditWorkbook } from "../../src/workbook/auditWorkbook";
import { findPackContents, membersPackInputFromContents } from "../../src/workbook/membersPackFromWorkbook";
import { readXlsx } from "../../src/workbook/readXlsx";
import { fixtureSnapshot, marketReviewFaulty, savingsClean, type FixtureSheet } from "../fixtures/budgetSheets";

async function workbook(footer: string | null): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const add = (sheet: FixtureSheet, name: string, oddFooter?: string): void => {
    const ws = wb.addWorksheet(name);
    const snap = fixtureSnapshot(sheet);
    snap.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const f = snap.formulas[r][c];
        if (f) ws.getCell(r + 1, c + 1).value = { formula: f.slice(1), result: v === "#REF!" ? { error: "#REF!" } : (v ?? undefined) } as ExcelJS.CellFormulaValue;
        else if (v !== null) ws.getCell(r + 1, c + 1).value = v;
      }),
    );
    if (oddFooter) ws.headerFooter.oddFooter = oddFooter;
  };
  add(savingsClean, "Savings");
  add(marketReviewFaulty, "Check report", footer ?? undefined);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("the add-in's own output is not read as input (.xlsx)", () => {
  it("the reader notices the marker in the sheet's footer and says what the sheet is", async () => {
    const snaps = await readXlsx(await workbook("&LBudget Tools output: check report&RPage &P"));
    expect(snaps.map((s) => [s.name, s.addinOutput])).toEqual([
      ["Savings", undefined],
      ["Check report", "check report"],
    ]);
  });

  it("auditWorkbook finds the errors on the sheet without the marker, and none with it", async () => {
    const unmarked = await auditWorkbook(await workbook(null));
    expect(unmarked.filter((f) => f.sheet === "Check report").map((f) => `${f.cell} ${f.rule}`)).toEqual(
      expect.arrayContaining(["C2 number-as-text", "D3 net-exceeds-gross", "B6 blank-service", "C8 formula-error"]),
    );
    const marked = await auditWorkbook(await workbook("&LBudget Tools output: check report"));
    expect(marked.filter((f) => f.sheet === "Check report")).toEqual([]);
    // The savings sheet is still checked: the paper's gap, £21m to £61m.
    expect(marked.map((f) => [f.sheet, f.rule])).toEqual([["Savings", "requirement-gap"]]);
  });

  it("checkSnapshots reports the sheet as skipped in its progress", async () => {
    const seen: CheckProgress[] = [];
    checkSnapshots(await readXlsx(await workbook("&LBudget Tools output: check report")), { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => [p.sheet, p.skippedAsOutput])).toEqual([
      ["Savings", undefined],
      ["Check report", "check report"],
    ]);
  });

  it("the members' pack leaves it out and its check results say so", async () => {
    const snaps = await readXlsx(await workbook("&LBudget Tools output: check report"));
    const contents = findPackContents(snaps);
    expect(contents.budgetSheets).toEqual([]);
    expect(contents.budgetTables).toEqual([]);
    expect(contents.skippedOutput).toEqual(["Check report"]);
    const input = membersPackInputFromContents(contents, checkSnapshots(snaps));
    expect(input.checks?.sheetsChecked).toEqual(["Savings"]);
    expect(input.checks?.sheetsSkipped).toEqual(["Check report"]);
  });

  it("Check returns lists the sheet as not checked", () => {
    const layout = checkReturnsLayout([{ file: "Libraries return.xlsx", sheets: ["Savings"], skipped: ["Check report"], findings: [] }]);
    const row = (r: number): unknown[] => layout.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col).map((c) => c.value);
    expect(row(5)).toEqual(["Libraries return.xlsx", "Check report", 0, 0, 0, "Not checked: the add-in's own output, not a return."]);
  });
});
