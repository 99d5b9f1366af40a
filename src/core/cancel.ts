/**
 * Cancellation: the one way core code builds and recognises the error a cancelled long task ends with (a
 * DOMException named "AbortError" where the platform has one, else an Error with that name).
 */

/** The error a cancelled check or read rejects with. */
export function abortError(message = "The check was cancelled."): Error {
  if (typeof DOMException === "function") return new DOMException(message, "AbortError");
  const e = new Error(message);
  e.name = "AbortError";
  return e;
}

/** True for an error from a cancelled task (ours, or the platform's AbortSignal reason). */
export function isAbortError(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "AbortError";
}

/** Throws the signal's reason (when it is an Error) or an AbortError once the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, message?: string): void {
  if (!signal?.aborted) return;
  const reason: unknown = signal.reason;
  if (reason instanceof Error) throw reason;
  throw abortError(message);
}
