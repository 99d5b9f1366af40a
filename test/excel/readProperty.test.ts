import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runs } from "../propertyRuns";
import { readSheetSnapshot, textEntry } from "../../src/excel";
import type { SeedCell } from "../standin/excel";
import { installStandIn } from "./helpers";

const cellArb: fc.Arbitrary<SeedCell> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.constantFrom("=x", "'quoted", "-5", "£1,234", "#REF!", "TRUE", "01/04/2024", "(12)"),
);

describe("readSheetSnapshot over random grids (property)", () => {
  it("returns exactly what was written as text/constants, whatever the chunking", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cellArb, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 600, max: 20_000 }),
        async (grid, budget) => {
          // Strings go in as Excel keeps text (the same helper the add-in uses), so they must read back unchanged.
          const seeded = grid.map((row) => row.map((v) => (typeof v === "string" ? textEntry(v) : v)));
          const standIn = installStandIn({ sheets: { Grid: seeded } });
          const snap = await readSheetSnapshot({ scope: { address: `A1:D${grid.length}` }, responseBudgetBytes: budget });
          expect(standIn.stats.rejected).toBe(0);
          // The snapshot is clipped to the used range; pad it back to the written grid for comparison.
          const values = grid.map((row, r) => row.map((_, c) => snap.values[r]?.[c] ?? null));
          expect(values).toEqual(grid.map((row) => row.map((v) => (v === "" ? null : v))));
          expect(snap.formulas.flat().every((f) => f === null)).toBe(true);
          expect(snap.origin).toEqual({ row: 0, col: 0 });
        },
      ),
      { numRuns: runs(60) },
    );
  });
});
