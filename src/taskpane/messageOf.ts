/** An error as a sentence for the pane (re-exported by messages.ts). */
import { CHUNK_FAILED_ADVICE, isChunkLoadError } from "./retryLoad";
/** The message of an error, as a user can read it. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    if (code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded") {
      return "Excel refused the request because it was too large. Try a smaller range or one sheet at a time.";
    }
    // A part of the pane that could not be fetched: webpack's message names a chunk and a URL.
    if (isChunkLoadError(e)) return `A part of Budget Tools could not be loaded. ${CHUNK_FAILED_ADVICE}`;
    return e.message || e.name;
  }
  return typeof e === "string" ? e : "Something went wrong.";
}
