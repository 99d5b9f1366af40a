/**
 * The .xlsx renderer of core sheet layouts (src/core/layout.ts): the second renderer beside src/excel's.
 * Our own SpreadsheetML writer: each sheet's XML is written a row at a time from the layout's cells, straight into
 * bytes, and compressed as it is written (by the platform's CompressionStream where it has one, else fflate), so a
 * sheet of 400,000 cells takes a fraction of a second and little memory beyond the layout itself
 * (src/workbook/worksheetXml.ts, xlsxWriter.ts, zipWriter.ts). It writes cells, styles, merges, widths, freeze
 * panes, validation, tables, print setup, protection, internal hyperlinks (a location only, no relationship that
 * looks like an external link), charts and org charts.
 *
 * Safety rules enforced here, whatever the caller passes:
 * - strings are always written as text (a title "=HYPERLINK(...)" stays a string in the shared strings, a
 *   literal "_x0041_" is escaped so Excel does not read it as "A", characters XML cannot hold are dropped);
 * - formulas must be native Excel (no BUDGET.* custom functions, no `_xldudf_`, no external workbook
 *   references, no URLs) and must carry their cached result, so viewers that do not recalculate show it;
 * - the workbook is marked to recalculate fully on load.
 *
 * Sheets are protected against accidental edits, with no password unless one is given. To edit a sheet:
 * in Excel, Review > Unprotect Sheet (Excel on the web: Review > Protect Sheet, then turn protection off);
 * in LibreOffice, Tools > Protect Sheet (untick).
 */
import { cellAddress, quoteSheetName, type RangeRef } from "../core/a1";
import { uniqueSheetName, uniqueTableName, type SheetLayout } from "../core/layout";
import { addChartParts, type ChartSpec, type PlacedChart } from "./charts";
import { LayoutRenderError } from "./nativeFormula";
import { addOrgChartParts } from "./orgChartDrawingXml";
import type { OrgChartDrawing } from "../core/posts/orgChartDrawing";
import { sheetPasswordAttributes } from "./sheetPassword";
import { cellAt, displayText, indexRows, tableXml, writeWorksheet, type RowIndex, type SheetTable } from "./worksheetXml";
import { NS_MAIN, NS_REL, SharedStrings, StyleTable, XML_DECLARATION } from "./xlsxWriter";
import { NativeDeflateError, PackageZip, type DeflateLevel } from "./zipWriter";
import { PartMap, xmlAttr, xmlText } from "./xlsxParts";

export type { ChartSpec } from "./charts";
export { assertNativeFormula, LayoutRenderError, nonNativeReason } from "./nativeFormula";
export { estimateLines } from "./rowHeights";

/** A chart to draw on one of the rendered sheets; `sheet` is the layout's wanted name. */
export interface LayoutChart {
  sheet: string;
  chart: ChartSpec;
}

export interface RenderOptions {
  /** Title of the document: printed in every sheet's footer and stored as the file's title. */
  title?: string;
  /** Classification line printed at the top of every page ("Unrestricted", "OFFICIAL"). */
  classification?: string;
  /** Protect sheets against accidental edits (default true). */
  protect?: boolean;
  /** Password for sheet protection; none by default, so anyone can unprotect from the Review tab. */
  password?: string;
  /** Show gridlines on screen (default false: layout sheets look like the printed page). */
  showGridLines?: boolean;
  /** Charts to add to the rendered sheets. */
  charts?: LayoutChart[];
  /** Org charts drawn as native shapes, one per sheet (a sheet without charts). */
  orgCharts?: { sheet: string; drawing: OrgChartDrawing }[];
  /** Author stored in the document properties (default "Council budget add-in"). */
  creator?: string;
  /** Date stored in the document properties (default now). */
  created?: Date;
}

export interface RenderResult {
  bytes: Uint8Array;
  /** Final sheet names, in order: layouts[i] was written as sheetNames[i]. */
  sheetNames: string[];
}

/**
 * fflate's deflate level, where the package is not deflated by the platform's CompressionStream (zlib's default
 * level there: src/workbook/zipWriter.ts). Sheet XML is very repetitive: on the 100,000-line budget sheet (17 MB of
 * XML) fflate's level 2 takes about 40% of level 6's time for a file 11% larger (2.98 MB against 2.69 MB for the
 * pack), level 1 saves almost no time for a file 12% larger again, and levels 3 and 4 cost more time for under 1%
 * less.
 */
