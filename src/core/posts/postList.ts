/**
 * Post lists (the establishment): the Post model, the "New post list" column set and template, finding a post
 * list in any table or range by its headers, and reading its rows into Posts with per-cell problems.
 *
 * Conventions (what each column means):
 * - `reportsTo` is the post id of the post's line manager in the structure AFTER the proposals; for a deleted
 *   post it is the line it had before. A blank reports-to means the post reports to no one in the list (a top).
 * - `status`: existing / deleted / new / amended / unaffected. A blank status is read as "existing" (a plain
 *   establishment list has no status column at all). Common wordings are accepted ("Post deleted", "Delete",
 *   "To be deleted", "Proposed deletion", "Deleted – redundancy", "New post", "Proposed new", "Created",
 *   "Changed", "No change"...: ./fields/status.ts). Anything else is a `status-invalid` problem and the post
 *   is read as "existing" in the structure, and left out of the restructure impact (with a note).
 * - `scenario`: the change in `status` happens only when that scenario is chosen ("deleted" + "Legal JV" means
 *   deleted if the Legal joint venture goes ahead, unaffected otherwise). "not Legal JV" means the change happens
 *   only when "Legal JV" is NOT chosen. See `resolveScenario` in ./scenarios.
 * - `postholders`: people in the post now. Blank means 1 for a post that exists now (any status but "new") and
 *   0 for a new post.
 * - `fte`: 0 to 1 per post (one row is one post). A list with no FTE column but a weekly hours column ("Hours",
 *   "Contracted hours", "Weekly hours") is read as hours ÷ full-time hours (37 by default), with a finding. Blank is read as 1.00 with a warning; a number typed as text
 *   ("1.0") is read as the number with a `number-as-text` warning and a fix.
 * - `similarity`: how much of the new job is the same work as the old one (0-1, or a percentage 0-100, or
 *   text "80%"), used by slotting. On a new post that names the posts it replaces, it is the similarity of that
 *   pairing (each pair, when several are named).
 * - `replaces`: on a new post, the post IDs of the deleted posts it replaces (HR's job-matching: the posts matched
 *   to it), separated by commas, semicolons or "and" ("Replaces", "Matched to", "Slotted from", "Old post ID").
 *   Read as reports-to IDs are (the cell's text, matched exactly). Slotting offers a new post that names posts
 *   only those, and offers a named post to no other new post (./impact.ts).
 * - `effectiveDate`: an Excel serial date, or text dd/mm/yyyy.
 */
import { cellAddress, type RangeRef } from "../a1";
import { dateToExcelSerial, formatDate } from "../financialYear";
import type { Finding, RuleId, Severity, CellEdit } from "../findings";
import { SAMPLE_GRADE_TABLE, type GradeTable } from "../grades";
import type { LayoutValidation, SheetLayout } from "../layout";
import { LayoutCells } from "../layoutCells";
import { cellText, isErrorValue, type CellValue, type SheetSnapshot } from "../sheetSnapshot";
import type { FinancialYear } from "../financialYear";
import { isTotalLabel } from "../totalRows";
import { POST_FIELD_DECLARATIONS } from "./fields";
import { DEFAULT_FULL_TIME_HOURS, isHoursHeader } from "./fields/fte";
import { headerKey, type FieldCell, type PostFieldDeclaration, type ReadContext } from "./fields/field";

export { parsePostStatus } from "./fields/status";
export { splitFunctions } from "./fields/text";

/** A post's place in a restructure. */
export type PostStatus = "existing" | "deleted" | "new" | "amended" | "unaffected";

/** Every status, in the order the template's drop-down lists them. */
export const POST_STATUSES: readonly PostStatus[] = ["existing", "deleted", "new", "amended", "unaffected"];

/** One post (one row of a post list). */
export interface Post {
  /** Post id as typed (trimmed). Unique in a good list. */
  id: string;
  title: string;
  /** Normalised grade (" kr17 " -> "KR17"); "" when blank. */
  grade: string;
  /** Full-time equivalent, 0 to 1 in a good list. */
  fte: number;
  /** Post id of the line manager's post; null when the post reports to no one in the list. */
  reportsTo: string | null;
  directorate: string;
  division: string;
  /** Functions and services the post leads, in the order typed (the cell is semicolon-separated). */
  functions: string[];
  status: PostStatus;
  /** The status cell's text when it is not a recognised status (the post is then read as "existing"). */
  rawStatus?: string;
  /** People in the post now. */
  postholders: number;
  /** The scenario the status depends on ("Legal JV", "not Legal JV"); absent when unconditional. */
  scenario?: string;
  effectiveDate?: Date;
  /**
   * Share of the new job that is the same work as the old one, 0 to 1 (slotting); the reader always gives a
   * fraction. Set in code, a percentage (80) is read as 80% too, as similarityFraction (../slotting) reads it. On a
   * new post that names the posts it `replaces`, the similarity of that pairing.
   */
  similarity?: number;
  /** On a new post: the post IDs of the deleted posts it replaces (matched to it for slotting), as typed, each once. */
  replaces?: string[];
  /** 0-based sheet row the post came from (for findings); for posts built in code, their index. */
  row: number;
  /** For an amended post found by comparing two lists: what it was before (grade and FTE costed "before"). */
  previous?: { title: string; grade: string; fte: number };
}

