import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createExcelStandIn, type ExcelStandIn } from "./index";

let standIn: ExcelStandIn;
let uninstall: () => void;

function setUp(options: Parameters<typeof createExcelStandIn>[0]): ExcelStandIn {
  standIn = createExcelStandIn(options);
  uninstall = standIn.install();
  return standIn;
}

afterEach(() => uninstall?.());

describe("load before read", () => {
  beforeEach(() => {
    setUp({ sheets: { Budget: [["Service", "Gross"], ["Libraries", 100]] } });
  });

  it("throws PropertyNotLoaded when a property is read before load + sync", async () => {
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Budget").getRange("A1:B2");
      expect(() => range.values).toThrowError(/The property 'values' is not available. Before reading the property's value, call the load method/);
      range.load("values");
      // Loaded but not yet synced: still not available.
      expect(() => range.values).toThrowError(/not available/);
      await context.sync();
      expect(range.values).toEqual([["Service", "Gross"], ["Libraries", 100]]);
      expect(() => range.formulas).toThrowError(/'formulas' is not available/);
    });
  });

  it("gives the error the code Office gives", async () => {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Budget");
      let code: unknown;
      try {
        void sheet.name;
      } catch (e) {
        code = (e as { code?: unknown }).code;
      }
      expect(code).toBe("PropertyNotLoaded");
    });
  });

  it("applies queued writes only at sync, and loads see the state at their place in the queue", async () => {
    await Excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem("Budget").getRange("B2");
      const before = context.workbook.worksheets.getItem("Budget").getRange("B2").load("values");
      cell.values = [[250]];
      expect(standIn.getValues("Budget", "B2")).toEqual([[100]]);
      const after = context.workbook.worksheets.getItem("Budget").getRange("B2").load("values");
      await context.sync();
      expect(before.values).toEqual([[100]]);
      expect(after.values).toEqual([[250]]);
      expect(standIn.getValues("Budget", "B2")).toEqual([[250]]);
    });
  });

  it("loads collection items and nested format properties", async () => {
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      const range = context.workbook.worksheets.getItem("Budget").getRange("A1");
      range.format.fill.color = "#FF0000";
      range.load("format/fill/color, format/font/bold, address");
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Budget"]);
      expect(range.format.fill.color).toBe("#FF0000");
      expect(range.format.font.bold).toBe(false);
      expect(range.address).toBe("Budget!A1");
    });
  });

  it("resolves ...OrNullObject at sync", async () => {
    await Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      const present = context.workbook.worksheets.getItemOrNullObject("budget");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
    });
  });

  it("rejects a sync that touches a missing sheet with ItemNotFound", async () => {
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Nope").getRange("A1").load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("refuses objects used after Excel.run has finished", async () => {
    let leaked: Excel.Range | undefined;
    await Excel.run(async (context) => {
      leaked = context.workbook.worksheets.getItem("Budget").getRange("A1");
    });
    // Office's client refuses it (InvalidObjectPath: the run released its reference).
    expect(() => leaked?.load("values")).toThrowError(/isn't working/);
  });
});

describe("formulas are calculated by HyperFormula", () => {
  it("calculates, across sheets, and recalculates after writes", async () => {
    setUp({
      sheets: {
        Budget: [["Service", "Gross"], ["Libraries", 100], ["Parks", 250], ["Total", "=SUM(B2:B3)"]],
        Summary: [["Budget total", "=Budget!B4*2"], ["Bad", "=B9/0"], ["Missing", "=#REF!+1"], ["Unknown", "=NOSUCHFUNCTION(1)"]],
      },
    });
    expect(standIn.getValues("Budget", "B4")).toEqual([[350]]);
    expect(standIn.getValues("Summary", "B1")).toEqual([[700]]);
    await Excel.run(async (context) => {
      const budget = context.workbook.worksheets.getItem("Budget");
      budget.getRange("B2").values = [[1000]];
      const total = budget.getRange("B4").load("values, formulas, valueTypes");
      const summary = context.workbook.worksheets.getItem("Summary").getRange("B1:B4").load("values, valueTypes");
      await context.sync();
      expect(total.values).toEqual([[1250]]);
      expect(total.formulas).toEqual([["=SUM(B2:B3)"]]);
      expect(total.valueTypes).toEqual([["Double"]]);
      expect(summary.values).toEqual([[2500], ["#DIV/0!"], ["#REF!"], ["#NAME?"]]);
      expect(summary.valueTypes).toEqual([["Double"], ["Error"], ["Error"], ["Error"]]);
    });
  });

  it("recalculates a formula whose sheet is renamed", async () => {
    setUp({ sheets: { Data: [[5]], Calc: [["=Data!A1+1"]] } });
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Data").name = "Figures";
      const calc = context.workbook.worksheets.getItem("Calc").getRange("A1").load("values");
      await context.sync();
      expect(calc.values).toEqual([[6]]);
    });
  });
});

