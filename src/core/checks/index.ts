/**
 * Budget-sheet and savings-sheet checks: the entry points the task pane, the Excel layer and auditWorkbook use.
 *
 * The checks are pure: a SheetSnapshot in (from Office.js or from an .xlsx), Findings out. They find the
 * tables on a sheet by meaning (tables.ts), run the budget and savings rules on them (budgetRules.ts), flag
 * Excel error values anywhere in the checked block (formulaErrors.ts), and run the post-list checks
 * (src/core/posts) on sheets that hold a post list. A correct sheet gives no findings apart from the
 * information-level `negative-net` and `requirement-gap`.
 *
 * Speed: linear in the size of the sheet; a 100,000-line sheet takes well under a second (bench/validate).
 * Cancellation: `checkSnapshots` checks its AbortSignal between sheets; `checkSnapshotsAsync` also yields
 * to the event loop between sheets so a Cancel button can be handled, and rejects with an AbortError.
 */
import { appendAll } from "../arrays";
import { abortError } from "../cancel";
import type { Finding } from "../findings";
import { sortFindings } from "../findings";
import { checkPostListSnapshot } from "../posts/postListChecks";
import type { SheetSnapshot } from "../sheetSnapshot";
import type { CheckOptions } from "./budgetRules";
import { checkTables } from "./budgetRules";
import { checkFormulaErrors } from "./formulaErrors";
import type { DetectedTable } from "./tables";
import { detectHeaderlessTable, detectTables } from "./tables";

export type { CheckOptions } from "./budgetRules";
export { canonicalTotalFormula, describeRange, storedUnitOfFormat } from "./budgetRules";
export { describeRows } from "../words";
export type { AmountColumn, AmountKind, DetectedTable, RowKind, TableRow, TotalInfo } from "./tables";
export { classifyHeader, detectHeaderlessTable, detectTables, unitFromText } from "./tables";
export { parseSumFormula } from "./formulaRefs";
export type { SumFormula } from "./formulaRefs";
export { applyEditsToSnapshot, recalculateSums, EditOutsideSnapshotError } from "./applyEdits";
export { textAmountNumberFormat, formatAmount, readAmount } from "./amounts";
export type { AmountCell } from "./amounts";
export { checkFormulaErrors } from "./formulaErrors";

/** Options for checking one sheet. */
export interface SheetCheckOptions extends CheckOptions {
  /** Run the post-list checks on sheets that hold a post list (default true). */
  postLists?: boolean;
  /**
   * When a sheet (or selection) has no header row, check a block of lines found from its "Total" rows
   * (default true). Its columns have no unit or kind, so only the total, SUM and text checks apply.
   */
  headerless?: boolean;
}

/** Progress of a multi-sheet check: `done` sheets of `total`, the sheet just checked. */
export interface CheckProgress {
  done: number;
  total: number;
  sheet: string;
  /** Set when the sheet was not checked because it is the add-in's own output: what it is ("check report"). */
  skippedAsOutput?: string;
}

/** Names of the sheets that are the add-in's own output (SheetSnapshot.addinOutput), each once, in order. */
export function outputSheetNames(snapshots: readonly SheetSnapshot[]): string[] {
  const out: string[] = [];
  for (const s of snapshots) if (s.addinOutput !== undefined && !out.includes(s.name)) out.push(s.name);
  return out;
}

export interface CheckSnapshotsOptions extends SheetCheckOptions {
  /** Stops the check between sheets; checkSnapshots throws, checkSnapshotsAsync rejects, with an AbortError. */
  signal?: AbortSignal;
  /** Called after each sheet. */
  onProgress?: (progress: CheckProgress) => void;
  /**
   * The tables already detected on a sheet (findTables), so a caller that needed them first (the members'
   * pack) does not detect them twice; undefined for a sheet the checks should detect themselves.
   */
  tablesOf?: (snapshot: SheetSnapshot) => readonly DetectedTable[] | undefined;
}

const POST_LIST_HEADER_RE = /\b(post\s*(id|title|no|number|ref)|grade|fte|reports?\s*to)\b/i;


