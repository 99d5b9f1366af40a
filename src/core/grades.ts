/**
 * Grade tables: the ONE place a pay grade table is parsed and looked up.
 *
 * A grade table maps a pay year (the financial year a set of pay ranges belongs to) and a grade to a pay
 * range: minimum, maximum and, where the council uses them, the salaries at each step (pay point).
 *
 * Pay years: a table with a year column COVERS the years from its first to its last pay year; a year it
 * covers but lacks (a gap) uses the latest earlier pay year it holds. A year before the first or after the
 * last is an error (`MissingPayYearError`), never a guess: a later year needs a pay-award assumption
 * (src/core/payAwards.ts `withPayAwards`, which projects the last pay year's ranges forward) or a table that
 * has the year. `payYearFor` tells callers which pay year was used; `projection` says when a year's ranges
 * rest on assumed pay awards. A table without a year column applies to every year.
 */

import { financialYearLabel, parseFinancialYear, type FinancialYear } from "./financialYear";
import { parseAmountText } from "./money";
import { cellText, isBlank } from "./sheetSnapshot";

/** Where on its range a post is costed: the minimum, the midpoint, the maximum, or a step (1 = first step). */
export type SalaryPoint = "min" | "mid" | "max" | number;

export interface GradeRange {
  grade: string;
  min: number;
  max: number;
  /** Salaries at each step, lowest first, where the table lists them. Step n is points[n - 1]. */
  points?: number[];
}

export interface GradeTable {
  /** What the table is, for messages and the task pane ("Sample Kent Range pay ranges (sample figures)"). */
  readonly label: string;
  /** True for the sample table that ships with the add-in: its figures are illustrative, not a council's. */
  readonly isSample: boolean;
  /** Pay years the table holds, ascending. Empty when the table has no year column (it applies to any year). */
  readonly payYears: readonly FinancialYear[];
  /** Pay year -> normalised grade -> range. The key `null` holds a table without a year column. */
  readonly byYear: ReadonlyMap<FinancialYear | null, ReadonlyMap<string, GradeRange>>;
  /** The pay year whose ranges apply to `year` (see the module comment); null for a table without years. */
  payYearFor(year: FinancialYear): FinancialYear | null;
  /** The range of a grade in a year. Throws UnknownGradeError / MissingPayYearError. */
  range(grade: string, year: FinancialYear): GradeRange;
  /** The grades for a year, highest (best paid) first. Without a year: the latest pay year. */
  grades(year?: FinancialYear): string[];
  /** True when the table (or a pay-award assumption on it) gives ranges for the year. */
  covers(year: FinancialYear): boolean;
  /** For a year whose ranges are projected with assumed pay awards: how. Null for the table's own years. */
  projection(year: FinancialYear): PayProjection | null;
}

/** How a year's ranges were projected: the table's last pay year, raised by each assumed award in turn. */
export interface PayProjection {
  year: FinancialYear;
  /** The table's last pay year, which the projection starts from. */
  from: FinancialYear;
  /** The awards applied, one a year from `from + 1` to `year`, as fractions (0.03 = 3%). */
  awards: ReadonlyArray<{ year: FinancialYear; rate: number }>;
  /** The product of (1 + rate) over the awards. */
  factor: number;
}

/** A grade table that cannot be read (bad layout, a maximum below its minimum, a duplicate grade...). */
export class GradeTableError extends Error {
  override name = "GradeTableError";
}

/** The table holds no ranges for the year asked for (or any earlier year). */
export class MissingPayYearError extends Error {
  override name = "MissingPayYearError";
  constructor(
    readonly year: FinancialYear,
    message: string,
  ) {
    super(message);
  }
}

/** A grade the table does not have. */
export class UnknownGradeError extends Error {
  override name = "UnknownGradeError";
  constructor(
    readonly grade: string,
    message: string,
  ) {
    super(message);
  }
}

/** A pay point that is not "min", "mid", "max" or a step the grade has. */
export class SalaryPointError extends Error {
  override name = "SalaryPointError";
}

