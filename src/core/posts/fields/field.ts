/**
 * A post-list field as a declaration: how its cell is read into a post and which cells are reported as
 * not reading, one file per field (like HyperFormula declares each function once). parsePostRows
 * (../postList.ts) finds the rows that are posts and then runs every field's `read` in column order; the
 * header words, template headings and widths of each field are in POST_LIST_COLUMNS there.
 */
import type { RuleId, Severity } from "../../findings";
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
  /** Report the field's cell as not reading (the post is still read, with the field's default). */
  problem(rule: RuleId, severity: Severity, message: string, extra?: Partial<Pick<PostCellProblem, "suggestion" | "fixValue" | "fixDescription">>): void;
}

export interface PostFieldDeclaration {
  field: PostField;
  /** Read the cell into the post; fields are read in column order, so status is known to postholders. */
  read(cell: FieldCell, post: Post, ctx: ReadContext): void;
}

/** A number from text such as "1.0", " 0.5 ", "80%". */
export function numberFromText(t: string): { value: number; percent: boolean } | null {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(%)?$/.exec(t.trim());
  if (!m) return null;
  const value = Number(m[1]);
  return Number.isFinite(value) ? { value, percent: m[2] === "%" } : null;
}