/** One finding per (cell, rule): the post-list reader and the budget rules both flag error values. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const k = `${f.sheet}\u0000${f.cell}\u0000${f.rule}\u0000${f.message}`;
    const k2 = `${f.sheet}\u0000${f.cell}\u0000${f.rule}`;
    if (f.rule === "formula-error" ? seen.has(k2) : seen.has(k)) continue;
    seen.add(k);
    seen.add(k2);
    out.push(f);
  }
  return out;
}

/**
 * The tables the checks find on a sheet (for the task pane to show what was checked, and for tests).
 */
export function findTables(snapshot: SheetSnapshot): DetectedTable[] {
  if (snapshot.values.length === 0) return [];
  return detectTables(snapshot);
}

/**
 * Check one sheet: every budget and savings table on it, every Excel error value in it, and its post list
 * when it holds one. Findings are sorted by severity, then row, then column (sortFindings). `detected`: the
 * sheet's tables as findTables gave them, when the caller has them already (they are not detected again).
 */
export function checkSheet(snapshot: SheetSnapshot, options: SheetCheckOptions = {}, detected?: readonly DetectedTable[]): Finding[] {
  // The add-in's own output (a check report, a structure table...) is never read as input.
  if (snapshot.addinOutput !== undefined) return [];
  if (snapshot.values.length === 0 || (snapshot.values[0]?.length ?? 0) === 0) return [];
  let tables = detected ? detected.slice() : detectTables(snapshot);
  if (tables.length === 0 && (options.headerless ?? true)) {
    const block = detectHeaderlessTable(snapshot);
    if (block) tables = [block];
  }
  const found: Finding[] = [];
  if (options.postLists ?? true) {
    const posts = checkPostListSnapshot(snapshot);
    if (posts) {
      appendAll(found, posts);
      // A post list's own columns (grade, FTE, cost) are not a budget table.
      tables = tables.filter((t) => t.headerRow < 0 || !snapshot.values[t.headerRow].some((v) => typeof v === "string" && POST_LIST_HEADER_RE.test(v)));
    }
  }
  appendAll(found, checkFormulaErrors(snapshot));
  appendAll(found, checkTables(snapshot, tables, options));
  return sortFindings(dedupe(found));
}

/**
 * Check several sheets (a workbook, or the sheets the user picked), synchronously. Throws an AbortError
 * when `signal` is aborted (checked before each sheet). Findings of all sheets, sorted.
 */
export function checkSnapshots(snapshots: readonly SheetSnapshot[], options: CheckSnapshotsOptions = {}): Finding[] {
  const all: Finding[] = [];
  snapshots.forEach((s, i) => {
    if (options.signal?.aborted) throw abortError();
    appendAll(all, checkSheet(s, options, options.tablesOf?.(s)));
    options.onProgress?.({ done: i + 1, total: snapshots.length, sheet: s.name, ...(s.addinOutput !== undefined ? { skippedAsOutput: s.addinOutput } : {}) });
  });
  return sortFindings(all);
}

/**
 * Check several sheets, yielding to the event loop before each one so the task pane stays responsive and a
 * Cancel takes effect within one sheet's check (well under a second even for 100,000 lines). Rejects with
 * an AbortError when `signal` is aborted.
 */
export async function checkSnapshotsAsync(snapshots: readonly SheetSnapshot[], options: CheckSnapshotsOptions = {}): Promise<Finding[]> {
  const all: Finding[] = [];
  for (let i = 0; i < snapshots.length; i++) {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (options.signal?.aborted) throw abortError();
    const s = snapshots[i];
    appendAll(all, checkSheet(s, options, options.tablesOf?.(s)));
    options.onProgress?.({ done: i + 1, total: snapshots.length, sheet: s.name, ...(s.addinOutput !== undefined ? { skippedAsOutput: s.addinOutput } : {}) });
  }
  return sortFindings(all);
}

export { checkReportLayout, checkReturnsLayout, RULE_TITLES, SEVERITY_LABEL } from "./report";
export type { CheckReportOptions, ReturnCheck } from "./report";
