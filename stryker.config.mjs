// @ts-check
/**
 * Mutation testing of the checks and the post lists (`npm run mutate`; not part of CI). The HTML report goes
 * to reports/mutation/ (git-ignored); `--incremental` reuses reports/stryker-incremental.json so a second run
 * only tests the mutants whose code or tests changed. Two shared cores: one test runner at a time by default
 * (`--concurrency 2` when the machine is free). The TypeScript checker drops mutants that do not compile; it
 * triples the time on two cores, so for a quick look at a few files:
 *   npx stryker run --mutate 'src/core/checks/rules/*.ts' --checkers '' --incrementalFile reports/rules.json
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.mts" },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: ["src/core/checks/**/*.ts", "src/core/posts/**/*.ts", "!src/**/*.test.ts"],
  coverageAnalysis: "perTest",
  // Mutants in module-level constants (regular expressions, tables) run every test: 65% of the time for a
  // fifth of the mutants. They are reported as ignored, not counted in the score.
  ignoreStatic: true,
  concurrency: 1,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["html", "clear-text", "progress", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 85, low: 70, break: null },
  tempDirName: ".stryker-tmp",
  timeoutMS: 20000,
};
