/**
 * The .xlsx renderer of core sheet layouts (src/core/layout.ts): the second renderer beside src/excel's.
 * ExcelJS writes cells, styles, merges, widths, freeze panes, tables, print setup and protection; the
 * package is then post-processed with JSZip for what ExcelJS cannot write cleanly: internal hyperlinks
 * (without a relationship that looks like an external link), literal "_xHHHH_" text, and charts.
 *
 * Safety rules enforced here, whatever the caller passes:
 * - strings are always written as text (a title "=HYPERLINK(...)" stays a string in the shared strings);
 * - formulas must be native Excel (no BUDGET.* custom functions, no `_xldudf_`, no external workbook
 *   references, no URLs) and must carry their cached result, so viewers that do not recalculate show it;
 * - the workbook is marked to recalculate fully on load.
 *
 * Sheets are protected against accidental edits, with no password unless one is given. To edit a sheet:
 * in Excel, Review > Unprotect Sheet (Excel on the web: Review > Protect Sheet, then turn protection off);
 * in LibreOffice, Tools > Protect Sheet (untick).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { cellAddress, quoteSheetName, rangeAddress, type RangeRef } from "../core/a1";
import { excelSerialToDate } from "../core/financialYear";
import { shortenCellText } from "./cellLimit";
import { tokenizeFormula } from "./formulaTokens";
import {
  cellNumberFormat,
  LAYOUT_STYLES,
  uniqueSheetName,
  type LayoutCell,
  type LayoutStyle,
  type LayoutStyleName,
  type LayoutValidation,
  type SheetLayout,
} from "../core/layout";
import { addChartsToPackage, type ChartSpec, type PlacedChart } from "./charts";
import { addOrgChartsToPackage } from "./orgChartDrawingXml";
import type { OrgChartDrawing } from "../core/posts/orgChartDrawing";
import { escapeOoxmlCharRefs, escapeXml, insertWorksheetElement, listSheetParts, readText } from "./xlsxParts";

export type { ChartSpec } from "./charts";

/** A chart to draw on one of the rendered sheets; `sheet` is the layout's wanted name. */
export interface LayoutChart {
  sheet: string;
  chart: ChartSpec;
}

export interface RenderOptions {
  /** Title of the document: printed in every sheet's footer and stored as the file's title. */
  title?: string;
  /** Classification line printed at the top of every page ("Unrestricted", "OFFICIAL"). */
  classification?: string;
  /** Protect sheets against accidental edits (default true). */
  protect?: boolean;
  /** Password for sheet protection; none by default, so anyone can unprotect from the Review tab. */
  password?: string;
  /** Show gridlines on screen (default false: layout sheets look like the printed page). */
  showGridLines?: boolean;
  /** Charts to add to the rendered sheets. */
  charts?: LayoutChart[];
  /** Org charts drawn as native shapes, one per sheet (a sheet without charts). */
  orgCharts?: { sheet: string; drawing: OrgChartDrawing }[];
  /** Author stored in the document properties (default "Council budget add-in"). */
  creator?: string;
  /** Date stored in the document properties (default now). */
  created?: Date;
}

export interface RenderResult {
  bytes: Uint8Array;
  /** Final sheet names, in order: layouts[i] was written as sheetNames[i]. */
  sheetNames: string[];
}

/** Error thrown when a layout breaks a rule of the generated workbooks (a bug in the caller, not user input). */
export class LayoutRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LayoutRenderError";
  }
}

/** Functions that reach outside the workbook (a generated workbook must not call them). */
const OUTSIDE_FUNCTIONS = new Set(["HYPERLINK", "WEBSERVICE", "FILTERXML", "RTD", "CALL", "REGISTER.ID", "INDIRECT"]);

