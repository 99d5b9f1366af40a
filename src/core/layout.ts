/**
 * Sheet layouts as data: cells, merges, styles, widths and print settings.
 * Core computes a layout once (structure tables, impact tables, reports, members' pack sheets);
 * src/excel draws it into the open workbook and src/workbook draws it into an .xlsx. One layout, two renderers.
 */
import type { RangeRef } from "./a1";
import type { LayoutCells } from "./layoutCells";

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
  | "totalFte"
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
  // Counts as whole numbers: "#,##0.##" would show 7 as "7.", as a format's decimal point is always shown even
  // when no digit follows it (Microsoft support, "Number format codes", on "#" digit placeholders; the codes are
  // those of ECMA-376 Part 1 §18.8.31 numFmts).
  totalNumber: { bold: true, fill: GREY, border: "topDouble", hAlign: "right", numberFormat: "#,##0" },
  // FTE totals with two decimals, as the "fte" figures above them.
  totalFte: { bold: true, fill: GREY, border: "topDouble", hAlign: "right", numberFormat: "#,##0.00" },
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
  /**
   * Filter buttons on the header, working on the protected sheet too (the .xlsx writer allows AutoFilter in the
   * sheet's protection). Without it the .xlsx writer hides the buttons.
   */
  filter?: boolean;
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
  /** In the order added: of two cells at one place, the later wins. */
  cells: LayoutCells;
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
  const cells = layout.cells;
  for (let i = 0; i < cells.length; i++) {
    rows = Math.max(rows, cells.row(i) + 1);
    cols = Math.max(cols, cells.col(i) + 1);
  }
  for (const m of layout.merges) {
    rows = Math.max(rows, m.row + m.rowCount);
    cols = Math.max(cols, m.col + m.colCount);
  }
  return { rows, cols };
}

/** The number format a cell is drawn with: its own, else its style's. */
export function cellNumberFormat(style: LayoutStyleName | undefined, numberFormat: string | undefined): string | undefined {
  return numberFormat ?? (style ? LAYOUT_STYLES[style].numberFormat : undefined);
}

/**
 * Sheet names that read well within Excel's 31 characters: "Structure Strategic and Corporate Services"
 * becomes "Structure Strategic & Corp Svcs", never "Structure Strategic and Corpora". Words are shortened by the
 * usual abbreviations, one kind at a time until the name fits, and a name is only ever cut between words.
 */
