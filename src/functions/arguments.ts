/**
 * Converting Excel custom-function arguments into core values, and core errors into Excel errors.
 *
 * Excel passes: numbers, strings, booleans; `null` for an omitted optional argument; ranges as rows of cells;
 * dates as serial numbers. A BLANK CELL arrives differently by platform: Excel on the web passes `null` (or ""
 * inside a range), Excel on Windows and Mac pass `0`, both for a blank cell given as an argument and for blank
 * cells inside a range (office-js #4702, #5262, #1951). So a blank cannot be told from 0 on Windows and Mac,
 * nor from an omitted argument on the web. The rule, per parameter (documented in the function reference):
 * - where 0 is not a meaningful value (a year, a pay point, a pension rate, a salary, a grade, a savings
 *   requirement, a count of jobs or holders, a similarity, a unit or basis) 0 means "not given": an optional
 *   parameter takes its default, a required one is an error that says the cell is blank;
 * - where 0 is meaningful (an FTE, an amount, a low or high figure) 0 is 0 and a blank `null` is
 *   "not given" (FTE: 1) or 0 for a required amount, as in Excel's own arithmetic.
 * Data-type cell values (formatted numbers, entities; `allowCustomDataForDataTypeAny`) are read by their basic
 * value (an entity by its display text), never as an error.
 */

import { GradeTableError, MissingPayYearError, SalaryPointError, UnknownGradeError, parseGradeTable, parseSalaryPoint, SAMPLE_GRADE_TABLE, type GradeTable, type SalaryPoint } from "../core/grades";
import { FinancialYearError, currentFinancialYear, excelSerialToDate, parseDateText, parseFinancialYear, type FinancialYear } from "../core/financialYear";
import { OnCostRatesNotAvailableError } from "../core/onCostRates";
import { OnCostInputError, MAX_FTE, pensionRateFraction } from "../core/onCosts";
import { SavingsRangeError } from "../core/savingsRanges";
import { PartYearError } from "../core/partYear";
import { SlottingInputError } from "../core/slotting";
import { PayAwardError, defaultPayYear, parsePayAwards, withPayAwards, type PayAwards } from "../core/payAwards";
import { createRangeCache, type CellRows } from "./gradeTableCache";

/** A problem with an argument: becomes #VALUE! (or #N/A when `notAvailable`) with this message. */
export class ArgumentError extends Error {
  override name = "ArgumentError";
  constructor(
    message: string,
    readonly notAvailable = false,
  ) {
    super(message);
  }
}

