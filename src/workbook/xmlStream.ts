/**
 * A small streaming XML scanner for the parts of an .xlsx package: text arrives in chunks (as the part is
 * inflated) and the handler sees start tags, end tags and text as they complete, so a part of hundreds of
 * megabytes is never held whole. Namespace prefixes are dropped from element names (`<x:c>` is `c`), which is
 * how SpreadsheetML may legally be written. Comments, processing instructions and DOCTYPE declarations are
 * skipped; CDATA is text; entities are decoded (the five XML ones and character references; no others are
 * expanded, so there is no entity expansion to abuse). Nothing here recurses or grows with nesting depth.
 * A tag, comment or run of text split over many chunks is searched for its end one chunk at a time (never
 * rescanned from its start), and one longer than XML_CONSTRUCT_LIMIT is refused (XmlTooLongError).
 */

export interface XmlHandler {
  /** A start tag (or an empty-element tag, then `selfClosing`). `tag` is the raw text between "<" and ">". */
  open(name: string, tag: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Text between tags, entities decoded. Called only while `wantText()` is true. */
  text(text: string): void;
  /** Whether text at this point is needed (saves decoding text that nobody reads). */
  wantText(): boolean;
}

/** The text cannot be XML (it ends inside a tag). */
export class MalformedXmlError extends Error {
  override name = "MalformedXmlError";
}

const ENTITY_RE = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;

export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(ENTITY_RE, (m, ent: string) => {
    switch (ent) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default: {
        const code = ent[1] === "x" ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
    }
  });
}

/**
 * Text with its line ends as an XML processor must pass them on (XML 1.0, section 2.11, End-of-Line Handling,
 * https://www.w3.org/TR/xml/#sec-line-ends): CR LF and a lone CR become LF. Before entities are decoded, so a
 * "&#13;" reference stays a carriage return.
 */
export function normaliseLineEnds(s: string): string {
  return s.includes("\r") ? s.replace(/\r\n?/g, "\n") : s;
}

const ATTR_RE = /([^\s=/<>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a raw tag, keyed by local name (prefix dropped; `r:id` is also kept as written). */
export function tagAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  ATTR_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR_RE.exec(tag)) !== null) {
    const key = m[1];
    const value = decodeEntities(m[2] ?? m[3] ?? "");
    out[key] = value;
    const colon = key.indexOf(":");
    if (colon >= 0 && key.slice(0, colon) !== "xmlns") {
      const local = key.slice(colon + 1);
      if (!(local in out)) out[local] = value;
    }
  }
  return out;
}

/**
 * Where one attribute's value starts in a raw tag (just after its opening quote, which is at the index before),
 * or -1 when the tag has no such attribute. Nothing is allocated: for the hot `r`, `t`, `s` of cells. Spaces
 * may stand either side of "=" (XML 1.0, section 3.1: Attribute ::= Name Eq AttValue, with Eq ::= S? '=' S?,
 * production [25]; https://www.w3.org/TR/xml/#NT-Attribute), though Excel never writes them.
 */
export function attributeValueAt(tag: string, name: string): number {
  let from = 0;
  for (;;) {
    const at = tag.indexOf(name, from);
    if (at < 0) return -1;
    from = at + name.length;
    const before = tag.charCodeAt(at - 1);
    // The name must start the attribute (after a space): "xr:r" is not "r".
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let i = from;
    let c = tag.charCodeAt(i);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = tag.charCodeAt(++i);
    if (c !== 61 /* = */) continue;
    c = tag.charCodeAt(++i);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = tag.charCodeAt(++i);
    if (c === 34 || c === 39) return tag.indexOf(c === 34 ? '"' : "'", i + 1) >= 0 ? i + 1 : -1;
  }
}

/** One attribute's value from a raw tag (fast path for the hot `r`, `t`, `s` of cells), or undefined. */
export function tagAttribute(tag: string, name: string): string | undefined {
  const start = attributeValueAt(tag, name);
  if (start < 0) return undefined;
  return decodeEntities(tag.slice(start, tag.indexOf(tag[start - 1], start)));
}

/**
 * The longest single tag, comment, CDATA section, processing instruction or run of text read, in characters
 * (4,194,304): past it the part is refused. Nothing Excel writes comes near it: a cell holds at most 32,767
 * characters and a formula at most 8,192 (Excel specifications and limits,
 * https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3),
 * so even one written wholly as "&amp;" references is under 200,000.
 */
export const XML_CONSTRUCT_LIMIT = 2 ** 22;

/** A single tag, comment or run of text is longer than XML_CONSTRUCT_LIMIT (the part is hostile, not XML Excel wrote). */
export class XmlTooLongError extends Error {
  override name = "XmlTooLongError";
  constructor(readonly limit: number) {
    super(`a single tag, comment or run of text is longer than ${limit.toLocaleString("en-GB")} characters`);
  }
}

