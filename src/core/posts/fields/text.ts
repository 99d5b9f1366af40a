/** The fields read as plain text: id, title, grade, directorate, division, functions, scenario. */
import { normaliseGrade } from "../../grades";
import type { PostFieldDeclaration } from "./field";

/** "Finance; Procurement;;  Audit " -> ["Finance", "Procurement", "Audit"]. Also splits on line breaks. */
export function splitFunctions(text: string): string[] {
  return text
    .split(/[;\n\r]+/)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s !== "");
}

export const idField: PostFieldDeclaration = {
  field: "id",
  header: "Post ID",
  description: "A unique reference for the post, e.g. SCS001.",
  width: 12,
  required: true,
  inTemplate: true,
  headerWords: [
    [/^(post|position|job|establishment) ?(id|no|number|ref|reference|code)$/, 10],
    [/^(id|ref|reference|code)$/, 7],
    // A bare "No." is often a row counter: the weakest claim to be the post id.
    [/^(no|number)$/, 4],
    [/^(post|position) (id|no|number|ref|reference|code)\b/, 8],
  ],
  read: (cell, post) => void (post.id = cell.text),
  write: (p) => p.id,
  numberFormat: "@",
};

export const titleField: PostFieldDeclaration = {
  field: "title",
  header: "Post title",
  description: "The post's title as it appears in the structure.",
  width: 40,
  required: true,
  inTemplate: true,
  headerWords: [
    [/^(post|job|position|role)? ?(title|name)$/, 10],
    [/^(post|job|position|role)$/, 6],
    [/\b(post|job|position|role) title\b/, 7],
  ],
  write: (p) => p.title,
  read(cell, post, ctx) {
    post.title = cell.text;
    if (cell.text === "" && post.id !== "") ctx.problem("missing-value", "warning", `Post ${post.id} has no title.`, { suggestion: "Type the post title." });
  },
};

export const gradeField: PostFieldDeclaration = {
  field: "grade",
  header: "Grade",
  description: "The pay grade, from the grade table in use.",
  width: 9,
  required: true,
  inTemplate: true,
  headerWords: [
    [/^(pay )?(grade|band|scale)$/, 10],
    [/\b(grade|pay band|pay scale)\b/, 6],
  ],
  read: (cell, post) => void (post.grade = normaliseGrade(cell.text)),
  write: (p) => p.grade,
};

/** An optional field read and written as the cell's text, trimmed (directorate, division). */
function plainTextField(field: "directorate" | "division", column: Pick<PostFieldDeclaration, "header" | "description" | "width" | "headerWords">): PostFieldDeclaration {
  return { field, ...column, required: false, inTemplate: true, read: (cell, post) => void (post[field] = cell.text), write: (p) => p[field] };
}

export const directorateField = plainTextField("directorate", {
  header: "Directorate",
  description: "The directorate the post sits in.",
  width: 28,
  headerWords: [
    [/^(directorate|department|dept)( name)?$/, 10],
    [/\b(directorate|department)\b/, 6],
  ],
});

export const divisionField = plainTextField("division", {
  header: "Division",
  description: "The division or service.",
  width: 26,
  headerWords: [
    [/^(division|service|section|unit|division service|service area|team)( name)?$/, 10],
    [/\b(division|service area)\b/, 6],
  ],
});

/** Functions: semicolon-separated in the cell, written back joined with "; ". */
export const functionsField: PostFieldDeclaration = {
  field: "functions",
  header: "Functions",
  description: "Functions the post leads, separated by semicolons.",
  width: 44,
  required: false,
  inTemplate: true,
  headerWords: [
    [/^(functions?|functions? led|services? led|responsibilities|remit|portfolio|areas? of responsibility)$/, 10],
    [/\b(functions?|responsibilit(y|ies))\b/, 6],
  ],
  read: (cell, post) => void (post.functions = splitFunctions(cell.text)),
  write: (p) => p.functions.join("; "),
};

export const scenarioField: PostFieldDeclaration = {
  field: "scenario",
  header: "Scenario",
  description: "Optional: the status applies only if this scenario is chosen.",
  width: 16,
  required: false,
  inTemplate: true,
  headerWords: [
    [/^(scenario|condition|conditional on|depends on|option)$/, 10],
    [/\bscenario\b/, 7],
  ],
  write: (p) => p.scenario ?? null,
  read(cell, post) {
    if (cell.text !== "") post.scenario = cell.text;
  },
};
