/**
 * Employer on-costs: what a post costs on top of its pay.
 *
 * Per person: employer National Insurance is charged on each person's pay above the secondary threshold,
 * so the threshold applies once per person, never to the combined pay of several posts.
 * FTE: `fte` 1 is one full-time person. A whole number above 1 is that many full-time people each paid
 * `salary` (fte 2 = two people, each with their own threshold). A fraction is one part-time person paid
 * `salary * fraction`; so fte 2.5 = two full-time people plus one half-time person.
 */

import { roundPence } from "./money";
import type { FinancialYear } from "./financialYear";
import { DEFAULT_EMPLOYER_PENSION_RATE, onCostRatesFor } from "./onCostRates";

export interface OnCosts {
  employerNI: number;
  pension: number;
  apprenticeshipLevy: number;
  /** employerNI + pension + apprenticeshipLevy (on-costs only, not the pay itself). */
  total: number;
}

/** The largest FTE accepted for one line (a grade with thousands of posts is a data error). */
export const MAX_FTE = 10_000;
/** The largest annual pay accepted for one person. */
export const MAX_SALARY = 10_000_000;
/** Employer pension rates above this are rejected as typing errors. */
export const MAX_PENSION_RATE = 0.6;

/** Bad input to an on-cost calculation (negative pay, an FTE out of range, a pension rate out of range). */
export class OnCostInputError extends Error {
  override name = "OnCostInputError";
}

function checkSalary(salary: number): void {
  if (!Number.isFinite(salary) || salary < 0 || salary > MAX_SALARY) {
    throw new OnCostInputError(`Annual pay must be an amount from £0 to £10,000,000 (got ${salary}).`);
  }
}

/** A pension rate as a fraction: 0.145 stays 0.145; 14.5 (a percentage typed without %) becomes 0.145. */
export function pensionRateFraction(rate: number): number {
  if (!Number.isFinite(rate) || rate < 0) throw new OnCostInputError(`The pension rate must be a percentage such as 14.5% (got ${rate}).`);
  const f = rate > 1 ? rate / 100 : rate;
  if (f > MAX_PENSION_RATE) throw new OnCostInputError(`A pension rate of ${roundPence(f * 100)}% is above 60%: type it as 14.5% or 0.145.`);
  return f;
}

/**
 * Employer on-costs on one person's annual pay in a financial year.
 * `pensionRate` is a fraction (0.145) or a percentage number (14.5); default DEFAULT_EMPLOYER_PENSION_RATE.
 * Each part is rounded to the penny. Throws OnCostRatesNotAvailableError for a year outside the rates table.
 */
export function onCosts(salary: number, year: FinancialYear, pensionRate: number = DEFAULT_EMPLOYER_PENSION_RATE): OnCosts {
  checkSalary(salary);
  const rates = onCostRatesFor(year);
  const p = pensionRateFraction(pensionRate);
  const employerNI = roundPence(Math.max(0, salary - rates.secondaryThreshold) * rates.employerNiRate);
  const pension = roundPence(salary * p);
  const apprenticeshipLevy = roundPence(salary * rates.apprenticeshipLevyRate);
  return { employerNI, pension, apprenticeshipLevy, total: roundPence(employerNI + pension + apprenticeshipLevy) };
}

export interface PostCost extends OnCosts {
  /** Pay for the FTE: salary * fte. */
  pay: number;
  /** pay + on-costs. */
  cost: number;
}

/** The full cost breakdown of `fte` of a post paid `salary` a year full-time (see the module comment). */
export function postCostBreakdown(salary: number, fte: number, year: FinancialYear, pensionRate?: number): PostCost {
  checkSalary(salary);
  if (!Number.isFinite(fte) || fte < 0 || fte > MAX_FTE) {
    throw new OnCostInputError(`FTE must be a number from 0 to ${MAX_FTE.toLocaleString("en-GB")} (got ${fte}).`);
  }
  const whole = fte >= 1 ? Math.floor(fte) : 0;
  const part = roundFte(fte - whole);
  const full = whole > 0 ? onCosts(salary, year, pensionRate) : null;
  const partial = part > 0 ? onCosts(salary * part, year, pensionRate) : null;
  if (!full && !partial) onCosts(0, year, pensionRate); // validates the year and rate even for fte 0
  const sum = (k: keyof OnCosts): number => roundPence((full ? full[k] * whole : 0) + (partial ? partial[k] : 0));
  const employerNI = sum("employerNI");
  const pension = sum("pension");
  const apprenticeshipLevy = sum("apprenticeshipLevy");
  const total = roundPence(employerNI + pension + apprenticeshipLevy);
  const pay = roundPence(salary * fte);
  return { pay, employerNI, pension, apprenticeshipLevy, total, cost: roundPence(pay + total) };
}

/** FTE fractions to 6 places, so 2.3 - 2 is 0.3 and not 0.2999999999999998. */
function roundFte(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Pay times FTE plus employer on-costs on that pay, to the penny. */
export function postCost(salary: number, fte: number, year: FinancialYear, pensionRate?: number): number {
  return postCostBreakdown(salary, fte, year, pensionRate).cost;
}
