/**
 * The Office.js renderer of src/core/layout.ts: draws a SheetLayout into a new sheet of the open workbook.
 * Values go in row blocks under the request budget; styles are applied per group of cells sharing a style, as
 * rectangles joined into multi-area ranges, never one call per cell; then merges, widths, freeze panes, print
 * setup, tables, data validation and internal hyperlinks. Text is always written as text. Existing sheets are never touched,
 * except a sheet the add-in itself wrote when the caller asks to replace it.
 */
import { cellAddress, quoteSheetName, rangeAddress, type RangeRef } from "../core/a1";
import { LAYOUT_STYLES, layoutExtent, uniqueSheetName, uniqueTableName, cellNumberFormat, type LayoutCell, type LayoutStyle, type LayoutStyleName, type LayoutValidation, type SheetLayout } from "../core/layout";
import { excelSerialToDate } from "../core/financialYear";
import { formulaForMessage, formulaLimitReason } from "../core/formulaLimits";
import { probeState, queueStateRead, type AddinState } from "./addinState";
import { OUTPUT_MARKER, isOutputFooter } from "./outputSheets";
import { addressLists } from "./highlights";
import { MEASURED_WRITE_BUDGET_BYTES, OFFICE_REQUEST_BYTES, RequestBatcher, assertCanAddSheets, columnWidthPoints, jsonBytes, runExcel, textEntry } from "./runtime";
import type { WriteLayoutOptions } from "./types";

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
/** Smallest block of values worth its own range write: less room than this left in a request, and the block starts the next one. */
const MIN_BLOCK_BYTES = 50_000;

type EntryValue = string | number | boolean | null;

/** The value to put in `Range.values` for a layout cell (null leaves the cell empty). */
export function layoutEntry(cell: LayoutCell): EntryValue {
  if (cell.formula !== undefined) {
    if (!cell.formula.startsWith("=")) throw new RangeError(`Layout formula at ${cellAddress(cell.row, cell.col)} does not start with "=": ${cell.formula}`);
    return cell.formula;
  }
  const v = cell.value;
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new RangeError(`Layout value at ${cellAddress(cell.row, cell.col)} is not a finite number.`);
    return v;
  }
  if (typeof v === "boolean") return v;
  return textEntry(v);
}

/** Cells sharing one look, as rectangles. */
export interface StyleGroup {
  style?: LayoutStyleName;
  numberFormat?: string;
  rects: RangeRef[];
}

/**
 * Group cells by (style, number format) and cover each group with rectangles: runs of adjacent columns in a row,
 * stacked over consecutive rows when identical. Styles with a double top border are not stacked (each row of a
 * total needs its own top edge). Cells covered by a merge take the merge's top-left style.
 */
export function styleGroups(layout: SheetLayout): StyleGroup[] {
  const keyOf = (style: LayoutStyleName | undefined, nf: string | undefined): string => `${style ?? ""}\u0000${nf ?? ""}`;
  const cellKey = (r: number, c: number): number => r * MAX_COLS + c;
  const styled = new Map<number, { style?: LayoutStyleName; nf?: string }>();
  const cells = layout.cells;
  for (let i = 0; i < cells.length; i++) {
    const style = cells.style(i);
    const nf = cellNumberFormat(style, cells.numberFormat(i));
    if (style === undefined && nf === undefined) continue;
    styled.set(cellKey(cells.row(i), cells.col(i)), { style, nf });
  }
  for (const m of layout.merges) {
    const top = styled.get(cellKey(m.row, m.col));
    if (!top) continue;
    for (let r = m.row; r < m.row + m.rowCount; r++) for (let c = m.col; c < m.col + m.colCount; c++) if (!styled.has(cellKey(r, c))) styled.set(cellKey(r, c), top);
  }
  // Per group: row -> sorted columns.
  const groups = new Map<string, { style?: LayoutStyleName; nf?: string; rows: Map<number, number[]> }>();
  for (const [key, s] of styled) {
    const k = keyOf(s.style, s.nf);
    const g = groups.get(k) ?? { style: s.style, nf: s.nf, rows: new Map<number, number[]>() };
    const r = Math.floor(key / MAX_COLS);
    const cols = g.rows.get(r) ?? [];
    cols.push(key % MAX_COLS);
    g.rows.set(r, cols);
    groups.set(k, g);
  }
  const out: StyleGroup[] = [];
  for (const g of groups.values()) {
    const stack = !(g.style && LAYOUT_STYLES[g.style].border === "topDouble");
    const rects: RangeRef[] = [];
    const open = new Map<string, RangeRef>();
    for (const r of [...g.rows.keys()].sort((a, b) => a - b)) {
      const cols = (g.rows.get(r) ?? []).sort((a, b) => a - b);
      const runs: { col: number; count: number }[] = [];
      for (const c of cols) {
        const last = runs[runs.length - 1];
        if (last && last.col + last.count === c) last.count++;
        else runs.push({ col: c, count: 1 });
      }
      for (const run of runs) {
        const k = `${run.col}:${run.count}`;
        const prev = open.get(k);
        if (stack && prev && prev.row + prev.rowCount === r) prev.rowCount++;
        else {
          const rect = { row: r, col: run.col, rowCount: 1, colCount: run.count };
          rects.push(rect);
          open.set(k, rect);
        }
      }
    }
    out.push({ style: g.style, numberFormat: g.nf, rects });
  }
  return out;
}

