/**
 * Restructure impact: the committee paper's "Posts impacted" and "New posts" tables, the by-grade summary (the
 * same figures BUDGET.DELTATABLE gives, from src/core/gradeDelta.ts), the post-count sentence ("These 7 posts
 * reduce to 6"), the full-year cost change at a chosen salary point and pay year, and slotting. As data
 * (`computeImpact`) and as a SheetLayout (`impactLayout`).
 *
 * Which posts count:
 * - "before" (the posts impacted): deleted and amended posts (an amended post found by comparing two lists is
 *   costed at its previous grade and FTE);
 * - "after": new and amended posts;
 * - existing and unaffected posts are not part of the change.
 * Statuses are resolved for the chosen scenario first (see ./scenarios): conditional changes whose scenario is
 * not chosen are left out of the tables and listed in `conditional` (and in a note on the sheet).
 * A post list has one row per post, so an FTE above MAX_POST_FTE (1.5, ./fields/fte.ts) is not one post's FTE
 * (37 is weekly hours typed as FTE): such rows are left out of the costs and the establishment's FTE and listed
 * in `excluded`, never costed as 37 posts. FTE from 1 to 1.5 is costed as typed (fte-out-of-range flags it).
 * Posts whose grade is blank or not in the grade table cannot be costed: they are left out of the tables and
 * figures and listed in `excluded` (and in a note), never silently costed at zero. Posts whose status cell did
 * not read (`rawStatus`: "TBC", "Deleted if Legal JV goes ahead") are left out of everything, the establishment
 * included, and listed in `excluded` the same way: read as "existing" they would count a deleted post as kept.
 *
 * Slotting, per new post in list order (see src/core/slotting.ts for the rule). A similarity is how much of the
 * new job is the same work as the old one: it belongs to a PAIR of posts, and a council's job-matching gives it
 * per pair. It is read as similarityFraction reads it (0.8, or 80 written as a percentage in posts built in code: 80%),
 * and the rows give and show it as that fraction ("80%", never "8000%"). The post list says which pairs in two ways:
 * - A new post that names the deleted posts it replaces (`replaces`, the "Replaces" column) is paired with them:
 *   its candidates are ONLY those, and only those that are deleted, of its grade and with postholders; every other
 *   name gets a note on its row ("Named post 00123 (Head of X) is not deleted.", "... is not in the list.", "...
 *   is KR11, not KR12.", "... has no postholders."), never a silent drop. The similarity of a pair is the new
 *   post's `similarity` (on such a row it is the similarity of the pairing, of each pair when several are named)
 *   and the deleted post's own, when no other new post names it; the lower of the two when both are known. jobs
 *   and holders are those of the posts matched together (a new post and the posts it names, joined through a
 *   post that two new posts name): "Head of Libraries and Culture" replacing two heads of service is one job for
 *   two holders, so it is ring-fenced. A deleted post named by any new post is offered to no other new post.
 * - A new post that names none keeps the grade's other deleted posts with postholders (those no new post names)
 *   as candidates; jobs = the new posts of the grade that name none, holders = the candidates' postholders. Here a
 *   similarity typed on ONE side says nothing about which post on the other side it was assessed against, unless
 *   there is only one: a deleted post's own similarity is used only when its grade has one new post, and a new
 *   post's own only when its grade has one deleted post with postholders. Used, they pair as before (the lower
 *   of the two when both). Set aside, they never slot anyone: the candidate is held for assessment ("assess"),
 *   and the row's text names the similarity set aside and says its pair is not known. This is deliberate: it
 *   stops the impact sheet telling members that the holder of a deleted "Head of Libraries" (80%, typed because
 *   HR matched it to the new "Head of Libraries and Culture") is slotted into the new "Head of Finance" because
 *   that row came first. A grade with one new post and one deleted post slots exactly as before.
 * A candidate is slotted when the rule says "slot" (best similarity first, first in the list or as named among
 * equals, each deleted post slotted once). Where the free candidates have no similarity known for the pair and
 * the other conditions hold, the outcome is "assess" (slot if at least 75% the same work) and the candidate is
 * held for that post.
 * New posts not filled are ring-fenced to unslotted staff first; one whose candidates are all taken says whether
 * they were slotted or only held for assessment ("candidates already held for assessment": nobody is slotted yet).
 * Postholders neither slotted nor held for assessment are at risk. The holders of a deleted post whose grade is blank or not in the grade table cannot be
 * compared for slotting, but they lose their post all the same: `computeImpact` counts them as at risk (and its
 * note on the post says so).
 */
import { cellAddress } from "../a1";
import { DEFAULT_IMPACT_YEAR, financialYearLabel, type FinancialYear } from "../financialYear";
import { deltaByGrade, fullYearCostChange, postCountDelta, type GradedPost, type GradeDeltaRow } from "../gradeDelta";
import { gradeRank, normaliseGrade, SAMPLE_GRADE_TABLE, type GradeTable, type SalaryPoint } from "../grades";
import type { LayoutStyleName, SheetLayout } from "../layout";
import { LayoutCells } from "../layoutCells";
import { formatMoney } from "../money";
import { projectionText } from "../payAwards";
import { fteText, plural } from "../words";
import { similarityFraction, similarityPercent, slottingOutcome, slottingText, SLOTTING_SIMILARITY, type SlottingFailure, type SlottingOutcome } from "../slotting";
import { MAX_POST_FTE, MAX_WEEKLY_HOURS } from "./fields/fte";
import { PostIdIndex } from "./idIndex";
import { POST_STATUSES, type Post, type PostStatus } from "./postList";
import { parseScenarioTag, resolveScenario, scenarioApplies, type ScenarioChoice } from "./scenarios";

export interface ImpactOptions {
  /** Scenario(s) chosen. Default none. */
  scenario?: ScenarioChoice;
  /** Grade table for costing. Default: the sample table. */
  gradeTable?: GradeTable;
  /** Salary point costed. Default "min". */
  point?: SalaryPoint;
  /** Financial year costed. Required for a reproducible figure; default 2024 (2024/25). */
  year?: FinancialYear;
  /** Employer pension rate; default the on-cost module's default. */
  pensionRate?: number;
}

export interface ImpactedPostRow {
  post: Post;
  title: string;
  grade: string;
  /** Existing number of posts (FTE). */
  fte: number;
  /** "Post deleted", "Post amended", "Post amended (KR16 to KR17)", "... (scenario: Legal JV)". */
  impact: string;
}

export interface NewPostRow {
  post: Post;
  title: string;
  grade: string;
  /** Number of posts (FTE). */
  fte: number;
}

export type SlottingOutcomeKind = "slot" | "assess" | "ring-fence";

export interface SlottingCandidate {
  post: Post;
  /**
   * Similarity (0-1), when filled in: the one used for a match, the candidate's own or the pair's in a list. Always a
   * fraction, whatever the post says: a similarity written as a percentage (80, in posts built in code) is 0.8 here
   * (similarityFraction), so the texts show "80%".
   */
  similarity?: number;
}

/**
 * Why a new post is ring-fenced when every candidate it could be slotted from is taken by new posts before it, by
 * what happened to them: slotted, held for an assessment ("assess": nobody slotted yet), or some of each.
 */
export type CandidatesTaken = "candidates already slotted" | "candidates already held for assessment" | "candidates already slotted or held for assessment";

/** The reason for candidates taken, some slotted (`slotted`) and some held for assessment (`held`). */
function candidatesTaken(slotted: boolean, held: boolean): CandidatesTaken {
  return !held ? "candidates already slotted" : !slotted ? "candidates already held for assessment" : "candidates already slotted or held for assessment";
}

