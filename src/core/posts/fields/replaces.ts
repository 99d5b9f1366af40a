import type { PostFieldDeclaration } from "./field";

/**
 * Between two post IDs in a "Replaces" cell: a comma, a semicolon, an ampersand, a line break, or the word "and"
 * with spaces either side ("F010 and F011"). Not a space alone, a slash or a hyphen: post IDs hold those
 * ("SCS 101", "SCS/101", "F-010").
 */
const ID_SEPARATOR = /\s*(?:[,;&\n\r]|\s+and\s+)\s*/i;

/**
 * The post IDs named in a "Replaces" cell, as typed (trimmed), each once, in the order typed:
 * "00123; 00124 and F010" -> ["00123", "00124", "F010"]; "" -> []. A number typed as a number arrives here as
 * its text (123 -> "123"), as a reports-to does; the IDs are matched to posts exactly, as reports-to IDs are
 * (src/core/posts/idIndex.ts), so "123" is not post "00123" (the replaces-invalid check says which post was
 * probably meant).
 */
export function parseReplacedIds(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.split(ID_SEPARATOR)) {
    const id = piece.trim();
    if (id !== "" && !out.includes(id)) out.push(id);
  }
  return out;
}

/**
 * Replaces (slotting): on a new post's row, the post IDs of the deleted posts it replaces, i.e. the posts HR
 * matched to it. Its similarity is then the similarity of that pairing, and only the named posts are its
 * candidates for slotting (../impact.ts). Not in the template (like similarity, it is added when slotting is
 * assessed); read wherever it is typed, and checked by replaces-invalid on rows that are not new posts.
 */
export const replacesField: PostFieldDeclaration = {
  field: "replaces",
  header: "Replaces (post ID)",
  description: "On a new post: the post IDs of the deleted posts it replaces (matched to it for slotting), separated by commas.",
  width: 16,
  required: false,
  inTemplate: false,
  headerWords: [
    [
      /^(replaces?|replacing|replaced|replaces posts?|replaced posts?|posts? replaced|deleted posts? replaced|matched to|matched (from|with)|matched posts?|slotted from|slots? from|old posts?)( (id|ids|no|nos|number|numbers|ref|refs|reference|references|code|codes))?$/,
      10,
    ],
    // "Post(s) this replaces", "Deleted post matched to": not a name or a title, which would be the old post's.
    [/^(?!.*\b(names?|titles?)\b).*\b(replaces|replaced posts?|replacing|matched to|slotted from)\b/, 7],
  ],
  write: (p) => (p.replaces && p.replaces.length > 0 ? p.replaces.join(", ") : null),
  // IDs stay text ("00123" keeps its zeros), as the post ID and reports-to columns do.
  numberFormat: "@",
  read(cell, post) {
    if (cell.text === "") return;
    const ids = parseReplacedIds(cell.text);
    if (ids.length > 0) post.replaces = ids;
  },
};
