/**
 * The add-in's custom functions (namespace BUDGET, set in the manifest): =BUDGET.GRADECOST("KR17", 1).
 *
 * Thin wrappers over src/core: each reads its Excel arguments (src/functions/arguments.ts), calls core and
 * returns a number, text or a spilled matrix; bad input leaves as a CustomFunctions.Error (#VALUE! or #N/A)
 * with a message. No Excel API calls, nothing volatile. The JSDoc below is the functions.json metadata
 * (custom-functions-metadata); the function reference (docs/functions.md) is generated from it.
 */

import "./runtimeGuard";
import { normaliseGrade, salaryAt } from "../core/grades";
import { onCosts as coreOnCosts, postCost as corePostCost } from "../core/onCosts";
import { deltaByGrade, fteDelta, postCountDelta, type GradedPost, type CostingOptions } from "../core/gradeDelta";
import { financialYearOf } from "../core/financialYear";
import { parsePartYearBasis, partYearEffect } from "../core/partYear";
import { parseAmountText, samePence, type MoneyUnit } from "../core/money";
import { parseRangeUnit, parseSavingsRange, rangeGap, rangeMid, rangeText, rangeTotal, savingsRange, type SavingsRange } from "../core/savingsRanges";
import { slottingOutcome, slottingText } from "../core/slotting";
import { isDefiniteTotalLabel, isTotalLabel, totalLabelIn } from "../core/totalRows";
import {
  ArgumentError,
  cellsOf,
  guard,
  isErrorCell,
  isNotGiven,
  isOmitted,
  optionalText,
  readAmount,
  readDate,
  readCostingTable,
  readFte,
  readMatrix,
  readPensionRate,
  readPayYear,
  readPoint,
  readYear,
  requirePositiveInput,
  requireText,
} from "./arguments";

// ---------------------------------------------------------------------------------------------------------
// Grades and costs

/**
 * The annual full-time salary of a grade at a pay point. The default grade table is the sample Kent Range (KR3-KR20) pay ranges for 2023/24 and 2024/25 (sample figures): pass your own table for real budgets, and pay awards for later years.
 * @customfunction SALARY
 * @helpurl https://localhost:3000/help.html#salary
 * @param grade The grade, such as "KR17".
 * @param [point] "min" (default), "mid", "max", or a step number where the grade table lists steps.
 * @param [year] Financial year, such as 2024 or "2024/25" (default: the current financial year if the grade table or a pay award covers it, else the latest year the table covers: 2024/25 for the sample table). A later year needs a pay award.
 * @param [gradeTable] A range of grade, minimum, maximum (optional steps and year column), or of grade (or SCP) and salary. Default: the sample Kent Range table.
 * @param [payAwards] Pay-award assumptions for years after the grade table: rows of financial year and award, such as "2025/26" and 3% (compounded from the table's last year).
 * @returns The annual salary in pounds.
 */
export function salary(grade: string, point?: number | string, year?: number | string, gradeTable?: unknown[][], payAwards?: unknown[][]): number {
  return guard(() => {
    const g = requireText(grade, "The grade", 'such as "KR17"');
    const table = readCostingTable(gradeTable, payAwards);
    return salaryAt(table, g, readPoint(point), readPayYear(year, table));
  });
}

/**
 * Employer on-costs on one person's annual pay in a financial year: employer National Insurance above the secondary threshold, employer pension and the apprenticeship levy. Rates are held for 2011/12 to 2026/27.
 * @customfunction ONCOSTS
 * @helpurl https://localhost:3000/help.html#oncosts
 * @param salary One person's annual pay in pounds.
 * @param [year] Financial year, such as 2024 or "2024/25" (default: the current financial year).
 * @param [pensionRate] Employer pension contribution rate, such as 14.5% (default 14.5%, also for a blank or 0; "0%" as text for none).
 * @returns Employer National Insurance + pension + apprenticeship levy, in pounds.
 */
export function onCosts(salary: number, year?: number | string, pensionRate?: unknown): number {
  return guard(() => {
    const pay = requirePositiveInput(salary, "The salary", "one person's annual pay, such as 104197");
    return coreOnCosts(pay, readYear(year), readPensionRate(pensionRate)).total;
  });
}

/**
 * The cost of a post: pay times FTE plus employer on-costs on that pay. FTE above 1 is that many people each paid the salary (each with their own National Insurance threshold); a fraction is one part-time person.
 * @customfunction POSTCOST
 * @helpurl https://localhost:3000/help.html#postcost
 * @param salary The full-time annual salary in pounds.
 * @param [fte] Full-time equivalent, such as 1 or 0.5 (default 1).
 * @param [year] Financial year, such as 2024 or "2024/25" (default: the current financial year).
 * @param [pensionRate] Employer pension contribution rate, such as 14.5% (default 14.5%, also for a blank or 0; "0%" as text for none).
 * @returns Pay plus on-costs in pounds, for a full year.
 */
