import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  applySavedMapping,
  detectPostListHeader,
  matchHeader,
  newPostListLayout,
  parsePostRows,
  parsePostStatus,
  postListHeaderRow,
  postToRow,
  POST_FIELDS,
  POST_LIST_COLUMNS,
  readPostList,
  readSavedMapping,
  saveMapping,
  splitFunctions,
  type PostField,
} from "../../src/core/posts/postList";
import { gradeTableFromRanges, SAMPLE_GRADE_TABLE } from "../../src/core/grades";
import { dateToExcelSerial } from "../../src/core/financialYear";
import type { CellValue, SheetSnapshot } from "../../src/core/sheetSnapshot";
import { runs } from "../propertyRuns";
import { computeImpact } from "../../src/core/posts/impact";
import { checkPostListSnapshot } from "../../src/core/posts/postListChecks";
import { constantSnapshot, scsRestructure, SCS_EFFECTIVE, typedPostListRows, typedPostListSnapshot } from "../fixtures/postLists";

const WORDINGS: Record<PostField, string[]> = {
  id: ["Post ID", "Post no.", "Post number", "Post Ref", "Position ID", "ID"],
  title: ["Post title", "Job title", "Title", "Post", "Job Title "],
  grade: ["Grade", "Pay grade", "Band"],
  fte: ["FTE", "WTE", "Full time equivalent"],
  reportsTo: ["Reports to", "Reports to (post ID)", "Line manager post", "Manager post ID", "Reporting line"],
  directorate: ["Directorate", "Department"],
  division: ["Division", "Division/Service", "Service", "Service area"],
  functions: ["Functions", "Function(s)", "Responsibilities"],
  status: ["Status", "Impact", "Impact of proposal"],
  postholders: ["No. of postholders", "Postholders", "Number of post holders", "Headcount"],
  scenario: ["Scenario", "Condition"],
  effectiveDate: ["Effective from", "Effective date", "Date effective"],
  similarity: ["Similarity", "Similarity %", "% same"],
  replaces: ["Replaces", "Replaces post", "Replaces post ID", "Matched to", "Slotted from", "Old post", "Old post no.", "Post(s) this replaces", "Deleted posts matched to"],
};

describe("header wording", () => {
  it("maps every wording a person uses to its field", () => {
    for (const field of POST_FIELDS) {
      for (const w of WORDINGS[field]) expect(matchHeader(w)?.field, w).toBe(field);
    }
  });

  it("ignores headers that are not post list columns", () => {
    for (const w of ["Notes", "Cost centre", "Gross budget for market review", "", "   "]) expect(matchHeader(w)).toBeNull();
  });

  it("finds the template header row", () => {
    const m = detectPostListHeader([postListHeaderRow()]);
    expect(m).not.toBeNull();
    POST_LIST_COLUMNS.forEach((c, i) => expect(m?.mapping.columns[c.field]).toBe(i));
    expect(m?.missing).toEqual(["similarity", "replaces"]);
    expect(m?.unmapped).toEqual([]);
  });

  it("finds the header under a title, reports extra columns as unmapped", () => {
    const m = detectPostListHeader(typedPostListRows());
    expect(m?.mapping.headerRow).toBe(2);
    expect(m?.mapping.columns).toMatchObject({ id: 0, title: 1, grade: 2, fte: 3, reportsTo: 4, status: 8, postholders: 9, effectiveDate: 11, similarity: 13 });
    expect(m?.unmapped).toEqual([{ column: 12, header: "Notes" }]);
  });

  it("says no post list when there is none (a budget sheet)", () => {
    const budget: CellValue[][] = [
      ["Type of service", "Service", "Gross budget for market review", "Net budget for market review"],
      ["Frontline services", "Libraries", 16_792_000, 15_174_600],
    ];
    expect(detectPostListHeader(budget)).toBeNull();
    expect(readPostList(constantSnapshot("Budget", budget))).toBeNull();
  });

  it("maps any order of the template columns with extra columns, whatever the wording (property)", () => {
    const fields = POST_FIELDS;
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...fields], { minLength: fields.length, maxLength: fields.length }),
        fc.array(fc.nat(5), { minLength: fields.length, maxLength: fields.length }),
        fc.array(fc.constantFrom("Notes", "Cost centre", "Comments", ""), { maxLength: 3 }),
        fc.nat(4),
        (order, wordingPick, extras, above) => {
          const header = order.map((f, i) => WORDINGS[f][wordingPick[i] % WORDINGS[f].length]);
          const extraAt = extras.map((e, i) => [Math.min(i * 3, header.length), e] as const);
          const row: string[] = [...header];
          for (const [at, e] of extraAt) row.splice(at, 0, e);
          const rows: CellValue[][] = [...Array.from({ length: above }, () => ["Proposed structure"]), row];
          const m = detectPostListHeader(rows);
          if (!m) return false;
          for (const f of fields) if (row[m.mapping.columns[f] as number] === undefined || matchHeader(row[m.mapping.columns[f] as number])?.field !== f) return false;
          return m.mapping.headerRow === above;
        },
      ),
    );
  });
});

