/**
 * The stand-in's client objects: proxies shaped like Office.js's. Writes and loads are queued on the request
 * context and happen at `context.sync()`, in order; a property can only be read once it was loaded and synced
 * (or set locally), exactly as in Office.
 */
import type { RangeRef } from "../../../src/core/a1";
import { MAX_COLS, MAX_ROWS, intersect, parseArea, qualifiedAddress, splitAreas, localAddress } from "./address";
import { StandInOfficeError, propertyNotLoaded } from "./errors";
import {
  DEFAULT_COLUMN_WIDTH_POINTS,
  DEFAULT_FORMAT,
  DEFAULT_ROW_HEIGHT_POINTS,
  cellKey,
  keyCol,
  keyRow,
  type BorderEdge,
  type CellFormat,
  type SheetModel,
  type TableModel,
  type WorkbookModel,
} from "./model";
import { renderNumberFormat } from "./numberFormat";

// ---------------------------------------------------------------------------------------------------------------
// Request context and queue

export interface SyncRecord {
  bytes: number;
  actions: number;
}

export interface StandInStats {
  /** `context.sync()` calls, including the final one Excel.run makes for leftover queued work. */
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
}

export interface Host {
  model: WorkbookModel;
  stats: StandInStats;
  payloadLimitBytes: number;
  latencyMs: number;
}

interface Action {
  desc: unknown;
  run: () => unknown;
  apply?: (data: unknown) => void;
}

function utf8Bytes(text: string): number {
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

export class StandInRequestContext {
  readonly workbook: StandInWorkbook;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  /** @internal */ readonly host: Host;
  private queue: Action[] = [];
  private closed = false;

  constructor(host: Host) {
    this.host = host;
    this.workbook = new StandInWorkbook(this);
  }

  /** @internal */ enqueue(action: Action): void {
    if (this.closed) {
      throw new StandInOfficeError("InvalidObjectPath", "The object path isn't working for what you're trying to do. The request context of this object has ended (Excel.run has finished).");
    }
    this.queue.push(action);
  }

  /** @internal */ get pending(): number {
    return this.queue.length;
  }

  /** @internal */ close(): void {
    this.closed = true;
  }

  async sync(): Promise<void> {
    if (this.closed) throw new StandInOfficeError("InvalidObjectPath", "The request context has ended (Excel.run has finished).");
    const actions = this.queue;
    this.queue = [];
    const { stats, model, payloadLimitBytes, latencyMs } = this.host;
    const requestBytes = utf8Bytes(JSON.stringify(actions.map((a) => a.desc)));
    stats.syncs++;
    stats.requests.push({ bytes: requestBytes, actions: actions.length });
    stats.maxRequestBytes = Math.max(stats.maxRequestBytes, requestBytes);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    else await Promise.resolve();
    if (requestBytes > payloadLimitBytes) {
      stats.rejected++;
      stats.responses.push({ bytes: 0, rejected: true });
      throw new StandInOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${requestBytes} bytes > ${payloadLimitBytes}). Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".`);
    }
    const results: unknown[] = [];
    try {
      for (const a of actions) results.push(a.run());
    } finally {
      model.engine.settle();
    }
    // Only loads and method results carry data back; property sets and void calls do not.
    const responseBytes = utf8Bytes(JSON.stringify(results.filter((r) => r !== undefined)));
    const tooBig = responseBytes > payloadLimitBytes;
    stats.responses.push(tooBig ? { bytes: responseBytes, rejected: true } : { bytes: responseBytes });
    stats.maxResponseBytes = Math.max(stats.maxResponseBytes, responseBytes);
    if (tooBig) {
      stats.rejected++;
      throw new StandInOfficeError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${responseBytes} bytes > ${payloadLimitBytes}). Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".`);
    }
    actions.forEach((a, i) => a.apply?.(results[i]));
  }
}

/** A value returned by a method (getCount...), available after sync. */
export class StandInClientResult<T> {
  private loaded = false;
  private v: T | undefined;
  /** @internal */ set(v: T): void {
    this.v = v;
    this.loaded = true;
  }
  get value(): T {
    if (!this.loaded) throw propertyNotLoaded("value", "ClientResult.value");
    return this.v as T;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Proxy base: properties, loads and sets

interface PropDef<T> {
  read?: (target: T) => unknown;
  write?: (target: T, value: unknown, proxy: ProxyObject<T>) => void;
}

type LoadPath = string[];

function parseLoadSpec(spec: unknown): LoadPath[] {
  if (spec === undefined || spec === null) return [];
  if (typeof spec === "string") return spec.split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => s.split("/"));
  if (Array.isArray(spec)) return spec.flatMap((s) => parseLoadSpec(s));
  if (typeof spec === "object") {
    const o = spec as Record<string, unknown>;
    if ("select" in o || "expand" in o) return [...parseLoadSpec(o.select), ...parseLoadSpec(o.expand)];
    const out: LoadPath[] = [];
    for (const [k, v] of Object.entries(o)) {
      if (v === true) out.push([k]);
      else if (typeof v === "object" && v !== null) {
        const sub = parseLoadSpec(v);
        if (sub.length === 0) out.push([k]);
        else for (const p of sub) out.push([k, ...p]);
      }
    }
    return out;
  }
  throw new StandInOfficeError("InvalidArgument", "load() takes a property name, a list of names or an object.");
}

function groupPaths(paths: LoadPath[]): Map<string, LoadPath[]> {
  const m = new Map<string, LoadPath[]>();
  for (const p of paths) {
    const [head, ...rest] = p;
    const list = m.get(head) ?? [];
    if (rest.length) list.push(rest);
    m.set(head, list);
  }
  return m;
}

/** What a parent needs of a child proxy to load it. */
interface Loadable {
  _loadData(paths: LoadPath[]): Record<string, unknown>;
  _applyLoad(data: unknown): void;
}

export abstract class ProxyObject<T> {
  /** @internal */ readonly _ctx: StandInRequestContext;
  /** @internal */ readonly _loaded = new Map<string, unknown>();
  private _cache: T | null | undefined = undefined;
  protected readonly _nullable: boolean;
  private readonly _children = new Map<string, unknown>();

  constructor(ctx: StandInRequestContext, nullable = false) {
    this._ctx = ctx;
    this._nullable = nullable;
    if (nullable) {
      // Office resolves ...OrNullObject objects at the next sync, which tells isNullObject.
      ctx.enqueue({
        desc: { resolve: "nullable" },
        run: () => ({ isNullObject: this._target() === null }),
        apply: (d) => this._loaded.set("isNullObject", (d as { isNullObject: boolean }).isNullObject),
      });
    }
  }

  get context(): StandInRequestContext {
    return this._ctx;
  }

  /** @internal */ abstract _path(): string;
  /** @internal */ protected abstract _find(): T | null;
  /** @internal */ protected _defs(): Record<string, PropDef<T>> {
    return {};
  }
  /** @internal */ protected _childNames(): string[] {
    return [];
  }

  /** The model object, resolved on first use during a sync. */
  /** @internal */ _target(): T | null {
    if (this._cache === undefined) {
      const t = this._find();
      if (t === null && !this._nullable) {
        throw new StandInOfficeError("ItemNotFound", `The requested resource doesn't exist. (${this._path()})`);
      }
      if (this._cacheable()) this._cache = t;
      return t;
    }
    return this._cache;
  }

  /** @internal */ protected _cacheable(): boolean {
    return true;
  }

  /** @internal */ _require(): T {
    const t = this._target();
    if (t === null) throw new StandInOfficeError("ItemNotFound", `The requested resource doesn't exist. (${this._path()})`);
    return t;
  }

  /** @internal */ protected _child<C>(name: string, make: () => C): C {
    let c = this._children.get(name);
    if (!c) {
      c = make();
      this._children.set(name, c);
    }
    return c as C;
  }

  /** @internal */ protected _childByName(name: string): Loadable | undefined {
    if (!this._childNames().includes(name)) return undefined;
    return (this as unknown as Record<string, Loadable>)[name];
  }

  get isNullObject(): boolean {
    if (!this._nullable) return false;
    return this._get("isNullObject") as boolean;
  }

  /** @internal */ _get(prop: string): unknown {
    if (!this._loaded.has(prop)) throw propertyNotLoaded(prop, `${this._path()}.${prop}`);
    return this._loaded.get(prop);
  }

  /** @internal */ _set(prop: string, value: unknown): void {
    const def = this._defs()[prop];
    if (!def?.write) throw new StandInOfficeError("InvalidArgument", `The property '${prop}' is read-only.`);
    const write = def.write;
    this._loaded.set(prop, value);
    this._ctx.enqueue({
      desc: { set: this._path(), p: prop, v: value },
      run: () => {
        write(this._require(), value, this);
        return undefined;
      },
    });
  }

  /** Queue a method call. */
  /** @internal */ _call(name: string, args: unknown[], run: (target: T) => unknown, apply?: (data: unknown) => void): void {
    this._ctx.enqueue({ desc: { call: this._path(), m: name, a: args }, run: () => run(this._require()), apply });
  }

  /** @internal */ _loadData(paths: LoadPath[]): Record<string, unknown> {
    const target = this._target();
    if (target === null) return { isNullObject: true };
    const out: Record<string, unknown> = {};
    if (this._nullable) out.isNullObject = false;
    const defs = this._defs();
    const groups = paths.length ? groupPaths(paths) : new Map(Object.keys(defs).filter((k) => defs[k].read).map((k) => [k, [] as LoadPath[]]));
    for (const [head, rest] of groups) {
      const def = defs[head];
      if (def?.read) {
        out[head] = def.read(target);
        continue;
      }
      if (head === "isNullObject") continue;
      const child = this._childByName(head);
      if (child) {
        out[head] = child._loadData(rest);
        continue;
      }
      throw new StandInOfficeError("InvalidArgument", `The property '${head}' is not part of ${this._path()} (or is not modelled by the stand-in).`);
    }
    return out;
  }

  /** @internal */ _applyLoad(data: unknown): void {
    if (typeof data !== "object" || data === null) return;
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
      const child = this._childByName(k);
      if (child) child._applyLoad(v);
      else this._loaded.set(k, v);
    }
  }

