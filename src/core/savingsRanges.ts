/**
 * Savings ranges: "15-20", "£15m-£20m", "15 to 20", "15–20" (en dash), "15 — 20", a single figure "12" or
 * "£15m". Figures are kept as written (in £m when the sheet is in £m): "£15m-£20m" is 15 to 20.
 */

import { parseAmountText, tidy, type MoneyUnit } from "./money";

export interface SavingsRange {
  low: number;
  high: number;
  /** The unit written with the figures ("£m" for "£15m-£20m"), null when none was written. */
  unit: MoneyUnit | null;
}

export class SavingsRangeError extends Error {
  override name = "SavingsRangeError";
  /**
   * For a range written high figure first ("65-55"), the range it would be the right way round (55 to 65):
   * still an error, but a total can count it.
   */
  readonly reversed?: SavingsRange;

  constructor(message: string, reversed?: SavingsRange) {
    super(message);
    if (reversed) this.reversed = reversed;
  }
}

/** The largest figure accepted in a range (beyond it, text round-tripping loses precision). */
export const MAX_RANGE_FIGURE = 1e12;

const SIDE = String.raw`[-−]?\s*£?\s*(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?\s*(?:m|mn|k|000s?)?`;
const PLAIN_RANGE = /^(\d{1,12}(?:\.\d+)?)\s*[-–—]\s*(\d{1,12}(?:\.\d+)?)$/;
const RANGE_RE = new RegExp(String.raw`^(${SIDE})\s*(?:-|–|—|−|\bto\b)\s*(${SIDE})$`, "i");

interface Side {
  value: number;
  unit: MoneyUnit | null;
  /** The side as written, trimmed ("£15,000,000"). */
  text: string;
}

function side(text: string, whole: string): Side {
  const a = parseAmountText(text);
  if (!a) throw new SavingsRangeError(`"${whole}" is not a savings range: write it as 15-20, £15m-£20m, 15 to 20 or a single figure.`);
  return { value: a.value, unit: a.unit, text: text.trim() };
}

/**
 * The largest figure that takes the other side's unit when written without one ("£15-20m" is £15m to £20m). A
 * figure of 1,000 or more beside £m or £000 is pounds written in full ("£15,000,000-£20m"): read in £m it would be
 * a billion pounds or more, so it is not carried, and the range is refused as mixing units rather than read as
 * £15,000,000m to £20m (refused as low above high) or, the other way round, as £15m to £20,000,000m.
 */
const CARRIED_BELOW = 1000;

/**
 * The unit of a range's two sides. A unit written on one side carries to a short figure on the other ("£15-20m",
 * "£15-£20m", "15-20m"); a figure of CARRIED_BELOW or more in pounds (or with no unit) beside £m or £000, and
 * £000 beside £m, are different units: an error that names the two sides. The two-column ranges of
 * BUDGET.RANGETOTAL refuse a row mixing units in the same way.
 */
function combineUnits(a: Side, b: Side, whole: string): MoneyUnit | null {
  if (a.unit === b.unit) return a.unit;
  const scaled = (u: MoneyUnit | null): u is "£m" | "£000" => u === "£m" || u === "£000";
  if (!scaled(a.unit) && !scaled(b.unit)) return a.unit ?? b.unit;
  const short = scaled(a.unit) ? b : a;
  const other = scaled(a.unit) ? a.unit : (b.unit as "£m" | "£000");
  if (!scaled(short.unit) && Math.abs(short.value) < CARRIED_BELOW) return other;
  const example = other === "£m" ? "£15m-£20m" : "£150k-£200k";
  const inOther = scaled(short.unit) ? "the same unit" : `${other} (such as ${example}) or both in pounds`;
  throw new SavingsRangeError(`"${whole}" mixes units: ${a.text} and ${b.text} are not in the same unit. Write both figures in ${inOther}.`);
}

function checkFigure(v: number, whole: string): void {
  if (!Number.isFinite(v) || Math.abs(v) > MAX_RANGE_FIGURE) {
    throw new SavingsRangeError(`"${whole}" has a figure too large to be a savings range.`);
  }
}

/** Read one savings range. Throws SavingsRangeError for text that is not a range and for "20-15" (low above high). */
export function parseSavingsRange(text: string): SavingsRange {
  const whole = String(text).replace(/\u00a0/g, " ").trim();
  if (whole === "") throw new SavingsRangeError("The savings range is blank: write it as 15-20 or a single figure.");
  const plain = PLAIN_RANGE.exec(whole); // the common "15-20" without units, read without the general parser
  if (plain) {
    const low = Number(plain[1]);
    const high = Number(plain[2]);
    if (low > high) {
      checkFigure(low, whole);
      throw new SavingsRangeError(`"${whole}" has its low figure above its high figure: write the lower figure first (${formatFigure(high)}-${formatFigure(low)}).`, { low: high, high: low, unit: null });
    }
    checkFigure(high, whole);
    return { low, high, unit: null };
  }
  const single = parseAmountText(whole);
  if (single) {
    checkFigure(single.value, whole);
    return { low: single.value, high: single.value, unit: single.unit };
  }
  const m = RANGE_RE.exec(whole);
  if (!m || m[1].trim() === "" || m[2].trim() === "") {
    throw new SavingsRangeError(`"${whole}" is not a savings range: write it as 15-20, £15m-£20m, 15 to 20 or a single figure.`);
  }
  const a = side(m[1], whole);
  const b = side(m[2], whole);
  checkFigure(a.value, whole);
  checkFigure(b.value, whole);
  const unit = combineUnits(a, b, whole);
  if (a.value > b.value) {
    throw new SavingsRangeError(`"${whole}" has its low figure above its high figure: write the lower figure first (${formatFigure(b.value)}-${formatFigure(a.value)}).`, { low: b.value, high: a.value, unit });
  }
  return { low: a.value, high: b.value, unit };
}

