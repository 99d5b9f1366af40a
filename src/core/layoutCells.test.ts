import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runs } from "../../test/propertyRuns";
import { LAYOUT_STYLES, type LayoutCell, type LayoutStyleName } from "./layout";
import { LayoutCells } from "./layoutCells";

const STYLES = Object.keys(LAYOUT_STYLES) as LayoutStyleName[];

/** Cells as producers write them: any value kind, with or without a style, a format, a formula or a link. */
const cellArb: fc.Arbitrary<LayoutCell> = fc
  .record(
    {
      row: fc.integer({ min: -2, max: 1_048_580 }),
      col: fc.integer({ min: -2, max: 16_390 }),
      value: fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom("=SUM(A1)", "", "£1,000")),
      formula: fc.constantFrom("=SUM(C4:C9)", "=A1-B1"),
      result: fc.oneof(fc.double({ noNaN: true }), fc.string()),
      style: fc.constantFrom(...STYLES),
      numberFormat: fc.constantFrom("0.00", '"£"#,##0', "#,##0", ""),
      link: fc.record({ sheet: fc.string(), cell: fc.constantFrom("A1", "B7") }),
    },
    { requiredKeys: ["row", "col"] },
  )
  // A result belongs to a formula (LayoutCells keeps none without one).
  .map((c) => {
    const cell: LayoutCell = { ...c, ...(c.link ? { link: { ...c.link } } : {}) };
    if (cell.formula === undefined) delete cell.result;
    return cell;
  });

