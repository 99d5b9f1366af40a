/** Turning errors into sentences for the pane. */
import { RULE_TITLES } from "../core/checks/report";
import type { Finding } from "../core/findings";

// Kept in its own module so that the first screen (useTask) does not load every rule's title.
export { messageOf } from "./messageOf";

/** The rule's title, looked up by id through core's export (a rule the pane does not know shows its id). */
export function ruleTitle(f: Finding): string {
  return (RULE_TITLES as Record<string, string | undefined>)[f.rule] ?? f.rule;
}

