/**
 * The per-table analysis every budget and savings rule reads: computed once per detected table by
 * `analyseTable`, then passed to each rule in src/core/checks/rules/. It holds facts (which lines are
 * blank, what each total cell holds and which rows its SUM leaves out, the sum of the savings ranges, the
 * requirement), never findings: the rules word them. Nothing here is cached between calls, so the result
 * for a table never depends on which rule, or which earlier check, ran first.
 */
import { cellAddress, columnLetters } from "../a1";
import { formulaLimitReason } from "../formulaLimits";
import type { MoneyUnit } from "../money";
import { parseAmountText, tidy, UNIT_SCALE } from "../money";
import type { SavingsRange } from "../savingsRanges";
import { parseSavingsRange, SavingsRangeError } from "../savingsRanges";
import type { CellValue, SheetSnapshot } from "../sheetSnapshot";
import { isBlank, isErrorValue } from "../sheetSnapshot";
import type { AmountCell } from "./amounts";
import { formatAmount, formatPlain, readAmount, sameAmount, shownStep, toColumnUnit, toPounds } from "./amounts";
import type { SumFormula } from "./formulaRefs";
import { parseSumFormula } from "./formulaRefs";
import { readTotalsTakingAsTotals, type AmountColumn, type DetectedTable, type TotalInfo } from "./tables";

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

/** A line amount that is not a finite number: text holding an amount, a blank, or text that is no amount. */
export interface LineProblem {
  row: number;
  cell: AmountCell;
}

export interface LineAmounts {
  column: AmountColumn;
  /** False when every line of the column is blank (a column not filled in yet: nothing to report). */
  anyValue: boolean;
  problems: LineProblem[];
}

export interface UnitFacts {
  column: AmountColumn;
  /** A £000 or £m heading over amounts whose typical line is over £5bn once scaled. */
  headingMismatch: { median: number } | null;
  /** Lines 900 (unitOutlierRatio) times larger or smaller than the column's median: spending columns only. */
  outliers: { row: number; value: number; times: number; big: boolean; median: number }[];
  /** Lines formatted in another unit than most of the column. */
  formatMix: { row: number; unit: MoneyUnit; major: MoneyUnit }[];
}

export interface SumLines {
  numeric: number;
  all: number;
  anyValue: boolean;
  textCount: number;
  errors: number;
}

/** What a SUM formula in a total adds, compared with the lines the total should add. */
export interface Coverage {
  missing: number[];
  double: number[];
  extra: number[];
  foreign: number[];
  otherColumns: string[];
  circular: boolean;
  viaTotals: number[];
}

/** What a total cell (of a numeric column) holds, against its lines. */
export type TotalState =
  | { kind: "error-value" }
  | { kind: "blank" }
  | { kind: "bad-sum"; formula: string; coverage: Coverage }
  | { kind: "formula"; formula: string; parsed: boolean; matches: boolean; checkable: boolean }
  | { kind: "typed"; matches: boolean; checkable: boolean }
  | { kind: "typed-other"; text: string }
  | { kind: "typed-unknown" };

export interface TotalFacts {
  total: TotalInfo;
  column: AmountColumn;
  what: "total" | "sub-total";
  here: string;
  cell: AmountCell;
  sums: SumLines;
  state: TotalState;
  /** The formula the total should hold (null when the group has no lines). */
  canonical: string | null;
}

/**
 * A line named "Total X" that may be its group's total with a wrong figure (tables.ts, maybeTotalOf under its
 * group, maybeTotalOver above it), in one amount column whose figure is not the sum of that group's lines.
 */
export interface MaybeTotalFacts {
  row: number;
  /** Its label ("Total Children's Services"). */
  label: string;
  column: AmountColumn;
  here: string;
  value: number;
  /** Where its group's lines are: above it (a sub-total under its group) or below it (a sub-total above its group). */
  side: "above" | "below";
  /**
   * Its group's lines, and their sum (text amounts included), in the column's unit: above it, those since the
   * last total (or the last such line); below it, those it heads.
   */
  lines: number[];
  sum: number;
  /** The SUM of those lines, for the suggestion (null past Excel's formula limits). */
  formula: string | null;
}

/** A cell of a savings column. `reversed` is set for a range written high figure first ("65-55" is 55 to 65). */
export type RangeRead =
  | { kind: "range"; range: SavingsRange }
  | { kind: "blank" }
  | { kind: "error" }
  | { kind: "invalid"; message: string; reversed?: SavingsRange };

/** The range a line counts as in a total: a readable range, or a reversed one the right way round; else null. */
export function countedRange(read: RangeRead): SavingsRange | null {
  if (read.kind === "range") return read.range;
  if (read.kind === "invalid" && read.reversed) return read.reversed;
  return null;
}

export interface RangeTotalFacts {
  total: TotalInfo;
  here: string;
  read: RangeRead;
  /** "above" for a total under its lines; "below" for one placed above them (a sub-total heading its group, a grand total at the top). */
  linesAre: "above" | "below";
  /** The sum of its ranges, when every line counts (reversed ranges the right way round). */
  expected: SavingsRange | null;
  /** The sum of the lines that count (all of them, or the readable ones), null when none does. */
  readable: SavingsRange | null;
  /** Lines that cannot be counted (blank, error value, unreadable text): the total cannot be verified. */
  unreadable: number[];
  /** Lines written high figure first, counted the right way round. */
  reversed: number[];
  /** The written total, in the column's unit. */
  got: SavingsRange | null;
  hasFormula: boolean;
}

