/**
 * Two shortcuts for the formulas the renderer writes: a plain formula (capital letters, digits, operators,
 * brackets: no text, no quoted or external reference, no prefixed name) is native unless it names a BUDGET.* or
 * outside function, without a tokenization (src/workbook/nativeFormula.ts); and a formula shorter than
 * SHORTEST_OVER_LIMITS is within Excel's limits without being measured (src/core/formulaLimits.ts, so every writer
 * has it). Each is checked against the full reading it skips.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runs } from "../propertyRuns";
import {
  EXCEL_FORMULA_MAX_CHARS,
  EXCEL_FORMULA_TEXT_MAX_CHARS,
  EXCEL_FUNCTION_MAX_ARGUMENTS,
  EXCEL_FUNCTION_MAX_NESTING,
  formulaLimitReason,
  measureFormula,
  SHORTEST_OVER_LIMITS,
} from "../../src/core/formulaLimits";
import { assertWithinLimits, LayoutRenderError, nonNativeReason, nonNativeReasonByTokens } from "../../src/workbook/nativeFormula";

/** Pieces of formulas made of the shortcut's characters, and names that must still be found. */
const PLAIN_PIECES = ["SUBTOTAL(", "SUM(", "IF(", "ROUND(", "C5", "$C$5", "C5:C54", "A1", "9", ",", ")", "+", "-", "*", "/", "^", "&", "=", "<>", "%", " ", ".", "!", "SHEET1!A1", "1.5", "2E+3", "(", ":"];
const RISKY_PIECES = ["BUDGET.GRADECOST(", "HYPERLINK(", "WEBSERVICE(", "FILTERXML(", "RTD(", "CALL(", "RECALL(", "REGISTER.ID(", "INDIRECT(", "BUDGET.", "INDIRECTLY"];
/** Characters the shortcut sends to the tokenizer. */
const OTHER_PIECES = ['"http://x"', "'Call (centre) posts'!A1", "[1]Sheet1!A1", "_xldudf_X(", "_xll.F(", "_xlfn.XLOOKUP(", "sum(", "{1,2}", ";", "#REF!", "Costs[Pay]"];

const formula = (pieces: string[]): fc.Arbitrary<string> => fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join(""));

describe("the plain-formula shortcut", () => {
  it("property: gives the tokenizer's answer for any formula, plain or not", () => {
    fc.assert(
      fc.property(formula([...PLAIN_PIECES, ...RISKY_PIECES, ...OTHER_PIECES]), (f) => {
        expect(nonNativeReason(f)).toBe(nonNativeReasonByTokens(f));
      }),
      { numRuns: runs(2000) },
    );
  });

  it("still finds a BUDGET.* function and one that reaches outside the workbook in a plain formula", () => {
    expect(nonNativeReason("SUM(BUDGET.GRADECOST(A1,1),2)")).toMatch(/BUDGET/);
    expect(nonNativeReason("=INDIRECT(A1)+1")).toMatch(/outside the workbook/);
    expect(nonNativeReason("SUBTOTAL(9,C5:C54)")).toBeNull();
  });
});

describe("the short-formula shortcut", () => {
  it("is the length of the shortest formula past a limit: 65 nested calls", () => {
    const deepest = `=${"F(".repeat(65)}${")".repeat(65)}`;
    const open = `=${"F(".repeat(65)}`;
    expect(open.length).toBe(131);
    expect(SHORTEST_OVER_LIMITS).toBe(open.length);
    expect(formulaLimitReason(open)).toMatch(/nested 65 deep/);
    expect(formulaLimitReason(deepest)).toMatch(/nested 65 deep/);
    expect(() => assertWithinLimits(open, "Sheet!A1")).toThrow(LayoutRenderError);
    expect(formulaLimitReason(`=${"F(".repeat(64)}`)).toBeNull();
  });

  it("property: a formula shorter than that is within every limit", () => {
    const pieces = ["F(", "SUM(", "(", ")", ",", ";", '"', '""', "{", "}", "A1", "1", " ", "'S'!A1", "[1]S!A1"];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 90 }).map((p) => `=${p.join("")}`.slice(0, SHORTEST_OVER_LIMITS - 1)),
        (f) => {
          // The full measure the shortcut skips finds every limit kept.
          const m = measureFormula(f);
          expect(m.length).toBeLessThanOrEqual(EXCEL_FORMULA_MAX_CHARS);
          expect(m.mostArguments?.count ?? 0).toBeLessThanOrEqual(EXCEL_FUNCTION_MAX_ARGUMENTS);
          expect(m.nesting).toBeLessThanOrEqual(EXCEL_FUNCTION_MAX_NESTING);
          expect(m.longestText).toBeLessThanOrEqual(EXCEL_FORMULA_TEXT_MAX_CHARS);
          expect(formulaLimitReason(f)).toBeNull();
          expect(() => assertWithinLimits(f, "Sheet!A1")).not.toThrow();
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  it("measures a longer formula: 256 arguments are refused", () => {
    const args = `=SUM(${Array.from({ length: 256 }, () => "1").join(",")})`;
    expect(() => assertWithinLimits(args, "Sheet!A1")).toThrow(/256 arguments/);
  });
});
