/**
 * A table of valid and invalid post lists for one post-list rule (ESLint RuleTester style). Posts are built
 * in code on rows 1, 2, 3... (Excel rows 2, 3, 4... under a header), in the template's columns: A post id,
 * B title, C grade, D FTE, E reports to, I status. Expected findings are written out by hand.
 */
import { describe, expect, it } from "vitest";
import type { Severity } from "../../../src/core/findings";
import { analysePosts, type PostListCheckOptions } from "../../../src/core/posts/checks/analysis";
import type { PostRule } from "../../../src/core/posts/checks/rule";
import type { Post } from "../../../src/core/posts/postList";
import { runPostRules } from "../../../src/core/posts/postListChecks";
import { post } from "../../fixtures/postLists";

/** Posts from [id, title, grade, reportsTo, extra] rows, numbered from sheet row 2. */
export function list(...rows: [string, string, string, string | null, Partial<Post>?][]): Post[] {
  return rows.map(([id, title, grade, reportsTo, extra], i) => post({ id, title, grade, reportsTo, ...extra }, i + 1));
}

export interface PostCase {
  name: string;
  posts: Post[];
  options?: PostListCheckOptions;
}

export interface PostInvalidCase extends PostCase {
  findings: { cell: string; message?: string | RegExp; severity?: Severity; suggestion?: string | RegExp }[];
}

export function postRuleTester(rule: PostRule, cases: { valid: PostCase[]; invalid: PostInvalidCase[] }): void {
  describe(rule.meta.id, () => {
    it.each(cases.valid.map((c) => [c.name, c] as const))("valid: %s", (_n, c) => {
      expect(runPostRules(analysePosts(c.posts, c.options), [rule])).toEqual([]);
    });
    it.each(cases.invalid.map((c) => [c.name, c] as const))("invalid: %s", (_n, c) => {
      const got = runPostRules(analysePosts(c.posts, c.options), [rule]);
      expect(got.map((f) => f.cell)).toEqual(c.findings.map((f) => f.cell));
      got.forEach((f, i) => {
        const want = c.findings[i];
        expect(f.rule).toBe(rule.meta.id);
        expect(f.sheet).toBe(c.options?.sheet ?? "Post list");
        expect(f.severity).toBe(want.severity ?? rule.meta.severity);
        if (typeof want.message === "string") expect(f.message).toBe(want.message);
        else if (want.message) expect(f.message).toMatch(want.message);
        if (typeof want.suggestion === "string") expect(f.suggestion).toBe(want.suggestion);
        else if (want.suggestion) expect(f.suggestion).toMatch(want.suggestion);
      });
    });
  });
}
