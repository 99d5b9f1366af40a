/**
 * bench/scaling: how each core post-list step grows per tenfold of posts, 5,000 -> 50,000 -> 500,000. Goal
 * (issue 15): every step linear, growth at most 11x per tenfold. The ratio printed is growth / 11 (at most 1
 * meets the goal), and the worst ratio is over every step and both tenfolds.
 *
 * Method (so a figure is the code's growth, not the harness's):
 * - Lists: n/5,000 establishments from generateEstablishment, every copy renamed and rebuilt the same way, each
 *   post owning fresh flat strings (see ./establishment.ts), so a post costs the same to read at every size.
 * - Timing: every size's inputs are built first; then, step by step, warm-up calls (the JIT) and `ROUNDS`
 *   rounds, each timing one sample of every size in turn (smallest first, then largest first), so a change in
 *   the shared machine's load falls on every size of a step alike. A full garbage collection (node --expose-gc,
 *   set in vitest.bench.config.mts) and a few calls before each step's rounds, a minor one (an empty nursery)
 *   before each sample (see `sample` for why not a full one); a sample is enough back-to-back calls to last 100 ms
 *   (one call at the larger sizes). A figure is the MEDIAN over the rounds of the CPU time per call (this
 *   process, user + system, so the collector's helper threads count): on a shared two-core machine a
 *   sample's wall time includes waits for a core, its CPU time does not. Wall times (median and fastest) are
 *   written too, with their growth.
 * - The collector: its pauses inside the samples (PerformanceObserver "gc" entries) are shown as a share of
 *   the time. Young-generation scavenges copy what a step has built so far, so a step whose output outgrows
 *   the nursery (the semi-space) pays for copying it, which a small list never does.
 * - The floor: the first row is not a step but a plain read of four fields of every post, the least any step
 *   that touches each post can grow; the second reads as many posts again and again from the first 5,000 (in
 *   cache at every size). The scan grows more than tenfold where the in-cache read grows tenfold: that excess
 *   is the memory hierarchy's (a list of 5,000 posts fits the CPU's caches, 50,000 only the last level, 500,000
 *   none), not the code's. Each step's growth is also given over the floor's for the same tenfold. The third
 *   makes and keeps one small object per post: the young generation's share for a step whose output grows with
 *   the list (its growth jumps once that output no longer fits the nursery). The fourth reads what computeSlotting
 *   reads of the restructure's posts (deleted and new), once each: the floor for a step over a scattered few posts,
 *   which a sample's back-to-back calls keep in cache at 50,000 posts and not at 500,000.
 *
 * Options: BENCH_SCALING_SIZES=5000,50000 for a quick run; BENCH_SCALING_STEPS=a,b for some steps only;
 * BENCH_SCALING_CACHE=cold to time each call alone on cold caches (every size then reads its posts from
 * memory, as the largest always does); extra node flags for an experiment,
 * BENCH_NODE_FLAGS="--max-semi-space-size=128" (a larger nursery). Prints
 * a table and writes bench/results/scaling.json (fields bound, worst, worstRatio, note and steps, read by
 * scripts/benchGoals.mjs). No assertions on time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { scaledEstablishment, SMALL } from "./establishment";
import { BASELINES, FLOOR, IN_CACHE, OBJECT_PER_POST, RESTRUCTURE_READ, steps } from "./scalingSteps";

const here = dirname(fileURLToPath(import.meta.url));
const BOUND = 11;
const SIZES = (process.env.BENCH_SCALING_SIZES ?? "5000,50000,500000")
  .split(",")
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isFinite(n) && n >= SMALL);
/**
 * BENCH_SCALING_CACHE=cold: every call alone, after a minor collection and a sweep through 64 MB (twice the
 * last-level cache) that leaves none of the posts in cache, so every size starts cold. Fifteen rounds.
 */
