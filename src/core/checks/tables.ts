/**
 * Finding budget and savings tables on a sheet by meaning: a header row ("Type of service", "Service",
 * "Gross budget for market review", "Net £000", "Savings stream", "Potential saving £m"), the lines beneath
 * it, category rows (typed or merged), blank separator rows, sub-totals, the grand total and a savings
 * requirement. Several tables may sit on one sheet, stacked or side by side.
 *
 * Rows and columns here are indexes into the snapshot's `values` (0-based, relative to its origin).
 */
import type { MoneyUnit } from "../money";
import { parseAmountText } from "../money";
import type { CellValue, SheetSnapshot } from "../sheetSnapshot";
import { isBlank, isErrorValue } from "../sheetSnapshot";
import { isDefiniteTotalLabel, isGrandTotalLabel, isTotalLabel } from "../totalRows";
import { parseSumFormula } from "./formulaRefs";

export type AmountKind = "gross" | "net" | "saving" | "amount";

export interface AmountColumn {
  col: number;
  kind: AmountKind;
  /** The unit the header (or a unit row or a note above the table) gives; null when none is written. */
  unit: MoneyUnit | null;
  header: string;
  /** True for a savings column holding ranges written as text ("15-20"). */
  ranges: boolean;
}

export type RowKind = "line" | "category" | "blank" | "total" | "requirement" | "note";

export interface TableRow {
  row: number;
  kind: RowKind;
  /** The service or stream name (or the label of a total/category row), trimmed. */
  label: string;
  /** The category a line belongs to (type column, carried down; or the last category row). */
  category: string;
  /** A name without an amount between lines of a one-amount table: read as a line, but it may be a heading. */
  maybeHeading?: boolean;
  /**
   * A line named "Total X" straight under lines, whose figures add up nothing but which may be their total
   * with a wrong figure (see mayBeGroupTotal): the row of the first of those lines (the lines since the last
   * total, or the last such line). Read as a line, but it may be a total.
   */
  maybeTotalOf?: number;
  /**
   * A line named "Total X" straight over lines, whose figures add up nothing but which may be their total with
   * a wrong figure, placed above them (see markTotalsOverLines): the row of the last of those lines. Read as a
   * line, but it may be a total.
   */
  maybeTotalOver?: number;
}

export interface TotalInfo {
  row: number;
  label: string;
  level: "sub" | "grand";
  /** Rows of the lines this total should add up. */
  lines: number[];
  /** For a grand total: the sub-total rows it adds up (before it, or below it for a grand total at the top). */
  subtotals: number[];
  /** Set when the total is checked but no formula may be offered for it (the layout leaves its formula open). */
  noFormula?: true;
}

export interface DetectedTable {
  headerRow: number;
  /** First and last column of the table (inclusive). */
  firstCol: number;
  lastCol: number;
  typeCol: number | null;
  labelCol: number | null;
  amounts: AmountColumn[];
  /** Body rows from the first row under the header to the grand total (or the last line). */
  rows: TableRow[];
  /** Rows of all lines, ascending. */
  lines: number[];
  totals: TotalInfo[];
  /** The savings requirement row, when the sheet has one next to the table. */
  requirement: { row: number; label: string } | null;
  /** Last row belonging to the table (the grand total, or the last line). */
  lastRow: number;
  kind: "budget" | "savings";
  /** True for a block found without a header row (a selection of lines and totals): headerRow is then -1. */
  headerless?: boolean;
}

const TYPE_RE = /^\s*(type(\s+of\s+(service|spend|budget|activity))?|category|service\s+(type|area|category)|directorate|portfolio|division|group)\b/i;
const AMOUNT_RE =
  /£|\b(gross|net|budgets?|savings?|amounts?|costs?|spend(ing)?|expenditure|income|forecast|outturn|estimates?|allocation|values?)\b/i;
// Identifiers that mention money ("Cost centre", "Budget code", "Cost ref") are not amounts.
const NOT_AMOUNT_RE = /\b(streams?|description|names?|lines?|headings?|holders?|codes?|cent(re|er)s?|refs?|references?|numbers?|ids?)\b/i;
/** Label headings that name a reference or a person, not the service: a "Service" heading is the label column before them. */
const WEAK_LABEL_RE = /\b(cost\s+cent(re|er)s?|budget\s+holders?|codes?|refs?|references?)\b/i;
const LABEL_RE =
  /\b(services?|streams?|description|items?|activit(y|ies)|areas?|proposals?|names?|lines?|headings?|functions?|schemes?|projects?|initiatives?|cost\s+cent(re|er)s?|budget\s+holders?)\b/i;

/** A savings requirement row: "Savings requirement", "Requirement", "Savings target", "Savings required". */
export const REQUIREMENT_RE = /(?<!budget\s+)\brequirement\b|\bsavings?\s+(target|required|needed)\b|^\s*target\b/i;
const DERIVED_RE = /\b(shortfall|gap|surplus|remaining|difference|variance|balance)\b/i;
/** Cheap first look: only labels with one of these fragments can be totals, requirements or shortfalls. */
const SPECIAL_LABEL_RE = /tot|req|targ|short|gap|surpl|remain|diff|varia|bal/i;
/** Text that reads as a note rather than a name: "Note: …", "NB …", "* …", "(…)". */
const NOTE_RE = /^\s*(notes?\b|nb\b|n\.b\.|\*|\()/i;
const UNIT_ONLY_RE = /^\(?\s*(£\s*'?000s?|£\s*k|£\s*m|£\s*millions?|'?000s?|£)\s*\)?$/i;

/** The unit a header or note writes: "Net £000" -> £000, "Potential saving £m" -> £m, "Gross (£)" -> £. */
export function unitFromText(text: string): MoneyUnit | null {
  if (/£\s*m\b|£\s*millions?\b|\bin\s+millions?\b|\(\s*m\s*\)|\bmillions?\b/i.test(text)) return "£m";
  if (/£\s*'?000s?\b|£\s*'?000|£\s*k\b|\b'?000s\b|\(\s*'?000\s*\)|\bthousands?\b|\(\s*k\s*\)/i.test(text)) return "£000";
  if (/£/.test(text)) return "£";
  return null;
}

type HeaderRole = { role: "type" } | { role: "label" } | { role: "amount"; kind: AmountKind; unit: MoneyUnit | null } | null;

/** What a header cell says its column holds. */
export function classifyHeader(text: string): HeaderRole {
  const t = text.trim();
  if (t === "" || t.length > 120) return null;
  if (parseAmountText(t) !== null) return null;
  // Amounts and ranges ("£15m-£20m", "15 to 20") are data, not headings.
  // Units ("£000") and financial years ("2024-25", "2024/25") are not data.
  const withoutUnits = t.replace(/£\s*'?000s?\b/gi, "£").replace(/\b(19|20)\d\d\s*[-–/]\s*(\d\d|(19|20)\d\d)\b/g, "year");
  if (/£\s*\d|\d\s*(-|–|—|−|\bto\b)\s*£?\s*\d/i.test(withoutUnits)) return null;
  if (TYPE_RE.test(t) && !/£/.test(t)) return { role: "type" };
  // Shares, head counts and FTE are not money.
  // A requirement or target repeated down a column (a chart series) is not an amount to add up.
  if (REQUIREMENT_RE.test(t) && !/\b(budget|gross|net|spend(ing)?|expenditure)\b/i.test(t)) return null;
  if (/%|\b(percent(age)?|share|proportion|fte|headcount|number\s+of|no\.\s+of|count)\b/i.test(t)) return LABEL_RE.test(t) && !AMOUNT_RE.test(t) ? { role: "label" } : null;
  if (AMOUNT_RE.test(t) && !NOT_AMOUNT_RE.test(t)) {
    const kind: AmountKind = /\bgross\b/i.test(t) ? "gross" : /\bnet\b/i.test(t) ? "net" : /\bsavings?\b/i.test(t) ? "saving" : "amount";
    return { role: "amount", kind, unit: unitFromText(t) };
  }
  if (LABEL_RE.test(t)) return { role: "label" };
  return null;
}

function textOf(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "string") return v.trim();
  return String(v);
}

interface HeaderCandidate {
  row: number;
  firstCol: number;
  lastCol: number;
  typeCol: number | null;
  labelCol: number | null;
  amounts: AmountColumn[];
}