export interface SlottingRow {
  newPost: Post;
  grade: string;
  /**
   * A new post that names no replaced post: the deleted posts at the grade with postholders that no new post
   * names, each with its OWN similarity (where filled in); the one used for this new post is in `match`. One
   * list, read-only, shared by the rows of a grade, so the table stays linear in the posts.
   * A new post that names the posts it replaces (`replaces`): those of them that are deleted posts of its grade
   * with postholders, each with the similarity of the pair (where known).
   */
  candidates: readonly SlottingCandidate[];
  /** New posts (jobs) at the grade that name no replaced post; for a paired row, those of the posts matched together. */
  jobs: number;
  /** Postholders of the candidates' posts at the grade; for a paired row, of the posts matched together. */
  holders: number;
  outcome: SlottingOutcomeKind;
  /** The deleted post slotted into (or held for assessment for) this new post, with the similarity used. */
  match?: SlottingCandidate;
  /** Why the post is ring-fenced. */
  failed?: SlottingFailure | "no deleted post at this grade" | CandidatesTaken | "deleted posts at this grade are matched to other new posts" | "no named post to slot from";
  /** The post IDs the new post names as the posts it replaces (its `replaces`): present only on such a row. */
  replaces?: readonly string[];
  /** Sentences on why a named post is not a candidate, or why a similarity typed is not used; also in `text`. */
  notes?: readonly string[];
  /**
   * "Slot: Director ICT (80% the same work)", "Assess: slot Director ICT if at least 75% the same work",
   * "Ring-fence: ...", with the notes after it as sentences.
   */
  text: string;
}

export interface SlottingSummary {
  rows: SlottingRow[];
  /** Postholders slotted into new posts. */
  slottedHolders: number;
  /** Postholders held for a new post pending a similarity assessment. */
  assessHolders: number;
  /** New posts ring-fenced to unslotted staff. */
  ringFencedPosts: number;
  /**
   * Postholders of deleted posts neither slotted nor held for assessment. In `computeImpact`, every deleted post's
   * holders: those of a post whose grade is unknown (not compared for slotting) are at risk.
   */
  atRiskHolders: number;
}

export interface PostImpact {
  scenario: string[];
  impacted: ImpactedPostRow[];
  newPosts: NewPostRow[];
  /** By grade, highest first (deltaByGrade). */
  byGrade: GradeDeltaRow[];
  total: GradeDeltaRow;
  postsBefore: number;
  postsAfter: number;
  /** postCountDelta(before, after). */
  postChange: number;
  /** "These 7 posts reduce to 6: a net reduction of 1 post." */
  sentence: string;
  /** fullYearCostChange(before, after): negative is a saving. */
  fullYearCostChange: number;
  costing: {
    point: SalaryPoint;
    year: FinancialYear;
    tableLabel: string;
    isSample: boolean;
    pensionRate?: number;
    /** When the year's pay rests on pay-award assumptions: the sentence saying so (marked on the sheet). */
    projection?: string;
  };
  slotting: SlottingSummary;
  /** Posts left out because they cannot be costed. */
  excluded: { post: Post; reason: string }[];
  /** Conditional changes whose scenario is not chosen. */
  conditional: { post: Post; scenario: string; status: PostStatus }[];
  /** The whole structure in scope before and after, not only the posts the proposal touches. */
  establishment: EstablishmentSummary;
}

/**
 * The establishment (every post in scope, changed or not) before and after the proposal. A post is a row with
 * a positive FTE. Before: unchanged (existing, unaffected), deleted and amended posts (at their previous grade);
 * after: unchanged, new and amended posts. So 5 posts deleted, 5 created and 5 unchanged is 10 -> 10, and 5
 * deleted with 5 unchanged is 10 -> 5: never "0 -> 5". A row whose FTE is above MAX_POST_FTE (1.5: weekly hours
 * typed as FTE, or several posts on one row) counts as a post but adds nothing to the FTE.
 */
export interface EstablishmentSummary {
  before: { posts: number; fte: number };
  after: { posts: number; fte: number };
  deleted: number;
  created: number;
  amended: number;
  unchanged: number;
  /** Posts per grade before and after, highest grade first (grades the table lacks last, by name). */
  byGrade: { grade: string; before: number; after: number }[];
}

/** The establishment before and after, from posts whose statuses are resolved for the scenario. */
export function establishmentSummary(resolved: readonly Post[], table: GradeTable = SAMPLE_GRADE_TABLE, year?: FinancialYear): EstablishmentSummary {
  const grades = new Map<string, { before: number; after: number }>();
  const count = (grade: string, side: "before" | "after"): void => {
    const g = normaliseGrade(grade) || "(no grade)";
    const e = grades.get(g) ?? { before: 0, after: 0 };
    e[side]++;
    grades.set(g, e);
  };
  const out: EstablishmentSummary = { before: { posts: 0, fte: 0 }, after: { posts: 0, fte: 0 }, deleted: 0, created: 0, amended: 0, unchanged: 0, byGrade: [] };
  const side = (s: "before" | "after", grade: string, fte: number): void => {
    out[s].posts++;
    // More than MAX_POST_FTE is not one post's FTE (hours typed as FTE): the post counts, its number does not.
    if (fte <= MAX_POST_FTE) out[s].fte = round6(out[s].fte + fte);
    count(grade, s);
  };
  for (const p of resolved) {
    if (p.status === "deleted") {
      if (!(p.fte > 0)) continue;
      out.deleted++;
      side("before", p.grade, p.fte);
    } else if (p.status === "new") {
      if (!(p.fte > 0)) continue;
      out.created++;
      side("after", p.grade, p.fte);
    } else if (p.status === "amended") {
      const prevFte = p.previous ? p.previous.fte : p.fte;
      if (!(prevFte > 0) && !(p.fte > 0)) continue;
      out.amended++;
      if (prevFte > 0) side("before", p.previous ? p.previous.grade : p.grade, prevFte);
      if (p.fte > 0) side("after", p.grade, p.fte);
    } else {
      if (!(p.fte > 0)) continue;
      out.unchanged++;
      side("before", p.grade, p.fte);
      side("after", p.grade, p.fte);
    }
  }
  const rank = (g: string): number => {
    try {
      return gradeRank(table, g, year) ?? -1;
    } catch {
      return -1;
    }
  };
  out.byGrade = [...grades]
    .map(([grade, n]) => ({ grade, ...n }))
    .sort((a, b) => rank(b.grade) - rank(a.grade) || a.grade.localeCompare(b.grade, "en-GB", { numeric: true }));
  return out;
}

export { DEFAULT_IMPACT_YEAR };


/** The paper's post-count sentence: "These 7 posts reduce to 6: a net reduction of 1 post." */
export function postCountSentence(before: number, after: number): string {
  let head: string;
  if (before === 0) head = after === 0 ? "No posts are deleted or created" : `${plural(after, "new post")} ${after === 1 ? "is" : "are"} created`;
  else if (after === 0) head = before === 1 ? "This post is deleted" : `These ${before} posts are deleted`;
  else if (before === 1) head = `This post is replaced by ${plural(after, "post")}`;
  else if (after < before) head = `These ${before} posts reduce to ${after}`;
  else if (after > before) head = `These ${before} posts increase to ${after}`;
  else head = `These ${before} posts are replaced by ${after}`;
  const change = after - before;
  const tail = change < 0 ? `a net reduction of ${plural(-change, "post")}` : change > 0 ? `a net increase of ${plural(change, "post")}` : "no net change in the number of posts";
  return before === 0 && after === 0 ? `${head}.` : `${head}: ${tail}.`;
}

/** "the minimum", "the midpoint", "the maximum", "step 3". */
export function salaryPointText(point: SalaryPoint): string {
  return point === "min" ? "the minimum" : point === "mid" ? "the midpoint" : point === "max" ? "the maximum" : `step ${point}`;
}

function scenarioList(choice: ScenarioChoice): string[] {
  if (choice === null || choice === undefined) return [];
  return (typeof choice === "string" ? [choice] : [...choice]).map((s) => s.trim()).filter((s) => s !== "");
}

/**
 * Merge a before list and an after list into one list with statuses, matching posts by post id: only before ->
 * "deleted"; only after -> "new"; in both -> "amended" when the title, grade or FTE changed (with `previous`
 * holding the before values), else "unaffected". Postholders and similarity come from the before row for
 * deleted posts and from the after row otherwise.
 */
