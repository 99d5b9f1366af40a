/**
 * The streaming XML scanner: the same events whatever the chunking, each character examined a bounded number
 * of times however long one tag, comment or run of text is, and a construct over the limit refused.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readXlsx, XlsxReadError } from "../../src/workbook/readXlsx";
import { attributeValueAt, tagAttribute, XML_CONSTRUCT_LIMIT, XmlStream, XmlTooLongError, type XmlHandler } from "../../src/workbook/xmlStream";
import { runs } from "../propertyRuns";
import { miniXlsx } from "./hostileFiles";

/** Every event, text joined between tags (the scanner may split a run of text differently by chunking). */
function eventsOf(chunks: readonly string[]): { events: string[]; examined: number } {
  const events: string[] = [];
  let text = "";
  const flush = (): void => {
    if (text !== "") events.push(`text ${text}`);
    text = "";
  };
  const h: XmlHandler = {
    open(name, tag, selfClosing) {
      flush();
      events.push(`open ${name} ${tag} ${selfClosing}`);
    },
    close(name) {
      flush();
      events.push(`close ${name}`);
    },
    text(t) {
      text += t;
    },
    wantText: () => true,
  };
  const xs = new XmlStream(h);
  for (const c of chunks) xs.write(c);
  xs.end();
  flush();
  return { events, examined: xs.charsExamined };
}

/** Text in chunks of `size` characters, as a part arrives while it is inflated. */
function chunked(text: string, size = 16_384): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Letters that do not repeat in a way a zip packs 200 times (a seeded generator: the same text every run). */
function filler(n: number): string {
  let x = 12345;
  let s = "";
  while (s.length < n) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(97 + ((x >>> 16) % 26));
  }
  return s;
}

const STYLES = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="2"/></cellXfs></styleSheet>`;

const long = filler(70_000); // over the length at which the scanner stops rescanning an unfinished construct

describe("XmlStream: the same events whatever the chunking", () => {
  const piece = fc.oneof(
    fc.constantFrom(
      `<c r="A1" t="s">`,
      `<x:c r='B2'/>`,
      `</c>`,
      `<v>12</v>`,
      `a &amp; b &#163;`,
      `<!-- a -- comment -->`,
      `<![CDATA[ <not a tag> ]]>`,
      `<?pi x?>`,
      `<!DOCTYPE x [ <!ENTITY e "y"> ]>`,
      `<!DOCTYPE x>`,
      `<t a=">" b='"'>`,
    ),
    fc.constantFrom(`<ignoredError sqref="${long}"/>`, `<!--${long}-->`, `<![CDATA[${long}]]>`, `<?pi ${long}?>`, `<!DOCTYPE x [${long}]>`, `<!DOCTYPE ${long}>`, long),
  );
  it("splitting a part anywhere gives the events of the whole", () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 40_000 }), { minLength: 1, maxLength: 30 }), (pieces, sizes) => {
        const xml = `<root>${pieces.join("")}</root>`;
        const chunks: string[] = [];
        for (let i = 0, k = 0; i < xml.length; k++) {
          const n = sizes[k % sizes.length];
          chunks.push(xml.slice(i, i + n));
          i += n;
        }
        expect(eventsOf(chunks).events).toEqual(eventsOf([xml]).events);
      }),
      { numRuns: runs(60) },
    );
  });
});