const COLD = process.env.BENCH_SCALING_CACHE === "cold";
const ROUNDS = COLD ? 15 : 7;
/** BENCH_SCALING_STEPS=buildHierarchy,directorateRoots times those steps only (with the floor). */
const ONLY = (process.env.BENCH_SCALING_STEPS ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");

/** The collector: node's --expose-gc global, else exposed through V8's flags (as bench/validate does). */
type Collect = (options?: { type: "minor" | "major" }) => void;
const collect: Collect = (() => {
  const g = (globalThis as { gc?: Collect }).gc;
  if (typeof g === "function") return g;
  setFlagsFromString("--expose-gc");
  const f = runInNewContext("gc") as Collect | undefined;
  return typeof f === "function" ? f : () => undefined;
})();

/** Pauses of the collector, in performance.now() time (entries arrive asynchronously: await a turn first). */
const pauses: { start: number; end: number; minor: boolean }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e as { detail?: { kind?: number } }).detail?.kind;
    pauses.push({ start: e.startTime, end: e.startTime + e.duration, minor: kind === constants.NODE_PERFORMANCE_GC_MINOR });
  }
});

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Timing {
  /** Median CPU time (this process, user + system) per call over the samples, ms: the figure growth is taken from. */
  cpuMs: number;
  /** Fastest sample's CPU time per call, ms. */
  cpuBestMs: number;
  /** Every sample's CPU time per call, ms, in the order taken. */
  cpuSamples: number[];
  /** Median wall time per call, ms. */
  ms: number;
  /** Fastest sample's wall time per call, ms. */
  bestMs: number;
  /** Share of the sampled time spent in collector pauses (all kinds; scavenges alone in `scavengeShare`). */
  gcShare: number;
  scavengeShare: number;
  callsPerSample: number;
}

/** One sample window: calls made back to back, and when. */
interface Sample {
  start: number;
  end: number;
  cpuMs: number;
  calls: number;
}

/** Bytes swept before a cold call: twice the 32 MB last-level cache of the machines the bench runs on. */
const EVICT = COLD ? new Uint8Array(64 * 1024 * 1024) : new Uint8Array(0);
let evictSum = 0;

/** Touch a line in every 64 bytes of EVICT, so the caches hold it instead of the posts. */
function evictCaches(): void {
  for (let i = 0; i < EVICT.length; i += 64) evictSum += ++EVICT[i];
}

/** How many calls make a sample of at least `minMs` (one when cold), after warm-up calls for at least `warmMs` (and two). */
function calibrate(fn: () => unknown, minMs: number, warmMs: number): number {
  let warmCalls = 0;
  const w0 = performance.now();
  do {
    fn();
    warmCalls++;
  } while (warmCalls < 2 || performance.now() - w0 < warmMs);
  if (COLD) return 1;
  collect();
  const t = performance.now();
  fn();
  const one = Math.max(1e-3, performance.now() - t);
  return Math.max(1, Math.ceil(minMs / one));
}

/**
 * One sample: a minor collection (an empty nursery; cold: and the cache sweep), then `calls` calls timed
 * together. Not a full collection: that shrinks the young generation back to its first size, and the samples
 * after it pay for scavenges the step would not otherwise make (buildHierarchy, 50,000 posts: 45-60 ms a call
 * after a full collection, 19 ms after a minor one).
 */
function sample(fn: () => unknown, calls: number): Sample {
  collect({ type: "minor" });
  if (COLD) evictCaches();
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let c = 0; c < calls; c++) fn();
  const end = performance.now();
  const used = process.cpuUsage(cpu);
  return { start, end, cpuMs: (used.user + used.system) / 1000, calls };
}

/** Median and fastest time per call, and the collector's share of the sampled time (pauses are in by now). */
function summarise(samples: readonly Sample[]): Timing {
  let gc = 0;
  let scavenge = 0;
  let total = 0;
  for (const w of samples) {
    total += w.end - w.start;
    for (const p of pauses) {
      const overlap = Math.min(w.end, p.end) - Math.max(w.start, p.start);
      if (overlap <= 0) continue;
      gc += overlap;
      if (p.minor) scavenge += overlap;
    }
  }
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const wall = samples.map((w) => (w.end - w.start) / w.calls);
  const cpu = samples.map((w) => w.cpuMs / w.calls);
  return { cpuMs: median([...cpu]), cpuBestMs: Math.min(...cpu), cpuSamples: cpu, ms: median(wall), bestMs: Math.min(...wall), gcShare: gc / total, scavengeShare: scavenge / total, callsPerSample: samples[0].calls };
}

const k = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : n >= 1000 ? `${n / 1000}k` : String(n));
const fix = (x: number, d: number): number => +x.toFixed(d);