export function statusesFromTwoLists(before: readonly Post[], after: readonly Post[]): Post[] {
  const afterIndex = new PostIdIndex(after);
  const first = afterIndex.firstOccurrence;
  // The after post each before post matches (-1: none). Two lists of one establishment mostly keep its order,
  // so the after post following the last one matched is tried first: when it has the id and is the first
  // post with it, that is the match the index would give, without hashing the id and probing the table
  // (a cache miss or two per post in a long list).
  const match = new Int32Array(before.length);
  // 1 for an after post (the first with its id) that a before post matches: it is not new.
  const matched = new Uint8Array(after.length);
  let next = 0;
  let created = 0;
  for (let k = 0; k < before.length; k++) {
    const id = before[k].id;
    let j: number;
    if (next < after.length && first[next] === next && after[next].id === id) j = next;
    else j = afterIndex.get(id) ?? -1;
    match[k] = j;
    if (j < 0) continue;
    matched[j] = 1;
    next = j + 1;
  }
  for (let i = 0; i < after.length; i++) if (first[i] < 0 || matched[first[i]] === 0) created++;
  // Filled in order to its exact length (no growing by push: at 500,000 posts each regrowth copies the list).
  const out = new Array<Post>(before.length + created);
  let o = 0;
  for (let k = 0; k < before.length; k++) {
    const b = before[k];
    const j = match[k];
    if (j < 0) {
      out[o++] = { ...b, status: "deleted" };
      continue;
    }
    const a = after[j];
    const changed = a.title !== b.title || (a.grade !== b.grade && normaliseGrade(a.grade) !== normaliseGrade(b.grade)) || Math.abs(a.fte - b.fte) > 1e-9;
    const merged: Post = { ...a, status: changed ? "amended" : "unaffected", postholders: b.postholders };
    if (changed) merged.previous = { title: b.title, grade: b.grade, fte: b.fte };
    out[o++] = merged;
  }
  for (let i = 0; i < after.length; i++) {
    const f = first[i];
    if (f < 0 || matched[f] === 0) out[o++] = { ...after[i], status: "new", postholders: 0 };
  }
  return out;
}

/** Compute the impact of the proposals in a list with statuses (see the module comment). */
export function computeImpact(posts: readonly Post[], options: ImpactOptions = {}): PostImpact {
  const table = options.gradeTable ?? SAMPLE_GRADE_TABLE;
  const point = options.point ?? "min";
  const year = options.year ?? DEFAULT_IMPACT_YEAR;
  const costing = { table, point, year, ...(options.pensionRate !== undefined ? { pensionRate: options.pensionRate } : {}) };
  // A year the grade table does not cover (and no pay-award assumption projects) is refused with the table's
  // own message, never reported as every grade being unknown.
  table.payYearFor(year);
  const projection = table.projection(year);
  const resolved = resolveScenario(posts, options.scenario);

  const conditional: PostImpact["conditional"] = [];
  for (const p of posts) {
    if (p.scenario && p.scenario.trim() !== "" && !scenarioApplies(p, options.scenario) && p.status !== "existing" && p.status !== "unaffected") {
      conditional.push({ post: p, scenario: p.scenario.trim(), status: p.status });
    }
  }

  const excluded: PostImpact["excluded"] = [];
  const known = (grade: string): boolean => grade !== "" && gradeRank(table, grade, year) !== null;
  const costable = (p: Post, grade: string, fte: number): boolean => {
    if (!known(grade)) {
      const atRisk = p.status === "deleted" && p.postholders > 0 ? `; its ${p.postholders === 1 ? "postholder is" : `${p.postholders} postholders are`} counted as at risk (not compared for slotting)` : "";
      excluded.push({ post: p, reason: `${grade === "" ? "it has no grade" : `grade ${grade} is not in the grade table`}${atRisk}` });
      return false;
    }
    if (!Number.isFinite(fte) || fte < 0) {
      excluded.push({ post: p, reason: `its FTE (${fte}) is not a number from 0 to 1` });
      return false;
    }
    if (fte > MAX_POST_FTE) {
      excluded.push({ post: p, reason: notOnePostsFte(fte) });
      return false;
    }
    return true;
  };

  // A status that did not read ("TBC", "Deleted if Legal JV goes ahead") says nothing sure about the post: read as
  // "existing" it would quietly count a deleted post as kept. Such posts are left out and named in a note.
  let inScope: readonly Post[] = resolved;
  if (resolved.some((p) => p.rawStatus !== undefined)) {
    inScope = resolved.filter((p) => {
      if (p.rawStatus === undefined) return true;
      excluded.push({ post: p, reason: `its status "${p.rawStatus}" is not one of ${POST_STATUSES.join(", ")}, so it is not known whether the post is kept, deleted or new` });
      return false;
    });
  }

  const impacted: ImpactedPostRow[] = [];
  const newPosts: NewPostRow[] = [];
  const before: GradedPost[] = [];
  const after: GradedPost[] = [];
  for (const p of inScope) {
    const cond = p.scenario && p.scenario.trim() !== "" ? ` (scenario: ${p.scenario.trim()})` : "";
    if (p.status === "deleted") {
      if (!costable(p, p.grade, p.fte)) continue;
      impacted.push({ post: p, title: p.title, grade: p.grade, fte: p.fte, impact: `Post deleted${cond}` });
      before.push({ grade: p.grade, fte: p.fte, posts: 1 });
    } else if (p.status === "amended") {
      const prev = p.previous;
      const oldGrade = prev ? normaliseGrade(prev.grade) : p.grade;
      const oldFte = prev ? prev.fte : p.fte;
      if (!costable(p, oldGrade, oldFte) || (prev && !costable(p, p.grade, p.fte))) continue;
      const changes: string[] = [];
      if (prev && oldGrade !== p.grade) changes.push(`${oldGrade} to ${p.grade}`);
      if (prev && Math.abs(oldFte - p.fte) > 1e-9) changes.push(`FTE ${oldFte} to ${p.fte}`);
      if (prev && prev.title !== p.title) changes.push(`now ${p.title}`);
      const detail = changes.length ? ` (${changes.join("; ")})` : "";
      impacted.push({ post: p, title: prev ? prev.title : p.title, grade: oldGrade, fte: oldFte, impact: `Post amended${detail}${cond}` });
      before.push({ grade: oldGrade, fte: oldFte, posts: 1 });
      after.push({ grade: p.grade, fte: p.fte, posts: 1 });
    } else if (p.status === "new") {
      if (!costable(p, p.grade, p.fte)) continue;
      newPosts.push({ post: p, title: p.title, grade: p.grade, fte: p.fte });
      after.push({ grade: p.grade, fte: p.fte, posts: 1 });
    } else if (p.fte > MAX_POST_FTE) {
      // Not costed (unchanged), but its FTE is left out of the establishment's: say so.
      excluded.push({ post: p, reason: notOnePostsFte(p.fte) });
    }
  }

  const { rows: byGrade, total } = deltaByGrade(before, after, costing);
  const postChange = postCountDelta(before, after);
  const costChange = fullYearCostChange(before, after, costing);
  // Slotting compares grades, so only posts of a known grade take part; the holders of a deleted post whose
  // grade is blank or unknown still lose their post, so they are at risk (never left out of the count).
  const slotting = computeSlotting(
    inScope.filter((p) => p.status === "deleted" && known(p.grade)),
    inScope.filter((p) => p.status === "new" && known(p.grade)),
    { posts: resolved },
  );
  for (const p of inScope) if (p.status === "deleted" && !known(p.grade)) slotting.atRiskHolders += Math.max(0, p.postholders);

  return {
    scenario: scenarioList(options.scenario),
    impacted,
    newPosts,
    byGrade,
    total,
    postsBefore: total.postsBefore,
    postsAfter: total.postsAfter,
    postChange,
    sentence: postCountSentence(total.postsBefore, total.postsAfter),
    fullYearCostChange: costChange,
    costing: {
      point,
      year,
      tableLabel: table.label,
      isSample: table.isSample,
      ...(options.pensionRate !== undefined ? { pensionRate: options.pensionRate } : {}),
      ...(projection ? { projection: projectionText(projection) } : {}),
    },
    slotting,
    excluded,
    conditional,
    establishment: establishmentSummary(inScope, table, year),
  };
}

/** The impact of a before list and an after list (matched by post id). */
export function computeImpactFromLists(before: readonly Post[], after: readonly Post[], options: ImpactOptions = {}): PostImpact {
  return computeImpact(statusesFromTwoLists(before, after), options);
}

/**
 * Why a row whose FTE is above MAX_POST_FTE (./fields/fte.ts) is left out: a post list has one row per post, at
 * most 1 FTE, so 37 is weekly hours typed as FTE (or several posts on one row), never 37 posts' worth of pay.
 */
function notOnePostsFte(fte: number): string {
  const what = fte <= MAX_WEEKLY_HOURS ? `looks like weekly hours, not one post's FTE (at most 1)` : `is more than one post's (at most 1 FTE)`;
  return `its FTE of ${fte} ${what}: it is left out of the costs and of the establishment's FTE (it is still counted as a post); type the FTE, weekly hours divided by the full-time hours, and list each post on its own row`;
}