describe("text and formula entry rules", () => {
  it("turns '=...' written to values into a formula, keeps it text in a Text cell or after an apostrophe", async () => {
    setUp({ sheets: { S: [[2, 3]] } });
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      s.getRange("A2").values = [["=A1+B1"]];
      s.getRange("A3").numberFormat = [["@"]];
      s.getRange("A3").values = [["=A1+B1"]];
      s.getRange("A4").values = [["'=A1+B1"]];
      s.getRange("A5").values = [["-A1"]];
      s.getRange("A6").values = [["1,234"]];
      s.getRange("A7").values = [["'1,234"]];
      s.getRange("A8").values = [["TRUE"]];
      const r = s.getRange("A2:A8").load("values, formulas, valueTypes");
      await context.sync();
      expect(r.values).toEqual([[5], ["=A1+B1"], ["=A1+B1"], [-2], [1234], ["1,234"], [true]]);
      expect(r.formulas).toEqual([["=A1+B1"], ["=A1+B1"], ["=A1+B1"], ["=-A1"], [1234], ["1,234"], [true]]);
      expect(r.valueTypes).toEqual([["Double"], ["String"], ["String"], ["Double"], ["Double"], ["String"], ["Boolean"]]);
    });
    expect(standIn.getFormat("S", "A4").quotePrefix).toBe(true);
  });

  it("treats null in a written array as 'leave this cell' and '' as 'clear it'", async () => {
    setUp({ sheets: { S: [[1, 2, 3]] } });
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:C1").values = [[null, "", 9]] as unknown as string[][];
      await context.sync();
    });
    expect(standIn.getValues("S", "A1:C1")).toEqual([[1, "", 9]]);
  });

  it("checks the dimensions of a written array", async () => {
    setUp({ sheets: { S: [] } });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:B2").values = [[1, 2]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});

describe("sync counting and payload limits", () => {
  it("counts syncs (including Excel.run's final one for queued work) and measures payloads", async () => {
    setUp({ sheets: { S: [[1, 2], [3, 4]] } });
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("A1:B2").load("values");
      await context.sync();
      expect(r.values).toEqual([[1, 2], [3, 4]]);
      context.workbook.worksheets.getItem("S").getRange("C1").values = [[5]];
    });
    expect(standIn.stats.syncs).toBe(2);
    expect(standIn.stats.runs).toBe(1);
    expect(standIn.stats.responses[0].bytes).toBeGreaterThanOrEqual(JSON.stringify([[1, 2], [3, 4]]).length);
    expect(standIn.stats.requests[1].bytes).toBeGreaterThan(0);
    expect(standIn.stats.maxResponseBytes).toBe(Math.max(...standIn.stats.responses.map((r) => r.bytes)));
  });

  it("rejects a request over the limit with RequestPayloadSizeLimitExceeded and applies nothing", async () => {
    setUp({ sheets: { S: [] }, payloadLimitBytes: 10_000 });
    const rows = Array.from({ length: 500 }, (_, i) => [`row ${i} with some text`]);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:A500").values = rows;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(standIn.getValues("S", "A1")).toEqual([[""]]);
    expect(standIn.stats.rejected).toBe(1);
  });

  it("rejects a response over the limit with ResponsePayloadSizeLimitExceeded", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [i, `Service ${i}`, i * 1.5]);
    setUp({ sheets: { S: rows }, payloadLimitBytes: 20_000 });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:C2000").load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    // A smaller read fits.
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("A1:C100").load("values");
      await context.sync();
      expect(r.values.length).toBe(100);
    });
  });
});

