/**
 * The renderer's zip (src/workbook/zipWriter.ts) and the pieces it writes with, checked against independent
 * witnesses: Node's zlib CRC-32 and gzip, TextEncoder, String(number), JSZip reading the package back (checking
 * every part's CRC-32), and a Map for the shared strings' first-use order. Both deflaters are checked: the
 * platform's CompressionStream (Node has one) and fflate (with CompressionStream taken away).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import JSZip from "jszip";
import { crc32 as zlibCrc32, gzipSync } from "node:zlib";
import { runs } from "../propertyRuns";
import { Crc32, crc32 } from "../../src/workbook/crc32";
import { SharedStrings } from "../../src/workbook/xlsxWriter";
import { asciiBytes, gzipHeaderLength, hasCompressionStream, packAscii, PackageZip, putNumber, putPacked, putUint, type ByteSink } from "../../src/workbook/zipWriter";

const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A package of parts written through `write`, read back by JSZip (which checks each part's CRC-32). */
async function roundTrip(native: boolean, parts: [string, (out: ByteSink) => void | Promise<void>][]): Promise<{ zip: JSZip; bytes: Uint8Array; flags: number[] }> {
  const pkg = new PackageZip(2, new Date(Date.UTC(2026, 0, 5)), { native });
  expect(pkg.native).toBe(native);
  for (const [path, write] of parts) {
    const part = pkg.open(path);
    await write(part);
    part.end();
  }
  const bytes = await pkg.finish();
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  // The general purpose flag of each part, from the central directory (its end record gives where it starts).
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const flags: number[] = [];
  for (let at = view.getUint32(end + 16, true), n = 0; n < view.getUint16(end + 10, true); n++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    flags.push(view.getUint16(at + 8, true));
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { zip, bytes, flags };
}

describe("CRC-32, eight bytes at a time", () => {
  it("property: equals zlib's for any bytes, however they are cut into chunks", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 5 }), (data, cuts) => {
        const c = new Crc32();
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          c.update(data.subarray(from, Math.max(from, Math.min(cut, data.length))));
          from = Math.max(from, Math.min(cut, data.length));
        }
        c.update(data.subarray(from));
        expect(c.value()).toBe(zlibCrc32(data));
        expect(crc32(data)).toBe(zlibCrc32(data));
      }),
      { numRuns: runs(300) },
    );
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });
});

describe("numbers written as bytes", () => {
  const written = (put: (b: Uint8Array, at: number) => number): string => {
    const b = new Uint8Array(40);
    return decode(b.subarray(3, put(b, 3)));
  };

  it("property: a whole number to 2^53 as String writes it", () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(0, 9, 10, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53)), (v) => {
        expect(written((b, at) => putUint(b, at, v))).toBe(String(v));
      }),
      { numRuns: runs(500) },
    );
  });

  it("property: any finite number as String writes it (negative, fractions, exponents, -0)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom(-0, 1e21, -1e-7, 2 ** 53 + 2, -(2 ** 53))), (v) => {
        expect(written((b, at) => putNumber(b, at, v))).toBe(String(v));
      }),
      { numRuns: runs(1000) },
    );
  });
});

describe("markup packed four bytes to a word", () => {
  it("property: putPacked writes the text's bytes at any place, nothing before it and at most 3 bytes after", () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });
    fc.assert(
      fc.property(ascii, fc.nat(13), (text, at) => {
        const b = new Uint8Array(64).fill(0xee);
        const end = putPacked(new DataView(b.buffer), at, packAscii(text));
        expect(end).toBe(at + text.length);
        expect(b.subarray(at, end)).toEqual(asciiBytes(text));
        expect(b.subarray(0, at).every((x) => x === 0xee)).toBe(true);
        expect(b.subarray(end + 3).every((x) => x === 0xee)).toBe(true);
      }),
      { numRuns: runs(500) },
    );
  });

  it("writes through a view of a buffer that starts part-way into its memory", () => {
    const memory = new Uint8Array(32);
    const b = memory.subarray(5, 25);
    const end = putPacked(new DataView(b.buffer, b.byteOffset, b.byteLength), 2, packAscii("</v></c>"));
    expect(decode(b.subarray(2, end))).toBe("</v></c>");
    expect(decode(memory.subarray(7, 15))).toBe("</v></c>");
  });
});

