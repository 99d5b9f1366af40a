import { defineConfig } from "vitest/config";

// `npm run bench`: speed and memory figures, printed and written to bench/results/. No assertions on time.
export default defineConfig({
  test: {
    environment: "node",
    include: ["bench/**/*.bench.test.ts"],
    setupFiles: ["./test/setup.ts"],
    testTimeout: 600_000,
    fileParallelism: false,
  },
});
