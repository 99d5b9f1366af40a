/**
 * Org charts in a generated workbook as native DrawingML shapes (not a picture): each box an `xdr:sp`
 * rectangle with its text, each connector segment an `xdr:cxnSp` line, placed with absolute anchors in EMUs
 * exactly where core's plan (src/core/posts/orgChartDrawing.ts) puts them. Excel (without the add-in) and
 * LibreOffice open, show and print them. Added to the package as the charts are: a drawing part the renderer
 * links from the sheet.
 */
import type { OrgChartDrawing } from "../core/posts/orgChartDrawing";
import { xmlAttr, xmlText, type PartMap } from "./xlsxParts";

const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
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
        return `<a:p><a:pPr algn="ctr"/><a:r><a:rPr lang="en-GB" sz="${i === 0 ? 900 : 800}"${bold}${italic}><a:solidFill><a:srgbClr val="${hex(b.fontColour)}"/></a:solidFill></a:rPr><a:t>${xmlText(line)}</a:t></a:r></a:p>`;
      })
      .join("");
    const dash = b.dashed ? '<a:prstDash val="dash"/>' : "";
    const sp =
      `<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="${id}" name="Post ${xmlAttr(b.postId)}" descr="${xmlAttr(b.lines.join(", "))}"/><xdr:cNvSpPr/></xdr:nvSpPr>` +
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

/**
 * Add each org chart's drawing part to a package being written (one org chart per sheet).
 * @returns the drawing part of each sheet (sheet name -> part path), for the sheet to refer to.
 */
export function addOrgChartParts(parts: PartMap, placed: readonly { sheetName: string; drawing: OrgChartDrawing }[]): Map<string, string> {
  const drawings = new Map<string, string>();
  for (const { sheetName, drawing } of placed) {
    if (drawings.has(sheetName)) throw new Error(`Sheet ${sheetName} already has a drawing`);
    const drawingPath = parts.freeName("xl/drawings/drawing", ".xml");
    parts.set(drawingPath, orgChartDrawingXml(drawing), CT_DRAWING);
    drawings.set(sheetName, drawingPath);
  }
  return drawings;
}