describe("a gzip member's header", () => {
  it("is 10 bytes from zlib, longer with a name, comment, extra field or header CRC, and -1 when it is not gzip", () => {
    expect(gzipHeaderLength(gzipSync(Buffer.from("x")))).toBe(10);
    const header = (flags: number, tail: number[]): Uint8Array => new Uint8Array([0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 3, ...tail, 0xaa]);
    expect(gzipHeaderLength(header(4, [3, 0, 1, 2, 3]))).toBe(15);
    expect(gzipHeaderLength(header(8, [65, 66, 0]))).toBe(13);
    expect(gzipHeaderLength(header(8 | 16, [65, 0, 67, 67, 0]))).toBe(15);
    expect(gzipHeaderLength(header(2, [9, 9]))).toBe(12);
    expect(gzipHeaderLength(header(4 | 8 | 16 | 2, [1, 0, 7, 65, 0, 66, 0, 9, 9]))).toBe(19);
    expect(gzipHeaderLength(header(8, [65, 66]).subarray(0, 12))).toBe(-1);
    expect(gzipHeaderLength(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0, 0]))).toBe(-1);
  });
});

describe("the package's parts", () => {
  afterEach(() => vi.unstubAllGlobals());

  // Text of every kind: ASCII, accents, CJK, emoji (surrogate pairs), a lone surrogate (TextEncoder writes U+FFFD).
  const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }), fc.constantFrom("\ud800", "£", "€", "😀".repeat(30)));

  for (const native of [true, false]) {
    const name = native ? "CompressionStream" : "fflate";
    it(`property (${name}): hold exactly the text and bytes written, across chunk boundaries, with a valid CRC-32`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.oneof(text, fc.nat().map((n) => n)), { maxLength: 30 }), fc.nat(200_000), async (pieces, padding) => {
          // A long run first, so that pieces fall across the 64 KB chunks.
          const pad = "<x/>".repeat(Math.floor(padding / 4));
          let expected = pad;
          const { zip } = await roundTrip(native, [
            [
              "a.xml",
              (out) => {
                out.write(pad);
                for (const p of pieces) {
                  if (typeof p === "string") {
                    out.write(p);
                    expected += p;
                  } else {
                    out.room(32);
                    // Markup a word at a time through the sink's view: it must follow the buffer from chunk to chunk.
                    out.at = putNumber(out.buf, putPacked(out.view, out.at, packAscii("<n>")), p / 7);
                    expected += `<n>${p / 7}`;
                  }
                }
              },
            ],
          ]);
          const bytes = await zip.file("a.xml")!.async("uint8array");
          expect(decode(bytes)).toBe(decode(new TextEncoder().encode(expected)));
          expect(bytes.length).toBe(new TextEncoder().encode(expected).length);
        }),
        { numRuns: runs(25) },
      );
    });
  }

  for (const native of [true, false]) {
    it(`(${native ? "CompressionStream" : "fflate"}) hold markup written a word at a time through three chunks and more`, async () => {
      // 80,000 cells of about 13 bytes: past the native compressor's 256 KB chunks twice, so the sink's view must
      // follow each new buffer from the pool.
      const open = packAscii("<c><v>");
      const close = packAscii("</v></c>");
      let expected = "";
      const { zip } = await roundTrip(native, [
        [
          "a.xml",
          (out) => {
            for (let i = 0; i < 80_000; i++) {
              out.room(32);
              const at = putUint(out.buf, putPacked(out.view, out.at, open), i);
              out.at = putPacked(out.view, at, close);
              expected += `<c><v>${i}</v></c>`;
            }
          },
        ],
      ]);
      expect(await zip.file("a.xml")!.async("string")).toBe(expected);
    });
  }

  it("are deflated by CompressionStream where the platform has one (zip flags 8: a data descriptor, 'normal' deflate), else by fflate (12: 'fast' deflate too), with the same contents", async () => {
    expect(hasCompressionStream()).toBe(true);
    const parts: [string, (out: ByteSink) => void][] = [
      ["[Content_Types].xml", (out) => out.write("<Types/>")],
      ["xl/worksheets/sheet1.xml", (out) => out.write("<row/>".repeat(100_000))],
      ["empty.xml", () => undefined],
    ];
    const native = await roundTrip(true, parts);
    const fflate = await roundTrip(false, parts);
    expect(native.flags).toEqual([8, 8, 8]);
    expect(fflate.flags).toEqual([12, 12, 12]);
    for (const [path] of parts) expect(await native.zip.file(path)!.async("string")).toBe(await fflate.zip.file(path)!.async("string"));
    expect(await native.zip.file("empty.xml")!.async("string")).toBe("");

    // Without CompressionStream (an older webview), a package asked for natively is deflated by fflate.
    vi.stubGlobal("CompressionStream", undefined);
    expect(new PackageZip(2, new Date()).native).toBe(false);
  });

  it("give the native compressor turns while a big part is written (Node: the thread pool deflates beside the writer), its chunk buffers used again", async () => {
    const pkg = new PackageZip(2, new Date(), { native: true });
    const part = pkg.open("big.xml");
    let pauses = 0;
    const rows: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const row = `<row r="${i}"><c r="B${i}"><v>${(i * 7919) % 100_003}</v></c></row>`;
      rows.push(row);
      part.write(row);
      const pause = part.pause();
      if (pause) {
        pauses++;
        await pause;
      }
    }
    part.end();
    const zip = await JSZip.loadAsync(await pkg.finish(), { checkCRC32: true });
    // About 9 MB of rows: a turn every 16 KB.
    expect(pauses).toBeGreaterThan(500);
    // Node's own CompressionStream: every byte as written, with the buffers of chunks it had taken used again.
    expect(await zip.file("big.xml")!.async("string")).toBe(rows.join(""));
    expect(pkg.chunkBuffers).toBeLessThan(36);
    // fflate needs no turns.
    const sync = new PackageZip(2, new Date(), { native: false }).open("a.xml");
    sync.write("x".repeat(100_000));
    expect(sync.pause()).toBeNull();
  });
  it("wait for a native compressor that falls behind: at most about 2 MB written and not yet taken, however slow it is", async () => {
    // A CompressionStream that takes each chunk only after a timer (a compressor on a busy machine); having taken
    // it, it is done with it (here a copy goes on to the real compressor), as the standard's compressor is.
    const Real = globalThis.CompressionStream;
    let taken = 0;
    class SlowGzip {
      readonly writable: WritableStream<Uint8Array>;
      readonly readable: ReadableStream<Uint8Array>;
      constructor(format: CompressionFormat) {
        const slow = new TransformStream<Uint8Array, Uint8Array>({
          async transform(chunk, controller) {
            await new Promise((resolve) => setTimeout(resolve, 20));
            taken += chunk.length;
            controller.enqueue(chunk.slice());
          },
        });
        this.writable = slow.writable;
        this.readable = slow.readable.pipeThrough(new Real(format) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
      }
    }
    vi.stubGlobal("CompressionStream", SlowGzip);
    const pkg = new PackageZip(2, new Date(), { native: true });
    const part = pkg.open("big.xml");
    const row = (i: number): string => `<row r="${i}"><c r="A${i}" t="s"><v>${i % 977}</v></c></row>`;
    let written = 0;
    let most = 0;
    for (let i = 0; i < 250_000; i++) {
      part.write(row(i));
      written += row(i).length;
      most = Math.max(most, written - taken);
      const pause = part.pause();
      if (pause) await pause;
    }
    part.end();
    const zip = await JSZip.loadAsync(await pkg.finish(), { checkCRC32: true });
    // Every byte as written, though the buffers were used again.
    expect(await zip.file("big.xml")!.async("string")).toBe(Array.from({ length: 250_000 }, (_, i) => row(i)).join(""));
    // 13 MB written; what waited for the compressor (with the writer's own chunk of 256 KB being filled) stayed
    // near the 2 MB the writer allows.
    expect(most).toBeGreaterThan(1_000_000);
    expect(most).toBeLessThanOrEqual(2 ** 21 + 2 ** 18 + 2 ** 14);
    // The chunks' 256 KB buffers were used again once taken: about the backlog's worth for 13 MB (50 chunks).
    expect(pkg.chunkBuffers).toBeLessThanOrEqual(12);
  });
});

