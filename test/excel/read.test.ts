import { describe, expect, it } from "vitest";
import { readSheetSnapshot, readWorkbookSnapshots } from "../../src/excel";
import { STATE_SHEET_NAME } from "../../src/excel/runtime";
import type { SeedCell } from "../standin/excel";
import { payloadsUnderLimit, installStandIn } from "./helpers";
import { syncFigures } from "./syncBound";
import { cellAddress } from "../../src/core/a1";

function budgetRows(n: number): SeedCell[][] {
  const rows: SeedCell[][] = [["Service", "Type", "Gross budget", "Net budget", "FTE", "Notes"]];
  for (let i = 1; i <= n; i++) rows.push([`Service ${i}`, i % 3 === 0 ? "Traded" : "Statutory", 10_000 + i * 7, 5_000 + i * 3, (i % 40) / 4, i % 10 === 0 ? `Reviewed ${i}` : null]);
  rows.push(["Total", null, `=SUM(C2:C${n + 1})`, `=SUM(D2:D${n + 1})`, null, null]);
  return rows;
}

describe("readSheetSnapshot on a 100,000-row sheet", () => {
  it("reads everything in a bounded number of syncs, each payload under 5 MB", async () => {
    const n = 100_000;
    const standIn = installStandIn({ sheets: { Budget: budgetRows(n) } });
    standIn.setFormat("Budget", `C2:D${n + 2}`, { numberFormat: '"£"#,##0' });
    standIn.resetStats();
    const progress: number[] = [];
    const snap = await readSheetSnapshot({ scope: "used", onProgress: (p) => p.phase === "reading" && progress.push(p.done) });

    expect(snap.name).toBe("Budget");
    expect(snap.origin).toEqual({ row: 0, col: 0 });
    expect(snap.values.length).toBe(n + 2);
    expect(snap.values[0]).toEqual(["Service", "Type", "Gross budget", "Net budget", "FTE", "Notes"]);
    expect(snap.values[50_000]).toEqual(["Service 50000", "Statutory", 10_000 + 50_000 * 7, 5_000 + 50_000 * 3, 0, "Reviewed 50000"]);
    expect(snap.formulas[50_000].every((f) => f === null)).toBe(true);
    expect(snap.values[n + 1][2]).toBe(n * 10_000 + (7 * n * (n + 1)) / 2);
    expect(snap.formulas[n + 1][2]).toBe(`=SUM(C2:C${n + 1})`);
    expect(snap.values[n + 1][4]).toBeNull();
    expect(snap.numberFormats?.[10][2]).toBe('"£"#,##0');
    expect(snap.numberFormats?.[10][0]).toBe("General");

    // Chunked: the whole sheet is ~25 MB of JSON, so one response could never carry it.
    const totalResponse = standIn.stats.responses.reduce((s, r) => s + r.bytes, 0);
    expect(totalResponse).toBeGreaterThan(5_000_000 * 3);
    expect(payloadsUnderLimit(standIn)).toBe(true);
    // 1 sync to measure + 1 small sample read + ceil(total / 4 MB budget) + 1 spare for rounding.
    const bound = 1 + Math.ceil(totalResponse / 4_000_000) + 2;
    expect(standIn.stats.syncs).toBeLessThanOrEqual(bound);
    expect(standIn.stats.syncs).toBeLessThanOrEqual(12);
    expect(standIn.stats.runs).toBe(1);
    // Progress reaches the end, in increasing steps.
    expect(progress[progress.length - 1]).toBe(n + 2);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });
});

