import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatMoney, parseAmountText, roundPence, samePence, tidy } from "./money";
import { runs } from "../../test/propertyRuns";
import { partYearEffect } from "./partYear";

describe("formatMoney", () => {
  it("prints amounts as the papers do", () => {
    expect(formatMoney(133000)).toBe("£133,000");
    expect(formatMoney(-229000)).toBe("-£229,000");
    expect(formatMoney(15_000_000, "£m")).toBe("£15m");
    expect(formatMoney(1_250_000, "£m")).toBe("£1.3m");
    expect(formatMoney(15_125_000, "£000")).toBe("£15,125k");
    expect(formatMoney(-0.4)).toBe("£0");
  });

  it("refuses NaN and Infinity rather than printing them", () => {
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
    expect(() => formatMoney(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("parseAmountText", () => {
  it("reads amounts typed as text in budget sheets", () => {
    expect(parseAmountText("£15,125,000")?.pounds).toBe(15_125_000);
    expect(parseAmountText("15,125,000 ")?.pounds).toBe(15_125_000);
    expect(parseAmountText("(1,234)")?.pounds).toBe(-1234);
    expect(parseAmountText("-£229,000")?.pounds).toBe(-229_000);
    expect(parseAmountText("1.2m")).toEqual({ value: 1.2, unit: "£m", pounds: 1_200_000 });
    expect(parseAmountText("£2.5k")?.pounds).toBe(2500);
    expect(parseAmountText("£15m")?.unit).toBe("£m");
  });

  it("reads a minus sign after the £ and spaces between thousands, as officers type them", () => {
    expect(parseAmountText("£-1,800,000")).toEqual({ value: -1_800_000, unit: "£", pounds: -1_800_000 });
    expect(parseAmountText("£ −229,000")?.pounds).toBe(-229_000);
    expect(parseAmountText("1 200")).toEqual({ value: 1200, unit: null, pounds: 1200 });
    expect(parseAmountText("15 125 000")?.pounds).toBe(15_125_000);
    expect(parseAmountText("£15\u00a0125\u00a0000.50")?.pounds).toBe(15_125_000.5);
    expect(parseAmountText("-£1 800 000")?.pounds).toBe(-1_800_000);
  });

  it("refuses text that could be read more than one way", () => {
    for (const t of ["1 20", "12 3456", "1234 567", "1 200,000", "1,200 00", "1  200", "-£-1,800", "(£-1,800)", "£1 2", "1 200 000 0"]) {
      expect(parseAmountText(t), t).toBeNull();
    }
  });

  it("reads any whole amount written with spaces between thousands, its minus before or after the £ (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom("", "£"), fc.constantFrom("before", "after"), (n, gbp, where) => {
        const digits = Math.abs(n).toLocaleString("en-GB").replace(/,/g, " ");
        const sign = n < 0 ? "-" : "";
        const text = where === "before" ? `${sign}${gbp}${digits}` : `${gbp}${sign}${digits}`;
        expect(parseAmountText(text)?.pounds, text).toBe(n);
      }),
      { numRuns: runs(300) },
    );
  });

  it("refuses digits separated by spaces unless every group after the first has three digits (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.array(fc.integer({ min: 0, max: 99_999 }), { minLength: 1, maxLength: 4 }), fc.nat(3), (first, groups, bad) => {
        const parts = groups.map((g) => String(g).padStart(3, "0"));
        const k = bad % parts.length;
        // One group one digit short or long of three.
        parts[k] = parts[k].length === 3 ? parts[k].slice(1) : parts[k];
        if (parts.every((p) => p.length === 3)) return;
        const text = [String(first), ...parts].join(" ");
        expect(parseAmountText(text), text).toBeNull();
      }),
      { numRuns: runs(300) },
    );
  });

  it("does not mistake words, dates or ranges for amounts", () => {
    for (const t of ["", "Libraries", "15-20", "01/04/2024", "£", "(12", "--5", "1,23,4", "12bn"]) {
      expect(parseAmountText(t), t).toBeNull();
    }
  });

  it("reads back any whole-pound amount formatted with formatMoney", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const parsed = parseAmountText(formatMoney(n));
        return parsed !== null && samePence(parsed.pounds, n);
      }),
    );
  });

  it("never returns NaN or Infinity for any text", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const p = parseAmountText(s);
        return p === null || (Number.isFinite(p.value) && Number.isFinite(p.pounds));
      }),
    );
  });
});

describe("tidy", () => {
  it.each([
    [0.1 + 0.2, 0.3],
    [-0, 0],
    [-(0.1 + 0.2) + 0.3, 0],
    [15_125_000 + 0.1 + 0.2, 15_125_000.3],
    [241 - 220, 21],
    [1e20, 1e20],
    [Infinity, Infinity],
  ])("%d -> %d", (x, y) => expect(Object.is(tidy(x), y)).toBe(true));
});

describe("roundPence", () => {
  it("rounds a half penny away from zero, as Excel's ROUND(x, 2) does, even where binary cannot hold the half", () => {
    expect(104_197 * 0.145).toBeLessThan(15_108.565); // binary holds 15,108.564999…
    expect(roundPence(104_197 * 0.145)).toBe(15_108.57);
    expect(roundPence(104_197 * 0.005)).toBe(520.99); // 520.985
    expect(roundPence(-104_197 * 0.145)).toBe(-15_108.57);
    expect(roundPence(1.005)).toBe(1.01); // 1.00499999… in binary
    expect(roundPence(-0.005)).toBe(-0.01);
    expect(roundPence(-0.004)).toBe(0);
    expect(Object.is(roundPence(-0.001), 0)).toBe(true);
    expect(roundPence(0.1 + 0.2)).toBe(0.3);
    expect(roundPence(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it("a part-year amount rounds the same way for a saving and a cost", () => {
    const d = new Date(Date.UTC(2024, 9, 1));
    expect(partYearEffect(-133_000.01, d, 2024, "months")).toBe(-partYearEffect(133_000.01, d, 2024, "months"));
  });

  it("every amount of whole pence and a half, typed in decimal, rounds up in size; negative amounts mirror positive ones (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), fc.boolean(), (pence, negative) => {
        const half = Number(`${negative ? "-" : ""}${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, "0")}5`);
        const up = (pence + 1) / 100;
        expect(roundPence(half)).toBe(negative ? -up : up);
        expect(roundPence(-half)).toBe(-roundPence(half) || 0);
      }),
      { numRuns: runs(500) },
    );
  });
});
