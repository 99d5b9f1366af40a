/**
 * Counting and totalling lines whose labels or figures could be read two ways.
 *
 * A line of a post list or a paper's table can stand for several posts: "Director, KR17, 4" under "Number of posts"
 * is four Director posts (../shared/domain.md: "a decrease in Director posts in the Directorate from four to three").
 * POSTDELTA and DELTATABLE count a line's posts as on-costs count its people (src/core/gradeDelta.ts postsOnLine).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runs } from "../propertyRuns";
import { deltaTable, fteDeltaFn, postDelta, rangeTotalFn } from "../../src/functions/functions";
import { postsOnLine } from "../../src/core/gradeDelta";

describe("posts on a line", () => {
  it("a paper's 'from four to three' is -1 under a Number of posts heading, and under FTE", () => {
    const before = [["Post title", "Grade", "Number of posts"], ["Director", "KR17", 4]];
    const after = [["Post title", "Grade", "Number of posts"], ["Director", "KR17", 3]];
    expect(postDelta(before, after)).toBe(-1);
    expect(postDelta([["Post title", "Grade", "Existing number of posts (FTE)"], ["Director", "KR17", 4]], [["Post title", "Grade", "FTE"], ["Director", "KR17", 3]])).toBe(-1);
  });

  it("DELTATABLE's post counts agree with its FTE change", () => {
    const table = deltaTable([["KR17"]], [[4]], [["KR17"]], [[3]], "min", 2023);
    const header = table[0];
    const kr17 = table.find((r) => r[0] === "KR17") as (string | number)[];
    expect(kr17[header.indexOf("Posts before")]).toBe(4);
    expect(kr17[header.indexOf("Posts after")]).toBe(3);
    expect(kr17[header.indexOf("Change")]).toBe(-1);
    expect(kr17[header.indexOf("FTE change")]).toBe(-1);
  });

  it("a part-time fraction is one more post, as on-costs count one more person", () => {
    expect([0, 1e-9, 0.5, 1, 1 + 1e-12, 2, 2.5, 0.1 + 0.2 + 0.7].map(postsOnLine)).toEqual([0, 1, 1, 1, 1, 2, 3, 1]);
  });

  it("one line of n whole posts counts as n lines of one post (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (b, a) => {
        const many = (n: number): (string | number)[][] => [["Grade", "FTE"], ...Array.from({ length: n }, () => ["KR17", 1])];
        expect(postDelta([["Grade", "FTE"], ["KR17", b]], [["Grade", "FTE"], ["KR17", a]])).toBe(postDelta(many(b), many(a)));
        expect(postDelta([["Grade", "FTE"], ["KR17", b]], [["Grade", "FTE"], ["KR17", a]])).toBe(a - b);
      }),
      { numRuns: runs(100) },
    );
  });
});

describe("FTEDELTA for one grade", () => {
  it("a grade in neither list is #N/A saying so, never a silent 0", () => {
    let err: unknown;
    try {
      fteDeltaFn([[1], [1]], [[1]], [["KR17"], ["KR16"]], [["KR17"]], "KR71");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CustomFunctions.Error);
    expect((err as CustomFunctions.Error).code).toBe("#N/A");
    expect((err as CustomFunctions.Error).message).toMatch(/Grade KR71 is in neither/);
    // A grade in one list only is a real change; the same grade written differently still matches.
    expect(fteDeltaFn([[1], [1]], [[1]], [["KR17"], ["KR16"]], [["KR17"]], "kr 16")).toBe(-1);
    expect(fteDeltaFn([[1]], [[1], [0.5]], [["KR17"]], [["KR17"], ["KR15"]], "KR15")).toBe(0.5);
  });
});

describe("savings streams named like totals", () => {
  it("'Total Place' is a stream; a 'Total X' row that adds up the streams above is their total", () => {
    const streams = [["Savings stream", "Potential saving £m"], ["Market engagement activity", "15-20"], ["Total Place", "5-10"], ["Trading income", "10-15"]];
    expect(rangeTotalFn(streams)).toEqual([[30, 45]]);
    expect(rangeTotalFn([...streams, ["Total frontline and place", "30-45"]])).toEqual([[30, 45]]);
    expect(rangeTotalFn([...streams, ["Total", "30-45"]])).toEqual([[30, 45]]);
    // A sub-total and then a total of everything.
    expect(rangeTotalFn([...streams.slice(0, 3), ["Total frontline", "20-30"], ["Trading income", "10-15"], ["Total all streams", "30-45"]])).toEqual([[30, 45]]);
  });
});
