/**
 * The add-in's custom functions inside HyperFormula (GPL-3.0: tests and the development preview only).
 *
 * `registerBudgetFunctions(HyperFormula, metadata)` registers every function described by the add-in's
 * functions.json metadata (as custom-functions-metadata generates it from src/functions/functions.ts) as a
 * HyperFormula function named `BUDGET.<id>` (HyperFormula accepts dotted names, as in NORM.DIST), so a sheet
 * formula reads exactly as in Excel: `=BUDGET.GRADECOST("KR17",1)`.
 *
 * Each function is registered with the parameters its metadata declares: the same count, the same optional
 * parameters, matrix parameters as ranges and scalar parameters by type (number, string, boolean, any).
 * Arguments reach the implementation as Excel passes them: numbers, strings, booleans, `null` for an omitted
 * argument, an argument left empty (`=F(1,,3)`) or an empty cell given as a scalar, ranges as rows of cells with "" for blank cells, and cell
 * errors as CustomFunctions.Error values. A thrown CustomFunctions.Error becomes the matching cell error
 * (#VALUE!, #N/A...) with its message. Matrix results spill: their size is predicted before evaluation
 * (HyperFormula needs it at parse time) by `RESULT_SIZES`; a function with a matrix result and no entry
 * there is refused at registration.
 *
 * Usage (tests): `registerBudgetFunctions(HyperFormula, JSON.parse(functionsJsonText))` once, then
 * `HyperFormula.buildFromSheets(...)` with `licenseKey: "gpl-v3"`. In the browser preview, fetch the built
 * `functions.json` and pass it in. Registering twice replaces the earlier registration.
 */

import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  SimpleRangeValue,
  type FunctionArgument,
  type FunctionMetadata,
  type HyperFormula,
  type ImplementedFunctions,
} from "hyperformula";
import { BUDGET_FUNCTIONS } from "../../src/functions/functions";
import { CustomFunctionsErrorStandIn, ErrorCode, type BlankEncoding } from "./customFunctionsRuntime";

/** The part of functions.json this needs. */
export interface FunctionsJson {
  functions: Array<{
    id: string;
    name: string;
    description?: string;
    helpUrl?: string;
    parameters: Array<{ name: string; description?: string; type?: string; dimensionality?: "scalar" | "matrix"; optional?: boolean; repeating?: boolean }>;
    result?: { type?: string; dimensionality?: "scalar" | "matrix" };
    options?: Record<string, unknown>;
  }>;
}

export const NAMESPACE = "BUDGET";

type Cell = unknown;
/** The parts of HyperFormula's (unexported) ProcedureAst and InterpreterState used here. */
interface ProcedureAst {
  args: unknown[];
}
type InterpreterState = unknown;
type Implementation = (...args: unknown[]) => unknown;

/** How many columns x rows a matrix result spills over, from the formula's arguments (before evaluation). */
type SizeRule = (argSizes: ReadonlyArray<{ width: number; height: number } | null>) => { width: number; height: number };

/**
 * Spill sizes of the matrix-returning functions. DELTATABLE's height depends on the grades found, so it is
 * bounded above: a heading row, one row per grade cell given (before + after), and a total row; rows past the
 * real table are blank.
 */
export const RESULT_SIZES: Readonly<Record<string, SizeRule>> = {
  RANGETOTAL: () => ({ width: 2, height: 1 }),
  RANGEGAP: () => ({ width: 2, height: 1 }),
  DELTATABLE: (a) => ({ width: 6, height: 2 + cellCount(a[0]) + cellCount(a[2]) }),
};

function cellCount(s: { width: number; height: number } | null | undefined): number {
  return s ? s.width * s.height : 1;
}

const ERROR_CODES: Record<string, ErrorType> = {
  [ErrorCode.invalidValue]: ErrorType.VALUE,
  [ErrorCode.notAvailable]: ErrorType.NA,
  [ErrorCode.divisionByZero]: ErrorType.DIV_BY_ZERO,
  [ErrorCode.invalidNumber]: ErrorType.NUM,
  [ErrorCode.invalidName]: ErrorType.NAME,
  [ErrorCode.invalidReference]: ErrorType.REF,
};