/** A similarity (a fraction by then: similarityFraction) as a percentage: 0.8 -> "80%". */
const pct = similarityPercent;

function combinedSimilarity(a?: number, b?: number): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/**
 * The free (not yet slotted or held) candidates of one grade that have a similarity, as a max segment tree over
 * their place in the pool: the best free similarity, and the first free candidate at or above a similarity, in
 * O(log n) each. Taken candidates drop to -Infinity.
 */
class FreeBySimilarity {
  private readonly size: number;
  private readonly tree: Float64Array;

  constructor(sims: readonly number[]) {
    let size = 1;
    while (size < Math.max(1, sims.length)) size *= 2;
    this.size = size;
    this.tree = new Float64Array(2 * size).fill(-Infinity);
    sims.forEach((v, i) => (this.tree[size + i] = v));
    for (let i = size - 1; i >= 1; i--) this.tree[i] = Math.max(this.tree[2 * i], this.tree[2 * i + 1]);
  }

  get best(): number {
    return this.tree[1];
  }

  /** The first (in pool order) free candidate whose similarity is at least `at`; -1 when none. */
  firstAtLeast(at: number): number {
    if (!(this.tree[1] >= at)) return -1;
    let i = 1;
    while (i < this.size) i = this.tree[2 * i] >= at ? 2 * i : 2 * i + 1;
    return i - this.size;
  }

  take(k: number): void {
    let i = this.size + k;
    this.tree[i] = -Infinity;
    for (i >>= 1; i >= 1; i >>= 1) this.tree[i] = Math.max(this.tree[2 * i], this.tree[2 * i + 1]);
  }
}

interface GradePool {
  /** Deleted posts at the grade with postholders that no new post names, in list order. */
  pool: Post[];
  /** Each member's postholders, read with the member (the pool's posts are not read again for them). */
  poolHolders: number[];
  /** Postholders of the pool's members. */
  holders: number;
  /** Deleted posts at the grade with postholders, named by a new post or not: a new post's own similarity is known to be for its pair only when this is 1. */
  members: number;
  /** Whether a member's own similarity may be used to slot it: only when the grade has one new post (see the module comment). */
  useOwn: boolean;
  /** Places in `pool` of the members with a similarity of their own (typed on the deleted post). */
  assessedAt: number[];
  /** The similarity of each member in `assessedAt`, as a fraction (0-1: 80 written in code is 0.8, see similarityFraction). */
  assessedSims: number[];
  /** Pool place -> index in `assessedAt` (-1 for members without a similarity). */
  assessedIndex: Int32Array;
  /** The members ranked by their own similarity (those in `assessedAt`; none when `useOwn` is false). */
  assessedFree: FreeBySimilarity;
  /** Places in `pool` of the members not ranked (without a similarity, or every member when `useOwn` is false); `nextUnassessed` skips those taken. */
  unassessedAt: number[];
  nextUnassessed: number;
  /** 1 for each pool place already slotted or held. */
  taken: Uint8Array;
  /** Pool places slotted, and held for assessment (so a row finding all taken says which). */
  slotted: number;
  held: number;
  /** The candidates, with their own similarities: one list shared by the rows of the grade. */
  candidates?: readonly SlottingCandidate[];
  /** slottingOutcome for the grade's jobs and holders at the threshold similarity, once worked out. */
  gate?: SlottingOutcome;
}

/** The candidates of a row whose grade has no deleted post with postholders: one empty list for every such row. */
const NO_CANDIDATES: readonly SlottingCandidate[] = Object.freeze([]);
const SLOT_TEXT = slottingText({ outcome: "slot" });
const SLOTTING_PCT = pct(SLOTTING_SIMILARITY);
const RING_FENCE_TEXTS = new Map<string, string>();

/** "Ring-fence: " and the reason, one string per reason (rather than one per row). */
function ringFenceText(failed: string | undefined): string {
  const key = failed ?? "";
  let text = RING_FENCE_TEXTS.get(key);
  if (text === undefined) {
    text = `Ring-fence: ${failed}`;
    RING_FENCE_TEXTS.set(key, text);
  }
  return text;
}

/** A row's outcome text with its notes after it, as sentences. */
function withNotes(text: string, notes: readonly string[]): string {
  return notes.length === 0 ? text : `${text}. ${notes.join(" ")}`;
}

/** How a note names a post: "Head of Libraries", or "post 00123" when it has no title. */
function postLabel(p: Post): string {
  return p.title !== "" ? p.title : `post ${p.id}`;
}

/** "00123 (Head of Libraries)", or "00123". */
function namedPostText(p: Post): string {
  return p.title !== "" ? `${p.id} (${p.title})` : p.id;
}

/** The note on an unpaired row held for assessment when a similarity typed was set aside because its pair is not known. */
function unknownPairNote(parts: readonly string[]): string {
  const what = parts.length === 1 ? "similarity typed" : "similarities typed";
  const says = parts.length === 1 ? "does not say which job it was assessed against, so it is" : "do not say which jobs they were assessed against, so they are";
  return `The ${what} (${parts.join("; ")}) ${says} not used to slot: name the posts each new post replaces in a "Replaces" column.`;
}

export interface SlottingOptions {
  /**
   * Every post in scope, statuses resolved for the scenario: used only to say why a post a new post names as
   * replaced is not a candidate (not in the list, not deleted, a grade not in the grade table). Without it, such a
   * post is "not one of the deleted posts".
   */
  posts?: readonly Post[];
}

/**
 * Slotting of deleted posts' holders into new posts (see the module comment). Linear in the posts (log factors
 * aside): per new post the best free candidate comes from a segment tree, and the rows of a grade share one
 * (read-only) candidates list, each candidate with its own similarity; `match` carries the similarity used. New
 * posts that name the posts they replace look those up by id (one index of the deleted posts, made only when a
 * new post names any), and have their own candidates lists, as short as the names typed.
 */
