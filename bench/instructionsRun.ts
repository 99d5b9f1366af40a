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
 * inputs built and the step run, uncounted: 40 calls at the smallest size, for the optimising compiler, and three
 * at the larger ones. Not a full collection before each step: it deoptimises compiled code that refers to objects
 * it frees (V8's --trace-deopt: "marking dependent code ... for deoptimization, reason: weak objects"), so the
 * calls after it ran unoptimised code at 5,000 and 50,000 posts (computeSlotting at 50,000: 9.6 M instructions in
 * one call, 176 M in the next, which compiled it), and V8 sweeps the collected heap lazily as later allocations
 * need its pages, in the calls just after it. Then two calls are counted; the script takes the fewer
 * instructions of the two, as a call may still include compiling a function (with --single-threaded V8 compiles
 * on the main thread) or a deoptimisation. The counts include the collector's work in the call: scavenges of
 * what the step makes and keeps (at 500,000 posts a step that makes an object per post outgrows the young
 * generation, as the baseline that does only that shows) and any full collection that falls in it.
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
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

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
  for (const [name, fn] of Object.entries(all)) {
    if (only.length > 0 && !only.includes(name) && !name.startsWith("baseline")) continue;
    const warm = i === 0 ? WARM_CALLS_AT_FIRST_SIZE : WARM_CALLS;
    for (let w = 0; w < warm; w++) fn();
    for (let c = 0; c < MEASURED; c++) {
      mark(`before ${size} ${name}`);
      fn();
      mark(`call ${size} ${name}`);
    }
  }
}