const CELL_ERROR_CODES: Partial<Record<ErrorType, string>> = {
  [ErrorType.VALUE]: ErrorCode.invalidValue,
  [ErrorType.NA]: ErrorCode.notAvailable,
  [ErrorType.DIV_BY_ZERO]: ErrorCode.divisionByZero,
  [ErrorType.NUM]: ErrorCode.invalidNumber,
  [ErrorType.NAME]: ErrorCode.invalidName,
  [ErrorType.REF]: ErrorCode.invalidReference,
};

function argumentType(p: FunctionsJson["functions"][number]["parameters"][number]): FunctionArgumentType {
  if (p.dimensionality === "matrix") return FunctionArgumentType.RANGE;
  switch (p.type) {
    case "number":
      return FunctionArgumentType.NUMBER;
    case "string":
      return FunctionArgumentType.STRING;
    case "boolean":
      return FunctionArgumentType.BOOLEAN;
    default:
      return FunctionArgumentType.SCALAR;
  }
}

/** A HyperFormula value as Excel would pass it to a custom function. */
function toExcelScalar(v: unknown, blank: null | "" | 0): Cell {
  if (v === EmptyValue || v === undefined) return blank;
  if (v instanceof CellError) return new CustomFunctionsErrorStandIn(CELL_ERROR_CODES[v.type] ?? ErrorCode.invalidValue, v.message);
  if (typeof v === "object" && v !== null && "val" in v) return (v as { val: unknown }).val; // dates, currency, percent
  return v;
}

/** The stand-in's encoding before host profiles: "" for blanks in ranges, null for a blank single cell. */
export const LEGACY_BLANKS: BlankEncoding = { scalar: null, inRange: "" };

function toExcelArgument(v: unknown, matrix: boolean, blanks: BlankEncoding): Cell {
  if (v instanceof SimpleRangeValue) {
    const rows = v.rawData().map((r) => r.map((c) => toExcelScalar(c, blanks.inRange as null | "")));
    return matrix ? rows : rows[0]?.[0] ?? null;
  }
  if (v === undefined) return null; // omitted
  const s = toExcelScalar(v, blanks.scalar as null);
  return matrix ? [[s]] : s;
}

/** A result as a HyperFormula value. */
function fromExcelResult(r: unknown): unknown {
  if (Array.isArray(r)) {
    const rows = r.map((row) => (Array.isArray(row) ? row : [row]).map((c) => fromExcelScalar(c)));
    return SimpleRangeValue.onlyValues(rows as never);
  }
  return fromExcelScalar(r);
}

function fromExcelScalar(c: unknown): unknown {
  if (c === null || c === undefined) return EmptyValue;
  if (typeof c === "number" || typeof c === "string" || typeof c === "boolean") return c;
  return new CellError(ErrorType.VALUE, `Unexpected result value ${String(c)}`);
}

function toCellError(e: unknown): CellError {
  if (e instanceof CustomFunctionsErrorStandIn || (typeof e === "object" && e !== null && "code" in e)) {
    const code = String((e as { code: unknown }).code);
    return new CellError(ERROR_CODES[code] ?? ErrorType.VALUE, (e as { message?: string }).message);
  }
  return new CellError(ErrorType.ERROR, `Not a CustomFunctions.Error: ${e instanceof Error ? e.message : String(e)}`);
}

function isEmptyArgument(a: unknown): boolean {
  return typeof a === "object" && a !== null && (a as { type?: unknown }).type === "EMPTY";
}

function predictedSize(plugin: FunctionPlugin, rule: SizeRule, ast: ProcedureAst, state: InterpreterState): { width: number; height: number } {
  const sizes = ast.args.map((a) => {
    const s = (plugin as unknown as { arraySizeForAst(a: unknown, st: unknown): ArraySize }).arraySizeForAst(a, state);
    return { width: s.width, height: s.height };
  });
  return rule(sizes);
}

function padMatrix(rows: unknown[], width: number, height: number): unknown[][] {
  const out = rows.map((r) => (Array.isArray(r) ? [...(r as unknown[])] : [r]));
  if (out.length > height || out.some((r) => r.length > width)) {
    throw new CustomFunctionsErrorStandIn(ErrorCode.invalidValue, `The result (${out.length} rows) is larger than the ${height} x ${width} spill range predicted for it.`);
  }
  for (const r of out) while (r.length < width) r.push(null);
  while (out.length < height) out.push(Array.from({ length: width }, () => null));
  return out;
}

