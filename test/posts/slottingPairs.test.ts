/**
 * Slotting by pairs: a new post that names the deleted posts it replaces (the "Replaces" column) has only those
 * as candidates; a named post is offered to no other new post; and a similarity whose pair is not known is not
 * used to slot anyone. The case that started it: an audit found "Head of Libraries ⇒ Head of Finance" on an
 * impact sheet, a postholder slotted into a job HR never matched them to.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeImpact, computeSlotting, impactLayout, type SlottingSummary } from "../../src/core/posts/impact";
import { postListHeaderRow, readPostList, type Post } from "../../src/core/posts/postList";
import type { CellValue } from "../../src/core/sheetSnapshot";
import { constantSnapshot, establishmentGradeTable, post } from "../fixtures/postLists";
import { runs } from "../propertyRuns";

const del = (id: string, title: string, grade: string, extra: Partial<Post> = {}): Post => post({ id, title, grade, status: "deleted", postholders: 1, ...extra });
const add = (id: string, title: string, grade: string, extra: Partial<Post> = {}): Post => post({ id, title, grade, status: "new", ...extra });

/** Each row as "new post <- deleted post: outcome" (the deleted post slotted or held, if any). */
const pairs = (s: SlottingSummary): string[] => s.rows.map((r) => `${r.newPost.title} <- ${r.match?.post.title ?? "-"}: ${r.outcome}`);

describe("the audit's case: Head of Libraries slotted into Head of Finance", () => {
  // KR12. HR matched the deleted Head of Libraries to the new Head of Libraries and Culture at 80% and typed the
  // 80% on the deleted post; the new Head of Finance comes first in the list.
  const deleted = [del("00123", "Head of Libraries", "KR12", { similarity: 0.8 }), del("00124", "Head of Finance and Procurement", "KR12")];
  const finance = add("00201", "Head of Finance", "KR12");

  it("with the pairing named, slots Head of Libraries into the job it was matched to, and offers it to no other", () => {
    const culture = add("00202", "Head of Libraries and Culture", "KR12", { replaces: ["00123"] });
    const s = computeSlotting(deleted, [finance, culture]);
    expect(pairs(s)).toEqual(["Head of Finance <- Head of Finance and Procurement: assess", "Head of Libraries and Culture <- Head of Libraries: slot"]);
    expect(s.rows[0].candidates.map((c) => c.post.id)).toEqual(["00124"]);
    expect(s.rows[1].candidates).toEqual([{ post: deleted[0], similarity: 0.8 }]);
    expect(s.rows[1].text).toBe("Slot: Head of Libraries (80% the same work)");
    expect(s).toMatchObject({ slottedHolders: 1, assessHolders: 1, ringFencedPosts: 0, atRiskHolders: 0 });
  });

  it("without a pairing, does not slot on a similarity typed on a deleted post when its grade has two new posts", () => {
    const culture = add("00202", "Head of Libraries and Culture", "KR12");
    const s = computeSlotting(deleted, [finance, culture]);
    expect(s.rows.map((r) => r.outcome)).toEqual(["assess", "assess"]);
    expect(s.slottedHolders).toBe(0);
    expect(s.rows[0].text).toBe(
      'Assess: slot Head of Libraries if at least 75% the same work. The similarity typed (80% on Head of Libraries) does not say which job it was assessed against, so it is not used to slot: name the posts each new post replaces in a "Replaces" column.',
    );
  });
});

