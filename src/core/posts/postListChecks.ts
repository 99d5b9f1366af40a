/**
 * Post list checks: the same Finding shape, severities and navigation as the budget checker.
 *
 * Rules (stable ids): duplicate-post-id, reports-to-missing, reporting-cycle, multiple-tops, tiers-exceeded,
 * span-of-control, unknown-grade, fte-out-of-range, grade-inversion, status-invalid. Reading the sheet adds
 * number-as-text (FTE typed as text, with a fix), missing-value (blank title, unreadable date, similarity or
 * postholders) and formula-error.
 *
 * Which posts each rule looks at (statuses resolved for the chosen scenario first, see ./scenarios):
 * - every post, whatever its status: duplicate-post-id, reporting-cycle (a cycle is a data error in any
 *   structure), unknown-grade, fte-out-of-range, status-invalid;
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
import { cellAddress } from "../a1";
import type { FinancialYear } from "../financialYear";
import { sortFindings, type Finding, type PostListRuleId, type Severity } from "../findings";
import { gradeRank, SAMPLE_GRADE_TABLE, type GradeTable } from "../grades";
import type { SheetSnapshot } from "../sheetSnapshot";
import { describeRows, plural } from "../words";
import { buildHierarchy, levelsBelow, subtreeSizes, type Hierarchy } from "./hierarchy";
import { POST_LIST_COLUMNS, POST_STATUSES, problemFindings, readPostList, type Post, type PostField, type SavedPostListMapping } from "./postList";
import { resolveScenario, structurePosts, type ScenarioChoice, type StructureSide } from "./scenarios";

export interface PostListCheckOptions {
  /** Sheet name for findings. Default "Post list". */
  sheet?: string;
  /** Sheet column (0-based) of each field, for finding addresses. Default: the template's column order from A. */
  columns?: Partial<Record<PostField, number>>;
  /** The grade table in use. Default: the sample table. */
  gradeTable?: GradeTable;
  /** Pay year of the grade table to check grades against; default its latest. */
  year?: FinancialYear;
  /** Most tiers of management allowed. Default 5. */
  maxTiers?: number;
  /** Allowed number of direct reports for a post that has any. Default 2 to 10. */
  span?: { min: number; max: number };
  /** Scenario(s) chosen (conditional statuses). Default none. */
  scenario?: ScenarioChoice;
  /** Structure whose shape is checked. Default "after". */
  structure?: StructureSide | "both";
}

export const DEFAULT_MAX_TIERS = 5;
export const DEFAULT_SPAN = { min: 2, max: 10 } as const;

const TEMPLATE_COLUMNS: Partial<Record<PostField, number>> = Object.fromEntries(POST_LIST_COLUMNS.map((c, i) => [c.field, i]));


function name(p: Post): string {
  if (p.title !== "") return p.id !== "" ? `${p.title} (${p.id})` : p.title;
  return p.id !== "" ? `Post ${p.id}` : `The post on row ${p.row + 1}`;
}

/**
 * Check posts (already read or built in code). Findings point at the post's row and the relevant column.
 * See the module comment for which statuses each rule considers.
 */