export function computeSlotting(deleted: readonly Post[], created: readonly Post[], options: SlottingOptions = {}): SlottingSummary {
  // Each post is read once, in one pass per list: at 500,000 posts the restructure's posts are spread through
  // the list's memory and every read of one is a cache miss. What the later steps need of a post (its
  // postholders, its similarity, its grade's pool) is kept beside it in the pools and in arrays by row.
  // The new posts first: the new posts and jobs at each grade, and each row's grade and similarity (kept by
  // row), and which rows name the posts they replace.
  const newByGrade = new Map<string, { posts: number; jobs: number }>();
  const gradeOf = new Array<string>(created.length);
  const ownSimilarity = new Float64Array(created.length);
  const hasOwn = new Uint8Array(created.length);
  let pairedRows: number[] | null = null;
  for (let r = 0; r < created.length; r++) {
    const n = created[r];
    const grade = n.grade;
    gradeOf[r] = grade;
    const similarity = n.similarity;
    if (similarity !== undefined) {
      ownSimilarity[r] = similarity;
      hasOwn[r] = 1;
    }
    let c = newByGrade.get(grade);
    if (c === undefined) {
      c = { posts: 0, jobs: 0 };
      newByGrade.set(grade, c);
    }
    c.posts++;
    const replaces = n.replaces;
    if (replaces !== undefined && replaces.length > 0) (pairedRows ??= []).push(r);
    else if (n.fte > 0) c.jobs++;
  }
  // The pairings named: how many new posts name each deleted post (by its place in `deleted`).
  const pairing = pairedRows === null ? null : namePairs(deleted, created, pairedRows);
  const namedBy = pairing?.namedBy ?? null;

  // The deleted posts: the postholders, and per grade the posts with postholders that no new post names, their
  // postholders and the similarities typed.
  const byGrade = new Map<string, { pool: Post[]; poolHolders: number[]; holders: number; members: number; assessedAt: number[]; sims: number[]; unassessedAt: number[] }>();
  let allHolders = 0;
  for (let i = 0; i < deleted.length; i++) {
    const d = deleted[i];
    const postholders = d.postholders;
    allHolders += Math.max(0, postholders);
    if (postholders <= 0) continue;
    let b = byGrade.get(d.grade);
    if (b === undefined) {
      b = { pool: [], poolHolders: [], holders: 0, members: 0, assessedAt: [], sims: [], unassessedAt: [] };
      byGrade.set(d.grade, b);
    }
    b.members++;
    if (namedBy !== null && namedBy[i] > 0) continue;
    const k = b.pool.length;
    b.pool.push(d);
    b.poolHolders.push(postholders);
    b.holders += postholders;
    const similarity = d.similarity;
    if (similarity === undefined) b.unassessedAt.push(k);
    else {
      b.assessedAt.push(k);
      b.sims.push(similarity);
    }
  }
  const pools = new Map<string, GradePool>();
  for (const [grade, { pool, poolHolders, holders, members, assessedAt, sims, unassessedAt }] of byGrade) {
    const assessedIndex = new Int32Array(pool.length).fill(-1);
    const fractions = new Array<number>(sims.length);
    // Grade by grade, in list order within a grade: a similarity out of range is reported as it always was.
    for (let a = 0; a < assessedAt.length; a++) {
      assessedIndex[assessedAt[a]] = a;
      fractions[a] = similarityFraction(sims[a]);
    }
    // A similarity typed on a deleted post says how much of "the new job" is its work: which new job is known
    // only when the grade has one new post. With more, no member is ranked by its own similarity.
    const useOwn = (newByGrade.get(grade)?.posts ?? 0) <= 1;
    pools.set(grade, {
      pool,
      poolHolders,
      holders,
      members,
      useOwn,
      assessedAt,
      assessedSims: fractions,
      assessedIndex,
      assessedFree: new FreeBySimilarity(useOwn ? fractions : []),
      unassessedAt: useOwn ? unassessedAt : Array.from(pool, (_, k) => k),
      nextUnassessed: 0,
      taken: new Uint8Array(pool.length),
      slotted: 0,
      held: 0,
    });
  }
  // One row per new post, in order: filled to its length rather than grown.
  const rows = new Array<SlottingRow>(created.length);
  let slottedHolders = 0;
  let assessHolders = 0;
  let ringFencedPosts = 0;

  /** The grade's candidates (made from the pool and the similarities kept, without reading the posts again). */
  const candidatesFor = (g: GradePool): readonly SlottingCandidate[] => {
    if (g.candidates === undefined) {
      const list = new Array<SlottingCandidate>(g.pool.length);
      for (let k = 0; k < list.length; k++) {
        const a = g.assessedIndex[k];
        list[k] = a < 0 ? { post: g.pool[k] } : { post: g.pool[k], similarity: g.assessedSims[a] };
      }
      g.candidates = list;
    }
    return g.candidates;
  };
  /** Place in the pool of the first free member not ranked by a similarity of its own; -1 when none. */
  const firstFreeUnassessed = (g: GradePool): number => {
    while (g.nextUnassessed < g.unassessedAt.length && g.taken[g.unassessedAt[g.nextUnassessed]] === 1) g.nextUnassessed++;
    return g.nextUnassessed < g.unassessedAt.length ? g.unassessedAt[g.nextUnassessed] : -1;
  };
  /**
   * Take pool place k for a new post whose own similarity (a fraction), when used, is `own`: the candidate, with
   * the similarity used (a fraction, the lower of the two when both).
   */
  const take = (g: GradePool, k: number, own: number | undefined): SlottingCandidate => {
    g.taken[k] = 1;
    const a = g.assessedIndex[k];
    if (a >= 0 && g.useOwn) g.assessedFree.take(a);
    const used = combinedSimilarity(a >= 0 && g.useOwn ? g.assessedSims[a] : undefined, own);
    return used === undefined ? { post: g.pool[k] } : { post: g.pool[k], similarity: used };
  };

  for (let r = 0; r < created.length; r++) {
    const n = created[r];
    const grade = gradeOf[r];
    if (pairing !== null && pairing.pairOf[r] >= 0) {
      const row = pairing.slot(r, hasOwn[r] === 1 ? similarityFraction(ownSimilarity[r]) : undefined, options.posts);
      if (row.outcome === "slot") slottedHolders += row.matchHolders;
      else if (row.outcome === "assess") assessHolders += row.matchHolders;
      else ringFencedPosts++;
      rows[r] = row.row;
      continue;
    }
    const g = pools.get(grade);
    const jobs = newByGrade.get(grade)?.jobs ?? 0;
    if (!g) {
      ringFencedPosts++;
      rows[r] = { newPost: n, grade, candidates: NO_CANDIDATES, jobs, holders: 0, outcome: "ring-fence", failed: "no deleted post at this grade", text: "Ring-fence: no deleted post at this grade" };
      continue;
    }
    const holders = g.holders;
    if (g.pool.length === 0) {
      // Every deleted post at the grade is named by another new post.
      ringFencedPosts++;
      const failed = "deleted posts at this grade are matched to other new posts";
      rows[r] = { newPost: n, grade, candidates: NO_CANDIDATES, jobs, holders, outcome: "ring-fence", failed, text: ringFenceText(failed) };
      continue;
    }
    // A similarity typed on the new post says how much of it is "the old job's" work: which old job is known
    // only when the grade has one deleted post with postholders.
    const typedOwn = hasOwn[r] === 1 ? similarityFraction(ownSimilarity[r]) : undefined;
    const own = g.members === 1 ? typedOwn : undefined;
    const candidates = candidatesFor(g);
    // Grade and the jobs/holders test do not depend on similarity: check them with the threshold itself, once
    // per grade (jobs and holders are the grade's).
    const gate = (g.gate ??= slottingOutcome({ oldGrade: grade, newGrade: grade, jobs, holders, similarity: SLOTTING_SIMILARITY }));
    const bestOwn = g.assessedFree.best; // -Infinity when no free member is ranked
    const unassessedFree = firstFreeUnassessed(g);
    // Candidates with a similarity (their own or the new post's; the lower of the two when both) rank best first,
    // list order among equals. With the new post's similarity, a member without one ranks at that similarity.
    let first = -1;
    let firstSimilarity = -Infinity;
    if (own === undefined) {
      if (bestOwn > -Infinity) {
        first = g.assessedAt[g.assessedFree.firstAtLeast(bestOwn)];
        firstSimilarity = bestOwn;
      }
    } else if (unassessedFree >= 0 || bestOwn >= own) {
      const k = g.assessedFree.firstAtLeast(own);
      const fromAssessed = k < 0 ? -1 : g.assessedAt[k];
      first = fromAssessed < 0 ? unassessedFree : unassessedFree < 0 ? fromAssessed : Math.min(fromAssessed, unassessedFree);
      firstSimilarity = own;
    } else if (bestOwn > -Infinity) {
      first = g.assessedAt[g.assessedFree.firstAtLeast(bestOwn)];
      firstSimilarity = bestOwn;
    }
    if (first >= 0 && gate.outcome === "slot" && firstSimilarity >= SLOTTING_SIMILARITY - 1e-9) {
      const slotted = take(g, first, own);
      g.slotted++;
      slottedHolders += g.poolHolders[first];
      rows[r] = { newPost: n, grade, candidates, jobs, holders, outcome: "slot", match: slotted, text: `${SLOT_TEXT}: ${slotted.post.title} (${pct(slotted.similarity as number)} the same work)` };
      continue;
    }
    // Members without any similarity known for this pair (neither theirs nor the new post's) are held for an assessment.
    if (own === undefined && unassessedFree >= 0 && gate.outcome === "slot") {
      const held = take(g, unassessedFree, own);
      g.held++;
      assessHolders += g.poolHolders[unassessedFree];
      const text = `Assess: slot ${held.post.title} if at least ${SLOTTING_PCT} the same work`;
      // A similarity typed but set aside (its pair is not known) is named, so the reader knows why it is not used.
      const parts: string[] = [];
      if (typedOwn !== undefined) parts.push(`${pct(typedOwn)} on this post`);
      const a = g.assessedIndex[unassessedFree];
      if (a >= 0 && !g.useOwn) parts.push(`${pct(g.assessedSims[a])} on ${postLabel(held.post)}`);
      if (parts.length === 0) rows[r] = { newPost: n, grade, candidates, jobs, holders, outcome: "assess", match: held, text };
      else {
        const notes = [unknownPairNote(parts)];
        rows[r] = { newPost: n, grade, candidates, jobs, holders, outcome: "assess", match: held, notes, text: withNotes(text, notes) };
      }
      continue;
    }
    ringFencedPosts++;
    // No candidate found with the gate open: every member of the pool is slotted or held.
    const failed: SlottingRow["failed"] = gate.outcome === "ring-fence" ? gate.failed : first >= 0 ? "less than 75% the same work" : candidatesTaken(g.slotted > 0, g.held > 0);
    rows[r] = { newPost: n, grade, candidates, jobs, holders, outcome: "ring-fence", failed, text: ringFenceText(failed) };
  }
  return { rows, slottedHolders, assessHolders, ringFencedPosts, atRiskHolders: allHolders - slottedHolders - assessHolders };
}

