/**
 * An Excel formula tokenizer: a formula's text (without or with its leading "=") as a list of tokens whose
 * texts, joined, give the text back exactly. Used wherever the code must know what a formula *is* rather
 * than what it looks like: Excel's formula limits (./formulaLimits, which both layout renderers apply), the
 * .xlsx renderer's native-formula check, the shareable copy (which functions and names a formula calls),
 * and the reader (shifting a shared formula to each of its cells). Pure, so it lives in core.
 *
 * Why our own: the npm tokenizers found (excel-formula-tokenizer 3.0.0, a port of E. W. Bachtal's 2007
 * tokenizer, unmaintained; fast-formula-parser and hot-formula-parser, evaluators with grammar-level
 * dependencies) either do not tell a cell reference from a defined name or a sheet prefix from the rest, or
 * bring an evaluator we do not need into the pane's bundle. This one is ~200 lines, total (never throws,
 * any string tokenizes), and property-tested (src/core/formulaTokens.test.ts).
 *
 * Token kinds:
 * - `string` "a ""b""", `number` 1.5E+3, `bool` TRUE, `error` #REF!
 * - `func` a function name, with any prefix (`SUM`, `_xlfn.XLOOKUP`, `BUDGET.GRADECOST`, `_xldudf_BUDGET_X`);
 *   the "(" that follows is its own `open` token
 * - `ref` a cell, range part, whole column or row (`$A$1`, `A:B`, `1:3`), with its sheet prefix if any
 * - `name` a defined name, LAMBDA parameter, or table name, with its sheet prefix if any
 * - `struct` a structured reference part ("[[#This Row],[Cost]]", "[@Cost]") after a table name or alone
 * - `op` + - * / ^ & = <> <= >= < > % : @ # (spill), `sep` , ; `open` ( `close` ) `brace` { } `ws` spaces
 * - `other` anything else (a formula Excel would not accept): kept, never dropped.
 * A `ref` or `name` has `sheet` (the sheet name, unquoted, "" for none), `book` ("[1]" external index or ""),
 * and `local` (the part after "!").
 */

export type FormulaTokenKind = "string" | "number" | "bool" | "error" | "func" | "ref" | "name" | "struct" | "op" | "sep" | "open" | "close" | "brace" | "ws" | "other";

export interface FormulaToken {
  kind: FormulaTokenKind;
  /** The token's text exactly as written. */
  text: string;
  /** For ref/name/func: the sheet named before "!" (unquoted), or "". */
  sheet?: string;
  /** For ref/name: an external workbook part ("[1]" or "[Budget.xlsx]"), or "". */
  book?: string;
  /** For ref/name/func: the text after the sheet prefix (the name or address itself). */
  local?: string;
}

const ERRORS = ["#GETTING_DATA", "#DIV/0!", "#VALUE!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!", "#FIELD!", "#BUSY!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#PYTHON!", "#REF!", "#NUM!", "#N/A"];

