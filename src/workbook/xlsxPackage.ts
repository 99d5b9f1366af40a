/**
 * Opening an .xlsx file safely: say what a file is when it is not a workbook, and refuse what is too big
 * before inflating anything. The zip's central directory gives each part's compressed and uncompressed size;
 * these are checked against the limits below first, and again while each part is inflated (a zip may lie),
 * so a small file that would inflate to gigabytes is refused in milliseconds.
 *
 * Limits (documented for users in the refusal message itself):
 * - the file: at most 100 MB;
 * - one part (a sheet's XML, the shared strings): at most 300 MB once unpacked;
 * - all parts together: at most 600 MB unpacked;
 * - a part over 1 MB may unpack to at most 200 times its packed size (real sheets pack 5-30 times;
 *   a "zip bomb" packs thousands of times);
 * - a sheet: at most 10,000,000 cells with a value or formula (the readXlsx module checks that one).
 * A 1,000,000-line budget sheet (about 160 MB of XML) is inside every limit.
 */
import JSZip from "jszip";

/** Thrown when the bytes are not a readable .xlsx workbook, with a sentence a person understands. */
export class XlsxReadError extends Error {
  override name = "XlsxReadError";
}

export const XLSX_LIMITS = {
  fileBytes: 100 * 2 ** 20,
  partBytes: 300 * 2 ** 20,
  totalBytes: 600 * 2 ** 20,
  ratio: 200,
  ratioFromBytes: 2 ** 20,
  sheetCells: 10_000_000,
} as const;

export function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** What to do with a file that cannot be read: the last sentence of most refusals here, in readXlsx and the shareable copy. */
export const SAVE_AS = "Open it in Excel and save it as an Excel Workbook (.xlsx), then try again.";

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < Math.min(to, bytes.length); i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** UTF-16LE text (as OLE directory entries store names) anywhere in the first part of the file. */
function hasUtf16(bytes: Uint8Array, word: string): boolean {
  const limit = Math.min(bytes.length, 8 * 2 ** 20);
  const first = word.charCodeAt(0);
  outer: for (let i = 0; i + word.length * 2 <= limit; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let k = 1; k < word.length; k++) if (bytes[i + k * 2] !== word.charCodeAt(k) || bytes[i + k * 2 + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/** Refuse bytes that are not a zip with a sentence saying what they look like. */
function refuseNonZip(bytes: Uint8Array): never {
  if (bytes.length === 0) throw new XlsxReadError("This file is empty: it is not an Excel workbook.");
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    if (hasUtf16(bytes, "EncryptedPackage") || hasUtf16(bytes, "EncryptionInfo")) {
      throw new XlsxReadError(
        "This workbook is protected with a password, so it cannot be read outside Excel. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save it as .xlsx.",
      );
    }
    throw new XlsxReadError(`This is an older Excel (.xls) or other Office file, not an .xlsx workbook. ${SAVE_AS}`);
  }
  // Text files often start with a byte order mark (Excel's "Unicode Text" is UTF-16LE with one): sniffed
  // after it, as characters (XML 1.0 Appendix F for the marks; xmlEncodingOf).
  const encoding = xmlEncodingOf(bytes.subarray(0, 4));
  const utf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const sample = encoding === "utf-8" ? null : new TextDecoder(encoding).decode(bytes.subarray(0, 8192));
  const head = sample !== null ? sample.slice(0, 512) : ascii(bytes, utf8Bom ? 3 : 0, 512 + (utf8Bom ? 3 : 0));
  if (/^\s*<\?xml|^\s*<html|^\s*<!DOCTYPE/i.test(head)) throw new XlsxReadError(`This is an XML or web page file, not an .xlsx workbook. ${SAVE_AS}`);
  let printable = 0;
  const n = sample !== null ? Math.min(sample.length, 4096) : Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = sample !== null ? sample.charCodeAt(i) : bytes[i];
    if (b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 0xfffd)) printable++;
  }
  if (printable / n > 0.95) {
    const kind = /[,;\t]/.test(head) ? "a CSV or text file" : "a text file";
    throw new XlsxReadError(`This is ${kind}, not an Excel workbook. ${SAVE_AS}`);
  }
  throw new XlsxReadError(`This file is not an Excel workbook (.xlsx). ${SAVE_AS}`);
}