/** The fields a post list column can map to. */
export type PostField =
  | "id"
  | "title"
  | "grade"
  | "fte"
  | "reportsTo"
  | "directorate"
  | "division"
  | "functions"
  | "status"
  | "postholders"
  | "scenario"
  | "effectiveDate"
  | "similarity"
  | "replaces";

export const POST_FIELDS: readonly PostField[] = [
  "id",
  "title",
  "grade",
  "fte",
  "reportsTo",
  "directorate",
  "division",
  "functions",
  "status",
  "postholders",
  "scenario",
  "effectiveDate",
  "similarity",
  "replaces",
];

/** One column of a post list: its field's declaration (./fields/), from the heading to the cell format. */
export type PostListColumn = PostFieldDeclaration;

/**
 * The "New post list" columns, in template order. `similarity` and `replaces` are not in the template (they are
 * added by HR when slotting is assessed) but are recognised when present.
 */
export const POST_LIST_COLUMNS: readonly PostListColumn[] = POST_FIELD_DECLARATIONS.filter((d) => d.inTemplate);

/** The declaration of a field's column (the template's columns, plus similarity and replaces). */
export function postListColumn(field: PostField): PostListColumn {
  const decl = POST_FIELD_DECLARATIONS.find((d) => d.field === field);
  if (!decl) throw new Error(`No post-list field "${field}".`);
  return decl;
}

// ---------------------------------------------------------------------------------------------------------
// Header detection.

/** Which column (0-based, relative to the block read) holds each field. Plain data: safe to persist. */
export interface PostListMapping {
  /** 0-based row of the header, relative to the block read (snapshot.values). */
  headerRow: number;
  columns: Partial<Record<PostField, number>>;
}

export interface MappedColumn {
  field: PostField;
  column: number;
  header: string;
}

/** What the detector found: the mapping, and what it could not place. */
export interface PostListHeaderMatch {
  mapping: PostListMapping;
  /** Header text per column of the header row. */
  headers: string[];
  mapped: MappedColumn[];
  /** Headed columns not mapped to any field (extra columns: notes, cost centre...). */
  unmapped: { column: number; header: string }[];
  /** Fields no column maps to. */
  missing: PostField[];
  /** Fields two columns claim equally (a heading that appears twice): the first is read, the other left out. */
  duplicates?: DuplicateColumn[];
}

/**
 * The fields' header words (./fields/) in the order they are tried: when two fields claim a header with the
 * same score the one tried first keeps it (the detector's order before the fields were declared one per file).
 */
const HEADER_PRECEDENCE: readonly PostFieldDeclaration[] = (
  ["reportsTo", "postholders", "id", "title", "grade", "fte", "directorate", "division", "functions", "status", "scenario", "effectiveDate", "similarity", "replaces"] as const
).map((f) => postListColumn(f));

/** The field a header names and how sure the match is (0 = none). Exported for the task pane's mapping editor. */
export function matchHeader(text: string): { field: PostField; score: number } | null {
  const key = headerKey(text);
  if (key === "") return null;
  let best: { field: PostField; score: number } | null = null;
  for (const decl of HEADER_PRECEDENCE) {
    for (const [re, score] of decl.headerWords) {
      if (re.test(key) && (best === null || score > best.score)) best = { field: decl.field, score };
    }
  }
  return best;
}


/** Two columns that claim one field with the same strength (a heading that appears twice): the first is read. */
export interface DuplicateColumn {
  field: PostField;
  /** The column read (0-based, relative to the block) and its header. */
  kept: { column: number; header: string };
  /** The column left out. */
  dropped: { column: number; header: string };
}

/**
 * The header text of each column of row `r`. With `groups` (the group headings of the row above, per column:
 * see groupHeadings), a column under a group heading is headed "group + own heading" ("Reports to" over
 * "Post ID" is "Reports to Post ID"); a heading that already starts with its group's words keeps its own
 * ("Post" over "Post ID"), and a blank heading under a group is the group's ("Status").
 */