export interface RangeColumnFacts {
  column: AmountColumn;
  /** The heading's unit, else the one unit the ranges are written in. */
  unit: MoneyUnit | null;
  /** Ranges written in a unit other than most of the column's, when the heading gives none. */
  mixedUnits: { row: number; unit: MoneyUnit; major: MoneyUnit }[];
  anyValue: boolean;
  lines: { row: number; read: RangeRead }[];
  totals: RangeTotalFacts[];
  /**
   * The sum of the lines that count (the grand total's lines, or every line when there is no grand total),
   * reversed ranges the right way round; lines that cannot be read are left out (see `sumUnreadable`).
   */
  sum: SavingsRange | null;
  /** Lines left out of `sum` because they cannot be read. */
  sumUnreadable: number[];
  /** The written grand total, when it reads. */
  written: SavingsRange | null;
  /** Where the grand total is written ("B8"), when the table has one. */
  writtenAt: string | null;
}

export interface RequirementFacts {
  row: number;
  col: number;
  value: number;
  unit: MoneyUnit | null;
  /** The savings total it is measured against: the sum of the lines (those that can be read) for a range column. */
  total: SavingsRange;
  /** Lines left out of `total` because they cannot be read ("B4"): the total is then only part of the savings. */
  unreadable: string[];
  /** The grand total as the sheet states it, where it differs from `total`, and its cell. */
  stated: { range: SavingsRange; at: string } | null;
  /**
   * Rows near the requirement that state the gap ("Shortfall 21-61", "Savings gap", "Surplus"): the figure or range
   * in the requirement's column or the savings column, read as a range. `kind` says which way a positive figure
   * points: a shortfall (or gap) is the requirement less the savings, a surplus the savings less the requirement.
   */
  statedGaps: StatedGap[];
}

export interface StatedGap {
  row: number;
  col: number;
  label: string;
  kind: "shortfall" | "surplus";
  range: SavingsRange;
}

export interface NetGrossFacts {
  row: number;
  net: AmountColumn;
  netValue: number;
  gross: AmountColumn | null;
  grossValue: number | null;
  /** Net above gross once both are in pounds (beyond half a penny). */
  exceedsGross: boolean;
}

export interface TableAnalysis {
  snap: SheetSnapshot;
  table: DetectedTable;
  includeInfo: boolean;
  /** Non-anchor cells of merged areas (row * 65536 + col, snapshot coordinates). */
  covered: Set<number>;
  addr(r: number, c: number): string;
  rowNumber(r: number): number;
  valueAt(r: number, c: number): CellValue;
  formulaAt(r: number, c: number): string | null;
  /** The column's heading for a message (shortened), or "column C". */
  header(a: AmountColumn): string;
  /** The line's service or stream name, trimmed ("" when the table has no label column). */
  lineName(r: number): string;
  isCovered(r: number, c: number): boolean;
  lineAmounts: LineAmounts[];
  units: UnitFacts[];
  totals: TotalFacts[];
  /** "Total X" lines that may be totals with a wrong figure. */
  maybeTotals: MaybeTotalFacts[];
  rangeColumns: RangeColumnFacts[];
  /** The lines whose net is below nil or above the gross (the others need no word). */
  netGross: NetGrossFacts[];
  requirement: RequirementFacts | null;
}

// ---------------------------------------------------------------------------------------------------------

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

/** Analyse one detected table of a snapshot. `covered` may be passed when several tables share a sheet. */
export function analyseTable(snap: SheetSnapshot, t: DetectedTable, options: CheckOptions = {}, covered: Set<number> = coveredCells(snap)): TableAnalysis {
  const valueAt = (r: number, c: number): CellValue => {
    const row = snap.values[r];
    return row && c < row.length ? row[c] : null;
  };
  const formulaAt = (r: number, c: number): string | null => {
    const row = snap.formulas[r];
    return row && c < row.length ? row[c] : null;
  };
  const a: TableAnalysis = {
    snap,
    table: t,
    includeInfo: options.includeInfo ?? true,
    covered,
    addr: (r, c) => cellAddress(snap.origin.row + r, snap.origin.col + c),
    rowNumber: (r) => snap.origin.row + r + 1,
    valueAt,
    formulaAt,
    header: (col) => {
      const h = col.header.replace(/\s+/g, " ").trim();
      return h.length > 50 ? `${h.slice(0, 47)}...` : h || `column ${columnLetters(snap.origin.col + col.col)}`;
    },
    lineName: (r) => (t.labelCol !== null ? String(valueAt(r, t.labelCol) ?? "").trim() : ""),
    isCovered: (r, c) => covered.has(r * 65536 + c),
    lineAmounts: [],
    units: [],
    totals: [],
    maybeTotals: [],
    rangeColumns: [],
    netGross: [],
    requirement: null,
  };
  const index = totalIndex(t);
  const faulty = new Set<number>(); // total row * 65536 + col whose figure cannot be trusted
  const maybe = maybeTotalRows(t);
  const maybeRows = maybe.map((x) => x.row);
  // The table read with those lines taken as totals, made once when a total that adds one up is found wrong.
  let otherReading: OtherReading | null = null;
  for (const col of t.amounts) {
    if (col.ranges) {
      a.rangeColumns.push(analyseRangeColumn(a, col));
      continue;
    }
    a.lineAmounts.push(analyseLineAmounts(a, col));
    a.units.push(analyseUnits(a, col, options.unitOutlierRatio ?? 900));
    const maybeFacts: MaybeTotalFacts[] = [];
    // Those of them whose figure in this column is not their group's sum (row * 65536 + column), made with the other reading.
    let maybeKeys: Set<number> | null = null;
    for (const x of maybe) {
      const facts = analyseMaybeTotal(a, col, x);
      if (facts) maybeFacts.push(facts);
    }
    for (const total of t.totals) {
      let facts = analyseTotal(a, col, total, index, faulty, maybeRows);
      if (facts && isFault(facts.state) && addsMaybeTotal(total, maybeRows)) {
        otherReading ??= readingAsTotals(a, maybeRows);
        maybeKeys ??= new Set(maybeFacts.map((m) => m.row * 65536 + col.col));
        const other = checkedAsTotals(otherReading, col, total, maybeKeys, faulty);
        if (other !== null) {
          faulty.delete(total.row * 65536 + col.col);
          facts = other;
        }
      }
      if (facts) a.totals.push(facts);
    }
    a.maybeTotals.push(...maybeFacts);
  }
  a.netGross = analyseNetGross(a);
  a.requirement = analyseRequirement(a);
  return a;
}

