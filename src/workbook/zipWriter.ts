/**
 * The zip of the renderer's .xlsx package, written as its parts are produced: each part is written straight into
 * UTF-8 bytes (text through TextEncoder or an ASCII loop, markup and numbers as bytes, with no string built per
 * cell) and each chunk (256 KB for the native compressor, 64 KB for fflate) is deflated as it fills, with the
 * writer waiting when the compressor falls 2 MB behind, so a sheet of hundreds of thousands of cells is never held
 * whole, neither as XML nor as bytes.
 *
 * Deflating: by the platform's own compressor where it has one, CompressionStream("gzip") (native zlib, at its
 * default level: Chromium and Edge WebView2 80+, Safari 16.4+, Firefox 113+, Node 18+), otherwise by fflate at
 * RENDER_DEFLATE_LEVEL. In Node the native compressor runs on the thread pool, beside the JavaScript writing the
 * next rows; in a browser it runs in native code (about a third of fflate's time on a big sheet, and a file about a
 * tenth smaller). The gzip member's trailer gives the part's CRC-32. fflate is the fallback: for a platform without
 * CompressionStream, or if it fails (the package is then written again, see renderLayout.ts). Pure JavaScript with
 * no Node APIs: it runs in the task pane.
 */
import { Deflate, Zip, type AsyncFlateStreamHandler, type ZipInputFile } from "fflate";
import { Crc32 } from "./crc32";

/** Compression levels fflate takes. */
export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * Bytes handed to fflate's deflater at a time. fflate's streaming deflater keeps a 32 KB window and a 64 KB block in
 * one buffer: chunks of at most 64 KB are copied into it, larger ones make it allocate a new buffer on every push.
 */
const CHUNK_BYTES = 1 << 16;

/**
 * Bytes handed to the native compressor at a time. In Node each chunk costs a hand-over to a thread-pool thread
 * (and each 16 KB of output one back), which on a busy machine costs the main thread about 0.25 ms: on the
 * 1,000,000-line pack (185 MB of sheet XML), 64 KB chunks spent 710 ms of the main thread in zlib's processChunk,
 * 256 KB chunks 134 ms. Browsers run the compressor in native code on the calling thread, where the size matters
 * little.
 */
const NATIVE_CHUNK_BYTES = 1 << 18;

/**
 * Bytes written between turns given to the native compressor (see ByteSink.pause). In Node each turn of the event
 * loop lets the thread pool take at most one more chunk, so turns must come more often than chunks, or a
 * compressor that falls behind (the machine is busy) never catches up and the package waits for it at the end:
 * on the 100,000-line pack with 64 KB chunks, a turn every 4 KB left about 15 ms of compression after the last
 * row where a turn every 64 KB left 60 ms. With 256 KB chunks a turn every 16 KB keeps that ratio.
 */
const PAUSE_BYTES = 1 << 14;

/**
 * Bytes handed to the native compressor that it has not yet taken, beyond which the writer waits for it (see
 * NativeGzip.backlog). The writer can produce XML faster than zlib deflates it at its default level; unchecked,
 * the chunks waiting piled up (the whole sheet's XML, hundreds of MB for a 1,000,000-line pack) and the stream's
 * bookkeeping for that queue cost more than the writing.
 */
const MAX_BACKLOG_BYTES = 1 << 21;

/** Somewhere to write a part's text, a piece at a time; each piece ends between characters (not mid-pair). */
export interface TextSink {
  write(text: string): void;
}

/**
 * Somewhere to write a part's bytes: text with write(), or markup and numbers straight into `buf` from `at` (with
 * putBytes, putPacked, putUint, putNumber), after making room() for them, then setting `at` past them.
 */