/** Queue the look of a style (not its number format) on a multi-area range. Returns request bytes queued. */
function applyStyle(format: Excel.RangeFormat, style: LayoutStyle): number {
  let ops = 0;
  const set = (apply: () => void): void => {
    apply();
    ops++;
  };
  if (style.bold) set(() => (format.font.bold = true));
  if (style.italic) set(() => (format.font.italic = true));
  if (style.underline) set(() => (format.font.underline = "Single"));
  if (style.fontSize !== undefined) set(() => (format.font.size = style.fontSize as number));
  if (style.fontColour) set(() => (format.font.color = style.fontColour as string));
  if (style.fill) set(() => (format.fill.color = style.fill as string));
  if (style.wrap) set(() => (format.wrapText = true));
  if (style.hAlign) set(() => (format.horizontalAlignment = ({ left: "Left", center: "Center", right: "Right" } as const)[style.hAlign ?? "left"]));
  if (style.vAlign) set(() => (format.verticalAlignment = ({ top: "Top", center: "Center", bottom: "Bottom" } as const)[style.vAlign ?? "bottom"]));
  if (style.border) {
    for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const) {
      const b = format.borders.getItem(edge);
      set(() => (b.style = "Continuous"));
      set(() => (b.weight = "Thin"));
    }
    if (style.border === "topDouble") set(() => (format.borders.getItem("EdgeTop").style = "Double"));
  }
  return ops * 180;
}

function dateFormula(serial: number): string {
  const d = excelSerialToDate(serial);
  return `=DATE(${d.getUTCFullYear()},${d.getUTCMonth() + 1},${d.getUTCDate()})`;
}

/** Office.js's data validation rule for a layout's rule. */
export function validationRule(v: LayoutValidation): Excel.DataValidationRule {
  switch (v.kind) {
    case "list":
      return { list: { inCellDropDown: true, source: v.source.join(",") } };
    case "listRange":
      return { list: { inCellDropDown: true, source: v.source } };
    case "decimal":
      return { decimal: { formula1: v.min, formula2: v.max, operator: "Between" } };
    case "whole":
      return { wholeNumber: { formula1: v.min, formula2: v.max, operator: "Between" } };
    case "date":
      // Excel takes dates here as text or formulas: =DATE(y,m,d) cannot be misread in any locale.
      return { date: { formula1: dateFormula(v.min), formula2: dateFormula(v.max), operator: "Between" } };
  }
}

/** Where and how one layout is drawn. */
interface DrawTarget {
  /** The sheet's final name (unique, or the replaced sheet's). */
  name: string;
  position?: number;
  /** The add-in's own earlier sheet this one replaces (renamed first, deleted after the new one is added). */
  replaced?: Excel.Worksheet;
  /** Marks the sheet as the add-in's output (page-footer marker, outputSheets.ts), in the same request that adds it. */
  output?: string;
  tableNames: Set<string>;
  onProgress?: WriteLayoutOptions["onProgress"];
  budget: number;
}

