/**
 * The org chart and structure table steps as they were before issue 15's rewrite (children arrays, a Map per
 * directorate, resolveScenario then structurePosts), over the reference tree of ./hierarchyReference.ts, kept
 * as references for ./hierarchyLinear.test.ts. Copied from the code they replaced; not used by the add-in.
 */
import { gradeRank } from "../../src/core/grades";
import { sheetNamer, type SheetLayout } from "../../src/core/layout";
import { stackColumnCount, type OrgChart, type OrgChartBox, type OrgChartConnector, type OrgChartOptions } from "../../src/core/posts/orgChart";
import type { Post } from "../../src/core/posts/postList";
import { resolveScenario, structurePosts, type ScenarioChoice } from "../../src/core/posts/scenarios";
import { postDetailText, StructureError, structureTableLayout, type StructureColumn, type StructureOptions, type StructureTable } from "../../src/core/posts/structureLayout";
import { referenceDirectorateRoots, referenceHierarchy, type ReferenceHierarchy } from "./hierarchyReference";

type Hierarchy = ReferenceHierarchy;
const buildHierarchy = referenceHierarchy;
const directorateRoots = referenceDirectorateRoots;

function descendants(h: Hierarchy, i: number, maxDepth = Infinity): number[] {
  const out: number[] = [];
  const seen = new Set<number>([i]);
  let frontier = [i];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const v of frontier) {
      for (const c of h.children[v]) {
        if (seen.has(c)) continue;
        seen.add(c);
        out.push(c);
        next.push(c);
      }
    }
    frontier = next;
  }
  return out;
}

// ---- orgChart.ts before ----

export function referenceOrgChart(posts: readonly Post[], topPostId: string, options: OrgChartOptions = {}): OrgChart {
  return chartFromHierarchy(structureHierarchy(posts, options), topPostId, options);
}

export function referenceOrgCharts(posts: readonly Post[], topPostIds: readonly string[], options: OrgChartOptions = {}): OrgChart[] {
  const h = structureHierarchy(posts, options);
  return topPostIds.map((id) => chartFromHierarchy(h, id, options));
}

function structureHierarchy(posts: readonly Post[], options: OrgChartOptions): Hierarchy {
  return buildHierarchy(structurePosts(resolveScenario(posts, options.scenario), options.structure ?? "after"));
}

