import { describe, expect, it } from "vitest";
import fc from "fast-check";
import ExcelJS from "exceljs";
import { parseCsv, readSheetsWithLibreOffice, sofficeAvailable } from "./soffice";

function toCsv(rows: string[][]): string {
  return rows.map((r) => r.map((f) => (/[",\n\r]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",")).join("\n") + "\n";
}

describe("LibreOffice helper", () => {
  it("parses CSV with quotes, commas and line breaks in fields", () => {
    expect(parseCsv('a,"b,c","d ""e"""\n"x\ny",,z\n')).toEqual([["a", "b,c", 'd "e"'], ["x\ny", "", "z"]]);
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 8 }), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const clean = rows.map((r) => r.map((f) => f.replace(/\r/g, "")));
        expect(parseCsv(toCsv(clean))).toEqual(clean);
      }),
    );
  });

  it.skipIf(!sofficeAvailable())("reads every sheet, whatever its name, and both readings of formulas", async () => {
    const wb = new ExcelJS.Workbook();
    const names = ["O'Brien & Co", "Budget £m (2)", "Ünïcode"];
    names.forEach((n, i) => {
      const ws = wb.addWorksheet(n);
      ws.getCell("A1").value = n;
      ws.getCell("B1").value = i + 1;
      ws.getCell("C1").value = { formula: "B1*10", result: 999 };
    });
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const cached = await readSheetsWithLibreOffice(bytes, "cached", names);
    const recalculated = await readSheetsWithLibreOffice(bytes, "recalculated", names);
    names.forEach((n, i) => {
      expect(cached.get(n)![0]).toEqual([n, String(i + 1), "999"]);
      expect(recalculated.get(n)![0]).toEqual([n, String(i + 1), String((i + 1) * 10)]);
    });
  });
});
