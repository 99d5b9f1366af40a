/**
 * The analysis every post-list rule reads, computed once per check by `analysePosts`: the posts with their
 * statuses resolved for the chosen scenario, grade ranks, the reporting hierarchy of the whole list and of
 * each structure checked (before and/or after the proposals). Rules (./rules/) word findings from it.
 *
 * What rules test per post is read from the posts once, into typed arrays indexed like `posts` (`flags`,
 * `fte`, `rankAt`): a rule's pass over 500,000 posts then reads a few compact arrays in order instead of
 * every post object (a cache miss each once the list outgrows the caches), and reads a post only to word a
 * finding. The structures' hierarchies come from the whole list's (./subHierarchy.ts).
 */
import { cellAddress } from "../../a1";
import type { FinancialYear } from "../../financialYear";
import { gradeRank, SAMPLE_GRADE_TABLE, type GradeTable } from "../../grades";
import { buildHierarchy, levelsBelow, subtreeSizes, type Hierarchy } from "../hierarchy";
import { POST_LIST_COLUMNS, type Post, type PostField } from "../postList";
import { resolveScenario, type ScenarioChoice, type StructureSide } from "../scenarios";
import { subHierarchy } from "./subHierarchy";

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
  /** Index in the whole list (`PostListAnalysis.posts`, `flags`, `rankAt`) of each post of the structure. */
  whole: Int32Array;
  /** Levels below each post (0 for a post with no reports). Counted on first use. */
  readonly below: Int32Array;
  /** Posts beneath each post (see subtreeSizes). Counted on first use. */
  readonly sizes: Int32Array;
}

/** Bits of `PostListAnalysis.flags`. */
export const ID_BLANK = 1;
export const GRADE_BLANK = 2;
/** The status cell did not read as a status (`rawStatus` is set). */
export const STATUS_UNREAD = 4;
/** Status (resolved for the scenario) "deleted": not in the after structure. */
export const DELETED = 8;
/** Status (resolved for the scenario) "new": not in the before structure. */
export const NEW = 16;
/** The post names the posts it replaces (its `replaces` is not empty). */
export const REPLACES = 32;

export interface PostListAnalysis {
  sheet: string;
  /** Every post, statuses resolved for the scenario. */
  posts: readonly Post[];
  /** Per post: ID_BLANK, GRADE_BLANK, STATUS_UNREAD, DELETED, NEW, REPLACES. */
  flags: Uint8Array;
  /** Per post: its FTE. */
  fte: Float64Array;
  /** Per post: its grade's rank (`rank(grade)`), NaN for a blank grade or one not in the table. */
  rankAt: Float64Array;
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

/** StructureFacts with levels and subtree sizes counted on first read (a class: see StructureTree in ./subHierarchy). */
class Structure implements StructureFacts {
  private belowMade: Int32Array | null = null;
  private sizesMade: Int32Array | null = null;

  constructor(
    readonly side: StructureSide,
    readonly hierarchy: Hierarchy,
    readonly where: string,
    readonly whole: Int32Array,
  ) {}

  get below(): Int32Array {
    return (this.belowMade ??= levelsBelow(this.hierarchy));
  }

