/** reporting-cycle, reports-to-missing, multiple-tops, tiers-exceeded, span-of-control, grade-inversion. */
import { gradeInversion } from "../../../src/core/posts/checks/rules/gradeInversion";
import { multipleTops } from "../../../src/core/posts/checks/rules/multipleTops";
import { reportingCycle } from "../../../src/core/posts/checks/rules/reportingCycle";
import { reportsToMissing } from "../../../src/core/posts/checks/rules/reportsToMissing";
import { spanOfControl } from "../../../src/core/posts/checks/rules/spanOfControl";
import { tiersExceeded } from "../../../src/core/posts/checks/rules/tiersExceeded";
import type { Post } from "../../../src/core/posts/postList";
import { list, postRuleTester } from "./ruleTester";

type Row = [string, string, string, string | null, Partial<Post>?];
const top: Row = ["F001", "Corporate Director", "KR18", null];
const dirs: Row[] = [
  ["F010", "Director ICT", "KR17", "F001"],
  ["F020", "Director Finance", "KR17", "F001"],
];
const clean = { name: "a corporate director with two directors", posts: list(top, ...dirs) };

/** A single line of management n levels deep: F1 at the top, F2 reports to F1, ... */
function chain(n: number): Post[] {
  return list(...Array.from({ length: n }, (_, i): Row => [`F${i + 1}`, `Post ${i + 1}`, "KR10", i === 0 ? null : `F${i}`]));
}

postRuleTester(reportingCycle, {
  valid: [clean],
  invalid: [
    {
      name: "two directors reporting to each other",
      posts: list(top, ["F010", "Director ICT", "KR17", "F020"], ["F020", "Director Finance", "KR17", "F010"]),
      findings: [{ cell: "E3", message: "Reporting cycle: F010 → F020 → F010. These posts report to each other, so none of them reaches the top.", suggestion: "Correct who Director ICT (F010) reports to." }],
    },
  ],
});

