/**
 * Small helpers for the parts of an .xlsx package (a zip of XML files): escaping, locating sheet parts in a
 * JSZip, relationships, content types, and inserting elements in the order the SpreadsheetML schema requires.
 * Used by the shareable copy (which must leave everything it does not touch byte-for-byte as it was), by the
 * reader, and by the renderer, whose drawings (charts, org charts) are collected in a PartMap before the
 * package is written.
 */
import JSZip from "jszip";
import { decodeEntities } from "./xmlStream";

/**
 * Characters XML 1.0 cannot hold (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF),
 * and DEL: dropped from text, as ExcelJS's writer dropped them, so a stray control character
 * pasted into a title cannot make the file unreadable.
 */
// eslint-disable-next-line no-control-regex
const DROPPED = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/g;
/** Anything element text needs work for: markup characters, and every control character but tab and line feed. */
// eslint-disable-next-line no-control-regex
const TEXT_WORK = /[&<>\x00-\x08\x0B-\x1F\x7F\uFFFE\uFFFF]/;
/** The same for attribute values, where tab, line feed and quotes need escaping too. */
// eslint-disable-next-line no-control-regex
const ATTR_WORK = /[&<>"\x00-\x1F\x7F\uFFFE\uFFFF]/;


/** Text without the characters XML cannot hold (see DROPPED). */
export function dropInvalidXmlChars(text: string): string {
  return text.replace(DROPPED, "");
}

/**
 * Text for an element's content. A carriage return is written as a character reference: a raw one would be read
 * back as a line feed (XML parsers normalise line ends).
 */
export function xmlText(text: string): string {
  if (!TEXT_WORK.test(text)) return text;
  return text.replace(DROPPED, "").replace(/[&<>\r]/g, (ch) => (ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : "&#13;"));
}

/** Text for a double-quoted attribute value: tabs and line ends as references, which attribute parsing keeps. */
export function xmlAttr(text: string): string {
  if (!ATTR_WORK.test(text)) return text;
  return text
    .replace(DROPPED, "")
    .replace(/[&<>"\t\n\r]/g, (ch) =>
      ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : ch === '"' ? "&quot;" : `&#${ch.charCodeAt(0)};`,
    );
}

/** Undo xmlText, xmlAttr and numeric character references (one decoder for the whole package: xmlStream's). */
export function unescapeXml(text: string): string {
  return decodeEntities(text);
}

/**
 * OOXML reads `_xHHHH_` inside text as an escaped character; a literal "_x0041_" typed by a user must be
 * written as "_x005F_x0041_" or Excel shows "A". Apply to text already XML-escaped or not. Every underscore that
 * starts such a pattern is escaped, including one that also ends the pattern before it: "_x005F_x0041_" becomes
 * "_x005F_x005F_x005F_x0041_", which reads back as itself.
 */
export function escapeOoxmlCharRefs(text: string): string {
  return text.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_");
}

/**
 * Read `_xHHHH_` escapes in text (shared strings, inline strings) back into characters, as Excel does: Excel
 * writes control characters and a literal "_x0041_" that way. Left to right, so "_x005F_x0041_" is "_x0041_".
 */
export function decodeOoxmlCharRefs(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Read the attributes of one XML start tag ("<sheet name='a' r:id='rId1'/>") into a map (values unescaped). */
export function parseAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag)) !== null) out[m[1]] = unescapeXml(m[3] ?? m[4] ?? "");
  return out;
}

export interface SheetPart {
  /** Worksheet name as the workbook lists it. */
  name: string;
  /** Zip path of the worksheet part, e.g. "xl/worksheets/sheet1.xml". */
  path: string;
  /** 0-based position in the workbook's sheet list (localSheetId). */
  index: number;
  /** The relationship id in workbook.xml.rels. */
  rId: string;
}

/** Resolve a relationship target relative to the folder of the part that owns the .rels file. */
export function resolveTarget(ownerPath: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ownerPath.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

/** The .rels path of a part: "xl/worksheets/sheet1.xml" -> "xl/worksheets/_rels/sheet1.xml.rels". */
export function relsPathOf(partPath: string): string {
  const i = partPath.lastIndexOf("/");
  return `${partPath.slice(0, i + 1)}_rels/${partPath.slice(i + 1)}.rels`;
}

/** A relationship as the .rels file gives it: a damaged or hostile file may leave any attribute out. */
export interface Relationship {
  id: string | undefined;
  type: string | undefined;
  target: string | undefined;
  targetMode?: string;
}

export function parseRelationships(xml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = parseAttributes(m[0]);
    out.push({ id: a.Id, type: a.Type, target: a.Target, targetMode: a.TargetMode });
  }
  return out;
}

