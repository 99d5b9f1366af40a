/**
 * A small cache of values parsed from a worksheet range, keyed by the range's CONTENTS.
 *
 * Excel passes a fresh array to a custom function on every call, so a column of 10,000 =BUDGET.GRADECOST(...,
 * $H$2:$J$20) formulas would otherwise parse the same grade table 10,000 times. Here a cheap fingerprint of the
 * cells (one pass, no allocation) picks candidate entries, and a hit is only returned after a FULL cell-by-cell
 * comparison with a private copy of the range the value was built from: two ranges with the same fingerprint
 * but different contents never share a value. The cache holds at most `maxEntries` values (least recently used
 * leaves first) and never a range of more than `maxCells` cells. A build that throws is not cached. Ranges
 * holding anything but numbers, text, booleans and blanks (error values arrive as objects) are not cached.
 *
 * Values handed out are shared between calls: they must be immutable (GradeTable is).
 */

/** A range as Excel passes it: rows of cells. */
export type CellRows = readonly (readonly unknown[])[];

interface Entry<T> {
  hash: number;
  rows: unknown[][];
  /** The copy holds a 0, -0 or NaN: compare with Object.is (see sameRows). */
  strict: boolean;
  value: T;
}

export interface RangeCacheOptions {
  /** Most values held (default 16). */
  maxEntries?: number;
  /** Largest range cached, in cells (default 50,000). Larger ranges are built on every call. */
  maxCells?: number;
}

export interface RangeCache<T> {
  /** The value built from `rows`: from the cache when a range with the same contents was built before. */
  get(rows: CellRows, build: (rows: CellRows) => T): T;
  /** Values held now. */
  readonly size: number;
  clear(): void;
}

const UNCACHEABLE = -1;

function mix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x01000193) >>> 0;
}

/**
 * A 31-bit fingerprint of a range's contents, or UNCACHEABLE (-1) when a row is not an array, a cell is an
 * object (an error value) or the range is larger than `maxCells`. Equal contents give equal fingerprints.
 */
export function rangeFingerprint(rows: CellRows, maxCells = Infinity): number {
  let h = mix(0x811c9dc5, rows.length);
  let cells = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) return UNCACHEABLE;
    cells += row.length;
    if (cells > maxCells) return UNCACHEABLE;
    h = mix(h, row.length);
    for (let c = 0; c < row.length; c++) {
      const v: unknown = row[c];
      switch (typeof v) {
        case "number":
          // Integer part and a scaled fraction: salaries are whole pounds or pence.
          h = mix(mix(h, 1), v | 0);
          h = mix(h, ((v % 1) * 1e6) | 0);
          break;
        case "string": {
          h = mix(mix(h, 2), v.length);
          const n = Math.min(v.length, 24);
          for (let i = 0; i < n; i++) h = mix(h, v.charCodeAt(i));
          break;
        }
        case "boolean":
          h = mix(h, v ? 3 : 4);
          break;
        case "undefined":
          h = mix(h, 5);
          break;
        default:
          if (v === null) h = mix(h, 6);
          else return UNCACHEABLE; // an error value, or something Excel does not pass
      }
    }
  }
  return h & 0x7fffffff;
}

/** True when two ranges hold the same cells (same shape, every cell identical: Object.is). */
export function sameContents(a: CellRows, b: CellRows): boolean {
  return sameRows(a, b, true);
}

/** True when a cell is one of the values on which === and Object.is disagree (0, -0 and NaN). */
function needsObjectIs(v: unknown): boolean {
  return typeof v === "number" && (v === 0 || v !== v);
}

/**
 * Whether a cached copy `a` and a range as Excel passes it `b`, whose rows may not all be arrays (then: not the
 * same), hold the same cells by Object.is. A sheet of formulas compares every cell on every call, and === is the
 * cheaper test: it gives Object.is's answer whenever the cached cell is not 0, -0 or NaN, so `strict` (the copy
 * holds one of those) picks Object.is for the rows of such a copy.
 */
function sameRows(a: CellRows, b: CellRows, strict: boolean): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r];
    const y = b[r];
    if (!Array.isArray(y) || x.length !== y.length) return false;
    if (strict) {
      for (let c = 0; c < x.length; c++) if (!Object.is(x[c], y[c])) return false;
    } else {
      for (let c = 0; c < x.length; c++) if (x[c] !== y[c]) return false;
    }
  }
  return true;
}

export function createRangeCache<T>(options: RangeCacheOptions = {}): RangeCache<T> {
  const maxEntries = Math.max(1, options.maxEntries ?? 16);
  const maxCells = options.maxCells ?? 50_000;
  /** Most recently used first. */
  let entries: Entry<T>[] = [];
  return {
    get(rows, build) {
      // A column of formulas passes the same range again and again: try the last one used first (a full
      // comparison, so no fingerprint is needed for it).
      const last = entries[0];
      if (last !== undefined && sameRows(last.rows, rows, last.strict)) return last.value;
      const hash = rangeFingerprint(rows, maxCells);
      if (hash === UNCACHEABLE) return build(rows);
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i];
        if (e.hash !== hash || !sameRows(e.rows, rows, e.strict)) continue;
        if (i > 0) {
          entries.splice(i, 1);
          entries.unshift(e);
        }
        return e.value;
      }
      // A private copy: the caller's arrays may be changed or reused after this call.
      const copy = rows.map((row) => [...row]);
      const value = build(rows);
      entries.unshift({ hash, rows: copy, strict: copy.some((row) => row.some(needsObjectIs)), value });
      if (entries.length > maxEntries) entries.length = maxEntries;
      return value;
    },
    get size() {
      return entries.length;
    },
    clear() {
      entries = [];
    },
  };
}
