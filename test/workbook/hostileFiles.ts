/**
 * Small damaged, hostile and huge .xlsx files built in code, byte by byte: a zip writer that can lie about
 * sizes, a minimal SpreadsheetML package, and the cases the reader must survive (a cell at A1 and one at
 * XFD1048576, a merge over a million rows, a zip bomb, text or Word zips, OLE files, CSV, ODS, ISO dates).
 * Used by the reader's tests, the file fuzzer, its corpus script and the benches.
 */
import { crc32, deflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
  /** Store instead of deflate. */
  store?: boolean;
  /** Uncompressed size to write in the headers instead of the real one (a lying archive). */
  claimedSize?: number;
}

const enc = new TextEncoder();

function bytesOf(d: Uint8Array | string): Uint8Array {
  return typeof d === "string" ? enc.encode(d) : d;
}

/** A zip archive of the entries (deflated unless `store`), with honest sizes unless `claimedSize`. */
export function zipOf(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = bytesOf(e.data);
    const data = e.store ? raw : new Uint8Array(deflateRawSync(raw, { level: 9 }));
    const name = enc.encode(e.name);
    const crc = crc32(raw) >>> 0;
    const size = e.claimedSize ?? raw.length;
    const method = e.store ? 0 : 8;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...locals, ...centrals, end];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface MiniSheet {
  name: string;
  /** The <sheetData> content (rows and cells). */
  rows?: string;
  /** Anything after </sheetData> (mergeCells, conditional formats...). */
  after?: string;
  /** The whole worksheet XML instead (for prefixed or odd XML). */
  xml?: string;
  state?: "hidden" | "veryHidden";
}

