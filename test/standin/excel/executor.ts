/**
 * The simulated Excel host: a request executor for Office's own client (./client.ts). It receives each
 * `context.sync()` as Office sends it, `{ Body: { Actions, ObjectPaths } }`, resolves the object paths against the
 * in-memory workbook (./model.ts), runs the actions in order (instantiate, query, method, set property, update),
 * and answers `{ ErrorCode, HttpStatusCode: 200, Body: { Results } }`, or `Body.Error` for the first failing
 * action (earlier actions stay applied, as in Excel). Request and response sizes are the UTF-8 bytes of the real
 * JSON. Which members exist depends on the host profile (./profiles.ts); limits and quirks on ./quirks.ts.
 */
import type { RangeRef } from "../../../src/core/a1";
import { MAX_COLS, MAX_ROWS, intersect, localAddress, parseArea, qualifiedAddress, splitAreas } from "./address";
import { StandInOfficeError } from "./errors";
import {
  BORDER_DEFS,
  BORDER_INDEXES,
  FILL_DEFS,
  FONT_DEFS,
  FORMAT_DEFS,
  HEADER_FOOTER_DEFS,
  PAGE_DEFS,
  TABLE_DEFS,
  VALIDATION_DEFS,
  WORKSHEET_DEFS,
  assertStructureUnlocked,
  assertWritable,
  bindSheetModel,
  clearRects,
  forEachCell,
  forEachInput,
  rangeDefs,
  setFormatField,
  tableSheet,
  type BorderIndex,
  type FormatTarget,
  type PropDef,
} from "./objects";
import { cellKey, type SheetModel, type TableModel, type WorkbookModel } from "./model";
import { renderNumberFormat } from "./numberFormat";
import type { HostProfile } from "./profiles";
import type { HostQuirks } from "./quirks";

// ---------------------------------------------------------------------------------------------------------------
// Wire format (as office.js builds it)

interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number; // 1 global, 2 new object, 3 method, 4 property, 5 indexer, 6 reference id, 7 null object
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
}

interface ActionInfo {
  Id: number;
  ActionType: number; // 1 instantiate, 2 query, 3 method, 4 set property, 5 trace, 6 ensure unchanged, 7 query as JSON, 9 update
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  QueryInfo?: { Select?: string[]; Expand?: string[]; Top?: number; Skip?: number };
  ObjectState?: Record<string, unknown>;
}

export interface RequestMessage {
  Url?: string;
  Headers?: Record<string, string>;
  Body: { Actions: ActionInfo[]; ObjectPaths: Record<string, ObjectPathInfo> };
}

