/**
 * The zip of the renderer's .xlsx package, written as its parts are produced: each part is written straight into
 * UTF-8 bytes (text through TextEncoder or an ASCII loop, markup and numbers as bytes, with no string built per
 * cell) and each 64 KB chunk is deflated by fflate as it fills, with its CRC-32 counted eight bytes at a time
 * (src/workbook/crc32.ts), so a sheet of hundreds of thousands of cells is never held whole, neither as XML nor as
 * bytes. Pure JavaScript with no Node APIs: it runs in the task pane.
 */
import { Deflate, Zip, type AsyncFlateStreamHandler, type ZipInputFile } from "fflate";
import { Crc32 } from "./crc32";

/** Compression levels fflate takes. */
export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * Bytes handed to the deflater at a time. fflate's streaming deflater keeps a 32 KB window and a 64 KB block in one
 * buffer: chunks of at most 64 KB are copied into it, larger ones make it allocate a new buffer on every push.
 */
const CHUNK_BYTES = 1 << 16;

/** Somewhere to write a part's text, a piece at a time; each piece ends between characters (not mid-pair). */
export interface TextSink {
  write(text: string): void;
}

/**
 * Somewhere to write a part's bytes: text with write(), or markup and numbers straight into `buf` from `at` (with
 * putBytes, putUint, putNumber), after making room() for them, then setting `at` past them.
 */
export interface ByteSink extends TextSink {
  /** The buffer being filled, from `at`; replaced when room() or write() hands a full one to the deflater. */
  readonly buf: Uint8Array;
  at: number;
  /** Make room for `n` bytes (at most 1,024) in `buf` from `at`. */
  room(n: number): void;
}

/** ASCII text as bytes (markup written byte by byte). */
export function asciiBytes(text: string): Uint8Array {
  const b = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) b[i] = text.charCodeAt(i);
  return b;
}

/** Copy `src` into `buf` at `at`; returns the position after it. */
export function putBytes(buf: Uint8Array, at: number, src: Uint8Array): number {
  for (let i = 0; i < src.length; i++) buf[at++] = src[i];
  return at;
}

/** A whole number from 0 to 2^53, in decimal, into `buf` at `at`; returns the position after it. */
export function putUint(buf: Uint8Array, at: number, v: number): number {
  let end = at + 1;
  for (let p = 10; p <= v; p *= 10) end++;
  let i = end;
  while (v > 0x7fffffff) {
    const q = Math.floor(v / 10);
    buf[--i] = 48 + (v - q * 10);
    v = q;
  }
  // Whole-number division once the number fits 31 bits: a quarter quicker cold than Math.floor on doubles.
  do {
    const q = (v / 10) | 0;
    buf[--i] = 48 + (v - q * 10);
    v = q;
  } while (v > 0);
  return end;
}

/** A finite number as String(v) writes it (the shortest text that reads back as the same number); returns the position after it. */
export function putNumber(buf: Uint8Array, at: number, v: number): number {
  if (Number.isSafeInteger(v)) {
    if (v >= 0) return putUint(buf, at, v); // -0 as "0", as String(-0) writes it
    buf[at] = 45; // -
    return putUint(buf, at + 1, -v);
  }
  const text = String(v);
  for (let i = 0; i < text.length; i++) buf[at++] = text.charCodeAt(i);
  return at;
}

/** The zip's deflate flag (general purpose bits 1 and 2) for fflate's level, as fflate's ZipDeflate sets it. */
function deflateFlag(level: DeflateLevel): number {
  return level === 1 ? 3 : level < 6 ? 2 : level === 9 ? 1 : 0;
}

/**
 * A part's entry for fflate's Zip (which writes the headers and the central directory): its bytes deflated by
 * fflate, with the CRC-32 counted here (fflate's ZipDeflate counts it a byte at a time: 40 to 65 ms on the
 * 100,000-line pack's sheet, 15 to 25 ms here).
 */
class DeflatedPart implements ZipInputFile {
  readonly compression = 8;
  readonly flag: number;
  size = 0;
  crc = 0;
  ondata?: AsyncFlateStreamHandler;
  private readonly check = new Crc32();
  private readonly deflate: Deflate;

  constructor(
    readonly filename: string,
    readonly mtime: Date,
    level: DeflateLevel,
  ) {
    this.flag = deflateFlag(level);
    this.deflate = new Deflate({ level }, (data, final) => this.ondata?.(null, data, final));
  }

  push(chunk: Uint8Array, final: boolean): void {
    this.size += chunk.length;
    this.check.update(chunk);
    if (final) this.crc = this.check.value();
    this.deflate.push(chunk, final);
  }
}

/** One part being written into the zip, straight into UTF-8 bytes; each full chunk goes to the deflater. */
export class PartWriter implements ByteSink {
  buf: Uint8Array;
  at = 0;
  constructor(
    private readonly file: DeflatedPart,
    private readonly encoder: TextEncoder,
    /** The buffer to fill and reuse: fflate copies each chunk. */
    buffer: Uint8Array,
  ) {
    this.buf = buffer;
  }

  /** Text, which may hold any character: ASCII a byte at a time, the rest by TextEncoder. */
  write(text: string): void {
    const n = text.length;
    if (n > 256) {
      this.encode(text);
      return;
    }
    // At most 3 bytes a UTF-16 unit.
    if (this.at + 3 * n > this.buf.length) this.flush(false);
    const b = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        this.at = at;
        this.encode(i === 0 ? text : text.slice(i));
        return;
      }
      b[at++] = c;
    }
    this.at = at;
  }

  room(n: number): void {
    if (this.at + n > this.buf.length) this.flush(false);
  }

  /** The part is complete. */
  end(): void {
    this.flush(true);
  }

  /** Text by TextEncoder, a chunk at a time (encodeInto never splits a character: a pair stays whole). */
  private encode(text: string): void {
    let rest = text;
    for (;;) {
      if (this.buf.length - this.at < 4) this.flush(false);
      const { read, written } = this.encoder.encodeInto(rest, this.buf.subarray(this.at));
      this.at += written;
      if (read >= rest.length) return;
      rest = rest.slice(read);
      this.flush(false);
    }
  }

  private flush(final: boolean): void {
    if (this.at > 0) {
      this.file.push(this.buf.subarray(0, this.at), false);
      this.at = 0;
    }
    if (final) this.file.push(new Uint8Array(0), true);
  }
}

/**
 * The .xlsx package as it is written: parts are added one after another (each ended before the next starts) and
 * deflated as they come; finish() gives the bytes.
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

  /** Start a part; write it, then end() it before opening the next. */
  open(path: string): PartWriter {
    const file = new DeflatedPart(path, this.mtime, this.level);
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
