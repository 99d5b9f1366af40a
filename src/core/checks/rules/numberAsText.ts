import type { CellEdit } from "../../findings";
import { UNIT_SCALE, tidy } from "../../money";
import { quote } from "../../words";
import type { AmountCell } from "../amounts";
import { formatAmount, formatPlain, readAmount, sameAmount, textAmountNumberFormat } from "../amounts";
import { median, type TableAnalysis } from "../analysis";
import type { Report, TableRule } from "../rule";
import type { AmountColumn } from "../tables";

type TextCell = Extract<AmountCell, { kind: "text" }>;

/** How many powers of ten x is from the reference (0 when either is nil). */
function distance(x: number, reference: number): number {
  if (x === 0 || reference === 0) return 0;
  return Math.abs(Math.log10(Math.abs(x) / Math.abs(reference)));
}

/** Per analysis and column: the median size of the column's lines, worked out once (see lineMedian). */
const lineMedians = new WeakMap<TableAnalysis, Map<number, number>>();

/**
 * The median size of a column's lines that are figures: numbers, and text amounts not written in pounds (0 when
 * none). A pounds text in the column is left out, so this is the same for every such cell and is worked out once
 * per column, not once per flagged cell (a pasted column of "£…" texts would make that quadratic).
 */
function lineMedian(a: TableAnalysis, col: AmountColumn): number {
  let byCol = lineMedians.get(a);
  if (!byCol) lineMedians.set(a, (byCol = new Map()));
  let m = byCol.get(col.col);
  if (m === undefined) {
    const sizes: number[] = [];
    for (const line of a.table.lines) {
      const v = a.valueAt(line, col.col);
      const amount = typeof v === "number" ? v : typeof v === "string" ? readAmount(v, col.unit) : null;
      const x = typeof amount === "number" ? amount : amount?.kind === "text" && amount.parsed.unit !== "£" ? amount.value : null;
      if (x !== null && Number.isFinite(x) && x !== 0) sizes.push(Math.abs(x));
    }
    byCol.set(col.col, (m = median(Float64Array.from(sizes))));
  }
  return m;
}

/**
 * Which figure a text amount in pounds ("£29,493,000", a £ sign and no k or m) means in a £000 or £m column:
 * "converted" when the figure divided by the unit is in line with the column and the figure as written is not,
 * "as-written" the other way round (a £ sign typed before thousands, "£15,125"), "unclear" otherwise.
 */
type PoundsReading = { kind: "as-written" } | { kind: "converted"; value: number } | { kind: "unclear"; value: number };

function poundsReading(a: TableAnalysis, col: AmountColumn, cell: TextCell, isTotal: boolean, sums: readonly number[]): PoundsReading {
  if (cell.parsed.unit !== "£" || (col.unit !== "£000" && col.unit !== "£m") || cell.value === 0) return { kind: "as-written" };
  const converted = tidy(cell.value / UNIT_SCALE[col.unit]);
  if (isTotal) {
    if (sums.some((s) => sameAmount(cell.value, s))) return { kind: "as-written" };
    if (sums.some((s) => sameAmount(converted, s))) return { kind: "converted", value: converted };
  }
  const reference = isTotal ? Math.abs(sums[0] ?? 0) : lineMedian(a, col);
  if (reference === 0) return { kind: "unclear", value: converted };
  const asWritten = distance(cell.value, reference);
  const inUnit = distance(converted, reference);
  if (inUnit <= 1 && asWritten >= 2) return { kind: "converted", value: converted };
  if (asWritten <= 1 && inUnit >= 2) return { kind: "as-written" };
  return { kind: "unclear", value: converted };
}

/** What a line's text means for its total; a total's text is counted by nothing that adds it up. */
const LINE_LEFT_OUT = ", so the total leaves it out";
const TOTAL_LEFT_OUT = ": it is not a number, so nothing that adds it up counts it";

