/**
 * Shareable copy of big workbooks: a sheet with nothing to convert is only scanned as it is inflated (as
 * readXlsx reads it), never parsed into a document, and comes out byte for byte as it went in. Parsing a
 * 200,000-line sheet into a document took 18 s and 1.9 GB where reading it takes about a second.
 */
import { DOMParser } from "@xmldom/xmldom";
import JSZip from "jszip";
import { afterEach, describe, expect, it, vi } from "vitest";
import { XlsxReadError } from "../../src/workbook/readXlsx";
import { makeShareableCopy } from "../../src/workbook/shareableCopy";
import { budgetXlsx, miniXlsx } from "./hostileFiles";

async function partsOf(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async("uint8array"));
  return out;
}

/** The worksheets parsed into documents while `op` runs (each as its XML). */
async function sheetsParsedBy<T>(op: () => Promise<T>): Promise<[T, string[]]> {
  const parse = vi.spyOn(DOMParser.prototype, "parseFromString");
  const result = await op();
  const sheets = parse.mock.calls.map(([xml]) => String(xml)).filter((xml) => /<(\w+:)?worksheet\b/.test(xml));
  return [result, sheets];
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("shareable copy: only sheets with something to convert are parsed", () => {
  it("a budget with no BUDGET formulas: no sheet is parsed, every sheet comes out byte for byte", async () => {
    const input = budgetXlsx(2000);
    const [result, parsed] = await sheetsParsedBy(() => makeShareableCopy(input));
    expect(result.conversions).toEqual([]);
    expect(parsed).toEqual([]);
    const before = await partsOf(input);
    const after = await partsOf(result.bytes);
    for (const [name, bytes] of before) if (name.startsWith("xl/worksheets/")) expect(after.get(name), name).toEqual(bytes);
  });

  it("beside a sheet that is converted, sheets that only mention BUDGET in text, strings or sheet names are left alone", async () => {
    const input = miniXlsx([
      { name: "Costs", rows: `<row r="1"><c r="A1"><f>BUDGET.GRADECOST("KR17",1)</f><v>5</v></c></row>` },
      {
        name: "Notes",
        rows:
          `<row r="1"><c r="A1" t="inlineStr"><is><t>BUDGET.GRADECOST( gives a cost; _xldudf_BUDGET_SALARY too</t></is></c>` +
          `<c r="B1"><f>'BUDGET.2024 (draft)'!A1+BUDGET_CALC(1)</f><v>1</v></c><c r="C1" t="str"><f>"BUDGET.X(1)"</f><v>BUDGET.X(1)</v></c></row>`,
      },
      { name: "BUDGET.2024 (draft)", rows: `<row r="1"><c r="A1"><v>3</v></c></row>` },
      // A call spelled with a character reference is still a call (XML 1.0 §4.1): this sheet is converted.
      { name: "Spelled", rows: `<row r="1"><c r="A1"><f>&#66;UDGET.SALARY("KR17")</f><v>7</v></c></row>` },
    ]);
    const [result, parsed] = await sheetsParsedBy(() => makeShareableCopy(input));
    expect(result.conversions.map((c) => `${c.sheet}!${c.cell}`)).toEqual(["Costs!A1", "Spelled!A1"]);
    expect(parsed.map((xml) => /<f>([^<]*)<\/f>/.exec(xml)?.[1])).toEqual(['BUDGET.GRADECOST("KR17",1)', '&#66;UDGET.SALARY("KR17")']);
    const before = await partsOf(input);
    const after = await partsOf(result.bytes);
    for (const name of ["xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"]) expect(after.get(name), name).toEqual(before.get(name));
  });
});

describe("shareable copy: a sheet to convert is parsed only up to a size", () => {
  it("a sheet with a BUDGET formula over the limit is refused in a sentence before it is parsed", async () => {
    // Varied rows (a repeated one would pack like a zip bomb and be refused for that): just over 16 MB of XML.
    const rows = [`<row r="1"><c r="A1"><f>BUDGET.X(1)</f><v>5</v></c></row>`];
    let size = rows[0].length;
    for (let r = 2; size <= 16 * 2 ** 20; r++) {
      const row = `<row r="${r}"><c r="B${r}"><v>${(r * 7919) % 1000003}</v></c></row>`;
      rows.push(row);
      size += row.length;
    }
    const [e, parsed] = await sheetsParsedBy(() => makeShareableCopy(miniXlsx([{ name: "Costs", rows: rows.join("") }])).catch((x: unknown) => x));
    expect(e).toBeInstanceOf(XlsxReadError);
    expect((e as Error).message).toMatch(/^The sheet "Costs" is too big to convert here: it holds 16\.0 MB of cells and formulas, more than the 16\.0 MB a sheet with BUDGET formulas can have/);
    expect(parsed).toEqual([]);
  });
});
