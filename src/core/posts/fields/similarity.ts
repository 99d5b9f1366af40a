import type { PostFieldDeclaration } from "./field";
import { numberFromText } from "./field";

/** Similarity (slotting): 80%, 0.8 or 80 all mean 80% the same work; outside 0% to 100% is reported and ignored. */
export const similarityField: PostFieldDeclaration = {
  field: "similarity",
  header: "Similarity",
  description: "Share of the new job that is the same work (0-100%).",
  width: 10,
  required: false,
  inTemplate: false,
  headerWords: [
    [/^(similarity|% ?same|same work|job match|match)( %)?$/, 10],
    [/\b(similarity|same work)\b/, 7],
  ],
  write: (p) => p.similarity ?? null,
  read(cell, post, ctx) {
    const t = cell.text;
    let n: number | null = null;
    let percent = false;
    if (typeof cell.value === "number") n = cell.value;
    else if (t !== "") {
      const p = numberFromText(t);
      if (p) {
        n = p.value;
        percent = p.percent;
      }
    }
    if (n !== null) {
      const fraction = percent || n > 1 ? n / 100 : n;
      if (fraction >= 0 && fraction <= 1) post.similarity = fraction;
      else n = null;
    }
    if (n === null && t !== "") {
      ctx.problem("invalid-value", "warning", `The similarity of ${ctx.label} ("${t}") is not a percentage from 0% to 100%; it is ignored.`, { suggestion: "Type a percentage such as 80%." });
    }
  },
};