function flag(a: TableAnalysis, report: Report, r: number, col: AmountColumn, cell: TextCell, sums: readonly number[] | null): void {
  const consequence = sums === null ? LINE_LEFT_OUT : TOTAL_LEFT_OUT;
  const c = col.col;
  const here = a.addr(r, c);
  const reading = poundsReading(a, col, cell, sums !== null, sums ?? []);
  if (reading.kind === "unclear") {
    report(
      r,
      c,
      `${here} holds ${quote(cell.text)} as text${consequence}. It is written in pounds, but the amounts in ${a.header(col)} are in ${col.unit}: as written it would be ${formatAmount(cell.value, col.unit)}, in pounds it is ${formatPlain(reading.value)} in ${col.unit}.`,
      `Enter the amount in ${here} as a number in ${col.unit} (${formatPlain(reading.value)} if it is ${formatAmount(reading.value, col.unit)}).`,
    );
    return;
  }
  if (reading.kind === "converted") {
    const text = cell.text.trim().replace(/\d(?:[\d,]| (?=\d))*(?:\.\d+)?|\.\d+/, formatPlain(Math.abs(reading.value)));
    const fmt = textAmountNumberFormat(text, col.unit);
    const edit: CellEdit = { sheet: a.snap.name, cell: here, kind: "number", value: reading.value, numberFormat: fmt };
    report(
      r,
      c,
      `${here} holds ${quote(cell.text)} as text${consequence}. It is written in pounds, but the amounts in ${a.header(col)} are in ${col.unit}: in ${col.unit} it is ${formatPlain(reading.value)} (${formatAmount(reading.value, col.unit)}).`,
      `Store it as the number ${formatPlain(reading.value)} with the number format ${fmt}, in ${col.unit} like the rest of the column.`,
      { description: `Store ${quote(cell.text.trim())} as the number ${formatPlain(reading.value)} in ${col.unit} (number format ${fmt})`, edits: [edit] },
    );
    return;
  }
  const fmt = textAmountNumberFormat(cell.text, col.unit);
  const shown = formatAmount(cell.value, col.unit);
  // "500k" in a £m column: a number format cannot show 0.5 as "500k", so it shows 0.5m, the same amount.
  const smallerUnit = cell.parsed.unit === "£000" && col.unit === "£m";
  const edit: CellEdit = { sheet: a.snap.name, cell: here, kind: "number", value: cell.value, numberFormat: fmt };
  report(
    r,
    c,
    `${here} holds ${quote(cell.text)} as text${consequence}. As a number it is ${formatPlain(cell.value)}${col.unit && col.unit !== "£" ? ` (${shown})` : ""}.`,
    `Store it as the number ${formatPlain(cell.value)} with the number format ${fmt} so it ${smallerUnit ? `shows the same amount in ${col.unit ?? "£"}` : "shows as before"}.`,
    { description: `Store ${quote(cell.text.trim())} as the number ${formatPlain(cell.value)} (number format ${fmt})`, edits: [edit] },
  );
}

export const numberAsText: TableRule<"number-as-text"> = {
  meta: {
    id: "number-as-text",
    title: "Amount stored as text",
    severity: "error",
    alsoAs: [{ severity: "warning", when: "an FTE in a post list typed as text: the list reads it, but Excel's sums do not" }],
    appliesTo: ["budget sheets", "post lists"],
    description:
      "An amount typed or pasted as text (\"£15,125,000\", \"1.2m\"): it looks like a number but SUM leaves it out, so the total is short. The fix stores the number with a number format that shows the same amount. An amount in pounds in a £000 or £m column is converted to the column's unit only when that puts it in line with the other lines; when it is unclear which unit was meant, no fix is offered.",
    bad: 'C4 holds the text "£15,125,000"; =SUM(C2:C5) leaves it out.',
    good: 'C4 holds the number 15125000 formatted "£"#,##0.',
  },
  check(a, report) {
    for (const line of a.lineAmounts) {
      for (const p of line.problems) if (p.cell.kind === "text") flag(a, report, p.row, line.column, p.cell, null);
    }
    for (const t of a.totals) {
      if (t.state.kind === "typed" && t.cell.kind === "text") flag(a, report, t.total.row, t.column, t.cell, [t.sums.numeric, t.sums.all]);
    }
  },
};
