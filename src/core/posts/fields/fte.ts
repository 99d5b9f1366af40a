import { FTE_NUMBER_FORMAT } from "../../money";
import type { PostFieldDeclaration } from "./field";
import { numberFromText } from "./field";

/**
 * The most FTE one row of a post list can hold and still be read as one post's FTE. A post is at most 1 FTE in
 * practice (a job-share is two posts, each on its own row); up to 1.5 is still read as typed (fte-out-of-range
 * flags it), since a post with a share of extra hours is sometimes typed that way. Above 1.5 the number is not
 * one post's FTE: weekly hours typed in the FTE column (37, 18.5) or several posts on one row. Such rows are
 * flagged (fte-looks-like-hours) and left out of the restructure impact's costs (../impact.ts).
 */
export const MAX_POST_FTE = 1.5;

/** Most weekly hours a post is contracted for; a larger number in the FTE column is not read as hours either. */
export const MAX_WEEKLY_HOURS = 80;

/** FTE: a number; "0.5" typed as text is read (and reported, with a fix); anything else counts as 1.00. */
export const fteField: PostFieldDeclaration = {
  field: "fte",
  header: "FTE",
  description: "Full-time equivalent, from 0 to 1.",
  width: 7,
  required: true,
  inTemplate: true,
  headerWords: [
    [/^(fte|wte|full time equivalent|whole time equivalent)$/, 10],
    [/\b(fte|wte|full time equivalent)\b/, 7],
  ],
  write: (p) => p.fte,
  // The "fte" style carries the 0.00 format on written cells; the empty template rows get it as a format.
  numberFormat: FTE_NUMBER_FORMAT,
  style: "fte",
  read(cell, post, ctx) {
    if (!cell.mapped) return;
    const v = cell.value;
    if (typeof v === "number") {
      if (Number.isFinite(v)) post.fte = v;
      else ctx.problem("fte-not-a-number", "error", `The FTE of ${ctx.label} is not a number; it is counted as 1.00.`, { suggestion: "Type the FTE as a number from 0 to 1." });
      return;
    }
    if (cell.error) return;
    if (cell.text === "") {
      ctx.problem("missing-value", "warning", `The FTE of ${ctx.label} is blank; it is counted as 1.00.`, { suggestion: "Type the FTE, from 0 to 1." });
      return;
    }
    const n = numberFromText(cell.text);
    if (n && !n.percent) {
      post.fte = n.value;
      ctx.problem("number-as-text", "warning", `The FTE of ${ctx.label} is stored as text ("${cell.text}"); it is read as ${n.value}.`, {
        suggestion: "Convert it to a number.",
        fixValue: { kind: "number", value: n.value },
        fixDescription: `Replace the text "${cell.text}" with the number ${n.value}.`,
      });
    } else {
      ctx.problem("fte-not-a-number", "error", `The FTE of ${ctx.label} ("${cell.text}") is not a number; it is counted as 1.00.`, { suggestion: "Type the FTE as a number from 0 to 1." });
    }
  },
};