describe("saved mappings", () => {
  it("applies a user's correction and finds moved columns by their header", () => {
    const rows = typedPostListRows();
    const m = detectPostListHeader(rows);
    if (!m) throw new Error("no header");
    // The user says the Notes column is the scenario and there is no similarity column.
    const saved = saveMapping(m, { scenario: 12, similarity: null });
    const round = readSavedMapping(JSON.stringify(saved));
    expect(round).toEqual(saved);
    const applied = applySavedMapping(rows, saved);
    expect(applied?.mapping.columns.scenario).toBe(12);
    expect(applied?.mapping.columns.similarity).toBeUndefined();
    // Insert a column at the front: fields follow their headers.
    const moved = rows.map((r) => [null, ...r]);
    const again = applySavedMapping(moved, saved);
    expect(again?.mapping.columns.id).toBe(1);
    expect(again?.mapping.columns.scenario).toBe(13);
  });

  it("rejects saved mappings that are not one (untrusted workbook settings)", () => {
    for (const bad of [null, 3, "not json", { version: 2 }, { version: 1, headerRow: -1, fields: {} }, { version: 1, headerRow: 0 }]) {
      expect(readSavedMapping(bad)).toBeNull();
    }
    expect(readSavedMapping({ version: 1, headerRow: 0, fields: { id: { header: "Post", column: -3 }, nonsense: null } })).toEqual({ version: 1, headerRow: 0, fields: {} });
  });
});

