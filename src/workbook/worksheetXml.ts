/**
 * One worksheet part (xl/worksheets/sheetN.xml) written from a core sheet layout, a row at a time: the layout's
 * cells are put in row order once (a counting sort over their indices, no object per cell), then each row's
 * XML is built as one string and handed to the zip. Everything else the sheet holds (widths, freeze panes,
 * protection, merges, validation, links, print setup, page breaks, drawing, tables) is written around the cells
 * in the order CT_Worksheet requires (ECMA-376 Part 1, 18.3.1.99).
 */
import { cellAddress, columnLetters, quoteSheetName, rangeAddress, type RangeRef } from "../core/a1";
import { LAYOUT_STYLES, type LayoutValidation, type SheetLayout } from "../core/layout";
import type { LayoutCells } from "../core/layoutCells";
import { EXCEL_CELL_TEXT_LIMIT, shortenCellText } from "./cellLimit";
import { assertWithinLimits, LayoutRenderError, nonNativeReason } from "./nativeFormula";
import { estimateLines } from "./rowHeights";
import { NS_MAIN, NS_REL, XML_DECLARATION, type SharedStrings, type StyleTable } from "./xlsxWriter";
import { xmlAttr, xmlText } from "./xlsxParts";
import { packAscii, putNumber, putPacked, putUint, type ByteSink } from "./zipWriter";

/** Excel's last row and column (0-based). */
const MAX_ROW = 1_048_575;
const MAX_COL = 16_383;
/**
 * A merged area's covered cells take its top-left cell's format, so its borders and fill cover it all; an area
 * larger than this keeps only the top-left cell's, so a sheet-wide merge cannot write millions of empty cells.
 */
const MERGE_FILL_MAX_CELLS = 100_000;
/**
 * What depends only on a small whole number (a column, a cell format), made on first use and kept for every sheet.
 * Kept here rather than per sheet: a list made per sheet and filled in another order had another elements kind,
 * and V8 threw away the optimised writer on the next sheet (a "wrong map" deoptimisation) and compiled it again.
 */
function byNumber<T>(make: (n: number) => T): (n: number) => T {
  const made: (T | undefined)[] = [];
  return (n) => {
    while (made.length <= n) made.push(undefined);
    return made[n] ?? (made[n] = make(n));
  };
}
const lettersOf = byNumber(columnLetters);
// A cell's markup as bytes: '<c r="B' for each column; '" s="3" t="s"><v>' (text) and '" s="3"><v>' (a number)
// for each cell format, without s= for format 0.
const cellOpenOf = byNumber((col) => packAscii(`<c r="${columnLetters(col)}`));
const sharedHeadOf = byNumber((xf) => packAscii(`"${xf ? ` s="${xf}"` : ""} t="s"><v>`));
const numberHeadOf = byNumber((xf) => packAscii(`"${xf ? ` s="${xf}"` : ""}><v>`));
// The same cells without a reference, for a cell in the column after the row's previous cell: '<c s="3"
// t="s"><v>' and '<c s="3"><v>'. ECMA-376 Part 1, 18.3.1.4 (c) makes the r attribute optional; a cell without it
// is in the column after the cell before it in the row. Microsoft's Open Specifications team confirms the schema
// allows a cell without it (https://learn.microsoft.com/en-us/answers/questions/1116363/why-cellreference-is-null),
// and Excel opens such files (exceljs/exceljs#537, tafia/calamine#261, dotnet/ResXResourceManager#59); so do
// LibreOffice (test/libreoffice) and readXlsx. A row's first cell keeps its reference: ExcelJS 4 places a cell
// without one only after a cell with one (lib/doc/row.js, `previousAddress`), and fails on a row that starts
// without. The 100,000-line pack's budget sheet is 18% smaller for it, which is that much less to write and to
// deflate, and a quarter smaller zipped.
const bareSharedHeadOf = byNumber((xf) => packAscii(`<c${xf ? ` s="${xf}"` : ""} t="s"><v>`));
const bareNumberHeadOf = byNumber((xf) => packAscii(`<c${xf ? ` s="${xf}"` : ""}><v>`));

