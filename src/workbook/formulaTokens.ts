/**
 * The formula tokenizer moved to src/core/formulaTokens.ts (it is pure, and core's formula limits use it).
 * This re-export keeps the imports of renderLayout.ts and readXlsx.ts working until they import from core;
 * delete it then. New code imports from "../core/formulaTokens".
 */
export { calledFunctions, isCellAddress, joinTokens, shiftFormula, tokenizeFormula, type FormulaToken, type FormulaTokenKind } from "../core/formulaTokens";
