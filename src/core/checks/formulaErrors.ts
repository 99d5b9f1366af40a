/**
 * formula-error: Excel error values (#REF!, #DIV/0!, #VALUE!, #NAME?...) anywhere in the checked block, and
 * formulas that still mention #REF! (a deleted cell) even where an IFERROR hides the error.
 */
import { cellAddress } from "../a1";
import type { Finding } from "../findings";
import type { SheetSnapshot } from "../sheetSnapshot";
import { isErrorValue } from "../sheetSnapshot";
import { parseSumFormula } from "./formulaRefs";

/** The first cell a plain-sum formula adds that shows an error, if any (an error passed on, not made here). */
function erroredSource(snap: SheetSnapshot, formula: string, self: { r: number; c: number }): { cell: string; value: string } | null {
  const parsed = parseSumFormula(formula, snap.name);
  if (!parsed) return null;
  const { origin, values } = snap;
  for (const ref of parsed.refs) {
    const r0 = Math.max(0, ref.row - origin.row);
    const r1 = Math.min(values.length - 1, ref.row - origin.row + ref.rowCount - 1);
    for (let r = r0; r <= r1; r++) {
      const row = values[r];
      const c0 = Math.max(0, ref.col - origin.col);
      const c1 = Math.min(row.length - 1, ref.col - origin.col + ref.colCount - 1);
      for (let c = c0; c <= c1; c++) {
        if (r === self.r && c === self.c) continue;
        const v = row[c];
        if (isErrorValue(v)) return { cell: cellAddress(origin.row + r, origin.col + c), value: v };
      }
    }
  }
  return null;
}

const MEANING: Record<string, string> = {
  "#REF!": "refers to a cell that has been deleted",
  "#DIV/0!": "divides by zero or by an empty cell",
  "#VALUE!": "uses text where a number is needed",
  "#NAME?": "uses a name Excel does not recognise (a misspelt function or range name, or a missing add-in)",
  "#N/A": "looks up a value that was not found",
  "#NUM!": "gives a number Excel cannot work with",
  "#NULL!": "refers to ranges that do not meet",
  "#SPILL!": "cannot spill its results because cells in the way are not empty",
  "#CALC!": "cannot be calculated",
};

/** Every error value in the snapshot, one finding per cell. */
export function checkFormulaErrors(snap: SheetSnapshot): Finding[] {
  const out: Finding[] = [];
  const { values, formulas, origin } = snap;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    const frow = formulas[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      const f = frow ? frow[c] : null;
      if (isErrorValue(v)) {
        const cell = cellAddress(origin.row + r, origin.col + c);
        const meaning = MEANING[v] ?? "cannot be worked out";
        const source = f ? erroredSource(snap, f, { r, c }) : null;
        if (source) {
          out.push({
            sheet: snap.name,
            cell,
            rule: "formula-error",
            severity: "error",
            message: `${cell} shows ${v} because it adds ${source.cell}, which shows ${source.value}.`,
            suggestion: `Correct ${source.cell} first; ${cell} will then recalculate.`,
          });
          continue;
        }
        out.push({
          sheet: snap.name,
          cell,
          rule: "formula-error",
          severity: "error",
          message: `${cell} shows ${v}: ${f ? "its formula" : "the cell"} ${meaning}. Any total that includes it shows the error too.`,
          suggestion: f
            ? `Open ${cell} and correct the formula ${f.length > 80 ? `${f.slice(0, 77)}...` : f}.`
            : `Replace ${v} in ${cell} with the right amount or formula.`,
        });
      } else if (f && /#REF!/i.test(f)) {
        const cell = cellAddress(origin.row + r, origin.col + c);
        out.push({
          sheet: snap.name,
          cell,
          rule: "formula-error",
          severity: "error",
          message: `The formula in ${cell} refers to a deleted cell (#REF!), even though the cell does not show an error.`,
          suggestion: `Correct the formula ${f.length > 80 ? `${f.slice(0, 77)}...` : f} so it refers to the right cells.`,
        });
      }
    }
  }
  return out;
}