it("every core post-list step grows at most 11x per tenfold of posts", { timeout: 1_800_000 }, async () => {
  observer.observe({ entryTypes: ["gc"] });
  const load = [loadavg()[0]];
  // Every size's inputs at once, so each step's sizes are timed in turn, round after round: a change in the
  // machine's load touches every size of a step alike.
  const cases = SIZES.map((size) => {
    const posts = scaledEstablishment(size);
    expect(posts.length).toBe(size);
    return { size, steps: steps(posts) };
  });
  const timings = new Map<string, Timing[]>();
  const names = Object.keys(cases[0].steps).filter((n) => ONLY.length === 0 || BASELINES.includes(n) || ONLY.includes(n));
  for (const name of names) {
    const calls = cases.map((c, i) => calibrate(c.steps[name], 100, i === 0 ? 300 : 0));
    // Each step starts from a collected heap; then warm-up calls let the young generation grow to its size.
    collect();
    for (const [i, c] of cases.entries()) for (let k = 0; k < Math.min(calls[i], 3); k++) c.steps[name]();
    const samples: Sample[][] = cases.map(() => []);
    for (let r = 0; r < ROUNDS; r++) {
      // Smallest first, then largest first, so a drift in load is shared out.
      const order = r % 2 === 0 ? cases.map((_, i) => i) : cases.map((_, i) => cases.length - 1 - i);
      for (const i of order) samples[i].push(sample(cases[i].steps[name], calls[i]));
    }
    await turn();
    await turn();
    timings.set(name, samples.map(summarise));
    pauses.length = 0;
  }
  observer.disconnect();
  load.push(loadavg()[0]);

  const tenfolds = SIZES.slice(1).map((to, i) => ({ from: SIZES[i], to }));
  const floor = timings.get(FLOOR) as Timing[];
  const floorGrowth = tenfolds.map((_, i) => floor[i + 1].cpuMs / floor[i].cpuMs);
  const growthOf = (name: string): number[] => tenfolds.map((_, i) => (timings.get(name) as Timing[])[i + 1].cpuMs / (timings.get(name) as Timing[])[i].cpuMs);
  const inCacheGrowth = growthOf(IN_CACHE);
  const objectGrowth = growthOf(OBJECT_PER_POST);
  const restructureGrowth = growthOf(RESTRUCTURE_READ);
  const rows = [...timings].map(([step, ts]) => {
    const perTenfold = tenfolds.map((tf, i) => {
      const growth = (ts[i + 1].cpuMs / ts[i].cpuMs) * (10 / (tf.to / tf.from));
      const wallGrowth = (ts[i + 1].ms / ts[i].ms) * (10 / (tf.to / tf.from));
      const fastestGrowth = (ts[i + 1].cpuBestMs / ts[i].cpuBestMs) * (10 / (tf.to / tf.from));
      return { from: tf.from, to: tf.to, growth: fix(growth, 1), fastestGrowth: fix(fastestGrowth, 1), wallGrowth: fix(wallGrowth, 1), overFloor: fix(growth / floorGrowth[i], 2), ratioToBound: fix(growth / BOUND, 2) };
    });
    const worst = perTenfold.reduce((a, g) => (g.growth > a.growth ? g : a));
    return {
      step,
      cpuMs: Object.fromEntries(SIZES.map((n, i) => [k(n), fix(ts[i].cpuMs, 3)])),
      cpuBestMs: Object.fromEntries(SIZES.map((n, i) => [k(n), fix(ts[i].cpuBestMs, 3)])),
      cpuSamples: Object.fromEntries(SIZES.map((n, i) => [k(n), ts[i].cpuSamples.map((x) => fix(x, 3))])),
      ms: Object.fromEntries(SIZES.map((n, i) => [k(n), fix(ts[i].ms, 3)])),
      bestMs: Object.fromEntries(SIZES.map((n, i) => [k(n), fix(ts[i].bestMs, 3)])),
      gcShare: Object.fromEntries(SIZES.map((n, i) => [k(n), fix(ts[i].gcShare, 2)])),
      scavengeShare: Object.fromEntries(SIZES.map((n, i) => [k(n), fix(ts[i].scavengeShare, 2)])),
      callsPerSample: Object.fromEntries(SIZES.map((n, i) => [k(n), ts[i].callsPerSample])),
      perTenfold,
      // The worst tenfold, as the goal table reads it.
      growth: worst.growth,
      ratioToBound: worst.ratioToBound,
      // Kept for readers of the earlier file (one tenfold, 5,000 -> 50,000).
      ms5k: fix(ts[0].cpuMs, 3),
      ms50k: SIZES[1] === 50_000 ? fix(ts[1].cpuMs, 3) : null,
    };
  });

  const head = `${"scaling step (CPU ms/call)".padEnd(28)}${SIZES.map((n) => `${k(n)}`.padStart(11)).join("")}${tenfolds.map((t) => `${k(t.from)}->${k(t.to)}`.padStart(12)).join("")}  over floor   fastest CPU    wall           gc share of time`;
  console.warn(`${COLD ? "Cold caches: one call per sample after a 64 MB sweep" : "Warm: back-to-back calls per sample"}, minor GC before each; median of ${ROUNDS} rounds`);
  console.warn(head);
  for (const r of rows) {
    const ms = SIZES.map((n) => String(r.cpuMs[k(n)]).padStart(11)).join("");
    const wall = r.perTenfold.map((p) => `${p.wallGrowth}x`).join(" / ");
    const fastest = r.perTenfold.map((p) => `${p.fastestGrowth}x`).join(" / ");
    const g = r.perTenfold.map((p) => `${p.growth}x`.padStart(12)).join("");
    const over = r.perTenfold.map((p) => String(p.overFloor)).join(" / ");
    const gc = SIZES.map((n) => `${Math.round(r.gcShare[k(n)] * 100)}%`).join(" / ");
    console.warn(`${r.step.padEnd(28)}${ms}${g}  ${over.padEnd(11)}  ${fastest.padEnd(13)}  ${wall.padEnd(13)}  ${gc}`);
  }
  const stepRows = rows.filter((r) => !BASELINES.includes(r.step));
  const worst = (stepRows.length > 0 ? stepRows : rows).reduce((a, r) => (r.ratioToBound > a.ratioToBound ? r : a));
  const worstTenfold = worst.perTenfold.reduce((a, g) => (g.growth > a.growth ? g : a));
  const floorText = tenfolds.map((t, i) => `${k(t.from)}->${k(t.to)} ${fix(floorGrowth[i], 1)}x`).join(", ");
  const objectText = tenfolds.map((t, i) => `${k(t.from)}->${k(t.to)} ${fix(objectGrowth[i], 1)}x`).join(", ");
  const restructureText = tenfolds.map((t, i) => `${k(t.from)}->${k(t.to)} ${fix(restructureGrowth[i], 1)}x`).join(", ");
  // The code's own excess: the step whose growth is furthest above the plain scan's over the same tenfold.
  const overFloor = (stepRows.length > 0 ? stepRows : rows)
    .flatMap((r) => r.perTenfold.map((g) => ({ step: r.step, from: g.from, to: g.to, growth: g.growth, overFloor: g.overFloor })))
    .reduce((a, g) => (g.overFloor > a.overFloor ? g : a));
  const note = `worst tenfold ${k(worstTenfold.from)}->${k(worstTenfold.to)}; a plain scan of the posts grows ${floorText}; furthest over that floor: ${overFloor.step} ${k(overFloor.from)}->${k(overFloor.to)} ${overFloor.overFloor}x the scan's growth; making and keeping one small object per post grows ${objectText}; reading the restructure's posts once (computeSlotting's input) grows ${restructureText}; CPU time, median of ${ROUNDS} interleaved samples, ${COLD ? "each one call on cold caches" : "minor GC before each"}`;
  console.warn(`GOAL every core post-list step linear: worst ${worst.step} grows ${worst.growth}x per tenfold (${k(worstTenfold.from)}->${k(worstTenfold.to)}) = ${worst.ratioToBound} of the 11x bound (floor: a plain scan grows ${floorText})`);
  console.warn(`Furthest over the floor: ${overFloor.step} grows ${overFloor.growth}x (${k(overFloor.from)}->${k(overFloor.to)}), ${overFloor.overFloor}x the plain scan's growth; load average ${load.map((x) => fix(x, 1)).join(" -> ")}`);
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(
    join(here, "results", "scaling.json"),
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        node: process.version,
        execArgv: process.execArgv,
        loadAverage: load.map((x) => fix(x, 2)),
        posts: SIZES,
        cache: COLD ? "cold" : "warm",
        evictSum,
        bound: BOUND,
        worst: worst.step,
        worstRatio: worst.ratioToBound,
        worstTenfold: { from: worstTenfold.from, to: worstTenfold.to },
        worstOverFloor: overFloor,
        floorGrowth: tenfolds.map((t, i) => ({ from: t.from, to: t.to, growth: fix(floorGrowth[i], 2), inCache: fix(inCacheGrowth[i], 2), objectPerPost: fix(objectGrowth[i], 2), restructureRead: fix(restructureGrowth[i], 2) })),
        note,
        steps: rows,
      },
      null,
      2,
    )}\n`,
  );
});
