/**
 * "Check returns" helpers: the report sheet with every finding of every file (File, Sheet, Cell, Severity,
 * Check, Finding, Suggestion), and what to tell the user about a file that could not be read.
 */
import { SEVERITY_LABEL, type ReturnCheck } from "../core/checks";
import { sortFindings } from "../core/findings";
import type { SheetLayout } from "../core/layout";
import { LayoutCells } from "../core/layoutCells";
import { formatDate } from "../core/financialYear";
import { ruleTitle } from "./messages";

/** Every finding of every return, one row each, with unreadable files and their reason. */
export function returnsFindingsLayout(returns: readonly ReturnCheck[], checkedAt = new Date()): SheetLayout {
  const cells = new LayoutCells();
  cells.push({ row: 0, col: 0, value: "Returns: every finding", style: "title" });
  const total = returns.reduce((n, r) => n + r.findings.length, 0);
  cells.push({ row: 1, col: 0, value: `${returns.length} file${returns.length === 1 ? "" : "s"} checked on ${formatDate(checkedAt)}: ${total} finding${total === 1 ? "" : "s"}`, style: "subtitle" });
  const headerRow = 3;
  const headers = ["File", "Sheet", "Cell", "Severity", "Check", "Finding", "Suggestion"];
  headers.forEach((h, c) => cells.push({ row: headerRow, col: c, value: h, style: "header" }));
  let r = headerRow + 1;
  for (const ret of returns) {
    if (ret.error !== undefined) {
      cells.push({ row: r, col: 0, value: ret.file, style: "body" });
      cells.push({ row: r, col: 3, value: "Not read", style: "error" });
      cells.push({ row: r, col: 5, value: ret.error, style: "bodyWrap" });
      r++;
      continue;
    }
    if (ret.findings.length === 0) {
      cells.push({ row: r, col: 0, value: ret.file, style: "body" });
      cells.push({ row: r, col: 5, value: "No faults found.", style: "bodyWrap" });
      r++;
      continue;
    }
    for (const f of sortFindings(ret.findings)) {
      cells.push({ row: r, col: 0, value: ret.file, style: "body" });
      cells.push({ row: r, col: 1, value: f.sheet, style: "body" });
      cells.push({ row: r, col: 2, value: f.cell, style: "body" });
      cells.push({ row: r, col: 3, value: SEVERITY_LABEL[f.severity], style: f.severity });
      cells.push({ row: r, col: 4, value: ruleTitle(f), style: "body" });
      cells.push({ row: r, col: 5, value: f.message, style: "bodyWrap" });
      cells.push({ row: r, col: 6, value: f.suggestion ?? "", style: "bodyWrap" });
      r++;
    }
  }
  return {
    name: "Returns findings",
    cells,
    merges: [],
    columnWidths: [30, 20, 8, 12, 28, 70, 50],
    print: { orientation: "landscape", fitToWidth: true, repeatRows: { first: headerRow, last: headerRow } },
    freezeRows: headerRow + 1,
    tables: r > headerRow + 1 ? [{ name: "ReturnsFindings", range: { row: headerRow, col: 0, rowCount: r - headerRow, colCount: headers.length } }] : [],
  };
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * What to tell the user about a file that could not be read: the reader's own sentence when it gave one (an
 * XlsxReadError that is not a library's message), else what the file is and what to do.
 */
export function unreadableFileMessage(fileName: string, head: Uint8Array, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const libraryJargon = /central directory|zip file|jszip|stuk\.github|corrupted zip|end of data|invalid signature/i.test(message);
  const own = error instanceof Error && error.name === "XlsxReadError" && !libraryJargon;
  // The reader's sentence says what the file is ("This is a CSV or text file…"); name the file when it does not.
  if (own) return message.includes(fileName) ? message : `${fileName}: ${message}`;
  const lower = fileName.toLowerCase();
  const ole = OLE_SIGNATURE.every((b, i) => head[i] === b);
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return `${fileName} is a CSV (text) file, not an Excel workbook: open it in Excel and save it as an Excel Workbook (.xlsx), then check it again.`;
  if (ole && lower.endsWith(".xls")) return `${fileName} is in the old Excel 97-2003 format (.xls): open it in Excel and save it as an Excel Workbook (.xlsx), then check it again.`;
  if (ole) return `${fileName} is password-protected (encrypted) or in the old .xls format: open it in Excel, remove the password or save it as an Excel Workbook (.xlsx), then check it again.`;
  if (head.length === 0) return `${fileName} is empty (0 bytes): ask for the return to be sent again.`;
  if (head[0] !== 0x50 || head[1] !== 0x4b) return `${fileName} is not an Excel workbook (.xlsx): open it in the program that made it and save it as an Excel Workbook (.xlsx), or ask for the return in that format.`;
  return `${fileName} looks like an Excel workbook but is damaged and could not be read: ask for it to be sent again, or open it in Excel (which may repair it) and save a copy.`;
}
