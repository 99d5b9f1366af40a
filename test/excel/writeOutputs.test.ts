/**
 * Output sheets (issue 15: round trips; issue 11 items 4 and 9): every directorate's structure table in one run within
 * the sync bound; the earlier sheet of an output recognised by its footer marker after the workbook is reopened;
 * a write that stops half-way cleaned up by the next one.
 */
import { describe, expect, it } from "vitest";
import { writeOutputSheets } from "../../src/excel";
import { OUTPUT_MARKER } from "../../src/excel/outputSheets";
import { STATE_SHEET_NAME } from "../../src/excel/runtime";
import { allDirectorateStructures } from "../../src/core/posts/structureLayout";
import { establishmentGradeTable, generateEstablishment } from "../fixtures/postLists";
import { reportLayout } from "./layoutFixtures";
import { installStandIn, payloadsUnderLimit } from "./helpers";
import { syncFigures } from "./syncBound";

const visibleSheets = (names: string[]): string[] => names.filter((n) => n !== STATE_SHEET_NAME);

describe("writeOutputSheets", () => {
  it("writes one structure table per directorate for 5,000 posts in at most 4 syncs, within bound + 2, on the web profile", async () => {
    const layouts = allDirectorateStructures(generateEstablishment(5_000), { gradeTable: establishmentGradeTable(), showGradeAndFte: true });
    expect(layouts.length).toBeGreaterThan(3);
    const host = installStandIn({ sheets: { Posts: [["x"]] }, profile: "web" });
    host.resetStats();
    const names = await writeOutputSheets(layouts.map((layout) => ({ layout, key: `structure:Posts:directorate:${layout.name}` })));
    const f = syncFigures(host);
    expect(names).toHaveLength(layouts.length);
    expect(payloadsUnderLimit(host)).toBe(true);
    expect(f.syncs).toBeLessThanOrEqual(Math.min(4, f.bound + 2));
    expect(f.runs).toBe(1);
    for (const n of names ?? []) expect(host.sheetInfo(n).pageLayout.headersFooters.leftFooter).toBe(`${OUTPUT_MARKER}: structure`);
  });

  it("offers to replace an output's earlier sheet after the workbook is reopened (ids change), and replaces it in place", async () => {
    const host = installStandIn({ sheets: { Budget: [["x"]] } });
    const [first] = (await writeOutputSheets([{ layout: reportLayout(3, "Report"), key: "check-report" }])) ?? [];
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem(first).position = 0;
      await context.sync();
    });
    host.reopen();
    const asked: string[][] = [];
    const again = await writeOutputSheets([{ layout: reportLayout(7, "Report"), key: "check-report" }], {
      decide: async (earlier) => {
        asked.push(earlier.map((e) => e.sheet));
        return "replace";
      },
    });
    expect(asked).toEqual([["Report"]]);
    expect(again).toEqual(["Report"]);
    expect(visibleSheets(host.sheetNames())).toEqual(["Report", "Budget"]);
  });

  it("never offers a user's sheet that took the remembered name (no marker): a new sheet is added", async () => {
    const host = installStandIn({ sheets: { Budget: [["x"]] } });
    await writeOutputSheets([{ layout: reportLayout(3, "Report"), key: "check-report" }]);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Report").delete();
      context.workbook.worksheets.add("Report").getRange("A1").values = [["the user's own"]];
      await context.sync();
    });
    let asked = false;
    const names = await writeOutputSheets([{ layout: reportLayout(2, "Report"), key: "check-report" }], {
      decide: async () => {
        asked = true;
        return "replace";
      },
    });
    expect(asked).toBe(false);
    expect(names).toEqual(["Report (2)"]);
    expect(host.getValues("Report", "A1")).toEqual([["the user's own"]]);
  });

  it("records its intent first: a write that fails at any sync is cleaned up by the next write", async () => {
    const outputs = [1, 2, 3].map((i) => ({ layout: reportLayout(400, `Report ${i}`), key: `report-${i}` }));
    const dry = installStandIn({ sheets: { Budget: [["x"]] } });
    dry.resetStats();
    await writeOutputSheets(outputs, { requestBudgetBytes: 40_000 });
    const syncs = dry.stats.syncs;
    expect(syncs).toBeGreaterThan(4);
    for (let sync = 3; sync <= syncs; sync++) {
      const host = installStandIn({ sheets: { Budget: [["x"]] } });
      host.quirks.fault = { atSync: sync, afterActions: 3, code: "GeneralException" };
      await expect(writeOutputSheets(outputs, { requestBudgetBytes: 40_000 })).rejects.toBeTruthy();
      const names = await writeOutputSheets([{ layout: reportLayout(2, "Summary"), key: "summary" }]);
      expect([sync, visibleSheets(host.sheetNames())]).toEqual([sync, ["Budget", ...(names ?? [])]]);
    }
  });
});
