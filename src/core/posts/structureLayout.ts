/**
 * The committee paper's senior structure table, as data (StructureTable) and as a SheetLayout drawn by both
 * renderers (Office.js in src/excel, .xlsx in src/workbook). Every presentation decision is made here.
 *
 * Shape (rows 0-based):
 *   0  title ("Social Care and Public Health: structure")          style "title"
 *   1  subtitle (which structure, scenario)                         style "subtitle"
 *   3  the top post, merged across every report column              style "topPost"
 *   4  its grade and FTE, merged (when showGradeAndFte)             style "postDetail"
 *   5  one column per director-level direct report (see columnsByRole) style "reportPost"
 *   6  grade and FTE under each (when showGradeAndFte)              style "postDetail"
 *   7+ the divisions and functions each leads, one per cell         style "function" (columns padded to equal
 *      height with empty bordered cells so the boxes line up)
 *   then a blank row and one note per other direct report, merged across the table:
 *   "Head of Libraries is a direct report to the Corporate Director Social Care and Public Health."
 * A directorate with no single head (allDirectorateStructures) has its name across the top (no grade row) and
 * its top posts as the columns, with a note saying so.
 *
 * What a direct report "leads": its own functions (the functions column, in the order typed), then, tier by tier
 * beneath it (to `functionDepth` levels, default 1), each post's division and functions; deduplicated without
 * regard to case, spacing, punctuation or "&"/"and"; the direct report's own division and the directorate name
 * are not repeated as functions. A column whose post leads none lists its direct reports' titles instead.
 * Titles and functions are written as `value` strings, never formulas: a title starting with "=" stays text.
 */
import { gradeRank, type GradeTable } from "../grades";
import { sanitiseSheetName, sheetNamer, type SheetLayout } from "../layout";
import { LayoutCells } from "../layoutCells";
import type { RangeRef } from "../a1";
import { buildHierarchy, descendants, directorateRoots, type Hierarchy } from "./hierarchy";
import type { Post } from "./postList";
import { resolveScenario, scenarioStructure, type ScenarioChoice, type StructureSide } from "./scenarios";

export interface StructureOptions {
  /** Show "KR17 | 1.00 FTE" under each title. Default false. */
  showGradeAndFte?: boolean;
  /** Scenario(s) chosen (conditional statuses). Default none. */
  scenario?: ScenarioChoice;
  /** Which structure to draw. Default "after" (the proposed structure: every post but the deleted ones). */
  structure?: StructureSide;
  /** Levels beneath each direct report whose divisions and functions are listed. Default 1. */
  functionDepth?: number;
  /** Column order: as in the list (default), or most senior grade first (needs gradeTable). */
  order?: "list" | "grade";
  /** For order "grade". */
  gradeTable?: GradeTable;
  /** Sheet name wanted. Default "Structure <directorate>". */
  sheetName?: string;
  /** Title line. Default "<directorate>: structure". */
  title?: string;
}

/** One column of the structure table: a direct report of the top post and what it leads. */
export interface StructureColumn {
  post: Post;
  functions: string[];
}

/** The structure table as data. */
export interface StructureTable {
  /**
   * The post across the top; null for a directorate with no single head (several posts at its top, each
   * reporting outside it or to no one): those posts are then the columns, side by side.
   */
  top: Post | null;
  /** The text across the top: the top post's title, or the directorate's name when it has no single head. */
  heading: string;
  columns: StructureColumn[];
  /** Direct reports of the top post that are not columns (see columnsByRole), listed in notes under the table. */
  noted: Post[];
  /** The note sentences, one per noted post. */
  notes: string[];
  title: string;
  subtitle: string;
}

/** Thrown when the top post asked for is not in the structure. */
export class StructureError extends Error {
  override name = "StructureError";
}

function functionKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function postName(p: Post): string {
  return p.title !== "" ? p.title : p.id !== "" ? `Post ${p.id}` : "(untitled post)";
}

/** "KR17 | 1.00 FTE". */
export function postDetailText(p: Post): string {
  return `${p.grade === "" ? "grade not given" : p.grade} | ${p.fte.toFixed(2)} FTE`;
}

/** functionKey through a cache: the same division and function names recur on post after post. */
function keyOf(keys: Map<string, string>, s: string): string {
  let k = keys.get(s);
  if (k === undefined) {
    k = functionKey(s);
    keys.set(s, k);
  }
  return k;
}

/**
 * The divisions and functions a post leads (see the module comment). `keys` caches the comparison keys of names
 * across calls (a table for every manager compares the same names again and again).
 */