/** " kr17 " -> "KR17", "kr 17" -> "KR17", "Band  B" -> "BAND B". Grades compare in this form. */
export function normaliseGrade(text: string): string {
  // Most grades are typed as they are kept ("KR17", "SCP12"): capitals and digits only, nothing to change.
  let plain = text.length > 0;
  for (let i = 0; i < text.length && plain; i++) {
    const ch = text.charCodeAt(i);
    plain = (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57);
  }
  if (plain) return text;
  return text
    .replace(/\u00a0/g, " ")
    .trim()
    .replace(/\s+/g, " ")
    .replace(/([A-Za-z])\s+(\d)/g, "$1$2")
    .toUpperCase();
}

interface YearIndex {
  ranges: Map<string, GradeRange>;
  /** Grades lowest first. */
  ascending: string[];
  rank: Map<string, number>;
}

function indexYear(ranges: Map<string, GradeRange>): YearIndex {
  const ascending = [...ranges.values()]
    .sort((a, b) => a.min - b.min || a.max - b.max || a.grade.localeCompare(b.grade, "en-GB", { numeric: true }))
    .map((r) => r.grade);
  const rank = new Map<string, number>();
  ascending.forEach((g, i) => rank.set(g, i + 1));
  return { ranges, ascending, rank };
}

class BuiltGradeTable implements GradeTable {
  readonly payYears: readonly FinancialYear[];
  private readonly index = new Map<FinancialYear | null, YearIndex>();

  constructor(
    readonly label: string,
    readonly isSample: boolean,
    readonly byYear: ReadonlyMap<FinancialYear | null, ReadonlyMap<string, GradeRange>>,
  ) {
    for (const [year, ranges] of byYear) this.index.set(year, indexYear(new Map(ranges)));
    this.payYears = [...byYear.keys()].filter((y): y is FinancialYear => y !== null).sort((a, b) => a - b);
  }

  payYearFor(year: FinancialYear): FinancialYear | null {
    if (this.payYears.length === 0) return null;
    let chosen: FinancialYear | undefined;
    for (const y of this.payYears) if (y <= year) chosen = y;
    if (chosen === undefined) {
      throw new MissingPayYearError(
        year,
        `The grade table has no pay ranges for ${financialYearLabel(year)} or earlier: its first pay year is ${financialYearLabel(this.payYears[0])}.`,
      );
    }
    const last = this.payYears[this.payYears.length - 1];
    if (year > last) throw new MissingPayYearError(year, laterYearMessage(year, last));
    return chosen;
  }

  covers(year: FinancialYear): boolean {
    return this.payYears.length === 0 || (year >= this.payYears[0] && year <= this.payYears[this.payYears.length - 1]);
  }

  projection(): PayProjection | null {
    return null;
  }

  yearIndex(year?: FinancialYear): YearIndex {
    const key = year === undefined ? (this.payYears.length ? this.payYears[this.payYears.length - 1] : null) : this.payYearFor(year);
    const idx = this.index.get(key);
    if (!idx) throw new GradeTableError("The grade table is empty.");
    return idx;
  }

  range(grade: string, year: FinancialYear): GradeRange {
    const g = normaliseGrade(grade);
    const idx = this.yearIndex(year);
    const r = idx.ranges.get(g);
    if (!r) {
      const shown = g === "" ? "(blank)" : `"${grade.trim()}"`;
      const key = this.payYearFor(year);
      const where = key === null ? "" : ` for ${financialYearLabel(key)}`;
      throw new UnknownGradeError(g, `Grade ${shown} is not in the grade table${where} (it has ${describeGrades(idx.ascending)}).`);
    }
    return r;
  }

  grades(year?: FinancialYear): string[] {
    return [...this.yearIndex(year).ascending].reverse();
  }

  rankOf(grade: string, year?: FinancialYear): number | null {
    return this.yearIndex(year).rank.get(normaliseGrade(grade)) ?? null;
  }
}