describe("a layout's cells stored by column", () => {
  it("give back every cell as it was added, in order, whichever way they were added (push, put, putText for texts; property)", () => {
    fc.assert(
      // Some lists start with 300 cells, so the columns have grown several times before the cells checked.
      // Room reserved up front, more or less than the cells need, changes nothing.
      fc.property(fc.array(cellArb, { maxLength: 80 }), fc.boolean(), fc.nat(400), (some, large, room) => {
        const filler: LayoutCell[] = large ? Array.from({ length: 300 }, (_, i) => ({ row: i, col: 1, value: i % 3 ? `x${i}` : i * 0.5, style: "body" })) : [];
        const cells = [...filler, ...some];
        const byPush = new LayoutCells();
        byPush.reserve(room);
        for (const c of cells) byPush.push(c);
        const byPut = new LayoutCells();
        for (const c of cells) {
          if (c.formula !== undefined && c.value === undefined && c.link === undefined) byPut.putFormula(c.row, c.col, c.formula, c.result, c.style, c.numberFormat);
          else if (c.formula === undefined && c.link === undefined && typeof c.value === "string") byPut.putText(c.row, c.col, c.value, c.style, c.numberFormat);
          else if (c.formula === undefined && c.link === undefined) byPut.put(c.row, c.col, c.value, c.style, c.numberFormat);
          else byPut.push(c);
        }
        for (const got of [byPush, byPut, LayoutCells.from(cells), byPush.clone()]) {
          expect(got.length).toBe(cells.length);
          expect(got.toArray()).toStrictEqual(cells);
          expect([...got]).toStrictEqual(cells);
          cells.forEach((c, i) => {
            expect([got.row(i), got.col(i), got.value(i), got.style(i), got.numberFormat(i), got.formula(i), got.result(i), got.link(i)]).toStrictEqual([
              c.row,
              c.col,
              c.value,
              c.style,
              c.numberFormat,
              c.formula,
              c.result,
              c.link,
            ]);
            expect(got.textAt(i)).toBe(typeof c.value === "string" ? c.value : undefined);
            expect(got.isNumber(i)).toBe(typeof c.value === "number");
            if (typeof c.value === "number") expect(got.numberAt(i)).toBe(c.value);
            expect(got.hasFormula(i)).toBe(c.formula !== undefined);
            expect(got.shown(i)).toStrictEqual(c.formula !== undefined ? c.result : c.value);
            expect(got.hasLink(i)).toBe(c.link !== undefined);
          });
        }
      }),
      { numRuns: runs(200) },
    );
  });

  it("number styles and formats the same way for the same ones, so a renderer can key on them (property)", () => {
    fc.assert(
      fc.property(fc.array(cellArb, { minLength: 1, maxLength: 40 }), (cells) => {
        const a = LayoutCells.from(cells);
        for (let i = 0; i < cells.length; i++) {
          for (let j = 0; j < cells.length; j++) {
            expect(a.styleId(i) === a.styleId(j)).toBe(cells[i].style === cells[j].style);
            expect(a.formatId(i) === a.formatId(j)).toBe(cells[i].numberFormat === cells[j].numberFormat);
          }
          expect(a.styleId(i) === 0).toBe(cells[i].style === undefined);
          expect(a.formatId(i) === 0).toBe(cells[i].numberFormat === undefined);
        }
      }),
      { numRuns: runs(100) },
    );
  });

  it("works like an array for code that reads a few cells: at, find, filter, some, every, map, forEach, reduce", () => {
    const cells = LayoutCells.of({ row: 0, col: 0, value: "Title", style: "title" }, { row: 1, col: 2, value: 5, style: "number" }, { row: 2, col: 2, formula: "=SUM(C2)", result: 5, style: "totalNumber" });
    expect(cells.at(-1)).toStrictEqual({ row: 2, col: 2, formula: "=SUM(C2)", result: 5, style: "totalNumber" });
    expect(cells.at(3)).toBeUndefined();
    expect(cells.at(1.5)).toBeUndefined();
    expect(cells.find((c) => c.col === 2)?.value).toBe(5);
    expect(cells.filter((c) => c.col === 2)).toHaveLength(2);
    expect(cells.some((c) => c.formula !== undefined)).toBe(true);
    expect(cells.every((c) => c.row >= 0)).toBe(true);
    expect(cells.map((c, i) => `${i}:${c.row}`)).toEqual(["0:0", "1:1", "2:2"]);
    expect(cells.reduce((n, c) => n + c.row, 0)).toBe(3);
    const seen: number[] = [];
    cells.forEach((c) => seen.push(c.col));
    expect(seen).toEqual([0, 2, 2]);
  });

  it("a changed value in a copy leaves the original, and keeps the cell's style, format, formula and link", () => {
    const original = LayoutCells.of({ row: 0, col: 0, value: "long text", style: "link", numberFormat: "@", link: { sheet: "Cover", cell: "A1" } });
    const copy = original.clone();
    copy.replaceValue(0, "short");
    expect(copy.at(0)).toStrictEqual({ row: 0, col: 0, value: "short", style: "link", numberFormat: "@", link: { sheet: "Cover", cell: "A1" } });
    expect(original.at(0)?.value).toBe("long text");
    copy.push({ row: 1, col: 0, value: 1 });
    expect(original.length).toBe(1);
    expect(() => copy.replaceValue(5, "x")).toThrow(RangeError);
  });

  it("refuses a position that is not a whole number, and a style that does not exist", () => {
    const cells = new LayoutCells();
    expect(() => cells.put(1.5, 0, "x")).toThrow(/whole numbers: row 1.5, column 0/);
    expect(() => cells.put(0, Number.NaN, "x")).toThrow(RangeError);
    expect(() => cells.put(2 ** 31, 0, "x")).toThrow(RangeError);
    expect(() => cells.put(0, 0, "x", "toString" as LayoutStyleName)).toThrow(/not a layout style/);
    expect(cells.length).toBe(0);
  });

  it("keeps every cell of a large layout", () => {
    const cells = new LayoutCells();
    for (let i = 0; i < 10_000; i++) {
      // Room reserved part of the way, as a producer does once it knows its size.
      if (i === 100) cells.reserve(5_000);
      cells.put(i, i % 7, i % 2 ? `t${i}` : i, i % 3 ? "body" : undefined, i % 5 ? undefined : "0.00");
    }
    expect(cells.length).toBe(10_000);
    const copy = cells.clone();
    copy.replaceValue(9_999, "changed");
    expect(copy.at(9_999)?.value).toBe("changed");
    expect(cells.at(9_999)?.value).toBe("t9999");
    expect(copy.toArray().slice(0, 9_999)).toStrictEqual(cells.toArray().slice(0, 9_999));
    for (const i of [0, 1, 15, 16, 17, 4095, 9_999]) expect(cells.at(i)).toStrictEqual({ row: i, col: i % 7, value: i % 2 ? `t${i}` : i, ...(i % 3 ? { style: "body" } : {}), ...(i % 5 ? {} : { numberFormat: "0.00" }) });
  });
});
