import { FTE_NUMBER_FORMAT } from "../../money";
import type { PostFieldDeclaration } from "./field";
import { headerKey, numberFromText } from "./field";

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

/**
 * Full-time weekly hours assumed when a post list gives weekly hours and no FTE: 37, the NJC's standard working
 * week for local government services staff (the "Green Book"). It is a default, not a figure from the council:
 * the finding that reports the conversion (fte-column-missing) says so.
 */
export const DEFAULT_FULL_TIME_HOURS = 37;

/** "Hours", "Contracted hours", "Weekly hours", "Hours per week", "Hrs" (after headerKey). */
const HOURS_HEADER = /^((contracted|contractual|weekly|working|basic|standard) )?(hours|hrs)( (per|a) week| pw| p w| weekly)?$/;

/** True when a header names a weekly hours column (read into FTE as hours ÷ full-time hours when there is no FTE column). */
export function isHoursHeader(text: string): boolean {
  return HOURS_HEADER.test(headerKey(text));
}

/**
 * A number typed as text in the FTE column, as the FTE (or, in a weekly hours column, the hours) it states: "0.5",
 * "0.5 FTE", "0.5 WTE", and a percentage of full time, "50%" (0.5; at most 150%); in an hours column "18.5",
 * "18.5 hours", "18.5 hrs". Null for anything else ("full time", "50% FTE" in an hours column).
 */
export function fteFromText(text: string, hoursColumn: boolean): number | null {
  const unit = hoursColumn ? /\s*(hours?|hrs?|h)\.?$/i : /\s*(fte|wte)$/i;
  const n = numberFromText(text.trim().replace(unit, ""));
  if (n === null) return null;
  if (!n.percent) return n.value;
  if (hoursColumn || n.value < 0 || n.value > MAX_POST_FTE * 100) return null;
  return Math.round(n.value * 1e4) / 1e6;
}

/** FTE: a number; "0.5", "0.5 FTE" or "50%" typed as text is read (and reported, with a fix); anything else counts as 1.00. */
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
    // Weekly hours: taken only when no column says FTE (lower score); read as hours ÷ full-time hours.
    [HOURS_HEADER, 5],
  ],
  write: (p) => p.fte,
  // The "fte" style carries the 0.00 format on written cells; the empty template rows get it as a format.
  numberFormat: FTE_NUMBER_FORMAT,
  style: "fte",
  read(cell, post, ctx) {
    if (!cell.mapped) return;
    // A weekly hours column (no FTE column): FTE = hours ÷ full-time hours, to 6 places (22.2 / 37 is 0.6).
    const hours = ctx.fullTimeHours;
    const asFte = (x: number): number => (hours === undefined ? x : Math.round((x / hours) * 1e6) / 1e6);
    const what = hours === undefined ? "FTE" : "weekly hours";
    const v = cell.value;
    if (typeof v === "number") {
      if (Number.isFinite(v)) post.fte = asFte(v);
      else ctx.problem("fte-not-a-number", "error", `The ${what} of ${ctx.label} is not a number; it is counted as 1.00${hours === undefined ? "" : " FTE"}.`, { suggestion: "Type the FTE as a number from 0 to 1." });
      return;
    }
    if (cell.error) return;
    if (cell.text === "") {
      ctx.problem("missing-value", "warning", `The ${what} of ${ctx.label} is blank; it is counted as 1.00${hours === undefined ? "" : " FTE"}.`, { suggestion: hours === undefined ? "Type the FTE, from 0 to 1." : "Type the post's weekly hours." });
      return;
    }
    const n = fteFromText(cell.text, hours !== undefined);
    if (n !== null) {
      post.fte = asFte(n);
      const read = hours === undefined ? `${n}` : `${n} hours (${post.fte} FTE)`;
      ctx.problem("number-as-text", "warning", `The ${what} of ${ctx.label} is stored as text ("${cell.text}"); it is read as ${read}.`, {
        suggestion: "Convert it to a number.",
        fixValue: { kind: "number", value: n },
        fixDescription: `Replace the text "${cell.text}" with the number ${n}.`,
      });
    } else {
      ctx.problem("fte-not-a-number", "error", `The ${what} of ${ctx.label} ("${cell.text}") is not a number; it is counted as 1.00${hours === undefined ? "" : " FTE"}.`, { suggestion: hours === undefined ? "Type the FTE as a number from 0 to 1." : "Type the post's weekly hours as a number." });
    }
  },
};
