/**
 * The Post lists tab as a reducer and actions, in node (issue 16; issue 13 item 7): the Top post picker offers
 * only posts in the structure after the proposals, an unsaved column change is used and said to be unsaved,
 * titles typed with a leading "=" are flagged, a listing failure is reported, and the saved mapping is the
 * setting's exact JSON.
 */
import { describe, expect, it } from "vitest";
import { SAMPLE_GRADE_TABLE } from "../../src/core/grades";
import { orgChartPages } from "../../src/core/posts/orgChartDrawing";
import { postListHeaderRow } from "../../src/core/posts/postList";
import type { CellValue, SheetSnapshot } from "../../src/core/sheetSnapshot";
import type { AddinSettingValue, ReadSheetOptions } from "../../src/excel/types";
import { checkList, findList, listSources, mappingKey, saveListMapping, type PostListsExcel } from "../../src/taskpane/postLists/actions";
import { initialPostListsState, postListsReducer, topPostChoices, type PostListsState } from "../../src/taskpane/postLists/state";
import { typedPostListRows } from "../fixtures/postLists";

function textSnapshot(name: string, rows: CellValue[][]): SheetSnapshot {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const values = rows.map((r) => [...r, ...Array<CellValue>(width - r.length).fill(null)]);
  return { name, origin: { row: 0, col: 0 }, values, formulas: values.map((r) => r.map(() => null)), merges: [] };
}

function fakeExcel(snapshot: SheetSnapshot, settings = new Map<string, AddinSettingValue>()): PostListsExcel & { settings: Map<string, AddinSettingValue>; reads: ReadSheetOptions[] } {
  const reads: ReadSheetOptions[] = [];
  return {
    settings,
    reads,
    listSheets: () => Promise.resolve([{ name: snapshot.name, position: 0, visibility: "Visible" }]),
    listTables: () => Promise.resolve([]),
    readSheetSnapshot: (o) => {
      reads.push(o);
      return Promise.resolve(snapshot);
    },
    loadAddinSetting: (k) => Promise.resolve(settings.get(k)),
    saveAddinSetting: (k, v) => {
      if (v === undefined) settings.delete(k);
      else settings.set(k, v);
      return Promise.resolve();
    },
  };
}

async function found(excel: PostListsExcel): Promise<PostListsState> {
  const out = await findList(excel, "Posts", []);
  return out.actions.reduce(postListsReducer, initialPostListsState);
}

describe("Post lists reducer and actions", () => {
  const posts = textSnapshot("Posts", typedPostListRows());

  it("offers as top posts only posts in the structure after the proposals", async () => {
    const state = await found(fakeExcel(posts));
    const tops = topPostChoices(state.list?.parsed.posts ?? [], []).map((p) => p.id);
    expect(tops).toContain("SCS000");
    expect(tops).toContain("SCS202");
    expect(tops).not.toContain("SCS102");
    expect(tops).not.toContain("SCS103");
    expect(tops).toContain(state.topId);
  });

  it("offers for the org chart only posts it can draw, in the structure chosen (task-pane review, top 10 #7)", async () => {
    const list = (await found(fakeExcel(posts))).list?.parsed.posts ?? [];
    const after = topPostChoices(list, [], "after").map((p) => p.id);
    const before = topPostChoices(list, [], "before").map((p) => p.id);
    // SCS102 and SCS103 are deleted managers: in the current structure only; SCS202 is a new one: proposed only.
    expect(after).not.toContain("SCS102");
    expect(before).toEqual(expect.arrayContaining(["SCS000", "SCS102", "SCS103"]));
    expect(before).not.toContain("SCS202");
    for (const side of ["after", "before"] as const) {
      const choices = side === "after" ? after : before;
      expect(choices.length).toBeGreaterThan(0);
      for (const id of choices) expect(() => orgChartPages(list, id, { structure: side }), `${side} ${id}`).not.toThrow();
    }
  });

  it("flags post titles typed with a leading \"=\" when the list is found and when it is checked", async () => {
    const excel = fakeExcel(posts);
    const out = await findList(excel, "Posts", []);
    expect(out.notice?.intent).toBe("warning");
    expect(out.notice?.text).toContain('"=Head of Internal Communications (interim)"');
    const state = out.actions.reduce(postListsReducer, initialPostListsState);
    const checked = await checkList(excel, state.list!, {}, { scenarios: [], gradeTable: SAMPLE_GRADE_TABLE });
    expect(checked.notice?.text).toMatch(/starts? with "="/);
  });

  it("checks with an unsaved column change, and says it is unsaved", async () => {
    const excel = fakeExcel(posts);
    const state = await found(excel);
    const before = await checkList(excel, state.list!, {}, { scenarios: [], gradeTable: SAMPLE_GRADE_TABLE });
    const fteCol = state.list!.parsed.match.mapping.columns.fte;
    expect(fteCol).toBeDefined();
    expect(before.notice?.text).not.toContain("not saved");
    // The user says FTE is not in the list: the FTE typed as text ("1.0") is no longer a finding.
    const withOverride = postListsReducer(state, { type: "overrides", overrides: { fte: null } });
    const after = await checkList(excel, withOverride.list!, withOverride.overrides, { scenarios: [], gradeTable: SAMPLE_GRADE_TABLE });
    expect(after.notice?.text).toContain("Checked with your column changes, which are not saved yet");
    const rulesBefore = before.actions.flatMap((a) => (a.type === "checked" ? a.findings.map((f) => f.cell) : []));
    const rulesAfter = after.actions.flatMap((a) => (a.type === "checked" ? a.findings.map((f) => f.cell) : []));
    expect(rulesAfter).not.toEqual(rulesBefore);
  });

  it("saves the mapping as the setting's own JSON and reads the list with it", async () => {
    const excel = fakeExcel(posts);
    const state = await found(excel);
    const out = await saveListMapping(excel, state.list!, { similarity: null });
    const saved = excel.settings.get(mappingKey("Posts")) as { version: number; fields: Record<string, unknown> };
    expect(saved.version).toBe(1);
    expect(saved.fields.similarity).toBeNull();
    const next = out.actions.reduce(postListsReducer, state);
    expect(next.list?.saved?.fields.similarity).toBeNull();
    expect(next.overrides).toEqual({});
  });

  it("reports a failure to list the sheets instead of hiding it", async () => {
    const excel = fakeExcel(posts);
    excel.listSheets = () => Promise.reject(new Error("Excel is busy"));
    const action = await listSources(excel);
    expect(action.type).toBe("listing-failed");
    const state = postListsReducer(initialPostListsState, action);
    expect(state.listingError).toContain("Excel is busy");
  });

  it("says an empty template is empty, and a single selected cell is not the whole list", async () => {
    const header: CellValue[] = postListHeaderRow();
    const empty = await findList(fakeExcel(textSnapshot("Post list", [header])), "Post list", []);
    expect(empty.notice?.text).toContain("is empty");
    const one = await findList(fakeExcel(textSnapshot("Posts", [["SCS000"]])), "\u0000selection", []);
    expect(one.notice?.text).toContain("Select the whole post list, including its header row");
  });
});
