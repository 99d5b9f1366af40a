/**
 * The post-list checks as they were before the rules read per-post arrays and the structures' hierarchies came
 * from the whole list's (commit 202f840): every rule's check, its analysis (a hierarchy built again from each
 * structure's posts, grade ranks through a Map) and the runner, kept as the reference that
 * test/posts/checksReference.test.ts holds `checkPosts` to on random lists.
 */
import { cellAddress } from "../../src/core/a1";
import { sortFindings, type Finding, type Severity } from "../../src/core/findings";
import { gradeRank, SAMPLE_GRADE_TABLE, type GradeTable } from "../../src/core/grades";
import { DEFAULT_MAX_TIERS, DEFAULT_SPAN, postName, type PostListCheckOptions } from "../../src/core/posts/checks/analysis";
import { buildHierarchy, levelsBelow, subtreeSizes, type Hierarchy } from "../../src/core/posts/hierarchy";
import { POST_LIST_COLUMNS, POST_STATUSES, type Post, type PostField } from "../../src/core/posts/postList";
import { resolveScenario, structurePosts, type StructureSide } from "../../src/core/posts/scenarios";
import { describeRows, plural } from "../../src/core/words";

const TEMPLATE_COLUMNS: Partial<Record<PostField, number>> = Object.fromEntries(POST_LIST_COLUMNS.map((c, i) => [c.field, i]));

interface OldStructure {
  side: StructureSide;
  hierarchy: Hierarchy;
  where: string;
  below: Int32Array;
  sizes: Int32Array;
}

interface OldAnalysis {
  sheet: string;
  posts: readonly Post[];
  table: GradeTable;
  maxTiers: number;
  span: { min: number; max: number };
  all: Hierarchy;
  structures: OldStructure[];
  cell(p: Post, field: PostField): string;
  rank(grade: string): number | null;
}

type PostReport = (p: Post, field: PostField, message: string, suggestion?: string, severity?: Severity) => void;

function oldAnalysePosts(posts: readonly Post[], options: PostListCheckOptions = {}): OldAnalysis {
  const columns = options.columns ?? TEMPLATE_COLUMNS;
  const table = options.gradeTable ?? SAMPLE_GRADE_TABLE;
  const resolved = resolveScenario(posts, options.scenario);
  const ranks = new Map<string, number | null>();
  const rank = (g: string): number | null => {
    let r = ranks.get(g);
    if (r === undefined) {
      r = g === "" ? null : gradeRank(table, g, options.year);
      ranks.set(g, r);
    }
    return r;
  };
  const sides: StructureSide[] = options.structure === "both" ? ["before", "after"] : [options.structure ?? "after"];
  const structures = sides.map((side): OldStructure => {
    const hierarchy = buildHierarchy(structurePosts(resolved, side));
    const where = sides.length > 1 || side === "before" ? ` (${side === "before" ? "before" : "after"} the proposals)` : "";
    return { side, hierarchy, where, below: levelsBelow(hierarchy), sizes: subtreeSizes(hierarchy) };
  });
  return {
    sheet: options.sheet ?? "Post list",
    posts: resolved,
    table,
    maxTiers: options.maxTiers ?? DEFAULT_MAX_TIERS,
    span: options.span ?? DEFAULT_SPAN,
    all: buildHierarchy(resolved),
    structures,
    cell: (p, field) => cellAddress(p.row, columns[field] ?? columns.title ?? columns.id ?? 0),
    rank,
  };
}