export function functionsLed(h: Hierarchy, i: number, depth = 1, keys: Map<string, string> = new Map()): string[] {
  const p = h.posts[i];
  const out: string[] = [];
  const seen = new Set<string>([keyOf(keys, p.division), keyOf(keys, p.directorate), ""]);
  const push = (s: string): void => {
    const k = keyOf(keys, s);
    if (seen.has(k)) return;
    seen.add(k);
    out.push(s.trim());
  };
  for (const f of p.functions) push(f);
  for (const d of descendants(h, i, depth)) {
    const q = h.posts[d];
    push(q.division);
    for (const f of q.functions) push(f);
  }
  return out;
}

/**
 * Which direct reports of a top post are columns (the rest are noted under the table), by their role, not by
 * whether they lead functions. The "managers" are the reports who manage posts of their own (every report, when
 * none does). With a grade table that ranks every manager, the columns are the reports graded at least as high
 * as the grade most managers hold (the higher, on a tie): a director without a team is a column, and a head of
 * service, with a team or not, graded below the directors is noted. Otherwise the columns are the managers and
 * the reports on the same grade as one of them (a new corporate director with no team yet beside one with a team).
 */
function columnsByRole(h: Hierarchy, reports: readonly number[], gradeTable: GradeTable | undefined): boolean[] {
  const manages = reports.map((r) => h.childStart[r + 1] > h.childStart[r]);
  const anyManager = manages.includes(true);
  const inPool = (k: number): boolean => !anyManager || manages[k];
  if (gradeTable !== undefined && reports.length > 0) {
    const ranks = reports.map((r) => gradeRank(gradeTable, h.posts[r].grade));
    if (ranks.every((r, k) => !inPool(k) || r !== null)) {
      const counts = new Map<number, number>();
      ranks.forEach((r, k) => {
        if (inPool(k) && r !== null) counts.set(r, (counts.get(r) ?? 0) + 1);
      });
      let usual = -Infinity;
      let most = 0;
      for (const [rank, n] of counts) {
        if (n > most || (n === most && rank > usual)) {
          usual = rank;
          most = n;
        }
      }
      return ranks.map((r) => r !== null && r >= usual);
    }
  }
  const gradeKey = (k: number): string => h.posts[reports[k]].grade.trim().toUpperCase();
  const poolGrades = new Set<string>();
  reports.forEach((_, k) => {
    if (inPool(k)) poolGrades.add(gradeKey(k));
  });
  poolGrades.delete("");
  return reports.map((_, k) => inPool(k) || poolGrades.has(gradeKey(k)));
}

/**
 * What goes under a column: the divisions and functions its post leads (functionsLed); when it leads none (a
 * list with no functions column, whose teams share their director's division), its direct reports' titles.
 */
function columnContents(h: Hierarchy, i: number, depth: number, keys: Map<string, string>): string[] {
  const led = functionsLed(h, i, depth, keys);
  if (led.length > 0) return led;
  const out: string[] = [];
  const seen = new Set<string>();
  for (let e = h.childStart[i], end = h.childStart[i + 1]; e < end; e++) {
    const name = postName(h.posts[h.childList[e]]);
    const k = keyOf(keys, name);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(name.trim());
  }
  return out;
}

function scenarioText(choice: ScenarioChoice): string {
  if (choice === null || choice === undefined) return "";
  const list = typeof choice === "string" ? [choice] : [...choice];
  const named = list.map((s) => s.trim()).filter((s) => s !== "");
  return named.length === 0 ? "" : `; scenario: ${named.join(", ")}`;
}

/** Post indices, highest grade first and then in list order, when the options ask for grade order; else as given (sorted in place). */
function orderedByGrade(h: Hierarchy, indices: number[], options: StructureOptions): number[] {
  if (options.order !== "grade" || !options.gradeTable) return indices;
  const table = options.gradeTable;
  const rank = (i: number): number => gradeRank(table, h.posts[i].grade) ?? 0;
  return indices.sort((a, b) => rank(b) - rank(a) || a - b);
}

function tableFromHierarchy(h: Hierarchy, topIndex: number, changed: boolean, options: StructureOptions, keys: Map<string, string> = new Map()): StructureTable {
  const top = h.posts[topIndex];
  const depth = options.functionDepth ?? 1;
  const reports = orderedByGrade(h, Array.from(h.childList.subarray(h.childStart[topIndex], h.childStart[topIndex + 1])), options);
  const columns: StructureColumn[] = [];
  const noted: Post[] = [];
  const isColumn = columnsByRole(h, reports, options.gradeTable);
  reports.forEach((r, k) => {
    if (isColumn[k]) columns.push({ post: h.posts[r], functions: columnContents(h, r, depth, keys) });
    else noted.push(h.posts[r]);
  });
  const topName = postName(top);
  const notes = noted.map((p) => `${postName(p)} is a direct report to the ${topName}.`);
  // The directorate as the tree names it (its commonest spelling), not as this post happens to spell it.
  const directorate = h.directorates.names[h.directorates.of[topIndex]];
  const title = options.title ?? `${directorate !== "" ? directorate : topName}: structure`;
  const subtitle = subtitleOf(changed, options);
  return { top, heading: topName, columns, noted, notes, title, subtitle };
}

