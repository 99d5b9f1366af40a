/**
 * The pieces of our own .xlsx writer (the renderer's, src/workbook/renderLayout.ts): text made safe for
 * SpreadsheetML, the shared strings table, the cell styles of LAYOUT_STYLES (styles.xml), and the zip itself,
 * written with fflate as each part's text is produced, so a sheet of hundreds of thousands of cells is never
 * held whole, neither as XML nor as bytes. Pure JavaScript with no Node APIs: it runs in the task pane.
 */
import { Zip, ZipDeflate } from "fflate";
import { LAYOUT_STYLES, type LayoutStyle, type LayoutStyleName } from "../core/layout";
import { escapeOoxmlCharRefs } from "./xlsxParts";

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/**
 * Characters XML 1.0 cannot hold (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF),
 * and DEL: dropped from text, as the ExcelJS writer before this one dropped them, so a stray control character
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

/** Anything a `<t>` element needs work for: TEXT_WORK, tab and line feed (kept with xml:space), "_xHHHH_", edge spaces. */
// eslint-disable-next-line no-control-regex
const TEXT_ELEMENT_WORK = /[&<>\x00-\x1F\x7F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_|^\s|\s$/;

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

/**
 * A `<t>` element of cell text: literal "_xHHHH_" escaped as "_x005F_xHHHH_" (or Excel shows the character it
 * names), and xml:space="preserve" where Excel would otherwise trim leading or trailing spaces.
 */
export function textElement(text: string): string {
  if (!TEXT_ELEMENT_WORK.test(text)) return `<t>${text}</t>`;
  const body = escapeOoxmlCharRefs(xmlText(text));
  return /^\s|\s$|[\t\n\r]/.test(text) ? `<t xml:space="preserve">${body}</t>` : `<t>${body}</t>`;
}

/** Somewhere to write a part's text, a piece at a time; each piece ends between characters (not mid-pair). */
export interface TextSink {
  write(text: string): void;
}

/** The shared strings table: each distinct text once, in first-use order. */
export class SharedStrings {
  private readonly index = new Map<string, number>();
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
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(text, i);
    }
    if (slot >= 0) {
      this.lastText[slot] = text;
      this.lastIndex[slot] = i;
    }
    return i;
  }

  get size(): number {
    return this.index.size;
  }

  /** Write xl/sharedStrings.xml. */
  write(out: TextSink): void {
    out.write(`${XML_DECLARATION}<sst xmlns="${NS_MAIN}" count="${this.uses}" uniqueCount="${this.index.size}">`);
    let buf = "";
    for (const text of this.index.keys()) {
      buf += `<si>${textElement(text)}</si>`;
      if (buf.length > 1 << 16) {
        out.write(buf);
        buf = "";
      }
    }
    out.write(`${buf}</sst>`);
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

/** Compression levels fflate takes. */
export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** Text gathered before it is encoded and compressed: big enough that each push is worth it, small enough to be cheap. */
const FLUSH_CHARS = 1 << 16;
/**
 * Bytes handed to the deflater at a time. fflate's streaming deflater keeps a 32 KB window and a 64 KB block in one
 * buffer: chunks of at most 64 KB are copied into it, larger ones make it allocate a new buffer on every push.
 */
const CHUNK_BYTES = 1 << 16;

/** One part being written into the zip: text in, UTF-8 encoded into one reused buffer and deflated a block at a time. */
export class PartWriter implements TextSink {
  private pending: string[] = [];
  private chars = 0;

  constructor(
    private readonly file: ZipDeflate,
    private readonly encoder: TextEncoder,
    private readonly buffer: Uint8Array,
  ) {}

  write(text: string): void {
    this.pending.push(text);
    this.chars += text.length;
    if (this.chars >= FLUSH_CHARS) this.flush(false);
  }

  /** The part is complete. */
  end(): void {
    this.flush(true);
  }

  private flush(final: boolean): void {
    let text = this.pending.length === 1 ? this.pending[0] : this.pending.join("");
    this.pending = [];
    this.chars = 0;
    // encodeInto stops before a character that does not fit, so no character is split between chunks; the
    // deflater copies each chunk, so the buffer is free again when push returns.
    while (text.length > 0) {
      const { read, written } = this.encoder.encodeInto(text, this.buffer);
      this.file.push(this.buffer.subarray(0, written), false);
      text = text.slice(read);
    }
    if (final) this.file.push(new Uint8Array(0), true);
  }
}

/**
 * The .xlsx package as it is written: parts are added one after another (each finished before the next starts)
 * and compressed as they come; finish() gives the bytes.
 */
export class PackageZip {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private readonly encoder = new TextEncoder();
  private readonly buffer = new Uint8Array(CHUNK_BYTES);
  private readonly mtime: Date;
  private error: Error | null = null;

  constructor(
    private readonly level: DeflateLevel,
    modified: Date,
  ) {
    // A zip entry's date is MS-DOS local time, 1980 to 2099 only.
    const t = modified.getTime();
    const min = new Date(1980, 0, 1, 12).getTime();
    const max = new Date(2099, 11, 31, 12).getTime();
    this.mtime = new Date(Number.isFinite(t) ? Math.min(max, Math.max(min, t)) : min);
    this.zip = new Zip((err, data) => {
      if (err) this.error = err;
      else this.chunks.push(data);
    });
  }

  /** Start a part; write its text, then end() it before opening the next. */
  open(path: string): PartWriter {
    const file = new ZipDeflate(path, { level: this.level });
    file.mtime = this.mtime;
    this.zip.add(file);
    return new PartWriter(file, this.encoder, this.buffer);
  }

  /** A whole part at once. */
  add(path: string, text: string): void {
    const part = this.open(path);
    part.write(text);
    part.end();
  }

  /** Close the zip and return its bytes. */
  finish(): Uint8Array {
    this.zip.end();
    if (this.error) throw this.error;
    let size = 0;
    for (const c of this.chunks) size += c.length;
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
