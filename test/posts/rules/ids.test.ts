/** missing-post-id, duplicate-post-id, status-invalid, blank-grade, unknown-grade, fte-not-a-number, fte-out-of-range, fte-looks-like-hours. */
import { blankGrade } from "../../../src/core/posts/checks/rules/blankGrade";
import { duplicatePostId } from "../../../src/core/posts/checks/rules/duplicatePostId";
import { fteLooksLikeHours } from "../../../src/core/posts/checks/rules/fteLooksLikeHours";
import { fteNotANumber } from "../../../src/core/posts/checks/rules/fteNotANumber";
import { fteOutOfRange } from "../../../src/core/posts/checks/rules/fteOutOfRange";
import { missingPostId } from "../../../src/core/posts/checks/rules/missingPostId";
import { statusInvalid } from "../../../src/core/posts/checks/rules/statusInvalid";
import { unknownGrade } from "../../../src/core/posts/checks/rules/unknownGrade";
import { describe, expect, it } from "vitest";
import { parsePostStatus } from "../../../src/core/posts/postList";
import { list, postRuleTester } from "./ruleTester";

const top = ["F001", "Corporate Director", "KR18", null] as [string, string, string, null];
const clean = { name: "a director under a corporate director", posts: list(top, ["F010", "Director ICT", "KR17", "F001"]) };

postRuleTester(missingPostId, {
  valid: [clean],
  invalid: [
    {
      name: "a post with no id",
      posts: list(top, ["", "Director ICT", "KR17", "F001"]),
      findings: [{ cell: "A3", message: "Director ICT has no post ID: every post needs its own ID so others can report to it.", suggestion: "Give the post a unique post ID." }],
    },
    { name: "a deleted post with no id and no title", posts: list(top, ["", "", "KR17", "F001", { status: "deleted" }]), findings: [{ cell: "A3", message: /^The post on row 3 has no post ID/ }] },
  ],
});

postRuleTester(duplicatePostId, {
  valid: [
    clean,
    { name: "two posts without ids are missing-post-id's", posts: list(top, ["", "A", "KR17", "F001"], ["", "B", "KR17", "F001"]) },
    { name: "ids in small letters that differ in more than capitals", posts: list(["f001", "Corporate Director", "KR18", null], ["f010", "Director ICT", "KR17", "f001"], ["F011", "Director Digital", "KR17", "f001"]) },
  ],
  invalid: [
    {
      name: "ids that differ only in capitals, either way round, each later spelling once (before: not reported, read as different posts)",
      posts: list(top, ["f001", "Director ICT", "KR17", "F001"], ["F010", "Director Digital", "KR17", "F001"], ["f010", "Director Data", "KR17", "F001"], ["F010", "Director Web", "KR17", "F001"], ["f010", "Director Mail", "KR17", "F001"]),
      findings: [
        { cell: "A6", severity: "error", message: "Post ID F010 is used by 2 posts (rows 4 and 6): each post needs its own ID." },
        { cell: "A7", severity: "error", message: "Post ID f010 is used by 2 posts (rows 5 and 7): each post needs its own ID." },
        {
          cell: "A3",
          severity: "warning",
          message: "Post ID f001 differs from F001 (row 2) only in capitals. Excel's lookups and filters take them for one ID, but post IDs are matched exactly here, so they are two posts, and a reports-to names only the one typed the same way.",
          suggestion: "If Director ICT (f001) is another post, give it its own post ID; if it is F001 listed again, remove one of the two rows.",
        },
        { cell: "A5", severity: "warning", message: /^Post ID f010 differs from F010 \(row 4\) only in capitals\./ },
      ],
    },
    {
      name: "an id used three times: the second and third are flagged",
      posts: list(top, ["F010", "Director ICT", "KR17", "F001"], ["F010", "Director Digital", "KR17", "F001"], ["F010", "Director Data", "KR17", "F001"]),
      findings: [
        { cell: "A4", message: "Post ID F010 is used by 3 posts (rows 3 to 5): each post needs its own ID.", suggestion: "Give Director Digital (F010) a new post ID and check who reports to F010." },
        { cell: "A5", message: "Post ID F010 is used by 3 posts (rows 3 to 5): each post needs its own ID." },
      ],
    },
    {
      name: "findings point at the list's own id column",
      posts: list(top, ["F010", "Director ICT", "KR17", "F001"], ["F010", "Director Digital", "KR17", "F001"]),
      options: { columns: { id: 3, title: 4 } },
      findings: [{ cell: "D4", message: "Post ID F010 is used by 2 posts (rows 3 and 4): each post needs its own ID." }],
    },
  ],
});

postRuleTester(statusInvalid, {
  valid: [clean],
  invalid: [
    {
      name: "a status that is not one of the five",
      posts: list(top, ["F010", "Director ICT", "KR17", "F001", { rawStatus: "to go" }]),
      findings: [{ cell: "I3", message: 'The status of Director ICT (F010) ("to go") is not one of: existing, deleted, new, amended, unaffected. It is read as "existing" in the structure and left out of the restructure impact.' }],
    },
  ],
});

