/**
 * Org charts in a generated workbook as native DrawingML shapes (not a picture): each box an `xdr:sp`
 * rectangle with its text, each connector segment an `xdr:cxnSp` line, placed with absolute anchors in EMUs
 * exactly where core's plan (src/core/posts/orgChartDrawing.ts) puts them. Excel (without the add-in) and
 * LibreOffice open, show and print them. Added to the package after ExcelJS has written it, like the charts.
 */
import type JSZip from "jszip";
import type { OrgChartDrawing } from "../core/posts/orgChartDrawing";
import { addContentTypeOverride, addRelationship, escapeXml, freePartName, insertWorksheetElement, listSheetParts, readText, relsPathOf } from "./xlsxParts";

const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";

/** English Metric Units per point. */
export const EMU_PER_POINT = 12_700;

const emu = (pt: number): number => Math.round(pt * EMU_PER_POINT);
const hex = (colour: string): string => colour.replace(/^#/, "").toUpperCase();

function anchor(x: number, y: number, cx: number, cy: number, body: string): string {
  return `<xdr:absoluteAnchor><xdr:pos x="${emu(x)}" y="${emu(y)}"/><xdr:ext cx="${emu(cx)}" cy="${emu(cy)}"/>${body}<xdr:clientData/></xdr:absoluteAnchor>`;
}

function xfrm(x: number, y: number, cx: number, cy: number): string {
  return `<a:xfrm><a:off x="${emu(x)}" y="${emu(y)}"/><a:ext cx="${emu(cx)}" cy="${emu(cy)}"/></a:xfrm>`;
}

/** The drawing part (xl/drawings/drawingN.xml) for one org chart. */
export function orgChartDrawingXml(d: OrgChartDrawing): string {
  const parts: string[] = [];
  let id = 2;
  for (const b of d.boxes) {
    const paragraphs = b.lines
      .map((line, i) => {
        const bold = b.bold && i === 0 ? ' b="1"' : "";
        const italic = i > 0 && /^(New post|Post deleted|Amended)$/.test(line) ? ' i="1"' : "";
        return `<a:p><a:pPr algn="ctr"/><a:r><a:rPr lang="en-GB" sz="${i === 0 ? 900 : 800}"${bold}${italic}><a:solidFill><a:srgbClr val="${hex(b.fontColour)}"/></a:solidFill></a:rPr><a:t>${escapeXml(line)}</a:t></a:r></a:p>`;
      })
      .join("");
    const dash = b.dashed ? '<a:prstDash val="dash"/>' : "";
    const sp =
      `<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="${id}" name="Post ${escapeXml(b.postId)}" descr="${escapeXml(b.lines.join(", "))}"/><xdr:cNvSpPr/></xdr:nvSpPr>` +
      `<xdr:spPr>${xfrm(b.left, b.top, b.width, b.height)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="${hex(b.fill)}"/></a:solidFill>` +
      `<a:ln w="${b.dashed ? 19050 : 12700}"><a:solidFill><a:srgbClr val="${hex(b.border)}"/></a:solidFill>${dash}</a:ln></xdr:spPr>` +
      `<xdr:txBody><a:bodyPr vertOverflow="clip" horzOverflow="clip" wrap="square" lIns="36000" tIns="18000" rIns="36000" bIns="18000" anchor="ctr" rtlCol="0"/><a:lstStyle/>${paragraphs}</xdr:txBody></xdr:sp>`;
    parts.push(anchor(b.left, b.top, b.width, b.height, sp));
    id++;
  }
  for (const l of d.lines) {
    const x = Math.min(l.x1, l.x2);
    const y = Math.min(l.y1, l.y2);
    const cx = Math.abs(l.x2 - l.x1);
    const cy = Math.abs(l.y2 - l.y1);
    const cxn =
      `<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="${id}" name="Line ${id}"/><xdr:cNvCxnSpPr/></xdr:nvCxnSpPr>` +
      `<xdr:spPr>${xfrm(x, y, cx, cy)}<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="12700"><a:solidFill><a:srgbClr val="404040"/></a:solidFill></a:ln></xdr:spPr></xdr:cxnSp>`;
    parts.push(anchor(x, y, cx, cy, cxn));
    id++;
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${parts.join("")}</xdr:wsDr>`;
}

/** Add each org chart's drawing to its sheet (a sheet without another drawing). */
export async function addOrgChartsToPackage(zip: JSZip, placed: readonly { sheetName: string; drawing: OrgChartDrawing }[]): Promise<void> {
  if (placed.length === 0) return;
  const sheets = await listSheetParts(zip);
  let types = (await readText(zip, "[Content_Types].xml")) ?? "";
  for (const { sheetName, drawing } of placed) {
    const sheet = sheets.find((s) => s.name === sheetName);
    if (!sheet) throw new Error(`Org chart placed on a sheet that is not in the workbook: ${sheetName}`);
    let sheetXml = (await readText(zip, sheet.path)) ?? "";
    if (/<drawing\s/.test(sheetXml)) throw new Error(`Sheet ${sheetName} already has a drawing`);
    const drawingPath = freePartName(zip, "xl/drawings/drawing", ".xml");
    zip.file(drawingPath, orgChartDrawingXml(drawing));
    types = addContentTypeOverride(types, drawingPath, CT_DRAWING);
    const sheetRelsPath = relsPathOf(sheet.path);
    const [sheetRels, rId] = addRelationship(await readText(zip, sheetRelsPath), REL_DRAWING, `../drawings/${drawingPath.split("/").pop() ?? ""}`);
    zip.file(sheetRelsPath, sheetRels);
    if (!/xmlns:r=/.test(sheetXml.slice(0, sheetXml.indexOf(">", sheetXml.indexOf("<worksheet"))))) sheetXml = sheetXml.replace("<worksheet", `<worksheet xmlns:r="${NS_R}"`);
    sheetXml = insertWorksheetElement(sheetXml, "drawing", `<drawing r:id="${rId}"/>`);
    zip.file(sheet.path, sheetXml);
  }
  zip.file("[Content_Types].xml", types);
}