/** Try one run of header cells as a table header. */
function headerFrom(row: number, cells: { col: number; text: string }[]): HeaderCandidate | null {
  let typeCol: number | null = null;
  let labelCol: number | null = null;
  let weakLabel = false;
  const amounts: AmountColumn[] = [];
  for (const { col, text } of cells) {
    const role = classifyHeader(text);
    if (!role) continue;
    if (role.role === "type") {
      if (typeCol === null) typeCol = col;
    } else if (role.role === "label") {
      if (labelCol === null || (weakLabel && !WEAK_LABEL_RE.test(text))) {
        weakLabel = labelCol === null && WEAK_LABEL_RE.test(text);
        labelCol = col;
      }
    } else {
      amounts.push({ col, kind: role.kind, unit: role.unit, header: text, ranges: false });
    }
  }
  if (amounts.length === 0 || (typeCol === null && labelCol === null)) return null;
  if (labelCol === null) {
    labelCol = typeCol;
    typeCol = null;
  }
  return { row, firstCol: cells[0].col, lastCol: cells[cells.length - 1].col, typeCol, labelCol, amounts };
}

/** Header rows on the sheet: rows of text only, with a label heading and at least one amount heading. */
export function findHeaders(values: CellValue[][]): HeaderCandidate[] {
  const out: HeaderCandidate[] = [];
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    // Quick rejection before building anything (most rows are lines): a header is text only, in two cells
    // or more, one of them with an amount word or a £ sign.
    let texts = 0;
    let ok = true;
    let anyAmount = false;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null) continue;
      if (typeof v !== "string") {
        ok = false;
        break;
      }
      if (v.trim() === "") continue;
      texts++;
      if (!anyAmount && AMOUNT_RE.test(v)) anyAmount = true;
    }
    if (!ok || texts < 2 || !anyAmount) continue;
    const cells: { col: number; text: string }[] = [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      const t = typeof v === "string" ? v.trim() : "";
      if (t !== "") cells.push({ col: c, text: t });
    }
    // Side-by-side tables: runs of cells separated by a blank column, each a header on its own.
    const segments: { col: number; text: string }[][] = [];
    for (const cell of cells) {
      const seg = segments[segments.length - 1];
      if (seg && cell.col - seg[seg.length - 1].col <= 1) seg.push(cell);
      else segments.push([cell]);
    }
    const parts = segments.map((s) => headerFrom(r, s)).filter((h): h is HeaderCandidate => h !== null);
    if (segments.length > 1 && parts.length > 1) {
      // Each table runs up to the column before the next one's first heading.
      for (let i = 0; i < parts.length; i++) {
        if (i + 1 < parts.length) parts[i].lastCol = parts[i + 1].firstCol - 1;
        else parts[i].lastCol = Math.max(parts[i].lastCol, row.length - 1);
        out.push(parts[i]);
      }
      continue;
    }
    const whole = headerFrom(r, cells);
    if (whole) {
      whole.lastCol = Math.max(whole.lastCol, whole.amounts[whole.amounts.length - 1].col);
      out.push(whole);
    }
  }
  return out;
}

function overlaps(a: HeaderCandidate, b: HeaderCandidate): boolean {
  return a.firstCol <= b.lastCol && b.firstCol <= a.lastCol;
}

/** Merged cells covering 2+ columns, anchored at (row, col) in snapshot coordinates. */
function wideMergeAnchors(snapshot: SheetSnapshot): Set<number> {
  const out = new Set<number>();
  const { origin } = snapshot;
  for (const m of snapshot.merges) {
    if (m.colCount >= 2) out.add((m.row - origin.row) * 65536 + (m.col - origin.col));
  }
  return out;
}

const hasValue = (v: CellValue): boolean => !isBlank(v);

/**
 * Find every budget or savings table on the sheet, with its rows classified. Linear in the sheet's size.
 */
export function detectTables(snapshot: SheetSnapshot): DetectedTable[] {
  const { values } = snapshot;
  const headers = findHeaders(values);
  const wide = wideMergeAnchors(snapshot);
  const tables: DetectedTable[] = [];
  for (let h = 0; h < headers.length; h++) {
    const head = headers[h];
    let end = values.length; // exclusive
    for (let k = h + 1; k < headers.length; k++) {
      if (headers[k].row > head.row && overlaps(headers[k], head)) {
        end = headers[k].row;
        break;
      }
    }
    const t = buildTable(snapshot, withSubHeader(snapshot, head, end) ?? head, end, wide);
    if (t) tables.push(t);
  }
  return tables;
}

/**
 * A two-row header: a heading merged across columns ("Budget 2024/25" over "Gross | Net") and, straight
 * under the header row, a row of text only that fills in headings under it. The two rows are read as one
 * header ("Budget 2024/25: Gross", "Budget 2024/25: Net"), the table's body starting under the second.
 * Null when the header row has no such merge or the row under it is not such a row.
 */
function withSubHeader(snapshot: SheetSnapshot, head: HeaderCandidate, end: number): HeaderCandidate | null {
  const { values, origin } = snapshot;
  const r = head.row;
  const next = r + 1;
  if (next >= end) return null;
  const spans = snapshot.merges.filter((m) => m.row === origin.row + r && m.rowCount === 1 && m.colCount >= 2 && m.col - origin.col >= head.firstCol && m.col - origin.col <= head.lastCol);
  if (spans.length === 0) return null;
  const under = values[next];
  let underSpan = 0;
  for (let c = 0; c < under.length; c++) {
    const v = under[c];
    if (isBlank(v)) continue;
    if (typeof v !== "string") return null;
    if (spans.some((m) => c >= m.col - origin.col && c < m.col - origin.col + m.colCount)) underSpan++;
  }
  if (underSpan === 0) return null;
  const lastCol = Math.max(head.lastCol, ...spans.map((m) => m.col - origin.col + m.colCount - 1));
  const cells: { col: number; text: string }[] = [];
  for (let c = head.firstCol; c <= lastCol && c < under.length; c++) {
    const span = spans.find((m) => c >= m.col - origin.col && c < m.col - origin.col + m.colCount);
    const top = textOf(span ? (values[r][span.col - origin.col] ?? null) : (values[r][c] ?? null));
    const bottom = textOf(under[c] ?? null);
    const text = top !== "" && bottom !== "" ? `${top}: ${bottom}` : top || bottom;
    if (text !== "") cells.push({ col: c, text });
  }
  const merged = cells.length > 0 ? headerFrom(next, cells) : null;
  if (!merged || merged.amounts.length < head.amounts.length) return null;
  merged.firstCol = head.firstCol;
  merged.lastCol = Math.max(lastCol, merged.amounts[merged.amounts.length - 1].col);
  return merged;
}

/**
 * A unit written in a note above the header ("All figures in £000s"), up to five rows up. Only note rows
 * (one text, nothing else) and blank rows are read: the search stops at a row with figures or more than one
 * cell, such as another table's header, line or total, so a unit of the table above is not taken.
 */
function noteUnitAbove(values: CellValue[][], head: HeaderCandidate): MoneyUnit | null {
  for (let r = head.row - 1; r >= Math.max(0, head.row - 5); r--) {
    let text: string | null = null;
    let cells = 0;
    for (let c = 0; c < values[r].length; c++) {
      const v = values[r][c];
      if (isBlank(v)) continue;
      cells++;
      if (typeof v === "string") text = v;
    }
    if (cells === 0) continue;
    if (cells > 1 || text === null) return null;
    const u = unitFromText(text);
    if (u && u !== "£") return u;
  }
  return null;
}

