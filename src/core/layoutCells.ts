/**
 * A layout's cells, stored by column: positions, kinds, styles and number formats in typed arrays, numbers in a
 * Float64Array, text in one list, and the rare formulas and links beside them. A members' pack copies every budget
 * line into its budget sheet (4,000,000 cells for a 1,000,000-line budget) and an impact sheet holds a few cells
 * per post: one object per cell cost about 70 bytes each and, while a layout was being built, copying by the
 * young-generation collector; here a cell costs about 23 bytes and nothing per cell is left for the collector.
 *
 * Cells keep the order they were added in (renderers rely on it: of two cells at one place, the later wins).
 * `at`, iteration and the array-like helpers (find, filter, ...) give each cell as a LayoutCell made on demand,
 * for code that reads a few cells or checks a layout; renderers read the columns by index.
 */
import { LAYOUT_STYLES, type LayoutCell, type LayoutStyleName } from "./layout";

/** The value of a cell that is a constant. */
export type LayoutValue = string | number | boolean | null;

/** Style names by id (id 0 is "no style"), in LAYOUT_STYLES' order. */
const STYLE_NAMES = [undefined, ...(Object.keys(LAYOUT_STYLES) as LayoutStyleName[])] as const;
/** Ids by name, as an object of fixed shape (a keyed load, where a Map lookup hashed the name each time). */
const STYLE_IDS = Object.fromEntries(STYLE_NAMES.flatMap((n, i) => (n === undefined ? [] : [[n, i]]))) as Record<LayoutStyleName, number>;

/** What `kind` holds: the value's type in the low bits, and whether the cell has a formula or a link. */
const NONE = 0;
const NULL = 1;
const NUMBER = 2;
const TEXT = 3;
const FALSE = 4;
const TRUE = 5;
const VALUE_BITS = 7;
const HAS_FORMULA = 8;
const HAS_LINK = 16;

const INITIAL_CAPACITY = 16;

function styleId(style: LayoutStyleName | undefined): number {
  if (style === undefined) return 0;
  const id = Object.hasOwn(STYLE_IDS, style) ? STYLE_IDS[style] : undefined;
  if (id === undefined) throw new RangeError(`"${String(style)}" is not a layout style`);
  return id;
}

export class LayoutCells implements Iterable<LayoutCell> {
  private count = 0;
  private rows = new Int32Array(INITIAL_CAPACITY);
  private cols = new Int32Array(INITIAL_CAPACITY);
  private kinds = new Uint8Array(INITIAL_CAPACITY);
  private styles = new Uint8Array(INITIAL_CAPACITY);
  /** Number format id + 1 (0: none), into `formats`. */
  private formatIds = new Uint16Array(INITIAL_CAPACITY);
  /** A number value, or the index of a text value in `texts`. */
  private nums = new Float64Array(INITIAL_CAPACITY);
  private readonly texts: string[] = [];
  private readonly formats: string[] = [];
  private readonly formatIdOf = new Map<string, number>();
  private readonly formulas = new Map<number, { formula: string; result: number | string | undefined }>();
  private readonly links = new Map<number, { sheet: string; cell: string }>();

  /** Cells from LayoutCell objects, in order. */
  static from(cells: Iterable<LayoutCell>): LayoutCells {
    const out = new LayoutCells();
    for (const c of cells) out.push(c);
    return out;
  }

  static of(...cells: LayoutCell[]): LayoutCells {
    return LayoutCells.from(cells);
  }

  /** Room for `n` cells in all, so a layout that knows its size grows its columns once. */
  reserve(n: number): void {
    if (n > this.rows.length) this.grow(n);
  }

  get length(): number {
    return this.count;
  }

  /**
   * A constant (strings are always written as text), with its style and a number format that overrides the
   * style's. Returns the cell's index. Throws a RangeError for a position that is not a whole number (a position
   * outside the sheet is left to the renderers, which name the sheet).
   */
  put(row: number, col: number, value: LayoutValue | undefined, style?: LayoutStyleName, numberFormat?: string): number {
    const i = this.add(row, col, style, numberFormat);
    this.setValue(i, value);
    return i;
  }

  /** A native formula ("=SUM(C4:C9)") with the result core computed for it. Returns the cell's index. */
  putFormula(row: number, col: number, formula: string, result: number | string | undefined, style?: LayoutStyleName, numberFormat?: string): number {
    const i = this.add(row, col, style, numberFormat);
    this.kinds[i] = HAS_FORMULA;
    this.formulas.set(i, { formula, result });
    return i;
  }

