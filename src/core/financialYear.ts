/**
 * UK local government financial years (1 April to 31 March) and Excel dates.
 * A financial year is named by the calendar year it starts in: 2024 is 2024/25.
 */

export type FinancialYear = number;

export const EARLIEST_YEAR = 1990;
export const LATEST_YEAR = 2100;

export class FinancialYearError extends Error {
  override name = "FinancialYearError";
}

/**
 * 2024, "2024", "2024/25", "2024-25", "2024/2025", "2024–25", "FY2024/25" -> 2024.
 * Throws FinancialYearError for anything else (including "2024/26").
 */
export function parseFinancialYear(input: number | string): FinancialYear {
  if (typeof input === "number") {
    if (!Number.isInteger(input) || input < EARLIEST_YEAR || input > LATEST_YEAR) {
      throw new FinancialYearError(`A financial year is a start year such as 2024 or "2024/25" (got ${input}).`);
    }
    return input;
  }
  const t = input.trim().replace(/^fy\s*/i, "");
  const m = /^(\d{4})(?:\s*[/\-–]\s*(\d{2}|\d{4}))?$/.exec(t);
  if (!m) throw new FinancialYearError(`"${input}" is not a financial year: write 2024, "2024/25" or "2024-25".`);
  const start = Number(m[1]);
  if (start < EARLIEST_YEAR || start > LATEST_YEAR) {
    throw new FinancialYearError(`Financial year ${start} is out of range (${EARLIEST_YEAR} to ${LATEST_YEAR}).`);
  }
  if (m[2] !== undefined) {
    const end = m[2].length === 2 ? (Math.floor(start / 100) * 100 + Number(m[2])) % 10000 : Number(m[2]);
    const expected = start + 1;
    if (end !== expected && !(m[2].length === 2 && Number(m[2]) === expected % 100)) {
      throw new FinancialYearError(`"${input}" is not a financial year: ${start} is followed by ${expected}.`);
    }
  }
  return start;
}

/** 2024 -> "2024/25". */
export function financialYearLabel(year: FinancialYear): string {
  return `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
}

/** The financial year a date falls in (April onwards belongs to that calendar year's financial year). */
export function financialYearOf(date: Date): FinancialYear {
  const y = date.getUTCFullYear();
  return date.getUTCMonth() >= 3 ? y : y - 1;
}

/** Today's date on the machine's clock (local date), as a UTC date like every date in the add-in. */
export function todayUtc(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}

/** The current financial year, from the machine's clock (local date). */
export function currentFinancialYear(now: Date = new Date()): FinancialYear {
  return financialYearOf(todayUtc(now));
}

/** 1 April of the year, as a UTC date. */
export function financialYearStart(year: FinancialYear): Date {
  return new Date(Date.UTC(year, 3, 1));
}

/** 31 March of the following calendar year, as a UTC date. */
export function financialYearEnd(year: FinancialYear): Date {
  return new Date(Date.UTC(year + 1, 2, 31));
}

/** Days in a financial year: 366 when it contains 29 February. */
export function daysInFinancialYear(year: FinancialYear): number {
  return Math.round((financialYearEnd(year).getTime() - financialYearStart(year).getTime()) / 86_400_000) + 1;
}

// Excel serial dates (1900 date system). Serial 1 is 1 January 1900; Excel wrongly counts 29 February 1900,
// so from 1 March 1900 onwards serial = days since 30 December 1899.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

/** Excel serial (whole part) -> UTC date. Serials below 61 (before 1 March 1900) are rejected. */
export function excelSerialToDate(serial: number): Date {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2_958_465) {
    throw new RangeError(`${serial} is not a date Excel can hold after 1 March 1900.`);
  }
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial) * MS_PER_DAY);
}

/** UTC date -> Excel serial (whole days). */
export function dateToExcelSerial(date: Date): number {
  const utc = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return Math.round((utc - EXCEL_EPOCH_MS) / MS_PER_DAY);
}

/**
 * Two-digit years below this are 20xx, the rest 19xx: Excel's default for a typed date (Microsoft KB 214391, "How Excel
 * works with two-digit year numbers": the 2029 rule, 00 through 29 are 2000 through 2029, 30 through 99 are 1930
 * through 1999). Excel follows Windows' "when a two-digit year is entered" setting where it has been changed, which the
 * add-in cannot read; there a two-digit year near the cutoff can be read differently (type the year in full to be sure).
 */
const TWO_DIGIT_YEAR_CUTOFF = 30;

/** dd/mm/yyyy, the one place dates are formatted for people. */
export function formatDate(date: Date): string {
  const d = String(date.getUTCDate()).padStart(2, "0");
  const m = String(date.getUTCMonth() + 1).padStart(2, "0");
  return `${d}/${m}/${date.getUTCFullYear()}`;
}

/**
 * "01/10/2024" (dd/mm/yyyy, also with . or -), "1/10/24" (a two-digit year as Excel reads one typed: 00 to 29 are
 * 2000 to 2029, 30 to 99 are 1930 to 1999) or ISO "2024-10-01" -> UTC date; null when not a real date.
 */
export function parseDateText(text: string): Date | null {
  const t = text.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(t);
  if (m) {
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
    if (m[3].length === 2) y += y < TWO_DIGIT_YEAR_CUTOFF ? 2000 : 1900;
  } else {
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    if (!m) return null;
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date;
}

/** The pay year the pane's costs and impact tables use until the user picks another. */
export const DEFAULT_IMPACT_YEAR: FinancialYear = 2024;
