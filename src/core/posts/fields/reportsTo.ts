import type { PostFieldDeclaration } from "./field";

/** Reports to: a post id, or null for the top post (blank) and for an error value. */
export const reportsToField: PostFieldDeclaration = {
  field: "reportsTo",
  header: "Reports to (post ID)",
  description: "The post ID of the line manager's post; blank for the top post.",
  width: 14,
  required: true,
  inTemplate: true,
  headerWords: [
    [/^(reports? to|reporting to|line manager|manager|parent)( post)?( (id|no|number|ref|reference))?$/, 10],
    // "Line manager name", "Reports to name": a person, not the post id this column holds.
    [/^(?!.*\bnames?\b).*\b(reports? to|reporting (line|to)|line manager|manager post|managers? post|parent post|supervisor)\b/, 8],
  ],
  write: (p) => p.reportsTo ?? null,
  numberFormat: "@",
  read(cell, post) {
    post.reportsTo = cell.text === "" ? null : cell.text;
  },
};