describe("a new post that names the posts it replaces", () => {
  it("has only the named posts as candidates, at the pair's similarity (its own, and the deleted post's when no other new post names it)", () => {
    const s = computeSlotting(
      [del("D1", "Head of Libraries", "KR12", { similarity: 0.9 }), del("D2", "Head of Culture", "KR12", { similarity: 0.95 }), del("D3", "Head of Museums", "KR12")],
      [add("N1", "Head of Libraries and Culture", "KR12", { similarity: 0.8, replaces: ["D1"] })],
    );
    expect(s.rows[0]).toMatchObject({ outcome: "slot", replaces: ["D1"], jobs: 1, holders: 1, text: "Slot: Head of Libraries (80% the same work)" });
    expect(s.rows[0].candidates.map((c) => [c.post.id, c.similarity])).toEqual([["D1", 0.8]]);
    // Head of Culture (95%) and Head of Museums were not matched to it: they are at risk, not slotted.
    expect(s).toMatchObject({ slottedHolders: 1, assessHolders: 0, atRiskHolders: 2 });
  });

  it("says on its row why a named post is not a candidate: not in the list, not deleted, another grade, no postholders", () => {
    const posts = [
      post({ id: "00100", title: "Director of Communities", grade: "KR17" }, 1),
      del("00123", "Head of Libraries", "KR12", { similarity: 0.8 }),
      post({ id: "00124", title: "Head of Registration", grade: "KR12" }, 3),
      del("00125", "Libraries Manager", "KR11"),
      del("00126", "Head of Heritage", "KR12", { postholders: 0 }),
      add("00201", "Head of Libraries and Culture", "KR12", { replaces: ["00123", "00999", "00124", "00125", "00126"] }),
    ];
    const row = computeImpact(posts, { year: 2024 }).slotting.rows[0];
    expect(row.outcome).toBe("slot");
    expect(row.candidates.map((c) => c.post.id)).toEqual(["00123"]);
    expect(row.notes).toEqual([
      "Named post 00999 is not in the list.",
      "Named post 00124 (Head of Registration) is not deleted.",
      "Named post 00125 (Libraries Manager) is KR11, not KR12.",
      "Named post 00126 (Head of Heritage) has no postholders.",
    ]);
    expect(row.text).toBe(
      "Slot: Head of Libraries (80% the same work). Named post 00999 is not in the list. Named post 00124 (Head of Registration) is not deleted. Named post 00125 (Libraries Manager) is KR11, not KR12. Named post 00126 (Head of Heritage) has no postholders.",
    );
  });

  it("is ring-fenced, with the reason, when no post it names can be slotted from", () => {
    const posts = [del("00125", "Libraries Manager", "KR11"), post({ id: "00124", title: "Head of Registration", grade: "KR12", status: "deleted", scenario: "Legal JV" }), add("00201", "Head of Libraries and Culture", "KR12", { replaces: ["00124"] }), add("00202", "Head of Archives", "KR12", { replaces: ["00125"] })];
    const rows = computeImpact(posts, { year: 2024 }).slotting.rows;
    expect(rows.map((r) => [r.outcome, r.failed, r.text])).toEqual([
      ["ring-fence", "no named post to slot from", "Ring-fence: no named post to slot from. Named post 00124 (Head of Registration) is not deleted in the scenario chosen."],
      ["ring-fence", "grade differs", "Ring-fence: grade differs. Named post 00125 (Libraries Manager) is KR11, not KR12."],
    ]);
    // Under the scenario, the named post is deleted and is slotted.
    expect(computeImpact(posts, { year: 2024, scenario: "Legal JV" }).slotting.rows[0].outcome).toBe("assess");
    // Without the whole list, the named post is only known not to be one of the deleted posts given.
    expect(computeSlotting([], [add("N1", "Head of Archives", "KR12", { replaces: ["00124"] })]).rows[0].text).toBe("Ring-fence: no named post to slot from. Named post 00124 is not one of the deleted posts.");
  });

  it("takes the posts it names away from the other new posts of the grade", () => {
    const s = computeSlotting([del("D1", "Head of Libraries", "KR12")], [add("N1", "Head of Finance", "KR12"), add("N2", "Head of Libraries and Culture", "KR12", { replaces: ["D1"] })]);
    expect(s.rows[0]).toMatchObject({ outcome: "ring-fence", failed: "deleted posts at this grade are matched to other new posts", candidates: [], jobs: 1, holders: 0 });
    expect(s.rows[1]).toMatchObject({ outcome: "assess", match: { post: { id: "D1" } }, text: "Assess: slot Head of Libraries if at least 75% the same work" });
  });

  it("counts the jobs and holders of the posts matched together: one new job for two old posts is ring-fenced", () => {
    const s = computeSlotting(
      [del("D1", "Head of Libraries", "KR12", { similarity: 0.9 }), del("D2", "Head of Culture", "KR12", { similarity: 0.9 }), del("D3", "Head of Sport", "KR12", { similarity: 0.9 })],
      [add("N1", "Head of Libraries and Culture", "KR12", { replaces: ["D1", "D2"] }), add("N2", "Head of Sport and Leisure", "KR12", { replaces: ["D3"] })],
    );
    expect(s.rows.map((r) => [r.jobs, r.holders, r.outcome, r.failed])).toEqual([
      [1, 2, "ring-fence", "fewer jobs than holders"],
      [1, 1, "slot", undefined],
    ]);
  });

  it("a post split between two new posts: each pair at the new post's similarity; the old post's own is not either pair's", () => {
    const old = del("D1", "Head of Libraries and Culture", "KR12", { similarity: 0.9 });
    const split = computeSlotting([old], [add("N1", "Head of Libraries", "KR12", { similarity: 0.6, replaces: ["D1"] }), add("N2", "Head of Culture", "KR12", { similarity: 0.9, replaces: ["D1"] })]);
    expect(split.rows.map((r) => [r.jobs, r.holders, r.outcome, r.match?.similarity])).toEqual([
      [2, 1, "ring-fence", undefined],
      [2, 1, "slot", 0.9],
    ]);
    expect(split.rows[0].failed).toBe("less than 75% the same work");
    const untyped = computeSlotting([old], [add("N1", "Head of Libraries", "KR12", { replaces: ["D1"] }), add("N2", "Head of Culture", "KR12", { replaces: ["D1"] })]);
    expect(untyped.rows.map((r) => r.outcome)).toEqual(["assess", "ring-fence"]);
    expect(untyped.rows[0].text).toBe(
      "Assess: slot Head of Libraries and Culture if at least 75% the same work. The similarity typed on Head of Libraries and Culture (90%) does not say which of the 2 new posts naming it it was assessed against: type the similarity of this pairing on this row.",
    );
    expect(untyped.rows[1].failed).toBe("candidates already held for assessment");
  });
});