postRuleTester(reportsToMissing, {
  valid: [
    clean,
    { name: "a new post reporting to a new post", posts: list(top, ["F030", "Director Digital", "KR17", "F001", { status: "new" }], ["F031", "Head of Data", "KR16", "F030", { status: "new" }]) },
  ],
  invalid: [
    { name: "a reports-to that is not in the list", posts: list(top, ["F010", "Director ICT", "KR17", "F999"]), findings: [{ cell: "E3", message: "Director ICT (F010) reports to F999, which is not a post ID in the list.", suggestion: "Correct the reports-to post ID." }] },
    {
      name: "a number that is one post's ID once its leading zeros are put back (00123 typed as 123)",
      posts: list(["00123", "Director", "KR17", null], ["00124", "Head of ICT", "KR16", "123"], ["00125", "Head of Data", "KR16", "0000123"]),
      findings: [
        { cell: "E3", message: "Head of ICT (00124) reports to 123, which is not a post ID in the list: did you mean post 00123?" },
        { cell: "E4", message: "Head of Data (00125) reports to 0000123, which is not a post ID in the list: did you mean post 00123?" },
      ],
    },
    {
      name: "an ID in other capitals (scs101 for SCS101): before, no hint, and the post read as a second top",
      posts: list(["SCS101", "Corporate Director", "KR18", null], ["SCS102", "Director ICT", "KR17", "scs101"], ["SCS103", "Director Data", "KR17", "Scs101"]),
      findings: [
        { cell: "E3", message: "Director ICT (SCS102) reports to scs101, which is not a post ID in the list: did you mean post SCS101? Post IDs are matched exactly, capitals included." },
        { cell: "E4", message: "Director Data (SCS103) reports to Scs101, which is not a post ID in the list: did you mean post SCS101? Post IDs are matched exactly, capitals included." },
      ],
    },
    {
      name: "an ID two posts could be in other capitals: no guess",
      posts: list(["SCS101", "Corporate Director", "KR18", null], ["Scs101", "Director B", "KR17", "SCS101"], ["SCS102", "Director ICT", "KR17", "scs101"]),
      findings: [{ cell: "E4", message: "Director ICT (SCS102) reports to scs101, which is not a post ID in the list." }],
    },
    {
      name: "a number two post IDs could be: no guess",
      posts: list(["0123", "Director", "KR17", null], ["00123", "Director B", "KR17", "0123"], ["00124", "Head of ICT", "KR16", "123"]),
      findings: [{ cell: "E4", message: "Head of ICT (00124) reports to 123, which is not a post ID in the list." }],
    },
    {
      name: "a post's title instead of its ID",
      posts: list(["P12", "Director", "KR17", null], ["P13", "Head of ICT", "KR16", "director"], ["P14", "Head of Data", "KR16", "Head of Service"], ["P15", "Head of Service", "KR16", "P12"], ["P16", "Head of Service", "KR16", "P12"]),
      findings: [
        { cell: "E3", message: 'Head of ICT (P13) reports to director, which is not a post ID in the list: "director" is a post title, so give the post ID of Director (P12).' },
        { cell: "E4", message: "Head of Data (P14) reports to Head of Service, which is not a post ID in the list." },
      ],
    },
    {
      name: "a kept post reporting to a deleted post",
      posts: list(top, ["F010", "Director ICT", "KR17", "F001", { status: "deleted" }], ["F011", "Head of ICT", "KR16", "F010"]),
      findings: [{ cell: "E4", message: "Head of ICT (F011) reports to Director ICT (F010), which the proposals delete.", suggestion: "Give Head of ICT (F011) its line manager in the new structure." }],
    },
    {
      name: "a deleted post whose line before the proposals is not in the list",
      posts: list(top, ["F010", "Director ICT", "KR17", "F999", { status: "deleted" }]),
      findings: [{ cell: "E3", message: "Director ICT (F010) reports to F999, which is not a post ID in the list." }],
    },
    {
      name: "before the proposals, a kept post reporting to a new post is not flagged; after, a missing one is",
      posts: list(top, ["F030", "Director Digital", "KR17", "F001", { status: "new" }], ["F031", "Head of Data", "KR16", "F030"], ["F032", "Head of Web", "KR16", "F998"]),
      options: { structure: "before" },
      findings: [{ cell: "E5", message: "Head of Web (F032) reports to F998, which is not a post ID in the list." }],
    },
    {
      name: "an extract of one directorate: its top reports outside the list (information)",
      posts: list(["F010", "Director ICT", "KR17", "F001"], ["F011", "Head of ICT", "KR16", "F010"]),
      findings: [{ cell: "E2", severity: "info", message: "Director ICT (F010) reports to F001, which is not in this list: it is read as the top of the structure.", suggestion: "Nothing to do if the list is an extract of a larger establishment." }],
    },
  ],
});

postRuleTester(multipleTops, {
  valid: [clean],
  invalid: [
    {
      name: "the higher grade is the top, whichever comes first",
      posts: list(["F030", "Director Digital", "KR17", null], top, ...dirs),
      findings: [{ cell: "E2", message: "Director Digital (F030) reports to no one, and neither does Corporate Director (F001): 2 posts are at the top of this structure." }],
    },
    {
      name: "same grade: the one with more posts below is the top",
      posts: list(["F030", "Director Digital", "KR18", null], top, ...dirs),
      findings: [{ cell: "E2", message: /^Director Digital \(F030\) reports to no one, and neither does Corporate Director \(F001\)/ }],
    },
    {
      name: "checked before and after the proposals, once per cell",
      posts: list(top, dirs[0], ["F030", "Director Digital", "KR17", null]),
      options: { structure: "both" },
      findings: [{ cell: "E4", message: "Director Digital (F030) reports to no one (before the proposals), and neither does Corporate Director (F001): 2 posts are at the top of this structure." }],
    },
    {
      name: "a director with no reports-to beside the corporate director",
      posts: list(top, dirs[0], ["F030", "Director Digital", "KR17", null]),
      findings: [{ cell: "E4", message: "Director Digital (F030) reports to no one, and neither does Corporate Director (F001): 2 posts are at the top of this structure.", suggestion: "Fill in who Director Digital (F030) reports to." }],
    },
  ],
});

const loop = list(top, ["F010", "Director ICT", "KR17", "F020"], ["F020", "Director Finance", "KR17", "F010"]);