/** The message for a year after a table's last pay year: what to do about it. */
export function laterYearMessage(year: FinancialYear, last: FinancialYear, missing?: readonly FinancialYear[]): string {
  const needed = missing && missing.length > 0 ? missing : Array.from({ length: year - last }, (_, i) => last + 1 + i);
  const which = needed.length === 1 ? financialYearLabel(needed[0]) : `each of ${needed.map(financialYearLabel).join(", ")}`;
  return (
    `The grade table's pay ranges end at ${financialYearLabel(last)}, so there are none for ${financialYearLabel(year)}. ` +
    `State a pay-award assumption for ${which} (such as 3%), use a grade table that has ${financialYearLabel(year)}, or choose ${financialYearLabel(last)} or earlier.`
  );
}

function describeGrades(ascending: readonly string[]): string {
  if (ascending.length === 0) return "no grades";
  if (ascending.length <= 12) return ascending.join(", ");
  return `${ascending.slice(0, 6).join(", ")} ... ${ascending.slice(-3).join(", ")}`;
}

/** Build a table from ranges in code. Validates like parseGradeTable. */
export function gradeTableFromRanges(
  label: string,
  rangesByYear: ReadonlyArray<{ year: FinancialYear | null; ranges: readonly GradeRange[] }>,
  isSample = false,
): GradeTable {
  const byYear = new Map<FinancialYear | null, Map<string, GradeRange>>();
  for (const { year, ranges } of rangesByYear) {
    const map = byYear.get(year) ?? new Map<string, GradeRange>();
    for (const r of ranges) {
      const g = normaliseGrade(r.grade);
      if (g === "") throw new GradeTableError("A grade in the table is blank.");
      if (map.has(g)) throw new GradeTableError(`Grade ${g} appears twice${year === null ? "" : ` for ${financialYearLabel(year)}`}.`);
      checkRange(g, r.min, r.max, r.points);
      map.set(g, { grade: g, min: r.min, max: r.max, ...(r.points && r.points.length ? { points: [...r.points] } : {}) });
    }
    byYear.set(year, map);
  }
  if (byYear.size === 0 || [...byYear.values()].every((m) => m.size === 0)) throw new GradeTableError("The grade table has no grades.");
  if (byYear.has(null) && byYear.size > 1) {
    throw new GradeTableError("Every row of a grade table with a year column needs a year.");
  }
  return new BuiltGradeTable(label, isSample, byYear);
}

const MAX_SALARY = 10_000_000;
/** No annual salary is below this: a year of the lowest UK minimum wage's full-time hours is over £15,000. */
const MIN_ANNUAL_SALARY = 1_000;

