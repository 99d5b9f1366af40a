import type { RuleMeta } from "../../rule";

/**
 * formula-error is checked over the whole sheet, not one table (../formulaErrors.ts), and by post-list
 * reading for the post list's own cells: its metadata lives here with the other rules'.
 */
export const formulaError: { meta: RuleMeta<"formula-error"> } = {
  meta: {
    id: "formula-error",
    title: "Formula error",
    severity: "error",
    appliesTo: ["any sheet", "post lists"],
    description:
      "An Excel error value (#REF!, #DIV/0!, #VALUE!, #NAME?, #N/A…) anywhere in the checked block, said in words (\"refers to a cell that has been deleted\"), pointing at the cell the error comes from when a SUM only passes it on; and a formula that still mentions #REF! even where IFERROR hides the error. Members see #NAME? in a workbook opened without the add-in.",
    bad: "C7 =SUM(C2:C5)/#REF! showing #REF!",
    good: "C7 =SUM(C2:C6)",
  },
};
