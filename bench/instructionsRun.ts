/**
 * The program scripts/benchInstructions.mjs runs under valgrind's callgrind to count the instructions each core
 * post-list step executes per call, at 5,000, 50,000 and 500,000 posts (bench/scalingSteps.ts). Bundled by that
 * script; not run by vitest.
 *
 * Each measured call sits between two calls of `os.getPriority()`, which reaches libuv's `uv_os_getpriority`:
 * callgrind runs with `--dump-before=uv_os_getpriority`, so each marker writes the counts since the previous one
 * to a numbered file. Each dump is announced on stdout first ("dump N size step"), so the script can tell which
 * file holds which call. The counts are of every thread (node runs with --single-threaded, so V8 has no
 * background compiler or collector threads and a call's counts hold all its work, the collector's included).
 *
 * Before the counted calls, at each size: one full collection (before the size's first step), then each step's
 * inputs built and the step run, uncounted: 40 calls at the smallest size, for the optimising compiler, and six
 * at the larger ones. Not a full collection before each step: it deoptimises compiled code that refers to objects
 * it frees (V8's --trace-deopt: "marking dependent code ... for deoptimization, reason: weak objects"), so the
 * calls after it ran unoptimised code at 5,000 and 50,000 posts (computeSlotting at 50,000: 9.6 M instructions in
 * one call, 176 M in the next, which compiled it), and V8 sweeps the collected heap lazily as later allocations
 * need its pages, in the calls just after it. Then two stretches are counted, each of one call or, below 50,000
 * posts, of as many calls as make 50,000 posts (10 at 5,000), so the markers' cost is shared among them: it varies
 * by some 15,000 instructions between stretches, 4% of directorateRoots' call at 5,000 posts, enough alone to
 * move its growth from 10.3x to 11x. The script takes the stretch with the fewer instructions, as one may still
 * include compiling a function (with --single-threaded V8 compiles on the main thread) or a deoptimisation, and
 * divides by its calls.
 *
 * The script counts V8's garbage collector apart from the step (by the names of the functions the instructions
 * ran in, scripts/benchInstructions.mjs), and its goal is the step's own instructions. What the collector does in
 * a call depends on the heap's settings and history more than on the step: at 500,000 posts a step that keeps an
 * object per post outgrows the young generation and pays for scavenges it did not pay for at 50,000, and one that
 * makes 46 MB of typed arrays (checkPosts) grows the memory outside V8's heap past the point where V8 starts a
 * marking cycle (an ArrayBuffer's backing store is reported to V8 as external memory, which drives full
 * collections: nodejs/node#1671, denoland/deno#35808), and starting one first finishes sweeping the whole old
 * generation: 475 M instructions in one checkPosts call at 500,000 posts, through
 * Heap::ReportExternalMemoryPressure, StartIncrementalMarking and EnsureSweepingCompleted (with --single-threaded
 * nothing sweeps in the background, as it does in a browser).
 *
 * So that the collector's figure beside each step is the same measure at every size, a counted stretch starts
 * with the young generation empty (two scavenges before its first marker, uncounted) and ends with two scavenges
 * while what its calls returned is still alive, before its second marker: the copying and promoting of everything
 * the calls made and kept is in the count at every size, not only where the list outgrows the young generation (the
 * baseline that only makes an object per post counted 158 instructions a post at 50,000 and 1,536 at 500,000
 * without them; about 1,400 at both with them). The markers and those scavenges cost about a million
 * instructions with nothing alive (the roots they visit), so at each size they are counted around no call, and
 * the script takes that from each stretch's count at that size.
 */
import { getPriority } from "node:os";
import { scaledEstablishment } from "./establishment";
import { steps } from "./scalingSteps";

const sizes = (process.argv[2] ?? "5000,50000,500000").split(",").map(Number);
const only = (process.argv[3] ?? "").split(",").filter((s) => s !== "");
const WARM_CALLS_AT_FIRST_SIZE = Number(process.env.BENCH_INSTRUCTIONS_WARM ?? 40);
/** Calls before the counted ones at the larger sizes. */
const WARM_CALLS = Number(process.env.BENCH_INSTRUCTIONS_WARM_LARGER ?? 6);
/** Calls counted per step and size; the fewest instructions of them is the figure (see the module comment). */
const MEASURED = Number(process.env.BENCH_INSTRUCTIONS_CALLS ?? 2);
/**
 * Posts a counted stretch covers at least: below this size a stretch holds several calls of the step (10 at
 * 5,000 posts), so the markers' own cost, which varies by some 15,000 instructions from one stretch to the next,
 * is shared among them (see the module comment).
 */
const STRETCH_POSTS = Number(process.env.BENCH_INSTRUCTIONS_STRETCH_POSTS ?? 50_000);
type Collect = (options?: { type: "major" | "minor" }) => void;
const gc = (globalThis as { gc?: Collect }).gc;
if (!gc) throw new Error("run node with --expose-gc");
/** A full collection. */
const collect = (): void => gc();
/**
 * Two young-generation collections (scavenges): the first copies what is alive in the young generation, the
 * second promotes it to the old, so after them the young generation holds nothing.
 */
const collectYoung = (): void => {
  gc({ type: "minor" });
  gc({ type: "minor" });
};
/** What the counted calls returned, kept alive until their collections are counted. */
const alive: unknown[] = [];

let dumps = 0;
/** The marker: callgrind dumps its counts when this reaches uv_os_getpriority. */
function mark(label: string): void {
  dumps++;
  process.stdout.write(`dump ${dumps} ${label}\n`);
  getPriority();
}

mark("start");
for (const [i, size] of sizes.entries()) {
  const posts = scaledEstablishment(size);
  if (posts.length !== size) throw new Error(`asked for ${size} posts, got ${posts.length}`);
  const all = steps(posts);
  // One full collection per size, before its steps (see the module comment for why not one per step).
  collect();
  mark(`build ${size}`);
  const calls = Math.max(1, Math.round(STRETCH_POSTS / size));
  // The measurement's own cost at this size: the same markers and collections around no call. The script takes it
  // from each call's count at this size.
  for (let c = 0; c < MEASURED; c++) {
    collectYoung();
    mark(`before ${size} nothing`);
    alive.push(undefined);
    collectYoung();
    mark(`overhead ${size}`);
    alive.length = 0;
  }
  for (const [name, fn] of Object.entries(all)) {
    if (only.length > 0 && !only.includes(name) && !name.startsWith("baseline")) continue;
    const warm = i === 0 ? WARM_CALLS_AT_FIRST_SIZE : WARM_CALLS;
    for (let w = 0; w < warm; w++) fn();
    for (let c = 0; c < MEASURED; c++) {
      collectYoung();
      mark(`before ${size} ${name}`);
      for (let r = 0; r < calls; r++) alive.push(fn());
      collectYoung();
      mark(`call ${size} x${calls} ${name}`);
      alive.length = 0;
    }
  }
}