function buildTable(snapshot: SheetSnapshot, head: HeaderCandidate, end: number, wide: Set<number>): DetectedTable | null {
  const { values } = snapshot;
  const amounts = head.amounts.map((a) => ({ ...a }));
  let start = head.row + 1;
  // A unit row under the header ("£000" under "Gross budget").
  if (start < end) {
    const unitRow = values[start];
    let units = 0;
    let other = 0;
    for (let c = head.firstCol; c <= head.lastCol && c < unitRow.length; c++) {
      const v = unitRow[c];
      if (!hasValue(v)) continue;
      if (typeof v === "string" && UNIT_ONLY_RE.test(v.trim())) units++;
      else other++;
    }
    if (units > 0 && other === 0) {
      for (const a of amounts) {
        const v = unitRow[a.col];
        if (typeof v === "string" && a.unit === null) a.unit = unitFromText(v) ?? (v.trim() === "000" || v.trim() === "'000" ? "£000" : null);
      }
      start++;
    }
  }
  const noted = noteUnitAbove(values, head);
  if (noted) for (const a of amounts) if (a.unit === null) a.unit = noted;

  const amountCols = amounts.map((a) => a.col);
  const isAmountCol = new Set(amountCols);
  const labelRegion: number[] = [];
  for (let c = head.firstCol; c <= head.lastCol; c++) if (!isAmountCol.has(c)) labelRegion.push(c);
  const { typeCol, labelCol } = head;

  // Pass 1: classify each row.
  const rows: TableRow[] = [];
  let category = "";
  // The lines so far, and those since the last total (pass 1's view, for telling a "Total X" total from a line).
  // Whether the last line had its own type (a type column filled on every line, not only on headings).
  let lastLineTyped = false;
  const pending1: RowSums = { sums: new Float64Array(amountCols.length), count: 0 };
  const lines1: RowSums = { sums: new Float64Array(amountCols.length), count: 0 };
  // The lines since the last total or "Total X" line that may be one (maybeTotalOf), and the row of the first:
  // the group a "Total X" line may add up. Groups do not overlap, so what they add up is read once a line.
  const group1: RowSums = { sums: new Float64Array(amountCols.length), count: 0 };
  let groupFrom = -1;
  // The "Total X" lines not taken as totals of the lines above them (indexes into rows): they may head the
  // lines under them instead (markTotalsOverLines).
  const totalLike: number[] = [];
  for (let r = start; r < end; r++) {
    const row = values[r];
    let anyAmount = false;
    // Loops run for every row count by index (see analysis.ts on for...of).
    for (let k = 0; k < amountCols.length; k++) if (amountCols[k] < row.length && hasValue(row[amountCols[k]])) anyAmount = true;
    let reqLabel: string | null = null;
    let derived = false;
    let labelTexts = 0;
    for (let k = 0; k < labelRegion.length; k++) {
      const v = row[labelRegion[k]];
      if (typeof v !== "string") continue;
      const t = v.trim();
      if (t === "") continue;
      labelTexts++;
      if (!SPECIAL_LABEL_RE.test(t) || isTotalLabel(t)) continue;
      if (reqLabel === null && REQUIREMENT_RE.test(t)) reqLabel = t;
      else if (DERIVED_RE.test(t)) derived = true;
    }
    const typeText = typeCol !== null ? textOf(row[typeCol] ?? null) : "";
    const labelText = labelCol !== null ? textOf(row[labelCol] ?? null) : "";
    // A total says so in its type or label column (a comment beginning "Total" does not make a total).
    let totalLabel: string | null = null;
    let totalInType = false;
    if (typeText !== "" && isTotalLabel(typeText)) {
      totalLabel = typeText;
      totalInType = true;
    } else if (labelText !== "" && isTotalLabel(labelText)) totalLabel = labelText;
    else if (typeText === "" && labelText === "") {
      // "Total" typed in a column before the names (a cost centre or reference column), the names left blank.
      const nameCol = Math.min(typeCol ?? Number.MAX_SAFE_INTEGER, labelCol ?? Number.MAX_SAFE_INTEGER);
      for (let k = 0; k < labelRegion.length && labelRegion[k] < nameCol; k++) {
        const t = textOf(row[labelRegion[k]] ?? null);
        if (t !== "" && isTotalLabel(t)) {
          totalLabel = t;
          break;
        }
      }
    }
    // "Total X" may be a service's name ("Total Facilities Management"): a total only when the row's figures
    // add up other rows, or when it stands in the type column with no service named beside it.
    // A "Total X" read as a line for that reason is kept for a second look (maybeTotalOf).
    let notTotal: string | null = null;
    if (totalLabel !== null && !isDefiniteTotalLabel(totalLabel) && !(totalInType && labelCol !== null && labelText === "")) {
      if (!addsUpOtherRows(snapshot, r, amountCols, start, end, pending1, lines1)) {
        notTotal = totalLabel;
        totalLabel = null;
      }
    }
    if (totalLabel !== null) reqLabel = null;
    if (typeText !== "" && totalLabel === null && reqLabel === null) category = typeText;
    if (totalLabel !== null) {
      rows.push({ row: r, kind: "total", label: totalLabel, category });
      clearRowSums(pending1);
      clearRowSums(group1);
      continue;
    }
    if (reqLabel !== null) {
      rows.push({ row: r, kind: "requirement", label: reqLabel, category });
      continue;
    }
    if (derived && /^\s*(savings?\s+)?(shortfall|gap|surplus|remaining|difference|variance|balance)\b/i.test(labelText || typeText)) {
      rows.push({ row: r, kind: "note", label: labelText || typeText, category });
      continue;
    }
    if (!anyAmount) {
      if (typeText === "" && labelText === "") {
        rows.push({ row: r, kind: labelTexts > 0 ? "note" : "blank", label: "", category });
        continue;
      }
      // A note in the service column ("Note: CLS is part grant-funded"): one text, no type and no amounts,
      // where it reads as a note or the lines around it carry their own type.
      if (typeCol !== null && labelCol !== null && typeText === "" && labelTexts === 1 && (NOTE_RE.test(labelText) || lastLineTyped)) {
        rows.push({ row: r, kind: "note", label: labelText, category });
        continue;
      }
      const mergedWide = wide.has(r * 65536 + (typeCol ?? labelCol ?? head.firstCol)) || wide.has(r * 65536 + (labelCol ?? head.firstCol));
      let cat: boolean;
      if (mergedWide) cat = true;
      else if (typeCol !== null && labelCol !== null) cat = labelText === "";
      else if (amounts.length >= 2) cat = true;
      else cat = true; // decided in pass 1b from the neighbours
      rows.push({ row: r, kind: cat ? "category" : "line", label: labelText || typeText, category });
      if (cat && typeCol === null) category = labelText || typeText;
      continue;
    }
    // A category heading that carries its group's total (a type, no service, figures adding up the rows
    // below it) is a sub-total placed above its group.
    if (typeCol !== null && labelCol !== null && typeText !== "" && labelText === "" && headsRowsBelow(snapshot, r, amountCols, end, typeCol, labelCol)) {
      category = typeText;
      rows.push({ row: r, kind: "total", label: typeText, category });
      clearRowSums(pending1);
      clearRowSums(group1);
      continue;
    }
    const line: TableRow = { row: r, kind: "line", label: labelText, category };
    const prev = rows.length > 0 ? rows[rows.length - 1] : null;
    if (notTotal !== null && notTotal === labelText && prev !== null && prev.kind === "line" && mayBeGroupTotal(values, r, amountCols, group1, notTotal, prev.category)) {
      // The next group starts under it, as it would under a total.
      line.maybeTotalOf = groupFrom;
      clearRowSums(group1);
    } else {
      if (notTotal !== null && notTotal === labelText) totalLike.push(rows.length);
      if (group1.count === 0) groupFrom = r;
      addRowSums(group1, values, r, amountCols);
    }
    rows.push(line);
    lastLineTyped = typeText !== "";
    addRowSums(pending1, values, r, amountCols);
    addRowSums(lines1, values, r, amountCols);
  }

  // Pass 1b: in a one-column table a name without an amount between two lines (or a line and a total) is a
  // line whose amount is missing, not a category heading.
  if (amounts.length === 1 && !(typeCol !== null && labelCol !== null)) {
    for (let i = 1; i < rows.length - 1; i++) {
      const x = rows[i];
      if (x.kind !== "category" || wide.has(x.row * 65536 + (labelCol ?? head.firstCol))) continue;
      // Straight after a line (no blank row between) and followed by a line or a total.
      if (rows[i - 1].kind !== "line") continue;
      let j = i + 1;
      while (j < rows.length && rows[j].kind === "blank") j++;
      if (j < rows.length && (rows[j].kind === "line" || rows[j].kind === "total")) {
        x.kind = "line";
        x.maybeHeading = true;
      }
    }
  }

  // Pass 2: sub-totals and the grand total (one at the top of the table, above its lines, included).
  const { totals, lastRow, cut } = readTotals(snapshot, rows, amountCols, amounts);
  // Pass 3: "Total X" lines that may be sub-totals above their groups, typed wrong.
  markTotalsOverLines(values, rows, cut, amountCols, totals, totalLike);
  const allLines: number[] = [];
  for (let i = 0; i < cut; i++) if (rows[i].kind === "line") allLines.push(rows[i].row);
  // A requirement row inside the table or within a few rows after its grand total.
  let requirement: { row: number; label: string } | null = null;
  for (const x of rows) {
    if (x.kind !== "requirement") continue;
    if (x.row <= Math.max(lastRow, head.row) + 10) requirement = { row: x.row, label: x.label };
    break;
  }
  const body: TableRow[] = [];
  for (let i = 0; i < cut; i++) if (rows[i].row <= lastRow || rows[i].kind === "requirement") body.push(rows[i]);
  if (allLines.length === 0 && totals.length === 0) return null;

  // Savings columns written as ranges ("15-20").
  let kind: DetectedTable["kind"] = "budget";
  for (const a of amounts) {
    if (a.kind !== "saving" && !/\brange\b/i.test(a.header)) continue;
    for (const r of allLines) {
      const v = values[r][a.col];
      if (typeof v === "string" && /\d\s*(m|mn|k|000s?)?\s*(-|–|—|−|\bto\b)\s*£?\s*\d/i.test(v.trim())) {
        a.ranges = true;
        break;
      }
    }
    if (a.kind === "saving") kind = "savings";
  }
  const headerLabel = head.row >= 0 && labelCol !== null ? textOf(values[head.row][labelCol] ?? null) : "";
  if (typeCol === null && /stream/i.test(headerLabel)) {
    kind = "savings";
  }

  return {
    headerRow: head.row,
    firstCol: head.firstCol,
    lastCol: head.lastCol,
    typeCol,
    labelCol,
    amounts,
    rows: body,
    lines: allLines,
    totals,
    requirement,
    lastRow: Math.max(lastRow, head.row),
    kind,
  };
}

