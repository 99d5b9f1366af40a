/**
 * The renderer's own .xlsx writer (src/workbook/xlsxWriter.ts, worksheetXml.ts), checked with independent
 * witnesses: a real XML parser (@xmldom/xmldom) for well-formedness, the CT_Worksheet order written out here from
 * ECMA-376 Part 1 (18.3.1.99), ExcelJS for reading styles and text back, and our own reader (readXlsx).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import JSZip from "jszip";
import { DOMParser } from "@xmldom/xmldom";
import { runs } from "../propertyRuns";
import { loadWorkbook } from "./loadWorkbook";
import { scanPack } from "./packScan";
import { fullInput, structureTableLayout } from "./fixtures";
import { LAYOUT_STYLES, type LayoutCell, type LayoutStyleName, type SheetLayout } from "../../src/core/layout";
import { orgChartDrawing, orgChartPages } from "../../src/core/posts/orgChartDrawing";
import { cleanDirectorate } from "../fixtures/postLists";
import { buildMembersPack } from "../../src/workbook/membersPack";
import { LayoutRenderError, renderLayoutsToWorkbook, renderLayoutsToXlsx } from "../../src/workbook/renderLayout";
import { readXlsx } from "../../src/workbook/readXlsx";
import { EXCEL_CELL_TEXT_LIMIT, shortenCellText } from "../../src/workbook/cellLimit";
import { LayoutCells } from "../../src/core/layoutCells";

/** CT_Worksheet's child elements in the order the schema requires (ECMA-376 Part 1, 18.3.1.99). */
const CT_WORKSHEET = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection", "protectedRanges",
  "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
  "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
  "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF",
  "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
];

function parseXml(xml: string, part: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: (m) => problems.push(m), error: (m) => problems.push(m), fatalError: (m) => problems.push(m) },
  }).parseFromString(xml, "text/xml");
  expect(problems, `${part} is not well-formed`).toEqual([]);
  // Characters XML 1.0 cannot hold at all (a parser may let them through).
  // eslint-disable-next-line no-control-regex
  expect(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/.test(xml), `${part} holds a character XML cannot`).toBe(false);
  return doc as unknown as Document;
}

function childElements(el: Element): Element[] {
  return Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1);
}

/** Every part parses; every worksheet's children are in schema order, its rows and cells in ascending order. */
async function checkPackage(bytes: Uint8Array): Promise<{ sheets: Map<string, Document> }> {
  const zip = await JSZip.loadAsync(bytes);
  const sheets = new Map<string, Document>();
  for (const path of Object.keys(zip.files).filter((p) => !zip.files[p].dir)) {
    expect(path).toMatch(/\.(xml|rels)$/);
    const doc = parseXml(await zip.file(path)!.async("string"), path);
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(path)) continue;
    sheets.set(path, doc);
    const names = childElements(doc.documentElement).map((e) => e.localName);
    const positions = names.map((n) => CT_WORKSHEET.indexOf(n));
    expect(positions, `${path}: ${names.join(", ")}`).not.toContain(-1);
    for (let i = 1; i < positions.length; i++) expect(positions[i], `${path}: ${names.join(", ")}`).toBeGreaterThan(positions[i - 1]);
    let lastRow = 0;
    for (const row of Array.from(doc.getElementsByTagName("row"))) {
      const r = Number(row.getAttribute("r"));
      expect(r, `${path}: rows in order`).toBeGreaterThan(lastRow);
      lastRow = r;
      let lastCol = -1;
      for (const c of childElements(row)) {
        // A cell without a reference is in the column after the one before it (ECMA-376 Part 1, 18.3.1.4); a
        // row's first cell always has one, as ExcelJS needs.
        const ref = c.getAttribute("r") ?? "";
        if (!c.hasAttribute("r")) {
          expect(lastCol, `${path} row ${r}: a row's first cell has a reference`).toBeGreaterThan(0);
          lastCol++;
          continue;
        }
        const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
        expect(Number(m[2])).toBe(r);
        const col = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
        expect(col, `${path} row ${r}: cells in order`).toBeGreaterThan(lastCol);
        lastCol = col;
      }
    }
  }
  return { sheets };
}

