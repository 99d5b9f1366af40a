/**
 * A post-list field as a declaration, one file per field (like HyperFormula declares each function once):
 * the header words that find its column, the template's heading, description and width, how its cell is
 * read into a post (and which cells are reported as not reading), how a post's value is written back to a
 * cell and the number format and style of that cell. parsePostRows (../postList.ts) runs every field's
 * `read` in column order; POST_LIST_COLUMNS, the header detector, postToRow and the "New post list"
 * template loop over the declarations.
 */
import type { RuleId, Severity } from "../../findings";
import type { LayoutStyleName } from "../../layout";
import type { CellValue } from "../../sheetSnapshot";
import type { Post, PostCellProblem, PostField } from "../postList";

/** The cell of one field on one row. */
export interface FieldCell {
  /** False when the list has no column for the field (the field keeps its default). */
  mapped: boolean;
  /** The cell's value; null when blank or not mapped. */
  value: CellValue;
  /** The cell as text, trimmed; "" for blanks and error values (reported once, as formula-error). */
  text: string;
  /** True when the cell shows an Excel error value. */
  error: boolean;
}

/** What a field's reader may use besides its own cell. */
export interface ReadContext {
  /** How messages name the post: its title in quotes, else "post F010", else "row 7". */
  label: string;
  /** For the FTE field only: the column holds weekly hours, read as FTE = hours ÷ this (a full-time week). */
  fullTimeHours?: number;
  /** Report the field's cell as not reading (the post is still read, with the field's default). */
  problem(rule: RuleId, severity: Severity, message: string, extra?: Partial<Pick<PostCellProblem, "suggestion" | "fixValue" | "fixDescription">>): void;
}

export interface PostFieldDeclaration {
  field: PostField;
  /** Header wording written by the template (and preferred by the header detector). */
  header: string;
  /** What goes in the column, for the header's input prompt and the task pane. */
  description: string;
  /** Column width in characters. */
  width: number;
  required: boolean;
  /** False for a column the template leaves out but the reader recognises (similarity, added by HR for slotting). */
  inTemplate: boolean;
  /**
   * Patterns that recognise the field's column, strongest first: [pattern, score], tested against the header
   * text lower-cased, "&" as "and", punctuation as spaces. The best score over every field wins; ties go to
   * the field tried first (HEADER_PRECEDENCE in ../postList.ts).
   */
  headerWords: ReadonlyArray<readonly [RegExp, number]>;
  /** The post's value as its cell holds it (text stays text, dates as Excel serials); null for a blank cell. */
  write(post: Post): CellValue;
  /** Number format of the column's cells in the template, written rows and empty rows alike ("@" keeps ids text). */
  numberFormat?: string;
  /** Style of a written cell; default "body". */
  style?: LayoutStyleName;
  /** Read the cell into the post; fields are read in column order, so status is known to postholders. */
  read(cell: FieldCell, post: Post, ctx: ReadContext): void;
}

/** Header and status text as compared: lower case, "&" as "and", punctuation and runs of spaces as one space. */
export function headerKey(text: string): string {
  return text
    .replace(/\u00a0/g, " ")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9%]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A number from text such as "1.0", " 0.5 ", "80%". */
export function numberFromText(t: string): { value: number; percent: boolean } | null {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(%)?$/.exec(t.trim());
  if (!m) return null;
  const value = Number(m[1]);
  return Number.isFinite(value) ? { value, percent: m[2] === "%" } : null;
}
