import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runs } from "../../test/propertyRuns";
import { SavingsRangeError, commonUnit, parseRangeUnit, parseSavingsRange, rangeGap, rangeMid, rangeText, rangeTotal, savingsRange, type SavingsRange } from "./savingsRanges";

describe("parseSavingsRange", () => {
  it.each([
    ["15-20", 15, 20, null],
    ["£15m-£20m", 15, 20, "£m"],
    ["15 to 20", 15, 20, null],
    ["15–20", 15, 20, null],
    ["15 — 20", 15, 20, null],
    ["12", 12, 12, null],
    ["£15m", 15, 15, "£m"],
    ["£15-20m", 15, 20, "£m"],
    ["2.5-3.75", 2.5, 3.75, null],
    ["£180k-£220k", 180, 220, "£000"],
    ["1,500-2,000", 1500, 2000, null],
    ["-5-10", -5, 10, null],
    [" 15  TO  20 ", 15, 20, null],
  ])("reads %s", (text, low, high, unit) => {
    expect(parseSavingsRange(text)).toEqual({ low, high, unit });
  });
  it.each(["", "abc", "15-", "-", "15-20-25", "£15m-£20k", "15 or 20", "1e5"])("refuses %j", (text) => {
    expect(() => parseSavingsRange(text)).toThrow(SavingsRangeError);
  });
  it.each([
    ["£15-£20m", 15, 20, "£m"],
    ["15-20m", 15, 20, "£m"],
    ["£15m-20", 15, 20, "£m"],
    ["£150-200k", 150, 200, "£000"],
    ["£999-£1,000m", 999, 1000, "£m"],
  ])("carries a unit to a short figure on the other side: %s", (text, low, high, unit) => {
    expect(parseSavingsRange(text)).toEqual({ low, high, unit });
  });
  it.each([
    // Before: refused as low above high ("write the lower figure first (20-15000000)").
    ["£15,000,000-£20m", "£15,000,000 and £20m", "£m (such as £15m-£20m) or both in pounds"],
    // Before: read as £15m to £20,000,000m, and £0.5m to £1,000,000m.
    ["£15m-£20,000,000", "£15m and £20,000,000", "£m (such as £15m-£20m) or both in pounds"],
    ["£0.5m-£1,000,000", "£0.5m and £1,000,000", "£m (such as £15m-£20m) or both in pounds"],
    ["£150,000-£200k", "£150,000 and £200k", "£000 (such as £150k-£200k) or both in pounds"],
    ["15000000 to 20m", "15000000 and 20m", "£m (such as £15m-£20m) or both in pounds"],
    ["£500k-£1m", "£500k and £1m", "the same unit"],
  ])("refuses pounds written in full beside £m or £000, and £000 beside £m: %s", (text, sides, write) => {
    expect(() => parseSavingsRange(text)).toThrow(`"${text}" mixes units: ${sides} are not in the same unit. Write both figures in ${write}.`);
  });
  it("never reads pounds written in full beside £m or £000 as millions or thousands: refused as mixing units (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 999_999_999 }), fc.integer({ min: 1, max: 999 }), fc.constantFrom("m", "k"), fc.boolean(), fc.boolean(), (pounds, short, suffix, poundsFirst, sign) => {
        const full = `${sign ? "£" : ""}${pounds.toLocaleString("en-GB")}`;
        const other = `£${short}${suffix}`;
        expect(() => parseSavingsRange(poundsFirst ? `${full}-${other}` : `${other}-${full}`)).toThrow(/mixes units: .* are not in the same unit/);
      }),
      { numRuns: runs(300) },
    );
  });
  it("refuses 20-15 and says which way round to write it", () => {
    expect(() => parseSavingsRange("20-15")).toThrow(/low figure above its high figure.*15-20/);
  });
  it("throws only SavingsRangeError on arbitrary text (property)", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          const r = parseSavingsRange(s);
          expect(r.low).toBeLessThanOrEqual(r.high);
          expect(Number.isFinite(r.low) && Number.isFinite(r.high)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(SavingsRangeError);
        }
      }),
    );
  });
});

