import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runs } from "../propertyRuns";
import JSZip from "jszip";
import { loadWorkbook } from "./loadWorkbook";
import type { SheetLayout } from "../../src/core/layout";
import { assertNativeFormula, LayoutRenderError, renderLayoutsToWorkbook, renderLayoutsToXlsx, resolveSheetNames } from "../../src/workbook/renderLayout";
import { unescapeXml } from "../../src/workbook/xlsxParts";
import { scanPack } from "./packScan";
import { newPostListLayout } from "../../src/core/posts/postList";
import { SCS_POST_LIST } from "./fixtures";
import { LayoutCells } from "../../src/core/layoutCells";
import { convertToPdf, pdfPagesText, pdfToolsAvailable } from "../libreoffice/soffice";

function layout(name: string, extra: Partial<SheetLayout> = {}): SheetLayout {
  return {
    name,
    cells: LayoutCells.from([
      { row: 0, col: 0, value: "Title", style: "title" },
      { row: 1, col: 0, value: "Item", style: "header" },
      { row: 1, col: 1, value: "Amount", style: "header" },
      { row: 2, col: 0, value: "A", style: "body" },
      { row: 2, col: 1, value: 10, style: "money" },
      { row: 3, col: 0, value: "B", style: "body" },
      { row: 3, col: 1, value: 32.5, style: "money" },
      { row: 4, col: 0, value: "Total", style: "total" },
      { row: 4, col: 1, formula: "=SUM(B3:B4)", result: 42.5, style: "totalMoney" },
    ]),
    merges: [{ row: 0, col: 0, rowCount: 1, colCount: 2 }],
    columnWidths: [20, 14],
    print: { orientation: "landscape", fitToWidth: true, repeatRows: { first: 1, last: 1 } },
    freezeRows: 2,
    ...extra,
  };
}

/**
 * The printed text of each section (L, C, R) of a header or footer, as Excel reads its codes (ECMA-376 Part 1
 * §18.3.1.39 oddFooter; Microsoft Learn, "Formatting and VBA codes for headers and footers"): "&&" is "&",
 * &"font" and &L/&C/&R and the other letter codes print nothing (&P and &N print "#"), and "&" followed by
 * digits is a font size that takes every digit that follows.
 */
function footerSections(code: string): Record<"L" | "C" | "R", string> {
  const out = { L: "", C: "", R: "" };
  let section: "L" | "C" | "R" = "C";
  for (let i = 0; i < code.length; i++) {
    if (code[i] !== "&") {
      out[section] += code[i];
      continue;
    }
    const next = code[i + 1] ?? "";
    if (next === "&") {
      out[section] += "&";
      i++;
    } else if (next === '"') {
      i = code.indexOf('"', i + 2);
    } else if (/\d/.test(next)) {
      while (/\d/.test(code[i + 1] ?? "")) i++;
    } else {
      if (next === "L" || next === "C" || next === "R") section = next;
      else if (next === "P" || next === "N") out[section] += "#";
      i++;
    }
  }
  return out;
}

async function sheetXml(bytes: Uint8Array, n = 1): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.file(`xl/worksheets/sheet${n}.xml`)!.async("string");
}

