// `npm run bench:instructions`: how the instructions each core post-list step executes grow per tenfold of posts
// (5,000 -> 50,000 -> 500,000), counted by valgrind's callgrind. The CPU-time growth in bench/scaling.bench.test.ts
// includes the memory hierarchy's: a plain read of every post grows 12-17x per tenfold there, because 5,000 posts
// fit the CPU's caches and 500,000 do not. An instruction count does not depend on where the data sits, nor on
// the machine's load, so its growth is the code's work: a linear step's count grows about tenfold, a step doing
// quadratic work a hundredfold. Each count includes the collector's copying of what the call keeps, at every
// size, and leaves out the measurement's own cost (see bench/instructionsRun.ts); the table shows the collector's
// share per post beside each step's, and a baseline that only makes one object per post shows what that share is
// for the least a step that keeps an object per post can do.
//
// Options: BENCH_INSTRUCTIONS_SIZES=5000,50000 (default 5000,50000,500000); BENCH_INSTRUCTIONS_STEPS=a,b (with
// the baselines); BENCH_INSTRUCTIONS_NODE_FLAGS for extra node flags in an experiment. Writes
// bench/results/instructions.json (read by scripts/benchGoals.mjs). Needs valgrind (Debian package `valgrind`);
// without it, says so and writes nothing. About 35 minutes at 500,000 posts on a 2-core machine, and up to an hour
// on a slower one (readPostList's calls at 500,000 posts are a quarter of it).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BOUND = 11;
const sizes = (process.env.BENCH_INSTRUCTIONS_SIZES ?? "5000,50000,500000").split(",").map((s) => Number(s.trim()));
const only = process.env.BENCH_INSTRUCTIONS_STEPS ?? "";
// Growth needs two sizes at least, each a whole number of posts, smallest first.
if (sizes.length < 2 || sizes.some((n, i) => !Number.isInteger(n) || n < 1 || (i > 0 && n <= sizes[i - 1]))) {
  console.log(`bench:instructions: BENCH_INSTRUCTIONS_SIZES must list two or more numbers of posts, smallest first (such as 5000,50000); got "${process.env.BENCH_INSTRUCTIONS_SIZES}".`);
  process.exit(1);
}
// Extra node flags for an experiment, e.g. BENCH_INSTRUCTIONS_NODE_FLAGS="--max-semi-space-size=256".
const nodeFlags = (process.env.BENCH_INSTRUCTIONS_NODE_FLAGS ?? "").split(/\s+/).filter((f) => f !== "");

/**
 * V8's garbage collector, by the names of its C++ functions: the heap and its spaces, the scavenger, marking,
 * compaction and sweeping, the visitors they walk objects with, the write barrier's remembered sets, and the job
 * threads a collection runs its work on (with --single-threaded, on the main thread). Compiled JavaScript has no
 * names here, so it never matches.
 */
const COLLECTOR =
  /v8::internal::(Heap\b|Scaveng|\w*Mark(ing|Compact)|\w*Sweep|Evacuat|IncrementalMarking|ConcurrentMarking|Pretenuring|MemoryAllocator|RememberedSet|SlotSet|TypedSlotSet|MemoryChunk|BasicMemoryChunk|Page::|SemiSpace|NewSpace|PagedSpace|\w*LargeObjectSpace|FreeList|GCTracer|HeapObject::SizeFromMap|BodyDescriptor|GlobalHandles::|LocalHeap|\w*Safepoint|EphemeronHashTable)|^heap::base::|^cppgc::|Visitor|v8::platform::DefaultJob/;

/**
 * The instructions a callgrind dump counts in V8's collector: the self cost of every function COLLECTOR names.
 * Self costs, not the costs of calls into the collector: each instruction is counted once, where it ran, and no
 * call can be counted twice (the collector calls out to helpers that call back into it). A helper the collector
 * shares with other code (memcpy) counts as the step's. The dump's names are compressed: "fn=(12) name" the first
 * time, "fn=(12)" after; the line after "calls=" is a call's inclusive cost and is not the caller's own.
 */
function collectorInstructions(text) {
  const names = new Map();
  let inCollector = false;
  let callCost = false;
  let total = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("fn=") || line.startsWith("cfn=")) {
      const m = /^c?fn=\((\d+)\)(?: (.*))?$/.exec(line);
      if (!m) continue;
      if (m[2] !== undefined) names.set(m[1], m[2]);
      if (line.startsWith("fn=")) {
        inCollector = COLLECTOR.test(names.get(m[1]) ?? "");
        callCost = false;
      }
    } else if (line.startsWith("calls=")) {
      callCost = true;
    } else if (/^[0-9+*-]/.test(line)) {
      if (callCost) callCost = false;
      else if (inCollector) total += Number(line.split(" ")[1]);
    }
  }
  return total;
}