// ---------------------------------------------------------------------------------------------------------
// Lines

// The loops over every line of a table count by index: on a 100,000-line table a for...of loop that V8 has
// not optimised yet leaves an iterator result behind for each line (megabytes, some of it kept past a young
// collection).

function analyseLineAmounts(a: TableAnalysis, col: AmountColumn): LineAmounts {
  const lines = a.table.lines;
  const anyValue = lines.some((r) => !isBlank(a.valueAt(r, col.col)));
  const problems: LineProblem[] = [];
  if (anyValue) {
    for (let k = 0; k < lines.length; k++) {
      const r = lines[k];
      const v = a.valueAt(r, col.col);
      if (typeof v === "number" && Number.isFinite(v)) continue;
      const cell = readAmount(v, col.unit);
      if (cell.kind === "error") continue;
      if (cell.kind === "blank" && a.isCovered(r, col.col)) continue;
      problems.push({ row: r, cell });
    }
  }
  return { column: col, anyValue, problems };
}

/**
 * The median of the numbers (reordered in place): the middle one found by selection (Hoare's quickselect, the
 * middle of three as pivot), in time proportional to the count where sorting 100,000 lines' figures took 15 ms of
 * a 600 ms audit (a CPU profile of auditWorkbook on the 100,000-line sheet). NaN is not expected (the callers pass
 * sizes of finite figures).
 */
export function median(xs: Float64Array): number {
  const n = xs.length;
  if (n === 0) return 0;
  const m = n >> 1;
  const upper = select(xs, m);
  if (n % 2) return upper;
  // The lower middle is the largest of the values placed before the upper one.
  let lower = -Infinity;
  for (let i = 0; i < m; i++) if (xs[i] > lower) lower = xs[i];
  return (lower + upper) / 2;
}

/**
 * Reorder xs so that xs[k] is the value a sort would put there, every value before it no larger; returns it. A list
 * crafted against the middle-of-three pivot could make each round shed only a few values (quadratic time on a
 * hostile sheet), so after twice as many rounds as halvings would take, the rest is sorted (as introselect does).
 * `rounds` is for tests of that fallback.
 */
export function select(xs: Float64Array, k: number, rounds = 2 * Math.ceil(Math.log2(xs.length + 1)) + 4): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (hi > lo) {
    if (--rounds < 0) {
      xs.subarray(lo, hi + 1).sort();
      return xs[k];
    }
    const mid = (lo + hi) >> 1;
    const a = xs[lo];
    const b = xs[mid];
    const c = xs[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        const t = xs[i];
        xs[i] = xs[j];
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return xs[k];
  }
  return xs[k];
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

/** A column of spending (gross, budget, cost): its lines should not be near nil, unlike net or change columns. */
export function isSpendingColumn(col: AmountColumn): boolean {
  return (
    col.kind === "gross" ||
    (col.kind === "amount" &&
      /\b(budgets?|costs?|spend(ing)?|expenditure|allocation)\b/i.test(col.header) &&
      !/\b(change|variance|difference|movement|increase|decrease|net|income)\b/i.test(col.header))
  );
}

function analyseUnits(a: TableAnalysis, col: AmountColumn, ratio: number): UnitFacts {
  const t = a.table;
  const facts: UnitFacts = { column: col, headingMismatch: null, outliers: [], formatMix: [] };
  // The lines' amounts other than nil, and their rows (at most one a line: sized once, never grown).
  const lines = t.lines;
  const signed = new Float64Array(lines.length);
  const rows = new Int32Array(lines.length);
  let n = 0;
  for (let k = 0; k < lines.length; k++) {
    const r = lines[k];
    const v = a.valueAt(r, col.col);
    let amount = 0;
    if (typeof v === "number") {
      if (Number.isFinite(v)) amount = v;
    } else if (typeof v === "string") {
      // Text amounts count too: "£15,125,000" typed into a £000 column is out of line once converted.
      const cell = readAmount(v, col.unit);
      if (cell.kind === "text") amount = cell.value;
    }
    if (amount === 0) continue;
    signed[n] = amount;
    rows[n] = r;
    n++;
  }
  if (n === 0) return facts;
  const sizes = new Float64Array(n);
  for (let i = 0; i < n; i++) sizes[i] = Math.abs(signed[i]);
  const med = median(sizes);
  if (t.headerRow >= 0 && (col.unit === "£000" || col.unit === "£m") && n >= 2 && toPounds(med, col.unit) > 5e9) {
    facts.headingMismatch = { median: med };
  }
  if (isSpendingColumn(col) && n >= 4 && med > 0) {
    for (let i = 0; i < n; i++) {
      const v = Math.abs(signed[i]);
      const big = v >= med * ratio;
      const small = v <= med / ratio;
      if (!big && !small) continue;
      facts.outliers.push({ row: rows[i], value: signed[i], times: big ? v / med : med / v, big, median: med });
    }
  }
  const formats = a.snap.numberFormats;
  if (formats) {
    const byUnit = new Map<MoneyUnit, number[]>();
    // A column has few formats: each is read once, not once a line.
    const unitOfFormat = new Map<string, MoneyUnit | null>();
    for (let k = 0; k < lines.length; k++) {
      const r = lines[k];
      if (typeof a.valueAt(r, col.col) !== "number") continue;
      const fmt = formats[r]?.[col.col] ?? "General";
      let u = unitOfFormat.get(fmt);
      if (u === undefined) {
        u = storedUnitOfFormat(fmt);
        unitOfFormat.set(fmt, u);
      }
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
      for (const [u, list] of byUnit) if (u !== major) for (const r of list) facts.formatMix.push({ row: r, unit: u, major });
    }
  }
  return facts;
}

/** A cell as an amount in the column's unit: numbers and text amounts; null otherwise. */
function amountOf(v: CellValue, unit: MoneyUnit | null): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (v === null) return null;
  const cell = readAmount(v, unit);
  return cell.kind === "number" || cell.kind === "text" ? cell.value : null;
}

