import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cellText, ERROR_VALUES, isErrorValue } from "./sheetSnapshot";

describe("error values and cell text", () => {
  it("every error value starts with # (isErrorValue looks at that first)", () => {
    for (const e of ERROR_VALUES) expect(e.startsWith("#"), e).toBe(true);
  });

  it("property: isErrorValue is exactly membership of Excel's error values", () => {
    const value = fc.oneof(fc.string(), fc.constantFrom(...ERROR_VALUES, "#", "#N/A ", " #N/A", "#n/a", "#NOTANERROR!"), fc.double(), fc.boolean(), fc.constant(null));
    fc.assert(fc.property(value, (v) => isErrorValue(v) === (typeof v === "string" && (ERROR_VALUES as readonly string[]).includes(v))));
  });

  it("property: cellText of text is the text with non-breaking spaces as spaces, trimmed", () => {
    const text = fc.oneof(fc.string(), fc.stringMatching(/^[ a\u00a0\t\n]{0,8}$/));
    fc.assert(fc.property(text, (t) => cellText(t) === t.replace(/\u00a0/g, " ").trim()));
  });
});
