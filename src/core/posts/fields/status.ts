import type { PostStatus } from "../postList";
import { headerKey, type PostFieldDeclaration } from "./field";

const STATUS_WORDS: ReadonlyArray<readonly [RegExp, PostStatus]> = [
  [/^(existing|current|exists|existing post|in post|retained|remains?|kept)$/, "existing"],
  [/^(deleted?|deletion|post deleted|delete post|removed?|post removed|disestablished?|ceases?)$/, "deleted"],
  [/^(new|new post|created?|post created|creation|proposed new post|added|established)$/, "new"],
  [/^(amended|amend|post amended|changed?|revised|modified|regraded|varied)$/, "amended"],
  [/^(unaffected|no change|unchanged|not affected|post unaffected|n a|none)$/, "unaffected"],
];

/** " Post deleted " -> "deleted"; "" -> "existing"; unknown wording -> null. */
export function parsePostStatus(text: string): PostStatus | null {
  const key = headerKey(text);
  if (key === "") return "existing";
  for (const [re, status] of STATUS_WORDS) if (re.test(key)) return status;
  return null;
}


/** Status: one of the five; an unknown one is kept in rawStatus (checkPosts reports status-invalid) and read as existing. */
export const statusField: PostFieldDeclaration = {
  field: "status",
  header: "Status",
  description: "existing, deleted, new, amended or unaffected.",
  width: 11,
  required: false,
  inTemplate: true,
  headerWords: [
    [/^(status|impact|change|proposal|impact of proposal|restructure status|post status)$/, 10],
    [/\b(status|impact)\b/, 6],
  ],
  /** An unknown status is written back as typed. */
  write: (p) => p.rawStatus ?? p.status,
  read(cell, post) {
    const parsed = parsePostStatus(cell.text);
    post.status = parsed ?? "existing";
    if (parsed === null) post.rawStatus = cell.text;
  },
};
