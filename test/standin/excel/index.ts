/**
 * An in-memory stand-in for the part of the Excel JavaScript API the add-in uses, for unit tests (Node) and the
 * browser preview page. Honest about Office's rules:
 * - reading a property before `load()` + `context.sync()` throws PropertyNotLoaded;
 * - writes and loads are queued and happen at `sync()`, in order; values read reflect the state at that sync;
 * - text written to cells follows Excel's entry rules ("=..." becomes a formula unless the cell is Text-formatted
 *   or the string starts with an apostrophe);
 * - formulas are calculated by HyperFormula (GPL-3.0: dev-only, never in a production bundle);
 * - every sync is counted and its request and response measured (JSON bytes); a payload over the limit
 *   (5,000,000 bytes by default, Excel on the web's) is refused with RequestPayloadSizeLimitExceeded /
 *   ResponsePayloadSizeLimitExceeded, so chunking bugs fail tests.
 * No Node-only modules: it runs in the browser too.
 */
import { parseCellAddress, type RangeRef } from "../../../src/core/a1";
import { localAddress, parseArea } from "./address";
import { StandInOfficeError } from "./errors";
import {
  DEFAULT_FORMAT,
  WorkbookModel,
  cellKey,
  registerPlugins,
  type CellFormat,
  type FunctionPluginRegistration,
  type PageLayoutState,
  type Scalar,
  type SheetModel,
  type Visibility,
} from "./model";
import { HyperFormula } from "hyperformula";
import { registerBudgetFunctions, type FunctionsJson } from "../budgetFunctionsPlugin";
import { StandInRequestContext, bindSheetModel, effectiveEdge, type Host, type StandInStats } from "./proxies";

export { StandInOfficeError } from "./errors";
export type { StandInStats } from "./proxies";
export type { FunctionPluginRegistration } from "./model";

/** Excel on the web's payload limit for one request or response. */
export const DEFAULT_PAYLOAD_LIMIT_BYTES = 5_000_000;

/** A seeded cell: a constant, or a string starting with "=" for a formula (as typed into Excel). */
export type SeedCell = string | number | boolean | null;

export interface ExcelStandInOptions {
  /** Sheets in order, each as rows of cells typed as a person would ("=SUM(B2:B4)" is a formula). */
  sheets?: Record<string, SeedCell[][]>;
  /** The active sheet (default the first). */
  activeSheet?: string;
  /** The selected range on the active sheet, e.g. "B2:C5" (default A1). */
  selection?: string;
  /** Bytes allowed in one request or response (default 5,000,000). */
  payloadLimitBytes?: number;
  /** Milliseconds each sync waits (default 0): lets the preview feel like Excel on the web. */
  latencyMs?: number;
  /** HyperFormula function plugins to register. */
  functionPlugins?: FunctionPluginRegistration[];
  /**
   * The add-in's functions.json metadata: registers every BUDGET.* custom function (test/standin/budgetFunctionsPlugin.ts)
   * so formulas such as =BUDGET.GRADECOST("KR17",1) calculate in the stand-in as they do in Excel with the add-in.
   */
  budgetFunctions?: FunctionsJson;
}

/** What a cell looks like, in plain terms, for assertions. */
export interface CellFormatSnapshot {
  numberFormat: string;
  /** Fill colour, or null for no fill. */
  fill: string | null;
  fillPattern: string;
  bold: boolean;
  italic: boolean;
  underline: string;
  fontColor: string;
  fontSize: number;
  wrapText: boolean;
  horizontalAlignment: string;
  verticalAlignment: string;
  borders: { top: string; bottom: string; left: string; right: string };
  /** True when the text was entered with a leading apostrophe. */
  quotePrefix: boolean;
}

export interface SheetInfoSnapshot {
  name: string;
  visibility: Visibility;
  freezeRows: number;
  freezeColumns: number;
  showGridlines: boolean;
  tabColor: string;
  protected: boolean;
  pageLayout: PageLayoutState;
  /** Column widths in points for columns that were set. */
  columnWidths: Record<number, number>;
  merges: string[];
}

export interface TableSnapshot {
  name: string;
  sheet: string;
  address: string;
  style: string;
}