/** What slotting one new post that names the posts it replaces gives: its row, and the postholders of the post slotted or held. */
interface PairedRowOutcome {
  row: SlottingRow;
  outcome: SlottingOutcomeKind;
  matchHolders: number;
}

const TAKEN_SLOTTED = 1;
const TAKEN_HELD = 2;

/**
 * The pairings HR named: each new post that names the deleted posts it replaces (`replaces`), looked up by post id
 * in the deleted posts (one index, first post of an id, as reports-to is). `namedBy` counts the new posts naming
 * each deleted post; the posts a new post can be slotted from are those named that are of its grade and have
 * postholders. Posts matched together (a new post and the posts it names, joined through a post two new posts
 * name) are one group for the jobs-and-holders test. `slot` fills one paired row, in list order.
 */
function namePairs(deleted: readonly Post[], created: readonly Post[], pairedRows: readonly number[]) {
  const index = new PostIdIndex(deleted);
  const namedBy = new Int32Array(deleted.length);
  // Each paired row's names, once each, in the order typed, flat: ids[first[q]] to ids[first[q + 1] - 1] for the
  // row pairedRows[q], with the place in `deleted` of the post of each id (-1: none). `pairOf` numbers each row.
  const pairOf = new Int32Array(created.length).fill(-1);
  const first = new Int32Array(pairedRows.length + 1);
  const ids: string[] = [];
  const at: number[] = [];
  // The last paired row to name each deleted post: a post named twice on one row counts once.
  const lastNamer = new Int32Array(deleted.length).fill(-1);
  for (let q = 0; q < pairedRows.length; q++) {
    const r = pairedRows[q];
    pairOf[r] = q;
    first[q] = ids.length;
    const replaces = created[r].replaces as string[];
    for (let j = 0; j < replaces.length; j++) {
      const id = replaces[j];
      if (replaces.indexOf(id) < j) continue;
      const k = index.get(id) ?? -1;
      if (k >= 0) {
        if (lastNamer[k] === q) continue;
        lastNamer[k] = q;
        namedBy[k]++;
      }
      ids.push(id);
      at.push(k);
    }
  }
  first[pairedRows.length] = ids.length;
  // Groups of posts matched together: a union-find over the deleted posts, joining the candidates of each row.
  const parent = new Int32Array(deleted.length);
  for (let k = 0; k < parent.length; k++) parent[k] = k;
  const root = (k: number): number => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k]];
      k = parent[k];
    }
    return k;
  };
  const isCandidate = (r: number, k: number): boolean => k >= 0 && deleted[k].grade === created[r].grade && deleted[k].postholders > 0;
  for (let q = 0; q < pairedRows.length; q++) {
    let joined = -1;
    for (let j = first[q]; j < first[q + 1]; j++) {
      const k = at[j];
      if (!isCandidate(pairedRows[q], k)) continue;
      if (joined < 0) joined = root(k);
      else parent[root(k)] = joined;
    }
  }
  // Per group (by its root): the jobs (new posts with FTE) and the postholders of the posts matched together.
  const groupJobs = new Int32Array(deleted.length);
  const groupHolders = new Float64Array(deleted.length);
  const counted = new Uint8Array(deleted.length);
  for (let q = 0; q < pairedRows.length; q++) {
    const r = pairedRows[q];
    let group = -1;
    for (let j = first[q]; j < first[q + 1]; j++) {
      const k = at[j];
      if (!isCandidate(r, k)) continue;
      group = root(k);
      if (counted[k] === 0) {
        counted[k] = 1;
        groupHolders[group] += deleted[k].postholders;
      }
    }
    if (group >= 0 && created[r].fte > 0) groupJobs[group]++;
  }
  /** Per deleted post: 0 free, TAKEN_SLOTTED or TAKEN_HELD (held for assessment). */
  const taken = new Uint8Array(deleted.length);
  let listIndex: PostIdIndex | null = null;

  /** Why a post named by a row is not one of its candidates, as a sentence. */
  const whyNot = (r: number, id: string, k: number, posts: readonly Post[] | undefined): string => {
    if (k >= 0) {
      const d = deleted[k];
      if (d.grade !== created[r].grade) return `Named post ${namedPostText(d)} is ${d.grade}, not ${created[r].grade}.`;
      return `Named post ${namedPostText(d)} has no postholders.`;
    }
    if (posts === undefined) return `Named post ${id} is not one of the deleted posts.`;
    listIndex ??= new PostIdIndex(posts);
    const i = listIndex.get(id);
    if (i === undefined) return `Named post ${id} is not in the list.`;
    const p = posts[i];
    if (p.rawStatus !== undefined) return `Named post ${namedPostText(p)} has a status that does not read ("${p.rawStatus}").`;
    if (p.status !== "deleted") return `Named post ${namedPostText(p)} is not deleted${p.scenario && p.scenario.trim() !== "" ? " in the scenario chosen" : ""}.`;
    return `Named post ${namedPostText(p)} cannot be compared for slotting: its grade is blank or not in the grade table.`;
  };

  /** Slot the new post of row r, a paired row, whose own similarity (as a fraction) is `own`. */
  const slot = (r: number, own: number | undefined, posts: readonly Post[] | undefined): PairedRowOutcome => {
    const n = created[r];
    const grade = n.grade;
    const q = pairOf[r];
    const notes: string[] = [];
    const places: number[] = [];
    const candidates: SlottingCandidate[] = [];
    let otherGrade = 0;
    // Each id named, in the order typed: a candidate, or a note saying why not.
    for (let j = first[q]; j < first[q + 1]; j++) {
      const k = at[j];
      if (isCandidate(r, k)) {
        const d = deleted[k];
        // The deleted post's own similarity is this pair's only when no other new post names it.
        const theirs = namedBy[k] === 1 && d.similarity !== undefined ? similarityFraction(d.similarity) : undefined;
        const used = combinedSimilarity(theirs, own);
        places.push(k);
        candidates.push(used === undefined ? { post: d } : { post: d, similarity: used });
        continue;
      }
      if (k >= 0 && deleted[k].grade !== grade) otherGrade++;
      notes.push(whyNot(r, ids[j], k, posts));
    }
    const group = places.length > 0 ? root(places[0]) : -1;
    const jobs = group >= 0 ? groupJobs[group] : 0;
    const holders = group >= 0 ? groupHolders[group] : 0;
    const base = { newPost: n, grade, candidates, jobs, holders, replaces: n.replaces as string[] };
    if (places.length === 0) {
      const failed: SlottingRow["failed"] = otherGrade > 0 && otherGrade === notes.length ? "grade differs" : "no named post to slot from";
      return { row: { ...base, outcome: "ring-fence", failed, notes, text: withNotes(ringFenceText(failed), notes) }, outcome: "ring-fence", matchHolders: 0 };
    }
    const gate = slottingOutcome({ oldGrade: grade, newGrade: grade, jobs, holders, similarity: SLOTTING_SIMILARITY });
    // The best free candidate by the pair's similarity (the first named among equals), and the first free one
    // with no similarity known for the pair.
    let best = -1;
    let unknown = -1;
    let anyFree = false;
    let anySlotted = false;
    let anyHeld = false;
    for (let c = 0; c < places.length; c++) {
      const t = taken[places[c]];
      if (t !== 0) {
        if (t === TAKEN_SLOTTED) anySlotted = true;
        else anyHeld = true;
        continue;
      }
      anyFree = true;
      const s = candidates[c].similarity;
      if (s === undefined) {
        if (unknown < 0) unknown = c;
      } else if (best < 0 || s > (candidates[best].similarity as number)) best = c;
    }
    if (best >= 0 && gate.outcome === "slot" && (candidates[best].similarity as number) >= SLOTTING_SIMILARITY - 1e-9) {
      const match = candidates[best];
      taken[places[best]] = TAKEN_SLOTTED;
      const text = `${SLOT_TEXT}: ${match.post.title} (${pct(match.similarity as number)} the same work)`;
      return { row: { ...base, outcome: "slot", match, ...(notes.length ? { notes } : {}), text: withNotes(text, notes) }, outcome: "slot", matchHolders: match.post.postholders };
    }
    if (unknown >= 0 && gate.outcome === "slot") {
      const match = candidates[unknown];
      const k = places[unknown];
      taken[k] = TAKEN_HELD;
      const text = `Assess: slot ${match.post.title} if at least ${SLOTTING_PCT} the same work`;
      const d = deleted[k];
      if (d.similarity !== undefined && namedBy[k] > 1) {
        notes.unshift(`The similarity typed on ${postLabel(d)} (${pct(similarityFraction(d.similarity))}) does not say which of the ${namedBy[k]} new posts naming it it was assessed against: type the similarity of this pairing on this row.`);
      }
      return { row: { ...base, outcome: "assess", match, ...(notes.length ? { notes } : {}), text: withNotes(text, notes) }, outcome: "assess", matchHolders: d.postholders };
    }
    const failed: SlottingRow["failed"] = gate.outcome === "ring-fence" ? gate.failed : !anyFree ? candidatesTaken(anySlotted, anyHeld) : "less than 75% the same work";
    return { row: { ...base, outcome: "ring-fence", failed, ...(notes.length ? { notes } : {}), text: withNotes(ringFenceText(failed), notes) }, outcome: "ring-fence", matchHolders: 0 };
  };
  return { namedBy, pairOf, slot };
}

