/** sheetNamer names many sheets in linear time: the same names as uniqueSheetName over the growing list. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitiseSheetName, SHEET_NAME_MAX, sheetNamer, uniqueSheetName } from "../../src/core/layout";
import { runs } from "../propertyRuns";

/** sheetNamer before it kept each name's sanitised forms: every wanted name sanitised afresh. */
function referenceNamer(existing: readonly string[]): (wanted: string) => string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const nextSuffix = new Map<string, number>();
  return (wanted) => {
    const base = sanitiseSheetName(wanted);
    const key = base.toLowerCase();
    let name = base;
    if (taken.has(key)) {
      for (let i = nextSuffix.get(key) ?? 2; ; i++) {
        const suffix = ` (${i})`;
        const candidate = sanitiseSheetName(wanted, SHEET_NAME_MAX - suffix.length) + suffix;
        if (!taken.has(candidate.toLowerCase())) {
          nextSuffix.set(key, i + 1);
          name = candidate;
          break;
        }
      }
    }
    taken.add(name.toLowerCase());
    return name;
  };
}

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

  it("gives the names it gave before it kept each name's sanitised forms, however often a name is asked for (property)", () => {
    const wanted = fc.constantFrom("Structure Team Manager", "Structure Head of Children's Services Commissioning and Development", "A".repeat(40), "Report", "x/y", "");
    fc.assert(
      fc.property(fc.array(wanted, { maxLength: 5 }), fc.array(wanted, { maxLength: 60 }), (existing, asks) => {
        const next = sheetNamer(existing);
        const ref = referenceNamer(existing);
        const names = asks.map((w) => next(w));
        expect(names).toEqual(asks.map((w) => ref(w)));
        for (const n of names) expect(n.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
      }),
      { numRuns: runs(200) },
    );
  });
});
