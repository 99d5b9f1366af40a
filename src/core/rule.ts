/**
 * What a rule declares about itself, for the registry (src/core/checks/registry.ts), the task pane's and
 * the check report's titles, and the generated docs/rules.md. Each rule is one file exporting one of these
 * with its check: src/core/checks/rules/*.ts (budget and savings sheets) and src/core/posts/checks/rules/*.ts
 * (post lists).
 */
import type { RuleId, Severity } from "./findings";

export type RuleScope = "budget sheets" | "savings sheets" | "post lists" | "any sheet";

export interface RuleMeta<Id extends RuleId = RuleId> {
  id: Id;
  /** A short title for lists and the check report ("Total typed as a number"). */
  title: string;
  /** The rule's severity; `alsoAs` lists the severities some of its findings take instead, with why. */
  severity: Severity;
  alsoAs?: readonly { severity: Severity; when: string }[];
  appliesTo: readonly RuleScope[];
  /** One paragraph: what the rule finds and why it matters to the person reading the sheet. */
  description: string;
  /** A sheet the rule flags, in a few words or cells. */
  bad: string;
  /** The same sheet put right. */
  good: string;
}
