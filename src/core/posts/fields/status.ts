import { parsePostStatus } from "../postList";
import type { PostFieldDeclaration } from "./field";

/** Status: one of the five; an unknown one is kept in rawStatus (checkPosts reports status-invalid) and read as existing. */
export const statusField: PostFieldDeclaration = {
  field: "status",
  read(cell, post) {
    const parsed = parsePostStatus(cell.text);
    post.status = parsed ?? "existing";
    if (parsed === null) post.rawStatus = cell.text;
  },
};
