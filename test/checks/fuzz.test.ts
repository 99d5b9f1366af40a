/**
 * Fuzz: random grids of values, formulas and text never crash the checker, and every finding (and every
 * cell a fix edits) lies inside the grid. Generated correct tables give no false alarms.
 */
import fc from "fast-check";
import { runs } from "../propertyRuns";
import { describe, expect, it } from "vitest";
import { cellAddress, parseCellAddress } from "../../src/core/a1";
import { applyEditsToSnapshot, checkSheet } from "../../src/core/checks";
import type { CellValue } from "../../src/core/sheetSnapshot";
import { snapshotFromRows } from "../../src/core/sheetSnapshot";
import { fixtureSnapshot } from "../fixtures/budgetSheets";

const words = [
  "Service", "Type of service", "Gross", "Net £000", "Gross budget for market review", "Savings stream", "Potential saving £m",
  "Total", "Sub-total", "Grand total", "Savings requirement", "Libraries", "Property", "Frontline services", "Shortfall",
  "£15,125,000", "(1,234)", "15,125,000 ", "1.2m", "15-20", "20-15", "£15m-£20m", "15 to 20", "abc", "-", "", " ", "TBC",
  "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "=", "Libraries",
];

const formulaArb = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 6 })).map(
    ([a, b, c]) => `=SUM(${cellAddress(Math.min(a, b), c)}:${cellAddress(Math.max(a, b), c)})`,
  ),
  fc.array(fc.tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 4 }).map(
    (cells) => "=" + cells.map(([r, c]) => cellAddress(r, c)).join("+"),
  ),
  fc.constantFrom("=SUM(C:C)", "=SUBTOTAL(9,B1:B20)", "=#REF!+1", "=VLOOKUP(A1,B:C,2,0)", "=SUM(", "=A1-B2", "=SUM(Other!A1:A3)"),
);

const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.constantFrom(...words) },
  { weight: 3, arbitrary: fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: formulaArb },
);