let registered: (new (...a: never[]) => FunctionPlugin) | null = null;

/**
 * Register the add-in's functions in HyperFormula. `metadata` is functions.json; `implementations` maps
 * metadata ids to functions (default: the add-in's own). Throws if the metadata names a function with no
 * implementation, or a matrix result with no spill-size rule.
 */
export function registerBudgetFunctions(
  HF: typeof HyperFormula,
  metadata: FunctionsJson,
  implementations: Readonly<Record<string, Implementation>> = BUDGET_FUNCTIONS as unknown as Record<string, Implementation>,
  /** How blank cells reach the functions (a host profile's: `BLANK_ENCODINGS.web` / `.desktop`). */
  blanks: BlankEncoding = LEGACY_BLANKS,
): string[] {
  const implemented: ImplementedFunctions = {};
  const methods: Record<string, (this: FunctionPlugin, ast: ProcedureAst, state: InterpreterState) => unknown> = {};
  const translations: Record<string, string> = {};
  const names: string[] = [];

  for (const f of metadata.functions) {
    const impl = implementations[f.id];
    if (typeof impl !== "function") throw new Error(`functions.json names ${f.id}, which has no implementation.`);
    const hfName = `${NAMESPACE}.${f.name.toUpperCase()}`;
    const method = `budget_${f.id}`;
    const matrixParams = f.parameters.map((p) => p.dimensionality === "matrix");
    const params: FunctionArgument[] = f.parameters.map((p) => ({
      argumentType: argumentType(p),
      ...(p.optional ? { optionalArg: true } : {}),
    }));
    const meta: FunctionMetadata = { method, parameters: params, vectorizationForbidden: true };
    if (f.result?.dimensionality === "matrix") {
      const rule = RESULT_SIZES[f.id];
      if (!rule) throw new Error(`${f.id} returns a matrix but has no spill size rule in RESULT_SIZES.`);
      const sizeMethod = `${method}_size`;
      meta.sizeOfResultArrayMethod = sizeMethod;
      methods[sizeMethod] = function (this: FunctionPlugin, ast: ProcedureAst, state: InterpreterState) {
        const { width, height } = predictedSize(this, rule, ast, state);
        return new ArraySize(width, height);
      };
    }
    const rule = f.result?.dimensionality === "matrix" ? RESULT_SIZES[f.id] : undefined;
    implemented[hfName] = meta;
    methods[method] = function (this: FunctionPlugin, ast: ProcedureAst, state: InterpreterState) {
      const run = (this as unknown as { runFunction: (a: unknown, s: unknown, m: unknown, fn: (...x: unknown[]) => unknown) => unknown }).runFunction;
      return run.call(this, ast.args, state, meta, (...args: unknown[]) => {
        // An argument left empty in the formula (=F(1,,3)) reaches Excel's functions as null, not 0 or "".
        const excelArgs = args.map((a, i) => (isEmptyArgument(ast.args[i]) ? null : toExcelArgument(a, matrixParams[i] ?? false, blanks)));
        // Excel passes every declared parameter; omitted trailing ones arrive as null.
        while (excelArgs.length < f.parameters.length) excelArgs.push(null);
        try {
          const result = impl(...excelArgs);
          if (rule && Array.isArray(result)) {
            // HyperFormula fixes a spill's size before evaluation: pad to it with blanks.
            const { width, height } = predictedSize(this, rule, ast, state);
            return fromExcelResult(padMatrix(result, width, height));
          }
          return fromExcelResult(result);
        } catch (e) {
          return toCellError(e);
        }
      });
    };
    translations[hfName] = hfName;
    names.push(hfName);
  }

  class BudgetFunctionsPlugin extends FunctionPlugin {
    static override implementedFunctions = implemented;
  }
  Object.assign(BudgetFunctionsPlugin.prototype, methods);
  if (registered) HF.unregisterFunctionPlugin(registered as never);
  const languages = HF.getRegisteredLanguagesCodes();
  const pack = Object.fromEntries(languages.map((l) => [l, translations]));
  HF.registerFunctionPlugin(BudgetFunctionsPlugin as never, pack);
  registered = BudgetFunctionsPlugin as never;
  return names;
}