export function postCost(salary: number, fte?: number, year?: number | string, pensionRate?: unknown): number {
  return guard(() => {
    const pay = requirePositiveInput(salary, "The salary", "the full-time annual salary, such as 104197");
    return corePostCost(pay, readFte(fte), readYear(year), readPensionRate(pensionRate));
  });
}

/**
 * What a post on a grade costs a year: salary at the pay point times FTE, plus employer on-costs. Default grade table: the sample Kent Range pay ranges (sample figures).
 * @customfunction GRADECOST
 * @helpurl https://localhost:3000/help.html#gradecost
 * @param grade The grade, such as "KR17".
 * @param [fte] Full-time equivalent, such as 1 or 0.5 (default 1).
 * @param [point] "min" (default), "mid", "max", or a step number.
 * @param [year] Financial year, such as 2024 or "2024/25" (default: the current financial year if the grade table or a pay award covers it, else the latest year the table covers: 2024/25 for the sample table). A later year needs a pay award.
 * @param [gradeTable] A range of grade, minimum, maximum (optional steps and year column), or of grade (or SCP) and salary. Default: the sample Kent Range table.
 * @param [pensionRate] Employer pension contribution rate, such as 14.5% (default 14.5%, also for a blank or 0; "0%" as text for none).
 * @param [payAwards] Pay-award assumptions for years after the grade table: rows of financial year and award, such as "2025/26" and 3% (compounded from the table's last year).
 * @returns Pay plus on-costs in pounds, for a full year.
 */
export function gradeCost(
  grade: string,
  fte?: number,
  point?: number | string,
  year?: number | string,
  gradeTable?: unknown[][],
  pensionRate?: unknown,
  payAwards?: unknown[][],
): number {
  return guard(() => {
    const g = requireText(grade, "The grade", 'such as "KR17"');
    const table = readCostingTable(gradeTable, payAwards);
    const y = readPayYear(year, table);
    const pay = salaryAt(table, g, readPoint(point), y);
    return corePostCost(pay, readFte(fte), y, readPensionRate(pensionRate));
  });
}

/**
 * The part of a full-year amount that falls in a financial year (1 April to 31 March) from an effective date: a post deleted on 1 October saves about half a year in that year.
 * @customfunction PARTYEAR
 * @helpurl https://localhost:3000/help.html#partyear
 * @param annualAmount The full-year amount, such as a post's annual cost.
 * @param effectiveDate The date the change takes effect.
 * @param [financialYear] The financial year, such as 2024 or "2024/25" (default: the year the effective date falls in). A date before the year gives the whole amount; after it, 0.
 * @param [basis] "days" (default: days left / days in the year) or "months" (months left / 12).
 * @returns The part-year amount.
 */
