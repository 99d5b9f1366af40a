/**
 * Sheet layouts as data: cells, merges, styles, widths and print settings.
 * Core computes a layout once (structure tables, impact tables, reports, members' pack sheets);
 * src/excel draws it into the open workbook and src/workbook draws it into an .xlsx. One layout, two renderers.
 */
import type { RangeRef } from "./a1";

/** Named styles; renderers map them through LAYOUT_STYLES, never invent their own. */
export type LayoutStyleName =
  | "title"
  | "subtitle"
  | "header"
  | "topPost"
  | "reportPost"
  | "postDetail"
  | "function"
  | "body"
  | "bodyWrap"
  | "number"
  | "fte"
  | "money"
  | "total"
  | "totalMoney"
  | "totalNumber"
  | "note"
  | "link"
  | "error"
  | "warning"
  | "info";

export interface LayoutStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Points. */
  fontSize?: number;
  /** "#RRGGBB" */
  fontColour?: string;
  /** "#RRGGBB" solid fill */
  fill?: string;
  wrap?: boolean;
  hAlign?: "left" | "center" | "right";
  vAlign?: "top" | "center" | "bottom";
  /** Thin box around the cell; "topDouble" is a thin box with a double line on top (totals). */
  border?: "box" | "topDouble";
  numberFormat?: string;
}

// Colours chosen for contrast (WCAG AA on white) and to print legibly in greyscale.
const NAVY = "#1F3864";
const PALE = "#DCE6F2";
const GREY = "#F2F2F2";

export const LAYOUT_STYLES: Record<LayoutStyleName, LayoutStyle> = {
  title: { bold: true, fontSize: 14, fontColour: NAVY },
  subtitle: { italic: true, fontSize: 10, fontColour: "#404040" },
  header: { bold: true, fill: PALE, border: "box", wrap: true, vAlign: "center" },
  topPost: { bold: true, fontColour: "#FFFFFF", fill: NAVY, border: "box", hAlign: "center", vAlign: "center", wrap: true },
  reportPost: { bold: true, fill: PALE, border: "box", hAlign: "center", vAlign: "center", wrap: true },
  postDetail: { italic: true, fontSize: 9, border: "box", hAlign: "center", wrap: true },
  function: { border: "box", wrap: true, vAlign: "top" },
  body: { border: "box", vAlign: "top" },
  bodyWrap: { border: "box", wrap: true, vAlign: "top" },
  number: { border: "box", hAlign: "right", numberFormat: "#,##0" },
  fte: { border: "box", hAlign: "right", numberFormat: "0.00" },
  money: { border: "box", hAlign: "right", numberFormat: '"£"#,##0;-"£"#,##0' },
  total: { bold: true, fill: GREY, border: "topDouble" },
  totalMoney: { bold: true, fill: GREY, border: "topDouble", hAlign: "right", numberFormat: '"£"#,##0;-"£"#,##0' },
  totalNumber: { bold: true, fill: GREY, border: "topDouble", hAlign: "right", numberFormat: "#,##0.##" },
  note: { italic: true, fontSize: 9, wrap: true, fontColour: "#404040" },
  link: { underline: true, fontColour: "#0563C1" },
  error: { fill: "#F8D7DA", border: "box" },
  warning: { fill: "#FFF3CD", border: "box" },
  info: { fill: "#D1ECF1", border: "box" },
};

export interface LayoutCell {
  /** 0-based, relative to the sheet's A1. */
  row: number;
  col: number;
  /** A constant. Strings are always written as text, even when they start with "=", "+", "-" or "@". */
  value?: string | number | boolean | null;
  /** A native Excel formula ("=SUM(C4:C9)"), built by core, never from user text. */
  formula?: string;
  /** The formula's result as core computed it: written as the cached value so previewers show it. */
  result?: number | string;
  style?: LayoutStyleName;
  /** Overrides the style's number format. */
  numberFormat?: string;
  /** Internal hyperlink target. */
  link?: { sheet: string; cell: string };
}

export interface PrintSetup {
  orientation: "portrait" | "landscape";
  /** Fit all columns on one page width (height free). */
  fitToWidth: boolean;
  /** Rows (0-based, inclusive) repeated at the top of every printed page. */
  repeatRows?: { first: number; last: number };
  /** With fitToWidth: fit on one page tall too (a drawing that must print on one page). */
  fitToHeight?: boolean;
  /** The printed area (default: the cells in use). */
  printArea?: RangeRef;
}

export interface LayoutTable {
  /** Excel table name (letters, digits, underscores). */
  name: string;
  /** Header row included. */
  range: RangeRef;
}

