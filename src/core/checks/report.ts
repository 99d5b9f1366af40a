/**
 * Report sheets as layouts (src/core/layout.ts), drawn into Excel or an .xlsx by the renderers:
 * - "Check report": the findings of a check as an Excel table, with counts by severity at the top and a
 *   hyperlink from each finding to its cell;
 * - "Check returns": one row per file and sheet of a batch of service returns checked from disk, with
 *   counts by severity and the most serious finding.
 */
import { formatDate } from "../financialYear";
import type { Finding, Severity } from "../findings";
import { countBySeverity, SEVERITY_ORDER, sortFindings } from "../findings";
import type { LayoutStyleName, SheetLayout } from "../layout";
import { LayoutCells } from "../layoutCells";

import { RULE_TITLES } from "./registry";

/** Short titles for the rule ids, as the report and the task pane show them (from the rule registry). */
export { RULE_TITLES };

export const SEVERITY_LABEL: Record<Severity, string> = { error: "Error", warning: "Warning", info: "Information" };

export interface CheckReportOptions {
  /** What was checked, e.g. "Sheet Market review" or "Workbook Budgets 2024-25.xlsx". */
  scope?: string;
  /** When the check ran (default now); shown as dd/mm/yyyy hh:mm. */
  checkedAt?: Date;
  /** The sheet name wanted (default "Check report"); renderers make it unique. */
  name?: string;
}

function stamp(d: Date): string {
  const hh = String(d.getHours()).padStart(2, "0");
  const mm = String(d.getMinutes()).padStart(2, "0");
  return `${formatDate(d)} ${hh}:${mm}`;
}

const SEVERITIES: Severity[] = ["error", "warning", "info"];

/**
 * The "Check report" sheet: title, what was checked and when, counts by severity, then the findings as an
 * Excel table (Severity, Sheet, Cell, Check, Rule, Finding, Suggestion, Fix available) with each Cell linked to
 * the cell it is about (Check is the rule's title, Rule its stable id). With no findings it says so instead of drawing an empty table.
 */
export function checkReportLayout(findings: readonly Finding[], options: CheckReportOptions = {}): SheetLayout {
  const sorted = sortFindings(findings);
  const counts = countBySeverity(sorted);
  const cells = new LayoutCells();
  const at = options.checkedAt ?? new Date();
  cells.push({ row: 0, col: 0, value: "Check report", style: "title" });
  cells.push({ row: 1, col: 0, value: `${options.scope ? `${options.scope}, checked` : "Checked"} on ${stamp(at)}`, style: "subtitle" });
  // Counts by severity.
  SEVERITIES.forEach((s, i) => {
    cells.push({ row: 3, col: i, value: SEVERITY_LABEL[s] === "Information" ? "Information" : `${SEVERITY_LABEL[s]}s`, style: "header" });
    cells.push({ row: 4, col: i, value: counts[s], style: s });
  });
  cells.push({ row: 3, col: 3, value: "All findings", style: "header" });
  cells.push({ row: 4, col: 3, value: sorted.length, style: "number" });
  const headerRow = 6;
  const headers = ["Severity", "Sheet", "Cell", "Check", "Rule", "Finding", "Suggestion", "Fix available"];
  headers.forEach((h, c) => cells.push({ row: headerRow, col: c, value: h, style: "header" }));
  const layout: SheetLayout = {
    name: options.name ?? "Check report",
    cells,
    merges: [],
    columnWidths: [12, 22, 9, 28, 20, 80, 60, 12],
    print: { orientation: "landscape", fitToWidth: true, repeatRows: { first: headerRow, last: headerRow } },
    freezeRows: headerRow + 1,
  };
  if (sorted.length === 0) {
    cells.push({ row: headerRow + 1, col: 0, value: "No faults found.", style: "note" });
    return layout;
  }
  sorted.forEach((f, i) => {
    const r = headerRow + 1 + i;
    cells.push({ row: r, col: 0, value: SEVERITY_LABEL[f.severity], style: f.severity });
    cells.push({ row: r, col: 1, value: f.sheet, style: "body" });
    cells.push({ row: r, col: 2, value: f.cell, style: "link", link: { sheet: f.sheet, cell: f.cell } });
    cells.push({ row: r, col: 3, value: RULE_TITLES[f.rule] ?? f.rule, style: "body" });
    cells.push({ row: r, col: 4, value: f.rule, style: "body" });
    cells.push({ row: r, col: 5, value: f.message, style: "bodyWrap" });
    cells.push({ row: r, col: 6, value: f.suggestion ?? "", style: "bodyWrap" });
    cells.push({ row: r, col: 7, value: f.fix ? "Yes" : "No", style: "body" });
  });
  layout.tables = [{ name: "CheckReport", range: { row: headerRow, col: 0, rowCount: sorted.length + 1, colCount: headers.length } }];
  return layout;
}

/** One file of a "Check returns" batch. */
export interface ReturnCheck {
  /** The file's name as picked ("Libraries return.xlsx"). */
  file: string;
  /** Sheets read, in workbook order. */
  sheets: string[];
  /** Sheets not checked because they are the add-in's own output (a check report...), in workbook order. */
  skipped?: string[];
  findings: Finding[];
  /** Why the file could not be read, when it could not. */
  error?: string;
}