describe("worksheets, ranges, formats, tables", () => {
  it("adds, renames, hides, activates and deletes sheets", async () => {
    setUp({ sheets: { One: [[1]], Two: [[2]] } });
    await Excel.run(async (context) => {
      const added = context.workbook.worksheets.add("Report");
      added.activate();
      context.workbook.worksheets.getItem("Two").visibility = "VeryHidden";
      context.workbook.worksheets.getItem("One").delete();
      const active = context.workbook.worksheets.getActiveWorksheet().load("name");
      await context.sync();
      expect(active.name).toBe("Report");
    });
    expect(standIn.sheetNames()).toEqual(["Two", "Report"]);
    expect(standIn.sheetInfo("Two").visibility).toBe("VeryHidden");
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.add("report");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
  });

  it("reports used ranges, merges, fills, borders and column widths as Office does", async () => {
    setUp({ sheets: { S: [[null, null], [null, "x", "y"], [null, 1, 2]] } });
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      const used = s.getUsedRange(true).load("address, rowIndex, columnIndex, rowCount, columnCount");
      s.getRange("B2:C2").merge();
      s.getRange("B3").format.fill.color = "#FFFF00";
      const box = s.getRange("B3:C3");
      for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical"] as const) box.format.borders.getItem(edge).style = "Continuous";
      s.getRange("B:B").format.columnWidth = 120;
      const merged = s.getRange("A1:D4").getMergedAreasOrNullObject().load("address");
      const fills = s.getRange("B3").load("format/fill/color");
      const noFill = s.getRange("C3").load("format/fill/color");
      const mixed = s.getRange("B3:C3").load("format/fill/color");
      const width = s.getRange("B1").load("format/columnWidth");
      const emptySheet = context.workbook.worksheets.add("Empty").getUsedRangeOrNullObject();
      await context.sync();
      expect(used.address).toBe("S!B2:C3");
      expect([used.rowIndex, used.columnIndex, used.rowCount, used.columnCount]).toEqual([1, 1, 2, 2]);
      expect(merged.address).toBe("S!B2:C2");
      expect(fills.format.fill.color).toBe("#FFFF00");
      expect(noFill.format.fill.color).toBe("#FFFFFF");
      expect(mixed.format.fill.color).toBeNull();
      expect(width.format.columnWidth).toBe(120);
      expect(emptySheet.isNullObject).toBe(true);
    });
    expect(standIn.getValues("S", "B2:C2")).toEqual([["x", ""]]);
    expect(standIn.getFormat("S", "C3").borders).toEqual({ top: "Continuous", bottom: "Continuous", left: "Continuous", right: "Continuous" });
    expect(standIn.getFormat("S", "C3").fill).toBeNull();
  });

  it("tells a white fill from no fill by tintAndShade (null for no fill), also when pattern reads null", async () => {
    setUp({ sheets: { S: [[1, 2]] }, quirks: { fillPatternNull: true } });
    const read = await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      s.getRange("A1").format.fill.color = "#FFFFFF";
      const props = s.getRange("A1:B1").getCellProperties({ format: { fill: { color: true, pattern: true, tintAndShade: true } } });
      await context.sync();
      return props.value[0].map((p) => p.format?.fill);
    });
    expect(read).toEqual([
      { color: "#FFFFFF", pattern: null, tintAndShade: 0 },
      { color: "#FFFFFF", pattern: null, tintAndShade: null },
    ]);
  });

  it("sets fills on several areas at once through getRanges and clears them", async () => {
    setUp({ sheets: { S: [[1, 2, 3]] } });
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("S");
      const areas = s.getRanges("A1, C1:C2");
      areas.format.fill.color = "#F8D7DA";
      areas.load("areaCount, address");
      await context.sync();
      expect(areas.areaCount).toBe(2);
      expect(areas.address).toBe("S!A1,S!C1:C2");
      s.getRanges("C1:C2").format.fill.clear();
      await context.sync();
    });
    expect(standIn.getFormat("S", "A1").fill).toBe("#F8D7DA");
    expect(standIn.getFormat("S", "B1").fill).toBeNull();
    expect(standIn.getFormat("S", "C1").fill).toBeNull();
  });

  it("adds tables with unique headers and reads their parts", async () => {
    setUp({ sheets: { S: [["Service", "", "Service"], ["A", 1, 2]] } });
    await Excel.run(async (context) => {
      const t = context.workbook.worksheets.getItem("S").tables.add("A1:C2", true);
      t.name = "Findings";
      const header = t.getHeaderRowRange().load("values");
      const body = t.getDataBodyRange().load("address");
      await context.sync();
      expect(header.values).toEqual([["Service", "Column2", "Service2"]]);
      expect(body.address).toBe("S!A2:C2");
    });
    expect(standIn.tables()).toEqual([{ name: "Findings", sheet: "S", address: "A1:C2", style: "TableStyleMedium2" }]);
  });

  it("adds a table without headers as Excel does: a generated header, the data shifted down one row", async () => {
    setUp({ sheets: { S: [["Adults", 10, "x"], ["Children", 20, "y"], [null, null, "z"]], T: [["=SUM(S!B1:B2)"]] } });
    await Excel.run(async (context) => {
      const t = context.workbook.worksheets.getItem("S").tables.add("A1:B2", false);
      const header = t.getHeaderRowRange().load("values");
      const body = t.getDataBodyRange().load("values, address");
      const total = context.workbook.worksheets.getItem("T").getRange("A1").load("values, formulas");
      await context.sync();
      expect(header.values).toEqual([["Column1", "Column2"]]);
      expect(body.values).toEqual([["Adults", 10], ["Children", 20]]);
      expect(body.address).toBe("S!A2:B3");
      // A formula pointing at the data follows it.
      expect(total.values).toEqual([[30]]);
      expect(total.formulas).toEqual([["=SUM(S!B2:B3)"]]);
    });
    // Column C was outside the table: not shifted.
    expect(standIn.getValues("S", "C1:C3")).toEqual([["x"], ["y"], ["z"]]);
  });

  it("selects, freezes, sets print layout, hyperlinks and validation", async () => {
    setUp({ sheets: { S: [["a"]], T: [] } });
    await Excel.run(async (context) => {
      const t = context.workbook.worksheets.getItem("T");
      t.freezePanes.freezeRows(2);
      t.pageLayout.orientation = "Landscape";
      t.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      t.pageLayout.setPrintTitleRows("$1:$2");
      t.getRange("A1").hyperlink = { documentReference: "S!A1", textToDisplay: "=go" };
      t.getRange("B1").dataValidation.rule = { list: { inCellDropDown: true, source: "Yes,No" } };
      t.getRange("C3").select();
      const sel = context.workbook.getSelectedRange().load("address");
      await context.sync();
      expect(sel.address).toBe("T!C3");
    });
    const info = standIn.sheetInfo("T");
    expect(info.freezeRows).toBe(2);
    expect(info.pageLayout.orientation).toBe("Landscape");
    expect(info.pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(info.pageLayout.printTitleRows).toBe("$1:$2");
    expect(standIn.getHyperlink("T", "A1")).toMatchObject({ documentReference: "S!A1" });
    expect(standIn.getValues("T", "A1")).toEqual([["=go"]]);
    expect(standIn.getDataValidation("T", "B1")).toEqual({ list: { inCellDropDown: true, source: "Yes,No" } });
    expect(standIn.selection()).toEqual({ sheet: "T", address: "C3" });
  });

  it("renders Range.text through the number format", async () => {
    setUp({ sheets: { S: [[1234.5, -1234.5, 0.125, 45383, "text", true, 1 / 3]] } });
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("A1:G1");
      r.numberFormat = [['"£"#,##0.00', '"£"#,##0;-"£"#,##0', "0.0%", "dd/mm/yyyy", "@", "General", "General"]];
      r.load("text");
      await context.sync();
      expect(r.text).toEqual([["£1,234.50", "-£1,235", "12.5%", "01/04/2024", "text", "TRUE", "0.333333333"]]);
    });
  });

  it("refuses writes to a protected sheet", async () => {
    setUp({ sheets: { S: [[1]] } });
    await expect(
      Excel.run(async (context) => {
        const s = context.workbook.worksheets.getItem("S");
        s.protection.protect();
        s.getRange("A1").values = [[2]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
    expect(standIn.getValues("S", "A1")).toEqual([[1]]);
  });

  it("records Excel.createWorkbook and can pretend it does not exist", async () => {
    setUp({});
    await Excel.createWorkbook("UEsDBA==");
    expect(standIn.createdWorkbooks()).toEqual(["UEsDBA=="]);
    standIn.setCreateWorkbookSupported(false);
    expect((Excel as unknown as { createWorkbook?: unknown }).createWorkbook).toBeUndefined();
  });

  it("sends Excel.createWorkbook's base64 in a normal request: over 5 MB on the web it is refused, on desktop not", async () => {
    const big = "A".repeat(5_200_000);
    setUp({ profile: "web" });
    await expect(Excel.createWorkbook(big)).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(standIn.createdWorkbooks()).toEqual([]);
    uninstall();
    setUp({ profile: "windows-m365" });
    await Excel.createWorkbook(big);
    expect(standIn.createdWorkbooks()).toHaveLength(1);
  });

  it("gives the workbook file through Office.context.document.getFileAsync in slices, one open file at a time, or fails as set", async () => {
    setUp({});
    standIn.setWorkbookFile(Uint8Array.from({ length: 10 }, (_, i) => i));
    type Result = { status: string; value?: unknown; error?: { code: number; message: string } };
    type File = { size: number; sliceCount: number; getSliceAsync(i: number, cb: (r: Result) => void): void; closeAsync(cb?: (r: Result) => void): void };
    const doc = (standIn.Office.context as unknown as { document: { getFileAsync(t: string, o: { sliceSize: number }, cb: (r: Result) => void): void } }).document;
    const get = (): Promise<Result> => new Promise((resolve) => doc.getFileAsync("compressed", { sliceSize: 4 }, resolve));
    const first = await get();
    const file = first.value as File;
    expect([first.status, file.size, file.sliceCount]).toEqual(["succeeded", 10, 3]);
    const slice = await new Promise<Result>((resolve) => file.getSliceAsync(2, resolve));
    expect((slice.value as { data: number[] }).data).toEqual([8, 9]);
    expect((await get()).error?.message).toBe("Call closeAsync on the current File before retrieving another.");
    await new Promise((resolve) => file.closeAsync(resolve));
    expect(standIn.files).toEqual({ opened: 1, open: 0 });
    standIn.quirks.fileError = { code: 11001, message: "A network problem has prevented retrieval of the file." };
    expect((await get()).error?.code).toBe(11001);
  });
});

describe("the add-in's custom functions", () => {
  it("calculates =BUDGET.* formulas when given functions.json metadata", async () => {
    const { generateCustomFunctionsMetadata } = await import("custom-functions-metadata");
    const { BUDGET_FUNCTIONS } = await import("../../../src/functions/functions");
    const generated = await generateCustomFunctionsMetadata(["src/functions/functions.ts"], true);
    const metadata = JSON.parse(generated.metadataJson) as import("../budgetFunctionsPlugin").FunctionsJson;
    setUp({ sheets: { Costs: [["KR17", '=BUDGET.GRADECOST("KR17",1)', "=B1*2"]] }, budgetFunctions: metadata });
    const direct = (BUDGET_FUNCTIONS.GRADECOST as unknown as (...a: unknown[]) => unknown)("KR17", 1, null, null, null, null);
    expect(typeof direct).toBe("number");
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Costs").getRange("B1:C1").load("values, formulas");
      await context.sync();
      expect(r.values).toEqual([[direct, (direct as number) * 2]]);
      expect(r.formulas[0][0]).toBe('=BUDGET.GRADECOST("KR17",1)');
    });
  });
});