/**
 * Refuse a formula Excel would refuse (src/core/formulaLimits.ts: too long, too many arguments, nested too deep),
 * so a layout that breaks a limit stops here with the reason, not halfway through a write with Excel's error.
 */
function assertWithinFormulaLimits(formula: string, where: string): void {
  const why = formulaLimitReason(formula);
  if (why) throw new RangeError(`${where}: the formula ${formulaForMessage(formula)} cannot be written, as Excel would refuse it: ${why}.`);
}

/** Check a layout and build its grid of entries before Excel is touched. */
function layoutGrid(layout: SheetLayout): { grid: EntryValue[][]; rows: number; cols: number } {
  const { rows, cols } = layoutExtent(layout);
  if (rows > MAX_ROWS || cols > MAX_COLS) throw new RangeError(`The layout (${rows} rows × ${cols} columns) does not fit in a worksheet.`);
  const cells = layout.cells;
  for (let i = 0; i < cells.length; i++) if (cells.row(i) < 0 || cells.col(i) < 0) throw new RangeError(`Layout cell at row ${cells.row(i)}, column ${cells.col(i)} is outside the sheet.`);
  for (let i = 0; i < cells.length; i++) {
    const formula = cells.formula(i);
    if (formula !== undefined) assertWithinFormulaLimits(formula, `${layout.name}!${cellAddress(cells.row(i), cells.col(i))}`);
  }
  for (const v of layout.validations ?? []) if (v.kind === "listRange") assertWithinFormulaLimits(v.source, `${layout.name}!${rangeAddress(v.range)} validation`);
  const grid: EntryValue[][] = Array.from({ length: rows }, () => Array<EntryValue>(cols).fill(null));
  for (const c of cells) grid[c.row][c.col] = layoutEntry(c);
  return { grid, rows, cols };
}

/**
 * Queue drawing `layout` into a new sheet through `batch` (which syncs whenever the request would pass the budget).
 * Returns the new sheet's proxy (its name loaded with the next sync).
 */