/** The Excel namespace the stand-in provides (installed as globalThis.Excel). */
export interface StandInExcelNamespace {
  run<T>(batch: (context: StandInRequestContext) => Promise<T>): Promise<T>;
  run<T>(options: unknown, batch: (context: StandInRequestContext) => Promise<T>): Promise<T>;
  RequestContext: new () => StandInRequestContext;
  createWorkbook(base64?: string): Promise<void>;
  SheetVisibility: { visible: "Visible"; hidden: "Hidden"; veryHidden: "VeryHidden" };
  BorderIndex: Record<string, string>;
  BorderLineStyle: Record<string, string>;
  BorderWeight: Record<string, string>;
  HorizontalAlignment: Record<string, string>;
  VerticalAlignment: Record<string, string>;
  PageOrientation: { portrait: "Portrait"; landscape: "Landscape" };
  ClearApplyTo: Record<string, string>;
  RangeValueType: Record<string, string>;
  ErrorCodes: Record<string, string>;
}

export interface ExcelStandIn {
  Excel: StandInExcelNamespace;
  /** Syncs and payload sizes since creation or the last resetStats(). */
  readonly stats: StandInStats;
  resetStats(): void;
  /** Bytes allowed per request or response; change it at any time. */
  payloadLimitBytes: number;
  /** Set globalThis.Excel to this stand-in (returns a function that puts back what was there). */
  install(): () => void;
  /** Calculated values as Excel's `values` reports them ("" for empty cells). */
  getValues(sheet: string, address: string): Scalar[][];
  /** Formulas as Excel's `formulas` reports them (constants for non-formula cells). */
  getFormulas(sheet: string, address: string): Scalar[][];
  getNumberFormats(sheet: string, address: string): string[][];
  getFormat(sheet: string, cell: string): CellFormatSnapshot;
  getHyperlink(sheet: string, cell: string): { documentReference?: string; address?: string; textToDisplay?: string } | null;
  getDataValidation(sheet: string, cell: string): Record<string, unknown> | null;
  /** Sheet names in tab order, hidden ones included. */
  sheetNames(): string[];
  sheetInfo(sheet: string): SheetInfoSnapshot;
  tables(): TableSnapshot[];
  /** The active sheet's name and the selected address ("B2" or "B2:C4"). */
  selection(): { sheet: string; address: string };
  /** Base64 strings passed to Excel.createWorkbook. */
  createdWorkbooks(): string[];
  /** Write cells directly (no sync, no stats), with Excel's entry rules: for seeding tests. */
  setCells(sheet: string, topLeft: string, rows: SeedCell[][]): void;
  /** Set formatting directly (no sync, no stats): for seeding a user's own formatting in tests. */
  setFormat(sheet: string, address: string, format: Partial<CellFormat>): void;
  /** Add a sheet directly (no sync). */
  addSheet(name: string, rows?: SeedCell[][]): void;
  /** Choose whether Excel.createWorkbook exists (Excel before ExcelApi 1.8 lacks it). */
  setCreateWorkbookSupported(supported: boolean): void;
}

const SHEET_VISIBILITY = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;
const enumOf = (names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n.charAt(0).toLowerCase() + n.slice(1), n]));

