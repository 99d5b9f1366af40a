/**
 * The simulated Excel host's side of each object: what reading or setting a property does to the in-memory
 * workbook (./model.ts). Office's client never sees these; it sees only their answers (./executor.ts).
 */
import type { RangeRef } from "../../../src/core/a1";
import { MAX_COLS, MAX_ROWS, intersect, qualifiedAddress } from "./address";
import { StandInOfficeError } from "./errors";
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

/** A property of a host object: how it reads, and how a set changes the workbook. */
export interface PropDef<T> {
  read?: (target: T) => unknown;
  write?: (target: T, value: unknown, model: WorkbookModel) => void;
}

export interface AreaTarget {
  sheet: SheetModel;
  rects: RangeRef[];
}

export function assertWritable(sheet: SheetModel): void {
  if (sheet.protected) {
    throw new StandInOfficeError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet ('${sheet.name}'). Unprotect the sheet first.`);
  }
}

export function forEachCell(rects: RangeRef[], fn: (r: number, c: number) => void): void {
  for (const rect of rects) {
    if (rect.rowCount * rect.colCount > 5_000_000) {
      throw new StandInOfficeError("InvalidOperation", "The stand-in refuses to touch more than 5,000,000 cells in one operation (whole columns or rows?).");
    }
    for (let r = rect.row; r < rect.row + rect.rowCount; r++) for (let c = rect.col; c < rect.col + rect.colCount; c++) fn(r, c);
  }
}

/** A uniform value over the cells, else null (as Office reports mixed formats). */
export function uniform(rects: RangeRef[], get: (r: number, c: number) => unknown): unknown {
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

export function grid<T>(rect: RangeRef, fn: (r: number, c: number) => T): T[][] {
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
export function forEachInput(rect: RangeRef, input: unknown, fn: (r: number, c: number, v: unknown) => void): void {
  if (Array.isArray(input)) {
    if (input.length !== rect.rowCount || input.some((row) => !Array.isArray(row) || row.length !== rect.colCount)) {
      throw new StandInOfficeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rect.rowCount}x${rect.colCount}).`);
    }
    (input as unknown[][]).forEach((row, i) => row.forEach((v, j) => fn(rect.row + i, rect.col + j, v)));
  } else forEachCell([rect], (r, c) => fn(r, c, input));
}

export function setFormatField<K extends keyof CellFormat>(sheet: SheetModel, r: number, c: number, key: K, value: CellFormat[K] | undefined): void {
  if (value === undefined) {
    const f = sheet.format(r, c);
    if (!f) return;
    delete f[key];
    if (Object.keys(f).length === 0) sheet.formats.delete(cellKey(r, c));
    return;
  }
  sheet.formatForWrite(r, c)[key] = value;
}

