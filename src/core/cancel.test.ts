import { describe, expect, it } from "vitest";
import { abortError, isAbortError, throwIfAborted } from "./cancel";

describe("cancellation", () => {
  it("builds an AbortError with the message", () => {
    const e = abortError("Stopped.");
    expect(e.name).toBe("AbortError");
    expect(e.message).toBe("Stopped.");
    expect(abortError().message).toBe("The check was cancelled.");
    expect(isAbortError(e)).toBe(true);
    expect(isAbortError(new Error("x"))).toBe(false);
    expect(isAbortError("AbortError")).toBe(false);
    expect(isAbortError(null)).toBe(false);
  });
  it("throwIfAborted does nothing until the signal fires, then throws its reason", () => {
    const c = new AbortController();
    expect(() => throwIfAborted(c.signal)).not.toThrow();
    expect(() => throwIfAborted(undefined)).not.toThrow();
    const reason = new Error("user pressed Cancel");
    c.abort(reason);
    expect(() => throwIfAborted(c.signal)).toThrow(reason);
    const d = new AbortController();
    d.abort("not an error");
    expect(() => throwIfAborted(d.signal, "Stopped.")).toThrow("Stopped.");
  });
});
