import { defineConfig } from "vitest/config";

// `npm run bench`: speed and memory figures, printed and written to bench/results/. No assertions on time.
// --expose-gc lets a bench collect garbage between samples; BENCH_NODE_FLAGS adds node flags for an experiment
// (BENCH_NODE_FLAGS="--max-semi-space-size=128" npm run bench -- bench/scaling.bench.test.ts).
export default defineConfig({
  test: {
    environment: "node",
    include: ["bench/**/*.bench.test.ts"],
    setupFiles: ["./test/setup.ts"],
    testTimeout: 600_000,
    fileParallelism: false,
    execArgv: ["--expose-gc", ...(process.env.BENCH_NODE_FLAGS ?? "").split(/\s+/).filter((f) => f !== "")],
  },
});
