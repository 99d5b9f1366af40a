/**
 * The pieces of our own .xlsx writer (the renderer's, src/workbook/renderLayout.ts): text made safe for
 * SpreadsheetML, the shared strings table and the cell styles of LAYOUT_STYLES (styles.xml). The zip they are
 * written into is src/workbook/zipWriter.ts. Pure JavaScript with no Node APIs: it runs in the task pane.
 */
import { LAYOUT_STYLES, type LayoutStyle, type LayoutStyleName } from "../core/layout";
import { escapeOoxmlCharRefs, xmlAttr, xmlText } from "./xlsxParts";
import { asciiBytes, putBytes, type ByteSink } from "./zipWriter";

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Anything a `<t>` element needs work for: xmlText's work, tab and line feed (kept with xml:space), "_xHHHH_", edge spaces. */
// eslint-disable-next-line no-control-regex
const TEXT_ELEMENT_WORK = /[&<>\x00-\x1F\x7F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_|^\s|\s$/;

/**
 * A `<t>` element of cell text: literal "_xHHHH_" escaped as "_x005F_xHHHH_" (or Excel shows the character it
 * names), and xml:space="preserve" where Excel would otherwise trim leading or trailing spaces.
 */
export function textElement(text: string): string {
  if (!TEXT_ELEMENT_WORK.test(text)) return `<t>${text}</t>`;
  const body = escapeOoxmlCharRefs(xmlText(text));
  return /^\s|\s$|[\t\n\r]/.test(text) ? `<t xml:space="preserve">${body}</t>` : `<t>${body}</t>`;
}

const SI_OPEN = asciiBytes("<si><t>");
const SI_CLOSE = asciiBytes("</t></si>");

/** FNV-1a over a text's UTF-16 units, then mixed so the low bits (the table's slot) depend on every unit. */
function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** The shared strings table: each distinct text once, in first-use order. */
export class SharedStrings {
  /** The texts, in first-use order: a text's index is its place here. */
  private readonly texts: string[] = [];
  /**
   * An open-addressing hash table of the texts: each slot holds a text's index + 1 (0: empty) and its hash. A miss
   * (most texts of a budget sheet are new: one service per line) compares stored hashes, never the texts, where a
   * Map<string, number> follows its chains through the texts themselves.
   */
  private slots = new Int32Array(1 << 10);
  private hashes = new Int32Array(1 << 10);
  /** Cells that refer to the table (the sst's count; uniqueCount is the table's size). */
  private uses = 0;

  /** The last text added in each slot (a sheet column) and its index: a column often repeats a text down its rows. */
  private readonly lastText: (string | undefined)[] = [];
  private readonly lastIndex: number[] = [];

  /**
   * The index of the text in the table, adding it on first use. `slot` (a column) remembers the last text, so a
   * text repeated down a column costs a comparison, not a hash lookup.
   */
  add(text: string, slot = -1): number {
    this.uses++;
    if (slot >= 0 && this.lastText[slot] === text) return this.lastIndex[slot];
    const i = this.find(text);
    if (slot >= 0) {
      this.lastText[slot] = text;
      this.lastIndex[slot] = i;
    }
    return i;
  }

  get size(): number {
    return this.texts.length;
  }

  private find(text: string): number {
    const h = textHash(text);
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let k = h & mask; ; k = (k + 1) & mask) {
      const s = slots[k];
      if (s === 0) {
        const i = this.texts.length;
        this.texts.push(text);
        slots[k] = i + 1;
        this.hashes[k] = h;
        // At most half full, so a miss ends at an empty slot soon.
        if (2 * (i + 1) > mask) this.grow();
        return i;
      }
      if (this.hashes[k] === h && this.texts[s - 1] === text) return s - 1;
    }
  }

  private grow(): void {
    const slots = this.slots;
    const hashes = this.hashes;
    const size = slots.length * 4;
    const mask = size - 1;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(size);
    for (let j = 0; j < slots.length; j++) {
      if (slots[j] === 0) continue;
      let k = hashes[j] & mask;
      while (this.slots[k] !== 0) k = (k + 1) & mask;
      this.slots[k] = slots[j];
      this.hashes[k] = hashes[j];
    }
  }

  /** Write xl/sharedStrings.xml, giving the deflater its turns. */
  async write(out: ByteSink): Promise<void> {
    out.write(`${XML_DECLARATION}<sst xmlns="${NS_MAIN}" count="${this.uses}" uniqueCount="${this.texts.length}">`);
    for (const text of this.texts) {
      if (TEXT_ELEMENT_WORK.test(text)) out.write(`<si>${textElement(text)}</si>`);
      else {
        out.room(16);
        out.at = putBytes(out.buf, out.at, SI_OPEN);
        out.write(text);
        out.room(16);
        out.at = putBytes(out.buf, out.at, SI_CLOSE);
      }
      const pause = out.pause();
      if (pause) await pause;
    }
    out.write("</sst>");
  }
}

