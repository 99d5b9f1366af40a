/**
 * Parts in UTF-16 (with a byte order mark, or detected from "<?xml" as XML 1.0 Appendix F says) read as
 * their text, not as an empty sheet; a sheet part that is not a worksheet is refused, naming the sheet.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readXlsx, XlsxReadError } from "../../src/workbook/readXlsx";
import { xmlEncodingOf } from "../../src/workbook/xlsxPackage";
import { runs } from "../propertyRuns";
import { miniParts, zipOf, type ZipEntry } from "./hostileFiles";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

type Encoding = "utf-8" | "utf-8 bom" | "utf-16le" | "utf-16le bom" | "utf-16be" | "utf-16be bom";

function encode(text: string, encoding: Encoding): Uint8Array {
  if (encoding.startsWith("utf-8")) {
    const body = new TextEncoder().encode(text);
    if (encoding === "utf-8") return body;
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  const bom = encoding.endsWith("bom") ? 2 : 0;
  const le = encoding.startsWith("utf-16le");
  const out = new Uint8Array(bom + text.length * 2);
  if (bom) out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out[bom + 2 * i + (le ? 0 : 1)] = u & 255;
    out[bom + 2 * i + (le ? 1 : 0)] = u >> 8;
  }
  return out;
}

const sheetXml = (rows: string, decl = "UTF-16"): string =>
  `<?xml version="1.0" encoding="${decl}"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;

const withPart = (parts: ZipEntry[], name: string, data: Uint8Array | string): ZipEntry[] => parts.map((p) => (p.name === name ? { ...p, data } : p));

const escape = (t: string): string => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

describe("parts in UTF-16 or with a byte order mark", () => {
  it("xmlEncodingOf: by byte order mark, else by how \"<?\" is written", () => {
    expect(xmlEncodingOf(new Uint8Array([0xff, 0xfe, 0x3c, 0x00]))).toBe("utf-16le");
    expect(xmlEncodingOf(new Uint8Array([0xfe, 0xff, 0x00, 0x3c]))).toBe("utf-16be");
    expect(xmlEncodingOf(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c]))).toBe("utf-8");
    expect(xmlEncodingOf(new Uint8Array([0x3c, 0x00, 0x3f, 0x00]))).toBe("utf-16le");
    expect(xmlEncodingOf(new Uint8Array([0x00, 0x3c, 0x00, 0x3f]))).toBe("utf-16be");
    expect(xmlEncodingOf(new Uint8Array([0x3c, 0x3f, 0x78, 0x6d]))).toBe("utf-8");
    expect(xmlEncodingOf(new Uint8Array([0x3c]))).toBe("utf-8");
  });

  it("reads a sheet, the workbook and the shared strings in each encoding", async () => {
    for (const enc of ["utf-8", "utf-8 bom", "utf-16le", "utf-16le bom", "utf-16be", "utf-16be bom"] as const) {
      let parts = miniParts([{ name: "Budget £" }], { sharedStrings: ["Gross budget – 2025/26"] });
      parts = withPart(parts, "xl/worksheets/sheet1.xml", encode(sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c></row>`), enc));
      for (const name of ["xl/workbook.xml", "xl/sharedStrings.xml"]) {
        const text = parts.find((p) => p.name === name)!.data as string;
        parts = withPart(parts, name, encode(text, enc));
      }
      const snaps = await readXlsx(zipOf(parts));
      expect(snaps.map((s) => [s.name, s.values]), enc).toEqual([["Budget £", [["Gross budget – 2025/26", 42]]]]);
    }
  });

  it("any text in any encoding, over many chunks, reads back as written (property)", async () => {
    // Characters XML can hold, surrogate pairs included (split between chunks of the inflated part).
    const char = fc.oneof(
      fc.integer({ min: 0x20, max: 0xd7ff }),
      fc.integer({ min: 0xe000, max: 0xfffd }),
      fc.integer({ min: 0x10000, max: 0x10ffff }),
    );
    const text = fc.array(char, { minLength: 1, maxLength: 40 }).map((cs) => String.fromCodePoint(...cs));
    const encoding = fc.constantFrom<Encoding>("utf-8", "utf-8 bom", "utf-16le", "utf-16le bom", "utf-16be", "utf-16be bom");
    await fc.assert(
      fc.asyncProperty(text, encoding, fc.integer({ min: 1, max: 3000 }), async (t, enc, lines) => {
        const rows = Array.from({ length: lines }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${escape(t)}</t></is></c></row>`).join("");
        const parts = withPart(miniParts([{ name: "S" }]), "xl/worksheets/sheet1.xml", encode(sheetXml(rows), enc));
        const [snap] = await readXlsx(zipOf(parts));
        expect(snap.values).toHaveLength(lines);
        expect(snap.values.every((r) => r[0] === t.trim() || r[0] === t)).toBe(true);
      }),
      { numRuns: runs(25) },
    );
  });
});

describe("a sheet part that is not a worksheet is refused, naming the sheet", () => {
  const refusal =
    'The sheet "Budget" cannot be read: its part in the file is not a worksheet, so the file is damaged or was not written as an .xlsx workbook. Open it in Excel and save it as an Excel Workbook (.xlsx), then try again.';
  const cases: Record<string, Uint8Array | string> = {
    "another root element": `<?xml version="1.0"?><chartsheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></chartsheet>`,
    "an empty part": "",
    "binary bytes with no markup": new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 251 === 60 ? 61 : (i * 7919 + 13) % 251)),
    "UTF-16 bytes out of step (one byte lost)": encode(sheetXml(`<row r="1"><c r="A1"><v>42</v></c></row>`).replace("<?xml", "?xml"), "utf-16le").slice(1),
  };
  for (const [what, data] of Object.entries(cases)) {
    it(what, async () => {
      const e = await readXlsx(zipOf(withPart(miniParts([{ name: "Budget" }]), "xl/worksheets/sheet1.xml", data))).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(XlsxReadError);
      expect((e as Error).message).toBe(refusal);
    });
  }
});