/** A typed figure near enough a sum to read its row as that sum's total (half a penny and 1e-9 of the sum); used wherever table reading asks. */
const nearAmount = (p: number, q: number): boolean => Math.abs(p - q) <= 0.005 + 1e-9 * Math.abs(q);

/** Running sums of the figures in each amount column over a set of rows, and how many rows. */
interface RowSums {
  sums: Float64Array;
  count: number;
}

/** Start the sums again (after a total, or a row that may be one). */
function clearRowSums(s: RowSums): void {
  s.sums.fill(0);
  s.count = 0;
}

function addRowSums(s: RowSums, values: CellValue[][], r: number, amountCols: readonly number[]): void {
  for (let k = 0; k < amountCols.length; k++) {
    const v = values[r][amountCols[k]];
    if (typeof v === "number" && Number.isFinite(v)) s.sums[k] += v;
  }
  s.count++;
}

/**
 * True when row r's figures add up other rows of the table: a SUM (or a sum of cells) over other rows in an
 * amount column, or figures equal to the sum of the lines since the last total, of all lines so far, or of
 * the rows below it up to the next total (a total above its group). Figures matching a single line must
 * match it in every column, two columns at least, so two services with the same budget do not make a
 * total. Nil is no evidence.
 * Reads at most the rows up to the next row with a total word, so a sheet of such rows stays linear.
 */
function addsUpOtherRows(
  snapshot: SheetSnapshot,
  r: number,
  amountCols: readonly number[],
  start: number,
  end: number,
  pending: RowSums,
  linesSoFar: RowSums,
): boolean {
  const { values } = snapshot;
  for (const span of sumRows(snapshot, r, amountCols)) {
    const lo = Math.max(start, span.lo);
    const hi = Math.min(end - 1, span.hi);
    if (lo <= hi && !(lo === r && hi === r)) return true;
  }
  const matches = (s: RowSums): boolean => {
    if (s.count === 0) return false;
    let figures = 0;
    let matched = 0;
    for (let k = 0; k < amountCols.length; k++) {
      const v = values[r][amountCols[k]];
      if (typeof v !== "number") continue;
      figures++;
      if (v !== 0 && nearAmount(v, s.sums[k])) matched++;
    }
    return matched > 0 && (s.count > 1 || (matched === figures && figures >= 2));
  };
  if (matches(pending) || matches(linesSoFar)) return true;
  // The rows below with figures, up to the next row with a total word anywhere in it.
  const below: RowSums = { sums: new Float64Array(amountCols.length), count: 0 };
  for (let q = r + 1; q < end; q++) {
    const row = values[q];
    let total = false;
    for (let c = 0; c < row.length && !total; c++) {
      const v = row[c];
      if (typeof v === "string" && SPECIAL_LABEL_RE.test(v) && isTotalLabel(v)) total = true;
    }
    if (total) break;
    let figures = false;
    for (let k = 0; k < amountCols.length; k++) if (typeof row[amountCols[k]] === "number") figures = true;
    if (figures) addRowSums(below, values, q, amountCols);
  }
  return matches(below);
}

/** How far from the sum of the lines above it a "Total X" line's figure may be and still look like their total with a slip: 5%. */
const NEAR_SHARE = 0.05;

/** How many of row r's amount cells show a figure, and how many of those are within 5% of the sums (a nil sum is never near). */
function nearSums(values: CellValue[][], r: number, amountCols: readonly number[], s: RowSums): { figures: number; near: number } {
  let figures = 0;
  let near = 0;
  for (let k = 0; k < amountCols.length; k++) {
    const v = values[r][amountCols[k]];
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    figures++;
    const sum = s.sums[k];
    if (sum !== 0 && Math.abs(v - sum) <= NEAR_SHARE * Math.abs(sum)) near++;
  }
  return { figures, near };
}

/**
 * A line named "Total X" straight under lines, whose figures add up nothing: may it be their total with a wrong
 * figure (then the grand total counts those lines twice), rather than a service called "Total X"? Yes when it
 * shows a figure and X names the lines' category ("Total Children's Services" under the Children's Services
 * lines), or when two lines or more are above it since the last total (or the last such line) and each of its
 * figures is within 5% of their sum (a digit typed wrong, or two swapped, past the first digit or two). A service of about that size
 * just there is unlikely; one line above it is not enough, as two services often cost about the same.
 * Constant work a row: the sums are the running ones of pass 1.
 */
function mayBeGroupTotal(values: CellValue[][], r: number, amountCols: readonly number[], pending: RowSums, label: string, category: string): boolean {
  if (pending.count === 0) return false;
  const { figures, near } = nearSums(values, r, amountCols, pending);
  if (figures === 0) return false;
  return namesGroup(label, category) || (pending.count >= 2 && near === figures);
}

/**
 * The mirror of mayBeGroupTotal, for a sub-total placed above its group: a "Total X" line (pass 1 found its
 * figures add up nothing, and did not take it for the total of the lines above it) straight over lines, which
 * may be their total with a wrong figure. Marked (maybeTotalOver) when it shows a figure and either
 * - X names the category of the line straight under it ("Total Children's Services" over the Children's
 *   Services lines, by the type column or a category heading): its group is the lines under it while that
 *   category holds; or
 * - the table reads other sub-totals above their groups, two lines or more are straight under it before the
 *   next total (or the next "Total X" line, blank row or heading), and each of its figures is within 5% of
 *   their sum. Without such a layout a line heading lines of about its size is no sign of a total: only the
 *   name counts then.
 * A "Total Place" line over lines of another category, or far from their sum, is a service. Each look stops at
 * the next "Total X" line, so the lines are read about once in all.
 */
function markTotalsOverLines(values: CellValue[][], rows: TableRow[], cut: number, amountCols: readonly number[], totals: readonly TotalInfo[], totalLike: readonly number[]): void {
  if (totalLike.length === 0) return;
  let above = false;
  for (let k = 0; k < totals.length && !above; k++) {
    const t = totals[k];
    above = t.level === "sub" && t.lines.length > 0 && t.lines[0] > t.row;
  }
  const group: RowSums = { sums: new Float64Array(amountCols.length), count: 0 };
  for (let c = 0; c < totalLike.length; c++) {
    const i = totalLike[c];
    const stop = Math.min(cut, c + 1 < totalLike.length ? totalLike[c + 1] : cut);
    if (i + 1 >= stop) continue;
    const x = rows[i];
    const first = rows[i + 1];
    if (first.kind !== "line" || first.maybeHeading || first.maybeTotalOf !== undefined) continue;
    const named = namesGroup(x.label, first.category);
    if (!named && !above) continue;
    group.sums.fill(0);
    group.count = 0;
    let last = -1;
    for (let j = i + 1; j < stop; j++) {
      const y = rows[j];
      if (y.kind !== "line" || y.maybeHeading || y.maybeTotalOf !== undefined || (named && y.category !== first.category)) break;
      addRowSums(group, values, y.row, amountCols);
      last = y.row;
    }
    const { figures, near } = nearSums(values, x.row, amountCols, group);
    if (figures > 0 && (named || (group.count >= 2 && near === figures))) x.maybeTotalOver = last;
  }
}

