/** Turning errors into sentences for the pane. */
import { RULE_TITLES } from "../core/checks/report";
import type { Finding } from "../core/findings";

/** The rule's title, looked up by id through core's export (a rule the pane does not know shows its id). */
export function ruleTitle(f: Finding): string {
  return (RULE_TITLES as Record<string, string | undefined>)[f.rule] ?? f.rule;
}

/** The message of an error, as a user can read it. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    if (code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded") {
      return "Excel refused the request because it was too large. Try a smaller range or one sheet at a time.";
    }
    return e.message || e.name;
  }
  return typeof e === "string" ? e : "Something went wrong.";
}