postRuleTester(blankGrade, {
  valid: [clean, { name: "an unknown grade is unknown-grade's", posts: list(top, ["F010", "Director ICT", "KR71", "F001"]) }],
  invalid: [{ name: "a post with no grade", posts: list(top, ["F010", "Director ICT", "", "F001"]), findings: [{ cell: "C3", message: "Director ICT (F010) has no grade.", suggestion: /^Choose a grade from Sample Kent Range .*\.$/ }] }],
});

postRuleTester(unknownGrade, {
  valid: [clean, { name: "a blank grade is blank-grade's", posts: list(top, ["F010", "Director ICT", "", "F001"]) }],
  invalid: [
    {
      name: "a grade not in the sample Kent Range",
      posts: list(top, ["F010", "Director ICT", "KR71", "F001"]),
      findings: [{ cell: "C3", message: /^Grade "KR71" of Director ICT \(F010\) is not in the grade table in use \(/, suggestion: "Correct the grade, or use the council's own grade table." }],
    },
  ],
});

postRuleTester(fteNotANumber, {
  valid: [clean, { name: "an FTE of 2 is another rule's", posts: list(top, ["F010", "Director ICT", "KR17", "F001", { fte: 2 }]) }],
  invalid: [{ name: "an FTE that is not a number", posts: list(top, ["F010", "Director ICT", "KR17", "F001", { fte: Number.NaN }]), findings: [{ cell: "D3", message: "The FTE of Director ICT (F010) is not a number.", suggestion: "Type the FTE as a number from 0 to 1." }] }],
});

postRuleTester(fteOutOfRange, {
  valid: [clean, { name: "exactly 1", posts: list(top, ["F010", "Director ICT", "KR17", "F001", { fte: 1 }]) }, { name: "a half-time post", posts: list(top, ["F010", "Director ICT", "KR17", "F001", { fte: 0.5 }]) }, { name: "NaN is fte-not-a-number's", posts: list(top, ["F010", "Director ICT", "KR17", "F001", { fte: Number.NaN }]) }, { name: "37 is fte-looks-like-hours'", posts: list(top, ["F010", "Director ICT", "KR17", "F001", { fte: 37 }]) }],
  invalid: [
    {
      name: "an FTE of 1.2, a negative FTE and an FTE of 0",
      posts: list(top, ["F010", "Director ICT", "KR17", "F001", { fte: 1.2 }], ["F011", "Director Digital", "KR17", "F001", { fte: -1 }], ["F012", "Director Data", "KR17", "F001", { fte: 0 }]),
      findings: [
        { cell: "D3", message: "The FTE of Director ICT (F010) is 1.2: FTE is from 0 to 1 for one post.", suggestion: "List each post on its own row, with an FTE of 1 or less." },
        { cell: "D4", message: "The FTE of Director Digital (F011) is -1: FTE is from 0 to 1 for one post.", suggestion: "Type the FTE, from 0 to 1." },
        { cell: "D5", severity: "warning", message: "The FTE of Director Data (F012) is 0, so it is not counted as a post.", suggestion: "Type the post's FTE, or remove the row." },
      ],
    },
  ],
});

postRuleTester(fteLooksLikeHours, {
  valid: [clean, { name: "1.5 is still one post (fte-out-of-range's)", posts: list(top, ["F010", "Director ICT", "KR17", "F001", { fte: 1.5 }]) }, { name: "NaN is fte-not-a-number's", posts: list(top, ["F010", "Director ICT", "KR17", "F001", { fte: Number.NaN }]) }],
  invalid: [
    {
      name: "full-time and part-time hours typed in the FTE column, and a number far above a week's hours",
      posts: list(top, ["F010", "Admin Officer", "KR6", "F001", { fte: 37 }], ["F011", "Admin Officer PT", "KR6", "F001", { fte: 18.5 }], ["F012", "Admin Team", "KR6", "F001", { fte: 500 }]),
      findings: [
        {
          cell: "D3",
          message: "The FTE of Admin Officer (F010) is 37, more than one post's (at most 1 FTE): it looks like weekly hours (37 hours is 1.00 FTE of a 37-hour week) or several posts on one row. It is left out of the restructure impact's costs.",
          suggestion: "Type the FTE (weekly hours divided by the full-time hours), or list each post on its own row (a job-share is two posts).",
        },
        { cell: "D4", message: /is 18\.5, .*\(18\.5 hours is 0\.50 FTE of a 37-hour week\)/ },
        { cell: "D5", message: "The FTE of Admin Team (F012) is 500, more than one post's (at most 1 FTE): it looks like weekly hours or several posts on one row. It is left out of the restructure impact's costs." },
      ],
    },
  ],
});

describe("status-invalid's description", () => {
  it("claims only the forms a status cell is read in: each quoted wording reads, a condition does not", () => {
    const d = statusInvalid.meta.description;
    const quoted = [...d.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    const conditions = quoted.filter((q) => / if /.test(q));
    expect(conditions.length).toBeGreaterThan(0);
    for (const q of quoted) {
      if (conditions.includes(q)) expect(parsePostStatus(q), q).toBeNull();
      else expect(parsePostStatus(q), q).not.toBeNull();
    }
    expect(d).not.toMatch(/accepted|"deleted if …" form/);
    expect(d).toMatch(/Scenario column/);
  });
});
