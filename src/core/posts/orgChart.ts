/**
 * The structure as an org chart, as geometry: boxes and elbow connectors in points, for a renderer that draws
 * Excel shapes and connectors (where the API set supports them). Pure data, like the structure table layout.
 *
 * Shape: the top post at the top centre; each level below spread left to right under its manager, parents
 * centred over their children. The last level shown is stacked vertically under its manager (indented, as
 * printed org charts do) so the chart stays as wide as the level above it; a long stack (more than
 * STACK_ROWS reports) wraps into several columns side by side, each with its own rail, so that a manager with
 * 100 direct reports fits a landscape page instead of making a column 5,000 points tall. Connectors run from the bottom
 * centre of a manager to the top centre of each report (via a horizontal bar), or down the left edge to each
 * stacked report.
 */
import type { LayoutStyleName } from "../layout";
import { buildHierarchy, type Hierarchy } from "./hierarchy";
import type { Post, PostStatus } from "./postList";
import { scenarioStructure, type ScenarioChoice, type StructureSide } from "./scenarios";
import { postDetailText, StructureError } from "./structureLayout";

export interface OrgChartOptions {
  /** Levels below the top post to draw. Default 2. */
  levels?: number;
  /** Box size and gaps, in points. */
  boxWidth?: number;
  boxHeight?: number;
  hGap?: number;
  vGap?: number;
  /** Second line in each box: "KR17 | 1.00 FTE". Default false. */
  showGradeAndFte?: boolean;
  scenario?: ScenarioChoice;
  /** Default "after". */
  structure?: StructureSide;
}

export interface OrgChartBox {
  postId: string;
  /** Written as text, never a formula. */
  title: string;
  detail?: string;
  /** 0 for the top post. */
  level: number;
  /** Top-left corner and size, in points from the chart's origin. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The named style whose fill and font the shape takes. */
  style: LayoutStyleName;
  /** The post's status in the list (for marking deleted and new posts). */
  status: PostStatus;
}

export interface OrgChartConnector {
  fromPostId: string;
  toPostId: string;
  /** Polyline points (elbow), in points. */
  points: { x: number; y: number }[];
}

export interface OrgChart {
  boxes: OrgChartBox[];
  connectors: OrgChartConnector[];
  width: number;
  height: number;
}

/** The most reports stacked in one column under their manager before the stack wraps into more columns. */
export const STACK_ROWS = 10;

/**
 * How many columns a stack of `count` reports takes: one up to STACK_ROWS; beyond, as many as make the block
 * about as wide as a landscape page is for its height (1.4 : 1), with at least STACK_ROWS reports a column.
 */
export function stackColumnCount(count: number, columnPitch: number, rowPitch: number): number {
  if (count <= STACK_ROWS) return 1;
  const perColumn = Math.max(STACK_ROWS, Math.ceil(Math.sqrt((count * columnPitch) / (rowPitch * 1.4))));
  return Math.ceil(count / perColumn);
}

/** The org chart under one post. Throws StructureError when the post is not in the structure. */
export function orgChart(posts: readonly Post[], topPostId: string, options: OrgChartOptions = {}): OrgChart {
  return chartFromHierarchy(structureHierarchy(posts, options), topPostId, options);
}

/**
 * Org charts under several posts (one per directorate, say) from one reporting tree: linear in the list, where
 * calling orgChart for each would rebuild the tree every time. Throws StructureError as orgChart does.
 */
export function orgCharts(posts: readonly Post[], topPostIds: readonly string[], options: OrgChartOptions = {}): OrgChart[] {
  const h = structureHierarchy(posts, options);
  return topPostIds.map((id) => chartFromHierarchy(h, id, options));
}

/** The reporting tree the charts are drawn from: the scenario applied, the chosen side of the restructure. */
export function structureHierarchy(posts: readonly Post[], options: OrgChartOptions): Hierarchy {
  return buildHierarchy(scenarioStructure(posts, options.scenario, options.structure ?? "after").posts);
}

