/**
 * What the offered fixes would do, worked out before anything in Excel changes: each fix's resulting values
 * (the checked sheets with the chosen fixes applied and their plain sums recalculated, by core), fixes held back
 * because their result would be an error (a total over a cell that still shows #REF!), labels that name the sheet
 * when findings come from several sheets, and the fix for a savings range written the wrong way round.
 * Plain data in and out: no Office, no React.
 */
import { cellAddress, parseCellAddress } from "../core/a1";
import { applyEditsToSnapshot, parseSumFormula } from "../core/checks";
import type { CellEdit, Finding } from "../core/findings";
import { formatMoney } from "../core/money";
import { parseSavingsRange } from "../core/savingsRanges";
import { isErrorValue, type CellValue, type SheetSnapshot } from "../core/sheetSnapshot";

export interface FixResult {
  sheet: string;
  cell: string;
  /** The value the cell would show; undefined when it cannot be worked out here (Excel will calculate it). */
  value: CellValue | undefined;
  numberFormat?: string;
}

export interface PlannedFix {
  key: string;
  finding: Finding;
  edits: CellEdit[];
  /** "C10: Replace the typed total…", with the sheet ("Market review!C10: …") when findings span sheets. */
  label: string;
  results: FixResult[];
  /** Why the fix is held back (its result would be an error), or null. */
  hold: string | null;
}

export function findingKey(f: Finding, i: number): string {
  return `${f.sheet}!${f.cell}:${f.rule}:${i}`;
}

function cellOf(snap: SheetSnapshot, cell: string): { value: CellValue; formula: string | null; numberFormat?: string } | null {
  const ref = parseCellAddress(cell);
  const r = ref.row - snap.origin.row;
  const c = ref.col - snap.origin.col;
  if (r < 0 || c < 0 || r >= snap.values.length || c >= (snap.values[r]?.length ?? 0)) return null;
  return { value: snap.values[r][c], formula: snap.formulas[r]?.[c] ?? null, numberFormat: snap.numberFormats?.[r]?.[c] };
}

/** A range written high figure first ("15-10", "£20m to £15m"): the same text with the two figures swapped, or null. */
export function swappedRangeText(text: string): string | null {
  const m = /^(\s*£?\s*)(\d[\d,]*(?:\.\d+)?)(\s*(?:m|mn|k|000s?)?\s*(?:-|–|—|−|\bto\b)\s*£?\s*)(\d[\d,]*(?:\.\d+)?)(\s*(?:m|mn|k|000s?)?\s*)$/i.exec(text);
  if (!m) return null;
  const low = Number(m[2].replace(/,/g, ""));
  const high = Number(m[4].replace(/,/g, ""));
  if (!(low > high)) return null;
  const swapped = `${m[1]}${m[4]}${m[3]}${m[2]}${m[5]}`;
  try {
    const r = parseSavingsRange(swapped);
    return r.low <= r.high ? swapped : null;
  } catch {
    return null;
  }
}

/**
 * Findings with the fixes the pane can add: a savings range written high figure first gets "write it low
 * first". Looked up by the cell's content, so it does not depend on how the checker names its range rules.
 */
export function withExtraFixes(findings: readonly Finding[], snapshots: readonly SheetSnapshot[]): Finding[] {
  return findings.map((f) => {
    if (f.fix || !f.rule.startsWith("range-")) return f;
    const snap = snapshots.find((s) => s.name === f.sheet);
    const cell = snap ? cellOf(snap, f.cell) : null;
    if (!cell || cell.formula || typeof cell.value !== "string") return f;
    const swapped = swappedRangeText(cell.value);
    if (!swapped) return f;
    return {
      ...f,
      fix: { description: `Write the lower figure first: "${cell.value}" becomes "${swapped}".`, edits: [{ sheet: f.sheet, cell: f.cell, kind: "text", value: swapped }] },
    };
  });
}