  load(spec?: unknown): this {
    const paths = parseLoadSpec(spec);
    this._ctx.enqueue({
      desc: { load: this._path(), select: paths.map((p) => p.join("/")) },
      run: () => this._loadData(paths),
      apply: (d) => this._applyLoad(d),
    });
    return this;
  }

  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

/** Give a proxy class getters/setters for its property table: reads need load + sync, writes are queued. */
function installProps(cls: { prototype: object }, names: string[], writable: string[]): void {
  for (const name of names) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: true,
      get(this: ProxyObject<unknown>) {
        return this._get(name);
      },
      set: writable.includes(name)
        ? function (this: ProxyObject<unknown>, v: unknown) {
            this._set(name, v);
          }
        : undefined,
    });
  }
}

function defsFor<T>(defs: Record<string, PropDef<T>>): { names: string[]; writable: string[] } {
  return { names: Object.keys(defs), writable: Object.keys(defs).filter((k) => defs[k].write) };
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers over the model

export interface AreaTarget {
  sheet: SheetModel;
  rects: RangeRef[];
}

function assertWritable(sheet: SheetModel): void {
  if (sheet.protected) {
    throw new StandInOfficeError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet ('${sheet.name}'). Unprotect the sheet first.`);
  }
}

function forEachCell(rects: RangeRef[], fn: (r: number, c: number) => void): void {
  for (const rect of rects) {
    if (rect.rowCount * rect.colCount > 5_000_000) {
      throw new StandInOfficeError("InvalidOperation", "The stand-in refuses to touch more than 5,000,000 cells in one operation (whole columns or rows?).");
    }
    for (let r = rect.row; r < rect.row + rect.rowCount; r++) for (let c = rect.col; c < rect.col + rect.colCount; c++) fn(r, c);
  }
}

/** A uniform value over the cells, else null (as Office reports mixed formats). */
function uniform(rects: RangeRef[], get: (r: number, c: number) => unknown): unknown {
  let first: unknown = undefined;
  let mixed = false;
  let seen = false;
  forEachCell(rects, (r, c) => {
    if (mixed) return;
    const v = get(r, c);
    if (!seen) {
      first = v;
      seen = true;
    } else if (v !== first) mixed = true;
  });
  return mixed ? null : (first ?? null);
}

function grid<T>(rect: RangeRef, fn: (r: number, c: number) => T): T[][] {
  if (rect.rowCount * rect.colCount > 5_000_000) {
    throw new StandInOfficeError("InvalidOperation", "The stand-in refuses to read more than 5,000,000 cells in one property (whole columns or rows?).");
  }
  const out: T[][] = [];
  for (let r = rect.row; r < rect.row + rect.rowCount; r++) {
    const row: T[] = [];
    for (let c = rect.col; c < rect.col + rect.colCount; c++) row.push(fn(r, c));
    out.push(row);
  }
  return out;
}

/** Apply a 2-D input (or one value for every cell) to a rectangle, checking dimensions as Office does. */
function forEachInput(rect: RangeRef, input: unknown, fn: (r: number, c: number, v: unknown) => void): void {
  if (Array.isArray(input)) {
    if (input.length !== rect.rowCount || input.some((row) => !Array.isArray(row) || row.length !== rect.colCount)) {
      throw new StandInOfficeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rect.rowCount}x${rect.colCount}).`);
    }
    (input as unknown[][]).forEach((row, i) => row.forEach((v, j) => fn(rect.row + i, rect.col + j, v)));
  } else forEachCell([rect], (r, c) => fn(r, c, input));
}

function setFormatField<K extends keyof CellFormat>(sheet: SheetModel, r: number, c: number, key: K, value: CellFormat[K] | undefined): void {
  if (value === undefined) {
    const f = sheet.format(r, c);
    if (!f) return;
    delete f[key];
    if (Object.keys(f).length === 0) sheet.formats.delete(cellKey(r, c));
    return;
  }
  sheet.formatForWrite(r, c)[key] = value;
}

