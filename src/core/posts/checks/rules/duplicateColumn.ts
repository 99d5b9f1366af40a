/**
 * duplicate-column: two columns of a post list that name one field equally well (a heading that appears twice).
 * Like fte-column-missing, a rule over the list's columns, not its posts (../rule.ts): postListChecks.ts asks it
 * with what reading the list found (`ParsedPostList.duplicateColumns`).
 */
import { cellAddress, columnLetters } from "../../../a1";
import type { Finding } from "../../../findings";
import type { RuleMeta } from "../../../rule";
import { postListColumn, type ParsedPostList } from "../../postList";

export const duplicateColumn: { meta: RuleMeta<"duplicate-column">; findings(sheet: string, parsed: ParsedPostList): Finding[] } = {
  meta: {
    id: "duplicate-column",
    title: "Two columns for one field",
    severity: "warning",
    appliesTo: ["post lists"],
    description:
      "Two columns of a post list whose headings name the same field equally well (\"Status\" typed twice, or two \"Post ID\" columns with no group heading to tell them apart). Only the first is read and the other is left out, which may be the wrong one.",
    bad: "| Post ID | Job title | Grade | FTE | Post ID | Status |",
    good: "| Post ID | Job title | Grade | FTE | Reports to (post ID) | Status |",
  },
  findings(sheet, parsed) {
    return (parsed.duplicateColumns ?? []).map((d) => {
      const kept = columnLetters(d.kept.col);
      const dropped = columnLetters(d.dropped.col);
      return {
        sheet,
        cell: cellAddress(parsed.headerRow, d.dropped.col),
        rule: "duplicate-column",
        severity: "warning",
        message: `Columns ${kept} ("${d.kept.header}") and ${dropped} ("${d.dropped.header}") both look like the ${postListColumn(d.field).header} column. Column ${kept} is read and column ${dropped} is left out.`,
        suggestion: `Rename the column that is not the ${postListColumn(d.field).header}, or choose the right column in the column mapping.`,
      };
    });
  },
};