/** A layout using everything a layout can hold. */
function kitchenSink(): SheetLayout {
  const cells: LayoutCell[] = [
    { row: 0, col: 0, value: "Budget & savings <2025/26> \"draft\"", style: "title" },
    { row: 1, col: 0, value: "A note long enough to wrap over several lines in a narrow merged cell, as a cover note does.", style: "note" },
    { row: 3, col: 0, value: "Service", style: "header" },
    { row: 3, col: 1, value: "Service", style: "header" }, // a duplicate header name
    { row: 3, col: 3, value: 12, style: "header" }, // a number as a header: the table's column name is its text
    { row: 4, col: 0, value: "=HYPERLINK(\"http://x\")", style: "body" },
    { row: 4, col: 1, value: 1234.5, style: "money" },
    { row: 4, col: 2, value: true },
    { row: 4, col: 3, value: 0.25, style: "fte", numberFormat: "0%" },
    { row: 5, col: 0, value: "Total", style: "total" },
    { row: 5, col: 1, formula: "=SUM(B5:B5)", result: 1234.5, style: "totalMoney" },
    { row: 5, col: 2, formula: "=IF(B6>0,\"up\",\"down\")", result: "up", style: "total" },
    { row: 7, col: 0, value: "Go to the notes", style: "link", link: { sheet: "Notes", cell: "B2" } },
    // Out of order, and twice at one place (the later wins).
    { row: 9, col: 4, value: "first", style: "body" },
    { row: 9, col: 1, value: "B10", style: "body" },
    { row: 9, col: 4, value: "second", style: "warning" },
  ];
  return {
    name: "Budget: 2025/26",
    cells: LayoutCells.from(cells),
    merges: [
      { row: 0, col: 0, rowCount: 1, colCount: 4 },
      { row: 1, col: 0, rowCount: 2, colCount: 3 },
    ],
    columnWidths: [20, 14, 9, 12, 10],
    hiddenColumns: [6],
    pageBreaksBefore: [7, 7, 3],
    freezeRows: 4,
    tables: [
      { name: "Budget lines", range: { row: 3, col: 0, rowCount: 3, colCount: 4 } },
      { name: "Budget lines", range: { row: 12, col: 0, rowCount: 1, colCount: 2 } }, // header only
    ],
    validations: [
      { kind: "list", source: ["Yes", "No, \"never\""], range: { row: 4, col: 2, rowCount: 2, colCount: 1 }, allowBlank: true, errorStyle: "stop", errorTitle: "Yes or no", errorMessage: "Pick one." },
      { kind: "listRange", source: "=$A$5:$A$6", range: { row: 4, col: 4, rowCount: 2, colCount: 1 }, allowBlank: false, errorStyle: "warning", errorTitle: "Service", errorMessage: "A service.", inputTitle: "Service", inputMessage: "One of the services above." },
      { kind: "decimal", min: 0, max: 1, range: { row: 4, col: 3, rowCount: 2, colCount: 1 }, allowBlank: true, errorStyle: "stop", errorTitle: "FTE", errorMessage: "0 to 1." },
      { kind: "whole", min: 0, max: 999, range: { row: 4, col: 5, rowCount: 1, colCount: 1 }, allowBlank: true, errorStyle: "stop", errorTitle: "Count", errorMessage: "Whole." },
      { kind: "date", min: 36526, max: 73050, range: { row: 5, col: 5, rowCount: 1, colCount: 1 }, allowBlank: true, errorStyle: "stop", errorTitle: "Date", errorMessage: "A date." },
    ],
    print: { orientation: "landscape", fitToWidth: true, fitToHeight: true, repeatRows: { first: 3, last: 3 }, printArea: { row: 0, col: 0, rowCount: 10, colCount: 5 } },
  };
}

const notes: SheetLayout = {
  name: "Notes",
  cells: LayoutCells.from([{ row: 1, col: 1, value: "Notes", style: "title" }]),
  merges: [],
  columnWidths: [],
  print: { orientation: "portrait", fitToWidth: false },
};

