/** Each post-list field's reading, cell by cell, with the problems written out by hand. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PostFieldDeclaration } from "../../src/core/posts/fields/field";
import { effectiveDateField } from "../../src/core/posts/fields/effectiveDate";
import { fteField, fteFromText } from "../../src/core/posts/fields/fte";
import { postholdersField } from "../../src/core/posts/fields/postholders";
import { parseReplacedIds, replacesField } from "../../src/core/posts/fields/replaces";
import { reportsToField } from "../../src/core/posts/fields/reportsTo";
import { similarityField } from "../../src/core/posts/fields/similarity";
import { statusField } from "../../src/core/posts/fields/status";
import { gradeField, titleField } from "../../src/core/posts/fields/text";
import { postListHeaderRow, postToRow, readPostList, type Post } from "../../src/core/posts/postList";
import { cellText, isErrorValue, type CellValue } from "../../src/core/sheetSnapshot";
import { constantSnapshot, post } from "../fixtures/postLists";
import { runs } from "../propertyRuns";

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
    // Before: "50%" and "0.5 FTE" were errors, counted as 1.00 (a half-time post costed as full time).
    ["50%", 0.5, ['number-as-text warning: The FTE of "Director ICT" is stored as text ("50%"); it is read as 0.5.']],
    ["0.5 FTE", 0.5, ['number-as-text warning: The FTE of "Director ICT" is stored as text ("0.5 FTE"); it is read as 0.5.']],
    ["0.81wte", 0.81, ['number-as-text warning: The FTE of "Director ICT" is stored as text ("0.81wte"); it is read as 0.81.']],
    ["151%", 1, ['fte-not-a-number error: The FTE of "Director ICT" ("151%") is not a number; it is counted as 1.00.']],
    ["50% FTE", 0.5, ['number-as-text warning: The FTE of "Director ICT" is stored as text ("50% FTE"); it is read as 0.5.']],
    [Number.NaN, 1, ['fte-not-a-number error: The FTE of "Director ICT" is not a number; it is counted as 1.00.']],
    ["#REF!", 1, []],
  ] as const)("FTE %j reads as %d", (cell, fte, problems) => {
    const r = read(fteField, cell, { fte: 1 });
    expect(r.post.fte).toBe(fte);
    expect(r.problems).toEqual(problems);
  });

  it("a percentage of full time or a figure with FTE after it, typed as text, is the FTE it states; the fix writes that number (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 150 }), fc.constantFrom("", " "), fc.constantFrom("FTE", "fte", "WTE"), fc.boolean(), (percent, space, word, asPercent) => {
        const fte = percent / 100;
        const text = asPercent ? `${percent}${space}%` : `${fte}${space}${word}`;
        const r = read(fteField, text, { fte: 1 });
        expect(r.post.fte).toBe(fte);
        expect(r.problems).toEqual([`number-as-text warning: The FTE of "Director ICT" is stored as text ("${text}"); it is read as ${fte}.`]);
        expect(fteFromText(text, false)).toBe(fte);
      }),
      { numRuns: runs(300) },
    );
  });

  it("in a weekly hours column, hours written with their unit are read; a percentage is not hours", () => {
    expect([fteFromText("18.5 hours", true), fteFromText("37hrs", true), fteFromText("22.5 h", true), fteFromText("50%", true), fteFromText("0.5 FTE", true)]).toEqual([18.5, 37, 22.5, null, null]);
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

describe("the Replaces column (the deleted posts a new post replaces)", () => {
  it.each([
    ["00123", ["00123"]],
    [" 00123 ", ["00123"]],
    ["00123, 00124", ["00123", "00124"]],
    ["00123;00124; ", ["00123", "00124"]],
    ["F010 and F011", ["F010", "F011"]],
    ["F010 AND F011 & F012", ["F010", "F011", "F012"]],
    ["F010,\nF011", ["F010", "F011"]],
    ["F010, F010", ["F010"]],
    // IDs with spaces, slashes and hyphens, and IDs that start or end with the letters "and", stay whole.
    ["SCS 101, SCS/102", ["SCS 101", "SCS/102"]],
    ["AND-01 and Band 5", ["AND-01", "Band 5"]],
    [", ;", []],
    ["", []],
  ] as const)("%j names %j", (text, ids) => {
    expect(parseReplacedIds(text)).toEqual(ids);
  });

  it("reads a cell as reports-to does: a number typed as a number is its text, a blank or an error names nothing", () => {
    expect(read(replacesField, "00123; F010").post.replaces).toEqual(["00123", "F010"]);
    expect(read(replacesField, 123).post.replaces).toEqual(["123"]);
    expect(read(replacesField, null).post.replaces).toBeUndefined();
    expect(read(replacesField, "#REF!").post.replaces).toBeUndefined();
    expect(read(replacesField, " , ").post.replaces).toBeUndefined();
    expect(read(replacesField, "F010").problems).toEqual([]);
  });

  it("is written back as the IDs joined with commas, as text", () => {
    expect(replacesField.write(post({ id: "N1", title: "n", grade: "KR12", replaces: ["00123", "F010"] }))).toBe("00123, F010");
    expect(replacesField.write(post({ id: "N1", title: "n", grade: "KR12" }))).toBeNull();
    expect(replacesField.numberFormat).toBe("@");
  });

  // IDs as councils write them: letters, digits, leading zeros, inner spaces, slashes, hyphens, dots, and the
  // letters "and" inside a word of an ID ("Band 5", "AND-01"). Never the word "and" on its own, which separates.
  const id = fc
    .oneof(
      fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9 /._-]{0,8}[A-Za-z0-9])?$/),
      fc.constantFrom("00123", "0", "AND-01", "Band 5", "andover", "SCS 101", "F/010", "Hand"),
    )
    .filter((s) => !/(^|\s)and(\s|$)/i.test(s));
  const separator = fc.constantFrom(",", ", ", " ,", ";", "; ", " and ", " AND ", " & ", "&", "\n", ",\n", " ;  ");

  it("reads back every ID typed, in order and once, whatever separates them (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(id, separator), { minLength: 1, maxLength: 8 }), fc.constantFrom("", " ", ", "), fc.constantFrom("", " ", ";"), (pieces, lead, trail) => {
        const text = lead + pieces.map(([i, sep], k) => (k === 0 ? i : sep + i)).join("") + trail;
        const want = [...new Set(pieces.map(([i]) => i))];
        expect(parseReplacedIds(text)).toEqual(want);
        // Through a sheet: a "Replaces" column read by readPostList, then written back and read again.
        const rows: CellValue[][] = [postListHeaderRow(true), ["N1", "Head of Libraries and Culture", "KR12", 1, null, "", "", "", "new", 0, null, null, 0.8, text]];
        const first = readPostList(constantSnapshot("Posts", rows))?.posts[0];
        expect(first?.replaces).toEqual(want);
        const again = readPostList(constantSnapshot("Posts", [postListHeaderRow(true), postToRow(first as Post, true)]))?.posts[0];
        expect(again?.replaces).toEqual(want);
      }),
      { numRuns: runs(300) },
    );
  });

  it("never throws, and names only trimmed, distinct IDs with no separator in them (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const ids = parseReplacedIds(text);
        expect(new Set(ids).size).toBe(ids.length);
        for (const i of ids) {
          expect(i).toBe(i.trim());
          expect(i).not.toBe("");
          expect(i).not.toMatch(/[,;&\n\r]|\sand\s/i);
        }
      }),
      { numRuns: runs(300) },
    );
  });
});
