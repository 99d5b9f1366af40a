/**
 * Excel's limits on one formula, as one check every formula this add-in writes must pass: the layouts core
 * builds (both renderers refuse a formula that fails it) and the fixes the checks offer.
 *
 * The limits, from Microsoft's "Excel specifications and limits" (Calculation specifications),
 * https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3
 * - length of formula contents: 8,192 characters (also [MS-OI29500] 2.1.1085, ST_Formula: "Excel restricts the
 *   contents of this simple type to be at most 8192 characters",
 *   https://learn.microsoft.com/en-us/openspecs/office_standards/ms-oi29500/8ebf82e4-4fa4-43a6-9ecd-d2d793a6f4bf);
 * - arguments in a function: 255;
 * - nested levels of functions: 64.
 * And one Excel states when it refuses a formula rather than in that table: "Text values in formulas are limited
 * to 255 characters" (a longer text has to be joined from pieces with &).
 *
 * Past any of them Excel will not take the formula: typed, it is refused; written through the Excel JavaScript
 * API, the write fails; in an .xlsx file, Excel says "We found a problem with some content" and drops it.
 *
 * How each is counted:
 * - length: the formula as typed, with its leading "=" (added when absent). The file stores it without the "="
 *   (ST_Formula), so this is one character stricter there: a formula that passes fits both;
 * - arguments: per function call, the separators at the call's own level plus one (none for "PI()"). A comma
 *   inside a nested call, an array constant {1,2;3,4}, brackets (the union (A1,B1) is one argument), a text
 *   "a,b", a quoted sheet name 'North, South'!A1 or a structured reference Costs[[#This Row],[Pay]] is not one
 *   of the call's separators. ";" counts as "," does (the separator in some locales' formulas);
 * - nesting: the function calls open at once, the outermost counting 1 (=SUM(A1) is 1 level; brackets that
 *   are not a call add none);
 * - text: the characters of a text constant as Excel reads it ("" inside is one quote).
 */
import { tokenizeFormula } from "./formulaTokens";

/** Characters in one formula, counted with its "=". */
export const EXCEL_FORMULA_MAX_CHARS = 8192;
/** Arguments in one function call. */
export const EXCEL_FUNCTION_MAX_ARGUMENTS = 255;
/** Function calls nested inside one another. */
export const EXCEL_FUNCTION_MAX_NESTING = 64;
/** Characters in one text constant inside a formula. */
export const EXCEL_FORMULA_TEXT_MAX_CHARS = 255;

/** What a formula holds that Excel limits. */
export interface FormulaMeasure {
  /** Characters, with the leading "=" (counted when absent). */
  length: number;
  /** The call given the most arguments (the first such, upper-cased as written, prefixes kept), or null with no calls. */
  mostArguments: { name: string; count: number } | null;
  /** The most function calls open at once (0 with none). */
  nesting: number;
  /** The longest text constant's characters as Excel reads them (0 with none). */
  longestText: number;
}

interface Frame {
  /** A function call (its name), or brackets / an array constant (null): their separators are not a call's. */
  name: string | null;
  separators: number;
  /** Anything but white space between the brackets: "PI()" has no arguments, "IF(A1,,)" three. */
  any: boolean;
}

/** Characters of a text constant as Excel reads it: between its quotes, "" read as one (an unclosed one runs to the end). */
function textLength(quoted: string): number {
  let count = 0;
  for (let i = 1; i < quoted.length; i++) {
    if (quoted[i] === '"') {
      if (quoted[i + 1] !== '"') break;
      i++;
    }
    count++;
  }
  return count;
}

