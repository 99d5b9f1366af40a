/** replaces-invalid, replaces-similarity-total: the Replaces column (on a new post, the deleted posts it replaces). */
import { describe, expect, it } from "vitest";
import { replacesInvalid } from "../../../src/core/posts/checks/rules/replacesInvalid";
import { replacesSimilarityTotal } from "../../../src/core/posts/checks/rules/replacesSimilarityTotal";
import { postListHeaderRow } from "../../../src/core/posts/postList";
import { checkPostListSnapshot } from "../../../src/core/posts/postListChecks";
import type { CellValue } from "../../../src/core/sheetSnapshot";
import { constantSnapshot } from "../../fixtures/postLists";
import { list, postRuleTester } from "./ruleTester";

const top = ["00100", "Director of Communities", "KR17", null] as [string, string, string, null];
// The template's columns with the slotting columns after them: M similarity, N replaces.
const columns = { id: 0, title: 1, grade: 2, fte: 3, reportsTo: 4, status: 8, similarity: 12, replaces: 13 };

postRuleTester(replacesInvalid, {
  valid: [
    {
      name: "a new post naming a deleted post of its grade",
      posts: list(top, ["00123", "Head of Libraries", "KR12", "00100", { status: "deleted" }], ["00202", "Head of Libraries and Culture", "KR12", "00100", { status: "new", replaces: ["00123"] }]),
    },
    {
      name: "a new post naming two deleted posts, and a vacant one (slotting notes that it has no postholders)",
      posts: list(
        top,
        ["00123", "Head of Libraries", "KR12", "00100", { status: "deleted" }],
        ["00125", "Head of Culture", "KR12", "00100", { status: "deleted", postholders: 0 }],
        ["00202", "Head of Libraries and Culture", "KR12", "00100", { status: "new", replaces: ["00123", "00125"] }],
      ),
    },
    { name: "a list without the column", posts: list(top, ["00202", "Head of Libraries and Culture", "KR12", "00100", { status: "new" }]) },
    {
      name: "a post deleted in the scenario chosen",
      posts: list(top, ["00123", "Head of Libraries", "KR12", "00100", { status: "deleted", scenario: "Libraries trust" }], ["00202", "Head of Libraries and Culture", "KR12", "00100", { status: "new", replaces: ["00123"] }]),
      options: { scenario: "Libraries trust" },
    },
  ],
  invalid: [
    {
      name: "an ID not in the list, with the post probably meant, and a post that is not deleted",
      posts: list(
        top,
        ["00123", "Head of Libraries", "KR12", "00100", { status: "deleted" }],
        ["00124", "Head of Registration", "KR12", "00100"],
        ["00202", "Head of Libraries and Culture", "KR12", "00100", { status: "new", replaces: ["123", "00999", "00124"] }],
      ),
      options: { columns },
      findings: [
        {
          cell: "N5",
          message:
            "Head of Libraries and Culture (00202) names as replaced posts that slotting cannot offer it: 123 is not a post ID in the list (did you mean post 00123?); 00999 is not a post ID in the list; Head of Registration (00124) is not deleted. They are left out of its slotting.",
          suggestion: "Give the post IDs of the deleted posts matched to this new post.",
        },
      ],
    },
    {
      name: "an ID in other capitals",
      posts: list(top, ["SCS123", "Head of Libraries", "KR12", "00100", { status: "deleted" }], ["SCS202", "Head of Libraries and Culture", "KR12", "00100", { status: "new", replaces: ["scs123"] }]),
      options: { columns },
      findings: [{ cell: "N4", message: /: scs123 is not a post ID in the list \(did you mean post SCS123\? Post IDs are matched exactly, capitals included\)\./ }],
    },
    {
      name: "a post title typed for an ID",
      posts: list(top, ["00123", "Head of Libraries", "KR12", "00100", { status: "deleted" }], ["00202", "Head of Libraries and Culture", "KR12", "00100", { status: "new", replaces: ["head of libraries"] }]),
      options: { columns },
      findings: [{ cell: "N4", message: /: head of libraries is not a post ID in the list \("head of libraries" is the title of post 00123: give its post ID\)\./ }],
    },
    {
      name: "a post deleted only in a scenario not chosen is not deleted; chosen, it is",
      posts: list(top, ["00123", "Head of Libraries", "KR12", "00100", { status: "deleted", scenario: "Libraries trust" }], ["00202", "Head of Libraries and Culture", "KR12", "00100", { status: "new", replaces: ["00123"] }]),
      options: { columns },
      findings: [{ cell: "N4", message: /Head of Libraries \(00123\) is not deleted\./ }],
    },
    {
      name: "IDs typed on a post that is not new are not read",
      posts: list(top, ["00123", "Head of Libraries", "KR12", "00100", { status: "deleted", replaces: ["00202"] }], ["00202", "Head of Libraries and Culture", "KR12", "00100", { status: "new" }]),
      options: { columns },
      findings: [
        {
          cell: "N3",
          message: "Head of Libraries (00123) is not a new post, so the posts it names as replaced (00202) are not read: the Replaces column is read on new posts only.",
          suggestion: "Type the IDs on the row of the new post that replaces them, or clear the cell.",
        },
      ],
    },
    {
      name: "a deleted post of another grade only: information (a regrading is not slotting)",
      posts: list(top, ["00125", "Libraries Manager", "KR11", "00100", { status: "deleted" }], ["00202", "Head of Libraries and Culture", "KR12", "00100", { status: "new", replaces: ["00125"] }]),
      options: { columns },
      findings: [
        {
          cell: "N4",
          severity: "info",
          message: "Head of Libraries and Culture (00202) names as replaced a post of another grade: Libraries Manager (00125) is KR11, not KR12. Its postholder cannot be slotted into the new post (the grade differs); the new post is ring-fenced to unslotted staff.",
        },
      ],
    },
    {
      name: "without a Replaces column mapped, the finding points at the title",
      posts: list(top, ["00202", "Head of Libraries and Culture", "KR12", "00100", { status: "new", replaces: ["00999"] }]),
      findings: [{ cell: "B3", message: /00999 is not a post ID in the list\. They are left out/ }],
    },
  ],
});

