// `npm run fuzz`: every property-based test file (those that import fast-check) under a fresh random seed
// and FUZZ_FACTOR (default 10) times the runs of `npm test`. The seed is printed first; a failure prints
// its seed and shrunk counterexample. Rerun one with `npm run fuzz -- --seed 123456 [files...]`.
// See test/propertyRuns.ts for how `npm test` keeps a fixed seed.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const seedAt = args.indexOf("--seed");
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isSafeInteger(seed)) {
  console.error("--seed needs a whole number, e.g. npm run fuzz -- --seed 434446397");
  process.exit(2);
}
const named = seedAt < 0 ? args : args.filter((_, i) => i !== seedAt && i !== seedAt + 1);

function propertyTestFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...propertyTestFiles(full));
    else if (/\.test\.tsx?$/.test(name) && readFileSync(full, "utf8").includes('from "fast-check"')) out.push(path.relative(root, full));
  }
  return out;
}

const files = named.length > 0 ? named : [...propertyTestFiles(path.join(root, "src")), ...propertyTestFiles(path.join(root, "test"))];
const factor = process.env.FUZZ_FACTOR ?? "10";
console.log(`Fuzzing ${files.length} test files with seed ${seed} and ${factor}x the runs of npm test.`);
console.log(`To repeat this run: npm run fuzz -- --seed ${seed}${named.length ? " " + named.join(" ") : ""}`);
const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
// Each property runs FUZZ_FACTOR times as often, so each test gets that many times the 60 s of vitest.config.mts:
// a slow or shared machine then finds faults, not timeouts (layoutCells' property took 83 s beside a benchmark).
const timeout = Math.max(1, Number(factor) || 1) * 60_000;
const result = spawnSync(process.execPath, [vitest, "run", `--testTimeout=${timeout}`, ...files], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, FUZZ: "1", FC_SEED: String(seed), FUZZ_FACTOR: factor },
});
if (result.status !== 0) {
  console.error(`\nFuzzing failed with seed ${seed}. Rerun with: npm run fuzz -- --seed ${seed}`);
  console.error("Then keep the shrunk counterexample printed above as an ordinary test.");
}
process.exit(result.status ?? 1);