export async function queueLayout(context: Excel.RequestContext, batch: RequestBatcher, layout: SheetLayout, target: DrawTarget): Promise<Excel.Worksheet> {
  const { grid, rows, cols } = layoutGrid(layout);
  const { name, position, replaced, tableNames, budget } = target;
  const progress = (phase: "writing" | "formatting" | "saving", done: number, total: number): void => target.onProgress?.({ phase, done, total });
  if (replaced) {
  // Rename first so the new sheet can take the name; delete after adding (a workbook keeps one visible sheet).
  replaced.name = `~replacing ${Date.now() % 1_000_000}`.slice(0, 31);
  }
  const sheet = context.workbook.worksheets.add(name);
  sheet.load("id, name");
  if (target.output !== undefined) sheet.pageLayout.headersFooters.defaultForAllPages.leftFooter = `${OUTPUT_MARKER}: ${target.output}`;
  if (position !== undefined) sheet.position = position;
  if (replaced) replaced.delete();
  await batch.reserve(600);

  // Number formats, then values, in row blocks that keep each request under budget.
  const groups = styleGroups(layout);
  for (const g of groups) {
    if (!g.numberFormat) continue;
    for (const rect of g.rects) {
      const formats = Array.from({ length: rect.rowCount }, () => Array<string>(rect.colCount).fill(g.numberFormat as string));
      await batch.reserve(jsonBytes(formats) + OFFICE_REQUEST_BYTES.rangeSet);
      sheet.getRangeByIndexes(rect.row, rect.col, rect.rowCount, rect.colCount).numberFormat = formats;
    }
  }
  let start = 0;
  let blockBytes = 0;
  // A block fills what is left of the current request (a block too small to be worth it starts the next request).
  const blockRoom = (): number => {
    const left = budget - batch.queuedBytes - OFFICE_REQUEST_BYTES.rangeSet;
    return left >= MIN_BLOCK_BYTES ? left : Math.max(MIN_BLOCK_BYTES, budget - OFFICE_REQUEST_BYTES.rangeSet);
  };
  const flushBlock = async (end: number): Promise<void> => {
    if (end <= start || cols === 0) return;
    await batch.reserve(blockBytes + OFFICE_REQUEST_BYTES.rangeSet);
    sheet.getRangeByIndexes(start, 0, end - start, cols).values = grid.slice(start, end) as (string | number | boolean)[][];
    progress("writing", end, rows);
    start = end;
    blockBytes = 0;
  };
  for (let r = 0; r < rows; r++) {
    // Office sends about 0.6 bytes a cell more than the row's JSON (measured on its request for 1,000 x 8 cells): 1 reserved.
    const rowBytes = jsonBytes(grid[r]) + 1 + cols;
    if (blockBytes > 0 && blockBytes + rowBytes > blockRoom()) await flushBlock(r);
    if (grid[r].every((v) => v === null)) {
      // Nothing to write in this row: end the block here and skip it.
      await flushBlock(r);
      start = r + 1;
      continue;
    }
    blockBytes += rowBytes;
  }
  await flushBlock(rows);

  // Looks: one multi-area range per group and address list.
  let done = 0;
  for (const g of groups) {
    done++;
    if (!g.style) continue;
    const style = LAYOUT_STYLES[g.style];
    for (const list of addressLists(g.rects.map(rangeAddress))) {
      await batch.reserve(list.length + 2_500);
      applyStyle(sheet.getRanges(list).format, style);
    }
    progress("formatting", done, groups.length);
  }
  for (const m of layout.merges) {
    if (m.rowCount * m.colCount < 2) continue;
    await batch.reserve(OFFICE_REQUEST_BYTES.rangeSet);
    sheet.getRangeByIndexes(m.row, m.col, m.rowCount, m.colCount).merge(false);
  }
  // Column widths, consecutive equal widths together.
  for (let c = 0; c < layout.columnWidths.length; ) {
    const w = layout.columnWidths[c];
    let n = 1;
    while (c + n < layout.columnWidths.length && layout.columnWidths[c + n] === w) n++;
    if (typeof w === "number" && Number.isFinite(w) && w > 0) {
      await batch.reserve(OFFICE_REQUEST_BYTES.rangeSet);
      sheet.getRangeByIndexes(0, c, 1, n).format.columnWidth = columnWidthPoints(w);
    }
    c += n;
  }
  if (layout.freezeRows && layout.freezeRows > 0) sheet.freezePanes.freezeRows(layout.freezeRows);
  sheet.pageLayout.orientation = layout.print.orientation === "landscape" ? "Landscape" : "Portrait";
  if (layout.print.fitToWidth) sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (layout.print.repeatRows) sheet.pageLayout.setPrintTitleRows(`$${layout.print.repeatRows.first + 1}:$${layout.print.repeatRows.last + 1}`);
  await batch.reserve(800);
  for (const t of layout.tables ?? []) {
    await batch.reserve(400);
    const table = sheet.tables.add(rangeAddress(t.range), true);
    table.name = uniqueTableName(t.name, tableNames);
  }
  for (const v of layout.validations ?? []) {
    await batch.reserve(800 + (v.kind === "list" ? v.source.join(",").length : 0) + v.errorMessage.length + (v.inputMessage?.length ?? 0));
    const dv = sheet.getRangeByIndexes(v.range.row, v.range.col, v.range.rowCount, v.range.colCount).dataValidation;
    dv.rule = validationRule(v);
    dv.ignoreBlanks = v.allowBlank;
    dv.errorAlert = { showAlert: true, style: v.errorStyle === "stop" ? "Stop" : "Warning", title: v.errorTitle, message: v.errorMessage };
    if (v.inputTitle !== undefined || v.inputMessage !== undefined) dv.prompt = { showPrompt: true, title: v.inputTitle ?? "", message: v.inputMessage ?? "" };
  }
  // Internal hyperlinks: a link to the layout's own sheet follows it to its final name.
  const cells = layout.cells;
  for (let i = 0; i < cells.length; i++) {
    const to = cells.link(i);
    if (!to) continue;
    const target = to.sheet === layout.name ? name : to.sheet;
    const link: Excel.RangeHyperlink = { documentReference: `${quoteSheetName(target)}!${to.cell}` };
    const text = cells.textAt(i);
    if (text !== undefined && text !== "") link.textToDisplay = text;
    await batch.reserve(OFFICE_REQUEST_BYTES.hyperlink + jsonBytes(link));
    // Untracked: set once in this sync, so Office need not keep a reference to it (no _KeepReference round trip).
    sheet.getRangeByIndexes(cells.row(i), cells.col(i), 1, 1).untrack().hyperlink = link;
  }
  return sheet;
}