describe("readSheetSnapshot scopes", () => {
  const sheets = {
    Budget: [
      [null, null, null, null],
      [null, "Service", "Gross", "Net"],
      [null, "Adults", 100, 80],
      [null, "Children", "£1,250", 90],
      [null, "'=not a formula", 5, 4],
      [null, "Total", "=SUM(C3:C5)", "=SUM(D3:D5)"],
    ] as SeedCell[][],
    Other: [["x"]],
  };

  it("reads the used range with its origin, merges and formula/text distinction", async () => {
    const standIn = installStandIn({ sheets, activeSheet: "Budget" });
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Budget").getRange("B1:D1").merge();
      await context.sync();
    });
    standIn.setCells("Budget", "B1", [["Care services"]]);
    const snap = await readSheetSnapshot({ scope: "used" });
    expect(snap.origin).toEqual({ row: 0, col: 1 });
    expect(snap.values[0]).toEqual(["Care services", null, null]);
    expect(snap.merges).toEqual([{ row: 0, col: 1, rowCount: 1, colCount: 3 }]);
    // "£1,250" typed into a General cell is a number in Excel (with a currency format).
    expect(snap.values[3]).toEqual(["Children", 1250, 90]);
    expect(snap.numberFormats?.[3][1]).toBe("£#,##0");
    // Text typed with an apostrophe is a constant, not a formula.
    expect(snap.values[4][0]).toBe("=not a formula");
    expect(snap.formulas[4][0]).toBeNull();
    expect(snap.values[5]).toEqual(["Total", 1355, 174]);
    expect(snap.formulas[5]).toEqual([null, "=SUM(C3:C5)", "=SUM(D3:D5)"]);
  });

  it("reads the selection, clipped to the used range, from the selection's sheet", async () => {
    installStandIn({ sheets, activeSheet: "Budget", selection: "C3:D1000" });
    const snap = await readSheetSnapshot({ scope: "selection", sheet: "Other" });
    expect(snap.name).toBe("Budget");
    expect(snap.origin).toEqual({ row: 2, col: 2 });
    expect(snap.values).toEqual([[100, 80], [1250, 90], [5, 4], [1355, 174]]);
  });

  it("reads an address on a named sheet and a whole-column address without reading a million rows", async () => {
    const standIn = installStandIn({ sheets });
    const snap = await readSheetSnapshot({ sheet: "Budget", scope: { address: "B:C" } });
    expect(snap.origin).toEqual({ row: 0, col: 1 });
    expect(snap.values.length).toBe(6);
    expect(standIn.stats.maxResponseBytes).toBeLessThan(2_000);
  });

  it("returns an empty snapshot for an empty sheet", async () => {
    installStandIn({ sheets: { Empty: [] } });
    const snap = await readSheetSnapshot({ scope: "used" });
    expect(snap).toEqual({ name: "Empty", origin: { row: 0, col: 0 }, values: [], formulas: [], numberFormats: [], merges: [] });
  });

  it("fails clearly for a sheet that does not exist", async () => {
    installStandIn({ sheets });
    await expect(readSheetSnapshot({ sheet: "Nope", scope: "used" })).rejects.toMatchObject({ code: "ItemNotFound" });
  });
});

describe("cancellation and payload adaptation", () => {
  it("stops between syncs when the signal fires, with an AbortError", async () => {
    const standIn = installStandIn({ sheets: { Big: budgetRows(60_000) } });
    standIn.resetStats();
    const controller = new AbortController();
    let reads = 0;
    const promise = readSheetSnapshot({
      scope: "used",
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === "reading" && ++reads === 1) controller.abort();
      },
    });
    await expect(promise).rejects.toMatchObject({ name: "AbortError" });
    // One sync measured, one read a chunk, then it stopped.
    expect(standIn.stats.syncs).toBe(2);
  });

  it("rejects at once when the signal has already fired, without touching Excel", async () => {
    const standIn = installStandIn({ sheets: { S: [[1]] } });
    const controller = new AbortController();
    controller.abort();
    await expect(readSheetSnapshot({ scope: "used", signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(standIn.stats.syncs).toBe(0);
  });

  it("adapts to cells much larger than estimated and still reads everything under the limit", async () => {
    const long = "x".repeat(400);
    const rows: SeedCell[][] = Array.from({ length: 3_000 }, (_, i) => [`${long} ${i}`, i, `${long}!`]);
    const standIn = installStandIn({ sheets: { Text: rows }, payloadLimitBytes: 600_000 });
    standIn.resetStats();
    const snap = await readSheetSnapshot({ scope: "used", responseBudgetBytes: 500_000 });
    expect(snap.values.length).toBe(3_000);
    expect(snap.values[2_999]).toEqual([`${long} 2999`, 2999, `${long}!`]);
    // One refused sync while it learns how big the cells are (the first sample), then none.
    expect(standIn.stats.rejected).toBeLessThanOrEqual(1);
    const accepted = standIn.stats.responses.filter((r) => !r.rejected);
    expect(accepted.every((r) => r.bytes <= 600_000)).toBe(true);
    expect(standIn.stats.responses.findIndex((r) => r.rejected)).toBeLessThanOrEqual(1);
  });
});

describe("readWorkbookSnapshots", () => {
  it("reads every visible sheet in tab order, skipping hidden sheets and the add-in's state sheet", async () => {
    const standIn = installStandIn({ sheets: { One: [["a", 1]], Two: [["b", 2]], Hidden: [["h"]], Empty: [] } });
    standIn.addSheet(STATE_SHEET_NAME, [["{}"]]);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Hidden").visibility = "Hidden";
      context.workbook.worksheets.getItem(STATE_SHEET_NAME).visibility = "VeryHidden";
      await context.sync();
    });
    standIn.resetStats();
    const snaps = await readWorkbookSnapshots();
    expect(snaps.map((s) => s.name)).toEqual(["One", "Two", "Empty"]);
    expect(snaps[1].values).toEqual([["b", 2]]);
    expect(snaps[2].values).toEqual([]);
    // Sheet list, used ranges, one read for all sheets.
    expect(standIn.stats.syncs).toBe(3);
    const withHidden = await readWorkbookSnapshots({ includeHidden: true });
    expect(withHidden.map((s) => s.name)).toEqual(["One", "Two", "Hidden", "Empty"]);
  });
});