function analyseNetGross(a: TableAnalysis): NetGrossFacts[] {
  const t = a.table;
  const gross = t.amounts.find((x) => x.kind === "gross" && !x.ranges) ?? null;
  const net = t.amounts.find((x) => x.kind === "net" && !x.ranges);
  if (!net) return [];
  const out: NetGrossFacts[] = [];
  for (let k = 0; k < t.lines.length; k++) {
    const r = t.lines[k];
    const netValue = amountOf(a.valueAt(r, net.col), net.unit);
    if (netValue === null) continue;
    const grossValue = gross ? amountOf(a.valueAt(r, gross.col), gross.unit) : null;
    const netPounds = toPounds(netValue, net.unit);
    const grossPounds = gross && grossValue !== null ? toPounds(grossValue, gross.unit) : null;
    const exceedsGross = grossPounds !== null && netPounds > grossPounds && !sameAmount(netPounds, grossPounds);
    if (!exceedsGross && netValue >= 0) continue;
    out.push({ row: r, net, netValue, gross, grossValue, exceedsGross });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Totals

interface TotalIndex {
  rows: number[];
  byRow: Map<number, TotalInfo>;
  /** Scratch for coverageOf: how many times a formula counts each row (0, 1, 2 for twice or more), all 0 between calls. */
  counts: Uint8Array | null;
}

function totalIndex(t: DetectedTable): TotalIndex {
  const sorted = [...t.totals].sort((p, q) => p.row - q.row);
  return { rows: sorted.map((x) => x.row), byRow: new Map(sorted.map((x) => [x.row, x])), counts: null };
}

function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The formula a total should hold: its lines (or its sub-totals and loose lines) as SUM ranges. */
export function canonicalTotalFormula(snap: SheetSnapshot, t: DetectedTable, total: TotalInfo, col: number): string | null {
  let items: readonly number[];
  if (total.level === "sub" || total.subtotals.length === 0) {
    items = total.lines;
  } else {
    // The sub-totals, and the lines no sub-total adds (marked in one byte a row: lines are rows of the snapshot).
    const inSub = new Uint8Array(snap.values.length);
    const subRows = new Set(total.subtotals);
    for (const s of t.totals) if (subRows.has(s.row)) for (let k = 0; k < s.lines.length; k++) inSub[s.lines[k]] = 1;
    const list = total.subtotals.slice();
    for (let k = 0; k < total.lines.length; k++) if (inSub[total.lines[k]] !== 1) list.push(total.lines[k]);
    items = list.sort((p, q) => p - q);
  }
  if (items.length === 0) return null;
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
    // Merge with the run when every row in between holds nothing that SUM would add (items are in order,
    // so no row in between is an item).
    let clear = true;
    for (let k = runEnd + 1; k < r; k++) {
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
  let args = terms;
  while (args.length > 255) {
    const grouped: string[] = [];
    for (let i = 0; i < args.length; i += 255) grouped.push(`SUM(${args.slice(i, i + 255).join(",")})`);
    args = grouped;
  }
  const formula = `=SUM(${args.join(",")})`;
  // Past Excel's formula limits (8,192 characters: a grand total over thousands of sub-totals listed one by
  // one) Excel refuses the formula, so no formula is offered: the rules then say what to do in words.
  return formulaLimitReason(formula) === null ? formula : null;
}

/**
 * How many times the formula counts each line: directly, or through a sub-total it adds. Work is
 * proportional to the lines and cells the formula touches (plus the expected lines), never to the table.
 */
function coverageOf(a: TableAnalysis, total: TotalInfo, col: number, parsed: SumFormula, totals: TotalIndex): Coverage {
  const { origin } = a.snap;
  const lines = a.table.lines;
  const nRows = a.snap.values.length;
  // One byte a row, kept for the table's other totals (a grand total counts every line: a map of them was
  // megabytes for each total of a large sheet); `touched` lists the rows counted, in the order first counted.
  if (totals.counts === null || totals.counts.length < nRows) totals.counts = new Uint8Array(nRows);
  const counts = totals.counts;
  const touched: number[] = [];
  const bump = (r: number): void => {
    if (counts[r] === 0) touched.push(r);
    if (counts[r] < 2) counts[r]++;
  };
  const res: Coverage = { missing: [], double: [], extra: [], foreign: [], otherColumns: [], circular: false, viaTotals: [] };
  const nCols = a.snap.values[0]?.length ?? 0;
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
        if (typeof a.valueAt(r, c) === "number") {
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
      if (parsed.subtotal && /^=\s*SUBTOTAL\s*\(/i.test(a.formulaAt(other.row, col) ?? "")) continue;
      res.viaTotals.push(other.row);
      for (let k = 0; k < other.lines.length; k++) bump(other.lines[k]);
    }
    // Numbers in the reference that are neither lines nor totals of this table.
    for (let r = lo; r <= hi; r++) {
      if (r === total.row || totals.byRow.has(r)) continue;
      if (typeof a.valueAt(r, col) !== "number") continue;
      const i = lowerBound(lines, r);
      if (lines[i] === r) continue;
      foreign.add(r);
    }
  }
  // A grand total (below its lines or above them) adds up every line of the table, and only lines are counted.
  const expected = total.level === "grand" ? lines : total.lines;
  // A sub-total's lines are in order: looked up by halves, not put in a set for each total.
  const inExpected = (r: number): boolean => total.level === "grand" || expected[lowerBound(expected, r)] === r;
  for (let k = 0; k < expected.length; k++) {
    const r = expected[k];
    if (counts[r] === 0 && !isBlank(a.valueAt(r, col))) res.missing.push(r);
  }
  for (let k = 0; k < touched.length; k++) {
    const r = touched[k];
    const n = counts[r];
    if (isBlank(a.valueAt(r, col))) continue;
    if (n >= 2) res.double.push(r);
    else if (!inExpected(r)) res.extra.push(r);
  }
  // All 0 again for the next total (the scratch belongs to this table's analysis, so an error here leaves it unused).
  for (let k = 0; k < touched.length; k++) counts[touched[k]] = 0;
  res.double.sort((p, q) => p - q);
  res.extra.sort((p, q) => p - q);
  res.foreign = [...foreign].sort((p, q) => p - q);
  res.otherColumns = [...otherCols].sort((p, q) => p - q).map((c) => columnLetters(origin.col + c));
  return res;
}

/** True when a SUM formula's coverage shows a fault (a row left out, counted twice, a foreign cell...). */
export function coverageFaulty(c: Coverage): boolean {
  return c.missing.length + c.double.length + c.extra.length + c.foreign.length + c.otherColumns.length > 0 || c.circular;
}

export function sumLines(a: TableAnalysis, rows: readonly number[], col: AmountColumn): SumLines {
  let errors = 0;
  let numeric = 0;
  let all = 0;
  let anyValue = false;
  let textCount = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const v = a.valueAt(r, col.col);
    if (typeof v === "number") {
      if (Number.isFinite(v)) {
        numeric += v;
        all += v;
      }
      anyValue = true;
      continue;
    }
    if (v === null) continue;
    const cell = readAmount(v, col.unit);
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

/** A "Total X" line that may be a total: its row, label, and the rows its group's lines span (inclusive). */
interface MaybeTotalRow {
  row: number;
  label: string;
  from: number;
  to: number;
  side: "above" | "below";
}

/** The table's "Total X" lines that may be totals (tables.ts, maybeTotalOf and maybeTotalOver), in row order. */
function maybeTotalRows(t: DetectedTable): MaybeTotalRow[] {
  const out: MaybeTotalRow[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    const x = t.rows[i];
    if (x.maybeTotalOf !== undefined) out.push({ row: x.row, label: x.label, from: x.maybeTotalOf, to: x.row - 1, side: "above" });
    else if (x.maybeTotalOver !== undefined) out.push({ row: x.row, label: x.label, from: x.row + 1, to: x.maybeTotalOver, side: "below" });
  }
  return out;
}

function analyseMaybeTotal(a: TableAnalysis, col: AmountColumn, x: MaybeTotalRow): MaybeTotalFacts | null {
  const v = a.valueAt(x.row, col.col);
  if (typeof v !== "number" || !Number.isFinite(v)) return null;
  const all = a.table.lines;
  const lines = all.slice(lowerBound(all, x.from), lowerBound(all, x.to + 1));
  const sums = sumLines(a, lines, col);
  // A line showing an error value leaves the sum unknown (formula-error reports it).
  if (!sums.anyValue || sums.errors > 0 || sameAmount(v, sums.all) || sameAmount(v, sums.numeric)) return null;
  const formula = canonicalTotalFormula(a.snap, a.table, { row: x.row, label: x.label, level: "sub", lines, subtotals: [] }, col.col);
  return { row: x.row, label: x.label, column: col, here: a.addr(x.row, col.col), value: v, side: x.side, lines, sum: sums.all, formula };
}

/**
 * True when one of the total's lines may itself be a total (maybeTotalRows, in row order): then no formula is
 * offered for it. Only those within the rows its lines span are looked up, so a table's sub-totals together
 * look at each such line about once.
 */
function addsMaybeTotal(total: TotalInfo, maybe: readonly number[]): boolean {
  const lines = total.lines;
  if (lines.length === 0) return false;
  const last = lines[lines.length - 1];
  for (let k = lowerBound(maybe, lines[0]); k < maybe.length && maybe[k] <= last; k++) {
    if (lines[lowerBound(lines, maybe[k])] === maybe[k]) return true;
  }
  return false;
}

/**
 * True when a typed total is its lines' sum rounded as its own cell's number format shows it: 31,918 typed under
 * "#,##0" over lines adding up to 31,917.8 (decimals hidden in a £000 column). It shows what a SUM would show, so
 * it is not reported as not adding up; total-hardcoded still asks for the formula.
 */
function roundedAsShown(value: number, sum: number, fmt: string | undefined): boolean {
  const step = fmt === undefined ? null : shownStep(fmt);
  if (step === null || !(step > 0)) return false;
  // Excel rounds halves away from zero (-2.5 shows as -3 under "0"), and rounds the figure it keeps, to 15 significant
  // digits, not its binary value: -1,500.55 shows as -1,500.6 under "0.0" though binary holds -1,500.5499...
  const q = Number((sum / step).toPrecision(15));
  const shown = Math.sign(q) * Math.round(Math.abs(q)) * step;
  return Math.abs(value - shown) <= 1e-9 * Math.max(1, Math.abs(shown)) && Math.abs(value - sum) < step;
}

/** A total's state that a rule reports as wrong, and that may depend on how its lines are read. */
function isFault(state: TotalState): boolean {
  return state.kind === "bad-sum" || ((state.kind === "formula" || state.kind === "typed") && state.checkable && !state.matches);
}

/** The table read with every "Total X" line that may be a total (maybeTotalRows) taken as a total. */
interface OtherReading {
  a: TableAnalysis;
  index: TotalIndex;
}

function readingAsTotals(a: TableAnalysis, maybeRows: readonly number[]): OtherReading {
  const read = readTotalsTakingAsTotals(a.snap, a.table, new Set(maybeRows));
  const table: DetectedTable = { ...a.table, lines: read.lines, totals: read.totals };
  return { a: { ...a, table }, index: totalIndex(table) };
}

/**
 * A total found wrong that adds up a "Total X" line that may itself be a total, checked with the table read the
 * other way (readingAsTotals: the table's totals read again, so a sub-total after such a line adds up only the
 * lines after it, and a grand total adds it as a sub-total). When the total is right that way, it is right if the
 * question the total-like-line warning asks is answered "a total", so it is not reported: its facts that way,
 * offered no formula (which formula is right depends on the answer). Null when it is wrong either way, and it is
 * reported as first read (the line counted as a service). The table is read the other way once, however many
 * totals are checked so (a sheet of thousands of such groups stays linear).
 */
function checkedAsTotals(other: OtherReading, col: AmountColumn, total: TotalInfo, offMaybe: ReadonlySet<number>, faulty: ReadonlySet<number>): TotalFacts | null {
  const read = other.index.byRow.get(total.row);
  if (read === undefined) return null;
  // Taken as a total, a "Total X" line whose figure is not its group's sum (offMaybe) is a faulty sub-total in
  // this column; what this check finds is not recorded for the totals after it.
  const faultyThatWay: FaultyTotals = { has: (k) => faulty.has(k) || offMaybe.has(k), add: () => undefined };
  const facts = analyseTotal(other.a, col, { ...read, noFormula: true }, other.index, faultyThatWay, []);
  return facts && !isFault(facts.state) ? facts : null;
}

/** The totals whose figure cannot be trusted (row * 65536 + column), added to as each total is checked. */
interface FaultyTotals {
  has(key: number): boolean;
  add(key: number): unknown;
}

function analyseTotal(a: TableAnalysis, col: AmountColumn, total: TotalInfo, index: TotalIndex, faulty: FaultyTotals, maybe: readonly number[]): TotalFacts | null {
  const key = total.row * 65536 + col.col;
  const sums = sumLines(a, total.lines, col);
  const v = a.valueAt(total.row, col.col);
  const f = a.formulaAt(total.row, col.col);
  const cell = readAmount(v, col.unit);
  const base = {
    total,
    column: col,
    what: total.level === "grand" ? ("total" as const) : ("sub-total" as const),
    here: a.addr(total.row, col.col),
    cell,
    sums,
    // No formula when the layout leaves it open, or when a line it adds may itself be a total (the formula
    // would count that line's group twice, or leave it out, whichever it is).
    canonical: total.noFormula || addsMaybeTotal(total, maybe) ? null : canonicalTotalFormula(a.snap, a.table, total, col.col),
  };
  if (isErrorValue(v)) {
    faulty.add(key);
    return { ...base, state: { kind: "error-value" } };
  }
  if (!sums.anyValue && isBlank(v) && f === null) return null;
  const subsFaulty = total.subtotals.some((s) => faulty.has(s * 65536 + col.col));
  if (f === null && cell.kind === "blank") {
    faulty.add(key);
    return { ...base, state: { kind: "blank" } };
  }
  if (f !== null) {
    const parsed = parseSumFormula(f, a.snap.name);
    if (parsed) {
      const coverage = coverageOf(a, total, col.col, parsed, index);
      if (coverageFaulty(coverage)) {
        faulty.add(key);
        return { ...base, state: { kind: "bad-sum", formula: f, coverage } };
      }
    }
    const checkable = cell.kind === "number" && !subsFaulty && sums.errors === 0;
    const matches = cell.kind === "number" && (sameAmount(cell.value, sums.numeric) || sameAmount(cell.value, sums.all));
    if (checkable && !matches) faulty.add(key);
    return { ...base, state: { kind: "formula", formula: f, parsed: parsed !== null, matches, checkable } };
  }
  if (cell.kind === "other") {
    faulty.add(key);
    return { ...base, state: { kind: "typed-other", text: cell.text } };
  }
  if (cell.kind !== "number" && cell.kind !== "text") return { ...base, state: { kind: "typed-unknown" } };
  const checkable = sums.errors === 0;
  const matches = sameAmount(cell.value, sums.all) || sameAmount(cell.value, sums.numeric) || (cell.kind === "number" && roundedAsShown(cell.value, sums.all, a.snap.numberFormats?.[total.row]?.[col.col]));
  if (checkable && !matches) faulty.add(key);
  return { ...base, state: { kind: "typed", matches, checkable } };
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

export function readRange(v: CellValue): RangeRead {
  if (v === null || isBlank(v)) return { kind: "blank" };
  if (isErrorValue(v)) return { kind: "error" };
  if (typeof v === "number") return Number.isFinite(v) ? { kind: "range", range: { low: v, high: v, unit: null } } : { kind: "invalid", message: "not a number" };
  if (typeof v === "boolean") return { kind: "invalid", message: `${v ? "TRUE" : "FALSE"} is not a savings range.` };
  try {
    return { kind: "range", range: parseSavingsRange(v) };
  } catch (e) {
    if (e instanceof SavingsRangeError) return e.reversed ? { kind: "invalid", message: e.message, reversed: e.reversed } : { kind: "invalid", message: e.message };
    throw e;
  }
}

function sumRanges(ranges: readonly SavingsRange[], unit: MoneyUnit | null): SavingsRange {
  return { low: tidy(ranges.reduce((s, x) => s + x.low, 0)), high: tidy(ranges.reduce((s, x) => s + x.high, 0)), unit };
}

function analyseRangeColumn(a: TableAnalysis, col: AmountColumn): RangeColumnFacts {
  const t = a.table;
  let unit = col.unit;
  const lines: { row: number; read: RangeRead }[] = [];
  const written = new Map<MoneyUnit, number[]>();
  for (const r of t.lines) {
    const read = readRange(a.valueAt(r, col.col));
    lines.push({ row: r, read });
    if (read.kind === "range" && (read.range.unit === "£m" || read.range.unit === "£000")) {
      const list = written.get(read.range.unit) ?? [];
      list.push(r);
      written.set(read.range.unit, list);
    }
  }
  const mixedUnits: RangeColumnFacts["mixedUnits"] = [];
  if (unit === null && written.size === 1) unit = [...written.keys()][0];
  if (unit === null && written.size > 1) {
    // Ranges in £m and £000 in one column with no unit in the heading: the smaller group is out of line.
    const groups = [...written.entries()].sort((p, q) => q[1].length - p[1].length);
    const major = groups[0][0];
    unit = major;
    for (const [u, rows] of groups.slice(1)) for (const r of rows) mixedUnits.push({ row: r, unit: u, major });
  }
  // A reversed range ("65-55") is reported by range-invalid but counts the right way round in the totals.
  const ranges = new Map<number, SavingsRange>();
  const reversedRows = new Set<number>();
  for (const x of lines) {
    const counted = countedRange(x.read);
    if (!counted) continue;
    ranges.set(x.row, scaleRange(counted, unit));
    if (x.read.kind === "invalid") reversedRows.add(x.row);
  }
  const facts: RangeColumnFacts = {
    column: col,
    unit,
    mixedUnits,
    anyValue: lines.some((x) => x.read.kind !== "blank"),
    lines,
    totals: [],
    sum: null,
    sumUnreadable: [],
    written: null,
    writtenAt: null,
  };
  const sumOf = (rows: readonly number[]): { sum: SavingsRange | null; unreadable: number[]; reversed: number[] } => {
    const counted: SavingsRange[] = [];
    const unreadable: number[] = [];
    const reversed: number[] = [];
    for (const r of rows) {
      const range = ranges.get(r);
      if (!range) {
        unreadable.push(r);
        continue;
      }
      counted.push(range);
      if (reversedRows.has(r)) reversed.push(r);
    }
    return { sum: counted.length > 0 ? sumRanges(counted, unit) : null, unreadable, reversed };
  };
  for (const total of t.totals) {
    const { sum, unreadable, reversed } = sumOf(total.lines);
    // Checked when every line counts; with a line that cannot be read, the total cannot be verified.
    const expected = unreadable.length === 0 ? sum : null;
    const read = readRange(a.valueAt(total.row, col.col));
    const got = read.kind === "range" ? scaleRange(read.range, unit) : null;
    const here = a.addr(total.row, col.col);
    // The first grand total is the table's (the one at the bottom, when there is one at the top as well).
    if (total.level === "grand" && facts.writtenAt === null) {
      facts.sum = sum;
      facts.sumUnreadable = unreadable;
      facts.writtenAt = here;
      if (got) facts.written = got;
    }
    const linesAre = total.lines.length > 0 && total.lines[0] > total.row ? "below" : "above";
    facts.totals.push({ total, here, read, linesAre, expected, readable: sum, unreadable, reversed, got, hasFormula: a.formulaAt(total.row, col.col) !== null });
  }
  if (!t.totals.some((x) => x.level === "grand")) {
    const { sum, unreadable } = sumOf(t.lines);
    facts.sum = sum;
    facts.sumUnreadable = sum ? unreadable : [];
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------------------
// Savings requirement

function analyseRequirement(a: TableAnalysis): RequirementFacts | null {
  const t = a.table;
  if (!t.requirement) return null;
  const row = t.requirement.row;
  const rangeColumn = a.rangeColumns[0];
  // The requirement's cell: in an amount column first, else any column right of the labels.
  const cols = [...t.amounts.map((x) => x.col)];
  for (let c = (t.labelCol ?? t.firstCol) + 1; c <= t.lastCol; c++) if (!cols.includes(c)) cols.push(c);
  let req: { col: number; value: number; unit: MoneyUnit | null } | null = null;
  for (const c of cols) {
    const v = a.valueAt(row, c);
    const col = t.amounts.find((x) => x.col === c);
    const unit = col ? (rangeColumn?.unit ?? col.unit) : (t.amounts[0]?.unit ?? null);
    if (typeof v === "number" && Number.isFinite(v)) {
      req = { col: c, value: v, unit };
      break;
    }
    if (typeof v === "string") {
      const p = parseAmountText(v);
      if (p) {
        req = { col: c, value: toColumnUnit(p, unit), unit };
        break;
      }
    }
  }
  if (!req) return null;
  let total: SavingsRange | null = null;
  let unreadable: string[] = [];
  let stated: RequirementFacts["stated"] = null;
  if (rangeColumn) {
    // The sum of the lines (the written total only when no line can be counted); the written total is named
    // where it differs, so the gap never rests on a stated total that does not add up.
    const w = rangeColumn.written;
    const e = rangeColumn.sum;
    total = e ?? w;
    if (e) {
      unreadable = rangeColumn.sumUnreadable.map((r) => a.addr(r, rangeColumn.column.col));
      if (w && rangeColumn.writtenAt && !(sameAmount(w.low, e.low) && sameAmount(w.high, e.high))) stated = { range: w, at: rangeColumn.writtenAt };
    }
  } else {
    const grand = t.totals.find((x) => x.level === "grand");
    const totalOf = (col: AmountColumn): number => {
      if (grand) {
        const cell = readAmount(a.valueAt(grand.row, col.col), col.unit);
        if (cell.kind === "number" || cell.kind === "text") return cell.value;
      }
      return sumLines(a, t.lines, col).all;
    };
    // Ranges kept in two columns: "Low £m" and "High £m".
    const low = t.amounts.find((x) => /\b(low|lower|min(imum)?)\b/i.test(x.header));
    const high = t.amounts.find((x) => /\b(high|higher|upper|max(imum)?)\b/i.test(x.header));
    if (low && high && low !== high) {
      const lo = totalOf(low);
      const hi = totalOf(high);
      total = { low: Math.min(lo, hi), high: Math.max(lo, hi), unit: low.unit };
    } else {
      const col = t.amounts.find((x) => x.col === req.col) ?? t.amounts[0];
      if (!col) return null;
      const v = totalOf(col);
      total = { low: v, high: v, unit: col.unit };
    }
  }
  if (!total) return null;
  return { row, col: req.col, value: req.value, unit: req.unit, total, unreadable, stated, statedGaps: statedGaps(a, row, [req.col, ...(rangeColumn ? [rangeColumn.column.col] : [])]) };
}

/** "Shortfall", "Savings gap", "Gap to requirement", "Surplus": a row stating the gap (not one naming the requirement). */
const GAP_LABEL_RE = /^\s*(?:savings\s+|funding\s+|budget\s+)?(shortfall|gap|surplus)\b/i;

/**
 * The rows stating the gap to a requirement in `reqRow`: within five rows of it and of the table's last row, not a
 * line or a total, labelled as a shortfall, gap or surplus, with a readable figure or range in one of `cols` (the
 * requirement's column first).
 */
function statedGaps(a: TableAnalysis, reqRow: number, cols: readonly number[]): StatedGap[] {
  const t = a.table;
  // A line or a total states no gap: looked up for the few rows near the requirement, not gathered for every line.
  const taken = (r: number): boolean => r === reqRow || t.lines[lowerBound(t.lines, r)] === r || t.totals.some((x) => x.row === r);
  const from = Math.max(t.headerRow + 1, Math.min(reqRow, t.lastRow) - 5);
  const to = Math.min(a.snap.values.length - 1, Math.max(reqRow, t.lastRow) + 5);
  const labelCols: number[] = [];
  for (const c of [t.labelCol, t.typeCol, t.firstCol]) if (c !== null && !labelCols.includes(c)) labelCols.push(c);
  const out: StatedGap[] = [];
  for (let r = from; r <= to; r++) {
    if (taken(r)) continue;
    let label = "";
    for (const c of labelCols) {
      const v = a.valueAt(r, c);
      if (typeof v === "string" && v.trim() !== "") {
        label = v.trim();
        break;
      }
    }
    const m = GAP_LABEL_RE.exec(label);
    if (!m) continue;
    for (const c of cols) {
      const read = readRange(a.valueAt(r, c));
      if (read.kind !== "range") continue;
      out.push({ row: r, col: c, label, kind: m[1].toLowerCase() === "surplus" ? "surplus" : "shortfall", range: read.range });
      break;
    }
  }
  return out;
}