export function normaliseColour(v: unknown): string {
  if (typeof v !== "string") throw new StandInOfficeError("InvalidArgument", "A colour is a string such as \"#FF0000\" or \"red\".");
  const named: Record<string, string> = { red: "#FF0000", white: "#FFFFFF", black: "#000000", yellow: "#FFFF00", blue: "#0000FF", green: "#008000", orange: "#FFA500", grey: "#808080", gray: "#808080" };
  const lower = v.toLowerCase();
  if (named[lower]) return named[lower];
  if (/^#[0-9a-f]{6}$/i.test(v)) return v.toUpperCase();
  if (/^#[0-9a-f]{3}$/i.test(v)) return `#${v.slice(1).split("").map((c) => c + c).join("")}`.toUpperCase();
  throw new StandInOfficeError("InvalidArgument", `Not a colour: ${v}`);
}
/**
 * A workbook whose structure is protected (Review › Protect Workbook; WorkbookProtection.protect, ExcelApi 1.7) lets
 * no one add, delete, move, rename, hide or unhide sheets (Microsoft Support, "Protect a workbook"). The error code
 * Excel gives an add-in then is not documented; AccessDenied, as for a protected sheet, is this host's choice, so
 * the add-in must look at `workbook.protection.protected` rather than at the code.
 */
export function assertStructureUnlocked(model: WorkbookModel): void {
  if (model.structureProtected) throw new StandInOfficeError("AccessDenied", "The workbook's structure is protected: sheets cannot be added, deleted, moved, renamed, hidden or shown.");
}
export const WORKSHEET_DEFS: Record<string, PropDef<SheetModel>> = {
  name: {
    read: (s) => s.name,
    write: (s, v, m) => {
      if (typeof v !== "string") throw new StandInOfficeError("InvalidArgument", "A sheet name is text.");
      if (v !== s.name) assertStructureUnlocked(m);
      m.renameSheet(s, v);
    },
  },
  id: { read: (s) => s.id },
  position: {
    read: (s) => modelOf({ sheet: s }).sheets.indexOf(s),
    write: (s, v, m) => {
      const model = m;
      const i = model.sheets.indexOf(s);
      const to = Math.max(0, Math.min(model.sheets.length - 1, Number(v)));
      if (to !== i) assertStructureUnlocked(model);
      model.sheets.splice(i, 1);
      model.sheets.splice(to, 0, s);
    },
  },
  visibility: {
    read: (s) => s.visibility,
    write: (s, v, m) => {
      const model = m;
      if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden") throw new StandInOfficeError("InvalidArgument", `Not a visibility: ${String(v)}`);
      if (v !== s.visibility) assertStructureUnlocked(model);
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
export const PAGE_DEFS: Record<string, PropDef<SheetModel>> = {
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
const HF_FIELDS = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"];
export const HEADER_FOOTER_DEFS: Record<string, PropDef<SheetModel>> = Object.fromEntries(
  HF_FIELDS.map((f) => [f, { read: (s: SheetModel) => s.pageLayout.headersFooters[f] ?? "", write: (s: SheetModel, v: unknown) => void (s.pageLayout.headersFooters[f] = String(v)) }]),
);
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

export function rangeDefs(): Record<string, PropDef<RangeTarget>> {
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
export const models = new WeakMap<SheetModel, WorkbookModel>();
/** @internal */ export function bindSheetModel(sheet: SheetModel, model: WorkbookModel): void {
  models.set(sheet, model);
}
export function modelOf(t: { sheet: SheetModel }): WorkbookModel {
  const m = models.get(t.sheet);
  if (!m) throw new StandInOfficeError("InvalidObjectPath", "The sheet is not part of a workbook.");
  return m;
}
export function clearRects(model: WorkbookModel, sheet: SheetModel, rects: RangeRef[], applyTo: string): void {
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
export type FormatTarget = AreaTarget;

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

export const FORMAT_DEFS: Record<string, PropDef<FormatTarget>> = {
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
export const FILL_DEFS: Record<string, PropDef<FormatTarget>> = {
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
  // RangeFill.tintAndShade (ExcelApi 1.9): null where the cell has no fill, a number (here always 0: tints are not
  // modelled) where it has one, whatever its colour (OfficeDev/office-js#4900, Microsoft's answer: "tintAndShade
  // ... returns null for no fill"; it is how a white fill is told from no fill when pattern reads null).
  tintAndShade: {
    read: (t) => uniform(t.rects, (r, c) => {
      const f = t.sheet.format(r, c);
      return f?.fillPattern && f.fillPattern !== "None" ? 0 : null;
    }),
  },
};
const UNDERLINES = ["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"];
export const FONT_DEFS: Record<string, PropDef<FormatTarget>> = {
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
export const BORDER_INDEXES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"] as const;
export type BorderIndex = (typeof BORDER_INDEXES)[number];
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

export interface BorderTarget {
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

export const BORDER_DEFS: Record<string, PropDef<BorderTarget>> = {
  style: { read: borderRead("style", "None"), write: borderWrite("style") },
  color: { read: borderRead("color", "#000000"), write: borderWrite("color") },
  weight: { read: borderRead("weight", "Thin"), write: borderWrite("weight") },
  sideIndex: { read: (t) => t.index },
};
export const VALIDATION_DEFS: Record<string, PropDef<RangeTarget>> = {
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
export function tableSheet(model: WorkbookModel, t: TableModel): SheetModel {
  const s = model.sheetById(t.sheetId);
  if (!s) throw new StandInOfficeError("ItemNotFound", `The table's sheet no longer exists (${t.name}).`);
  bindSheetModel(s, model);
  return s;
}

/**
 * Whether Excel takes `name` for a table: a name's characters, not TRUE or FALSE, not an A1 cell reference, and not
 * beginning with an R1C1 reference such as "R2", "C1_Posts", "RC1" or "R1C1" (MS-XLSB 2.5.166 XLNameWideString, the
 * grammar of defined names, which tables share); nor "R", "C" or "RC" alone (Microsoft KB 111393).
 */
export function validTableName(name: string): boolean {
  return /^[A-Za-z_\\][A-Za-z0-9_.]{0,254}$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^([rRcC]|[rR][cC])$/.test(name) && !/^([rRcC]|[rR][cC])\d/.test(name) && !/^(true|false)$/i.test(name);
}
export const TABLE_DEFS: Record<string, PropDef<TableModel>> = {
  id: { read: (t) => t.id },
  name: {
    read: (t) => t.name,
    write: (t, v, model) => {
      const name = String(v);
      if (!validTableName(name)) throw new StandInOfficeError("InvalidArgument", `'${name}' is not a valid table name.`);
      if (model.tables.some((x) => x !== t && x.name.toLowerCase() === name.toLowerCase())) throw new StandInOfficeError("ItemAlreadyExists", `A table named '${name}' already exists.`);
      // Tables and defined names share one set of names (ECMA-376 Part 4, Names: "All names within a workbook shall be unique").
      if (model.names.some((n) => n.toLowerCase() === name.toLowerCase())) throw new StandInOfficeError("ItemAlreadyExists", `The name '${name}' is already used in this workbook.`);
      t.name = name;
    },
  },
  style: { read: (t) => t.style, write: (t, v) => void (t.style = String(v)) },
  showBandedRows: { read: (t) => t.showBandedRows, write: (t, v) => void (t.showBandedRows = Boolean(v)) },
  showHeaders: { read: (t) => t.showHeaders },
  showTotals: { read: (t) => t.showTotals },
};
