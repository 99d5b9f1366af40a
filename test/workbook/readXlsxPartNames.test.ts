/**
 * Part names are compared without regard to ASCII case, as the Open Packaging Conventions say: a package whose
 * zip entries or relationship targets differ in case from each other reads as any other.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readXlsx } from "../../src/workbook/readXlsx";
import { runs } from "../propertyRuns";
import { miniParts, zipOf } from "./hostileFiles";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

describe("part names compared without regard to case (OPC, ECMA-376 Part 2, 9.1.1.1)", () => {
  it("reads a package whatever the case of its zip entries and of its relationships' targets (property)", async () => {
    const flip = (s: string, bits: readonly boolean[]): string =>
      s.replace(/[a-z]/gi, (ch, i: number) => (bits[i % bits.length] ? (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()) : ch));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 17 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 13 }), async (nameBits, targetBits) => {
        const parts = miniParts([{ name: "Budget", rows: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>7</v></c></row>` }], {
          sharedStrings: ["Libraries"],
          styles: `<styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="3"/></cellXfs></styleSheet>`,
        }).map((p) => ({
          name: p.name === "[Content_Types].xml" ? p.name : flip(p.name, nameBits),
          data: typeof p.data === "string" && p.name.endsWith(".rels") ? p.data.replace(/Target="([^"]*)"/g, (_m, t: string) => `Target="${flip(t, targetBits)}"`) : p.data,
        }));
        const [snap] = await readXlsx(zipOf(parts));
        expect(snap.values).toEqual([["Libraries", 7]]);
        expect(snap.numberFormats).toEqual([["General", "#,##0"]]);
      }),
      { numRuns: runs(30) },
    );
  });
});