/** What a data validation rule allows. Dates are Excel serials. */
export type LayoutValidationRule =
  /** An in-cell drop-down of fixed values (Excel caps the joined list at 255 characters). */
  | { kind: "list"; source: string[] }
  /** A drop-down from a range on the same sheet, as a formula: "=$A$2:$A$501". */
  | { kind: "listRange"; source: string }
  | { kind: "decimal"; min: number; max: number }
  | { kind: "whole"; min: number; max: number }
  | { kind: "date"; min: number; max: number };

/** Data validation on a range, as data (drawn by both renderers). */
export type LayoutValidation = LayoutValidationRule & {
  /** 0-based range the rule covers. */
  range: RangeRef;
  allowBlank: boolean;
  /** "stop" rejects bad input; "warning" lets the user keep it after a warning. */
  errorStyle: "stop" | "warning";
  errorTitle: string;
  errorMessage: string;
  inputTitle?: string;
  inputMessage?: string;
};

export interface SheetLayout {
  /** The sheet name wanted; renderers make it unique in the target workbook. */
  name: string;
  cells: LayoutCell[];
  merges: RangeRef[];
  /** Column widths in characters, index = column. */
  columnWidths: number[];
  print: PrintSetup;
  /** Rows frozen at the top. */
  freezeRows?: number;
  tables?: LayoutTable[];
  /** Data validation rules (drop-downs, number limits). Optional: most layouts have none. */
  validations?: LayoutValidation[];
  /** Columns hidden from view and print (a chart's helper figures). Charts still plot them. */
  hiddenColumns?: number[];
  /** Rows (0-based) that start a new printed page, so a chart or table is not split across two. */
  pageBreaksBefore?: number[];
}

/** The bounding box of a layout's cells: how many rows and columns a renderer must write. */
export function layoutExtent(layout: SheetLayout): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const c of layout.cells) {
    rows = Math.max(rows, c.row + 1);
    cols = Math.max(cols, c.col + 1);
  }
  for (const m of layout.merges) {
    rows = Math.max(rows, m.row + m.rowCount);
    cols = Math.max(cols, m.col + m.colCount);
  }
  return { rows, cols };
}

/** The number format a cell is drawn with. */
export function cellNumberFormat(cell: LayoutCell): string | undefined {
  return cell.numberFormat ?? (cell.style ? LAYOUT_STYLES[cell.style].numberFormat : undefined);
}

/**
 * Excel's rules for sheet names: 1 to 31 characters, none of : \\ / ? * [ ], not starting or ending with an
 * apostrophe, and not "History" (reserved, in any case). Spaces and apostrophes at either end are stripped
 * until neither is left, both before and after the 31-character cut (a cut can end on an apostrophe), so a
 * name made only of apostrophes and spaces becomes "Sheet".
 */
export function sanitiseSheetName(wanted: string): string {
  const strip = (s: string): string => s.replace(/^[\s']+|[\s']+$/g, "");
  let name = strip(wanted.replace(/[:\\/?*[\]]/g, " ").replace(/\s+/g, " "));
  name = strip(name.slice(0, 31));
  if (name === "" || name.toLowerCase() === "history") name = "Sheet";
  return name;
}

/** A sanitised sheet name not among `existing` (compared case-insensitively, as Excel does): "Report (2)". */
export function uniqueSheetName(wanted: string, existing: Iterable<string>): string {
  const taken = new Set([...existing].map((n) => n.toLowerCase()));
  const base = sanitiseSheetName(wanted);
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = base.slice(0, 31 - suffix.length).trim() + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * Names for many sheets in turn, each unique among `existing` and those named before: the same names as calling
 * uniqueSheetName with the growing list, in linear time (a table for each of 6,000 managers).
 */
export function sheetNamer(existing: Iterable<string> = []): (wanted: string) => string {
  const taken = new Set([...existing].map((n) => n.toLowerCase()));
  const nextSuffix = new Map<string, number>();
  return (wanted) => {
    const base = sanitiseSheetName(wanted);
    const key = base.toLowerCase();
    let name = base;
    if (taken.has(key)) {
      for (let i = nextSuffix.get(key) ?? 2; ; i++) {
        const suffix = ` (${i})`;
        const candidate = base.slice(0, 31 - suffix.length).trim() + suffix;
        if (!taken.has(candidate.toLowerCase())) {
          nextSuffix.set(key, i + 1);
          name = candidate;
          break;
        }
      }
    }
    taken.add(name.toLowerCase());
    return name;
  };
}