describe("the writer's parts", () => {
  it("are well-formed, with worksheet elements, rows and cells in schema order (everything a layout holds)", async () => {
    const { bytes, sheetNames } = await renderLayoutsToWorkbook([kitchenSink(), notes], {
      title: "Pack & co",
      creator: "Finance <team>",
      created: new Date(Date.UTC(2026, 1, 3, 9, 30, 15, 250)),
      classification: "OFFICIAL",
      password: "members",
      charts: [
        {
          sheet: "Budget: 2025/26",
          chart: {
            kind: "columns",
            title: "Amounts",
            description: "Amount per service",
            categories: { row: 4, col: 0, rowCount: 1, colCount: 1 },
            series: [{ name: "Amount", values: { row: 4, col: 1, rowCount: 1, colCount: 1 } }],
            anchor: { row: 14, col: 0, rowCount: 10, colCount: 4 },
          },
        },
      ],
      orgCharts: [{ sheet: "Notes", drawing: orgChartDrawing(orgChartPages(cleanDirectorate(), "SCPH001")[0].chart, "Org chart", { x: 12, y: 40 }) }],
    });
    expect(sheetNames).toEqual(["Budget 2025 26", "Notes"]);
    const { sheets } = await checkPackage(bytes);
    const xml = (await JSZip.loadAsync(bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
    const s1 = await xml;
    const names = childElements(sheets.get("xl/worksheets/sheet1.xml")!.documentElement).map((e) => e.localName);
    expect(names).toEqual([
      "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetProtection", "mergeCells", "dataValidations",
      "hyperlinks", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "drawing", "tableParts",
    ]);
    expect(s1).toContain('<rowBreaks count="2" manualBreakCount="2"><brk id="3" max="16383" man="1"/><brk id="7" max="16383" man="1"/></rowBreaks>');
    expect(s1).toMatch(/<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="1"\/>/);
    const zip = await JSZip.loadAsync(bytes);
    const wbXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(wbXml).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">'Budget 2025 26'!$A$1:$E$10</definedName>`);
    expect(wbXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'Budget 2025 26'!$4:$4</definedName>`);
    // Tables: unique names across the workbook, header names unique and in the header cells, at least one data row.
    const t1 = await zip.file("xl/tables/table1.xml")!.async("string");
    const t2 = await zip.file("xl/tables/table2.xml")!.async("string");
    expect(t1).toContain('name="Budget_lines" displayName="Budget_lines" ref="A4:D6"');
    expect([...t1.matchAll(/<tableColumn id="\d+" name="([^"]*)"/g)].map((m) => m[1])).toEqual(["Service", "Service 2", "Column3", "12"]);
    expect(t2).toContain('name="Budget_lines_2" displayName="Budget_lines_2" ref="A13:B14"');
    const wb = await loadWorkbook(bytes);
    expect([wb.creator, wb.title, wb.created?.toISOString(), wb.modified?.toISOString()]).toEqual(["Finance <team>", "Pack & co", "2026-02-03T09:30:15.000Z", "2026-02-03T09:30:15.000Z"]);
    const ws = wb.getWorksheet("Budget 2025 26")!;
    expect([ws.getCell("A4").value, ws.getCell("B4").value, ws.getCell("C4").value, ws.getCell("D4").value]).toEqual(["Service", "Service 2", "Column3", "12"]);
    expect(ws.getCell("A13").value).toBe("Column1");
    expect(ws.getCell("E10").value).toBe("second");
    expect(ws.getCell("E10").fill).toMatchObject({ fgColor: { argb: "FFFFF3CD" } });
    expect(ws.getCell("B10").value).toBe("B10");
    expect(ws.getCell("C5").value).toBe(true);
    expect(ws.getCell("D5").numFmt).toBe("0%");
    expect(ws.getCell("C6").value).toEqual({ formula: 'IF(B6>0,"up","down")', result: "up" });
    // Merged areas take their top-left cell's style throughout; the wrapped note's merge spans two rows, so no height.
    expect(ws.getCell("D1").font.bold).toBe(true);
    expect(ws.getCell("C3").font.italic).toBe(true);
    expect(ws.getColumn(7).hidden).toBe(true);
    expect(ws.getColumn(3).width).toBe(9);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4, showGridLines: false });
    expect(s1).toMatch(/<sheetProtection sheet="1" formatColumns="0" formatRows="0" algorithmName="SHA-512" hashValue="[A-Za-z0-9+/=]{88}" saltValue="[A-Za-z0-9+/=]{24}" spinCount="100000"\/>/);
    const scan = await scanPack(bytes);
    expect(scan.problems).toEqual([]);
    expect(scan.formulas.map((f) => f.formula).filter((f) => !f.includes("!$"))).toEqual(["SUM(B5:B5)", 'IF(B6>0,"up","down")']);
  });

  it("are well-formed in a full members' pack (charts, tables, org chart, every section)", async () => {
    const pages = orgChartPages(cleanDirectorate(), "SCPH001", { showGradeAndFte: true });
    const bytes = await buildMembersPack({ ...fullInput(), structureTables: [structureTableLayout()], orgCharts: pages }, { title: "Pack", date: new Date(Date.UTC(2026, 0, 5)) });
    const { sheets } = await checkPackage(bytes);
    expect(sheets.size).toBeGreaterThan(5);
  });

  it("refuses overlapping merged areas and cells outside the sheet, as Excel would repair them", async () => {
    const base: SheetLayout = { name: "X", cells: LayoutCells.from([]), merges: [], columnWidths: [], print: { orientation: "portrait", fitToWidth: true } };
    const overlap = { ...base, merges: [{ row: 0, col: 0, rowCount: 2, colCount: 2 }, { row: 1, col: 1, rowCount: 2, colCount: 2 }] };
    await expect(renderLayoutsToXlsx([overlap])).rejects.toThrow(/merged areas A1:B2 and B2:C3 overlap/);
    await expect(renderLayoutsToXlsx([{ ...base, cells: LayoutCells.from([{ row: 1_048_576, col: 0, value: 1 }]) }])).rejects.toBeInstanceOf(LayoutRenderError);
    await expect(renderLayoutsToXlsx([{ ...base, cells: LayoutCells.from([{ row: 0, col: 0, value: Number.NaN }]) }])).rejects.toThrow(/X!A1: value is not a finite number/);
  });
});

describe("styles", () => {
  it("every LAYOUT_STYLES name reads back with its font, fill, border, number format and alignment", async () => {
    const names = Object.keys(LAYOUT_STYLES) as LayoutStyleName[];
    const layout: SheetLayout = {
      name: "Styles",
      cells: LayoutCells.from([
        ...names.map((style, row) => ({ row, col: 0, value: 1234.5, style })),
        // A cell's own number format overrides its style's; an unstyled cell is plain Calibri 11.
        { row: names.length, col: 0, value: 0.5, style: "money" as const, numberFormat: "0.0%" },
        { row: names.length + 1, col: 0, value: "plain" },
      ]),
      merges: [],
      columnWidths: [20],
      print: { orientation: "portrait", fitToWidth: true },
    };
    const bytes = await renderLayoutsToXlsx([layout]);
    await checkPackage(bytes);
    const ws = (await loadWorkbook(bytes)).getWorksheet(1)!;
    names.forEach((name, row) => {
      const s = LAYOUT_STYLES[name];
      const cell = ws.getCell(row + 1, 1);
      const where = `style ${name}`;
      expect(cell.font.name, where).toBe("Calibri");
      expect(cell.font.size, where).toBe(s.fontSize ?? 11);
      expect(Boolean(cell.font.bold), where).toBe(Boolean(s.bold));
      expect(Boolean(cell.font.italic), where).toBe(Boolean(s.italic));
      expect(Boolean(cell.font.underline), where).toBe(Boolean(s.underline));
      expect(cell.font.color?.argb, where).toBe(s.fontColour ? `FF${s.fontColour.slice(1)}` : undefined);
      if (s.fill) expect(cell.fill, where).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: `FF${s.fill.slice(1)}` } });
      else expect(cell.fill === undefined || (cell.fill as { pattern?: string }).pattern === "none", where).toBe(true);
      if (s.border) {
        const thin = { style: "thin", color: { argb: "FF808080" } };
        expect(cell.border, where).toMatchObject({ left: thin, right: thin, bottom: thin, top: s.border === "topDouble" ? { style: "double", color: { argb: "FF000000" } } : thin });
      } else expect(cell.border?.top, where).toBeUndefined();
      expect(cell.numFmt ?? "General", where).toBe(s.numberFormat ?? "General");
      expect(Boolean(cell.alignment?.wrapText), where).toBe(Boolean(s.wrap));
      expect(cell.alignment?.horizontal, where).toBe(s.hAlign);
      expect(cell.alignment?.vertical, where).toBe(s.vAlign === "center" ? "middle" : s.vAlign);
    });
    expect(ws.getCell(names.length + 1, 1).numFmt).toBe("0.0%");
    expect(ws.getCell(names.length + 1, 1).font.bold).toBeFalsy();
    // No style at all: the workbook's default font (the first), which is Calibri 11.
    expect(ws.getCell(names.length + 2, 1).style.font).toBeUndefined();
    const styles = await (await JSZip.loadAsync(bytes)).file("xl/styles.xml")!.async("string");
    expect(/<fonts count="\d+"><font>(.*?)<\/font>/.exec(styles)?.[1]).toBe('<sz val="11"/><name val="Calibri"/><family val="2"/>');
    // Our reader sees the same number formats.
    const [snap] = await readXlsx(bytes);
    names.forEach((name, row) => expect(snap.numberFormats?.[row - snap.origin.row]?.[0], name).toBe(LAYOUT_STYLES[name].numberFormat ?? "General"));
  });
});

/** What a text cell reads back as: cut to Excel's limit, characters XML cannot hold dropped, lone surrogates replaced. */
function expectedText(text: string): string {
  return shortenCellText(text)
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/g, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

const HOSTILE_PIECES = [
  "=", "+", "-", "@", "=SUM(A1:A2)", '=HYPERLINK("http://x","y")', "+44 1622 694000", "-5", "@SUM(A1)", "=1+1",
  "_x0041_", "_x005F_x0041_", "_x00e9_", "_x000D_", "_x", "x0041_", "_", "👩‍👩‍👧", "😀", "مرحبا بالعالم", "שלום", "\u202Eevil\u202C",
  "\r\n", "\r", "\n", "\t", " ", "  ", "&<>\"'", "&amp;", "]]>", "\u0000", "\u0001", "\u0008", "\u000B", "\u001F", "\u007F", "\u0085",
  "\uFFFE", "\uFFFF", "\uD800", "\uDFFF", "£", "…",
];

const hostileText = fc.oneof(
  { weight: 12, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: "binary", maxLength: 6 }), fc.string({ maxLength: 10 })), { minLength: 1, maxLength: 6 }).map((ps) => ps.join("")) },
  // Over Excel's 32,767-character limit, with something hostile where the cut falls.
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: EXCEL_CELL_TEXT_LIMIT - 4, max: EXCEL_CELL_TEXT_LIMIT + 40 }), fc.constantFrom(...HOSTILE_PIECES)).map(([n, tail]) => `=${"x".repeat(n)}${tail}😀`) },
);

const hostileLayout = fc
  .uniqueArray(
    fc.record({
      row: fc.integer({ min: 0, max: 40 }),
      col: fc.integer({ min: 0, max: 6 }),
      text: hostileText,
      style: fc.option(fc.constantFrom(...(Object.keys(LAYOUT_STYLES) as LayoutStyleName[])), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 12, selector: (c) => `${c.row},${c.col}` },
  )
  .map((cs): SheetLayout => ({
    name: "Hostile",
    cells: LayoutCells.from(cs.map((c) => ({ row: c.row, col: c.col, value: c.text, style: c.style }))),
    merges: [],
    columnWidths: [12, 30, 8],
    print: { orientation: "portrait", fitToWidth: true },
  }));

describe("cell references", () => {
  it("a cell in the column after the one before it has no reference; a row's first cell and a cell after a gap have one; ExcelJS and our reader place them alike", async () => {
    const layout: SheetLayout = {
      name: "Refs",
      cells: LayoutCells.from([
        ...["A", "B", "C"].map((v, col) => ({ row: 4, col, value: v })),
        { row: 4, col: 4, value: 5, style: "money" as const },
        { row: 4, col: 5, value: 6 },
        { row: 6, col: 2, value: "alone" },
        { row: 6, col: 3, formula: "=SUM(E5:F5)", result: 11, value: null, style: "body" as const },
        { row: 6, col: 4, value: 7 },
      ]),
      merges: [],
      columnWidths: [],
      print: { orientation: "portrait", fitToWidth: true },
    };
    const bytes = await renderLayoutsToXlsx([layout], { protect: false });
    await checkPackage(bytes);
    const xml = await (await JSZip.loadAsync(bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
    const refs = (row: number): string[] => [...new RegExp(`<row r="${row}"[^>]*>(.*?)</row>`).exec(xml)![1].matchAll(/<c( r="([A-Z]+\d+)")?/g)].map((m) => m[2] ?? "-");
    expect(refs(5)).toEqual(["A5", "-", "-", "E5", "-"]);
    // A formula is written with its reference; the cell after it may go without.
    expect(refs(7)).toEqual(["C7", "D7", "-"]);
    const ws = (await loadWorkbook(bytes)).getWorksheet(1)!;
    const [snap] = await readXlsx(bytes);
    for (const c of layout.cells) {
      const want = c.formula ? c.result : c.value;
      const viaExcelJs = ws.getCell(c.row + 1, c.col + 1).value;
      expect(typeof viaExcelJs === "object" && viaExcelJs !== null && "result" in viaExcelJs ? viaExcelJs.result : viaExcelJs, `ExcelJS ${c.row},${c.col}`).toBe(want);
      expect(snap.values[c.row - snap.origin.row]?.[c.col - snap.origin.col], `readXlsx ${c.row},${c.col}`).toBe(want);
    }
  });
});

describe("text is always text", () => {
  it("property: hostile text round-trips as text through ExcelJS and through our reader, never a formula", async () => {
    await fc.assert(
      fc.asyncProperty(hostileLayout, async (layout) => {
        const bytes = await renderLayoutsToXlsx([layout], { protect: false });
        await checkPackage(bytes);
        expect((await scanPack(bytes)).formulas).toEqual([]);
        const ws = (await loadWorkbook(bytes)).getWorksheet(1)!;
        const [snap] = await readXlsx(bytes);
        for (const c of layout.cells) {
          const want = expectedText(c.value as string);
          const viaExcelJs = ws.getCell(c.row + 1, c.col + 1).value;
          const row = c.row - snap.origin.row;
          const col = c.col - snap.origin.col;
          const viaReader = snap.values[row]?.[col] ?? null;
          if (want === "") {
            expect([null, "", undefined]).toContain(viaExcelJs);
            expect([null, ""]).toContain(viaReader);
          } else {
            expect(viaExcelJs).toBe(want);
            expect(viaReader).toBe(want);
          }
          expect(snap.formulas[row]?.[col] ?? null).toBeNull();
        }
      }),
      { numRuns: runs(40) },
    );
  });

  it("property: hostile text in charts (titles, series, categories) and org charts (titles, boxes, post ids) leaves every part well-formed", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileText, { minLength: 8, maxLength: 8 }), async ([title, description, axis, series, category, postTitle, postId, chartTitle]) => {
        const layout: SheetLayout = {
          name: "Chart",
          cells: LayoutCells.from([
            { row: 0, col: 0, value: category },
            { row: 0, col: 1, value: 5 },
          ]),
          merges: [],
          columnWidths: [],
          print: { orientation: "portrait", fitToWidth: true },
        };
        const notes: SheetLayout = { ...layout, name: "Org", cells: LayoutCells.from([]) };
        const one = { row: 0, col: 0, rowCount: 1, colCount: 1 };
        const base = orgChartDrawing(orgChartPages(cleanDirectorate(), "SCPH001")[0].chart, chartTitle, { x: 12, y: 40 });
        const drawing = { ...base, boxes: base.boxes.map((b, i) => (i === 0 ? { ...b, postId, lines: [postTitle, ...b.lines.slice(1)] } : b)) };
        const bytes = await renderLayoutsToXlsx([layout, notes], {
          protect: false,
          charts: [
            {
              sheet: "Chart",
              chart: { kind: "columns", title, description, categories: one, anchor: { row: 2, col: 0, rowCount: 10, colCount: 6 }, valueAxisTitle: axis, series: [{ name: series, values: { ...one, col: 1 } }] },
            },
          ],
          orgCharts: [{ sheet: "Org", drawing }],
        });
        await checkPackage(bytes);
      }),
      { numRuns: runs(40) },
    );
  });
});
