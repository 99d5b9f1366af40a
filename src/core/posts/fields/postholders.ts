import type { PostFieldDeclaration } from "./field";
import { numberFromText } from "./field";

/** Postholders: a whole number from 0 to 1,000; unreadable ones are ignored (reported). Default 1, or 0 for a new post. */
export const postholdersField: PostFieldDeclaration = {
  field: "postholders",
  header: "Postholders",
  description: "Number of people in the post now.",
  width: 11,
  required: false,
  inTemplate: true,
  headerWords: [
    [/^(no of |number of |count of )?(postholders?|post holders?|job holders?|holders|incumbents?|headcount|staff in post)( count| no| number)?$/, 10],
    // "Postholder name" is a person's name, not a count.
    [/^(?!.*\bnames?\b).*\b(postholders?|post holders?|job holders?|incumbents?|headcount)\b/, 7],
  ],
  write: (p) => p.postholders,
  read(cell, post, ctx) {
    let n: number | null = null;
    if (cell.mapped) {
      const t = cell.text;
      if (typeof cell.value === "number") n = cell.value;
      else if (t !== "") {
        const p = numberFromText(t);
        if (p && !p.percent) n = p.value;
      }
      const suggestion = "Type how many people are in the post now (0 if vacant).";
      if (n !== null && (!Number.isInteger(n) || n < 0 || n > 1000)) {
        ctx.problem("invalid-value", "warning", `The number of postholders of ${ctx.label} (${t}) is not a whole number from 0; it is ignored.`, { suggestion });
        n = null;
      } else if (n === null && t !== "") {
        ctx.problem("invalid-value", "warning", `The number of postholders of ${ctx.label} ("${t}") is not a number; it is ignored.`, { suggestion });
      }
    }
    post.postholders = n ?? (post.status === "new" ? 0 : 1);
  },
};