export function partYear(annualAmount: number, effectiveDate: number | string, financialYear?: number | string, basis?: string): number {
  return guard(() => {
    const amount = readAmount(annualAmount, "The annual amount", "such as 132950");
    const date = readDate(effectiveDate, "The effective date");
    const year = isNotGiven(financialYear) ? financialYearOf(date) : readYear(financialYear, "financial year");
    const basisText = optionalText(basis, "The basis", '"days" or "months"');
    const b = basisText === undefined ? "days" : parsePartYearBasis(basisText);
    return partYearEffect(amount, date, year, b);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Savings ranges

/** A non-blank cell of a savings row, read: a stream's name, one figure (a number, "10", "£15m") or a range ("15-20"). */
type SavingsCell =
  | { kind: "label"; text: string; col: number }
  | { kind: "figure"; value: number; unit: MoneyUnit | null; written: string; col: number }
  | { kind: "range"; text: string; col: number };

function readSavingsCell(c: unknown, col: number): SavingsCell {
  if (typeof c === "number") return { kind: "figure", value: c, unit: null, written: String(c), col };
  if (typeof c !== "string") throw new ArgumentError(`The ranges hold ${typeof c === "boolean" ? String(c).toUpperCase() : String(c)}, which is not a savings range such as 15-20.`);
  const text = c.replace(/\u00a0/g, " ").trim();
  const amount = parseAmountText(text);
  if (amount) return { kind: "figure", value: amount.value, unit: amount.unit, written: text, col };
  return startsLikeFigure(text) ? { kind: "range", text, col } : { kind: "label", text, col };
}

/** The columns a heading row names as low and high ("Low £m" and "High £m", "Min" and "Max", "From" and "To"), or null. */
function lowHighColumns(heading: readonly unknown[]): { low: number; high: number; lowText: string; highText: string } | null {
  const LOW = /\b(?:low|lower|lowest|min|minimum)\b|^\s*from\b/i;
  const HIGH = /\b(?:high|higher|highest|upper|max|maximum)\b|^\s*to\b/i;
  const lows: number[] = [];
  const highs: number[] = [];
  heading.forEach((c, i) => {
    if (typeof c !== "string") return;
    const low = LOW.test(c);
    const high = HIGH.test(c);
    if (low && !high) lows.push(i);
    if (high && !low) highs.push(i);
  });
  if (lows.length !== 1 || highs.length !== 1) return null;
  return { low: lows[0], high: highs[0], lowText: String(heading[lows[0]]).trim(), highText: String(heading[highs[0]]).trim() };
}

/**
 * Savings ranges from a range argument, one stream a row. A row holds one range as text ("15-20", "£15m-£20m"),
 * one figure (12, "12", "£12m": a range of one figure), or two figures, a low and a high (15 and 20, "£15m" and
 * "£20m", "10" typed as text), beside optional labels ("Market engagement activity"). When any row holds two
 * figures, or a heading row names low and high columns ("Low £m", "High £m"; "Min", "Max"; "From", "To"), every
 * row must give a low and a high figure: read from the named columns, else the first figure is the low. A row
 * with more than two figures, or with both a range and a figure, is refused with its row number, as is a row of
 * labels alone. A heading row at the top is skipped (text with no figures in it, or heading words: isHeadingCell;
 * a first row of "c.15-20" or "TBC" is read, so reported); a total row ("Total", "Grand total", "Totals":
 * src/core/totalRows.ts) is left out so a selection that includes the total does not count it twice. A "Total X"
 * row, which may be a stream's name ("Total Place"), is left out only when its range is the sum of the streams above
 * it (since the last total, or all of them), as the budget-sheet checker decides (isDefiniteTotalLabel).
 */
function readSavingsRanges(v: unknown): SavingsRange[] {
  // "The ranges" is plural: the messages below say "are", "contain" and "have", not readMatrix's "is".
  if (v === undefined || v === null) throw new ArgumentError("The ranges are missing: select the cells holding them, such as B2:B7.");
  if (Array.isArray(v) && v.length === 0) throw new ArgumentError("The ranges are empty: select cells holding ranges such as 15-20.");
  const all = readMatrix(v, "The ranges", { zeroIsBlank: true });
  for (const c of cellsOf(all)) if (isErrorCell(c)) throw new ArgumentError("The ranges contain an error value: fix it first.");
  if (cellsOf(all).every((c) => isOmitted(c))) throw new ArgumentError("The ranges are empty: select cells holding ranges such as 15-20.");
  const firstCells = all[0].filter((c) => !isOmitted(c));
  const headed = firstCells.length > 0 && firstCells.every(isHeadingCell);
  const columns = headed ? lowHighColumns(all[0]) : null;

  // Each stream row, read; blank rows and total rows are left out. "Total X" may be a stream's name ("Total Place",
  // a programme): such a row is a total only when its range is the sum of the streams above it (checked below).
  const streams: { row: number; label: string | null; figures: Extract<SavingsCell, { kind: "figure" }>[]; ranges: string[]; labels: string[]; maybeTotal: boolean }[] = [];
  for (let i = headed ? 1 : 0; i < all.length; i++) {
    const raw = all[i].filter((c) => !isOmitted(c));
    if (raw.length === 0) continue;
    const totalLabel = totalLabelIn(raw);
    if (totalLabel !== null && isDefiniteTotalLabel(totalLabel)) continue; // a total row is not a stream
    const figures: Extract<SavingsCell, { kind: "figure" }>[] = [];
    const ranges: string[] = [];
    const labels: string[] = [];
    all[i].forEach((c, col) => {
      if (isOmitted(c)) return;
      const cell = readSavingsCell(c, col);
      if (cell.kind === "figure") figures.push(cell);
      else if (cell.kind === "range") ranges.push(cell.text);
      else labels.push(cell.text);
    });
    streams.push({ row: i + 1, label: labels[0] ?? null, figures, ranges, labels, maybeTotal: totalLabel !== null });
  }
  if (streams.length === 0) {
    if (headed && all.slice(1).every((r) => r.every((c) => isOmitted(c)))) {
      throw new ArgumentError("The ranges have a heading but nothing below it: select the savings ranges under the heading too.");
    }
    throw new ArgumentError(`There are no savings ranges to add up: the ranges hold only ${headed ? "a heading and " : ""}total rows.`);
  }

  const pairs = columns !== null || streams.some((s) => s.figures.length === 2 && s.ranges.length === 0);
  const out: SavingsRange[] = [];
  let sinceTotal = 0;
  const addsUp = (r: SavingsRange, from: number, to: number): boolean => {
    if (to - from < 2) return false;
    const t = rangeTotal(out.slice(from, to));
    return samePence(t.low, r.low) && samePence(t.high, r.high);
  };
  for (const s of streams) {
    const row = s.label === null ? `Row ${s.row}` : `Row ${s.row} ("${s.label}")`;
    const start = out.length;
    readStream(s, row);
    if (s.maybeTotal && out.length === start + 1 && (addsUp(out[start], sinceTotal, start) || addsUp(out[start], 0, start))) {
      out.pop();
      sinceTotal = out.length;
    }
  }
  return out;

  function readStream(s: (typeof streams)[number], row: string): void {
    if (s.figures.length > 2) {
      throw new ArgumentError(`${row} has ${s.figures.length} figures (${s.figures.map((f) => f.written).join(", ")}): give one range such as 15-20, or a low and a high figure, in each row.`);
    }
    if (s.figures.length > 0 && s.ranges.length > 0) {
      throw new ArgumentError(`${row} holds both a range ("${s.ranges[0]}") and a figure (${s.figures[0].written}): give one range such as 15-20, or a low and a high figure, in each row.`);
    }
    if (s.figures.length === 0 && s.ranges.length === 0) {
      // A row of labels alone: the last is where its range would be ("Market engagement", "TBC").
      out.push(parseSavingsRange(s.labels[s.labels.length - 1]));
      return;
    }
    if (!pairs) {
      if (s.figures.length === 1) out.push(savingsRange(s.figures[0].value, s.figures[0].value, s.figures[0].unit));
      for (const r of s.ranges) out.push(parseSavingsRange(r));
      return;
    }
    const where = columns ? `the "${columns.lowText}" and "${columns.highText}" columns` : "separate cells";
    if (s.ranges.length > 0) {
      throw new ArgumentError(`${row} holds the range "${s.ranges[0]}", but the ranges give low and high figures in ${where}: give this row a low and a high figure too.`);
    }
    const low = columns ? s.figures.find((f) => f.col === columns.low) : s.figures[0];
    const high = columns ? s.figures.find((f) => f.col === columns.high) : s.figures[1];
    const stray = s.figures.find((f) => f !== low && f !== high);
    if (stray) throw new ArgumentError(`${row} has a figure (${stray.written}) outside ${where}: move it into them or clear it.`);
    if (!low || !high) {
      throw new ArgumentError(`${row} has only one of its low and high figures (a 0 counts as blank: type a range from 0 as text, such as "0-20").`);
    }
    out.push(pairRange(row, low, high, columns ? `put the lower figure under "${columns.lowText}"` : "put the lower figure first, or head the columns Low and High"));
  }
}

/** A low and a high figure from separate cells: a unit written on one carries to the other. */
function pairRange(row: string, low: { value: number; unit: MoneyUnit | null; written: string }, high: { value: number; unit: MoneyUnit | null; written: string }, fix: string): SavingsRange {
  if (low.unit !== null && high.unit !== null && low.unit !== high.unit) {
    throw new ArgumentError(`${row} mixes units (${low.written} and ${high.written}): write its low and high figures in the same unit.`);
  }
  if (low.value > high.value) {
    throw new ArgumentError(`${row} has its low figure ${low.written} above its high figure ${high.written}: ${fix}.`);
  }
  return savingsRange(low.value, high.value, low.unit ?? high.unit);
}

function startsLikeFigure(text: string): boolean {
  return /^\s*[-−]?\s*£?\s*[\d.]/.test(text);
}

/** Text that stands for a missing figure ("TBC", "n/a", "-"): a stream without a range, never a heading. */
const PLACEHOLDER = /^(?:tbc|tba|tbd|to be (?:confirmed|agreed|decided)|n\/?a|nil|none|unknown|\?+|[-–—−]+)$/i;
/** Figures a heading may hold: a financial year ("2024/25", "2024-2025") and a unit ("£000", "£m"). */
const HEADING_FIGURES = /\b(?:19|20)\d{2}(?:\s*[/-]\s*(?:(?:19|20)\d{2}|\d{2}))?\b|£\s*000s?\b|£\s*m\b/gi;
/** Words that make text with a number in it a heading ("Phase 2 savings", "Savings from 3 services"). */
const HEADING_WORD = /\b(?:savings?|streams?|potential|ranges?|low|high|min(?:imum)?|max(?:imum)?|estimates?|targets?|proposals?|descriptions?|activit(?:y|ies)|services?|names?|amounts?|phase|tranche)\b/i;
/** Two figures joined as a range ("15-20", "c.15 to 20", "(5)-10"). */
const RANGE_LIKE = /\d\s*\)?\s*(?:[-–—−]|\bto\b)\s*[£(]?\s*\d/i;

/**
 * A cell of a heading row: text with no figures in it ("Potential saving £m", "Low", "Savings 2024/25" once
 * the year and unit are set aside), or text with a number that reads as heading words ("Phase 2 savings").
 * Text that holds a range ("c.15-20", "(5)-10") or stands for a missing one ("TBC") is not a heading: it is
 * read as a range, so a mistake in the first row is reported like one further down rather than dropped.
 */
function isHeadingCell(c: unknown): boolean {
  if (typeof c !== "string") return false;
  const t = c.replace(/\u00a0/g, " ").trim();
  if (t === "" || startsLikeFigure(t) || PLACEHOLDER.test(t)) return false;
  const rest = t.replace(HEADING_FIGURES, "");
  if (!/\d/.test(rest)) return true;
  return HEADING_WORD.test(rest) && !RANGE_LIKE.test(rest);
}

/**
 * The total of savings ranges, spilled as two cells: low, high. Ranges may be text ("15-20", "£15m-£20m", "15 to 20", "15–20", "12") or low and high figures in two columns beside optional labels, under a heading such as "Low £m", "High £m" (figures may be numbers or text such as "£15m"). The total is in the ranges' own unit (180 for ranges in £m); ranges that mix units, such as "£15,000,000-£20,000,000" beside "£5m-£6m", are refused: write them all in one unit.
 * @customfunction RANGETOTAL
 * @helpurl https://localhost:3000/help.html#rangetotal
 * @param ranges The savings ranges.
 * @returns The total: low, high.
 */
export function rangeTotalFn(ranges: unknown[][]): number[][] {
  return guard(() => {
    const t = rangeTotal(readSavingsRanges(ranges));
    return [[t.low, t.high]];
  });
}

/**
 * The shortfall of savings ranges against a savings requirement, spilled as two cells: requirement minus the high total, requirement minus the low total (241 against 180-220 gives 21, 61). Negative parts are a surplus.
 * @customfunction RANGEGAP
 * @helpurl https://localhost:3000/help.html#rangegap
 * @param requirement The savings requirement, in the same unit as the ranges (such as 241 for £241m).
 * @param ranges The savings ranges.
 * @returns The gap: smallest shortfall, largest shortfall.
 */
export function rangeGapFn(requirement: number, ranges: unknown[][]): number[][] {
  return guard(() => {
    const req = requirePositiveInput(requirement, "The savings requirement", "such as 241");
    const g = rangeGap(req, rangeTotal(readSavingsRanges(ranges)));
    return [[g.low, g.high]];
  });
}

/**
 * The midpoint of the total of savings ranges (180-220 gives 200).
 * @customfunction RANGEMID
 * @helpurl https://localhost:3000/help.html#rangemid
 * @param ranges The savings ranges.
 * @returns The midpoint of their total.
 */
export function rangeMidFn(ranges: unknown[][]): number {
  return guard(() => rangeMid(rangeTotal(readSavingsRanges(ranges))));
}

/**
 * A savings range as text: 180-220, or £180m-£220m with the unit "£m".
 * @customfunction RANGETEXT
 * @helpurl https://localhost:3000/help.html#rangetext
 * @param low The low figure.
 * @param high The high figure.
 * @param [unit] "£m", "£000", "£" or blank (default: no unit).
 * @returns The range as text.
 */
export function rangeTextFn(low: number, high: number, unit?: string): string {
  return guard(() => {
    const lo = readAmount(low, "The low figure", "such as 180");
    const hi = readAmount(high, "The high figure", "such as 220");
    const unitText = optionalText(unit, "The unit", '"£m", "£000" or "£"');
    const u = unitText === undefined ? null : parseRangeUnit(unitText);
    return rangeText(lo, hi, u);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Post-count deltas and slotting

const FTE_HEADING = /^(fte|wte|number of posts|no\.? of posts|posts|existing number of posts.*|number of posts.*|fte.*)$/i;

/**
 * The posts in a post list range: one per row that has some text (a title or grade) and a positive FTE.
 * The FTE column is the one headed FTE (or "Number of posts") when the first row is a heading, else the
 * rightmost column holding numbers. Rows whose first text is a total label (src/core/totalRows.ts: "Total", "Grand total", "Totals") are totals, not posts.
 */
function postsInRows(v: unknown, name: string): GradedPost[] {
  if (!Array.isArray(v) && !isNotGiven(v)) {
    throw new ArgumentError(`${name} is a single value (${JSON.stringify(v)}): select the post list's cells (titles or grades, and FTE).`);
  }
  const rows = readMatrix(v, name, { zeroIsBlank: true }); // an FTE of 0 is not a post, like a blank
  for (const c of cellsOf(rows)) if (isErrorCell(c)) throw new ArgumentError(`${name} contains an error value: fix it first.`);
  if (cellsOf(rows).every((c) => isOmitted(c))) return [];
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0); // no spread: a whole column is 1,048,576 rows
  let start = 0;
  let fteCol = -1;
  const first = rows[0];
  if (first.every((c) => isOmitted(c) || typeof c === "string") && first.some((c) => typeof c === "string" && FTE_HEADING.test(c.trim()))) {
    fteCol = first.findIndex((c) => typeof c === "string" && FTE_HEADING.test(c.trim()));
    start = 1;
  } else {
    for (let c = width - 1; c >= 0 && fteCol < 0; c--) if (rows.some((r) => typeof r[c] === "number")) fteCol = c;
    if (fteCol < 0) throw new ArgumentError(`${name} has no FTE column: include a column of FTE (such as 1 or 0.5) with the titles or grades.`);
    if (first.every((c) => isOmitted(c) || typeof c === "string")) start = 1; // a heading row without "FTE"
  }
  const posts: GradedPost[] = [];
  for (let i = start; i < rows.length; i++) {
    const r = rows[i];
    const texts = r.filter((c, j) => j !== fteCol && typeof c === "string" && c.trim() !== "") as string[];
    const f = r[fteCol];
    if (texts.length === 0) continue;
    if (isTotalLabel(texts[0])) continue;
    if (isOmitted(f)) continue;
    if (typeof f !== "number") throw new ArgumentError(`Row ${i + 1} of ${name.toLowerCase()} has ${JSON.stringify(f)} where its FTE should be a number.`);
    if (Number.isNaN(f)) throw new ArgumentError(`Row ${i + 1} of ${name.toLowerCase()} has an FTE that is not a number (NaN).`);
    if (f < 0) throw new ArgumentError(`Row ${i + 1} of ${name.toLowerCase()} has a negative FTE (${f}).`);
    if (f > 0) posts.push({ grade: texts.join(" "), fte: f });
  }
  return posts;
}

/** Graded lines from a grade column and an FTE column of the same size (a heading row is skipped). */
function gradedLines(gradesArg: unknown, fteArg: unknown, which: string): GradedPost[] {
  const grades = cellsOf(readMatrix(gradesArg, `The ${which} grades`, { zeroIsBlank: true }));
  const ftes = cellsOf(readMatrix(fteArg, `The ${which} FTE`));
  if (grades.length !== ftes.length) {
    throw new ArgumentError(`The ${which} grades (${grades.length} cells) and ${which} FTE (${ftes.length} cells) ranges must be the same size.`);
  }
  const lines: GradedPost[] = [];
  grades.forEach((g, i) => {
    const f = ftes[i];
    if (isErrorCell(g) || isErrorCell(f)) throw new ArgumentError(`Row ${i + 1} of the ${which} list contains an error value.`);
    if (isOmitted(g) && isOmitted(f)) return;
    if (i === 0 && typeof g === "string" && typeof f === "string" && Number.isNaN(Number(f))) return; // headings
    if (isOmitted(f)) throw new ArgumentError(`Row ${i + 1} of the ${which} list has grade ${String(g)} but no FTE.`);
    if (typeof f !== "number") throw new ArgumentError(`Row ${i + 1} of the ${which} FTE has ${JSON.stringify(f)}: an FTE is a number such as 1 or 0.5.`);
    if (f < 0) throw new ArgumentError(`Row ${i + 1} of the ${which} list has a negative FTE (${f}).`);
    const grade = isOmitted(g) ? "" : typeof g === "number" ? String(g) : typeof g === "string" ? g : "";
    if (grade === "" && f > 0) throw new ArgumentError(`Row ${i + 1} of the ${which} list has FTE ${f} but no grade.`);
    lines.push({ grade, fte: f });
  });
  return lines;
}

function costingOptions(point: unknown, year: unknown, gradeTable: unknown, pensionRate: unknown, payAwards: unknown): CostingOptions {
  const rate = readPensionRate(pensionRate);
  const table = readCostingTable(gradeTable, payAwards);
  return { table, point: readPoint(point), year: readPayYear(year, table), ...(rate === undefined ? {} : { pensionRate: rate }) };
}

function checkNotBothEmpty(before: readonly GradedPost[], after: readonly GradedPost[]): void {
  if (before.length === 0 && after.length === 0) throw new ArgumentError("Both the before and after lists are empty: select the grade and FTE columns.");
}

/**
 * The change in the number of posts between two post lists: posts after minus posts before. A row with a title or grade and a positive FTE is a post; a row of more than 1 FTE, or a number of posts, is that many posts (2 is two; 2.5 is two full-time posts and one part-time, three).
 * @customfunction POSTDELTA
 * @helpurl https://localhost:3000/help.html#postdelta
 * @param before The post list before: rows of title and/or grade, and FTE. With a heading row, the column headed FTE is used; without one, the rightmost column of numbers.
 * @param after The post list after, laid out the same way.
 * @returns Posts after minus posts before (negative: fewer posts).
 */
export function postDelta(before: unknown[][], after: unknown[][]): number {
  return guard(() => {
    const b = postsInRows(before, "The before list");
    const a = postsInRows(after, "The after list");
    if (b.length === 0 && a.length === 0) throw new ArgumentError("Neither list has any posts: each post needs a title or grade and a positive FTE.");
    return postCountDelta(b, a);
  });
}

/**
 * The change in FTE between two lists, optionally for one grade only.
 * @customfunction FTEDELTA
 * @helpurl https://localhost:3000/help.html#ftedelta
 * @param beforeFte The FTE column before.
 * @param afterFte The FTE column after.
 * @param [beforeGrades] The grade column before (needed with grade).
 * @param [afterGrades] The grade column after (needed with grade).
 * @param [grade] Only count this grade, such as "KR17" (a grade in neither grade column gives #N/A, never 0).
 * @returns FTE after minus FTE before.
 */
export function fteDeltaFn(beforeFte: unknown[][], afterFte: unknown[][], beforeGrades?: unknown[][], afterGrades?: unknown[][], grade?: string): number {
  return guard(() => {
    const onlyGrade = optionalText(grade, "The grade", 'such as "KR17"');
    const withGrades = !isOmitted(beforeGrades) || !isOmitted(afterGrades);
    if (onlyGrade !== undefined && (isOmitted(beforeGrades) || isOmitted(afterGrades))) {
      throw new ArgumentError("To count one grade, give the before and after grade columns too.");
    }
    let b: GradedPost[];
    let a: GradedPost[];
    if (withGrades) {
      if (isOmitted(beforeGrades) || isOmitted(afterGrades)) throw new ArgumentError("Give both the before and the after grade columns, or neither.");
      b = gradedLines(beforeGrades, beforeFte, "before");
      a = gradedLines(afterGrades, afterFte, "after");
    } else {
      b = fteOnly(beforeFte, "before");
      a = fteOnly(afterFte, "after");
    }
    checkNotBothEmpty(b, a);
    if (onlyGrade !== undefined) {
      // A grade in neither list is most likely mistyped ("KR71"): 0 would read as "no change".
      const g = normaliseGrade(onlyGrade);
      if (g !== "" && !b.some((p) => normaliseGrade(p.grade) === g) && !a.some((p) => normaliseGrade(p.grade) === g)) {
        throw new ArgumentError(`Grade ${onlyGrade.trim()} is in neither the before nor the after grade column: check how it is written there.`, true);
      }
    }
    return fteDelta(b, a, onlyGrade);
  });
}

function fteOnly(v: unknown, which: string): GradedPost[] {
  const cells = cellsOf(readMatrix(v, `The ${which} FTE`));
  const out: GradedPost[] = [];
  cells.forEach((c, i) => {
    if (isOmitted(c)) return;
    if (i === 0 && typeof c === "string" && Number.isNaN(Number(c))) return; // heading
    if (typeof c !== "number") throw new ArgumentError(`Cell ${i + 1} of the ${which} FTE has ${JSON.stringify(c)}: an FTE is a number such as 1 or 0.5.`);
    if (c < 0) throw new ArgumentError(`Cell ${i + 1} of the ${which} FTE is negative (${c}).`);
    out.push({ grade: "-", fte: c });
  });
  return out;
}

/**
 * The full-year cost change between two post lists (pay plus on-costs at the pay point); negative is a saving. Default grade table: the sample Kent Range pay ranges (sample figures).
 * @customfunction COSTDELTA
 * @helpurl https://localhost:3000/help.html#costdelta
 * @param beforeGrades The grade column before.
 * @param beforeFte The FTE column before (same size).
 * @param afterGrades The grade column after.
 * @param afterFte The FTE column after (same size).
 * @param [point] "min" (default), "mid", "max", or a step number.
 * @param [year] Financial year, such as 2024 or "2024/25" (default: the current financial year if the grade table or a pay award covers it, else the latest year the table covers: 2024/25 for the sample table). A later year needs a pay award.
 * @param [gradeTable] A range of grade, minimum, maximum (optional steps and year column), or of grade (or SCP) and salary. Default: the sample Kent Range table.
 * @param [pensionRate] Employer pension contribution rate, such as 14.5% (default 14.5%, also for a blank or 0; "0%" as text for none).
 * @param [payAwards] Pay-award assumptions for years after the grade table: rows of financial year and award, such as "2025/26" and 3% (compounded from the table's last year).
 * @returns Full-year cost after minus before, in pounds (negative: a saving).
 */
export function costDelta(
  beforeGrades: unknown[][],
  beforeFte: unknown[][],
  afterGrades: unknown[][],
  afterFte: unknown[][],
  point?: number | string,
  year?: number | string,
  gradeTable?: unknown[][],
  pensionRate?: unknown,
  payAwards?: unknown[][],
): number {
  return guard(() => restructureByGrade(beforeGrades, beforeFte, afterGrades, afterFte, point, year, gradeTable, pensionRate, payAwards).total.costChange);
}

/** COSTDELTA's and DELTATABLE's shared work: read both lists as Excel passes them and compare them by grade. */
function restructureByGrade(
  beforeGrades: unknown[][],
  beforeFte: unknown[][],
  afterGrades: unknown[][],
  afterFte: unknown[][],
  point: number | string | undefined,
  year: number | string | undefined,
  gradeTable: unknown[][] | undefined,
  pensionRate: unknown,
  payAwards?: unknown[][],
): ReturnType<typeof deltaByGrade> {
  const b = gradedLines(beforeGrades, beforeFte, "before");
  const a = gradedLines(afterGrades, afterFte, "after");
  checkNotBothEmpty(b, a);
  return deltaByGrade(b, a, costingOptions(point, year, gradeTable, pensionRate, payAwards));
}

/** The heading row of DELTATABLE. */
export const DELTA_TABLE_HEADINGS = ["Grade", "Posts before", "Posts after", "Change", "FTE change", "Full-year cost change"] as const;

/**
 * A before/after table by grade, spilled with a heading row: grade, posts before, posts after, change, FTE change, full-year cost change; grades highest first, then a total row. A line of more than 1 FTE is that many posts (2.5 is three), as POSTDELTA counts them.
 * @customfunction DELTATABLE
 * @helpurl https://localhost:3000/help.html#deltatable
 * @param beforeGrades The grade column before.
 * @param beforeFte The FTE column before (same size).
 * @param afterGrades The grade column after.
 * @param afterFte The FTE column after (same size).
 * @param [point] "min" (default), "mid", "max", or a step number.
 * @param [year] Financial year, such as 2024 or "2024/25" (default: the current financial year if the grade table or a pay award covers it, else the latest year the table covers: 2024/25 for the sample table). A later year needs a pay award.
 * @param [gradeTable] A range of grade, minimum, maximum (optional steps and year column), or of grade (or SCP) and salary. Default: the sample Kent Range table.
 * @param [pensionRate] Employer pension contribution rate, such as 14.5% (default 14.5%, also for a blank or 0; "0%" as text for none).
 * @param [payAwards] Pay-award assumptions for years after the grade table: rows of financial year and award, such as "2025/26" and 3% (compounded from the table's last year).
 * @returns The table, with headings and a total row.
 */
export function deltaTable(
  beforeGrades: unknown[][],
  beforeFte: unknown[][],
  afterGrades: unknown[][],
  afterFte: unknown[][],
  point?: number | string,
  year?: number | string,
  gradeTable?: unknown[][],
  pensionRate?: unknown,
  payAwards?: unknown[][],
): unknown[][] {
  return guard(() => {
    const { rows, total } = restructureByGrade(beforeGrades, beforeFte, afterGrades, afterFte, point, year, gradeTable, pensionRate, payAwards);
    const line = (r: typeof total): (string | number)[] => [r.grade, r.postsBefore, r.postsAfter, r.postChange, r.fteChange, r.costChange];
    return [[...DELTA_TABLE_HEADINGS], ...rows.map(line), line(total)];
  });
}

/**
 * Whether a post holder is slotted into a new job: "Slot" when the new job is the same grade, there are at least as many jobs as holders and the job is at least 75% the same work; otherwise "Ring-fence: " and the first condition that failed.
 * @customfunction SLOTTING
 * @helpurl https://localhost:3000/help.html#slotting
 * @param oldGrade The grade of the old post.
 * @param newGrade The grade of the new job.
 * @param jobs The number of new jobs.
 * @param holders The number of post holders who could be slotted.
 * @param similarity How much of the new job is the same work: 75% (or 0.75, or 75).
 * @returns "Slot" or "Ring-fence: reason".
 */
export function slotting(oldGrade: string, newGrade: string, jobs: number, holders: number, similarity: number): string {
  return guard(() =>
    slottingText(
      slottingOutcome({
        oldGrade: requireText(oldGrade, "The old grade", 'such as "KR17"'),
        newGrade: requireText(newGrade, "The new grade", 'such as "KR17"'),
        jobs: requirePositiveInput(jobs, "The number of jobs", "a whole number such as 2"),
        holders: requirePositiveInput(holders, "The number of job holders", "a whole number such as 2"),
        similarity: requirePositiveInput(similarity, "The similarity", "a percentage such as 75%"),
      }),
    ),
  );
}

/** The functions by their metadata id, for CustomFunctions.associate, the contract test and the preview. */
export const BUDGET_FUNCTIONS = {
  SALARY: salary,
  ONCOSTS: onCosts,
  POSTCOST: postCost,
  GRADECOST: gradeCost,
  PARTYEAR: partYear,
  RANGETOTAL: rangeTotalFn,
  RANGEGAP: rangeGapFn,
  RANGEMID: rangeMidFn,
  RANGETEXT: rangeTextFn,
  POSTDELTA: postDelta,
  FTEDELTA: fteDeltaFn,
  COSTDELTA: costDelta,
  DELTATABLE: deltaTable,
  SLOTTING: slotting,
} as const;

// Excel registration: the build's custom-functions-metadata-plugin appends CustomFunctions.associate(id, fn)
// for every @customfunction above, so this module does not associate them itself.