/**
 * Slotting in one sentence, for the task pane: postholders slotted, held for an assessment (when any), posts
 * ring-fenced and postholders at risk. The postholders' three figures add up to every postholder of a deleted post.
 */
export function slottingSentence(s: SlottingSummary): string {
  const assess = s.assessHolders > 0 ? `${plural(s.assessHolders, "postholder")} to assess against the ${pct(SLOTTING_SIMILARITY)} same-work test, ` : "";
  return `Slotting: ${plural(s.slottedHolders, "postholder")} slotted, ${assess}${plural(s.ringFencedPosts, "post")} ring-fenced, ${plural(s.atRiskHolders, "postholder")} at risk.`;
}

// ---------------------------------------------------------------------------------------------------------
// Layout.

export interface ImpactLayoutOptions {
  /** Sheet name wanted. Default "Restructure impact". */
  sheetName?: string;
  /** Title line. Default "Restructure impact". */
  title?: string;
  /** Include the slotting table. Default true. */
  slotting?: boolean;
}

/** Where things landed on the impact sheet (0-based rows/cols), for renderers' tests and the task pane. */
export interface ImpactLayoutMap {
  impactedTotal: { row: number; col: number };
  newTotal: { row: number; col: number };
  summaryTotalRow: number;
  costCell: { row: number; col: number };
  sentenceRow: number;
  /** The establishment table (whole structure in scope): first grade row and its total row (cols 1, 2 before/after). */
  establishmentFirstRow: number;
  establishmentTotalRow: number;
  /** Rows of the counts beside the establishment table: deleted, created, amended, unchanged (value in col 5). */
  countRows: { deleted: number; created: number; amended: number; unchanged: number };
}

/**
 * The impact as a sheet: title and costing basis, "Posts impacted" (post title, grade, existing number of posts
 * (FTE), impact of proposal) with a total, "New posts" (post title, grade, number of posts (FTE)) with a total,
 * "Summary by grade" (the BUDGET.DELTATABLE columns) with live SUM totals, the post-count sentence, the full-year
 * cost change (a formula on the summary's total, with the computed result), slotting with its counts, and notes.
 * Totals and changes are native formulas carrying `result`; titles are plain text values.
 */
