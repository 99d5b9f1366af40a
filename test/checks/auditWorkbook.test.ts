import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { applyEditsToSnapshot, checkSheet } from "../../src/core/checks";
import { auditWorkbook } from "../../src/workbook/auditWorkbook";
import { readXlsx, XlsxReadError } from "../../src/workbook/readXlsx";
import * as F from "../fixtures/budgetSheets";
import { miniXlsx } from "../workbook/hostileFiles";

describe("readXlsx", () => {
  it("reads values as cached, formulas with '=', merges and number formats", async () => {
    const bytes = await F.buildXlsx([F.awkwardClean]);
    const [snap] = await readXlsx(bytes);
    const expected = F.fixtureSnapshot(F.awkwardClean);
    expect(snap.name).toBe("Budgets 2024-25");
    expect(snap.origin).toEqual({ row: 0, col: 0 });
    expect(snap.values).toEqual(expected.values);
    expect(snap.formulas).toEqual(expected.formulas);
    expect(snap.merges).toEqual(expected.merges);
    expect(snap.numberFormats?.[3][2]).toBe("General");
  });

  it("expands shared formulas, flattens rich text, keeps errors as text and dates as serials", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Odd cells");
    ws.getCell("B2").value = { richText: [{ text: "Gross " }, { font: { bold: true }, text: "£000" }] };
    ws.getCell("A3").value = 1;
    ws.getCell("A4").value = 2;
    ws.getCell("B3").value = { formula: "A3*2", result: 2, shareType: "shared", ref: "B3:B4" } as ExcelJS.CellSharedFormulaValue & { shareType: string; ref: string };
    ws.getCell("B4").value = { sharedFormula: "B3", result: 4 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("C3").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
    ws.getCell("C4").value = new Date(Date.UTC(2024, 3, 1));
    ws.getCell("C4").numFmt = "dd/mm/yyyy";
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const [snap] = await readXlsx(bytes);
    expect(snap.origin).toEqual({ row: 1, col: 0 });
    expect(snap.values[0][1]).toBe("Gross £000");
    expect(snap.formulas[1][1]).toBe("=A3*2");
    expect(snap.formulas[2][1]).toBe("=A4*2");
    expect(snap.values[2][1]).toBe(4);
    expect(snap.values[1][2]).toBe("#REF!");
    expect(snap.values[2][2]).toBe(45383);
    expect(snap.numberFormats?.[2][2]).toBe("dd/mm/yyyy");
  });

  it("gives rows with nothing in them one shared read-only row, which a fix preview copies before editing", async () => {
    const styles =
      `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;£&quot;#,##0"/></numFmts>` +
      `<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`;
    const rows =
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Service</t></is></c><c r="B1" t="inlineStr"><is><t>Net budget £</t></is></c></row>` +
      `<row r="2"><c r="A2" t="inlineStr"><is><t>Libraries</t></is></c><c r="B2" s="1"><v>10</v></c></row>` +
      `<row r="3"><c r="A3" t="inlineStr"><is><t>Parks</t></is></c><c r="B3"><v>20</v></c></row>` +
      `<row r="5"><c r="A5" t="inlineStr"><is><t>Total</t></is></c><c r="B5"><f>SUM(B2:B3)</f><v>30</v></c></row>`;
    const [snap] = await readXlsx(miniXlsx([{ name: "Budget", rows }], { styles }));
    expect(snap.values).toEqual([
      ["Service", "Net budget £"],
      ["Libraries", 10],
      ["Parks", 20],
      [null, null],
      ["Total", 30],
    ]);
    expect(snap.formulas).toEqual([[null, null], [null, null], [null, null], [null, null], [null, "=SUM(B2:B3)"]]);
    expect(snap.numberFormats).toEqual([["General", "General"], ["General", '"£"#,##0'], ["General", "General"], ["General", "General"], ["General", "General"]]);
    // One frozen row for the lines without formulas, the rows of "General" and the blank row's values.
    expect(snap.formulas[0]).toBe(snap.formulas[3]);
    expect(Object.isFrozen(snap.formulas[0])).toBe(true);
    expect(Object.isFrozen(snap.formulas[4])).toBe(false);
    expect(snap.numberFormats?.[0]).toBe(snap.numberFormats?.[4]);
    expect(Object.isFrozen(snap.values[3])).toBe(true);
    expect(Object.isFrozen(snap.values[2])).toBe(false);
    expect(() => {
      snap.formulas[1][1] = "=1";
    }).toThrow(TypeError);
    expect(snap.formulas[2][1]).toBeNull();
    const fixed = applyEditsToSnapshot(snap, [{ sheet: "Budget", cell: "B4", kind: "number", value: 5, numberFormat: '"£"#,##0' }, { sheet: "Budget", cell: "B5", kind: "formula", formula: "=SUM(B2:B4)" }]);
    expect(fixed.values.map((r) => r[1])).toEqual(["Net budget £", 10, 20, 5, 35]);
    expect(fixed.numberFormats?.[3][1]).toBe('"£"#,##0');
    expect(snap.values[3][1]).toBeNull();
  });

  it("keeps every kind of value through tens of thousands of cells, and the formats of cells with only a format", async () => {
    const styles =
      `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>` +
      `<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`;
    // Ten columns a row, 4,000 rows: 40,000 cells, more than two of the reader's chunks of 16,384.
    const kinds: [(ref: string) => string, unknown][] = [
      [(ref) => `<c r="${ref}"><v>-12.5</v></c>`, -12.5],
      [(ref) => `<c r="${ref}" t="s"><v>1</v></c>`, "Parks"],
      [(ref) => `<c r="${ref}" t="inlineStr"><is><t>Line &amp; more</t></is></c>`, "Line & more"],
      [(ref) => `<c r="${ref}" t="str"><f>A1&amp;""</f><v>a formula's text</v></c>`, "a formula's text"],
      [(ref) => `<c r="${ref}" t="s"><v>99</v></c>`, null],
      [(ref) => `<c r="${ref}" s="1"/>`, null],
      [(ref) => `<c r="${ref}" t="b"><v>1</v></c>`, true],
      [(ref) => `<c r="${ref}" t="b"><v>0</v></c>`, false],
      [(ref) => `<c r="${ref}" t="e"><v>#DIV/0!</v></c>`, "#DIV/0!"],
      [(ref) => `<c r="${ref}" t="d"><v>2024-04-01T12:00:00</v></c>`, 45383.5],
    ];
    let rows = "";
    for (let r = 1; r <= 4000; r++) rows += `<row r="${r}">${kinds.map(([cell], c) => cell(`${String.fromCharCode(65 + c)}${r}`)).join("")}</row>`;
    const [snap, ...rest] = await readXlsx(miniXlsx([{ name: "Kinds", rows }], { sharedStrings: ["Libraries", "Parks"], styles }));
    expect(rest).toEqual([]);
    expect(snap.values).toHaveLength(4000);
    for (const r of [0, 1637, 1638, 1639, 3276, 3277, 3999]) {
      expect(snap.values[r]).toEqual(kinds.map(([, v]) => v));
      expect(snap.formulas[r][3]).toBe('=A1&""');
      expect(snap.numberFormats?.[r][5]).toBe("0.0%");
      expect(snap.numberFormats?.[r][0]).toBe("General");
    }
  });

  it("reads cell and row references however they are written: absolute, lower case, single quotes, entities, left out or out of range", async () => {
    const rows =
      `<row r="2"><c r="$B$2"><v>1</v></c><c r='c2'><v>2</v></c><c><v>3</v></c><c xr:r="Z9" r="E2" s='0'><v>4</v></c></row>` +
      `<row><c r="A3"><v>5</v></c></row>` +
      `<row r="0004"><c r="&#66;4" s="1"><v>6</v></c></row>` +
      `<row r="5"><c r="A0"><v>7</v></c><c r="AAAA5"><v>8</v></c><c r="A12345678"><v>9</v></c></row>`;
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="10"/></cellXfs></styleSheet>`;
    const [snap] = await readXlsx(miniXlsx([{ name: "Refs", rows }], { styles }));
    expect(snap.origin).toEqual({ row: 1, col: 0 });
    expect(snap.values).toEqual([
      [null, 1, 2, 3, 4],
      [5, null, null, null, null],
      [null, 6, null, null, null],
      [7, 8, 9, null, null],
    ]);
    expect(snap.numberFormats?.[2][1]).toBe("0.00%");
  });

  it("leaves hidden sheets out unless asked, and refuses bytes that are not a workbook", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Shown").getCell("A1").value = "x";
    wb.addWorksheet("Hidden", { state: "hidden" }).getCell("A1").value = "y";
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect((await readXlsx(bytes)).map((s) => s.name)).toEqual(["Shown"]);
    expect((await readXlsx(bytes, { includeHidden: true })).map((s) => s.name)).toEqual(["Shown", "Hidden"]);
    await expect(readXlsx(new TextEncoder().encode("not a zip"))).rejects.toBeInstanceOf(XlsxReadError);
  });
});

describe("auditWorkbook", () => {
  it("finds the same faults in an .xlsx as in the snapshots, on every sheet, sorted", async () => {
    const sheets = [F.marketReviewFaulty, { ...F.savingsTotalWrong, name: "Savings" }, { ...F.marketReviewClean, name: "Clean" }];
    const bytes = await F.buildXlsx(sheets);
    const findings = await auditWorkbook(bytes);
    const direct = sheets.flatMap((s) => checkSheet(F.fixtureSnapshot(s)));
    const key = (f: { sheet: string; cell: string; rule: string }): string => `${f.sheet}!${f.cell} ${f.rule}`;
    expect(findings.map(key).sort()).toEqual(direct.map(key).sort());
    for (const e of F.marketReviewFaultyExpected) expect(findings.map(key)).toContain(`Market review!${e.cell} ${e.rule}`);
    expect(findings.map(key)).toContain("Savings!B8 range-total-mismatch");
    expect(findings.filter((f) => f.sheet === "Clean" && f.severity !== "info")).toEqual([]);
    // Sorted: errors first.
    const sev = findings.map((f) => f.severity);
    expect(sev.indexOf("warning")).toBeGreaterThan(sev.lastIndexOf("error"));
    for (const f of findings) {
      expect(f).toMatchObject({ sheet: expect.any(String), cell: expect.stringMatching(/^[A-Z]+\d+$/), rule: expect.any(String), message: expect.any(String) });
    }
  });

  it("accepts an ArrayBuffer as well as a Uint8Array", async () => {
    const bytes = await F.buildXlsx([F.savingsClean]);
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const findings = await auditWorkbook(ab);
    expect(findings.map((f) => `${f.cell} ${f.rule}`)).toEqual(["B10 requirement-gap"]);
  });

  it("is exported from the package entry point", async () => {
    const index = await import("../../src/index");
    expect(index.auditWorkbook).toBe(auditWorkbook);
  });
});