const gridArb = fc
  .tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 7 }))
  .chain(([rows, cols]) =>
    fc.record({
      rows: fc.array(fc.array(cellArb, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
      calculated: fc.array(fc.array(fc.oneof(fc.constant(null), fc.integer({ min: -1e6, max: 1e9 }), fc.constant("#REF!")), { minLength: cols, maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      }),
      origin: fc.record({ row: fc.integer({ min: 0, max: 50 }), col: fc.integer({ min: 0, max: 10 }) }),
      merge: fc.option(fc.tuple(fc.integer({ min: 0, max: rows - 1 }), fc.integer({ min: 0, max: cols - 1 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))),
    }),
  );

describe("fuzz", () => {
  it("random grids never crash the checker and every finding points inside the grid", () => {
    fc.assert(
      fc.property(gridArb, ({ rows, calculated, origin, merge }) => {
        const snap = snapshotFromRows("Fuzz", rows, calculated);
        snap.origin = origin;
        const nRows = snap.values.length;
        const nCols = snap.values[0].length;
        if (merge) {
          const [r, c, h, w] = merge;
          snap.merges = [{ row: origin.row + r, col: origin.col + c, rowCount: Math.min(h, nRows - r), colCount: Math.min(w, nCols - c) }];
        }
        const inside = (a1: string): boolean => {
          const ref = parseCellAddress(a1);
          return ref.row >= origin.row && ref.row < origin.row + nRows && ref.col >= origin.col && ref.col < origin.col + nCols;
        };
        const findings = checkSheet(snap);
        for (const f of findings) {
          expect(f.sheet).toBe("Fuzz");
          expect(inside(f.cell), `${f.rule} at ${f.cell}`).toBe(true);
          expect(f.message).not.toMatch(/NaN|undefined|Infinity|\[object/);
          for (const e of f.fix?.edits ?? []) expect(inside(e.cell), `fix of ${f.rule} edits ${e.cell}`).toBe(true);
          if (f.fix) expect(() => applyEditsToSnapshot(snap, f.fix?.edits ?? [])).not.toThrow();
        }
      }),
      { numRuns: runs(1500) },
    );
  });

  it("generated correct budget tables give no errors or warnings", () => {
    const lineArb = fc.record({ gross: fc.integer({ min: 1_000_000, max: 40_000_000 }), netShare: fc.double({ min: -0.2, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(
        fc.array(fc.array(lineArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.boolean(),
        (groups, subtotals, blankSeparators) => {
          const rows: CellValue[][] = [["Type of service", "Service", "Gross budget for market review", "Net budget for market review"]];
          const subRows: number[] = [];
          let n = 0;
          groups.forEach((g, gi) => {
            const start = rows.length + 1;
            g.forEach((l) => {
              n++;
              rows.push([`Type ${gi + 1}`, `Service ${n}`, l.gross, Math.round(l.gross * l.netShare)]);
            });
            if (subtotals) {
              const end = rows.length;
              rows.push([`Total type ${gi + 1}`, null, `=SUM(C${start}:C${end})`, `=SUM(D${start}:D${end})`]);
              subRows.push(rows.length);
            }
            if (blankSeparators) rows.push([null, null, null, null]);
          });
          const lastLine = rows.length;
          rows.push(
            subtotals
              ? ["Total", null, `=${subRows.map((r) => `C${r}`).join("+")}`, `=SUM(${subRows.map((r) => `D${r}`).join(",")})`]
              : ["Total", null, `=SUM(C2:C${lastLine})`, `=SUM(D2:D${lastLine})`],
          );
          const findings = checkSheet(fixtureSnapshot({ name: "Gen", rows }));
          const alarms = findings.filter((f) => f.severity !== "info");
          expect(alarms.map((f) => `${f.cell} ${f.rule}: ${f.message}`)).toEqual([]);
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it("a fault planted at random in a generated table is found at its cell", () => {
    const lineArb = fc.record({ gross: fc.integer({ min: 1_000_000, max: 40_000_000 }), netShare: fc.double({ min: 0, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(
        fc.array(fc.array(lineArb, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom("text", "shrink", "grow-up", "typed-wrong", "typed-right", "blank-service", "blank-net", "net-over-gross"),
        fc.nat(),
        (groups, fault, pick) => {
          const rows: CellValue[][] = [["Type of service", "Service", "Gross budget for market review", "Net budget for market review"]];
          const lineRows: number[] = [];
          const subRows: { row: number; start: number; end: number }[] = [];
          let n = 0;
          groups.forEach((g, gi) => {
            const start = rows.length + 1;
            g.forEach((l) => {
              n++;
              rows.push([`Type ${gi + 1}`, `Service ${n}`, l.gross, Math.round(l.gross * l.netShare)]);
              lineRows.push(rows.length);
            });
            const end = rows.length;
            rows.push([`Total type ${gi + 1}`, null, `=SUM(C${start}:C${end})`, `=SUM(D${start}:D${end})`]);
            subRows.push({ row: rows.length, start, end });
          });
          rows.push(["Total", null, `=SUM(${subRows.map((s) => `C${s.row}`).join(",")})`, `=SUM(${subRows.map((s) => `D${s.row}`).join(",")})`]);
          const line = lineRows[pick % lineRows.length];
          const sub = subRows[pick % subRows.length];
          let expected: string;
          switch (fault) {
            case "text":
              rows[line - 1][2] = `£${(rows[line - 1][2] as number).toLocaleString("en-GB")}`;
              expected = `C${line} number-as-text`;
              break;
            case "shrink":
              rows[sub.row - 1][2] = `=SUM(C${sub.start}:C${sub.end - 1})`;
              expected = `C${sub.row} sum-range-gap`;
              break;
            case "grow-up": {
              // The sub-total reaches up into the previous group's sub-total: double counting.
              const k = pick % subRows.length;
              fc.pre(k > 0);
              rows[sub.row - 1][2] = `=SUM(C${sub.start - 1}:C${sub.end})`;
              expected = `C${sub.row} sum-range-gap`;
              break;
            }
            case "typed-right": {
              const total = groups.flat().reduce((acc, l) => acc + l.gross, 0);
              rows[rows.length - 1][2] = total;
              expected = `C${rows.length} total-hardcoded`;
              break;
            }
            case "typed-wrong":
              rows[rows.length - 1][2] = 1234;
              expected = `C${rows.length} total-mismatch`;
              break;
            case "blank-service":
              rows[line - 1][1] = null;
              expected = `B${line} blank-service`;
              break;
            case "blank-net":
              rows[line - 1][3] = null;
              expected = `D${line} missing-value`;
              break;
            default:
              rows[line - 1][3] = (rows[line - 1][2] as number) + 1000;
              expected = `D${line} net-exceeds-gross`;
          }
          const findings = checkSheet(fixtureSnapshot({ name: "Planted", rows })).map((f) => `${f.cell} ${f.rule}`);
          expect(findings).toContain(expected);
        },
      ),
      { numRuns: runs(400) },
    );
  });
});