function chartFromHierarchy(h: Hierarchy, topPostId: string, options: OrgChartOptions): OrgChart {
  const levels = Math.max(0, Math.floor(options.levels ?? 2));
  const bw = options.boxWidth ?? 150;
  const bh = options.boxHeight ?? (options.showGradeAndFte ? 54 : 42);
  const hGap = options.hGap ?? 18;
  const vGap = options.vGap ?? 30;
  const stackIndent = 18;
  const stackGap = 8;
  const top = h.index.get(topPostId.trim());
  if (top === undefined) throw new StructureError(`There is no post with ID ${topPostId} in the ${options.structure ?? "after"} structure.`);

  // Nodes shown, with their level (breadth-first from the top; cycles cannot repeat a node).
  const level = new Map<number, number>([[top, 0]]);
  const order: number[] = [top];
  for (let k = 0; k < order.length; k++) {
    const v = order[k];
    const lv = level.get(v) as number;
    if (lv >= levels) continue;
    for (const c of h.children[v]) {
      if (level.has(c)) continue;
      level.set(c, lv + 1);
      order.push(c);
    }
  }
  const shownChildren = (v: number): number[] => h.children[v].filter((c) => level.get(c) === (level.get(v) as number) + 1);
  const stacks = (v: number): boolean => (level.get(v) as number) === levels - 1;

  // Subtree widths, deepest first.
  const width = new Map<number, number>();
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k];
    const kids = shownChildren(v);
    const columns = stackColumnCount(kids.length, bw + stackIndent + stackGap, bh + stackGap);
    if (kids.length === 0 || stacks(v)) width.set(v, stacks(v) && kids.length > 0 ? bw + stackIndent + (columns - 1) * (bw + stackIndent + stackGap) : bw);
    else width.set(v, Math.max(bw, kids.reduce((s, c) => s + (width.get(c) as number), 0) + hGap * (kids.length - 1)));
  }

  const boxes: OrgChartBox[] = [];
  const connectors: OrgChartConnector[] = [];
  const boxOf = new Map<number, OrgChartBox>();
  const makeBox = (v: number, x: number, y: number): OrgChartBox => {
    const p = h.posts[v];
    const lv = level.get(v) as number;
    const box: OrgChartBox = {
      postId: p.id,
      title: p.title !== "" ? p.title : `Post ${p.id}`,
      level: lv,
      x,
      y,
      width: bw,
      height: bh,
      style: lv === 0 ? "topPost" : lv === 1 ? "reportPost" : "function",
      status: p.status,
    };
    if (options.showGradeAndFte) box.detail = postDetailText(p);
    boxes.push(box);
    boxOf.set(v, box);
    return box;
  };

  // Place top-down: each node centred over the span its subtree takes.
  const left = new Map<number, number>([[top, 0]]);
  let maxBottom = 0;
  for (const v of order) {
    if (boxOf.has(v)) continue;
    const lv = level.get(v) as number;
    const x0 = left.get(v) as number;
    const w = width.get(v) as number;
    const y = lv * (bh + vGap);
    const box = makeBox(v, x0 + (w - bw) / 2, y);
    maxBottom = Math.max(maxBottom, y + bh);
    const kids = shownChildren(v);
    if (kids.length === 0) continue;
    if (stacks(v)) {
      box.x = x0;
      // A long stack wraps into columns of `per` reports, each with its own rail, reached along under the manager.
      const pitch = bw + stackIndent + stackGap;
      const per = Math.ceil(kids.length / stackColumnCount(kids.length, pitch, bh + stackGap));
      kids.forEach((c, i) => {
        const col = Math.floor(i / per);
        const cy = y + bh + stackGap + (i % per) * (bh + stackGap);
        const child = makeBox(c, x0 + stackIndent + col * pitch, cy);
        maxBottom = Math.max(maxBottom, cy + bh);
        const rail0 = x0 + stackIndent / 2;
        const railX = rail0 + col * pitch;
        const points = [{ x: rail0, y: y + bh }];
        if (col > 0) points.push({ x: rail0, y: y + bh + stackGap / 2 }, { x: railX, y: y + bh + stackGap / 2 });
        points.push({ x: railX, y: cy + bh / 2 }, { x: child.x, y: cy + bh / 2 });
        connectors.push({ fromPostId: box.postId, toPostId: child.postId, points });
      });
      continue;
    }
    let cx = x0 + (w - (kids.reduce((s, c) => s + (width.get(c) as number), 0) + hGap * (kids.length - 1))) / 2;
    for (const c of kids) {
      left.set(c, cx);
      cx += (width.get(c) as number) + hGap;
    }
  }
  // Connectors for spread levels (children placed after their parents above).
  for (const v of order) {
    if (stacks(v)) continue;
    const box = boxOf.get(v) as OrgChartBox;
    const barY = box.y + bh + vGap / 2;
    for (const c of shownChildren(v)) {
      const child = boxOf.get(c) as OrgChartBox;
      connectors.push({
        fromPostId: box.postId,
        toPostId: child.postId,
        points: [
          { x: box.x + bw / 2, y: box.y + bh },
          { x: box.x + bw / 2, y: barY },
          { x: child.x + bw / 2, y: barY },
          { x: child.x + bw / 2, y: child.y },
        ],
      });
    }
  }
  return { boxes, connectors, width: width.get(top) as number, height: maxBottom };
}

// ---- structureLayout.ts before ----

function functionKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function postName(p: Post): string {
  return p.title !== "" ? p.title : p.id !== "" ? `Post ${p.id}` : "(untitled post)";
}


