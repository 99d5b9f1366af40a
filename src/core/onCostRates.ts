/**
 * Employer on-cost rates by financial year, 2011/12 to 2026/27: the one data module for them.
 *
 * Sources:
 * - Employer (secondary Class 1) National Insurance rates and secondary thresholds: HMRC "Rates and
 *   thresholds for employers" guidance for each tax year (gov.uk/guidance/rates-and-thresholds-for-employers-
 *   YYYY-to-YYYY), and for earlier years HMRC's "National Insurance contributions rates and allowances"
 *   tables. The annual threshold is HMRC's annual figure (52 x the weekly threshold up to 2024/25).
 * - 2022/23 (Health and Social Care Levy year): 15.05% from 6 April to 5 November 2022 (Health and Social
 *   Care Levy Act 2021), 13.8% from 6 November 2022 (Health and Social Care Levy (Repeal) Act 2022, which
 *   reversed the 1.25 point increase). For a whole-year figure this module
 *   uses 14.53%, the single annual secondary rate HMRC set for directors' annual earnings periods in
 *   2022/23 (HMRC CA44 / rates and thresholds for employers 2022 to 2023), which is the two rates weighted
 *   by the parts of the year they applied to. Threshold £9,100 all year.
 * - 2025/26 onwards: 15% above £5,000 a year (Autumn Budget 2024; National Insurance Contributions
 *   (Secondary Class 1 Contributions) Act 2025). The £5,000 threshold is fixed until 5 April 2028.
 * - Apprenticeship levy: 0.5% of the pay bill from 6 April 2017 (Finance Act 2016, Part 6), less an
 *   allowance of £15,000 a year per employer. A council's pay bill is far above £3 million, so its allowance
 *   is used up and every extra pound of pay costs 0.5p of levy: the levy is applied to all pay with no
 *   allowance per post. Nothing before 2017/18.
 *
 * Approximation: tax years start on 6 April, local government financial years on 1 April. The rates of the
 * tax year that starts in April of a financial year are applied to the whole financial year (1 to 5 April
 * at the previous year's rates is ignored: 5 days in 365).
 *
 * Not modelled: the Employment Allowance (public bodies doing mainly public work cannot claim it), the
 * zero rates up to the upper secondary threshold for employees under 21, apprentices under 25 and veterans.
 */

import { financialYearLabel, type FinancialYear } from "./financialYear";

export interface OnCostRates {
  year: FinancialYear;
  /** Employer (secondary Class 1) National Insurance rate, as a fraction (0.138 = 13.8%). */
  employerNiRate: number;
  /** Annual secondary threshold in pounds: employer NI is due on each person's pay above it. */
  secondaryThreshold: number;
  /** Apprenticeship levy as a fraction of pay (0 before 2017/18). */
  apprenticeshipLevyRate: number;
  /** Where the figures come from, for the function reference and the task pane. */
  note: string;
}

/**
 * The default employer pension contribution rate: 14.5% of pay.
 * Local Government Pension Scheme employer rates are set for each employer by its fund's actuary at each
 * three-yearly valuation and vary between councils (roughly 13% to 25% of pay); no single national rate
 * exists. 14.5% is the rate that reproduces the 2023 committee paper's figure of about £133,000 a year for a
 * KR17 director costed at the minimum of the 2023/24 range (£104,197 + NI £13,123.39 + levy £520.99 leaves about
 * £15,159 for pension; 14.5% of pay is £15,108.57, so the cost is £132,949.95). Pass your own fund's rate as
 * `pensionRate`.
 */
export const DEFAULT_EMPLOYER_PENSION_RATE = 0.145;

const NI_138 = 0.138;

/** [year, employer NI rate, annual secondary threshold, note] */
const RATES: ReadonlyArray<readonly [FinancialYear, number, number, string]> = [
  [2011, NI_138, 7_072, "13.8% above £136 a week"],
  [2012, NI_138, 7_488, "13.8% above £144 a week"],
  [2013, NI_138, 7_696, "13.8% above £148 a week"],
  [2014, NI_138, 7_956, "13.8% above £153 a week"],
  [2015, NI_138, 8_112, "13.8% above £156 a week"],
  [2016, NI_138, 8_112, "13.8% above £156 a week"],
  [2017, NI_138, 8_164, "13.8% above £157 a week; apprenticeship levy from 6 April 2017"],
  [2018, NI_138, 8_424, "13.8% above £162 a week"],
  [2019, NI_138, 8_632, "13.8% above £166 a week"],
  [2020, NI_138, 8_788, "13.8% above £169 a week"],
  [2021, NI_138, 8_840, "13.8% above £170 a week"],
  [2022, 0.1453, 9_100, "14.53% above £175 a week: the annual rate for the year (15.05% to 5 November 2022, 13.8% after)"],
  [2023, NI_138, 9_100, "13.8% above £175 a week"],
  [2024, NI_138, 9_100, "13.8% above £175 a week"],
  [2025, 0.15, 5_000, "15% above £5,000 a year"],
  [2026, 0.15, 5_000, "15% above £5,000 a year (threshold fixed until April 2028)"],
];

export const APPRENTICESHIP_LEVY_RATE = 0.005;
export const APPRENTICESHIP_LEVY_FIRST_YEAR: FinancialYear = 2017;

/** The rates for each financial year, precomputed once. */
export const ON_COST_RATES: ReadonlyMap<FinancialYear, Readonly<OnCostRates>> = new Map(
  RATES.map(([year, employerNiRate, secondaryThreshold, note]) => [
    year,
    Object.freeze({
      year,
      employerNiRate,
      secondaryThreshold,
      apprenticeshipLevyRate: year >= APPRENTICESHIP_LEVY_FIRST_YEAR ? APPRENTICESHIP_LEVY_RATE : 0,
      note,
    }),
  ]),
);

export const FIRST_RATES_YEAR: FinancialYear = RATES[0][0];
export const LAST_RATES_YEAR: FinancialYear = RATES[RATES.length - 1][0];

/** The year asked for is outside the rates table. */
export class OnCostRatesNotAvailableError extends Error {
  override name = "OnCostRatesNotAvailableError";
  constructor(readonly year: FinancialYear) {
    super(
      `Employer on-cost rates are held for ${financialYearLabel(FIRST_RATES_YEAR)} to ${financialYearLabel(LAST_RATES_YEAR)}; there are none for ${financialYearLabel(year)}.`,
    );
  }
}

/** The on-cost rates for a financial year. Throws OnCostRatesNotAvailableError outside 2011/12 to 2026/27. */
export function onCostRatesFor(year: FinancialYear): Readonly<OnCostRates> {
  const r = ON_COST_RATES.get(year);
  if (!r) throw new OnCostRatesNotAvailableError(year);
  return r;
}
