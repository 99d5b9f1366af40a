/**
 * A layout's cells, stored by column: positions, and kind, style and number format as one small number, in typed
 * arrays over one buffer, numbers as doubles, text in one list, and the rare formulas and links beside them. A members' pack copies every budget
 * line into its budget sheet (4,000,000 cells for a 1,000,000-line budget) and an impact sheet holds a few cells
 * per post: one object per cell cost about 70 bytes each and, while a layout was being built, copying by the
 * young-generation collector; here a cell costs 20 bytes in four columns and nothing per cell is left for the collector.
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
/** Ids by name (a style name is a literal, whose hash V8 keeps: a lookup here is quicker than a keyed load). */
const STYLE_IDS = new Map<string, number>(STYLE_NAMES.flatMap((n, i) => (n === undefined ? [] : [[n, i] as const])));

/**
 * A cell's kind, style and number format in one small whole number: the value's type in the low three bits, then
 * whether the cell has a formula and a link, then the style id (8 bits) and the format id (16 bits).
 */
const NONE = 0;
const NULL = 1;
const NUMBER = 2;
const TEXT = 3;
const FALSE = 4;
const TRUE = 5;
const VALUE_BITS = 7;
const HAS_FORMULA = 8;
const HAS_LINK = 16;
const STYLE_SHIFT = 5;
const FORMAT_SHIFT = 13;
const MAX_FORMATS = 0xffff;

function styleId(style: LayoutStyleName | undefined): number {
  if (style === undefined) return 0;
  const id = STYLE_IDS.get(style);
  if (id === undefined) throw new RangeError(`"${String(style)}" is not a layout style`);
  return id;
}

/** Bytes a cell takes in the columns' one buffer: row, column and meta (4 bytes each), and a number (8). */
const CELL_BYTES = 20;
const FIRST_CAPACITY = 16;
/** The columns of a layout without cells, shared: the first cell makes a layout its own (see grow). */
const NO_INTS = new Int32Array(0);
const NO_NUMBERS = new Float64Array(0);

export class LayoutCells implements Iterable<LayoutCell> {
  private count = 0;
  // The four columns share one buffer, made again (twice the size) when it fills: one allocation outside the heap
  // per growth, where a typed array per column cost four (thousands of small layouts are made at once, a
  // structure table per manager).
  private rows = NO_INTS;
  private cols = NO_INTS;
  /** Kind, style id and format id + 1 (0: none, into `formats`); see NONE ... FORMAT_SHIFT. */
  private meta = NO_INTS;
  /** A number value, or the index of a text value in `texts` (0 for other kinds). */
  private nums = NO_NUMBERS;
  private readonly texts: string[] = [];
  private readonly formats: string[] = [];
  // Made on first use: most layouts have few formats, formulas or links, many none.
  private formatIdOf: Map<string, number> | null = null;
  private formulas: Map<number, { formula: string; result: number | string | undefined }> | null = null;
  private links: Map<number, { sheet: string; cell: string }> | null = null;
  private lastFormat: string | undefined = undefined;
  private lastFormatId = 0;

  /** Cells from LayoutCell objects, in order. */
  static from(cells: Iterable<LayoutCell>): LayoutCells {
    const out = new LayoutCells();
    for (const c of cells) out.push(c);
    return out;
  }

  static of(...cells: LayoutCell[]): LayoutCells {
    return LayoutCells.from(cells);
  }

