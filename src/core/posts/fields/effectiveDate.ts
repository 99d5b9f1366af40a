import { excelSerialToDate, parseDateText } from "../../financialYear";
import type { PostFieldDeclaration } from "./field";

/** Effective date: an Excel date serial or dd/mm/yyyy text; anything else is reported and ignored. */
export const effectiveDateField: PostFieldDeclaration = {
  field: "effectiveDate",
  read(cell, post, ctx) {
    const v = cell.value;
    const suggestion = "Type the date as dd/mm/yyyy.";
    if (typeof v === "number") {
      try {
        post.effectiveDate = excelSerialToDate(v);
      } catch {
        ctx.problem("invalid-value", "warning", `The effective date of ${ctx.label} (${v}) is not a date.`, { suggestion });
      }
    } else if (cell.text !== "") {
      const d = parseDateText(cell.text);
      if (d) post.effectiveDate = d;
      else ctx.problem("invalid-value", "warning", `The effective date of ${ctx.label} ("${cell.text}") is not a date.`, { suggestion });
    }
  },
};