/** The divisions and functions a post leads (see the module comment). */
function functionsLed(h: Hierarchy, i: number, depth = 1): string[] {
  const p = h.posts[i];
  const out: string[] = [];
  const seen = new Set<string>([functionKey(p.division), functionKey(p.directorate), ""]);
  const push = (s: string): void => {
    const k = functionKey(s);
    if (seen.has(k)) return;
    seen.add(k);
    out.push(s.trim());
  };
  for (const f of p.functions) push(f);
  for (const d of descendants(h, i, depth)) {
    const q = h.posts[d];
    push(q.division);
    for (const f of q.functions) push(f);
  }
  return out;
}

/** Columns by role (issue: columns chose by functions led), written plainly. */
function columnsByRole(h: Hierarchy, reports: number[], gradeTable: StructureOptions["gradeTable"]): boolean[] {
  const managers = reports.filter((r) => h.children[r].length > 0);
  const pool = managers.length > 0 ? managers : reports;
  if (gradeTable && pool.length > 0 && pool.every((r) => gradeRank(gradeTable, h.posts[r].grade) !== null)) {
    const ranks = pool.map((r) => gradeRank(gradeTable, h.posts[r].grade) as number);
    const times = (x: number): number => ranks.filter((y) => y === x).length;
    const usual = [...ranks].sort((a, b) => times(b) - times(a) || b - a)[0];
    return reports.map((r) => (gradeRank(gradeTable, h.posts[r].grade) ?? -Infinity) >= usual);
  }
  const grades = pool.map((r) => h.posts[r].grade.trim().toUpperCase()).filter((g) => g !== "");
  return reports.map((r) => pool.includes(r) || grades.includes(h.posts[r].grade.trim().toUpperCase()));
}

function columnContents(h: Hierarchy, i: number, depth: number): string[] {
  const led = functionsLed(h, i, depth);
  if (led.length > 0) return led;
  const out: string[] = [];
  for (const c of h.children[i]) {
    const name = postName(h.posts[c]);
    if (!out.some((o) => functionKey(o) === functionKey(name))) out.push(name.trim());
  }
  return out;
}

function statusesChange(posts: readonly Post[]): boolean {
  return posts.some((p) => p.status !== "existing" && p.status !== "unaffected");
}

function scenarioText(choice: ScenarioChoice): string {
  if (choice === null || choice === undefined) return "";
  const list = typeof choice === "string" ? [choice] : [...choice];
  const named = list.map((s) => s.trim()).filter((s) => s !== "");
  return named.length === 0 ? "" : `; scenario: ${named.join(", ")}`;
}

function tableFromHierarchy(h: Hierarchy, topIndex: number, changed: boolean, options: StructureOptions): StructureTable {
  const top = h.posts[topIndex];
  const depth = options.functionDepth ?? 1;
  let reports = [...h.children[topIndex]];
  if (options.order === "grade" && options.gradeTable) {
    const table = options.gradeTable;
    const rank = (p: Post): number => gradeRank(table, p.grade) ?? 0;
    reports = reports.sort((a, b) => rank(h.posts[b]) - rank(h.posts[a]) || a - b);
  }
  const columns: StructureColumn[] = [];
  const noted: Post[] = [];
  const isColumn = columnsByRole(h, reports, options.gradeTable);
  reports.forEach((r, k) => {
    if (isColumn[k]) columns.push({ post: h.posts[r], functions: columnContents(h, r, depth) });
    else noted.push(h.posts[r]);
  });
  const topName = postName(top);
  const notes = noted.map((p) => `${postName(p)} is a direct report to the ${topName}.`);
  const side = options.structure ?? "after";
  const title = options.title ?? `${top.directorate !== "" ? top.directorate : topName}: structure`;
  const which = !changed ? "Current structure" : side === "after" ? "Structure after the proposals" : "Structure before the proposals";
  const subtitle = `${which}${scenarioText(options.scenario)}, from the post list.`;
  return { top, heading: topName, columns, noted, notes, title, subtitle };
}

function prepare(posts: readonly Post[], options: StructureOptions): { resolved: Post[]; h: Hierarchy } {
  const resolved = resolveScenario(posts, options.scenario);
  const h = buildHierarchy(structurePosts(resolved, options.structure ?? "after"));
  return { resolved, h };
}

