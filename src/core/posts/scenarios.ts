/**
 * Scenarios and the before/after structures of a post list with statuses.
 *
 * Column convention: a post's `status` is the change the proposals make; when its `scenario` cell names a
 * scenario, the change happens only when that scenario is chosen. Otherwise the post stays as it is:
 * - status "deleted", "amended" (or "unaffected"/"existing") + scenario "Legal JV": that status when "Legal JV"
 *   is chosen, "unaffected" otherwise ("deleted if the Legal joint venture goes ahead, unaffected if Legal
 *   remains in the council");
 * - status "new" + scenario "Legal JV": created only when "Legal JV" is chosen, left out otherwise;
 * - scenario "not Legal JV" (also "!Legal JV", "no Legal JV", "without Legal JV"): the change happens only when
 *   "Legal JV" is NOT chosen.
 * Scenario names compare without regard to case and spacing.
 *
 * Structures: the BEFORE structure holds every post that exists now (every status but "new"); the AFTER
 * structure holds every post that exists once the proposals take effect (every status but "deleted").
 */
import type { Post, PostStatus } from "./postList";

/** The scenarios chosen: none (null / []), one name, or several. */
export type ScenarioChoice = string | readonly string[] | null | undefined;

function scenarioKey(s: string): string {
  return s.replace(/\u00a0/g, " ").trim().replace(/\s+/g, " ").toLowerCase();
}

/** "not Legal JV", "no JV", "without JV", "!JV": a word needs a space after it, so "Norse JV" and "Novation" are names. */
const NEGATION = /^(?:(?:not|no|without)\s+|!\s*)(.+)$/i;

/** "not Legal JV" -> { name: "Legal JV", negated: true }. */
export function parseScenarioTag(tag: string): { name: string; negated: boolean } {
  const t = tag.replace(/\u00a0/g, " ").trim().replace(/\s+/g, " ");
  const m = NEGATION.exec(t);
  if (m && m[1].trim() !== "") return { name: m[1].trim(), negated: true };
  return { name: t, negated: false };
}

/** The distinct scenario names a list uses (negations folded in), in first-seen order. */
export function listScenarios(posts: readonly Post[]): string[] {
  const seen = new Map<string, string>();
  for (const p of posts) {
    if (!p.scenario) continue;
    const { name } = parseScenarioTag(p.scenario);
    const k = scenarioKey(name);
    if (k !== "" && !seen.has(k)) seen.set(k, name);
  }
  return [...seen.values()];
}

function chosenKeys(choice: ScenarioChoice): Set<string> {
  if (choice === null || choice === undefined) return new Set();
  const list = typeof choice === "string" ? [choice] : choice;
  return new Set(list.map(scenarioKey).filter((k) => k !== ""));
}

/** Whether a post's conditional change happens under the chosen scenarios (always true without a tag). */
export function scenarioApplies(post: Post, choice: ScenarioChoice): boolean {
  if (!post.scenario || post.scenario.trim() === "") return true;
  const { name, negated } = parseScenarioTag(post.scenario);
  const on = chosenKeys(choice).has(scenarioKey(name));
  return negated ? !on : on;
}

/**
 * A post as it stands under the chosen scenarios (`keys`, from chosenKeys): itself when unconditional or its
 * scenario applies; else null for a new post (left out) and an "unaffected" copy for any other.
 */
function underScenarios(p: Post, keys: Set<string>): Post | null {
  const tag = p.scenario;
  if (!tag || tag.trim() === "") return p;
  const { name, negated } = parseScenarioTag(tag);
  const on = keys.has(scenarioKey(name));
  if (negated ? !on : on) return p;
  return p.status === "new" ? null : { ...p, status: "unaffected" };
}

/**
 * The posts with the statuses that hold under the chosen scenarios (see the module comment). New posts whose
 * scenario does not apply are left out; other conditional posts become "unaffected". Posts are copied, never
 * changed; `scenario` is kept so tables can say which rows were conditional.
 */
export function resolveScenario(posts: readonly Post[], choice: ScenarioChoice): Post[] {
  const keys = chosenKeys(choice);
  const out: Post[] = [];
  for (const p of posts) {
    const q = underScenarios(p, keys);
    if (q) out.push(q);
  }
  return out;
}

/** Which structure a check or table looks at. */
export type StructureSide = "before" | "after";

/** Whether a post with this status is in the before or after structure. */
export function inStructure(status: PostStatus, side: StructureSide): boolean {
  return side === "before" ? status !== "new" : status !== "deleted";
}

/** The posts of the before or after structure. */
export function structurePosts(posts: readonly Post[], side: StructureSide): Post[] {
  return posts.filter((p) => inStructure(p.status, side));
}

/** The posts of one side of the structure under the chosen scenarios, and whether the proposals change any post. */
export interface ScenarioStructure {
  /** structurePosts(resolveScenario(posts, choice), side). */
  posts: Post[];
  /** Whether some post of resolveScenario(posts, choice) has a status other than "existing" and "unaffected". */
  changed: boolean;
}

/** resolveScenario then structurePosts, in one pass over the posts (a list of 500,000 no longer fits the caches). */
export function scenarioStructure(posts: readonly Post[], choice: ScenarioChoice, side: StructureSide): ScenarioStructure {
  const keys = chosenKeys(choice);
  // Made at full length once and cut at the end (grown post by post, it would be copied as it grew).
  const out: Post[] = new Array<Post>(posts.length);
  let kept = 0;
  let changed = false;
  for (let i = 0; i < posts.length; i++) {
    const p = underScenarios(posts[i], keys);
    if (p === null) continue;
    const status = p.status;
    if (!changed && status !== "existing" && status !== "unaffected") changed = true;
    if (inStructure(status, side)) out[kept++] = p;
  }
  out.length = kept;
  return { posts: out, changed };
}