postRuleTester(tiersExceeded, {
  valid: [clean, { name: "six levels: the sixth has no reports", posts: chain(6) }, { name: "posts in a loop (reporting-cycle's)", posts: loop, options: { maxTiers: 0 } }],
  invalid: [
    {
      name: "seven levels: the sixth manages the seventh",
      posts: chain(7),
      findings: [{ cell: "B7", message: "Post 6 (F6) is management tier 6: the structure has 6 tiers of management here, more than the limit of 5.", suggestion: "Take a tier out of this line of management, or change the limit in the settings." }],
    },
    {
      name: "a deeper line: the tier over the limit counts every tier below it",
      posts: chain(8),
      findings: [{ cell: "B7", message: "Post 6 (F6) is management tier 6: the structure has 7 tiers of management here, more than the limit of 5." }],
    },
    { name: "a limit of 3 set by the user", posts: chain(5), options: { maxTiers: 3 }, findings: [{ cell: "B5", message: /tier 4: the structure has 4 tiers of management here, more than the limit of 3\.$/ }] },
  ],
});

postRuleTester(spanOfControl, {
  valid: [
    clean,
    { name: "posts with no reports are not managers", posts: list(top, ...dirs) },
    { name: "exactly 10 reports", posts: list(top, ...Array.from({ length: 10 }, (_, i): Row => [`F1${String(i).padStart(2, "0")}`, `Head ${i + 1}`, "KR16", "F001"])) },
    { name: "a span of 1 to 3 set by the user", posts: list(top, dirs[0]), options: { span: { min: 1, max: 3 } } },
    { name: "posts in a loop (reporting-cycle's)", posts: loop },
  ],
  invalid: [
    { name: "a manager with one report", posts: list(top, dirs[0]), findings: [{ cell: "B2", message: "Corporate Director (F001) has 1 direct report, outside the span of control of 2 to 10.", suggestion: "Consider whether this tier of management is needed." }] },
    { name: "a manager with no title is named by its id", posts: list(["F001", "", "KR18", null], dirs[0]), findings: [{ cell: "B2", message: "Post F001 has 1 direct report, outside the span of control of 2 to 10." }] },
    {
      name: "a post the proposals delete leaves one report after them (the after structure by default)",
      posts: list(top, dirs[0], ["F020", "Director Finance", "KR17", "F001", { status: "deleted" }]),
      findings: [{ cell: "B2", message: "Corporate Director (F001) has 1 direct report, outside the span of control of 2 to 10." }],
    },
    {
      name: "checked before and after: the structure named in the message",
      posts: list(top, dirs[0], ["F020", "Director Finance", "KR17", "F001", { status: "deleted" }]),
      options: { structure: "both", sheet: "Establishment" },
      findings: [{ cell: "B2", message: "Corporate Director (F001) has 1 direct report (after the proposals), outside the span of control of 2 to 10." }],
    },
    {
      name: "before the proposals only: a new post does not count yet",
      posts: list(top, dirs[0], ["F020", "Director Finance", "KR17", "F001", { status: "new" }]),
      options: { structure: "before" },
      findings: [{ cell: "B2", message: "Corporate Director (F001) has 1 direct report (before the proposals), outside the span of control of 2 to 10." }],
    },
    {
      name: "a manager with 11 reports",
      posts: list(top, ...Array.from({ length: 11 }, (_, i): Row => [`F1${String(i).padStart(2, "0")}`, `Head ${i + 1}`, "KR16", "F001"])),
      findings: [{ cell: "B2", message: "Corporate Director (F001) has 11 direct reports, outside the span of control of 2 to 10.", suggestion: "Consider another tier or spreading the reports." }],
    },
  ],
});

postRuleTester(gradeInversion, {
  valid: [
    clean,
    { name: "an unknown grade is not compared", posts: list(top, ["F010", "Director ICT", "KR71", "F001"], dirs[1]) },
    { name: "the same grade as the manager", posts: list(top, ["F010", "Director ICT", "KR18", "F001"], dirs[1]) },
    { name: "a loop is reporting-cycle's", posts: list(["F010", "Director ICT", "KR19", "F020"], ["F020", "Director Finance", "KR17", "F010"]) },
  ],
  invalid: [
    {
      name: "a director graded above the corporate director",
      posts: list(top, ["F010", "Director ICT", "KR19", "F001"], dirs[1]),
      findings: [{ cell: "C3", message: "Director ICT (F010) is graded KR19, above Corporate Director (F001) (graded KR18), the post it reports to.", suggestion: "Check the grades and the reporting line." }],
    },
  ],
});