describe("readWorkbookSnapshots on large workbooks", () => {
  it("packs reads across sheets under the budget and can be cancelled between syncs", async () => {
    const standIn = installStandIn({ sheets: { A: budgetRows(30_000), B: budgetRows(30_000), C: budgetRows(30_000) } });
    standIn.resetStats();
    const snaps = await readWorkbookSnapshots();
    expect(snaps.map((s) => s.values.length)).toEqual([30_002, 30_002, 30_002]);
    expect(snaps[2].values[30_001][2]).toBe(30_000 * 10_000 + (7 * 30_000 * 30_001) / 2);
    expect(payloadsUnderLimit(standIn)).toBe(true);
    const totalResponse = standIn.stats.responses.reduce((n, r) => n + r.bytes, 0);
    expect(standIn.stats.syncs).toBeLessThanOrEqual(2 + 1 + Math.ceil(totalResponse / 4_000_000) + 1);

    standIn.resetStats();
    const controller = new AbortController();
    const cancelled = readWorkbookSnapshots({ signal: controller.signal, onProgress: (p) => p.phase === "reading" && controller.abort() });
    await expect(cancelled).rejects.toMatchObject({ name: "AbortError" });
    expect(standIn.stats.syncs).toBe(3);
  });
});

describe("readWorkbookSnapshots for the members' pack (web profile)", () => {
  it("reads every sheet within bound + 2 syncs, every response under 5 MB, every cell exactly as the sheet holds it", async () => {
    // Sheets of different widths and cell sizes: a long budget, a sheet of long notes, a block away from A1, an empty one.
    const notes: SeedCell[][] = Array.from({ length: 8_000 }, (_, i) => [`Note ${i}`, `${"The committee agreed the saving subject to consultation. ".repeat(4)}${i}`]);
    const offset: SeedCell[][] = Array.from({ length: 2_000 }, (_, i) => (i < 4 ? [null, null, null] : [null, null, `Line ${i}`, i * 1.5, i % 2 === 0, `=D${i + 1}*2`]));
    const standIn = installStandIn({ sheets: { Budget: budgetRows(60_000), Notes: notes, Offset: offset, Empty: [] }, profile: "web" });
    standIn.setFormat("Budget", "C2:D60001", { numberFormat: '"£"#,##0' });
    standIn.setFormat("Offset", "D5:D2000", { numberFormat: "0.0%" });
    standIn.resetStats();
    const snaps = await readWorkbookSnapshots();
    const f = syncFigures(standIn);
    expect(payloadsUnderLimit(standIn)).toBe(true);
    expect(f.bound).toBeGreaterThanOrEqual(4); // several syncs' worth of answer: batching is exercised
    expect(f.syncs).toBeLessThanOrEqual(f.bound + 2);

    expect(snaps.map((s) => s.name)).toEqual(["Budget", "Notes", "Offset", "Empty"]);
    for (const [name, rows, cols] of [["Budget", 60_002, 6], ["Notes", 8_000, 2], ["Offset", 1_996, 4]] as const) {
      const snap = snaps.find((s) => s.name === name);
      if (!snap) throw new Error(name);
      const address = `${cellAddress(snap.origin.row, snap.origin.col)}:${cellAddress(snap.origin.row + rows - 1, snap.origin.col + cols - 1)}`;
      const values = standIn.getValues(name, address).map((row) => row.map((v) => (v === "" ? null : v)));
      const formulas = standIn.getFormulas(name, address).map((row) => row.map((v) => (typeof v === "string" && v.startsWith("=") ? v : null)));
      expect(snap.values).toEqual(values);
      expect(snap.formulas).toEqual(formulas);
    }
    const offsetSnap = snaps[2];
    expect(offsetSnap.origin).toEqual({ row: 4, col: 2 });
    expect(offsetSnap.numberFormats?.[0]).toEqual(["General", "0.0%", "General", "General"]);
    expect(snaps[0].numberFormats?.[30_000]).toEqual(["General", "General", '"£"#,##0', '"£"#,##0', "General", "General"]);
    expect(snaps[3].values).toEqual([]);
  });
});