function headerTexts(row: readonly CellValue[], groups: readonly string[] | null): { headers: string[]; fallback: string[] } {
  const own = row.map((c) => cellText(c));
  if (groups === null) return { headers: own, fallback: own.map(() => "") };
  const headers = own.map((h, c) => {
    const g = groups[c] ?? "";
    if (g === "") return h;
    if (h === "") return g;
    const gk = headerKey(g);
    const hk = headerKey(h);
    return hk === gk || hk.startsWith(`${gk} `) ? h : `${g} ${h}`;
  });
  // A combined heading that names no field ("Post Job no.") is read by the column's own heading, except under a
  // heading that names another post ("Reports to" over "Name" is the manager's name, not this post's title).
  const fallback = own.map((h, c) => (headers[c] === h || matchHeader(groups[c] ?? "")?.field === "reportsTo" ? "" : h));
  return { headers, fallback };
}

/**
 * The group headings a row holds over the row below it, per column, or null when it holds none: a heading
 * merged across two or more columns, or followed by blank cells over headed columns (a heading typed once over
 * its group), continues over those columns. Needs a merged heading or at least two headings in the row, so a
 * title line above the header ("Proposed structure") is not taken for one.
 */
function groupHeadings(above: readonly CellValue[], below: readonly CellValue[], merges: readonly RangeRef[], r: number): string[] | null {
  const width = Math.max(above.length, below.length);
  const groups: string[] = Array.from({ length: width }, () => "");
  let merged = 0;
  let continued = 0;
  let headings = 0;
  for (const m of merges) {
    if (m.row !== r || m.colCount < 2) continue;
    const text = cellText(above[m.col] ?? null);
    if (text === "") continue;
    merged++;
    for (let c = m.col; c < Math.min(width, m.col + m.colCount); c++) groups[c] = text;
  }
  let open = "";
  for (let c = 0; c < width; c++) {
    const text = cellText(above[c] ?? null);
    if (text !== "") {
      headings++;
      open = text;
      groups[c] = text;
    } else if (groups[c] !== "") {
      open = groups[c];
    } else if (open !== "" && cellText(below[c] ?? null) !== "") {
      groups[c] = open;
      continued++;
    } else {
      open = "";
    }
  }
  return merged > 0 || (continued > 0 && headings >= 2) ? groups : null;
}

