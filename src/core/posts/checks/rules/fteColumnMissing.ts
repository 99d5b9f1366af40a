/**
 * fte-column-missing: a post list with no FTE column. Not a rule over the posts (../rule.ts) but over the list's
 * columns, so postListChecks.ts asks it with what reading the list found (`ParsedPostList.fteFromHours`).
 */
import { cellAddress } from "../../../a1";
import type { Finding } from "../../../findings";
import type { RuleMeta } from "../../../rule";
import { DEFAULT_FULL_TIME_HOURS } from "../../fields/fte";
import type { ParsedPostList } from "../../postList";

export const fteColumnMissing: { meta: RuleMeta<"fte-column-missing">; findings(sheet: string, parsed: ParsedPostList): Finding[] } = {
  meta: {
    id: "fte-column-missing",
    title: "No FTE column",
    severity: "warning",
    appliesTo: ["post lists"],
    description: `A post list with no FTE column. With a weekly hours column ("Hours", "Contracted hours", "Weekly hours") each post's FTE is read as its hours divided by ${DEFAULT_FULL_TIME_HOURS}, the NJC's standard working week for local government services staff: a default, so check the council's own full-time week. With no hours column either, every post is counted as 1.00 FTE (not reported once the user has mapped FTE to no column).`,
    bad: "| Post no. | Job title | Grade | Hours |",
    good: "| Post no. | Job title | Grade | FTE |",
  },
  findings(sheet, parsed) {
    const h = parsed.fteFromHours;
    if (h) {
      const half = h.fullTimeHours / 2;
      return [
        {
          sheet,
          cell: cellAddress(parsed.headerRow, h.col),
          rule: "fte-column-missing",
          severity: "warning",
          message: `The list has no FTE column, so each post's FTE is read from the "${h.header}" column as weekly hours divided by ${h.fullTimeHours} (${half} hours is 0.50 FTE). ${h.fullTimeHours} hours is a default, the NJC's standard working week for local government services staff, not the council's own figure.`,
          suggestion: `Check the council's full-time week is ${h.fullTimeHours} hours, or add an FTE column (weekly hours divided by the full-time hours).`,
        },
      ];
    }
    if (parsed.columns.fte !== undefined || parsed.columns.id === undefined) return [];
    return [
      {
        sheet,
        cell: cellAddress(parsed.headerRow, parsed.columns.id),
        rule: "fte-column-missing",
        severity: "warning",
        message: "The list has no FTE column (nor a weekly hours column), so every post is counted as 1.00 FTE.",
        suggestion: "Add an FTE column (0 to 1 for each post), or a weekly hours column.",
      },
    ];
  },
};