export interface ResponseMessage {
  ErrorCode: string | null;
  ErrorMessage?: string;
  HttpStatusCode: number;
  Headers: null;
  Body: { Results: { ActionId: number; Value: unknown }[]; Error?: { Code: string; Message: string; HttpStatusCode: number; Location: string; ActionIndex: number } } | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics

export interface SyncRecord {
  /** UTF-8 bytes of the request body's JSON, as Office's client sends it. */
  bytes: number;
  /** Every action in the request, Office's instantiate actions included. */
  actions: number;
  /** The add-in's own calls (queries, methods, property sets): without the instantiates and `_KeepReference`s Office adds. */
  operations: number;
}

export interface StandInStats {
  /** `context.sync()` calls that reached the host (Excel.run's final sync included when it had work). */
  syncs: number;
  requests: SyncRecord[];
  /** Response sizes; `rejected` marks one refused for exceeding the limit. */
  responses: { bytes: number; rejected?: boolean }[];
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** Syncs refused because a payload exceeded the limit. */
  rejected: number;
  /** Excel.run calls. */
  runs: number;
  /** Requests Office's client sends by itself after Excel.run to release kept ranges (not the add-in's syncs). */
  cleanups: SyncRecord[];
}

export function emptyStats(): StandInStats {
  return { syncs: 0, requests: [], responses: [], maxRequestBytes: 0, maxResponseBytes: 0, rejected: 0, runs: 0, cleanups: [] };
}

export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------------------------
// Host objects

/* eslint-disable @typescript-eslint/no-explicit-any -- each type's targets differ; the table below is the only user */
interface ObjectFn {
  type: string;
  /** A null result makes a null object (…OrNullObject) or fails with ItemNotFound. */
  get: (target: any, args: unknown[], h: HostState) => unknown;
  nullable?: boolean;
}

interface TypeDef {
  props?: Record<string, PropDef<any>>;
  /** Navigation properties (ObjectPathType 4). */
  nav?: Record<string, ObjectFn>;
  /** Methods that return an object (ObjectPathType 3). */
  objects?: Record<string, ObjectFn>;
  /** Methods run as actions (ActionType 3). */
  methods?: Record<string, (target: any, args: unknown[], h: HostState) => unknown>;
  /** `collection.getItem(key)` (ObjectPathType 5). */
  indexer?: ObjectFn;
  /** A collection's items, for queries. */
  items?: { type: string; list: (target: any, h: HostState) => unknown[]; id?: (item: any) => string };
  /** Extra scalar fields a collection reports (count). */
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface AreaTarget {
  sheet: SheetModel;
  rects: RangeRef[];
}
interface RangeTarget {
  sheet: SheetModel;
  rect: RangeRef;
}
interface TablesTarget {
  sheet: SheetModel | null;
}

export interface HostState {
  model: WorkbookModel;
  quirks: HostQuirks;
  profile: HostProfile;
  references: Map<string, Resolved>;
  nextReference: number;
}

interface Resolved {
  type: string;
  target: unknown;
  /** Under an …OrNullObject method: Office asks whether it is null. */
  nullable: boolean;
}

const RANGE_DEFS = rangeDefs();

const invalidArgument = (what: string): StandInOfficeError => new StandInOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (${what})`);
const itemNotFound = (what: string): StandInOfficeError => new StandInOfficeError("ItemNotFound", `The requested resource doesn't exist. (${what})`);

function parseAddressOn(sheet: SheetModel, address: string): RangeRef {
  let parsed;
  try {
    parsed = parseArea(address);
  } catch {
    throw invalidArgument(`address '${address}'`);
  }
  if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) throw new StandInOfficeError("InvalidArgument", `The address '${address}' names another sheet.`);
  return parsed.rect;
}

/** A range argument: an address string, or a Range object passed by reference. */
function rangeArg(arg: unknown, h: HostState): { sheet?: SheetModel; rect: RangeRef } {
  if (typeof arg === "string") {
    const parsed = parseArea(arg);
    return { sheet: parsed.sheet !== undefined ? h.model.requireSheet(parsed.sheet) : undefined, rect: parsed.rect };
  }
  const r = arg as Resolved | null;
  if (r && r.type === "Range" && r.target) return r.target as RangeTarget;
  throw invalidArgument("range");
}

function checkRect(rect: RangeRef, what: string): RangeRef {
  if (rect.row < 0 || rect.col < 0 || rect.rowCount < 1 || rect.colCount < 1 || rect.row + rect.rowCount > MAX_ROWS || rect.col + rect.colCount > MAX_COLS) throw invalidArgument(what);
  return rect;
}

function derived(fn: (t: RangeTarget, args: unknown[], h: HostState) => RangeRef | null, what: string, nullable = false): ObjectFn {
  return {
    type: "Range",
    nullable,
    get: (t: RangeTarget, args, h) => {
      const rect = fn(t, args, h);
      return rect ? { sheet: t.sheet, rect: checkRect(rect, what) } : null;
    },
  };
}

const rangeFormat: ObjectFn = { type: "RangeFormat", get: (t: RangeTarget): FormatTarget => ({ sheet: t.sheet, rects: [t.rect] }) };
const sheetChild = (type: string): ObjectFn => ({ type, get: (s: SheetModel) => s });

function mergedAreas(t: RangeTarget, h: HostState): AreaTarget | null {
  const q = h.quirks.mergedAreas;
  // Documented: the top-left cell of each merge must be inside the range (OfficeDev/office-js#3611), and more than
  // 512 merged areas fail (@types/office-js, Range.getMergedAreasOrNullObject: "if the merged areas count in this
  // range is more than 512, then this method will fail to return the result").
  const all = t.sheet.mergesIntersecting(t.rect);
  const rects = q.topLeftOnly ? all.filter((m) => m.row >= t.rect.row && m.row < t.rect.row + t.rect.rowCount && m.col >= t.rect.col && m.col < t.rect.col + t.rect.colCount) : all;
  if (q.limit !== null && rects.length > q.limit) {
    throw new StandInOfficeError("GeneralException", `There are more than ${q.limit} merged areas in the range; Excel can't return them.`);
  }
  return rects.length ? { sheet: t.sheet, rects } : null;
}

function fillRead(h: HostState): Record<string, PropDef<FormatTarget>> {
  if (h.quirks.fillPatternNull) {
    // OfficeDev/office-js#4900: `format.fill.pattern` read null for both no fill and a white fill on that host.
    return { ...FILL_DEFS, pattern: { ...FILL_DEFS.pattern, read: () => null } };
  }
  return FILL_DEFS;
}

/** The cell properties `Range.getCellProperties` returns (ExcelApi 1.9), for the parts the add-in asks for. */
function cellProperties(t: RangeTarget, spec: Record<string, unknown>, h: HostState): unknown[][] {
  const out: unknown[][] = [];
  for (let r = t.rect.row; r < t.rect.row + t.rect.rowCount; r++) {
    const row: unknown[] = [];
    for (let c = t.rect.col; c < t.rect.col + t.rect.colCount; c++) {
      const one: FormatTarget = { sheet: t.sheet, rects: [{ row: r, col: c, rowCount: 1, colCount: 1 }] };
      const cell: Record<string, unknown> = {};
      if (spec.address) cell.address = qualifiedAddress(t.sheet.name, { row: r, col: c, rowCount: 1, colCount: 1 });
      const fmt = spec.format as Record<string, unknown> | undefined;
      if (fmt) {
        const f: Record<string, unknown> = {};
        const pick = (defs: Record<string, PropDef<FormatTarget>>, want: unknown): Record<string, unknown> => {
          const o: Record<string, unknown> = {};
          for (const k of Object.keys(defs)) if (want === true || (typeof want === "object" && want !== null && (want as Record<string, unknown>)[k])) o[k] = defs[k].read?.(one);
          return o;
        };
        if (fmt.fill) f.fill = pick(fillRead(h), fmt.fill);
        if (fmt.font) f.font = pick(FONT_DEFS, fmt.font);
        for (const k of ["wrapText", "horizontalAlignment", "verticalAlignment"]) if (fmt[k]) f[k] = FORMAT_DEFS[k].read?.(one);
        cell.format = f;
      }
      row.push(cell);
    }
    out.push(row);
  }
  return out;
}

export const TYPES: Record<string, TypeDef> = {
  Workbook: {
    nav: {
      worksheets: { type: "WorksheetCollection", get: () => ({}) },
      tables: { type: "TableCollection", get: (): TablesTarget => ({ sheet: null }) },
      names: { type: "NamedItemCollection", get: () => ({}) },
      protection: { type: "WorkbookProtection", get: (_t, _a, h) => h.model },
      application: { type: "Application", get: () => ({}) },
    },
    objects: {
      getSelectedRange: {
        type: "Range",
        get: (_t, _a, h) => {
          const sel = h.model.selection;
          // "If there are multiple ranges selected, this method will throw an error" (Workbook.getSelectedRange JSDoc):
          // RichApi.Error code InvalidSelection (OfficeDev/office-js-docs-pr#2477; the same for a selected chart or
          // shape, by design: OfficeDev/office-js#2268).
          if (sel && (sel.areas ?? 1) !== 1) throw new StandInOfficeError("InvalidSelection", "The current selection is invalid for this operation.");
          const sheet = sel ? h.model.sheetById(sel.sheetId) : undefined;
          if (sel && sheet) return { sheet, rect: sel.rect };
          return { sheet: h.model.activeSheet(), rect: { row: 0, col: 0, rowCount: 1, colCount: 1 } };
        },
      },
      getActiveCell: {
        type: "Range",
        get: (_t, _a, h) => {
          const sel = h.model.selection;
          const sheet = sel ? h.model.sheetById(sel.sheetId) : undefined;
          if (sel && sheet) return { sheet, rect: { row: sel.rect.row, col: sel.rect.col, rowCount: 1, colCount: 1 } };
          return { sheet: h.model.activeSheet(), rect: { row: 0, col: 0, rowCount: 1, colCount: 1 } };
        },
      },
    },
    methods: {
      // Excel on the web's createWorkbook (WacWorkbook.createAndOpenWorkbook, on the root object).
      createAndOpenWorkbook: (_t, args, h) => void h.model.createdWorkbooks.push(String(args[0] ?? "")),
    },
  },
  Application: {
    props: { calculationMode: { read: () => "Automatic" } },
    methods: { calculate: () => undefined, suspendApiCalculationUntilNextSync: () => undefined },
    objects: { createWorkbook: { type: "WorkbookCreated", get: (_t, args) => ({ base64: String(args[0] ?? "") }) } },
  },
  WorkbookCreated: {
    methods: { open: (t: { base64: string }, _a, h) => void h.model.createdWorkbooks.push(t.base64) },
  },
  WorksheetCollection: {
    items: { type: "Worksheet", list: (_t, h) => h.model.sheets, id: (s: SheetModel) => s.id },
    indexer: { type: "Worksheet", get: (_t, args, h) => h.model.sheetByName(String(args[0])) ?? h.model.sheetById(String(args[0])) ?? null },
    objects: {
      getItemOrNullObject: { type: "Worksheet", nullable: true, get: (_t, args, h) => h.model.sheetByName(String(args[0])) ?? h.model.sheetById(String(args[0])) ?? null },
      getActiveWorksheet: { type: "Worksheet", get: (_t, _a, h) => h.model.activeSheet() },
      getFirst: { type: "Worksheet", get: (_t, args, h) => h.model.sheets.find((s) => !args[0] || s.visibility === "Visible") ?? null },
      add: {
        type: "Worksheet",
        get: (_t, args, h) => {
          assertStructureUnlocked(h.model);
          return h.model.addSheet(args[0] === null || args[0] === undefined ? undefined : String(args[0]));
        },
      },
    },
    methods: {
      getCount: (_t, args, h) => h.model.sheets.filter((s) => !args[0] || s.visibility === "Visible").length,
    },
  },
  Worksheet: {
    props: WORKSHEET_DEFS,
    nav: {
      protection: sheetChild("WorksheetProtection"),
      freezePanes: sheetChild("WorksheetFreezePanes"),
      pageLayout: sheetChild("PageLayout"),
      tables: { type: "TableCollection", get: (s: SheetModel): TablesTarget => ({ sheet: s }) },
    },
    objects: {
      getRange: {
        type: "Range",
        get: (s: SheetModel, args) => {
          const a = args[0];
          if (a === undefined || a === null || a === "") return { sheet: s, rect: { row: 0, col: 0, rowCount: MAX_ROWS, colCount: MAX_COLS } };
          return { sheet: s, rect: parseAddressOn(s, String(a)) };
        },
      },
      getRangeByIndexes: {
        type: "Range",
        get: (s: SheetModel, args) => {
          const [row, col, rowCount, colCount] = args.map(Number);
          return { sheet: s, rect: checkRect({ row, col, rowCount, colCount }, "getRangeByIndexes") };
        },
      },
      getCell: { type: "Range", get: (s: SheetModel, args) => ({ sheet: s, rect: checkRect({ row: Number(args[0]), col: Number(args[1]), rowCount: 1, colCount: 1 }, "getCell") }) },
      getRanges: {
        type: "RangeAreas",
        get: (s: SheetModel, args): AreaTarget => {
          const address = String(args[0] ?? "");
          // Excel refuses long area lists with InvalidArgument at an undocumented limit (reported from about
          // 8,000 characters / 500 areas: OfficeDev/office-js#5198): the host refuses above 8,192 characters.
          if (address.length > 8_192) throw invalidArgument("getRanges address too long");
          const rects = splitAreas(address.replace(/;/g, ",")).map((a) => parseAddressOn(s, a));
          if (rects.length === 0) throw invalidArgument("getRanges needs at least one address");
          return { sheet: s, rects };
        },
      },
      getUsedRange: { type: "Range", get: (s: SheetModel, args) => ({ sheet: s, rect: s.usedRect(Boolean(args[0])) ?? { row: 0, col: 0, rowCount: 1, colCount: 1 } }) },
      getUsedRangeOrNullObject: {
        type: "Range",
        nullable: true,
        get: (s: SheetModel, args) => {
          const used = s.usedRect(Boolean(args[0]));
          return used ? { sheet: s, rect: used } : null;
        },
      },
    },
    methods: {
      activate: (s: SheetModel, _a, h) => {
        if (s.visibility !== "Visible") throw new StandInOfficeError("InvalidOperation", "A hidden sheet cannot be activated.");
        h.model.activeSheetId = s.id;
        if (h.model.selection?.sheetId !== s.id) h.model.selection = { sheetId: s.id, rect: { row: 0, col: 0, rowCount: 1, colCount: 1 } };
      },
      delete: (s: SheetModel, _a, h) => {
        assertStructureUnlocked(h.model);
        h.model.deleteSheet(s);
      },
    },
  },
  // Workbook.protection (WorkbookProtection, ExcelApi 1.7: @types/office-js JSDoc): "protect: Fails if the workbook has
  // been protected"; the structure lock itself is assertStructureUnlocked (objects.ts).
  WorkbookProtection: {
    props: { protected: { read: (m: WorkbookModel) => m.structureProtected } },
    methods: {
      protect: (m: WorkbookModel) => {
        if (m.structureProtected) throw new StandInOfficeError("InvalidOperation", "The workbook is already protected.");
        m.structureProtected = true;
      },
      unprotect: (m: WorkbookModel) => void (m.structureProtected = false),
    },
  },
  WorksheetProtection: {
    props: { protected: { read: (s: SheetModel) => s.protected } },
    methods: {
      protect: (s: SheetModel, args) => {
        if (s.protected) throw new StandInOfficeError("InvalidOperation", "The sheet is already protected.");
        s.protected = true;
        s.protectionPassword = args[1] === null || args[1] === undefined ? undefined : String(args[1]);
      },
      unprotect: (s: SheetModel, args) => {
        const password = args[0] === null || args[0] === undefined ? undefined : String(args[0]);
        if (s.protectionPassword !== undefined && s.protectionPassword !== password) throw new StandInOfficeError("InvalidArgument", "The password is not correct.");
        s.protected = false;
        s.protectionPassword = undefined;
      },
    },
  },
  WorksheetFreezePanes: {
    methods: {
      freezeRows: (s: SheetModel, args) => {
        s.freezeRows = args[0] === null || args[0] === undefined ? 1 : Number(args[0]);
        s.freezeColumns = 0;
      },
      freezeColumns: (s: SheetModel, args) => {
        s.freezeColumns = args[0] === null || args[0] === undefined ? 1 : Number(args[0]);
        s.freezeRows = 0;
      },
      freezeAt: (s: SheetModel, args, h) => {
        const rect = rangeArg(args[0], h).rect;
        s.freezeRows = rect.row + rect.rowCount;
        s.freezeColumns = rect.col + rect.colCount;
      },
      unfreeze: (s: SheetModel) => {
        s.freezeRows = 0;
        s.freezeColumns = 0;
      },
    },
    objects: {
      getLocationOrNullObject: {
        type: "Range",
        nullable: true,
        get: (s: SheetModel) => (s.freezeRows === 0 && s.freezeColumns === 0 ? null : { sheet: s, rect: { row: 0, col: 0, rowCount: Math.max(1, s.freezeRows), colCount: Math.max(1, s.freezeColumns) } }),
      },
    },
  },
  PageLayout: {
    props: PAGE_DEFS,
    nav: { headersFooters: sheetChild("HeaderFooterGroup") },
    methods: {
      setPrintTitleRows: (s: SheetModel, args, h) => {
        const rect = rangeArg(args[0], h).rect;
        s.pageLayout.printTitleRows = `$${rect.row + 1}:$${rect.row + rect.rowCount}`;
      },
      setPrintTitleColumns: (s: SheetModel, args, h) => {
        const rect = rangeArg(args[0], h).rect;
        s.pageLayout.printTitleColumns = localAddress({ row: 0, rowCount: MAX_ROWS, col: rect.col, colCount: rect.colCount });
      },
    },
    objects: {
      getPrintTitleRowsOrNullObject: {
        type: "Range",
        nullable: true,
        get: (s: SheetModel) => (s.pageLayout.printTitleRows ? { sheet: s, rect: parseArea(s.pageLayout.printTitleRows.replace(/\$/g, "")).rect } : null),
      },
    },
  },
  HeaderFooterGroup: { nav: { defaultForAllPages: sheetChild("HeaderFooter") } },
  HeaderFooter: { props: HEADER_FOOTER_DEFS },
  Range: {
    props: RANGE_DEFS,
    nav: {
      format: rangeFormat,
      worksheet: { type: "Worksheet", get: (t: RangeTarget) => t.sheet },
      dataValidation: { type: "DataValidation", get: (t: RangeTarget) => t },
    },
    objects: {
      getCell: derived((t, a) => ({ row: t.rect.row + Number(a[0]), col: t.rect.col + Number(a[1]), rowCount: 1, colCount: 1 }), "getCell"),
      getRow: derived((t, a) => ({ row: t.rect.row + Number(a[0]), col: t.rect.col, rowCount: 1, colCount: t.rect.colCount }), "getRow"),
      getColumn: derived((t, a) => ({ row: t.rect.row, col: t.rect.col + Number(a[0]), rowCount: t.rect.rowCount, colCount: 1 }), "getColumn"),
      getEntireColumn: derived((t) => ({ row: 0, col: t.rect.col, rowCount: MAX_ROWS, colCount: t.rect.colCount }), "getEntireColumn"),
      getEntireRow: derived((t) => ({ row: t.rect.row, col: 0, rowCount: t.rect.rowCount, colCount: MAX_COLS }), "getEntireRow"),
      getResizedRange: derived((t, a) => ({ ...t.rect, rowCount: t.rect.rowCount + Number(a[0]), colCount: t.rect.colCount + Number(a[1]) }), "getResizedRange"),
      getOffsetRange: derived((t, a) => ({ ...t.rect, row: t.rect.row + Number(a[0]), col: t.rect.col + Number(a[1]) }), "getOffsetRange"),
      getLastRow: derived((t) => ({ ...t.rect, row: t.rect.row + t.rect.rowCount - 1, rowCount: 1 }), "getLastRow"),
      getLastColumn: derived((t) => ({ ...t.rect, col: t.rect.col + t.rect.colCount - 1, colCount: 1 }), "getLastColumn"),
      getLastCell: derived((t) => ({ row: t.rect.row + t.rect.rowCount - 1, col: t.rect.col + t.rect.colCount - 1, rowCount: 1, colCount: 1 }), "getLastCell"),
      getIntersection: derived((t, a, h) => {
        const i = intersect(t.rect, rangeArg(a[0], h).rect);
        if (!i) throw invalidArgument("getIntersection: the ranges don't intersect");
        return i;
      }, "getIntersection"),
      getIntersectionOrNullObject: derived((t, a, h) => intersect(t.rect, rangeArg(a[0], h).rect), "getIntersectionOrNullObject", true),
      getBoundingRect: derived((t, a, h) => {
        const o = rangeArg(a[0], h).rect;
        const row = Math.min(t.rect.row, o.row);
        const col = Math.min(t.rect.col, o.col);
        return { row, col, rowCount: Math.max(t.rect.row + t.rect.rowCount, o.row + o.rowCount) - row, colCount: Math.max(t.rect.col + t.rect.colCount, o.col + o.colCount) - col };
      }, "getBoundingRect"),
      getUsedRange: derived((t, a) => {
        const used = t.sheet.usedRect(Boolean(a[0]));
        const i = used ? intersect(used, t.rect) : null;
        // @types/office-js Range.getUsedRange: "If the entire range is blank, then this method returns an ItemNotFound error."
        if (!i) throw itemNotFound("the range is blank");
        return i;
      }, "getUsedRange"),
      getUsedRangeOrNullObject: derived((t, a) => {
        const used = t.sheet.usedRect(Boolean(a[0]));
        return used ? intersect(used, t.rect) : null;
      }, "getUsedRangeOrNullObject", true),
      getMergedAreasOrNullObject: { type: "RangeAreas", nullable: true, get: (t: RangeTarget, _a, h) => mergedAreas(t, h) },
    },
    methods: {
      merge: (t: RangeTarget, args, h) => {
        assertWritable(t.sheet);
        const across = Boolean(args[0]);
        const rects: RangeRef[] = across ? Array.from({ length: t.rect.rowCount }, (_, i) => ({ ...t.rect, row: t.rect.row + i, rowCount: 1 })) : [t.rect];
        for (const rect of rects) {
          if (rect.rowCount * rect.colCount === 1) continue;
          if (h.model.tables.some((tb) => tb.sheetId === t.sheet.id && intersect(tb.rect, rect))) throw new StandInOfficeError("InvalidOperation", "Cells in a table can't be merged.");
          t.sheet.merges = t.sheet.merges.filter((m) => !intersect(m, rect));
          forEachCell([rect], (r, c) => {
            if (r !== rect.row || c !== rect.col) h.model.setCell(t.sheet, r, c, undefined);
          });
          t.sheet.merges.push({ ...rect });
        }
      },
      unmerge: (t: RangeTarget) => {
        assertWritable(t.sheet);
        t.sheet.merges = t.sheet.merges.filter((m) => !intersect(m, t.rect));
      },
      clear: (t: RangeTarget, args, h) => clearRects(h.model, t.sheet, [t.rect], String(args[0] ?? "All")),
      select: (t: RangeTarget, _a, h) => {
        if (t.sheet.visibility !== "Visible") throw new StandInOfficeError("InvalidOperation", "A range on a hidden sheet cannot be selected.");
        h.model.activeSheetId = t.sheet.id;
        h.model.selection = { sheetId: t.sheet.id, rect: { ...t.rect } };
      },
      getCellProperties: (t: RangeTarget, args, h) => cellProperties(t, (args[0] ?? {}) as Record<string, unknown>, h),
      _ValidateArraySize: () => undefined,
    },
  },
  RangeAreas: {
    props: {
      address: { read: (t: AreaTarget) => t.rects.map((r) => qualifiedAddress(t.sheet.name, r)).join(",") },
      addressLocal: { read: (t: AreaTarget) => t.rects.map((r) => qualifiedAddress(t.sheet.name, r)).join(",") },
      areaCount: { read: (t: AreaTarget) => t.rects.length },
      cellCount: { read: (t: AreaTarget) => t.rects.reduce((n, r) => n + r.rowCount * r.colCount, 0) },
    },
    nav: {
      format: { type: "RangeFormat", get: (t: AreaTarget) => t },
      areas: { type: "RangeCollection", get: (t: AreaTarget) => t },
      worksheet: { type: "Worksheet", get: (t: AreaTarget) => t.sheet },
    },
    methods: {
      clear: (t: AreaTarget, args, h) => clearRects(h.model, t.sheet, t.rects, String(args[0] ?? "All")),
    },
  },
  RangeCollection: {
    items: { type: "Range", list: (t: AreaTarget) => t.rects.map((rect) => ({ sheet: t.sheet, rect })) },
    objects: { getItemAt: { type: "Range", get: (t: AreaTarget, a) => (t.rects[Number(a[0])] ? { sheet: t.sheet, rect: t.rects[Number(a[0])] } : null) } },
  },
  RangeFormat: {
    props: FORMAT_DEFS,
    nav: {
      fill: { type: "RangeFill", get: (t: FormatTarget) => t },
      font: { type: "RangeFont", get: (t: FormatTarget) => t },
      borders: { type: "RangeBorderCollection", get: (t: FormatTarget) => t },
    },
    methods: {
      autofitColumns: (t: FormatTarget, _a, h) => {
        for (const rect of t.rects) {
          const rows = Math.min(rect.rowCount, 10_000);
          for (let c = rect.col; c < rect.col + rect.colCount; c++) {
            let longest = 0;
            for (let r = rect.row; r < rect.row + rows; r++) {
              const v = h.model.value(t.sheet, r, c);
              if (v === "") continue;
              longest = Math.max(longest, renderNumberFormat(v, t.sheet.numberFormat(r, c)).length);
            }
            if (longest > 0) t.sheet.columnWidths.set(c, Math.min(409, Math.round((longest * 7 + 5) * 0.75 * 100) / 100));
          }
        }
      },
      autofitRows: (t: FormatTarget) => {
        for (const rect of t.rects) for (let r = rect.row; r < rect.row + rect.rowCount; r++) t.sheet.rowHeights.delete(r);
      },
    },
  },
  RangeFill: {
    props: FILL_DEFS,
    methods: {
      clear: (t: FormatTarget) => {
        assertWritable(t.sheet);
        forEachCell(t.rects, (r, c) => {
          setFormatField(t.sheet, r, c, "fillPattern", undefined);
          setFormatField(t.sheet, r, c, "fillColor", undefined);
          setFormatField(t.sheet, r, c, "patternColor", undefined);
        });
      },
    },
  },
  RangeFont: { props: FONT_DEFS },
  RangeBorderCollection: {
    indexer: {
      type: "RangeBorder",
      get: (t: FormatTarget, args) => {
        const index = String(args[0]);
        if (!(BORDER_INDEXES as readonly string[]).includes(index)) throw invalidArgument(`border index ${index}`);
        return { area: t, index: index as BorderIndex };
      },
    },
  },
  RangeBorder: { props: BORDER_DEFS },
  DataValidation: {
    props: VALIDATION_DEFS,
    methods: { clear: (t: RangeTarget) => forEachCell([t.rect], (r, c) => t.sheet.validations.delete(cellKey(r, c))) },
  },
  TableCollection: {
    items: { type: "Table", list: (t: TablesTarget, h) => (t.sheet ? h.model.tables.filter((x) => x.sheetId === t.sheet?.id) : h.model.tables), id: (t: TableModel) => t.id },
    indexer: { type: "Table", get: (t: TablesTarget, args, h) => findTable(t, String(args[0]), h) },
    objects: {
      getItemOrNullObject: { type: "Table", nullable: true, get: (t: TablesTarget, args, h) => findTable(t, String(args[0]), h) },
      add: { type: "Table", get: (t: TablesTarget, args, h) => addTable(t, args, h) },
    },
    methods: { getCount: (t: TablesTarget, _a, h) => (t.sheet ? h.model.tables.filter((x) => x.sheetId === t.sheet?.id).length : h.model.tables.length) },
  },
  // Workbook.names (ExcelApi 1.1): listed by name only; adding names is not simulated.
  NamedItemCollection: {
    items: { type: "NamedItem", list: (_t, h) => h.model.names.map((name) => ({ name })), id: (n: { name: string }) => n.name },
  },
  NamedItem: {
    props: { name: { read: (n: { name: string }) => n.name } },
  },
  Table: {
    props: TABLE_DEFS,
    nav: {
      worksheet: { type: "Worksheet", get: (t: TableModel, _a, h) => tableSheet(h.model, t) },
      columns: { type: "TableColumnCollection", get: (t: TableModel) => t },
      rows: { type: "TableRowCollection", get: (t: TableModel) => t },
    },
    objects: {
      getRange: { type: "Range", get: (t: TableModel, _a, h) => ({ sheet: tableSheet(h.model, t), rect: t.rect }) },
      getHeaderRowRange: { type: "Range", get: (t: TableModel, _a, h) => ({ sheet: tableSheet(h.model, t), rect: { ...t.rect, rowCount: 1 } }) },
      getDataBodyRange: { type: "Range", get: (t: TableModel, _a, h) => ({ sheet: tableSheet(h.model, t), rect: { ...t.rect, row: t.rect.row + 1, rowCount: t.rect.rowCount - 1 } }) },
    },
    methods: {
      delete: (t: TableModel, _a, h) => {
        clearRects(h.model, tableSheet(h.model, t), [t.rect], "All");
        h.model.tables.splice(h.model.tables.indexOf(t), 1);
      },
      convertToRange: (t: TableModel, _a, h) => void h.model.tables.splice(h.model.tables.indexOf(t), 1),
    },
  },
  TableColumnCollection: {
    items: {
      type: "TableColumn",
      list: (t: TableModel, h) => {
        const sheet = tableSheet(h.model, t);
        return Array.from({ length: t.rect.colCount }, (_, i) => ({ table: t, index: i, name: String(h.model.value(sheet, t.rect.row, t.rect.col + i)) }));
      },
      id: (c: { index: number }) => String(c.index + 1),
    },
    props: { count: { read: (t: TableModel) => t.rect.colCount } },
  },
  TableColumn: {
    props: {
      name: { read: (c: { name: string }) => c.name },
      index: { read: (c: { index: number }) => c.index },
      id: { read: (c: { index: number }) => c.index + 1 },
    },
  },
  TableRowCollection: {
    items: {
      type: "TableRow",
      list: (t: TableModel, h) => {
        const sheet = tableSheet(h.model, t);
        return Array.from({ length: t.rect.rowCount - 1 }, (_, i) => ({ index: i, values: [Array.from({ length: t.rect.colCount }, (_, c) => h.model.value(sheet, t.rect.row + 1 + i, t.rect.col + c))] }));
      },
    },
    props: { count: { read: (t: TableModel) => t.rect.rowCount - 1 } },
    methods: { add: (t: TableModel, args, h) => addTableRows(t, args, h) },
  },
  TableRow: {
    props: { index: { read: (r: { index: number }) => r.index }, values: { read: (r: { values: unknown[][] }) => r.values } },
  },
};

function findTable(t: TablesTarget, key: string, h: HostState): TableModel | null {
  const list = t.sheet ? h.model.tables.filter((x) => x.sheetId === t.sheet?.id) : h.model.tables;
  return list.find((x) => x.name.toLowerCase() === key.toLowerCase() || x.id === key) ?? null;
}

function addTable(t: TablesTarget, args: unknown[], h: HostState): TableModel {
  const model = h.model;
  const hasHeaders = Boolean(args[1]);
  let sheet: SheetModel;
  let rect: RangeRef;
  const a = rangeArg(args[0], h);
  if (typeof args[0] === "string") {
    sheet = t.sheet ?? a.sheet ?? model.activeSheet();
    if (a.sheet && a.sheet !== sheet) throw new StandInOfficeError("InvalidArgument", "The address names another sheet.");
  } else sheet = a.sheet ?? model.activeSheet();
  rect = a.rect;
  bindSheetModel(sheet, model);
  assertWritable(sheet);
  if (model.tables.some((x) => x.sheetId === sheet.id && intersect(x.rect, rect))) throw new StandInOfficeError("InvalidOperation", "A table can't overlap another table.");
  if (sheet.mergesIntersecting(rect).length) throw new StandInOfficeError("InvalidOperation", "A table can't contain merged cells.");
  if (!hasHeaders) {
    // "Excel will automatically generate a header and shift the data down by one row" (TableCollection.add).
    model.insertCellsShiftDown(sheet, rect.row, rect.col, rect.colCount);
    rect = { ...rect, rowCount: rect.rowCount + 1 };
  }
  if (rect.rowCount === 1) rect = { ...rect, rowCount: 2 };
  const seen = new Set<string>();
  for (let c = rect.col; c < rect.col + rect.colCount; c++) {
    const v = model.value(sheet, rect.row, c);
    let name = v === "" ? `Column${c - rect.col + 1}` : String(v);
    const base = name;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${base}${i}`;
    seen.add(name.toLowerCase());
    if (name !== v) model.setCell(sheet, rect.row, c, { v: name });
  }
  let n = model.tables.length + 1;
  while (model.tables.some((x) => x.name.toLowerCase() === `table${n}`)) n++;
  const created: TableModel = { id: model.newId("table"), name: `Table${n}`, sheetId: sheet.id, rect, style: "TableStyleMedium2", showBandedRows: true, showHeaders: true, showTotals: false };
  model.tables.push(created);
  return created;
}

function addTableRows(t: TableModel, args: unknown[], h: HostState): void {
  const model = h.model;
  const sheet = tableSheet(model, t);
  assertWritable(sheet);
  const index = args[0] as number | null | undefined;
  const values = args[1] as unknown[][] | null | undefined;
  const dataRows = t.rect.rowCount - 1;
  if (index !== undefined && index !== null && index !== dataRows) throw new StandInOfficeError("NotImplemented", "The simulated host adds table rows at the end only.");
  const rows = values ?? [Array(t.rect.colCount).fill(null)];
  let start = t.rect.row + t.rect.rowCount;
  let grow = rows.length;
  const firstBody = t.rect.row + 1;
  if (dataRows === 1 && Array.from({ length: t.rect.colCount }, (_, c) => model.value(sheet, firstBody, t.rect.col + c)).every((v) => v === "")) {
    start = firstBody;
    grow -= 1;
  }
  for (let r = t.rect.row + t.rect.rowCount; r < t.rect.row + t.rect.rowCount + grow; r++) {
    for (let c = t.rect.col; c < t.rect.col + t.rect.colCount; c++) {
      if (sheet.cells.has(cellKey(r, c))) throw new StandInOfficeError("NotImplemented", "The simulated host does not shift cells below a table: the rows under it must be empty.");
    }
  }
  t.rect = { ...t.rect, rowCount: t.rect.rowCount + grow };
  forEachInput({ row: start, col: t.rect.col, rowCount: rows.length, colCount: t.rect.colCount }, rows, (r, c, v) => model.enter(sheet, r, c, v));
}

// ---------------------------------------------------------------------------------------------------------------
// Executing one request

const camel = (name: string): string => (name.startsWith("_") ? name : name.charAt(0).toLowerCase() + name.slice(1));
const pascal = (name: string): string => (name.startsWith("_") ? name : name.charAt(0).toUpperCase() + name.slice(1));

/** A member's availability on the profile: throws ApiNotFound above its level, as the host would refuse it. */
function checkApi(h: HostState, type: string, member: string, apiSets: Map<string, { set: string; version: string }>, strings: Record<string, string>): void {
  const need = apiSets.get(`${type}.${member}`);
  if (!need) return;
  if (h.profile.supports(need.set, need.version)) return;
  const template = strings.L_ApiNotFoundDetails ?? "The method or property {0} is part of the {1} requirement set, which is not available in your version of {2}.";
  throw new StandInOfficeError("ApiNotFound", template.replace("{0}", `${type}.${member}`).replace("{1}", `${need.set} ${need.version}`).replace("{2}", "Excel"));
}

interface ExecOptions {
  apiSets: Map<string, { set: string; version: string }>;
  strings: Record<string, string>;
}

/** Runs one request's actions against the workbook. Throws with `actionIndex` set on the first failure. */
export class RequestRun {
  private readonly resolved = new Map<number, Resolved | null>();
  readonly results: { ActionId: number; Value: unknown }[] = [];
  private readonly h: HostState;
  private readonly body: RequestMessage["Body"];
  private readonly opts: ExecOptions;
  private readonly root: string;
  /** Paths the client asked Excel to keep a reference to (`_KeepReference`). */
  private readonly kept = new Set<number>();

  constructor(h: HostState, body: RequestMessage["Body"], opts: ExecOptions, root = "Workbook") {
    this.h = h;
    this.body = body;
    this.opts = opts;
    this.root = root;
  }

  private api(type: string, member: string): void {
    checkApi(this.h, type, member, this.opts.apiSets, this.opts.strings);
  }

  private args(info: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] } | undefined): unknown[] {
    const args = [...(info?.Arguments ?? [])];
    info?.ReferencedObjectPathIds?.forEach((id, i) => {
      if (id) args[i] = this.resolve(id);
    });
    return args;
  }

  /** The object a path names, or null for a null object. */
  resolve(id: number): Resolved | null {
    if (this.resolved.has(id)) return this.resolved.get(id) ?? null;
    const info = this.body.ObjectPaths[String(id)];
    if (!info) throw new StandInOfficeError("InvalidObjectPath", `The object path ${id} is not in the request.`);
    const r = this.resolveInfo(info);
    this.resolved.set(id, r);
    return r;
  }

  private resolveInfo(info: ObjectPathInfo): Resolved | null {
    const h = this.h;
    switch (info.ObjectPathType) {
      case 1:
        return { type: this.root, target: {}, nullable: false };
      case 6: {
        const r = h.references.get(info.Name);
        if (!r) throw new StandInOfficeError("InvalidObjectPath", "The object path isn't working for what you're trying to do (the reference was released).");
        return r;
      }
      case 7:
        return null;
      case 2:
        throw new StandInOfficeError("NotImplemented", `The simulated host has no top-level object ${info.Name}.`);
      default:
        break;
    }
    const parent = this.resolve(info.ParentObjectPathId ?? 0);
    if (!parent) return null; // a null object's children are null objects
    const def = TYPES[parent.type];
    if (!def) throw new StandInOfficeError("NotImplemented", `The simulated host does not model ${parent.type}.`);
    let fn: ObjectFn | undefined;
    let member = "";
    if (info.ObjectPathType === 4) {
      member = camel(info.Name);
      fn = def.nav?.[member];
    } else if (info.ObjectPathType === 3) {
      member = camel(info.Name);
      fn = def.objects?.[member];
      if (!fn && member === "getItemAt" && def.items) {
        const items = def.items;
        fn = { type: items.type, get: (t, a, hh) => items.list(t, hh)[Number(a[0])] ?? null };
      }
    } else if (info.ObjectPathType === 5) {
      member = "getItem";
      fn = def.indexer;
      if (!fn && def.items?.id) {
        const items = def.items;
        fn = { type: items.type, get: (t, a, hh) => items.list(t, hh).find((x) => items.id?.(x) === String(a[0])) ?? null };
      }
    }
    if (!fn) throw new StandInOfficeError("NotImplemented", `The simulated host does not model ${parent.type}.${member || info.Name}.`);
    this.api(parent.type, member);
    const nullable = parent.nullable || Boolean(fn.nullable);
    const target = fn.get(parent.target, this.args(info.ArgumentInfo), h);
    if (target === null || target === undefined) {
      if (nullable) return null;
      throw itemNotFound(`${parent.type}.${member}(${JSON.stringify(info.ArgumentInfo?.Arguments ?? [])})`);
    }
    const r: Resolved = { type: fn.type, target, nullable };
    if (r.type === "Worksheet" || r.type === "Range" || r.type === "RangeAreas") bindSheetModel(r.type === "Worksheet" ? (target as SheetModel) : (target as RangeTarget).sheet, h.model);
    return r;
  }

  run(): void {
    const actions = this.body.Actions;
    for (let i = 0; i < actions.length; i++) {
      try {
        this.action(actions[i]);
      } catch (e) {
        (e as { actionIndex?: number }).actionIndex = i;
        throw e;
      }
    }
  }

  /** Run one action (also used for fault injection, which stops before a chosen one). */
  action(a: ActionInfo): void {
    switch (a.ActionType) {
      case 1:
        return this.instantiate(a);
      case 2:
      case 7:
        return this.query(a);
      case 3:
        return this.method(a);
      case 4:
        return this.setProperty(a);
      case 9:
        return this.update(a);
      default:
        return; // trace, ensure-unchanged: nothing to do here
    }
  }

  private instantiate(a: ActionInfo): void {
    const r = this.resolve(a.ObjectPathId);
    const info = this.body.ObjectPaths[String(a.ObjectPathId)];
    if (!r) {
      this.results.push({ ActionId: a.Id, Value: null });
      return;
    }
    if (info.ObjectPathType === 6) return;
    if (this.kept.has(a.ObjectPathId)) {
      // Office's client asks Excel to keep a reference to each range an Excel.run creates (`_KeepReference`, then
      // a second instantiate); Excel answers with a reference id and the client addresses the object by it from then
      // on (ObjectPath.updateUsingObjectData), so the range stays usable in later syncs of the same run.
      const ref = `{${r.type === "Range" ? "R" : "A"}${this.h.nextReference++}}`;
      this.h.references.set(ref, r);
      this.results.push({ ActionId: a.Id, Value: { _ReferenceId: ref } });
      return;
    }
    const items = r.type === "Worksheet" ? TYPES.WorksheetCollection.items : r.type === "Table" ? TYPES.TableCollection.items : undefined;
    if (items?.id && (info.ObjectPathType === 3 || info.ObjectPathType === 5)) {
      // Sheets and tables come back with their id, so the client addresses them by id from then on.
      this.results.push({ ActionId: a.Id, Value: { _Id: items.id(r.target) } });
      return;
    }
    if (r.nullable) this.results.push({ ActionId: a.Id, Value: {} });
  }

  private readProps(r: Resolved, select: string[] | undefined): Record<string, unknown> {
    const def = TYPES[r.type] ?? {};
    const props: Record<string, PropDef<any>> = r.type === "RangeFill" ? fillRead(this.h) : (def.props ?? {}); // eslint-disable-line @typescript-eslint/no-explicit-any
    const out: Record<string, unknown> = {};
    if (def.items) {
      const items = def.items;
      const list = items.list(r.target, this.h);
      out._Items = list.map((item) => {
        const child = this.readProps({ type: items.type, target: item, nullable: false }, select);
        return items.id ? { _Id: items.id(item), ...child } : child;
      });
      if (def.props?.count) out.Count = list.length;
      return out;
    }
    const paths = (select && select.length ? select : Object.keys(props).filter((k) => props[k].read)).map((s) => s.split("/"));
    const groups = new Map<string, string[]>();
    for (const [head, ...rest] of paths) {
      const list = groups.get(head) ?? [];
      if (rest.length) list.push(rest.join("/"));
      groups.set(head, list);
    }
    for (const [head, rest] of groups) {
      if (head === "isNullObject" || head === "_ReferenceId") continue;
      const p = props[head];
      if (p?.read) {
        this.api(r.type, head);
        out[pascal(head)] = p.read(r.target);
        continue;
      }
      const nav = def.nav?.[head];
      if (nav) {
        this.api(r.type, head);
        const target = nav.get(r.target, [], this.h);
        out[pascal(head)] = target === null ? null : this.readProps({ type: nav.type, target, nullable: false }, rest);
        continue;
      }
      throw new StandInOfficeError("InvalidArgument", `The property '${head}' is not part of ${r.type} (or is not modelled by the simulated host).`);
    }
    return out;
  }

  private query(a: ActionInfo): void {
    const r = this.resolve(a.ObjectPathId);
    if (!r) {
      this.results.push({ ActionId: a.Id, Value: null });
      return;
    }
    const select = [...(a.QueryInfo?.Select ?? []), ...(a.QueryInfo?.Expand ?? [])];
    let value = this.readProps(r, select.length ? select : undefined);
    if (r.nullable) value = { ...value };
    const items = value._Items as unknown[] | undefined;
    if (items && (a.QueryInfo?.Skip || a.QueryInfo?.Top)) {
      const skip = a.QueryInfo.Skip ?? 0;
      value._Items = items.slice(skip, a.QueryInfo.Top ? skip + a.QueryInfo.Top : undefined);
    }
    this.results.push({ ActionId: a.Id, Value: value });
  }

  private method(a: ActionInfo): void {
    const r = this.resolve(a.ObjectPathId);
    if (!r) return; // methods on a null object do nothing
    const name = camel(a.Name);
    if (name === "_KeepReference") {
      this.kept.add(a.ObjectPathId);
      return;
    }
    if (name === "_RemoveReference") {
      for (const ref of a.ArgumentInfo?.Arguments ?? []) this.h.references.delete(String(ref));
      return;
    }
    const fn = TYPES[r.type]?.methods?.[name];
    if (!fn) throw new StandInOfficeError("NotImplemented", `The simulated host does not model ${r.type}.${name}().`);
    this.api(r.type, name);
    const value = fn(r.target, this.args(a.ArgumentInfo), this.h);
    if (value !== undefined) this.results.push({ ActionId: a.Id, Value: value });
  }

  private setProperty(a: ActionInfo): void {
    const r = this.resolve(a.ObjectPathId);
    if (!r) return;
    const name = camel(a.Name);
    this.set(r, name, this.args(a.ArgumentInfo)[0]);
  }

  private set(r: Resolved, name: string, value: unknown): void {
    const p = TYPES[r.type]?.props?.[name];
    if (!p?.write) throw new StandInOfficeError("InvalidArgument", `The property '${name}' of ${r.type} is read-only (or not modelled by the simulated host).`);
    this.api(r.type, name);
    p.write(r.target, value, this.h.model);
  }

  /** `object.set({...})`: properties, then navigation properties, as Office's Update action carries them. */
  private update(a: ActionInfo): void {
    const r = this.resolve(a.ObjectPathId);
    if (!r) return;
    this.applyState(r, a.ObjectState ?? {});
  }

  private applyState(r: Resolved, state: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(state)) {
      const name = camel(key);
      const nav = TYPES[r.type]?.nav?.[name];
      if (nav && typeof value === "object" && value !== null && !Array.isArray(value)) {
        this.applyState({ type: nav.type, target: nav.get(r.target, [], this.h), nullable: false }, value as Record<string, unknown>);
      } else this.set(r, name, value);
    }
  }
}