/** The markup around a row and a cell, packed for putPacked. */
const ROW_OPEN = packAscii('<row r="');
const QUOTE_GT = packAscii('">');
const ROW_CLOSE = packAscii("</row>");
const CELL_CLOSE = packAscii("</v></c>");

/** A layout's cells in row order: the cells of row r are cells[order[start[r]]] .. cells[order[start[r + 1] - 1]]. */
export interface RowIndex {
  start: Int32Array;
  order: Int32Array;
  /** One past the last row with a cell. */
  rows: number;
  minRow: number;
  minCol: number;
  maxCol: number;
}

/** Put a layout's cells in row order (stable: cells of a row keep the layout's order), checking their positions. */
export function indexRows(layout: SheetLayout, sheetName: string): RowIndex {
  const cells = layout.cells;
  const n = cells.length;
  let rows = 0;
  let minRow = Infinity;
  let minCol = Infinity;
  let maxCol = -1;
  for (let i = 0; i < n; i++) {
    const row = cells.row(i);
    const col = cells.col(i);
    if (row < 0 || col < 0 || row > MAX_ROW || col > MAX_COL) {
      throw new LayoutRenderError(`${sheetName}: a cell at row ${row}, column ${col} is outside the sheet`);
    }
    if (row >= rows) rows = row + 1;
    if (row < minRow) minRow = row;
    if (col < minCol) minCol = col;
    if (col > maxCol) maxCol = col;
  }
  const start = new Int32Array(rows + 1);
  for (let i = 0; i < n; i++) start[cells.row(i) + 1]++;
  for (let r = 0; r < rows; r++) start[r + 1] += start[r];
  const next = start.slice(0, rows);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[cells.row(i)]++] = i;
  return { start, order, rows, minRow, minCol, maxCol };
}

/** The index of the cell at a position (the last one the layout gives there, as a later write replaces an earlier one), or -1. */
export function cellAt(layout: SheetLayout, index: RowIndex, row: number, col: number): number {
  if (row < 0 || row >= index.rows) return -1;
  let found = -1;
  for (let k = index.start[row]; k < index.start[row + 1]; k++) {
    const i = index.order[k];
    if (layout.cells.col(i) === col) found = i;
  }
  return found;
}

/** The text cell `i` shows before any recalculation. */
export function displayText(cells: LayoutCells, i: number): string {
  const v = cells.shown(i);
  return v === undefined || v === null ? "" : String(v);
}

/** An Excel table on a sheet, its header names made unique, and its relationship from the sheet. */
export interface SheetTable {
  rId: string;
  /** The table's range: the layout's, with at least one row below the header (Excel's minimum). */
  range: RangeRef;
  /** Header names, one per column: written into the header cells, as Excel requires them to match. */
  columns: string[];
  /** Filter buttons shown (the sheet's protection must allow AutoFilter for them to work); hidden otherwise. */
  filter?: boolean;
}

export interface WorksheetContext {
  sheetName: string;
  strings: SharedStrings;
  styles: StyleTable;
  showGridLines: boolean;
  /** The sheetProtection element, or "" for an unprotected sheet. */
  protection: string;
  /** The headerFooter element. */
  headerFooter: string;
  tables: SheetTable[];
  /** The relationship id of the sheet's drawing (charts or an org chart), if it has one. */
  drawingRId?: string;
  /** The final name of a link's wanted sheet (throws for a sheet not in the workbook). */
  resolveSheet(wanted: string): string;
}

/** A cell the layout does not give but the sheet must write: part of a merged area, or a table header. */
interface ExtraCell {
  /** Cell format of a merged area's top-left cell, for a covered cell the layout leaves empty. */
  xf?: number;
  /** A table's header name: the cell's value. */
  header?: string;
}