/** The parts of a minimal workbook (without zipping), so a test can drop or damage one. */
export function miniParts(sheets: readonly MiniSheet[], opts: { sharedStrings?: string[]; styles?: string; definedNames?: string } = {}): ZipEntry[] {
  const parts: ZipEntry[] = [];
  const overrides = sheets
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join("");
  parts.push({
    name: "[Content_Types].xml",
    data:
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`,
  });
  parts.push({
    name: "_rels/.rels",
    data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  });
  const sheetEls = sheets.map((s, i) => `<sheet name="${s.name.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`).join("");
  parts.push({
    name: "xl/workbook.xml",
    data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetEls}</sheets>${opts.definedNames ? `<definedNames>${opts.definedNames}</definedNames>` : ""}</workbook>`,
  });
  let rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("");
  if (opts.sharedStrings) rels += `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`;
  if (opts.styles) rels += `<Relationship Id="rIdY" Type="${REL}/styles" Target="styles.xml"/>`;
  parts.push({ name: "xl/_rels/workbook.xml.rels", data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>` });
  sheets.forEach((s, i) =>
    parts.push({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: s.xml ?? `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${s.rows ?? ""}</sheetData>${s.after ?? ""}</worksheet>`,
    }),
  );
  if (opts.sharedStrings) {
    const si = opts.sharedStrings.map((t) => `<si><t xml:space="preserve">${t.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</t></si>`).join("");
    parts.push({ name: "xl/sharedStrings.xml", data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${opts.sharedStrings.length}" uniqueCount="${opts.sharedStrings.length}">${si}</sst>` });
  }
  if (opts.styles) parts.push({ name: "xl/styles.xml", data: opts.styles });
  return parts;
}

export function miniXlsx(sheets: readonly MiniSheet[], opts: Parameters<typeof miniParts>[1] = {}): Uint8Array {
  return zipOf(miniParts(sheets, opts));
}

/** One cell at A1 and one at XFD1048576 (2.5 KB; the old reader built a 16,384 x 1,048,576 grid). */
export function sparseCorners(far = "XFD1048576"): Uint8Array {
  const row = /\d+$/.exec(far)?.[0] ?? "1";
  return miniXlsx([{ name: "Sparse", rows: `<row r="1"><c r="A1" t="inlineStr"><is><t>Budget</t></is></c></row><row r="${row}"><c r="${far}"><v>5</v></c></row>` }]);
}

/** Five rows and one merge over A10:XFD1048576. */
export function hugeMerge(): Uint8Array {
  let rows = "";
  for (let r = 1; r <= 5; r++) rows += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Line ${r}</t></is></c><c r="B${r}"><v>${r * 100}</v></c></row>`;
  return miniXlsx([{ name: "Merged", rows, after: `<mergeCells count="1"><mergeCell ref="A10:XFD1048576"/></mergeCells>` }]);
}

/** A sheet whose XML inflates to about `megabytes` MB from a small zip (rows without addresses). */
export function zipBomb(megabytes = 400): Uint8Array {
  const unit = "<row><c><v>1</v></c></row>";
  const chunk = unit.repeat(Math.ceil((1 << 20) / unit.length));
  const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>`;
  const tail = "</sheetData></worksheet>";
  const parts = miniParts([{ name: "Rows", rows: "" }]);
  // Deflate the big sheet in pieces so the bomb itself is cheap to build.
  const body = new Uint8Array(head.length + chunk.length * megabytes + tail.length);
  let at = 0;
  for (const s of [head, ...Array<string>(megabytes).fill(chunk), tail]) {
    const b = enc.encode(s);
    body.set(b, at);
    at += b.length;
  }
  return zipOf(parts.map((p) => (p.name === "xl/worksheets/sheet1.xml" ? { ...p, data: body } : p)));
}

/** The start of an OLE compound file (a password-protected workbook, or an old .xls). */
export function oleFile(kind: "encrypted" | "xls"): Uint8Array {
  const out = new Uint8Array(4096);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  // The directory names the streams: "EncryptionInfo"/"EncryptedPackage" or "Workbook", in UTF-16.
  const names = kind === "encrypted" ? ["EncryptionInfo", "EncryptedPackage"] : ["Workbook"];
  let at = 1024;
  for (const n of names) {
    for (let i = 0; i < n.length; i++) out[at + i * 2] = n.charCodeAt(i);
    at += 128;
  }
  return out;
}

export const notWorkbooks: Record<string, () => Uint8Array> = {
  "a zip holding only a text file": () => zipOf([{ name: "notes.txt", data: "Budget notes" }]),
  "a Word document": () =>
    zipOf([
      { name: "[Content_Types].xml", data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
      { name: "word/document.xml", data: '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>' },
    ]),
  "a zip with only [Content_Types].xml": () => zipOf([{ name: "[Content_Types].xml", data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' }]),
  "a workbook whose sheet part is missing": () => zipOf(miniParts([{ name: "Budget", rows: "" }]).filter((p) => !p.name.startsWith("xl/worksheets/"))),
  "a password-protected workbook": () => oleFile("encrypted"),
  "an .xls file": () => oleFile("xls"),
  "a CSV file": () => enc.encode("Service,Gross budget\nLibraries,16792000\n"),
  "a CSV file with a byte order mark": () => enc.encode("\uFEFFService;Gross budget\nLibraries;16792000\n"),
  "Unicode text from Excel (UTF-16LE with a byte order mark)": () => {
    const text = "\uFEFFService\tGross budget\r\nLibraries\t16792000\r\n";
    const out = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      out[2 * i] = text.charCodeAt(i) & 255;
      out[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    return out;
  },
  "an XML Spreadsheet 2003 file with a byte order mark": () =>
    enc.encode('\uFEFF<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table/></Worksheet></Workbook>'),
  "an Excel Binary Workbook (.xlsb)": () =>
    zipOf([
      { name: "[Content_Types].xml", data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>' },
      { name: "_rels/.rels", data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.bin"/></Relationships>` },
      // BIFF12 records; the "<" (0x3c) byte once made the workbook part look like broken XML.
      { name: "xl/workbook.bin", data: new Uint8Array([0x83, 0x01, 0x00, 0x80, 0x01, 0x00, 0x99, 0x01, 0x04, 0, 0, 0, 0, 0x9c, 0x03, 0x0e, 0x3c, 0x00, 0x00]) },
      { name: "xl/_rels/workbook.bin.rels", data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.bin"/></Relationships>` },
      { name: "xl/worksheets/sheet1.bin", data: new Uint8Array([0x81, 0x01, 0x00]) },
    ]),
  "an OpenDocument spreadsheet": () =>
    zipOf([
      { name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", store: true },
      { name: "content.xml", data: '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>' },
    ]),
};

function joinChunks(chunks: string[]): Uint8Array {
  const encoded = chunks.map((c) => enc.encode(c));
  const out = new Uint8Array(encoded.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of encoded) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * A correct budget sheet of `lines` service lines as Excel writes it (shared strings, cached results,
 * a sub-total every 50 lines and a grand total): the same content as test/fixtures' largeBudgetSheet, built
 * straight as XML so a million lines take seconds.
 */
export function budgetXlsx(lines: number): Uint8Array {
  const strings: string[] = ["Type of service", "Service", "Gross budget £", "Net budget £", "Total"];
  const sidx = (s: string): number => {
    strings.push(s);
    return strings.length - 1;
  };
  const chunks: string[] = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>`];
  let buf = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`;
  let r = 1;
  let groupStart = 2;
  let gSum = 0;
  let nSum = 0;
  const subRows: number[] = [];
  const subG: number[] = [];
  const subN: number[] = [];
  let typeIdx = 0;
  for (let i = 0; i < lines; i++) {
    const gross = 100000 + ((i * 7919) % 900000);
    const net = gross - 20000 - ((i * 104729) % 50000);
    gSum += gross;
    nSum += net;
    r++;
    const type = Math.floor(i / 50) + 1;
    if (i % 50 === 0) typeIdx = sidx(`Type ${type}`);
    buf += `<row r="${r}"><c r="A${r}" t="s"><v>${typeIdx}</v></c><c r="B${r}" t="s"><v>${sidx(`Service ${i + 1}`)}</v></c><c r="C${r}"><v>${gross}</v></c><c r="D${r}"><v>${net}</v></c></row>`;
    if ((i + 1) % 50 === 0 || i === lines - 1) {
      const end = r;
      r++;
      buf += `<row r="${r}"><c r="A${r}" t="s"><v>${sidx(`Total type ${type}`)}</v></c><c r="C${r}"><f>SUM(C${groupStart}:C${end})</f><v>${gSum}</v></c><c r="D${r}"><f>SUM(D${groupStart}:D${end})</f><v>${nSum}</v></c></row>`;
      subRows.push(r);
      subG.push(gSum);
      subN.push(nSum);
      gSum = 0;
      nSum = 0;
      groupStart = r + 1;
    }
    if (buf.length > 1 << 16) {
      chunks.push(buf);
      buf = "";
    }
  }
  const total = (col: string): string => {
    const groups: string[] = [];
    for (let i = 0; i < subRows.length; i += 200) groups.push(`SUM(${subRows.slice(i, i + 200).map((x) => `${col}${x}`).join(",")})`);
    return groups.join("+");
  };
  r++;
  buf += `<row r="${r}"><c r="A${r}" t="s"><v>4</v></c><c r="C${r}"><f>${total("C")}</f><v>${subG.reduce((a, b) => a + b, 0)}</v></c><c r="D${r}"><f>${total("D")}</f><v>${subN.reduce((a, b) => a + b, 0)}</v></c></row>`;
  chunks.push(buf, `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`);
  const sst: string[] = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">`];
  let sbuf = "";
  for (const s of strings) {
    sbuf += `<si><t>${s}</t></si>`;
    if (sbuf.length > 1 << 16) {
      sst.push(sbuf);
      sbuf = "";
    }
  }
  sst.push(sbuf, "</sst>");
  const parts = miniParts([{ name: "Budget", rows: "" }], { sharedStrings: [] });
  return zipOf(
    parts.map((p) =>
      p.name === "xl/worksheets/sheet1.xml" ? { ...p, data: joinChunks(chunks) } : p.name === "xl/sharedStrings.xml" ? { ...p, data: joinChunks(sst) } : p,
    ),
  );
}
