/**
 * impactLayout gives the same sheet as it did at commit 202f840 (./impactLayoutReference.ts), cell for cell,
 * on random restructures: deleted, amended, new and unchanged posts, grades the table lacks, scenarios,
 * slotting on and off.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeImpact, impactLayout } from "../../src/core/posts/impact";
import type { PostStatus } from "../../src/core/posts/postList";
import { post } from "../fixtures/postLists";
import { runs } from "../propertyRuns";
import { referenceImpactLayout } from "./impactLayoutReference";

const statuses: PostStatus[] = ["existing", "deleted", "new", "amended", "unaffected"];
const postArb = fc.record({
  title: fc.constantFrom("", "Head of Policy", "Officer", "=SUM(A1)"),
  grade: fc.constantFrom("", "KR9", "KR10", "KR13", "KR17", "ZZ1"),
  fte: fc.constantFrom(0, 0.5, 1, 2, Number.NaN),
  status: fc.constantFrom(...statuses),
  postholders: fc.nat(2),
  similarity: fc.option(fc.constantFrom(0.5, 0.75, 0.8, 1), { nil: undefined }),
  scenario: fc.option(fc.constantFrom("Legal JV", "not Legal JV"), { nil: undefined }),
  previous: fc.option(fc.record({ title: fc.constantFrom("Old title", "Officer"), grade: fc.constantFrom("KR9", "KR13", "ZZ1"), fte: fc.constantFrom(0.5, 1) }), { nil: undefined }),
});
const postList = fc.array(postArb, { maxLength: 30 }).map((rows) =>
  rows.map((r, i) => {
    const { similarity, scenario, previous, ...rest } = r;
    return post(
      {
        id: `P${i}`,
        ...rest,
        ...(similarity !== undefined ? { similarity } : {}),
        ...(scenario !== undefined ? { scenario } : {}),
        ...(previous !== undefined && r.status === "amended" ? { previous } : {}),
      },
      i + 1,
    );
  }),
);

describe("impactLayout against the layout as it was", () => {
  it("lays out the same cells, map and settings (property)", () => {
    fc.assert(
      fc.property(postList, fc.constantFrom("Legal JV", null), fc.boolean(), (posts, scenario, slotting) => {
        const impact = computeImpact(posts, { scenario, point: "mid" });
        const options = slotting ? {} : { slotting: false, sheetName: "Impact", title: "Impact of the proposals" };
        const got = impactLayout(impact, options);
        const want = referenceImpactLayout(impact, options);
        expect({ ...got, cells: got.cells.toArray() }).toStrictEqual({ ...want, cells: want.cells.toArray() });
      }),
      { numRuns: runs(300) },
    );
  });
});