export const RENDER_DEFLATE_LEVEL: DeflateLevel = 2;

/** The final names the layouts get in a new workbook: sanitised and unique, in order. */
export function resolveSheetNames(layouts: readonly SheetLayout[]): string[] {
  const names: string[] = [];
  for (const l of layouts) names.push(uniqueSheetName(l.name, names));
  return names;
}

/**
 * The footer's 8-point size code, then the theme's body font in its regular style (&"-,Regular"). The font
 * code is there so the text cannot run into the size: "&" followed by digits is a font size that takes every
 * digit after it, so "&8" + "2024/25 budget" would print "/25 budget" in 82024-point type (ECMA-376 Part 1
 * §18.3.1.39 oddFooter, which lists the codes; Microsoft Learn, "Formatting and VBA codes for headers and
 * footers": https://learn.microsoft.com/office/vba/excel/concepts/workbooks-and-worksheets/formatting-and-vba-codes-for-headers-and-footers,
 * where &"-" is the body font of the current theme).
 */
const SMALL = '&8&"-,Regular"';

/** Escape text for a header/footer section: "&" starts a code there. */
function headerFooterText(text: string, max: number): string {
  const clean = text.replace(/[\r\n\t]+/g, " ").trim();
  const cut = clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  return cut.replace(/&/g, "&&");
}

const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";
const REL_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships";

function relationshipsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  return `${XML_DECLARATION}<Relationships xmlns="${REL_PACKAGE}">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${xmlAttr(r.target)}"/>`).join("")}</Relationships>`;
}

/** A date as the document properties store it (W3CDTF, whole seconds, UTC). */
function w3cdtf(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** "$A$1:$H$20": a print area is an absolute reference. */
function absoluteRange(r: RangeRef): string {
  const abs = (row: number, col: number): string => cellAddress(row, col).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  return `${abs(r.row, r.col)}:${abs(r.row + r.rowCount - 1, r.col + r.colCount - 1)}`;
}

/** A table's header names: each header cell's text, or "ColumnN" where blank, made unique (case-insensitively). */
function tableColumns(layout: SheetLayout, index: RowIndex, range: RangeRef): string[] {
  const used = new Set<string>();
  const columns: string[] = [];
  for (let c = 0; c < range.colCount; c++) {
    const h = cellAt(layout, index, range.row, range.col + c);
    let name = (h >= 0 ? displayText(layout.cells, h) : "").trim() || `Column${c + 1}`;
    const base = name;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base} ${k}`;
    used.add(name.toLowerCase());
    columns.push(name);
  }
  return columns;
}

interface PlannedSheet {
  name: string;
  path: string;
  tables: { table: SheetTable; id: number; name: string; path: string }[];
  rels: { id: string; type: string; target: string }[];
  drawingRId?: string;
}

/**
 * Render layouts into a new workbook, one sheet per layout, in order.
 * @returns the .xlsx bytes and the final sheet names.
 */
export async function renderLayoutsToWorkbook(layouts: readonly SheetLayout[], options: RenderOptions = {}): Promise<RenderResult> {
  if (!nativeFailed) {
    try {
      return await render(layouts, options, true);
    } catch (e) {
      if (!(e instanceof NativeDeflateError)) throw e;
      // The platform's compressor failed (it should not): this package, and the later ones, with fflate.
      nativeFailed = true;
    }
  }
  return render(layouts, options, false);
}

/** The platform's compressor failed once in this session: later packages are deflated by fflate. */
let nativeFailed = false;

