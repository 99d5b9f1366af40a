/** `npm test` must give the same result for the same commit: every property runs from the fixed seed. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FIXED_SEED, FUZZ, runs } from "../propertyRuns";

describe.skipIf(FUZZ)("property tests under npm test", () => {
  it("run from the fixed seed with the stated number of runs", () => {
    expect(fc.readConfigureGlobal().seed).toBe(FIXED_SEED);
    expect(runs(25)).toBe(25);
  });

  it("draw the same values on every run of the same commit", () => {
    const draw = () => fc.sample(fc.string(), { numRuns: 5 });
    expect(draw()).toEqual(draw());
  });
});
