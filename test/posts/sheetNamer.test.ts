/** sheetNamer names many sheets in linear time: the same names as uniqueSheetName over the growing list. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sheetNamer, uniqueSheetName } from "../../src/core/layout";

describe("sheetNamer", () => {
  it("gives the names uniqueSheetName gives, one after another (property)", () => {
    const wanted = fc.oneof(fc.constantFrom("Structure ICT", "structure ict", "Structure ICT (2)", "A".repeat(40), "Report", "Report (3)", "x/y", ""), fc.string({ maxLength: 40 }));
    fc.assert(
      fc.property(fc.array(wanted, { maxLength: 5 }), fc.array(wanted, { maxLength: 40 }), (existing, asks) => {
        const names = [...existing];
        const expected = asks.map((w) => {
          const n = uniqueSheetName(w, names);
          names.push(n);
          return n;
        });
        const next = sheetNamer(existing);
        expect(asks.map((w) => next(w))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
