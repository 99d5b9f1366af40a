/**
 * Native Excel charts for generated workbooks, as DrawingML parts: xl/charts/chartN.xml and one
 * xl/drawings/drawingN.xml per sheet with its relationships, each with its content type. The renderer links
 * each drawing from its sheet (<drawing r:id> and the sheet's relationship) as it writes the sheet. Every series
 * refers to cells of the sheet (so the chart follows the live formulas) and carries a cache of the values, so
 * viewers that do not recalculate draw the same picture.
 */
import { cellAddress, quoteSheetName, type RangeRef } from "../core/a1";
import { addRelationship, relsPathOf, xmlAttr, xmlText, type PartMap } from "./xlsxParts";

/** A series of values read from one row or column of the chart's sheet. */
export interface ChartSeriesSpec {
  /** Legend name; written as a literal. */
  name: string;
  /** One row or one column of cells on the same sheet. */
  values: RangeRef;
  /** "#RRGGBB" */
  colour?: string;
}

interface ChartCommon {
  /** The chart title (also its alternative text with `description`). */
  title: string;
  /** Alternative text for screen readers. */
  description: string;
  /** Category labels: one row or column of cells on the same sheet. */
  categories: RangeRef;
  /** Cells the chart covers (top-left inclusive, size in cells). */
  anchor: RangeRef;
  /** Value axis title, e.g. "£m" or "Posts (FTE)". */
  valueAxisTitle?: string;
  /** Value axis number format. */
  numberFormat?: string;
}

/**
 * Ranges drawn as floating bars (an invisible bar up to `low`, then a visible bar of height `span`),
 * against a horizontal line at `line` (the requirement).
 */
export interface FloatingBarChart extends ChartCommon {
  kind: "floatingBars";
  low: ChartSeriesSpec;
  span: ChartSeriesSpec;
  /** The horizontal line (the requirement); none when there is no requirement. */
  line?: ChartSeriesSpec;
}

/** Clustered columns, one series per spec (posts before and after, by grade). */
export interface ColumnChart extends ChartCommon {
  kind: "columns";
  series: ChartSeriesSpec[];
}

export type ChartSpec = FloatingBarChart | ColumnChart;

/** A chart placed on a sheet of the rendered workbook, with the cell values to cache. */
export interface PlacedChart {
  /** The final (unique) sheet name. */
  sheetName: string;
  spec: ChartSpec;
  /** Value of a sheet cell (0-based) as it will be displayed before any recalculation. */
  valueAt: (row: number, col: number) => string | number | boolean | null | undefined;
}

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

const PALETTE = ["#1F3864", "#8FAADC", "#C55A11", "#548235"];

function cellsOf(r: RangeRef): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  for (let i = 0; i < r.rowCount; i++) for (let j = 0; j < r.colCount; j++) out.push({ row: r.row + i, col: r.col + j });
  return out;
}

function absRef(sheet: string, r: RangeRef): string {
  const a = (row: number, col: number): string => cellAddress(row, col).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  const start = a(r.row, r.col);
  const end = a(r.row + r.rowCount - 1, r.col + r.colCount - 1);
  return `${quoteSheetName(sheet)}!${start === end ? start : `${start}:${end}`}`;
}

function colour(hex: string): string {
  return `<a:srgbClr val="${hex.replace("#", "").toUpperCase()}"/>`;
}

