/** Fixtures for the members' pack tests: the papers' figures (see ../shared/domain.md). */
import type { GradedPost } from "../../src/core/gradeDelta";
import { parseSavingsRange } from "../../src/core/savingsRanges";
import type { MembersPackInput, SavingsSection } from "../../src/workbook/membersPack";
import type { Finding } from "../../src/core/findings";
import type { SheetLayout } from "../../src/core/layout";
import { computeImpact } from "../../src/core/posts/impact";
import { structureLayout } from "../../src/core/posts/structureLayout";

/** The Strategic and Corporate Services restructure: seven posts deleted, six created. */
export const SCS_BEFORE: GradedPost[] = [
  { grade: "KR18", fte: 1 },
  { grade: "KR18", fte: 1 },
  { grade: "KR18", fte: 1 },
  { grade: "KR17", fte: 1 },
  { grade: "KR17", fte: 1 },
  { grade: "KR16", fte: 1 },
  { grade: "KR16", fte: 1 },
];
export const SCS_AFTER: GradedPost[] = [
  { grade: "KR18", fte: 1 },
  { grade: "KR18", fte: 1 },
  { grade: "KR17", fte: 1 },
  { grade: "KR17", fte: 1 },
  { grade: "KR17", fte: 1 },
  { grade: "KR16", fte: 1 },
];

/** The savings table: six streams, 180-220 in total, against a requirement of £241m. */
export const SAVINGS_TABLE: SavingsSection = {
  title: "Savings streams 2011-2015",
  unit: "£m",
  requirement: 241,
  streams: [
    ["Market engagement activity", "15-20"],
    ["Commissioning & procurement activity", "£15m-£20m"],
    ["Service review & integration activity", "55 to 65"],
    ["Additional income from trading", "10–15"],
    ["Efficiencies from existing savings plans", "20-25"],
    ["Reduced demand through preventative services", "65-75"],
  ].map(([name, text]) => ({ name, range: parseSavingsRange(text) })),
};

export const SAMPLE_FINDINGS: Finding[] = [
  { sheet: "Market review", cell: "C9", rule: "total-mismatch", severity: "error", message: "The total £79,603,000 does not equal the sum of its lines £79,603,600 (difference £600).", suggestion: "Replace the typed total with =SUM(C5:C8)." },
  { sheet: "Market review", cell: "D6", rule: "number-as-text", severity: "error", message: 'The amount "£15,174,600" is stored as text.', suggestion: "Convert it to the number 15174600." },
  { sheet: "Market review", cell: "D5", rule: "negative-net", severity: "info", message: "Net budget is negative (-£229,000): a traded service earning more than it spends?" },
  { sheet: "=HYPERLINK(\"http://evil\")", cell: "A1", rule: "blank-service", severity: "warning", message: "=HYPERLINK(\"http://evil\",\"click\")" },
];

export const HOSTILE_TITLE = '=HYPERLINK("http://x")';

export function fullInput(): MembersPackInput {
  return {
    savings: SAVINGS_TABLE,
    impacts: [{ name: "Strategic and Corporate Services", impact: computeImpact(SCS_POST_LIST, { year: 2023, point: "min" }) }],
    checks: { findings: SAMPLE_FINDINGS, source: "Market review budget.xlsx", sheetsChecked: ["Market review"] },
    costing: { year: 2023, point: "min" },
  };
}

import type { Post, PostStatus } from "../../src/core/posts/postList";

function post(id: string, title: string, grade: string, reportsTo: string | null, status: PostStatus, functions: string[] = []): Post {
  return { id, title, grade, fte: 1, reportsTo, directorate: "Strategic and Corporate Services", division: "", functions, status, postholders: status === "new" ? 0 : 1, row: 0 };
}

/** The Strategic and Corporate Services restructure as a post list with statuses. */
export const SCS_POST_LIST: Post[] = [
  { ...post("P001", "Head of Paid Service", "KR20", null, "existing"), directorate: "Chief Executive's Office" },
  post("P010", "Corporate Director Strategic and Corporate Services", "KR19", "P001", "existing"),
  post("P011", "Corporate Director Finance & Procurement", "KR18", "P010", "deleted"),
  post("P012", "Corporate Director Human Resources", "KR18", "P010", "deleted"),
  post("P013", "Corporate Director Customer & Communities", "KR18", "P010", "deleted"),
  post("P014", "Director ICT", "KR17", "P010", "deleted"),
  post("P015", "Director Property", "KR17", "P010", "deleted"),
  post("P016", "Head of Policy & Strategic Relationships", "KR16", "P010", "deleted"),
  post("P017", "Head of Communications", "KR16", "P010", "deleted"),
  post("P020", "Corporate Director Finance", "KR18", "P010", "new", ["Finance", "Procurement"]),
  post("P021", "Corporate Director People", "KR18", "P010", "new", ["Human Resources"]),
  post("P022", "Director Infrastructure", "KR17", "P010", "new", ["ICT", "Property"]),
  post("P023", "Director Strategy, Policy & Assurance", "KR17", "P010", "new", ["Policy", "Assurance"]),
  post("P024", "Director Customer Services", "KR17", "P010", "new", ["Customer contact"]),
  post("P025", "Head of Engagement", "KR16", "P010", "new", ["Communications", "=HYPERLINK(\"http://x\")"]),
].map((p, i) => ({ ...p, row: i + 1 }));

/** The domain's Social Care and Public Health directorate as a post list (existing posts). */
export const SOCIAL_CARE_POST_LIST: Post[] = [
  { ...post("S001", "Corporate Director Social Care and Public Health", "KR19", null, "existing"), directorate: "Social Care and Public Health" },
  { ...post("S010", "Director Commissioning", "KR17", "S001", "existing", ["Children's Health Commissioning", "Contracts and Procurement"]), directorate: "Social Care and Public Health" },
  { ...post("S011", "Director Specialist Children's Services", "KR17", "S001", "existing", ["Initial Duty and Assessment", "Child Protection"]), directorate: "Social Care and Public Health" },
  { ...post("S012", "Director Older People and Physical Disability", "KR17", "S001", "existing", ["Enablement", "Adult Protection"]), directorate: "Social Care and Public Health" },
  { ...post("S013", "Director Public Health", "KR17", "S001", "existing", ["Health Improvement", "Health Protection"]), directorate: "Social Care and Public Health" },
  { ...post("S020", "Head of Libraries", "KR16", "S001", "existing"), directorate: "Social Care and Public Health" },
].map((p, i) => ({ ...p, row: i + 1 }));

/** The structure table of that directorate, laid out by core as the task pane draws it. */
export function structureTableLayout(): SheetLayout {
  return structureLayout(SOCIAL_CARE_POST_LIST, "S001", { showGradeAndFte: false });
}