/**
 * Queue loading the names a new table cannot take: the workbook's tables and its defined names, which share one set
 * of names (ECMA-376 Part 4, Names). After the sync, the returned function gives them, lower case.
 */
export function queueTakenTableNames(context: Excel.RequestContext): () => Set<string> {
  const tables = context.workbook.tables.load("items/name");
  const names = context.workbook.names.load("items/name");
  return () => new Set([...tables.items.map((t) => t.name.toLowerCase()), ...names.items.map((n) => n.name.toLowerCase())]);
}

/** The footer label of an output ("check-report" -> "check report", "structure:Posts:…" -> "structure"), as the pane marks it. */
export function outputLabel(key: string): string {
  return key.split(":")[0].replace(/-/g, " ");
}

/** True when a sheet may be replaced: it carries the output marker, or (sheets written before the marker) the record lists its id. */
function isOwnOutput(footer: Excel.HeaderFooter, id: string, state: AddinState | null): boolean {
  return isOutputFooter(`${footer.leftFooter} ${footer.centerFooter} ${footer.rightFooter}`) || (state?.createdSheets.includes(id) ?? false);
}

/**
 * Draw `layout` into a new sheet named uniquely after `layout.name` (or into the place of `replaceSheet`, which
 * must be a sheet this add-in wrote: one carrying the output marker). `output` marks the new sheet as the add-in's
 * output (so it can be replaced later and is never read as input). Returns the sheet's final name. Syncs: one to look
 * at the workbook (two when replacing), then writes batched under the request budget.
 */
export async function writeLayout(layout: SheetLayout, options: WriteLayoutOptions = {}): Promise<{ sheetName: string }> {
  layoutGrid(layout); // refuse a bad layout before Excel is touched
  const budget = options.requestBudgetBytes ?? MEASURED_WRITE_BUDGET_BYTES;
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name, items/id, items/position");
    const tableNames = queueTakenTableNames(context);
    const probe = options.replaceSheet !== undefined ? probeState(context) : null;
    const protection = probe?.protection ?? context.workbook.protection.load("protected");
    await context.sync();
    assertCanAddSheets(protection);
    let name: string;
    let position: number | undefined;
    let replaced: Excel.Worksheet | undefined;
    if (options.replaceSheet !== undefined && probe) {
      const old = sheets.items.find((s) => s.name.toLowerCase() === options.replaceSheet?.toLowerCase());
      if (!old) throw new Error(`There is no sheet called "${options.replaceSheet}" to replace.`);
      const footer = old.pageLayout.headersFooters.defaultForAllPages.load("leftFooter, centerFooter, rightFooter");
      const read = queueStateRead(probe);
      await context.sync();
      if (!isOwnOutput(footer, old.id, read ? read.result() : null)) throw new Error(`The sheet "${old.name}" was not written by this add-in, so it will not be replaced. Choose a new sheet instead.`);
      name = old.name;
      position = old.position;
      replaced = old;
    } else {
      name = uniqueSheetName(layout.name, sheets.items.map((s) => s.name));
    }
    const batch = new RequestBatcher(context, budget);
    const sheet = await queueLayout(context, batch, layout, { name, position, replaced, output: options.output, tableNames: tableNames(), onProgress: options.onProgress, budget });
    if (options.activate !== false) sheet.activate();
    await batch.flush();
    return { sheetName: sheet.name };
  });
}