export function impactLayout(impact: PostImpact, options: ImpactLayoutOptions = {}): SheetLayout & { map: ImpactLayoutMap } {
  // At 500,000 posts the sheet has some 160,000 cells: put by column, with no object per cell, and room made for
  // them at once (a few per table row, and the headings and notes) rather than by doubling.
  const slottingRowCount = (options.slotting ?? true) ? impact.slotting.rows.length : 0;
  const cells = new LayoutCells();
  cells.reserve(
    128 + 4 * impact.impacted.length + 3 * impact.newPosts.length + 6 * impact.byGrade.length + 4 * impact.establishment.byGrade.length + 6 * slottingRowCount + impact.excluded.length + impact.conditional.length,
  );
  const put = (row: number, col: number, value: string | number | null, style?: LayoutStyleName): void => {
    cells.put(row, col, value, style);
  };
  const formula = (row: number, col: number, f: string, result: number, style: LayoutStyleName): void => {
    cells.putFormula(row, col, f, result, style);
  };
  const A = (row: number, col: number): string => cellAddress(row, col);
  const c = impact.costing;
  const scen = impact.scenario.length ? ` Scenario: ${impact.scenario.join(", ")}.` : "";
  put(0, 0, options.title ?? "Restructure impact", "title");
  put(
    1,
    0,
    `Full-year costs at ${salaryPointText(c.point)} of the ${financialYearLabel(c.year)} pay ranges, with employer on-costs; grade table: ${c.tableLabel}.${scen}${c.projection ? ` PROJECTED: ${c.projection}` : ""}`,
    "subtitle",
  );
  let row = 3;

  // Posts impacted.
  put(row++, 0, "Posts impacted", "title");
  ["Post title", "Grade", "Existing number of posts (FTE)", "Impact of proposal"].forEach((h, col) => put(row, col, h, "header"));
  row++;
  const impFirst = row;
  if (impact.impacted.length === 0) put(row++, 0, "No posts are deleted or amended.", "note");
  row = postRows(cells, impact.impacted, row);
  const impTotal = impact.impacted.reduce((s, r) => s + r.fte, 0);
  put(row, 0, "Total", "total");
  put(row, 1, null, "total");
  if (impact.impacted.length) formula(row, 2, `=SUM(${A(impFirst, 2)}:${A(row - 1, 2)})`, round6(impTotal), "totalFte");
  else put(row, 2, 0, "totalFte");
  put(row, 3, null, "total");
  const impactedTotal = { row, col: 2 };
  row += 2;

  // New posts.
  put(row++, 0, "New posts", "title");
  ["Post title", "Grade", "Number of posts (FTE)"].forEach((h, col) => put(row, col, h, "header"));
  row++;
  const newFirst = row;
  if (impact.newPosts.length === 0) put(row++, 0, "No new posts.", "note");
  row = postRows(cells, impact.newPosts, row);
  const newTotal = impact.newPosts.reduce((s, r) => s + r.fte, 0);
  put(row, 0, "Total", "total");
  put(row, 1, null, "total");
  if (impact.newPosts.length) formula(row, 2, `=SUM(${A(newFirst, 2)}:${A(row - 1, 2)})`, round6(newTotal), "totalFte");
  else put(row, 2, 0, "totalFte");
  const newTotalCell = { row, col: 2 };
  row += 2;

  // Summary by grade (the DELTATABLE columns).
  put(row++, 0, "Summary by grade", "title");
  ["Grade", "Posts before", "Posts after", "Change", "FTE change", "Full-year cost change"].forEach((h, col) => put(row, col, h, "header"));
  row++;
  const sumFirst = row;
  for (const g of impact.byGrade) {
    put(row, 0, g.grade, "body");
    put(row, 1, g.postsBefore, "number");
    put(row, 2, g.postsAfter, "number");
    formula(row, 3, `=${A(row, 2)}-${A(row, 1)}`, g.postChange, "number");
    put(row, 4, g.fteChange, "fte");
    put(row, 5, g.costChange, "money");
    row++;
  }
  const t = impact.total;
  put(row, 0, "Total", "total");
  if (impact.byGrade.length) {
    const sum = (col: number): string => `=SUM(${A(sumFirst, col)}:${A(row - 1, col)})`;
    formula(row, 1, sum(1), t.postsBefore, "totalNumber");
    formula(row, 2, sum(2), t.postsAfter, "totalNumber");
    formula(row, 3, sum(3), t.postChange, "totalNumber");
    formula(row, 4, sum(4), t.fteChange, "totalFte");
    formula(row, 5, sum(5), t.costChange, "totalMoney");
  } else {
    for (let col = 1; col <= 3; col++) put(row, col, 0, "totalNumber");
    put(row, 4, 0, "totalFte");
    put(row, 5, 0, "totalMoney");
  }
  const summaryTotalRow = row;
  row += 2;

  put(row++, 0, "Posts the proposal touches (deleted, amended and new; posts left unchanged are not counted here):", "note");
  const sentenceRow = row;
  put(row++, 0, impact.sentence);
  // Short enough for column A's width: a longer label would be cut off by the amount beside it.
  put(row, 0, "Full-year cost change (pay and on-costs)", "total");
  formula(row, 1, `=${A(summaryTotalRow, 5)}`, impact.fullYearCostChange, "totalMoney");
  const costCell = { row, col: 1 };
  row++;
  put(
    row++,
    0,
    impact.fullYearCostChange < 0
      ? `A full-year saving of ${formatMoney(-impact.fullYearCostChange)}.`
      : impact.fullYearCostChange > 0
        ? `A full-year cost increase of ${formatMoney(impact.fullYearCostChange)}.`
        : "No change in full-year cost.",
    "note",
  );
  row++;

  // The establishment: the whole structure in scope, before and after.
  const est = impact.establishment;
  put(row++, 0, "Establishment before and after (every post in scope)", "title");
  ["Grade", "Posts before", "Posts after", "Change"].forEach((h, col) => put(row, col, h, "header"));
  row++;
  const estFirst = row;
  for (const g of est.byGrade) {
    put(row, 0, g.grade, "body");
    put(row, 1, g.before, "number");
    put(row, 2, g.after, "number");
    formula(row, 3, `=${A(row, 2)}-${A(row, 1)}`, g.after - g.before, "number");
    row++;
  }
  put(row, 0, "Total", "total");
  if (est.byGrade.length) {
    const sum = (col: number): string => `=SUM(${A(estFirst, col)}:${A(row - 1, col)})`;
    formula(row, 1, sum(1), est.before.posts, "totalNumber");
    formula(row, 2, sum(2), est.after.posts, "totalNumber");
    formula(row, 3, sum(3), est.after.posts - est.before.posts, "totalNumber");
  } else for (let col = 1; col <= 3; col++) put(row, col, 0, "totalNumber");
  const estTotal = row;
  // The counts sit beside the table (columns E and F), so the sheet stays short enough to print on two pages.
  let countAt = estFirst - 1;
  put(countAt, 4, "What happens to the posts", "header");
  put(countAt, 5, "Posts", "header");
  countAt++;
  const countRow = (label: string, n: number): number => {
    put(countAt, 4, label, "body");
    put(countAt, 5, n, "number");
    return countAt++;
  };
  const countRows = {
    deleted: countRow("Deleted", est.deleted),
    created: countRow("Created", est.created),
    amended: countRow("Amended", est.amended),
    unchanged: countRow("Unchanged", est.unchanged),
  };
  row = Math.max(row, countAt - 1) + 2;
  put(
    row++,
    0,
    `The establishment goes from ${plural(est.before.posts, "post")} (${fteText(est.before.fte)} FTE) to ${plural(est.after.posts, "post")} (${fteText(est.after.fte)} FTE).`,
    "note",
  );
  row++;

  if (options.slotting ?? true) {
    const s = impact.slotting;
    put(row++, 0, "Slotting", "title");
    ["New post", "Grade", "Jobs at this grade", "Deleted posts at this grade (candidates)", "Postholders at this grade", "Outcome"].forEach((h, col) => put(row, col, h, "header"));
    row++;
    if (s.rows.length === 0) put(row++, 0, "No new posts to slot into.", "note");
    const paired = s.rows.some((r) => r.replaces !== undefined);
    row = slottingRows(cells, s.rows, row) + 1;
    const counts: [string, number][] = [
      ["Postholders slotted", s.slottedHolders],
      [`Postholders to assess (${pct(SLOTTING_SIMILARITY)} same-work test)`, s.assessHolders],
      ["New posts ring-fenced to unslotted staff", s.ringFencedPosts],
      ["Postholders at risk (not slotted)", s.atRiskHolders],
    ];
    for (const [label, n] of counts) {
      put(row, 0, label, "body");
      put(row, 1, n, "number");
      row++;
    }
    if (paired) {
      put(
        row++,
        0,
        `"${MATCHED_TO.slice(0, -2)}": the deleted posts HR matched to the new post (its "Replaces" column), the only ones it can be slotted from, at the similarity given for the pair. For those posts the jobs and postholders are those of the posts matched together, not the whole grade.`,
        "note",
      );
    }
    row++;
  }

  for (const e of impact.excluded) {
    put(row++, 0, `Not included: ${e.post.title || e.post.id} (${e.post.id}), because ${e.reason}.`, "note");
  }
  for (const cnd of impact.conditional) {
    const { name, negated } = parseScenarioTag(cnd.scenario);
    const when = negated ? `unless scenario ${name} is chosen` : `if scenario ${name} is chosen`;
    const what = cnd.status === "new" ? "would be created" : cnd.status === "deleted" ? "would be deleted" : `would be ${cnd.status}`;
    put(row++, 0, `Not included: ${cnd.post.title || cnd.post.id} (${cnd.post.grade}) ${what} ${when}.`, "note");
  }
  if (c.isSample) put(row++, 0, "Costs use the sample grade table (sample figures): use the council's own table for real budgets.", "note");

  return {
    name: options.sheetName ?? "Restructure impact",
    cells,
    merges: [],
    columnWidths: [46, 12, 16, 40, 14, 36],
    print: { orientation: "landscape", fitToWidth: true },
    map: { impactedTotal, newTotal: newTotalCell, summaryTotalRow, costCell, sentenceRow, establishmentFirstRow: estFirst, establishmentTotalRow: estTotal, countRows },
  };
}

// The rows of the impact sheet's tables, in functions of their own: these loops are the sheet's work at any
// size, and a short function is compiled by V8 after a few calls, where impactLayout's long body waited for many
// more (under valgrind, at 50,000 posts, it ran unoptimised through 8 calls after a full collection had thrown its
// compiled code away, counting 213 instructions a post against 163 at 5,000 and 141 at 500,000).

/**
 * "Posts impacted" and "New posts": title, grade and FTE of each post, and what happens to an impacted one.
 * Returns the row after the last.
 */
function postRows(cells: LayoutCells, rows: readonly ImpactedPostRow[] | readonly NewPostRow[], row: number): number {
  for (const r of rows) {
    cells.putText(row, 0, r.title, "bodyWrap");
    cells.putText(row, 1, r.grade, "body");
    cells.put(row, 2, r.fte, "fte");
    if ("impact" in r) cells.putText(row, 3, r.impact, "bodyWrap");
    row++;
  }
  return row;
}

/** "Slotting": a row per new post. Returns the row after the last. */
function slottingRows(cells: LayoutCells, rows: readonly SlottingRow[], row: number): number {
  // Rows of a grade share their candidates list (see computeSlotting): word each list once.
  const texts = new Map<readonly SlottingCandidate[], string>();
  for (const r of rows) {
    cells.putText(row, 0, r.newPost.title, "bodyWrap");
    cells.putText(row, 1, r.grade, "body");
    cells.put(row, 2, r.jobs, "number");
    // A new post that names the posts it replaces shows that pairing: only the posts named (each list its own).
    let candidates: string;
    if (r.replaces !== undefined) candidates = `${MATCHED_TO}${r.candidates.length === 0 ? "none that can be slotted" : candidateListText(r.candidates)}`;
    else {
      const known = texts.get(r.candidates);
      candidates = known ?? candidateListText(r.candidates);
      if (known === undefined) texts.set(r.candidates, candidates);
    }
    cells.putText(row, 3, candidates, "bodyWrap");
    cells.put(row, 4, r.holders, "number");
    cells.putText(row, 5, r.text, "bodyWrap");
    row++;
  }
  return row;
}

/** How the slotting table's candidates cell starts for a new post that names the posts it replaces. */
const MATCHED_TO = "Matched to this post: ";

/** Candidates named in one cell of the slotting table at most; the rest are counted ("and 40 more"). */
export const SLOTTING_CANDIDATES_NAMED = 10;

/** "Director ICT (80%); Head of Payroll; and 3 more", or "None". */
function candidateListText(list: readonly SlottingCandidate[]): string {
  if (list.length === 0) return "None";
  const named = list.slice(0, SLOTTING_CANDIDATES_NAMED).map((c) => `${c.post.title}${c.similarity !== undefined ? ` (${pct(c.similarity)})` : ""}`);
  const more = list.length - named.length;
  return more > 0 ? `${named.join("; ")}; and ${more} more` : named.join("; ");
}

function round6(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}
