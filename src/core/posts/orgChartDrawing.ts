/**
 * What to draw for an org chart, as plain data: the boxes (position, size, text lines, colours, a dashed
 * border for deleted posts) and straight line segments, all in points, taken from core's geometry
 * (./orgChart.ts) without moving anything. Both renderers draw this plan: Excel shapes in the open workbook
 * (src/excel/orgChartShapes.ts) and DrawingML shapes in the members' pack (src/workbook/orgChartDrawingXml.ts).
 *
 * Pages: one chart fits one A4 landscape page (printed fit to one page) up to `maxBoxes` boxes (about 30,
 * where titles stay readable). A bigger chart is split by directorate: an overview of the top post and its
 * direct reports, then one chart under each direct report, titled with its directorate.
 */
import { chartFromHierarchy, structureHierarchy, type OrgChart, type OrgChartBox, type OrgChartOptions } from "./orgChart";
import type { Hierarchy } from "./hierarchy";
import type { Post, PostStatus } from "./postList";

export const ORG_CHART_MAX_BOXES = 30;

export interface DrawnBox {
  postId: string;
  /** Top-left and size in points from the drawing's origin (core's geometry plus the origin). */
  left: number;
  top: number;
  width: number;
  height: number;
  /** Title, then grade and FTE, then the mark ("New post", "Post deleted"); written as text. */
  lines: string[];
  fill: string;
  fontColour: string;
  border: string;
  dashed: boolean;
  bold: boolean;
  mark?: "new" | "deleted" | "amended";
}

export interface DrawnLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface OrgChartDrawing {
  title: string;
  boxes: DrawnBox[];
  lines: DrawnLine[];
  /** Extent including the origin, in points. */
  width: number;
  height: number;
}

const NAVY = "#1F3864";
const PALE = "#DCE6F2";
const WHITE = "#FFFFFF";
const NEW_FILL = "#E2EFDA";
const NEW_BORDER = "#548235";
const DELETED_FILL = "#F8D7DA";
const DELETED_BORDER = "#C00000";
const LINE = "#404040";

/** The key printed under every chart. */
export const ORG_CHART_KEY = "Key: green box = new post; red dashed box = post deleted; \"Amended\" = post changed.";

function markOf(status: PostStatus): DrawnBox["mark"] {
  return status === "new" ? "new" : status === "deleted" ? "deleted" : status === "amended" ? "amended" : undefined;
}

function drawBox(b: OrgChartBox, ox: number, oy: number): DrawnBox {
  const mark = markOf(b.status);
  const base = b.style === "topPost" ? { fill: NAVY, fontColour: WHITE, bold: true } : b.style === "reportPost" ? { fill: PALE, fontColour: "#000000", bold: true } : { fill: WHITE, fontColour: "#000000", bold: false };
  const lines = [b.title, ...(b.detail ? [b.detail] : []), ...(mark === "new" ? ["New post"] : mark === "deleted" ? ["Post deleted"] : mark === "amended" ? ["Amended"] : [])];
  return {
    postId: b.postId,
    left: b.x + ox,
    top: b.y + oy,
    width: b.width,
    height: b.height,
    lines,
    fill: mark === "new" ? NEW_FILL : mark === "deleted" ? DELETED_FILL : base.fill,
    fontColour: mark ? "#000000" : base.fontColour,
    border: mark === "new" ? NEW_BORDER : mark === "deleted" ? DELETED_BORDER : b.style === "topPost" ? NAVY : LINE,
    dashed: mark === "deleted",
    bold: base.bold,
    ...(mark ? { mark } : {}),
  };
}

/** The plan of shapes for a chart: core's boxes and connector polylines, moved by `origin`, nothing else. */
export function orgChartDrawing(chart: OrgChart, title: string, origin: { x: number; y: number } = { x: 0, y: 0 }): OrgChartDrawing {
  const boxes = chart.boxes.map((b) => drawBox(b, origin.x, origin.y));
  const lines: DrawnLine[] = [];
  for (const c of chart.connectors) {
    for (let i = 1; i < c.points.length; i++) {
      const a = c.points[i - 1];
      const b = c.points[i];
      if (a.x === b.x && a.y === b.y) continue;
      lines.push({ x1: a.x + origin.x, y1: a.y + origin.y, x2: b.x + origin.x, y2: b.y + origin.y });
    }
  }
  return { title, boxes, lines, width: chart.width + origin.x, height: chart.height + origin.y };
}

export interface OrgChartPage {
  /** "Org chart: Corporate Director Growth" or, when split, "Growth, Environment and Transport". */
  title: string;
  topPostId: string;
  chart: OrgChart;
}

/**
 * The charts to draw for a top post: one when it has at most `maxBoxes` boxes, else an overview (the top post
 * and its direct reports) and one chart under each direct report that has reports of its own, titled with the
 * directorate. Throws StructureError when the post is not in the structure.
 */
export function orgChartPages(posts: readonly Post[], topPostId: string, options: OrgChartOptions & { maxBoxes?: number } = {}): OrgChartPage[] {
  return orgChartPagesOf(posts, [topPostId], options);
}

/**
 * The pages of {@link orgChartPages} for several top posts, in order, from one reporting tree (building the
 * tree for each chart made a members' pack of a 20,000-post list spend most of its time there).
 */
export function orgChartPagesOf(posts: readonly Post[], topPostIds: readonly string[], options: OrgChartOptions & { maxBoxes?: number } = {}): OrgChartPage[] {
  return pagesFrom(structureHierarchy(posts, options), topPostIds, options);
}

/**
 * The pages of {@link orgChartPages} under every post at the top of the structure that has reports, in list
 * order: those whose reports-to is blank or names no post of the structure (an extract of one directorate whose
 * corporate director reports to a Chief Executive not in the list; the posts left without a manager when the
 * proposals delete theirs). A post whose id is blank, or repeats an earlier post's, has no chart of its own.
 */
export function orgChartPagesOfTops(posts: readonly Post[], options: OrgChartOptions & { maxBoxes?: number } = {}): OrgChartPage[] {
  const h = structureHierarchy(posts, options);
  const first = h.index.firstOccurrence;
  const tops: string[] = [];
  for (let i = 0; i < h.posts.length; i++) {
    if (h.parent[i] === -1 && first[i] === i && h.childStart[i + 1] > h.childStart[i]) tops.push(h.posts[i].id);
  }
  return pagesFrom(h, tops, options);
}

function pagesFrom(h: Hierarchy, topPostIds: readonly string[], options: OrgChartOptions & { maxBoxes?: number }): OrgChartPage[] {
  const max = options.maxBoxes ?? ORG_CHART_MAX_BOXES;
  const pages: OrgChartPage[] = [];
  for (const topPostId of topPostIds) {
    const whole = chartFromHierarchy(h, topPostId, options);
    const top = whole.boxes[0];
    if (whole.boxes.length <= max) {
      pages.push({ title: `Org chart: ${top.title}`, topPostId: top.postId, chart: whole });
      continue;
    }
    const i = h.index.get(topPostId.trim()) as number; // found: chartFromHierarchy throws otherwise
    pages.push({ title: `Org chart: ${top.title} and direct reports`, topPostId: top.postId, chart: chartFromHierarchy(h, topPostId, { ...options, levels: 1 }) });
    for (const c of h.children[i]) {
      if (h.children[c].length === 0) continue;
      const p = h.posts[c];
      pages.push({ title: `${p.directorate !== "" ? p.directorate : p.title}: org chart under ${p.title !== "" ? p.title : p.id}`, topPostId: p.id, chart: chartFromHierarchy(h, p.id, options) });
    }
  }
  return pages;
}
