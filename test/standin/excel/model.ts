/**
 * The stand-in's workbook: sheets of sparse cells and formats, merges, tables, selection. Formulas are
 * calculated by HyperFormula (GPL-3.0, dev-only), built lazily the first time a formula appears so that large
 * constant-only sheets stay cheap.
 */
import { HyperFormula, DetailedCellError, type FunctionPluginDefinition } from "hyperformula";
import type { RangeRef } from "../../../src/core/a1";
import { MAX_COLS, MAX_ROWS, intersect } from "./address";
import { StandInOfficeError } from "./errors";

export type Scalar = string | number | boolean;

/** A stored cell: a constant (`v`), a formula (`f`), and whether the constant was entered with an apostrophe. */
export interface CellContent {
  v?: Scalar;
  f?: string;
  q?: boolean;
}

export interface BorderEdge {
  style: string;
  color: string;
  weight: string;
}

export interface CellFormat {
  numberFormat?: string;
  fillColor?: string;
  fillPattern?: string;
  patternColor?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: string;
  strikethrough?: boolean;
  fontColor?: string;
  fontSize?: number;
  fontName?: string;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  top?: BorderEdge;
  bottom?: BorderEdge;
  left?: BorderEdge;
  right?: BorderEdge;
}

/** What Excel reports for a cell nobody has formatted. */
export const DEFAULT_FORMAT = {
  numberFormat: "General",
  fillColor: "#FFFFFF",
  fillPattern: "None",
  patternColor: "#000000",
  bold: false,
  italic: false,
  underline: "None",
  strikethrough: false,
  fontColor: "#000000",
  fontSize: 11,
  fontName: "Calibri",
  wrapText: false,
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
} as const;

export const DEFAULT_COLUMN_WIDTH_POINTS = 48;
export const DEFAULT_ROW_HEIGHT_POINTS = 15;

export interface HyperlinkEntry {
  address?: string;
  documentReference?: string;
  textToDisplay?: string;
  screenTip?: string;
}

export interface ValidationEntry {
  rule: Record<string, unknown>;
  ignoreBlanks: boolean;
  prompt?: Record<string, unknown>;
  errorAlert?: Record<string, unknown>;
}

export interface PageLayoutState {
  orientation: string;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  printTitleRows: string | null;
  printTitleColumns: string | null;
  centerHorizontally: boolean;
  centerVertically: boolean;
  printGridlines: boolean;
  printHeadings: boolean;
  paperSize: string;
  headersFooters: Record<string, string>;
}

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export const cellKey = (row: number, col: number): number => row * MAX_COLS + col;
export const keyRow = (key: number): number => Math.floor(key / MAX_COLS);
export const keyCol = (key: number): number => key % MAX_COLS;

export class SheetModel {
  name: string;
  readonly id: string;
  visibility: Visibility = "Visible";
  readonly cells = new Map<number, CellContent>();
  readonly formats = new Map<number, CellFormat>();
  readonly hyperlinks = new Map<number, HyperlinkEntry>();
  readonly validations = new Map<number, ValidationEntry>();
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  merges: RangeRef[] = [];
  freezeRows = 0;
  freezeColumns = 0;
  showGridlines = true;
  tabColor = "";
  protected = false;
  protectionPassword: string | undefined;
  pageLayout: PageLayoutState = {
    orientation: "Portrait",
    zoom: { scale: 100 },
    printTitleRows: null,
    printTitleColumns: null,
    centerHorizontally: false,
    centerVertically: false,
    printGridlines: false,
    printHeadings: false,
    paperSize: "A4",
    headersFooters: {},
  };

  constructor(id: string, name: string) {
    this.id = id;
    this.name = name;
  }

  format(row: number, col: number): CellFormat | undefined {
    return this.formats.get(cellKey(row, col));
  }

  /** Format of a cell, created on demand, for writing. */
  formatForWrite(row: number, col: number): CellFormat {
    const key = cellKey(row, col);
    let f = this.formats.get(key);
    if (!f) {
      f = {};
      this.formats.set(key, f);
    }
    return f;
  }

  numberFormat(row: number, col: number): string {
    return this.format(row, col)?.numberFormat ?? DEFAULT_FORMAT.numberFormat;
  }

