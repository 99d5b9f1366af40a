/**
 * Compare what LibreOffice shows (CSV grids of each sheet) with the layouts the pack was built from:
 * each constant as written, each formula's result as core computed it.
 */
import { cellAddress } from "../../src/core/a1";
import { excelSerialToDate, formatDate } from "../../src/core/financialYear";
import { cellNumberFormat, type SheetLayout } from "../../src/core/layout";

/** LibreOffice and Excel error displays. */
export const ERROR_TEXT = /^(#NULL!|#DIV\/0!|#VALUE!|#REF!|#NAME\?|#NUM!|#N\/A|#SPILL!|#CALC!|Err:\d{3}|#ERR\d*)$/;

export function expectedText(value: string | number | boolean | null | undefined, numberFormat: string | undefined): string | number | string[] {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number" && numberFormat && /d+\/m+\/y+/i.test(numberFormat)) {
    // CSV export writes dates in the profile's locale (en-US in a fresh profile), whatever the cell's format.
    const uk = formatDate(excelSerialToDate(value));
    const [d, m, y] = uk.split("/");
    return [uk, `${m}/${d}/${y}`];
  }
  return value;
}

/** Mismatches between a sheet's layout and LibreOffice's reading of it ("Sheet!B5: expected 180, got 179"). */
export function compareLayout(layout: SheetLayout, grid: string[][]): string[] {
  const problems: string[] = [];
  for (const cell of layout.cells) {
    const raw = cell.formula !== undefined ? cell.result : cell.value;
    const expected = expectedText(raw, cellNumberFormat(cell.style, cell.numberFormat));
    const got = grid[cell.row]?.[cell.col] ?? "";
    const where = `${layout.name}!${cellAddress(cell.row, cell.col)}`;
    if (typeof expected === "number") {
      const n = Number(got);
      if (got.trim() === "" || !Number.isFinite(n) || Math.abs(n - expected) > 1e-9 * Math.max(1, Math.abs(expected))) {
        problems.push(`${where}: expected ${expected}, got ${JSON.stringify(got)}`);
      }
    } else if (Array.isArray(expected)) {
      if (!expected.includes(got)) problems.push(`${where}: expected one of ${expected.join(", ")}, got ${JSON.stringify(got)}`);
    } else if (got !== expected.replace(/\r\n/g, "\n")) {
      problems.push(`${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
    }
  }
  return problems;
}

/** Every cell showing an error value, in every sheet. */
export function errorCells(sheets: Map<string, string[][]>): string[] {
  const out: string[] = [];
  for (const [name, grid] of sheets)
    grid.forEach((row, r) =>
      row.forEach((v, c) => {
        if (ERROR_TEXT.test(v.trim())) out.push(`${name}!${cellAddress(r, c)} = ${v}`);
      }),
    );
  return out;
}
