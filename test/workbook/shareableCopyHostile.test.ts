/**
 * Issue 12, shareable copy: "every BUDGET formula becomes its value, and nothing else changes", on workbooks
 * written as XML by hand (the shapes the regular-expression version got wrong both ways).
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type { SheetSnapshot } from "../../src/core/sheetSnapshot";
import { readXlsx } from "../../src/workbook/readXlsx";
import { makeShareableCopy } from "../../src/workbook/shareableCopy";
import { miniParts, zipOf, type MiniSheet, type ZipEntry } from "./hostileFiles";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

const costs: MiniSheet = {
  name: "Costs",
  rows:
    // A filled-down BUDGET column (shared B2:B4) followed by an ordinary formula in C2.
    `<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f t="shared" ref="B2:B4" si="0">BUDGET.GRADECOST("KR17",A2)</f><v>100</v></c><c r="C2"><f>A2*2</f><v>2</v></c></row>` +
    `<row r="3"><c r="A3"><v>2</v></c><c r="B3"><f t="shared" si="0"/><v>200</v></c><c r="C3"><f t="shared" ref="C3:C5" si="1">A3+1</f><v>3</v></c></row>` +
    // An ordinary shared formula (C3:C5) followed by a BUDGET formula in D4.
    `<row r="4"><c r="A4"><v>3</v></c><c r="B4"><f t="shared" si="0"/><v>300</v></c><c r="C4"><f t="shared" si="1"/><v>4</v></c><c r="D4"><f>BUDGET.SALARY("KR17")</f><v>42</v></c></row>` +
    `<row r="5"><c r="C5"><f t="shared" si="1"/><v>5</v></c>` +
    // Sheets named like the add-in, and a user's LAMBDA name: not calls.
    `<c r="D5"><f>'BUDGET.2024 (draft)'!A1+'x _xldudf_BUDGET'!A1</f><v>7</v></c><c r="E5"><f>BUDGET_CALC(A2)</f><v>8</v></c></row>` +
    // Names: Cost (calls BUDGET), Cost2 = Cost*2 (transitively), a sheet-level Rate on Costs used as Costs!Rate.
    `<row r="6"><c r="A6"><f>Cost2+1</f><v>9</v></c><c r="B6"><f>Costs!Rate*2</f><v>10</v></c><c r="C6"><f>Rate</f><v>5</v></c><c r="D6"><f>KeepMe+1</f><v>12</v></c></row>`,
  after:
    `<conditionalFormatting sqref="A2:A4"><cfRule type="expression" priority="1"><formula>A2&gt;1</formula></cfRule></conditionalFormatting>` +
    `<dataValidations count="1"><dataValidation type="decimal" sqref="A2"><formula1>0</formula1><formula2>BUDGET.SALARY("KR17")</formula2></dataValidation></dataValidations>` +
    `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="expression" priority="2" id="{1}"><xm:f>A2&gt;_xldudf_BUDGET_SALARY("KR17")</xm:f></x14:cfRule><xm:sqref>A2:A4</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>`,
};

const draft: MiniSheet = { name: "BUDGET.2024 (draft)", rows: `<row r="1"><c r="A1"><v>3</v></c><c r="B1"><f>A1*2</f><v>6</v></c></row>` };
const udf: MiniSheet = { name: "x _xldudf_BUDGET", rows: `<row r="1"><c r="A1"><v>4</v></c></row>` };
const prefixed: MiniSheet = {
  name: "Prefixed",
  xml:
    `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
    `<x:row r="1"><x:c r="A1"><x:f>BUDGET.GRADECOST("KR17",1)</x:f><x:v>132949.94</x:v></x:c><x:c r="B1" t="str"><x:f>BUDGET.SLOTTING("KR17","KR17",1,1,0.8)</x:f><x:v>Slot</x:v></x:c><x:c r="C1"><x:f>A1/2</x:f><x:v>66474.97</x:v></x:c></x:row>` +
    `</x:sheetData></x:worksheet>`,
};

const NAMES =
  `<definedName name="Cost">BUDGET.GRADECOST("KR17",1)</definedName>` +
  `<definedName name="Cost2">Cost*2</definedName>` +
  `<definedName name="Rate" localSheetId="0">_xll.BUDGET.SALARY("KR17")</definedName>` +
  `<definedName name="KeepMe">'BUDGET.2024 (draft)'!$A$1</definedName>` +
  `<definedName name="BUDGET_CALC">LAMBDA(x,x*2)</definedName>` +
  `<definedName name="_xlnm.Print_Titles" localSheetId="1">'BUDGET.2024 (draft)'!$1:$1</definedName>`;

function hostileWorkbook(): Uint8Array {
  const parts: ZipEntry[] = miniParts([costs, draft, udf, prefixed], { definedNames: NAMES });
  // A table on Costs whose calculated column calls BUDGET, and a chart whose series uses the name Cost.
  parts.push({
    name: "xl/tables/table1.xml",
    data: `<?xml version="1.0" encoding="UTF-8"?><table ${NS} id="1" name="Grades" displayName="Grades" ref="A1:B4"><tableColumns count="2"><tableColumn id="1" name="Point"/><tableColumn id="2" name="Cost"><calculatedColumnFormula>BUDGET.GRADECOST("KR17",Grades[[#This Row],[Point]])</calculatedColumnFormula></tableColumn></tableColumns></table>`,
  });
  parts.push({
    name: "xl/charts/chart1.xml",
    data: `<?xml version="1.0" encoding="UTF-8"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:barChart><c:ser><c:val><c:numRef><c:f>Book!Cost</c:f></c:numRef></c:val></c:ser><c:ser><c:val><c:numRef><c:f>'BUDGET.2024 (draft)'!$A$1</c:f></c:numRef></c:val></c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>`,
  });
  return zipOf(parts);
}

async function partsOf(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async("uint8array"));
  return out;
}

function cellsOf(snaps: readonly SheetSnapshot[]): Map<string, { value: unknown; formula: string | null }> {
  const out = new Map<string, { value: unknown; formula: string | null }>();
  for (const s of snaps) {
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const f = s.formulas[r][c];
        if (v !== null || f !== null) out.set(`${s.name}!${r + s.origin.row},${c + s.origin.col}`, { value: v, formula: f });
      }),
    );
  }
  return out;
}

describe("shareable copy of hostile workbooks", () => {
  it("converts exactly the BUDGET formulas: shared groups, names (transitively, by scope), prefixed XML", async () => {
    const result = await makeShareableCopy(hostileWorkbook());
    const converted = result.conversions.map((c) => `${c.sheet}!${c.cell}`).sort();
    expect(converted).toEqual(["Costs!A6", "Costs!B2", "Costs!B3", "Costs!B4", "Costs!B6", "Costs!C6", "Costs!D4", "Prefixed!A1", "Prefixed!B1"].sort());
    expect(result.removedNames.sort()).toEqual(["Cost", "Cost2", "Costs!Rate"]);
    // The listing shows formula text, each shared cell's own formula, never XML.
    const byCell = new Map(result.conversions.map((c) => [`${c.sheet}!${c.cell}`, c]));
    expect(byCell.get("Costs!B3")).toMatchObject({ formula: '=BUDGET.GRADECOST("KR17",A3)', value: 200, kind: "shared" });
    expect(byCell.get("Prefixed!B1")).toMatchObject({ value: "Slot" });
    for (const c of result.conversions) expect(c.formula).not.toMatch(/<|&quot;|&amp;/);
    const out = await JSZip.loadAsync(result.bytes);
    const wbXml = await out.file("xl/workbook.xml")!.async("string");
    for (const kept of ["KeepMe", "BUDGET_CALC", "_xlnm.Print_Titles"]) expect(wbXml).toContain(`name="${kept}"`);
    const prefixedXml = await out.file("xl/worksheets/sheet4.xml")!.async("string");
    expect(prefixedXml).not.toMatch(/BUDGET/);
    expect(prefixedXml).toContain("<x:f>A1/2</x:f>");
    const table = await out.file("xl/tables/table1.xml")!.async("string");
    expect(table).not.toContain("calculatedColumnFormula");
  });

  it("warns in plain words about what it cannot convert", async () => {
    const { warnings } = await makeShareableCopy(hostileWorkbook());
    const all = warnings.join("\n");
    expect(all).toMatch(/Costs: a conditional format uses a BUDGET function or a removed name \(=A2>_xldudf_BUDGET_SALARY\("KR17"\)\)/);
    expect(all).toMatch(/Costs: a data validation rule uses a BUDGET function/);
    expect(all).toMatch(/Table Grades: the calculated column "Cost" used a BUDGET function/);
    expect(all).toMatch(/Chart chart1\.xml: a series or title uses Book!Cost/);
    expect(all).not.toMatch(/BUDGET\.2024 \(draft\)'!\$A\$1, which/);
  });

  it("nothing else changes: every other part byte for byte, every other cell's formula and value", async () => {
    const input = hostileWorkbook();
    const result = await makeShareableCopy(input);
    const before = await partsOf(input);
    const after = await partsOf(result.bytes);
    const edited = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet4.xml", "xl/tables/table1.xml"]);
    for (const [name, bytes] of before) {
      if (edited.has(name)) continue;
      expect(after.get(name), name).toEqual(bytes);
    }
    const added = [...after.keys()].filter((k) => !before.has(k));
    expect(added).toEqual(["xl/worksheets/sheet5.xml"]);
    const converted = new Set(result.conversions.map((c) => `${c.sheet}!${c.cell}`));
    const a = cellsOf(await readXlsx(input, { includeHidden: true }));
    const b = cellsOf(await readXlsx(result.bytes, { includeHidden: true }));
    for (const [key, cell] of a) {
      const [sheet, rc] = key.split("!");
      const [r, c] = rc.split(",").map(Number);
      const address = `${String.fromCharCode(65 + c)}${r + 1}`;
      if (converted.has(`${sheet}!${address}`)) expect(b.get(key)).toEqual({ value: cell.value, formula: null });
      else expect(b.get(key), key).toEqual(cell);
    }
  });
});
