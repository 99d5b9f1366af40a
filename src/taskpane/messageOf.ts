/** An error as a sentence for the pane (re-exported by messages.ts). */
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
