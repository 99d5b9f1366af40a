import { dateToExcelSerial, excelSerialToDate, parseDateText } from "../../financialYear";
import { DATE_NUMBER_FORMAT } from "../../money";
import type { PostFieldDeclaration } from "./field";

/** Effective date: an Excel date serial or dd/mm/yyyy text; anything else is reported and ignored. */
export const effectiveDateField: PostFieldDeclaration = {
  field: "effectiveDate",
  header: "Effective date",
  description: "Date the change takes effect (dd/mm/yyyy).",
  width: 13,
  required: false,
  inTemplate: true,
  headerWords: [
    [/^(effective( from| date)?|date effective|start date|effective from date|from)$/, 10],
    [/\beffective\b/, 7],
  ],
  write: (p) => (p.effectiveDate ? dateToExcelSerial(p.effectiveDate) : null),
  numberFormat: DATE_NUMBER_FORMAT,
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