describe("a new post that names none", () => {
  it("does not slot on its own similarity when its grade has two deleted posts: which one it was assessed against is not known", () => {
    const s = computeSlotting([del("D1", "Head of Libraries", "KR12"), del("D2", "Head of Finance and Procurement", "KR12")], [add("N1", "Head of Finance", "KR12", { similarity: 0.8 }), add("N2", "Head of Culture", "KR12")]);
    expect(s.rows[0]).toMatchObject({ outcome: "assess", match: { post: { id: "D1" } } });
    expect(s.rows[0].notes).toEqual(['The similarity typed (80% on this post) does not say which job it was assessed against, so it is not used to slot: name the posts each new post replaces in a "Replaces" column.']);
  });

  it("slots as before where its grade has one new post and one deleted post", () => {
    const s = computeSlotting([del("D1", "Head of Libraries", "KR12", { similarity: 0.8 })], [add("N1", "Head of Libraries and Culture", "KR12")]);
    expect(s.rows[0]).toMatchObject({ outcome: "slot", text: "Slot: Head of Libraries (80% the same work)" });
    expect(s.rows[0].notes).toBeUndefined();
  });

  it("a similarity whose pair is not known is never used to slot, whatever the list (property)", () => {
    const grade = fc.constantFrom("KR11", "KR12");
    const similarity = fc.option(fc.constantFrom(0.5, 0.75, 0.8, 1), { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(fc.record({ g: grade, s: similarity, h: fc.nat(2) }), { maxLength: 8 }),
        fc.array(fc.record({ g: grade, s: similarity, r: fc.option(fc.array(fc.constantFrom("D0", "D1", "D2", "D3", "X"), { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 2 }) }), { maxLength: 8 }),
        (dels, adds) => {
          const deleted = dels.map((d, i) => del(`D${i}`, `Deleted ${i}`, d.g, { postholders: d.h, ...(d.s === undefined ? {} : { similarity: d.s }) }));
          const created = adds.map((a, i) => add(`N${i}`, `New ${i}`, a.g, { ...(a.s === undefined ? {} : { similarity: a.s }), ...(a.r === undefined ? {} : { replaces: a.r }) }));
          const s = computeSlotting(deleted, created);
          const namedAnywhere = new Set(created.flatMap((n) => n.replaces ?? []));
          s.rows.forEach((row) => {
            if (row.outcome !== "slot" || !row.match) return;
            const d = row.match.post;
            if (row.replaces) {
              // Slotted only from a post it names.
              expect(row.replaces).toContain(d.id);
              return;
            }
            // Not from a post another new post names; and on a similarity whose pair is known: the deleted post's
            // own only when the grade has one new post, the new post's own only when it has one deleted post.
            expect(namedAnywhere.has(d.id)).toBe(false);
            const newAtGrade = created.filter((n) => n.grade === row.grade).length;
            const deletedAtGrade = deleted.filter((x) => x.grade === row.grade && x.postholders > 0).length;
            expect(newAtGrade === 1 || deletedAtGrade === 1).toBe(true);
          });
          return s.slottedHolders + s.assessHolders + s.atRiskHolders === dels.reduce((t, d) => t + d.h, 0);
        },
      ),
      { numRuns: runs(500) },
    );
  });
});

describe("a new post whose candidates are all taken says what happened to them", () => {
  it("held for assessment: nobody is slotted, and the reason does not say so", () => {
    const s = computeSlotting([del("D1", "Head of Libraries", "KR12")], [add("N1", "Head of Culture", "KR12"), add("N2", "Head of Finance", "KR12")]);
    expect(s.rows.map((r) => [r.outcome, r.failed])).toEqual([
      ["assess", undefined],
      ["ring-fence", "candidates already held for assessment"],
    ]);
    expect(s.rows[1].text).toBe("Ring-fence: candidates already held for assessment");
    expect(s).toMatchObject({ slottedHolders: 0, assessHolders: 1 });
  });

  it("slotted: the reason says slotted", () => {
    // The grade has one deleted post, so the similarity typed on the new post is that pair's.
    const s = computeSlotting([del("D1", "Head of Libraries", "KR12")], [add("N1", "Head of Libraries and Culture", "KR12", { similarity: 0.8 }), add("N2", "Head of Finance", "KR12")]);
    expect(s.rows.map((r) => [r.outcome, r.failed])).toEqual([
      ["slot", undefined],
      ["ring-fence", "candidates already slotted"],
    ]);
  });

  it("some of each, on a row that names the posts it replaces", () => {
    const s = computeSlotting(
      [del("D1", "Head of Libraries", "KR12"), del("D2", "Head of Culture", "KR12")],
      [add("N1", "Head of Libraries", "KR12", { similarity: 0.8, replaces: ["D1"] }), add("N2", "Head of Culture", "KR12", { replaces: ["D2"] }), add("N3", "Head of Heritage", "KR12", { replaces: ["D1", "D2"] })],
    );
    expect(s.rows.map((r) => [r.outcome, r.failed])).toEqual([
      ["slot", undefined],
      ["assess", undefined],
      ["ring-fence", "candidates already slotted or held for assessment"],
    ]);
    expect(s.rows[2].text).toBe("Ring-fence: candidates already slotted or held for assessment");
    // Named posts held only: held.
    const held = computeSlotting([del("D1", "Head of Libraries", "KR12")], [add("N1", "Head of Libraries", "KR12", { replaces: ["D1"] }), add("N2", "Head of Heritage", "KR12", { replaces: ["D1"] })]);
    expect(held.rows[1].failed).toBe("candidates already held for assessment");
  });

  it("the impact sheet's slotting table words it the same way", () => {
    const impact = computeImpact([del("D1", "Head of Libraries", "KR12"), add("N1", "Head of Culture", "KR12"), add("N2", "Head of Finance", "KR12")], { year: 2024, gradeTable: establishmentGradeTable() });
    const values = impactLayout(impact).cells.toArray().map((c) => c.value);
    expect(values).toContain("Ring-fence: candidates already held for assessment");
    expect(values).not.toContain("Ring-fence: candidates already slotted");
  });
});

describe("a similarity written as a percentage in code (80, not 0.8)", () => {
  it("is shown as 80% on a row that names no replaced post, and given as 0.8", () => {
    const own = computeSlotting([del("D1", "Head of Libraries", "KR12", { similarity: 80 })], [add("N1", "Head of Libraries and Culture", "KR12")]);
    expect(own.rows[0].text).toBe("Slot: Head of Libraries (80% the same work)");
    expect(own.rows[0].match?.similarity).toBe(0.8);
    expect(own.rows[0].candidates.map((c) => c.similarity)).toEqual([0.8]);
    const onNew = computeSlotting([del("D1", "Head of Libraries", "KR12")], [add("N1", "Head of Libraries and Culture", "KR12", { similarity: 80 })]);
    expect(onNew.rows[0].text).toBe("Slot: Head of Libraries (80% the same work)");
  });

  it("is compared with a fraction on the other side as 80%: the lower of the two is used", () => {
    const s = computeSlotting([del("D1", "Head of Libraries", "KR12", { similarity: 80 })], [add("N1", "Head of Libraries and Culture", "KR12", { similarity: 0.9 })]);
    expect(s.rows[0].match?.similarity).toBe(0.8);
    expect(s.rows[0].text).toBe("Slot: Head of Libraries (80% the same work)");
  });

  it("is named as 80% where it is set aside, and on a paired row", () => {
    const s = computeSlotting(
      [del("D1", "Head of Libraries", "KR12", { similarity: 80 }), del("D2", "Head of Finance and Procurement", "KR12")],
      [add("N1", "Head of Finance", "KR12", { similarity: 70 }), add("N2", "Head of Culture", "KR12")],
    );
    expect(s.rows[0].notes).toEqual(['The similarities typed (70% on this post; 80% on Head of Libraries) do not say which jobs they were assessed against, so they are not used to slot: name the posts each new post replaces in a "Replaces" column.']);
    const paired = computeSlotting([del("D1", "Head of Libraries", "KR12")], [add("N1", "Head of Libraries and Culture", "KR12", { similarity: 80, replaces: ["D1"] })]);
    expect(paired.rows[0].text).toBe("Slot: Head of Libraries (80% the same work)");
  });

  it("is shown as 80% in the impact sheet's candidates and outcome cells", () => {
    const impact = computeImpact([del("D1", "Head of Libraries", "KR12", { similarity: 80 }), add("N1", "Head of Libraries and Culture", "KR12")], { year: 2024, gradeTable: establishmentGradeTable() });
    const values = impactLayout(impact).cells.toArray().map((c) => c.value);
    expect(values).toContain("Head of Libraries (80%)");
    expect(values).toContain("Slot: Head of Libraries (80% the same work)");
    expect(values.some((v) => typeof v === "string" && v.includes("8000%"))).toBe(false);
  });
});

describe("the pairing on the impact sheet and in the post list", () => {
  /** A KR12 restructure typed in a sheet: IDs typed as numbers, a "Matched to" column naming two posts. */
  function typedRows(): CellValue[][] {
    const header = [...postListHeaderRow(), "Similarity", "Matched to"];
    const row = (id: number, title: string, status: string, similarity: number | null, matched: CellValue): CellValue[] => [id, title, "KR12", 1, null, "Communities", "", "", status, status === "new" ? null : 1, null, null, similarity, matched];
    return [
      header,
      row(123, "Head of Libraries", "deleted", 0.8, null),
      row(124, "Head of Finance and Procurement", "deleted", null, null),
      row(125, "Head of Culture", "deleted", null, null),
      row(201, "Head of Finance", "new", null, null),
      row(202, "Head of Libraries and Culture", "new", null, "123 and 125"),
    ];
  }

  it("reads the pairing from a sheet, IDs typed as numbers included, and slots only within it", () => {
    const parsed = readPostList(constantSnapshot("Posts", typedRows()));
    expect(parsed?.posts.map((p) => p.replaces)).toEqual([undefined, undefined, undefined, undefined, ["123", "125"]]);
    const s = computeImpact(parsed?.posts ?? [], { year: 2024, gradeTable: establishmentGradeTable() }).slotting;
    expect(pairs(s)).toEqual(["Head of Finance <- Head of Finance and Procurement: assess", "Head of Libraries and Culture <- -: ring-fence"]);
    expect(s.rows[1]).toMatchObject({ jobs: 1, holders: 2, failed: "fewer jobs than holders" });
  });

  it("lists only the named posts as the candidates of a paired row, and says what that means under the table", () => {
    const impact = computeImpact(readPostList(constantSnapshot("Posts", typedRows()))?.posts ?? [], { year: 2024, gradeTable: establishmentGradeTable() });
    const layout = impactLayout(impact);
    const cells = layout.cells.toArray();
    const at = (title: string): unknown[] => {
      const row = cells.find((c) => c.col === 0 && c.value === title && cells.some((d) => d.row === c.row && d.col === 5))?.row;
      return cells.filter((c) => c.row === row).sort((a, b) => a.col - b.col).map((c) => c.value);
    };
    expect(at("Head of Finance")).toEqual(["Head of Finance", "KR12", 1, "Head of Finance and Procurement", 1, "Assess: slot Head of Finance and Procurement if at least 75% the same work"]);
    expect(at("Head of Libraries and Culture")).toEqual(["Head of Libraries and Culture", "KR12", 1, "Matched to this post: Head of Libraries (80%); Head of Culture", 2, "Ring-fence: fewer jobs than holders"]);
    expect(cells.some((c) => typeof c.value === "string" && c.value.startsWith('"Matched to this post": the deleted posts HR matched to the new post'))).toBe(true);
    // A list with no pairing has no such note.
    const plain = impactLayout(computeImpact([del("D1", "Head of Libraries", "KR12"), add("N1", "Head of Libraries and Culture", "KR12")], { year: 2024, gradeTable: establishmentGradeTable() }));
    expect(plain.cells.toArray().some((c) => typeof c.value === "string" && c.value.includes("Matched to this post"))).toBe(false);
  });
});
