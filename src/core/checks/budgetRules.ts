/**
 * The budget and savings sheet rules, run over the tables tables.ts finds. Every finding points at a cell
 * of the snapshot, in sheet coordinates, and says in plain words what is wrong and what to do.
 */
import { cellAddress, columnLetters } from "../a1";
import type { CellEdit, Finding, Fix, Severity, BudgetRuleId } from "../findings";
import type { MoneyUnit } from "../money";
import { UNIT_SCALE } from "../money";
import type { SavingsRange } from "../savingsRanges";
import { parseSavingsRange, rangeGap, rangeText, SavingsRangeError } from "../savingsRanges";
import type { CellValue, SheetSnapshot } from "../sheetSnapshot";
import { isBlank, isErrorValue } from "../sheetSnapshot";
import type { AmountCell } from "./amounts";
import { formatAmount, formatPlain, readAmount, sameAmount, textAmountNumberFormat, toColumnUnit, toPounds } from "./amounts";
import type { SumFormula } from "./formulaRefs";
import { parseSumFormula } from "./formulaRefs";
import type { AmountColumn, DetectedTable, TotalInfo } from "./tables";
import { parseAmountText, tidy } from "../money";
import { describeRows, quote } from "../words";

/** Options shared by every check. */
export interface CheckOptions {
  /** Report info-level findings (negative-net, requirement-gap). Default true. */
  includeInfo?: boolean;
  /**
   * How many times larger or smaller than the column's typical amount a line must be to look like a unit
   * slip (£ typed as £000, or the other way round). Default 900.
   */
  unitOutlierRatio?: number;
}

interface Ctx {
  snap: SheetSnapshot;
  out: Finding[];
  includeInfo: boolean;
  outlierRatio: number;
  /** Non-anchor cells of merged areas (row * 65536 + col, snapshot coordinates). */
  covered: Set<number>;
}

function addr(ctx: Ctx, r: number, c: number): string {
  return cellAddress(ctx.snap.origin.row + r, ctx.snap.origin.col + c);
}

function rowNumber(ctx: Ctx, r: number): number {
  return ctx.snap.origin.row + r + 1;
}

function valueAt(ctx: Ctx, r: number, c: number): CellValue {
  const row = ctx.snap.values[r];
  return row && c < row.length ? row[c] : null;
}

function formulaAt(ctx: Ctx, r: number, c: number): string | null {
  const row = ctx.snap.formulas[r];
  return row && c < row.length ? row[c] : null;
}

function emit(ctx: Ctx, r: number, c: number, rule: BudgetRuleId, severity: Severity, message: string, suggestion?: string, fix?: Fix): void {
  if (severity === "info" && !ctx.includeInfo) return;
  const f: Finding = { sheet: ctx.snap.name, cell: addr(ctx, r, c), rule, severity, message };
  if (suggestion) f.suggestion = suggestion;
  if (fix) f.fix = fix;
  ctx.out.push(f);
}

function formulaEdit(ctx: Ctx, r: number, c: number, formula: string): CellEdit {
  return { sheet: ctx.snap.name, cell: addr(ctx, r, c), kind: "formula", formula };
}

function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isNumberCell(v: CellValue): boolean {
  return typeof v === "number";
}

function headerOf(ctx: Ctx, _t: DetectedTable, a: AmountColumn): string {
  const h = a.header.replace(/\s+/g, " ").trim();
  return h.length > 50 ? `${h.slice(0, 47)}...` : h || `column ${columnLetters(ctx.snap.origin.col + a.col)}`;
}

/** Build the set of merged cells that are not the top-left of their area. */
export function coveredCells(snap: SheetSnapshot): Set<number> {
  const out = new Set<number>();
  let budget = 2_000_000;
  for (const m of snap.merges) {
    for (let r = 0; r < m.rowCount; r++) {
      for (let c = 0; c < m.colCount; c++) {
        if (r === 0 && c === 0) continue;
        if (--budget < 0) return out;
        out.add((m.row - snap.origin.row + r) * 65536 + (m.col - snap.origin.col + c));
      }
    }
  }
  return out;
}

/** Run every budget/savings rule over the detected tables of one snapshot. */
export function checkTables(snap: SheetSnapshot, tables: DetectedTable[], options: CheckOptions = {}): Finding[] {
  const ctx: Ctx = {
    snap,
    out: [],
    includeInfo: options.includeInfo ?? true,
    outlierRatio: options.unitOutlierRatio ?? 900,
    covered: coveredCells(snap),
  };
  for (const t of tables) checkTable(ctx, t);
  return ctx.out;
}

function checkTable(ctx: Ctx, t: DetectedTable): void {
  checkServiceNames(ctx, t);
  const faulty = new Set<number>(); // total rows * 65536 + col with a finding of their own
  for (const a of t.amounts) {
    if (a.ranges) {
      checkRangeColumn(ctx, t, a);
      continue;
    }
    checkLineAmounts(ctx, t, a);
    checkUnits(ctx, t, a);
    for (const total of t.totals) checkNumericTotal(ctx, t, a, total, faulty);
  }
  checkNetAgainstGross(ctx, t);
  checkRequirement(ctx, t);
}

// ---------------------------------------------------------------------------------------------------------
// Lines: service names