const OLD_RULES: { id: Finding["rule"]; severity: Severity; check(a: OldAnalysis, report: PostReport): void }[] = [
  {
    id: "missing-post-id",
    severity: "error",
    check(a: OldAnalysis, report: PostReport): void {
      for (const p of a.posts) {
        if (p.id === "") report(p, "id", `${postName(p)} has no post ID: every post needs its own ID so others can report to it.`, "Give the post a unique post ID.");
      }
    },
  },
  {
    id: "duplicate-post-id",
    severity: "error",
    check(a: OldAnalysis, report: PostReport): void {
      // The whole list's id index gives each post the first post with its id: count per first post, and list
      // only the ids used more than once (in the order their first post comes).
      const first = a.all.index.firstOccurrence;
      const count = new Int32Array(a.posts.length);
      for (let i = 0; i < a.posts.length; i++) if (first[i] >= 0) count[first[i]]++;
      const shared = new Map<number, Post[]>();
      for (let i = 0; i < a.posts.length; i++) {
        const f = first[i];
        if (f < 0 || count[f] < 2) continue;
        const list = shared.get(f);
        if (list) list.push(a.posts[i]);
        else shared.set(f, [a.posts[i]]);
      }
      for (const list of shared.values()) {
        const id = list[0].id;
        // One wording per id (not per post): an id typed on 10,000 rows stays linear.
        const message = `Post ID ${id} is used by ${list.length} posts (${describeRows(list.map((q) => q.row + 1))}): each post needs its own ID.`;
        for (let k = 1; k < list.length; k++) report(list[k], "id", message, `Give ${postName(list[k])} a new post ID and check who reports to ${id}.`);
      }
    },
  },
  {
    id: "status-invalid",
    severity: "error",
    check(a: OldAnalysis, report: PostReport): void {
      for (const p of a.posts) {
        if (p.rawStatus === undefined) continue;
        report(p, "status", `The status of ${postName(p)} ("${p.rawStatus}") is not one of: ${POST_STATUSES.join(", ")}. It is read as "existing" in the structure and left out of the restructure impact.`, "Choose a status from the drop-down.");
      }
    },
  },
  {
    id: "blank-grade",
    severity: "error",
    check(a: OldAnalysis, report: PostReport): void {
      for (const p of a.posts) if (p.grade === "") report(p, "grade", `${postName(p)} has no grade.`, `Choose a grade from ${a.table.label}.`);
    },
  },
  {
    id: "unknown-grade",
    severity: "error",
    check(a: OldAnalysis, report: PostReport): void {
      for (const p of a.posts) {
        if (p.grade === "" || a.rank(p.grade) !== null) continue;
        report(p, "grade", `Grade "${p.grade}" of ${postName(p)} is not in the grade table in use (${a.table.label}).`, "Correct the grade, or use the council's own grade table.");
      }
    },
  },
  {
    id: "fte-not-a-number",
    severity: "error",
    check(a: OldAnalysis, report: PostReport): void {
      for (const p of a.posts) {
        if (!Number.isFinite(p.fte)) report(p, "fte", `The FTE of ${postName(p)} is not a number.`, "Type the FTE as a number from 0 to 1.");
      }
    },
  },
  {
    id: "fte-out-of-range",
    severity: "error",
    check(a: OldAnalysis, report: PostReport): void {
      for (const p of a.posts) {
        if (!Number.isFinite(p.fte) || p.fte > 1.5) continue;
        if (p.fte < 0 || p.fte > 1) {
          report(p, "fte", `The FTE of ${postName(p)} is ${p.fte}: FTE is from 0 to 1 for one post.`, p.fte > 1 ? "List each post on its own row, with an FTE of 1 or less." : "Type the FTE, from 0 to 1.");
        } else if (p.fte === 0) {
          report(p, "fte", `The FTE of ${postName(p)} is 0, so it is not counted as a post.`, "Type the post's FTE, or remove the row.", "warning");
        }
      }
    },
  },
  {
    // Added since: an FTE above 1.5 is weekly hours or several posts, not one post's FTE.
    id: "fte-looks-like-hours",
    severity: "error",
    check(a: OldAnalysis, report: PostReport): void {
      for (const p of a.posts) {
        if (!Number.isFinite(p.fte) || p.fte <= 1.5) continue;
        const hours = p.fte <= 80 ? ` (${p.fte} hours is ${(p.fte / 37).toFixed(2)} FTE of a 37-hour week)` : "";
        report(
          p,
          "fte",
          `The FTE of ${postName(p)} is ${p.fte}, more than one post's (at most 1 FTE): it looks like weekly hours${hours} or several posts on one row. It is left out of the restructure impact's costs.`,
          "Type the FTE (weekly hours divided by the full-time hours), or list each post on its own row (a job-share is two posts).",
        );
      }
    },
  },
  {
    id: "reporting-cycle",
    severity: "error",
    check(a: OldAnalysis, report: PostReport): void {
      for (const cycle of a.all.cycles) {
        const first = a.posts[cycle[0]];
        const chain = [...cycle, cycle[0]].map((i) => a.posts[i].id).join(" → ");
        report(first, "reportsTo", `Reporting cycle: ${chain}. These posts report to each other, so none of them reaches the top.`, `Correct who ${postName(first)} reports to.`);
      }
    },
  },
  {
    id: "reports-to-missing",
    severity: "error",
    check(a: OldAnalysis, report: PostReport): void {
      const ids = a.all.index;
      for (const p of a.posts) {
        if (p.status !== "deleted" || p.reportsTo === null || ids.has(p.reportsTo)) continue;
        report(p, "reportsTo", `${postName(p)} reports to ${p.reportsTo}, which is not a post ID in the list.`, "Correct the reports-to post ID.");
      }
      for (const s of a.structures) {
        const h = s.hierarchy;
        const posts = h.posts;
        // A list that is an extract (one directorate) has no root: its top reports to a post outside the list.
        const extractTop = h.roots.length === 0 && h.orphans.length === 1 ? h.orphans[0] : -1;
        for (const i of h.orphans) {
          const p = posts[i];
          const to = p.reportsTo ?? "";
          if (i === extractTop && !ids.has(to)) {
            report(p, "reportsTo", `${postName(p)} reports to ${p.reportsTo}, which is not in this list: it is read as the top of the structure.`, "Nothing to do if the list is an extract of a larger establishment.", "info");
            continue;
          }
          if (s.side === "before" && ids.has(to)) continue; // the line holds after the proposals only
          const target = ids.has(to) ? a.posts[ids.get(to) as number] : undefined;
          if (target && target.status === "deleted") {
            report(p, "reportsTo", `${postName(p)} reports to ${postName(target)}, which the proposals delete.`, `Give ${postName(p)} its line manager in the new structure.`);
          } else if (!target) {
            report(p, "reportsTo", `${postName(p)} reports to ${p.reportsTo}, which is not a post ID in the list.`, "Correct the reports-to post ID.");
          }
        }
      }
    },
  },
  {
    id: "multiple-tops",
    severity: "warning",
    check(a: OldAnalysis, report: PostReport): void {
      for (const s of a.structures) {
        const h = s.hierarchy;
        if (h.roots.length < 2) continue;
        const posts = h.posts;
        const ordered = [...h.roots].sort((x, y) => (a.rank(posts[y].grade) ?? 0) - (a.rank(posts[x].grade) ?? 0) || s.sizes[y] - s.sizes[x] || x - y);
        const top = posts[ordered[0]];
        for (const i of ordered.slice(1)) {
          report(posts[i], "reportsTo", `${postName(posts[i])} reports to no one${s.where}, and neither does ${postName(top)}: ${h.roots.length} posts are at the top of this structure.`, `Fill in who ${postName(posts[i])} reports to.`);
        }
      }
    },
  },
  {
    id: "tiers-exceeded",
    severity: "warning",
    check(a: OldAnalysis, report: PostReport): void {
      for (const s of a.structures) {
        const h = s.hierarchy;
        for (let i = 0; i < h.posts.length; i++) {
          if (h.inCycle[i] === 1 || h.children[i].length === 0 || h.tier[i] !== a.maxTiers + 1) continue;
          const total = h.tier[i] + s.below[i] - 1;
          report(h.posts[i], "title", `${postName(h.posts[i])} is management tier ${h.tier[i]}${s.where}: the structure has ${total} tiers of management here, more than the limit of ${a.maxTiers}.`, "Take a tier out of this line of management, or change the limit in the settings.");
        }
      }
    },
  },
  {
    id: "span-of-control",
    severity: "warning",
    check(a: OldAnalysis, report: PostReport): void {
      const { min, max } = a.span;
      for (const s of a.structures) {
        const h = s.hierarchy;
        for (let i = 0; i < h.posts.length; i++) {
          const n = h.children[i].length;
          if (h.inCycle[i] === 1 || n === 0 || (n >= min && n <= max)) continue;
          report(h.posts[i], "title", `${postName(h.posts[i])} has ${plural(n, "direct report")}${s.where}, outside the span of control of ${min} to ${max}.`, n < min ? "Consider whether this tier of management is needed." : "Consider another tier or spreading the reports.");
        }
      }
    },
  },
  {
    id: "grade-inversion",
    severity: "warning",
    check(a: OldAnalysis, report: PostReport): void {
      for (const s of a.structures) {
        const h = s.hierarchy;
        for (let i = 0; i < h.posts.length; i++) {
          const m = h.parent[i];
          if (h.inCycle[i] === 1 || m < 0) continue;
          const p = h.posts[i];
          const rp = a.rank(p.grade);
          const rm = a.rank(h.posts[m].grade);
          if (rp === null || rm === null || rp <= rm) continue;
          report(p, "grade", `${postName(p)} is graded ${p.grade}, above ${postName(h.posts[m])} (graded ${h.posts[m].grade}), the post it reports to${s.where}.`, "Check the grades and the reporting line.");
        }
      }
    },
  },
];

function oldRunRules(a: OldAnalysis): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of OLD_RULES) {
    const report = (p: Post, field: PostField, message: string, suggestion?: string, severity: Severity = rule.severity): void => {
      const cell = a.cell(p, field);
      const key = `${rule.id}|${cell}`;
      if (seen.has(key)) return;
      seen.add(key);
      const f: Finding = { sheet: a.sheet, cell, rule: rule.id, severity, message };
      if (suggestion) f.suggestion = suggestion;
      findings.push(f);
    };
    rule.check(a, report);
  }
  return findings;
}

/** checkPosts as it was. */
export function referenceCheckPosts(posts: readonly Post[], options: PostListCheckOptions = {}): Finding[] {
  return sortFindings(oldRunRules(oldAnalysePosts(posts, options)));
}
