/**
 * How property-based tests (fast-check) run.
 *
 * - `npm test`: every property runs from one fixed seed, so the same commit always gives the same result.
 * - `npm run fuzz` (scripts/fuzz.mjs): a fresh random seed for the whole run, chosen and printed before it
 *   starts, and FUZZ_FACTOR times as many runs per property. A failure prints its seed and shrunk
 *   counterexample; rerun it with `npm run fuzz -- --seed N`, then keep the counterexample as a fixed test.
 *
 * The seed and factor arrive as environment variables so every vitest worker uses the same ones.
 */
import fc from "fast-check";

/** The seed `npm test` uses. Changing it is a deliberate act, like changing a fixture. */
export const FIXED_SEED = 20261128;

export const FUZZ = process.env.FUZZ === "1";
const FUZZ_FACTOR = Math.max(1, Number(process.env.FUZZ_FACTOR ?? 10) || 10);

/** The seed every property in this process runs from. */
export const PROPERTY_SEED = FUZZ && process.env.FC_SEED ? Number(process.env.FC_SEED) : FIXED_SEED;

/** Runs for a property that names its own count: `n` in `npm test`, FUZZ_FACTOR × n under `npm run fuzz`. */
export function runs(n: number): number {
  return FUZZ ? n * FUZZ_FACTOR : n;
}

/** Called once per worker from test/setup.ts. */
export function configureProperties(): void {
  fc.configureGlobal({ seed: PROPERTY_SEED, numRuns: runs(100) });
}
