/**
 * The Post lists tab's state as a reducer (plain data, runs in node tests), with the pure rules the tab follows:
 * which posts can head a structure table, which mapping a check uses (an unsaved correction is used, and said
 * so), which titles would reach members' tables as formulas, and the saved mapping as a workbook setting.
 */
import { cellAddress } from "../../core/a1";
import type { Finding } from "../../core/findings";
import type { SalaryPoint } from "../../core/grades";
import { saveMapping, type ParsedPostList, type Post, type PostField, type PostListHeaderMatch, type SavedPostListMapping } from "../../core/posts/postList";
import { resolveScenario, structurePosts, type StructureSide } from "../../core/posts/scenarios";
import type { SheetSnapshot } from "../../core/sheetSnapshot";
import type { AddinSettingValue, TableInfo } from "../../excel/types";

export type MappingOverrides = Partial<Record<PostField, number | null>>;

export interface LoadedList {
  snapshot: SheetSnapshot;
  /** Read from the selection or a table (re-read that block), not the sheet's used range. */
  fromSelection: boolean;
  parsed: ParsedPostList & { match: PostListHeaderMatch };
  saved: SavedPostListMapping | null;
}

export interface PostListsState {
  /** Picker value: "" the active sheet, SELECTION, TABLE + name, or a sheet name. */
  source: string;
  sheets: string[];
  tables: TableInfo[];
  /** Why the sheets and tables could not be listed (shown, not hidden). */
  listingError: string | null;
  list: LoadedList | null;
  overrides: MappingOverrides;
  checked: { findings: Finding[]; snapshot: SheetSnapshot; run: number } | null;
  scenarios: string[];
  point: SalaryPoint;
  topId: string;
  detail: boolean;
  impactText: string[] | null;
}

export const ACTIVE = "";
export const SELECTION = "\u0000selection";
/** Picker values for Excel tables: a prefix the sheet names (plain text) cannot start with, then the table name. */
export const TABLE = "\u0001table:";

export const initialPostListsState: PostListsState = {
  source: ACTIVE,
  sheets: [],
  tables: [],
  listingError: null,
  list: null,
  overrides: {},
  checked: null,
  scenarios: [],
  point: "min",
  topId: "",
  detail: false,
  impactText: null,
};

export type PostListsAction =
  | { type: "source"; source: string }
  | { type: "listed"; sheets: string[]; tables: TableInfo[] }
  | { type: "listing-failed"; message: string }
  | { type: "found"; list: LoadedList }
  | { type: "not-found" }
  | { type: "mapping-saved"; list: LoadedList }
  | { type: "overrides"; overrides: MappingOverrides }
  | { type: "checked"; findings: Finding[]; snapshot: SheetSnapshot; fresh: LoadedList["parsed"] | null }
  | { type: "scenarios"; scenarios: string[] }
  | { type: "point"; point: SalaryPoint }
  | { type: "top"; id: string }
  | { type: "detail"; on: boolean }
  | { type: "impact"; lines: string[] };

/**
 * Posts that can head a structure table or an org chart: in the structure drawn (after the proposals by default,
 * under the chosen scenarios) and with someone reporting to them there; the tops of that structure first.
 */
export function topPostChoices(posts: readonly Post[], scenarios: readonly string[], side: StructureSide = "after"): Post[] {
  const structure = structurePosts(resolveScenario(posts, [...scenarios]), side);
  const ids = new Set(structure.map((p) => p.id));
  const managers = new Set(structure.map((p) => p.reportsTo).filter((id): id is string => id !== null && ids.has(id)));
  const withReports = structure.filter((p) => p.id !== "" && managers.has(p.id));
  const isTop = (p: Post): boolean => p.reportsTo === null || !ids.has(p.reportsTo);
  return [...withReports.filter(isTop), ...withReports.filter((p) => !isTop(p))];
}

function keepTop(topId: string, posts: readonly Post[], scenarios: readonly string[]): string {
  const choices = topPostChoices(posts, scenarios);
  return choices.some((p) => p.id === topId) ? topId : (choices[0]?.id ?? "");
}

export function postListsReducer(state: PostListsState, action: PostListsAction): PostListsState {
  switch (action.type) {
    case "source":
      return { ...state, source: action.source };
    case "listed":
      return { ...state, sheets: action.sheets, tables: action.tables, listingError: null };
    case "listing-failed":
      return { ...state, listingError: action.message };
    case "found":
      return { ...state, list: action.list, overrides: {}, checked: null, impactText: null, scenarios: [], topId: keepTop("", action.list.parsed.posts, []) };
    case "not-found":
      return { ...state, list: null, overrides: {}, checked: null, impactText: null, topId: "" };
    case "mapping-saved":
      return { ...state, list: action.list, overrides: {}, checked: null, topId: keepTop(state.topId, action.list.parsed.posts, state.scenarios) };
    case "overrides":
      return { ...state, overrides: action.overrides };
    case "checked": {
      const list = state.list && action.fresh ? { ...state.list, snapshot: action.snapshot, parsed: action.fresh } : state.list;
      return { ...state, list, checked: { findings: action.findings, snapshot: action.snapshot, run: (state.checked?.run ?? 0) + 1 } };
    }
    case "scenarios":
      return { ...state, scenarios: action.scenarios, topId: state.list ? keepTop(state.topId, state.list.parsed.posts, action.scenarios) : state.topId };
    case "point":
      return { ...state, point: action.point };
    case "top":
      return { ...state, topId: action.id };
    case "detail":
      return { ...state, detail: action.on };
    case "impact":
      return { ...state, impactText: action.lines };
  }
}

/** The mapping a check or a table uses: the user's unsaved corrections when there are any (and that they are unsaved). */
export function effectiveMapping(list: LoadedList, overrides: MappingOverrides): { mapping: SavedPostListMapping | null; unsaved: boolean } {
  if (Object.keys(overrides).length === 0) return { mapping: list.saved, unsaved: false };
  return { mapping: saveMapping(list.parsed.match, overrides), unsaved: true };
}

/** Post titles typed with a leading "=" (they would reach members' tables as they are): "C12 "=Head of…"". */
export function titlesStartingWithEquals(list: LoadedList): { cell: string; title: string }[] {
  const col = list.parsed.columns.title;
  if (col === undefined) return [];
  return list.parsed.posts.filter((p) => /^\s*=/.test(p.title)).map((p) => ({ cell: cellAddress(p.row, col), title: p.title }));
}

/** The saved mapping as a workbook setting, field by field (no cast: the setting holds exactly this JSON). */
export function mappingSetting(saved: SavedPostListMapping): AddinSettingValue {
  const fields: Record<string, AddinSettingValue> = {};
  for (const [field, value] of Object.entries(saved.fields)) {
    if (value === undefined) continue;
    fields[field] = value === null ? null : { header: value.header, column: value.column };
  }
  return { version: saved.version, headerRow: saved.headerRow, fields };
}