const probe = spawnSync("valgrind", ["--version"], { encoding: "utf8" });
if (probe.status !== 0) {
  console.log("bench:instructions: valgrind is not installed (Debian: apt-get install valgrind); nothing measured.");
  process.exit(0);
}
const valgrindVersion = probe.stdout.trim();

const work = mkdtempSync(path.join(tmpdir(), "bench-instructions-"));
const started = Date.now();
try {
  // The runner, bundled for node (rolldown comes with vite).
  const { build } = await import("rolldown");
  const runner = path.join(work, "run.mjs");
  await build({ input: path.join(root, "bench", "instructionsRun.ts"), platform: "node", logLevel: "silent", output: { file: runner, format: "esm" } });

  const base = path.join(work, "cg.out");
  const args = [
    "--tool=callgrind",
    // V8 writes machine code and patches it: valgrind must watch for code written anywhere but in a file.
    "--smc-check=all-non-file",
    "--dump-before=uv_os_getpriority",
    `--callgrind-out-file=${base}`,
    process.execPath,
    "--single-threaded",
    "--expose-gc",
    ...nodeFlags,
    runner,
    sizes.join(","),
    only,
  ];
  const labels = new Map();
  const child = spawn("valgrind", args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => {
    out += d;
    const lines = out.split("\n");
    out = lines.pop() ?? "";
    for (const line of lines) {
      const m = /^dump (\d+) (.*)$/.exec(line);
      if (m) {
        labels.set(Number(m[1]), m[2]);
        if (m[2].startsWith("call ")) process.stderr.write(`  ${m[2]} (${Math.round((Date.now() - started) / 1000)} s)\n`);
      }
    }
  });
  child.stderr.on("data", (d) => (err += d));
  const code = await new Promise((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`valgrind exited with ${code}:\n${err.slice(-2000)}`);

  // Each numbered dump holds the counts since the one before: "summary: <instructions>".
  const counts = new Map();
  const collected = new Map(); // dump -> the collector's instructions in it
  for (const name of readdirSync(work)) {
    const m = /^cg\.out\.(\d+)$/.exec(name);
    if (!m) continue;
    const text = readFileSync(path.join(work, name), "utf8");
    const s = /^summary:\s*(\d+)/m.exec(text) ?? /^totals:\s*(\d+)/m.exec(text);
    if (s) counts.set(Number(m[1]), Number(s[1]));
    collected.set(Number(m[1]), collectorInstructions(text));
  }
  const perCall = new Map(); // step -> size -> instructions
  const allCalls = new Map(); // step -> size -> every call's instructions
  const collectorOf = new Map(); // step -> size -> the collector's instructions in the call counted
  const callsAt = new Map(); // size -> calls in each counted stretch
  // The measurement's own cost at each size (the markers and the scavenges around no call, see
  // bench/instructionsRun.ts): the fewest counted, and the collector's share of that.
  const overhead = new Map(); // size -> { instructions, collector }: the step's part and the collector's
  const parts = (n, label) => {
    const counted = counts.get(n);
    if (counted === undefined) throw new Error(`no counts for dump ${n} (${label})`);
    const collector = collected.get(n);
    return { instructions: counted - collector, collector };
  };
  for (const [n, label] of labels) {
    const m = /^overhead (\d+)$/.exec(label);
    if (!m) continue;
    const size = Number(m[1]);
    const own = parts(n, label);
    if (own.instructions < (overhead.get(size)?.instructions ?? Infinity)) overhead.set(size, own);
  }
  for (const [n, label] of labels) {
    // "call <posts> x<calls> <step>": a stretch of that many calls (see bench/instructionsRun.ts).
    const m = /^call (\d+) x(\d+) (.+)$/.exec(label);
    if (!m) continue;
    const size = Number(m[1]);
    const calls = Number(m[2]);
    callsAt.set(size, calls);
    const cost = overhead.get(size);
    if (cost === undefined) throw new Error(`no overhead counted at ${size} posts`);
    const counted = parts(n, label);
    // Per call. Never below one instruction: a step too small to count beside the overhead shows as 1, not as 0
    // or less.
    const ir = Math.max(1, Math.round((counted.instructions - cost.instructions) / calls));
    const step = m[3];
    if (!perCall.has(step)) perCall.set(step, new Map());
    const bySize = perCall.get(step);
    // The fewest of the stretches counted (the others may include compiling or a deoptimisation), the
    // collector's work in that stretch, each per call, and every count.
    if (ir < (bySize.get(size) ?? Infinity)) {
      bySize.set(size, ir);
      if (!collectorOf.has(step)) collectorOf.set(step, new Map());
      collectorOf.get(step).set(size, Math.max(0, Math.round((counted.collector - cost.collector) / calls)));
    }
    if (!allCalls.has(step)) allCalls.set(step, new Map());
    if (!allCalls.get(step).has(size)) allCalls.get(step).set(size, []);
    allCalls.get(step).get(size).push(ir);
  }

  const k = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1000 ? `${n / 1000}k` : String(n));
  const fix = (x, d) => +x.toFixed(d);
  const tenfolds = sizes.slice(1).map((to, i) => ({ from: sizes[i], to }));
  const steps = [...perCall].map(([step, bySize]) => {
    const collector = collectorOf.get(step);
    const perTenfold = tenfolds.map((t) => {
      const scale = 10 / (t.to / t.from);
      const growth = (bySize.get(t.to) / bySize.get(t.from)) * scale;
      // With the collector's instructions in: not the goal's measure (see bench/instructionsRun.ts), shown beside it.
      const withCollector = ((bySize.get(t.to) + collector.get(t.to)) / (bySize.get(t.from) + collector.get(t.from))) * scale;
      return { from: t.from, to: t.to, growth: fix(growth, 2), ratioToBound: fix(growth / BOUND, 2), withCollector: fix(withCollector, 2) };
    });
    const worst = perTenfold.reduce((a, g) => (g.growth > a.growth ? g : a));
    return {
      step,
      instructions: Object.fromEntries(sizes.map((n) => [k(n), bySize.get(n)])),
      perPost: Object.fromEntries(sizes.map((n) => [k(n), fix(bySize.get(n) / n, 1)])),
      collectorPerPost: Object.fromEntries(sizes.map((n) => [k(n), fix(collector.get(n) / n, 1)])),
      calls: Object.fromEntries(sizes.map((n) => [k(n), allCalls.get(step).get(n)])),
      perTenfold,
      growth: worst.growth,
      ratioToBound: worst.ratioToBound,
    };
  });
  const stepRows = steps.filter((s) => !s.step.startsWith("baseline"));
  const worst = stepRows.reduce((a, s) => (s.ratioToBound > a.ratioToBound ? s : a));
  const worstTenfold = worst.perTenfold.reduce((a, g) => (g.growth > a.growth ? g : a));

  console.log(`\nInstructions per call outside V8's collector (callgrind, node --single-threaded) and growth per tenfold of posts`);
  console.log(`${"step".padEnd(30)}${sizes.map((n) => k(n).padStart(15)).join("")}${tenfolds.map((t) => `${k(t.from)}->${k(t.to)}`.padStart(12)).join("")}   per post (and the collector's); growth with the collector's`);
  for (const s of steps) {
    const ir = sizes.map((n) => String(s.instructions[k(n)]).padStart(15)).join("");
    const g = s.perTenfold.map((p) => `${p.growth}x`.padStart(12)).join("");
    const perPost = sizes.map((n) => `${s.perPost[k(n)]} (${s.collectorPerPost[k(n)]})`).join(" / ");
    console.log(`${s.step.padEnd(30)}${ir}${g}   ${perPost}; ${s.perTenfold.map((p) => `${p.withCollector}x`).join(" / ")}`);
  }
  console.log(`The measurement's own cost, taken from each count: ${sizes.map((n) => `${overhead.get(n).instructions} (${overhead.get(n).collector})`).join(" / ")} instructions (markers and two scavenges around no call)`);
  console.log(`GOAL every core post-list step linear, in instructions outside the collector: worst ${worst.step} grows ${worst.growth}x per tenfold (${k(worstTenfold.from)}->${k(worstTenfold.to)}) = ${worst.ratioToBound} of the 11x bound`);
  mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  writeFileSync(
    path.join(root, "bench", "results", "instructions.json"),
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        node: process.version,
        valgrind: valgrindVersion,
        flags: ["--single-threaded", "--expose-gc", ...nodeFlags],
        posts: sizes,
        // The markers and scavenges counted around no call at each size, taken from every count (bench/instructionsRun.ts).
        overhead: Object.fromEntries(sizes.map((n) => [k(n), overhead.get(n)])),
        // Calls of each step in a counted stretch at each size; every figure is per call.
        callsPerStretch: Object.fromEntries(sizes.map((n) => [k(n), callsAt.get(n)])),
        bound: BOUND,
        worst: worst.step,
        worstRatio: worst.ratioToBound,
        worstGrowth: worst.growth,
        worstTenfold: { from: worstTenfold.from, to: worstTenfold.to },
        seconds: Math.round((Date.now() - started) / 1000),
        steps,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