/** Render the package, deflated by the platform's CompressionStream where it has one (`native`), else by fflate. */
async function render(layouts: readonly SheetLayout[], options: RenderOptions, native: boolean): Promise<RenderResult> {
  const names = resolveSheetNames(layouts);
  const nameOf = new Map<string, string>();
  layouts.forEach((l, i) => {
    if (!nameOf.has(l.name)) nameOf.set(l.name, names[i]);
  });
  const resolveSheet = (wanted: string): string => {
    const n = nameOf.get(wanted) ?? (names.includes(wanted) ? wanted : undefined);
    if (n === undefined) throw new LayoutRenderError(`Link or chart to a sheet that is not in the workbook: ${wanted}`);
    return n;
  };
  const indices = layouts.map((l, i) => indexRows(l, names[i]));

  // Charts and org charts first: a sheet's XML names its drawing, so the drawings must exist before the sheets.
  const drawingParts = new PartMap();
  const placed: PlacedChart[] = (options.charts ?? []).map((c) => {
    const sheetName = resolveSheet(c.sheet);
    const i = names.indexOf(sheetName);
    return {
      sheetName,
      spec: c.chart,
      valueAt: (row, col) => {
        const k = cellAt(layouts[i], indices[i], row, col);
        return k < 0 ? null : layouts[i].cells.shown(k);
      },
    };
  });
  const chartDrawings = addChartParts(drawingParts, placed);
  const orgDrawings = addOrgChartParts(
    drawingParts,
    (options.orgCharts ?? []).map((o) => ({ sheetName: resolveSheet(o.sheet), drawing: o.drawing })),
  );
  for (const sheet of orgDrawings.keys()) if (chartDrawings.has(sheet)) throw new LayoutRenderError(`Sheet ${sheet} has both charts and an org chart: one drawing per sheet`);

  // Every part's name is known before any is written, so [Content_Types].xml can come first in the zip.
  const tableNames = new Set<string>();
  let tableCount = 0;
  const plan: PlannedSheet[] = layouts.map((layout, i) => {
    const sheet: PlannedSheet = { name: names[i], path: `xl/worksheets/sheet${i + 1}.xml`, tables: [], rels: [] };
    for (const t of layout.tables ?? []) {
      if (t.range.colCount < 1) continue;
      const id = ++tableCount;
      const rId = `rId${sheet.rels.length + 1}`;
      const path = `xl/tables/table${id}.xml`;
      // Excel wants a data row under the header: a header-only table takes the row below.
      const range = { ...t.range, rowCount: Math.max(2, t.range.rowCount) };
      const table: SheetTable = { rId, range, columns: tableColumns(layout, indices[i], t.range), ...(t.filter ? { filter: true } : {}) };
      sheet.tables.push({ table, id, name: uniqueTableName(t.name, tableNames), path });
      sheet.rels.push({ id: rId, type: `${REL_OFFICE}/table`, target: `../tables/table${id}.xml` });
    }
    const drawing = chartDrawings.get(names[i]) ?? orgDrawings.get(names[i]);
    if (drawing) {
      sheet.drawingRId = `rId${sheet.rels.length + 1}`;
      sheet.rels.push({ id: sheet.drawingRId, type: `${REL_OFFICE}/drawing`, target: `../drawings/${drawing.split("/").pop() ?? ""}` });
    }
    return sheet;
  });

  const created = options.created && Number.isFinite(options.created.getTime()) ? options.created : new Date();
  const zip = new PackageZip(RENDER_DEFLATE_LEVEL, created, { native });
  const overrides: [string, string][] = [
    ["xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"],
    ...plan.map((p): [string, string] => [p.path, CT_WORKSHEET]),
    ...plan.flatMap((p) => p.tables.map((t): [string, string] => [t.path, CT_TABLE])),
    ...drawingParts.contentTypes,
    ["xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"],
    ["xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"],
    ["docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"],
    ["docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"],
  ];
  zip.add(
    "[Content_Types].xml",
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      overrides.map(([path, type]) => `<Override PartName="/${path}" ContentType="${type}"/>`).join("") +
      "</Types>",
  );
  zip.add(
    "_rels/.rels",
    relationshipsXml([
      { id: "rId1", type: `${REL_OFFICE}/officeDocument`, target: "xl/workbook.xml" },
      { id: "rId2", type: `${REL_PACKAGE}/metadata/core-properties`, target: "docProps/core.xml" },
      { id: "rId3", type: `${REL_OFFICE}/extended-properties`, target: "docProps/app.xml" },
    ]),
  );
  const creator = options.creator ?? "Council budget add-in";
  zip.add(
    "docProps/core.xml",
    `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>${xmlText(creator)}</dc:creator>${options.title ? `<dc:title>${xmlText(options.title)}</dc:title>` : ""}<cp:lastModifiedBy>${xmlText(creator)}</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf(created)}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf(created)}</dcterms:modified></cp:coreProperties>`,
  );
  zip.add(
    "docProps/app.xml",
    `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      `<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
      `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${names.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${xmlText(n)}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts>` +
      "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>",
  );

  // Print areas and repeated rows are the workbook's defined names, one per sheet that has them.
  const definedNames: string[] = [];
  layouts.forEach((l, i) => {
    const sheet = quoteSheetName(names[i]);
    if (l.print.printArea) definedNames.push(`<definedName name="_xlnm.Print_Area" localSheetId="${i}">${xmlText(`${sheet}!${absoluteRange(l.print.printArea)}`)}</definedName>`);
    const rr = l.print.repeatRows;
    if (rr) definedNames.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(`${sheet}!$${rr.first + 1}:$${rr.last + 1}`)}</definedName>`);
  });
  zip.add(
    "xl/workbook.xml",
    `${XML_DECLARATION}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>` +
      names.map((n, i) => `<sheet name="${xmlAttr(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
      `</sheets>${definedNames.length ? `<definedNames>${definedNames.join("")}</definedNames>` : ""}` +
      // Viewers show the cached results; Excel recalculates everything when it opens the file.
      '<calcPr calcId="171027" fullCalcOnLoad="1"/></workbook>',
  );
  zip.add(
    "xl/_rels/workbook.xml.rels",
    relationshipsXml([
      ...plan.map((_p, i) => ({ id: `rId${i + 1}`, type: `${REL_OFFICE}/worksheet`, target: `worksheets/sheet${i + 1}.xml` })),
      { id: `rId${plan.length + 1}`, type: `${REL_OFFICE}/styles`, target: "styles.xml" },
      { id: `rId${plan.length + 2}`, type: `${REL_OFFICE}/sharedStrings`, target: "sharedStrings.xml" },
    ]),
  );

  // Protection's password hash (slow by design) is the same for every sheet: worked out once.
  // A sheet with a filterable table lets its filter buttons work while protected: autoFilter="0" allows AutoFilter
  // (ECMA-376 Part 1 §18.3.1.85 sheetProtection). Sorting stays off, as Excel cannot sort locked cells on a
  // protected sheet whatever the setting (Microsoft support, "Lock or unlock specific areas of a protected
  // worksheet": https://support.microsoft.com/office/lock-or-unlock-specific-areas-of-a-protected-worksheet-75481b72-db8a-4267-8c43-042a5f2cd93a).
  const passwordAttributes = options.password ? ` ${sheetPasswordAttributes(options.password)}` : "";
  const protectionFor = (filter: boolean): string =>
    (options.protect ?? true) ? `<sheetProtection sheet="1" formatColumns="0" formatRows="0"${filter ? ' autoFilter="0"' : ""}${passwordAttributes}/>` : "";
  const footerTitle = headerFooterText(options.title ?? "", 120);
  const classification = options.classification ? `&C&"-,Bold"${headerFooterText(options.classification, 60)}` : "";
  const strings = new SharedStrings();
  const styles = new StyleTable();
  for (const [i, sheet] of plan.entries()) {
    const footer = `&L${SMALL}${footerTitle}&C${SMALL}${headerFooterText(sheet.name, 40)}&R${SMALL}Page &P of &N`;
    const part = zip.open(sheet.path);
    await writeWorksheet(part, layouts[i], indices[i], {
      sheetName: sheet.name,
      strings,
      styles,
      showGridLines: options.showGridLines ?? false,
      protection: protectionFor(sheet.tables.some((t) => t.table.filter === true)),
      headerFooter: `<headerFooter>${classification ? `<oddHeader>${xmlText(classification)}</oddHeader>` : ""}<oddFooter>${xmlText(footer)}</oddFooter></headerFooter>`,
      tables: sheet.tables.map((t) => t.table),
      drawingRId: sheet.drawingRId,
      resolveSheet,
    });
    part.end();
    // The layout's index is no longer needed: let it go before the next sheet.
    indices[i] = EMPTY_INDEX;
    if (sheet.rels.length) zip.add(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, relationshipsXml(sheet.rels));
    for (const t of sheet.tables) zip.add(t.path, tableXml(t.id, t.name, t.table));
  }
  for (const [path, xml] of drawingParts.parts) zip.add(path, xml);
  const sst = zip.open("xl/sharedStrings.xml");
  await strings.write(sst);
  sst.end();
  zip.add("xl/styles.xml", styles.xml());
  return { bytes: await zip.finish(), sheetNames: names };
}

const EMPTY_INDEX: RowIndex = { start: new Int32Array(1), order: new Int32Array(0), rows: 0, minRow: 0, minCol: 0, maxCol: 0 };

/**
 * Render layouts into .xlsx bytes. See {@link renderLayoutsToWorkbook} for the final sheet names.
 */
export async function renderLayoutsToXlsx(layouts: readonly SheetLayout[], options: RenderOptions = {}): Promise<Uint8Array> {
  return (await renderLayoutsToWorkbook(layouts, options)).bytes;
}