/**
 * The encoding of an XML part from its first bytes (XML 1.0, section 4.3.3 and Appendix F,
 * https://www.w3.org/TR/xml/#sec-guessing): a byte order mark FF FE is UTF-16LE, FE FF UTF-16BE, EF BB BF
 * UTF-8; without one, "<?" written as 3C 00 3F 00 is UTF-16LE and 00 3C 00 3F UTF-16BE; anything else UTF-8
 * (the default, and what Excel writes). The decoder drops the byte order mark.
 */
export function xmlEncodingOf(head: Uint8Array): "utf-8" | "utf-16le" | "utf-16be" {
  const [a, b, c, d] = head;
  if (a === 0xff && b === 0xfe) return "utf-16le";
  if (a === 0xfe && b === 0xff) return "utf-16be";
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return "utf-16le";
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return "utf-16be";
  return "utf-8";
}

interface EntrySizes {
  compressed: number;
  uncompressed: number;
}

function sizesOf(file: JSZip.JSZipObject): EntrySizes {
  const data = (file as unknown as { _data?: { compressedSize?: number; uncompressedSize?: number } })._data;
  return { compressed: data?.compressedSize ?? 0, uncompressed: data?.uncompressedSize ?? 0 };
}

interface ZipStream {
  on(event: "data", fn: (chunk: Uint8Array) => void): ZipStream;
  on(event: "error", fn: (e: Error) => void): ZipStream;
  on(event: "end", fn: () => void): ZipStream;
  pause(): void;
  resume(): void;
}