  /** Bounding box of cells with content (valuesOnly) or with content, formatting, links or merges. */
  usedRect(valuesOnly: boolean): RangeRef | null {
    let r1 = Infinity;
    let c1 = Infinity;
    let r2 = -1;
    let c2 = -1;
    const take = (key: number): void => {
      const r = keyRow(key);
      const c = keyCol(key);
      if (r < r1) r1 = r;
      if (r > r2) r2 = r;
      if (c < c1) c1 = c;
      if (c > c2) c2 = c;
    };
    for (const key of this.cells.keys()) take(key);
    if (!valuesOnly) {
      for (const [key, f] of this.formats) if (Object.keys(f).length > 0) take(key);
      for (const key of this.hyperlinks.keys()) take(key);
      for (const key of this.validations.keys()) take(key);
      for (const m of this.merges) {
        take(cellKey(m.row, m.col));
        take(cellKey(m.row + m.rowCount - 1, m.col + m.colCount - 1));
      }
    }
    if (r2 < 0) return null;
    return { row: r1, col: c1, rowCount: r2 - r1 + 1, colCount: c2 - c1 + 1 };
  }

  mergesIntersecting(rect: RangeRef): RangeRef[] {
    return this.merges.filter((m) => intersect(m, rect) !== null);
  }
}

export interface TableModel {
  id: string;
  name: string;
  sheetId: string;
  rect: RangeRef;
  style: string;
  showBandedRows: boolean;
  showHeaders: boolean;
  showTotals: boolean;
}

export interface FunctionPluginRegistration {
  plugin: FunctionPluginDefinition;
  translations?: Record<string, Record<string, string>>;
}

/** Excel's error texts for HyperFormula's. */
function excelError(e: DetailedCellError): Scalar {
  switch (e.value) {
    case "#ERROR!":
      return "#NAME?"; // HyperFormula could not parse it: Excel would not know the name either
    case "#CYCLE!":
      return 0; // Excel shows 0 and warns about the circular reference
    case "#LIC!":
      return "#VALUE!";
    default:
      return e.value;
  }
}

/** Formula calculation over the workbook's sheets, built on first use. */
export class FormulaEngine {
  private hf: HyperFormula | null = null;
  private suspended = false;
  /** While true and no engine exists yet, formulas do not build it (bulk seeding builds it once afterwards). */
  hold = false;
  private readonly workbook: WorkbookModel;

  constructor(workbook: WorkbookModel) {
    this.workbook = workbook;
  }

  get active(): boolean {
    return this.hf !== null;
  }

  private static hfContent(cell: CellContent | undefined): string | number | boolean | null {
    if (!cell) return null;
    if (cell.f !== undefined) return cell.f;
    if (typeof cell.v === "string") return `'${cell.v}`;
    return cell.v ?? null;
  }

  /** Build the engine from every sheet's current cells. */
  ensure(): HyperFormula {
    if (this.hf) return this.hf;
    const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", maxRows: MAX_ROWS, maxColumns: MAX_COLS, useArrayArithmetic: true });
    hf.suspendEvaluation();
    for (const sheet of this.workbook.sheets) {
      hf.addSheet(sheet.name);
      this.loadSheet(hf, sheet);
    }
    hf.resumeEvaluation();
    this.hf = hf;
    return hf;
  }

  private loadSheet(hf: HyperFormula, sheet: SheetModel): void {
    const id = hf.getSheetId(sheet.name);
    if (id === undefined) return;
    const used = sheet.usedRect(true);
    if (!used) return;
    const rows = used.row + used.rowCount;
    const cols = used.col + used.colCount;
    const grid: (string | number | boolean | null)[][] = Array.from({ length: rows }, () => Array<string | number | boolean | null>(cols).fill(null));
    for (const [key, cell] of sheet.cells) grid[keyRow(key)][keyCol(key)] = FormulaEngine.hfContent(cell);
    hf.setSheetContent(id, grid);
  }

  private writable(): HyperFormula | null {
    if (!this.hf) return null;
    if (!this.suspended) {
      this.hf.suspendEvaluation();
      this.suspended = true;
    }
    return this.hf;
  }

  /** Recalculate after a batch of writes. */
  settle(): void {
    if (this.hf && this.suspended) {
      this.hf.resumeEvaluation();
      this.suspended = false;
    }
  }

