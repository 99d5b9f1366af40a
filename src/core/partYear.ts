/**
 * Part-year and full-year effects. A change (a post deleted, a saving made) takes effect on a date; its
 * full-year effect is the annual amount; its part-year effect is the share that falls in a financial year
 * (1 April to 31 March), from the effective date to 31 March inclusive.
 *
 * Bases:
 * - "days" (default): days from the effective date to 31 March inclusive / days in the year (365 or 366).
 *   1 October 2024 in 2024/25: 182 / 365.
 * - "months": whole calendar months left in the year, with a part month counted by its days: an
 *   effective date on the 1st of a month gives months/12 exactly (1 October: 6/12, half a year).
 * An effective date before the year starts gives the whole year (1); after it ends, nothing (0).
 */

import { daysInFinancialYear, financialYearEnd, financialYearStart, type FinancialYear } from "./financialYear";
import { roundPence } from "./money";

export type PartYearBasis = "days" | "months";

export class PartYearError extends Error {
  override name = "PartYearError";
}

const MS_PER_DAY = 86_400_000;

function utcDay(d: Date): number {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new PartYearError("The effective date is not a date.");
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) / MS_PER_DAY);
}

/** "days", "Days", "d", "months", "m" -> basis. Blank means "days". */
export function parsePartYearBasis(text: string): PartYearBasis {
  const t = text.trim().toLowerCase();
  if (t === "" || t === "days" || t === "day" || t === "d") return "days";
  if (t === "months" || t === "month" || t === "m") return "months";
  throw new PartYearError(`"${text}" is not a basis: use "days" or "months".`);
}

/** The share (0 to 1) of a financial year from an effective date to 31 March inclusive. */
export function partYearShare(effectiveDate: Date, year: FinancialYear, basis: PartYearBasis = "days"): number {
  const day = utcDay(effectiveDate);
  const start = utcDay(financialYearStart(year));
  const end = utcDay(financialYearEnd(year));
  if (day <= start) return 1;
  if (day > end) return 0;
  if (basis === "days") return (end - day + 1) / daysInFinancialYear(year);
  // months: month index within the year (April = 0) and the share of that month still to run.
  const m = effectiveDate.getUTCMonth();
  const fyMonth = (m + 12 - 3) % 12;
  const daysInMonth = new Date(Date.UTC(effectiveDate.getUTCFullYear(), m + 1, 0)).getUTCDate();
  const leftInMonth = (daysInMonth - effectiveDate.getUTCDate() + 1) / daysInMonth;
  return (11 - fyMonth + leftInMonth) / 12;
}

/** The part of a full-year amount that falls in a financial year from an effective date, to the penny. */
export function partYearEffect(fullYearAmount: number, effectiveDate: Date, year: FinancialYear, basis: PartYearBasis = "days"): number {
  if (!Number.isFinite(fullYearAmount)) throw new PartYearError("The annual amount must be a number.");
  return roundPence(fullYearAmount * partYearShare(effectiveDate, year, basis));
}

/**
 * The full-year amount behind a part-year amount: a saving of £50,000 in 2024/25 from 1 October 2024
 * (months basis) is £100,000 a full year. Throws when the date leaves nothing of the year.
 */
export function fullYearEffect(partYearAmount: number, effectiveDate: Date, year: FinancialYear, basis: PartYearBasis = "days"): number {
  if (!Number.isFinite(partYearAmount)) throw new PartYearError("The part-year amount must be a number.");
  const share = partYearShare(effectiveDate, year, basis);
  if (share === 0) throw new PartYearError("The effective date is after the financial year ends, so no part of the year is affected.");
  return roundPence(partYearAmount / share);
}