  /** Cells given as objects, added in order (as Array.prototype.push); returns the new length. */
  push(...cells: LayoutCell[]): number {
    for (const c of cells) {
      const i = this.add(c.row, c.col, c.style, c.numberFormat);
      this.setValue(i, c.value);
      // A result belongs to a formula: without one it is not kept.
      if (c.formula !== undefined) {
        this.kinds[i] |= HAS_FORMULA;
        this.formulas.set(i, { formula: c.formula, result: c.result });
      }
      if (c.link !== undefined) {
        this.kinds[i] |= HAS_LINK;
        this.links.set(i, { sheet: c.link.sheet, cell: c.link.cell });
      }
    }
    return this.count;
  }

  /** Give cell `i` another constant (its position, style, format, formula and link stay). */
  replaceValue(i: number, value: LayoutValue | undefined): void {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`No cell ${i} in a layout of ${this.count}`);
    const flags = this.kinds[i] & ~VALUE_BITS;
    this.setValue(i, value);
    this.kinds[i] |= flags;
  }

  /** A copy that can be changed without changing this one. */
  clone(): LayoutCells {
    const c = new LayoutCells();
    c.count = this.count;
    c.rows = this.rows.slice();
    c.cols = this.cols.slice();
    c.kinds = this.kinds.slice();
    c.styles = this.styles.slice();
    c.formatIds = this.formatIds.slice();
    c.nums = this.nums.slice();
    c.texts.push(...this.texts);
    c.formats.push(...this.formats);
    for (const [k, v] of this.formatIdOf) c.formatIdOf.set(k, v);
    for (const [k, v] of this.formulas) c.formulas.set(k, { ...v });
    for (const [k, v] of this.links) c.links.set(k, { ...v });
    return c;
  }

  row(i: number): number {
    return this.rows[i];
  }

  col(i: number): number {
    return this.cols[i];
  }

  /** The constant, if the cell has one (undefined for none; a formula cell's value is its formula's). */
  value(i: number): LayoutValue | undefined {
    switch (this.kinds[i] & VALUE_BITS) {
      case NUMBER:
        return this.nums[i];
      case TEXT:
        return this.texts[this.nums[i]];
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      default:
        return undefined;
    }
  }

  /** The value as a number when it is one (check isNumber first). */
  numberAt(i: number): number {
    return this.nums[i];
  }

  isNumber(i: number): boolean {
    return (this.kinds[i] & VALUE_BITS) === NUMBER;
  }

  /** The text when the value is text, else undefined. */
  textAt(i: number): string | undefined {
    return (this.kinds[i] & VALUE_BITS) === TEXT ? this.texts[this.nums[i]] : undefined;
  }

  hasFormula(i: number): boolean {
    return (this.kinds[i] & HAS_FORMULA) !== 0;
  }

  hasLink(i: number): boolean {
    return (this.kinds[i] & HAS_LINK) !== 0;
  }

  formula(i: number): string | undefined {
    return (this.kinds[i] & HAS_FORMULA) !== 0 ? this.formulas.get(i)?.formula : undefined;
  }

  result(i: number): number | string | undefined {
    return (this.kinds[i] & HAS_FORMULA) !== 0 ? this.formulas.get(i)?.result : undefined;
  }

  link(i: number): { sheet: string; cell: string } | undefined {
    return (this.kinds[i] & HAS_LINK) !== 0 ? this.links.get(i) : undefined;
  }

  style(i: number): LayoutStyleName | undefined {
    return STYLE_NAMES[this.styles[i]];
  }

  /** The style as a small number (0: none), the same for the same style in every layout. */
  styleId(i: number): number {
    return this.styles[i];
  }

  numberFormat(i: number): string | undefined {
    const f = this.formatIds[i];
    return f === 0 ? undefined : this.formats[f - 1];
  }

  /** The number format as a small number (0: none), the same for the same format within this layout. */
  formatId(i: number): number {
    return this.formatIds[i];
  }

  /** The cell at `i` as an object (a negative index counts from the end, as Array.prototype.at). */
  at(i: number): LayoutCell | undefined {
    const k = i < 0 ? this.count + i : i;
    if (!Number.isInteger(k) || k < 0 || k >= this.count) return undefined;
    const c: LayoutCell = { row: this.rows[k], col: this.cols[k] };
    const kind = this.kinds[k];
    if ((kind & VALUE_BITS) !== NONE) c.value = this.value(k);
    if (kind & HAS_FORMULA) {
      const f = this.formulas.get(k) as { formula: string; result: number | string | undefined };
      c.formula = f.formula;
      if (f.result !== undefined) c.result = f.result;
    }
    const style = STYLE_NAMES[this.styles[k]];
    if (style !== undefined) c.style = style;
    const format = this.numberFormat(k);
    if (format !== undefined) c.numberFormat = format;
    if (kind & HAS_LINK) c.link = { ...(this.links.get(k) as { sheet: string; cell: string }) };
    return c;
  }

  *[Symbol.iterator](): Iterator<LayoutCell> {
    for (let i = 0; i < this.count; i++) yield this.at(i) as LayoutCell;
  }

  toArray(): LayoutCell[] {
    const out = new Array<LayoutCell>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.at(i) as LayoutCell;
    return out;
  }

  find<S extends LayoutCell>(test: (c: LayoutCell, i: number) => c is S): S | undefined;
  find(test: (c: LayoutCell, i: number) => unknown): LayoutCell | undefined;
  find(test: (c: LayoutCell, i: number) => unknown): LayoutCell | undefined {
    for (let i = 0; i < this.count; i++) {
      const c = this.at(i) as LayoutCell;
      if (test(c, i)) return c;
    }
    return undefined;
  }

  filter<S extends LayoutCell>(test: (c: LayoutCell, i: number) => c is S): S[];
  filter(test: (c: LayoutCell, i: number) => unknown): LayoutCell[];
  filter(test: (c: LayoutCell, i: number) => unknown): LayoutCell[] {
    const out: LayoutCell[] = [];
    for (let i = 0; i < this.count; i++) {
      const c = this.at(i) as LayoutCell;
      if (test(c, i)) out.push(c);
    }
    return out;
  }

  some(test: (c: LayoutCell, i: number) => unknown): boolean {
    for (let i = 0; i < this.count; i++) if (test(this.at(i) as LayoutCell, i)) return true;
    return false;
  }

  every(test: (c: LayoutCell, i: number) => unknown): boolean {
    for (let i = 0; i < this.count; i++) if (!test(this.at(i) as LayoutCell, i)) return false;
    return true;
  }

  map<T>(f: (c: LayoutCell, i: number) => T): T[] {
    const out = new Array<T>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = f(this.at(i) as LayoutCell, i);
    return out;
  }

  forEach(f: (c: LayoutCell, i: number) => void): void {
    for (let i = 0; i < this.count; i++) f(this.at(i) as LayoutCell, i);
  }

  reduce<T>(f: (acc: T, c: LayoutCell, i: number) => T, initial: T): T {
    let acc = initial;
    for (let i = 0; i < this.count; i++) acc = f(acc, this.at(i) as LayoutCell, i);
    return acc;
  }

  private add(row: number, col: number, style: LayoutStyleName | undefined, numberFormat: string | undefined): number {
    if ((row | 0) !== row || (col | 0) !== col) throw new RangeError(`A layout cell's position must be whole numbers: row ${row}, column ${col}`);
    const i = this.count;
    if (i === this.rows.length) this.grow(i * 2);
    this.rows[i] = row;
    this.cols[i] = col;
    this.styles[i] = styleId(style);
    this.formatIds[i] = numberFormat === undefined ? 0 : this.formatIdFor(numberFormat);
    this.kinds[i] = NONE;
    this.count = i + 1;
    return i;
  }

  private setValue(i: number, value: LayoutValue | undefined): void {
    if (typeof value === "number") {
      this.kinds[i] = NUMBER;
      this.nums[i] = value;
    } else if (typeof value === "string") {
      this.kinds[i] = TEXT;
      this.nums[i] = this.texts.length;
      this.texts.push(value);
    } else if (value === null) this.kinds[i] = NULL;
    else if (value === true) this.kinds[i] = TRUE;
    else if (value === false) this.kinds[i] = FALSE;
    else this.kinds[i] = NONE;
  }

  private formatIdFor(format: string): number {
    let id = this.formatIdOf.get(format);
    if (id === undefined) {
      if (this.formats.length >= 0xfffe) throw new RangeError("A layout may use at most 65,534 number formats");
      this.formats.push(format);
      id = this.formats.length;
      this.formatIdOf.set(format, id);
    }
    return id;
  }

  private grow(capacity: number): void {
    const n = Math.max(INITIAL_CAPACITY, capacity);
    const widen = <T extends Int32Array | Uint8Array | Uint16Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a.subarray(0, this.count) as never);
      return b;
    };
    this.rows = widen(this.rows, (k) => new Int32Array(k));
    this.cols = widen(this.cols, (k) => new Int32Array(k));
    this.kinds = widen(this.kinds, (k) => new Uint8Array(k));
    this.styles = widen(this.styles, (k) => new Uint8Array(k));
    this.formatIds = widen(this.formatIds, (k) => new Uint16Array(k));
    this.nums = widen(this.nums, (k) => new Float64Array(k));
  }
}