  setCell(sheet: SheetModel, row: number, col: number, cell: CellContent | undefined): void {
    if (!this.hf && this.hold) return;
    if (!this.hf && cell?.f !== undefined) {
      this.ensure(); // the model already holds the new cell: building reads it
      return;
    }
    const hf = this.writable();
    if (!hf) return;
    const id = hf.getSheetId(sheet.name);
    if (id === undefined) return;
    hf.setCellContents({ sheet: id, row, col }, [[FormulaEngine.hfContent(cell)]]);
  }

  addSheet(sheet: SheetModel): void {
    const hf = this.writable();
    if (hf) hf.addSheet(sheet.name);
  }

  removeSheet(name: string): void {
    const hf = this.writable();
    if (!hf) return;
    const id = hf.getSheetId(name);
    if (id !== undefined) hf.removeSheet(id);
  }

  renameSheet(oldName: string, newName: string): void {
    const hf = this.writable();
    if (!hf) return;
    const id = hf.getSheetId(oldName);
    if (id !== undefined) hf.renameSheet(id, newName);
  }

  /** Move the block [row..lastRow] x [col..col+colCount) down one row, updating references as Excel does. */
  moveDown(sheet: SheetModel, row: number, col: number, colCount: number, lastRow: number): boolean {
    if (!this.hf) return false;
    this.settle();
    const id = this.hf.getSheetId(sheet.name);
    if (id === undefined) return false;
    this.hf.moveCells({ start: { sheet: id, row, col }, end: { sheet: id, row: lastRow, col: col + colCount - 1 } }, { sheet: id, row: row + 1, col });
    return true;
  }

  /** A formula's text as the engine holds it now (after references moved). */
  formulaText(sheet: SheetModel, row: number, col: number): string | undefined {
    if (!this.hf) return undefined;
    const id = this.hf.getSheetId(sheet.name);
    return id === undefined ? undefined : this.hf.getCellFormula({ sheet: id, row, col });
  }

  /** The calculated value of a formula cell. */
  value(sheet: SheetModel, row: number, col: number): Scalar {
    const hf = this.ensure();
    this.settle();
    const id = hf.getSheetId(sheet.name);
    if (id === undefined) return "#REF!";
    const v = hf.getCellValue({ sheet: id, row, col });
    if (v instanceof DetailedCellError) return excelError(v);
    if (v === null || v === undefined) return 0; // a formula pointing at an empty cell shows 0 in Excel
    if (typeof v === "number") return Object.is(v, -0) ? 0 : v;
    return v;
  }
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  activeSheetId = "";
  selection: { sheetId: string; rect: RangeRef } | null = null;
  /** Base64 workbooks passed to Excel.createWorkbook. */
  readonly createdWorkbooks: string[] = [];
  readonly engine: FormulaEngine;
  private nextId = 1;

  constructor() {
    this.engine = new FormulaEngine(this);
  }

  newId(prefix: string): string {
    return `{${prefix}-${this.nextId++}}`;
  }