postRuleTester(replacesSimilarityTotal, {
  valid: [
    {
      name: "a post split into two half-time posts, each all of its work: 0.5 + 0.5 FTE of a 1 FTE post",
      posts: list(
        top,
        ["D1", "Head of Libraries and Culture", "KR12", "00100", { status: "deleted" }],
        ["N1", "Head of Libraries", "KR12", "00100", { status: "new", fte: 0.5, similarity: 1, replaces: ["D1"] }],
        ["N2", "Head of Culture", "KR12", "00100", { status: "new", fte: 0.5, similarity: 1, replaces: ["D1"] }],
      ),
    },
    {
      name: "two full-time posts at 50% each",
      posts: list(
        top,
        ["D1", "Head of Libraries and Culture", "KR12", "00100", { status: "deleted" }],
        ["N1", "Head of Libraries", "KR12", "00100", { status: "new", similarity: 0.5, replaces: ["D1"] }],
        ["N2", "Head of Culture", "KR12", "00100", { status: "new", similarity: 0.5, replaces: ["D1"] }],
      ),
    },
    {
      name: "one of the two without a similarity: not counted",
      posts: list(
        top,
        ["D1", "Head of Libraries and Culture", "KR12", "00100", { status: "deleted" }],
        ["N1", "Head of Libraries", "KR12", "00100", { status: "new", similarity: 0.9, replaces: ["D1"] }],
        ["N2", "Head of Culture", "KR12", "00100", { status: "new", replaces: ["D1"] }],
      ),
    },
    {
      name: "two full-time posts at 50% each, written as percentages in code (50, not 0.5)",
      posts: list(
        top,
        ["D1", "Head of Libraries and Culture", "KR12", "00100", { status: "deleted" }],
        ["N1", "Head of Libraries", "KR12", "00100", { status: "new", similarity: 50, replaces: ["D1"] }],
        ["N2", "Head of Culture", "KR12", "00100", { status: "new", similarity: 50, replaces: ["D1"] }],
      ),
    },
    { name: "one new post at 100%", posts: list(top, ["D1", "Head of Libraries", "KR12", "00100", { status: "deleted" }], ["N1", "Head of Libraries and Culture", "KR12", "00100", { status: "new", similarity: 1, replaces: ["D1"] }]) },
  ],
  invalid: [
    {
      name: "a 1 FTE post split into two full-time posts at 80% each",
      posts: list(
        top,
        ["D1", "Head of Libraries and Culture", "KR12", "00100", { status: "deleted" }],
        ["N1", "Head of Libraries", "KR12", "00100", { status: "new", similarity: 0.8, replaces: ["D1"] }],
        ["N2", "Head of Culture", "KR12", "00100", { status: "new", similarity: 0.8, replaces: ["D1", "D1"] }],
      ),
      options: { columns },
      findings: [
        {
          cell: "M4",
          message:
            "Head of Libraries and Culture (D1) is named as replaced by 2 new posts whose similarities put 1.6 FTE of its work into them (Head of Libraries (N1): 80% of 1 FTE; Head of Culture (N2): 80% of 1 FTE), more than its own 1 FTE. A similarity is the share of the new job that is the old job's work, so together they cannot come to more than the old post.",
          suggestion: "Check the similarities of the new posts that name Head of Libraries and Culture (D1) as replaced.",
        },
        { cell: "M5", message: /^Head of Libraries and Culture \(D1\) is named as replaced by 2 new posts/ },
      ],
    },
    {
      name: "two full-time posts at 80% each, written as percentages in code: 80%, not 8000%",
      posts: list(
        top,
        ["D1", "Head of Libraries and Culture", "KR12", "00100", { status: "deleted" }],
        ["N1", "Head of Libraries", "KR12", "00100", { status: "new", similarity: 80, replaces: ["D1"] }],
        ["N2", "Head of Culture", "KR12", "00100", { status: "new", similarity: 0.8, replaces: ["D1"] }],
      ),
      options: { columns },
      findings: [
        { cell: "M4", message: /put 1\.6 FTE of its work into them \(Head of Libraries \(N1\): 80% of 1 FTE; Head of Culture \(N2\): 80% of 1 FTE\)/ },
        { cell: "M5" },
      ],
    },
    {
      name: "a half-time post split into two half-time posts at 75% each",
      posts: list(
        top,
        ["D1", "Library Assistant", "KR5", "00100", { status: "deleted", fte: 0.5 }],
        ["N1", "Library Assistant (North)", "KR5", "00100", { status: "new", fte: 0.5, similarity: 0.75, replaces: ["D1"] }],
        ["N2", "Library Assistant (South)", "KR5", "00100", { status: "new", fte: 0.5, similarity: 0.75, replaces: ["D1"] }],
      ),
      options: { columns },
      findings: [{ cell: "M4", message: /put 0\.75 FTE of its work into them .* more than its own 0\.5 FTE\./ }, { cell: "M5" }],
    },
  ],
});

