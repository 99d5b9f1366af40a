/**
 * Money: the one place amounts are parsed from text and formatted for people and for Excel.
 * en-GB: "£133,000", "-£229,000", "£15m", "£180m-£220m".
 */

export type MoneyUnit = "£" | "£000" | "£m";

/** How many pounds one of each unit is. */
export const UNIT_SCALE: Record<MoneyUnit, number> = { "£": 1, "£000": 1_000, "£m": 1_000_000 };

/** Excel number formats, one per unit; negatives shown with a minus sign, as the papers print them. */
export const MONEY_NUMBER_FORMAT: Record<MoneyUnit, string> = {
  "£": '"£"#,##0;-"£"#,##0',
  "£000": '"£"#,##0"k";-"£"#,##0"k"',
  "£m": '"£"#,##0.0"m";-"£"#,##0.0"m"',
};

/** Whole pounds for money cells; FTE and counts have their own formats. */
export const FTE_NUMBER_FORMAT = "0.00";
export const COUNT_NUMBER_FORMAT = "0";
export const DATE_NUMBER_FORMAT = "dd/mm/yyyy";

const gbp = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0, minimumFractionDigits: 0 });

function formatNumber(n: number, decimals: number): string {
  if (decimals === 0) return gbp.format(n);
  return new Intl.NumberFormat("en-GB", { maximumFractionDigits: decimals, minimumFractionDigits: 0 }).format(n);
}

/**
 * Format an amount in pounds for display. `unit` scales it ("£m": 15_000_000 -> "£15m").
 * Rounds to whole pounds by default (to 1 decimal place for £m, dropping ".0").
 */
export function formatMoney(pounds: number, unit: MoneyUnit = "£", decimals?: number): string {
  if (!Number.isFinite(pounds)) throw new RangeError(`Not an amount: ${pounds}`);
  const scaled = pounds / UNIT_SCALE[unit];
  const d = decimals ?? (unit === "£m" ? 1 : 0);
  const rounded = Math.round(Math.abs(scaled) * 10 ** d) / 10 ** d;
  const sign = scaled < 0 && rounded !== 0 ? "-" : "";
  const suffix = unit === "£m" ? "m" : unit === "£000" ? "k" : "";
  return `${sign}£${formatNumber(rounded, d)}${suffix}`;
}

export interface ParsedAmount {
  /** The number as written, before any unit scaling ("£1.2m" -> 1.2). */
  value: number;
  /** The unit written with it, if any ("m", "k", "000" suffixes or a £ sign alone). */
  unit: MoneyUnit | null;
  /** The amount in pounds where the unit is known (value * scale), else the value as written. */
  pounds: number;
}

const AMOUNT_RE =
  /^(?<neg1>-|−|–)?\s*(?<open>\()?\s*(?<neg2>-|−|–)?\s*(?<gbp>£)?\s*(?<neg3>-|−|–)?\s*(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(?<suffix>m|mn|bn|k|000s?)?\s*(?<close>\))?\s*$/i;

/**
 * Read an amount typed as text: "£15,125,000", "15,125,000 ", "(1,234)", "-£229,000", "£-229,000", "1.2m", "£15m",
 * "£2.5k", "15 125 000". Returns null when the text is not an amount. Brackets mean negative, as accountants write
 * them. A space separates thousands only when every group after the first has three digits ("1 200", not "1 20"), and
 * not mixed with commas; a number grouped with spaces is in pounds ("15 125 000" is not 15,125 thousands).
 */
export function parseAmountText(text: string): ParsedAmount | null {
  const t = text.replace(/[\u00a0\u202f]/g, " ").trim();
  if (t === "") return null;
  const m = AMOUNT_RE.exec(t);
  if (!m || !m.groups) return null;
  const g = m.groups;
  if (Boolean(g.open) !== Boolean(g.close)) return null;
  const negCount = (g.neg1 ? 1 : 0) + (g.neg2 ? 1 : 0) + (g.neg3 ? 1 : 0) + (g.open ? 1 : 0);
  if (negCount > 1) return null;
  const value = Number(g.num.replace(/[, ]/g, "")) * (negCount === 1 ? -1 : 1);
  if (!Number.isFinite(value)) return null;
  const suffix = g.suffix?.toLowerCase();
  let unit: MoneyUnit | null = g.gbp ? "£" : null;
  let scale = 1;
  if (suffix === "m" || suffix === "mn") {
    unit = "£m";
    scale = 1_000_000;
  } else if (suffix === "bn") {
    return null;
  } else if (suffix === "k" || suffix === "000" || suffix === "000s") {
    unit = "£000";
    scale = 1_000;
  }
  return { value: Object.is(value, -0) ? 0 : value, unit, pounds: value * scale || 0 };
}

/**
 * Round to whole pence as Excel's ROUND(x, 2) does: halves away from zero (-0.005 to -0.01), and an amount that is a
 * half penny in decimal is one even when binary cannot hold it. 14.5% of £104,197 is £15,108.565, which binary holds
 * as 15,108.564999…; Excel keeps 15 significant digits, so its ROUND gives 15,108.57, and so does this ("Floating-point
 * arithmetic may give inaccurate results in Excel", Microsoft Learn: Excel stores 15 significant digits). Only an
 * amount within a few units in the last place of a half penny takes the slower decimal look.
 */
export function roundPence(pounds: number): number {
  if (!Number.isFinite(pounds)) return pounds;
  const x = Math.abs(pounds) * 100;
  let r = Math.round(x);
  const below = x - Math.floor(x);
  if (Math.abs(below - 0.5) <= 16 * Number.EPSILON * Math.max(1, x)) r = Math.round(Number(x.toPrecision(15)));
  const out = (pounds < 0 ? -r : r) / 100;
  return out === 0 ? 0 : out;
}

/** Round to whole pounds. */
export function roundPounds(pounds: number): number {
  return Math.round(pounds);
}

/** Two amounts are the same to the penny: within half a penny, with only a tiny relative term for binary noise. */
export function samePence(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005 + 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * A sum without binary noise (0.1 + 0.2 gives 0.3, not 0.30000000000000004): rounded to 9 decimal places,
 * or to as many as double precision holds for large figures (7 places for £15,125,000), and never -0. The
 * one such rounding in the add-in: sums of ranges, amounts and generated workbook figures all use it.
 */
export function tidy(x: number): number {
  if (!Number.isFinite(x)) return x;
  const digits = Math.ceil(Math.log10(Math.abs(x) || 1));
  const places = Math.min(9, Math.max(0, 15 - digits));
  const k = 10 ** places;
  const r = Math.round(x * k) / k;
  return Object.is(r, -0) ? 0 : r;
}
