import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cellAddress } from "../../src/core/a1";
import { checkPostListSnapshot, checkPosts } from "../../src/core/posts/postListChecks";
import { POST_LIST_COLUMNS, postListHeaderRow, postToRow, type Post } from "../../src/core/posts/postList";
import type { CellValue } from "../../src/core/sheetSnapshot";
import { cleanDirectorate, constantSnapshot, establishmentGradeTable, faultyPostList, generateEstablishment, post, scsRestructure, typedPostListSnapshot } from "../fixtures/postLists";

const col = (field: string) => POST_LIST_COLUMNS.findIndex((c) => c.field === field);

describe("post list checks", () => {
  it("finds nothing wrong with clean lists (no false alarms)", () => {
    expect(checkPosts(cleanDirectorate())).toEqual([]);
    expect(checkPosts(scsRestructure())).toEqual([]);
    expect(checkPosts(scsRestructure(), { scenario: "Legal JV" })).toEqual([]);
    expect(checkPosts(generateEstablishment(), { gradeTable: establishmentGradeTable() })).toEqual([]);
  });

  it("finds every planted fault at the planted post", () => {
    const { posts, faults } = faultyPostList();
    const findings = checkPosts(posts, { sheet: "Posts" });
    for (const f of faults) {
      const rows = posts.filter((p) => p.id === f.postId).map((p) => p.row);
      const hit = findings.find((x) => x.rule === f.rule && rows.includes(Number(/\d+/.exec(x.cell)?.[0]) - 1));
      expect(hit, `${f.rule} at ${f.postId}`).toBeDefined();
      expect(hit?.sheet).toBe("Posts");
      expect(hit?.message.length).toBeGreaterThan(20);
    }
    // Each rule fires where planted, and the cycle is reported once, not as span noise.
    expect(findings.filter((f) => f.rule === "reporting-cycle")).toHaveLength(1);
    expect(findings.filter((f) => f.rule === "span-of-control").map((f) => f.cell)).toEqual([cellAddress(posts.findIndex((p) => p.id === "F050") + 1, col("title"))]);
    const dup = findings.find((f) => f.rule === "duplicate-post-id");
    expect(dup?.cell).toBe(cellAddress(5, col("id")));
    expect(findings.find((f) => f.rule === "unknown-grade")?.cell).toBe(cellAddress(posts.findIndex((p) => p.id === "F060") + 1, col("grade")));
  });

  it("has configurable tiers and spans", () => {
    const clean = cleanDirectorate();
    expect(checkPosts(clean, { maxTiers: 1 }).map((f) => f.rule)).toEqual(expect.arrayContaining(["tiers-exceeded"]));
    const tight = checkPosts(clean, { span: { min: 3, max: 4 } });
    expect(tight.filter((f) => f.rule === "span-of-control")).toHaveLength(5); // the CD (5) and four directors (2)
    expect(tight.find((f) => f.message.includes("Corporate Director"))?.message).toContain("5 direct reports");
  });

  it("checks the after structure: a kept post reporting to a deleted post is flagged, deleted posts do not count", () => {
    const posts = [
      post({ id: "T", title: "Top", grade: "KR18" }, 1),
      post({ id: "D", title: "Old director", grade: "KR17", reportsTo: "T", status: "deleted" }, 2),
      post({ id: "H", title: "Head kept", grade: "KR16", reportsTo: "D" }, 3),
      post({ id: "H2", title: "Head kept 2", grade: "KR16", reportsTo: "T" }, 4),
    ];
    const after = checkPosts(posts);
    expect(after.find((f) => f.rule === "reports-to-missing")?.message).toContain("which the proposals delete");
    // Before the proposals the line held: no reports-to finding; the top had 2 reports.
    const before = checkPosts(posts, { structure: "before" });
    expect(before.filter((f) => f.rule === "reports-to-missing")).toEqual([]);
    // After: T has one report (H2) -> span below 2.
    expect(after.some((f) => f.rule === "span-of-control" && f.message.includes("1 direct report,"))).toBe(true);
  });

  it("flags a second top in the after structure only when it is in it", () => {
    const posts = [post({ id: "A", title: "Top", grade: "KR18" }, 1), post({ id: "B", title: "Gone", grade: "KR17", status: "deleted" }, 2)];
    expect(checkPosts(posts).filter((f) => f.rule === "multiple-tops")).toEqual([]);
    expect(checkPosts(posts, { structure: "before" }).filter((f) => f.rule === "multiple-tops")).toHaveLength(1);
  });

  it("checks a sheet found by its headers, and says null for a sheet without a post list", () => {
    const findings = checkPostListSnapshot(typedPostListSnapshot());
    expect(findings).not.toBeNull();
    expect(findings?.map((f) => `${f.rule}@${f.cell}`)).toEqual(["number-as-text@D7"]);
    expect(findings?.[0].fix?.edits).toEqual([{ sheet: "Posts", cell: "D7", kind: "number", value: 1 }]);
    expect(checkPostListSnapshot(constantSnapshot("Budget", [["Service", "Gross budget", "Net budget"], ["Libraries", 1, 1]]))).toBeNull();
    expect(checkPostListSnapshot(constantSnapshot("Empty", []))).toBeNull();
  });

  it("points the faulty list's findings at the right cells when read from a sheet", () => {
    const { posts } = faultyPostList();
    const rows: CellValue[][] = [postListHeaderRow(), ...posts.map((p) => postToRow(p))];
    const fromSheet = checkPostListSnapshot(constantSnapshot("Posts", rows)) ?? [];
    const fromPosts = checkPosts(posts, { sheet: "Posts" });
    expect(fromSheet.map((f) => `${f.rule}@${f.cell}`).sort()).toEqual(fromPosts.map((f) => `${f.rule}@${f.cell}`).sort());
  });

  it("never throws and every finding points inside the list (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            to: fc.option(fc.nat(25), { nil: null }),
            grade: fc.constantFrom("KR13", "KR16", "KR17", "KR18", "KR99", ""),
            fte: fc.double({ min: -1, max: 3, noNaN: true }),
            status: fc.constantFrom("existing", "deleted", "new", "amended", "unaffected" as const),
            dupe: fc.boolean(),
          }),
          { maxLength: 25 },
        ),
        (list) => {
          const posts: Post[] = list.map((r, i) => post({ id: r.dupe ? "X" : `P${i}`, title: `Post ${i}`, grade: r.grade, fte: r.fte, status: r.status, reportsTo: r.to === null ? null : `P${r.to}` }, i + 1));
          const findings = checkPosts(posts);
          return findings.every((f) => {
            const row = Number(/\d+/.exec(f.cell)?.[0]);
            return row >= 2 && row <= posts.length + 1;
          });
        },
      ),
    );
  });
});

