/**
 * The rule registry, the rule files, their tests and docs/rules.md agree. (The compiler checks the registry
 * against the RuleId type: src/core/checks/registry.ts maps every id to a rule whose metadata has that id.)
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSheet } from "../../src/core/checks";
import { RULE_LIST, RULE_TITLES, RULES } from "../../src/core/checks/registry";
import { TABLE_RULES } from "../../src/core/checks/rules";
import { POST_RULES } from "../../src/core/posts/checks/rules";
import { checkPostListSnapshot } from "../../src/core/posts/postListChecks";
import * as B from "../fixtures/budgetSheets";
import { typedPostListSnapshot } from "../fixtures/postLists";

const ruleFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts").map((f) => join(dir, f));
const testSources = ["test/checks/rules", "test/posts/rules"].flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".test.ts")).map((f) => readFileSync(join(d, f), "utf8")));

describe("rule registry", () => {
  it("lists each rule once, under its own id", () => {
    const ids = RULE_LIST.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(RULES).sort());
    for (const [id, meta] of Object.entries(RULES)) {
      expect(meta.id).toBe(id);
      expect(RULE_TITLES[meta.id]).toBe(meta.title);
      expect(meta.description.length).toBeGreaterThan(40);
      expect(meta.bad).not.toBe("");
      expect(meta.good).not.toBe("");
    }
  });

  it("has one file per rule, each with a test file that imports it", () => {
    const files = [...ruleFiles("src/core/checks/rules"), ...ruleFiles("src/core/posts/checks/rules")];
    // Every table and post rule, plus formula-error (whose check is the sheet-wide ../formulaErrors.ts),
    // fte-column-missing and duplicate-column (rules over the list's columns, which postListChecks.ts asks itself).
    expect(files.length).toBe(TABLE_RULES.length + POST_RULES.length + 3);
    for (const f of files) {
      if (f.endsWith("formulaError.ts")) continue;
      const base = f.replace(/^src\//, "").replace(/\.ts$/, "");
      expect(testSources.some((s) => s.includes(`src/${base}"`)), `${f} has a test in test/checks/rules or test/posts/rules`).toBe(true);
    }
  });

  it("docs/rules.md is what scripts/rules-reference.mjs generates from the registry", () => {
    const out = execFileSync(process.execPath, ["scripts/rules-reference.mjs", "--check"], { encoding: "utf8" });
    expect(out).toMatch(/up to date/);
    const md = readFileSync("docs/rules.md", "utf8");
    for (const m of RULE_LIST) expect(md).toContain(`## \`${m.id}\`: ${m.title}`);
  });

  it("every finding on the fixture sheets carries a registered rule id", () => {
    const found = [
      ...checkSheet(B.fixtureSnapshot(B.marketReviewFaulty)),
      ...checkSheet(B.fixtureSnapshot(B.savingsClean)),
      ...(checkPostListSnapshot(typedPostListSnapshot()) ?? []),
    ];
    expect(found.length).toBeGreaterThan(5);
    for (const f of found) expect(Object.keys(RULES)).toContain(f.rule);
  });
});
