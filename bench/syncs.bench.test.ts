/**
 * Issue 15's round-trip goal on the simulated host (Office's real client, real request JSON, web profile with its
 * 5 MB limit): each task-pane operation's syncs against its bound, ceil(max(request, response bytes) / 5 MB) + 1,
 * at each size. Prints a table and writes bench/results/syncs.json. Counts, not times.
 * Run: npx vitest run --config vitest.bench.config.mts bench/syncs.bench.test.ts   (SYNC_BENCH_SMALL=1: small sizes only)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { applyEdits, clearHighlights, highlightFindings, readSheetSnapshot, writeLayout } from "../src/excel";
import type { CellEdit, Finding } from "../src/core/findings";
import { checkReportLayout } from "../src/core/checks/report";
import { allDirectorateStructures } from "../src/core/posts/structureLayout";
import { computeImpact, impactLayout } from "../src/core/posts/impact";
import { newPostListLayout } from "../src/core/posts/postList";
import { writeOwnedSheet } from "../src/taskpane/ownedSheets";
import { createExcelStandIn, type ExcelStandIn, type SeedCell } from "../test/standin/excel";
import { establishmentGradeTable, generateEstablishment } from "../test/fixtures/postLists";
import { syncFigures, type SyncFigures } from "../test/excel/syncBound";

const here = dirname(fileURLToPath(import.meta.url));
const small = process.env.SYNC_BENCH_SMALL === "1";

interface Row extends SyncFigures {
  operation: string;
  size: number;
  withinGoal: boolean;
  /** The operation failed (Excel refused a request, or another error). */
  error?: string;
}

const rows: Row[] = [];

async function measure(operation: string, size: number, host: ExcelStandIn, op: () => Promise<unknown>): Promise<void> {
  const uninstall = host.install();
  try {
    host.resetStats();
    let error: string | undefined;
    try {
      await op();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const f = syncFigures(host);
    rows.push({ operation, size, ...f, withinGoal: f.syncs <= f.bound + 2 && f.rejected === 0 && error === undefined, ...(error ? { error } : {}) });
  } finally {
    uninstall();
  }
}

function budgetRows(n: number): SeedCell[][] {
  const out: SeedCell[][] = [["Service", "Type", "Gross budget", "Net budget", "FTE", "Notes"]];
  for (let i = 1; i <= n; i++) out.push([`Service ${i}`, i % 3 ? "Statutory" : "Traded", 10_000 + i * 7, 5_000 + i * 3, (i % 40) / 4, i % 10 ? null : `Reviewed ${i}`]);
  return out;
}

function findingsOn(sheet: string, cells: number, cols = 4): Finding[] {
  return Array.from({ length: cells }, (_, i) => ({
    sheet,
    cell: `${String.fromCharCode(65 + (i % cols))}${Math.floor(i / cols) + 2}`,
    rule: "number-as-text",
    severity: (["error", "warning", "info"] as const)[i % 3],
    message: "Number stored as text",
  }));
}

const answerNew = async (): Promise<"secondary"> => "secondary";

it("every task-pane operation's syncs against its bound", async () => {
  for (const n of small ? [1_000] : [1_000, 10_000, 100_000]) {
    await measure("read the active sheet", n, createExcelStandIn({ sheets: { Budget: budgetRows(n) } }), () => readSheetSnapshot({ scope: "used" }));
  }
  for (const n of small ? [2_000] : [2_000, 20_000, 200_000]) {
    const rowsNeeded = Math.ceil(n / 4) + 2;
    const host = createExcelStandIn({ sheets: { Budget: budgetRows(rowsNeeded) } });
    const findings = findingsOn("Budget", n);
    await measure("highlight findings", n, host, () => highlightFindings(findings));
    await measure("clear highlights", n, host, () => clearHighlights());
  }
  for (const n of small ? [1_000] : [1_000, 10_000, 100_000]) {
    const host = createExcelStandIn({ sheets: { Budget: budgetRows(Math.ceil(n / 4) + 2) } });
    const edits: CellEdit[] = Array.from({ length: n }, (_, i) => ({ sheet: "Budget", cell: `${"CDEF"[i % 4]}${Math.floor(i / 4) + 2}`, kind: "number", value: i, numberFormat: "£#,##0" }));
    await measure("apply fixes", n, host, () => applyEdits(edits));
  }
  for (const n of small ? [1_000] : [1_000, 10_000, 100_000]) {
    const layout = checkReportLayout(findingsOn("Budget", n));
    await measure("check report", n, createExcelStandIn({ sheets: { Budget: [["x"]] } }), () => writeOwnedSheet(layout, { key: "check-report", ask: answerNew }));
  }
  const table = establishmentGradeTable();
  for (const n of small ? [500] : [500, 5_000, 50_000]) {
    const posts = generateEstablishment(n);
    const layouts = allDirectorateStructures(posts, { gradeTable: table, showGradeAndFte: true });
    await measure(`structure table per directorate`, n, createExcelStandIn({ sheets: { Posts: [["x"]] } }), async () => {
      const decided = {};
      for (const l of layouts) await writeOwnedSheet(l, { key: `structure:Posts:directorate:${l.name}`, ask: answerNew, decided });
    });
    const impact = computeImpact(posts, { gradeTable: table, year: 2024, point: "mid" });
    await measure("impact tables", n, createExcelStandIn({ sheets: { Posts: [["x"]] } }), () => writeOwnedSheet(impactLayout(impact, { sheetName: "Impact Posts" }), { key: "impact:Posts", ask: answerNew }));
  }
  await measure("post list template", 1, createExcelStandIn({ sheets: { Posts: [["x"]] } }), () => writeLayout(newPostListLayout({})));

  const lines = rows.map((r) => `${r.operation.padEnd(34)} ${String(r.size).padStart(7)}: ${String(r.syncs).padStart(4)} syncs, bound ${r.bound} (goal <= ${r.bound + 2}) ${r.withinGoal ? "ok" : "OVER"}; runs ${r.runs}, request ${r.requestBytes} B (max ${r.maxRequestBytes}), response ${r.responseBytes} B (max ${r.maxResponseBytes})${r.rejected ? `, ${r.rejected} REFUSED` : ""}${r.error ? `, FAILED: ${r.error}` : ""}`);
  console.warn(lines.join("\n"));
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(
    join(here, "results", small ? "syncs-small.json" : "syncs.json"),
    JSON.stringify({ date: new Date().toISOString(), note: "Simulated Excel host, web profile, Office's real request JSON. bound = ceil(max(total request, total response bytes) / 5 MB) + 1; goal syncs <= bound + 2.", rows }, null, 2),
  );
  expect(rows.length).toBeGreaterThan(0);
});