/** Why a formula is not a plain native formula a generated workbook may hold, or null when it is. */
export function nonNativeReason(formula: string): string | null {
  // Read with the formula tokenizer, not patterns: a quoted sheet name like 'Call (centre) posts'! or
  // 'Budget.2025 posts'! is a sheet, not a function call.
  for (const t of tokenizeFormula(formula)) {
    const local = (t.local ?? t.text).toUpperCase();
    if (t.kind === "func") {
      const fn = local.replace(/^_XLFN\./, "").replace(/^_XLWS\./, "");
      if (fn.startsWith("BUDGET.")) return "a BUDGET.* custom function";
      if (fn.includes("_XLDUDF_")) return "a custom-function (_xldudf_) reference";
      if (fn.startsWith("_XLL.")) return "an add-in (_xll.) function";
      if (OUTSIDE_FUNCTIONS.has(fn)) return "a function that reaches outside the workbook";
      if (t.book) return "an external workbook reference";
    } else if (t.kind === "ref" || t.kind === "name") {
      if (t.book) return "an external workbook reference";
      if (t.kind === "name" && local.includes("_XLDUDF_")) return "a custom-function (_xldudf_) reference";
    } else if (t.kind === "string" && /[a-z]+:\/\//i.test(t.text)) return "a URL";
  }
  return null;
}

/** Throws when a formula is not a plain native formula a generated workbook may hold. */
export function assertNativeFormula(formula: string, where: string): void {
  const why = nonNativeReason(formula);
  if (why) throw new LayoutRenderError(`${where}: formula ${formula} contains ${why}`);
}

/** The final names the layouts get in a new workbook: sanitised and unique, in order. */
export function resolveSheetNames(layouts: readonly SheetLayout[]): string[] {
  const names: string[] = [];
  for (const l of layouts) names.push(uniqueSheetName(l.name, names));
  return names;
}

function argb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

/** The ExcelJS style of a layout style and number format; one shared object per combination within a render. */
function cachedStyle(styleCache: Map<string, Partial<ExcelJS.Style>>, name: LayoutStyleName | undefined, numberFormat: string | undefined): Partial<ExcelJS.Style> {
  const key = `${name ?? ""}\u0000${numberFormat ?? ""}`;
  let s = styleCache.get(key);
  if (!s) {
    s = excelStyle(name ? LAYOUT_STYLES[name] : undefined, numberFormat);
    styleCache.set(key, s);
  }
  return s;
}

function excelStyle(style: LayoutStyle | undefined, numberFormat: string | undefined): Partial<ExcelJS.Style> {
  const s: Partial<ExcelJS.Style> = {};
  const font: Partial<ExcelJS.Font> = { name: "Calibri", size: style?.fontSize ?? 11 };
  if (style?.bold) font.bold = true;
  if (style?.italic) font.italic = true;
  if (style?.underline) font.underline = true;
  if (style?.fontColour) font.color = { argb: argb(style.fontColour) };
  s.font = font;
  if (style?.fill) s.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  if (style?.border) {
    const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF808080" } };
    s.border = {
      top: style.border === "topDouble" ? { style: "double", color: { argb: "FF000000" } } : thin,
      left: thin,
      bottom: thin,
      right: thin,
    };
  }
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (style?.wrap) alignment.wrapText = true;
  if (style?.hAlign) alignment.horizontal = style.hAlign;
  if (style?.vAlign) alignment.vertical = style.vAlign === "center" ? "middle" : style.vAlign;
  if (Object.keys(alignment).length > 0) s.alignment = alignment;
  if (numberFormat) s.numFmt = numberFormat;
  return s;
}

/** Escape text for a header/footer section: "&" starts a code there. */
function headerFooterText(text: string, max: number): string {
  const clean = text.replace(/[\r\n\t]+/g, " ").trim();
  const cut = clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  return cut.replace(/&/g, "&&");
}

function cellValue(cell: LayoutCell, where: string): ExcelJS.CellValue {
  if (cell.formula !== undefined) {
    const f = cell.formula.replace(/^=/, "");
    assertNativeFormula(f, where);
    if (cell.result === undefined) throw new LayoutRenderError(`${where}: formula ${cell.formula} has no cached result`);
    if (typeof cell.result === "number" && !Number.isFinite(cell.result))
      throw new LayoutRenderError(`${where}: formula ${cell.formula} has a non-finite result`);
    return { formula: f, result: cell.result } as ExcelJS.CellFormulaValue;
  }
  const v = cell.value;
  if (v === undefined || v === null) return null;
  if (typeof v === "number" && !Number.isFinite(v)) throw new LayoutRenderError(`${where}: value is not a finite number`);
  // Strings go in as plain strings: ExcelJS never parses them, so "=..." stays text. Never over Excel's
  // 32,767-character cell limit (the members' pack shortens first and says so on its cover).
  return typeof v === "string" ? shortenCellText(v) : v;
}

/** Rough row height (points) for wrapped text, so viewers that do not auto-fit still show it all. */
/**
 * The lines a wrapped text takes in a column `widthChars` wide (Excel's width unit: the digit width of the
 * 11-point body font), wrapping at spaces as Excel and LibreOffice do (a word never splits unless it is longer
 * than the line). Bold text and larger fonts take more room: `scale` is the width of a character relative to
 * the body font. Cautious by design: a row a little too tall prints; a row too short cuts text off.
 */
export function estimateLines(text: string, widthChars: number, scale = 1): number {
  // The cell's padding takes about a character; a character of prose is taken as one digit width.
  const usable = Math.max(1, widthChars - 1) / scale;
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let used = 0;
    let count = 1;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= usable) used = need;
      else if (word.length > usable) {
        count += (used === 0 ? 0 : 1) + Math.ceil(word.length / usable) - 1;
        used = word.length % usable || usable;
      } else {
        count++;
        used = word.length;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}

function displayText(cell: LayoutCell): string {
  const v = cell.formula !== undefined ? cell.result : cell.value;
  return v === undefined || v === null ? "" : String(v);
}

interface SheetLinks {
  sheetName: string;
  links: { ref: string; location: string; display: string }[];
}

/**
 * Render layouts into a new workbook, one sheet per layout, in order.
 * @returns the .xlsx bytes and the final sheet names.
 */
export async function renderLayoutsToWorkbook(layouts: readonly SheetLayout[], options: RenderOptions = {}): Promise<RenderResult> {
  const names = resolveSheetNames(layouts);
  const nameOf = new Map<string, string>();
  layouts.forEach((l, i) => {
    if (!nameOf.has(l.name)) nameOf.set(l.name, names[i]);
  });
  const resolveSheet = (wanted: string): string => {
    const n = nameOf.get(wanted) ?? (names.includes(wanted) ? wanted : undefined);
    if (n === undefined) throw new LayoutRenderError(`Link or chart to a sheet that is not in the workbook: ${wanted}`);
    return n;
  };

  const wb = new ExcelJS.Workbook();
  wb.creator = options.creator ?? "Council budget add-in";
  wb.created = options.created ?? new Date();
  wb.modified = wb.created;
  if (options.title) wb.title = options.title;
  wb.calcProperties.fullCalcOnLoad = true;

  const linksBySheet: SheetLinks[] = [];
  const styleCache = new Map<string, Partial<ExcelJS.Style>>();
  const tableNames = new Set<string>();
  const cellMaps: Map<string, LayoutCell>[] = [];

  for (let i = 0; i < layouts.length; i++) {
    const layout = layouts[i];
    const sheetName = names[i];
    const ws = wb.addWorksheet(sheetName, {
      views: [
        layout.freezeRows && layout.freezeRows > 0
          ? { state: "frozen", ySplit: layout.freezeRows, xSplit: 0, showGridLines: options.showGridLines ?? false }
          : { state: "normal", showGridLines: options.showGridLines ?? false },
      ],
    });
    const byAddress = new Map<string, LayoutCell>();
    for (const c of layout.cells) byAddress.set(`${c.row},${c.col}`, c);
    cellMaps.push(byAddress);

    layout.columnWidths.forEach((w, col) => {
      if (Number.isFinite(w) && w > 0) ws.getColumn(col + 1).width = Math.min(255, w);
    });
    for (const col of layout.hiddenColumns ?? []) ws.getColumn(col + 1).hidden = true;
    // A break after the 1-based row r is a new page from the 0-based row r.
    for (const r of layout.pageBreaksBefore ?? []) if (r >= 1) ws.getRow(r).addPageBreak();

    const links: SheetLinks = { sheetName, links: [] };
    for (const c of layout.cells) {
      const where = `${sheetName}!${cellAddress(c.row, c.col)}`;
      const xc = ws.getCell(c.row + 1, c.col + 1);
      xc.value = cellValue(c, where);
      xc.style = cachedStyle(styleCache, c.style, cellNumberFormat(c));
      if (c.link) {
        const target = resolveSheet(c.link.sheet);
        links.links.push({ ref: cellAddress(c.row, c.col), location: `${quoteSheetName(target)}!${c.link.cell}`, display: displayText(c) });
      }
    }
    linksBySheet.push(links);

    // A merged area takes the style of its top-left cell everywhere, so borders and fills cover it all.
    for (const m of layout.merges) {
      const top = byAddress.get(`${m.row},${m.col}`);
      for (let r = m.row; r < m.row + m.rowCount; r++) {
        for (let c = m.col; c < m.col + m.colCount; c++) {
          if ((r !== m.row || c !== m.col) && !byAddress.has(`${r},${c}`)) ws.getCell(r + 1, c + 1).style = cachedStyle(styleCache, top?.style, top ? cellNumberFormat(top) : undefined);
        }
      }
      if (m.rowCount > 1 || m.colCount > 1) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rowCount, m.col + m.colCount);
    }

    // Row heights for wrapped text (Excel does not auto-fit merged cells; previewers often do not auto-fit at all).
    const widthOf = (col: number): number => layout.columnWidths[col] ?? 8.43;
    const heights = new Map<number, number>();
    const mergeAt = new Map(layout.merges.map((m) => [`${m.row},${m.col}`, m]));
    for (const c of layout.cells) {
      const style = c.style ? LAYOUT_STYLES[c.style] : undefined;
      if (!style?.wrap) continue;
      const merge = mergeAt.get(`${c.row},${c.col}`);
      if (merge && merge.rowCount > 1) continue;
      let width = widthOf(c.col);
      if (merge) for (let k = 1; k < merge.colCount; k++) width += widthOf(c.col + k);
      const lines = estimateLines(displayText(c), width, ((style.fontSize ?? 11) / 11) * (style.bold ? 1.1 : 1));
      const pt = Math.ceil(lines * 1.3 * (style.fontSize ?? 11) + 3);
      if (lines > 1) heights.set(c.row, Math.max(heights.get(c.row) ?? 15, pt));
    }
    for (const [row, h] of heights) ws.getRow(row + 1).height = Math.min(409, h);

    // Data validation (drop-downs and number limits), as the layout describes it.
    for (const v of layout.validations ?? []) addValidation(ws, v);

    // Excel tables over ranges whose cells the layout already filled.
    for (const t of layout.tables ?? []) addTable(ws, t.name, t.range, byAddress, tableNames, sheetName);

    // Print: A4, orientation per layout, fit to one page wide, repeated header rows, footer, no gridlines.
    const footerTitle = headerFooterText(options.title ?? "", 120);
    ws.pageSetup = {
      paperSize: 9,
      orientation: layout.print.orientation,
      fitToPage: layout.print.fitToWidth,
      fitToWidth: layout.print.fitToWidth ? 1 : undefined,
      fitToHeight: layout.print.fitToWidth ? (layout.print.fitToHeight ? 1 : 0) : undefined,
      printArea: layout.print.printArea ? rangeAddress(layout.print.printArea) : undefined,
      showGridLines: false,
      horizontalCentered: false,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      printTitlesRow: layout.print.repeatRows ? `${layout.print.repeatRows.first + 1}:${layout.print.repeatRows.last + 1}` : undefined,
    } as Partial<ExcelJS.PageSetup>;
    const classification = options.classification ? `&C&"-,Bold"${headerFooterText(options.classification, 60)}` : "";
    ws.headerFooter = {
      oddHeader: classification || undefined,
      oddFooter: `&L&8${footerTitle}&C&8${headerFooterText(sheetName, 40)}&R&8Page &P of &N`,
    } as Partial<ExcelJS.HeaderFooter>;

    if (options.protect ?? true) {
      await ws.protect(options.password ?? "", {
        selectLockedCells: true,
        selectUnlockedCells: true,
        formatColumns: true,
        formatRows: true,
      });
    }
  }

  // ExcelJS stores the parts uncompressed; the package is compressed once, after post-processing.
  const raw = await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } } as Partial<ExcelJS.XlsxWriteOptions>);
  const zip = await JSZip.loadAsync(raw as ArrayBuffer);
  await postProcess(zip, linksBySheet);
  const placed: PlacedChart[] = (options.charts ?? []).map((c) => {
    const sheetName = resolveSheet(c.sheet);
    const cells = cellMaps[names.indexOf(sheetName)];
    return {
      sheetName,
      spec: c.chart,
      valueAt: (row, col) => {
        const cell = cells.get(`${row},${col}`);
        if (!cell) return null;
        return cell.formula !== undefined ? cell.result : cell.value;
      },
    };
  });
  await addChartsToPackage(zip, placed);
  await addOrgChartsToPackage(
    zip,
    (options.orgCharts ?? []).map((o) => ({ sheetName: resolveSheet(o.sheet), drawing: o.drawing })),
  );
  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
  return { bytes, sheetNames: names };
}