/** The structure table under one post, as data. Throws StructureError when the post is not in the structure. */
export function referenceStructureTable(posts: readonly Post[], topPostId: string, options: StructureOptions = {}): StructureTable {
  const { resolved, h } = prepare(posts, options);
  const i = h.index.get(topPostId.trim());
  if (i === undefined) {
    const exists = resolved.some((p) => p.id === topPostId.trim());
    throw new StructureError(
      exists
        ? `Post ${topPostId} is not in the ${options.structure ?? "after"} structure (it is ${options.structure === "before" ? "a new post" : "deleted"}).`
        : `There is no post with ID ${topPostId} in the list.`,
    );
  }
  return tableFromHierarchy(h, i, statusesChange(resolved), options);
}

export function referenceStructureLayouts(posts: readonly Post[], topPostIds: readonly string[], options: Omit<StructureOptions, "sheetName" | "title"> = {}): SheetLayout[] {
  const { resolved, h } = prepare(posts, options);
  const changed = statusesChange(resolved);
  const nameFor = sheetNamer();
  return topPostIds.map((id) => {
    const i = h.index.get(id.trim());
    if (i === undefined) throw new StructureError(`Post ${id} is not in the ${options.structure ?? "after"} structure.`);
    const t = tableFromHierarchy(h, i, changed, options);
    const name = nameFor(`Structure ${t.heading}`);
    return structureTableLayout(t, { ...options, sheetName: name });
  });
}

/** A directorate with several top posts: them side by side under its name, and a note. */
function headlessTable(h: Hierarchy, tops: readonly number[], directorate: string, changed: boolean, options: StructureOptions): StructureTable {
  let order = [...tops].sort((a, b) => a - b);
  if (options.order === "grade" && options.gradeTable) {
    const table = options.gradeTable;
    const rank = (p: Post): number => gradeRank(table, p.grade) ?? 0;
    order = order.sort((a, b) => rank(h.posts[b]) - rank(h.posts[a]) || a - b);
  }
  const columns = order.map((i) => ({ post: h.posts[i], functions: columnContents(h, i, options.functionDepth ?? 1) }));
  const managers = new Set(order.map((i) => h.parent[i]));
  const manager = managers.size === 1 ? [...managers][0] : -1;
  const names = order.map((i) => postName(h.posts[i]));
  const list = names.length > 8 ? `${names.slice(0, 8).join(", ")} and ${names.length - 8} more` : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  const notes = [`${directorate} has no single head: its ${order.length} top posts (${list}) are shown side by side${manager >= 0 ? `, and each reports to the ${postName(h.posts[manager])}.` : "."}`];
  const side = options.structure ?? "after";
  const which = !changed ? "Current structure" : side === "after" ? "Structure after the proposals" : "Structure before the proposals";
  return { top: null, heading: directorate, columns, noted: [], notes, title: `${directorate}: structure`, subtitle: `${which}${scenarioText(options.scenario)}, from the post list.` };
}

/**
 * One structure table per directorate, in the order directorates first appear in the list: each drawn under the
 * directorate's top post (the most senior post whose manager is outside the directorate; see directorateRoots).
 * Posts with a blank directorate get no table of their own. Sheet names are unique within the set.
 */
export function referenceAllDirectorateStructures(posts: readonly Post[], options: Omit<StructureOptions, "sheetName" | "title"> = {}): SheetLayout[] {
  const { resolved, h } = prepare(posts, options);
  const roots = directorateRoots(h, options.gradeTable);
  const order: string[] = [];
  const seen = new Set<string>();
  for (const p of h.posts) {
    if (p.directorate !== "" && !seen.has(p.directorate)) {
      seen.add(p.directorate);
      order.push(p.directorate);
    }
  }
  const changed = statusesChange(resolved);
  const nameFor = sheetNamer();
  const layouts: SheetLayout[] = [];
  for (const d of order) {
    const tops = roots.get(d);
    if (!tops || tops.length === 0) continue;
    const t = tops.length === 1 ? tableFromHierarchy(h, tops[0], changed, options) : headlessTable(h, tops, d, changed, options);
    const name = nameFor(`Structure ${d}`);
    layouts.push(structureTableLayout(t, { ...options, sheetName: name }));
  }
  return layouts;
}
