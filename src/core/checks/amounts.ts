/**
 * Reading amount cells the way the checks need them (number, text amount, blank, error, other text), and
 * writing amounts into messages in the column's unit.
 */
import type { MoneyUnit, ParsedAmount } from "../money";
import { formatMoney, parseAmountText, tidy, UNIT_SCALE } from "../money";
import type { CellValue } from "../sheetSnapshot";
import { isBlank, isErrorValue } from "../sheetSnapshot";

export type AmountCell =
  | { kind: "number"; value: number }
  | { kind: "text"; value: number; text: string; parsed: ParsedAmount }
  | { kind: "blank" }
  | { kind: "error"; text: string }
  | { kind: "other"; text: string };

const DASH_RE = /^\s*[-–—]\s*$/;

/**
 * What an amount cell holds, with text amounts converted into the column's unit ("1.2m" in a £000 column is
 * 1,200; "£15,125,000" stays 15,125,000: a £ sign alone does not scale).
 */
export function readAmount(v: CellValue, columnUnit: MoneyUnit | null): AmountCell {
  if (typeof v === "number") return Number.isFinite(v) ? { kind: "number", value: v } : { kind: "other", text: String(v) };
  if (v === null || isBlank(v)) return { kind: "blank" };
  if (typeof v === "boolean") return { kind: "other", text: v ? "TRUE" : "FALSE" };
  if (isErrorValue(v)) return { kind: "error", text: v };
  if (DASH_RE.test(v)) return { kind: "text", value: 0, text: v, parsed: { value: 0, unit: null, pounds: 0 } };
  const parsed = parseAmountText(v);
  if (!parsed) return { kind: "other", text: v };
  return { kind: "text", value: toColumnUnit(parsed, columnUnit), text: v, parsed };
}

/** A parsed amount in the column's unit. */
export function toColumnUnit(parsed: ParsedAmount, columnUnit: MoneyUnit | null): number {
  if (parsed.unit === "£m" || parsed.unit === "£000") {
    const target = UNIT_SCALE[columnUnit ?? "£"];
    return tidy(parsed.pounds / target);
  }
  return parsed.value;
}


/**
 * Two amounts in the same unit agree to half a penny (or the nearest 0.005 of the unit). The tolerance is absolute:
 * a penny out on £16,792,000 is a penny out. Only a tiny relative term (1e-12, about £0.00002 on £16.8m) allows
 * for binary noise in sums.
 */
export function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) <= 0.005 + 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

/** Pounds in a column of the given unit. */
export function toPounds(value: number, unit: MoneyUnit | null): number {
  return value * UNIT_SCALE[unit ?? "£"];
}

/**
 * An amount in a column's unit, written for a finance officer: £000 columns in whole pounds
 * ("£60,000,000"), £m columns in millions where that is exact ("£15m", "£15.5m"), else in pounds.
 */
export function formatAmount(value: number, unit: MoneyUnit | null): string {
  const pounds = tidy(toPounds(value, unit));
  if (unit === "£m" && Math.abs(Math.round(pounds / 100_000) * 100_000 - pounds) < 0.5 && pounds !== 0) return formatMoney(pounds, "£m");
  const whole = Math.abs(pounds - Math.round(pounds)) < 0.005;
  // Pence always in two figures: "£79,603,000.50", not "£79,603,000.5".
  return whole ? formatMoney(pounds, "£", 0) : formatMoney(pounds, "£", 2).replace(/\.(\d)$/, (_m, d: string) => `.${d}0`);
}

/** A number written plainly for a fix description: 15125000 -> "15,125,000", 1.25 -> "1.25". */
const PLAIN = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 9 });

export function formatPlain(value: number): string {
  return PLAIN.format(value);
}

/**
 * The number format that shows a converted text amount as it was typed: "£15,125,000" -> "£"#,##0,
 * "(1,234)" -> #,##0;(#,##0), "1.2m" in a £ column -> 0.0,,"m" (the value becomes 1,200,000 and still shows 1.2m).
 * It always has as many decimals as the stored value needs, so the cell never shows a different amount: "500k" in a
 * £m column is stored as 0.5 and shown as 0.5m (a format can divide by 1,000 but not multiply, so "500k" cannot be
 * kept), and ".5" is shown as 0.5, not rounded to 1.
 */