/** Write the worksheet part for a layout. */
export async function writeWorksheet(out: ByteSink, layout: SheetLayout, index: RowIndex, ctx: WorksheetContext): Promise<void> {
  const { sheetName, strings, styles } = ctx;
  const cells = layout.cells;
  const merges = layout.merges.filter((m) => m.rowCount >= 1 && m.colCount >= 1);
  checkMerges(merges, sheetName);

  // Cells beyond the layout's own: covered cells of merged areas take the top-left cell's format, so borders
  // and fills cover the whole area; table headers hold the table's column names.
  const extras = new Map<number, Map<number, ExtraCell>>();
  const extra = (row: number, col: number): ExtraCell => {
    let byCol = extras.get(row);
    if (!byCol) extras.set(row, (byCol = new Map()));
    let e = byCol.get(col);
    if (!e) byCol.set(col, (e = {}));
    return e;
  };
  let rows = index.rows;
  let minRow = index.minRow;
  let minCol = index.minCol;
  let maxCol = index.maxCol;
  const widen = (r: RangeRef): void => {
    if (r.row < 0 || r.col < 0 || r.row + r.rowCount - 1 > MAX_ROW || r.col + r.colCount - 1 > MAX_COL) {
      throw new LayoutRenderError(`${sheetName}: the range at row ${r.row}, column ${r.col} (${r.rowCount} by ${r.colCount}) is outside the sheet`);
    }
    rows = Math.max(rows, r.row + r.rowCount);
    minRow = Math.min(minRow, r.row);
    minCol = Math.min(minCol, r.col);
    maxCol = Math.max(maxCol, r.col + r.colCount - 1);
  };
  for (const m of merges) {
    widen(m);
    if (m.rowCount * m.colCount > MERGE_FILL_MAX_CELLS) continue;
    const top = cellAt(layout, index, m.row, m.col);
    const xf = top >= 0 ? styles.xf(cells.style(top), cells.numberFormat(top)) : 0;
    if (xf === 0) continue;
    for (let r = m.row; r < m.row + m.rowCount; r++) {
      for (let c = m.col; c < m.col + m.colCount; c++) if (r !== m.row || c !== m.col) extra(r, c).xf = xf;
    }
  }
  for (const t of ctx.tables) {
    widen(t.range);
    t.columns.forEach((name, k) => (extra(t.range.row, t.range.col + k).header = name));
  }

  // Head: sheetPr, dimension, sheetViews, sheetFormatPr, cols.
  const fit = layout.print.fitToWidth;
  const dimension = rows === 0 ? "A1" : `${cellAddress(minRow, minCol)}:${cellAddress(rows - 1, maxCol)}`;
  const freeze = layout.freezeRows !== undefined && Number.isInteger(layout.freezeRows) && layout.freezeRows > 0 && layout.freezeRows <= MAX_ROW ? layout.freezeRows : 0;
  const pane = freeze
    ? `<pane ySplit="${freeze}" topLeftCell="A${freeze + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${freeze + 1}" sqref="A${freeze + 1}"/>`
    : "";
  out.write(
    `${XML_DECLARATION}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      (fit ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "") +
      `<dimension ref="${dimension}"/>` +
      `<sheetViews><sheetView${ctx.showGridLines ? "" : ' showGridLines="0"'} workbookViewId="0">${pane}</sheetView></sheetViews>` +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      colsXml(layout),
  );

  // sheetData, a row at a time.
  const widthOf = (col: number): number => layout.columnWidths[col] ?? 8.43;
  const mergeAt = new Map<number, RangeRef>();
  for (const m of merges) mergeAt.set(m.row * (MAX_COL + 1) + m.col, m);
  // The cell format of the last style and number format seen in each column (as one key: style id and format
  // id): cells down a column mostly share them, so most cells skip the style table's lookups.
  const columns = Math.max(0, maxCol + 1);
  const colKey = new Int32Array(columns).fill(-1);
  const colXf = new Int32Array(columns);
  const xfOf = (i: number): number => {
    const k = cells.col(i);
    const key = cells.styleId(i) * 0x10000 + cells.formatId(i);
    if (colKey[k] === key) return colXf[k];
    colKey[k] = key;
    return (colXf[k] = styles.xf(cells.style(i), cells.numberFormat(i)));
  };
  const links: string[] = [];
  const { start, order } = index;
  // The row's cells, by index into the layout's.
  // Filled up to `count` per row and never shortened (setting an array's length on every row cost a call into the
  // runtime per row); a row out of column order is sorted in a copy.
  const scratchCells: number[] = [];
  // The font size of a wrapped cell's style (0 for a style that does not wrap) and the width of its characters
  // against the body font's, for the last style seen in each column (cells down a column mostly share one).
  const wrapStyle = new Int32Array(columns).fill(-1);
  const wrapSize = new Float64Array(columns);
  const wrapScale = new Float64Array(columns);
  const wrapSizeOf = (i: number): number => {
    const k = cells.col(i);
    const id = cells.styleId(i);
    if (wrapStyle[k] === id) return wrapSize[k];
    const name = cells.style(i);
    const style = name ? LAYOUT_STYLES[name] : undefined;
    const size = style?.wrap ? (style.fontSize ?? 11) : 0;
    wrapStyle[k] = id;
    wrapScale[k] = (size / 11) * (style?.bold ? 1.1 : 1);
    return (wrapSize[k] = size);
  };
  // The row being written; its number as bytes, and as text for the markup written as text.
  let row = 0;
  const rowDigits = new Uint8Array(8);
  const rn = (): string => String(row + 1);
  out.write("<sheetData>");
  // The rows are written by small synchronous functions, writeRows called again after each pause, rather than by
  // a loop in this async function: V8 optimised that loop only by on-stack replacement of the whole function (about
  // 150 ms of compiling on the 100,000-line pack's sheet, then a deoptimisation), and left the byte writers as calls.
  // Main-thread CPU of that render, median of 8 fresh processes each: 214 ms before, 191 ms after.
  // One cell of a row without extras (the common case).
  // `previous` is the column of the row's cell before (-1 for the first): a cell in the next column is written
  // without its reference (see bareSharedHeadOf). The first cell of a row always has one.
  const writeCell = (i: number, rnLength: number, previous: number): void => {
    // The common cells as bytes: a number, or text without a link; cellXml does the rest.
    const text = cells.textAt(i);
    if (!cells.hasFormula(i) && !cells.hasLink(i) && (text !== undefined || cells.isNumber(i))) {
      const col = cells.col(i);
      const xf = xfOf(i);
      let shared = -1;
      let v = 0;
      if (text !== undefined) shared = strings.add(text.length > EXCEL_CELL_TEXT_LIMIT ? shortenCellText(text) : text, col);
      else {
        v = cells.numberAt(i);
        if (!Number.isFinite(v)) throw new LayoutRenderError(`${sheetName}!${lettersOf(col)}${rn()}: value is not a finite number`);
      }
      // <c r="XFD1048576" s="12345"><v>-1.2345678901234567e-100</v></c> is 67 bytes (and putPacked writes up to 3
      // bytes past each of its three pieces of markup); written here, markup a word at a time, figures a byte.
      out.room(96);
      const buf = out.buf;
      const view = out.view;
      let at = out.at;
      const bare = previous >= 0 && col === previous + 1;
      if (!bare) {
        at = putPacked(view, at, cellOpenOf(col));
        for (let k = 0; k < rnLength; k++) buf[at++] = rowDigits[k];
      }
      if (shared >= 0) {
        at = putPacked(view, at, bare ? bareSharedHeadOf(xf) : sharedHeadOf(xf));
        at = putUint(buf, at, shared);
      } else {
        at = putPacked(view, at, bare ? bareNumberHeadOf(xf) : numberHeadOf(xf));
        at = putNumber(buf, at, v);
      }
      out.at = putPacked(view, at, CELL_CLOSE);
    } else out.write(cellXml(cells, i, lettersOf(cells.col(i)) + rn(), xfOf(i), undefined, ctx, links));
  };
  // The rows from `from` until a pause is due (left in `pending`); returns the next row.
  let pending: Promise<void> | null = null;
  const writeRows = (from: number): number => {
    for (let r = from; r < rows; r++) {
      const a = r < index.rows ? start[r] : 0;
      const b = r < index.rows ? start[r + 1] : 0;
      const rowExtras = extras.get(r);
      if (a === b && !rowExtras) continue;
      row = r;
      const rnLength = putUint(rowDigits, 0, r + 1);

      // The row's cells by column; of two at the same place the later wins. Usually already in order.
      let rowCells = scratchCells;
      let count = b - a;
      let sorted = true;
      let lastCol = -1;
      for (let k = a; k < b; k++) {
        const i = order[k];
        const col = cells.col(i);
        if (col <= lastCol) sorted = false;
        lastCol = col;
        scratchCells[k - a] = i;
      }
      if (!sorted) {
        // A stable sort keeps layout order among equal columns; then keep the last of each column.
        rowCells = scratchCells.slice(0, count).sort((x, y) => cells.col(x) - cells.col(y));
        let w = 0;
        for (let k = 0; k < count; k++) {
          if (k + 1 < count && cells.col(rowCells[k + 1]) === cells.col(rowCells[k])) continue;
          rowCells[w++] = rowCells[k];
        }
        count = w;
      }

      // Height for wrapped text (Excel does not auto-fit merged cells; previewers often do not auto-fit at all).
      let height = 0;
      for (let k = 0; k < count; k++) {
        const i = rowCells[k];
        const size = wrapSizeOf(i);
        if (!size) continue;
        const col = cells.col(i);
        const merge = mergeAt.size ? mergeAt.get(r * (MAX_COL + 1) + col) : undefined;
        if (merge && merge.rowCount > 1) continue;
        let width = widthOf(col);
        if (merge) for (let m = 1; m < merge.colCount; m++) width += widthOf(col + m);
        const lines = estimateLines(displayText(cells, i), width, wrapScale[col]);
        if (lines > 1) height = Math.max(height || 15, Math.ceil(lines * 1.3 * size + 3));
      }
      if (height) out.write(`<row r="${rn()}" ht="${Math.min(409, height)}" customHeight="1">`);
      else {
        out.room(32);
        const buf = out.buf;
        let at = putPacked(out.view, out.at, ROW_OPEN);
        for (let k = 0; k < rnLength; k++) buf[at++] = rowDigits[k];
        out.at = putPacked(out.view, at, QUOTE_GT);
      }

      if (!rowExtras) {
        let previous = -1;
        for (let k = 0; k < count; k++) {
          const i = rowCells[k];
          writeCell(i, rnLength, previous);
          previous = cells.col(i);
        }
      } else {
        // Merge the layout's cells with the extra ones, by column; a layout cell keeps its own format.
        const extraCols = [...rowExtras.keys()].sort((x, y) => x - y);
        let n = 0;
        let j = 0;
        while (n < count || j < extraCols.length) {
          const cc = n < count ? cells.col(rowCells[n]) : Infinity;
          const ec = j < extraCols.length ? extraCols[j] : Infinity;
          if (cc <= ec) {
            const i = rowCells[n++];
            const e = cc === ec ? rowExtras.get(extraCols[j++]) : undefined;
            out.write(cellXml(cells, i, lettersOf(cc) + rn(), xfOf(i), e?.header, ctx, links));
          } else {
            const e = rowExtras.get(extraCols[j++]) as ExtraCell;
            const ref = lettersOf(ec) + rn();
            const s = e.xf ? ` s="${e.xf}"` : "";
            out.write(e.header !== undefined ? `<c r="${ref}"${s} t="s"><v>${strings.add(e.header)}</v></c>` : `<c r="${ref}"${s}/>`);
          }
        }
      }
      out.room(8);
      out.at = putPacked(out.view, out.at, ROW_CLOSE);
      const pause = out.pause();
      if (pause) {
        pending = pause;
        return r + 1;
      }
    }
    return rows;
  };
  for (let r = 0; r < rows; ) {
    r = writeRows(r);
    if (pending) {
      await pending;
      pending = null;
    }
  }
  out.write("</sheetData>");

  // Tail, in schema order.
  let tail = ctx.protection;
  const merged = merges.filter((m) => m.rowCount > 1 || m.colCount > 1);
  if (merged.length) tail += `<mergeCells count="${merged.length}">${merged.map((m) => `<mergeCell ref="${rangeAddress(m)}"/>`).join("")}</mergeCells>`;
  tail += validationsXml(layout.validations ?? [], sheetName);
  if (links.length) tail += `<hyperlinks>${links.join("")}</hyperlinks>`;
  tail += '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  tail += `<pageSetup paperSize="9" orientation="${layout.print.orientation === "landscape" ? "landscape" : "portrait"}"${fit ? ` fitToWidth="1" fitToHeight="${layout.print.fitToHeight ? 1 : 0}"` : ""}/>`;
  tail += ctx.headerFooter;
  // A break before the 0-based row r is a break after the 1-based row r.
  const breaks = [...new Set((layout.pageBreaksBefore ?? []).filter((r) => Number.isInteger(r) && r >= 1 && r <= MAX_ROW))].sort((x, y) => x - y);
  if (breaks.length) tail += `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((r) => `<brk id="${r}" max="${MAX_COL}" man="1"/>`).join("")}</rowBreaks>`;
  if (ctx.drawingRId) tail += `<drawing r:id="${ctx.drawingRId}"/>`;
  if (ctx.tables.length) tail += `<tableParts count="${ctx.tables.length}">${ctx.tables.map((t) => `<tablePart r:id="${t.rId}"/>`).join("")}</tableParts>`;
  out.write(`${tail}</worksheet>`);
}

/**
 * One cell's XML. Strings are always text (shared strings, never parsed, so "=..." stays text, cut to Excel's
 * 32,767-character limit); formulas must be native and carry their cached result.
 */
function cellXml(cells: LayoutCells, i: number, ref: string, xf: number, header: string | undefined, ctx: WorksheetContext, links: string[]): string {
  const s = xf ? ` s="${xf}"` : "";
  const link = cells.link(i);
  if (link) {
    const location = `${quoteSheetName(ctx.resolveSheet(link.sheet))}!${link.cell}`;
    links.push(`<hyperlink ref="${ref}" location="${xmlAttr(location)}" display="${xmlAttr(displayText(cells, i).slice(0, 255))}"/>`);
  }
  if (header !== undefined) return `<c r="${ref}"${s} t="s"><v>${ctx.strings.add(header)}</v></c>`;
  const formula = cells.formula(i);
  if (formula !== undefined) {
    const f = formula.charCodeAt(0) === 61 /* = */ ? formula.slice(1) : formula;
    const why = nonNativeReason(f);
    if (why) throw new LayoutRenderError(`${ctx.sheetName}!${ref}: formula ${f} contains ${why}`);
    assertWithinLimits(formula, `${ctx.sheetName}!${ref}`);
    const result = cells.result(i);
    if (result === undefined) throw new LayoutRenderError(`${ctx.sheetName}!${ref}: formula ${formula} has no cached result`);
    if (typeof result === "number") {
      if (!Number.isFinite(result)) throw new LayoutRenderError(`${ctx.sheetName}!${ref}: formula ${formula} has a non-finite result`);
      return `<c r="${ref}"${s}><f>${xmlText(f)}</f><v>${result}</v></c>`;
    }
    return `<c r="${ref}"${s} t="str"><f>${xmlText(f)}</f><v>${xmlText(String(result))}</v></c>`;
  }
  const v = cells.value(i);
  if (typeof v === "string") return `<c r="${ref}"${s} t="s"><v>${ctx.strings.add(shortenCellText(v))}</v></c>`;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new LayoutRenderError(`${ctx.sheetName}!${ref}: value is not a finite number`);
    return `<c r="${ref}"${s}><v>${v}</v></c>`;
  }
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  return s ? `<c r="${ref}"${s}/>` : "";
}

/** Column widths and hidden columns. */
function colsXml(layout: SheetLayout): string {
  const hidden = new Set((layout.hiddenColumns ?? []).filter((c) => Number.isInteger(c) && c >= 0 && c <= MAX_COL));
  const last = Math.min(MAX_COL, Math.max(layout.columnWidths.length - 1, ...hidden));
  let xml = "";
  for (let col = 0; col <= last; col++) {
    const w = layout.columnWidths[col];
    const hasWidth = typeof w === "number" && Number.isFinite(w) && w > 0;
    const isHidden = hidden.has(col);
    if (!hasWidth && !isHidden) continue;
    xml += `<col min="${col + 1}" max="${col + 1}"${hasWidth ? ` width="${Math.min(255, w)}" customWidth="1"` : ""}${isHidden ? ' hidden="1"' : ""}/>`;
  }
  return xml ? `<cols>${xml}</cols>` : "";
}

/** Overlapping merged areas make Excel repair the file: refuse them (a bug in the layout). */
function checkMerges(merges: readonly RangeRef[], sheetName: string): void {
  const byRow = merges.filter((m) => m.rowCount > 1 || m.colCount > 1).sort((x, y) => x.row - y.row);
  const open: RangeRef[] = [];
  for (const m of byRow) {
    for (let k = open.length - 1; k >= 0; k--) {
      const o = open[k];
      if (o.row + o.rowCount <= m.row) open.splice(k, 1);
      else if (o.col < m.col + m.colCount && m.col < o.col + o.colCount) {
        throw new LayoutRenderError(`${sheetName}: merged areas ${rangeAddress(o)} and ${rangeAddress(m)} overlap`);
      }
    }
    open.push(m);
  }
}

/** Data validation rules; a later rule on the same range replaces an earlier one. */
function validationsXml(validations: readonly LayoutValidation[], sheetName: string): string {
  const byRange = new Map<string, string>();
  for (const v of validations) {
    const sqref = rangeAddress(v.range);
    const input = v.inputMessage ? ` showInputMessage="1" promptTitle="${xmlAttr((v.inputTitle ?? "").slice(0, 32))}" prompt="${xmlAttr(v.inputMessage.slice(0, 255))}"` : "";
    const common =
      `${v.allowBlank ? ' allowBlank="1"' : ""}${input} showErrorMessage="1" errorStyle="${v.errorStyle === "warning" ? "warning" : "stop"}"` +
      ` errorTitle="${xmlAttr(v.errorTitle.slice(0, 32))}" error="${xmlAttr(v.errorMessage.slice(0, 255))}" sqref="${sqref}"`;
    let rule: string;
    switch (v.kind) {
      case "list": {
        // An in-cell list is one quoted string of comma-separated values; quotes inside are doubled.
        const joined = v.source.map((x) => x.replace(/,/g, " ")).join(",").replace(/"/g, '""');
        rule = `<dataValidation type="list"${common}><formula1>${xmlText(`"${joined}"`)}</formula1></dataValidation>`;
        break;
      }
      case "listRange": {
        const f = v.source.replace(/^=/, "");
        const why = nonNativeReason(f);
        if (why) throw new LayoutRenderError(`${sheetName}!${sqref} validation: formula ${v.source} contains ${why}`);
        assertWithinLimits(v.source, `${sheetName}!${sqref} validation`);
        rule = `<dataValidation type="list"${common}><formula1>${xmlText(f)}</formula1></dataValidation>`;
        break;
      }
      case "decimal":
      case "whole":
      case "date":
        // Dates are Excel serials already, as the limits of a date rule are.
        rule = `<dataValidation type="${v.kind}" operator="between"${common}><formula1>${limit(v.min)}</formula1><formula2>${limit(v.max)}</formula2></dataValidation>`;
        break;
    }
    byRange.delete(sqref);
    byRange.set(sqref, rule);
  }
  return byRange.size ? `<dataValidations count="${byRange.size}">${[...byRange.values()].join("")}</dataValidations>` : "";
}

function limit(n: number): string {
  if (!Number.isFinite(n)) throw new LayoutRenderError(`A validation limit is not a finite number: ${n}`);
  return String(n);
}

/**
 * The table part (xl/tables/tableN.xml): header row, no totals row, no table style, and filter buttons only when
 * the table asks for them (every column's button hidden otherwise: filterColumn hiddenButton, ECMA-376 Part 1
 * §18.3.2.7).
 */
export function tableXml(id: number, name: string, t: SheetTable): string {
  const ref = rangeAddress(t.range);
  const autoFilter = t.filter ? `<autoFilter ref="${ref}"/>` : `<autoFilter ref="${ref}">${t.columns.map((_, k) => `<filterColumn colId="${k}" hiddenButton="1"/>`).join("")}</autoFilter>`;
  return (
    `${XML_DECLARATION}<table xmlns="${NS_MAIN}" id="${id}" name="${name}" displayName="${name}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    autoFilter +
    `<tableColumns count="${t.columns.length}">${t.columns.map((c, k) => `<tableColumn id="${k + 1}" name="${xmlAttr(c)}"/>`).join("")}</tableColumns>` +
    // No table style: the layout's own fills and borders are what shows and prints (a built-in table style would
    // recolour header text and band rows).
    '<tableStyleInfo showFirstColumn="0" showLastColumn="0" showRowStripes="0" showColumnStripes="0"/></table>'
  );
}