/** Measure a formula (with or without its "="). Total: any text gives a measure, never an exception. */
export function measureFormula(formula: string): FormulaMeasure {
  const length = formula.startsWith("=") ? formula.length : formula.length + 1;
  const measure: FormulaMeasure = { length, mostArguments: null, nesting: 0, longestText: 0 };
  // Nothing to count without a bracket or a quote: most formulas a layout holds ("=C5-B5").
  if (!formula.includes("(") && !formula.includes('"')) return measure;
  const stack: Frame[] = [];
  let calls = 0;
  let pendingCall: string | null = null;
  const close = (frame: Frame): void => {
    if (frame.name === null) return;
    calls--;
    const count = frame.any ? frame.separators + 1 : 0;
    if (measure.mostArguments === null || count > measure.mostArguments.count) measure.mostArguments = { name: frame.name, count };
  };
  for (const t of tokenizeFormula(formula)) {
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    if (t.kind === "func") {
      if (top) top.any = true;
      pendingCall = (t.local ?? t.text).toUpperCase();
      continue;
    }
    if (t.kind === "open") {
      if (top) top.any = true;
      stack.push({ name: pendingCall, separators: 0, any: false });
      if (pendingCall !== null) {
        calls++;
        measure.nesting = Math.max(measure.nesting, calls);
      }
      pendingCall = null;
      continue;
    }
    pendingCall = null;
    if (t.kind === "brace" && t.text === "{") {
      if (top) top.any = true;
      stack.push({ name: null, separators: 0, any: false });
      continue;
    }
    if (t.kind === "close" || (t.kind === "brace" && t.text === "}")) {
      const frame = stack.pop();
      if (frame) close(frame);
      continue;
    }
    if (t.kind === "ws") continue;
    if (top) top.any = true;
    if (t.kind === "sep") {
      if (top) top.separators++;
    } else if (t.kind === "string") {
      measure.longestText = Math.max(measure.longestText, textLength(t.text));
    }
  }
  // Calls left open (a formula Excel would not take anyway) are counted as they stand.
  while (stack.length > 0) close(stack.pop() as Frame);
  return measure;
}

/**
 * The fewest characters (with the "=") of a formula past one of the limits, as they are counted here: 65 calls
 * open at once take a name and a bracket each (=F(F(...; 131 characters); 256 arguments take 255 separators and
 * F( (258); a text of 256 characters its opening quote (258); and 8,193 characters. A shorter formula is within
 * every limit without being measured (the 4,000 subtotals of a large members' pack are not tokenized for it).
 */
export const SHORTEST_OVER_LIMITS = Math.min(
  2 * (EXCEL_FUNCTION_MAX_NESTING + 1) + 1,
  EXCEL_FUNCTION_MAX_ARGUMENTS + 3,
  EXCEL_FORMULA_TEXT_MAX_CHARS + 3,
  EXCEL_FORMULA_MAX_CHARS + 1,
);

const n = (x: number): string => x.toLocaleString("en-GB");

/**
 * Why Excel would refuse this formula (with or without its "="), in words for a message, or null when it is
 * within every limit above. The first limit broken is named, in the order: length, arguments, nesting, text.
 */
export function formulaLimitReason(formula: string): string | null {
  if ((formula.startsWith("=") ? formula.length : formula.length + 1) < SHORTEST_OVER_LIMITS) return null;
  const m = measureFormula(formula);
  if (m.length > EXCEL_FORMULA_MAX_CHARS) return `it is ${n(m.length)} characters long, and Excel takes at most ${n(EXCEL_FORMULA_MAX_CHARS)} in a formula`;
  if (m.mostArguments && m.mostArguments.count > EXCEL_FUNCTION_MAX_ARGUMENTS)
    return `${m.mostArguments.name} is given ${n(m.mostArguments.count)} arguments, and Excel takes at most ${EXCEL_FUNCTION_MAX_ARGUMENTS} in one function`;
  if (m.nesting > EXCEL_FUNCTION_MAX_NESTING) return `its functions are nested ${n(m.nesting)} deep, and Excel takes at most ${EXCEL_FUNCTION_MAX_NESTING} levels`;
  if (m.longestText > EXCEL_FORMULA_TEXT_MAX_CHARS)
    return `a text in it is ${n(m.longestText)} characters long, and Excel takes at most ${EXCEL_FORMULA_TEXT_MAX_CHARS} in a text in a formula`;
  return null;
}

/** A formula shortened for a message: its first 60 characters and "…" when longer, so a refusal does not quote 14,000 characters. */
export function formulaForMessage(formula: string): string {
  return formula.length > 60 ? `${formula.slice(0, 60)}… (${n(formula.length)} characters)` : formula;
}