/**
 * An unfinished construct longer than this is no longer rescanned with each chunk: its pieces are kept in a
 * list and only each new chunk is searched for its end (with what the search had seen carried over), so every
 * character is examined a bounded number of times. Below it, the tail is simply joined to the next chunk.
 */
const LONG_TAIL = 1 << 16;

/** What a long unfinished construct is, and so what ends it. */
const Long = {
  Text: 0, // ends before "<"
  Tag: 1, // ends at ">" outside quotes
  Comment: 2, // "-->"
  Cdata: 3, // "]]>"
  Pi: 4, // "?>"
  Doctype: 5, // ">", or "]>" once "[" came first
} as const;

/** Feed text chunks in order, then call end(). Throws MalformedXmlError on what cannot be XML. */
export class XmlStream {
  private buf = "";
  /** Short element names met so far (a part uses a handful), given again rather than cut anew for each tag. */
  private readonly names: string[] = [];
  /** The pieces of a long unfinished construct (see LONG_TAIL), or null. */
  private pieces: string[] | null = null;
  private piecesLength = 0;
  private longKind: number = Long.Text;
  /** Tag: the quote character the search is inside (0 for none). Doctype: 1 once "[" came before ">". */
  private longState = 0;
  /** The last characters of the pieces (for a terminator split between chunks). */
  private longTail = "";
  /** Characters examined by the scanner so far (each chunk's text as scanned): linear in the part's size. */
  charsExamined = 0;

  constructor(
    private readonly h: XmlHandler,
    private readonly limit: number = XML_CONSTRUCT_LIMIT,
  ) {}

  write(chunk: string): void {
    if (this.pieces !== null) {
      const end = this.longEnd(chunk);
      if (end < 0) return;
      chunk = chunk.slice(end);
    }
    const s = this.buf.length === 0 ? chunk : this.buf + chunk;
    this.charsExamined += s.length;
    this.buf = s.slice(this.scan(s));
    if (this.buf.length > LONG_TAIL) this.startLong();
  }

  end(): void {
    if (this.pieces !== null) {
      const whole = this.pieces.join("");
      this.pieces = null;
      this.buf = whole;
    }
    if (this.buf.trim() !== "") {
      if (this.buf.includes("<")) throw new MalformedXmlError("malformed XML: the part ends inside a tag");
      if (this.h.wantText()) this.h.text(decodeEntities(normaliseLineEnds(this.buf)));
    }
    this.buf = "";
  }

  /** The unfinished tail in buf is long: keep it as pieces and note how far the search for its end got. */
  private startLong(): void {
    const t = this.buf;
    this.charsExamined += t.length;
    if (t.charCodeAt(0) !== 60 /* < */) this.longKind = Long.Text;
    else if (t.startsWith("<!--")) this.longKind = Long.Comment;
    else if (t.startsWith("<![CDATA[")) this.longKind = Long.Cdata;
    else if (t.startsWith("<!")) {
      this.longKind = Long.Doctype;
      this.longState = t.includes("[") ? 1 : 0;
    } else if (t.startsWith("<?")) this.longKind = Long.Pi;
    else {
      this.longKind = Long.Tag;
      let quote = 0;
      for (let i = 1; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
      }
      this.longState = quote;
    }
    this.pieces = [t];
    this.piecesLength = t.length;
    this.longTail = t.slice(-2);
    this.buf = "";
    this.checkLength();
  }

  private checkLength(): void {
    if (this.piecesLength > this.limit) {
      this.pieces = null;
      throw new XmlTooLongError(this.limit);
    }
  }

