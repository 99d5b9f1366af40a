import type { PostFieldDeclaration } from "./field";

/** Reports to: a post id, or null for the top post (blank) and for an error value. */
export const reportsToField: PostFieldDeclaration = {
  field: "reportsTo",
  read(cell, post) {
    post.reportsTo = cell.text === "" ? null : cell.text;
  },
};