describe("reading rows", () => {
  it("reads the typed SCS rows as the fixture's posts, with the faults real sheets have", () => {
    const parsed = readPostList(typedPostListSnapshot());
    if (!parsed) throw new Error("no post list");
    const want = scsRestructure();
    expect(parsed.posts.map((p) => p.id)).toEqual(want.map((p) => p.id));
    expect(parsed.posts.map((p) => p.grade)).toEqual(want.map((p) => p.grade));
    expect(parsed.posts.map((p) => p.status)).toEqual(want.map((p) => p.status));
    expect(parsed.posts.map((p) => p.fte)).toEqual(want.map((p) => p.fte));
    expect(parsed.posts.map((p) => p.similarity)).toEqual(want.map((p) => p.similarity));
    const title = parsed.posts.find((p) => p.id === "SCS122")?.title;
    expect(title).toBe("=Head of Internal Communications (interim)");
    expect(parsed.posts.find((p) => p.id === "SCS101")?.effectiveDate?.getTime()).toBe(SCS_EFFECTIVE.getTime());
    expect(parsed.posts.find((p) => p.id === "SCS102")?.effectiveDate?.getTime()).toBe(SCS_EFFECTIVE.getTime());
    expect(parsed.posts.find((p) => p.id === "SCS201")?.postholders).toBe(0);
    expect(parsed.posts.find((p) => p.id === "SCS130")?.scenario).toBe("Legal JV");
    expect(parsed.posts.find((p) => p.id === "SCS201")?.functions).toEqual(["Finance", "Procurement", "Internal Audit"]);
    expect(parsed.blankRows).toEqual([9, 15]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ rule: "number-as-text", row: 6, col: 3, fixValue: { kind: "number", value: 1 } });
    // Rows point at the sheet rows they came from.
    expect(parsed.posts[0].row).toBe(3);
  });

  it("reports unreadable cells without throwing", () => {
    const rows: CellValue[][] = [
      postListHeaderRow(true),
      ["A1", "Director", "KR17", "lots", null, "D", "", "", "deleted", "two", "", "31/02/2024", "150%"],
      ["A2", "", "KR16", null, "A1", "D", "", "", "", 1, "", 45000, "#REF!"],
    ];
    const parsed = readPostList(constantSnapshot("S", rows));
    if (!parsed) throw new Error("no list");
    const rules = parsed.problems.map((p) => `${p.rule}@${p.row},${p.col}`);
    // "lots" is not a number; "two" postholders, 31/02/2024 and 150% do not read; A2's FTE and title are blank.
    expect([...rules].sort()).toEqual(
      ["fte-not-a-number@1,3", "invalid-value@1,9", "invalid-value@1,11", "invalid-value@1,12", "missing-value@2,3", "missing-value@2,1", "formula-error@2,12"].sort(),
    );
    expect(parsed.posts[1].fte).toBe(1);
    expect(parsed.posts[1].effectiveDate?.getTime()).toBe(Date.UTC(2023, 2, 15));
  });

  it("never throws and keeps every post on a row it came from (property)", () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 12 }),
      fc.double({ noNaN: false }),
      fc.integer({ min: -5, max: 100_000 }),
      fc.boolean(),
      fc.constantFrom(" KR17 ", "1.0", "deleted", "#N/A", "=SUM(A1)", "80%", "01/10/2024"),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), cell), { minLength: 3, maxLength: 3 }), fc.array(fc.oneof(cell, fc.constantFrom(NaN, Infinity, -Infinity)), { minLength: 10, maxLength: 10 })).map(([a, b]) => [...a, ...b]), { maxLength: 30 }), (body) => {
        const rows: CellValue[][] = [postListHeaderRow(true), ...body];
        const parsed = readPostList(constantSnapshot("S", rows));
        if (!parsed) return false;
        const sheetRows = new Set(body.map((_, i) => i + 1));
        return parsed.posts.every((p) => sheetRows.has(p.row) && Number.isFinite(p.fte) && p.postholders >= 0) && parsed.problems.every((p) => sheetRows.has(p.row));
      }),
    );
  });

  it("round-trips posts through template rows (property)", () => {
    const text = fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.replace(/[;\n\r]/g, "x").trim() || "t");
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: text, grade: fc.constantFrom("KR16", "KR17", "KR18"), fte: fc.integer({ min: 0, max: 100 }).map((n) => n / 100), status: fc.constantFrom("existing", "deleted", "new", "amended", "unaffected" as const), holders: fc.integer({ min: 0, max: 5 }) }), { maxLength: 20 }),
        (list) => {
          const posts = list.map((r, i) => ({ id: `P${i}`, title: r.title, grade: r.grade, fte: r.fte, reportsTo: i === 0 ? null : "P0", directorate: "D", division: "", functions: [], status: r.status, postholders: r.holders, row: i + 1 }));
          const rows: CellValue[][] = [postListHeaderRow(), ...posts.map((p) => postToRow(p))];
          const parsed = parsePostRows(rows, { headerRow: 0, columns: Object.fromEntries(POST_LIST_COLUMNS.map((c, i) => [c.field, i])) });
          return parsed.problems.length === 0 && JSON.stringify(parsed.posts) === JSON.stringify(posts);
        },
      ),
    );
  });

  it("reads statuses in the paper's wording and splits functions", () => {
    expect(parsePostStatus(" Post deleted ")).toBe("deleted");
    expect(parsePostStatus("New post")).toBe("new");
    expect(parsePostStatus("No change")).toBe("unaffected");
    expect(parsePostStatus("")).toBe("existing");
    expect(parsePostStatus("maybe")).toBeNull();
    expect(splitFunctions("Finance; Procurement;;  Audit \n Risk")).toEqual(["Finance", "Procurement", "Audit", "Risk"]);
  });

  it.each([
    ["To be deleted", "deleted"],
    ["Proposed deletion", "deleted"],
    ["Proposed for deletion", "deleted"],
    ["Post to be deleted", "deleted"],
    ["Deleted \u2013 redundancy", "deleted"],
    ["Deleted - redundancy", "deleted"],
    ["Deleted (vacant)", "deleted"],
    ["Proposed new", "new"],
    ["Proposed new post", "new"],
    ["New post", "new"],
    ["New (proposed)", "new"],
    ["New role", "new"],
    ["To be created", "new"],
    ["To be regraded", "amended"],
    ["Proposed regrade", "amended"],
  ] as const)("reads the common wording %j as %s", (text, status) => {
    expect(parsePostStatus(text)).toBe(status);
  });

  it.each(["Deleted if Legal JV goes ahead", "Deleted or amended", "Not deleted", "Proposed", "TBC", "Deleted TBC", "Deleted subject to consultation", "New grade"])(
    "leaves %j unread (a condition, a second status or no status at all)",
    (text) => {
      expect(parsePostStatus(text)).toBeNull();
    },
  );

  it("reads any spacing, case and dash of a deletion with a reason as deleted (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("Deleted", "DELETED", "deleted", "Post deleted", "Removed"),
        fc.constantFrom(" - ", " \u2013 ", " \u2014 ", ": ", " (", "  "),
        fc.constantFrom("redundancy", "vacant", "Restructure 2024", "VR"),
        fc.constantFrom("", ")", " "),
        (head, sep, reason, tail) => parsePostStatus(`${head}${sep}${reason}${tail}`) === "deleted",
      ),
      { numRuns: runs(200) },
    );
  });
});