describe("the shared strings table", () => {
  it("property: each distinct text once, in first-use order, counted per use, whatever the columns", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom("", "a", "b", "Type 1", "Service 12", "x".repeat(300), "é"), fc.integer({ min: -1, max: 3 })), { maxLength: 200 }), async (uses) => {
        const table = new SharedStrings();
        const reference = new Map<string, number>();
        for (const [text, slot] of uses) {
          if (!reference.has(text)) reference.set(text, reference.size);
          expect(table.add(text, slot)).toBe(reference.get(text));
        }
        expect(table.size).toBe(reference.size);
        const { zip } = await roundTrip(true, [["sst.xml", (out) => table.write(out)]]);
        const xml = await zip.file("sst.xml")!.async("string");
        expect(xml).toContain(`count="${uses.length}" uniqueCount="${reference.size}"`);
        expect([...xml.matchAll(/<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>/g)].map((m) => m[1])).toEqual([...reference.keys()]);
      }),
      { numRuns: runs(50) },
    );
  });

  it("holds 300,000 texts (the table grows) and finds each again", () => {
    const table = new SharedStrings();
    const wrong: number[] = [];
    for (let i = 0; i < 300_000; i++) if (table.add(`Service ${i}`) !== i) wrong.push(i);
    for (let i = 0; i < 300_000; i += 997) if (table.add(`Service ${i}`, 1) !== i) wrong.push(i);
    expect(wrong).toEqual([]);
    expect(table.size).toBe(300_000);
  });
});
