/**
 * The simulated Excel host: Office's own Excel client (`@microsoft/office-js`, loaded by ./client.ts) with a request
 * executor (./executor.ts) that answers every `context.sync()` from an in-memory workbook (./model.ts, formulas
 * calculated by HyperFormula: GPL-3.0, so dev-only, never in a production bundle). Proxies, load/sync rules,
 * PropertyNotLoaded, null objects and error objects are Office's; the workbook, the answers, the host profile
 * (./profiles.ts) and the documented limits and quirks (./quirks.ts) are ours.
 * Platform-neutral: Node tests use ./index.ts (vm), the browser preview ./browser.ts (Function).
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
import { RequestRun, emptyStats, utf8Bytes, type HostState, type RequestMessage, type ResponseMessage, type StandInStats } from "./executor";
import { bindSheetModel, effectiveEdge } from "./objects";
import { apiSetTable, instantiateClient, type ClientEvaluator, type OfficeClient } from "./client";
import { HOST_PROFILES, type HostProfile, type HostProfileName } from "./profiles";
import { defaultQuirks, type HostQuirks } from "./quirks";

export { StandInOfficeError } from "./errors";
export type { StandInStats } from "./executor";
export type { FunctionPluginRegistration } from "./model";
export { HOST_PROFILES, PROFILE_NAMES, type HostProfile, type HostProfileName } from "./profiles";
export type { HostQuirks } from "./quirks";

/** Where the client's code comes from: the extracted namespaces, Office's strings and an evaluator. */
export interface ClientSource {
  code: string;
  strings: Record<string, string>;
  evaluate: ClientEvaluator;
}


/** A seeded cell: a constant, or a string starting with "=" for a formula (as typed into Excel). */
export type SeedCell = string | number | boolean | null;