describe("New post list template", () => {
  it("is a table with the columns and validation the issue describes", () => {
    const layout = newPostListLayout({ rows: 200 });
    expect(layout.cells.filter((c) => c.row === 0).map((c) => c.value)).toEqual(postListHeaderRow());
    expect(layout.tables).toEqual([{ name: "PostList", range: { row: 0, col: 0, rowCount: 2, colCount: 12 } }]);
    expect(layout.freezeRows).toBe(1);
    const v = layout.validations ?? [];
    const byCol = (col: number) => v.find((x) => x.range.col === col);
    expect(byCol(2)).toMatchObject({ kind: "list", source: SAMPLE_GRADE_TABLE.grades(), range: { row: 1, rowCount: 200 } });
    expect(byCol(3)).toMatchObject({ kind: "decimal", min: 0, max: 1 });
    expect(byCol(4)).toMatchObject({ kind: "listRange", source: "=$A$2:$A$201" });
    expect(byCol(8)).toMatchObject({ kind: "list", source: ["existing", "deleted", "new", "amended", "unaffected"] });
    expect(byCol(9)).toMatchObject({ kind: "whole", min: 0 });
    expect(byCol(11)).toMatchObject({ kind: "date" });
    // ids stay text, FTE shows two decimals
    expect(layout.cells.find((c) => c.row === 5 && c.col === 0)?.numberFormat).toBe("@");
    expect(layout.cells.find((c) => c.row === 5 && c.col === 3)?.numberFormat).toBe("0.00");
  });

  it("puts a long grade list on the sheet instead of an in-cell list", () => {
    const spine = gradeTableFromRanges("NJC spine", [{ year: null, ranges: Array.from({ length: 60 }, (_, i) => ({ grade: `SCP ${i + 1}`, min: 20_000 + i * 500, max: 20_000 + i * 500 })) }]);
    const layout = newPostListLayout({ gradeTable: spine, rows: 10 });
    const gradeRule = layout.validations?.find((v) => v.range.col === 2);
    expect(gradeRule).toMatchObject({ kind: "listRange", source: "=$N$2:$N$61" });
    expect(layout.cells.find((c) => c.row === 1 && c.col === 13)?.value).toBe("SCP60");
  });

  it("pre-fills posts as text values, titles starting with = included", () => {
    const posts = scsRestructure().map((p) => (p.id === "SCS122" ? { ...p, title: "=HYPERLINK(\"x\")" } : p));
    const layout = newPostListLayout({ posts });
    const cell = layout.cells.find((c) => c.value === "=HYPERLINK(\"x\")");
    expect(cell?.formula).toBeUndefined();
    expect(layout.cells.some((c) => c.formula !== undefined)).toBe(false);
    expect(layout.cells.find((c) => c.row === 2 && c.col === 11)?.value).toBe(dateToExcelSerial(SCS_EFFECTIVE));
    expect(layout.tables?.[0].range.rowCount).toBe(posts.length + 1);
  });
});

describe("header edge cases", () => {
  it("does not read a postholder's name as the postholder count", () => {
    expect(matchHeader("Postholder name")?.field).not.toBe("postholders");
    const m = detectPostListHeader([["Post ID", "Post title", "Grade", "FTE", "Postholder name", "No. of postholders"]]);
    expect(m?.mapping.columns.postholders).toBe(5);
  });
});

