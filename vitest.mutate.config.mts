import { defineConfig } from "vitest/config";

/**
 * The tests StrykerJS runs against each mutant of src/core/checks and src/core/posts (`npm run mutate`):
 * the core unit tests and the checker and post-list tests, without the browser, LibreOffice and build tests
 * that start real programs.
 */
export default defineConfig({
  test: {
    environment: "node",
    include: ["src/core/**/*.test.ts", "test/checks/**/*.test.ts", "test/posts/**/*.test.ts"],
    exclude: ["test/checks/readXlsxBrowser.test.ts", "test/checks/fuzz.test.ts", "**/node_modules/**"],
    setupFiles: ["./test/setup.ts"],
    testTimeout: 60_000,
  },
});
