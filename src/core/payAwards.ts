/**
 * Pay-award assumptions: the one place years after a grade table's last pay year get their pay.
 *
 * Budget models state a pay award for each year the agreed pay scales do not reach yet ("3% in 2025/26,
 * 2.5% in 2026/27"). `withPayAwards(table, awards)` gives a grade table that also covers those years: each
 * range (minimum, maximum, steps) is the table's LAST pay year's range times (1 + award) for every year
 * from the one after it up to the year asked for, compounded, then rounded to the penny. A year needs an
 * award for itself and every year between it and the table, or it stays refused (MissingPayYearError).
 * Awards for years the table already has are not used (`unusedAwards` lists them, for the pane to say so).
 *
 * The year a figure is for when the user gives none: `defaultPayYear` — the current financial year when the
 * table or an assumption covers it, otherwise the latest year the grade table itself covers.
 */

import { currentFinancialYear, financialYearLabel, parseFinancialYear, FinancialYearError, type FinancialYear } from "./financialYear";
import { laterYearMessage, MissingPayYearError, type GradeRange, type GradeTable, type PayProjection } from "./grades";
import { roundPence } from "./money";

/** Assumed pay award per financial year, as a fraction (0.03 = 3%). */
export type PayAwards = ReadonlyMap<FinancialYear, number>;

/** Awards above this are refused as typing errors (a 0.5% award typed 0.5 would otherwise be 50%). */
export const MAX_PAY_AWARD = 0.2;

/** A pay-award assumption that cannot be read. */
export class PayAwardError extends Error {
  override name = "PayAwardError";
}

/**
 * A typed award as a fraction: 0.03 (a cell formatted as 3%) stays 0.03; 3 (a percentage typed without %)
 * becomes 0.03; text "3%" or "3" too. Negative awards (a pay cut) are allowed down to -20%.
 */
export function payAwardFraction(v: number | string): number {
  let n: number;
  if (typeof v === "number") n = v;
  else {
    const t = v.trim();
    const m = /^([-−]?\d+(?:\.\d+)?)\s*%?$/.exec(t);
    if (!m) throw new PayAwardError(`"${v}" is not a pay award: write a percentage such as 3%.`);
    n = Number(m[1].replace("−", "-"));
    if (t.endsWith("%")) n /= 100;
  }
  if (!Number.isFinite(n)) throw new PayAwardError(`A pay award must be a percentage such as 3% (got ${String(v)}).`);
  const f = Math.abs(n) >= 1 ? n / 100 : n;
  if (Math.abs(f) > MAX_PAY_AWARD) {
    throw new PayAwardError(`A pay award of ${roundPence(f * 100)}% is outside -20% to 20%: type 3% as 3% or 0.03.`);
  }
  return f;
}

function cellText(v: unknown): string {
  return typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";
}

/**
 * Read pay-award assumptions from a worksheet range: rows of financial year and award ("2025/26", 3%),
 * with an optional heading row ("Year", "Pay award"). Blank rows are skipped; a year given twice is refused.
 *
 * Excel on Windows and Mac pass a blank cell inside a range as 0, the web as nothing (see the README's "Blank
 * cells"). So a row of blanks and 0s is a blank row, a 0 beside a heading is a blank heading cell, and in a row with
 * more than two cells the 0s are blank columns; a year with only 0s beside it is a 0% award (a pay freeze), as
 * "2025/26" and 0 are. The same range then reads the same on every platform.
 */
export function parsePayAwards(rows: readonly (readonly unknown[])[]): Map<FinancialYear, number> {
  const out = new Map<FinancialYear, number>();
  rows.forEach((row, i) => {
    let cells = row.filter((c) => cellText(c) !== "");
    if (cells.every((c) => c === 0)) return;
    if (i === 0 && cells.every((c) => c === 0 || (typeof c === "string" && !/\d/.test(c)))) return; // heading row
    if (cells.length > 2) {
      const filled = cells.filter((c) => c !== 0);
      cells = filled.length === 1 ? [filled[0], 0] : filled;
    }
    if (cells.length !== 2) {
      throw new PayAwardError(`Row ${i + 1} of the pay awards should hold a financial year and an award, such as 2025/26 and 3%.`);
    }
    const [y, a] = cells;
    let year: FinancialYear;
    try {
      year = parseFinancialYear(typeof y === "number" ? y : cellText(y));
    } catch (e) {
      if (e instanceof FinancialYearError) throw new PayAwardError(`Row ${i + 1} of the pay awards: ${e.message}`);
      throw e;
    }
    if (out.has(year)) throw new PayAwardError(`The pay awards give ${financialYearLabel(year)} twice.`);
    out.set(year, payAwardFraction(typeof a === "number" ? a : cellText(a)));
  });
  return out;
}