describe("rows that are not posts", () => {
  it("skips a totals line and prefers Post ID over a row counter", () => {
    const rows: CellValue[][] = [
      ["No.", "Post ID", "Post title", "Grade", "FTE", "Reports to"],
      [1, "A1", "Director", "KR17", 1, null],
      [2, "A2", "Head", "KR16", 0.5, "A1"],
      [null, null, "Total", null, 1.5, null],
    ];
    const parsed = readPostList(constantSnapshot("S", rows));
    expect(parsed?.match.mapping.columns.id).toBe(1);
    expect(parsed?.posts.map((p) => p.id)).toEqual(["A1", "A2"]);
    expect(parsed?.problems).toEqual([]);
  });

  it("skips a totals line whose label is in the post id column, so the establishment is not one post too many", () => {
    const rows: CellValue[][] = [
      ["Post ID", "Post title", "Grade", "FTE", "Reports to", "Status"],
      ["C1", "Corporate Director", "KR18", 1, null, "existing"],
      ["D1", "Director ICT", "KR17", 1, "C1", "Deleted"],
      ["D2", "Director Finance", "KR17", 1, "C1", "existing"],
      ["Total", null, null, 3, null, null],
      ["Grand total", "Total posts", null, 3, null, null],
      ["Total posts: 3", "", "", 3, ""],
    ];
    const parsed = readPostList(constantSnapshot("S", rows));
    expect(parsed?.posts.map((p) => p.id)).toEqual(["C1", "D1", "D2"]);
    expect(checkPostListSnapshot(constantSnapshot("S", rows))?.map((f) => f.message).filter((m) => /Total/.test(m))).toEqual([]);
    const est = computeImpact(parsed?.posts ?? [], { year: 2024 }).establishment;
    expect(est.before).toEqual({ posts: 3, fte: 3 });
    expect(est.byGrade.map((g) => g.grade)).not.toContain("(no grade)");
  });

  it("still reads a post whose title starts with Total when it has a post id", () => {
    const rows: CellValue[][] = [
      ["Post ID", "Post title", "Grade", "FTE", "Reports to"],
      ["R1", "Total Rewards Manager", "KR12", 1, null],
    ];
    expect(readPostList(constantSnapshot("S", rows))?.posts.map((p) => p.title)).toEqual(["Total Rewards Manager"]);
  });
});

describe("a list with weekly hours and no FTE column", () => {
  const hoursList = (header: string, hours: CellValue[]): CellValue[][] => [
    ["Post No.", "Job title", "Grade", header, "Reports to"],
    ...hours.map((h, k): CellValue[] => [`P${k + 1}`, `Post ${k + 1}`, "KR10", h, k === 0 ? null : "P1"]),
  ];

  it.each(["Hours", "Contracted hours", "Weekly hours", "Hours per week", "Hrs"])("reads %j as hours divided by 37 and says so", (header) => {
    const rows = hoursList(header, [37, 18.5, 22.2, "29.6"]);
    const parsed = readPostList(constantSnapshot("S", rows));
    expect(parsed?.posts.map((p) => p.fte)).toEqual([1, 0.5, 0.6, 0.8]);
    expect(parsed?.fteFromHours).toEqual({ header, col: 3, fullTimeHours: 37 });
    const findings = checkPostListSnapshot(constantSnapshot("S", rows)) ?? [];
    expect(findings.filter((f) => f.rule === "fte-column-missing")).toEqual([
      {
        sheet: "S",
        cell: "D1",
        rule: "fte-column-missing",
        severity: "warning",
        message: `The list has no FTE column, so each post's FTE is read from the "${header}" column as weekly hours divided by 37 (18.5 hours is 0.50 FTE). 37 hours is a default, the NJC's standard working week for local government services staff, not the council's own figure.`,
        suggestion: "Check the council's full-time week is 37 hours, or add an FTE column (weekly hours divided by the full-time hours).",
      },
    ]);
    expect(findings.filter((f) => f.rule === "fte-looks-like-hours")).toEqual([]);
  });

  it("takes the council's own full-time week when given", () => {
    expect(readPostList(constantSnapshot("S", hoursList("Hours", [36, 18])), null, { fullTimeHours: 36 })?.posts.map((p) => p.fte)).toEqual([1, 0.5]);
  });

  it("prefers an FTE column to an hours column, and then says nothing about hours", () => {
    const rows: CellValue[][] = [
      ["Post No.", "Job title", "Grade", "Hours", "FTE", "Reports to"],
      ["P1", "Director", "KR17", 37, 1, null],
      ["P2", "Head", "KR16", 18.5, 0.5, "P1"],
    ];
    const parsed = readPostList(constantSnapshot("S", rows));
    expect(parsed?.posts.map((p) => p.fte)).toEqual([1, 0.5]);
    expect(parsed?.fteFromHours).toBeUndefined();
    expect(checkPostListSnapshot(constantSnapshot("S", rows))?.some((f) => f.rule === "fte-column-missing")).toBe(false);
  });

  it("says so when there is neither an FTE nor an hours column", () => {
    const rows: CellValue[][] = [
      ["Post No.", "Job title", "Grade", "Reports to"],
      ["P1", "Director", "KR17", null],
    ];
    expect(checkPostListSnapshot(constantSnapshot("S", rows))?.filter((f) => f.rule === "fte-column-missing").map((f) => [f.cell, f.message])).toEqual([
      ["A1", "The list has no FTE column (nor a weekly hours column), so every post is counted as 1.00 FTE."],
    ]);
  });

  it("reads any weekly hours, typed as a number or as text, as hours divided by the full-time week (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 480 }).map((t) => t / 10), fc.boolean()), { minLength: 1, maxLength: 10 }), fc.constantFrom(35, 36, 37, 37.5), (hours, week) => {
        const rows = hoursList("Contracted hours", hours.map(([h, asText]) => (asText ? String(h) : h)));
        const parsed = readPostList(constantSnapshot("S", rows), null, { fullTimeHours: week });
        parsed?.posts.forEach((p, k) => expect(p.fte).toBeCloseTo(hours[k][0] / week, 6));
      }),
      { numRuns: runs(100) },
    );
  });
});