export interface ByteSink extends TextSink {
  /** The buffer being filled, from `at`; replaced when room() or write() hands a full one to the deflater. */
  readonly buf: Uint8Array;
  /** `buf` as a DataView (for putPacked), replaced with it. */
  readonly view: DataView;
  at: number;
  /** Make room for `n` bytes (at most 1,024) in `buf` from `at`. */
  room(n: number): void;
  /**
   * A promise to wait for, now and then, to give the compressor a turn (see PAUSE_BYTES); null when none is due.
   * Call it between rows.
   */
  pause(): Promise<void> | null;
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

/** ASCII markup four bytes to a word, for putPacked: the last word is padded with zeros. */
export interface PackedAscii {
  readonly words: Uint32Array;
  /** Bytes of markup (the words hold up to 3 more). */
  readonly length: number;
}

export function packAscii(text: string): PackedAscii {
  const words = new Uint32Array(Math.ceil(text.length / 4));
  // Little-endian by construction (and written so by putPacked), whatever the platform's byte order.
  for (let i = 0; i < text.length; i++) words[i >> 2] |= (text.charCodeAt(i) & 0xff) << (8 * (i & 3));
  return { words, length: text.length };
}

/** A DataView of exactly the bytes of `buf` (a ByteSink's `view` of its chunk). */
function viewOf(buf: Uint8Array): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * Packed markup into the buffer behind `view` at `at`, a word at a time; returns the position after the markup.
 * Up to 3 bytes past it are written over (the next bytes written replace them): room() must allow for them. The
 * markup of a cell went in a byte at a time before: that loop was two fifths of writing a sheet's rows.
 */
export function putPacked(view: DataView, at: number, p: PackedAscii): number {
  const w = p.words;
  for (let k = 0; k < w.length; k++) view.setUint32(at + 4 * k, w[k], true);
  return at + p.length;
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

/**
 * Give the native compressor a turn. In Node its work runs on the thread pool and reports back through the event
 * loop, so let the event loop run (setImmediate): the pool compresses while the next rows are written. In a browser
 * it runs in the stream's own promise jobs: a microtask lets it take what has been written so far.
 */
function yieldToCompressor(): Promise<void> {
  const setImmediate = (globalThis as { setImmediate?: (f: () => void) => void }).setImmediate;
  return typeof setImmediate === "function" ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve();
}

/** The platform's compressor is missing or failed: the package is written again with fflate. */
export class NativeDeflateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NativeDeflateError";
  }
}

/** Whether this platform has a CompressionStream (its "gzip" format is the oldest, in every one that has it). */
export function hasCompressionStream(): boolean {
  return typeof CompressionStream === "function";
}

/** The length of a gzip member's header (RFC 1952, 2.3), or -1 if these bytes do not start a deflated member. */
export function gzipHeaderLength(b: Uint8Array): number {
  if (b.length < 10 || b[0] !== 0x1f || b[1] !== 0x8b || b[2] !== 8) return -1;
  const flags = b[3];
  let at = 10;
  if (flags & 4) {
    // FEXTRA: a length, then that many bytes.
    if (b.length < at + 2) return -1;
    at += 2 + (b[at] | (b[at + 1] << 8));
  }
  // FNAME, then FCOMMENT: each ended by a zero byte.
  for (const bit of [8, 16]) {
    if (!(flags & bit)) continue;
    while (at < b.length && b[at] !== 0) at++;
    at++;
  }
  // FHCRC: two bytes.
  if (flags & 2) at += 2;
  return at <= b.length ? at : -1;
}

/** Where a part's bytes go to be deflated. */
interface Deflater {
  push(chunk: Uint8Array, final: boolean): void;
  /** A promise to wait for when too many bytes wait to be deflated, else null. */
  backlog(): Promise<void> | null;
}

/**
 * Buffers for the chunks handed to the native compressor, used again once it has taken them. A new buffer per
 * chunk was external memory the engine counts towards its next full collection: on the 1,000,000-line pack the
 * 185 MB of chunks set off incremental marking of the whole heap (640 MB, mostly the sheet's cells) while the sheet
 * was written, 1,095 ms of collection during the render against 353 ms with the buffers used again.
 *
 * When a buffer is free again: the Compression Streams standard compresses a chunk in the transform algorithm, so
 * a write's promise settles after the chunk has been compressed (https://compression.spec.whatwg.org/, "compress
 * and enqueue a chunk"), as browsers do it. Node's CompressionStream hands the chunk to a zlib stream whose write
 * settles at once when less than its high-water mark (16 KB; 64 KB from Node 22) is buffered, and otherwise on
 * 'drain', once zlib has read everything buffered: so only chunks of at least 128 KB come back (a chunk is handed
 * over when its buffer has no room for the next piece of markup, at most 1 KB short of 256 KB), never a part's
 * last, shorter one.
 */
export class ChunkPool {
  private readonly free: Uint8Array[] = [];
  /** Buffers made, ever (about the backlog's worth, as chunks come back). */
  made = 0;

  take(): Uint8Array {
    const b = this.free.pop();
    if (b) return b;
    this.made++;
    return new Uint8Array(NATIVE_CHUNK_BYTES);
  }