function subtitleOf(changed: boolean, options: StructureOptions): string {
  const side = options.structure ?? "after";
  const which = !changed ? "Current structure" : side === "after" ? "Structure after the proposals" : "Structure before the proposals";
  return `${which}${scenarioText(options.scenario)}, from the post list.`;
}

/** "A", "A and B", "A, B and C"; past eight names, "A, B, … H and 12 more". */
export function listText(items: readonly string[]): string {
  if (items.length > 8) return `${items.slice(0, 8).join(", ")} and ${items.length - 8} more`;
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The table of a directorate with no single head: its top posts (`tops`, each reporting outside the directorate
 * or to no one) side by side as the columns, under the directorate's name, each with what it leads; a note under
 * the table says the directorate has no single head (and whom its top posts report to, when that is one post).
 */
function headlessTable(h: Hierarchy, tops: readonly number[], directorate: string, changed: boolean, options: StructureOptions, keys: Map<string, string>): StructureTable {
  const depth = options.functionDepth ?? 1;
  const order = orderedByGrade(h, [...tops].sort((a, b) => a - b), options);
  const columns: StructureColumn[] = order.map((i) => ({ post: h.posts[i], functions: columnContents(h, i, depth, keys) }));
  const manager = h.parent[order[0]];
  const oneManager = manager >= 0 && order.every((i) => h.parent[i] === manager);
  const notes = [
    `${directorate} has no single head: its ${order.length} top posts (${listText(order.map((i) => postName(h.posts[i])))}) are shown side by side` +
      (oneManager ? `, and each reports to the ${postName(h.posts[manager])}.` : "."),
  ];
  const title = options.title ?? `${directorate}: structure`;
  return { top: null, heading: directorate, columns, noted: [], notes, title, subtitle: subtitleOf(changed, options) };
}

/** The reporting tree of the structure drawn, and whether the proposals change any post (see scenarioStructure). */
function prepare(posts: readonly Post[], options: StructureOptions): { h: Hierarchy; changed: boolean } {
  const { posts: side, changed } = scenarioStructure(posts, options.scenario, options.structure ?? "after");
  return { h: buildHierarchy(side), changed };
}

/** The structure table under one post, as data. Throws StructureError when the post is not in the structure. */
export function structureTable(posts: readonly Post[], topPostId: string, options: StructureOptions = {}): StructureTable {
  const { h, changed } = prepare(posts, options);
  const i = h.index.get(topPostId.trim());
  if (i === undefined) {
    const exists = resolveScenario(posts, options.scenario).some((p) => p.id === topPostId.trim());
    throw new StructureError(
      exists
        ? `Post ${topPostId} is not in the ${options.structure ?? "after"} structure (it is ${options.structure === "before" ? "a new post" : "deleted"}).`
        : `There is no post with ID ${topPostId} in the list.`,
    );
  }
  return tableFromHierarchy(h, i, changed, options);
}

const MIN_WIDTH = 18;
const MAX_WIDTH = 34;

/** Draw a structure table as a sheet layout (see the module comment for the shape). */
export function structureTableLayout(t: StructureTable, options: StructureOptions = {}): SheetLayout {
  const detail = options.showGradeAndFte ?? false;
  const ncols = Math.max(1, t.columns.length);
  const cells = new LayoutCells();
  const merges: RangeRef[] = [];
  const mergeRow = (row: number): void => {
    if (ncols > 1) merges.push({ row, col: 0, rowCount: 1, colCount: ncols });
  };

  cells.put(0, 0, t.title, "title");
  cells.put(1, 0, t.subtitle, "subtitle");
  let row = 3;
  const topRow = row;
  cells.put(row, 0, t.heading, "topPost");
  for (let c = 1; c < ncols; c++) cells.put(row, c, null, "topPost");
  mergeRow(row);
  row++;
  if (detail && t.top !== null) {
    cells.put(row, 0, postDetailText(t.top), "postDetail");
    for (let c = 1; c < ncols; c++) cells.put(row, c, null, "postDetail");
    mergeRow(row);
    row++;
  }
  let headerEnd = row - 1;
  if (t.columns.length > 0) {
    t.columns.forEach((col, c) => cells.put(row, c, postName(col.post), "reportPost"));
    row++;
    if (detail) {
      t.columns.forEach((col, c) => cells.put(row, c, postDetailText(col.post), "postDetail"));
      row++;
    }
    headerEnd = row - 1;
    const height = t.columns.reduce((h, c) => Math.max(h, c.functions.length), 0);
    for (let k = 0; k < height; k++) {
      t.columns.forEach((col, c) => cells.put(row + k, c, col.functions[k] ?? null, "function"));
    }
    row += height;
  }
  if (t.notes.length > 0) {
    row++;
    for (const note of t.notes) {
      cells.put(row, 0, note, "note");
      mergeRow(row);
      row++;
    }
  }

  const columnWidths: number[] = [];
  for (let c = 0; c < ncols; c++) {
    const col = t.columns[c];
    const texts = col ? [postName(col.post), ...col.functions, detail ? postDetailText(col.post) : ""] : [t.heading];
    const longest = texts.reduce((n, s) => Math.max(n, s.length), 0);
    // Long titles wrap onto two lines; short columns keep a minimum width so boxes look even.
    const wanted = longest > MAX_WIDTH ? Math.max(MAX_WIDTH - 6, Math.ceil(longest / 2) + 2) : longest + 2;
    columnWidths.push(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, wanted)));
  }
  if (t.columns.length <= 1) columnWidths[0] = Math.max(columnWidths[0], Math.min(60, t.heading.length + 4));
  const totalWidth = columnWidths.reduce((s, w) => s + w, 0);
  return {
    name: sanitiseSheetName(options.sheetName ?? `Structure ${t.top === null ? t.heading : t.top.directorate !== "" ? t.top.directorate : postName(t.top)}`),
    cells,
    merges,
    columnWidths,
    print: {
      orientation: ncols >= 4 || totalWidth > 95 ? "landscape" : "portrait",
      fitToWidth: true,
      repeatRows: { first: topRow, last: headerEnd },
    },
  };
}