/** Map one header row. Each field takes the best-scoring column; ties go to the leftmost (and are listed as duplicates). */
function mapHeaderRow(row: readonly CellValue[], headerRow: number, groups: readonly string[] | null = null): PostListHeaderMatch {
  const { headers, fallback } = headerTexts(row, groups);
  const candidates: { field: PostField; column: number; score: number }[] = [];
  headers.forEach((h, column) => {
    const m = matchHeader(h) ?? matchHeader(fallback[column]);
    if (m) candidates.push({ field: m.field, column, score: m.score });
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const columns: Partial<Record<PostField, number>> = {};
  const scores: Partial<Record<PostField, number>> = {};
  const used = new Set<number>();
  const duplicates: DuplicateColumn[] = [];
  for (const c of candidates) {
    if (used.has(c.column)) continue;
    const kept = columns[c.field];
    if (kept !== undefined) {
      if (scores[c.field] === c.score) duplicates.push({ field: c.field, kept: { column: kept, header: headers[kept] }, dropped: { column: c.column, header: headers[c.column] } });
      continue;
    }
    columns[c.field] = c.column;
    scores[c.field] = c.score;
    used.add(c.column);
  }
  const match = describeMapping(headers, { headerRow, columns });
  // A column left out that another field then took is not a duplicate.
  match.duplicates = duplicates.filter((d) => !match.mapped.some((m) => m.column === d.dropped.column));
  return match;
}

/** Map row r, combining the group headings of the row above when that maps more fields. */
function mapHeaderRowWithGroups(values: readonly (readonly CellValue[])[], r: number, merges: readonly RangeRef[]): PostListHeaderMatch {
  const plain = mapHeaderRow(values[r], r);
  if (r === 0) return plain;
  const groups = groupHeadings(values[r - 1], values[r], merges, r - 1);
  if (groups === null) return plain;
  const grouped = mapHeaderRow(values[r], r, groups);
  return isPostListHeader(grouped) && grouped.mapped.length > plain.mapped.length ? grouped : plain;
}

function describeMapping(headers: string[], mapping: PostListMapping): PostListHeaderMatch {
  const mapped: MappedColumn[] = [];
  for (const field of POST_FIELDS) {
    const column = mapping.columns[field];
    if (column !== undefined) mapped.push({ field, column, header: headers[column] ?? "" });
  }
  mapped.sort((a, b) => a.column - b.column);
  const usedCols = new Set(mapped.map((m) => m.column));
  const unmapped = headers.map((header, column) => ({ column, header })).filter((h) => h.header !== "" && !usedCols.has(h.column));
  const missing = POST_FIELDS.filter((f) => mapping.columns[f] === undefined);
  return { mapping, headers, mapped, unmapped, missing };
}

/** A header row is a post list's when it maps a post id, a title and at least two of grade, FTE, reports to, status, directorate. */
function isPostListHeader(m: PostListHeaderMatch): boolean {
  const c = m.mapping.columns;
  if (c.id === undefined || c.title === undefined) return false;
  const support = (["grade", "fte", "reportsTo", "status", "directorate"] as const).filter((f) => c[f] !== undefined).length;
  return support >= 2;
}

/**
 * Find a post list's header row in a block of cells (a table, a used range or a selection), looking at the first
 * `maxScan` rows (default 30). Tolerant of wording ("Post no.", "Job title", "Line manager post",
 * "Division/Service", "No. of postholders", "Effective from"...), order and extra columns. A two-row header
 * whose upper row groups columns under merged (or blank-continued) headings ("Reports to" over "Post ID | Name")
 * is read with each column's group heading in front of its own ("Reports to Post ID"). `merges` are the block's
 * merged ranges, relative to values[0][0]. Returns null when no row looks like a post list header.
 */
export function detectPostListHeader(values: readonly (readonly CellValue[])[], maxScan = 30, merges: readonly RangeRef[] = []): PostListHeaderMatch | null {
  let best: PostListHeaderMatch | null = null;
  for (let r = 0; r < Math.min(values.length, maxScan); r++) {
    const m = mapHeaderRowWithGroups(values, r, merges);
    if (!isPostListHeader(m)) continue;
    if (best === null || m.mapped.length > best.mapped.length) best = m;
  }
  return best;
}

/**
 * A user-corrected mapping as the Excel layer stores it in the workbook (JSON): per field, the header text the
 * user chose and its column when chosen; null = the user said this field is not in the list.
 * Applying by header text first keeps the mapping right when columns are inserted or moved.
 */
export interface SavedPostListMapping {
  version: 1;
  headerRow: number;
  fields: Partial<Record<PostField, { header: string; column: number } | null>>;
}

/** The mapping to save after the user corrects it in the task pane. */
export function saveMapping(match: PostListHeaderMatch, overrides: Partial<Record<PostField, number | null>> = {}): SavedPostListMapping {
  const fields: SavedPostListMapping["fields"] = {};
  for (const field of POST_FIELDS) {
    const col = field in overrides ? overrides[field] : match.mapping.columns[field];
    if (col === undefined) continue;
    fields[field] = col === null ? null : { header: match.headers[col] ?? "", column: col };
  }
  return { version: 1, headerRow: match.mapping.headerRow, fields };
}

/** Read a saved mapping from untrusted JSON (workbook settings). Null when it is not one. */
export function readSavedMapping(json: unknown): SavedPostListMapping | null {
  if (typeof json === "string") {
    try {
      return readSavedMapping(JSON.parse(json) as unknown);
    } catch {
      return null;
    }
  }
  if (typeof json !== "object" || json === null) return null;
  const o = json as Record<string, unknown>;
  if (o.version !== 1 || typeof o.headerRow !== "number" || !Number.isInteger(o.headerRow) || o.headerRow < 0) return null;
  if (typeof o.fields !== "object" || o.fields === null) return null;
  const fields: SavedPostListMapping["fields"] = {};
  for (const [k, v] of Object.entries(o.fields as Record<string, unknown>)) {
    if (!(POST_FIELDS as readonly string[]).includes(k)) continue;
    const field = k as PostField;
    if (v === null) fields[field] = null;
    else if (typeof v === "object" && v !== null) {
      const e = v as Record<string, unknown>;
      if (typeof e.header === "string" && typeof e.column === "number" && Number.isInteger(e.column) && e.column >= 0) {
        fields[field] = { header: e.header, column: e.column };
      }
    }
  }
  return { version: 1, headerRow: o.headerRow, fields };
}

/**
 * Apply a saved (user-corrected) mapping to a block: fields saved with a header are found by that header's text
 * in the header row (so moved columns still map), else by their saved column; fields saved as null stay unmapped;
 * fields not saved keep what the detector finds. Returns null when the header row is outside the block.
 */
export function applySavedMapping(values: readonly (readonly CellValue[])[], saved: SavedPostListMapping, merges: readonly RangeRef[] = []): PostListHeaderMatch | null {
  if (saved.headerRow >= values.length) return null;
  const auto = mapHeaderRowWithGroups(values, saved.headerRow, merges);
  const headers = auto.headers;
  const columns: Partial<Record<PostField, number>> = {};
  const claimed = new Set<number>();
  for (const field of POST_FIELDS) {
    const s = saved.fields[field];
    if (s === undefined || s === null) continue;
    const key = headerKey(s.header);
    let col = key === "" ? -1 : headers.findIndex((h, i) => headerKey(h) === key && !claimed.has(i));
    if (col < 0 && s.column < headers.length && !claimed.has(s.column)) col = s.column;
    if (col >= 0) {
      columns[field] = col;
      claimed.add(col);
    }
  }
  for (const field of POST_FIELDS) {
    if (field in saved.fields) continue;
    const col = auto.mapping.columns[field];
    if (col !== undefined && !claimed.has(col)) {
      columns[field] = col;
      claimed.add(col);
    }
  }
  const match = describeMapping(headers, { headerRow: saved.headerRow, columns });
  // Fields the user mapped are theirs: only the detector's duplicates for the others are still in doubt.
  match.duplicates = (auto.duplicates ?? []).filter((d) => !(d.field in saved.fields) && !match.mapped.some((m) => m.column === d.dropped.column));
  return match;
}

// ---------------------------------------------------------------------------------------------------------
// Reading rows.

/** A problem with one cell, found while reading (never thrown). Becomes a Finding with `problemFindings`. */
export interface PostCellProblem {
  /** 0-based sheet row and column. */
  row: number;
  col: number;
  field: PostField;
  rule: RuleId;
  severity: Severity;
  message: string;
  suggestion?: string;
  /** A safe mechanical fix for the cell (e.g. FTE typed as text -> the number). */
  fixValue?: { kind: "number"; value: number } | { kind: "text"; value: string };
  fixDescription?: string;
}

export interface ParsedPostList {
  posts: Post[];
  problems: PostCellProblem[];
  /** Sheet coordinates (0-based) of each mapped column, for findings. */
  columns: Partial<Record<PostField, number>>;
  /** 0-based sheet row of the header. */
  headerRow: number;
  /** Blank rows skipped between posts (sheet rows, 0-based). */
  blankRows: number[];
  /**
   * Set by readPostList when the list has no FTE column but a weekly hours column ("Hours", "Contracted hours"):
   * its header, sheet column (0-based) and the full-time week each post's FTE was worked out from.
   */
  fteFromHours?: { header: string; col: number; fullTimeHours: number };
  /** Set by readPostList: fields two columns claim equally (sheet columns, 0-based); the first is read. */
  duplicateColumns?: { field: PostField; kept: { col: number; header: string }; dropped: { col: number; header: string } }[];
}




export interface ParsePostListOptions {
  /** Sheet coordinates of values[0][0]; default A1. */
  origin?: { row: number; col: number };
  /** The column mapped to FTE holds weekly hours: FTE = hours ÷ this full-time week. */
  fullTimeHours?: number;
}

export interface ReadPostListOptions {
  /** Full-time weekly hours for a list with an hours column and no FTE column. Default 37 (DEFAULT_FULL_TIME_HOURS). */
  fullTimeHours?: number;
}

/**
 * Read the rows under the header into Posts. Blank rows are skipped (and listed); every cell problem is
 * reported in `problems`, never thrown. Rows whose id, title and grade are all blank are not posts, nor are
 * totals lines ("Total", "Grand total" in the id or title column: `isTotalRow`, src/core/totalRows.ts). Each field of a post is
 * read by its declaration in ./fields/ (one file per field).
 */
export function parsePostRows(
  values: readonly (readonly CellValue[])[],
  mapping: PostListMapping,
  options: ParsePostListOptions = {},
): ParsedPostList {
  const origin = options.origin ?? { row: 0, col: 0 };
  const c = mapping.columns;
  const sheetColumns: Partial<Record<PostField, number>> = {};
  for (const f of POST_FIELDS) if (c[f] !== undefined) sheetColumns[f] = (c[f] as number) + origin.col;
  const posts: Post[] = [];
  const problems: PostCellProblem[] = [];
  const blankRows: number[] = [];
  let pendingBlank: number[] = [];

  // What is the same on every row, made once: the columns read, and for each field a cell and a context that are
  // filled in again for each row (readers use them only while reading). Made per row, they were a dozen objects
  // and closures a field, and about half the time of reading a list. Each cell is read, checked for an error
  // value and turned into text once a row, by field (in POST_FIELDS order).
  let sheetRow = 0;
  const problem = (field: PostField, rule: RuleId, severity: Severity, message: string, extra: Partial<PostCellProblem> = {}): void => {
    problems.push({ row: sheetRow, col: (c[field] ?? 0) + origin.col, field, rule, severity, message, ...extra });
  };
  const fieldCols = POST_FIELDS.map((f) => c[f]);
  const fieldAt = new Map(POST_FIELDS.map((f, k) => [f, k]));
  const readers = POST_FIELD_DECLARATIONS.map((decl) => {
    const f = decl.field;
    const cell: FieldCell = { mapped: c[f] !== undefined, value: null, text: "", error: false };
    const ctx: ReadContext = { label: "", problem: (rule, severity, message, extra) => problem(f, rule, severity, message, extra) };
    if (f === "fte" && options.fullTimeHours !== undefined) ctx.fullTimeHours = options.fullTimeHours;
    return { decl, at: fieldAt.get(f) as number, cell, ctx };
  });
  const idAt = fieldAt.get("id") as number;
  const titleAt = fieldAt.get("title") as number;
  const gradeAt = fieldAt.get("grade") as number;
  const cellValue: CellValue[] = POST_FIELDS.map(() => null);
  const cellError: boolean[] = POST_FIELDS.map(() => false);
  const cellString: string[] = POST_FIELDS.map(() => "");

  for (let r = mapping.headerRow + 1; r < values.length; r++) {
    const row = values[r];
    sheetRow = r + origin.row;
    // A row is blank when every mapped cell is (an error value is not blank).
    let blank = true;
    for (let k = 0; k < fieldCols.length; k++) {
      const col = fieldCols[k];
      const v = col === undefined ? null : (row[col] ?? null);
      const error = isErrorValue(v);
      const t = error ? "" : cellText(v);
      cellValue[k] = v;
      cellError[k] = error;
      cellString[k] = t;
      if (col !== undefined && (error || t !== "")) blank = false;
    }
    if (blank) {
      pendingBlank.push(sheetRow);
      continue;
    }
    for (let k = 0; k < fieldCols.length; k++) {
      if (cellError[k]) {
        const field = POST_FIELDS[k];
        problem(field, "formula-error", "error", `The ${postListColumn(field).header.toLowerCase()} cell shows ${cellValue[k] as string}.`, { suggestion: "Correct the formula or type the value." });
      }
    }
    const id = cellString[idAt];
    const title = cellString[titleAt];
    const gradeText = cellString[gradeAt];
    if ((id === "" && title === "" && gradeText === "") || isTotalRow(id, title)) {
      // Something in other columns only (a note, a stray total): not a post.
      pendingBlank.push(sheetRow);
      continue;
    }
    for (const b of pendingBlank) blankRows.push(b);
    pendingBlank = [];
    // Each field reads its own cell (./fields/), in column order, into a post with the defaults.
    const label = title !== "" ? `"${title}"` : id !== "" ? `post ${id}` : `row ${sheetRow + 1}`;
    const post: Post = { id, title, grade: "", fte: 1, reportsTo: null, directorate: "", division: "", functions: [], status: "existing", postholders: 1, row: sheetRow };
    for (const { decl, at, cell, ctx } of readers) {
      cell.value = cellValue[at];
      cell.text = cellString[at];
      cell.error = cellError[at];
      ctx.label = label;
      decl.read(cell, post, ctx);
    }
    posts.push(post);
  }
  return { posts, problems, columns: sheetColumns, headerRow: mapping.headerRow + origin.row, blankRows };
}

/**
 * A totals line, not a post: a total label ("Total", "Grand total", "Total posts: 4") in the post id column with
 * the title blank or also a total label, or in the title column with the post id blank. A post id is a code, so
 * "Total" there is the label of the line that adds up the posts above; a row with a real id keeps being a post
 * whatever its title ("Total Rewards Manager").
 */
export function isTotalRow(id: string, title: string): boolean {
  if (id === "") return isTotalLabel(title);
  return isTotalLabel(id) && (title === "" || isTotalLabel(title));
}

/** Find and read a post list in a snapshot; null when the sheet holds none. A saved mapping wins when given. */
export function readPostList(
  snapshot: SheetSnapshot,
  saved?: SavedPostListMapping | null,
  options: ReadPostListOptions = {},
): (ParsedPostList & { match: PostListHeaderMatch }) | null {
  const merges = snapshot.merges.map((m) => ({ ...m, row: m.row - snapshot.origin.row, col: m.col - snapshot.origin.col }));
  const match = saved ? applySavedMapping(snapshot.values, saved, merges) : detectPostListHeader(snapshot.values, 30, merges);
  if (!match || match.mapping.columns.id === undefined) return null;
  // A weekly hours column in the FTE's place (the list has no FTE column): each post's FTE is hours ÷ full-time hours.
  const fteCol = match.mapping.columns.fte;
  const hoursHeader = fteCol === undefined ? undefined : match.headers[fteCol];
  const fullTimeHours = hoursHeader !== undefined && isHoursHeader(hoursHeader) ? (options.fullTimeHours ?? DEFAULT_FULL_TIME_HOURS) : undefined;
  const parsed = parsePostRows(snapshot.values, match.mapping, { origin: snapshot.origin, ...(fullTimeHours !== undefined ? { fullTimeHours } : {}) });
  if (fullTimeHours !== undefined && hoursHeader !== undefined && fteCol !== undefined) {
    parsed.fteFromHours = { header: hoursHeader, col: fteCol + snapshot.origin.col, fullTimeHours };
  }
  const duplicates = match.duplicates ?? [];
  if (duplicates.length > 0) {
    const at = (c: { column: number; header: string }): { col: number; header: string } => ({ col: c.column + snapshot.origin.col, header: c.header });
    parsed.duplicateColumns = duplicates.map((d) => ({ field: d.field, kept: at(d.kept), dropped: at(d.dropped) }));
  }
  return { ...parsed, match };
}

/** Turn reading problems into findings on a sheet (with fixes where one is safe). */
export function problemFindings(sheet: string, problems: readonly PostCellProblem[]): Finding[] {
  return problems.map((p) => {
    const cell = cellAddress(p.row, p.col);
    const f: Finding = { sheet, cell, rule: p.rule, severity: p.severity, message: p.message };
    if (p.suggestion) f.suggestion = p.suggestion;
    if (p.fixValue) {
      const edit: CellEdit = p.fixValue.kind === "number" ? { sheet, cell, kind: "number", value: p.fixValue.value } : { sheet, cell, kind: "text", value: p.fixValue.value };
      f.fix = { description: p.fixDescription ?? "Fix the cell.", edits: [edit] };
    }
    return f;
  });
}

/** Rule ids reported while reading a post list (not by the structural checks). */
export const PARSE_RULES: readonly RuleId[] = ["fte-not-a-number", "number-as-text", "missing-value", "invalid-value", "formula-error"];

// ---------------------------------------------------------------------------------------------------------
// Posts back to rows (for fixtures, previews and the .xlsx renderer).

/** The template header row; with `includeSlotting`, the slotting columns (similarity, replaces) after it. */
export function postListHeaderRow(includeSlotting = false): string[] {
  return writtenColumns(includeSlotting).map((c) => c.header);
}

/** The template's columns, and with `includeSlotting` every field declared (similarity, replaces), in column order. */
function writtenColumns(includeSlotting: boolean): readonly PostListColumn[] {
  return includeSlotting ? POST_FIELD_DECLARATIONS : POST_LIST_COLUMNS;
}

/** A post as a template row (text stays text; dates as Excel serials; functions and replaced ids joined). */
export function postToRow(p: Post, includeSlotting = false): CellValue[] {
  return writtenColumns(includeSlotting).map((c) => c.write(p));
}

// ---------------------------------------------------------------------------------------------------------
// The "New post list" template.

export interface NewPostListOptions {
  /** The grade table in use: its grades fill the Grade drop-down. Default: the sample table. */
  gradeTable?: GradeTable;
  /** Pay year whose grades are listed; default the table's latest. */
  year?: FinancialYear;
  /** How many rows the drop-downs and formats cover. Default 500. */
  rows?: number;
  /** Sheet name wanted. Default "Post list". */
  sheetName?: string;
  /** Excel table name. Default "PostList". */
  tableName?: string;
  /** Posts to pre-fill (e.g. the sample list); default none. */
  posts?: readonly Post[];
}

/** Longest comma-separated source Excel accepts in a list validation. */
export const LIST_VALIDATION_MAX_CHARS = 255;

/**
 * The "New post list" sheet: an Excel table with the template columns at A1, frozen header, number formats
 * (FTE 0.00, dates dd/mm/yyyy, ids as text) and data validation: Grade from the grade table in use, FTE decimal
 * 0 to 1, Status from its list, Reports to from the Post ID column, postholders whole 0-999, effective date a
 * date. When the grade list is too long for an in-cell list (255 characters), the grades are written in a
 * "Grades" block to the right of the table and the drop-down refers to it.
 */
export function newPostListLayout(options: NewPostListOptions = {}): SheetLayout {
  const table = options.gradeTable ?? SAMPLE_GRADE_TABLE;
  const grades = table.grades(options.year);
  const posts = options.posts ?? [];
  const rows = Math.max(options.rows ?? 500, posts.length + 1);
  const cols = POST_LIST_COLUMNS;
  const colOf = (f: PostField): number => cols.findIndex((c) => c.field === f);
  const cells = new LayoutCells();
  cols.forEach((c, col) => cells.put(0, col, c.header, "header"));
  const dataRange = (f: PostField): RangeRef => ({ row: 1, col: colOf(f), rowCount: rows, colCount: 1 });

  posts.forEach((p, i) => {
    postToRow(p).forEach((v, col) => {
      if (v === null || v === "") return;
      const decl = cols[col];
      // A styled cell takes the style's format (the fte style is 0.00); the others their column's.
      cells.put(i + 1, col, v, decl.style ?? "body", decl.numberFormat && !decl.style ? decl.numberFormat : undefined);
    });
  });
  // Column number formats on the empty template rows, so typed values land as intended.
  for (let r = posts.length + 1; r <= rows; r++) {
    cols.forEach((c, col) => {
      if (c.numberFormat) cells.put(r, col, null, undefined, c.numberFormat);
    });
  }

  const columnWidths = cols.map((c) => c.width);
  const validations: LayoutValidation[] = [];
  const gradeSource = grades.join(",");
  if (gradeSource.length <= LIST_VALIDATION_MAX_CHARS && grades.every((g) => !g.includes(","))) {
    validations.push({
      range: dataRange("grade"),
      kind: "list",
      source: grades,
      allowBlank: true,
      errorStyle: "stop",
      errorTitle: "Grade",
      errorMessage: `Choose a grade from the grade table in use (${table.label}).`,
      inputTitle: "Grade",
      inputMessage: "Pick the post's pay grade.",
    });
  } else {
    const listCol = cols.length + 1;
    cells.push({ row: 0, col: listCol, value: "Grades (from the grade table in use)", style: "header" });
    grades.forEach((g, i) => cells.push({ row: i + 1, col: listCol, value: g, style: "body" }));
    columnWidths[cols.length] = 3;
    columnWidths[listCol] = 16;
    const letters = cellAddress(0, listCol).replace(/\d+$/, "");
    validations.push({
      range: dataRange("grade"),
      kind: "listRange",
      source: `=$${letters}$2:$${letters}$${grades.length + 1}`,
      allowBlank: true,
      errorStyle: "stop",
      errorTitle: "Grade",
      errorMessage: `Choose a grade from the grade table in use (${table.label}).`,
    });
  }
  validations.push({
    range: dataRange("fte"),
    kind: "decimal",
    min: 0,
    max: 1,
    allowBlank: true,
    errorStyle: "stop",
    errorTitle: "FTE",
    errorMessage: "FTE is a number from 0 to 1 (one row per post).",
    inputTitle: "FTE",
    inputMessage: "Full-time equivalent, 0 to 1.",
  });
  validations.push({
    range: dataRange("status"),
    kind: "list",
    source: [...POST_STATUSES],
    allowBlank: true,
    errorStyle: "stop",
    errorTitle: "Status",
    errorMessage: `Status is one of: ${POST_STATUSES.join(", ")}.`,
  });
  const idLetters = cellAddress(0, colOf("id")).replace(/\d+$/, "");
  validations.push({
    range: dataRange("reportsTo"),
    kind: "listRange",
    source: `=$${idLetters}$2:$${idLetters}$${rows + 1}`,
    allowBlank: true,
    errorStyle: "warning",
    errorTitle: "Reports to",
    errorMessage: "Reports to should be a post ID from the Post ID column (blank for the top post).",
    inputTitle: "Reports to",
    inputMessage: "The post ID of the line manager's post.",
  });
  validations.push({
    range: dataRange("postholders"),
    kind: "whole",
    min: 0,
    max: 999,
    allowBlank: true,
    errorStyle: "stop",
    errorTitle: "Postholders",
    errorMessage: "The number of people in the post now: a whole number, 0 if vacant.",
  });
  validations.push({
    range: dataRange("effectiveDate"),
    kind: "date",
    min: dateToExcelSerial(new Date(Date.UTC(2000, 0, 1))),
    max: dateToExcelSerial(new Date(Date.UTC(2099, 11, 31))),
    allowBlank: true,
    errorStyle: "stop",
    errorTitle: "Effective date",
    errorMessage: `A date from ${formatDate(new Date(Date.UTC(2000, 0, 1)))} to ${formatDate(new Date(Date.UTC(2099, 11, 31)))}.`,
  });

  return {
    name: options.sheetName ?? "Post list",
    cells,
    merges: [],
    columnWidths,
    print: { orientation: "landscape", fitToWidth: true, repeatRows: { first: 0, last: 0 } },
    freezeRows: 1,
    tables: [{ name: options.tableName ?? "PostList", range: { row: 0, col: 0, rowCount: Math.max(2, posts.length + 1), colCount: cols.length } }],
    validations,
  };
}
