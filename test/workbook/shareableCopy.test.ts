import { describe, expect, it } from "vitest";
import { readXlsx } from "../../src/workbook/readXlsx";
import fc from "fast-check";
import { runs } from "../propertyRuns";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { loadWorkbook } from "./loadWorkbook";
import { callsCustomFunction, makeShareableCopy } from "../../src/workbook/shareableCopy";
import { readSheetsWithLibreOffice, sofficeAvailable } from "../libreoffice/soffice";
import { miniParts, miniXlsx, zipOf } from "./hostileFiles";

/**
 * A workbook as the add-in's users have them: BUDGET.* formulas with cached results (plain, shared,
 * array/spilled, in a defined name, with the _xldudf_ prefix Excel writes), native formulas beside them,
 * styles, a second sheet, a calculation chain.
 */
async function addInWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Costs");
  ws.getCell("A1").value = "Grade";
  ws.getCell("A1").font = { bold: true, color: { argb: "FF1F3864" } };
  ws.getCell("A1").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F2" } };
  ws.getCell("A2").value = "KR17";
  ws.getCell("B2").value = { formula: 'BUDGET.GRADECOST("KR17",1)', result: 132949.94 };
  ws.getCell("B2").numFmt = '"£"#,##0';
  ws.getCell("C2").value = { formula: "B2*2", result: 265899.88 };
  ws.getCell("D2").value = { formula: "SUM(B2:C2)", result: 398849.82 };
  ws.getCell("A3").value = "KR18";
  // Shared formula group whose master calls BUDGET: B3:B5.
  ws.getCell("B3").value = { formula: "BUDGET.GRADECOST(A3,1)", result: 166000, shareType: "shared", ref: "B3:B5" } as ExcelJS.CellFormulaValue;
  ws.getCell("B4").value = { sharedFormula: "B3", result: 100 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell("B5").value = { sharedFormula: "B3", result: 200 } as ExcelJS.CellSharedFormulaValue;
  // Shared native group: C3:C5 stays.
  ws.getCell("C3").value = { formula: "A3&\"x\"", result: "KR18x", shareType: "shared", ref: "C3:C5" } as ExcelJS.CellFormulaValue;
  ws.getCell("C4").value = { sharedFormula: "C3", result: "x" } as ExcelJS.CellSharedFormulaValue;
  ws.getCell("C5").value = { sharedFormula: "C3", result: "x" } as ExcelJS.CellSharedFormulaValue;
  // A string result, an error result, BUDGET only inside a string literal (native: stays).
  ws.getCell("E2").value = { formula: 'BUDGET.SLOTTING("KR17","KR17",1,1,0.8)', result: "Slot" };
  ws.getCell("E3").value = { formula: 'BUDGET.SALARY("KR99")', result: { error: "#N/A" } } as ExcelJS.CellFormulaValue;
  ws.getCell("E4").value = { formula: '"BUDGET.GRADECOST( is the function"', result: "BUDGET.GRADECOST( is the function" };
  // Array (spilled) formula: F1:G2.
  ws.getCell("F1").value = { formula: "BUDGET.RANGETOTAL(H1:H2)", result: 180, shareType: "array", ref: "F1:G1" } as ExcelJS.CellFormulaValue;
  ws.getCell("G1").value = 220;
  ws.getCell("H1").value = "15-20";
  // A cell that uses a defined name calling BUDGET.
  ws.getCell("E5").value = { formula: "DirectorCost*3", result: 398849.82 };
  ws.getCell("E6").value = { formula: "_xldudf_BUDGET_POSTCOST(104197,1)", result: 132949.94 };
  wb.definedNames.add("Costs!$B$2", "DirectorRef");
  const notes = wb.addWorksheet("Notes");
  notes.getCell("A1").value = "Untouched notes";
  notes.getCell("A2").value = { formula: "Costs!D2/2", result: 199424.91 };
  const raw = await wb.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(raw);
  // Excel writes some custom-function calls with the _xldudf_ prefix, and spilled arrays with cell metadata.
  let sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  sheet = sheet.replace("<f>BUDGET.GRADECOST(&quot;KR17&quot;,1)</f>", "<f>_xldudf_BUDGET_GRADECOST(&quot;KR17&quot;,1)</f>");
  sheet = sheet.replace('<c r="F1"', '<c r="F1" cm="1"');
  // A conditional format whose rule calls the add-in (it cannot be turned into a value).
  sheet = sheet.replace("<pageMargins", '<conditionalFormatting sqref="B2:B5"><cfRule type="expression" priority="1"><formula>B2&gt;BUDGET.GRADECOST("KR17",1)</formula></cfRule></conditionalFormatting><pageMargins');
  zip.file("xl/worksheets/sheet1.xml", sheet);
  let wbXml = await zip.file("xl/workbook.xml")!.async("string");
  wbXml = wbXml.replace("</definedNames>", '<definedName name="DirectorCost">_xldudf_BUDGET.GRADECOST("KR17",1)</definedName></definedNames>');
  zip.file("xl/workbook.xml", wbXml);
  // A calculation chain, as Excel keeps one.
  zip.file("xl/calcChain.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B2" i="1"/><c r="C2"/><c r="D2"/></calcChain>');
  let rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  rels = rels.replace("</Relationships>", '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>');
  zip.file("xl/_rels/workbook.xml.rels", rels);
  let types = await zip.file("[Content_Types].xml")!.async("string");
  types = types.replace("</Types>", '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>');
  zip.file("[Content_Types].xml", types);
  return zip.generateAsync({ type: "uint8array" });
}

function formulasOf(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of xml.matchAll(/<c\b[^>]*r="([A-Z]+\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const f = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(c[2] ?? "");
    if (f) out.set(c[1], f[2] ?? `(shared ${f[1].trim()})`);
  }
  return out;
}

describe("makeShareableCopy", () => {
  it("replaces every BUDGET formula (plain, _xldudf_, shared, array, via a name) by its value and lists them", async () => {
    const input = await addInWorkbook();
    const before = input.slice();
    const result = await makeShareableCopy(input);
    expect(input).toEqual(before); // the original is untouched

    const byCell = new Map(result.conversions.map((c) => [`${c.sheet}!${c.cell}`, c]));
    expect(byCell.get("Costs!B2")).toMatchObject({ formula: '=_xldudf_BUDGET_GRADECOST("KR17",1)', value: 132949.94, kind: "cell" });
    expect(byCell.get("Costs!B3")).toMatchObject({ value: 166000, kind: "shared" });
    expect(byCell.get("Costs!B4")).toMatchObject({ value: 100, kind: "shared" });
    expect(byCell.get("Costs!B5")).toMatchObject({ value: 200, kind: "shared" });
    expect(byCell.get("Costs!E2")).toMatchObject({ value: "Slot" });
    expect(byCell.get("Costs!E3")).toMatchObject({ value: "#N/A" });
    expect(byCell.get("Costs!F1")).toMatchObject({ value: 180, kind: "array", range: "F1:G1" });
    expect(byCell.get("Costs!E5")).toMatchObject({ formula: "=DirectorCost*3", value: 398849.82 });
    expect(byCell.get("Costs!E6")).toMatchObject({ value: 132949.94 });
    expect(result.conversions).toHaveLength(9);
    expect(result.removedNames).toEqual(["DirectorCost"]);
    // Exactly the error value and the conditional format: no converted cell is reported as a rule.
    expect(result.warnings).toEqual([
      "Costs!E3 held #N/A when it was converted.",
      'Costs: a conditional format uses a BUDGET function or a removed name (=B2>BUDGET.GRADECOST("KR17",1)); it cannot be turned into a value and will not work without the add-in. Remove or change it in the original before sharing if it matters.',
    ]);

    const zip = await JSZip.loadAsync(result.bytes);
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const formulas = formulasOf(sheet);
    // Native formulas stay, BUDGET ones are gone.
    expect(formulas.get("C2")).toBe("B2*2");
    expect(formulas.get("D2")).toBe("SUM(B2:C2)");
    expect(formulas.get("C3")?.replace(/&quot;/g, '"')).toBe('A3&amp;"x"');
    expect(formulas.get("C4")).toMatch(/shared/);
    expect(formulas.get("E4")).toContain("BUDGET.GRADECOST( is the function");
    for (const cell of ["B2", "B3", "B4", "B5", "E2", "E3", "F1", "E5", "E6"]) expect(formulas.has(cell)).toBe(false);
    expect(sheet).not.toMatch(/_xldudf_/);
    expect(sheet).not.toMatch(/<c r="F1"[^>]*cm=/);
    expect(sheet).toMatch(/<c r="E2"[^>]*t="inlineStr"[^>]*><is><t>Slot<\/t><\/is><\/c>/);
    expect(sheet).toMatch(/<c r="E3"[^>]*t="e"[^>]*><v>#N\/A<\/v><\/c>/);
    // Styles, other sheets, names and the rest survive; the calculation chain is gone.
    const original = await JSZip.loadAsync(input);
    const origSheet = await original.file("xl/worksheets/sheet1.xml")!.async("string");
    for (const cell of ["A1", "B2", "C2"]) {
      const s = (xml: string): string | undefined => new RegExp(`<c r="${cell}"([^>]*?)s="(\\d+)"`).exec(xml)?.[2];
      expect(s(sheet)).toBe(s(origSheet));
    }
    expect(await zip.file("xl/worksheets/sheet2.xml")!.async("string")).toBe(await original.file("xl/worksheets/sheet2.xml")!.async("string"));
    const styles = await zip.file("xl/styles.xml")!.async("string");
    expect(styles.startsWith((await original.file("xl/styles.xml")!.async("string")).slice(0, 200))).toBe(true);
    expect(zip.file("xl/calcChain.xml")).toBeNull();
    expect(await zip.file("[Content_Types].xml")!.async("string")).not.toContain("calcChain");
    expect(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).not.toContain("calcChain");
    const wbXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(wbXml).toContain('name="DirectorRef"');
    expect(wbXml).not.toContain("DirectorCost");
    expect(wbXml).toContain(`name="${result.listingSheet}"`);
    // The listing sheet is the add-in's output: read back, it is marked and the checks skip it.
    const read = await readXlsx(result.bytes, { includeHidden: true });
    expect(read.filter((x) => x.addinOutput !== undefined).map((x) => [x.name, x.addinOutput])).toEqual([[result.listingSheet, "converted formulas"]]);

    // ExcelJS reads the copy, and the listing sheet says what was converted.
    const wb = await loadWorkbook(result.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Costs", "Notes", "Converted formulas"]);
    const listing = wb.getWorksheet("Converted formulas")!;
    const rows: unknown[][] = [];
    listing.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[2]).toEqual(["Sheet", "Cell", "Original formula", "Value", "How it was stored"]);
    expect(rows).toContainEqual(["Costs", "B2", '=_xldudf_BUDGET_GRADECOST("KR17",1)', 132949.94, "Formula"]);
    expect(rows).toContainEqual(["Costs", "F1", "=BUDGET.RANGETOTAL(H1:H2)", 180, "Array formula over F1:G1"]);
    expect(wb.getWorksheet("Costs")!.getCell("B2").value).toBe(132949.94);
    expect(wb.getWorksheet("Costs")!.getCell("B2").numFmt).toBe('"£"#,##0');
  });

  it.skipIf(!sofficeAvailable())("opens in LibreOffice, recalculated, with the values and no #NAME?", async () => {
    const input = await addInWorkbook();
    // Without the add-in, the original shows errors where its functions were...
    const original = await readSheetsWithLibreOffice(input, "recalculated", ["Costs"]);
    expect(original.get("Costs")![1][1]).toMatch(/#NAME\?|Err:/);
    // ...and the copy shows the values.
    const result = await makeShareableCopy(input);
    const sheets = await readSheetsWithLibreOffice(result.bytes, "recalculated", ["Costs", "Notes", result.listingSheet]);
    const costs = sheets.get("Costs")!;
    expect(costs[1][1]).toBe("132949.94");
    expect(costs[1][2]).toBe("265899.88");
    expect(costs[1][3]).toBe("398849.82");
    expect(costs[2][2]).toBe("KR18x");
    expect(costs[3][1]).toBe("100");
    expect(costs[1][4]).toBe("Slot");
    expect(costs[0][5]).toBe("180");
    expect(costs[4][4]).toBe("398849.82");
    expect(sheets.get("Notes")![1][0]).toBe("199424.91");
    const all = [...sheets.values()].flat(2).join("\n");
    expect(all).not.toMatch(/#NAME\?|Err:5\d\d/);
  });

  it("with no BUDGET formulas, returns the workbook with an explanatory listing sheet", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Only").getCell("A1").value = { formula: "1+1", result: 2 };
    const result = await makeShareableCopy(await wb.xlsx.writeBuffer());
    expect(result.conversions).toEqual([]);
    const zip = await JSZip.loadAsync(result.bytes);
    expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).toContain("<f>1+1</f>");
    const listing = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
    expect(listing).toContain("No BUDGET formulas were found");
  });

  it("names the listing sheet uniquely when the workbook already has one", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Converted formulas");
    const result = await makeShareableCopy(await wb.xlsx.writeBuffer());
    expect(result.listingSheet).toBe("Converted formulas (2)");
  });

  it("recognises the add-in's functions in every spelling, and nothing else", () => {
    for (const f of ['BUDGET.GRADECOST("KR17",1)', "budget.salary(A1)", "_xldudf_BUDGET_GRADECOST(A1)", "_xldudf_BUDGET.RANGETOTAL(A1:A6)", "SUM(BUDGET.POSTCOST(A1,1),2)", "_xll.BUDGET.SALARY(A1)"])
      expect(callsCustomFunction(f)).toBe(true);
    for (const f of ["SUM(A1:A3)", '"BUDGET.GRADECOST("', "BUDGETS!A1*2", "'BUDGET.X'!A1", "MYBUDGET.X(1)"]) expect(callsCustomFunction(f)).toBe(false);
  });

  it("property: cells without BUDGET formulas come through unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.constantFrom("text", "=not a formula", "£15,125,000")), { minLength: 1, maxLength: 10 }), async (values) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet("S");
        values.forEach((v, i) => (ws.getCell(i + 1, 1).value = v));
        ws.getCell(1, 2).value = { formula: `SUM(A1:A${values.length})`, result: 0 };
        const input = new Uint8Array(await wb.xlsx.writeBuffer());
        const result = await makeShareableCopy(input);
        const a = await (await JSZip.loadAsync(input)).file("xl/worksheets/sheet1.xml")!.async("string");
        const b = await (await JSZip.loadAsync(result.bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
        expect(b).toBe(a);
      }),
      { numRuns: runs(15) },
    );
  });

  it("a plain conversion (a cell, an array, a text result) gives no warnings", async () => {
    const rows =
      `<row r="1"><c r="A1"><v>15</v></c><c r="B1"><v>20</v></c><c r="C1"><f>_xldudf_BUDGET_SALARY("KR17")</f><v>104197</v></c></row>` +
      `<row r="4"><c r="D4" cm="1"><f t="array" ref="D4:E4">_xldudf_BUDGET_RANGETOTAL(A1:B1)</f><v>70</v></c><c r="E4"><v>85</v></c></row>` +
      `<row r="5"><c r="B5" t="str"><f>_xldudf_BUDGET_RANGETEXT(A1,B1,"£m")</f><v>£15m-£20m</v></c></row>`;
    const result = await makeShareableCopy(miniXlsx([{ name: "Savings", rows }]));
    expect(result.conversions.map((c) => c.cell)).toEqual(["C1", "D4", "B5"]);
    expect(result.warnings).toEqual([]);
  });

  it("names the listing sheet uniquely when a chart sheet already has the name", async () => {
    const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const parts = miniParts([{ name: "Costs", rows: `<row r="1"><c r="A1"><f>BUDGET.SALARY("KR17")</f><v>104197</v></c></row>` }]);
    const edit = (name: string, from: string, to: string): void => {
      const part = parts.find((p) => p.name === name)!;
      part.data = (part.data as string).replace(from, to);
    };
    edit("xl/workbook.xml", "</sheets>", `<sheet name="Converted formulas" sheetId="2" r:id="rId9"/></sheets>`);
    edit("xl/_rels/workbook.xml.rels", "</Relationships>", `<Relationship Id="rId9" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`);
    edit("[Content_Types].xml", "</Types>", `<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/></Types>`);
    parts.push({
      name: "xl/chartsheets/sheet1.xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`,
    });
    const result = await makeShareableCopy(zipOf(parts));
    expect(result.listingSheet).toBe("Converted formulas (2)");
    const wbXml = await (await JSZip.loadAsync(result.bytes)).file("xl/workbook.xml")!.async("string");
    expect([...wbXml.matchAll(/<sheet\b[^>]*name="([^"]*)"/g)].map((m) => m[1])).toEqual(["Costs", "Converted formulas", "Converted formulas (2)"]);
  });

  describe("references to a converted spill (D4#)", () => {
    // D4 spills a BUDGET.RANGETOTAL over D4:E4; other formulas use D4# (stored as _xlfn.ANCHORARRAY(D4)).
    const savings =
      `<row r="1"><c r="A1"><v>15</v></c><c r="B1"><v>20</v></c></row>` +
      `<row r="2"><c r="A2"><v>55</v></c><c r="B2"><v>65</v></c></row>` +
      `<row r="4"><c r="D4" cm="1"><f t="array" ref="D4:E4">_xldudf_BUDGET_RANGETOTAL(A1:B2)</f><v>70</v></c><c r="E4"><v>85</v></c>` +
      `<c r="F4" cm="1"><f t="array" ref="F4">INDEX(_xlfn.ANCHORARRAY(D4),2)</f><v>85</v></c><c r="G4"><f>SUM(_xlfn.ANCHORARRAY($D$4))</f><v>155</v></c></row>` +
      // A shared group: H6 points at the spill, H7 (filled down) at D5, which is not converted.
      `<row r="6"><c r="H6"><f t="shared" ref="H6:H7" si="0">COUNT(_xlfn.ANCHORARRAY(D4))</f><v>2</v></c></row>` +
      `<row r="7"><c r="H7"><f t="shared" si="0"/><v>0</v></c></row>`;
    const other = `<row r="1"><c r="A1"><f>MAX(_xlfn.ANCHORARRAY(Savings!D4))+MIN(_xlfn.ANCHORARRAY('Savings'!D4))</f><v>155</v></c></row>`;
    const input = (): Uint8Array =>
      miniXlsx(
        [
          { name: "Savings", rows: savings },
          { name: "Summary", rows: other },
        ],
        { definedNames: `<definedName name="Spill">_xlfn.ANCHORARRAY(Savings!$D$4)</definedName>` },
      );

    it("become the range the spill covered, on every sheet and in names", async () => {
      const result = await makeShareableCopy(input());
      expect(result.conversions.map((c) => `${c.cell} ${c.range}`)).toEqual(["D4 D4:E4"]);
      const zip = await JSZip.loadAsync(result.bytes);
      const savingsXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
      const f = formulasOf(savingsXml);
      expect(f.get("D4")).toBeUndefined();
      expect(f.get("F4")).toBe("INDEX(D4:E4,2)");
      expect(f.get("G4")).toBe("SUM($D$4:$E$4)");
      // The group is unshared: H6 gets the range, H7 keeps its own (shifted) spill reference.
      expect(f.get("H6")).toBe("COUNT(D4:E4)");
      expect(f.get("H7")).toBe("COUNT(_xlfn.ANCHORARRAY(D5))");
      expect(savingsXml).not.toContain('t="shared"');
      const summary = formulasOf(await zip.file("xl/worksheets/sheet2.xml")!.async("string"));
      expect(summary.get("A1")).toBe("MAX(Savings!D4:E4)+MIN('Savings'!D4:E4)");
      const wbXml = await zip.file("xl/workbook.xml")!.async("string");
      expect(wbXml).toContain('<definedName name="Spill">Savings!$D$4:$E$4</definedName>');
      expect(result.warnings).toEqual([]);
    });

    it("leave spill references to formulas that were not converted alone", async () => {
      const rows = `<row r="1"><c r="A1" cm="1"><f t="array" ref="A1:A3">SEQUENCE(3)</f><v>1</v></c><c r="B1"><f>SUM(_xlfn.ANCHORARRAY(A1))</f><v>6</v></c></row>`;
      const result = await makeShareableCopy(miniXlsx([{ name: "S", rows }]));
      expect(result.conversions).toEqual([]);
      const f = formulasOf(await (await JSZip.loadAsync(result.bytes)).file("xl/worksheets/sheet1.xml")!.async("string"));
      expect(f.get("B1")).toBe("SUM(_xlfn.ANCHORARRAY(A1))");
    });

    it.skipIf(!sofficeAvailable())("give the spill's figures when LibreOffice recalculates the copy", async () => {
      const result = await makeShareableCopy(input());
      const sheets = await readSheetsWithLibreOffice(result.bytes, "recalculated", ["Savings", "Summary"]);
      const row4 = sheets.get("Savings")![3];
      expect(row4.slice(3, 7)).toEqual(["70", "85", "85", "155"]);
      expect(sheets.get("Savings")![5][7]).toBe("2");
      expect(sheets.get("Summary")![0][0]).toBe("155");
    });
  });
});
