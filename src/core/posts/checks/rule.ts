/** A post-list rule: metadata and a check over the list's analysis (./analysis.ts). */
import type { PostListRuleId, Severity } from "../../findings";
import type { RuleMeta } from "../../rule";
import type { Post, PostField } from "../postList";
import type { PostListAnalysis } from "./analysis";

/** Report a finding of the rule at a post's field; the rule's own severity unless given. */
export type PostReport = (p: Post, field: PostField, message: string, suggestion?: string, severity?: Severity) => void;

export interface PostRule<Id extends PostListRuleId = PostListRuleId> {
  meta: RuleMeta<Id>;
  check(a: PostListAnalysis, report: PostReport): void;
}