export function checkPosts(posts: readonly Post[], options: PostListCheckOptions = {}): Finding[] {
  const sheet = options.sheet ?? "Post list";
  const columns = options.columns ?? TEMPLATE_COLUMNS;
  const table = options.gradeTable ?? SAMPLE_GRADE_TABLE;
  const maxTiers = options.maxTiers ?? DEFAULT_MAX_TIERS;
  const span = options.span ?? DEFAULT_SPAN;
  const resolved = resolveScenario(posts, options.scenario);
  const findings: Finding[] = [];
  const seen = new Set<string>();

  const at = (p: Post, field: PostField): string => {
    const col = columns[field] ?? columns.title ?? columns.id ?? 0;
    return cellAddress(p.row, col);
  };
  const add = (p: Post, field: PostField, rule: PostListRuleId, severity: Severity, message: string, suggestion?: string): void => {
    const cell = at(p, field);
    const key = `${rule}|${cell}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(suggestion ? { sheet, cell, rule, severity, message, suggestion } : { sheet, cell, rule, severity, message });
  };

  // Grade ranks, cached per grade.
  const rankCache = new Map<string, number | null>();
  const rank = (g: string): number | null => {
    let r = rankCache.get(g);
    if (r === undefined) {
      r = g === "" ? null : gradeRank(table, g, options.year);
      rankCache.set(g, r);
    }
    return r;
  };

  // duplicate-post-id (every post).
  const byId = new Map<string, Post[]>();
  for (const p of resolved) {
    if (p.id === "") {
      add(p, "id", "duplicate-post-id", "error", `${name(p)} has no post ID: every post needs its own ID so others can report to it.`, "Give the post a unique post ID.");
      continue;
    }
    const list = byId.get(p.id) ?? [];
    list.push(p);
    byId.set(p.id, list);
  }
  for (const [id, list] of byId) {
    if (list.length < 2) continue;
    for (const p of list.slice(1)) {
      add(p, "id", "duplicate-post-id", "error", `Post ID ${id} is used by ${list.length} posts (${describeRows(list.map((q) => q.row + 1))}): each post needs its own ID.`, `Give ${name(p)} a new post ID and check who reports to ${id}.`);
    }
  }

  // status-invalid, unknown-grade, fte-out-of-range (every post).
  for (const p of resolved) {
    if (p.rawStatus !== undefined) {
      add(p, "status", "status-invalid", "error", `The status of ${name(p)} ("${p.rawStatus}") is not one of: ${POST_STATUSES.join(", ")}. It is read as "existing".`, "Choose a status from the drop-down.");
    }
    if (p.grade === "") {
      add(p, "grade", "unknown-grade", "error", `${name(p)} has no grade.`, `Choose a grade from ${table.label}.`);
    } else if (rank(p.grade) === null) {
      add(p, "grade", "unknown-grade", "error", `Grade "${p.grade}" of ${name(p)} is not in the grade table in use (${table.label}).`, "Correct the grade, or use the council's own grade table.");
    }
    if (!Number.isFinite(p.fte) || p.fte < 0 || p.fte > 1) {
      add(p, "fte", "fte-out-of-range", "error", `The FTE of ${name(p)} is ${p.fte}: FTE is from 0 to 1 for one post.`, p.fte > 1 ? "List each post on its own row, with an FTE of 1 or less." : "Type the FTE, from 0 to 1.");
    } else if (p.fte === 0) {
      add(p, "fte", "fte-out-of-range", "warning", `The FTE of ${name(p)} is 0, so it is not counted as a post.`, "Type the post's FTE, or remove the row.");
    }
  }

  // reporting-cycle (every post).
  const all = buildHierarchy(resolved);
  for (const cycle of all.cycles) {
    const first = resolved[cycle[0]];
    const chain = [...cycle, cycle[0]].map((i) => resolved[i].id).join(" → ");
    add(first, "reportsTo", "reporting-cycle", "error", `Reporting cycle: ${chain}. These posts report to each other, so none of them reaches the top.`, `Correct who ${name(first)} reports to.`);
  }

  // Deleted posts: their line before the proposals must exist somewhere in the list.
  const allIds = all.index;
  for (const p of resolved) {
    if (p.status !== "deleted" || p.reportsTo === null) continue;
    if (!allIds.has(p.reportsTo)) {
      add(p, "reportsTo", "reports-to-missing", "error", `${name(p)} reports to ${p.reportsTo}, which is not a post ID in the list.`, "Correct the reports-to post ID.");
    }
  }

  const sides: StructureSide[] = options.structure === "both" ? ["before", "after"] : [options.structure ?? "after"];
  for (const side of sides) {
    const sidePosts = structurePosts(resolved, side);
    const h = buildHierarchy(sidePosts);
    const where = sides.length > 1 || side === "before" ? ` (${side === "before" ? "before" : "after"} the proposals)` : "";
    checkStructure(h, side, where);
  }

  function checkStructure(h: Hierarchy, side: StructureSide, where: string): void {
    const posts = h.posts;
    // reports-to-missing
    // A list that is an extract (one directorate) has no root: its top reports to a post outside the list.
    const extractTop = h.roots.length === 0 && h.orphans.length === 1 ? h.orphans[0] : -1;
    for (const i of h.orphans) {
      const p = posts[i];
      if (i === extractTop && !allIds.has(p.reportsTo ?? "")) {
        add(p, "reportsTo", "reports-to-missing", "info", `${name(p)} reports to ${p.reportsTo}, which is not in this list: it is read as the top of the structure.`, "Nothing to do if the list is an extract of a larger establishment.");
        continue;
      }
      if (side === "before" && allIds.has(p.reportsTo ?? "")) continue; // the line holds after the proposals only
      const target = allIds.has(p.reportsTo ?? "") ? resolved[allIds.get(p.reportsTo ?? "") as number] : undefined;
      if (target && target.status === "deleted") {
        add(p, "reportsTo", "reports-to-missing", "error", `${name(p)} reports to ${name(target)}, which the proposals delete.`, `Give ${name(p)} its line manager in the new structure.`);
      } else if (!target) {
        add(p, "reportsTo", "reports-to-missing", "error", `${name(p)} reports to ${p.reportsTo}, which is not a post ID in the list.`, "Correct the reports-to post ID.");
      }
    }
    // multiple-tops
    if (h.roots.length > 1) {
      const sizes = subtreeSizes(h);
      const ordered = [...h.roots].sort((a, b) => (rank(posts[b].grade) ?? 0) - (rank(posts[a].grade) ?? 0) || sizes[b] - sizes[a] || a - b);
      const top = posts[ordered[0]];
      for (const i of ordered.slice(1)) {
        add(posts[i], "reportsTo", "multiple-tops", "warning", `${name(posts[i])} reports to no one${where}, and neither does ${name(top)}: ${h.roots.length} posts are at the top of this structure.`, `Fill in who ${name(posts[i])} reports to.`);
      }
    }
    // tiers-exceeded, span-of-control, grade-inversion
    const below = levelsBelow(h);
    for (let i = 0; i < posts.length; i++) {
      if (h.inCycle[i] === 1) continue; // reported as reporting-cycle; its span and grades are noise
      const p = posts[i];
      const n = h.children[i].length;
      if (n > 0 && h.tier[i] === maxTiers + 1) {
        const total = h.tier[i] + below[i] - 1;
        add(p, "title", "tiers-exceeded", "warning", `${name(p)} is management tier ${h.tier[i]}${where}: the structure has ${total} tiers of management here, more than the limit of ${maxTiers}.`, "Take a tier out of this line of management, or change the limit in the settings.");
      }
      if (n > 0 && (n < span.min || n > span.max)) {
        add(p, "title", "span-of-control", "warning", `${name(p)} has ${plural(n, "direct report")}${where}, outside the span of control of ${span.min} to ${span.max}.`, n < span.min ? "Consider whether this tier of management is needed." : "Consider another tier or spreading the reports.");
      }
      const m = h.parent[i];
      if (m >= 0) {
        const rp = rank(p.grade);
        const rm = rank(posts[m].grade);
        if (rp !== null && rm !== null && rp > rm) {
          add(p, "grade", "grade-inversion", "warning", `${name(p)} is graded ${p.grade}, above ${name(posts[m])} (graded ${posts[m].grade}), the post it reports to${where}.`, "Check the grades and the reporting line.");
        }
      }
    }
  }

  return sortFindings(findings);
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
    ...problemFindings(snapshot.name, parsed.problems),
    ...checkPosts(parsed.posts, { ...rest, sheet: snapshot.name, columns: parsed.columns }),
  ];
  return sortFindings(found);
}