describe("extracts and wording", () => {
  it("reads a directorate extract's top (reporting outside the list) as the top, with an info note", () => {
    const extract = cleanDirectorate().map((p) => (p.id === "SCPH001" ? { ...p, reportsTo: "CEX01" } : p));
    const fs = checkPosts(extract);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ rule: "reports-to-missing", severity: "info", cell: "E2" });
    // Two posts reporting outside the list are real errors.
    const two = extract.map((p) => (p.id === "SCPH050" ? { ...p, reportsTo: "ZZZ" } : p));
    expect(checkPosts(two).filter((f) => f.rule === "reports-to-missing" && f.severity === "error")).toHaveLength(2);
  });
});

describe("snapshots that do not start at A1", () => {
  it("points findings at sheet cells, allowing for the block's origin, and honours a saved mapping", async () => {
    const { typedPostListSnapshot: snap } = await import("../fixtures/postLists");
    const s = { ...snap(), origin: { row: 4, col: 2 } };
    expect(checkPostListSnapshot(s)?.map((f) => f.cell)).toEqual(["F11"]);
    const { detectPostListHeader, saveMapping } = await import("../../src/core/posts/postList");
    const m = detectPostListHeader(s.values);
    if (!m) throw new Error("no header");
    // The user says FTE is not in the list: no FTE findings, every post counted as 1.
    const saved = saveMapping(m, { fte: null });
    expect(checkPostListSnapshot(s, { savedMapping: saved })).toEqual([]);
  });
});
