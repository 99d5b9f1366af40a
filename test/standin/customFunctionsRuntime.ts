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
