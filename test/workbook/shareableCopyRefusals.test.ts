/**
 * Shareable copy of files that are not workbooks, are too big, or are damaged: refused with the sentence
 * readXlsx gives for the same file (src/workbook/xlsxPackage.ts), never a library's error or a crash.
 */
import { DOMParser } from "@xmldom/xmldom";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { readXlsx, XlsxReadError } from "../../src/workbook/readXlsx";
import { makeShareableCopy } from "../../src/workbook/shareableCopy";
import { miniParts, notWorkbooks, zipBomb, zipOf } from "./hostileFiles";

async function refusal(op: () => Promise<unknown>): Promise<Error> {
  const e = await op().then(
    () => new Error("not refused"),
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(XlsxReadError);
  return e as Error;
}

describe("shareable copy: what is not a workbook is refused in readXlsx's sentence", () => {
  const cases: Record<string, () => Uint8Array> = { ...notWorkbooks, "an empty file": () => new Uint8Array(0) };
  // A listed sheet whose part is missing is copied as it is (Excel repairs it), so it is not a refusal here.
  delete cases["a workbook whose sheet part is missing"];
  for (const [what, make] of Object.entries(cases)) {
    it(what, async () => {
      const bytes = make();
      const expected = await refusal(() => readXlsx(bytes));
      const got = await refusal(() => makeShareableCopy(bytes));
      expect(got.message).toBe(expected.message);
    });
  }
});

describe("shareable copy: size limits are checked before anything is inflated", () => {
  it("refuses a zip bomb in a sentence instead of running out of memory", async () => {
    const e = await refusal(() => makeShareableCopy(zipBomb(20)));
    expect(e.message).toMatch(/xl\/worksheets\/sheet1\.xml would unpack from .* to 20\.\d MB, more than 200 times/);
  });

  it("refuses a part that inflates past what the zip declares (a lying header)", async () => {
    const big = "<row><c><v>1</v></c></row>".repeat(200_000);
    const parts = miniParts([{ name: "Lies", rows: big }]).map((p) => (p.name === "xl/worksheets/sheet1.xml" ? { ...p, claimedSize: 10_000 } : p));
    const e = await refusal(() => makeShareableCopy(zipOf(parts)));
    expect(e.message).toMatch(/unpacks to more than it declares/);
  });
});

describe("shareable copy: legal but unusual package parts", () => {
  it("a root relationship without a Type is passed over, as readXlsx does", async () => {
    const parts = miniParts([{ name: "S", rows: `<row r="1"><c r="A1"><f>BUDGET.X(1)</f><v>5</v></c></row>` }]).map((p) =>
      p.name === "_rels/.rels" ? { ...p, data: (p.data as string).replace("<Relationship ", '<Relationship Id="x0" Target="docProps/x.xml"/><Relationship ') } : p,
    );
    const result = await makeShareableCopy(zipOf(parts));
    expect(result.conversions).toEqual([{ sheet: "S", cell: "A1", formula: "=BUDGET.X(1)", value: 5, kind: "cell" }]);
  });
});

describe("shareable copy: rows and cells without an r attribute (ECMA-376 Part 1 §18.3.1.73, §18.3.1.4)", () => {
  it("each takes the place after the previous one, as Excel and readXlsx read them", async () => {
    const rows =
      `<row><c><v>1</v></c><c><f t="shared" ref="B1:B2" si="0">BUDGET.X(A1)</f><v>5</v></c></row>` +
      `<row><c><v>2</v></c><c><f t="shared" si="0"/><v>6</v></c></row>` +
      `<row r="5"><c r="C5"><v>3</v></c><c><f>BUDGET.Y(C5)</f><v>7</v></c></row>` +
      `<row><c r="B"><f>_xldudf_BUDGET_Z(1)</f><v>8</v></c><c><f>A6+1</f><v>9</v></c></row>`;
    const input = zipOf(miniParts([{ name: "S", rows }]));
    const result = await makeShareableCopy(input);
    expect(result.conversions.map((c) => [c.cell, c.formula, c.value])).toEqual([
      ["B1", "=BUDGET.X(A1)", 5],
      ["B2", "=BUDGET.X(A2)", 6],
      ["D5", "=BUDGET.Y(C5)", 7],
      ["A6", "=_xldudf_BUDGET_Z(1)", 8],
    ]);
    const [after] = await readXlsx(result.bytes);
    expect(after.values[5].slice(0, 2)).toEqual([8, 9]);
    expect(after.formulas[5].slice(0, 2)).toEqual([null, "=A6+1"]);
    expect(after.values[4][3]).toBe(7);
    expect(after.formulas[4][3]).toBeNull();
  });
});

describe("shareable copy: carriage returns in text survive (XML 1.0 §2.11 turns a literal one into a line feed)", () => {
  it("in a converted text result and in other text of a converted sheet", async () => {
    const rows =
      `<row r="1"><c r="A1" t="str"><f>BUDGET.NOTE(1)</f><v>a&#13;b</v></c>` +
      `<c r="B1" t="inlineStr"><is><t>c&#13;d</t></is></c><c r="C1" t="str"><f>BUDGET.NOTE(2)</f><v>e&#13;&#10;f</v></c></row>`;
    const result = await makeShareableCopy(zipOf(miniParts([{ name: "S", rows }])));
    expect(result.conversions.map((c) => c.value)).toEqual(["a\rb", "e\r\nf"]);
    // Excel and LibreOffice read the XML with end-of-line handling, as any conforming parser does (xmldom's here).
    const sheet = await (await JSZip.loadAsync(result.bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet).not.toContain("\r");
    const doc = new DOMParser().parseFromString(sheet, "text/xml");
    const texts = Array.from(doc.getElementsByTagName("t")).map((t) => t.textContent);
    expect(texts).toEqual(["a\rb", "c\rd", "e\r\nf"]);
    const [after] = await readXlsx(result.bytes);
    expect(after.values[0]).toEqual(["a\rb", "c\rd", "e\r\nf"]);
  });
});

describe("shareable copy: part names in another case (OPC, ECMA-376 Part 2, 9.1.1.1)", () => {
  it("converts a sheet whose zip entry differs in case from its relationship, and replaces that entry rather than adding one", async () => {
    const parts = miniParts([{ name: "S", rows: `<row r="1"><c r="A1"><f>BUDGET.X(1)</f><v>5</v></c></row>` }]).map((p) => (p.name === "xl/worksheets/sheet1.xml" ? { ...p, name: "XL/Worksheets/Sheet1.xml" } : p));
    const result = await makeShareableCopy(zipOf(parts));
    expect(result.conversions).toEqual([{ sheet: "S", cell: "A1", formula: "=BUDGET.X(1)", value: 5, kind: "cell" }]);
    const zip = await JSZip.loadAsync(result.bytes);
    const sheetEntries = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet1\.xml$/i.test(n));
    expect(sheetEntries).toEqual(["XL/Worksheets/Sheet1.xml"]);
    const xml = await zip.file("XL/Worksheets/Sheet1.xml")!.async("string");
    expect(xml).not.toMatch(/BUDGET/);
    const [snap] = await readXlsx(result.bytes);
    expect(snap.values[0][0]).toBe(5);
  });
});
