/** Each post-list field's reading, cell by cell, with the problems written out by hand. */
import { describe, expect, it } from "vitest";
import type { PostFieldDeclaration } from "../../src/core/posts/fields/field";
import { effectiveDateField } from "../../src/core/posts/fields/effectiveDate";
import { fteField } from "../../src/core/posts/fields/fte";
import { postholdersField } from "../../src/core/posts/fields/postholders";
import { reportsToField } from "../../src/core/posts/fields/reportsTo";
import { similarityField } from "../../src/core/posts/fields/similarity";
import { statusField } from "../../src/core/posts/fields/status";
import { gradeField, titleField } from "../../src/core/posts/fields/text";
import type { Post } from "../../src/core/posts/postList";
import { cellText, isErrorValue, type CellValue } from "../../src/core/sheetSnapshot";
import { post } from "../fixtures/postLists";

function read(decl: PostFieldDeclaration, value: CellValue, start: Partial<Post> = {}, mapped = true): { post: Post; problems: string[] } {
  const p = post({ id: "F010", title: "Director ICT", grade: "KR17", ...start });
  const problems: string[] = [];
  const error = isErrorValue(value);
  decl.read({ mapped, value, text: error ? "" : cellText(value), error }, p, { label: '"Director ICT"', problem: (rule, severity, message) => problems.push(`${rule} ${severity}: ${message}`) });
  return { post: p, problems };
}

describe("post-list fields", () => {
  it.each([
    [0.5, 0.5, []],
    ["0.5", 0.5, ['number-as-text warning: The FTE of "Director ICT" is stored as text ("0.5"); it is read as 0.5.']],
    [null, 1, ['missing-value warning: The FTE of "Director ICT" is blank; it is counted as 1.00.']],
    ["full time", 1, ['fte-not-a-number error: The FTE of "Director ICT" ("full time") is not a number; it is counted as 1.00.']],
    ["50%", 1, ['fte-not-a-number error: The FTE of "Director ICT" ("50%") is not a number; it is counted as 1.00.']],
    [Number.NaN, 1, ['fte-not-a-number error: The FTE of "Director ICT" is not a number; it is counted as 1.00.']],
    ["#REF!", 1, []],
  ] as const)("FTE %j reads as %d", (cell, fte, problems) => {
    const r = read(fteField, cell, { fte: 1 });
    expect(r.post.fte).toBe(fte);
    expect(r.problems).toEqual(problems);
  });

  it("an unmapped FTE column keeps the default, silently", () => {
    expect(read(fteField, null, { fte: 1 }, false)).toMatchObject({ post: { fte: 1 }, problems: [] });
  });

  it.each([
    [3, "existing", 3, []],
    [null, "existing", 1, []],
    [null, "new", 0, []],
    [1.5, "existing", 1, ['invalid-value warning: The number of postholders of "Director ICT" (1.5) is not a whole number from 0; it is ignored.']],
    ["two", "existing", 1, ['invalid-value warning: The number of postholders of "Director ICT" ("two") is not a number; it is ignored.']],
  ] as const)("postholders %j of an %s post read as %d", (cell, status, n, problems) => {
    const r = read(postholdersField, cell, { status });
    expect(r.post.postholders).toBe(n);
    expect(r.problems).toEqual(problems);
  });

  it.each([
    ["80%", 0.8],
    [0.8, 0.8],
    [80, 0.8],
    ["150%", undefined],
  ] as const)("similarity %j reads as %s", (cell, similarity) => {
    expect(read(similarityField, cell).post.similarity).toBe(similarity);
  });

  it("effective dates: dd/mm/yyyy text and Excel serials; others reported", () => {
    expect(read(effectiveDateField, "01/10/2024").post.effectiveDate?.getTime()).toBe(Date.UTC(2024, 9, 1));
    // 45566 is 1 October 2024 in Excel's 1900 date system.
    expect(read(effectiveDateField, 45566).post.effectiveDate?.getTime()).toBe(Date.UTC(2024, 9, 1));
    expect(read(effectiveDateField, "31/02/2024").problems).toEqual(['invalid-value warning: The effective date of "Director ICT" ("31/02/2024") is not a date.']);
  });

  it("status, reports-to, grade and title", () => {
    expect(read(statusField, "Deleted").post.status).toBe("deleted");
    expect(read(statusField, "to go").post).toMatchObject({ status: "existing", rawStatus: "to go" });
    expect(read(reportsToField, " F001 ").post.reportsTo).toBe("F001");
    expect(read(reportsToField, "#REF!").post.reportsTo).toBeNull();
    expect(read(gradeField, " kr 17 ").post.grade).toBe("KR17");
    expect(read(titleField, null).problems).toEqual(["missing-value warning: Post F010 has no title."]);
    expect(read(titleField, null, { id: "" }).problems).toEqual([]);
  });
});
