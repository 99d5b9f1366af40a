/**
 * The rule every formula in a generated workbook must keep: native Excel only, nothing that reaches outside the
 * workbook. Used by the renderer (src/workbook/renderLayout.ts, which exports these) and its sheet writer.
 */
import { formulaForMessage, formulaLimitReason } from "../core/formulaLimits";
import { tokenizeFormula } from "../core/formulaTokens";

/** Error thrown when a layout breaks a rule of the generated workbooks (a bug in the caller, not user input). */
export class LayoutRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LayoutRenderError";
  }
}

/** Functions that reach outside the workbook (a generated workbook must not call them). */
const OUTSIDE_FUNCTIONS = new Set(["HYPERLINK", "WEBSERVICE", "FILTERXML", "RTD", "CALL", "REGISTER.ID", "INDIRECT"]);

/**
 * A formula of these characters only holds no text (no quotes), no quoted or external reference (no ' or [), and
 * no _xlfn., _xll. or _xldudf_ name (no _), so the tokenizer can find nothing below but a function's name: a
 * BUDGET.* function or one of OUTSIDE_FUNCTIONS, which NAMED_RISK finds in the text (anywhere, so a longer name
 * holding one, RECALL, is read by the tokenizer too). Lower-case letters go to the tokenizer as well. Most formulas a
 * layout holds ("=SUBTOTAL(9,C5:C54)", "=C5-B5") are settled by two patterns instead of a tokenization: 4,000
 * subtotals took 20 ms to tokenize in a cold render.
 */
const PLAIN_FORMULA = /^[A-Z0-9 (),:$.!+\-*/^&=<>%]*$/;
const NAMED_RISK = new RegExp(["BUDGET.", ...OUTSIDE_FUNCTIONS].map((n) => n.replace(/\./g, "\\.")).join("|"));

/** Why a formula is not a plain native formula a generated workbook may hold, or null when it is. */
export function nonNativeReason(formula: string): string | null {
  if (PLAIN_FORMULA.test(formula) && !NAMED_RISK.test(formula)) return null;
  return nonNativeReasonByTokens(formula);
}

/** nonNativeReason as the tokenizer reads the formula, without the shortcut for plain formulas (tests compare them). */
export function nonNativeReasonByTokens(formula: string): string | null {
  // Read with the formula tokenizer, not patterns: a quoted sheet name like 'Call (centre) posts'! or
  // 'Budget.2025 posts'! is a sheet, not a function call.
  for (const t of tokenizeFormula(formula)) {
    const local = (t.local ?? t.text).toUpperCase();
    if (t.kind === "func") {
      const fn = local.replace(/^_XLFN\./, "").replace(/^_XLWS\./, "");
      if (fn.startsWith("BUDGET.")) return "a BUDGET.* custom function";
      if (fn.includes("_XLDUDF_")) return "a custom-function (_xldudf_) reference";
      if (fn.startsWith("_XLL.")) return "an add-in (_xll.) function";
      if (OUTSIDE_FUNCTIONS.has(fn)) return "a function that reaches outside the workbook";
      if (t.book) return "an external workbook reference";
    } else if (t.kind === "ref" || t.kind === "name") {
      if (t.book) return "an external workbook reference";
      if (t.kind === "name" && local.includes("_XLDUDF_")) return "a custom-function (_xldudf_) reference";
    } else if (t.kind === "string" && /[a-z]+:\/\//i.test(t.text)) return "a URL";
  }
  return null;
}

/** Throws when a formula is not a plain native formula a generated workbook may hold. */
export function assertNativeFormula(formula: string, where: string): void {
  const why = nonNativeReason(formula);
  if (why) throw new LayoutRenderError(`${where}: formula ${formula} contains ${why}`);
  assertWithinLimits(formula, where);
}

/**
 * Throws when Excel would refuse the formula (src/core/formulaLimits.ts): in a file, Excel reports "We found a
 * problem with some content" and drops it, so the workbook is not written at all.
 */
export function assertWithinLimits(formula: string, where: string): void {
  const over = formulaLimitReason(formula);
  if (over) throw new LayoutRenderError(`${where}: the formula ${formulaForMessage(formula)} cannot be written, as Excel would refuse it: ${over}.`);
}