describe("Office's own client on the other side of the wire", () => {
  it("is the pinned office.js: its RequestContext, its error class, and the request JSON it really sends", async () => {
    setUp({ sheets: { Budget: [["Service", "Gross"], ["Libraries", 100]] } });
    standIn.recordTraffic = true;
    await Excel.run(async (context) => {
      expect(context).toBeInstanceOf(standIn.OfficeExtension.ClientRequestContext);
      const r = context.workbook.worksheets.getItem("Budget").getRange("B2").load("values");
      await context.sync();
      expect(r.values).toEqual([[100]]);
    });
    const { request, response } = standIn.traffic[0];
    // Office's wire format: object paths (global, property, indexer, method) and actions (instantiate, query).
    expect(Object.values(request.ObjectPaths).map((p) => p.ObjectPathType)).toEqual(expect.arrayContaining([1, 4, 5]));
    expect(request.Actions.some((a) => a.ActionType === 2 && a.QueryInfo?.Select?.includes("values"))).toBe(true);
    expect(response.Body?.Results.some((x) => JSON.stringify(x.Value) === '{"Values":[[100]]}')).toBe(true);
    expect(standIn.stats.requests[0].bytes).toBe(new TextEncoder().encode(JSON.stringify(request)).length);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Nope").load("name");
        await context.sync();
      }),
    ).rejects.toBeInstanceOf(standIn.OfficeExtension.Error);
  });
});
