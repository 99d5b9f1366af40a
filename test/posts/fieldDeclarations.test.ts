/**
 * The post-list fields are declared once (src/core/posts/fields/): header, read, write and format. These
 * expected rows and template cells are written out by hand from the template's documented columns, so moving
 * the declarations cannot change what the template and the row writer produce.
 */
import { describe, expect, it } from "vitest";
import { POST_LIST_COLUMNS, newPostListLayout, postListHeaderRow, postToRow, type Post } from "../../src/core/posts/postList";

// 1 April 2026 is Excel serial 46113: 1 January 2025 is 45658, plus 365 days of 2025 and 31 + 28 + 31 of 2026.
const director: Post = {
  id: "F010",
  title: "Director ICT",
  grade: "KR17",
  fte: 0.5,
  reportsTo: "F001",
  directorate: "Strategic and Corporate Services",
  division: "ICT",
  functions: ["ICT", "Digital"],
  status: "new",
  postholders: 0,
  scenario: "Legal JV",
  effectiveDate: new Date(Date.UTC(2026, 3, 1)),
  similarity: 0.8,
  replaces: ["00123", "F009"],
  row: 1,
};
const top: Post = { id: "F001", title: "Corporate Director", grade: "KRS", fte: 1, reportsTo: null, directorate: "", division: "", functions: [], status: "existing", rawStatus: "Kept", postholders: 1, row: 2 };

const HEADERS = ["Post ID", "Post title", "Grade", "FTE", "Reports to (post ID)", "Directorate", "Division", "Functions", "Status", "Postholders", "Scenario", "Effective date"];

describe("post-list fields declared once", () => {
  it("the template header row, with and without the slotting columns (similarity, replaces)", () => {
    expect(postListHeaderRow()).toEqual(HEADERS);
    expect(postListHeaderRow(true)).toEqual([...HEADERS, "Similarity", "Replaces (post ID)"]);
    expect(POST_LIST_COLUMNS.map((c) => [c.field, c.width, c.required])).toEqual([
      ["id", 12, true],
      ["title", 40, true],
      ["grade", 9, true],
      ["fte", 7, true],
      ["reportsTo", 14, true],
      ["directorate", 28, false],
      ["division", 26, false],
      ["functions", 44, false],
      ["status", 11, false],
      ["postholders", 11, false],
      ["scenario", 16, false],
      ["effectiveDate", 13, false],
    ]);
  });

  it("a post written back to a row", () => {
    expect(postToRow(director)).toEqual(["F010", "Director ICT", "KR17", 0.5, "F001", "Strategic and Corporate Services", "ICT", "ICT; Digital", "new", 0, "Legal JV", 46113]);
    expect(postToRow(director, true)).toEqual(["F010", "Director ICT", "KR17", 0.5, "F001", "Strategic and Corporate Services", "ICT", "ICT; Digital", "new", 0, "Legal JV", 46113, 0.8, "00123, F009"]);
    expect(postToRow(top, true)).toEqual(["F001", "Corporate Director", "KRS", 1, null, "", "", "", "Kept", 1, null, null, null, null]);
  });

  it("the template's cells: header, pre-filled posts with their formats, formats on the empty rows", () => {
    const layout = newPostListLayout({ posts: [director, top], rows: 3 });
    expect(layout.columnWidths?.slice(0, 12)).toEqual([12, 40, 9, 7, 14, 28, 26, 44, 11, 11, 16, 13]);
    const rows = (r: number) => layout.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col).map((c) => [c.col, c.value, c.style ?? null, c.numberFormat ?? null]);
    expect(rows(0).slice(0, 12)).toEqual(HEADERS.map((h, i) => [i, h, "header", null]));
    expect(rows(1)).toEqual([
      [0, "F010", "body", "@"],
      [1, "Director ICT", "body", null],
      [2, "KR17", "body", null],
      [3, 0.5, "fte", null],
      [4, "F001", "body", "@"],
      [5, "Strategic and Corporate Services", "body", null],
      [6, "ICT", "body", null],
      [7, "ICT; Digital", "body", null],
      [8, "new", "body", null],
      [9, 0, "body", null],
      [10, "Legal JV", "body", null],
      [11, 46113, "body", "dd/mm/yyyy"],
    ]);
    expect(rows(2)).toEqual([
      [0, "F001", "body", "@"],
      [1, "Corporate Director", "body", null],
      [2, "KRS", "body", null],
      [3, 1, "fte", null],
      [8, "Kept", "body", null],
      [9, 1, "body", null],
    ]);
    expect(rows(3)).toEqual([
      [0, null, null, "@"],
      [3, null, null, "0.00"],
      [4, null, null, "@"],
      [11, null, null, "dd/mm/yyyy"],
    ]);
  });
});