function richText(text: string, size: number, bold: boolean): string {
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr>` +
    `<a:r><a:rPr lang="en-GB" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${xmlText(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

function categoryXml(chart: PlacedChart): string {
  const cells = cellsOf(chart.spec.categories);
  const pts = cells
    .map((c, i) => {
      const v = chart.valueAt(c.row, c.col);
      return `<c:pt idx="${i}"><c:v>${xmlText(v === null || v === undefined ? "" : String(v))}</c:v></c:pt>`;
    })
    .join("");
  return `<c:cat><c:strRef><c:f>${xmlText(absRef(chart.sheetName, chart.spec.categories))}</c:f><c:strCache><c:ptCount val="${cells.length}"/>${pts}</c:strCache></c:strRef></c:cat>`;
}

function valuesXml(chart: PlacedChart, s: ChartSeriesSpec): string {
  const cells = cellsOf(s.values);
  const pts = cells
    .map((c, i) => {
      const v = chart.valueAt(c.row, c.col);
      return typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "";
    })
    .join("");
  return `<c:val><c:numRef><c:f>${xmlText(absRef(chart.sheetName, s.values))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${cells.length}"/>${pts}</c:numCache></c:numRef></c:val>`;
}

function barSeries(chart: PlacedChart, s: ChartSeriesSpec, idx: number, invisible: boolean, labels: boolean): string {
  const fill = invisible
    ? "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
    : `<c:spPr><a:solidFill>${colour(s.colour ?? PALETTE[idx % PALETTE.length])}</a:solidFill><a:ln><a:solidFill>${colour("#404040")}</a:solidFill></a:ln></c:spPr>`;
  const dLbls = labels
    ? '<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
    : "";
  return (
    `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/><c:tx><c:v>${xmlText(s.name)}</c:v></c:tx>${fill}` +
    `<c:invertIfNegative val="0"/>${dLbls}${categoryXml(chart)}${valuesXml(chart, s)}</c:ser>`
  );
}

function lineSeries(chart: PlacedChart, s: ChartSeriesSpec, idx: number): string {
  return (
    `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/><c:tx><c:v>${xmlText(s.name)}</c:v></c:tx>` +
    `<c:spPr><a:ln w="31750" cap="rnd"><a:solidFill>${colour(s.colour ?? "#C00000")}</a:solidFill><a:prstDash val="dash"/><a:round/></a:ln></c:spPr>` +
    `<c:marker><c:symbol val="none"/></c:marker>${categoryXml(chart)}${valuesXml(chart, s)}<c:smooth val="0"/></c:ser>`
  );
}

function axesXml(spec: ChartSpec): string {
  const fmt = xmlAttr(spec.numberFormat ?? "General");
  const axisTitle = spec.valueAxisTitle
    ? `<c:title>${richText(spec.valueAxisTitle, 900, false)}<c:overlay val="0"/></c:title>`
    : "";
  return (
    '<c:catAx><c:axId val="500100"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>' +
    '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>' +
    '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800"/></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>' +
    '<c:crossAx val="500200"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    '<c:valAx><c:axId val="500200"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>' +
    `<c:majorGridlines><c:spPr><a:ln><a:solidFill>${colour("#D9D9D9")}</a:solidFill></a:ln></c:spPr></c:majorGridlines>${axisTitle}` +
    `<c:numFmt formatCode="${fmt}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    '<c:crossAx val="500100"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>'
  );
}

/** The chart part's XML. */
export function chartXml(chart: PlacedChart): string {
  const spec = chart.spec;
  let plot: string;
  let legendExtra = "";
  if (spec.kind === "floatingBars") {
    plot =
      '<c:barChart><c:barDir val="col"/><c:grouping val="stacked"/><c:varyColors val="0"/>' +
      barSeries(chart, spec.low, 0, true, false) +
      barSeries(chart, spec.span, 1, false, false) +
      '<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="500100"/><c:axId val="500200"/></c:barChart>' +
      (spec.line
        ? '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>' +
          lineSeries(chart, spec.line, 2) +
          '<c:marker val="1"/><c:axId val="500100"/><c:axId val="500200"/></c:lineChart>'
        : "");
    // The invisible base series has no place in the legend.
    legendExtra = '<c:legendEntry><c:idx val="0"/><c:delete val="1"/></c:legendEntry>';
  } else {
    plot =
      '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
      spec.series.map((s, i) => barSeries(chart, s, i, false, true)).join("") +
      '<c:gapWidth val="80"/><c:overlap val="-10"/><c:axId val="500100"/><c:axId val="500200"/></c:barChart>';
  }
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:lang val="en-GB"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${richText(spec.title, 1200, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}${axesXml(spec)}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/>${legendExtra}<c:overlay val="0"/></c:legend><c:plotVisOnly val="0"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill>${colour("#FFFFFF")}</a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>` +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>` +
    `<c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup paperSize="9"/></c:printSettings>` +
    `</c:chartSpace>`
  );
}

function anchorXml(spec: ChartSpec, chartRId: string, shapeId: number): string {
  const a = spec.anchor;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">` +
    `<xdr:from><xdr:col>${a.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>${a.col + a.colCount}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.row + a.rowCount}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="Chart ${shapeId - 1}" title="${xmlAttr(spec.title)}" descr="${xmlAttr(spec.description)}"/>` +
    `<xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${chartRId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/**
 * Add the charts' parts to a package being written: the charts on one sheet share one drawing part.
 * @returns the drawing part of each sheet with charts (sheet name -> part path), for the sheet to refer to.
 */
export function addChartParts(parts: PartMap, charts: readonly PlacedChart[]): Map<string, string> {
  const drawings = new Map<string, string>();
  const bySheet = new Map<string, PlacedChart[]>();
  for (const c of charts) bySheet.set(c.sheetName, [...(bySheet.get(c.sheetName) ?? []), c]);
  for (const [sheetName, list] of bySheet) {
    const drawingPath = parts.freeName("xl/drawings/drawing", ".xml");
    let drawingRels: string | null = null;
    const anchors: string[] = [];
    list.forEach((chart, i) => {
      const chartPath = parts.freeName("xl/charts/chart", ".xml");
      parts.set(chartPath, chartXml(chart), CT_CHART);
      const [rels, rId] = addRelationship(drawingRels, REL_CHART, `../charts/${chartPath.split("/").pop() ?? ""}`);
      drawingRels = rels;
      anchors.push(anchorXml(chart.spec, rId, i + 2));
    });
    parts.set(
      drawingPath,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchors.join("")}</xdr:wsDr>`,
      CT_DRAWING,
    );
    if (drawingRels !== null) parts.set(relsPathOf(drawingPath), drawingRels);
    drawings.set(sheetName, drawingPath);
  }
  return drawings;
}