  sheetByName(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  requireSheet(name: string): SheetModel {
    const s = this.sheetByName(name);
    if (!s) throw new StandInOfficeError("ItemNotFound", `The requested resource doesn't exist. (worksheet '${name}')`);
    return s;
  }

  activeSheet(): SheetModel {
    const s = this.sheetById(this.activeSheetId) ?? this.sheets.find((x) => x.visibility === "Visible") ?? this.sheets[0];
    if (!s) throw new StandInOfficeError("ItemNotFound", "The workbook has no worksheets.");
    return s;
  }

  addSheet(name: string | undefined, index?: number): SheetModel {
    let finalName = name;
    if (finalName === undefined || finalName === "") {
      for (let i = this.sheets.length + 1; ; i++) {
        if (!this.sheetByName(`Sheet${i}`)) {
          finalName = `Sheet${i}`;
          break;
        }
      }
    }
    validateSheetName(finalName);
    if (this.sheetByName(finalName)) {
      throw new StandInOfficeError("ItemAlreadyExists", `A worksheet named '${finalName}' already exists.`);
    }
    const sheet = new SheetModel(this.newId("ws"), finalName);
    if (index === undefined || index >= this.sheets.length) this.sheets.push(sheet);
    else this.sheets.splice(Math.max(0, index), 0, sheet);
    this.engine.addSheet(sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    return sheet;
  }

  deleteSheet(sheet: SheetModel): void {
    const visible = this.sheets.filter((s) => s.visibility === "Visible");
    if (visible.length === 1 && visible[0] === sheet) {
      throw new StandInOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    }
    const i = this.sheets.indexOf(sheet);
    if (i < 0) return;
    this.sheets.splice(i, 1);
    for (let t = this.tables.length - 1; t >= 0; t--) if (this.tables[t].sheetId === sheet.id) this.tables.splice(t, 1);
    this.engine.removeSheet(sheet.name);
    if (this.activeSheetId === sheet.id) {
      const next = this.sheets.slice(Math.max(0, i - 1)).find((s) => s.visibility === "Visible") ?? this.sheets.find((s) => s.visibility === "Visible");
      this.activeSheetId = next?.id ?? "";
    }
    if (this.selection?.sheetId === sheet.id) this.selection = null;
  }

  renameSheet(sheet: SheetModel, newName: string): void {
    validateSheetName(newName);
    const clash = this.sheetByName(newName);
    if (clash && clash !== sheet) throw new StandInOfficeError("ItemAlreadyExists", `A worksheet named '${newName}' already exists.`);
    const old = sheet.name;
    sheet.name = newName;
    this.engine.renameSheet(old, newName);
  }

  /** Store a cell (undefined clears it) and keep the formula engine in step. */
  setCell(sheet: SheetModel, row: number, col: number, cell: CellContent | undefined): void {
    const key = cellKey(row, col);
    if (cell === undefined) {
      if (!sheet.cells.has(key)) return;
      sheet.cells.delete(key);
    } else sheet.cells.set(key, cell);
    this.engine.setCell(sheet, row, col, cell);
  }

  /** The calculated value Excel reports in `values`: "" for an empty cell. */
  value(sheet: SheetModel, row: number, col: number): Scalar {
    const cell = sheet.cells.get(cellKey(row, col));
    if (!cell) return "";
    if (cell.f !== undefined) return this.engine.value(sheet, row, col);
    return cell.v ?? "";
  }

  /** What Excel reports in `formulas`: the formula, else the constant (without any apostrophe), else "". */
  formula(sheet: SheetModel, row: number, col: number): Scalar {
    const cell = sheet.cells.get(cellKey(row, col));
    if (!cell) return "";
    return cell.f ?? cell.v ?? "";
  }

  /** Apply Excel's entry rules to a value written through `values` or `formulas`. */
  enter(sheet: SheetModel, row: number, col: number, input: unknown): void {
    if (input === null || input === undefined) return; // null leaves the cell as it is, as in Office
    if (typeof input === "number") {
      if (!Number.isFinite(input)) throw new StandInOfficeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format. (not a finite number)");
      this.setCell(sheet, row, col, { v: Object.is(input, -0) ? 0 : input });
      return;
    }
    if (typeof input === "boolean") {
      this.setCell(sheet, row, col, { v: input });
      return;
    }
    if (typeof input !== "string") {
      throw new StandInOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (${typeof input} in a cell)`);
    }
    if (input.length > 32767) throw new StandInOfficeError("InvalidArgument", "Text values are limited to 32,767 characters.");
    if (input === "") {
      this.setCell(sheet, row, col, undefined);
      return;
    }
    const parsed = parseEntry(input, sheet.numberFormat(row, col) === "@");
    if (parsed.numberFormat && sheet.numberFormat(row, col) === "General") sheet.formatForWrite(row, col).numberFormat = parsed.numberFormat;
    this.setCell(sheet, row, col, parsed.cell);
  }

  /**
   * Insert one row of cells at `row` in columns [col, col+colCount): everything at or below moves down one row
   * (contents, formats, links, validation, merges), and formulas anywhere that point at moved cells follow them.
   */
  insertCellsShiftDown(sheet: SheetModel, row: number, col: number, colCount: number): void {
    const inBlock = (key: number): boolean => keyRow(key) >= row && keyCol(key) >= col && keyCol(key) < col + colCount;
    let lastRow = row - 1;
    const shift = <V>(map: Map<number, V>): void => {
      const moved = [...map].filter(([k]) => inBlock(k));
      for (const [k] of moved) map.delete(k);
      for (const [k, v] of moved) {
        if (keyRow(k) + 1 >= MAX_ROWS) throw new StandInOfficeError("InvalidOperation", "Cells can't be shifted off the end of the sheet.");
        lastRow = Math.max(lastRow, keyRow(k));
        map.set(k + MAX_COLS, v);
      }
    };
    shift(sheet.cells);
    shift(sheet.formats);
    shift(sheet.hyperlinks);
    shift(sheet.validations);
    sheet.merges = sheet.merges.map((m) => (m.row >= row && m.col >= col && m.col + m.colCount <= col + colCount ? { ...m, row: m.row + 1 } : m));
    if (lastRow >= row && this.engine.moveDown(sheet, row, col, colCount, lastRow)) {
      for (const s of this.sheets) {
        for (const [k, cell] of s.cells) {
          if (cell.f === undefined) continue;
          const text = this.engine.formulaText(s, keyRow(k), keyCol(k));
          if (text) cell.f = text;
        }
      }
    }
  }

  /** Cells in `rect` that are not the top-left cell of a merge they belong to. */
  isHiddenByMerge(sheet: SheetModel, row: number, col: number): boolean {
    return sheet.merges.some((m) => row >= m.row && row < m.row + m.rowCount && col >= m.col && col < m.col + m.colCount && (row !== m.row || col !== m.col));
  }
}

export function validateSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history") {
    throw new StandInOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (sheet name '${name}')`);
  }
}

const NUMBER_ENTRY = /^([-+])?\s*\(?\s*([£$€])?\s*(\d{1,3}(?:,\d{3})+|\d*)(\.\d+)?\s*(%)?\s*\)?$/;

/**
 * Excel's rules for a string typed or written into a cell:
 * - in a Text ("@") cell, the string is stored as text as it is;
 * - a leading apostrophe stores the rest as text (the apostrophe is not part of the value);
 * - a string starting with "=", "+", "-" or "@" that is not a number is a formula;
 * - numbers ("1,234", "-5", "12%", "£5", "(100)", "1e3"), TRUE/FALSE and dd/mm/yyyy dates become numbers, booleans
 *   and date serials.
 */
export function parseEntry(input: string, textFormat: boolean): { cell: CellContent; numberFormat?: string } {
  if (input.startsWith("'")) return { cell: { v: input.slice(1), q: true } };
  if (textFormat) return { cell: { v: input } };
  const t = input.trim();
  const num = NUMBER_ENTRY.exec(t);
  if (num && (num[3] !== "" || num[4] !== undefined)) {
    const paren = t.includes("(") && t.includes(")");
    if (!(t.includes("(") || t.includes(")")) || paren) {
      let n = Number((num[3].replace(/,/g, "") || "0") + (num[4] ?? ""));
      if (num[1] === "-" || paren) n = -n;
      if (num[5]) return { cell: { v: n / 100 }, numberFormat: num[4] ? "0.00%" : "0%" };
      if (num[2]) return { cell: { v: n }, numberFormat: `${num[2]}#,##0${num[4] ? ".00" : ""}` };
      return { cell: { v: n } };
    }
  }
  if (/^[-+]?\d+(\.\d+)?e[-+]?\d+$/i.test(t)) return { cell: { v: Number(t) } };
  if (/^(true|false)$/i.test(t)) return { cell: { v: t.toLowerCase() === "true" } };
  const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (date) {
    const d = Number(date[1]);
    const m = Number(date[2]);
    const y = Number(date[3]);
    const utc = Date.UTC(y, m - 1, d);
    const check = new Date(utc);
    if (check.getUTCDate() === d && check.getUTCMonth() === m - 1 && y >= 1900) {
      return { cell: { v: Math.round(utc / 86_400_000) + 25569 }, numberFormat: "dd/mm/yyyy" };
    }
  }
  if (input.length > 1 && (input.startsWith("=") || input.startsWith("+") || input.startsWith("-") || input.startsWith("@"))) {
    return { cell: { f: input.startsWith("=") ? input : `=${input}` } };
  }
  return { cell: { v: input } };
}

export function registerPlugins(plugins: readonly FunctionPluginRegistration[]): void {
  for (const p of plugins) {
    try {
      HyperFormula.registerFunctionPlugin(p.plugin, p.translations);
    } catch (e) {
      // Registering the same plugin twice (several stand-ins in one test file) is harmless.
      if (!(e instanceof Error) || !/already|registered/i.test(e.message)) throw e;
    }
  }
}
