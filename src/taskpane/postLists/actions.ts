/**
 * The Post lists tab's work, as functions over the Excel layer passed in (so they run in node tests with a
 * fake): list the sheets and tables, find the list, save the mapping, check the list with the mapping in use.
 * Each returns the reducer actions to dispatch and the notice to show.
 */
import { rangeAddress } from "../../core/a1";
import type { GradeTable } from "../../core/grades";
import { readPostList, readSavedMapping } from "../../core/posts/postList";
import { checkPostListSnapshot } from "../../core/posts/postListChecks";
import type { SheetSnapshot } from "../../core/sheetSnapshot";
import type { AddinSettingValue, ReadSheetOptions, SheetInfo, TableInfo } from "../../excel/types";
import type { NoticeState } from "../components/Notice";
import { messageOf } from "../messages";
import { plural } from "../../core/words";
import { ACTIVE, SELECTION, TABLE, effectiveMapping, mappingSetting, titlesStartingWithEquals, type LoadedList, type MappingOverrides, type PostListsAction } from "./state";

export interface PostListsExcel {
  listSheets(): Promise<SheetInfo[]>;
  listTables(): Promise<TableInfo[]>;
  readSheetSnapshot(options: ReadSheetOptions): Promise<SheetSnapshot>;
  loadAddinSetting(key: string): Promise<AddinSettingValue | undefined>;
  saveAddinSetting(key: string, value: AddinSettingValue | undefined): Promise<void>;
}

export interface Outcome {
  actions: PostListsAction[];
  notice?: NoticeState;
}

export const mappingKey = (sheet: string): string => `postListMapping:${sheet}`;

/** The address of the block a snapshot holds ("A1:L40"). */
export function blockAddress(s: SheetSnapshot): string {
  return rangeAddress({ row: s.origin.row, col: s.origin.col, rowCount: Math.max(1, s.values.length), colCount: Math.max(1, s.values[0]?.length ?? 1) });
}

/** The visible sheets and their tables; a failure is reported, not hidden. */
export async function listSources(excel: PostListsExcel): Promise<PostListsAction> {
  try {
    const visible = (await excel.listSheets()).filter((s) => s.visibility === "Visible").map((s) => s.name);
    const tables = (await excel.listTables()).filter((t) => visible.includes(t.sheet));
    return { type: "listed", sheets: visible, tables };
  } catch (e) {
    return { type: "listing-failed", message: `The sheets and tables of this workbook could not be listed (${messageOf(e)}). "The active sheet" and "The selected cells" still work.` };
  }
}

/** Find the post list where the picker says. */
export async function findList(excel: PostListsExcel, source: string, tables: readonly TableInfo[], options: { signal?: AbortSignal } = {}): Promise<Outcome> {
  const table = source.startsWith(TABLE) ? tables.find((t) => t.name === source.slice(TABLE.length)) : undefined;
  const snapshot = await excel.readSheetSnapshot({
    scope: table ? { address: table.address } : source === SELECTION ? "selection" : "used",
    sheet: table ? table.sheet : source === ACTIVE || source === SELECTION ? undefined : source,
    signal: options.signal,
  });
  const saved = readSavedMapping((await excel.loadAddinSetting(mappingKey(snapshot.name))) ?? null);
  const parsed = readPostList(snapshot, saved);
  if (!parsed) {
    const cells = snapshot.values.length * (snapshot.values[0]?.length ?? 0);
    const text =
      source === SELECTION && cells <= 1
        ? `Only one cell is selected on "${snapshot.name}". Select the whole post list, including its header row (Post ID, Post title, Grade…), then try again.`
        : `No post list found on "${snapshot.name}". A post list has a header row with at least Post ID, Post title and two of Grade, FTE, Reports to, Status, Directorate. "New post list" makes one.`;
    return { actions: [{ type: "not-found" }], notice: { intent: "warning", text } };
  }
  const list: LoadedList = { snapshot, parsed, saved, fromSelection: source === SELECTION || source.startsWith(TABLE) };
  if (parsed.posts.length === 0) {
    return {
      actions: [{ type: "found", list }],
      notice: { intent: "info", text: `The post list on "${snapshot.name}" is empty: fill it in or paste your list under the headers (row ${parsed.headerRow + 1}), then click Find post list again.` },
    };
  }
  const equals = titlesStartingWithEquals(list);
  return {
    actions: [{ type: "found", list }],
    notice: {
      intent: equals.length ? "warning" : "success",
      text:
        `Found a post list of ${plural(parsed.posts.length, "post")} on "${snapshot.name}" (header on row ${parsed.headerRow + 1}). Mapped ${parsed.match.mapped.length} columns${saved ? " using the mapping saved in this workbook" : ""}.` +
        (equals.length ? ` ${equalsText(equals)}` : ""),
    },
  };
}

function equalsText(equals: { cell: string; title: string }[]): string {
  return `${plural(equals.length, "post title starts", "post titles start")} with "=" (${equals.map((e) => `${e.cell} "${e.title}"`).join("; ")}): remove the "=" so members' tables show the title as intended.`;
}

/** Save the corrected mapping in the workbook and read the list with it. */
export async function saveListMapping(excel: PostListsExcel, list: LoadedList, overrides: MappingOverrides): Promise<Outcome> {
  const { mapping } = effectiveMapping(list, overrides);
  if (!mapping) return { actions: [] };
  await excel.saveAddinSetting(mappingKey(list.snapshot.name), mappingSetting(mapping));
  const parsed = readPostList(list.snapshot, mapping);
  if (!parsed) {
    return {
      actions: [],
      notice: { intent: "warning", text: `Saved the column mapping for "${list.snapshot.name}", but with it no post list can be read: Post ID needs a column.` },
    };
  }
  return { actions: [{ type: "mapping-saved", list: { ...list, parsed, saved: mapping } }], notice: { intent: "success", text: `Saved the column mapping for "${list.snapshot.name}" in this workbook.` } };
}

/** Check the list, read again, with the mapping on screen (saved or not). */
export async function checkList(
  excel: PostListsExcel,
  list: LoadedList,
  overrides: MappingOverrides,
  options: { scenarios: string[]; gradeTable: GradeTable; signal?: AbortSignal; before?: string },
): Promise<Outcome> {
  const { mapping, unsaved } = effectiveMapping(list, overrides);
  const snapshot = await excel.readSheetSnapshot({ scope: list.fromSelection ? { address: blockAddress(list.snapshot) } : "used", sheet: list.snapshot.name, signal: options.signal });
  const fresh = readPostList(snapshot, mapping);
  if (!fresh) {
    return { actions: [], notice: { intent: "warning", text: `With the column mapping shown${unsaved ? " (not saved yet)" : ""}, no post list can be read on "${list.snapshot.name}": Post ID needs a column.` } };
  }
  const findings = checkPostListSnapshot(snapshot, { savedMapping: mapping, scenario: options.scenarios, gradeTable: options.gradeTable }) ?? [];
  const errors = findings.filter((f) => f.severity === "error").length;
  const equals = titlesStartingWithEquals({ ...list, snapshot, parsed: fresh });
  const parts = [
    options.before ?? "",
    findings.length === 0 ? "The post list has no faults." : `${plural(findings.length, "finding")}, ${plural(errors, "error")}.`,
    unsaved ? "Checked with your column changes, which are not saved yet: Save mapping keeps them." : "",
    equals.length ? equalsText(equals) : "",
  ].filter((t) => t !== "");
  return {
    actions: [{ type: "checked", findings, snapshot, fresh }],
    notice: { intent: errors || equals.length ? "warning" : "success", text: parts.join(" ") },
  };
}
