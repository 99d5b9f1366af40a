/**
 * parsePostRows as it was at commit f906c07 (closures, a context and a cell object made for every field of
 * every row, the mapped cells gathered into arrays to see a blank row): the reference
 * test/posts/parsePostRowsSame.test.ts holds the current one to, output for output. Since then a total label in
 * the post id column (title blank or a total too) is a totals line, not a post.
 */
import type { RuleId, Severity } from "../../src/core/findings";
import { POST_FIELD_DECLARATIONS } from "../../src/core/posts/fields";
import { POST_FIELDS, postListColumn, type ParsePostListOptions, type ParsedPostList, type Post, type PostCellProblem, type PostField, type PostListMapping } from "../../src/core/posts/postList";
import { cellText, isErrorValue, type CellValue } from "../../src/core/sheetSnapshot";
import { isTotalLabel } from "../../src/core/totalRows";

export function referenceParsePostRows(
  values: readonly (readonly CellValue[])[],
  mapping: PostListMapping,
  options: ParsePostListOptions = {},
): ParsedPostList {
  const origin = options.origin ?? { row: 0, col: 0 };
  const c = mapping.columns;
  const sheetColumns: Partial<Record<PostField, number>> = {};
  for (const f of POST_FIELDS) if (c[f] !== undefined) sheetColumns[f] = (c[f] as number) + origin.col;
  const posts: Post[] = [];
  const problems: PostCellProblem[] = [];
  const blankRows: number[] = [];
  let pendingBlank: number[] = [];

  for (let r = mapping.headerRow + 1; r < values.length; r++) {
    const row = values[r];
    const sheetRow = r + origin.row;
    const raw = (f: PostField): CellValue => (c[f] === undefined ? null : (row[c[f] as number] ?? null));
    const text = (f: PostField): string => {
      const v = raw(f);
      return isErrorValue(v) ? "" : cellText(v);
    };
    const mappedCells = POST_FIELDS.filter((f) => c[f] !== undefined).map((f) => raw(f));
    if (mappedCells.every((v) => cellText(v) === "")) {
      pendingBlank.push(sheetRow);
      continue;
    }
    const problem = (field: PostField, rule: RuleId, severity: Severity, message: string, extra: Partial<PostCellProblem> = {}): void => {
      problems.push({ row: sheetRow, col: (c[field] ?? 0) + origin.col, field, rule, severity, message, ...extra });
    };
    for (const f of POST_FIELDS) {
      const v = raw(f);
      if (isErrorValue(v)) problem(f, "formula-error", "error", `The ${postListColumn(f).header.toLowerCase()} cell shows ${v}.`, { suggestion: "Correct the formula or type the value." });
    }
    const id = text("id");
    const title = text("title");
    const gradeText = text("grade");
    if ((id === "" && title === "" && gradeText === "") || (id === "" && isTotalLabel(title)) || (isTotalLabel(id) && (title === "" || isTotalLabel(title)))) {
      // Something in other columns only (a note, a stray total): not a post.
      pendingBlank.push(sheetRow);
      continue;
    }
    for (const b of pendingBlank) blankRows.push(b);
    pendingBlank = [];
    // Each field reads its own cell (./fields/), in column order, into a post with the defaults.
    const label = title !== "" ? `"${title}"` : id !== "" ? `post ${id}` : `row ${sheetRow + 1}`;
    const post: Post = { id, title, grade: "", fte: 1, reportsTo: null, directorate: "", division: "", functions: [], status: "existing", postholders: 1, row: sheetRow };
    for (const decl of POST_FIELD_DECLARATIONS) {
      const f = decl.field;
      const value = raw(f);
      const ctx = {
        label,
        ...(f === "fte" && options.fullTimeHours !== undefined ? { fullTimeHours: options.fullTimeHours } : {}),
        problem: (rule: RuleId, severity: Severity, message: string, extra: Partial<PostCellProblem> = {}): void => problem(f, rule, severity, message, extra),
      };
      decl.read({ mapped: c[f] !== undefined, value, text: text(f), error: isErrorValue(value) }, post, ctx);
    }
    posts.push(post);
  }
  return { posts, problems, columns: sheetColumns, headerRow: mapping.headerRow + origin.row, blankRows };
}