function checkServiceNames(ctx: Ctx, t: DetectedTable): void {
  const labelCol = t.labelCol;
  if (labelCol === null) return;
  const seenByCategory = new Map<string, Map<string, number>>();
  for (const x of t.rows) {
    if (x.kind !== "line") continue;
    const v = valueAt(ctx, x.row, labelCol);
    if (isBlank(v)) {
      if (ctx.covered.has(x.row * 65536 + labelCol)) continue;
      const what = t.kind === "savings" ? "savings stream" : "service";
      emit(
        ctx,
        x.row,
        labelCol,
        "blank-service",
        "error",
        `Row ${rowNumber(ctx, x.row)} has amounts but no ${what} name, so members cannot tell what the figures are for.`,
        `Type the ${what}'s name in ${addr(ctx, x.row, labelCol)}, or delete the row if it is not needed.`,
      );
      continue;
    }
    const raw = typeof v === "string" ? v : String(v);
    const name = (/\s\s|^\s|\s$|[\t\n\u00a0]/.test(raw) ? raw.replace(/\s+/g, " ").trim() : raw).toLowerCase();
    let seen = seenByCategory.get(x.category);
    if (!seen) {
      seen = new Map<string, number>();
      seenByCategory.set(x.category, seen);
    }
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, x.row);
      continue;
    }
    const where = x.category ? ` under ${quote(x.category)}` : " in this table";
    emit(
      ctx,
      x.row,
      labelCol,
      "duplicate-service",
      "warning",
      `${quote(String(v).trim())} appears twice${where} (${addr(ctx, first, labelCol)} and ${addr(ctx, x.row, labelCol)}), so its budget may be counted twice.`,
      `Check whether both rows are needed; if they are different services, give them names that tell them apart.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Lines: amounts

function numberAsText(ctx: Ctx, r: number, c: number, a: AmountColumn, cell: Extract<AmountCell, { kind: "text" }>, partOf: string): void {
  const fmt = textAmountNumberFormat(cell.text, a.unit);
  const shown = formatAmount(cell.value, a.unit);
  const edit: CellEdit = { sheet: ctx.snap.name, cell: addr(ctx, r, c), kind: "number", value: cell.value, numberFormat: fmt };
  emit(
    ctx,
    r,
    c,
    "number-as-text",
    "error",
    `${addr(ctx, r, c)} holds ${quote(cell.text)} as text, so ${partOf} leaves it out. As a number it is ${formatPlain(cell.value)}${a.unit && a.unit !== "£" ? ` (${shown})` : ""}.`,
    `Store it as the number ${formatPlain(cell.value)} with the number format ${fmt} so it shows as before.`,
    { description: `Store ${quote(cell.text.trim())} as the number ${formatPlain(cell.value)} (number format ${fmt})`, edits: [edit] },
  );
}

function checkLineAmounts(ctx: Ctx, t: DetectedTable, a: AmountColumn): void {
  let anyValue = false;
  for (const r of t.lines) {
    if (!isBlank(valueAt(ctx, r, a.col))) {
      anyValue = true;
      break;
    }
  }
  if (!anyValue) return;
  const header = headerOf(ctx, t, a);
  for (const r of t.lines) {
    const v = valueAt(ctx, r, a.col);
    if (typeof v === "number" && Number.isFinite(v)) continue;
    const cell = readAmount(v, a.unit);
    if (cell.kind === "text") {
      numberAsText(ctx, r, a.col, a, cell, "the total");
    } else if (cell.kind === "blank") {
      if (ctx.covered.has(r * 65536 + a.col)) continue;
      const name = t.labelCol !== null ? String(valueAt(ctx, r, t.labelCol) ?? "").trim() : "";
      emit(
        ctx,
        r,
        a.col,
        "missing-value",
        "error",
        `${header} is empty${name ? ` for ${quote(name)}` : ` on row ${rowNumber(ctx, r)}`}, so the total is short of it.`,
        `Enter the amount in ${addr(ctx, r, a.col)} (0 if there is none).`,
      );
    } else if (cell.kind === "other") {
      const name = t.labelCol !== null ? String(valueAt(ctx, r, t.labelCol) ?? "").trim() : "";
      emit(
        ctx,
        r,
        a.col,
        "missing-value",
        "error",
        `${header}${name ? ` for ${quote(name)}` : ""} holds ${quote(cell.text)} instead of an amount, so the total leaves it out.`,
        `Replace it with the amount (0 if there is none) and put any note in a separate column.`,
      );
    }
  }
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = Float64Array.from(xs).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The unit a number format stores: '"£"#,##0.0"m"' stores £m; '0.0,,"m"' stores pounds shown as millions. */
export function storedUnitOfFormat(fmt: string): MoneyUnit | null {
  const f = fmt.split(";")[0];
  const scaled = /[0#],+\s*("|\\|$)/.test(f) || /[0#],+"/.test(f);
  if (/"\s*(m|mn|million)\s*"|\\m\b/i.test(f)) return scaled ? "£" : "£m";
  if (/"\s*(k|000|'000)\s*"|\\k\b/i.test(f)) return scaled ? "£" : "£000";
  if (/£/.test(f)) return "£";
  return null;
}

function checkUnits(ctx: Ctx, t: DetectedTable, a: AmountColumn): void {
  const values: number[] = [];
  const signed: number[] = [];
  const rows: number[] = [];
  for (const r of t.lines) {
    const v = valueAt(ctx, r, a.col);
    if (typeof v === "number") {
      if (Number.isFinite(v) && v !== 0) {
        values.push(Math.abs(v));
        signed.push(v);
        rows.push(r);
      }
    } else if (typeof v === "string") {
      // Text amounts count too: "£15,125,000" typed into a £000 column is out of line once converted.
      const cell = readAmount(v, a.unit);
      if (cell.kind === "text" && cell.value !== 0) {
        values.push(Math.abs(cell.value));
        signed.push(cell.value);
        rows.push(r);
      }
    }
  }
  if (values.length === 0) return;
  const header = headerOf(ctx, t, a);
  const med = median(values);
  // The heading's unit against the amounts: a £000 column whose lines are in the billions of pounds.
  if (t.headerRow >= 0 && (a.unit === "£000" || a.unit === "£m") && values.length >= 2 && toPounds(med, a.unit) > 5e9) {
    emit(
      ctx,
      t.headerRow,
      a.col,
      "mixed-units",
      "warning",
      `The heading ${quote(a.header)} says the amounts are in ${a.unit}, but a typical line is ${formatPlain(med)}, which would be ${formatAmount(med, a.unit)}: the amounts look like they are in pounds.`,
      `Check the unit: change the heading to £, or enter the amounts in ${a.unit}.`,
    );
  }
  // Amounts far out of line with their neighbours. Only spending columns: net budgets, income, changes and
  // variances can legitimately be near nil.
  const spending =
    a.kind === "gross" ||
    (a.kind === "amount" && /\b(budgets?|costs?|spend(ing)?|expenditure|allocation)\b/i.test(a.header) && !/\b(change|variance|difference|movement|increase|decrease|net|income)\b/i.test(a.header));
  if (spending && values.length >= 4 && med > 0) {
    const ratio = ctx.outlierRatio;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const big = v >= med * ratio;
      const small = v <= med / ratio;
      if (!big && !small) continue;
      const times = big ? v / med : med / v;
      const r = rows[i];
      emit(
        ctx,
        r,
        a.col,
        "mixed-units",
        "warning",
        `${formatAmount(signed[i], a.unit)} is about ${formatPlain(Math.round(times / 10) * 10 || Math.round(times))} times ${big ? "larger" : "smaller"} than the other amounts in ${header} (typically ${formatAmount(med, a.unit)}): it may be in ${big ? "a smaller unit (£ rather than £000 or £m)" : "a larger unit (£000 or £m rather than £)"}.`,
        `Check the amount in ${addr(ctx, r, a.col)} is in the same unit as the rest of the column${a.unit ? ` (${a.unit})` : ""}.`,
      );
    }
  }
  // Number formats that store different units in one column.
  const formats = ctx.snap.numberFormats;
  if (formats) {
    const byUnit = new Map<MoneyUnit, number[]>();
    for (const r of t.lines) {
      if (!isNumberCell(valueAt(ctx, r, a.col))) continue;
      const u = storedUnitOfFormat(formats[r]?.[a.col] ?? "General");
      if (!u) continue;
      const list = byUnit.get(u) ?? [];
      list.push(r);
      byUnit.set(u, list);
    }
    if (byUnit.size >= 2) {
      let major: MoneyUnit = "£";
      let most = -1;
      for (const [u, list] of byUnit) {
        if (list.length > most) {
          most = list.length;
          major = u;
        }
      }
      for (const [u, list] of byUnit) {
        if (u === major) continue;
        for (const r of list) {
          emit(
            ctx,
            r,
            a.col,
            "mixed-units",
            "warning",
            `${addr(ctx, r, a.col)} is formatted as ${u} while most of ${header} is formatted as ${major}: the column mixes units.`,
            `Enter every amount in the column in one unit (${major}) and give them the same number format.`,
          );
        }
      }
    }
  }
}

function checkNetAgainstGross(ctx: Ctx, t: DetectedTable): void {
  const gross = t.amounts.find((a) => a.kind === "gross" && !a.ranges);
  const net = t.amounts.find((a) => a.kind === "net" && !a.ranges);
  if (!net) return;
  const amountOf = (v: CellValue, unit: MoneyUnit | null): number | null => {
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    if (v === null) return null;
    const cell = readAmount(v, unit);
    return cell.kind === "number" || cell.kind === "text" ? cell.value : null;
  };
  for (const r of t.lines) {
    const netValue = amountOf(valueAt(ctx, r, net.col), net.unit);
    if (netValue === null) continue;
    const n = { value: netValue };
    const forName = (): string => {
      const name = t.labelCol !== null ? String(valueAt(ctx, r, t.labelCol) ?? "").trim() : "";
      return name ? ` for ${quote(name)}` : "";
    };
    const netPounds = toPounds(n.value, net.unit);
    if (gross) {
      const grossValue = amountOf(valueAt(ctx, r, gross.col), gross.unit);
      if (grossValue !== null) {
        const g = { value: grossValue };
        const grossPounds = toPounds(g.value, gross.unit);
        if (netPounds > grossPounds && !sameAmount(netPounds, grossPounds)) {
          emit(
            ctx,
            r,
            net.col,
            "net-exceeds-gross",
            "error",
            `The net budget${forName()} (${formatAmount(n.value, net.unit)}) is more than its gross budget (${formatAmount(g.value, gross.unit)}). Net is gross spending less income, so it cannot be higher.`,
            `Check both figures: they may be swapped, typed in different units, or the income may have been added instead of taken off.`,
          );
          continue;
        }
      }
    }
    if (netPounds < 0) {
      emit(
        ctx,
        r,
        net.col,
        "negative-net",
        "info",
        `The net budget${forName()} is ${formatAmount(n.value, net.unit)}: the service earns more than it spends. That is normal for a traded service; worth a second look otherwise.`,
        `No change needed if the service trades; otherwise check the income figure.`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Totals

/** The formula a total should hold: its lines (or its sub-totals and loose lines) as SUM ranges. */
export function canonicalTotalFormula(snap: SheetSnapshot, t: DetectedTable, total: TotalInfo, col: number): string | null {
  let items: number[];
  if (total.level === "sub" || total.subtotals.length === 0) {
    items = total.lines.slice();
  } else {
    const inSub = new Set<number>();
    const subRows = new Set(total.subtotals);
    for (const s of t.totals) if (subRows.has(s.row)) for (const r of s.lines) inSub.add(r);
    items = [...total.subtotals, ...total.lines.filter((r) => !inSub.has(r))].sort((p, q) => p - q);
  }
  if (items.length === 0) return null;
  const itemSet = new Set(items);
  const letters = columnLetters(snap.origin.col + col);
  const ref = (r: number): string => `${letters}${snap.origin.row + r + 1}`;
  const terms: string[] = [];
  let runStart = items[0];
  let runEnd = items[0];
  const flush = (): void => {
    terms.push(runStart === runEnd ? ref(runStart) : `${ref(runStart)}:${ref(runEnd)}`);
  };
  for (let i = 1; i < items.length; i++) {
    const r = items[i];
    // Merge with the run when every row in between holds nothing that SUM would add.
    let clear = true;
    for (let k = runEnd + 1; k < r; k++) {
      if (itemSet.has(k)) continue;
      const v = snap.values[k]?.[col];
      if (typeof v === "number" || (snap.formulas[k]?.[col] ?? null) !== null) {
        clear = false;
        break;
      }
    }
    if (clear) {
      runEnd = r;
    } else {
      flush();
      runStart = r;
      runEnd = r;
    }
  }
  flush();
  // SUM takes up to 255 arguments.
  while (terms.length > 255) {
    const grouped: string[] = [];
    for (let i = 0; i < terms.length; i += 255) grouped.push(`SUM(${terms.slice(i, i + 255).join(",")})`);
    terms.splice(0, terms.length, ...grouped);
  }
  return `=SUM(${terms.join(",")})`;
}

interface Coverage {
  missing: number[];
  double: number[];
  extra: number[];
  foreign: number[];
  otherColumns: string[];
  circular: boolean;
  viaTotals: number[];
}

/** Total rows of a table, ascending, with their info: built once per table. */
const totalIndex = new WeakMap<DetectedTable, { rows: number[]; byRow: Map<number, TotalInfo> }>();

function totalsOf(t: DetectedTable): { rows: number[]; byRow: Map<number, TotalInfo> } {
  let idx = totalIndex.get(t);
  if (!idx) {
    const sorted = [...t.totals].sort((p, q) => p.row - q.row);
    idx = { rows: sorted.map((x) => x.row), byRow: new Map(sorted.map((x) => [x.row, x])) };
    totalIndex.set(t, idx);
  }
  return idx;
}

/**
 * How many times the formula counts each line: directly, or through a sub-total it adds. Work is
 * proportional to the lines and cells the formula touches (plus the expected lines), never to the table.
 */
function coverageOf(ctx: Ctx, t: DetectedTable, total: TotalInfo, col: number, parsed: SumFormula): Coverage {
  const { origin } = ctx.snap;
  const lines = t.lines;
  const counts = new Map<number, number>();
  const bump = (r: number): void => {
    counts.set(r, (counts.get(r) ?? 0) + 1);
  };
  const totals = totalsOf(t);
  const res: Coverage = { missing: [], double: [], extra: [], foreign: [], otherColumns: [], circular: false, viaTotals: [] };
  const nRows = ctx.snap.values.length;
  const nCols = ctx.snap.values[0]?.length ?? 0;
  const otherCols = new Set<number>();
  const foreign = new Set<number>();
  for (const ref of parsed.refs) {
    const r0 = ref.row - origin.row;
    const r1 = r0 + ref.rowCount - 1;
    const c0 = ref.col - origin.col;
    const c1 = c0 + ref.colCount - 1;
    const lo = Math.max(0, r0);
    const hi = Math.min(nRows - 1, r1);
    // Other columns in the reference that hold numbers.
    for (let c = Math.max(0, c0); c <= Math.min(nCols - 1, c1); c++) {
      if (c === col) continue;
      for (let r = lo; r <= hi; r++) {
        if (typeof valueAt(ctx, r, c) === "number") {
          otherCols.add(c);
          break;
        }
      }
    }
    if (col < c0 || col > c1) continue;
    if (total.row >= r0 && total.row <= r1) res.circular = true;
    for (let i = lowerBound(lines, r0); i < lines.length && lines[i] <= r1; i++) bump(lines[i]);
    for (let i = lowerBound(totals.rows, r0); i < totals.rows.length && totals.rows[i] <= r1; i++) {
      const other = totals.byRow.get(totals.rows[i]) as TotalInfo;
      if (other.row === total.row) continue;
      if (parsed.subtotal && /^=\s*SUBTOTAL\s*\(/i.test(formulaAt(ctx, other.row, col) ?? "")) continue;
      res.viaTotals.push(other.row);
      for (const r of other.lines) bump(r);
    }
    // Numbers in the reference that are neither lines nor totals of this table.
    for (let r = lo; r <= hi; r++) {
      if (r === total.row || totals.byRow.has(r)) continue;
      if (typeof valueAt(ctx, r, col) !== "number") continue;
      const i = lowerBound(lines, r);
      if (lines[i] === r) continue;
      foreign.add(r);
    }
  }
  const expected = total.level === "grand" ? lines : total.lines;
  const expectedSet = total.level === "grand" ? null : new Set(total.lines);
  for (const r of expected) {
    if (r > total.row && total.level === "grand") break;
    if ((counts.get(r) ?? 0) === 0 && !isBlank(valueAt(ctx, r, col))) res.missing.push(r);
  }
  for (const [r, n] of counts) {
    if (isBlank(valueAt(ctx, r, col))) continue;
    const inExpected = expectedSet === null ? r < total.row : expectedSet.has(r);
    if (n >= 2) res.double.push(r);
    else if (!inExpected) res.extra.push(r);
  }
  res.double.sort((p, q) => p - q);
  res.extra.sort((p, q) => p - q);
  res.foreign = [...foreign].sort((p, q) => p - q);
  res.otherColumns = [...otherCols].sort((p, q) => p - q).map((c) => columnLetters(origin.col + c));
  return res;
}

function sumLines(ctx: Ctx, rows: number[], a: AmountColumn): { numeric: number; all: number; anyValue: boolean; textCount: number; errors: number } {
  let errors = 0;
  let numeric = 0;
  let all = 0;
  let anyValue = false;
  let textCount = 0;
  for (const r of rows) {
    const v = valueAt(ctx, r, a.col);
    if (typeof v === "number") {
      if (Number.isFinite(v)) {
        numeric += v;
        all += v;
      }
      anyValue = true;
      continue;
    }
    if (v === null) continue;
    const cell = readAmount(v, a.unit);
    if (cell.kind === "number") {
      numeric += cell.value;
      all += cell.value;
      anyValue = true;
    } else if (cell.kind === "text") {
      all += cell.value;
      anyValue = true;
      textCount++;
    } else if (cell.kind !== "blank") {
      anyValue = true;
      if (cell.kind === "error") errors++;
    }
  }
  return { numeric: tidy(numeric), all: tidy(all), anyValue, textCount, errors };
}

function differenceSentence(shown: number, expected: number, unit: MoneyUnit | null): string {
  const diff = tidy(shown - expected);
  return `${formatAmount(Math.abs(diff), unit)} ${diff < 0 ? "less" : "more"} than its lines add up to (${formatAmount(expected, unit)})`;
}

function checkNumericTotal(ctx: Ctx, t: DetectedTable, a: AmountColumn, total: TotalInfo, faulty: Set<number>): void {
  const key = total.row * 65536 + a.col;
  const sums = sumLines(ctx, total.lines, a);
  const v = valueAt(ctx, total.row, a.col);
  const f = formulaAt(ctx, total.row, a.col);
  if (isErrorValue(v)) {
    faulty.add(key);
    return;
  }
  if (!sums.anyValue && isBlank(v) && f === null) return;
  const what = total.level === "grand" ? "total" : "sub-total";
  const header = headerOf(ctx, t, a);
  let canonicalCache: string | null | undefined;
  const canonicalOf = (): string | null => {
    if (canonicalCache === undefined) canonicalCache = canonicalTotalFormula(ctx.snap, t, total, a.col);
    return canonicalCache;
  };
  const here = addr(ctx, total.row, a.col);
  const cell = readAmount(v, a.unit);
  const subsFaulty = total.subtotals.some((s) => faulty.has(s * 65536 + a.col));

  if (f === null && cell.kind === "blank") {
    if (!sums.anyValue) return;
    faulty.add(key);
    const canonical = canonicalOf();
    emit(
      ctx,
      total.row,
      a.col,
      "missing-value",
      "error",
      `The ${what} of ${header} is empty; its lines add up to ${formatAmount(sums.numeric, a.unit)}.`,
      canonical ? `Enter the formula ${canonical}.` : `Enter the ${what}.`,
      canonical ? { description: `Put the formula ${canonical} in ${here}`, edits: [formulaEdit(ctx, total.row, a.col, canonical)] } : undefined,
    );
    return;
  }

  if (f !== null) {
    const parsed = parseSumFormula(f, ctx.snap.name);
    if (parsed) {
      const cov = coverageOf(ctx, t, total, a.col, parsed);
      const parts: string[] = [];
      if (cov.missing.length) parts.push(`leaves out ${describeRows(cov.missing.map((r) => rowNumber(ctx, r)))}`);
      if (cov.double.length) {
        const via = cov.viaTotals.length ? ` (once directly and again through the sub-total in ${describeRows(cov.viaTotals.map((r) => rowNumber(ctx, r)))})` : "";
        parts.push(`counts ${describeRows(cov.double.map((r) => rowNumber(ctx, r)))} twice${via}`);
      }
      if (cov.extra.length) parts.push(`adds ${describeRows(cov.extra.map((r) => rowNumber(ctx, r)))}, which ${cov.extra.length === 1 ? "belongs" : "belong"} to another group`);
      if (cov.foreign.length) parts.push(`runs past its block into ${describeRows(cov.foreign.map((r) => rowNumber(ctx, r)))}`);
      if (cov.otherColumns.length) parts.push(`adds cells from column ${cov.otherColumns.join(", ")}`);
      if (cov.circular) parts.push(`includes its own cell (a circular reference)`);
      if (parts.length) {
        faulty.add(key);
        const canonical = canonicalOf();
        const shown = cell.kind === "number" ? ` It shows ${formatAmount(cell.value, a.unit)}; its lines add up to ${formatAmount(sums.numeric, a.unit)}.` : "";
        const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
        const fix = canonical && canonical.replace(/\s+/g, "").toUpperCase() !== f.replace(/\s+/g, "").toUpperCase()
          ? { description: `Replace ${f} in ${here} with ${canonical}`, edits: [formulaEdit(ctx, total.row, a.col, canonical)] }
          : undefined;
        emit(
          ctx,
          total.row,
          a.col,
          "sum-range-gap",
          "error",
          `The ${what} of ${header} in ${here} (${f}) ${list}.${shown}`,
          canonical ? `Use ${canonical}, which adds each line once.` : `Make the formula add each line of its block once.`,
          fix,
        );
        return;
      }
    }
    if (cell.kind !== "number" || subsFaulty || sums.errors > 0) return;
    if (sameAmount(cell.value, sums.numeric) || sameAmount(cell.value, sums.all)) return;
    faulty.add(key);
    const canonical = canonicalOf();
    emit(
      ctx,
      total.row,
      a.col,
      "total-mismatch",
      "error",
      `The ${what} ${formatAmount(cell.value, a.unit)} in ${here} is ${differenceSentence(cell.value, sums.numeric, a.unit)}.`,
      parsed
        ? `Recalculate the workbook (F9); if the figure stays wrong, check the lines the formula adds.`
        : `Check the formula ${f}: a total should add up its lines${canonical ? `, as ${canonical} does` : ""}.`,
    );
    return;
  }

  // A typed total.
  const canonical = canonicalOf();
  if (cell.kind === "text") numberAsText(ctx, total.row, a.col, a, cell, `the ${what}`);
  if (cell.kind === "other") {
    faulty.add(key);
    emit(
      ctx,
      total.row,
      a.col,
      "missing-value",
      "error",
      `The ${what} of ${header} holds ${quote(cell.text)} instead of an amount; its lines add up to ${formatAmount(sums.numeric, a.unit)}.`,
      canonical ? `Enter the formula ${canonical}.` : `Enter the ${what}.`,
      canonical ? { description: `Put the formula ${canonical} in ${here}`, edits: [formulaEdit(ctx, total.row, a.col, canonical)] } : undefined,
    );
    return;
  }
  if (cell.kind !== "number" && cell.kind !== "text") return;
  const fix = canonical ? { description: `Replace the typed ${what} in ${here} with ${canonical}`, edits: [formulaEdit(ctx, total.row, a.col, canonical)] } : undefined;
  if (sums.errors === 0 && !sameAmount(cell.value, sums.all) && !sameAmount(cell.value, sums.numeric)) {
    faulty.add(key);
    emit(
      ctx,
      total.row,
      a.col,
      "total-mismatch",
      "error",
      `The ${what} ${formatAmount(cell.value, a.unit)} in ${here} is ${differenceSentence(cell.value, sums.all, a.unit)}.`,
      canonical ? `Replace the typed figure with ${canonical} so it always matches its lines.` : `Correct the ${what}.`,
      fix,
    );
  }
  emit(
    ctx,
    total.row,
    a.col,
    "total-hardcoded",
    "warning",
    `The ${what} of ${header} in ${here} is typed as a number, so it will not change when a line changes.`,
    canonical ? `Use the formula ${canonical}.` : `Use a SUM formula over its lines.`,
    fix,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Savings ranges

function scaleRange(r: SavingsRange, unit: MoneyUnit | null): SavingsRange {
  if (unit === null || r.unit === null || r.unit === "£" || r.unit === unit) return { ...r, unit: unit ?? r.unit };
  const k = UNIT_SCALE[r.unit] / UNIT_SCALE[unit];
  return { low: tidy(r.low * k), high: tidy(r.high * k), unit };
}

/** A range for a message: "£180m to £220m" in a £m column, "180 to 220" when the column has no unit. */
export function describeRange(low: number, high: number, unit: MoneyUnit | null): string {
  const one = (v: number): string => (unit ? formatAmount(v, unit) : formatPlain(v));
  return sameAmount(low, high) ? one(low) : `${one(low)} to ${one(high)}`;
}

type RangeRead = { kind: "range"; range: SavingsRange } | { kind: "blank" } | { kind: "error" } | { kind: "invalid"; message: string };

function readRange(v: CellValue): RangeRead {
  if (v === null || isBlank(v)) return { kind: "blank" };
  if (isErrorValue(v)) return { kind: "error" };
  if (typeof v === "number") return Number.isFinite(v) ? { kind: "range", range: { low: v, high: v, unit: null } } : { kind: "invalid", message: "not a number" };
  if (typeof v === "boolean") return { kind: "invalid", message: `${v ? "TRUE" : "FALSE"} is not a savings range.` };
  try {
    return { kind: "range", range: parseSavingsRange(v) };
  } catch (e) {
    if (e instanceof SavingsRangeError) return { kind: "invalid", message: e.message };
    throw e;
  }
}

interface RangeSummary {
  unit: MoneyUnit | null;
  total: SavingsRange | null;
  written: SavingsRange | null;
  writtenRow: number | null;
}

const rangeSummaries = new WeakMap<DetectedTable, RangeSummary>();

function checkRangeColumn(ctx: Ctx, t: DetectedTable, a: AmountColumn): void {
  // The column's unit: the heading's, else the one unit written in the ranges.
  let unit = a.unit;
  const reads = new Map<number, RangeRead>();
  const written = new Map<MoneyUnit, number[]>();
  for (const r of t.lines) {
    const read = readRange(valueAt(ctx, r, a.col));
    reads.set(r, read);
    if (read.kind === "range" && (read.range.unit === "£m" || read.range.unit === "£000")) {
      const list = written.get(read.range.unit) ?? [];
      list.push(r);
      written.set(read.range.unit, list);
    }
  }
  if (unit === null && written.size === 1) unit = [...written.keys()][0];
  if (unit === null && written.size > 1) {
    // Ranges in £m and £000 in one column with no unit in the heading: flag the smaller group.
    const groups = [...written.entries()].sort((p, q) => q[1].length - p[1].length);
    unit = groups[0][0];
    for (const [u, rows] of groups.slice(1)) {
      for (const r of rows) {
        emit(
          ctx,
          r,
          a.col,
          "mixed-units",
          "warning",
          `${addr(ctx, r, a.col)} is written in ${u} while the other ranges in the column are in ${unit}.`,
          `Write every range in the column in the same unit, and put the unit in the heading (for example "Potential saving £m").`,
        );
      }
    }
  }
  const header = headerOf(ctx, t, a);
  let anyValue = false;
  for (const read of reads.values()) if (read.kind !== "blank") anyValue = true;
  const ranges = new Map<number, SavingsRange>();
  for (const r of t.lines) {
    const read = reads.get(r) as RangeRead;
    if (read.kind === "range") {
      ranges.set(r, scaleRange(read.range, unit));
    } else if (read.kind === "invalid") {
      emit(ctx, r, a.col, "range-invalid", "error", `${addr(ctx, r, a.col)}: ${read.message}`, `Write the range as low-high in ${unit ?? "the column's unit"}, for example 15-20.`);
    } else if (read.kind === "blank" && anyValue && !ctx.covered.has(r * 65536 + a.col)) {
      const name = t.labelCol !== null ? String(valueAt(ctx, r, t.labelCol) ?? "").trim() : "";
      emit(
        ctx,
        r,
        a.col,
        "missing-value",
        "error",
        `${header} is empty${name ? ` for ${quote(name)}` : ` on row ${rowNumber(ctx, r)}`}, so the savings total cannot include it.`,
        `Enter the range (for example 15-20), or 0 if the stream saves nothing.`,
      );
    }
  }
  const summary: RangeSummary = { unit, total: null, written: null, writtenRow: null };
  for (const total of t.totals) {
    const lineRanges = total.lines.map((r) => ranges.get(r)).filter((x): x is SavingsRange => x !== undefined);
    // Only when every line holds a readable range (a blank or unreadable one is reported on its own).
    const complete = lineRanges.length === total.lines.length && lineRanges.length > 0;
    const expected = complete
      ? { low: tidy(lineRanges.reduce((s, x) => s + x.low, 0)), high: tidy(lineRanges.reduce((s, x) => s + x.high, 0)), unit }
      : null;
    if (total.level === "grand") summary.total = expected;
    const v = valueAt(ctx, total.row, a.col);
    const read = readRange(v);
    const here = addr(ctx, total.row, a.col);
    if (read.kind === "error") continue;
    if (read.kind === "blank") {
      if (!expected) continue;
      const text = rangeText(expected.low, expected.high, null);
      emit(
        ctx,
        total.row,
        a.col,
        "missing-value",
        "error",
        `The savings total is empty; the ranges above it add up to ${describeRange(expected.low, expected.high, unit)}.`,
        `Enter ${text} in ${here}.`,
        formulaAt(ctx, total.row, a.col) === null ? { description: `Write ${text} in ${here}`, edits: [{ sheet: ctx.snap.name, cell: here, kind: "text", value: text }] } : undefined,
      );
      continue;
    }
    if (read.kind === "invalid") {
      emit(ctx, total.row, a.col, "range-invalid", "error", `The savings total in ${here}: ${read.message}`, expected ? `The ranges above it add up to ${rangeText(expected.low, expected.high, null)}.` : undefined);
      continue;
    }
    const got = scaleRange(read.range, unit);
    if (total.level === "grand") {
      summary.written = got;
      summary.writtenRow = total.row;
    }
    if (!expected) continue;
    if (sameAmount(got.low, expected.low) && sameAmount(got.high, expected.high)) continue;
    const text = rangeText(expected.low, expected.high, read.range.unit === null ? null : unit);
    const lowDiff = tidy(got.low - expected.low);
    const highDiff = tidy(got.high - expected.high);
    const diffs: string[] = [];
    if (!sameAmount(lowDiff, 0)) diffs.push(`the low figure is ${describeRange(Math.abs(lowDiff), Math.abs(lowDiff), unit)} ${lowDiff > 0 ? "too high" : "too low"}`);
    if (!sameAmount(highDiff, 0)) diffs.push(`the high figure is ${describeRange(Math.abs(highDiff), Math.abs(highDiff), unit)} ${highDiff > 0 ? "too high" : "too low"}`);
    emit(
      ctx,
      total.row,
      a.col,
      "range-total-mismatch",
      "error",
      `The savings total ${describeRange(got.low, got.high, unit)} in ${here} is not the sum of the ranges above it, which add up to ${describeRange(expected.low, expected.high, unit)}: ${diffs.join(" and ")}.`,
      `Correct the total to ${text} (or check the ranges above it).`,
      formulaAt(ctx, total.row, a.col) === null ? { description: `Write ${text} in ${here}`, edits: [{ sheet: ctx.snap.name, cell: here, kind: "text", value: text }] } : undefined,
    );
  }
  if (!t.totals.some((x) => x.level === "grand")) {
    const all = t.lines.map((r) => ranges.get(r)).filter((x): x is SavingsRange => x !== undefined);
    if (all.length > 0) summary.total = { low: tidy(all.reduce((s, x) => s + x.low, 0)), high: tidy(all.reduce((s, x) => s + x.high, 0)), unit };
  }
  if (!rangeSummaries.has(t)) rangeSummaries.set(t, summary);
}

// ---------------------------------------------------------------------------------------------------------
// Savings requirement

function readRequirement(ctx: Ctx, t: DetectedTable, row: number): { col: number; value: number; unit: MoneyUnit | null } | null {
  const cols = [...t.amounts.map((a) => a.col)];
  for (let c = (t.labelCol ?? t.firstCol) + 1; c <= t.lastCol; c++) if (!cols.includes(c)) cols.push(c);
  for (const c of cols) {
    const v = valueAt(ctx, row, c);
    const a = t.amounts.find((x) => x.col === c);
    const unit = a ? (rangeSummaries.get(t)?.unit ?? a.unit) : (t.amounts[0]?.unit ?? null);
    if (typeof v === "number" && Number.isFinite(v)) return { col: c, value: v, unit };
    if (typeof v === "string") {
      const p = parseAmountText(v);
      if (p) return { col: c, value: toColumnUnit(p, unit), unit };
    }
  }
  return null;
}

function checkRequirement(ctx: Ctx, t: DetectedTable): void {
  if (!t.requirement || !ctx.includeInfo) return;
  const req = readRequirement(ctx, t, t.requirement.row);
  if (!req) return;
  const unit = req.unit;
  let total: SavingsRange | null = null;
  const rangeCol = t.amounts.find((a) => a.ranges);
  const summary = rangeCol ? rangeSummaries.get(t) : undefined;
  if (summary) {
    const w = summary.written;
    const e = summary.total;
    total = w && (!e || (sameAmount(w.low, e.low) && sameAmount(w.high, e.high))) ? w : e;
  } else {
    const grand = t.totals.find((x) => x.level === "grand");
    const totalOf = (a: AmountColumn): number => {
      if (grand) {
        const cell = readAmount(valueAt(ctx, grand.row, a.col), a.unit);
        if (cell.kind === "number" || cell.kind === "text") return cell.value;
      }
      return sumLines(ctx, t.lines, a).all;
    };
    // Ranges kept in two columns: "Low £m" and "High £m".
    const low = t.amounts.find((x) => /\b(low|lower|min(imum)?)\b/i.test(x.header));
    const high = t.amounts.find((x) => /\b(high|higher|upper|max(imum)?)\b/i.test(x.header));
    if (low && high && low !== high) {
      const lo = totalOf(low);
      const hi = totalOf(high);
      total = { low: Math.min(lo, hi), high: Math.max(lo, hi), unit: low.unit };
    } else {
      const a = t.amounts.find((x) => x.col === req.col) ?? t.amounts[0];
      if (!a) return;
      const v = totalOf(a);
      total = { low: v, high: v, unit: a.unit };
    }
  }
  if (!total) return;
  const gap = rangeGap(req.value, total);
  const totalText = describeRange(total.low, total.high, unit);
  const reqText = describeRange(req.value, req.value, unit);
  let message: string;
  if (gap.high <= 0 && !sameAmount(gap.high, 0)) {
    message = `The savings total of ${totalText} meets the requirement of ${reqText} even at the bottom of the range, with ${describeRange(-gap.high, -gap.low, unit)} to spare.`;
  } else if (gap.low >= 0 || sameAmount(gap.low, 0)) {
    message = `Against the requirement of ${reqText}, the savings total of ${totalText} leaves a shortfall of ${describeRange(Math.max(0, gap.low), gap.high, unit)}.`;
  } else {
    message = `The savings total of ${totalText} meets the requirement of ${reqText} only towards the top of the range: a shortfall of up to ${describeRange(gap.high, gap.high, unit)} at the bottom, ${describeRange(-gap.low, -gap.low, unit)} to spare at the top.`;
  }
  emit(
    ctx,
    t.requirement.row,
    req.col,
    "requirement-gap",
    "info",
    message,
    gap.low > 0 ? `Identify further savings of at least ${describeRange(gap.low, gap.low, unit)} to meet the requirement.` : undefined,
  );
}