/** Every worksheet in workbook order, from the workbook part's XML and its relationships' XML. */
export function sheetPartsOf(wbPath: string, wbXml: string, relsXml: string): SheetPart[] {
  const rels = new Map(parseRelationships(relsXml).map((r) => [r.id, r]));
  const sheets: SheetPart[] = [];
  let index = 0;
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = parseAttributes(m[0]);
    const rId = a["r:id"] ?? Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1] ?? "";
    const rel = rels.get(rId);
    if (rel?.type?.endsWith("/worksheet") && rel.target !== undefined) {
      sheets.push({ name: a.name ?? "", path: resolveTarget(wbPath, rel.target), index, rId });
    }
    index++;
  }
  return sheets;
}

/** Worksheet child elements in schema order (CT_Worksheet). */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/**
 * Insert an element into a worksheet's XML at the place the schema requires: before the first existing
 * element that must follow it (or before </worksheet>).
 */
export function insertWorksheetElement(sheetXml: string, elementName: string, elementXml: string): string {
  const pos = WORKSHEET_ORDER.indexOf(elementName);
  if (pos < 0) throw new Error(`Unknown worksheet element ${elementName}`);
  let at = -1;
  for (const later of WORKSHEET_ORDER.slice(pos + 1)) {
    const re = new RegExp(`<${later}[\\s/>]`);
    const m = re.exec(sheetXml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = sheetXml.lastIndexOf("</worksheet>");
  if (at < 0) throw new Error("Malformed worksheet XML: no </worksheet>");
  return sheetXml.slice(0, at) + elementXml + sheetXml.slice(at);
}

/** Add a relationship to a .rels file's XML (creating the file text when null), returning [xml, newId]. */
export function addRelationship(relsXml: string | null, type: string, target: string): [string, string] {
  const base =
    relsXml ??
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  const used = new Set(parseRelationships(base).map((r) => r.id));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const rel = `<Relationship Id="${id}" Type="${xmlAttr(type)}" Target="${xmlAttr(target)}"/>`;
  const closing = base.lastIndexOf("</Relationships>");
  const xml =
    closing >= 0
      ? base.slice(0, closing) + rel + base.slice(closing)
      : base.replace(/<Relationships([^>]*)\/>/, `<Relationships$1>${rel}</Relationships>`);
  return [xml, id];
}

/** Add an <Override> for a part to [Content_Types].xml (no-op when present). */
export function addContentTypeOverride(typesXml: string, partName: string, contentType: string): string {
  const name = partName.startsWith("/") ? partName : `/${partName}`;
  if (typesXml.includes(`PartName="${name}"`)) return typesXml;
  const override = `<Override PartName="${xmlAttr(name)}" ContentType="${xmlAttr(contentType)}"/>`;
  return typesXml.replace("</Types>", `${override}</Types>`);
}

/** Remove an <Override> for a part from [Content_Types].xml. */
export function removeContentTypeOverride(typesXml: string, partName: string): string {
  const name = partName.startsWith("/") ? partName : `/${partName}`;
  return typesXml.replace(new RegExp(`<Override\\b[^>]*PartName="${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*/>`, "g"), "");
}

/**
 * Parts of a package being written, held as text until the package is zipped: what the charts and org charts
 * add (charts, drawings, their relationships), with the content type of each part that needs an override.
 */
export class PartMap {
  readonly parts = new Map<string, string>();
  /** Part path (no leading slash) -> content type, for [Content_Types].xml. */
  readonly contentTypes = new Map<string, string>();

  set(path: string, xml: string, contentType?: string): void {
    this.parts.set(path, xml);
    if (contentType) this.contentTypes.set(path, contentType);
  }

  has(path: string): boolean {
    return this.parts.has(path);
  }

  /** A free part name like "xl/charts/chart3.xml" given a prefix and suffix. */
  freeName(prefix: string, suffix: string): string {
    for (let i = 1; ; i++) {
      const p = `${prefix}${i}${suffix}`;
      if (!this.parts.has(p)) return p;
    }
  }
}

/**
 * A free part name like "xl/charts/chart3.xml" given a prefix and suffix: free in any ASCII case, since part names
 * compare without regard to case (ECMA-376 Part 2, 9.1.1.1), so "xl/worksheets/sheet1.xml" is taken by an entry
 * "XL/Worksheets/Sheet1.xml".
 */
export function freePartName(zip: JSZip, prefix: string, suffix: string): string {
  const taken = new Set(Object.keys(zip.files).map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) {
    const p = `${prefix}${i}${suffix}`;
    if (!taken.has(p.toLowerCase())) return p;
  }
}

export function toUint8Array(data: Uint8Array | ArrayBuffer): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}