/** Create a workbook stand-in seeded with sheets. */
export function createExcelStandIn(options: ExcelStandInOptions = {}): ExcelStandIn {
  if (options.functionPlugins) registerPlugins(options.functionPlugins);
  if (options.budgetFunctions) registerBudgetFunctions(HyperFormula, options.budgetFunctions);
  const model = new WorkbookModel();
  const stats: StandInStats = { syncs: 0, requests: [], responses: [], maxRequestBytes: 0, maxResponseBytes: 0, rejected: 0, runs: 0 };
  const host: Host = { model, stats, payloadLimitBytes: options.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT_BYTES, latencyMs: options.latencyMs ?? 0 };
  let createWorkbookSupported = true;

  const seed = (sheet: SheetModel, top: { row: number; col: number }, rows: SeedCell[][]): void => {
    bindSheetModel(sheet, model);
    model.engine.hold = true; // build the formula engine once, after seeding, if any formula was seeded
    try {
      rows.forEach((row, i) => row.forEach((v, j) => model.enter(sheet, top.row + i, top.col + j, v === null ? undefined : v)));
    } finally {
      model.engine.hold = false;
    }
    if (!model.engine.active && model.sheets.some((s) => [...s.cells.values()].some((c) => c.f !== undefined))) model.engine.ensure();
    model.engine.settle();
  };

  const entries = Object.entries(options.sheets ?? { Sheet1: [] });
  for (const [name, rows] of entries) seed(model.addSheet(name), { row: 0, col: 0 }, rows);
  const active = options.activeSheet ? model.requireSheet(options.activeSheet) : model.sheets[0];
  model.activeSheetId = active.id;
  model.selection = { sheetId: active.id, rect: options.selection ? parseArea(options.selection).rect : { row: 0, col: 0, rowCount: 1, colCount: 1 } };

  const sheetOf = (name: string): SheetModel => {
    const s = model.requireSheet(name);
    bindSheetModel(s, model);
    return s;
  };
  const rectOf = (address: string): RangeRef => parseArea(address).rect;
  const gridOf = <T,>(sheet: string, address: string, fn: (s: SheetModel, r: number, c: number) => T): T[][] => {
    const s = sheetOf(sheet);
    const rect = rectOf(address);
    const out: T[][] = [];
    for (let r = rect.row; r < rect.row + rect.rowCount; r++) {
      const row: T[] = [];
      for (let c = rect.col; c < rect.col + rect.colCount; c++) row.push(fn(s, r, c));
      out.push(row);
    }
    return out;
  };

  async function run<T>(a: unknown, b?: unknown): Promise<T> {
    const batch = (typeof a === "function" ? a : b) as (ctx: StandInRequestContext) => Promise<T>;
    if (typeof batch !== "function") throw new StandInOfficeError("InvalidArgument", "Excel.run needs a batch function.");
    stats.runs++;
    const ctx = new StandInRequestContext(host);
    try {
      const result = await batch(ctx);
      if (ctx.pending > 0) await ctx.sync();
      return result;
    } finally {
      ctx.close();
    }
  }

  const Excel: StandInExcelNamespace = {
    run: run as StandInExcelNamespace["run"],
    RequestContext: class extends StandInRequestContext {
      constructor() {
        super(host);
      }
    },
    async createWorkbook(base64?: string): Promise<void> {
      if (!createWorkbookSupported) throw new StandInOfficeError("NotImplemented", "createWorkbook is not supported here.");
      model.createdWorkbooks.push(base64 ?? "");
    },
    SheetVisibility: SHEET_VISIBILITY,
    BorderIndex: enumOf(["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"]),
    BorderLineStyle: enumOf(["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"]),
    BorderWeight: enumOf(["Hairline", "Thin", "Medium", "Thick"]),
    HorizontalAlignment: enumOf(["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"]),
    VerticalAlignment: enumOf(["Top", "Center", "Bottom", "Justify", "Distributed"]),
    PageOrientation: { portrait: "Portrait", landscape: "Landscape" },
    ClearApplyTo: enumOf(["All", "Formats", "Contents", "Hyperlinks", "RemoveHyperlinks"]),
    RangeValueType: enumOf(["Unknown", "Empty", "String", "Integer", "Double", "Boolean", "Error", "RichValue"]),
    ErrorCodes: enumOf(["AccessDenied", "InvalidArgument", "InvalidOperation", "ItemNotFound", "ItemAlreadyExists", "PropertyNotLoaded", "RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded", "NotImplemented"]),
  };

  const createWorkbook = Excel.createWorkbook;
  const standIn: ExcelStandIn = {
    Excel,
    stats,
    resetStats() {
      stats.syncs = 0;
      stats.requests = [];
      stats.responses = [];
      stats.maxRequestBytes = 0;
      stats.maxResponseBytes = 0;
      stats.rejected = 0;
      stats.runs = 0;
    },
    get payloadLimitBytes() {
      return host.payloadLimitBytes;
    },
    set payloadLimitBytes(v: number) {
      host.payloadLimitBytes = v;
    },
    install() {
      const g = globalThis as unknown as { Excel?: unknown };
      const before = g.Excel;
      g.Excel = Excel;
      return () => {
        g.Excel = before;
      };
    },
    getValues: (sheet, address) => gridOf(sheet, address, (s, r, c) => model.value(s, r, c)),
    getFormulas: (sheet, address) => gridOf(sheet, address, (s, r, c) => model.formula(s, r, c)),
    getNumberFormats: (sheet, address) => gridOf(sheet, address, (s, r, c) => s.numberFormat(r, c)),
    getFormat(sheet, cell) {
      const s = sheetOf(sheet);
      const { row, col } = parseCellAddress(cell);
      const f = s.format(row, col) ?? {};
      const filled = f.fillPattern !== undefined && f.fillPattern !== "None";
      return {
        numberFormat: f.numberFormat ?? DEFAULT_FORMAT.numberFormat,
        fill: filled ? (f.fillColor ?? null) : null,
        fillPattern: f.fillPattern ?? "None",
        bold: f.bold ?? false,
        italic: f.italic ?? false,
        underline: f.underline ?? "None",
        fontColor: f.fontColor ?? DEFAULT_FORMAT.fontColor,
        fontSize: f.fontSize ?? DEFAULT_FORMAT.fontSize,
        wrapText: f.wrapText ?? false,
        horizontalAlignment: f.horizontalAlignment ?? "General",
        verticalAlignment: f.verticalAlignment ?? "Bottom",
        // As drawn: a cell's edge is its own or its neighbour's facing edge, as in Excel.
        borders: {
          top: effectiveEdge(s, row, col, "top")?.style ?? "None",
          bottom: effectiveEdge(s, row, col, "bottom")?.style ?? "None",
          left: effectiveEdge(s, row, col, "left")?.style ?? "None",
          right: effectiveEdge(s, row, col, "right")?.style ?? "None",
        },
        quotePrefix: s.cells.get(cellKey(row, col))?.q ?? false,
      };
    },
    getHyperlink(sheet, cell) {
      const { row, col } = parseCellAddress(cell);
      return sheetOf(sheet).hyperlinks.get(cellKey(row, col)) ?? null;
    },
    getDataValidation(sheet, cell) {
      const { row, col } = parseCellAddress(cell);
      return sheetOf(sheet).validations.get(cellKey(row, col))?.rule ?? null;
    },
    sheetNames: () => model.sheets.map((s) => s.name),
    sheetInfo(sheet) {
      const s = sheetOf(sheet);
      return {
        name: s.name,
        visibility: s.visibility,
        freezeRows: s.freezeRows,
        freezeColumns: s.freezeColumns,
        showGridlines: s.showGridlines,
        tabColor: s.tabColor,
        protected: s.protected,
        pageLayout: structuredClone(s.pageLayout),
        columnWidths: Object.fromEntries(s.columnWidths),
        merges: s.merges.map((m) => localAddress(m)),
      };
    },
    tables: () =>
      model.tables.map((t) => ({ name: t.name, sheet: model.sheetById(t.sheetId)?.name ?? "", address: localAddress(t.rect), style: t.style })),
    selection() {
      const s = model.activeSheet();
      const sel = model.selection && model.selection.sheetId === s.id ? model.selection.rect : { row: 0, col: 0, rowCount: 1, colCount: 1 };
      return { sheet: s.name, address: localAddress(sel) };
    },
    createdWorkbooks: () => [...model.createdWorkbooks],
    setCells(sheet, topLeft, rows) {
      seed(sheetOf(sheet), parseCellAddress(topLeft), rows);
    },
    setFormat(sheet, address, format) {
      const s = sheetOf(sheet);
      const rect = rectOf(address);
      for (let r = rect.row; r < rect.row + rect.rowCount; r++) {
        for (let c = rect.col; c < rect.col + rect.colCount; c++) {
          const f = s.formatForWrite(r, c);
          Object.assign(f, format);
          if (format.fillColor !== undefined && format.fillPattern === undefined) f.fillPattern = "Solid";
        }
      }
    },
    addSheet(name, rows) {
      const s = model.addSheet(name);
      if (rows) seed(s, { row: 0, col: 0 }, rows);
    },
    setCreateWorkbookSupported(supported) {
      createWorkbookSupported = supported;
      const ns = Excel as Partial<StandInExcelNamespace>;
      if (!supported) delete ns.createWorkbook;
      else ns.createWorkbook = createWorkbook;
    },
  };
  return standIn;
}
