import { checkReportLayout } from "../../src/core/checks/report";
import { describe, expect, it } from "vitest";
import { writeLayout, readSheetSnapshot, listSheets } from "../../src/excel";
import { styleGroups } from "../../src/excel/writeLayout";
import { columnWidthPoints, STATE_SHEET_NAME } from "../../src/excel/runtime";
import type { SheetLayout } from "../../src/core/layout";
import { reportLayout } from "./layoutFixtures";
import { payloadsUnderLimit, installStandIn } from "./helpers";
import { LayoutCells } from "../../src/core/layoutCells";

describe("writeLayout", () => {
  it("writes a 10,000-line check report on Excel on the web, every request under 5 MB in Office's real JSON", async () => {
    const standIn = installStandIn({ sheets: { Budget: [["Service", "Gross"]] }, profile: "web" });
    standIn.resetStats();
    const findings = Array.from({ length: 10_000 }, (_, i) => ({ sheet: "Budget", cell: `C${i + 2}`, rule: "number-as-text" as const, severity: "warning" as const, message: `Line ${i}: the amount is stored as text` }));
    const { sheetName } = await writeLayout(checkReportLayout(findings));
    expect(standIn.stats.rejected).toBe(0);
    expect(payloadsUnderLimit(standIn)).toBe(true);
    expect(standIn.sheetNames()).toContain(sheetName);
  });

  it("writes a 5,000-row layout in a small, bounded number of syncs with grouped formats", async () => {
    const standIn = installStandIn({ sheets: { Budget: [["Service", "Gross"]] } });
    standIn.resetStats();
    const layout = reportLayout(5_000);
    const { sheetName } = await writeLayout(layout);
    expect(sheetName).toBe("Check report");
    // Look at the workbook, read nothing else, write in one or two batches, save the record.
    expect(standIn.stats.syncs).toBeLessThanOrEqual(5);
    expect(payloadsUnderLimit(standIn)).toBe(true);
    // Not one call per cell: 40,000 styled cells become a few dozen operations.
    const actions = standIn.stats.requests.reduce((n, r) => n + r.operations, 0);
    expect(actions).toBeLessThan(5_000 + 300); // one hyperlink per line is the only per-row operation

    expect(standIn.getValues(sheetName, "A1:B2")).toEqual([["Budget check report", ""], ["Generated 23/11/2026", ""]]);
    expect(standIn.getValues(sheetName, "A5:H5")).toEqual([["Budget", "C2", "number-as-text", "warning", "Line 1: the amount is stored as text", 1000, 500, 0]]);
    // Totals are live formulas, calculated.
    expect(standIn.getFormulas(sheetName, "F5005:H5005")).toEqual([["=SUM(F5:F5004)", "=SUM(G5:G5004)", "=SUM(H5:H5004)"]]);
    const sumF = Array.from({ length: 5_000 }, (_, i) => 1000 + i).reduce((a, b) => a + b, 0);
    expect(standIn.getValues(sheetName, "F5005")).toEqual([[sumF]]);

    const header = standIn.getFormat(sheetName, "C4");
    expect(header).toMatchObject({ bold: true, fill: "#DCE6F2", wrapText: true, verticalAlignment: "Center" });
    expect(header.borders).toEqual({ top: "Continuous", bottom: "Continuous", left: "Continuous", right: "Continuous" });
    expect(standIn.getFormat(sheetName, "F2500")).toMatchObject({ numberFormat: '"£"#,##0;-"£"#,##0', horizontalAlignment: "Right" });
    expect(standIn.getFormat(sheetName, "H2500").numberFormat).toBe("0.00");
    expect(standIn.getFormat(sheetName, "E2500").wrapText).toBe(true);
    const total = standIn.getFormat(sheetName, "F5005");
    expect(total).toMatchObject({ bold: true, fill: "#F2F2F2" });
    expect(total.borders.top).toBe("Double");
    expect(standIn.getFormat(sheetName, "A1")).toMatchObject({ bold: true, fontSize: 14, fontColor: "#1F3864" });
    expect(standIn.getFormat(sheetName, "B6")).toMatchObject({ underline: "Single", fontColor: "#0563C1" });
    expect(standIn.getHyperlink(sheetName, "B6")).toMatchObject({ documentReference: "Budget!C3", textToDisplay: "C3" });

    const info = standIn.sheetInfo(sheetName);
    expect(info.merges).toEqual(["A1:H1"]);
    expect(info.freezeRows).toBe(4);
    expect(info.pageLayout.orientation).toBe("Landscape");
    expect(info.pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(info.pageLayout.printTitleRows).toBe("$4:$4");
    expect(info.columnWidths[4]).toBe(columnWidthPoints(50));
    expect(info.columnWidths[0]).toBe(columnWidthPoints(14));
    expect(standIn.selection().sheet).toBe(sheetName);
    // A plain layout (not marked as output) needs no record of the add-in's: nothing else is added.
    expect(standIn.sheetNames()).toEqual(["Budget", "Check report"]);
    expect((await listSheets()).map((s) => s.name)).toEqual(["Budget", "Check report"]);
  });

  it("keeps text as text, even when it starts with = + - @ or looks like a number or date", async () => {
    const standIn = installStandIn({ sheets: { Budget: [] } });
    const texts = ["=SUM(A1:A2)", "+44 20 7946 0000", "-not a formula", "@mention", "'quoted", "00123", "1,234", "01/04/2024", "TRUE", "12%", "#REF!", "Plain"];
    const layout: SheetLayout = {
      name: "Posts",
      cells: LayoutCells.from(texts.map((t, i) => ({ row: i, col: 0, value: t, style: "body" as const }))),
      merges: [],
      columnWidths: [],
      print: { orientation: "portrait", fitToWidth: false },
    };
    const { sheetName } = await writeLayout(layout, { activate: false });
    expect(standIn.getValues(sheetName, `A1:A${texts.length}`)).toEqual(texts.map((t) => [t]));
    // Not formulas: `formulas` gives back the same text, and the values are strings.
    expect(standIn.getFormulas(sheetName, `A1:A${texts.length}`)).toEqual(texts.map((t) => [t]));
    const snap = await readSheetSnapshot({ sheet: sheetName, scope: "used" });
    expect(snap.formulas.flat().every((f) => f === null)).toBe(true);
    expect(snap.values.map((r) => r[0])).toEqual(texts);
    expect(standIn.selection().sheet).toBe("Budget");
  });

  it("chooses a unique name and never touches existing sheets", async () => {
    const standIn = installStandIn({ sheets: { "Check report": [["mine", 1]], Budget: [["x"]] } });
    standIn.setFormat("Check report", "A1", { fillColor: "#FFFF00" });
    const before = { values: standIn.getValues("Check report", "A1:C3"), fmt: standIn.getFormat("Check report", "A1") };
    const { sheetName } = await writeLayout(reportLayout(3));
    expect(sheetName).toBe("Check report (2)");
    expect(standIn.getValues("Check report", "A1:C3")).toEqual(before.values);
    expect(standIn.getFormat("Check report", "A1")).toEqual(before.fmt);
    expect(standIn.sheetNames().filter((n) => n !== STATE_SHEET_NAME)).toEqual(["Check report", "Budget", "Check report (2)"]);
  });

  it("replaces a sheet it wrote, in place, but refuses to replace a user's sheet", async () => {
    const standIn = installStandIn({ sheets: { Budget: [["x"]], Notes: [["keep me"]] } });
    const first = await writeLayout(reportLayout(3, "Report"), { output: "report" });
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Report").position = 0;
      await context.sync();
    });
    await expect(writeLayout(reportLayout(2, "Report"), { replaceSheet: "Notes" })).rejects.toThrow(/not written by this add-in/);
    expect(standIn.getValues("Notes", "A1")).toEqual([["keep me"]]);
    const second = await writeLayout(reportLayout(7, "Report"), { replaceSheet: first.sheetName, output: "report" });
    expect(second.sheetName).toBe("Report");
    expect(standIn.sheetNames().filter((n) => n !== STATE_SHEET_NAME)).toEqual(["Report", "Budget", "Notes"]);
    expect(standIn.getValues("Report", "E11")).toEqual([["Line 7: the amount is stored as text"]]);
    // The replacement is itself replaceable.
    const third = await writeLayout(reportLayout(1, "Report"), { replaceSheet: "Report" });
    expect(third.sheetName).toBe("Report");
    expect(standIn.getValues("Report", "A6")).toEqual([["Total"]]);
  });

  it("adds tables with unique names and links to its own sheet under its final name", async () => {
    const standIn = installStandIn({ sheets: { Budget: [] } });
    const layout: SheetLayout = {
      name: "Summary",
      cells: LayoutCells.from([
        { row: 0, col: 0, value: "File", style: "header" },
        { row: 0, col: 1, value: "Findings", style: "header" },
        { row: 1, col: 0, value: "adults.xlsx", style: "body", link: { sheet: "Summary", cell: "A1" } },
        { row: 1, col: 1, value: 3, style: "number" },
      ]),
      merges: [],
      columnWidths: [20, 10],
      print: { orientation: "portrait", fitToWidth: true },
      tables: [{ name: "ReturnSummary", range: { row: 0, col: 0, rowCount: 2, colCount: 2 } }],
    };
    await writeLayout(layout);
    const again = await writeLayout(layout);
    expect(again.sheetName).toBe("Summary (2)");
    expect(standIn.tables().map((t) => [t.name, t.sheet, t.address])).toEqual([
      ["ReturnSummary", "Summary", "A1:B2"],
      ["ReturnSummary_2", "Summary (2)", "A1:B2"],
    ]);
    expect(standIn.getHyperlink("Summary (2)", "A2")).toMatchObject({ documentReference: "'Summary (2)'!A1" });
  });

  it("gives a table a name the workbook's defined names and R1C1 references leave free (review: table names)", async () => {
    // Tables and defined names share one set of names; the simulated host refuses a table taking a defined name.
    const standIn = installStandIn({ sheets: { Budget: [] }, names: ["PostList", "C1_Posts"] });
    const table = (name: string): SheetLayout => ({
      name: "Posts",
      cells: LayoutCells.from([
        { row: 0, col: 0, value: "Post ID", style: "header" },
        { row: 1, col: 0, value: "P1", style: "body" },
      ]),
      merges: [],
      columnWidths: [20],
      print: { orientation: "portrait", fitToWidth: true },
      tables: [{ name, range: { row: 0, col: 0, rowCount: 2, colCount: 1 } }],
    });
    await writeLayout(table("PostList"));
    await writeLayout(table("C1 Posts"));
    expect(standIn.tables().map((t) => t.name)).toEqual(["PostList_2", "T_C1_Posts"]);
  });

  it("draws data validation: lists, ranges, number and date limits", async () => {
    const standIn = installStandIn({ sheets: { Budget: [] } });
    const base = { allowBlank: true, errorStyle: "stop" as const, errorTitle: "Not allowed", errorMessage: "Pick from the list" };
    const layout: SheetLayout = {
      name: "Posts",
      cells: LayoutCells.from([{ row: 0, col: 0, value: "Status", style: "header" }]),
      merges: [],
      columnWidths: [],
      print: { orientation: "portrait", fitToWidth: false },
      validations: [
        { ...base, kind: "list", source: ["Filled", "Vacant", "Deleted"], range: { row: 1, col: 0, rowCount: 100, colCount: 1 }, inputTitle: "Status", inputMessage: "Choose one" },
        { ...base, kind: "listRange", source: "=$H$2:$H$40", range: { row: 1, col: 1, rowCount: 100, colCount: 1 } },
        { ...base, kind: "decimal", min: 0, max: 1, errorStyle: "warning", range: { row: 1, col: 2, rowCount: 100, colCount: 1 } },
        { ...base, kind: "date", min: 45383, max: 45747, range: { row: 1, col: 3, rowCount: 1, colCount: 1 } },
      ],
    };
    const { sheetName } = await writeLayout(layout);
    expect(standIn.getDataValidation(sheetName, "A50")).toEqual({ list: { inCellDropDown: true, source: "Filled,Vacant,Deleted" } });
    expect(standIn.getDataValidation(sheetName, "A102")).toBeNull();
    expect(standIn.getDataValidation(sheetName, "B2")).toEqual({ list: { inCellDropDown: true, source: "=$H$2:$H$40" } });
    expect(standIn.getDataValidation(sheetName, "C2")).toEqual({ decimal: { formula1: 0, formula2: 1, operator: "Between" } });
    expect(standIn.getDataValidation(sheetName, "D2")).toEqual({ date: { formula1: "=DATE(2024,4,1)", formula2: "=DATE(2025,3,31)", operator: "Between" } });
    await Excel.run(async (context) => {
      const dv = context.workbook.worksheets.getItem(sheetName).getRange("C3").dataValidation.load("errorAlert, ignoreBlanks, type");
      const list = context.workbook.worksheets.getItem(sheetName).getRange("A3").dataValidation.load("prompt");
      await context.sync();
      expect(dv.errorAlert).toMatchObject({ showAlert: true, style: "Warning", message: "Pick from the list" });
      expect(dv.ignoreBlanks).toBe(true);
      expect(dv.type).toBe("Decimal");
      expect(list.prompt).toEqual({ showPrompt: true, title: "Status", message: "Choose one" });
    });
  });

  it("rejects layouts it cannot draw before touching the workbook", async () => {
    const standIn = installStandIn({ sheets: { Budget: [] } });
    const bad: SheetLayout = { name: "Bad", cells: LayoutCells.from([{ row: 0, col: 0, formula: "SUM(A1)" }]), merges: [], columnWidths: [], print: { orientation: "portrait", fitToWidth: false } };
    await expect(writeLayout(bad)).rejects.toThrow(/does not start with "="/);
    expect(standIn.stats.syncs).toBe(0);
  });

  it("refuses a formula Excel would refuse, naming the cell and the limit, before touching the workbook", async () => {
    const standIn = installStandIn({ sheets: { Budget: [] } });
    const layout = (formula: string): SheetLayout => ({
      name: "Budget sheet",
      cells: LayoutCells.from([{ row: 0, col: 0, value: "Total" }, { row: 2054, col: 2, formula, result: 0 }]),
      merges: [],
      columnWidths: [],
      print: { orientation: "portrait", fitToWidth: false },
    });
    // The members' pack total before it was fixed: a SUM of 2,000 subtotal cells.
    const old = `=SUM(${Array.from({ length: 2000 }, (_, i) => `C${55 + 51 * i}`).join(",")})`;
    await expect(writeLayout(layout(old))).rejects.toThrow(
      /^Budget sheet!C2055: the formula =SUM\(C55,C106,.*… \([\d,]+ characters\) cannot be written, as Excel would refuse it: it is [\d,]+ characters long, and Excel takes at most 8,192 in a formula\.$/,
    );
    await expect(writeLayout(layout(`=SUM(${Array.from({ length: 300 }, () => "1").join(",")})`))).rejects.toThrow(/SUM is given 300 arguments, and Excel takes at most 255 in one function/);
    const withList: SheetLayout = {
      ...layout("=1"),
      validations: [{ kind: "listRange", source: `=${"ABS(".repeat(65)}A1${")".repeat(65)}`, range: { row: 1, col: 0, rowCount: 5, colCount: 1 }, allowBlank: true, errorStyle: "stop", errorTitle: "", errorMessage: "" }],
    };
    await expect(writeLayout(withList)).rejects.toThrow(/^Budget sheet!A2:A6 validation: .* nested 65 deep/);
    expect(standIn.stats.syncs).toBe(0);
    // At the limit it is written.
    await writeLayout(layout(`=SUM(${Array.from({ length: 255 }, () => "1").join(",")})`));
    expect(standIn.stats.syncs).toBeGreaterThan(0);
  });
});

describe("styleGroups", () => {
  it("covers same-style cells with few rectangles and keeps double-top totals row by row", () => {
    const groups = styleGroups(reportLayout(100));
    const money = groups.find((g) => g.style === "money");
    expect(money?.rects).toEqual([{ row: 4, col: 5, rowCount: 100, colCount: 2 }]);
    const header = groups.find((g) => g.style === "header");
    expect(header?.rects).toEqual([{ row: 3, col: 0, rowCount: 1, colCount: 8 }]);
    const totalRects = groups.find((g) => g.style === "total")?.rects ?? [];
    expect(totalRects).toEqual([{ row: 104, col: 0, rowCount: 1, colCount: 5 }]);
    // The title's style spreads over its merge.
    expect(groups.find((g) => g.style === "title")?.rects).toEqual([{ row: 0, col: 0, rowCount: 1, colCount: 8 }]);
    const cellsCovered = groups.reduce((n, g) => n + g.rects.reduce((m, r) => m + r.rowCount * r.colCount, 0), 0);
    expect(cellsCovered).toBe(reportLayout(100).cells.length + 7);
  });
});
