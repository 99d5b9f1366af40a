/**
 * Applying fix edits to a snapshot and recalculating its plain-sum formulas: what a fix preview shows before
 * anything in Excel changes, and how tests prove a fix makes its finding go away.
 *
 * Only formulas that parseSumFormula reads (SUM, SUBTOTAL(9), "+" chains over the same sheet) are
 * recalculated; every other formula keeps its cached value.
 */
import { parseCellAddress } from "../a1";
import type { CellEdit } from "../findings";
import type { CellValue, SheetSnapshot } from "../sheetSnapshot";
import { isErrorValue } from "../sheetSnapshot";
import type { SumFormula } from "./formulaRefs";
import { parseSumFormula } from "./formulaRefs";

/** Thrown when an edit points outside the snapshot or at another sheet. */
export class EditOutsideSnapshotError extends Error {
  override name = "EditOutsideSnapshotError";
}

/**
 * A copy of the snapshot with the edits applied (only the edited cells change) and its plain-sum formulas
 * recalculated. Edits for other sheets are refused, as are cells outside the snapshot.
 */
export function applyEditsToSnapshot(snapshot: SheetSnapshot, edits: readonly CellEdit[]): SheetSnapshot {
  const values = snapshot.values.map((r) => r.slice());
  const formulas = snapshot.formulas.map((r) => r.slice());
  const numberFormats = snapshot.numberFormats?.map((r) => r.slice());
  for (const e of edits) {
    if (e.sheet !== snapshot.name) throw new EditOutsideSnapshotError(`The edit for ${e.sheet}!${e.cell} is not for sheet ${snapshot.name}.`);
    const ref = parseCellAddress(e.cell);
    const r = ref.row - snapshot.origin.row;
    const c = ref.col - snapshot.origin.col;
    if (r < 0 || c < 0 || r >= values.length || c >= (values[r]?.length ?? 0)) {
      throw new EditOutsideSnapshotError(`${e.cell} is outside the checked block of ${snapshot.name}.`);
    }
    if (e.kind === "formula") {
      formulas[r][c] = e.formula;
      values[r][c] = null;
    } else {
      formulas[r][c] = null;
      values[r][c] = e.value;
      if (e.kind === "number" && e.numberFormat && numberFormats?.[r]) numberFormats[r][c] = e.numberFormat;
    }
  }
  const out: SheetSnapshot = { ...snapshot, values, formulas, merges: snapshot.merges.slice() };
  if (numberFormats) out.numberFormats = numberFormats;
  return recalculateSums(out);
}

/**
 * Recalculate, in place, every plain-sum formula of the snapshot (Excel's SUM: numbers only, text and
 * booleans in ranges ignored, an error in a range gives that error, a circular reference gives #REF!-free 0
 * as Excel would warn). Returns the same snapshot.
 */
export function recalculateSums(snapshot: SheetSnapshot): SheetSnapshot {
  const { values, formulas, origin } = snapshot;
  const parsed = new Map<number, SumFormula | null>();
  const state = new Map<number, 1 | 2>(); // 1 = in progress, 2 = done
  const W = 1 << 16;
  const key = (r: number, c: number): number => r * W + c;
  const formulaOf = (r: number, c: number): SumFormula | null => {
    const k = key(r, c);
    if (parsed.has(k)) return parsed.get(k) ?? null;
    const f = formulas[r]?.[c] ?? null;
    const p = f ? parseSumFormula(f, snapshot.name) : null;
    parsed.set(k, p);
    return p;
  };
  const evaluate = (r0: number, c0: number): CellValue => {
    // Iterative depth-first evaluation so long chains of totals cannot overflow the stack.
    const stack: [number, number][] = [[r0, c0]];
    while (stack.length) {
      const [r, c] = stack[stack.length - 1];
      const k = key(r, c);
      const p = formulaOf(r, c);
      if (!p || state.get(k) === 2) {
        stack.pop();
        continue;
      }
      if (state.get(k) !== 1) {
        state.set(k, 1);
        let pushed = false;
        for (const ref of p.refs) {
          for (let rr = Math.max(0, ref.row - origin.row); rr < Math.min(values.length, ref.row - origin.row + ref.rowCount); rr++) {
            for (let cc = Math.max(0, ref.col - origin.col); cc < Math.min(values[rr].length, ref.col - origin.col + ref.colCount); cc++) {
              const kk = key(rr, cc);
              if (state.get(kk) === undefined && formulaOf(rr, cc)) {
                stack.push([rr, cc]);
                pushed = true;
              }
            }
          }
        }
        if (pushed) continue;
      }
      // All dependencies done (or circular): compute.
      let sum = 0;
      let error: string | null = null;
      for (const ref of p.refs) {
        const single = ref.rowCount === 1 && ref.colCount === 1;
        for (let rr = Math.max(0, ref.row - origin.row); rr < Math.min(values.length, ref.row - origin.row + ref.rowCount); rr++) {
          for (let cc = Math.max(0, ref.col - origin.col); cc < Math.min(values[rr].length, ref.col - origin.col + ref.colCount); cc++) {
            if (rr === r && cc === c) continue;
            if (p.subtotal && /^=\s*SUBTOTAL\s*\(/i.test(formulas[rr]?.[cc] ?? "")) continue;
            const v = values[rr][cc];
            const isErr: boolean = isErrorValue(v);
            if (typeof v === "number") sum += v;
            else if (isErr) error = error ?? String(v);
            else if (single && typeof v === "boolean") sum += v ? 1 : 0;
            else if (single && typeof v === "string" && v.trim() !== "") {
              const n = Number(v);
              if (Number.isFinite(n)) sum += n;
              else error = error ?? "#VALUE!";
            }
          }
        }
      }
      values[r][c] = error ?? Math.round(sum * 1e9) / 1e9;
      state.set(k, 2);
      stack.pop();
    }
    return values[r0][c0];
  };
  for (let r = 0; r < formulas.length; r++) {
    const row = formulas[r];
    for (let c = 0; c < row.length; c++) if (row[c] !== null) evaluate(r, c);
  }
  return snapshot;
}