/** A range from two numbers (a two-column range). Throws for low above high. */
export function savingsRange(low: number, high: number, unit: MoneyUnit | null = null): SavingsRange {
  const whole = `${low} to ${high}`;
  checkFigure(low, whole);
  checkFigure(high, whole);
  if (low > high) throw new SavingsRangeError(`The low figure ${formatFigure(low)} is above the high figure ${formatFigure(high)}.`);
  return { low, high, unit };
}


/**
 * The unit of a list: the one unit written in it, or null. Figures written without a unit ("15-20") are taken
 * to be in the list's unit. Different units in one list are an error, pounds included: "£15,000,000-£20,000,000"
 * beside "£5m-£6m" would otherwise add pounds to millions (15,000,005), and a bare "£15" beside £m ranges may
 * mean £15 or £15m, so neither is guessed: the sentence says which unit to write them all in.
 */
export function commonUnit(ranges: readonly SavingsRange[]): MoneyUnit | null {
  let unit: MoneyUnit | null = null;
  for (const r of ranges) {
    if (r.unit === null || r.unit === unit) continue;
    if (unit !== null) throw new SavingsRangeError(mixedUnitsMessage(unit, r.unit));
    unit = r.unit;
  }
  return unit;
}

function mixedUnitsMessage(a: MoneyUnit, b: MoneyUnit): string {
  if (a === "£" || b === "£") {
    const other = a === "£" ? b : a;
    const example = other === "£m" ? "£15m-£20m rather than £15,000,000-£20,000,000" : "£150k-£200k rather than £150,000-£200,000";
    return `The savings ranges mix units (pounds and ${other}): write them all in ${other}, such as ${example}, or all in pounds.`;
  }
  return `The savings ranges mix units (${a} and ${b}): write them all in the same unit.`;
}

/** The total of a list of ranges: the sum of the lows to the sum of the highs. Throws on an empty list. */
export function rangeTotal(ranges: readonly SavingsRange[]): SavingsRange {
  if (ranges.length === 0) throw new SavingsRangeError("There are no savings ranges to add up.");
  const unit = commonUnit(ranges);
  return {
    low: tidy(ranges.reduce((s, r) => s + r.low, 0)),
    high: tidy(ranges.reduce((s, r) => s + r.high, 0)),
    unit,
  };
}

/**
 * The shortfall against a savings requirement: requirement minus the high figure (the least shortfall) to
 * requirement minus the low figure (the most). 241 against 180-220 is 21 to 61. Negative parts are a surplus.
 */
export function rangeGap(requirement: number, total: SavingsRange): { low: number; high: number } {
  if (!Number.isFinite(requirement) || Math.abs(requirement) > MAX_RANGE_FIGURE) {
    throw new SavingsRangeError("The savings requirement must be a number, such as 241 (within ±1,000,000,000,000).");
  }
  return { low: tidy(requirement - total.high), high: tidy(requirement - total.low) };
}

/** The midpoint of a range. */
export function rangeMid(range: SavingsRange): number {
  return tidy((range.low + range.high) / 2);
}

/** A figure as written in a range: no thousands separators, up to 9 decimal places, no exponent. */
function formatFigure(v: number): string {
  const t = tidy(v);
  if (Number.isInteger(t)) return t.toFixed(0);
  return t.toFixed(9).replace(/0+$/, "").replace(/\.$/, "");
}

/**
 * A range as text: rangeText(180, 220) = "180-220"; rangeText(180, 220, "£m") = "£180m-£220m";
 * "£000" gives "£180k-£220k"; "£" gives "£180-£220". Equal figures give one figure ("12", "£12m").
 * parseSavingsRange(rangeText(low, high, unit)) gives back low, high and unit.
 */
export function rangeText(low: number, high: number, unit: MoneyUnit | null = null): string {
  savingsRange(low, high, unit);
  const one = (v: number): string => {
    const t = formatFigure(v);
    const neg = t.startsWith("-");
    const digits = neg ? t.slice(1) : t;
    if (unit === null) return t;
    const suffix = unit === "£m" ? "m" : unit === "£000" ? "k" : "";
    return `${neg ? "-" : ""}£${digits}${suffix}`;
  };
  if (tidy(low) === tidy(high)) return one(low);
  return `${one(low)}-${one(high)}`;
}

/** "£m", "m", "£000", "k", "£", "" -> a unit (null for none). Throws for anything else. */
export function parseRangeUnit(text: string): MoneyUnit | null {
  const t = text.trim().toLowerCase();
  if (t === "" || t === "none") return null;
  if (t === "£m" || t === "m" || t === "£ m" || t === "million" || t === "£million") return "£m";
  if (t === "£000" || t === "000" || t === "k" || t === "£k" || t === "£000s") return "£000";
  if (t === "£" || t === "gbp" || t === "pounds") return "£";
  throw new SavingsRangeError(`"${text}" is not a unit: use "£m", "£000", "£" or leave it blank.`);
}