  get sizes(): Int32Array {
    return (this.sizesMade ??= subtreeSizes(this.hierarchy));
  }
}

/** How a finding names a post: "Director ICT (F010)", "Post F010", "The post on row 7". */
export function postName(p: Post): string {
  if (p.title !== "") return p.id !== "" ? `${p.title} (${p.id})` : p.title;
  return p.id !== "" ? `Post ${p.id}` : `The post on row ${p.row + 1}`;
}

/**
 * What a post ID that is not in the list probably meant, when exactly one post fits: the same number with leading
 * zeros added or removed ("00123" typed as the number 123), the same ID in other capitals ("scs101" for SCS101:
 * post IDs are matched exactly, though Excel's own lookups ignore case), or a post's title ("Director"). Null when
 * none or more than one fits. The lookups are made once, on the first miss. Used for reports-to and replaced post
 * IDs.
 */
export function nearMissPost(a: PostListAnalysis): (id: string) => { by: "number" | "case" | "title"; post: Post } | null {
  // Each key's one match, or null once a second matches: only "exactly one" is ever asked.
  let byNumber: Map<string, Post | null> | null = null;
  let byCase: Map<string, Post | null> | null = null;
  let byTitle: Map<string, Post | null> | null = null;
  const titleKey = (t: string): string => t.trim().toLowerCase().replace(/\s+/g, " ");
  const addOnce = <T>(map: Map<string, T | null>, key: string, value: T): void => {
    map.set(key, map.has(key) ? null : value);
  };
  return (id) => {
    if (/^\d+$/.test(id)) {
      if (byNumber === null) {
        byNumber = new Map();
        for (const [known, i] of a.all.index) if (/^\d+$/.test(known)) addOnce(byNumber, known.replace(/^0+(?=\d)/, ""), a.posts[i]);
      }
      const post = byNumber.get(id.replace(/^0+(?=\d)/, ""));
      return post ? { by: "number", post } : null;
    }
    if (byCase === null) {
      byCase = new Map();
      for (const [known, i] of a.all.index) addOnce(byCase, known.toUpperCase(), a.posts[i]);
    }
    const sameLetters = byCase.get(id.toUpperCase());
    if (sameLetters) return { by: "case", post: sameLetters };
    if (byTitle === null) {
      byTitle = new Map();
      for (const q of a.posts) if (q.title !== "" && q.id !== "") addOnce(byTitle, titleKey(q.title), q);
    }
    const post = byTitle.get(titleKey(id));
    return post ? { by: "title", post } : null;
  };
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
  const n = resolved.length;
  const flags = new Uint8Array(n);
  const fte = new Float64Array(n);
  const rankAt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = resolved[i];
    let f = p.id === "" ? ID_BLANK : 0;
    if (p.grade === "") f |= GRADE_BLANK;
    if (p.rawStatus !== undefined) f |= STATUS_UNREAD;
    if (p.status === "deleted") f |= DELETED;
    else if (p.status === "new") f |= NEW;
    const replaces = p.replaces;
    if (replaces !== undefined && replaces.length > 0) f |= REPLACES;
    flags[i] = f;
    rankAt[i] = rank(p.grade) ?? NaN;
  }
  // FTEs in a loop of their own: an FTE that is not a small integer is a number object away from its post (a
  // cache miss in a long list), and with nothing else in the loop many of those reads are under way at once.
  for (let i = 0; i < n; i++) fte[i] = resolved[i].fte;
  // The whole list's tree notes the ids with a small letter as it hashes them (duplicate-post-id).
  const all = buildHierarchy(resolved, true);
  // Stryker disable next-line StringLiteral: equivalent: every reader of a side asks only whether it is "before" (reports-to-missing, the members below), so any other string is the after structure.
  const sides: StructureSide[] = options.structure === "both" ? ["before", "after"] : [options.structure ?? "after"];
  const structures = sides.map((side): StructureFacts => {
    const leftOut = side === "before" ? NEW : DELETED;
    const member = new Uint8Array(n);
    for (let i = 0; i < n; i++) member[i] = (flags[i] & leftOut) === 0 ? 1 : 0;
    const { hierarchy, whole } = subHierarchy(all, member);
    const where = sides.length > 1 || side === "before" ? ` (${side === "before" ? "before" : "after"} the proposals)` : "";
    return new Structure(side, hierarchy, where, whole);
  });
  return {
    sheet: options.sheet ?? "Post list",
    posts: resolved,
    flags,
    fte,
    rankAt,
    table,
    maxTiers: options.maxTiers ?? DEFAULT_MAX_TIERS,
    span: options.span ?? DEFAULT_SPAN,
    all,
    structures,
    cell: (p, field) => cellAddress(p.row, columns[field] ?? columns.title ?? columns.id ?? 0),
    rank,
  };
}