const TOTAL_PREFIX_RE = /^\s*(?:grand\s+)?(?:sub[-\s]?)?totals?\b\s*(?:(?:for|of)\b)?[\s:–—-]*/i;

/** Words of a name for comparing: lower case, "&" as "and", apostrophes and punctuation dropped. */
function plainWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** True when a "Total X" label names the category: X is the category, or the first words of it, or it and more words. */
function namesGroup(label: string, category: string): boolean {
  const x = plainWords(label.replace(TOTAL_PREFIX_RE, ""));
  const c = plainWords(category);
  if (x === "" || c === "") return false;
  return x === c || c.startsWith(`${x} `) || x.startsWith(`${c} `);
}

/**
 * The lines a SUM total above every line after it, and the only total over them, adds up (a grand total at the
 * top with no other total, or the one sub-total heading lines before a grand total at the bottom): all of them,
 * unless its label may name a group ("Total frontline services", not "Total", "Total budget", "Grand total")
 * and its figures are not the sum of them all. Then it may be a first group's sub-total, the groups after it
 * having none, as well as their total with its range run short:
 * - a SUM over exactly a leading run of the lines (the same in every column) names that run as its group: it
 *   adds up those lines, so no fix stretches it over the groups after them;
 * - a SUM reaching the last line in any column adds up all of them (its other columns' SUMs run short);
 * - otherwise which lines it should add up cannot be told: all of them, but it is offered no formula.
 */
function loneTotalOver(snapshot: SheetSnapshot, x: TableRow, amountCols: readonly number[], lines: number[]): { lines: number[]; noFormula?: true } {
  if (lines.length === 0 || isDefiniteTotalLabel(x.label) || figuresAreSumOf(snapshot.values, x.row, amountCols, lines)) return { lines };
  const run = leadingRunOfSum(snapshot, x.row, amountCols, lines);
  if (run > 0 && run < lines.length) return { lines: lines.slice(0, run) };
  const last = lines[lines.length - 1];
  return sumRows(snapshot, x.row, amountCols).some((g) => g.lo <= last && last <= g.hi) ? { lines } : { lines, noFormula: true };
}

/**
 * How many of `lines` (ascending, all below row r) row r's SUMs add up when, in every amount column with a SUM,
 * they add up exactly the first few of them, the same number in each, and no other row but rows between those
 * lines (blank rows, headings): 0 when not so, or when the row has no SUM.
 */
function leadingRunOfSum(snapshot: SheetSnapshot, r: number, amountCols: readonly number[], lines: readonly number[]): number {
  let run = -1;
  for (let k = 0; k < amountCols.length; k++) {
    const reach = sumRows(snapshot, r, [amountCols[k]]);
    if (reach.length === 0) continue;
    let n = 0;
    while (n < lines.length && reach.some((g) => g.lo <= lines[n] && lines[n] <= g.hi)) n++;
    if (n === 0) return 0;
    const end = lines[n - 1];
    // Nothing past the run, and nothing above the first line but rows after r.
    if (reach.some((g) => g.lo <= r || g.hi > end)) return 0;
    if (run >= 0 && run !== n) return 0;
    run = n;
  }
  return Math.max(run, 0);
}

/** Which way a row's SUM formulas point: every reference above it, every one below it, some of each (or its own row), or no SUM. */
type SumDirection = "up" | "down" | "both" | "none";

function sumDirection(snapshot: SheetSnapshot, r: number, amountCols: readonly number[]): SumDirection {
  let up = false;
  let down = false;
  for (const { lo, hi } of sumRows(snapshot, r, amountCols)) {
    if (hi < r) up = true;
    else if (lo > r) down = true;
    else return "both";
  }
  return up && down ? "both" : up ? "up" : down ? "down" : "none";
}

/** The rows of a SUM in any amount column of row r, relative to the snapshot (refs outside the sheet's rows are left out). */
function sumRows(snapshot: SheetSnapshot, r: number, amountCols: readonly number[]): { lo: number; hi: number }[] {
  const out: { lo: number; hi: number }[] = [];
  for (let k = 0; k < amountCols.length; k++) {
    const f = snapshot.formulas[r]?.[amountCols[k]] ?? null;
    const parsed = f === null ? null : parseSumFormula(f, snapshot.name);
    if (!parsed) continue;
    for (const ref of parsed.refs) {
      const c0 = ref.col - snapshot.origin.col;
      if (amountCols[k] < c0 || amountCols[k] > c0 + ref.colCount - 1) continue;
      out.push({ lo: ref.row - snapshot.origin.row, hi: ref.row - snapshot.origin.row + ref.rowCount - 1 });
    }
  }
  return out;
}

/**
 * True when every figure of row r is the sum of the same cells of `rows`: at least one figure other than nil,
 * and two lines or more, or two columns or more (one service with the same budget as another is no total).
 */
function figuresAreSumOf(values: CellValue[][], r: number, amountCols: readonly number[], rows: readonly number[]): boolean {
  if (rows.length === 0) return false;
  let figures = 0;
  let nonNil = 0;
  for (let k = 0; k < amountCols.length; k++) {
    const col = amountCols[k];
    const v = values[r][col];
    if (typeof v !== "number") continue;
    figures++;
    let sum = 0;
    for (let i = 0; i < rows.length; i++) {
      const x = values[rows[i]][col];
      if (typeof x === "number" && Number.isFinite(x)) sum += x;
    }
    if (!nearAmount(v, sum)) return false;
    if (v !== 0) nonNil++;
  }
  return nonNil > 0 && (rows.length > 1 || figures > 1);
}

/**
 * A row with a type and no service whose figures add up the rows below it, up to the next such heading or
 * total: a SUM that reaches only below it, or typed figures equal to the sum of those rows.
 */
function headsRowsBelow(snapshot: SheetSnapshot, r: number, amountCols: readonly number[], end: number, typeCol: number, labelCol: number): boolean {
  const dir = sumDirection(snapshot, r, amountCols);
  if (dir === "down") return true;
  if (dir !== "none") return false;
  const { values } = snapshot;
  const below: number[] = [];
  for (let q = r + 1; q < end; q++) {
    const t = textOf(values[q][typeCol] ?? null);
    const l = textOf(values[q][labelCol] ?? null);
    if ((t !== "" && l === "") || isTotalLabel(t) || isTotalLabel(l)) break;
    for (let k = 0; k < amountCols.length; k++) {
      if (typeof values[q][amountCols[k]] === "number") {
        below.push(q);
        break;
      }
    }
  }
  return figuresAreSumOf(values, r, amountCols, below);
}

/**
 * Sub-totals placed above their groups ("Total frontline services" =SUM(B3:B4) over Libraries and Community
 * Learning & Skills, or a category heading carrying its group's total). Null when no total heads its group:
 * the usual layout, totals under their lines. Otherwise each total before the last line owns the lines
 * after it up to the next total, and a total after the last line is the grand total of them all. When the
 * layout cannot be read with confidence (a total pointing both ways, a SUM reaching past its group, a typed
 * figure equal to the group above) no total is returned, so nothing is checked and no fix is offered.
 */