/**
 * Render layouts into .xlsx bytes. See {@link renderLayoutsToWorkbook} for the final sheet names.
 */
export async function renderLayoutsToXlsx(layouts: readonly SheetLayout[], options: RenderOptions = {}): Promise<Uint8Array> {
  return (await renderLayoutsToWorkbook(layouts, options)).bytes;
}

type ValidationTarget = { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } };

/** Write one layout validation rule over its range. */
function addValidation(ws: ExcelJS.Worksheet, v: LayoutValidation): void {
  const address = rangeAddress(v.range);
  const common = {
    allowBlank: v.allowBlank,
    showErrorMessage: true,
    errorStyle: v.errorStyle,
    errorTitle: v.errorTitle.slice(0, 32),
    error: v.errorMessage.slice(0, 255),
    ...(v.inputMessage ? { showInputMessage: true, promptTitle: (v.inputTitle ?? "").slice(0, 32), prompt: v.inputMessage.slice(0, 255) } : {}),
  };
  let rule: ExcelJS.DataValidation;
  switch (v.kind) {
    case "list": {
      // An in-cell list is one quoted string of comma-separated values; quotes inside are doubled.
      const joined = v.source.map((x) => x.replace(/,/g, " ")).join(",").replace(/"/g, '""');
      rule = { type: "list", formulae: [`"${joined}"`], ...common };
      break;
    }
    case "listRange":
      assertNativeFormula(v.source, `${ws.name}!${address} validation`);
      rule = { type: "list", formulae: [v.source.replace(/^=/, "")], ...common };
      break;
    case "decimal":
    case "whole":
      rule = { type: v.kind, operator: "between", formulae: [v.min, v.max], ...common };
      break;
    case "date":
      // ExcelJS converts Date objects to serials; min/max arrive as serials already.
      rule = { type: "date", operator: "between", formulae: [excelSerialToDate(v.min), excelSerialToDate(v.max)], ...common };
      break;
  }
  (ws as unknown as ValidationTarget).dataValidations.add(address, rule);
}

function validTableName(wanted: string, taken: Set<string>): string {
  let base = wanted.replace(/[^A-Za-z0-9_.]/g, "_");
  if (!/^[A-Za-z_]/.test(base)) base = `T_${base}`;
  if (/^[A-Za-z]{1,3}\d+$/.test(base) || /^[RrCc]$/.test(base)) base = `${base}_`;
  base = base.slice(0, 250);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function addTable(
  ws: ExcelJS.Worksheet,
  wantedName: string,
  range: RangeRef,
  cells: Map<string, LayoutCell>,
  taken: Set<string>,
  sheetName: string,
): void {
  const used = new Set<string>();
  const columns = [];
  for (let c = 0; c < range.colCount; c++) {
    const h = cells.get(`${range.row},${range.col + c}`);
    let name = (h ? displayText(h) : "").trim() || `Column${c + 1}`;
    const base = name;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base} ${k}`;
    used.add(name.toLowerCase());
    columns.push({ name, filterButton: false });
  }
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = 1; r < range.rowCount; r++) {
    const row: ExcelJS.CellValue[] = [];
    for (let c = 0; c < range.colCount; c++) {
      const cell = cells.get(`${range.row + r},${range.col + c}`);
      row.push(cell ? cellValue(cell, `${sheetName}!${cellAddress(range.row + r, range.col + c)}`) : null);
    }
    rows.push(row);
  }
  ws.addTable({
    name: validTableName(wantedName, taken),
    ref: cellAddress(range.row, range.col),
    headerRow: true,
    totalsRow: false,
    // No table style: the layout's own fills and borders are what shows and prints (a built-in table style
    // would recolour header text and band rows). ExcelJS writes no style name when the theme is null.
    style: { theme: null as unknown as undefined, showRowStripes: false, showColumnStripes: false, showFirstColumn: false, showLastColumn: false },
    columns,
    rows: rows.length > 0 ? rows : [columns.map(() => null)],
  });
}

async function postProcess(zip: JSZip, linksBySheet: SheetLinks[]): Promise<void> {
  // Literal "_xHHHH_" in text must not be read back as an escaped character.
  const sst = await readText(zip, "xl/sharedStrings.xml");
  if (sst !== null && /_x[0-9A-Fa-f]{4}_/.test(sst)) {
    zip.file("xl/sharedStrings.xml", sst.replace(/<t(\s[^>]*)?>([^<]*)<\/t>/g, (_m, attrs: string | undefined, text: string) => `<t${attrs ?? ""}>${escapeOoxmlCharRefs(text)}</t>`));
  }
  const parts = await listSheetParts(zip);
  for (const { sheetName, links } of linksBySheet) {
    if (links.length === 0) continue;
    const part = parts.find((p) => p.name === sheetName);
    if (!part) continue;
    const xml = (await readText(zip, part.path)) ?? "";
    // Internal links only: a location in this workbook, no relationship, nothing that looks external.
    const el = `<hyperlinks>${links
      .map((l) => `<hyperlink ref="${l.ref}" location="${escapeXml(l.location)}" display="${escapeXml(l.display.slice(0, 255))}"/>`)
      .join("")}</hyperlinks>`;
    zip.file(part.path, insertWorksheetElement(xml, "hyperlinks", el));
  }
}
