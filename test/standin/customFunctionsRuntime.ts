/**
 * A stand-in for the custom functions runtime globals (`CustomFunctions.Error`, `CustomFunctions.ErrorCode`)
 * that Excel provides to add-ins. Installed for tests (test/setup.ts) and for the browser preview page,
 * where no Office runtime exists. Mirrors the real runtime's shape: `new CustomFunctions.Error(code, message)`.
 */

export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export class CustomFunctionsErrorStandIn extends Error {
  code: string;
  constructor(code: string = ErrorCode.invalidValue, message?: string) {
    super(message ?? code);
    this.name = "CustomFunctions.Error";
    this.code = code;
  }
}

/**
 * Install the stand-in on globalThis unless a real runtime is already there (a bare `associate` placed by
 * src/functions/runtimeGuard.ts when office.js is absent does not count as one).
 */
export function installCustomFunctionsRuntime(): void {
  const g = globalThis as unknown as { CustomFunctions?: Record<string, unknown> };
  if (g.CustomFunctions?.Error) return;
  g.CustomFunctions = {
    Error: CustomFunctionsErrorStandIn,
    ErrorCode,
    associate: () => undefined,
  };
}

/**
 * How a host passes a blank cell to a custom function: as a single-cell argument (`scalar`) and inside a range
 * argument (`inRange`). Excel on the web passes null; Excel desktop (Windows, Mac) passes 0, even inside ranges and
 * for untyped parameters (OfficeDev/office-js#4702 "0 in desktop and null in office web"; #5262, #1951).
 */
export interface BlankEncoding {
  scalar: null | 0;
  inRange: null | 0 | "";
}

export const BLANK_ENCODINGS = {
  web: { scalar: null, inRange: null },
  desktop: { scalar: 0, inRange: 0 },
} as const satisfies Record<string, BlankEncoding>;

/** Marks a blank cell in `asPassedBy`'s arguments (a scalar argument, or an element of a range argument). */
export const BLANK_CELL = Symbol("blank cell");

/**
 * Arguments as a host would pass them to a custom function: each BLANK_CELL (alone, or inside a 2-D range) becomes
 * the host's encoding. Lets function tests call `BUDGET_FUNCTIONS.X(...asPassedBy(encoding, args))` per profile.
 */
export function asPassedBy(encoding: BlankEncoding, args: readonly unknown[]): unknown[] {
  return args.map((a) => {
    if (a === BLANK_CELL) return encoding.scalar;
    if (Array.isArray(a)) return a.map((row: unknown) => (Array.isArray(row) ? row.map((c: unknown) => (c === BLANK_CELL ? encoding.inRange : c)) : row === BLANK_CELL ? encoding.inRange : row));
    return a;
  });
}
