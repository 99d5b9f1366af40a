import type { PostStatus } from "../postList";
import { headerKey, type PostFieldDeclaration } from "./field";

/** "to be", "proposed", "proposed for", "for": a change the restructure proposes is read as that change. */
const PROPOSED = String.raw`(?:(?:to be|proposed(?: to be| for)?|for) )?`;
/** Words after "deleted" that give a condition or a second status, not a reason: the status stays unread. */
const NOT_A_REASON = String.raw`(?!(?:if|unless|or|and|not|subject|pending|tbc|tbd)\b)`;

const STATUS_WORDS: ReadonlyArray<readonly [RegExp, PostStatus]> = [
  [/^(existing|current|exists|existing post|in post|retained|remains?|kept)$/, "existing"],
  [/^(deleted?|deletion|post deleted|delete post|removed?|post removed|disestablished?|ceases?)$/, "deleted"],
  // "To be deleted", "Proposed deletion", "Proposed for deletion", "Post to be deleted".
  [new RegExp(String.raw`^(?:post )?${PROPOSED}(?:deleted?|deletion|removed?|removal|disestablished?|disestablishment)(?: post)?$`), "deleted"],
  // A reason after the status: "Deleted – redundancy", "Deleted (vacant)", "Post deleted - restructure".
  [new RegExp(String.raw`^(?:post )?(?:deleted|removed|disestablished) ${NOT_A_REASON}[a-z0-9].*$`), "deleted"],
  [/^(new|new post|created?|post created|creation|proposed new post|added|established)$/, "new"],
  // "Proposed new", "New (proposed)", "New role", "To be created", "Proposed new position".
  [/^((proposed )?new( post| role| position| job)?( proposed)?|(to be|proposed to be) (created|established|added)|proposed creation)$/, "new"],
  [/^(amended|amend|post amended|changed?|revised|modified|regraded|varied)$/, "amended"],
  [new RegExp(String.raw`^(?:post )?${PROPOSED}(?:amended|amendment|regraded?|regrading|changed|revised)(?: post)?$`), "amended"],
  [/^(unaffected|no change|unchanged|not affected|post unaffected|n a|none)$/, "unaffected"],
];

/** " Post deleted " -> "deleted"; "" -> "existing"; unknown wording -> null. */
export function parsePostStatus(text: string): PostStatus | null {
  const key = headerKey(text);
  if (key === "") return "existing";
  for (const [re, status] of STATUS_WORDS) if (re.test(key)) return status;
  return null;
}


/**
 * Status: one of the five; an unknown one is kept in rawStatus (checkPosts reports status-invalid) and read as existing
 * in the structure, while the restructure impact leaves the post out (../impact.ts).
 */
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