export function textAmountNumberFormat(text: string, columnUnit: MoneyUnit | null): string {
  const t = text.replace(/\u00a0/g, " ").trim();
  if (DASH_RE.test(t)) return '#,##0;-#,##0;"-"';
  const parsed = parseAmountText(t);
  if (!parsed) return "General";
  // Thousands grouped with commas or spaces ("1 200") are shown with commas, as Excel writes them in en-GB.
  const comma = /\d[, ]\d{3}/.test(t);
  const typedDecimals = /\.(\d+)/.exec(t)?.[1].length ?? 0;
  // The figure the format shows before its suffix, and what it divides the stored value by (trailing commas).
  let shown = Math.abs(parsed.value);
  let scaling = "";
  let suffix = "";
  if (parsed.unit === "£m" || parsed.unit === "£000") {
    const ratio = UNIT_SCALE[parsed.unit] / UNIT_SCALE[columnUnit ?? "£"];
    if (ratio >= 1) {
      scaling = ",".repeat(Math.round(Math.log10(ratio) / 3));
      suffix = parsed.unit === "£m" ? "m" : "k";
    } else {
      // A smaller unit than the column's ("500k" in a £m column): shown in the column's unit, with its decimals.
      shown = Math.abs(toColumnUnit(parsed, columnUnit));
      suffix = columnUnit === "£m" ? "m" : "k";
    }
  }
  const decimals = Math.max(typedDecimals, decimalsToShow(shown));
  let core = (comma ? "#,##0" : "0") + (decimals > 0 ? "." + "0".repeat(decimals) : "") + scaling;
  if (suffix) core += `"${suffix}"`;
  const gbp = /£/.test(t) ? '"£"' : "";
  const pos = gbp + core;
  if (/\(/.test(t)) return `${pos};(${pos})`;
  return `${pos};-${pos}`;
}

/** The fewest decimals (at most 9, as tidy keeps) that show x exactly: 0.5 -> 1, 0.0015 -> 4, 12 -> 0. */
function decimalsToShow(x: number): number {
  for (let d = 0; d < 9; d++) {
    if (Math.abs(Number(x.toFixed(d)) - x) <= 1e-12 * Math.max(1, Math.abs(x))) return d;
  }
  return 9;
}

/**
 * The smallest step a number format shows, in the value's own terms: "#,##0" 1, "0.0" 0.1, '#,##0,"k"' 1,000,
 * "0.0,," 100,000, "0%" 0.01. Null for General, text, and the formats this does not read (scientific, fractions,
 * dates, times): the value is then taken as shown in full. Read from the first section (positive numbers), after
 * dropping quoted text, escaped characters, [colour] and [condition] brackets, and _x / *x padding (Microsoft
 * Learn, "Review guidelines for customizing a number format": a comma after the digit placeholders scales by 1,000,
 * a % multiplies by 100).
 */
export function shownStep(fmt: string): number | null {
  let section = "";
  let inQuote = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') inQuote = !inQuote;
    else if (inQuote) continue;
    else if (ch === ";") break;
    else if (ch === "\\" || ch === "_" || ch === "*") i++;
    else if (ch === "[") {
      const close = fmt.indexOf("]", i);
      if (close < 0) return null;
      i = close;
    } else section += ch;
  }
  if (/general|@|[eE][+-]|\/|[dDyYhHsSmMbBgG]/.test(section)) return null;
  let last = -1;
  for (let i = 0; i < section.length; i++) if (/[0#?]/.test(section[i])) last = i;
  if (last < 0) return null;
  const dot = section.indexOf(".");
  let decimals = 0;
  if (dot >= 0 && dot < last) for (let i = dot + 1; i <= last; i++) if (/[0#?]/.test(section[i])) decimals++;
  let commas = 0;
  while (section[last + 1 + commas] === ",") commas++;
  const step = 10 ** -decimals * 1000 ** commas;
  return section.includes("%") ? step / 100 : step;
}