/** Excel's built-in number formats that have an id of their own (ECMA-376 Part 1, 18.8.30). */
const BUILT_IN_FORMATS = new Map<string, number>([
  ["General", 0],
  ["0", 1],
  ["0.00", 2],
  ["#,##0", 3],
  ["#,##0.00", 4],
  ["0%", 9],
  ["0.00%", 10],
  ["0.00E+00", 11],
  ["@", 49],
]);

/** Custom number formats take ids from 164 (the ids below are reserved for built-in ones). */
const FIRST_CUSTOM_FORMAT = 164;

function argb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

/**
 * The cell formats (cellXfs) of a workbook: one per combination of layout style and number format used, each
 * made of shared fonts, fills, borders and number formats. Index 0 is the plain Calibri 11 of an unstyled cell.
 */
export class StyleTable {
  private readonly fonts: string[] = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
  // Excel requires the first two fills to be "none" and "gray125", whatever the cells use.
  private readonly fills: string[] = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders: string[] = ["<border><left/><right/><top/><bottom/><diagonal/></border>"];
  private readonly numFmts = new Map<string, number>();
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly xfIndex = new Map<string, number>([[this.xfs[0], 0]]);
  /** Style name -> number format override -> cellXfs index: two lookups per cell, no key built per cell. */
  private readonly cache = new Map<LayoutStyleName | undefined, Map<string | undefined, number>>();

  /** The cellXfs index for a layout style with a cell's own number format (which overrides the style's). */
  xf(style: LayoutStyleName | undefined, numberFormat: string | undefined): number {
    let byFormat = this.cache.get(style);
    if (!byFormat) {
      byFormat = new Map();
      this.cache.set(style, byFormat);
    }
    let i = byFormat.get(numberFormat);
    if (i === undefined) {
      // A cell's own format replaces the style's, as cellNumberFormat says; an empty one means General.
      i = this.build(style ? LAYOUT_STYLES[style] : undefined, (numberFormat ?? (style ? LAYOUT_STYLES[style].numberFormat : undefined)) || undefined);
      byFormat.set(numberFormat, i);
    }
    return i;
  }

  private build(style: LayoutStyle | undefined, numberFormat: string | undefined): number {
    const fontId = this.fontId(style);
    const fillId = style?.fill ? indexOf(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${argb(style.fill)}"/></patternFill></fill>`) : 0;
    const borderId = style?.border ? indexOf(this.borders, borderXml(style.border)) : 0;
    const numFmtId = numberFormat === undefined ? 0 : this.numFmtId(numberFormat);
    const align: string[] = [];
    if (style?.hAlign) align.push(`horizontal="${style.hAlign}"`);
    if (style?.vAlign) align.push(`vertical="${style.vAlign}"`);
    if (style?.wrap) align.push('wrapText="1"');
    const applies =
      (numFmtId ? ' applyNumberFormat="1"' : "") +
      (fontId ? ' applyFont="1"' : "") +
      (fillId ? ' applyFill="1"' : "") +
      (borderId ? ' applyBorder="1"' : "") +
      (align.length ? ' applyAlignment="1"' : "");
    const head = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}`;
    const xml = align.length ? `${head}><alignment ${align.join(" ")}/></xf>` : `${head}/>`;
    let i = this.xfIndex.get(xml);
    if (i === undefined) {
      i = this.xfs.length;
      this.xfs.push(xml);
      this.xfIndex.set(xml, i);
    }
    return i;
  }

  private fontId(style: LayoutStyle | undefined): number {
    let xml = "<font>";
    if (style?.bold) xml += "<b/>";
    if (style?.italic) xml += "<i/>";
    if (style?.underline) xml += "<u/>";
    xml += `<sz val="${style?.fontSize ?? 11}"/>`;
    if (style?.fontColour) xml += `<color rgb="${argb(style.fontColour)}"/>`;
    xml += '<name val="Calibri"/><family val="2"/></font>';
    return indexOf(this.fonts, xml);
  }

  private numFmtId(code: string): number {
    const builtIn = BUILT_IN_FORMATS.get(code);
    if (builtIn !== undefined) return builtIn;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM_FORMAT + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  /** xl/styles.xml, in the order CT_Stylesheet requires. */
  xml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlAttr(code)}"/>`);
    return (
      `${XML_DECLARATION}<styleSheet xmlns="${NS_MAIN}">` +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts>` : "") +
      `<fonts count="${this.fonts.length}">${this.fonts.join("")}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join("")}</fills>` +
      `<borders count="${this.borders.length}">${this.borders.join("")}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      "</styleSheet>"
    );
  }
}

function indexOf(list: string[], xml: string): number {
  const i = list.indexOf(xml);
  if (i >= 0) return i;
  list.push(xml);
  return list.length - 1;
}

/** A thin grey box; totals have a double black line on top. */
function borderXml(kind: NonNullable<LayoutStyle["border"]>): string {
  const thin = '<color rgb="FF808080"/>';
  const top = kind === "topDouble" ? '<top style="double"><color rgb="FF000000"/></top>' : `<top style="thin">${thin}</top>`;
  return `<border><left style="thin">${thin}</left><right style="thin">${thin}</right>${top}<bottom style="thin">${thin}</bottom><diagonal/></border>`;
}