  /** A chunk the compressor has taken: its buffer is free again if the chunk (nearly) filled it. */
  give(chunk: Uint8Array): void {
    if (chunk.byteLength >= NATIVE_CHUNK_BYTES / 2 && chunk.buffer.byteLength === NATIVE_CHUNK_BYTES) this.free.push(new Uint8Array(chunk.buffer as ArrayBuffer));
  }
}

/**
 * Deflate by CompressionStream("gzip"): once the stream ends, `onEnd` gets the member's deflated body and the
 * CRC-32 of its trailer (whose size is checked against the bytes given), or the error.
 */
class NativeGzip implements Deflater {
  private readonly writer: WritableStreamDefaultWriter<BufferSource>;
  private size = 0;
  /** Bytes written that the compressor has not taken yet, and the wait for them to halve (one, however many ask). */
  private queued = 0;
  private drained: { promise: Promise<void>; resolve: () => void } | null = null;

  constructor(
    onEnd: (err: NativeDeflateError | null, deflated: Uint8Array, crc: number) => void,
    /** Where each chunk goes once the compressor has taken it (settled writes only: it keeps no reference then). */
    private readonly pool: ChunkPool,
  ) {
    let stream: CompressionStream;
    try {
      stream = new CompressionStream("gzip");
    } catch (e) {
      throw new NativeDeflateError(`CompressionStream("gzip") is not available: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    const out: Uint8Array[] = [];
    const read = async (): Promise<void> => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        out.push(value);
      }
    };
    read().then(
      () => {
        const all = concat(out);
        const head = gzipHeaderLength(all);
        const tail = all.length - 8;
        const view = new DataView(all.buffer, all.byteOffset, all.byteLength);
        if (head < 0 || tail < head || view.getUint32(tail + 4, true) !== this.size % 2 ** 32) {
          onEnd(new NativeDeflateError("CompressionStream gave a gzip member that does not hold the bytes given"), all, 0);
        } else onEnd(null, all.subarray(head, tail), view.getUint32(tail, true));
      },
      (e: unknown) => onEnd(new NativeDeflateError(`CompressionStream failed: ${e instanceof Error ? e.message : String(e)}`), new Uint8Array(0), 0),
    );
  }

  push(chunk: Uint8Array, final: boolean): void {
    this.size += chunk.length;
    // The stream keeps the chunk until it has read it (the writer gives each chunk a buffer of its own). A failed
    // write or close fails the reader too, which reports it. A write's promise settles once the compressor has
    // taken the chunk (WHATWG Streams: the underlying sink's write), so `queued` counts what it has not.
    if (chunk.length) {
      const n = chunk.length;
      this.queued += n;
      const taken = (): void => {
        this.queued -= n;
        this.pool.give(chunk);
        if (this.drained && this.queued <= MAX_BACKLOG_BYTES / 2) {
          const { resolve } = this.drained;
          this.drained = null;
          resolve();
        }
      };
      this.writer.write(chunk as Uint8Array<ArrayBuffer>).then(taken, taken);
    }
    if (final) this.writer.close().catch(() => undefined);
  }

  backlog(): Promise<void> | null {
    if (this.queued <= MAX_BACKLOG_BYTES) return null;
    if (!this.drained) {
      let resolve = (): void => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      this.drained = { promise, resolve };
    }
    return this.drained.promise;
  }
}

/** The zip's deflate flag (general purpose bits 1 and 2) for fflate's level, as fflate's ZipDeflate sets it. */
function deflateFlag(level: DeflateLevel): number {
  return level === 1 ? 3 : level < 6 ? 2 : level === 9 ? 1 : 0;
}

/**
 * A part's entry for fflate's Zip (which writes the headers and the central directory): its bytes are deflated
 * natively, or by fflate here with the CRC-32 counted here.
 */
class DeflatedPart implements ZipInputFile {
  readonly compression = 8;
  /** 0, "normal", for zlib's default level; fflate's flag for its level. */
  readonly flag: number;
  size = 0;
  crc = 0;
  ondata?: AsyncFlateStreamHandler;
  private readonly deflater: Deflater;

  constructor(
    readonly filename: string,
    readonly mtime: Date,
    level: DeflateLevel,
    /** The native compressor's chunk buffers; null to deflate with fflate. */
    readonly pool: ChunkPool | null,
  ) {
    if (pool) {
      this.flag = 0;
      this.deflater = new NativeGzip((err, deflated, crc) => {
        if (err) {
          this.ondata?.(Object.assign(err, { code: 0 }), new Uint8Array(0), true);
          return;
        }
        this.crc = crc;
        this.ondata?.(null, deflated as Uint8Array<ArrayBuffer>, true);
      }, pool);
    } else {
      this.flag = deflateFlag(level);
      const check = new Crc32();
      const deflate = new Deflate({ level }, (data, final) => this.ondata?.(null, data, final));
      this.deflater = {
        push: (chunk, final) => {
          check.update(chunk);
          if (final) this.crc = check.value();
          deflate.push(chunk, final);
        },
        // fflate deflates each chunk as it is pushed: nothing waits.
        backlog: () => null,
      };
    }
  }

  push(chunk: Uint8Array, final: boolean): void {
    this.size += chunk.length;
    this.deflater.push(chunk, final);
  }

  backlog(): Promise<void> | null {
    return this.deflater.backlog();
  }
}

/** One part being written into the zip, straight into UTF-8 bytes; each full chunk goes to the deflater. */
export class PartWriter implements ByteSink {
  buf: Uint8Array;
  view: DataView;
  at = 0;
  /** Bytes given to the deflater before `buf`, and where (in all the part's bytes) the last pause was. */
  private before = 0;
  private pausedAt = 0;

  constructor(
    private readonly file: DeflatedPart,
    private readonly encoder: TextEncoder,
    /** A buffer to reuse (fflate copies each chunk), or the pool each chunk for the native compressor comes from. */
    private readonly reuse: Uint8Array | ChunkPool,
  ) {
    this.buf = this.nextChunk();
    this.view = viewOf(this.buf);
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

  pause(): Promise<void> | null {
    const position = this.before + this.at;
    if (!this.file.pool || position - this.pausedAt < PAUSE_BYTES) return null;
    this.pausedAt = position;
    return this.file.backlog() ?? yieldToCompressor();
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
      this.before += this.at;
      this.buf = this.nextChunk();
      this.view = viewOf(this.buf);
      this.at = 0;
    }
    if (final) this.file.push(new Uint8Array(0), true);
  }

  /** The buffer for the next chunk: the one reused, or one from the pool. */
  private nextChunk(): Uint8Array {
    return this.reuse instanceof ChunkPool ? this.reuse.take() : this.reuse;
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  let size = 0;
  for (const c of chunks) size += c.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export interface PackageZipOptions {
  /** Deflate with the platform's CompressionStream where it has one (default true); false: with fflate. */
  native?: boolean;
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
  private readonly pool = new ChunkPool();
  /** Buffers made for the native compressor's chunks so far (the rest were used again). */
  get chunkBuffers(): number {
    return this.pool.made;
  }
  private readonly mtime: Date;
  /** Parts are deflated by the platform's compressor. */
  readonly native: boolean;
  private error: Error | null = null;
  /** The zip has given its last bytes, or failed; then onDone is called. */
  private done = false;
  private onDone: (() => void) | null = null;

  constructor(
    private readonly level: DeflateLevel,
    modified: Date,
    options: PackageZipOptions = {},
  ) {
    // A zip entry's date is MS-DOS local time, 1980 to 2099 only.
    const t = modified.getTime();
    const min = new Date(1980, 0, 1, 12).getTime();
    const max = new Date(2099, 11, 31, 12).getTime();
    this.mtime = new Date(Number.isFinite(t) ? Math.min(max, Math.max(min, t)) : min);
    this.native = (options.native ?? true) && hasCompressionStream();
    this.zip = new Zip((err, data, final) => {
      // fflate's deflater throws from push(); an error given here came from the native compressor.
      if (err) this.error ??= err instanceof NativeDeflateError ? err : new NativeDeflateError(err.message);
      else this.chunks.push(data);
      if (final || err) {
        this.done = true;
        this.onDone?.();
      }
    });
  }

  /** Start a part; write it, then end() it before opening the next. */
  open(path: string): PartWriter {
    const file = new DeflatedPart(path, this.mtime, this.level, this.native ? this.pool : null);
    this.zip.add(file);
    return new PartWriter(file, this.encoder, this.native ? this.pool : this.buffer);
  }

  /** A whole part at once. */
  add(path: string, text: string): void {
    const part = this.open(path);
    part.write(text);
    part.end();
  }

  /** Close the zip and return its bytes, once every part is deflated. Throws NativeDeflateError if the platform's compressor failed. */
  async finish(): Promise<Uint8Array> {
    this.zip.end();
    if (!this.done) await new Promise<void>((resolve) => (this.onDone = resolve));
    if (this.error) throw this.error;
    return concat(this.chunks);
  }
}
