/** Row heights for wrapped text (src/workbook/rowHeights.ts): the one-line shortcut changes no estimate. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { estimateLines } from "../../src/workbook/rowHeights";

/** estimateLines as it was before the shortcut for short one-line texts, kept here as the oracle. */
function estimateLinesWithoutShortcut(text: string, widthChars: number, scale = 1): number {
  const usable = Math.max(1, widthChars - 1) / scale;
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let used = 0;
    let count = 1;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= usable) used = need;
      else if (word.length > usable) {
        count += (used === 0 ? 0 : 1) + Math.ceil(word.length / usable) - 1;
        used = word.length % usable || usable;
      } else {
        count++;
        used = word.length;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}

describe("estimateLines", () => {
  it("property: the same estimate as without the one-line shortcut", () => {
    const text = fc.array(fc.constantFrom("a", "word", "longerword", " ", "  ", "\t", "\n", "\r", "\r\n", "\u00a0", "Service 12345"), { maxLength: 20 }).map((ps) => ps.join(""));
    fc.assert(
      fc.property(text, fc.double({ min: 0, max: 80, noNaN: true }), fc.constantFrom(1, 1.1, 10 / 11, 14 / 11, (14 / 11) * 1.1), (t, width, scale) => {
        expect(estimateLines(t, width, scale)).toBe(estimateLinesWithoutShortcut(t, width, scale));
      }),
    );
  });

  it("wraps at spaces and splits only words longer than the line", () => {
    expect(estimateLines("Service 12345", 30)).toBe(1);
    expect(estimateLines("one two three four", 9)).toBe(3);
    expect(estimateLines("a\nb\n\nc", 30)).toBe(4);
    expect(estimateLines("x".repeat(25), 11)).toBe(3);
  });
});
