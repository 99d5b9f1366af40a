/**
 * parsePostRows against its earlier code (./parsePostRowsReference.ts) on random lists: any mapping of any
 * subset of the fields to columns (some unmapped), an origin, and hostile cells (error values, blanks, spaces,
 * numbers as text, statuses, dates, totals). The posts, the problems in order, the blank rows and the columns
 * must be the same.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePostRows, POST_FIELDS, type PostField } from "../../src/core/posts/postList";
import type { CellValue } from "../../src/core/sheetSnapshot";
import { runs } from "../propertyRuns";
import { referenceParsePostRows } from "./parsePostRowsReference";

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 10 }),
  fc.double({ noNaN: false }),
  fc.integer({ min: -5, max: 100_000 }),
  fc.boolean(),
  fc.constantFrom(" KR17 ", "kr 17", "1.0", " 0.5 ", "80%", "two", "deleted", "New", "amended", "Existing post", "#N/A", "#REF!", "#DIV/0!", "Total", "Grand total", "F010", "F001", "01/10/2024", "31/02/2024", "Legal JV", "ICT; HR", "\u00a0", "  ", ""),
);

const COLUMNS = 16;

describe("parsePostRows", () => {
  it("property: reads every list as its earlier code did, post for post and problem for problem", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: COLUMNS - 1 }), { nil: undefined }), { minLength: POST_FIELDS.length, maxLength: POST_FIELDS.length }),
        fc.nat(3),
        fc.record({ row: fc.nat(20), col: fc.nat(5) }),
        fc.array(fc.array(cell, { minLength: 0, maxLength: COLUMNS }), { maxLength: 25 }),
        (cols, headerRow, origin, body) => {
          const columns: Partial<Record<PostField, number>> = {};
          POST_FIELDS.forEach((f, i) => {
            if (cols[i] !== undefined) columns[f] = cols[i];
          });
          const values: CellValue[][] = [...Array.from({ length: headerRow + 1 }, () => []), ...body];
          const mapping = { headerRow, columns };
          expect(parsePostRows(values, mapping, { origin })).toStrictEqual(referenceParsePostRows(values, mapping, { origin }));
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
