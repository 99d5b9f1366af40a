/**
 * The Excel layer on the in-memory stand-in: syncs and request/response bytes for reading 1,000 / 10,000 /
 * 100,000-row sheets, writing 1,000 / 5,000 / 20,000-row layouts and highlighting 1,000 / 10,000 findings.
 * Prints the figures and writes bench/results/excel.json. Times are wall-clock on the stand-in (they measure
 * our code plus the stand-in, not Excel). No assertions on time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { highlightFindings, readSheetSnapshot, writeLayout } from "../src/excel";
import type { Finding } from "../src/core/findings";
import { createExcelStandIn, type ExcelStandIn, type SeedCell } from "../test/standin/excel";
import { reportLayout } from "../test/excel/layoutFixtures";

const here = dirname(fileURLToPath(import.meta.url));

interface Figures {
  operation: string;
  size: number;
  syncs: number;
  requestBytesTotal: number;
  requestBytesMax: number;
  responseBytesTotal: number;
  responseBytesMax: number;
  rejectedSyncs: number;
  ms: number;
}

function figures(operation: string, size: number, standIn: ExcelStandIn, ms: number): Figures {
  const s = standIn.stats;
  return {
    operation,
    size,
    syncs: s.syncs,
    requestBytesTotal: s.requests.reduce((n, r) => n + r.bytes, 0),
    requestBytesMax: s.maxRequestBytes,
    responseBytesTotal: s.responses.reduce((n, r) => n + r.bytes, 0),
    responseBytesMax: s.maxResponseBytes,
    rejectedSyncs: s.rejected,
    ms: Math.round(ms),
  };
}

function sheetRows(n: number): SeedCell[][] {
  const rows: SeedCell[][] = [["Service", "Type", "Gross budget", "Net budget", "FTE", "Notes"]];
  for (let i = 1; i <= n; i++) rows.push([`Service ${i}`, i % 3 ? "Statutory" : "Traded", 10_000 + i * 7, 5_000 + i * 3, (i % 40) / 4, i % 10 ? null : `Reviewed ${i}`]);
  rows.push(["Total", null, `=SUM(C2:C${n + 1})`, `=SUM(D2:D${n + 1})`, null, null]);
  return rows;
}

it("measures the Excel layer's syncs and payloads", async () => {
  const results: Figures[] = [];
  for (const n of [1_000, 10_000, 100_000]) {
    const standIn = createExcelStandIn({ sheets: { Budget: sheetRows(n) } });
    const uninstall = standIn.install();
    standIn.resetStats();
    const t = performance.now();
    const snap = await readSheetSnapshot({ scope: "used" });
    results.push(figures("readSheetSnapshot (6 columns, values+formulas+numberFormat)", n, standIn, performance.now() - t));
    expect(snap.values.length).toBe(n + 2);
    uninstall();
  }
  for (const n of [1_000, 5_000, 20_000]) {
    const standIn = createExcelStandIn({ sheets: { Budget: [["x"]] } });
    const uninstall = standIn.install();
    standIn.resetStats();
    const t = performance.now();
    await writeLayout(reportLayout(n));
    results.push(figures("writeLayout (8 columns, styles, links, totals)", n, standIn, performance.now() - t));
    uninstall();
  }
  for (const n of [1_000, 10_000]) {
    const rows = Array.from({ length: n }, (_, i) => [`S${i}`, i, i]);
    const standIn = createExcelStandIn({ sheets: { Big: rows } });
    const uninstall = standIn.install();
    const findings: Finding[] = rows.map((_, i) => ({ sheet: "Big", cell: `B${i + 1}`, rule: "number-as-text", severity: i % 2 ? "error" : "warning", message: "x" }));
    standIn.resetStats();
    const t = performance.now();
    await highlightFindings(findings);
    results.push(figures("highlightFindings", n, standIn, performance.now() - t));
    uninstall();
  }
  for (const r of results) expect(r.rejectedSyncs).toBe(0);
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    payloadLimitBytes: 5_000_000,
    note: "Measured on the in-memory stand-in (test/standin/excel): bytes are the JSON of queued operations (request) and loaded data (response). ms includes the stand-in's own work.",
    results,
  };
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(join(here, "results", "excel.json"), JSON.stringify(out, null, 2));
  console.warn(results.map((r) => `${r.operation} ${r.size}: ${r.syncs} syncs, request max ${r.requestBytesMax} B, response max ${r.responseBytesMax} B, ${r.ms} ms`).join("\n"));
});