/** "3% in 2025/26, 2.5% in 2026/27". */
export function describePayAwards(awards: ReadonlyArray<{ year: FinancialYear; rate: number }>): string {
  const pct = (r: number): string => `${new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3 }).format(r * 100)}%`;
  return awards.map((a) => `${pct(a.rate)} in ${financialYearLabel(a.year)}`).join(", ");
}

/** A sentence for a projected year: "2026/27 pay is projected from 2024/25 with assumed awards of 3% in ...". */
export function projectionText(p: PayProjection): string {
  return `${financialYearLabel(p.year)} pay is projected from the ${financialYearLabel(p.from)} ranges with assumed pay awards of ${describePayAwards(p.awards)}.`;
}

class ProjectedGradeTable implements GradeTable {
  readonly payYears: readonly FinancialYear[];
  readonly byYear: GradeTable["byYear"];
  private readonly last: FinancialYear;
  private readonly projections = new Map<FinancialYear, PayProjection>();

  constructor(
    readonly base: GradeTable,
    readonly awards: PayAwards,
  ) {
    this.last = base.payYears[base.payYears.length - 1];
    const applied: { year: FinancialYear; rate: number }[] = [];
    let factor = 1;
    for (let y = this.last + 1; awards.has(y); y++) {
      const rate = awards.get(y) ?? 0;
      applied.push({ year: y, rate });
      factor *= 1 + rate;
      this.projections.set(y, { year: y, from: this.last, awards: [...applied], factor });
    }
    this.payYears = [...base.payYears, ...this.projections.keys()];
    this.byYear = base.byYear;
  }

  get label(): string {
    return this.base.label;
  }

  get isSample(): boolean {
    return this.base.isSample;
  }

  payYearFor(year: FinancialYear): FinancialYear | null {
    if (year <= this.last) return this.base.payYearFor(year);
    if (this.projections.has(year)) return year;
    const missing: FinancialYear[] = [];
    for (let y = this.last + 1; y <= year; y++) if (!this.awards.has(y)) missing.push(y);
    throw new MissingPayYearError(year, laterYearMessage(year, this.last, missing));
  }

  range(grade: string, year: FinancialYear): GradeRange {
    const p = this.projection(year);
    if (!p) {
      this.payYearFor(year); // refuses uncovered later years
      return this.base.range(grade, year);
    }
    const r = this.base.range(grade, this.last);
    // toFixed(6) first: binary noise in the compounded factor must not tip a half-penny.
    const up = (x: number): number => roundPence(Number((x * p.factor).toFixed(6)));
    return { grade: r.grade, min: up(r.min), max: up(r.max), ...(r.points ? { points: r.points.map(up) } : {}) };
  }

  grades(year?: FinancialYear): string[] {
    return this.base.grades(year === undefined || year <= this.last ? year : this.last);
  }

  covers(year: FinancialYear): boolean {
    return this.base.covers(year) || this.projections.has(year);
  }

  projection(year: FinancialYear): PayProjection | null {
    return this.projections.get(year) ?? null;
  }
}

/**
 * The grade table with pay-award assumptions for the years after its last pay year. A table without a
 * year column already applies to every year: the awards are not used and the table is returned as it is.
 */
export function withPayAwards(table: GradeTable, awards: PayAwards): GradeTable {
  if (awards.size === 0 || table.payYears.length === 0) return table;
  const base = table instanceof ProjectedGradeTable ? table.base : table;
  return new ProjectedGradeTable(base, awards);
}

/** Awards for years the table has its own ranges for (or cannot reach: a gap before them), which are not used. */
export function unusedAwards(table: GradeTable, awards: PayAwards): FinancialYear[] {
  return [...awards.keys()].filter((y) => table.projection(y) === null).sort((a, b) => a - b);
}

/**
 * The year a figure is for when none is given: the current financial year when the table (or an assumption)
 * covers it, otherwise the latest year the grade table itself covers (the sample table: 2024/25).
 */
export function defaultPayYear(table: GradeTable, now: Date = new Date()): FinancialYear {
  const current = currentFinancialYear(now);
  if (table.covers(current) || table.payYears.length === 0) return current;
  let latest = table.payYears[0];
  for (const y of table.payYears) if (table.projection(y) === null) latest = y;
  return latest;
}
