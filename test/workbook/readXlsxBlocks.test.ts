/**
 * Sparse sheets read as several blocks: each block keeps exactly the merges anchored in it (clipped to it),
 * assigned in one pass however many blocks and merges there are.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RangeRef } from "../../src/core/a1";
import type { SheetSnapshot } from "../../src/core/sheetSnapshot";
import { BLOCK_LIMIT, mergesOfBlocks, readXlsx, XlsxReadError } from "../../src/workbook/readXlsx";
import { runs } from "../propertyRuns";
import { miniXlsx } from "./hostileFiles";
import { columnLetters } from "../../src/core/a1";


/** `n` cells each 18 rows and columns from the next (further apart than a block spans): one block each. */
function isolated(n: number): [number, number][] {
  return Array.from({ length: n }, (_, k): [number, number] => [Math.floor(k / 900) * 18, (k % 900) * 18]);
}

const a1 = (row: number, col: number): string => `${columnLetters(col)}${row + 1}`;

/** A sheet of the given cells (row, col) and merges, rows in order as Excel writes them. */
function sheetXlsx(cells: readonly [number, number][], merges: readonly RangeRef[]): Uint8Array {
  const byRow = new Map<number, number[]>();
  for (const [r, c] of cells) byRow.set(r, [...(byRow.get(r) ?? []), c]);
  const rows = [...byRow.keys()]
    .sort((x, y) => x - y)
    .map((r) => `<row r="${r + 1}">${[...new Set(byRow.get(r))].sort((x, y) => x - y).map((c) => `<c r="${a1(r, c)}"><v>${r * 100 + c}</v></c>`).join("")}</row>`)
    .join("");
  const mergeXml = merges.map((m) => `<mergeCell ref="${a1(m.row, m.col)}:${a1(m.row + m.rowCount - 1, m.col + m.colCount - 1)}"/>`).join("");
  return miniXlsx([{ name: "Sparse", rows, after: merges.length > 0 ? `<mergeCells>${mergeXml}</mergeCells>` : "" }]);
}

/** What each snapshot should keep: every merge anchored in its box, clipped to it, in the sheet's order. */
function expectedMerges(snap: SheetSnapshot, merges: readonly RangeRef[]): RangeRef[] {
  const { row, col } = snap.origin;
  const rows = snap.values.length;
  const cols = snap.values[0]?.length ?? 0;
  return merges
    .filter((m) => m.row >= row && m.row < row + rows && m.col >= col && m.col < col + cols)
    .map((m) => ({ row: m.row, col: m.col, rowCount: Math.min(m.rowCount, row + rows - m.row), colCount: Math.min(m.colCount, col + cols - m.col) }));
}

describe("merges of a sheet read as many blocks", () => {
  it("each block keeps exactly the merges anchored in it, clipped to it (property)", async () => {
    const cell = fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 120 }));
    const merge = fc
      .record({ row: fc.integer({ min: 0, max: 400 }), col: fc.integer({ min: 0, max: 120 }), rowCount: fc.integer({ min: 1, max: 30 }), colCount: fc.integer({ min: 1, max: 30 }) })
      .filter((m) => m.rowCount * m.colCount > 1);
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 60 }), fc.array(merge, { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 59 }), { maxLength: 20 }), async (cells, merges, anchoredAt) => {
        // Some merges anchored on cells that exist, so most blocks have some.
        const all = [...merges, ...anchoredAt.filter((k) => k < cells.length).map((k) => ({ row: cells[k][0], col: cells[k][1], rowCount: 2, colCount: 3 }))];
        const snaps = await readXlsx(sheetXlsx(cells, all));
        for (const s of snaps) expect(s.merges).toEqual(expectedMerges(s, all));
        // Blocks never overlap, so no merge is kept twice.
        expect(snaps.reduce((n, s) => n + s.merges.length, 0)).toBe(all.filter((m) => snaps.some((s) => expectedMerges(s, [m]).length > 0)).length);
      }),
      { numRuns: runs(40) },
    );
  });

  it("9,000 isolated cells each with its merge: one block and one merge each", async () => {
    const cells: [number, number][] = [];
    const merges: RangeRef[] = [];
    for (const [r, c] of isolated(9_000)) {
      cells.push([r, c]);
      merges.push({ row: r, col: c, rowCount: 1, colCount: 2 });
    }
    const snaps = await readXlsx(sheetXlsx(cells, merges));
    expect(snaps).toHaveLength(9_000);
    for (const s of snaps) expect(s.merges).toEqual([{ row: s.origin.row, col: s.origin.col, rowCount: 1, colCount: 1 }]);
  });

  it("mergesOfBlocks: a merge anchored in a gap or outside every block is kept by none", () => {
    const blocks = [
      { minRow: 0, maxRow: 4, minCol: 0, maxCol: 4 },
      { minRow: 0, maxRow: 4, minCol: 10, maxCol: 12 },
      { minRow: 20, maxRow: 30, minCol: 0, maxCol: 12 },
    ];
    const m = (row: number, col: number): RangeRef => ({ row, col, rowCount: 2, colCount: 2 });
    expect(mergesOfBlocks(blocks, [m(4, 4), m(2, 7), m(10, 0), m(3, 11), m(25, 11), m(0, 0), m(31, 0)])).toEqual([[m(4, 4), m(0, 0)], [m(3, 11)], [m(25, 11)]]);
  });
});

describe("cells scattered one by one: refused past BLOCK_LIMIT blocks, before the snapshots are built", () => {
  it("refuses a sheet of 10,001 isolated cells, and one of 200,000, in a sentence naming the sheet", async () => {
    expect(BLOCK_LIMIT).toBe(10_000);
    for (const n of [BLOCK_LIMIT + 1, 200_000]) {
      const e = await readXlsx(sheetXlsx(isolated(n), [])).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(XlsxReadError);
      expect((e as Error).message).toBe(
        'The sheet "Sparse" has cells scattered far apart in more than 10,000 separate groups, more than can be read here. Delete the stray cells or move them together, or check it in Excel.',
      );
    }
  });

  it("counts the blocks of every sheet of the workbook", async () => {
    const byRow = (n: number): string => {
      const m = new Map<number, string>();
      for (const [r, c] of isolated(n)) m.set(r, (m.get(r) ?? "") + `<c r="${a1(r, c)}"><v>1</v></c>`);
      return [...m].map(([r, cs]) => `<row r="${r + 1}">${cs}</row>`).join("");
    };
    const bytes = miniXlsx([
      { name: "One", rows: byRow(8_000) },
      { name: "Two", rows: byRow(8_000) },
    ]);
    await expect(readXlsx(bytes)).rejects.toThrow(/^The sheet "Two" has cells scattered far apart in more than 10,000 separate groups, counting the workbook's other sheets, more than can be read here\./);
  });
});