function totalsAboveGroups(snapshot: SheetSnapshot, rows: TableRow[], amountCols: readonly number[]): TotalsRead | null {
  const { values } = snapshot;
  const totalIdx: number[] = [];
  let lastLine = -1;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].kind === "total") totalIdx.push(i);
    else if (rows[i].kind === "line") lastLine = i;
  }
  // The lines of each stretch between totals: before the first total, then after each one.
  const groupAfter = (t: number): number[] => {
    const out: number[] = [];
    const from = t < 0 ? 0 : totalIdx[t] + 1;
    const to = t + 1 < totalIdx.length ? totalIdx[t + 1] : rows.length;
    for (let i = from; i < to; i++) if (rows[i].kind === "line") out.push(rows[i].row);
    return out;
  };
  const dirs: SumDirection[] = totalIdx.map((i, t) => {
    const d = sumDirection(snapshot, rows[i].row, amountCols);
    if (d !== "none") return d;
    // A typed total: heading the group below when its figures are that group's sum and not the group above's.
    const below = groupAfter(t);
    const aboveLines = groupAfter(t - 1);
    return figuresAreSumOf(values, rows[i].row, amountCols, below) && !figuresAreSumOf(values, rows[i].row, amountCols, aboveLines) ? "down" : "none";
  });
  let anyHeading = false;
  for (let t = 0; t < totalIdx.length; t++) if (totalIdx[t] < lastLine && dirs[t] === "down") anyHeading = true;
  if (!anyHeading) return null;

  const unreadable: TotalsRead = { totals: [], lastRow: rows.length > 0 ? rows[rows.length - 1].row : -1, cut: rows.length, unreadable: true };
  const totals: TotalInfo[] = [];
  const subs: number[] = [];
  const dropped: number[] = [];
  const lines: number[] = [];
  for (let i = 0; i < rows.length && i <= lastLine; i++) if (rows[i].kind === "line") lines.push(rows[i].row);
  // The index of a sub-total below its group after the last line (trailingSubtotal), -1 when there is none.
  let trailingAt = -1;
  const pushSub = (x: TableRow, own: number[]): TotalInfo => {
    const sub: TotalInfo = { row: x.row, label: x.label, level: "sub", lines: own, subtotals: [] };
    totals.push(sub);
    subs.push(x.row);
    return sub;
  };
  for (let t = 0; t < totalIdx.length; t++) {
    const x = rows[totalIdx[t]];
    const d = dirs[t];
    if (totalIdx[t] > lastLine) {
      if (d === "down" || d === "both") return unreadable;
      if (trailingAt < 0) {
        // Straight after the last line: the sub-total of the lines no sub-total above took, under them (a
        // layout mixing the two), or the grand total.
        const loose = trailingSubtotal(snapshot, x, amountCols, lines, totals);
        if (loose !== null) {
          pushSub(x, loose);
          trailingAt = totalIdx[t];
          continue;
        }
      }
      // The grand total, adding up the lines (or the sub-totals above and below their groups).
      totals.push({ row: x.row, label: x.label, level: "grand", lines, subtotals: subs });
      for (const r of dropped) if (sumRows(snapshot, x.row, amountCols).some((g) => g.lo <= r && r <= g.hi)) return unreadable;
      return { totals, lastRow: x.row, cut: totalIdx[t] + 1 };
    }
    if (d === "up" || d === "both") return unreadable;
    const group = groupAfter(t);
    const nextRow = t + 1 < totalIdx.length ? rows[totalIdx[t + 1]].row : Number.POSITIVE_INFINITY;
    const reach = sumRows(snapshot, x.row, amountCols);
    const withinGroup = reach.every((g) => g.lo > x.row && g.hi < nextRow);
    if (totals.length === 0 && !withinGroup) {
      // The first total, adding up more than the lines under it before the next total: a grand total at the
      // top, which topGrandTotal reads when the rows below it can be read on their own; here (those rows
      // read with it) it is not checked.
      dropped.push(x.row);
      continue;
    }
    if (!withinGroup || group.length === 0) return unreadable;
    if (totals.length === 0 && dropped.length === 0 && nextRow > rows[lastLine].row) {
      // The one total heading lines, its group running to the last line: it may be a first group's sub-total
      // with groups after it that have none (loneTotalOver).
      const lone = loneTotalOver(snapshot, x, amountCols, group);
      const sub = pushSub(x, lone.lines);
      if (lone.noFormula) sub.noFormula = true;
      continue;
    }
    let own = group;
    if (totals.length > 0 && t + 1 < totalIdx.length && nextRow > rows[lastLine].row) {
      // The last sub-total above its group, the next total after the last line: when its SUM adds up only the
      // first few lines under it and the next total adds up the rest, as a sub-total under them, each has its own.
      const run = leadingRunOfSum(snapshot, x.row, amountCols, group);
      if (run > 0 && run < group.length && sumCloses(snapshot, rows[totalIdx[t + 1]], amountCols, group.slice(run), lines)) own = group.slice(0, run);
    }
    pushSub(x, own);
  }
  // No grand total: the sub-totals above their groups (and one below the last), and the table runs to the last
  // of its lines and totals.
  if (trailingAt >= 0) return { totals, lastRow: rows[trailingAt].row, cut: trailingAt + 1 };
  return { totals, lastRow: rows[lastLine].row, cut: lastLine + 1 };
}

/**
 * The lines a total straight after a table's last line adds up when it is the sub-total of the last lines, under
 * them, after sub-totals above their groups ("Total frontline services" heading its two services, then two more
 * services and "Total corporate support services" =SUM(B5:B6) under them): null when it reads as the grand
 * total. A sub-total when the lines after the last group above have none, its label may name a group (not
 * "Total", "Total budget", "Grand total"), its figures are not the sum of every line, and its SUMs (in every
 * column with one) reach only those lines, or, typed, its figures are their sum. A SUM that leaves one of them
 * out still reads so (sum-range-gap then fixes it over those lines, not over every line).
 */
function trailingSubtotal(snapshot: SheetSnapshot, x: TableRow, amountCols: readonly number[], lines: readonly number[], subtotals: readonly TotalInfo[]): number[] | null {
  if (subtotals.length === 0) return null;
  const taken = new Set<number>();
  for (const t of subtotals) for (const r of t.lines) taken.add(r);
  // The lines after the last one a sub-total above took: none of them in any group.
  let from = lines.length;
  while (from > 0 && !taken.has(lines[from - 1])) from--;
  const loose = lines.slice(from);
  if (loose.length === 0 || loose.length === lines.length) return null;
  for (let k = 0; k < from; k++) if (!taken.has(lines[k])) return null;
  if (sumRows(snapshot, x.row, amountCols).length === 0) {
    return !isDefiniteTotalLabel(x.label) && !figuresAreSumOf(snapshot.values, x.row, amountCols, lines) && figuresAreSumOf(snapshot.values, x.row, amountCols, loose) ? loose : null;
  }
  return sumCloses(snapshot, x, amountCols, loose, lines) ? loose : null;
}

/**
 * Whether total x, under `rest` (the last lines of a table, after groups with sub-totals above them), reads as
 * their sub-total rather than the grand total of every line: its label may name a group, its figures are not
 * the sum of every line, and its SUMs reach nothing above the first of `rest` (no sub-total, no line of another
 * group) nor below itself.
 */
function sumCloses(snapshot: SheetSnapshot, x: TableRow, amountCols: readonly number[], rest: readonly number[], lines: readonly number[]): boolean {
  if (rest.length === 0 || isDefiniteTotalLabel(x.label) || figuresAreSumOf(snapshot.values, x.row, amountCols, lines)) return false;
  const reach = sumRows(snapshot, x.row, amountCols);
  return reach.length > 0 && reach.every((g) => g.lo >= rest[0] && g.hi < x.row);
}

/** The totals of a table's rows, the last row they reach and how many rows belong to the table. */
interface TotalsRead {
  totals: TotalInfo[];
  lastRow: number;
  cut: number;
  /** Set when totals were found whose layout cannot be read with confidence: none is returned, so none is checked. */
  unreadable?: true;
}

/**
 * The sub-totals and grand total of a table's classified rows, with a grand total placed at the top (above
 * every line: "Total budget" straight under the header) read as the total of everything below it.
 */
function readTotals(snapshot: SheetSnapshot, rows: TableRow[], amountCols: readonly number[], amounts: AmountColumn[]): TotalsRead {
  const read = topGrandTotal(snapshot, rows, amountCols, amounts) ?? groupTotals(snapshot, rows, amountCols, amounts);
  keepOwnCategory(snapshot, rows, amountCols, read.totals);
  return read;
}

/**
 * The table's totals, and its lines, read with some of its lines taken as totals: the "Total X" lines that may be
 * totals with a wrong figure (maybeTotalOf, maybeTotalOver), read the other way, so a total can be checked as it
 * would be if the answer to the question asked of them is "a total" (analysis.ts).
 */
export function readTotalsTakingAsTotals(snapshot: SheetSnapshot, table: DetectedTable, asTotals: ReadonlySet<number>): { totals: TotalInfo[]; lines: number[] } {
  const rows = table.rows.map((x): TableRow => (asTotals.has(x.row) ? { row: x.row, kind: "total", label: x.label, category: x.category } : x));
  const { totals, cut } = readTotals(snapshot, rows, table.amounts.map((a) => a.col), table.amounts);
  const lines: number[] = [];
  for (let i = 0; i < cut && i < rows.length; i++) if (rows[i].kind === "line") lines.push(rows[i].row);
  return { totals, lines };
}

