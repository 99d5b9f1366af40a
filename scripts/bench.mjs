// `npm run bench`: every bench file under bench/ (or the files named: `npm run bench -- bench/pane.bench.test.ts`),
// then one table of issue 15's goals, each as a ratio to its bound, read from what the bench files just wrote to
// bench/results/. The table is written to bench/results/goals.json. A goal whose bench file did not run in this
// invocation is shown as "not measured in this run", never with an older figure. With no files named, the
// instruction counts of the core post-list steps follow (scripts/benchInstructions.mjs, about 35 to 60 minutes under
// valgrind; BENCH_INSTRUCTIONS=0 leaves them out).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { goalRows } from "./benchGoals.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const results = path.join(root, "bench", "results");
const started = Date.now();
const files = process.argv.slice(2);
const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
const run = spawnSync(process.execPath, [vitest, "run", "--config", "vitest.bench.config.mts", ...files], {
  cwd: root,
  stdio: "inherit",
  // The Excel bench's check report at 100,000 lines is part of the sync goal, so the full sizes are the default.
  env: { ...process.env, BENCH_EXCEL_SIZES: process.env.BENCH_EXCEL_SIZES ?? "full" },
});
if (files.length === 0 && process.env.BENCH_INSTRUCTIONS !== "0") {
  spawnSync(process.execPath, [path.join(root, "scripts", "benchInstructions.mjs")], { cwd: root, stdio: "inherit" });
}

/** A results file written by this run, or null (absent, or left from an earlier run). */
function fresh(name) {
  const file = path.join(results, name);
  if (!existsSync(file) || statSync(file).mtimeMs < started) return null;
  return JSON.parse(readFileSync(file, "utf8"));
}

const rows = goalRows({
  excel: fresh("excel.json"),
  workbookScale: fresh("workbook-scale.json"),
  functions: fresh("functions.json"),
  scaling: fresh("scaling.json"),
  instructions: fresh("instructions.json"),
  pane: fresh("pane.json"),
});
const pad = (s, n) => String(s).padEnd(n);
console.log("\nIssue 15 goals (ratio = measured / bound; at most 1 meets the goal)");
const gw = Math.max(...rows.map((r) => r.goal.length));
const mw = Math.max(8, ...rows.map((r) => String(r.measured ?? "-").length));
console.log(`${pad("goal", gw)} | ${pad("measured", mw)} | ${pad("bound", 9)} | ${pad("ratio", 5)} | result`);
for (const r of rows) {
  console.log(`${pad(r.goal, gw)} | ${pad(r.measured ?? "-", mw)} | ${pad(r.bound, 9)} | ${pad(r.ratio ?? "-", 5)} | ${r.status}${r.note ? ` (${r.note})` : ""}`);
}
mkdirSync(results, { recursive: true });
writeFileSync(path.join(results, "goals.json"), `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, goals: rows }, null, 2)}\n`);
process.exit(run.status ?? 1);
