/**
 * Issue 12, reading: hostile and damaged files built in code. Each of these failed on the ExcelJS-based
 * reader (out of memory, a minute's hang, a "clean" check of a file that is not a workbook, dates as 2024).
 */
import JSZip from "jszip";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SheetSnapshot } from "../../src/core/sheetSnapshot";
import { auditWorkbook } from "../../src/workbook/auditWorkbook";
import { membersPackFromWorkbook } from "../../src/workbook/membersPackFromWorkbook";
import { readXlsx, XLSX_LIMITS, XlsxReadError } from "../../src/workbook/readXlsx";
import { budgetXlsx, hugeMerge, miniParts, miniXlsx, notWorkbooks, sparseCorners, zipBomb, zipOf } from "./hostileFiles";
import { columnLetters } from "../../src/core/a1";

const gridCells = (snaps: readonly SheetSnapshot[]): number => snaps.reduce((n, s) => n + s.values.length * (s.values[0]?.length ?? 0), 0);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("sparse sheets: memory follows the cells that exist", () => {
  it("reads A1 and XFD1048576 as two small blocks of the same sheet", async () => {
    const snaps = await readXlsx(sparseCorners());
    expect(snaps.map((s) => s.name)).toEqual(["Sparse", "Sparse"]);
    expect(snaps[0]).toMatchObject({ origin: { row: 0, col: 0 }, values: [["Budget"]] });
    expect(snaps[1]).toMatchObject({ origin: { row: 1048575, col: 16383 }, values: [[5]] });
    expect(gridCells(snaps)).toBe(2);
  });

  it("keeps an ordinary sheet with a far note in one grid, and splits scattered cells into bounded grids", async () => {
    const rows = Array.from({ length: 30 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c><c r="B${r + 1}"><v>1</v></c></row>`).join("");
    const [one, ...rest] = await readXlsx(miniXlsx([{ name: "Note", rows: rows + `<row r="40"><c r="H40" t="inlineStr"><is><t>note</t></is></c></row>` }]));
    expect(rest).toEqual([]);
    expect(one.values).toHaveLength(40);
    expect(one.values[39][7]).toBe("note");
    // A diagonal of 3,000 cells: no gaps to split at, so bands; grids stay within 16 cells per real cell.
    const diag = Array.from({ length: 3000 }, (_, i) => `<row r="${i * 500 + 1}"><c r="${columnLetters(i % 16000)}${i * 500 + 1}"><v>${i}</v></c></row>`).join("");
    const snaps = await readXlsx(miniXlsx([{ name: "Diagonal", rows: diag }]));
    expect(gridCells(snaps)).toBeLessThanOrEqual(16 * 3000);
    expect(snaps.flatMap((s) => s.values.flat()).filter((v) => v !== null)).toHaveLength(3000);
  });
});


describe("merges are read as ranges, never expanded", () => {
  it("a merge over A10:XFD1048576 on a 5-row sheet reads at once", async () => {
    const [snap] = await readXlsx(hugeMerge());
    expect(snap.values.map((r) => r[1])).toEqual([100, 200, 300, 400, 500]);
    // The merge is anchored outside the cells that exist, so the block does not keep it.
    expect(snap.merges).toEqual([]);
    expect(await auditWorkbook(hugeMerge())).toEqual(expect.any(Array));
  });

  it("clips a merge to the block and empties the cells it covers", async () => {
    const rows = `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>4</v></c></row>`;
    const [snap] = await readXlsx(miniXlsx([{ name: "M", rows, after: `<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>` }]));
    expect(snap.merges).toEqual([{ row: 0, col: 0, rowCount: 2, colCount: 2 }]);
    expect(snap.values).toEqual([
      [1, null],
      [null, null],
    ]);
  });
});

describe("size limits: refused before inflating, with the limit and the file's size", () => {
  it("refuses a zip bomb by its declared size and ratio", async () => {
    const bomb = zipBomb(20);
    const e = await readXlsx(bomb).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(XlsxReadError);
    expect((e as Error).message).toMatch(/xl\/worksheets\/sheet1\.xml would unpack from .* to 20\.\d MB, more than 200 times/);
  });

  it("refuses a part that inflates past what the zip declares (a lying header)", async () => {
    const big = "<row><c><v>1</v></c></row>".repeat(200_000);
    const parts = miniParts([{ name: "Lies", rows: big }]).map((p) => (p.name === "xl/worksheets/sheet1.xml" ? { ...p, claimedSize: 10_000 } : p));
    await expect(readXlsx(zipOf(parts))).rejects.toThrow(/unpacks to more than it declares/);
  });

  it("refuses parts over the size limit and files over the file limit", async () => {
    const parts = miniParts([{ name: "Big", rows: "" }]).map((p) => (p.name === "xl/worksheets/sheet1.xml" ? { ...p, claimedSize: XLSX_LIMITS.partBytes + 1 } : p));
    await expect(readXlsx(zipOf(parts))).rejects.toThrow(/unpacks to 300\.0 MB, over the limit of 300\.0 MB/);
    const huge = new Uint8Array(XLSX_LIMITS.fileBytes + 1);
    await expect(readXlsx(huge)).rejects.toThrow(/This file is 100\.0 MB; workbooks over 100\.0 MB cannot be read here/);
  });
});

describe("not a workbook: refused in a sentence that says what the file is and what to do", () => {
  const expected: Record<string, RegExp> = {
    "a zip holding only a text file": /zip archive but not an Excel workbook: it holds notes\.txt/,
    "a Word document": /Word document/,
    "a zip with only [Content_Types].xml": /zip archive but not an Excel workbook/,
    "a workbook whose sheet part is missing": /lists the sheet "Budget" but the file does not hold that sheet/,
    "a password-protected workbook": /protected with a password/,
    "an .xls file": /older Excel \(\.xls\)/,
    "a CSV file": /CSV or text file/,
    "a CSV file with a byte order mark": /^This is a CSV or text file, not an Excel workbook\./,
    "Unicode text from Excel (UTF-16LE with a byte order mark)": /^This is a CSV or text file, not an Excel workbook\./,
    "an XML Spreadsheet 2003 file with a byte order mark": /^This is an XML or web page file, not an \.xlsx workbook\./,
    "an OpenDocument spreadsheet": /OpenDocument spreadsheet \(\.ods\)/,
    "an Excel Binary Workbook (.xlsb)": /^This is an Excel Binary Workbook \(\.xlsb\), which cannot be read here\. Open it in Excel and save it as an Excel Workbook \(\.xlsx\)/,
  };
  for (const [what, make] of Object.entries(notWorkbooks)) {
    it(`${what}: readXlsx, auditWorkbook and membersPackFromWorkbook refuse it`, async () => {
      const bytes = make();
      for (const op of [() => readXlsx(bytes), () => auditWorkbook(bytes), () => membersPackFromWorkbook(bytes)]) {
        const e = await op().catch((x: unknown) => x);
        expect(e).toBeInstanceOf(XlsxReadError);
        expect((e as Error).message).toMatch(expected[what]);
      }
      if (!/password/.test(what)) expect(((await readXlsx(bytes).catch((x: Error) => x)) as Error).message).toMatch(/\.xlsx|Excel workbook/);
    });
  }
});

describe("cells as Excel writes them", () => {
  it("reads ISO dates (t=\"d\") as dates, not the number 2024", async () => {
    const [snap] = await readXlsx(miniXlsx([{ name: "Dates", rows: `<row r="1"><c r="A1" t="d"><v>2024-10-01</v></c><c r="B1" t="d"><v>2024-10-01T12:00:00</v></c></row>` }]));
    expect(snap.values[0]).toEqual([45566, 45566.5]);
  });

  it("reads ISO dates (t=\"d\") in a 1904 workbook as serials of its date system, like its numbers", async () => {
    const rows = `<row r="1"><c r="A1"><v>43000</v></c><c r="B1" t="d"><v>2024-10-01</v></c><c r="C1" t="d"><v>1904-01-01T12:00:00</v></c></row>`;
    for (const [pr, expected] of [
      [`<workbookPr date1904="1"/>`, [43000, 44104, 0.5]],
      [`<workbookPr date1904="true"/>`, [43000, 44104, 0.5]],
      [`<workbookPr date1904="0"/>`, [43000, 45566, 1462.5]],
      [``, [43000, 45566, 1462.5]],
    ] as const) {
      const parts = miniParts([{ name: "D", rows }]).map((p) => (p.name === "xl/workbook.xml" ? { ...p, data: (p.data as string).replace("<sheets>", `${pr}<sheets>`) } : p));
      const [snap] = await readXlsx(zipOf(parts));
      expect(snap.values[0], pr).toEqual(expected);
    }
  });

  it("reads Excel's _xHHHH_ escapes in a formula's text result (t=\"str\") as in shared and inline strings", async () => {
    const rows = `<row r="1"><c r="A1" t="str"><f>"l1"&amp;CHAR(13)&amp;"l2"</f><v>l1_x000D_l2</v></c><c r="B1" t="str"><f>"_x0041_"</f><v>_x005F_x0041_</v></c></row>`;
    const [snap] = await readXlsx(miniXlsx([{ name: "Str", rows }]));
    expect(snap.values[0]).toEqual(["l1\rl2", "_x0041_"]);
  });

  it("reads sheet XML written with a namespace prefix, and expands its shared formulas", async () => {
    const xml =
      `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
      `<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="B1"><x:f t="shared" ref="B1:B3" si="0">A1*2</x:f><x:v>2</x:v></x:c></x:row>` +
      `<x:row r="2"><x:c r="A2"><x:v>2</x:v></x:c><x:c r="B2"><x:f t="shared" si="0"/><x:v>4</x:v></x:c></x:row>` +
      `<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:r><x:t>a &amp; </x:t></x:r><x:r><x:t>b</x:t></x:r></x:is></x:c><x:c r="B3"><x:f t="shared" si="0"/><x:v>#VALUE!</x:v></x:c></x:row>` +
      `</x:sheetData></x:worksheet>`;
    const [snap] = await readXlsx(miniXlsx([{ name: "Prefixed", xml }]));
    expect(snap.formulas.map((r) => r[1])).toEqual(["=A1*2", "=A2*2", "=A3*2"]);
    expect(snap.values.map((r) => r[0])).toEqual([1, 2, "a & b"]);
  });
});

describe("one parse per operation", () => {
  it("membersPackFromWorkbook opens the file once, checks included", async () => {
    const bytes = budgetXlsx(120);
    const spy = vi.spyOn(JSZip, "loadAsync");
    await membersPackFromWorkbook(bytes);
    const reads = spy.mock.calls.filter(([data]) => data === bytes || (data instanceof Uint8Array && data.length === bytes.length));
    expect(reads).toHaveLength(1);
  });
});
