/**
 * The pane's output sheets on the simulated host (issue 15: "Build one per directorate" in at most 4 syncs; issue 11
 * item 4: "Replace" still works after the workbook is reopened).
 */
import { describe, expect, it } from "vitest";
import { writeOwnedSheet, writeOwnedSheets } from "../../src/taskpane/ownedSheets";
import { STATE_SHEET_NAME } from "../../src/excel/runtime";
import { allDirectorateStructures } from "../../src/core/posts/structureLayout";
import { establishmentGradeTable, generateEstablishment } from "../fixtures/postLists";
import { reportLayout } from "../excel/layoutFixtures";
import { installStandIn, payloadsUnderLimit } from "../excel/helpers";
import { syncFigures } from "../excel/syncBound";
import type { Ask } from "../../src/taskpane/components/ConfirmDialog";
import { checkReportLayout } from "../../src/core/checks/report";
import type { Finding } from "../../src/core/findings";

describe("output sheets from the pane", () => {
  it("builds one structure table per directorate (5,000 posts) in one run of at most 4 syncs, and asks once when rebuilding", async () => {
    const layouts = allDirectorateStructures(generateEstablishment(5_000), { gradeTable: establishmentGradeTable(), showGradeAndFte: true });
    const outputs = layouts.map((layout) => ({ layout, key: `structure:Posts:directorate:${layout.name}` }));
    const host = installStandIn({ sheets: { Posts: [["x"]] }, profile: "web" });
    const questions: string[] = [];
    const ask: Ask = async (q) => {
      questions.push(q.title);
      return "primary";
    };
    host.resetStats();
    const first = await writeOwnedSheets(outputs, { ask });
    const f = syncFigures(host);
    expect(f.runs).toBe(1);
    expect(f.syncs).toBeLessThanOrEqual(Math.min(4, f.bound + 2));
    expect(payloadsUnderLimit(host)).toBe(true);
    expect(questions).toEqual([]);
    host.reopen();
    host.resetStats();
    const again = await writeOwnedSheets(outputs, { ask });
    expect(questions).toEqual(["Replace the earlier sheets?"]);
    expect(again).toEqual(first);
    expect(syncFigures(host).syncs).toBeLessThanOrEqual(4);
    expect(host.sheetNames().filter((n) => n !== STATE_SHEET_NAME)).toEqual(["Posts", ...(first ?? [])]);
  });

  it("writes a 10,000-finding check report in one run within bound + 2, every request under 5 MB", async () => {
    const host = installStandIn({ sheets: { Budget: [["x"]] }, profile: "web" });
    const findings: Finding[] = Array.from({ length: 10_000 }, (_, i) => ({ sheet: "Budget", cell: `C${i + 2}`, rule: "number-as-text", severity: i % 2 ? "error" : "warning", message: "Amount stored as text" }));
    host.resetStats();
    await writeOwnedSheet(checkReportLayout(findings), { key: "check-report", ask: async () => "primary" });
    const f = syncFigures(host);
    expect(f.runs).toBe(1);
    expect(payloadsUnderLimit(host)).toBe(true);
    expect(f.syncs).toBeLessThanOrEqual(f.bound + 2);
  });

  it("offers Replace for the sheet an output wrote before the workbook was reopened", async () => {
    const host = installStandIn({ sheets: { Budget: [["x"]] } });
    const ask: Ask = async () => "primary";
    const first = await writeOwnedSheet(reportLayout(3, "Check report"), { key: "check-report", ask });
    host.reopen();
    const second = await writeOwnedSheet(reportLayout(5, "Check report"), { key: "check-report", ask });
    expect(second).toBe(first);
    expect(host.sheetNames().filter((n) => n !== STATE_SHEET_NAME)).toEqual(["Budget", first]);
  });
});
