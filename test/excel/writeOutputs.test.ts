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
import { checkReportLayout } from "../../src/core/checks/report";
import type { Finding } from "../../src/core/findings";
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

  it("writes a 30,000-line check report on the web profile within bound + 2 syncs, every request under 5 MB, every line and link exact", async () => {
    const n = 30_000;
    const findings: Finding[] = Array.from({ length: n }, (_, i) => ({ sheet: "Budget", cell: `C${i + 2}`, rule: "number-as-text", severity: i < n / 2 ? "error" : "warning", message: `Line ${i}: the amount is stored as text` }));
    const layout = checkReportLayout(findings, { checkedAt: new Date(2026, 10, 28, 9, 30) });
    const host = installStandIn({ sheets: { Budget: [["Service", "Gross"]] }, profile: "web" });
    host.resetStats();
    const [name] = (await writeOutputSheets([{ layout, key: "check-report" }])) ?? [];
    const f = syncFigures(host);
    expect(payloadsUnderLimit(host)).toBe(true);
    expect(f.bound).toBeGreaterThanOrEqual(4); // several requests' worth: batching is exercised
    // Fuller requests: after the two that look at the workbook, every request but the last carries over 4.2 MB.
    expect(host.stats.requests.slice(2, -1).map((r) => r.bytes).filter((b) => b < 4_200_000)).toEqual([]);
    expect(f.syncs).toBeLessThanOrEqual(f.bound + 2);

    const values = host.getValues(name, `A8:H${n + 7}`);
    const expected = layout.cells.filter((c) => c.row >= 7);
    expect(expected).toHaveLength(n * 8);
    for (const c of expected) expect(values[c.row - 7][c.col]).toBe(c.value);
    for (let i = 0; i < n; i += 997) expect(host.getHyperlink(name, `C${i + 8}`)).toMatchObject({ documentReference: `Budget!C${i + 2}`, textToDisplay: `C${i + 2}` });
    expect(host.getHyperlink(name, `C${n + 7}`)).toMatchObject({ documentReference: `Budget!C${n + 1}` });
    expect(host.getFormat(name, "A8").fill).toBe(host.getFormat(name, `A${n / 2 + 7}`).fill);
    expect(host.getFormat(name, "A8").fill).not.toBe(host.getFormat(name, `A${n + 7}`).fill);
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