  /** Room for `n` cells in all, for a producer that knows about how many it will add: the columns grow once. */
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
    return this.add(row, col, style, numberFormat, value);
  }

  /**
   * A text, as `put` with a string, for producers that put many texts whose type is known (an impact sheet's
   * titles, grades and outcomes): the text is kept without being read, where `put` reads a value to learn its
   * kind, and at 500,000 posts the texts are spread through the post list's memory, a cache miss each.
   */
  putText(row: number, col: number, text: string, style?: LayoutStyleName, numberFormat?: string): number {
    const i = this.add(row, col, style, numberFormat, undefined);
    this.meta[i] |= this.keepText(i, text);
    return i;
  }

  /** A native formula ("=SUM(C4:C9)") with the result core computed for it. Returns the cell's index. */
  putFormula(row: number, col: number, formula: string, result: number | string | undefined, style?: LayoutStyleName, numberFormat?: string): number {
    const i = this.add(row, col, style, numberFormat, undefined);
    this.setFormula(i, formula, result);
    return i;
  }

  /** Cells given as objects, added in order (as Array.prototype.push); returns the new length. */
  push(...cells: LayoutCell[]): number {
    for (const c of cells) {
      const i = this.add(c.row, c.col, c.style, c.numberFormat, c.value);
      // A result belongs to a formula: without one it is not kept.
      if (c.formula !== undefined) this.setFormula(i, c.formula, c.result);
      if (c.link !== undefined) {
        this.meta[i] |= HAS_LINK;
        (this.links ??= new Map()).set(i, { sheet: c.link.sheet, cell: c.link.cell });
      }
    }
    return this.count;
  }

  /** Give cell `i` another constant (its position, style, format, formula and link stay). */
  replaceValue(i: number, value: LayoutValue | undefined): void {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`No cell ${i} in a layout of ${this.count}`);
    this.meta[i] = (this.meta[i] & ~VALUE_BITS) | this.valueKind(i, value);
  }

  /** A copy that can be changed without changing this one. */
  clone(): LayoutCells {
    const c = new LayoutCells();
    c.grow(this.count, this);
    c.count = this.count;
    for (const t of this.texts) c.texts.push(t);
    for (const f of this.formats) c.formats.push(f);
    if (this.formatIdOf) c.formatIdOf = new Map(this.formatIdOf);
    if (this.formulas) c.formulas = new Map([...this.formulas].map(([k, v]) => [k, { ...v }]));
    if (this.links) c.links = new Map([...this.links].map(([k, v]) => [k, { ...v }]));
    return c;
  }

  row(i: number): number {
    return this.rows[i];
  }

  col(i: number): number {
    return this.cols[i];
  }

  /** The constant, if the cell has one (undefined for none, as for most formula cells). */
  value(i: number): LayoutValue | undefined {
    switch (this.meta[i] & VALUE_BITS) {
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

  /** What the cell shows before any recalculation: its formula's result, else its constant. */
  shown(i: number): LayoutValue | undefined {
    return (this.meta[i] & HAS_FORMULA) !== 0 ? this.formulas?.get(i)?.result : this.value(i);
  }

  /** The value as a number when it is one (check isNumber first). */
  numberAt(i: number): number {
    return this.nums[i];
  }

  isNumber(i: number): boolean {
    return (this.meta[i] & VALUE_BITS) === NUMBER;
  }

  /** The text when the value is text, else undefined. */
  textAt(i: number): string | undefined {
    return (this.meta[i] & VALUE_BITS) === TEXT ? this.texts[this.nums[i]] : undefined;
  }

  hasFormula(i: number): boolean {
    return (this.meta[i] & HAS_FORMULA) !== 0;
  }

  hasLink(i: number): boolean {
    return (this.meta[i] & HAS_LINK) !== 0;
  }

  formula(i: number): string | undefined {
    return (this.meta[i] & HAS_FORMULA) !== 0 ? this.formulas?.get(i)?.formula : undefined;
  }

  result(i: number): number | string | undefined {
    return (this.meta[i] & HAS_FORMULA) !== 0 ? this.formulas?.get(i)?.result : undefined;
  }

  link(i: number): { sheet: string; cell: string } | undefined {
    return (this.meta[i] & HAS_LINK) !== 0 ? this.links?.get(i) : undefined;
  }

  style(i: number): LayoutStyleName | undefined {
    return STYLE_NAMES[(this.meta[i] >> STYLE_SHIFT) & 0xff];
  }

  /** The style as a small number (0: none), the same for the same style in every layout. */
  styleId(i: number): number {
    return (this.meta[i] >> STYLE_SHIFT) & 0xff;
  }

  numberFormat(i: number): string | undefined {
    const f = this.meta[i] >>> FORMAT_SHIFT;
    return f === 0 ? undefined : this.formats[f - 1];
  }

  /** The number format as a small number (0: none), the same for the same format within this layout. */
  formatId(i: number): number {
    return this.meta[i] >>> FORMAT_SHIFT;
  }

  /** The cell at `i` as an object (a negative index counts from the end, as Array.prototype.at). */
  at(i: number): LayoutCell | undefined {
    const k = i < 0 ? this.count + i : i;
    if (!Number.isInteger(k) || k < 0 || k >= this.count) return undefined;
    const c: LayoutCell = { row: this.rows[k], col: this.cols[k] };
    const kind = this.meta[k];
    if ((kind & VALUE_BITS) !== NONE) c.value = this.value(k);
    if (kind & HAS_FORMULA) {
      const f = this.formulas?.get(k) as { formula: string; result: number | string | undefined };
      c.formula = f.formula;
      if (f.result !== undefined) c.result = f.result;
    }
    const style = this.style(k);
    if (style !== undefined) c.style = style;
    const format = this.numberFormat(k);
    if (format !== undefined) c.numberFormat = format;
    if (kind & HAS_LINK) c.link = { ...(this.links?.get(k) as { sheet: string; cell: string }) };
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

  private add(row: number, col: number, style: LayoutStyleName | undefined, numberFormat: string | undefined, value: LayoutValue | undefined): number {
    if ((row | 0) !== row || (col | 0) !== col) throw new RangeError(`A layout cell's position must be whole numbers: row ${row}, column ${col}`);
    const meta = (styleId(style) << STYLE_SHIFT) | ((numberFormat === undefined ? 0 : this.formatIdFor(numberFormat)) << FORMAT_SHIFT);
    const i = this.count;
    if (i === this.rows.length) this.grow(i === 0 ? FIRST_CAPACITY : 2 * i);
    this.rows[i] = row;
    this.cols[i] = col;
    this.nums[i] = 0;
    this.meta[i] = meta | this.valueKind(i, value);
    this.count = i + 1;
    return i;
  }

  /** The kind of `value`, kept in `nums` (and `texts`) for cell `i`. */
  private valueKind(i: number, value: LayoutValue | undefined): number {
    if (typeof value === "number") {
      this.nums[i] = value;
      return NUMBER;
    }
    if (typeof value === "string") return this.keepText(i, value);
    if (value === null) return NULL;
    if (value === true) return TRUE;
    if (value === false) return FALSE;
    return NONE;
  }

  /** Keep `text` as cell i's value: its place in `texts` goes in `nums`. Returns the kind, TEXT. */
  private keepText(i: number, text: string): number {
    this.nums[i] = this.texts.length;
    this.texts.push(text);
    return TEXT;
  }

  private setFormula(i: number, formula: string, result: number | string | undefined): void {
    this.meta[i] |= HAS_FORMULA;
    (this.formulas ??= new Map()).set(i, { formula, result });
  }

  private formatIdFor(format: string): number {
    // Cells down a sheet mostly take the format of the one before (a budget sheet's figures all take one).
    if (format === this.lastFormat) return this.lastFormatId;
    const ids = (this.formatIdOf ??= new Map());
    let id = ids.get(format);
    if (id === undefined) {
      if (this.formats.length >= MAX_FORMATS) throw new RangeError("A layout may use at most 65,535 number formats");
      this.formats.push(format);
      id = this.formats.length;
      ids.set(format, id);
    }
    this.lastFormat = format;
    this.lastFormatId = id;
    return id;
  }

  /** Room for `capacity` cells: a new buffer, with the cells of `from` (these cells, or those cloned) copied in. */
  private grow(capacity: number, from: LayoutCells = this): void {
    // Float64 first, so every column is aligned.
    const buffer = new ArrayBuffer(capacity * CELL_BYTES);
    const nums = new Float64Array(buffer, 0, capacity);
    const rows = new Int32Array(buffer, 8 * capacity, capacity);
    const cols = new Int32Array(buffer, 12 * capacity, capacity);
    const meta = new Int32Array(buffer, 16 * capacity, capacity);
    const n = from.count;
    nums.set(from.nums.subarray(0, n));
    rows.set(from.rows.subarray(0, n));
    cols.set(from.cols.subarray(0, n));
    meta.set(from.meta.subarray(0, n));
    this.nums = nums;
    this.rows = rows;
    this.cols = cols;
    this.meta = meta;
  }
}