/** The runtime's error class, looked up when needed (Excel's runtime, or the stand-in in tests and preview). */
function excelError(code: "#VALUE!" | "#N/A", message: string): CustomFunctions.Error {
  const cf = (globalThis as unknown as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (!cf) {
    // No runtime (should not happen in Excel): an Error with the same shape keeps callers honest.
    const e = new Error(message) as Error & { code: string };
    e.code = code;
    return e as unknown as CustomFunctions.Error;
  }
  const codeValue = code === "#N/A" ? cf.ErrorCode.notAvailable : cf.ErrorCode.invalidValue;
  return new cf.Error(codeValue, message);
}

/** True for a CustomFunctions.Error (the real runtime's or the stand-in). */
export function isExcelError(e: unknown): e is CustomFunctions.Error {
  const cf = (globalThis as unknown as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  return cf !== undefined && e instanceof cf.Error;
}

/** Map anything thrown by core code to a CustomFunctions.Error. */
export function toExcelError(e: unknown): CustomFunctions.Error {
  if (isExcelError(e)) return e;
  if (e instanceof UnknownGradeError || e instanceof MissingPayYearError || e instanceof OnCostRatesNotAvailableError) {
    return excelError("#N/A", e.message);
  }
  if (e instanceof ArgumentError) return excelError(e.notAvailable ? "#N/A" : "#VALUE!", e.message);
  if (
    e instanceof GradeTableError ||
    e instanceof SalaryPointError ||
    e instanceof OnCostInputError ||
    e instanceof SavingsRangeError ||
    e instanceof PartYearError ||
    e instanceof SlottingInputError ||
    e instanceof PayAwardError ||
    e instanceof FinancialYearError ||
    e instanceof RangeError
  ) {
    return excelError("#VALUE!", e.message);
  }
  const detail = e instanceof Error ? e.message : String(e);
  return excelError("#VALUE!", `The function could not work this out: ${detail}`);
}

/** Run a function body; anything it throws leaves as a CustomFunctions.Error. Non-finite numbers are refused. */
export function guard<T>(body: () => T): T {
  let result: T;
  try {
    result = body();
  } catch (e) {
    throw toExcelError(e);
  }
  const finite = (v: unknown): boolean => typeof v !== "number" || Number.isFinite(v);
  if (!finite(result) || (Array.isArray(result) && !result.every((row) => !Array.isArray(row) || row.every(finite)))) {
    throw excelError("#VALUE!", "The result is not a finite number: check the inputs are amounts of a sensible size.");
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Scalars.

/** The data-type `type`s whose basic value is a plain number, text or boolean. */
const BASIC_TYPES = new Set(["Double", "FormattedNumber", "String", "Boolean"]);
/** Entity-like types: read by the text Excel shows in the cell. */
const ENTITY_TYPES = new Set(["Entity", "LinkedEntity", "LocalImage", "WebImage", "Reference"]);

/**
 * A cell value as a plain value: data-type objects (a formatted number `{type: "Double", basicValue: 0.145,
 * numberFormat: "0.0%"}`, an entity `{type: "Entity", text: "KR17", ...}`) become their basic value; anything
 * else is returned unchanged (errors stay objects).
 */
export function basicValue(v: unknown): unknown {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  const o = v as { type?: unknown; basicValue?: unknown; basicType?: unknown; text?: unknown };
  if (typeof o.type !== "string") return v;
  if (BASIC_TYPES.has(o.type) && (typeof o.basicValue === "number" || typeof o.basicValue === "string" || typeof o.basicValue === "boolean")) return o.basicValue;
  if (ENTITY_TYPES.has(o.type)) {
    if (typeof o.text === "string") return o.text;
    if (o.basicType !== "Error" && (typeof o.basicValue === "string" || typeof o.basicValue === "number")) return o.basicValue;
  }
  if (o.type === "Empty") return null;
  return v;
}

/** Omitted: undefined, null or an empty string (a blank cell on the web). */
export function isOmitted(v: unknown): v is undefined | null | "" {
  const b = basicValue(v);
  return b === undefined || b === null || (typeof b === "string" && b.trim() === "");
}

/** Not given: omitted, or 0 (a blank cell on Windows and Mac) for a parameter where 0 means nothing. */
export function isNotGiven(v: unknown): boolean {
  return isOmitted(v) || basicValue(v) === 0;
}

function describe(v: unknown): string {
  v = basicValue(v);
  if (typeof v === "string") return `"${v.length > 40 ? `${v.slice(0, 40)}...` : v}"`;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v === null || v === undefined) return "a blank";
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return "a range";
  return "an error value";
}

/** A required number. Text, booleans and blanks are refused (no silent zero). */
export function requireNumber(v: unknown, name: string, expected: string): number {
  if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1) return requireNumber(v[0][0], name, expected);
  v = basicValue(v);
  if (typeof v !== "number") {
    throw new ArgumentError(`${name} must be a number (${expected}); got ${describe(v)}.`);
  }
  if (!Number.isFinite(v)) throw new ArgumentError(`${name} must be a finite number; got ${v}.`);
  return v;
}

/**
 * A required number where 0 means nothing (a salary, a savings requirement, a count): a blank cell, which
 * Windows and Mac pass as 0, is an error that says so, never a silent zero.
 */
export function requirePositiveInput(v: unknown, name: string, expected: string): number {
  if (isNotGiven(v)) throw new ArgumentError(`${name} is blank (or 0): give ${expected}.`);
  return requireNumber(v, name, expected);
}

/** A required amount where 0 is meaningful: a blank cell is 0, as in Excel's own arithmetic (=A1*2). */
export function readAmount(v: unknown, name: string, expected: string): number {
  return isOmitted(v) ? 0 : requireNumber(v, name, expected);
}

/** An optional number: omitted gives `fallback`. */
export function optionalNumber(v: unknown, name: string, expected: string, fallback: number): number {
  return isOmitted(v) ? fallback : requireNumber(v, name, expected);
}

/** An optional number with no default: omitted gives undefined. */
export function optionalNumberOrUndefined(v: unknown, name: string, expected: string): number | undefined {
  return isOmitted(v) ? undefined : requireNumber(v, name, expected);
}

/** Required text (a number is accepted as its text: grade 5 is "5"). Blank, or 0 from a blank cell, is refused. */
export function requireText(v: unknown, name: string, expected: string): string {
  if (isNotGiven(v)) throw new ArgumentError(`${name} is blank: give ${expected}.`);
  v = basicValue(v);
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string" || v.trim() === "") throw new ArgumentError(`${name} must be text (${expected}); got ${describe(v)}.`);
  return v;
}

/** Optional text (a unit, a basis, a grade to filter on): blank or 0 gives undefined. */
export function optionalText(v: unknown, name: string, expected: string): string | undefined {
  return isNotGiven(v) ? undefined : requireText(v, name, expected);
}

/** An FTE: 0 to MAX_FTE. Omitted (a blank on the web) gives 1; 0 (a blank on Windows and Mac) is 0 FTE. */
export function readFte(v: unknown, name = "FTE"): number {
  const fte = optionalNumber(v, name, "such as 1 or 0.5", 1);
  if (fte < 0 || fte > MAX_FTE) throw new ArgumentError(`${name} must be from 0 to ${MAX_FTE.toLocaleString("en-GB")}; got ${fte}.`);
  return fte;
}

/** A financial year: 2024, "2024/25", "2024-25". Blank or 0 gives the current financial year. */
export function readYear(v: unknown, name = "year"): FinancialYear {
  if (isNotGiven(v)) return currentFinancialYear();
  v = basicValue(v);
  if (typeof v === "number") return parseFinancialYear(v);
  if (typeof v === "string") return parseFinancialYear(v);
  throw new ArgumentError(`The ${name} must be a financial year such as 2024 or "2024/25"; got ${describe(v)}.`);
}

/** A pay point: "min" (default, also for a blank or 0), "mid", "max" or a step number from 1. */
export function readPoint(v: unknown): SalaryPoint {
  if (isNotGiven(v)) return "min";
  v = basicValue(v);
  if (typeof v === "number" || typeof v === "string") return parseSalaryPoint(v);
  throw new ArgumentError(`The pay point must be "min", "mid", "max" or a step number; got ${describe(v)}.`);
}

/**
 * An employer pension rate as a fraction, or undefined for the default (14.5%). A blank or 0 is the default
 * (Windows and Mac pass a blank cell as 0); a real 0% is typed as text: "0%" or "none".
 */
export function readPensionRate(v: unknown): number | undefined {
  if (isNotGiven(v)) return undefined;
  const b = basicValue(v);
  if (typeof b === "string") {
    const t = b.trim().toLowerCase();
    if (t === "none") return 0;
    const m = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(t);
    if (!m) throw new ArgumentError(`The pension rate must be a percentage such as 14.5% (or "0%" for none); got ${describe(b)}.`);
    return pensionRateFraction(m[2] === "%" ? Number(m[1]) / 100 : Number(m[1]));
  }
  return pensionRateFraction(requireNumber(b, "The pension rate", "such as 14.5% or 0.145"));
}

/** A date: an Excel serial number, or text "01/10/2024" (dd/mm/yyyy) or "2024-10-01". */
export function readDate(v: unknown, name: string): Date {
  if (isNotGiven(v)) throw new ArgumentError(`${name} is blank: give a date, such as 01/10/2024.`);
  v = basicValue(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 61 || v > 2_958_465) throw new ArgumentError(`${name} must be a date (after 1 March 1900); got ${v}.`);
    return excelSerialToDate(v);
  }
  if (typeof v === "string") {
    const d = parseDateText(v);
    if (d) return d;
  }
  throw new ArgumentError(`${name} must be a date, such as 01/10/2024; got ${describe(v)}.`);
}

// ---------------------------------------------------------------------------------------------------------
// Ranges.

/**
 * A range argument as rows of cells, each read by its basic value. A single value (passed where a range was
 * expected) is a 1 x 1 range. With `zeroIsBlank`, 0 cells are read as blank: for ranges where 0 means nothing
 * (headings, grades, grade tables, savings ranges, post lists), since Windows and Mac pass blank cells as 0.
 */
export function readMatrix(v: unknown, name: string, options: { zeroIsBlank?: boolean } = {}): unknown[][] {
  if (v === undefined || v === null) throw new ArgumentError(`${name} is missing: select a range.`);
  const cell = (c: unknown): unknown => {
    const b = basicValue(c);
    return options.zeroIsBlank && b === 0 ? "" : b;
  };
  if (!Array.isArray(v)) return [[cell(v)]];
  if (v.length === 0) throw new ArgumentError(`${name} is an empty range.`);
  return v.map((r) => (Array.isArray(r) ? r : [r]).map(cell));
}

/** The cells of a range, row by row. */
export function cellsOf(rows: unknown[][]): unknown[] {
  const out: unknown[] = [];
  for (const r of rows) for (const c of r) out.push(c);
  return out;
}

/** True when a cell holds an error value (Excel passes these as objects; data types are read by basic value). */
export function isErrorCell(v: unknown): boolean {
  const b = basicValue(v);
  return b !== null && b !== undefined && typeof b === "object";
}

/** Parsed grade tables by the contents of their range (see ./gradeTableCache). */
const gradeTables = createRangeCache<GradeTable>({ maxEntries: 16, maxCells: 50_000 });

/** A grade table range checked and parsed, without the cache. */
function parseGradeTableArgument(v: unknown[]): GradeTable {
  // No grade, pay figure, step or year is 0: a 0 is a blank cell from Windows or Mac.
  const rows = readMatrix(v, "The grade table", { zeroIsBlank: true });
  if (rows.every((r) => r.every((c) => isOmitted(c)))) throw new ArgumentError("The grade table range is empty.");
  for (const c of cellsOf(rows)) if (isErrorCell(c)) throw new ArgumentError("The grade table range contains an error value: fix it first.");
  return parseGradeTable(rows);
}

/**
 * The grade table argument: omitted gives the sample table; a range is parsed once and cached by its
 * contents (Excel passes a fresh array each call), so a sheet of GRADECOST formulas parses it once.
 */
export function readGradeTable(v: unknown): GradeTable {
  if (v === undefined || v === null) return SAMPLE_GRADE_TABLE;
  if (!Array.isArray(v)) {
    if (isNotGiven(v)) return SAMPLE_GRADE_TABLE;
    throw new ArgumentError("The grade table must be a range: grade, minimum, maximum (and optional steps and year).");
  }
  if (v.length === 0) return parseGradeTableArgument(v);
  return gradeTables.get(v as unknown[][], parseCachedGradeTable);
}

/** The cache's build function: one for every call, not a closure made per call. */
const parseCachedGradeTable = (rows: CellRows): GradeTable => parseGradeTableArgument(rows as unknown[]);

/** Pay-award assumptions: a range of financial year and award rows ("2025/26", 3%); omitted gives none. */
export function readPayAwards(v: unknown): PayAwards {
  if (isOmitted(v)) return new Map();
  const rows = readMatrix(v, "The pay awards");
  for (const c of cellsOf(rows)) if (isErrorCell(c)) throw new ArgumentError("The pay awards range contains an error value: fix it first.");
  return parsePayAwards(rows);
}

/** The grade table to cost with: the table argument (or the sample table) with any pay-award assumptions. */
export function readCostingTable(gradeTable: unknown, payAwards: unknown): GradeTable {
  return withPayAwards(readGradeTable(gradeTable), readPayAwards(payAwards));
}

/**
 * The year of a costed figure. Given: that year (a year neither the table nor an assumption covers is
 * refused when costed). Omitted: the current financial year when covered, else the latest year the grade
 * table covers, so =BUDGET.GRADECOST("KR17", 1) keeps working with the sample table.
 */
export function readPayYear(v: unknown, table: GradeTable, name = "year"): FinancialYear {
  return isNotGiven(v) ? defaultPayYear(table) : readYear(v, name);
}