export const ABBREVIATIONS: readonly (readonly [RegExp, string])[] = [
  [/\band\b/gi, "&"],
  [/\bServices\b/g, "Svcs"],
  [/\bService\b/g, "Svc"],
  [/\bCorporate\b/g, "Corp"],
  [/\bStrategic\b/g, "Strat"],
  [/\bStrategy\b/g, "Strat"],
  [/\bDepartment\b/g, "Dept"],
  [/\bDirectorate\b/g, "Dir"],
  [/\bDirector\b/g, "Dir"],
  [/\bCommissioning\b/g, "Commiss"],
  [/\bSpecialist\b/g, "Spec"],
  [/\bTransport\b/g, "Transp"],
  [/\bManagement\b/g, "Mgmt"],
  [/\bDevelopment\b/g, "Dev"],
  [/\bOrganisational\b/g, "Org"],
  [/\bResources\b/g, "Res"],
  [/\bCommunity\b/g, "Comm"],
  [/\bCommunities\b/g, "Comms"],
  [/\bCommunications\b/g, "Comms"],
  [/\bEnvironment\b/g, "Env"],
  [/\bInformation\b/g, "Info"],
  [/\bTechnology\b/g, "Tech"],
  [/\bInfrastructure\b/g, "Infra"],
  [/\bOperations\b/g, "Ops"],
  [/\bGovernment\b/g, "Govt"],
  [/\bRelationships\b/g, "Rels"],
  [/\bAssurance\b/g, "Assur"],
  [/\bTransformation\b/g, "Transf"],
  [/\bEducation\b/g, "Educ"],
  [/\bChildren's\b/g, "Child"],
  [/\bChildren\b/g, "Child"],
  [/\bPublic\b/g, "Pub"],
  [/\bHealth\b/g, "Hlth"],
  [/\bSocial\b/g, "Soc"],
  [/\bHousing\b/g, "Hsg"],
  [/\bRegeneration\b/g, "Regen"],
  [/\bEconomic\b/g, "Econ"],
];

/** Excel's limit on a sheet name's length. */
export const SHEET_NAME_MAX = 31;

/**
 * The word each abbreviation replaces, for a quick look before its pattern is tried; null for a pattern that
 * ignores case ("and"), which is always tried.
 */
const ABBREVIATED_WORDS: (string | null)[] = ABBREVIATIONS.map(([re]) => {
  const word = /^\\b([A-Za-z']+)\\b$/.exec(re.source);
  return word && !re.flags.includes("i") ? word[1] : null;
});

function shorten(name: string, max: number): string {
  // One abbreviation after another until the name fits, spaces tidied after each. Tidying is the same however often
  // it is done, so it is done once at the start and then only after an abbreviation that changed the name; and an
  // abbreviation whose word is not in the name is not tried. A name too long for every abbreviation used to run
  // some eighty patterns; a table for each of 6,500 managers took about 50 ms of its 210 ms naming its sheets.
  let tidied = false;
  for (let k = 0; k < ABBREVIATIONS.length; k++) {
    if (name.length <= max) return name;
    const word = ABBREVIATED_WORDS[k];
    if (tidied && word !== null && !name.includes(word)) continue;
    const [re, short] = ABBREVIATIONS[k];
    const next = name.replace(re, short);
    if (!tidied || next !== name) name = next.replace(/\s+/g, " ").trim();
    tidied = true;
  }
  if (name.length <= max) return name;
  let out = "";
  for (const w of name.split(" ")) {
    const next = out ? `${out} ${w}` : w;
    if (next.length > max) break;
    out = next;
  }
  out = out.replace(/[\s&-]+$/, "").trim();
  return out || cutUnits(name, max).trim();
}

/** The first `max` UTF-16 units of a name, one fewer if the cut would split a surrogate pair (an emoji, say). */
function cutUnits(name: string, max: number): string {
  const code = name.charCodeAt(max - 1);
  return name.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * What XML 1.0 cannot hold (C0 controls, DEL, U+FFFE, U+FFFF: the .xlsx writer drops them, see
 * src/workbook/xlsxParts.ts) and lone surrogates (not Unicode text: written as U+FFFD). Sheet names lose them
 * before they are compared, or "Finance" and "Finance" + BEL would both be written "Finance".
 */
// eslint-disable-next-line no-control-regex
const UNWRITABLE = /[\x00-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Excel's rules for sheet names: 1 to 31 characters (shortened by whole words, never between the halves of a
 * surrogate pair), none of : \ / ? * [ ], not starting or ending with an apostrophe, and not "History"
 * (reserved, in any case). Control characters and lone surrogates become spaces. Spaces and apostrophes at
 * either end are stripped until neither is left, both before and after shortening (a cut can end on an
 * apostrophe), so a name made only of apostrophes and spaces becomes "Sheet".
 */
export function sanitiseSheetName(wanted: string, max = SHEET_NAME_MAX): string {
  const strip = (s: string): string => s.replace(/^[\s']+|[\s']+$/g, "");
  let name = strip(shorten(strip(wanted.replace(UNWRITABLE, " ").replace(/[:\\/?*[\]]/g, " ").replace(/\s+/g, " ")), max));
  if (name === "" || name.toLowerCase() === "history") name = "Sheet";
  return name;
}

/**
 * A table name Excel takes, unique (case-insensitively) among `taken` (the workbook's tables and defined names, which
 * share one set of names), which it joins: letters, digits, "_" and "." only, starting with a letter or "_", not a
 * cell reference ("AB12"), not beginning with an R1C1 reference ("R2", "C1_Posts", "RC1"), not TRUE or FALSE
 * (MS-XLSB 2.5.166, the grammar of names), and not "R", "C" or "RC" (Microsoft KB 111393), and "Findings_2" for a
 * second "Findings".
 *
 * R1C1 references are written with the user's language's letters: Z1S1 in German (KB 111393; a name starting "s001"
 * made German Excel repair a file that English Excel opened: orbeon/orbeon-forms#6391), L1C1 in French, F1C1 in
 * Spanish, R1K1 in Dutch. The table is named once, in whatever language the workbook is opened in later, so every
 * name beginning with one or two letters and a digit gets "T_" before it, and a name of one or two letters only gets
 * "_" after it. Cut to 200 characters so a suffix stays within Excel's 255.
 */
export function uniqueTableName(wanted: string, taken: Set<string>): string {
  let base = wanted.replace(/[^A-Za-z0-9_.]/g, "_");
  if (!/^[A-Za-z_]/.test(base) || /^[A-Za-z]{1,2}\d/.test(base)) base = `T_${base}`;
  if (/^[A-Za-z]{1,3}\d+$/.test(base) || /^[A-Za-z]{1,2}$/.test(base) || /^(true|false)$/i.test(base)) base = `${base}_`;
  base = base.slice(0, 200);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** A sanitised sheet name not among `existing` (compared case-insensitively, as Excel does): "Report (2)", still cut between words. */
export function uniqueSheetName(wanted: string, existing: Iterable<string>): string {
  return sheetNamer(existing)(wanted);
}

/**
 * Names for many sheets in turn, each unique among `existing` and those named before: the same names as calling
 * uniqueSheetName with the growing list, in linear time (a table for each of 6,000 managers), each distinct
 * wanted name sanitised once per length.
 */
export function sheetNamer(existing: Iterable<string> = []): (wanted: string) => string {
  const taken = new Set([...existing].map((n) => n.toLowerCase()));
  const nextSuffix = new Map<string, number>();
  // Sheets for many posts share names ("Structure Team Manager" a hundred times): each name is cut to each
  // length once, not once per sheet (shortening tries some forty abbreviations in turn).
  const cut = new Map<number, Map<string, string>>();
  const sanitised = (wanted: string, max: number): string => {
    let byName = cut.get(max);
    if (!byName) cut.set(max, (byName = new Map()));
    let name = byName.get(wanted);
    if (name === undefined) byName.set(wanted, (name = sanitiseSheetName(wanted, max)));
    return name;
  };
  return (wanted) => {
    const base = sanitised(wanted, SHEET_NAME_MAX);
    const key = base.toLowerCase();
    let name = base;
    if (taken.has(key)) {
      for (let i = nextSuffix.get(key) ?? 2; ; i++) {
        const suffix = ` (${i})`;
        const candidate = sanitised(wanted, SHEET_NAME_MAX - suffix.length) + suffix;
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