describe("totals, gaps and midpoints", () => {
  const streams = ["15-20", "15-20", "55-65", "10-15", "20-25", "65-75"].map(parseSavingsRange);
  it("reproduces the paper: 180-220, a gap of 21 to 61 against 241, midpoint 200", () => {
    const t = rangeTotal(streams);
    expect([t.low, t.high]).toEqual([180, 220]);
    expect(rangeGap(241, t)).toEqual({ low: 21, high: 61 });
    expect(rangeMid(t)).toBe(200);
    expect(rangeText(t.low, t.high)).toBe("180-220");
    expect(rangeText(t.low, t.high, "£m")).toBe("£180m-£220m");
  });
  it("shows a surplus as negative", () => {
    expect(rangeGap(150, savingsRange(180, 220))).toEqual({ low: -70, high: -30 });
  });
  it("refuses an empty list and mixed units", () => {
    expect(() => rangeTotal([])).toThrow(SavingsRangeError);
    expect(() => rangeTotal([parseSavingsRange("£1m"), parseSavingsRange("£5k")])).toThrow(/mix units/);
    expect(commonUnit([parseSavingsRange("1"), parseSavingsRange("£2m")])).toBe("£m");
  });
  it("refuses pounds mixed with £m or £000, in either order, and says which unit to write", () => {
    const pounds = parseSavingsRange("£15,000,000-£20,000,000");
    expect(pounds).toEqual({ low: 15_000_000, high: 20_000_000, unit: "£" });
    for (const list of [[pounds, parseSavingsRange("£5m-£6m")], [parseSavingsRange("£5m-£6m"), pounds]]) {
      expect(() => rangeTotal(list)).toThrow("The savings ranges mix units (pounds and £m): write them all in £m, such as £15m-£20m rather than £15,000,000-£20,000,000, or all in pounds.");
    }
    expect(() => rangeTotal([parseSavingsRange("£150,000"), parseSavingsRange("£180k-£220k")])).toThrow(/mix units \(pounds and £000\): write them all in £000, such as £150k-£200k/);
    expect(() => rangeTotal([parseSavingsRange("£15"), parseSavingsRange("£5m")])).toThrow(/mix units/);
    // One unit throughout, or figures without a unit beside it, still add up.
    expect(rangeTotal([pounds, parseSavingsRange("£5,000,000-£6,000,000"), parseSavingsRange("1-2")])).toEqual({ low: 20_000_001, high: 26_000_002, unit: "£" });
    expect(rangeTotal([parseSavingsRange("£15-20m"), parseSavingsRange("5-6")])).toEqual({ low: 20, high: 26, unit: "£m" });
  });
  it("a total is in the one unit its ranges are written in, or refused for mixing units (property)", () => {
    const unitText = { "£": (v: number) => `£${v}`, "£m": (v: number) => `£${v}m`, "£000": (v: number) => `£${v}k`, none: (v: number) => `${v}` } as const;
    const written = fc.tuple(fc.constantFrom("£", "£m", "£000", "none") as fc.Arbitrary<keyof typeof unitText>, fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 100 }));
    fc.assert(
      fc.property(fc.array(written, { minLength: 1, maxLength: 8 }), (list) => {
        const ranges = list.map(([u, lo, w]) => parseSavingsRange(`${unitText[u](lo)}-${unitText[u](lo + w)}`));
        const units = new Set(list.map(([u]) => u).filter((u) => u !== "none"));
        if (units.size > 1) {
          expect(() => rangeTotal(ranges)).toThrow(/mix units/);
          return;
        }
        const t = rangeTotal(ranges);
        expect(t.unit).toBe(units.size === 1 ? [...units][0] : null);
        expect([t.low, t.high]).toEqual([list.reduce((s, [, lo]) => s + lo, 0), list.reduce((s, [, lo, w]) => s + lo + w, 0)]);
      }),
      { numRuns: runs(300) },
    );
  });
  const range = fc
    .tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 2 }))
    .map(([lo, width, dp]): SavingsRange => savingsRange(lo / 10 ** dp, (lo + width) / 10 ** dp));
  it("RANGETOTAL of concatenated lists is the sum of their totals (property)", () => {
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: 30 }), fc.array(range, { minLength: 1, maxLength: 30 }), (a, b) => {
        const ab = rangeTotal([...a, ...b]);
        const ta = rangeTotal(a);
        const tb = rangeTotal(b);
        expect(ab.low).toBeCloseTo(ta.low + tb.low, 6);
        expect(ab.high).toBeCloseTo(ta.high + tb.high, 6);
        expect(ab.low).toBeLessThanOrEqual(ab.high);
      }),
    );
  });
  it("round-trips through rangeText for every unit (property)", () => {
    fc.assert(
      fc.property(range, fc.constantFrom(null, "£m" as const, "£000" as const, "£" as const), (r, unit) => {
        const back = parseSavingsRange(rangeText(r.low, r.high, unit));
        expect(back.low).toBe(r.low);
        expect(back.high).toBe(r.high);
        expect(back.unit).toBe(unit);
      }),
    );
  });
  it("gap low + total high = requirement (property)", () => {
    fc.assert(
      fc.property(range, fc.integer({ min: -1000, max: 1000 }), (r, req) => {
        const g = rangeGap(req, r);
        expect(g.low + r.high).toBeCloseTo(req, 6);
        expect(g.high + r.low).toBeCloseTo(req, 6);
        expect(g.low).toBeLessThanOrEqual(g.high);
      }),
    );
  });
});

describe("units", () => {
  it("reads the unit argument", () => {
    expect(parseRangeUnit("£m")).toBe("£m");
    expect(parseRangeUnit("m")).toBe("£m");
    expect(parseRangeUnit("k")).toBe("£000");
    expect(parseRangeUnit("")).toBeNull();
    expect(() => parseRangeUnit("euros")).toThrow(SavingsRangeError);
    expect(() => rangeText(20, 15)).toThrow(SavingsRangeError);
    expect(rangeText(12, 12, "£m")).toBe("£12m");
    expect(rangeText(0.1 + 0.2, 1)).toBe("0.3-1");
  });
});