describe("XmlStream: a long construct is scanned in linear work", () => {
  const size = 2 * 2 ** 20;
  const body = filler(size);
  const cases: Record<string, { xml: string; check: (events: string[]) => void }> = {
    "an attribute": {
      xml: `<root><ignoredError sqref="${body}"/><v>1</v></root>`,
      check: (ev) => expect(ev[1]).toBe(`open ignoredError ignoredError sqref="${body}" true`),
    },
    "a comment": { xml: `<root><!--${body}--><v>1</v></root>`, check: (ev) => expect(ev[1]).toBe("open v v false") },
    "a CDATA section": { xml: `<root><![CDATA[${body}]]><v>1</v></root>`, check: (ev) => expect(ev[1]).toBe(`text ${body}`) },
    "a run of text": { xml: `<root>${body}<v>1</v></root>`, check: (ev) => expect(ev[1]).toBe(`text ${body}`) },
  };
  for (const [what, { xml, check }] of Object.entries(cases)) {
    it(`${what} of 2 MB, in 16 KB chunks: every character examined at most 3 times`, () => {
      const { events, examined } = eventsOf(chunked(xml));
      check(events);
      expect(events.slice(-3)).toEqual(["text 1", "close v", "close root"]);
      expect(examined).toBeLessThanOrEqual(3 * xml.length);
    });
  }

  it("refuses a construct over the limit as soon as it passes it", () => {
    const xs = new XmlStream({ open() {}, close() {}, text() {}, wantText: () => false });
    xs.write(`<root><ignoredError sqref="`);
    const chunk = filler(2 ** 20);
    let written = 0;
    const e = ((): unknown => {
      try {
        for (; written < 2 * XML_CONSTRUCT_LIMIT; written += chunk.length) xs.write(chunk);
      } catch (x) {
        return x;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(XmlTooLongError);
    expect(written).toBeLessThanOrEqual(XML_CONSTRUCT_LIMIT);
  });

  it("readXlsx refuses a sheet with one attribute over the limit, in a sentence naming the sheet", async () => {
    const bytes = miniXlsx([{ name: "Budget", rows: `<row r="1"><c r="A1"><v>1</v></c></row>`, after: `<ignoredErrors><ignoredError sqref="${filler(XML_CONSTRUCT_LIMIT + 1)}"/></ignoredErrors>` }]);
    const e = await readXlsx(bytes).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(XlsxReadError);
    expect((e as Error).message).toBe(
      'This file is not a normal workbook: the sheet "Budget" holds a single tag or run of text of more than 4,194,304 characters, far more than Excel writes (a cell holds at most 32,767 characters). It was not read.',
    );
  });
});

describe("attributes with spaces around \"=\" (XML 1.0 Eq ::= S? '=' S?)", () => {
  it("tagAttribute and attributeValueAt read them, and still tell r from xr:r", () => {
    expect(tagAttribute(`c r = "C3" t\n=\t's' s= "2"`, "r")).toBe("C3");
    expect(tagAttribute(`c r = "C3" t\n=\t's' s= "2"`, "t")).toBe("s");
    expect(tagAttribute(`c r = "C3" t\n=\t's' s= "2"`, "s")).toBe("2");
    expect(tagAttribute(`c xr:r = "Z9" r ="A1"`, "r")).toBe("A1");
    expect(tagAttribute(`c t = x r="A1"`, "t")).toBeUndefined();
    expect(attributeValueAt(`c r = "C3`, "r")).toBe(-1);
  });

  it("a cell reads the same whatever spaces stand around its attributes' \"=\" (property)", async () => {
    const space = fc.constantFrom("", " ", "  ", "\t", "\n", "\r\n");
    await fc.assert(
      fc.asyncProperty(fc.array(space, { minLength: 6, maxLength: 6 }), fc.constantFrom(`"`, `'`), async (sp, q) => {
        const eq = (k: number): string => `${sp[2 * k]}=${sp[2 * k + 1]}`;
        const rows = `<row r="3"><c r${eq(0)}${q}C3${q} t${eq(1)}${q}s${q} s${eq(2)}${q}1${q}><v>0</v></c></row>`;
        const [snap] = await readXlsx(miniXlsx([{ name: "S", rows }], { sharedStrings: ["Gross budget"], styles: STYLES }));
        expect(snap.origin).toEqual({ row: 2, col: 2 });
        expect(snap.values).toEqual([["Gross budget"]]);
        expect(snap.numberFormats).toEqual([["0.00"]]);
      }),
      { numRuns: runs(30) },
    );
  });
});

describe("line ends in text (XML 1.0, 2.11)", () => {
  it("CR LF and a lone CR read as LF; a &#13; reference stays a carriage return", async () => {
    const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>Gross\r\nbudget\rnet</t></is></c><c r="B1" t="inlineStr"><is><t>a&#13;&#10;b</t></is></c><c r="C1" t="str"><v><![CDATA[x\r\ny]]></v></c></row>`;
    const [snap] = await readXlsx(miniXlsx([{ name: "L", rows }]));
    expect(snap.values[0]).toEqual(["Gross\nbudget\nnet", "a\r\nb", "x\ny"]);
  });

  it("a CR LF split between chunks is one line end", () => {
    expect(eventsOf(["<t>a\r", "\nb</t>"]).events).toEqual(["open t t false", "text a\nb", "close t"]);
  });
});
