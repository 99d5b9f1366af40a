import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SlottingInputError, similarityFraction, slottingOutcome, slottingText } from "./slotting";

describe("slotting", () => {
  it("slots when the grade matches, jobs >= holders and 75% is the same", () => {
    expect(slottingOutcome({ oldGrade: "KR17", newGrade: " kr17 ", jobs: 2, holders: 2, similarity: 0.75 })).toEqual({ outcome: "slot" });
    expect(slottingOutcome({ oldGrade: "KR17", newGrade: "KR17", jobs: 3, holders: 1, similarity: 75 }).outcome).toBe("slot");
  });
  it("reports the first failed condition, in order", () => {
    expect(slottingOutcome({ oldGrade: "KR17", newGrade: "KR18", jobs: 0, holders: 2, similarity: 0.1 }).failed).toBe("grade differs");
    expect(slottingOutcome({ oldGrade: "KR17", newGrade: "KR17", jobs: 1, holders: 2, similarity: 0.1 }).failed).toBe("fewer jobs than holders");
    expect(slottingOutcome({ oldGrade: "KR17", newGrade: "KR17", jobs: 2, holders: 2, similarity: 74.9 }).failed).toBe("less than 75% the same work");
    expect(slottingText({ outcome: "ring-fence", failed: "grade differs" })).toBe("Ring-fence: grade differs");
    expect(slottingText({ outcome: "slot" })).toBe("Slot");
  });
  it("refuses bad input", () => {
    expect(() => similarityFraction(101)).toThrow(SlottingInputError);
    expect(() => similarityFraction(-1)).toThrow(SlottingInputError);
    expect(() => slottingOutcome({ oldGrade: "", newGrade: "KR17", jobs: 1, holders: 1, similarity: 1 })).toThrow(/old grade/);
    expect(() => slottingOutcome({ oldGrade: "KR17", newGrade: "KR17", jobs: 1.5, holders: 1, similarity: 1 })).toThrow(/whole number/);
  });
  it("0.75 and 75 mean the same (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), (pct, jobs, holders) => {
        const a = slottingOutcome({ oldGrade: "A1", newGrade: "A1", jobs, holders, similarity: pct === 1 ? 0.01 : pct / 100 });
        const b = slottingOutcome({ oldGrade: "A1", newGrade: "A1", jobs, holders, similarity: pct === 1 ? 0.01 : pct });
        if (pct !== 1) expect(a).toEqual(b);
        expect(a.outcome === "slot").toBe(jobs >= holders && pct >= 75);
      }),
    );
  });
});