/** A category as compared: its words, without case, spaces or punctuation ("Front-line" is "Frontline"). */
const categoryKey = (category: string): string => plainWords(category).replace(/ /g, "");

/**
 * A sub-total is read by position: every line between it and the total before it (below its group), or the next
 * total (above it). When the sheet says which category each of those lines is (a type column, or category
 * headings) and they are of two categories or more, the sub-total adds up one category's lines, the one:
 * - its SUM reaches (when the lines it reaches are all of one category; a SUM reaching two adds up no one group);
 * - else, typed, whose lines its figures add up;
 * - else its label names ("Total corporate support services").
 * The other lines are in no sub-total, and the grand total takes them as loose lines. Without this, lines of
 * another category between two groups read as lines the next sub-total leaves out, and the fix offered would
 * add them into that group's total.
 *
 * Only where the categories are the table's groups: the sub-total's label names its category, or every
 * sub-total (two or more) adds up a category of its own. A type column that cuts across the groups (frontline
 * and corporate services in each directorate's sub-total) says nothing of which lines a sub-total leaves out.
 * Where no one category can be told, or a line has none, the lines stay as read by position.
 */
function keepOwnCategory(snapshot: SheetSnapshot, rows: readonly TableRow[], amountCols: readonly number[], totals: TotalInfo[]): void {
  const subs = totals.filter((t) => t.level === "sub" && t.lines.length > 0);
  if (subs.length === 0) return;
  // Each line's category as typed, by row (an index into rows: lines are rows of the snapshot, in order).
  let last = -1;
  for (let i = 0; i < rows.length; i++) if (rows[i].kind === "line") last = rows[i].row;
  const at = new Int32Array(last + 1).fill(-1);
  for (let i = 0; i < rows.length; i++) if (rows[i].kind === "line") at[rows[i].row] = i;
  const typedOf = (r: number): string => (r >= 0 && r <= last && at[r] >= 0 ? rows[at[r]].category : "");
  // Most sheets have one category a group, or none: the words are compared only when a group's differ as typed.
  let mixedAny = false;
  for (let i = 0; i < subs.length && !mixedAny; i++) {
    const lines = subs[i].lines;
    const first = typedOf(lines[0]);
    for (let k = 1; k < lines.length; k++) {
      if (typedOf(lines[k]) !== first) {
        mixedAny = true;
        break;
      }
    }
  }
  if (!mixedAny) return;
  // Category keys, made once for each category as typed; each key's category as typed (the first seen).
  const keys = new Map<string, string>();
  const typed = new Map<string, string>();
  const keyOf = (r: number): string => {
    const c = typedOf(r);
    let key = keys.get(c);
    if (key === undefined) {
      key = categoryKey(c);
      keys.set(c, key);
      if (!typed.has(key)) typed.set(key, c);
    }
    return key;
  };
  // Each sub-total's category: its lines' one category, or the one it adds up of several (null: none told).
  const own: (string | null)[] = [];
  const mixed: boolean[] = [];
  for (const t of subs) {
    const cats = new Set<string>();
    for (const r of t.lines) cats.add(keyOf(r));
    mixed.push(cats.size > 1);
    if (cats.has("")) own.push(null);
    else if (cats.size === 1) own.push([...cats][0]);
    else own.push(totalCategory(snapshot, t, amountCols, keyOf, cats, typed));
  }
  const told = own.filter((c): c is string => c !== null);
  const groups = subs.length >= 2 && told.length === subs.length && new Set(told).size === told.length;
  for (let i = 0; i < subs.length; i++) {
    const c = own[i];
    if (!mixed[i] || c === null) continue;
    if (groups || namesGroup(subs[i].label, typed.get(c) ?? "")) subs[i].lines = subs[i].lines.filter((r) => keyOf(r) === c);
  }
}

/** The one category of a sub-total's lines that it adds up (keepOwnCategory), or null when none can be told. */
function totalCategory(
  snapshot: SheetSnapshot,
  t: TotalInfo,
  amountCols: readonly number[],
  categoryOf: (row: number) => string,
  cats: ReadonlySet<string>,
  typed: ReadonlyMap<string, string>,
): string | null {
  const reach = sumRows(snapshot, t.row, amountCols);
  const reached = new Set<string>();
  for (const r of t.lines) if (reach.some((g) => g.lo <= r && r <= g.hi)) reached.add(categoryOf(r));
  if (reached.size > 1) return null;
  if (reached.size === 1) return [...reached][0];
  const one = (test: (c: string) => boolean): string | null => {
    const found = [...cats].filter(test);
    return found.length === 1 ? found[0] : null;
  };
  return (
    one((c) => figuresAreSumOf(snapshot.values, t.row, amountCols, t.lines.filter((r) => categoryOf(r) === c))) ??
    one((c) => namesGroup(t.label, typed.get(c) ?? ""))
  );
}

/**
 * The totals of a table whose first total stands above all its lines and adds up everything below it (a grand
 * total at the top): the totals of the rows below it, read as usual (sub-totals above or below their groups,
 * or none), and it as the grand total of their lines (through the sub-totals). Null when the first total is not
 * such a row, and the rows are read as they are (groupTotals). It is the grand total when:
 * - its SUM reaches only below it and, in every column, past its first group (to the first total below, or
 *   further), and its label is a total by its form alone or its figures add up every line below; or there is
 *   no other total and it is not read as a first group's sub-total (loneTotalOver: a label that may name a
 *   group, over a SUM of exactly the first few lines, adds up only those);
 * - typed, its figures are the sum of all the lines below it and not of its first group alone;
 * - typed with a figure that adds up nothing, its label is a total by its form alone ("Total", "Total budget",
 *   "Grand total") and it cannot be heading a first group of its own: no total follows, or the next total
 *   comes before any line (sub-totals above their groups), or closes the lines after it (sub-totals below).
 * A total that adds up only the lines under it before the next total heads that group (a sub-total above its
 * group), as before. When the rows below hold a grand total too (at the bottom), both are grand totals of the
 * same lines; the top one is checked but offered no formula, as which of the two should add up the other
 * cannot be told.
 */
function topGrandTotal(snapshot: SheetSnapshot, rows: TableRow[], amountCols: readonly number[], amounts: AmountColumn[]): TotalsRead | null {
  const { values, formulas } = snapshot;
  let at = -1;
  for (let i = 0; i < rows.length && at < 0; i++) {
    if (rows[i].kind === "line") return null;
    if (rows[i].kind === "total") at = i;
  }
  if (at < 0) return null;
  const top = rows[at];
  // A total word with nothing in its amount cells is a heading, not a total.
  let figure = false;
  for (let k = 0; k < amountCols.length && !figure; k++) figure = hasValue(values[top.row][amountCols[k]] ?? null) || (formulas[top.row]?.[amountCols[k]] ?? null) !== null;
  if (!figure) return null;
  const rest = rows.slice(0, at).concat(rows.slice(at + 1));
  const below = groupTotals(snapshot, rest, amountCols, amounts);
  if (below.unreadable) return null;
  // Every total below it read as one (none left out as adding nothing up), and lines to add up.
  const lines: number[] = [];
  let totalRows = 0;
  for (let i = 0; i < below.cut; i++) {
    if (rest[i].kind === "line") lines.push(rest[i].row);
    else if (rest[i].kind === "total") totalRows++;
  }
  if (lines.length === 0 || totalRows !== below.totals.length) return null;
  let first: TotalInfo | null = null;
  for (const t of below.totals) if (first === null || t.row < first.row) first = t;
  // The lines under the top total before the next total: its own group, were it a sub-total above it.
  const own: number[] = [];
  for (let k = 0; k < lines.length && (first === null || lines[k] < first.row); k++) own.push(lines[k]);
  const dir = sumDirection(snapshot, top.row, amountCols);
  let grand: boolean;
  if (dir === "down") {
    // Every column's SUM reaches past its first group; and a label that may name a group ("Total frontline
    // services") needs figures that add up every line below, or it may be that group's sub-total with a
    // range run too far.
    const next = first === null ? Number.POSITIVE_INFINITY : first.row;
    let past = true;
    for (let k = 0; k < amountCols.length; k++) {
      const reach = sumRows(snapshot, top.row, [amountCols[k]]);
      if (reach.length > 0 && !reach.some((g) => g.hi >= next)) past = false;
    }
    if (first === null) {
      // The only total: the grand total, unless it reads as the sub-total of a first group (loneTotalOver).
      const lone = loneTotalOver(snapshot, top, amountCols, lines);
      const read: TotalInfo = { row: top.row, label: top.label, level: lone.lines.length < lines.length ? "sub" : "grand", lines: lone.lines, subtotals: [] };
      if (lone.noFormula) read.noFormula = true;
      return { totals: [read], lastRow: Math.max(below.lastRow, top.row), cut: below.cut + 1 };
    }
    grand = past && (isDefiniteTotalLabel(top.label) || figuresAreSumOf(values, top.row, amountCols, lines));
  } else if (dir !== "none") {
    grand = false;
  } else if (figuresAreSumOf(values, top.row, amountCols, lines)) {
    grand = first === null || !figuresAreSumOf(values, top.row, amountCols, own);
  } else if (first !== null && figuresAreSumOf(values, top.row, amountCols, own)) {
    grand = false;
  } else {
    const closesOwn = first !== null && own.length > 0 && first.lines.length > 0 && first.lines[0] === own[0] && first.row > first.lines[first.lines.length - 1];
    grand = isDefiniteTotalLabel(top.label) && (first === null || own.length === 0 || closesOwn);
  }
  if (!grand) return null;
  const bottom = below.totals.find((t) => t.level === "grand");
  let subtotals: number[] = [];
  if (bottom) {
    const reach = sumRows(snapshot, top.row, amountCols);
    subtotals = reach.some((g) => g.lo <= bottom.row && bottom.row <= g.hi) ? [bottom.row] : bottom.subtotals;
  } else {
    for (const t of below.totals) subtotals.push(t.row);
  }
  const grandTop: TotalInfo = { row: top.row, label: top.label, level: "grand", lines, subtotals };
  if (bottom) grandTop.noFormula = true;
  // After the totals below, so each sub-total it adds is read before it.
  return { totals: [...below.totals, grandTop], lastRow: Math.max(below.lastRow, top.row), cut: below.cut + 1 };
}