/**
 * A finding in one line, led by its cell: "C2: text". Many messages already start with their cell ("C4: 15-abc is
 * not a range", "C4 holds "1,200" as text"), and then the cell is not said twice ("C4: C4: …", task-pane review 2.8).
 */
export function findingLine(f: Pick<Finding, "cell" | "message">): string {
  const { cell, message } = f;
  if (cell === "") return message;
  const saysCell = message.startsWith(cell) && !/[A-Za-z0-9]/.test(message.charAt(cell.length));
  return saysCell ? message : `${cell}: ${message}`;
}

function topFinding(findings: readonly Finding[]): Finding | null {
  let best: Finding | null = null;
  for (const f of findings) if (!best || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[best.severity]) best = f;
  return best;
}

/**
 * The "Check returns" summary: one row per file and sheet (File, Sheet, Errors, Warnings, Information,
 * Most serious finding), files that could not be read with the reason, and a totals row under the table.
 */
export function checkReturnsLayout(returns: readonly ReturnCheck[], options: Omit<CheckReportOptions, "scope"> = {}): SheetLayout {
  const cells = new LayoutCells();
  const at = options.checkedAt ?? new Date();
  const nFiles = returns.length;
  const unreadable = returns.filter((r) => r.error !== undefined).length;
  cells.push({ row: 0, col: 0, value: "Check returns", style: "title" });
  cells.push({
    row: 1,
    col: 0,
    value: `${nFiles} file${nFiles === 1 ? "" : "s"} checked on ${stamp(at)}${unreadable ? `; ${unreadable} could not be read` : ""}`,
    style: "subtitle",
  });
  const headerRow = 3;
  const headers = ["File", "Sheet", "Errors", "Warnings", "Information", "Most serious finding"];
  headers.forEach((h, c) => cells.push({ row: headerRow, col: c, value: h, style: "header" }));
  let r = headerRow + 1;
  const countStyle = (s: Severity, n: number): LayoutStyleName => (n > 0 ? s : "number");
  for (const ret of returns) {
    if (ret.error !== undefined) {
      cells.push({ row: r, col: 0, value: ret.file, style: "body" });
      cells.push({ row: r, col: 1, value: "", style: "body" });
      for (let c = 2; c <= 4; c++) cells.push({ row: r, col: c, value: 0, style: "number" });
      cells.push({ row: r, col: 5, value: `Could not be read: ${ret.error}`, style: "bodyWrap" });
      r++;
      continue;
    }
    const sheets = ret.sheets.length > 0 ? ret.sheets : [""];
    for (const sheet of sheets) {
      const mine = ret.findings.filter((f) => sheet === "" || f.sheet === sheet);
      const counts = countBySeverity(mine);
      const top = topFinding(sortFindings(mine));
      cells.push({ row: r, col: 0, value: ret.file, style: "body" });
      cells.push({ row: r, col: 1, value: sheet === "" ? "(no sheets)" : sheet, style: "body" });
      SEVERITIES.forEach((s, i) => cells.push({ row: r, col: 2 + i, value: counts[s], style: countStyle(s, counts[s]) }));
      cells.push({ row: r, col: 5, value: top ? findingLine(top) : "No faults found.", style: "bodyWrap" });
      r++;
    }
    for (const sheet of ret.skipped ?? []) {
      cells.push({ row: r, col: 0, value: ret.file, style: "body" });
      cells.push({ row: r, col: 1, value: sheet, style: "body" });
      for (let c = 2; c <= 4; c++) cells.push({ row: r, col: c, value: 0, style: "number" });
      cells.push({ row: r, col: 5, value: "Not checked: the add-in's own output, not a return.", style: "bodyWrap" });
      r++;
    }
  }
  const lastDataRow = r - 1;
  const tables =
    lastDataRow > headerRow ? [{ name: "CheckReturns", range: { row: headerRow, col: 0, rowCount: lastDataRow - headerRow + 1, colCount: headers.length } }] : [];
  if (lastDataRow > headerRow) {
    cells.push({ row: r, col: 0, value: "Total", style: "total" });
    cells.push({ row: r, col: 1, value: "", style: "total" });
    const totals = countBySeverity(returns.flatMap((x) => x.findings));
    SEVERITIES.forEach((s, i) => {
      const letter = String.fromCharCode(67 + i); // C, D, E
      cells.push({ row: r, col: 2 + i, formula: `=SUM(${letter}${headerRow + 2}:${letter}${lastDataRow + 1})`, result: totals[s], style: "totalNumber" });
    });
    cells.push({ row: r, col: 5, value: "", style: "total" });
  } else {
    cells.push({ row: headerRow + 1, col: 0, value: "No files were checked.", style: "note" });
  }
  return {
    name: options.name ?? "Check returns",
    cells,
    merges: [],
    columnWidths: [36, 24, 10, 10, 12, 90],
    print: { orientation: "landscape", fitToWidth: true, repeatRows: { first: headerRow, last: headerRow } },
    freezeRows: headerRow + 1,
    tables,
  };
}