describe("the Replaces checks on a post list read from a sheet", () => {
  it("point at the Replaces and Similarity cells of the sheet's own columns", () => {
    const header = [...postListHeaderRow(), "Similarity", "Matched to"];
    const row = (id: CellValue, title: string, status: string, similarity: number | null, matched: CellValue): CellValue[] => [id, title, "KR12", 1, "00100", "", "", "", status, null, null, null, similarity, matched];
    const rows: CellValue[][] = [
      header,
      ["00100", "Director of Communities", "KR17", 1, null, "", "", "", "", null, null, null, null, null],
      row("00123", "Head of Libraries and Culture", "deleted", null, null),
      row("00201", "Head of Libraries", "new", 0.8, "00123"),
      row("00202", "Head of Culture", "new", 0.8, "00123 and 124"),
    ];
    const found = (checkPostListSnapshot(constantSnapshot("Posts", rows)) ?? []).filter((f) => f.rule.startsWith("replaces-"));
    expect(found.map((f) => `${f.rule}@${f.cell} ${f.severity}`)).toEqual([
      "replaces-similarity-total@M4 warning",
      "replaces-similarity-total@M5 warning",
      "replaces-invalid@N5 warning",
    ]);
    expect(found[2].message).toBe("Head of Culture (00202) names as replaced posts that slotting cannot offer it: 124 is not a post ID in the list. They are left out of its slotting.");
  });
});