describe("two-row headers with group headings", () => {
  // Row 1 groups the columns: "Post" over A:D, "Reports to" over E:F, "Status" over a blank G2.
  const rows: CellValue[][] = [
    ["Post", null, null, null, "Reports to", null, "Status"],
    ["Post ID", "Job title", "Grade", "FTE", "Post ID", "Name", null],
    ["C1", "Corporate Director", "KR18", 1, null, null, "existing"],
    ["D1", "Director A", "KR17", 1, "C1", "J Smith", "existing"],
    ["D2", "Director B", "KR17", 1, "C1", "J Smith", "deleted"],
    ["D3", "Director C", "KR17", 1, "C1", "J Smith", "existing"],
  ];
  const merged = (): SheetSnapshot => ({
    ...constantSnapshot("Posts", rows),
    merges: [
      { row: 0, col: 0, rowCount: 1, colCount: 4 },
      { row: 0, col: 4, rowCount: 1, colCount: 2 },
    ],
  });

  it("reads the group heading into each column's header, merged or typed once over blank cells", () => {
    for (const snap of [merged(), constantSnapshot("Posts", rows)]) {
      const r = readPostList(snap);
      expect(r?.match.mapping.headerRow).toBe(1);
      expect(r?.match.mapped.map((m) => `${m.header}->${m.field}`)).toEqual(["Post ID->id", "Post Job title->title", "Post Grade->grade", "Post FTE->fte", "Reports to Post ID->reportsTo", "Status->status"]);
      expect(r?.match.unmapped).toEqual([{ column: 5, header: "Reports to Name" }]);
      expect(r?.posts.map((p) => `${p.id}:${p.reportsTo}:${p.status}`)).toEqual(["C1:null:existing", "D1:C1:existing", "D2:C1:deleted", "D3:C1:existing"]);
      expect(r?.duplicateColumns).toBeUndefined();
      expect(checkPostListSnapshot(snap)).toEqual([]);
    }
  });

  it("keeps a title line above a one-row header out of the headers", () => {
    const titled: CellValue[][] = [["Proposed structure", null, null, null, null], ["Post ID", "Job title", "Grade", "FTE", "Reports to"], ["P1", "Director", "KR17", 1, null]];
    const r = readPostList({ ...constantSnapshot("Posts", titled), merges: [{ row: 0, col: 0, rowCount: 1, colCount: 5 }] });
    expect(r?.match.headers).toEqual(["Post ID", "Job title", "Grade", "FTE", "Reports to"]);
  });

  it("a saved mapping finds a grouped column by its combined header", () => {
    const m = readPostList(merged())?.match;
    if (!m) throw new Error("no header");
    const saved = saveMapping(m);
    expect(saved.fields.reportsTo).toEqual({ header: "Reports to Post ID", column: 4 });
    expect(applySavedMapping(merged().values, saved, merged().merges)?.mapping.columns).toMatchObject({ id: 0, reportsTo: 4, status: 6 });
  });
});