  /**
   * Search a new chunk for the end of the long construct. When found, the construct is read whole (once) and
   * the index in the chunk just after it is returned; otherwise the chunk joins the pieces and -1 is returned.
   */
  private longEnd(chunk: string): number {
    this.charsExamined += chunk.length;
    let end = -1;
    switch (this.longKind) {
      case Long.Text:
        end = chunk.indexOf("<");
        break;
      case Long.Tag: {
        let quote = this.longState;
        for (let i = 0; i < chunk.length; i++) {
          const c = chunk.charCodeAt(i);
          if (quote) {
            if (c === quote) quote = 0;
          } else if (c === 34 || c === 39) quote = c;
          else if (c === 62 /* > */) {
            end = i + 1;
            break;
          }
        }
        this.longState = quote;
        break;
      }
      case Long.Comment:
      case Long.Cdata:
      case Long.Pi: {
        const term = this.longKind === Long.Comment ? "-->" : this.longKind === Long.Cdata ? "]]>" : "?>";
        const tail = this.longTail;
        const at = (tail + chunk).indexOf(term);
        if (at >= 0) end = at - tail.length + term.length;
        break;
      }
      case Long.Doctype: {
        if (this.longState === 0) {
          const gt = chunk.indexOf(">");
          const bracket = chunk.indexOf("[");
          if (gt >= 0 && (bracket < 0 || gt < bracket)) {
            end = gt + 1;
            break;
          }
          if (bracket < 0) break;
          this.longState = 1;
          const close = chunk.indexOf("]>", bracket);
          if (close >= 0) end = close + 2;
          break;
        }
        const tail = this.longTail.slice(-1);
        const at = (tail + chunk).indexOf("]>");
        if (at >= 0) end = at - tail.length + 2;
        break;
      }
    }
    const pieces = this.pieces!;
    if (end < 0) {
      pieces.push(chunk);
      this.piecesLength += chunk.length;
      this.longTail = (this.longTail + chunk).slice(-2);
      this.checkLength();
      return -1;
    }
    pieces.push(chunk.slice(0, end));
    this.piecesLength += end;
    this.checkLength();
    const whole = pieces.join("");
    this.pieces = null;
    this.charsExamined += whole.length;
    if (this.longKind === Long.Text) {
      if (this.h.wantText()) this.h.text(decodeEntities(normaliseLineEnds(whole)));
    } else if (this.scan(whole) !== whole.length) throw new MalformedXmlError("malformed XML: a construct did not end where it should");
    return end;
  }

  /** The element name of a tag whose text runs from `from` to `to`, its prefix dropped (`x:c` is `c`). */
  private nameAt(s: string, from: number, to: number): string {
    let start = from;
    let end = from;
    for (; end < to; end++) {
      const c = s.charCodeAt(end);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 /* / */) break;
      if (c === 58 /* : */ && start === from) start = end + 1;
    }
    const names = this.names;
    for (let k = 0; k < names.length; k++) {
      const n = names[k];
      if (n.length === end - start && s.startsWith(n, start)) return n;
    }
    const name = s.slice(start, end);
    // Short names only: in V8 a longer cut is a view that would keep this chunk of text alive.
    if (names.length < 32 && name.length < 13) names.push(name);
    return name;
  }

  /** Process complete constructs in s; returns how far it got. */
  private scan(s: string): number {
    const h = this.h;
    let pos = 0;
    for (;;) {
      const lt = s.indexOf("<", pos);
      if (lt < 0) {
        // Keep trailing text until the next tag (it may continue in the next chunk).
        return pos;
      }
      if (lt > pos && h.wantText()) h.text(decodeEntities(normaliseLineEnds(s.slice(pos, lt))));
      const c1 = s.charCodeAt(lt + 1);
      if (Number.isNaN(c1)) return lt;
      if (c1 === 33 /* ! */) {
        if (s.startsWith("<!--", lt)) {
          const end = s.indexOf("-->", lt + 4);
          if (end < 0) return lt;
          pos = end + 3;
          continue;
        }
        if (s.startsWith("<![CDATA[", lt)) {
          const end = s.indexOf("]]>", lt + 9);
          if (end < 0) return lt;
          if (h.wantText()) h.text(normaliseLineEnds(s.slice(lt + 9, end)));
          pos = end + 3;
          continue;
        }
        if (s.length - lt < 9) return lt;
        // <!DOCTYPE ...> (possibly with an internal subset in [...]): skipped, never expanded.
        const bracket = s.indexOf("[", lt);
        const gt = s.indexOf(">", lt);
        if (gt < 0) return lt;
        if (bracket >= 0 && bracket < gt) {
          const end = s.indexOf("]>", bracket);
          if (end < 0) return lt;
          pos = end + 2;
        } else pos = gt + 1;
        continue;
      }
      if (c1 === 63 /* ? */) {
        const end = s.indexOf("?>", lt + 2);
        if (end < 0) return lt;
        pos = end + 2;
        continue;
      }
      // A tag: find its ">" outside quoted attribute values.
      let i = lt + 1;
      let quote = 0;
      for (; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62 /* > */) break;
      }
      if (i >= s.length) return lt;
      if (c1 === 47 /* / */) {
        h.close(this.nameAt(s, lt + 2, i));
      } else {
        const selfClosing = s.charCodeAt(i - 1) === 47;
        const body = s.slice(lt + 1, selfClosing ? i - 1 : i);
        const name = this.nameAt(s, lt + 1, selfClosing ? i - 1 : i);
        h.open(name, body, selfClosing);
        if (selfClosing) h.close(name);
      }
      pos = i + 1;
    }
  }
}

/** Scan a whole XML text (a small part such as workbook.xml) with a handler. */
export function scanXml(xml: string, h: XmlHandler): void {
  const s = new XmlStream(h);
  s.write(xml);
  s.end();
}
