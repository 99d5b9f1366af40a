/** The fields read as plain text: id, title, grade, directorate, division, functions, scenario. */
import { normaliseGrade } from "../../grades";
import { splitFunctions } from "../postList";
import type { PostFieldDeclaration } from "./field";

export const idField: PostFieldDeclaration = { field: "id", read: (cell, post) => void (post.id = cell.text) };

export const titleField: PostFieldDeclaration = {
  field: "title",
  read(cell, post, ctx) {
    post.title = cell.text;
    if (cell.text === "" && post.id !== "") ctx.problem("missing-value", "warning", `Post ${post.id} has no title.`, { suggestion: "Type the post title." });
  },
};

export const gradeField: PostFieldDeclaration = { field: "grade", read: (cell, post) => void (post.grade = normaliseGrade(cell.text)) };
export const directorateField: PostFieldDeclaration = { field: "directorate", read: (cell, post) => void (post.directorate = cell.text) };
export const divisionField: PostFieldDeclaration = { field: "division", read: (cell, post) => void (post.division = cell.text) };
export const functionsField: PostFieldDeclaration = { field: "functions", read: (cell, post) => void (post.functions = splitFunctions(cell.text)) };

export const scenarioField: PostFieldDeclaration = {
  field: "scenario",
  read(cell, post) {
    if (cell.text !== "") post.scenario = cell.text;
  },
};