/** The totals of a table's rows, sub-totals above or below their groups, the grand total below its lines. */
function groupTotals(snapshot: SheetSnapshot, rows: TableRow[], amountCols: readonly number[], amounts: AmountColumn[]): TotalsRead {
  const above = totalsAboveGroups(snapshot, rows, amountCols);
  if (above !== null) return above;
  const totals: TotalInfo[] = [];
  let pending: number[] = [];
  const allLines: number[] = [];
  let lastRow = -1;
  let cut = rows.length;
  // Whether a line (a total) comes after row i: i is before the last one.
  let lastLine = -1;
  let lastTotal = -1;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].kind === "line") lastLine = i;
    else if (rows[i].kind === "total") lastTotal = i;
  }
  // The sub-totals so far (every total before the grand total is one).
  const subs: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i];
    if (x.kind === "line") {
      pending.push(x.row);
      allLines.push(x.row);
      lastRow = x.row;
      continue;
    }
    if (x.kind !== "total") continue;
    const grandLabel = isGrandTotalLabel(x.label);
    let level: "sub" | "grand";
    if (pending.length === 0) {
      if (totals.length === 0) {
        // A total straight under the header that is not a grand total at the top (topGrandTotal) adds nothing up.
        lastRow = x.row;
        continue;
      }
      level = "grand";
    } else if (i < lastLine) {
      level = grandLabel ? "grand" : "sub";
    } else if (totals.length === 0) {
      // The only group: a sub-total when a total of the sub-totals follows it, else the grand total.
      level = i < lastTotal && !grandLabel ? "sub" : "grand";
    } else {
      level = decideLastTotal(snapshot, x, totals, pending, allLines, amounts, grandLabel);
    }
    if (level === "sub") {
      totals.push({ row: x.row, label: x.label, level, lines: pending, subtotals: [] });
      subs.push(x.row);
      pending = [];
      lastRow = x.row;
      continue;
    }
    totals.push({ row: x.row, label: x.label, level, lines: allLines.slice(), subtotals: subs });
    lastRow = x.row;
    cut = i + 1;
    break;
  }
  return { totals, lastRow, cut };
}

/** The last total after sub-totals, with lines of its own above it: a sub-total of those lines, or the grand total? */
function decideLastTotal(
  snapshot: SheetSnapshot,
  x: TableRow,
  totals: TotalInfo[],
  pending: number[],
  allLines: number[],
  amounts: AmountColumn[],
  grandLabel: boolean,
): "sub" | "grand" {
  if (grandLabel) return "grand";
  const prevTotalRow = totals[totals.length - 1].row;
  const a = amounts[0];
  const f = snapshot.formulas[x.row]?.[a.col];
  if (f) {
    // A formula that reaches above the previous total adds up more than its own group.
    const refsAbove = /([A-Za-z]{1,3})\$?(\d+)/g;
    let m: RegExpExecArray | null;
    while ((m = refsAbove.exec(f)) !== null) {
      const r = Number(m[2]) - 1 - snapshot.origin.row;
      if (r < prevTotalRow) return "grand";
    }
    return "sub";
  }
  const v = snapshot.values[x.row][a.col];
  if (typeof v === "number") {
    const sum = (rs: number[]): number => rs.reduce((s, r) => s + (typeof snapshot.values[r][a.col] === "number" ? (snapshot.values[r][a.col] as number) : 0), 0);
    const all = sum(allLines);
    const own = sum(pending);
    if (nearAmount(v, all) && !nearAmount(v, own)) return "grand";
    if (nearAmount(v, own)) return "sub";
  }
  const plain = /^\s*totals?\s*:?\s*$/i;
  if (plain.test(x.label) && !totals.some((t) => plain.test(t.label))) return "grand";
  return "sub";
}

/**
 * A block without a header row, such as a selection of lines and their total: found from its total rows
 * ("Total", "Sub-total"...) with a SUM or a figure to the right of the label. Used only when a sheet has no
 * header row at all. Cautious by design: every amount column must hold only figures (or text amounts) from
 * the top of the block to its total, so a table whose header was simply not recognised as money (a post
 * list, counts) is left alone; and there must be at least two lines above a total.
 */
export function detectHeaderlessTable(snapshot: SheetSnapshot): DetectedTable | null {
  const { values, formulas } = snapshot;
  // The first total row with figures to the right of its label.
  let firstTotal = -1;
  let labelCol = -1;
  const candidates: number[] = [];
  for (let r = 0; r < values.length && firstTotal < 0; r++) {
    const row = values[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string" || !isTotalLabel(v)) continue;
      for (let k = c + 1; k < row.length; k++) {
        const f = formulas[r]?.[k] ?? null;
        if (typeof row[k] === "number" || (f !== null && /^=\s*\+?\s*(SUM|SUBTOTAL)\s*\(|^=\s*\$?[A-Z]{1,3}\$?\d+\s*\+/i.test(f))) candidates.push(k);
      }
      if (candidates.length > 0) {
        firstTotal = r;
        labelCol = c;
      }
      break;
    }
  }
  if (firstTotal < 0) return null;
  // Amount columns: figures (or text amounts) only, at least two of them, from the top to the first total.
  const cols = candidates.filter((k) => {
    let figures = 0;
    for (let r = 0; r < firstTotal; r++) {
      const v = values[r][k];
      if (v === null || typeof v === "number") {
        if (typeof v === "number") figures++;
        continue;
      }
      if (typeof v === "string" && (v.trim() === "" || isErrorValue(v) || parseAmountText(v) !== null)) {
        if (v.trim() !== "") figures++;
        continue;
      }
      return false;
    }
    return figures >= 2;
  });
  if (cols.length === 0 || cols.length !== candidates.length) return null;
  // The block ends before the first row after the first total whose amount cells hold other text.
  let end = values.length;
  for (let r = firstTotal + 1; r < values.length && end === values.length; r++) {
    for (const k of cols) {
      const v = values[r][k];
      if (typeof v === "string" && v.trim() !== "" && !isErrorValue(v) && parseAmountText(v) === null) {
        end = r;
        break;
      }
    }
  }
  const head: HeaderCandidate = {
    row: -1,
    firstCol: 0,
    lastCol: cols[cols.length - 1],
    typeCol: null,
    labelCol,
    amounts: cols.map((col) => ({ col, kind: "amount" as const, unit: null, header: "", ranges: false })),
  };
  const t = buildTable(snapshot, head, end, wideMergeAnchors(snapshot));
  if (!t || t.lines.length < 2 || t.totals.length === 0) return null;
  return { ...t, headerless: true };
}
