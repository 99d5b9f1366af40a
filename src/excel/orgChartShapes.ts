/**
 * Draw org charts as Excel shapes on new sheets: boxes (rectangles with title, grade and FTE, and "New post" /
 * "Post deleted" marks) and line segments, exactly where core's plan puts them (src/core/posts/orgChartDrawing.ts).
 * Each chart gets its own new sheet, a title in A1, A4 landscape printed fit to one page. Shapes need the
 * ExcelApi 1.9 requirement set. Existing sheets are never touched. One sync to read the sheet names, one per
 * chart to draw it.
 */
import { uniqueSheetName } from "../core/layout";
import type { OrgChartDrawing } from "../core/posts/orgChartDrawing";
import { assertCanAddSheets, excelApi, explainOfficeError, runExcel, textEntry } from "./runtime";

/** Where the drawing starts on its sheet, in points: below the title row, a little in from the left. */
export const ORG_CHART_ORIGIN = { x: 12, y: 36 };

/** Default column width (8.43 characters) and row height, in points: to size the print area. */
const COLUMN_POINTS = 48;
const ROW_POINTS = 15;

/** "A1:P40": the cells under a drawing of this size, for the print area. */
export function printAreaFor(width: number, height: number): string {
  const cols = Math.max(1, Math.ceil((width + ORG_CHART_ORIGIN.x) / COLUMN_POINTS));
  const rows = Math.max(2, Math.ceil((height + 12) / ROW_POINTS) + 1);
  let n = cols;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `A1:${letters}${rows}`;
}

/**
 * Draw each planned chart on a new sheet named after `baseName` ("Org chart", "Org chart (2)"...).
 * The plans must already be placed at ORG_CHART_ORIGIN. Returns the sheet names written.
 */
export async function drawOrgChartSheets(drawings: readonly OrgChartDrawing[], baseName = "Org chart", options: { signal?: AbortSignal } = {}): Promise<string[]> {
  const Excel = excelApi();
  // runExcel: Excel holds the run while a cell is being edited (a write: not started again where it cannot wait), and
  // Cancel stops it before the next chart's sync.
  try {
    return await runExcel(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      const protection = context.workbook.protection.load("protected");
      await context.sync();
      assertCanAddSheets(protection);
      const taken = sheets.items.map((s) => s.name);
      const written: string[] = [];
      for (const d of drawings) {
        const name = uniqueSheetName(drawings.length > 1 ? `${baseName} ${written.length + 1}` : baseName, taken);
        taken.push(name);
        const ws = sheets.add(name);
        ws.showGridlines = false;
        const title = ws.getRange("A1");
        title.values = [[textEntry(d.title)]];
        title.format.font.bold = true;
        title.format.font.size = 14;
        for (const b of d.boxes) {
          const s = ws.shapes.addGeometricShape(Excel.GeometricShapeType.rectangle);
          s.name = `Post ${b.postId}`;
          s.left = b.left;
          s.top = b.top;
          s.width = b.width;
          s.height = b.height;
          s.fill.setSolidColor(b.fill);
          s.lineFormat.color = b.border;
          s.lineFormat.weight = b.dashed ? 1.5 : 1;
          if (b.dashed) s.lineFormat.dashStyle = Excel.ShapeLineDashStyle.dash;
          s.textFrame.horizontalAlignment = Excel.ShapeTextHorizontalAlignment.center;
          s.textFrame.verticalAlignment = Excel.ShapeTextVerticalAlignment.middle;
          s.textFrame.autoSizeSetting = Excel.ShapeAutoSize.autoSizeNone;
          s.textFrame.textRange.text = b.lines.join("\n");
          s.textFrame.textRange.font.color = b.fontColour;
          s.textFrame.textRange.font.bold = b.bold;
          s.textFrame.textRange.font.size = 9;
        }
        for (const l of d.lines) {
          const line = ws.shapes.addLine(l.x1, l.y1, l.x2, l.y2, Excel.ConnectorType.straight);
          line.lineFormat.color = "#404040";
          line.lineFormat.weight = 1;
        }
        ws.pageLayout.orientation = Excel.PageOrientation.landscape;
        ws.pageLayout.paperSize = Excel.PaperType.a4;
        ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 1 };
        ws.pageLayout.setPrintArea(printAreaFor(d.width, d.height));
        await context.sync();
        written.push(name);
      }
      return written;
    }, { signal: options.signal });
  } catch (e) {
    throw explainOfficeError(e, "draw the org chart");
  }
}