/** A resulting value as the user would read it: "£60,000,000", "#REF!", "10-15". */
export function resultText(r: FixResult): string {
  if (r.value === undefined) return "(Excel will calculate it)";
  if (r.value === null) return "(empty)";
  if (typeof r.value === "number") {
    if (r.numberFormat && r.numberFormat.includes("£")) return formatMoney(r.value);
    return r.value.toLocaleString("en-GB", { maximumFractionDigits: 6 });
  }
  return String(r.value);
}

/** The cells a formula adds up that show an error ("C9"), in the snapshot after the fixes. */
function errorSources(snap: SheetSnapshot, formula: string): string[] {
  const sum = parseSumFormula(formula, snap.name);
  if (!sum) return [];
  const out: string[] = [];
  for (const ref of sum.refs) {
    for (let r = ref.row; r < ref.row + ref.rowCount && out.length < 5; r++) {
      for (let c = ref.col; c < ref.col + ref.colCount && out.length < 5; c++) {
        const v = cellOf(snap, cellAddress(r, c));
        if (v && isErrorValue(v.value)) out.push(cellAddress(r, c));
      }
    }
  }
  return out;
}

/**
 * Plan the fixes of `findings`: `chosen` are the keys of the fixes the user has ticked (all fixes when omitted);
 * results are worked out with the chosen fixes applied together, so a fix that relies on another shows that.
 */
export function planFixes(findings: readonly Finding[], snapshots: readonly SheetSnapshot[], chosen?: ReadonlySet<string>): PlannedFix[] {
  const manySheets = new Set(findings.map((f) => f.sheet)).size > 1;
  const fixable = findings.map((f, i) => ({ f, key: findingKey(f, i) })).filter((x) => x.f.fix && x.f.fix.edits.length > 0);
  const isChosen = (k: string): boolean => !chosen || chosen.has(k);
  // Each sheet with every chosen fix applied.
  const after = new Map<string, SheetSnapshot | null>();
  for (const snap of snapshots) {
    const edits = fixable.filter((x) => isChosen(x.key)).flatMap((x) => x.f.fix?.edits ?? []).filter((e) => e.sheet === snap.name);
    try {
      after.set(snap.name, edits.length ? applyEditsToSnapshot(snap, edits) : snap);
    } catch {
      after.set(snap.name, null); // a fix outside the checked block: Excel will calculate
    }
  }
  return fixable.map(({ f, key }) => {
    const edits = f.fix?.edits ?? [];
    const results: FixResult[] = edits.map((e) => {
      let snap = after.get(e.sheet);
      if (snap && !isChosen(key)) {
        // Not chosen: show what it would do with the chosen ones.
        try {
          snap = applyEditsToSnapshot(snap, [e]);
        } catch {
          snap = null;
        }
      }
      const cell = snap ? cellOf(snap, e.cell) : null;
      const value: CellValue | undefined = cell ? (e.kind === "formula" && cell.value === null && !parseSumFormula(e.formula, e.sheet) ? undefined : cell.value) : undefined;
      const numberFormat = e.kind === "number" && e.numberFormat ? e.numberFormat : cell?.numberFormat;
      return { sheet: e.sheet, cell: e.cell, value, numberFormat };
    });
    let hold: string | null = null;
    const bad = results.find((r) => isErrorValue(r.value ?? null));
    if (bad) {
      const edit = edits.find((e) => e.cell === bad.cell && e.sheet === bad.sheet);
      const snap = after.get(bad.sheet);
      const sources = edit?.kind === "formula" && snap ? errorSources(snap, edit.formula) : [];
      hold = sources.length
        ? `Held back: ${bad.cell} would show ${String(bad.value)} until ${sources.join(", ")} ${sources.length === 1 ? "is" : "are"} corrected (${sources.length === 1 ? "it shows" : "they show"} an error).`
        : `Held back: ${bad.cell} would show ${String(bad.value)}.`;
    }
    const where = manySheets ? `${f.sheet}!${f.cell}` : f.cell;
    return { key, finding: f, edits, label: `${where}: ${f.fix?.description ?? ""}`, results, hold };
  });
}