function checkRange(grade: string, min: number, max: number, points?: readonly number[]): void {
  for (const [name, v] of [["minimum", min], ["maximum", max]] as const) {
    if (!Number.isFinite(v) || v < 0 || v > MAX_SALARY) {
      throw new GradeTableError(`The ${name} for ${grade} (${v}) is not an annual salary between £0 and £10,000,000.`);
    }
  }
  if (max < min) throw new GradeTableError(`The maximum for ${grade} (${max}) is below its minimum (${min}).`);
  // An hourly rate (KR3's £12.10 an hour, ../shared/domain.md) or a figure in £000 would cost a post at a few pounds
  // a year, without a word.
  for (const [name, v] of [["minimum", min], ["maximum", max]] as const) {
    if (v > 0 && v < MIN_ANNUAL_SALARY) {
      throw new GradeTableError(`The ${name} for ${grade} (${v}) looks like an hourly rate or a figure in £000: a grade table holds annual salaries in pounds, such as 23337.`);
    }
  }
  if (points) {
    let prev = -Infinity;
    points.forEach((p, i) => {
      if (!Number.isFinite(p) || p < min || p > max) {
        throw new GradeTableError(`Step ${i + 1} of ${grade} (${p}) is outside its range ${min} to ${max}.`);
      }
      if (p < prev) throw new GradeTableError(`The steps of ${grade} must rise: step ${i + 1} (${p}) is below step ${i} (${prev}).`);
      prev = p;
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// The sample table.

const SAMPLE_ROWS: ReadonlyArray<readonly [string, number, number, number, number]> = [
  // grade, 2023/24 min, 2023/24 max, 2024/25 min, 2024/25 max
  ["KR3", 21_293, 21_293, 23_337, 23_337],
  ["KR4", 21_389, 22_493, 23_338, 23_921],
  ["KR5", 22_595, 23_693, 24_040, 25_002],
  ["KR6", 23_801, 25_262, 25_127, 26_383],
  ["KR7", 25_378, 28_466, 26_515, 28_850],
  ["KR8", 28_598, 32_333, 28_995, 32_769],
  ["KR9", 32_485, 36_693, 32_933, 37_188],
  ["KR10", 36_866, 43_011, 37_374, 43_592],
  ["KR11", 43_216, 49_323, 43_810, 49_989],
  ["KR12", 49_522, 57_712, 50_239, 58_491],
  ["KR13", 57_945, 64_608, 58_784, 65_480],
  ["KR14", 64_868, 73_071, 65_807, 74_058],
  ["KR15", 73_366, 82_996, 74_428, 84_116],
  ["KR16", 83_331, 104_711, 84_537, 106_125],
  ["KR17", 104_197, 123_842, 105_542, 125_513],
  ["KR18", 130_382, 155_035, 133_142, 157_128],
  ["KR19", 155_810, 212_416, 158_928, 204_000],
  ["KR20", 213_517, 236_664, 216_400, 239_859],
];

/**
 * The sample Kent Range (KR3 to KR20, the whole range staff are on) pay ranges for 2023/24 and 2024/25, as
 * published by Kent County Council (pay policy statements / Kent Range pay scales, from 1 April 2023 and
 * 1 April 2024). SAMPLE FIGURES for trying the add-in: pass your council's own table (a worksheet range) for
 * real budgets. Later years need a pay-award assumption (src/core/payAwards.ts) or your own table.
 */
export const SAMPLE_GRADE_TABLE: GradeTable = gradeTableFromRanges(
  "Sample Kent Range pay ranges KR3–KR20, 2023/24 and 2024/25 (sample figures)",
  [
    { year: 2023, ranges: SAMPLE_ROWS.map(([grade, min, max]) => ({ grade, min, max })) },
    { year: 2024, ranges: SAMPLE_ROWS.map(([grade, , , min, max]) => ({ grade, min, max })) },
  ],
  true,
);

// ---------------------------------------------------------------------------------------------------------
// Parsing a worksheet range.

type ColumnKind = "grade" | "min" | "max" | "salary" | "year" | "point" | "ignore";
interface Column {
  kind: ColumnKind;
  /** A pay year named in the header ("2023/24 min"): the wide layout, one min/max pair per year. */
  year?: FinancialYear;
}


/** A cell as an amount: a number, or text such as "£104,197". Null when blank; NaN when not an amount. */
function cellAmount(v: unknown): number | null {
  if (typeof v === "number") return v;
  const t = cellText(v);
  if (t === "") return null;
  const a = parseAmountText(t);
  return a ? a.pounds : NaN;
}

const HEADER_YEAR = /(?:^|\s)(?:fy\s*)?(\d{4}(?:\s*[/\-–]\s*\d{2,4})?)(?:\s|$)/i;

function headerColumn(text: string): Column | null {
  let t = text.replace(/\u00a0/g, " ").trim();
  let year: FinancialYear | undefined;
  const ym = HEADER_YEAR.exec(t);
  if (ym) {
    try {
      year = parseFinancialYear(ym[1]);
      t = t.replace(ym[0], " ");
    } catch {
      return null;
    }
  }
  t = t.toLowerCase().replace(/[^a-z0-9 ]/g, " ").replace(/\s+/g, " ").trim();
  if (t === "") return null;
  let kind: ColumnKind | null = null;
  if (/^(pay )?(grade|band|scale|grade name)$/.test(t)) kind = "grade";
  else if (/^(financial |pay )?year$|^fy$/.test(t)) kind = "year";
  else if (/\b(min|minimum|bottom|lower|from)\b/.test(t)) kind = "min";
  else if (/\b(max|maximum|top|upper|to)\b/.test(t)) kind = "max";
  else if (/\b(point|points|step|steps|scp|spinal)\b/.test(t)) kind = "point";
  else if (/\b(salary|salaries|pay|annual pay|amount)\b/.test(t)) kind = "salary";
  if (kind === null) return null;
  if (year !== undefined && (kind === "grade" || kind === "year")) return null;
  return year === undefined ? { kind } : { kind, year };
}

function looksLikeYear(v: unknown): boolean {
  if (typeof v === "number") return Number.isInteger(v) && v >= 1990 && v <= 2100;
  const t = cellText(v);
  if (!/^(fy\s*)?\d{4}(\s*[/\-–]\s*\d{2,4})?$/i.test(t)) return false;
  try {
    parseFinancialYear(t);
    return true;
  } catch {
    return false;
  }
}

function isTextNotAmount(v: unknown): boolean {
  return typeof v === "string" && v.trim() !== "" && Number.isNaN(cellAmount(v));
}

/**
 * Read a grade table from a worksheet range (rows of cells as Excel passes them).
 * Layouts:
 * - grade, minimum, maximum, then optional steps (salaries at each step, lowest first);
 * - the same with a year column (first column without a header, or a column headed "Year");
 * - with a header row, columns are found by name: "Grade", "Min"/"Minimum", "Max"/"Maximum", "Year",
 *   "Step 1"/"Point 1"...; headers naming a pay year ("2023/24 min", "2023/24 max", "2024/25 min"...) give the
 *   wide layout, one minimum/maximum pair per pay year (a blank pair means the grade is absent that year);
 * - a pay spine: grade (or spinal column point) and one salary, headed "Grade"/"SCP" and "Salary", or two
 *   columns without a header; each point is then a grade whose minimum and maximum are that salary, so
 *   =BUDGET.GRADECOST(25, 1, , , A1:B44) costs a post on SCP 25.
 * Blank rows are skipped; amounts may be numbers or text such as "£104,197".
 * Throws GradeTableError saying what is wrong and what is expected.
 */
export function parseGradeTable(rows: unknown[][], label = "Grade table from the worksheet"): GradeTable {
  if (!Array.isArray(rows) || rows.length === 0) throw new GradeTableError("The grade table range is empty.");
  const body = rows.filter((r) => Array.isArray(r) && r.some((c) => !isBlank(c)));
  if (body.length === 0) throw new GradeTableError("The grade table range is empty.");
  const width = body.reduce((w, r) => Math.max(w, r.length), 0); // no spread: a whole-column table is 1,048,576 rows

  let columns: Column[];
  let first = 0;
  const top = body[0];
  const topIsText = top.every((c) => isBlank(c) || isTextNotAmount(c));
  if (topIsText) {
    const guess = Array.from({ length: width }, (_, i) => headerColumn(cellText(top[i])));
    let kinds = guess.map((g) => g?.kind);
    // A pay spine ("SCP", "Salary"): the point column names the grades, each with one salary.
    if (!kinds.includes("grade") && kinds.includes("salary") && kinds.filter((k) => k === "point").length === 1) {
      const pi = kinds.indexOf("point");
      guess[pi] = { kind: "grade" };
      kinds = guess.map((g) => g?.kind);
    }
    const hasRange = kinds.includes("min") && kinds.includes("max");
    if (!kinds.includes("grade") || (!hasRange && !kinds.includes("salary")) || kinds.includes("min") !== kinds.includes("max")) {
      throw new GradeTableError(
        `The grade table's header row (${top.map(cellText).filter(Boolean).join(", ")}) needs columns named Grade, Minimum and Maximum (optionally Year, and Step 1, Step 2...), or Grade (or SCP) and Salary for a pay spine; or leave the header out and give grade, minimum, maximum in that order.`,
      );
    }
    columns = guess.map((g): Column => (g === null ? { kind: "ignore" } : hasRange && g.kind === "salary" ? { kind: "ignore" } : g));
    const seen = new Set<string>();
    for (const c of columns) {
      if (c.kind === "ignore" || c.kind === "point") continue;
      const key = `${c.kind}:${c.year ?? ""}`;
      if (seen.has(key)) throw new GradeTableError(`The grade table header has more than one ${c.kind} column${c.year ? ` for ${financialYearLabel(c.year)}` : ""}.`);
      seen.add(key);
    }
    const yearsNamed = columns.some((c) => c.year !== undefined);
    if (yearsNamed && kinds.includes("year")) {
      throw new GradeTableError("The grade table has both a Year column and years in its headings: use one or the other.");
    }
    if (yearsNamed && columns.some((c) => (c.kind === "min" || c.kind === "max") && c.year === undefined)) {
      throw new GradeTableError("Some minimum/maximum headings name a pay year and some do not: name the year in each, e.g. \"2024/25 min\".");
    }
    first = 1;
  } else {
    const yearFirst = body.every((r) => looksLikeYear(r[0]) && isTextNotAmount(r[1]));
    columns = Array.from({ length: width }, (_, i): Column => {
      if (yearFirst && i === 0) return { kind: "year" };
      const j = yearFirst ? i - 1 : i;
      // Two columns (grade, salary) are a pay spine: one salary per grade or point.
      if (width - (yearFirst ? 1 : 0) === 2) return { kind: j === 0 ? "grade" : "salary" };
      return { kind: j === 0 ? "grade" : j === 1 ? "min" : j === 2 ? "max" : "point" };
    });
    if (width < (yearFirst ? 3 : 2)) {
      throw new GradeTableError("A grade table needs at least two columns: grade and salary, or grade, minimum and maximum.");
    }
  }

  const hasYearColumn = columns.some((c) => c.kind === "year");
  const groups = [...new Set(columns.filter((c) => c.kind === "min" || c.kind === "max" || c.kind === "salary" || c.kind === "point").map((c) => c.year ?? null))];
  const grouped = new Map<FinancialYear | null, GradeRange[]>();
  for (let i = first; i < body.length; i++) {
    const row = body[i];
    const where = `row ${i + 1} of the grade table`;
    const gi = columns.findIndex((c) => c.kind === "grade");
    const grade = cellText(row[gi]);
    if (grade === "") throw new GradeTableError(`The grade is missing in ${where}.`);
    let rowYear: FinancialYear | null = null;
    if (hasYearColumn) {
      const v = row[columns.findIndex((c) => c.kind === "year")];
      if (isBlank(v)) throw new GradeTableError(`The pay year is missing in ${where} (${grade}).`);
      try {
        rowYear = parseFinancialYear(typeof v === "number" ? v : cellText(v));
      } catch {
        throw new GradeTableError(`"${cellText(v)}" in ${where} is not a pay year: write 2024 or "2024/25".`);
      }
    }
    for (const group of groups) {
      const amount = (kind: "min" | "max" | "salary"): number | null => {
        const c = columns.findIndex((col) => col.kind === kind && (col.year ?? null) === group);
        if (c < 0) return null;
        const a = cellAmount(row[c]);
        if (a !== null && Number.isNaN(a)) {
          throw new GradeTableError(`"${cellText(row[c])}" in ${where} (${grade}) is not an amount: the ${kind === "min" ? "minimum" : kind === "max" ? "maximum" : "salary"} should be a salary such as 104197.`);
        }
        return a;
      };
      const single = amount("salary");
      const min = amount("min") ?? single;
      const max = amount("max") ?? single;
      const points: number[] = [];
      columns.forEach((col, c) => {
        if (col.kind !== "point" || (col.year ?? null) !== group) return;
        const a = cellAmount(row[c]);
        if (a === null) return;
        if (Number.isNaN(a)) throw new GradeTableError(`"${cellText(row[c])}" in ${where} (${grade}) is not a step salary.`);
        points.push(a);
      });
      if (min === null && max === null && points.length === 0 && group !== null) continue; // grade absent that year
      const yearText = group === null ? "" : ` for ${financialYearLabel(group)}`;
      const spine = !columns.some((col) => col.kind === "min");
      if (min === null) throw new GradeTableError(`The ${spine ? "salary" : "minimum"}${yearText} is missing in ${where} (${grade}).`);
      if (max === null) throw new GradeTableError(`The maximum${yearText} is missing in ${where} (${grade}).`);
      const key = group ?? rowYear;
      const list = grouped.get(key) ?? [];
      list.push({ grade, min, max, ...(points.length ? { points } : {}) });
      grouped.set(key, list);
    }
  }
  if (grouped.size === 0) throw new GradeTableError("The grade table has a header but no grades.");
  return gradeTableFromRanges(label, [...grouped].map(([year, ranges]) => ({ year, ranges })));
}

/**
 * The annual full-time salary of a grade at a point in a financial year.
 * `point`: "min", "mid" (halfway between minimum and maximum), "max", or a step number (1 = first step)
 * where the table lists steps. Throws UnknownGradeError, MissingPayYearError or SalaryPointError.
 */
export function salaryAt(table: GradeTable, grade: string, point: SalaryPoint, year: FinancialYear): number {
  const r = table.range(grade, year);
  if (point === "min") return r.min;
  if (point === "max") return r.max;
  if (point === "mid") return Math.round(((r.min + r.max) / 2) * 100) / 100;
  if (typeof point !== "number" || !Number.isInteger(point)) {
    throw new SalaryPointError(`The pay point must be "min", "mid", "max" or a step number (got ${String(point)}).`);
  }
  const steps = r.points ?? [];
  if (steps.length === 0) {
    throw new SalaryPointError(`${r.grade} has no steps in the grade table: use "min", "mid" or "max".`);
  }
  if (point < 1 || point > steps.length) {
    throw new SalaryPointError(`${r.grade} has steps 1 to ${steps.length}; there is no step ${point}.`);
  }
  return steps[point - 1];
}

/** Read a pay point typed by a user: "min", "Minimum", "mid", "midpoint", "max", "top", 3, "3", "step 3". */
export function parseSalaryPoint(input: string | number): SalaryPoint {
  if (typeof input === "number") {
    if (!Number.isInteger(input) || input < 1) throw new SalaryPointError(`A step number is a whole number from 1 (got ${input}).`);
    return input;
  }
  const t = input.trim().toLowerCase();
  if (t === "" || t === "min" || t === "minimum" || t === "bottom") return "min";
  if (t === "mid" || t === "midpoint" || t === "mid-point" || t === "middle") return "mid";
  if (t === "max" || t === "maximum" || t === "top") return "max";
  const m = /^(?:step|point)?\s*(\d{1,3})$/.exec(t);
  if (m) return parseSalaryPoint(Number(m[1]));
  throw new SalaryPointError(`"${input}" is not a pay point: use "min", "mid", "max" or a step number.`);
}

/**
 * The seniority of a grade: 1 for the lowest-paid grade in the table's year, rising to the best paid
 * (KR20 > KR17). Ordered by minimum, then maximum. Null when the table lacks the grade.
 * Without a year: the table's latest pay year.
 */
export function gradeRank(table: GradeTable, grade: string, year?: FinancialYear): number | null {
  if (table instanceof BuiltGradeTable) {
    try {
      return table.rankOf(grade, year);
    } catch (e) {
      if (e instanceof MissingPayYearError) return null;
      throw e;
    }
  }
  let grades: string[];
  try {
    grades = table.grades(year);
  } catch (e) {
    if (e instanceof MissingPayYearError) return null;
    throw e;
  }
  const i = grades.indexOf(normaliseGrade(grade));
  return i < 0 ? null : grades.length - i;
}