export interface ExcelStandInOptions {
  /** Sheets in order, each as rows of cells typed as a person would ("=SUM(B2:B4)" is a formula). */
  sheets?: Record<string, SeedCell[][]>;
  /** The active sheet (default the first). */
  activeSheet?: string;
  /** The selected range on the active sheet, e.g. "B2:C5" (default A1); "B2:B4,D2:D4" selects two areas. */
  selection?: string;
  /** Defined names of the workbook (workbook scope), e.g. ["PostList"]. */
  names?: string[];
  /** Host profile (default "web": Excel on the web, with its 5 MB payload limit). */
  profile?: HostProfileName | HostProfile;
  /** Bytes allowed in one request or response (default: the profile's; null for no limit). */
  payloadLimitBytes?: number | null;
  /** Limits and quirks to switch from their defaults (./quirks.ts). */
  quirks?: Partial<HostQuirks>;
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

export interface ExcelStandIn {
  /** Office's own Excel namespace, talking to this host. */
  Excel: typeof Excel;
  /** Office's own OfficeExtension namespace (error classes, ClientRequestContext). */
  OfficeExtension: typeof OfficeExtension;
  /** The `Office` global this host answers for (`context.requirements.isSetSupported`, `context.platform`). */
  Office: OfficeClient["Office"];
  readonly profile: HostProfile;
  /** Limits and quirks, switchable at any time. */
  quirks: HostQuirks;
  /** Each request body and response as they crossed the wire (only while `recordTraffic` is true). */
  traffic: { request: RequestMessage["Body"]; response: ResponseMessage }[];
  recordTraffic: boolean;
  /**
   * Simulate saving, closing and reopening the workbook: sheets get ids by their place, tables new ids (Worksheet.id is
   * stable only across rename and move: @types/office-js JSDoc; "constant within a single session but will change
   * between sessions": OfficeDev/office-js-docs#297; OfficeDev/office-js#1390), references are released.
   */
  reopen(): void;
  /** Syncs and payload sizes since creation or the last resetStats(). */
  readonly stats: StandInStats;
  resetStats(): void;
  /** Bytes allowed per request or response (null: none); change it at any time. */
  payloadLimitBytes: number | null;
  /** Milliseconds each sync waits; change it at any time. */
  latencyMs: number;
  /** Set globalThis.Excel (and Office) to this host's (returns a function that puts back what was there). */
  install(): () => void;
  /** Calculated values as Excel's `values` reports them ("" for empty cells). */
  getValues(sheet: string, address: string): Scalar[][];
  /** Formulas as Excel's `formulas` reports them (constants for non-formula cells). */
  getFormulas(sheet: string, address: string): Scalar[][];
  getNumberFormats(sheet: string, address: string): string[][];
  /** Rows and columns from A1 that formulas' results reach, spilled results included (for drawing the sheet). */
  calculatedExtent(sheet: string): { rows: number; cols: number };
  /** The message behind each error value (what Excel shows when the error's cell is selected), null elsewhere. */
  getErrorMessages(sheet: string, address: string): (string | null)[][];
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
  /** The bytes `Office.context.document.getFileAsync(Compressed)` gives (default: a 4-byte zip header). */
  setWorkbookFile(bytes: Uint8Array): void;
  /** getFileAsync calls so far, and how many of the files they opened are still not closed. */
  readonly files: { opened: number; open: number };
}

/** Create a simulated Excel host seeded with sheets, behind a fresh copy of Office's client. */
export function createExcelHost(source: ClientSource, options: ExcelStandInOptions = {}): ExcelStandIn {
  if (options.functionPlugins) registerPlugins(options.functionPlugins);
  // Blank cells reach BUDGET.* functions as the chosen profile passes them (when a profile is named).
  if (options.budgetFunctions) registerBudgetFunctions(HyperFormula, options.budgetFunctions, undefined, options.profile === undefined ? undefined : (typeof options.profile === "object" ? options.profile : HOST_PROFILES[options.profile]).blankArguments);
  const model = new WorkbookModel();
  const stats: StandInStats = emptyStats();
  const profile = typeof options.profile === "object" ? options.profile : HOST_PROFILES[options.profile ?? "web"];
  const quirks: HostQuirks = { ...defaultQuirks(), ...options.quirks };
  const state: HostState = { model, quirks, profile, references: new Map(), nextReference: 1 };
  let payloadLimit = options.payloadLimitBytes === undefined ? profile.payloadLimitBytes : options.payloadLimitBytes;
  let latencyMs = options.latencyMs ?? 0;
  const traffic: ExcelStandIn["traffic"] = [];
  const client = instantiateClient(source.code, source.evaluate, { isSetSupported: (name, version) => profile.supports(name, version), strings: source.strings });
  const apiSets = apiSetTable(source.code);
  (client.Office.context as { platform?: string }).platform = profile.platform;
  // Office's common file API (not part of the Excel client above, so ours): Office.context.document.getFileAsync
  // with Office.FileType.Compressed gives the workbook as .xlsx bytes in slices (requirement sets File and
  // CompressedFile; Learn, "Office.Document.getFileAsync" and "Office.FileType": Compressed "returns the entire
  // document (.pptx, .docx, .xlsx, or .xlsm) in Office Open XML (OOXML) format as a byte array"). Only one file may be
  // open: Office answers "Call closeAsync on the current File before retrieving another" (office.js error string).
  // A host without CompressedFile fails the call (what it reports is undocumented).
  let workbookFile = Uint8Array.from([0x50, 0x4b, 0x03, 0x04]);
  const files = { opened: 0, open: 0 };
  type AsyncCallback = (result: { status: string; value?: unknown; error?: { code: number; message: string } }) => void;
  const failed = (callback: AsyncCallback, code: number, message: string): void => void setTimeout(() => callback({ status: "failed", error: { code, message } }), 0);
  const succeeded = (callback: AsyncCallback, value: unknown): void => void setTimeout(() => callback({ status: "succeeded", value }), 0);
  Object.assign(client.Office as object, {
    FileType: { Compressed: "compressed", Pdf: "pdf", Text: "text" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  });
  (client.Office.context as { document?: unknown }).document = {
    getFileAsync(fileType: string, options: { sliceSize?: number } | AsyncCallback, callback?: AsyncCallback): void {
      const cb = (typeof options === "function" ? options : callback) as AsyncCallback;
      const sliceSize = typeof options === "object" && options.sliceSize ? options.sliceSize : 4 * 1024 * 1024;
      if (fileType !== "compressed" || !profile.supports("CompressedFile")) return failed(cb, 5001, "An internal error has occurred.");
      if (files.open > 0) return failed(cb, 5006, "Call closeAsync on the current File before retrieving another.");
      if (quirks.fileError) return failed(cb, quirks.fileError.code, quirks.fileError.message);
      const bytes = workbookFile;
      files.opened++;
      files.open++;
      let closed = false;
      succeeded(cb, {
        size: bytes.length,
        sliceCount: Math.max(1, Math.ceil(bytes.length / sliceSize)),
        getSliceAsync(index: number, sliceCb: AsyncCallback): void {
          if (closed) return failed(sliceCb, 5001, "The file has been closed.");
          succeeded(sliceCb, { index, size: Math.min(sliceSize, bytes.length - index * sliceSize), data: Array.from(bytes.subarray(index * sliceSize, (index + 1) * sliceSize)) });
        },
        closeAsync(closeCb?: AsyncCallback): void {
          setTimeout(() => {
            if (!closed) files.open--;
            closed = true;
            closeCb?.({ status: "succeeded" });
          }, 0);
        },
      });
    },
  };

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

  model.names.push(...(options.names ?? []));
  const entries = Object.entries(options.sheets ?? { Sheet1: [] });
  for (const [name, rows] of entries) seed(model.addSheet(name), { row: 0, col: 0 }, rows);
  const active = options.activeSheet ? model.requireSheet(options.activeSheet) : model.sheets[0];
  model.activeSheetId = active.id;
  const selectedAreas = (options.selection ?? "").split(",").filter((a) => a.trim() !== "");
  model.selection = { sheetId: active.id, rect: selectedAreas.length ? parseArea(selectedAreas[0].trim()).rect : { row: 0, col: 0, rowCount: 1, colCount: 1 }, areas: Math.max(1, selectedAreas.length) };

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

  const strings = source.strings;
  const failure = (code: string, message: string, actionIndex: number, results: { ActionId: number; Value: unknown }[]): ResponseMessage => ({
    ErrorCode: null,
    HttpStatusCode: 200,
    Headers: null,
    Body: { Results: results, Error: { Code: code, Message: message, HttpStatusCode: 400, Location: "", ActionIndex: actionIndex } },
  });

  /** One sync, as Excel would answer it. */
  function execute(request: RequestMessage, requestFlags: number): ResponseMessage {
    const body = request.Body;
    const requestBytes = utf8Bytes(JSON.stringify(body));
    const cleanup = body.Actions.length > 0 && body.Actions.every((a) => a.ActionType === 1 || (a.ActionType === 3 && a.Name === "_RemoveReference"));
    const record = { bytes: requestBytes, actions: body.Actions.length, operations: body.Actions.filter((a) => a.ActionType !== 1 && a.Name !== "_KeepReference").length };
    if (cleanup) stats.cleanups.push(record);
    else {
      stats.syncs++;
      stats.requests.push(record);
    }
    stats.maxRequestBytes = Math.max(stats.maxRequestBytes, requestBytes);
    if (payloadLimit !== null && requestBytes > payloadLimit) {
      // What Office's client reports for the host's "request payload size limit exceeded" (office.js
      // RichApiMessageUtility.buildResponseOnError: ErrorCode RequestPayloadSizeLimitExceeded, status 400).
      stats.rejected++;
      if (!cleanup) stats.responses.push({ bytes: 0, rejected: true });
      return { ErrorCode: "RequestPayloadSizeLimitExceeded", ErrorMessage: strings.L_RequestPayloadSizeLimitExceededMessage ?? "The request payload size has exceeded the limit.", HttpStatusCode: 400, Headers: null, Body: null };
    }
    if (quirks.cellEditMode) {
      // With delayForCellEdit (request flag 64, set by Excel.run when DelayForCellEdit is supported) Excel waits
      // until the user leaves the cell; otherwise the batch fails.
      if ((requestFlags & 64) !== 0) quirks.cellEditMode = false;
      else return failure("InvalidOperationInCellEditMode", strings.L_InvalidOperationInCellEditMode ?? "Excel is in cell-editing mode.", 0, []);
    }
    // Excel on the web's WacSpecificRequestContext (custom data "WacPartition") has its own root object; the host
    // treats both roots as the workbook (createAndOpenWorkbook is modelled on it).
    const run = new RequestRun(state, body, { apiSets, strings });
    let response: ResponseMessage;
    const fault = quirks.fault;
    if (fault) fault.atSync--;
    try {
      if (fault && fault.atSync <= 0) {
        quirks.fault = null;
        for (let i = 0; i < Math.min(fault.afterActions, body.Actions.length); i++) run.action(body.Actions[i]);
        response = failure(fault.code, fault.message ?? "An internal error has occurred.", Math.min(fault.afterActions, body.Actions.length), run.results);
      } else {
        run.run();
        response = { ErrorCode: null, HttpStatusCode: 200, Headers: null, Body: { Results: run.results } };
      }
    } catch (e) {
      const code = e instanceof StandInOfficeError ? e.code : "GeneralException";
      const message = e instanceof Error ? e.message : String(e);
      if (!(e instanceof StandInOfficeError)) console.warn("simulated Excel host: unexpected error", e);
      response = failure(code, message, (e as { actionIndex?: number }).actionIndex ?? 0, run.results);
    } finally {
      model.engine.settle();
    }
    const responseBytes = utf8Bytes(JSON.stringify(response.Body));
    stats.maxResponseBytes = Math.max(stats.maxResponseBytes, responseBytes);
    if (payloadLimit !== null && responseBytes > payloadLimit) {
      stats.rejected++;
      if (!cleanup) stats.responses.push({ bytes: responseBytes, rejected: true });
      return { ErrorCode: "ResponsePayloadSizeLimitExceeded", ErrorMessage: strings.L_ResponsePayloadSizeLimitExceededMessage ?? "The response payload size has exceeded the limit.", HttpStatusCode: 400, Headers: null, Body: null };
    }
    if (!cleanup) stats.responses.push({ bytes: responseBytes });
    return response;
  }

  const executor = {
    executeAsync(_customData: string, requestFlags: number, request: RequestMessage): Promise<ResponseMessage> {
      const answer = (): ResponseMessage => {
        // A copy as sent: Office's client later rewrites object paths in place (reference ids, null objects).
        const sent = standIn.recordTraffic ? (JSON.parse(JSON.stringify(request.Body)) as RequestMessage["Body"]) : undefined;
        const response = execute(request, requestFlags);
        if (sent) traffic.push({ request: sent, response });
        return response;
      };
      if (latencyMs > 0) return new Promise((resolve) => setTimeout(() => resolve(answer()), latencyMs));
      return Promise.resolve().then(answer);
    },
  };
  // Every request context of this client instance (Excel.run's included) talks to this host.
  Object.defineProperty(client.OfficeExtension.ClientRequestContext.prototype, "_requestExecutor", {
    configurable: true,
    get: () => executor,
    set: () => undefined,
  });
  const Excel = client.Excel;
  const rawRun = Excel.run.bind(Excel) as (...args: unknown[]) => Promise<unknown>;
  (Excel as unknown as { run: unknown }).run = (...args: unknown[]) => {
    stats.runs++;
    return rawRun(...args);
  };
  const createWorkbook = Excel.createWorkbook;

  const standIn: ExcelStandIn = {
    Excel,
    OfficeExtension: client.OfficeExtension,
    Office: client.Office,
    profile,
    quirks,
    traffic,
    recordTraffic: false,
    reopen() {
      // Excel gives the sheets of a workbook it opens ids by their place in it, "{00000000-0001-0000-0000-000000000000}"
      // for the first, "...-0003-..." for the fourth (OfficeDev/office-js-docs#297; OfficeDev/office-js#1390), so
      // after the sheets are moved and the file saved and reopened, a sheet can have the id another had before.
      model.sheets.forEach((s, i) => (s.id = `{00000000-0001-0000-${i.toString(16).toUpperCase().padStart(4, "0")}-000000000000}`));
      for (const t of model.tables) t.id = model.newId("table");
      const active = model.sheets.find((x) => x.visibility === "Visible") ?? model.sheets[0];
      model.activeSheetId = active?.id ?? "";
      model.selection = active ? { sheetId: active.id, rect: { row: 0, col: 0, rowCount: 1, colCount: 1 } } : null;
      state.references.clear();
    },
    stats,
    resetStats() {
      stats.syncs = 0;
      stats.requests = [];
      stats.responses = [];
      stats.maxRequestBytes = 0;
      stats.maxResponseBytes = 0;
      stats.rejected = 0;
      stats.runs = 0;
      stats.cleanups = [];
    },
    get payloadLimitBytes() {
      return payloadLimit;
    },
    set payloadLimitBytes(v: number | null) {
      payloadLimit = v;
    },
    get latencyMs() {
      return latencyMs;
    },
    set latencyMs(v: number) {
      latencyMs = v;
    },
    install() {
      const g = globalThis as unknown as { Excel?: unknown; Office?: unknown; OfficeExtension?: unknown };
      const before = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
      g.Excel = Excel;
      g.OfficeExtension = client.OfficeExtension;
      // Only Office.context.requirements and platform: enough for isSetSupported checks in src/.
      g.Office = client.Office;
      return () => {
        g.Excel = before.Excel;
        g.Office = before.Office;
        g.OfficeExtension = before.OfficeExtension;
      };
    },
    getValues: (sheet, address) => gridOf(sheet, address, (s, r, c) => model.value(s, r, c)),
    getFormulas: (sheet, address) => gridOf(sheet, address, (s, r, c) => model.formula(s, r, c)),
    getNumberFormats: (sheet, address) => gridOf(sheet, address, (s, r, c) => s.numberFormat(r, c)),
    calculatedExtent: (sheet) => model.engine.extent(sheetOf(sheet)),
    getErrorMessages: (sheet, address) => gridOf(sheet, address, (s, r, c) => model.engine.errorMessage(s, r, c)),
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
    setWorkbookFile(bytes) {
      workbookFile = Uint8Array.from(bytes);
    },
    files,
    setCreateWorkbookSupported(supported) {
      const ns = Excel as { createWorkbook?: unknown };
      if (!supported) delete ns.createWorkbook;
      else ns.createWorkbook = createWorkbook;
    },
  };
  return standIn;
}