describe("renderLayoutsToXlsx", () => {
  it("writes values, formulas with cached results, styles, merges, widths and freeze panes", async () => {
    const bytes = await renderLayoutsToXlsx([layout("Budget")], { title: "Pack" });
    const wb = await loadWorkbook(bytes);
    const ws = wb.getWorksheet("Budget")!;
    expect(ws.getCell("A3").value).toBe("A");
    expect(ws.getCell("B5").value).toEqual({ formula: "SUM(B3:B4)", result: 42.5 });
    expect(ws.getCell("B5").numFmt).toBe('"£"#,##0;-"£"#,##0');
    expect(ws.getCell("B5").font.bold).toBe(true);
    expect(ws.getCell("B5").border.top?.style).toBe("double");
    expect(ws.getCell("A2").fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F2" } });
    expect(ws.getColumn(1).width).toBe(20);
    expect(ws.getCell("A1").isMerged).toBe(true);
    expect(ws.getCell("B1").isMerged).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2, showGridLines: false });
    const xml = await sheetXml(bytes);
    expect(xml).toContain('<mergeCell ref="A1:B1"/>');
    expect(xml).toContain("<f>SUM(B3:B4)</f><v>42.5</v>");
  });

  it("sets up printing: A4, orientation, one page wide, repeated header rows, footer, no gridlines", async () => {
    const bytes = await renderLayoutsToXlsx([layout("Budget"), layout("Notes", { print: { orientation: "portrait", fitToWidth: true } })], {
      title: "Budget & savings",
      classification: "Unrestricted",
    });
    const zip = await JSZip.loadAsync(bytes);
    const s1 = await sheetXml(bytes, 1);
    const s2 = await sheetXml(bytes, 2);
    expect(s1).toMatch(/<pageSetup[^>]*paperSize="9"[^>]*orientation="landscape"[^>]*fitToWidth="1"[^>]*fitToHeight="0"/);
    expect(s2).toMatch(/<pageSetup[^>]*orientation="portrait"/);
    expect(s1).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(s1).not.toMatch(/gridLines="1"/);
    expect(s1).toContain("Budget &amp;&amp; savings"); // "&" doubled in the footer, where it starts codes
    expect(s1).toContain("Page &amp;P of &amp;N");
    expect(s1).toContain("Unrestricted");
    const wbXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(wbXml).toMatch(/_xlnm\.Print_Titles[^>]*localSheetId="0"[^>]*>(&apos;)?Budget(&apos;)?!\$2:\$2</);
    expect(wbXml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it("prints a title and sheet name that begin with digits in full in the footer", async () => {
    const bytes = await renderLayoutsToXlsx([layout("2025 plan")], { title: "2024/25 budget" });
    const footer = unescapeXml(/<oddFooter>([^<]*)<\/oddFooter>/.exec(await sheetXml(bytes))![1]);
    expect(footerSections(footer)).toEqual({ L: "2024/25 budget", C: "2025 plan", R: "Page # of #" });
  });

  it.skipIf(!pdfToolsAvailable())("LibreOffice prints a footer title beginning with digits in full", async () => {
    const bytes = await renderLayoutsToXlsx([layout("2025 plan")], { title: "2024/25 budget" });
    const pages = await pdfPagesText((await convertToPdf(bytes)).bytes);
    const footer = pages[0].split("\n").filter((l) => l.trim() !== "").pop() ?? "";
    expect(footer).toContain("2024/25 budget");
    expect(footer).toContain("2025 plan");
  });

  it("a table asked for filters shows working filter buttons on its protected sheet; other tables hide them", async () => {
    const range = { row: 1, col: 0, rowCount: 3, colCount: 2 };
    const bytes = await renderLayoutsToXlsx([layout("Filtered", { tables: [{ name: "Results", range, filter: true }] }), layout("Plain", { tables: [{ name: "Other", range }] })], {
      password: "s3cret",
    });
    const zip = await JSZip.loadAsync(bytes);
    const filtered = await zip.file("xl/tables/table1.xml")!.async("string");
    expect(filtered).toContain('<autoFilter ref="A2:B4"/>');
    expect(filtered).not.toContain("hiddenButton");
    expect(await sheetXml(bytes, 1)).toMatch(/<sheetProtection sheet="1" formatColumns="0" formatRows="0" autoFilter="0" algorithmName="SHA-512" hashValue="/);
    const plain = await zip.file("xl/tables/table2.xml")!.async("string");
    expect(plain).toContain('<autoFilter ref="A2:B4"><filterColumn colId="0" hiddenButton="1"/><filterColumn colId="1" hiddenButton="1"/></autoFilter>');
    const plainSheet = await sheetXml(bytes, 2);
    expect(plainSheet).toMatch(/<sheetProtection sheet="1"/);
    expect(plainSheet).not.toContain("autoFilter=");
  });

  it("quotes a sheet named like a cell reference in its print titles (KR17, R1C1)", async () => {
    const zip = await JSZip.loadAsync(await renderLayoutsToXlsx([layout("KR17"), layout("R1C1")]));
    const wbXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(wbXml).toContain("'KR17'!$2:$2");
    expect(wbXml).toContain("'R1C1'!$2:$2");
  });

  it("protects each sheet without a password by default, with a password when asked", async () => {
    const open = await sheetXml(await renderLayoutsToXlsx([layout("A")]));
    expect(open).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(open).not.toMatch(/hashValue|password=/);
    const locked = await sheetXml(await renderLayoutsToXlsx([layout("A")], { password: "members" }));
    expect(locked).toMatch(/<sheetProtection [^>]*hashValue="/);
    const none = await sheetXml(await renderLayoutsToXlsx([layout("A")], { protect: false }));
    expect(none).not.toContain("sheetProtection");
  });

  it("writes text that looks like a formula as a string, and keeps literal _xHHHH_ text", async () => {
    const hostile = ['=HYPERLINK("http://x")', "+44 1622", "-5", "@SUM(A1)", "=1+1", "_x0041_ code", "a\nb"];
    const l = layout("Titles", { cells: LayoutCells.from(hostile.map((v, row) => ({ row, col: 0, value: v, style: "body" as const }))), merges: [], tables: [] });
    const bytes = await renderLayoutsToXlsx([l]);
    const scan = await scanPack(bytes, hostile);
    expect(scan.formulas).toEqual([]);
    for (const h of hostile) expect(scan.strings).toContain(h);
    expect(scan.problems).toEqual([]);
    const wb = await loadWorkbook(bytes);
    hostile.forEach((h, i) => expect(wb.getWorksheet(1)!.getCell(i + 1, 1).value).toBe(h));
  });

  it("property: any text written is read back as the same string, never a formula", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\p{Cc}\ufffe\uffff]/u.test(s.replace(/[\t\n\r]/g, "")) && !/[\ud800-\udfff]/.test(s)), { minLength: 1, maxLength: 8 }), async (texts) => {
        const l: SheetLayout = { name: "T", cells: LayoutCells.from(texts.map((v, row) => ({ row, col: 0, value: v }))), merges: [], columnWidths: [], print: { orientation: "portrait", fitToWidth: true } };
        const bytes = await renderLayoutsToXlsx([l], { protect: false });
        const scan = await scanPack(bytes);
        expect(scan.formulas).toEqual([]);
        const wb = await loadWorkbook(bytes);
        texts.forEach((t, i) => {
          const v = wb.getWorksheet(1)!.getCell(i + 1, 1).value;
          const text = typeof v === "object" && v !== null && "richText" in v ? v.richText.map((r) => r.text).join("") : v;
          expect(text).toBe(t);
        });
      }),
      { numRuns: runs(25) },
    );
  });

  it("refuses formulas a members' workbook must not hold, and formulas without a cached result", async () => {
    for (const f of ['=BUDGET.GRADECOST("KR17",1)', "=_xldudf_BUDGET_GRADECOST(A1)", "=[1]Sheet1!A1", "='C:\\[Book.xlsx]S'!A1", '=HYPERLINK("http://x","y")', '=WEBSERVICE("http://x")']) {
      const l = layout("X", { cells: LayoutCells.from([{ row: 0, col: 0, formula: f, result: 1 }]) });
      await expect(renderLayoutsToXlsx([l])).rejects.toBeInstanceOf(LayoutRenderError);
    }
    await expect(renderLayoutsToXlsx([layout("X", { cells: LayoutCells.from([{ row: 0, col: 0, formula: "=1+1" }]) })])).rejects.toThrow(/no cached result/);
    expect(() => assertNativeFormula("SUM(B3:B9)-C4", "t")).not.toThrow();
    expect(() => assertNativeFormula("SUBTOTAL(9,B3:B9)", "t")).not.toThrow();
  });

  it("refuses a formula Excel would refuse (over 255 arguments or 8,192 characters), in a cell or a drop-down's source, and writes one at the limits", async () => {
    const sum = (n: number): string => `=SUM(${Array.from({ length: n }, (_, i) => `B${i + 1}`).join(",")})`;
    const cell = (formula: string): SheetLayout => layout("X", { cells: LayoutCells.from([{ row: 0, col: 0, formula, result: 1 }]) });
    await expect(renderLayoutsToXlsx([cell(sum(256))])).rejects.toThrow(/X!A1: the formula =SUM\(B1,B2,.*cannot be written, as Excel would refuse it/);
    await expect(renderLayoutsToXlsx([cell(`=${Array.from({ length: 2_000 }, (_, i) => `B${i + 1}`).join("+")}`)])).rejects.toThrow(/characters/);
    const bytes = await renderLayoutsToXlsx([cell(sum(255))]);
    const wb = await loadWorkbook(bytes);
    expect(wb.getWorksheet(1)!.getCell("A1").formula).toBe(sum(255).slice(1));
    const deep = `=${"IF(1,".repeat(65)}1${")".repeat(65)}`;
    const withList = layout("X", {
      cells: LayoutCells.from([{ row: 0, col: 0, value: "a" }]),
      validations: [{ kind: "listRange", source: deep, range: { row: 1, col: 0, rowCount: 1, colCount: 1 }, allowBlank: true, errorStyle: "stop", errorTitle: "t", errorMessage: "m" }],
    });
    await expect(renderLayoutsToXlsx([withList])).rejects.toThrow(/X!A2 validation: .*nested/);
  });

  it("sanitises and de-duplicates sheet names, and links follow the renamed sheets", async () => {
    const a = layout("Budget: 2024/25 [draft]");
    const b = layout("budget  2024 25  draft ");
    const c = layout("A very long directorate name that goes beyond thirty-one characters");
    const d = layout("history");
    const cover: SheetLayout = {
      name: "Cover",
      cells: LayoutCells.from([a, b, c, d].map((l, row) => ({ row, col: 0, value: l.name, style: "link" as const, link: { sheet: l.name, cell: "A1" } }))),
      merges: [],
      columnWidths: [40],
      print: { orientation: "portrait", fitToWidth: true },
    };
    const names = resolveSheetNames([cover, a, b, c, d]);
    expect(names).toEqual(["Cover", "Budget 2024 25 draft", "budget 2024 25 draft (2)", "A very long directorate name", "Sheet"]);
    const { bytes, sheetNames } = await renderLayoutsToWorkbook([cover, a, b, c, d]);
    expect(sheetNames).toEqual(names);
    const xml = unescapeXml(await sheetXml(bytes, 1));
    expect(xml).toContain(`<hyperlink ref="A1" location="'Budget 2024 25 draft'!A1"`);
    expect(xml).toContain(`location="'budget 2024 25 draft (2)'!A1"`);
    expect(xml).not.toMatch(/<hyperlink[^>]*r:id/);
    const zip = await JSZip.loadAsync(bytes);
    const rels = zip.file("xl/worksheets/_rels/sheet1.xml.rels");
    expect(rels ? await rels.async("string") : "").not.toContain("External");
  });

  it.each([
    // The failing example from a random run (seed 434446397), kept as an ordinary test.
    [["' ", ""], ["Sheet", "Sheet (2)"]],
    [["'Budget'"], ["Budget"]],
    [[" ' ' "], ["Sheet"]],
    [["''''"], ["Sheet"]],
    [["History"], ["Sheet"]],
    [["HISTORY", "history "], ["Sheet", "Sheet (2)"]],
    [["a".repeat(30) + "'b"], ["a".repeat(30)]],
    [["a".repeat(29) + " 'b"], ["a".repeat(29)]],
    [["Savings", "SAVINGS", "savings"], ["Savings", "SAVINGS (2)", "savings (3)"]],
    [["x".repeat(31), "X".repeat(31)], ["x".repeat(31), "X".repeat(27) + " (2)"]],
    [["Pay: 2024/25 [draft]?"], ["Pay 2024 25 draft"]],
  ])("sheet names %j resolve to %j", (wanted, expected) => {
    expect(resolveSheetNames(wanted.map((w) => layout(w)))).toEqual(expected);
  });

  it("property: rendered sheet names are valid Excel names and unique", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 12 }), (wanted) => {
        const names = resolveSheetNames(wanted.map((w) => layout(w)));
        const lower = names.map((n) => n.toLowerCase());
        expect(new Set(lower).size).toBe(names.length);
        for (const n of names) {
          expect(n.length).toBeGreaterThan(0);
          expect(n.length).toBeLessThanOrEqual(31);
          expect(n).not.toMatch(/[:\\/?*[\]]/);
          expect(n).not.toMatch(/^'|'$/);
        }
      }),
    );
  });

  it("writes Excel tables over the layout's cells without changing their values or styles", async () => {
    const l = layout("T", { tables: [{ name: "Budget lines", range: { row: 1, col: 0, rowCount: 3, colCount: 2 } }] });
    const bytes = await renderLayoutsToXlsx([l]);
    const zip = await JSZip.loadAsync(bytes);
    const table = await zip.file("xl/tables/table1.xml")!.async("string");
    expect(table).toContain('ref="A2:B4"');
    expect(table).toContain('name="Budget_lines"');
    // No built-in table style over the layout's own (it would turn header text white on the pale fill).
    expect(table).toMatch(/<tableStyleInfo (?![^>]*name=)[^>]*\/>/);
    const wb = await loadWorkbook(bytes);
    const ws = wb.getWorksheet(1)!;
    expect(ws.getCell("A2").value).toBe("Item");
    expect(ws.getCell("B3").value).toBe(10);
    expect(ws.getCell("A2").fill).toMatchObject({ fgColor: { argb: "FFDCE6F2" } });
  });

  it("adds charts as DrawingML parts that refer to the sheet's cells and cache their values", async () => {
    const { bytes } = await renderLayoutsToWorkbook([layout("Savings plan")], {
      charts: [
        {
          sheet: "Savings plan",
          chart: {
            kind: "columns",
            title: "Amounts",
            description: "Amount per item",
            categories: { row: 2, col: 0, rowCount: 2, colCount: 1 },
            series: [{ name: "Amount", values: { row: 2, col: 1, rowCount: 2, colCount: 1 } }],
            anchor: { row: 6, col: 0, rowCount: 10, colCount: 4 },
          },
        },
      ],
    });
    const zip = await JSZip.loadAsync(bytes);
    const chart = unescapeXml(await zip.file("xl/charts/chart1.xml")!.async("string"));
    expect(chart).toContain("<c:f>'Savings plan'!$A$3:$A$4</c:f>");
    expect(chart).toContain("<c:f>'Savings plan'!$B$3:$B$4</c:f>");
    expect(chart).toContain('<c:pt idx="1"><c:v>32.5</c:v></c:pt>');
    const types = await zip.file("[Content_Types].xml")!.async("string");
    expect(types).toContain('PartName="/xl/charts/chart1.xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml"');
    const xml = await sheetXml(bytes);
    expect(xml).toMatch(/<drawing r:id="rId\d+"\/>/);
    // schema order: drawing after headerFooter
    expect(xml.indexOf("<drawing")).toBeGreaterThan(xml.indexOf("<headerFooter"));
    const drawingRels = await zip.file("xl/drawings/_rels/drawing1.xml.rels")!.async("string");
    expect(drawingRels).toContain('Target="../charts/chart1.xml"');
  });

  it("draws a layout's data validation: lists, ranges, number and date limits (core's post list template)", async () => {
    const layout = newPostListLayout({ rows: 50, posts: SCS_POST_LIST });
    const bytes = await renderLayoutsToXlsx([layout], { protect: false });
    const xml = unescapeXml(await sheetXml(bytes));
    const dvs = [...xml.matchAll(/<dataValidation\b([^>]*)>([\s\S]*?)<\/dataValidation>/g)].map((m) => ({ attrs: m[1], body: m[2] }));
    expect(dvs).toHaveLength(layout.validations!.length);
    const grade = dvs.find((d) => d.attrs.includes('type="list"') && d.body.includes("KR20"))!;
    expect(grade.body).toMatch(/<formula1>"KR20,KR19,[^<]*KR3"<\/formula1>/);
    expect(grade.attrs).toContain('sqref="C2:C51"');
    const fte = dvs.find((d) => d.attrs.includes('type="decimal"'))!;
    expect(fte.body).toBe("<formula1>0</formula1><formula2>1</formula2>");
    expect(dvs.find((d) => d.body.includes("existing,deleted,new,amended,unaffected"))).toBeDefined();
    expect(dvs.find((d) => d.attrs.includes('type="list"') && d.body.includes("$A$2:$A$51"))!.attrs).toContain('errorStyle="warning"');
    const date = dvs.find((d) => d.attrs.includes('type="date"'))!;
    const rule = layout.validations!.find((v) => v.kind === "date")!;
    expect(rule.kind === "date" && [rule.min, rule.max]).toEqual([36526, 73050]); // 01/01/2000 and 31/12/2099
    expect(date.body).toBe("<formula1>36526</formula1><formula2>73050</formula2>");
    const whole = dvs.find((d) => d.attrs.includes('type="whole"'))!;
    expect(whole.body).toBe("<formula1>0</formula1><formula2>999</formula2>");
    // The template's table and posts are there, as text where the user typed text.
    const wb = await loadWorkbook(bytes);
    expect(wb.getWorksheet(1)!.getCell("B16").value).toBe(SCS_POST_LIST[14].title);
  });
});

describe("native-formula check (issue 12)", () => {
  it("accepts references to sheets named with dots and brackets, and still refuses what it must", async () => {
    for (const f of ["='Budget.2025 posts'!C2+'Call (centre) posts'!C2", "=SUM('Indirect (costs)'!B2:B9)", "=COUNTIF('Call (centre) posts'!D:D,\"New\")"]) {
      expect(() => assertNativeFormula(f, "t")).not.toThrow();
      const l = layout("X", { cells: LayoutCells.from([{ row: 0, col: 0, formula: f, result: 1 }]) });
      await expect(renderLayoutsToXlsx([l])).resolves.toBeInstanceOf(Uint8Array);
    }
    for (const f of ["=CALL(\"x\")", "=INDIRECT(\"A1\")", "='C:\\[Book.xlsx]S'!A1", "=_xll.BUDGET.X()", "=\"http://x\"&A1"]) {
      expect(() => assertNativeFormula(f, "t")).toThrow(LayoutRenderError);
    }
  });
});