export interface XlsxPackage {
  zip: JSZip;
  /** Zip paths of every part (files, not folders), as the zip spells them. */
  paths: Set<string>;
  /** Whether the package holds a part, its name compared without regard to ASCII case (see `find`). */
  has(path: string): boolean;
  /** The zip's own spelling of a part named `path` in any ASCII case (see `find`), or null when there is none. */
  nameOf(path: string): string | null;
  size(path: string): EntrySizes;
  /** Inflate a part in chunks, checking the limits as the bytes arrive. Resolves when done. */
  stream(path: string, onText: (text: string) => void): Promise<void>;
  /** A small part as text (for workbook.xml, rels, styles), or null when missing. */
  text(path: string): Promise<string | null>;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The file's size check, kind check and zip directory check: all before inflating anything. */
export async function openXlsxPackage(bytes: Uint8Array): Promise<XlsxPackage> {
  if (bytes.length > XLSX_LIMITS.fileBytes) {
    throw new XlsxReadError(`This file is ${formatBytes(bytes.length)}; workbooks over ${formatBytes(XLSX_LIMITS.fileBytes)} cannot be read here. Split it, or check it in Excel.`);
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) refuseNonZip(bytes);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new XlsxReadError(`This file is damaged or is not an Excel workbook (.xlsx) (${why}). ${SAVE_AS}`);
  }
  const paths = new Set(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name));
  let total = 0;
  for (const p of paths) {
    const { compressed, uncompressed } = sizesOf(zip.files[p]);
    total += uncompressed;
    if (uncompressed > XLSX_LIMITS.partBytes) {
      throw new XlsxReadError(
        `This workbook is too big to read here: its part ${p} unpacks to ${formatBytes(uncompressed)}, over the limit of ${formatBytes(XLSX_LIMITS.partBytes)} (the file itself is ${formatBytes(bytes.length)}).`,
      );
    }
    if (uncompressed > XLSX_LIMITS.ratioFromBytes && uncompressed > compressed * XLSX_LIMITS.ratio) {
      throw new XlsxReadError(
        `This file is not a normal workbook: its part ${p} would unpack from ${formatBytes(compressed)} to ${formatBytes(uncompressed)}, more than ${XLSX_LIMITS.ratio} times (the limit; real workbooks are 5 to 30 times). It was not opened.`,
      );
    }
  }
  if (total > XLSX_LIMITS.totalBytes) {
    throw new XlsxReadError(`This workbook is too big to read here: it unpacks to ${formatBytes(total)}, over the limit of ${formatBytes(XLSX_LIMITS.totalBytes)} (the file is ${formatBytes(bytes.length)}).`);
  }
  if (paths.has("mimetype") || [...paths].some((p) => p === "content.xml")) {
    const mime = zip.file("mimetype") && sizesOf(zip.file("mimetype")!).uncompressed < 1024 ? await zip.file("mimetype")!.async("string").catch(() => "") : "";
    if (/opendocument\.spreadsheet/.test(mime) || paths.has("content.xml")) throw new XlsxReadError(`This is an OpenDocument spreadsheet (.ods), not an Excel workbook. ${SAVE_AS}`);
  }
  if ([...paths].some((p) => p.startsWith("word/"))) throw new XlsxReadError("This is a Word document, not an Excel workbook. Choose the .xlsx file.");
  if ([...paths].some((p) => p.startsWith("ppt/"))) throw new XlsxReadError("This is a PowerPoint presentation, not an Excel workbook. Choose the .xlsx file.");

  // Part names are compared as case-insensitive ASCII strings (ECMA-376 Part 2, Open Packaging Conventions,
  // 9.1.1.1 Part names): "XL/Worksheets/Sheet1.xml" is the part a relationship names "xl/worksheets/sheet1.xml".
  const asciiLower = (p: string): string => p.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  const byLower = new Map<string, string>();
  for (const p of paths) if (!byLower.has(asciiLower(p))) byLower.set(asciiLower(p), p);
  /** The zip's own spelling of a part name, or null when there is no such part. */
  const find = (path: string): string | null => (paths.has(path) ? path : (byLower.get(asciiLower(path)) ?? null));

  const stream = (path: string, onText: (text: string) => void): Promise<void> =>
    new Promise((resolve, reject) => {
      const found = find(path);
      const file = found === null ? null : zip.file(found);
      if (!file) {
        resolve();
        return;
      }
      const declared = sizesOf(file).uncompressed;
      // Chosen from the part's first 4 bytes (held back until they have come).
      let decoder: TextDecoder | null = null;
      let head: Uint8Array | null = null;
      const decode = (chunk: Uint8Array, last: boolean): string => {
        if (decoder === null) {
          const bytes = head === null ? chunk : concatBytes(head, chunk);
          if (bytes.length < 4 && !last) {
            head = bytes;
            return "";
          }
          head = null;
          decoder = new TextDecoder(xmlEncodingOf(bytes));
          return decoder.decode(bytes, { stream: !last });
        }
        return last ? decoder.decode(chunk) : decoder.decode(chunk, { stream: true });
      };
      let seen = 0;
      let done = false;
      // JSZip's chunked reader (public, but missing from its typings): inflates ~16 KB at a time.
      const s = (file as unknown as { internalStream(type: "uint8array"): ZipStream }).internalStream("uint8array");
      const fail = (e: unknown): void => {
        if (done) return;
        done = true;
        s.pause();
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      s.on("data", (chunk: Uint8Array) => {
        if (done) return;
        seen += chunk.length;
        if (seen > declared + 1024 || seen > XLSX_LIMITS.partBytes) {
          fail(new XlsxReadError(`This file is damaged or not a normal workbook: its part ${path} unpacks to more than it declares (${formatBytes(declared)}). It was not read.`));
          return;
        }
        try {
          const t = decode(chunk, false);
          if (t) onText(t);
        } catch (e) {
          fail(e);
        }
      });
      s.on("error", (e: Error) => fail(new XlsxReadError(`This file is damaged: its part ${path} cannot be unpacked (${e.message}). ${SAVE_AS}`)));
      s.on("end", () => {
        if (done) return;
        try {
          const rest = decode(new Uint8Array(0), true);
          if (rest) onText(rest);
          done = true;
          resolve();
        } catch (e) {
          fail(e);
        }
      });
      try {
        s.resume();
      } catch (e) {
        fail(new XlsxReadError(`This file is damaged: its part ${path} cannot be unpacked (${e instanceof Error ? e.message : String(e)}). ${SAVE_AS}`));
      }
    });

  const text = async (path: string): Promise<string | null> => {
    if (find(path) === null) return null;
    const parts: string[] = [];
    await stream(path, (t) => parts.push(t));
    return parts.join("");
  };
  return { zip, paths, has: (p) => find(p) !== null, nameOf: find, size: (p) => sizesOf(zip.files[find(p) ?? p]), stream, text };
}
