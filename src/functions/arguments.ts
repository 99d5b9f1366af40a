/**
 * Converting Excel custom-function arguments into core values, and core errors into Excel errors.
 *
 * Excel passes: numbers, strings, booleans; `null` or `undefined` for an omitted optional argument; ranges as
 * rows of cells (blank cells as "" or null); dates as serial numbers. Every reader here either returns a
 * clean value or throws a `CustomFunctions.Error` with a message saying what is wrong and what is expected.
 */

import { GradeTableError, MissingPayYearError, SalaryPointError, UnknownGradeError, parseGradeTable, parseSalaryPoint, SAMPLE_GRADE_TABLE, type GradeTable, type SalaryPoint } from "../core/grades";
import { FinancialYearError, currentFinancialYear, excelSerialToDate, parseDateText, parseFinancialYear, type FinancialYear } from "../core/financialYear";
import { OnCostRatesNotAvailableError } from "../core/onCostRates";
import { OnCostInputError, MAX_FTE } from "../core/onCosts";
import { SavingsRangeError } from "../core/savingsRanges";
import { PartYearError } from "../core/partYear";
import { SlottingInputError } from "../core/slotting";
import { createRangeCache } from "./gradeTableCache";

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

/** Omitted: undefined, null or an empty string (a blank cell). */
export function isOmitted(v: unknown): v is undefined | null | "" {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
}

function describe(v: unknown): string {
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
  if (typeof v !== "number") {
    throw new ArgumentError(`${name} must be a number (${expected}); got ${describe(v)}.`);
  }
  if (!Number.isFinite(v)) throw new ArgumentError(`${name} must be a finite number; got ${v}.`);
  return v;
}

/** An optional number: omitted gives `fallback`. */
export function optionalNumber(v: unknown, name: string, expected: string, fallback: number): number {
  return isOmitted(v) ? fallback : requireNumber(v, name, expected);
}

/** An optional number with no default: omitted gives undefined. */
export function optionalNumberOrUndefined(v: unknown, name: string, expected: string): number | undefined {
  return isOmitted(v) ? undefined : requireNumber(v, name, expected);
}

/** Required text (a number is accepted as its text: grade 5 is "5"). */
export function requireText(v: unknown, name: string, expected: string): string {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string" || v.trim() === "") throw new ArgumentError(`${name} must be text (${expected}); got ${describe(v)}.`);
  return v;
}

/** An FTE: 0 to MAX_FTE. Omitted gives 1. */
export function readFte(v: unknown, name = "FTE"): number {
  const fte = optionalNumber(v, name, "such as 1 or 0.5", 1);
  if (fte < 0 || fte > MAX_FTE) throw new ArgumentError(`${name} must be from 0 to ${MAX_FTE.toLocaleString("en-GB")}; got ${fte}.`);
  return fte;
}

/** A financial year: 2024, "2024/25", "2024-25". Omitted gives the current financial year. */
export function readYear(v: unknown, name = "year"): FinancialYear {
  if (isOmitted(v)) return currentFinancialYear();
  if (typeof v === "number") return parseFinancialYear(v);
  if (typeof v === "string") return parseFinancialYear(v);
  throw new ArgumentError(`The ${name} must be a financial year such as 2024 or "2024/25"; got ${describe(v)}.`);
}

/** A pay point: "min" (default), "mid", "max" or a step number. */
export function readPoint(v: unknown): SalaryPoint {
  if (isOmitted(v)) return "min";
  if (typeof v === "number" || typeof v === "string") return parseSalaryPoint(v);
  throw new ArgumentError(`The pay point must be "min", "mid", "max" or a step number; got ${describe(v)}.`);
}

/** A date: an Excel serial number, or text "01/10/2024" (dd/mm/yyyy) or "2024-10-01". */
export function readDate(v: unknown, name: string): Date {
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

/** A range argument as rows of cells. A single value (passed where a range was expected) is a 1 x 1 range. */
export function readMatrix(v: unknown, name: string): unknown[][] {
  if (v === undefined || v === null) throw new ArgumentError(`${name} is missing: select a range.`);
  if (!Array.isArray(v)) return [[v]];
  if (v.length === 0) throw new ArgumentError(`${name} is an empty range.`);
  const rows = v.map((r) => (Array.isArray(r) ? r : [r]));
  return rows;
}

/** The cells of a range, row by row. */
export function cellsOf(rows: unknown[][]): unknown[] {
  const out: unknown[] = [];
  for (const r of rows) for (const c of r) out.push(c);
  return out;
}

/** True when a cell holds an error value (Excel passes these as objects). */
export function isErrorCell(v: unknown): boolean {
  return v !== null && v !== undefined && typeof v === "object";
}

/** Parsed grade tables by the contents of their range (see ./gradeTableCache). */
const gradeTables = createRangeCache<GradeTable>({ maxEntries: 16, maxCells: 50_000 });

/** A grade table range checked and parsed, without the cache. */
function parseGradeTableArgument(v: unknown[]): GradeTable {
  const rows = readMatrix(v, "The grade table");
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
    if (isOmitted(v)) return SAMPLE_GRADE_TABLE;
    throw new ArgumentError("The grade table must be a range: grade, minimum, maximum (and optional steps and year).");
  }
  if (v.length === 0) return parseGradeTableArgument(v);
  return gradeTables.get(v as unknown[][], (rows) => parseGradeTableArgument(rows as unknown[]));
}
