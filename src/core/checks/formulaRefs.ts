/**
 * Reading the cells a total adds up. A total is usually `=SUM(C2:C9)`, `=SUM(C2:C4,C6:C9)`, `=C2+C3+C4`,
 * `=SUM(C2:C4)+SUM(C6:C8)`, `=C5+C9` (sub-totals) or `=SUBTOTAL(9,C2:C9)`. Anything else (a minus, a
 * constant, a lookup, another sheet) is not a plain sum and the checks leave its coverage alone.
 */
import type { RangeRef } from "../a1";
import { columnIndex } from "../a1";

/** The last row and column Excel has (0-based), used for whole-column and whole-row references. */
export const MAX_ROW = 1_048_575;
export const MAX_COL = 16_383;

export interface SumFormula {
  /** Every range or cell added, in sheet coordinates, in the order written (a cell is a 1x1 range). */
  refs: RangeRef[];
  /** True when written with SUBTOTAL(9, ...) or SUBTOTAL(109, ...): nested SUBTOTALs are not counted twice. */
  subtotal: boolean;
}

type Token =
  | { t: "ref"; range: RangeRef }
  | { t: "name"; name: string }
  | { t: "num"; value: number }
  | { t: "punct"; ch: string };

const REF_RE =
  /^(?:(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!)?(?:\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?|\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})|\$?(\d{1,7}):\$?(\d{1,7}))(?![\w(!])/;

function tokenize(text: string, sheet: string | undefined): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
      i++;
      continue;
    }
    if ("+(),".includes(ch)) {
      out.push({ t: "punct", ch });
      i++;
      continue;
    }
    const rest = text.slice(i);
    const m = REF_RE.exec(rest);
    if (m) {
      const sheetName = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
      if (sheetName !== undefined && (sheet === undefined || sheetName.toLowerCase() !== sheet.toLowerCase())) return null;
      let range: RangeRef;
      try {
        if (m[3] !== undefined) {
          const r1 = Number(m[4]) - 1;
          const c1 = columnIndex(m[3]);
          const r2 = m[6] !== undefined ? Number(m[6]) - 1 : r1;
          const c2 = m[5] !== undefined ? columnIndex(m[5]) : c1;
          if (r1 < 0 || r2 < 0 || r1 > MAX_ROW || r2 > MAX_ROW || c1 > MAX_COL || c2 > MAX_COL) return null;
          range = { row: Math.min(r1, r2), col: Math.min(c1, c2), rowCount: Math.abs(r2 - r1) + 1, colCount: Math.abs(c2 - c1) + 1 };
        } else if (m[7] !== undefined) {
          const c1 = columnIndex(m[7]);
          const c2 = columnIndex(m[8]);
          if (c1 > MAX_COL || c2 > MAX_COL) return null;
          range = { row: 0, col: Math.min(c1, c2), rowCount: MAX_ROW + 1, colCount: Math.abs(c2 - c1) + 1 };
        } else {
          const r1 = Number(m[9]) - 1;
          const r2 = Number(m[10]) - 1;
          if (r1 < 0 || r2 < 0 || r1 > MAX_ROW || r2 > MAX_ROW) return null;
          range = { row: Math.min(r1, r2), col: 0, rowCount: Math.abs(r2 - r1) + 1, colCount: MAX_COL + 1 };
        }
      } catch {
        return null;
      }
      out.push({ t: "ref", range });
      i += m[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_.]*(?=\s*\()/.exec(rest);
    if (name) {
      out.push({ t: "name", name: name[0].toUpperCase() });
      i += name[0].length;
      continue;
    }
    const num = /^\d+(?:\.\d+)?/.exec(rest);
    if (num) {
      out.push({ t: "num", value: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    return null;
  }
  return out;
}

/** Excel allows 64 levels of nesting in a formula; deeper text is not a formula Excel wrote (and would deepen the parser's stack). */
const MAX_NESTING = 64;

class Parser {
  pos = 0;
  private depth = 0;
  refs: RangeRef[] = [];
  subtotal = false;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isPunct(ch: string): boolean {
    const t = this.peek();
    return t !== undefined && t.t === "punct" && t.ch === ch;
  }

  /** expr := term ('+' term)* */
  expr(): boolean {
    if (!this.term()) return false;
    while (this.isPunct("+")) {
      this.pos++;
      if (!this.term()) return false;
    }
    return true;
  }

  /** term := ref (a single cell) | SUM(args) | SUBTOTAL(9|109, args) | '(' expr ')'; at most MAX_NESTING deep. */
  term(): boolean {
    if (this.depth >= MAX_NESTING) return false;
    this.depth++;
    try {
      return this.termAt();
    } finally {
      this.depth--;
    }
  }

  private termAt(): boolean {
    const t = this.peek();
    if (!t) return false;
    if (t.t === "ref") {
      // A bare range in a "+" chain is an implicit intersection in Excel: not a plain sum.
      if (t.range.rowCount !== 1 || t.range.colCount !== 1) return false;
      this.refs.push(t.range);
      this.pos++;
      return true;
    }
    if (t.t === "punct" && t.ch === "(") {
      this.pos++;
      if (!this.expr()) return false;
      if (!this.isPunct(")")) return false;
      this.pos++;
      return true;
    }
    if (t.t === "name" && (t.name === "SUM" || t.name === "_XLFN.SUM")) {
      this.pos++;
      return this.args();
    }
    if (t.t === "name" && t.name === "SUBTOTAL") {
      this.pos++;
      if (!this.isPunct("(")) return false;
      this.pos++;
      const fn = this.peek();
      if (!fn || fn.t !== "num" || (fn.value !== 9 && fn.value !== 109)) return false;
      this.pos++;
      if (!this.isPunct(",")) return false;
      this.subtotal = true;
      return this.argList();
    }
    return false;
  }

  /** '(' arg (',' arg)* ')' where arg := ref | SUM(...) | expr */
  private args(): boolean {
    if (!this.isPunct("(")) return false;
    this.pos++;
    if (this.isPunct(")")) return false;
    if (!this.arg()) return false;
    return this.argList();
  }

  private argList(): boolean {
    while (this.isPunct(",")) {
      this.pos++;
      if (!this.arg()) return false;
    }
    if (!this.isPunct(")")) return false;
    this.pos++;
    return true;
  }

  private arg(): boolean {
    const t = this.peek();
    if (t && t.t === "ref") {
      const next = this.tokens[this.pos + 1];
      // A range argument stands alone; a single cell may start a "+" chain.
      if (t.range.rowCount !== 1 || t.range.colCount !== 1) {
        if (next && next.t === "punct" && next.ch === "+") return false;
        this.refs.push(t.range);
        this.pos++;
        return true;
      }
    }
    return this.expr();
  }
}

/**
 * Read a formula as a plain sum of cells and ranges on the same sheet, or null when it is anything else.
 * `sheet` is the formula's own sheet: references qualified with that name are accepted, others are not.
 */
export function parseSumFormula(formula: string, sheet?: string): SumFormula | null {
  let text = formula.trim();
  if (!text.startsWith("=")) return null;
  text = text.slice(1).trim();
  if (text.startsWith("+")) text = text.slice(1);
  if (text.length === 0 || text.length > 8192) return null;
  const tokens = tokenize(text, sheet);
  if (!tokens || tokens.length === 0) return null;
  const p = new Parser(tokens);
  if (!p.expr() || p.pos !== tokens.length || p.refs.length === 0) return null;
  return { refs: p.refs, subtotal: p.subtotal };
}
