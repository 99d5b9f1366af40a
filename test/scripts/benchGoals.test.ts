/**
 * `npm run bench` ends with one table of issue 15's goals (scripts/benchGoals.mjs): each goal read from the
 * results file its bench writes, as a ratio to its bound. These tests pin how each file is read, so a renamed
 * field shows as "not measured" or a wrong verdict here rather than silently in the table.
 */
import { describe, expect, it } from "vitest";
// @ts-expect-error plain .mjs script without types
import { goalRows } from "../../scripts/benchGoals.mjs";

interface GoalRow {
  goal: string;
  bound: string;
  measured: string | null;
  ratio: number | null;
  status: string;
  note?: string;
}
const rowsOf = goalRows as (r: Record<string, unknown>) => GoalRow[];

const excel = (syncs: number, lowerBound: number, failed: string[] = []) => ({
  failed,
  skipped: [],
  results: [
    { operation: "apply fixes", size: 1000, syncs: 2, lowerBound: 2, requestBytesMax: 1e5 },
    { operation: "check report (write)", size: 100_000, syncs, lowerBound, requestBytesMax: 4.9e6 },
    { operation: "highlight findings", size: 200_000, syncs: 8, lowerBound: 6, requestBytesMax: 4.8e6 },
    { operation: "clear highlights", size: 200_000, syncs: 5, lowerBound: 3, requestBytesMax: 2e6 },
  ],
});
const summary = (audit: number, memory: number, pack: number) => ({
  summary: {
    "auditWorkbook / ExcelJS load, 100k lines, time (goal <= 0.8)": audit,
    "auditWorkbook 100k lines, peak memory now / before (goal <= 0.5), whole process": memory,
    "auditWorkbook 100k lines, peak memory now / before (goal <= 0.5), above the process's memory before the call": memory,
    "pack / check, 100k lines, time (goal <= 1.5)": pack,
    "pack / check, 1M lines, time (goal <= 1.5)": null,
  },
});
const all = {
  excel: excel(14, 12),
  workbookScale: summary(0.6, 0.45, 1.2),
  functions: { goal: { gradeTableRatio: 0.89 } },
  scaling: { bound: 11, worst: "checkPosts", worstRatio: 0.95 },
  instructions: { bound: 11, worst: "computeSlotting", worstGrowth: 10.4, worstRatio: 0.95, worstTenfold: { from: 50000, to: 500000 } },
  pane: { goals: { initialJsRatio: { value: 2.22 }, registration: { registeredMs: 100, firstScreenMs: 303, ratioToFirstScreen: 0.33, registeredBeforeUiFetched: true } } },
};
const find = (rows: GoalRow[], start: string): GoalRow => {
  const r = rows.find((x) => x.goal.startsWith(start));
  if (!r) throw new Error(`no row ${start}`);
  return r;
};

describe("issue 15 goal table", () => {
  it("reads every goal from its results file and gives measured / bound", () => {
    const rows = rowsOf(all);
    expect(rows.every((r) => r.status === "met" || r.status === "no figure")).toBe(true);
    expect(find(rows, "Every task-pane operation").ratio).toBe(1); // 14 syncs against 12 + 2
    expect(find(rows, "Every task-pane operation").measured).toContain("worst check report (write) 100000: 14 (bound 12)");
    expect(find(rows, "Highlight findings, 200,000").ratio).toBe(1);
    expect(find(rows, "auditWorkbook / plain ExcelJS").ratio).toBe(0.75);
    expect(find(rows, "Members' pack / check of the same file, 100,000").ratio).toBe(0.8);
    expect(find(rows, "Members' pack / check of the same file, 1,000,000").status).toBe("no figure");
    expect(find(rows, "GRADECOST").ratio).toBe(0.9);
    expect(find(rows, "Every core post-list step linear:").measured).toBe("checkPosts 10.45x");
    expect(find(rows, "Every core post-list step linear, in instructions").measured).toBe("computeSlotting 10.4x");
    expect(find(rows, "Every core post-list step linear, in instructions").ratio).toBe(0.95);
    expect(find(rows, "Initial pane JavaScript").ratio).toBe(0.89);
  });

  it("says MISSED when a figure is over its bound, a sync count over bound + 2, or a bench case failed", () => {
    const rows = rowsOf({
      ...all,
      excel: excel(15, 12),
      workbookScale: summary(0.9, 0.6, 5.53),
      functions: { goal: { gradeTableRatio: 0.7 } },
      instructions: { ...all.instructions, worstGrowth: 12.6, worstRatio: 1.15 },
    });
    for (const start of ["Every task-pane operation", "auditWorkbook / plain", "auditWorkbook peak memory", "Members' pack / check of the same file, 100,000", "GRADECOST", "Every core post-list step linear, in instructions"]) {
      expect(find(rows, start).status).toBe("MISSED");
    }
    expect(find(rowsOf({ ...all, excel: excel(3, 2, ["check report 100000 rows: RequestPayloadSizeLimitExceeded"]) }), "Every task-pane operation").status).toBe("MISSED");
    const late = rowsOf({ ...all, pane: { goals: { ...all.pane.goals, registration: { ...all.pane.goals.registration, registeredBeforeUiFetched: false } } } });
    expect(find(late, "Custom functions registered").status).toBe("MISSED");
  });

  it("shows a goal whose bench did not run as not measured, never with an old figure", () => {
    const rows = rowsOf({ excel: null, workbookScale: null, functions: null, scaling: null, instructions: null, pane: null });
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(r.status).toBe("not measured in this run");
      expect(r.measured).toBeNull();
      expect(r.note).toMatch(/^run npm run bench/);
    }
  });
});
