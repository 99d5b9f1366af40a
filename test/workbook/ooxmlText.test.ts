/** Text made safe for SpreadsheetML (src/workbook/xlsxWriter.ts, xlsxParts.ts): XML escaping and OOXML's _xHHHH_. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeOoxmlCharRefs, escapeOoxmlCharRefs, unescapeXml, xmlAttr, xmlText } from "../../src/workbook/xlsxParts";
import { textElement } from "../../src/workbook/xlsxWriter";

describe("OOXML text", () => {
  it("escapes literal _xHHHH_ so that it reads back as itself, overlapping patterns included", () => {
    for (const text of ["_x0041_", "_x005F_x0041_", "a_x0041__x0042_b", "_x0041_x0042_", "__x0041_", "_x00e9_", "_x004_", "_xZZZZ_"]) {
      expect(decodeOoxmlCharRefs(escapeOoxmlCharRefs(text)), text).toBe(text);
    }
    expect(escapeOoxmlCharRefs("_x005F_x0041_")).toBe("_x005F_x005F_x005F_x0041_");
    expect(decodeOoxmlCharRefs("a_x000D_b_x005F_x0041_")).toBe("a\rb_x0041_");
  });

  it("property: escaping _xHHHH_ then reading it back gives the text (Excel's decoding, left to right)", () => {
    const piece = fc.constantFrom("_", "x", "_x", "0041", "005F", "00e9", "_x0041_", "_x005F_", "a", "F_");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((ps) => ps.join("")), (text) => {
        expect(decodeOoxmlCharRefs(escapeOoxmlCharRefs(text))).toBe(text);
      }),
    );
  });

  it("element text and attributes: markup escaped, characters XML cannot hold dropped, line ends kept as references", () => {
    expect(xmlText("a & b < c > d \"q\" 'a'")).toBe("a &amp; b &lt; c &gt; d \"q\" 'a'");
    expect(xmlText("a\rb\nc\td\u0001e\u007Ff\uFFFEg")).toBe("a&#13;b\nc\tdefg");
    expect(xmlAttr('say "hi"\t&\n\r<x>')).toBe("say &quot;hi&quot;&#9;&amp;&#10;&#13;&lt;x&gt;");
    expect(unescapeXml(xmlAttr('a"b\tc'))).toBe('a"b\tc');
    expect(textElement("plain")).toBe("<t>plain</t>");
    expect(textElement(" lead")).toBe('<t xml:space="preserve"> lead</t>');
    expect(textElement("two\nlines")).toBe('<t xml:space="preserve">two\nlines</t>');
    expect(textElement("_x0041_ & co")).toBe("<t>_x005F_x0041_ &amp; co</t>");
  });
});