const NUMBER_RE = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
/** Characters of an unquoted name, function or address (letters of any script included). */
const WORD_CHAR = /[\p{L}\p{N}_.$\\?]/u;
const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL_RE = /^\$?[A-Za-z]{1,3}$/;
const ROW_RANGE_RE = /^\$?\d{1,7}:\$?\d{1,7}(?![\p{L}\p{N}_.(!])/u;

function colOk(letters: string): boolean {
  const l = letters.replace(/\$/g, "").toUpperCase();
  let n = 0;
  for (const ch of l) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n >= 1 && n <= 16384;
}

function rowOk(digits: string): boolean {
  const n = Number(digits.replace(/\$/g, ""));
  return n >= 1 && n <= 1048576;
}

/** Is this word (no sheet prefix) a single-cell address (A1, $XFD$1048576)? */
export function isCellAddress(word: string): boolean {
  const m = CELL_RE.exec(word);
  return m !== null && colOk(m[1]) && rowOk(m[2]);
}

function readWord(text: string, i: number): number {
  let j = i;
  while (j < text.length && WORD_CHAR.test(text[j])) j++;
  return j;
}

/** Read a balanced [...] group from i (text[i] === "["); returns the end index (exclusive). */
function readBrackets(text: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const ch = text[j];
    if (ch === "'" && j + 1 < text.length) {
      j += 2; // ' escapes the next character inside structured references
      continue;
    }
    if (ch === "[") depth++;
    else if (ch === "]") {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return text.length;
}

/** Tokenize a formula. Total: any string gives tokens whose texts join to it. */
export function tokenizeFormula(formula: string): FormulaToken[] {
  const out: FormulaToken[] = [];
  const text = formula;
  let i = 0;
  if (text.startsWith("=")) {
    out.push({ kind: "op", text: "=" });
    i = 1;
  }
  while (i < text.length) {
    const ch = text[i];
    const start = i;
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") {
      while (i < text.length && " \n\r\t".includes(text[i])) i++;
      out.push({ kind: "ws", text: text.slice(start, i) });
      continue;
    }
    if (ch === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
      out.push({ kind: "string", text: text.slice(start, i) });
      continue;
    }
    if (ch === "#") {
      const upper = text.slice(i, i + 14).toUpperCase();
      const err = ERRORS.find((e) => upper.startsWith(e));
      if (err) {
        out.push({ kind: "error", text: text.slice(i, i + err.length) });
        i += err.length;
      } else {
        out.push({ kind: "op", text: "#" });
        i++;
      }
      continue;
    }
    if (ch === "(" || ch === ")") {
      out.push({ kind: ch === "(" ? "open" : "close", text: ch });
      i++;
      continue;
    }
    if (ch === "{" || ch === "}") {
      out.push({ kind: "brace", text: ch });
      i++;
      continue;
    }
    if (ch === "," || ch === ";") {
      out.push({ kind: "sep", text: ch });
      i++;
      continue;
    }
    if ("<>".includes(ch) && (text[i + 1] === "=" || (ch === "<" && text[i + 1] === ">"))) {
      out.push({ kind: "op", text: text.slice(i, i + 2) });
      i += 2;
      continue;
    }
    if ("+-*/^&=<>%:@".includes(ch)) {
      out.push({ kind: "op", text: ch });
      i++;
      continue;
    }
    // Row ranges (1:3) before numbers.
    const rows = ROW_RANGE_RE.exec(text.slice(i, i + 20));
    if (rows && rows[0].split(":").every(rowOk)) {
      out.push({ kind: "ref", text: rows[0], sheet: "", book: "", local: rows[0] });
      i += rows[0].length;
      continue;
    }
    if (/[0-9.]/.test(ch)) {
      const m = NUMBER_RE.exec(text.slice(i, i + 400));
      if (m && !WORD_CHAR.test(text[i + m[0].length] ?? " ") && text[i + m[0].length] !== "!") {
        out.push({ kind: "number", text: m[0] });
        i += m[0].length;
        continue;
      }
    }
    // Operands: [book]'sheet'!x, sheet!x, sheet1:sheet2!x, names, functions, addresses, structured refs.
    let sheet = "";
    let book = "";
    let j = i;
    if (text[j] === "[") {
      const end = readBrackets(text, j);
      const inside = text.slice(j, end);
      // [1]Sheet!A1 or [Book.xlsx]Sheet!A1: an external book prefix, when a sheet or "!" follows.
      const after = text.slice(end);
      if (/^(?:'|[\p{L}\p{N}_.$\\?]+!|!)/u.test(after)) {
        book = inside;
        j = end;
      } else {
        out.push({ kind: "struct", text: inside });
        i = end;
        continue;
      }
    }
    if (text[j] === "'") {
      let k = j + 1;
      while (k < text.length) {
        if (text[k] === "'") {
          if (text[k + 1] === "'") k += 2;
          else break;
        } else k++;
      }
      const quoted = text.slice(j + 1, k);
      if (text[k] === "'" && text[k + 1] === "!") {
        sheet = quoted.replace(/''/g, "'");
        // '[1]Sheet'!A1 or 'C:\\path\\[Book.xlsx]Sheet'!A1: the book inside the quotes (sheet names cannot hold "[").
        const b = /^[^[]*\[[^\]]*\]/.exec(sheet);
        if (b && !book) {
          book = b[0];
          sheet = sheet.slice(b[0].length);
        }
        j = k + 2;
      } else {
        // A lone quote: not a formula Excel accepts; keep the rest as it is.
        out.push({ kind: "other", text: text.slice(i) });
        break;
      }
    } else {
      const w = readWord(text, j);
      if (w > j && text[w] === "!") {
        sheet = text.slice(j, w);
        j = w + 1;
      } else if (w > j && text[w] === ":" && text[w + 1] !== undefined) {
        // Sheet1:Sheet3!A1 (a 3-D reference): a second word then "!".
        const w2 = readWord(text, w + 1);
        if (w2 > w + 1 && text[w2] === "!") {
          sheet = text.slice(j, w2);
          j = w2 + 1;
        }
      } else if (book && text[j] === "!") {
        j += 1; // [1]!Name: a workbook-level name in another book
      }
    }
    const w = readWord(text, j);
    const word = text.slice(j, w);
    const prefixed = j > i;
    if (word === "") {
      if (prefixed) {
        // 'Sheet'!#REF! and the like: the prefix joins the error or what follows.
        const rest = text.slice(j, j + 14).toUpperCase();
        const err = ERRORS.find((e) => rest.startsWith(e));
        const end = err ? j + err.length : j;
        out.push({ kind: "ref", text: text.slice(i, end), sheet, book, local: text.slice(j, end) });
        i = end;
        continue;
      }
      out.push({ kind: "other", text: ch });
      i++;
      continue;
    }
    const full = text.slice(i, w);
    // Function call: the word is followed by "(" (no space allowed in Excel between name and bracket).
    if (text[w] === "(") {
      out.push({ kind: "func", text: full, sheet, book, local: word });
      i = w;
      continue;
    }
    const upper = word.toUpperCase();
    if (!prefixed && (upper === "TRUE" || upper === "FALSE")) {
      out.push({ kind: "bool", text: word });
      i = w;
      continue;
    }
    // A:B (whole columns) and A1 / A1:B2 parts.
    const colRange = /^(\$?[A-Za-z]{1,3}):(\$?[A-Za-z]{1,3})(?![\p{L}\p{N}_.(!])/u.exec(text.slice(j, j + 10));
    if (colRange && colOk(colRange[1]) && colOk(colRange[2]) && COL_RE.test(colRange[1])) {
      const end = j + colRange[0].length;
      out.push({ kind: "ref", text: text.slice(i, end), sheet, book, local: colRange[0] });
      i = end;
      continue;
    }
    const prefixedRows = prefixed ? ROW_RANGE_RE.exec(text.slice(j, j + 20)) : null;
    if (prefixedRows && prefixedRows[0].split(":").every(rowOk)) {
      const end = j + prefixedRows[0].length;
      out.push({ kind: "ref", text: text.slice(i, end), sheet, book, local: prefixedRows[0] });
      i = end;
      continue;
    }
    if (isCellAddress(word)) {
      out.push({ kind: "ref", text: full, sheet, book, local: word });
      i = w;
      continue;
    }
    // Table1[Cost] is a name followed by a struct token.
    out.push({ kind: "name", text: full, sheet, book, local: word });
    i = w;
  }
  return out;
}

/** Join tokens back into text. */
export function joinTokens(tokens: readonly FormulaToken[]): string {
  let s = "";
  for (const t of tokens) s += t.text;
  return s;
}

/** Names of the functions a formula calls, upper-cased, with their prefixes as written ("_XLFN.XLOOKUP"). */
export function calledFunctions(formula: string): string[] {
  return tokenizeFormula(formula)
    .filter((t) => t.kind === "func")
    .map((t) => (t.local ?? t.text).toUpperCase());
}

/** Column letters to a 0-based index (no validation beyond letters). */
function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function colLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function shiftPart(part: string, dRow: number, dCol: number): string | null {
  const cell = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/.exec(part);
  if (cell) {
    const c = cell[1] ? colIndex(cell[2]) : colIndex(cell[2]) + dCol;
    const r = cell[3] ? Number(cell[4]) : Number(cell[4]) + dRow;
    if (c < 0 || c > 16383 || r < 1 || r > 1048576) return null;
    return `${cell[1]}${colLetters(c)}${cell[3]}${r}`;
  }
  const col = /^(\$?)([A-Za-z]{1,3})$/.exec(part);
  if (col) {
    const c = col[1] ? colIndex(col[2]) : colIndex(col[2]) + dCol;
    if (c < 0 || c > 16383) return null;
    return `${col[1]}${colLetters(c)}`;
  }
  const row = /^(\$?)(\d{1,7})$/.exec(part);
  if (row) {
    const r = row[1] ? Number(row[2]) : Number(row[2]) + dRow;
    if (r < 1 || r > 1048576) return null;
    return `${row[1]}${r}`;
  }
  return part;
}

/**
 * The formula a shared formula's master gives another cell of its group: every relative row and column of
 * its references moved by (dRow, dCol), as Excel does when it fills the master down or across. A reference
 * moved off the sheet becomes #REF!. Text, names and functions are untouched.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  const tokens = tokenizeFormula(formula);
  let s = "";
  for (const t of tokens) {
    if (t.kind !== "ref" || t.local === undefined || t.local.startsWith("#")) {
      s += t.text;
      continue;
    }
    const prefix = t.text.slice(0, t.text.length - t.local.length);
    const parts = t.local.split(":").map((p) => shiftPart(p, dRow, dCol));
    s += parts.some((p) => p === null) ? `${prefix}#REF!` : prefix + parts.join(":");
  }
  return s;
}
