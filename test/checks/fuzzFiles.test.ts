/**
 * File fuzzer (issue 12): damaged and hostile workbooks, from the corpus in test/fuzz/corpus.ts, mutated at
 * the byte level (flips, cuts, inserted bytes) and at the XML level (a part's text cut, repeated, or spliced
 * with the shapes that broke readers before), then read and checked. Each must either give snapshots that
 * keep the snapshot contract (rows of equal length, grids bounded by the cells that exist) and findings
 * inside them, or be refused with an XlsxReadError; any other exception is a failure.
 *
 * `npx vitest run test/checks/fuzzFiles.test.ts`: a small sample with a fixed seed.
 * `npm run fuzz` (FUZZ=1): many runs with a random seed; on failure the seed and path are printed, and
 * `FUZZ_SEED=<seed> FUZZ=1 npx vitest run test/checks/fuzzFiles.test.ts` replays it.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { SheetSnapshot } from "../../src/core/sheetSnapshot";
import { auditSnapshots } from "../../src/workbook/auditWorkbook";
import { readXlsx, XlsxReadError } from "../../src/workbook/readXlsx";
import { buildCorpus, HOSTILE_SNIPPETS, rezip, type CorpusFile } from "../fuzz/corpus";
import type { ZipEntry } from "../workbook/hostileFiles";

const FUZZ = !!process.env.FUZZ;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : FUZZ ? Date.now() % 2 ** 31 : 20261128;
const RUNS = FUZZ ? Number(process.env.FUZZ_RUNS ?? 3000) : 120;

let corpus: CorpusFile[] = [];
beforeAll(async () => {
  corpus = await buildCorpus();
});

type Mutation =
  | { kind: "flip"; at: number; byte: number }
  | { kind: "cut"; at: number }
  | { kind: "insert"; at: number; bytes: number[] }
  | { kind: "xml"; part: number; at: number; len: number; op: "delete" | "repeat" | "splice"; snippet: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }),
  fc.record({
    kind: fc.constant("xml" as const),
    part: fc.nat(),
    at: fc.nat(),
    len: fc.integer({ min: 0, max: 400 }),
    op: fc.constantFrom("delete" as const, "repeat" as const, "splice" as const),
    snippet: fc.nat(),
  }),
);

function applyBytes(bytes: Uint8Array, m: Mutation): Uint8Array {
  if (bytes.length === 0) return bytes;
  const at = m.kind === "xml" ? 0 : m.at % bytes.length;
  if (m.kind === "flip") {
    const out = bytes.slice();
    out[at] ^= m.byte || 1;
    return out;
  }
  if (m.kind === "cut") return bytes.slice(0, at);
  if (m.kind === "insert") {
    const out = new Uint8Array(bytes.length + m.bytes.length);
    out.set(bytes.subarray(0, at), 0);
    out.set(m.bytes, at);
    out.set(bytes.subarray(at), at + m.bytes.length);
    return out;
  }
  return bytes;
}

function applyXml(parts: ZipEntry[], m: Extract<Mutation, { kind: "xml" }>): ZipEntry[] {
  const i = m.part % parts.length;
  const text = typeof parts[i].data === "string" ? parts[i].data : new TextDecoder().decode(parts[i].data);
  const at = text.length === 0 ? 0 : m.at % text.length;
  const piece = text.slice(at, at + m.len);
  const next =
    m.op === "delete"
      ? text.slice(0, at) + text.slice(at + m.len)
      : m.op === "repeat"
        ? text.slice(0, at) + piece.repeat(50) + text.slice(at)
        : text.slice(0, at) + HOSTILE_SNIPPETS[m.snippet % HOSTILE_SNIPPETS.length] + text.slice(at);
  return parts.map((p, k) => (k === i ? { ...p, data: next } : p));
}

function mutate(file: CorpusFile, ms: readonly Mutation[]): Uint8Array {
  let parts = file.parts;
  const byteMs: Mutation[] = [];
  for (const m of ms) {
    if (m.kind === "xml" && parts) parts = applyXml(parts, m);
    else if (m.kind !== "xml") byteMs.push(m);
  }
  let bytes = parts && parts !== file.parts ? rezip(parts) : file.bytes;
  for (const m of byteMs) bytes = applyBytes(bytes, m);
  return bytes;
}

/** The snapshot contract, and grids bounded by the cells that exist. */
function checkSnapshot(s: SheetSnapshot): void {
  const width = s.values[0]?.length ?? 0;
  let real = 0;
  for (let r = 0; r < s.values.length; r++) {
    expect(s.values[r].length).toBe(width);
    expect(s.formulas[r].length).toBe(width);
    if (s.numberFormats) expect(s.numberFormats[r].length).toBe(width);
    for (const v of s.values[r]) if (v !== null) real++;
    for (const f of s.formulas[r]) if (f !== null) real++;
    for (const v of s.values[r]) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
  }
  expect(s.values.length * width).toBeLessThanOrEqual(Math.max(2 ** 21, 16 * Math.max(real, 1)));
  expect(s.origin.row + s.values.length).toBeLessThanOrEqual(1048576);
  expect(s.origin.col + width).toBeLessThanOrEqual(16384);
}

async function readAndCheck(bytes: Uint8Array): Promise<void> {
  let snaps: SheetSnapshot[];
  try {
    snaps = await readXlsx(bytes, { includeHidden: true });
  } catch (e) {
    if (e instanceof XlsxReadError) {
      expect(e.message.length).toBeGreaterThan(20);
      return;
    }
    throw e;
  }
  for (const s of snaps) checkSnapshot(s);
  const findings = auditSnapshots(snaps);
  for (const f of findings) expect(snaps.some((s) => s.name === f.sheet)).toBe(true);
}

describe("file fuzzer", () => {
  it("every corpus file reads or is refused in a sentence", async () => {
    for (const f of corpus) await readAndCheck(f.bytes);
  });

  it(`mutated workbooks never crash the reader or the checks (seed ${SEED}, ${RUNS} runs)`, async () => {
    try {
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (pick, ms) => {
          await readAndCheck(mutate(corpus[pick % corpus.length], ms));
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    } catch (e) {
      console.error(`File fuzzer failed with seed ${SEED}: replay with FUZZ=1 FUZZ_SEED=${SEED} npx vitest run test/checks/fuzzFiles.test.ts`);
      throw e;
    }
  }, 600_000);
});
