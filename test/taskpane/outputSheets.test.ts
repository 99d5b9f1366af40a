/**
 * The add-in's own output is never input (issue 13 item 2): output sheets carry a footer marker that survives
 * sessions and renames (Worksheet.id does not), listed by listOutputSheets; the shareable copy's list of
 * converted formulas carries the same marker.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { listOutputSheets, markOutputSheet, readWorkbookSnapshots } from "../../src/excel";
import { makeShareableCopy } from "../../src/workbook/shareableCopy";
import { installStandIn } from "../excel/helpers";

describe("output sheets", () => {
  it("lists sheets marked as output (renamed or not) and leaves users' sheets alone", async () => {
    installStandIn({ sheets: { Budget: [["Service", "Net"], ["Libraries", 1]], "Check report": [["A user's own sheet"]], Report: [["Check report"]] } });
    await markOutputSheet("Report", "check report");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Report").name = "Renamed report";
      await ctx.sync();
    });
    expect(await listOutputSheets()).toEqual(["Renamed report"]);
    const read = await readWorkbookSnapshots({ exclude: await listOutputSheets() });
    expect(read.map((s) => s.name)).toEqual(["Budget", "Check report"]);
  });

  it("marks the shareable copy's list of converted formulas", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Costs");
    ws.getCell("A1").value = { formula: '_xldudf_BUDGET_GRADECOST("KR17",1)', result: 132949.94 };
    const copy = await makeShareableCopy(new Uint8Array(await wb.xlsx.writeBuffer()));
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(copy.bytes.buffer.slice(copy.bytes.byteOffset, copy.bytes.byteOffset + copy.bytes.byteLength) as ArrayBuffer);
    expect(out.getWorksheet(copy.listingSheet)?.headerFooter.oddFooter).toContain("Budget Tools output");
  });
});