function normaliseColour(v: unknown): string {
  if (typeof v !== "string") throw new StandInOfficeError("InvalidArgument", "A colour is a string such as \"#FF0000\" or \"red\".");
  const named: Record<string, string> = { red: "#FF0000", white: "#FFFFFF", black: "#000000", yellow: "#FFFF00", blue: "#0000FF", green: "#008000", orange: "#FFA500", grey: "#808080", gray: "#808080" };
  const lower = v.toLowerCase();
  if (named[lower]) return named[lower];
  if (/^#[0-9a-f]{6}$/i.test(v)) return v.toUpperCase();
  if (/^#[0-9a-f]{3}$/i.test(v)) return `#${v.slice(1).split("").map((c) => c + c).join("")}`.toUpperCase();
  throw new StandInOfficeError("InvalidArgument", `Not a colour: ${v}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Workbook

export class StandInWorkbook {
  private readonly ctx: StandInRequestContext;
  readonly worksheets: StandInWorksheetCollection;
  readonly tables: StandInTableCollection;
  readonly application: { calculate: (type?: string) => void; suspendApiCalculationUntilNextSync: () => void };

  constructor(ctx: StandInRequestContext) {
    this.ctx = ctx;
    this.worksheets = new StandInWorksheetCollection(ctx);
    this.tables = new StandInTableCollection(ctx, null);
    this.application = { calculate: () => undefined, suspendApiCalculationUntilNextSync: () => undefined };
  }

  get context(): StandInRequestContext {
    return this.ctx;
  }

  getSelectedRange(): StandInRange {
    const model = this.ctx.host.model;
    return new StandInRange(this.ctx, "workbook.getSelectedRange()", () => {
      const sel = model.selection;
      const sheet = sel ? model.sheetById(sel.sheetId) : undefined;
      if (sel && sheet) return { sheet, rect: sel.rect };
      return { sheet: model.activeSheet(), rect: { row: 0, col: 0, rowCount: 1, colCount: 1 } };
    });
  }

  getActiveCell(): StandInRange {
    const sel = this.getSelectedRange();
    return sel.getCell(0, 0);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Worksheets

export class StandInWorksheetCollection extends ProxyObject<SheetModel[]> {
  constructor(ctx: StandInRequestContext) {
    super(ctx);
  }
  _path(): string {
    return "worksheets";
  }
  protected _find(): SheetModel[] {
    return this._ctx.host.model.sheets;
  }
  protected override _cacheable(): boolean {
    return false;
  }
  get items(): StandInWorksheet[] {
    return this._get("items") as StandInWorksheet[];
  }
  get count(): number {
    return this._get("count") as number;
  }
  override _loadData(paths: LoadPath[]): Record<string, unknown> {
    const sheets = this._require();
    const groups = groupPaths(paths);
    const itemPaths: LoadPath[] = [];
    const out: Record<string, unknown> = {};
    for (const [head, rest] of groups) {
      if (head === "count") out.count = sheets.length;
      else if (head === "items") itemPaths.push(...rest);
      else itemPaths.push([head, ...rest.flat()]);
    }
    if (paths.length === 0 || groups.has("items") || itemPaths.length) {
      out.items = sheets.map((s) => ({ _Id: s.id, ...new StandInWorksheet(this._ctx, `worksheets('${s.id}')`, () => s)._loadData(itemPaths) }));
    }
    return out;
  }
  override _applyLoad(data: unknown): void {
    const d = data as { items?: Record<string, unknown>[]; count?: number };
    if (d.count !== undefined) this._loaded.set("count", d.count);
    if (d.items) {
      const model = this._ctx.host.model;
      this._loaded.set(
        "items",
        d.items.map((item) => {
          const id = String(item._Id);
          const ws = new StandInWorksheet(this._ctx, `worksheets.getItem('${id}')`, () => model.sheetById(id) ?? null);
          const { _Id: _ignored, ...rest } = item;
          ws._applyLoad(rest);
          return ws;
        }),
      );
    }
  }

  getItem(key: string): StandInWorksheet {
    const model = this._ctx.host.model;
    return new StandInWorksheet(this._ctx, `worksheets.getItem('${key}')`, () => model.sheetByName(key) ?? model.sheetById(key) ?? null);
  }

  getItemOrNullObject(key: string): StandInWorksheet {
    const model = this._ctx.host.model;
    return new StandInWorksheet(this._ctx, `worksheets.getItemOrNullObject('${key}')`, () => model.sheetByName(key) ?? model.sheetById(key) ?? null, true);
  }

  getActiveWorksheet(): StandInWorksheet {
    const model = this._ctx.host.model;
    return new StandInWorksheet(this._ctx, "worksheets.getActiveWorksheet()", () => model.activeSheet());
  }

  getFirst(visibleOnly?: boolean): StandInWorksheet {
    const model = this._ctx.host.model;
    return new StandInWorksheet(this._ctx, "worksheets.getFirst()", () => model.sheets.find((s) => !visibleOnly || s.visibility === "Visible") ?? null);
  }

  getCount(visibleOnly?: boolean): StandInClientResult<number> {
    const result = new StandInClientResult<number>();
    this._call("getCount", [visibleOnly ?? false], (sheets) => sheets.filter((s) => !visibleOnly || s.visibility === "Visible").length, (n) => result.set(n as number));
    return result;
  }

  add(name?: string): StandInWorksheet {
    const model = this._ctx.host.model;
    let created: SheetModel | null = null;
    const ws = new StandInWorksheet(this._ctx, `worksheets.add('${name ?? ""}')`, () => created);
    this._call("add", [name ?? null], () => {
      created = model.addSheet(name);
      return undefined;
    });
    return ws;
  }
}

const WORKSHEET_DEFS: Record<string, PropDef<SheetModel>> = {
  name: {
    read: (s) => s.name,
    write: (s, v, p) => {
      if (typeof v !== "string") throw new StandInOfficeError("InvalidArgument", "A sheet name is text.");
      (p as StandInWorksheet)._model().renameSheet(s, v);
    },
  },
  id: { read: (s) => s.id },
  position: {
    read: (s) => modelOf({ sheet: s }).sheets.indexOf(s),
    write: (s, v, p) => {
      const model = (p as StandInWorksheet)._model();
      const i = model.sheets.indexOf(s);
      const to = Math.max(0, Math.min(model.sheets.length - 1, Number(v)));
      model.sheets.splice(i, 1);
      model.sheets.splice(to, 0, s);
    },
  },
  visibility: {
    read: (s) => s.visibility,
    write: (s, v, p) => {
      const model = (p as StandInWorksheet)._model();
      if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden") throw new StandInOfficeError("InvalidArgument", `Not a visibility: ${String(v)}`);
      if (v !== "Visible" && s.visibility === "Visible" && model.sheets.filter((x) => x.visibility === "Visible").length === 1) {
        throw new StandInOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      s.visibility = v;
      if (v !== "Visible" && model.activeSheetId === s.id) model.activeSheetId = model.sheets.find((x) => x.visibility === "Visible")?.id ?? "";
    },
  },
  showGridlines: { read: (s) => s.showGridlines, write: (s, v) => void (s.showGridlines = Boolean(v)) },
  tabColor: { read: (s) => s.tabColor, write: (s, v) => void (s.tabColor = v === "" || v === null ? "" : normaliseColour(v)) },
};
const WORKSHEET_PROPS = defsFor(WORKSHEET_DEFS);

export class StandInWorksheet extends ProxyObject<SheetModel> {
  private readonly path: string;
  private readonly finder: () => SheetModel | null;

  constructor(ctx: StandInRequestContext, path: string, finder: () => SheetModel | null, nullable = false) {
    super(ctx, nullable);
    this.path = path;
    this.finder = finder;
  }
  _path(): string {
    return this.path;
  }
  protected _find(): SheetModel | null {
    const s = this.finder();
    if (s) bindSheetModel(s, this._model());
    return s;
  }
  protected override _defs(): Record<string, PropDef<SheetModel>> {
    return WORKSHEET_DEFS;
  }
  protected override _childNames(): string[] {
    return ["protection", "freezePanes", "pageLayout"];
  }
  /** @internal */ _model(): WorkbookModel {
    return this._ctx.host.model;
  }

  get protection(): StandInWorksheetProtection {
    return this._child("protection", () => new StandInWorksheetProtection(this._ctx, this));
  }
  get freezePanes(): StandInFreezePanes {
    return this._child("freezePanes", () => new StandInFreezePanes(this._ctx, this));
  }
  get pageLayout(): StandInPageLayout {
    return this._child("pageLayout", () => new StandInPageLayout(this._ctx, this));
  }
  get tables(): StandInTableCollection {
    return this._child("tables", () => new StandInTableCollection(this._ctx, this));
  }

  private rangeOn(path: string, rect: () => RangeRef | null, nullable = false): StandInRange {
    return new StandInRange(
      this._ctx,
      `${this.path}.${path}`,
      () => {
        const sheet = this._require();
        const r = rect();
        return r ? { sheet, rect: r } : null;
      },
      nullable,
    );
  }

  getRange(address?: string): StandInRange {
    if (address === undefined || address === "") return this.rangeOn("getRange()", () => ({ row: 0, col: 0, rowCount: MAX_ROWS, colCount: MAX_COLS }));
    return this.rangeOn(`getRange('${address}')`, () => {
      let parsed;
      try {
        parsed = parseArea(address);
      } catch {
        throw new StandInOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (address '${address}')`);
      }
      if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== this._require().name.toLowerCase()) {
        throw new StandInOfficeError("InvalidArgument", `The address '${address}' names another sheet.`);
      }
      return parsed.rect;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): StandInRange {
    return this.rangeOn(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLS) {
        throw new StandInOfficeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format. (getRangeByIndexes)");
      }
      return { row: startRow, col: startColumn, rowCount, colCount: columnCount };
    });
  }

  getCell(row: number, column: number): StandInRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  getRanges(address: string): StandInRangeAreas {
    return new StandInRangeAreas(this._ctx, `${this.path}.getRanges('${address}')`, () => {
      const sheet = this._require();
      // Excel refuses long area lists with InvalidArgument at an undocumented limit (reported from about
      // 8,000 characters / 500 areas: OfficeDev/office-js#5198): the stand-in refuses above 8,192 characters.
      if (address.length > 8_192) throw new StandInOfficeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format. (getRanges address too long)");
      const rects = splitAreas(address.replace(/;/g, ",")).map((a) => {
        let parsed;
        try {
          parsed = parseArea(a);
        } catch {
          throw new StandInOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (address '${a}')`);
        }
        if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
          throw new StandInOfficeError("InvalidArgument", `The address '${a}' names another sheet.`);
        }
        return parsed.rect;
      });
      if (rects.length === 0) throw new StandInOfficeError("InvalidArgument", "getRanges needs at least one address.");
      return { sheet, rects };
    });
  }

  getUsedRange(valuesOnly?: boolean): StandInRange {
    return this.rangeOn("getUsedRange()", () => this._require().usedRect(Boolean(valuesOnly)) ?? { row: 0, col: 0, rowCount: 1, colCount: 1 });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): StandInRange {
    return this.rangeOn("getUsedRangeOrNullObject()", () => this._require().usedRect(Boolean(valuesOnly)), true);
  }

  activate(): void {
    this._call("activate", [], (s) => {
      if (s.visibility !== "Visible") throw new StandInOfficeError("InvalidOperation", "A hidden sheet cannot be activated.");
      const model = this._model();
      model.activeSheetId = s.id;
      if (model.selection?.sheetId !== s.id) model.selection = { sheetId: s.id, rect: { row: 0, col: 0, rowCount: 1, colCount: 1 } };
    });
  }

  delete(): void {
    this._call("delete", [], (s) => this._model().deleteSheet(s));
  }
}
installProps(StandInWorksheet, WORKSHEET_PROPS.names, WORKSHEET_PROPS.writable);

// ---------------------------------------------------------------------------------------------------------------
// Worksheet parts

export class StandInWorksheetProtection extends ProxyObject<SheetModel> {
  private readonly sheet: StandInWorksheet;
  constructor(ctx: StandInRequestContext, sheet: StandInWorksheet) {
    super(ctx);
    this.sheet = sheet;
  }
  _path(): string {
    return `${this.sheet._path()}.protection`;
  }
  protected _find(): SheetModel {
    return this.sheet._require();
  }
  protected override _cacheable(): boolean {
    return false;
  }
  protected override _defs(): Record<string, PropDef<SheetModel>> {
    return { protected: { read: (s) => s.protected } };
  }
  get protected(): boolean {
    return this._get("protected") as boolean;
  }
  protect(_options?: unknown, password?: string): void {
    this._call("protect", [password === undefined ? null : "***"], (s) => {
      if (s.protected) throw new StandInOfficeError("InvalidOperation", "The sheet is already protected.");
      s.protected = true;
      s.protectionPassword = password;
    });
  }
  unprotect(password?: string): void {
    this._call("unprotect", [password === undefined ? null : "***"], (s) => {
      if (s.protectionPassword !== undefined && s.protectionPassword !== password) throw new StandInOfficeError("InvalidArgument", "The password is not correct.");
      s.protected = false;
      s.protectionPassword = undefined;
    });
  }
}

export class StandInFreezePanes extends ProxyObject<SheetModel> {
  private readonly sheet: StandInWorksheet;
  constructor(ctx: StandInRequestContext, sheet: StandInWorksheet) {
    super(ctx);
    this.sheet = sheet;
  }
  _path(): string {
    return `${this.sheet._path()}.freezePanes`;
  }
  protected _find(): SheetModel {
    return this.sheet._require();
  }
  protected override _cacheable(): boolean {
    return false;
  }
  freezeRows(count?: number): void {
    this._call("freezeRows", [count ?? 1], (s) => {
      s.freezeRows = count ?? 1;
      s.freezeColumns = 0;
    });
  }
  freezeColumns(count?: number): void {
    this._call("freezeColumns", [count ?? 1], (s) => {
      s.freezeColumns = count ?? 1;
      s.freezeRows = 0;
    });
  }
  freezeAt(at: string | StandInRange): void {
    this._call("freezeAt", [typeof at === "string" ? at : at._path()], (s) => {
      const rect = typeof at === "string" ? parseArea(at).rect : at._require().rect;
      s.freezeRows = rect.row + rect.rowCount;
      s.freezeColumns = rect.col + rect.colCount;
    });
  }
  unfreeze(): void {
    this._call("unfreeze", [], (s) => {
      s.freezeRows = 0;
      s.freezeColumns = 0;
    });
  }
  getLocationOrNullObject(): StandInRange {
    return new StandInRange(
      this._ctx,
      `${this._path()}.getLocationOrNullObject()`,
      () => {
        const s = this.sheet._require();
        if (s.freezeRows === 0 && s.freezeColumns === 0) return null;
        return { sheet: s, rect: { row: 0, col: 0, rowCount: Math.max(1, s.freezeRows), colCount: Math.max(1, s.freezeColumns) } };
      },
      true,
    );
  }
}

const PAGE_DEFS: Record<string, PropDef<SheetModel>> = {
  orientation: {
    read: (s) => s.pageLayout.orientation,
    write: (s, v) => {
      if (v !== "Portrait" && v !== "Landscape") throw new StandInOfficeError("InvalidArgument", `Not an orientation: ${String(v)}`);
      s.pageLayout.orientation = v;
    },
  },
  zoom: {
    read: (s) => ({ ...s.pageLayout.zoom }),
    write: (s, v) => {
      const z = v as { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
      if (z.scale !== undefined && (z.horizontalFitToPages !== undefined || z.verticalFitToPages !== undefined)) {
        throw new StandInOfficeError("InvalidArgument", "Zoom takes either a scale or fit-to-pages, not both.");
      }
      s.pageLayout.zoom = { ...z };
    },
  },
  centerHorizontally: { read: (s) => s.pageLayout.centerHorizontally, write: (s, v) => void (s.pageLayout.centerHorizontally = Boolean(v)) },
  centerVertically: { read: (s) => s.pageLayout.centerVertically, write: (s, v) => void (s.pageLayout.centerVertically = Boolean(v)) },
  printGridlines: { read: (s) => s.pageLayout.printGridlines, write: (s, v) => void (s.pageLayout.printGridlines = Boolean(v)) },
  printHeadings: { read: (s) => s.pageLayout.printHeadings, write: (s, v) => void (s.pageLayout.printHeadings = Boolean(v)) },
  paperSize: { read: (s) => s.pageLayout.paperSize, write: (s, v) => void (s.pageLayout.paperSize = String(v)) },
};
const PAGE_PROPS = defsFor(PAGE_DEFS);

export class StandInPageLayout extends ProxyObject<SheetModel> {
  private readonly sheet: StandInWorksheet;
  constructor(ctx: StandInRequestContext, sheet: StandInWorksheet) {
    super(ctx);
    this.sheet = sheet;
  }
  _path(): string {
    return `${this.sheet._path()}.pageLayout`;
  }
  protected _find(): SheetModel {
    return this.sheet._require();
  }
  protected override _cacheable(): boolean {
    return false;
  }
  protected override _defs(): Record<string, PropDef<SheetModel>> {
    return PAGE_DEFS;
  }
  protected override _childNames(): string[] {
    return ["headersFooters"];
  }
  get headersFooters(): StandInHeadersFooters {
    return this._child("headersFooters", () => new StandInHeadersFooters(this._ctx, this.sheet));
  }
  setPrintTitleRows(rows: string | StandInRange): void {
    this._call("setPrintTitleRows", [typeof rows === "string" ? rows : rows._path()], (s) => {
      const rect = typeof rows === "string" ? parseArea(rows).rect : rows._require().rect;
      s.pageLayout.printTitleRows = `$${rect.row + 1}:$${rect.row + rect.rowCount}`;
    });
  }
  setPrintTitleColumns(columns: string | StandInRange): void {
    this._call("setPrintTitleColumns", [typeof columns === "string" ? columns : columns._path()], (s) => {
      const rect = typeof columns === "string" ? parseArea(columns).rect : columns._require().rect;
      s.pageLayout.printTitleColumns = localAddress({ row: 0, rowCount: MAX_ROWS, col: rect.col, colCount: rect.colCount });
    });
  }
  getPrintTitleRowsOrNullObject(): StandInRange {
    return new StandInRange(
      this._ctx,
      `${this._path()}.getPrintTitleRowsOrNullObject()`,
      () => {
        const s = this.sheet._require();
        return s.pageLayout.printTitleRows ? { sheet: s, rect: parseArea(s.pageLayout.printTitleRows.replace(/\$/g, "")).rect } : null;
      },
      true,
    );
  }
}
installProps(StandInPageLayout, PAGE_PROPS.names, PAGE_PROPS.writable);

const HF_FIELDS = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"];

export class StandInHeadersFooters extends ProxyObject<SheetModel> {
  private readonly sheet: StandInWorksheet;
  constructor(ctx: StandInRequestContext, sheet: StandInWorksheet) {
    super(ctx);
    this.sheet = sheet;
  }
  _path(): string {
    return `${this.sheet._path()}.pageLayout.headersFooters`;
  }
  protected _find(): SheetModel {
    return this.sheet._require();
  }
  protected override _childNames(): string[] {
    return ["defaultForAllPages"];
  }
  get defaultForAllPages(): StandInHeaderFooter {
    return this._child("defaultForAllPages", () => new StandInHeaderFooter(this._ctx, this.sheet));
  }
}

const HEADER_FOOTER_DEFS: Record<string, PropDef<SheetModel>> = Object.fromEntries(
  HF_FIELDS.map((f) => [f, { read: (s: SheetModel) => s.pageLayout.headersFooters[f] ?? "", write: (s: SheetModel, v: unknown) => void (s.pageLayout.headersFooters[f] = String(v)) }]),
);
const HEADER_FOOTER_PROPS = defsFor(HEADER_FOOTER_DEFS);

export class StandInHeaderFooter extends ProxyObject<SheetModel> {
  private readonly sheet: StandInWorksheet;
  constructor(ctx: StandInRequestContext, sheet: StandInWorksheet) {
    super(ctx);
    this.sheet = sheet;
  }
  _path(): string {
    return `${this.sheet._path()}.pageLayout.headersFooters.defaultForAllPages`;
  }
  protected _find(): SheetModel {
    return this.sheet._require();
  }
  protected override _defs(): Record<string, PropDef<SheetModel>> {
    return HEADER_FOOTER_DEFS;
  }
}
installProps(StandInHeaderFooter, HEADER_FOOTER_PROPS.names, HEADER_FOOTER_PROPS.writable);

// ---------------------------------------------------------------------------------------------------------------
// Ranges

export interface RangeTarget {
  sheet: SheetModel;
  rect: RangeRef;
}

function valueType(v: unknown): string {
  if (v === "" || v === null || v === undefined) return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  if (typeof v === "string" && /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|GETTING_DATA)$/.test(v)) return "Error";
  return "String";
}

function rangeDefs(): Record<string, PropDef<RangeTarget>> {
  return {
    address: { read: (t) => qualifiedAddress(t.sheet.name, t.rect) },
    addressLocal: { read: (t) => qualifiedAddress(t.sheet.name, t.rect) },
    rowCount: { read: (t) => t.rect.rowCount },
    columnCount: { read: (t) => t.rect.colCount },
    rowIndex: { read: (t) => t.rect.row },
    columnIndex: { read: (t) => t.rect.col },
    cellCount: { read: (t) => t.rect.rowCount * t.rect.colCount },
    isEntireColumn: { read: (t) => t.rect.row === 0 && t.rect.rowCount === MAX_ROWS },
    isEntireRow: { read: (t) => t.rect.col === 0 && t.rect.colCount === MAX_COLS },
    values: {
      read: (t) => grid(t.rect, (r, c) => modelOf(t).value(t.sheet, r, c)),
      write: (t, v) => {
        assertWritable(t.sheet);
        const model = modelOf(t);
        forEachInput(t.rect, v, (r, c, x) => model.enter(t.sheet, r, c, x));
      },
    },
    formulas: {
      read: (t) => grid(t.rect, (r, c) => modelOf(t).formula(t.sheet, r, c)),
      write: (t, v) => {
        assertWritable(t.sheet);
        const model = modelOf(t);
        forEachInput(t.rect, v, (r, c, x) => model.enter(t.sheet, r, c, x));
      },
    },
    numberFormat: {
      read: (t) => grid(t.rect, (r, c) => t.sheet.numberFormat(r, c)),
      write: (t, v) => {
        assertWritable(t.sheet);
        forEachInput(t.rect, v, (r, c, x) => {
          if (x === null || x === undefined) return;
          if (typeof x !== "string") throw new StandInOfficeError("InvalidArgument", "A number format is text.");
          setFormatField(t.sheet, r, c, "numberFormat", x === "General" ? undefined : x);
        });
      },
    },
    valueTypes: { read: (t) => grid(t.rect, (r, c) => valueType(modelOf(t).value(t.sheet, r, c))) },
    text: {
      read: (t) =>
        grid(t.rect, (r, c) => {
          const v = modelOf(t).value(t.sheet, r, c);
          return v === "" ? "" : renderNumberFormat(v, t.sheet.numberFormat(r, c));
        }),
    },
    hyperlink: {
      read: (t) => {
        const h = t.sheet.hyperlinks.get(cellKey(t.rect.row, t.rect.col));
        return h ? { ...h } : null;
      },
      write: (t, v) => {
        assertWritable(t.sheet);
        const h = v as { address?: string; documentReference?: string; textToDisplay?: string; screenTip?: string } | null;
        forEachCell([t.rect], (r, c) => {
          if (!h) t.sheet.hyperlinks.delete(cellKey(r, c));
          else t.sheet.hyperlinks.set(cellKey(r, c), { ...h });
        });
        if (h?.textToDisplay !== undefined) forEachCell([t.rect], (r, c) => modelOf(t).enter(t.sheet, r, c, `'${h.textToDisplay ?? ""}`));
      },
    },
  };
}
const RANGE_DEFS = rangeDefs();
const RANGE_PROPS = defsFor(RANGE_DEFS);

const models = new WeakMap<SheetModel, WorkbookModel>();
/** @internal */ export function bindSheetModel(sheet: SheetModel, model: WorkbookModel): void {
  models.set(sheet, model);
}
function modelOf(t: { sheet: SheetModel }): WorkbookModel {
  const m = models.get(t.sheet);
  if (!m) throw new StandInOfficeError("InvalidObjectPath", "The sheet is not part of a workbook.");
  return m;
}

export class StandInRange extends ProxyObject<RangeTarget> {
  private readonly path: string;
  private readonly finder: () => RangeTarget | null;

  constructor(ctx: StandInRequestContext, path: string, finder: () => RangeTarget | null, nullable = false) {
    super(ctx, nullable);
    this.path = path;
    this.finder = finder;
  }
  _path(): string {
    return this.path;
  }
  protected _find(): RangeTarget | null {
    const t = this.finder();
    if (t) bindSheetModel(t.sheet, this._ctx.host.model);
    return t;
  }
  protected override _defs(): Record<string, PropDef<RangeTarget>> {
    return RANGE_DEFS;
  }
  protected override _childNames(): string[] {
    return ["format", "worksheet", "dataValidation"];
  }

  get format(): StandInRangeFormat {
    return this._child("format", () => new StandInRangeFormat(this._ctx, `${this.path}.format`, () => {
      const t = this._require();
      return { sheet: t.sheet, rects: [t.rect] };
    }));
  }
  get worksheet(): StandInWorksheet {
    return this._child("worksheet", () => new StandInWorksheet(this._ctx, `${this.path}.worksheet`, () => this._require().sheet));
  }
  get dataValidation(): StandInDataValidation {
    return this._child("dataValidation", () => new StandInDataValidation(this._ctx, this));
  }

  private derived(name: string, fn: (t: RangeTarget) => RangeRef | null, nullable = false): StandInRange {
    return new StandInRange(
      this._ctx,
      `${this.path}.${name}`,
      () => {
        const t = this._require();
        const rect = fn(t);
        if (rect && (rect.row < 0 || rect.col < 0 || rect.rowCount < 1 || rect.colCount < 1 || rect.row + rect.rowCount > MAX_ROWS || rect.col + rect.colCount > MAX_COLS)) {
          throw new StandInOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (${name})`);
        }
        return rect ? { sheet: t.sheet, rect } : null;
      },
      nullable,
    );
  }

  getCell(row: number, column: number): StandInRange {
    return this.derived(`getCell(${row},${column})`, (t) => ({ row: t.rect.row + row, col: t.rect.col + column, rowCount: 1, colCount: 1 }));
  }
  getRow(row: number): StandInRange {
    return this.derived(`getRow(${row})`, (t) => ({ row: t.rect.row + row, col: t.rect.col, rowCount: 1, colCount: t.rect.colCount }));
  }
  getColumn(column: number): StandInRange {
    return this.derived(`getColumn(${column})`, (t) => ({ row: t.rect.row, col: t.rect.col + column, rowCount: t.rect.rowCount, colCount: 1 }));
  }
  getEntireColumn(): StandInRange {
    return this.derived("getEntireColumn()", (t) => ({ row: 0, col: t.rect.col, rowCount: MAX_ROWS, colCount: t.rect.colCount }));
  }
  getEntireRow(): StandInRange {
    return this.derived("getEntireRow()", (t) => ({ row: t.rect.row, col: 0, rowCount: t.rect.rowCount, colCount: MAX_COLS }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): StandInRange {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, (t) => ({ ...t.rect, rowCount: t.rect.rowCount + deltaRows, colCount: t.rect.colCount + deltaColumns }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): StandInRange {
    return this.derived(`getOffsetRange(${rowOffset},${columnOffset})`, (t) => ({ ...t.rect, row: t.rect.row + rowOffset, col: t.rect.col + columnOffset }));
  }
  getLastRow(): StandInRange {
    return this.derived("getLastRow()", (t) => ({ ...t.rect, row: t.rect.row + t.rect.rowCount - 1, rowCount: 1 }));
  }
  getLastColumn(): StandInRange {
    return this.derived("getLastColumn()", (t) => ({ ...t.rect, col: t.rect.col + t.rect.colCount - 1, colCount: 1 }));
  }
  private otherRect(other: string | StandInRange): RangeRef {
    return typeof other === "string" ? parseArea(other).rect : other._require().rect;
  }
  getIntersection(other: string | StandInRange): StandInRange {
    return this.derived("getIntersection()", (t) => intersect(t.rect, this.otherRect(other)));
  }
  getIntersectionOrNullObject(other: string | StandInRange): StandInRange {
    return this.derived("getIntersectionOrNullObject()", (t) => intersect(t.rect, this.otherRect(other)), true);
  }
  getBoundingRect(other: string | StandInRange): StandInRange {
    return this.derived("getBoundingRect()", (t) => {
      const o = this.otherRect(other);
      const row = Math.min(t.rect.row, o.row);
      const col = Math.min(t.rect.col, o.col);
      return {
        row,
        col,
        rowCount: Math.max(t.rect.row + t.rect.rowCount, o.row + o.rowCount) - row,
        colCount: Math.max(t.rect.col + t.rect.colCount, o.col + o.colCount) - col,
      };
    });
  }
  getUsedRange(valuesOnly?: boolean): StandInRange {
    return this.derived("getUsedRange()", (t) => {
      const used = t.sheet.usedRect(Boolean(valuesOnly));
      const i = used ? intersect(used, t.rect) : null;
      return i ?? { ...t.rect, rowCount: 1, colCount: 1 };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): StandInRange {
    return this.derived(
      "getUsedRangeOrNullObject()",
      (t) => {
        const used = t.sheet.usedRect(Boolean(valuesOnly));
        return used ? intersect(used, t.rect) : null;
      },
      true,
    );
  }
  getMergedAreasOrNullObject(): StandInRangeAreas {
    return new StandInRangeAreas(
      this._ctx,
      `${this.path}.getMergedAreasOrNullObject()`,
      () => {
        const t = this._require();
        const rects = t.sheet.mergesIntersecting(t.rect);
        return rects.length ? { sheet: t.sheet, rects } : null;
      },
      true,
    );
  }

  merge(across?: boolean): void {
    this._call("merge", [Boolean(across)], (t) => {
      assertWritable(t.sheet);
      const model = modelOf(t);
      const rects: RangeRef[] = across ? Array.from({ length: t.rect.rowCount }, (_, i) => ({ ...t.rect, row: t.rect.row + i, rowCount: 1 })) : [t.rect];
      for (const rect of rects) {
        if (rect.rowCount * rect.colCount === 1) continue;
        if (model.tables.some((tb) => tb.sheetId === t.sheet.id && intersect(tb.rect, rect))) {
          throw new StandInOfficeError("InvalidOperation", "Cells in a table can't be merged.");
        }
        t.sheet.merges = t.sheet.merges.filter((m) => !intersect(m, rect));
        forEachCell([rect], (r, c) => {
          if (r !== rect.row || c !== rect.col) model.setCell(t.sheet, r, c, undefined);
        });
        t.sheet.merges.push({ ...rect });
      }
    });
  }
  unmerge(): void {
    this._call("unmerge", [], (t) => {
      assertWritable(t.sheet);
      t.sheet.merges = t.sheet.merges.filter((m) => !intersect(m, t.rect));
    });
  }
  clear(applyTo?: string): void {
    this._call("clear", [applyTo ?? "All"], (t) => clearRects(modelOf(t), t.sheet, [t.rect], applyTo ?? "All"));
  }
  select(): void {
    this._call("select", [], (t) => {
      if (t.sheet.visibility !== "Visible") throw new StandInOfficeError("InvalidOperation", "A range on a hidden sheet cannot be selected.");
      const model = modelOf(t);
      model.activeSheetId = t.sheet.id;
      model.selection = { sheetId: t.sheet.id, rect: { ...t.rect } };
    });
  }
}
installProps(StandInRange, RANGE_PROPS.names, RANGE_PROPS.writable);

function clearRects(model: WorkbookModel, sheet: SheetModel, rects: RangeRef[], applyTo: string): void {
  assertWritable(sheet);
  const contents = applyTo === "All" || applyTo === "Contents";
  const formats = applyTo === "All" || applyTo === "Formats";
  const links = applyTo === "All" || applyTo === "Hyperlinks" || applyTo === "RemoveHyperlinks";
  const small = rects.reduce((n, r) => n + r.rowCount * r.colCount, 0) < 200_000;
  const inRects = (key: number): boolean => rects.some((r) => keyRow(key) >= r.row && keyRow(key) < r.row + r.rowCount && keyCol(key) >= r.col && keyCol(key) < r.col + r.colCount);
  const keys = (map: Map<number, unknown>): number[] => {
    if (small) {
      const out: number[] = [];
      forEachCell(rects, (r, c) => {
        if (map.has(cellKey(r, c))) out.push(cellKey(r, c));
      });
      return out;
    }
    return [...map.keys()].filter(inRects);
  };
  if (contents) for (const k of keys(sheet.cells)) model.setCell(sheet, keyRow(k), keyCol(k), undefined);
  if (formats) {
    for (const k of keys(sheet.formats)) sheet.formats.delete(k);
    sheet.merges = sheet.merges.filter((m) => !rects.some((r) => intersect(m, r)));
  }
  if (links) for (const k of keys(sheet.hyperlinks)) sheet.hyperlinks.delete(k);
  if (applyTo === "All") for (const k of keys(sheet.validations)) sheet.validations.delete(k);
}

// ---------------------------------------------------------------------------------------------------------------
// RangeAreas (several rectangles on one sheet)

export class StandInRangeAreas extends ProxyObject<AreaTarget> {
  private readonly path: string;
  private readonly finder: () => AreaTarget | null;
  constructor(ctx: StandInRequestContext, path: string, finder: () => AreaTarget | null, nullable = false) {
    super(ctx, nullable);
    this.path = path;
    this.finder = finder;
  }
  _path(): string {
    return this.path;
  }
  protected _find(): AreaTarget | null {
    const t = this.finder();
    if (t) bindSheetModel(t.sheet, this._ctx.host.model);
    return t;
  }
  protected override _defs(): Record<string, PropDef<AreaTarget>> {
    return {
      address: { read: (t) => t.rects.map((r) => qualifiedAddress(t.sheet.name, r)).join(",") },
      addressLocal: { read: (t) => t.rects.map((r) => qualifiedAddress(t.sheet.name, r)).join(",") },
      areaCount: { read: (t) => t.rects.length },
      cellCount: { read: (t) => t.rects.reduce((n, r) => n + r.rowCount * r.colCount, 0) },
    };
  }
  protected override _childNames(): string[] {
    return ["format", "areas"];
  }
  get address(): string {
    return this._get("address") as string;
  }
  get areaCount(): number {
    return this._get("areaCount") as number;
  }
  get cellCount(): number {
    return this._get("cellCount") as number;
  }
  get format(): StandInRangeFormat {
    return this._child("format", () => new StandInRangeFormat(this._ctx, `${this.path}.format`, () => this._require()));
  }
  get areas(): StandInRangeCollection {
    return this._child("areas", () => new StandInRangeCollection(this._ctx, this));
  }
  clear(applyTo?: string): void {
    this._call("clear", [applyTo ?? "All"], (t) => clearRects(this._ctx.host.model, t.sheet, t.rects, applyTo ?? "All"));
  }
}

export class StandInRangeCollection extends ProxyObject<AreaTarget> {
  private readonly owner: StandInRangeAreas;
  constructor(ctx: StandInRequestContext, owner: StandInRangeAreas) {
    super(ctx);
    this.owner = owner;
  }
  _path(): string {
    return `${this.owner._path()}.areas`;
  }
  protected _find(): AreaTarget {
    return this.owner._require();
  }
  get items(): StandInRange[] {
    return this._get("items") as StandInRange[];
  }
  get count(): number {
    return this._get("count") as number;
  }
  override _loadData(paths: LoadPath[]): Record<string, unknown> {
    const t = this.owner._target();
    if (!t) return {};
    const groups = groupPaths(paths);
    const itemPaths: LoadPath[] = [];
    for (const [head, rest] of groups) {
      if (head === "items") itemPaths.push(...rest);
      else if (head !== "count") itemPaths.push([head, ...rest.flat()]);
    }
    return {
      count: t.rects.length,
      items: t.rects.map((rect) => ({ _Id: localAddress(rect), ...new StandInRange(this._ctx, "area", () => ({ sheet: t.sheet, rect }))._loadData(itemPaths) })),
    };
  }
  override _applyLoad(data: unknown): void {
    const d = data as { items?: Record<string, unknown>[]; count?: number };
    if (d.count !== undefined) this._loaded.set("count", d.count);
    if (d.items) {
      this._loaded.set(
        "items",
        d.items.map((item) => {
          const rect = parseArea(String(item._Id)).rect;
          const r = new StandInRange(this._ctx, `${this._path()}('${String(item._Id)}')`, () => ({ sheet: this.owner._require().sheet, rect }));
          const { _Id: _ignored, ...rest } = item;
          r._applyLoad(rest);
          return r;
        }),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Formats

type FormatTarget = AreaTarget;

function formatRead<K extends keyof CellFormat>(key: K, fallback: CellFormat[K]) {
  return (t: FormatTarget): unknown => uniform(t.rects, (r, c) => t.sheet.format(r, c)?.[key] ?? fallback);
}

function formatWrite<K extends keyof CellFormat>(key: K, convert: (v: unknown) => CellFormat[K], isDefault?: (v: CellFormat[K]) => boolean) {
  return (t: FormatTarget, v: unknown): void => {
    assertWritable(t.sheet);
    const value = convert(v);
    forEachCell(t.rects, (r, c) => setFormatField(t.sheet, r, c, key, isDefault?.(value) ? undefined : value));
  };
}

const ALIGN_H = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"];
const ALIGN_V = ["Top", "Center", "Bottom", "Justify", "Distributed"];

const FORMAT_DEFS: Record<string, PropDef<FormatTarget>> = {
  wrapText: { read: formatRead("wrapText", false), write: formatWrite("wrapText", (v) => Boolean(v), (v) => v === false) },
  horizontalAlignment: {
    read: formatRead("horizontalAlignment", "General"),
    write: formatWrite(
      "horizontalAlignment",
      (v) => {
        if (!ALIGN_H.includes(String(v))) throw new StandInOfficeError("InvalidArgument", `Not a horizontal alignment: ${String(v)}`);
        return String(v);
      },
      (v) => v === "General",
    ),
  },
  verticalAlignment: {
    read: formatRead("verticalAlignment", "Bottom"),
    write: formatWrite(
      "verticalAlignment",
      (v) => {
        if (!ALIGN_V.includes(String(v))) throw new StandInOfficeError("InvalidArgument", `Not a vertical alignment: ${String(v)}`);
        return String(v);
      },
      (v) => v === "Bottom",
    ),
  },
  columnWidth: {
    read: (t) => {
      const widths = new Set<number>();
      for (const rect of t.rects) for (let c = rect.col; c < rect.col + rect.colCount && widths.size < 2; c++) widths.add(t.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH_POINTS);
      return widths.size === 1 ? [...widths][0] : null;
    },
    write: (t, v) => {
      const w = Number(v);
      if (!Number.isFinite(w) || w < 0 || w > 1800) throw new StandInOfficeError("InvalidArgument", `Not a column width: ${String(v)}`);
      for (const rect of t.rects) for (let c = rect.col; c < rect.col + rect.colCount; c++) t.sheet.columnWidths.set(c, w);
    },
  },
  rowHeight: {
    read: (t) => {
      const hs = new Set<number>();
      for (const rect of t.rects) for (let r = rect.row; r < rect.row + rect.rowCount && hs.size < 2; r++) hs.add(t.sheet.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT_POINTS);
      return hs.size === 1 ? [...hs][0] : null;
    },
    write: (t, v) => {
      const h = Number(v);
      if (!Number.isFinite(h) || h < 0 || h > 409) throw new StandInOfficeError("InvalidArgument", `Not a row height: ${String(v)}`);
      for (const rect of t.rects) for (let r = rect.row; r < rect.row + rect.rowCount; r++) t.sheet.rowHeights.set(r, h);
    },
  },
};
const FORMAT_PROPS = defsFor(FORMAT_DEFS);

export class StandInRangeFormat extends ProxyObject<FormatTarget> {
  private readonly path: string;
  private readonly finder: () => FormatTarget;
  constructor(ctx: StandInRequestContext, path: string, finder: () => FormatTarget) {
    super(ctx);
    this.path = path;
    this.finder = finder;
  }
  _path(): string {
    return this.path;
  }
  protected _find(): FormatTarget {
    return this.finder();
  }
  protected override _cacheable(): boolean {
    return false;
  }
  protected override _defs(): Record<string, PropDef<FormatTarget>> {
    return FORMAT_DEFS;
  }
  protected override _childNames(): string[] {
    return ["fill", "font", "borders"];
  }
  get fill(): StandInRangeFill {
    return this._child("fill", () => new StandInRangeFill(this._ctx, `${this.path}.fill`, () => this._require()));
  }
  get font(): StandInRangeFont {
    return this._child("font", () => new StandInRangeFont(this._ctx, `${this.path}.font`, () => this._require()));
  }
  get borders(): StandInRangeBorderCollection {
    return this._child("borders", () => new StandInRangeBorderCollection(this._ctx, `${this.path}.borders`, () => this._require()));
  }
  autofitColumns(): void {
    this._call("autofitColumns", [], (t) => {
      const model = this._ctx.host.model;
      for (const rect of t.rects) {
        const rows = Math.min(rect.rowCount, 10_000);
        for (let c = rect.col; c < rect.col + rect.colCount; c++) {
          let longest = 0;
          for (let r = rect.row; r < rect.row + rows; r++) {
            const v = model.value(t.sheet, r, c);
            if (v === "") continue;
            longest = Math.max(longest, renderNumberFormat(v, t.sheet.numberFormat(r, c)).length);
          }
          if (longest > 0) t.sheet.columnWidths.set(c, Math.min(409, Math.round((longest * 7 + 5) * 0.75 * 100) / 100));
        }
      }
    });
  }
  autofitRows(): void {
    this._call("autofitRows", [], (t) => {
      for (const rect of t.rects) for (let r = rect.row; r < rect.row + rect.rowCount; r++) t.sheet.rowHeights.delete(r);
    });
  }
}
installProps(StandInRangeFormat, FORMAT_PROPS.names, FORMAT_PROPS.writable);

const FILL_DEFS: Record<string, PropDef<FormatTarget>> = {
  color: {
    read: (t) => uniform(t.rects, (r, c) => {
      const f = t.sheet.format(r, c);
      return f?.fillPattern && f.fillPattern !== "None" ? (f.fillColor ?? DEFAULT_FORMAT.fillColor) : DEFAULT_FORMAT.fillColor;
    }),
    write: (t, v) => {
      assertWritable(t.sheet);
      const colour = normaliseColour(v);
      forEachCell(t.rects, (r, c) => {
        const f = t.sheet.formatForWrite(r, c);
        f.fillColor = colour;
        if (!f.fillPattern || f.fillPattern === "None") f.fillPattern = "Solid";
      });
    },
  },
  pattern: {
    read: formatRead("fillPattern", "None"),
    write: (t, v) => {
      assertWritable(t.sheet);
      const p = String(v);
      forEachCell(t.rects, (r, c) => {
        if (p === "None") {
          setFormatField(t.sheet, r, c, "fillPattern", undefined);
          setFormatField(t.sheet, r, c, "fillColor", undefined);
          setFormatField(t.sheet, r, c, "patternColor", undefined);
        } else t.sheet.formatForWrite(r, c).fillPattern = p;
      });
    },
  },
  patternColor: {
    read: formatRead("patternColor", DEFAULT_FORMAT.patternColor),
    write: formatWrite("patternColor", normaliseColour),
  },
};
const FILL_PROPS = defsFor(FILL_DEFS);

export class StandInRangeFill extends ProxyObject<FormatTarget> {
  private readonly path: string;
  private readonly finder: () => FormatTarget;
  constructor(ctx: StandInRequestContext, path: string, finder: () => FormatTarget) {
    super(ctx);
    this.path = path;
    this.finder = finder;
  }
  _path(): string {
    return this.path;
  }
  protected _find(): FormatTarget {
    return this.finder();
  }
  protected override _cacheable(): boolean {
    return false;
  }
  protected override _defs(): Record<string, PropDef<FormatTarget>> {
    return FILL_DEFS;
  }
  clear(): void {
    this._call("clear", [], (t) => {
      assertWritable(t.sheet);
      forEachCell(t.rects, (r, c) => {
        setFormatField(t.sheet, r, c, "fillPattern", undefined);
        setFormatField(t.sheet, r, c, "fillColor", undefined);
        setFormatField(t.sheet, r, c, "patternColor", undefined);
      });
    });
  }
}
installProps(StandInRangeFill, FILL_PROPS.names, FILL_PROPS.writable);

const UNDERLINES = ["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"];
const FONT_DEFS: Record<string, PropDef<FormatTarget>> = {
  bold: { read: formatRead("bold", false), write: formatWrite("bold", (v) => Boolean(v), (v) => v === false) },
  italic: { read: formatRead("italic", false), write: formatWrite("italic", (v) => Boolean(v), (v) => v === false) },
  strikethrough: { read: formatRead("strikethrough", false), write: formatWrite("strikethrough", (v) => Boolean(v), (v) => v === false) },
  underline: {
    read: formatRead("underline", "None"),
    write: formatWrite(
      "underline",
      (v) => {
        if (!UNDERLINES.includes(String(v))) throw new StandInOfficeError("InvalidArgument", `Not an underline style: ${String(v)}`);
        return String(v);
      },
      (v) => v === "None",
    ),
  },
  color: { read: formatRead("fontColor", DEFAULT_FORMAT.fontColor), write: formatWrite("fontColor", normaliseColour) },
  size: {
    read: formatRead("fontSize", DEFAULT_FORMAT.fontSize),
    write: formatWrite("fontSize", (v) => {
      const n = Number(v);
      if (!(n >= 1 && n <= 409)) throw new StandInOfficeError("InvalidArgument", `Not a font size: ${String(v)}`);
      return n;
    }),
  },
  name: { read: formatRead("fontName", DEFAULT_FORMAT.fontName), write: formatWrite("fontName", (v) => String(v)) },
};
const FONT_PROPS = defsFor(FONT_DEFS);

export class StandInRangeFont extends ProxyObject<FormatTarget> {
  private readonly path: string;
  private readonly finder: () => FormatTarget;
  constructor(ctx: StandInRequestContext, path: string, finder: () => FormatTarget) {
    super(ctx);
    this.path = path;
    this.finder = finder;
  }
  _path(): string {
    return this.path;
  }
  protected _find(): FormatTarget {
    return this.finder();
  }
  protected override _cacheable(): boolean {
    return false;
  }
  protected override _defs(): Record<string, PropDef<FormatTarget>> {
    return FONT_DEFS;
  }
}
installProps(StandInRangeFont, FONT_PROPS.names, FONT_PROPS.writable);

const BORDER_INDEXES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"] as const;
type BorderIndex = (typeof BORDER_INDEXES)[number];
const LINE_STYLES = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"];

/** The cells and sides a border index touches in a rectangle. */
function borderCells(rect: RangeRef, index: BorderIndex): { r: number; c: number; side: "top" | "bottom" | "left" | "right" }[] {
  const out: { r: number; c: number; side: "top" | "bottom" | "left" | "right" }[] = [];
  const last = { r: rect.row + rect.rowCount - 1, c: rect.col + rect.colCount - 1 };
  for (let r = rect.row; r <= last.r; r++) {
    for (let c = rect.col; c <= last.c; c++) {
      if (index === "EdgeTop" && r === rect.row) out.push({ r, c, side: "top" });
      if (index === "EdgeBottom" && r === last.r) out.push({ r, c, side: "bottom" });
      if (index === "EdgeLeft" && c === rect.col) out.push({ r, c, side: "left" });
      if (index === "EdgeRight" && c === last.c) out.push({ r, c, side: "right" });
      if (index === "InsideHorizontal" && r > rect.row) out.push({ r, c, side: "top" });
      if (index === "InsideVertical" && c > rect.col) out.push({ r, c, side: "left" });
    }
  }
  return out;
}

/** A cell's edge as drawn: its own, or the neighbour's facing edge. */
export function effectiveEdge(sheet: SheetModel, r: number, c: number, side: "top" | "bottom" | "left" | "right"): BorderEdge | undefined {
  const own = sheet.format(r, c)?.[side];
  if (own) return own;
  if (side === "top" && r > 0) return sheet.format(r - 1, c)?.bottom;
  if (side === "bottom") return sheet.format(r + 1, c)?.top;
  if (side === "left" && c > 0) return sheet.format(r, c - 1)?.right;
  if (side === "right") return sheet.format(r, c + 1)?.left;
  return undefined;
}

interface BorderTarget {
  area: FormatTarget;
  index: BorderIndex;
}

function borderRead(field: keyof BorderEdge, fallback: string) {
  return (t: BorderTarget): unknown => {
    let first: string | undefined;
    for (const rect of t.area.rects) {
      const cells = borderCells(rect, t.index);
      if (cells.length === 0) return fallback;
      for (const { r, c, side } of cells) {
        const e = effectiveEdge(t.area.sheet, r, c, side);
        const v = e ? e[field] : fallback;
        if (first === undefined) first = v;
        else if (first !== v) return null;
      }
    }
    return first ?? fallback;
  };
}

function borderWrite(field: keyof BorderEdge) {
  return (t: BorderTarget, v: unknown): void => {
    assertWritable(t.area.sheet);
    let value = String(v);
    if (field === "style" && !LINE_STYLES.includes(value)) throw new StandInOfficeError("InvalidArgument", `Not a border style: ${value}`);
    if (field === "color") value = normaliseColour(v);
    if (field === "weight" && !["Hairline", "Thin", "Medium", "Thick"].includes(value)) throw new StandInOfficeError("InvalidArgument", `Not a border weight: ${value}`);
    for (const rect of t.area.rects) {
      for (const { r, c, side } of borderCells(rect, t.index)) {
        if (field === "style" && value === "None") {
          setFormatField(t.area.sheet, r, c, side, undefined);
          continue;
        }
        const f = t.area.sheet.formatForWrite(r, c);
        const edge: BorderEdge = { ...(f[side] ?? { style: "Continuous", color: "#000000", weight: "Thin" }) };
        edge[field] = value;
        f[side] = edge;
      }
    }
  };
}

const BORDER_DEFS: Record<string, PropDef<BorderTarget>> = {
  style: { read: borderRead("style", "None"), write: borderWrite("style") },
  color: { read: borderRead("color", "#000000"), write: borderWrite("color") },
  weight: { read: borderRead("weight", "Thin"), write: borderWrite("weight") },
  sideIndex: { read: (t) => t.index },
};
const BORDER_PROPS = defsFor(BORDER_DEFS);

export class StandInRangeBorderCollection extends ProxyObject<FormatTarget> {
  private readonly path: string;
  private readonly finder: () => FormatTarget;
  constructor(ctx: StandInRequestContext, path: string, finder: () => FormatTarget) {
    super(ctx);
    this.path = path;
    this.finder = finder;
  }
  _path(): string {
    return this.path;
  }
  protected _find(): FormatTarget {
    return this.finder();
  }
  protected override _cacheable(): boolean {
    return false;
  }
  getItem(index: string): StandInRangeBorder {
    if (!(BORDER_INDEXES as readonly string[]).includes(index)) throw new StandInOfficeError("InvalidArgument", `Not a border index: ${index}`);
    return new StandInRangeBorder(this._ctx, `${this.path}.getItem('${index}')`, () => ({ area: this._require(), index: index as BorderIndex }));
  }
}

export class StandInRangeBorder extends ProxyObject<BorderTarget> {
  private readonly path: string;
  private readonly finder: () => BorderTarget;
  constructor(ctx: StandInRequestContext, path: string, finder: () => BorderTarget) {
    super(ctx);
    this.path = path;
    this.finder = finder;
  }
  _path(): string {
    return this.path;
  }
  protected _find(): BorderTarget {
    return this.finder();
  }
  protected override _cacheable(): boolean {
    return false;
  }
  protected override _defs(): Record<string, PropDef<BorderTarget>> {
    return BORDER_DEFS;
  }
}
installProps(StandInRangeBorder, BORDER_PROPS.names, BORDER_PROPS.writable);

// ---------------------------------------------------------------------------------------------------------------
// Data validation

const VALIDATION_DEFS: Record<string, PropDef<RangeTarget>> = {
  rule: {
    read: (t) => {
      const v = uniform([t.rect], (r, c) => t.sheet.validations.get(cellKey(r, c)));
      return v ? (v as { rule: unknown }).rule : null;
    },
    write: (t, v) => {
      assertWritable(t.sheet);
      const rule = v as Record<string, unknown>;
      if (typeof rule !== "object" || rule === null || Object.keys(rule).length !== 1) {
        throw new StandInOfficeError("InvalidArgument", "A data validation rule names exactly one kind (list, wholeNumber, decimal, date, textLength, custom...).");
      }
      const entry = { rule, ignoreBlanks: true };
      forEachCell([t.rect], (r, c) => t.sheet.validations.set(cellKey(r, c), entry));
    },
  },
  type: {
    read: (t) => {
      const v = uniform([t.rect], (r, c) => t.sheet.validations.get(cellKey(r, c)));
      if (v === null) return "Inconsistent";
      if (v === undefined) return "None";
      const kind = Object.keys((v as { rule: Record<string, unknown> }).rule)[0];
      return { list: "List", wholeNumber: "WholeNumber", decimal: "Decimal", date: "Date", time: "Time", textLength: "TextLength", custom: "Custom" }[kind] ?? "None";
    },
  },
  ignoreBlanks: {
    read: (t) => t.sheet.validations.get(cellKey(t.rect.row, t.rect.col))?.ignoreBlanks ?? true,
    write: (t, v) => forEachCell([t.rect], (r, c) => {
      const e = t.sheet.validations.get(cellKey(r, c));
      if (e) t.sheet.validations.set(cellKey(r, c), { ...e, ignoreBlanks: Boolean(v) });
    }),
  },
  prompt: {
    read: (t) => t.sheet.validations.get(cellKey(t.rect.row, t.rect.col))?.prompt ?? { showPrompt: false, title: "", message: "" },
    write: (t, v) => forEachCell([t.rect], (r, c) => {
      const e = t.sheet.validations.get(cellKey(r, c));
      if (e) t.sheet.validations.set(cellKey(r, c), { ...e, prompt: v as Record<string, unknown> });
    }),
  },
  errorAlert: {
    read: (t) => t.sheet.validations.get(cellKey(t.rect.row, t.rect.col))?.errorAlert ?? { showAlert: true, style: "Stop", title: "", message: "" },
    write: (t, v) => forEachCell([t.rect], (r, c) => {
      const e = t.sheet.validations.get(cellKey(r, c));
      if (e) t.sheet.validations.set(cellKey(r, c), { ...e, errorAlert: v as Record<string, unknown> });
    }),
  },
};
const VALIDATION_PROPS = defsFor(VALIDATION_DEFS);

export class StandInDataValidation extends ProxyObject<RangeTarget> {
  private readonly range: StandInRange;
  constructor(ctx: StandInRequestContext, range: StandInRange) {
    super(ctx);
    this.range = range;
  }
  _path(): string {
    return `${this.range._path()}.dataValidation`;
  }
  protected _find(): RangeTarget {
    return this.range._require();
  }
  protected override _cacheable(): boolean {
    return false;
  }
  protected override _defs(): Record<string, PropDef<RangeTarget>> {
    return VALIDATION_DEFS;
  }
  clear(): void {
    this._call("clear", [], (t) => forEachCell([t.rect], (r, c) => t.sheet.validations.delete(cellKey(r, c))));
  }
}
installProps(StandInDataValidation, VALIDATION_PROPS.names, VALIDATION_PROPS.writable);

// ---------------------------------------------------------------------------------------------------------------
// Tables

function tableSheet(model: WorkbookModel, t: TableModel): SheetModel {
  const s = model.sheetById(t.sheetId);
  if (!s) throw new StandInOfficeError("ItemNotFound", `The table's sheet no longer exists (${t.name}).`);
  bindSheetModel(s, model);
  return s;
}

function validTableName(name: string): boolean {
  return /^[A-Za-z_\\][A-Za-z0-9_.]{0,254}$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[rRcC]$/.test(name);
}

export class StandInTableCollection extends ProxyObject<TableModel[]> {
  private readonly sheet: StandInWorksheet | null;
  constructor(ctx: StandInRequestContext, sheet: StandInWorksheet | null) {
    super(ctx);
    this.sheet = sheet;
  }
  _path(): string {
    return this.sheet ? `${this.sheet._path()}.tables` : "workbook.tables";
  }
  protected _find(): TableModel[] {
    const model = this._ctx.host.model;
    if (!this.sheet) return model.tables;
    const s = this.sheet._require();
    return model.tables.filter((t) => t.sheetId === s.id);
  }
  protected override _cacheable(): boolean {
    return false;
  }
  get items(): StandInTable[] {
    return this._get("items") as StandInTable[];
  }
  get count(): number {
    return this._get("count") as number;
  }
  override _loadData(paths: LoadPath[]): Record<string, unknown> {
    const tables = this._require();
    const groups = groupPaths(paths);
    const itemPaths: LoadPath[] = [];
    const out: Record<string, unknown> = {};
    for (const [head, rest] of groups) {
      if (head === "count") out.count = tables.length;
      else if (head === "items") itemPaths.push(...rest);
      else itemPaths.push([head, ...rest.flat()]);
    }
    if (paths.length === 0 || groups.has("items") || itemPaths.length) {
      out.items = tables.map((t) => ({ _Id: t.id, ...new StandInTable(this._ctx, "table", () => t)._loadData(itemPaths) }));
    }
    return out;
  }
  override _applyLoad(data: unknown): void {
    const d = data as { items?: Record<string, unknown>[]; count?: number };
    if (d.count !== undefined) this._loaded.set("count", d.count);
    if (d.items) {
      const model = this._ctx.host.model;
      this._loaded.set(
        "items",
        d.items.map((item) => {
          const id = String(item._Id);
          const t = new StandInTable(this._ctx, `tables.getItem('${id}')`, () => model.tables.find((x) => x.id === id) ?? null);
          const { _Id: _ignored, ...rest } = item;
          t._applyLoad(rest);
          return t;
        }),
      );
    }
  }

  getItem(key: string): StandInTable {
    return new StandInTable(this._ctx, `${this._path()}.getItem('${key}')`, () => this._require().find((t) => t.name.toLowerCase() === key.toLowerCase() || t.id === key) ?? null);
  }
  getItemOrNullObject(key: string): StandInTable {
    return new StandInTable(this._ctx, `${this._path()}.getItemOrNullObject('${key}')`, () => this._require().find((t) => t.name.toLowerCase() === key.toLowerCase() || t.id === key) ?? null, true);
  }
  getCount(): StandInClientResult<number> {
    const result = new StandInClientResult<number>();
    this._call("getCount", [], (tables) => tables.length, (n) => result.set(n as number));
    return result;
  }

  add(address: string | StandInRange, hasHeaders: boolean): StandInTable {
    const model = this._ctx.host.model;
    let created: TableModel | null = null;
    const table = new StandInTable(this._ctx, `${this._path()}.add()`, () => created);
    this._call("add", [typeof address === "string" ? address : address._path(), hasHeaders], () => {
      let sheet: SheetModel;
      let rect: RangeRef;
      if (typeof address === "string") {
        const parsed = parseArea(address);
        sheet = this.sheet ? this.sheet._require() : parsed.sheet !== undefined ? model.requireSheet(parsed.sheet) : model.activeSheet();
        if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) throw new StandInOfficeError("InvalidArgument", "The address names another sheet.");
        rect = parsed.rect;
      } else {
        const t = address._require();
        sheet = t.sheet;
        rect = t.rect;
      }
      bindSheetModel(sheet, model);
      assertWritable(sheet);
      if (model.tables.some((t) => t.sheetId === sheet.id && intersect(t.rect, rect))) throw new StandInOfficeError("InvalidOperation", "A table can't overlap another table.");
      if (sheet.mergesIntersecting(rect).length) throw new StandInOfficeError("InvalidOperation", "A table can't contain merged cells.");
      if (!hasHeaders) {
        // "Excel will automatically generate a header and shift the data down by one row" (TableCollection.add).
        model.insertCellsShiftDown(sheet, rect.row, rect.col, rect.colCount);
        rect = { ...rect, rowCount: rect.rowCount + 1 };
      }
      if (rect.rowCount === 1) rect = { ...rect, rowCount: 2 };
      // Headers are unique, non-empty text, as Excel makes them.
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
      while (model.tables.some((t) => t.name.toLowerCase() === `table${n}`)) n++;
      created = { id: model.newId("table"), name: `Table${n}`, sheetId: sheet.id, rect, style: "TableStyleMedium2", showBandedRows: true, showHeaders: true, showTotals: false };
      model.tables.push(created);
      return undefined;
    });
    return table;
  }
}

const TABLE_DEFS: Record<string, PropDef<TableModel>> = {
  id: { read: (t) => t.id },
  name: {
    read: (t) => t.name,
    write: (t, v, p) => {
      const name = String(v);
      const model = p._ctx.host.model;
      if (!validTableName(name)) throw new StandInOfficeError("InvalidArgument", `'${name}' is not a valid table name.`);
      if (model.tables.some((x) => x !== t && x.name.toLowerCase() === name.toLowerCase())) throw new StandInOfficeError("ItemAlreadyExists", `A table named '${name}' already exists.`);
      t.name = name;
    },
  },
  style: { read: (t) => t.style, write: (t, v) => void (t.style = String(v)) },
  showBandedRows: { read: (t) => t.showBandedRows, write: (t, v) => void (t.showBandedRows = Boolean(v)) },
  showHeaders: { read: (t) => t.showHeaders },
  showTotals: { read: (t) => t.showTotals },
};
const TABLE_PROPS = defsFor(TABLE_DEFS);

export class StandInTable extends ProxyObject<TableModel> {
  private readonly path: string;
  private readonly finder: () => TableModel | null;
  constructor(ctx: StandInRequestContext, path: string, finder: () => TableModel | null, nullable = false) {
    super(ctx, nullable);
    this.path = path;
    this.finder = finder;
  }
  _path(): string {
    return this.path;
  }
  protected _find(): TableModel | null {
    return this.finder();
  }
  protected override _defs(): Record<string, PropDef<TableModel>> {
    return TABLE_DEFS;
  }
  protected override _childNames(): string[] {
    return ["worksheet"];
  }
  get worksheet(): StandInWorksheet {
    return this._child("worksheet", () => new StandInWorksheet(this._ctx, `${this.path}.worksheet`, () => tableSheet(this._ctx.host.model, this._require())));
  }
  get columns(): StandInTableColumnCollection {
    return this._child("columns", () => new StandInTableColumnCollection(this._ctx, this));
  }
  get rows(): StandInTableRowCollection {
    return this._child("rows", () => new StandInTableRowCollection(this._ctx, this));
  }
  private part(name: string, fn: (t: TableModel) => RangeRef | null, nullable = false): StandInRange {
    return new StandInRange(
      this._ctx,
      `${this.path}.${name}`,
      () => {
        const t = this._require();
        const rect = fn(t);
        return rect ? { sheet: tableSheet(this._ctx.host.model, t), rect } : null;
      },
      nullable,
    );
  }
  getRange(): StandInRange {
    return this.part("getRange()", (t) => t.rect);
  }
  getHeaderRowRange(): StandInRange {
    return this.part("getHeaderRowRange()", (t) => ({ ...t.rect, rowCount: 1 }));
  }
  getDataBodyRange(): StandInRange {
    return this.part("getDataBodyRange()", (t) => ({ ...t.rect, row: t.rect.row + 1, rowCount: t.rect.rowCount - 1 }));
  }
  delete(): void {
    this._call("delete", [], (t) => {
      const model = this._ctx.host.model;
      const sheet = tableSheet(model, t);
      clearRects(model, sheet, [t.rect], "All");
      model.tables.splice(model.tables.indexOf(t), 1);
    });
  }
  convertToRange(): StandInRange {
    const range = this.getRange();
    this._call("convertToRange", [], (t) => {
      const model = this._ctx.host.model;
      model.tables.splice(model.tables.indexOf(t), 1);
    });
    return range;
  }
}
installProps(StandInTable, TABLE_PROPS.names, TABLE_PROPS.writable);

export class StandInTableColumnCollection extends ProxyObject<TableModel> {
  private readonly table: StandInTable;
  constructor(ctx: StandInRequestContext, table: StandInTable) {
    super(ctx);
    this.table = table;
  }
  _path(): string {
    return `${this.table._path()}.columns`;
  }
  protected _find(): TableModel {
    return this.table._require();
  }
  protected override _cacheable(): boolean {
    return false;
  }
  get items(): { name: string; index: number; id: number }[] {
    return this._get("items") as { name: string; index: number; id: number }[];
  }
  get count(): number {
    return this._get("count") as number;
  }
  private names(t: TableModel): string[] {
    const model = this._ctx.host.model;
    const sheet = tableSheet(model, t);
    return Array.from({ length: t.rect.colCount }, (_, i) => String(model.value(sheet, t.rect.row, t.rect.col + i)));
  }
  override _loadData(): Record<string, unknown> {
    const t = this._require();
    const names = this.names(t);
    return { count: names.length, items: names.map((name, index) => ({ name, index, id: index + 1 })) };
  }
  getItemAt(index: number): StandInRange {
    return new StandInRange(this._ctx, `${this._path()}.getItemAt(${index})`, () => {
      const t = this._require();
      if (index < 0 || index >= t.rect.colCount) return null;
      return { sheet: tableSheet(this._ctx.host.model, t), rect: { ...t.rect, col: t.rect.col + index, colCount: 1 } };
    });
  }
}

export class StandInTableRowCollection extends ProxyObject<TableModel> {
  private readonly table: StandInTable;
  constructor(ctx: StandInRequestContext, table: StandInTable) {
    super(ctx);
    this.table = table;
  }
  _path(): string {
    return `${this.table._path()}.rows`;
  }
  protected _find(): TableModel {
    return this.table._require();
  }
  protected override _cacheable(): boolean {
    return false;
  }
  get count(): number {
    return this._get("count") as number;
  }
  get items(): { index: number; values: unknown[][] }[] {
    return this._get("items") as { index: number; values: unknown[][] }[];
  }
  override _loadData(paths: LoadPath[]): Record<string, unknown> {
    const t = this._require();
    const model = this._ctx.host.model;
    const sheet = tableSheet(model, t);
    const out: Record<string, unknown> = { count: t.rect.rowCount - 1 };
    if (paths.length === 0 || groupPaths(paths).has("items")) {
      out.items = Array.from({ length: t.rect.rowCount - 1 }, (_, i) => ({
        index: i,
        values: [Array.from({ length: t.rect.colCount }, (_, c) => model.value(sheet, t.rect.row + 1 + i, t.rect.col + c))],
      }));
    }
    return out;
  }
  add(index?: number | null, values?: unknown[][]): void {
    this._call("add", [index ?? null, values ?? null], (t) => {
      const model = this._ctx.host.model;
      const sheet = tableSheet(model, t);
      assertWritable(sheet);
      const dataRows = t.rect.rowCount - 1;
      if (index !== undefined && index !== null && index !== dataRows) {
        throw new StandInOfficeError("NotImplemented", "The stand-in adds table rows at the end only.");
      }
      const rows = values ?? [Array(t.rect.colCount).fill(null)];
      // A fresh table has one empty data row: fill it first, as Excel does.
      let start = t.rect.row + t.rect.rowCount;
      let grow = rows.length;
      const firstBody = t.rect.row + 1;
      if (dataRows === 1 && Array.from({ length: t.rect.colCount }, (_, c) => model.value(sheet, firstBody, t.rect.col + c)).every((v) => v === "")) {
        start = firstBody;
        grow -= 1;
      }
      for (let r = t.rect.row + t.rect.rowCount; r < t.rect.row + t.rect.rowCount + grow; r++) {
        for (let c = t.rect.col; c < t.rect.col + t.rect.colCount; c++) {
          if (sheet.cells.has(cellKey(r, c))) throw new StandInOfficeError("NotImplemented", "The stand-in does not shift cells below a table: the rows under it must be empty.");
        }
      }
      t.rect = { ...t.rect, rowCount: t.rect.rowCount + grow };
      forEachInput({ row: start, col: t.rect.col, rowCount: rows.length, colCount: t.rect.colCount }, rows, (r, c, v) => model.enter(sheet, r, c, v));
    });
  }
}
