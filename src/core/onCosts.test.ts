import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { onCosts, postCost, postCostBreakdown, pensionRateFraction, OnCostInputError } from "./onCosts";
import { DEFAULT_EMPLOYER_PENSION_RATE, FIRST_RATES_YEAR, LAST_RATES_YEAR, ON_COST_RATES, OnCostRatesNotAvailableError, onCostRatesFor } from "./onCostRates";

describe("on-cost rates", () => {
  it("covers every year 2011/12 to 2026/27 and nothing else", () => {
    expect(FIRST_RATES_YEAR).toBe(2011);
    expect(LAST_RATES_YEAR).toBe(2026);
    for (let y = 2011; y <= 2026; y++) expect(ON_COST_RATES.has(y)).toBe(true);
    expect(() => onCostRatesFor(2010)).toThrow(OnCostRatesNotAvailableError);
    expect(() => onCostRatesFor(2027)).toThrow(/2011\/12 to 2026\/27.*2027\/28/);
  });
  it("has the known rates and thresholds", () => {
    expect(onCostRatesFor(2011)).toMatchObject({ employerNiRate: 0.138, secondaryThreshold: 7_072, apprenticeshipLevyRate: 0 });
    expect(onCostRatesFor(2016).apprenticeshipLevyRate).toBe(0);
    expect(onCostRatesFor(2017)).toMatchObject({ employerNiRate: 0.138, secondaryThreshold: 8_164, apprenticeshipLevyRate: 0.005 });
    expect(onCostRatesFor(2022)).toMatchObject({ employerNiRate: 0.1453, secondaryThreshold: 9_100 });
    expect(onCostRatesFor(2023)).toMatchObject({ employerNiRate: 0.138, secondaryThreshold: 9_100 });
    expect(onCostRatesFor(2025)).toMatchObject({ employerNiRate: 0.15, secondaryThreshold: 5_000 });
    expect(onCostRatesFor(2026)).toMatchObject({ employerNiRate: 0.15, secondaryThreshold: 5_000 });
  });
  it("thresholds never fall except in April 2025, rates stay within 13.8%-15.05%", () => {
    for (let y = 2012; y <= 2026; y++) {
      const r = onCostRatesFor(y);
      if (y !== 2025) expect(r.secondaryThreshold).toBeGreaterThanOrEqual(onCostRatesFor(y - 1).secondaryThreshold);
      expect(r.employerNiRate).toBeGreaterThanOrEqual(0.138);
      expect(r.employerNiRate).toBeLessThanOrEqual(0.1505);
    }
  });
});

describe("onCosts", () => {
  it("costs a KR17 director at the 2023/24 minimum: £132,949.95 with on-costs (the paper's ~£133,000)", () => {
    const c = onCosts(104_197, 2023);
    expect(c.employerNI).toBe(13_123.39); // (104,197 - 9,100) x 13.8%
    expect(c.apprenticeshipLevy).toBe(520.99); // 0.5%
    expect(c.pension).toBe(15_108.57); // 14.5%
    expect(c.total).toBe(28_752.95);
    expect(104_197 + c.total).toBeCloseTo(133_000, -3);
  });
  it("charges no NI below the threshold and takes a pension rate as a fraction or a percentage", () => {
    expect(onCosts(9_000, 2023).employerNI).toBe(0);
    expect(onCosts(50_000, 2023, 0.2).pension).toBe(10_000);
    expect(onCosts(50_000, 2023, 20).pension).toBe(10_000);
    expect(onCosts(50_000, 2023, 0).pension).toBe(0);
    expect(onCosts(50_000, 2016).apprenticeshipLevy).toBe(0);
    expect(onCosts(50_000, 2025).employerNI).toBe(6_750);
  });
  it("refuses bad input", () => {
    expect(() => onCosts(-1, 2023)).toThrow(OnCostInputError);
    expect(() => onCosts(Number.NaN, 2023)).toThrow(OnCostInputError);
    expect(() => onCosts(50_000, 2023, 75)).toThrow(/above 60%/);
    expect(() => onCosts(50_000, 2030)).toThrow(OnCostRatesNotAvailableError);
    expect(() => pensionRateFraction(-0.1)).toThrow(OnCostInputError);
  });
  it("total is the sum of its parts and never negative (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1_000_000, noNaN: true }), fc.integer({ min: 2011, max: 2026 }), fc.double({ min: 0, max: 0.6, noNaN: true }), (s, y, p) => {
        const c = onCosts(s, y, p);
        expect(c.total).toBeCloseTo(c.employerNI + c.pension + c.apprenticeshipLevy, 2);
        expect(c.total).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(c.total)).toBe(true);
      }),
    );
  });
});

describe("postCost", () => {
  it("applies the NI threshold per person: fte 2 is two people, not one on double pay", () => {
    const one = postCost(60_000, 1, 2023);
    expect(postCost(60_000, 2, 2023)).toBeCloseTo(2 * one, 2);
    expect(postCost(60_000, 2, 2023)).toBeLessThan(120_000 + onCosts(120_000, 2023).total);
  });
  it("costs a fraction as one part-time person on pro-rata pay", () => {
    expect(postCost(60_000, 0.5, 2023)).toBeCloseTo(30_000 + onCosts(30_000, 2023).total, 2);
    expect(postCost(60_000, 2.5, 2023)).toBeCloseTo(2 * postCost(60_000, 1, 2023) + postCost(60_000, 0.5, 2023), 2);
    expect(postCost(60_000, 0, 2023)).toBe(0);
  });
  it("breaks a cost down", () => {
    const b = postCostBreakdown(104_197, 1, 2023);
    expect(b.pay).toBe(104_197);
    expect(b.cost).toBe(132_949.95);
  });
  it("refuses FTE out of range and still checks the year for fte 0", () => {
    expect(() => postCost(60_000, -1, 2023)).toThrow(/FTE/);
    expect(() => postCost(60_000, 10_001, 2023)).toThrow(/FTE/);
    expect(() => postCost(60_000, 0, 2040)).toThrow(OnCostRatesNotAvailableError);
  });
  it("is monotonic in FTE and salary (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 2011, max: 2026 }), (s, tenths, y) => {
        const f = tenths / 10;
        expect(postCost(s, f + 0.1, y)).toBeGreaterThanOrEqual(postCost(s, f, y));
        expect(postCost(s + 1_000, f, y)).toBeGreaterThanOrEqual(postCost(s, f, y));
        expect(postCost(s, f, y)).toBeGreaterThanOrEqual(s * f - 0.01);
      }),
    );
  });
  it("uses 14.5% pension by default", () => {
    expect(DEFAULT_EMPLOYER_PENSION_RATE).toBe(0.145);
  });
});