/** The structure table under one post, as a sheet layout. Throws StructureError when the post is not in the structure. */
export function structureLayout(posts: readonly Post[], topPostId: string, options: StructureOptions = {}): SheetLayout {
  return structureTableLayout(structureTable(posts, topPostId, options), options);
}

/**
 * Structure tables under several posts at once (one hierarchy built for all): for "a table for every
 * manager" or a user's multi-selection. Sheet names are unique within the set. Throws StructureError naming the
 * first id that is not in the structure.
 */
export function structureLayouts(posts: readonly Post[], topPostIds: readonly string[], options: Omit<StructureOptions, "sheetName" | "title"> = {}): SheetLayout[] {
  const { h, changed } = prepare(posts, options);
  const nameFor = sheetNamer();
  const keys = new Map<string, string>();
  return topPostIds.map((id) => {
    const i = h.index.get(id.trim());
    if (i === undefined) throw new StructureError(`Post ${id} is not in the ${options.structure ?? "after"} structure.`);
    const t = tableFromHierarchy(h, i, changed, options, keys);
    const name = nameFor(`Structure ${t.heading}`);
    return structureTableLayout(t, { ...options, sheetName: name });
  });
}

/**
 * One structure table per directorate, in the order directorates first appear in the list: each drawn under the
 * directorate's top post (the post whose manager is outside the directorate, or who has none; see
 * directorateRoots). A directorate with several such posts (directors reporting to a Chief Executive outside it,
 * or whose corporate director the proposals delete) has no single head: its table has those posts side by side
 * under the directorate's name, and a note says so (none of them is dropped). Posts with a blank directorate get
 * no table of their own. Sheet names are unique within the set.
 */
export function allDirectorateStructures(posts: readonly Post[], options: Omit<StructureOptions, "sheetName" | "title"> = {}): SheetLayout[] {
  const nameFor = sheetNamer();
  return allDirectorateTables(posts, options).map(({ directorate, table }) => structureTableLayout(table, { ...options, sheetName: nameFor(`Structure ${directorate}`) }));
}

/** The tables of {@link allDirectorateStructures} as data, each with the directorate it is for. */
export function allDirectorateTables(posts: readonly Post[], options: Omit<StructureOptions, "sheetName" | "title"> = {}): { directorate: string; table: StructureTable }[] {
  const { h, changed } = prepare(posts, options);
  const roots = directorateRoots(h, options.gradeTable);
  // The directorates in the order they first appear (numbered as the tree was built).
  const order = h.directorates.names.filter((d) => d !== "");
  const keys = new Map<string, string>();
  const tables: { directorate: string; table: StructureTable }[] = [];
  for (const d of order) {
    const tops = roots.get(d);
    if (!tops || tops.length === 0) continue;
    const table = tops.length === 1 ? tableFromHierarchy(h, tops[0], changed, options, keys) : headlessTable(h, tops, d, changed, options, keys);
    tables.push({ directorate: d, table });
  }
  return tables;
}
