/**
 * Post list checks: the same Finding shape, severities and navigation as the budget checker.
 *
 * Rules (stable ids, one file each under ./checks/rules/, listed in ./checks/rules/index.ts): missing-post-id,
 * duplicate-post-id, status-invalid, blank-grade, unknown-grade, fte-not-a-number, fte-out-of-range,
 * fte-looks-like-hours, reporting-cycle, reports-to-missing, multiple-tops, tiers-exceeded, span-of-control, grade-inversion,
 * replaces-invalid, replaces-similarity-total. Each
 * reads one analysis of the list (./checks/analysis.ts). fte-column-missing and duplicate-column look at the list's
 * columns (no FTE column, FTE read from weekly hours; two columns for one field). Reading the sheet adds number-as-text (FTE typed as
 * text, with a fix), missing-value (blank title or FTE), invalid-value (unreadable date, similarity or
 * postholders), fte-not-a-number and formula-error.
 *
 * Which posts each rule looks at (statuses resolved for the chosen scenario first, see ./scenarios):
 * - every post, whatever its status: missing-post-id, duplicate-post-id, reporting-cycle (a cycle is a data
 *   error in any structure), blank-grade, unknown-grade, fte-not-a-number, fte-out-of-range, fte-looks-like-hours, status-invalid;
 * - posts that name the posts they replace (the Replaces column): replaces-invalid (IDs not in the list, posts not
 *   deleted or of another grade, names on a post that is not new) and replaces-similarity-total (a deleted post
 *   whose new posts' similarities put more of its work into them than it had), statuses resolved for the scenario;
 * - the structure checked (`structure`, default "after": every post but the deleted ones; "before": every post
 *   but the new ones; "both"): reports-to-missing (a kept post reporting to a deleted post is flagged in the
 *   after structure), multiple-tops, tiers-exceeded, span-of-control, grade-inversion. Deleted posts are also
 *   checked for reports-to-missing against the whole list (their line before the proposals).
 * Reports-to is the line in the after structure (the line before for deleted posts), so the before structure
 * only sees lines that hold before: a kept post reporting to a new post is not flagged there.
 *
 * Tiers of management: the top post is tier 1; a post with direct reports at tier t is the t-th tier of
 * management. `tiers-exceeded` flags managers at tier maxTiers + 1 (the first tier over the limit; default 5,
 * "no more than five tiers of management"). A six-level tree whose sixth level has no reports passes.
 * Span of control: posts with at least one direct report whose number of direct reports is outside
 * [span.min, span.max] (default 2 to 10).
 */
import type { Finding, Severity } from "../findings";
import { sortFindings } from "../findings";
import type { SheetSnapshot } from "../sheetSnapshot";
import type { PostListAnalysis, PostListCheckOptions } from "./checks/analysis";
import { analysePosts } from "./checks/analysis";
import type { PostReport, PostRule } from "./checks/rule";
import { POST_RULES } from "./checks/rules";
import { duplicateColumn } from "./checks/rules/duplicateColumn";
import { fteColumnMissing } from "./checks/rules/fteColumnMissing";
import { problemFindings, readPostList, type Post, type PostField, type SavedPostListMapping } from "./postList";

export type { PostListCheckOptions } from "./checks/analysis";
export { DEFAULT_MAX_TIERS, DEFAULT_SPAN } from "./checks/analysis";

/** Run post-list rules over one analysis; one finding per (rule, cell), in rule order. */
export function runPostRules(a: PostListAnalysis, rules: readonly PostRule[] = POST_RULES): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const report: PostReport = (p: Post, field: PostField, message: string, suggestion?: string, severity: Severity = rule.meta.severity): void => {
      const cell = a.cell(p, field);
      const key = `${rule.meta.id}|${cell}`;
      if (seen.has(key)) return;
      seen.add(key);
      const f: Finding = { sheet: a.sheet, cell, rule: rule.meta.id, severity, message };
      if (suggestion) f.suggestion = suggestion;
      findings.push(f);
    };
    rule.check(a, report);
  }
  return findings;
}

/**
 * Check posts (already read or built in code). Findings point at the post's row and the relevant column.
 * See the module comment for which statuses each rule considers.
 */
export function checkPosts(posts: readonly Post[], options: PostListCheckOptions = {}): Finding[] {
  return sortFindings(runPostRules(analysePosts(posts, options)));
}

/**
 * Check the post list on a sheet snapshot: finds the post list by its headers (or the user's saved mapping),
 * reads it and runs every rule. Null when the sheet holds no post list (so auditWorkbook can call it on every
 * sheet). Findings are sorted as people read them.
 */
export function checkPostListSnapshot(
  snapshot: SheetSnapshot,
  options: Omit<PostListCheckOptions, "sheet" | "columns"> & { savedMapping?: SavedPostListMapping | null } = {},
): Finding[] | null {
  const parsed = readPostList(snapshot, options.savedMapping);
  if (!parsed) return null;
  const { savedMapping: _saved, ...rest } = options;
  const found = [
    // A user who mapped FTE to no column has said the list has none: not told again.
    ...(options.savedMapping?.fields.fte === null ? [] : fteColumnMissing.findings(snapshot.name, parsed)),
    ...duplicateColumn.findings(snapshot.name, parsed),
    ...problemFindings(snapshot.name, parsed.problems),
    ...checkPosts(parsed.posts, { ...rest, sheet: snapshot.name, columns: parsed.columns }),
  ];
  return sortFindings(found);
}
