/**
 * "Nothing to check here" versus "no faults found": a sheet is checkable when the checker recognises a budget or
 * savings table on it, or a post list with at least one post. An empty template or a grade table is not.
 */
import { detectHeaderlessTable, findTables } from "../core/checks";
import { readPostList } from "../core/posts/postList";
import type { SheetSnapshot } from "../core/sheetSnapshot";

export function isCheckable(snapshot: SheetSnapshot): boolean {
  if (snapshot.values.length === 0) return false;
  const tables = findTables(snapshot).filter((t) => t.lines.length > 0);
  if (tables.length > 0) return true;
  const list = readPostList(snapshot, null);
  if (list) return list.posts.length > 0;
  const block = detectHeaderlessTable(snapshot);
  return block !== null && block.lines.length > 0;
}

/** What the checker looks for, for the "nothing to check" message. */
export const WHAT_IS_CHECKED =
  "The checker looks for budget tables (a header row such as Service, Gross, Net or Budget with amounts under it and totals), savings ranges (such as 15-20 or £15m-£20m against a requirement) and post lists (Post ID, Post title, Grade, FTE, Reports to).";
