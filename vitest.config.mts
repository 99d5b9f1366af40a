import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "test/**/*.test.tsx"],
    setupFiles: ["./test/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and LibreOffice tests start real programs: keep them from competing for the 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
