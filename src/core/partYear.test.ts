import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fullYearEffect, parsePartYearBasis, partYearEffect, partYearShare, PartYearError } from "./partYear";

const d = (y: number, m: number, day: number): Date => new Date(Date.UTC(y, m - 1, day));

describe("partYearShare", () => {
  it("a post deleted on 1 October saves half a year on the months basis, 182/365 on days", () => {
    expect(partYearShare(d(2024, 10, 1), 2024, "months")).toBe(0.5);
    expect(partYearShare(d(2024, 10, 1), 2024)).toBeCloseTo(182 / 365, 12);
    expect(partYearEffect(100_000, d(2024, 10, 1), 2024, "months")).toBe(50_000);
  });
  it("gives the whole year from 1 April or earlier and nothing after 31 March", () => {
    expect(partYearShare(d(2024, 4, 1), 2024)).toBe(1);
    expect(partYearShare(d(2020, 1, 1), 2024, "months")).toBe(1);
    expect(partYearShare(d(2025, 4, 1), 2024)).toBe(0);
    expect(partYearShare(d(2025, 3, 31), 2024)).toBeCloseTo(1 / 365, 12);
    expect(partYearShare(d(2023, 3, 31), 2023, "days")).toBe(1);
  });
  it("counts 366 days in a year with 29 February", () => {
    expect(partYearShare(d(2023, 10, 1), 2023)).toBeCloseTo(183 / 366, 12);
  });
  it("counts part months by their days", () => {
    expect(partYearShare(d(2024, 4, 16), 2024, "months")).toBeCloseTo((11 + 15 / 30) / 12, 12);
    expect(partYearShare(d(2025, 3, 1), 2024, "months")).toBeCloseTo(1 / 12, 12);
  });
  it("is between 0 and 1 and falls as the date moves later (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 30 }), fc.constantFrom("days", "months" as const), (offset, step, basis) => {
        const a = new Date(Date.UTC(2023, 11, 1) + offset * 86_400_000);
        const b = new Date(a.getTime() + step * 86_400_000);
        const sa = partYearShare(a, 2024, basis);
        const sb = partYearShare(b, 2024, basis);
        expect(sa).toBeGreaterThanOrEqual(0);
        expect(sa).toBeLessThanOrEqual(1);
        expect(sb).toBeLessThanOrEqual(sa + 1e-12);
      }),
    );
  });
});

describe("fullYearEffect", () => {
  it("grosses a part-year amount up", () => {
    expect(fullYearEffect(50_000, d(2024, 10, 1), 2024, "months")).toBe(100_000);
    expect(() => fullYearEffect(50_000, d(2025, 5, 1), 2024)).toThrow(PartYearError);
  });
  it("undoes partYearEffect (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: -1_000_000, max: 1_000_000 }), (day, amount) => {
        const date = new Date(Date.UTC(2024, 3, 1) + day * 86_400_000);
        const part = partYearEffect(amount, date, 2024);
        expect(Math.abs(fullYearEffect(part, date, 2024) - amount)).toBeLessThanOrEqual(0.005 * 365 + 0.01);
      }),
    );
  });
});

describe("parsePartYearBasis", () => {
  it("reads days and months", () => {
    expect(parsePartYearBasis("")).toBe("days");
    expect(parsePartYearBasis("Months")).toBe("months");
    expect(() => parsePartYearBasis("weeks")).toThrow(/"days" or "months"/);
  });
});