/** The org chart under one post of a tree built by {@link structureHierarchy}. Throws StructureError as orgChart does. */
export function chartFromHierarchy(h: Hierarchy, topPostId: string, options: OrgChartOptions): OrgChart {
  const levels = Math.max(0, Math.floor(options.levels ?? 2));
  const bw = options.boxWidth ?? 150;
  const bh = options.boxHeight ?? (options.showGradeAndFte ? 54 : 42);
  const hGap = options.hGap ?? 18;
  const vGap = options.vGap ?? 30;
  const stackIndent = 18;
  const stackGap = 8;
  // A wrapped stack's columns: each a rail and a column of boxes.
  const columnPitch = bw + stackIndent + stackGap;
  const rowPitch = bh + stackGap;
  const top = h.index.get(topPostId.trim());
  if (top === undefined) throw new StructureError(`There is no post with ID ${topPostId} in the ${options.structure ?? "after"} structure.`);

  // Nodes shown, breadth-first from the top (cycles cannot repeat a node), by position in `order`. Each post has one
  // manager, so the reports shown under a node are the ones first reached from it: positions
  // firstReport[k] .. firstReport[k] + reportCount[k] - 1, in list order.
  const { childStart, childList } = h;
  const seen = new Set<number>([top]);
  const order: number[] = [top];
  const level: number[] = [0];
  const firstReport: number[] = [];
  const reportCount: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const v = order[k];
    const lv = level[k];
    firstReport.push(order.length);
    if (lv < levels) {
      for (let e = childStart[v], end = childStart[v + 1]; e < end; e++) {
        const c = childList[e];
        if (seen.has(c)) continue;
        seen.add(c);
        order.push(c);
        level.push(lv + 1);
      }
    }
    reportCount.push(order.length - firstReport[k]);
  }
  const shown = order.length;
  const stacks = (k: number): boolean => level[k] === levels - 1;

  // Subtree widths, deepest first.
  const width: number[] = new Array<number>(shown).fill(0);
  for (let k = shown - 1; k >= 0; k--) {
    const count = reportCount[k];
    if (count === 0 || stacks(k)) width[k] = stacks(k) && count > 0 ? bw + stackIndent + (stackColumnCount(count, columnPitch, rowPitch) - 1) * columnPitch : bw;
    else {
      let sum = 0;
      for (let c = firstReport[k]; c < firstReport[k] + count; c++) sum += width[c];
      width[k] = Math.max(bw, sum + hGap * (count - 1));
    }
  }

  const boxes: OrgChartBox[] = [];
  const connectors: OrgChartConnector[] = [];
  const boxAt: (OrgChartBox | undefined)[] = new Array<OrgChartBox | undefined>(shown);
  const makeBox = (k: number, x: number, y: number): OrgChartBox => {
    const p = h.posts[order[k]];
    const lv = level[k];
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
    boxAt[k] = box;
    return box;
  };

  // Place top-down: each node centred over the span its subtree takes.
  const left: number[] = new Array<number>(shown).fill(0);
  let maxBottom = 0;
  for (let k = 0; k < shown; k++) {
    if (boxAt[k] !== undefined) continue;
    const x0 = left[k];
    const w = width[k];
    const y = level[k] * (bh + vGap);
    const box = makeBox(k, x0 + (w - bw) / 2, y);
    maxBottom = Math.max(maxBottom, y + bh);
    const first = firstReport[k];
    const count = reportCount[k];
    if (count === 0) continue;
    if (stacks(k)) {
      box.x = x0;
      const perColumn = Math.ceil(count / stackColumnCount(count, columnPitch, rowPitch));
      const firstRail = x0 + stackIndent / 2;
      for (let i = 0; i < count; i++) {
        const column = Math.floor(i / perColumn);
        const cy = y + bh + stackGap + (i % perColumn) * rowPitch;
        const child = makeBox(first + i, x0 + stackIndent + column * columnPitch, cy);
        maxBottom = Math.max(maxBottom, cy + bh);
        const railX = firstRail + column * columnPitch;
        // Columns after the first: along under the manager to the column's rail, then down it.
        const across = column === 0 ? [] : [{ x: firstRail, y: y + bh + stackGap / 2 }, { x: railX, y: y + bh + stackGap / 2 }];
        connectors.push({ fromPostId: box.postId, toPostId: child.postId, points: [{ x: firstRail, y: y + bh }, ...across, { x: railX, y: cy + bh / 2 }, { x: child.x, y: cy + bh / 2 }] });
      }
      continue;
    }
    let sum = 0;
    for (let c = first; c < first + count; c++) sum += width[c];
    let cx = x0 + (w - (sum + hGap * (count - 1))) / 2;
    for (let c = first; c < first + count; c++) {
      left[c] = cx;
      cx += width[c] + hGap;
    }
  }
  // Connectors for spread levels (children placed after their parents above).
  for (let k = 0; k < shown; k++) {
    if (stacks(k)) continue;
    const box = boxAt[k] as OrgChartBox;
    const barY = box.y + bh + vGap / 2;
    for (let c = firstReport[k]; c < firstReport[k] + reportCount[k]; c++) {
      const child = boxAt[c] as OrgChartBox;
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
  return { boxes, connectors, width: width[0], height: maxBottom };
}
