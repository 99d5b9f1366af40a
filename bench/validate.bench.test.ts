/**
 * bench/validate: time and peak memory of the budget-sheet checks (the core path auditWorkbook runs after
 * reading) for 1,000, 10,000 and 100,000-line sheets, with growth ratios, and the .xlsx read time
 * separately. Prints the figures and writes bench/results/validate.json. No assertions on time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { checkSheet } from "../src/core/checks";
import { readXlsx } from "../src/workbook/readXlsx";
import { buildXlsx, fixtureSnapshot, largeBudgetSheet } from "../test/fixtures/budgetSheets";

const SIZES = [1_000, 10_000, 100_000];
const here = dirname(fileURLToPath(import.meta.url));

// Expose the garbage collector for honest "peak over baseline" figures (no CLI flag needed).
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as (() => void) | undefined;

function gc(): void {
  if (typeof collect === "function") collect();
}

interface Row {
  lines: number;
  rows: number;
  /** Wall time, median of 5 runs. */
  coreMs: number;
  coreMsBest: number;
  /** CPU time of this process (user + system) for the run, median of 5: less affected by other load. */
  coreCpuMs: number;
  peakHeapMB: number;
  findings: number;
  xlsxBytes?: number;
  xlsxReadMs?: number;
}

it("core checks and .xlsx reading at 1,000 / 10,000 / 100,000 lines", async () => {
  const results: Row[] = [];
  for (const lines of SIZES) {
    const snap = fixtureSnapshot(largeBudgetSheet(lines));
    // Warm up once (JIT), then time 3 runs and keep median and best.
    checkSheet(snap);
    const times: number[] = [];
    const cpu: number[] = [];
    let peak = 0;
    let count = 0;
    for (let i = 0; i < 5; i++) {
      gc();
      const base = process.memoryUsage().heapUsed;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed - base)), 5);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const fs = checkSheet(snap);
      times.push(performance.now() - t0);
      const c1 = process.cpuUsage(c0);
      cpu.push((c1.user + c1.system) / 1000);
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      count = fs.length;
      expect(fs.filter((f) => f.severity !== "info")).toEqual([]);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const row: Row = { lines, rows: snap.values.length, coreMs: +times[2].toFixed(1), coreMsBest: +times[0].toFixed(1), coreCpuMs: +cpu[2].toFixed(1), peakHeapMB: +(peak / 1048576).toFixed(1), findings: count };
    // .xlsx read (ExcelJS) measured separately: 100,000 lines is left out of the read figure only if it fails.
    const bytes = await buildXlsx([largeBudgetSheet(lines)]);
    gc();
    const t1 = performance.now();
    const [read] = await readXlsx(bytes);
    row.xlsxReadMs = +(performance.now() - t1).toFixed(0);
    row.xlsxBytes = bytes.byteLength;
    expect(read.values.length).toBe(snap.values.length);
    results.push(row);
  }
  // A 100,000-line sheet with a fault on every tenth line (amounts typed as text): the findings-heavy path.
  const faultySheet = largeBudgetSheet(100_000, "Faulty");
  faultySheet.rows.forEach((r, i) => {
    if (i > 0 && i % 10 === 0 && typeof r[2] === "number") r[2] = `£${r[2].toLocaleString("en-GB")}`;
  });
  const faultySnap = fixtureSnapshot(faultySheet);
  checkSheet(faultySnap);
  gc();
  const cf = process.cpuUsage();
  const tf = performance.now();
  const faultyFindings = checkSheet(faultySnap);
  const cfd = process.cpuUsage(cf);
  const faulty100k = { lines: 100_000, coreMs: +(performance.now() - tf).toFixed(1), coreCpuMs: +((cfd.user + cfd.system) / 1000).toFixed(1), findings: faultyFindings.length };
  const growth = results.slice(1).map((r, i) => ({
    from: results[i].lines,
    to: r.lines,
    lineRatio: r.lines / results[i].lines,
    coreTimeRatio: +(r.coreMs / results[i].coreMs).toFixed(2),
    coreCpuRatio: +(r.coreCpuMs / results[i].coreCpuMs).toFixed(2),
    xlsxReadRatio: r.xlsxReadMs && results[i].xlsxReadMs ? +(r.xlsxReadMs / (results[i].xlsxReadMs as number)).toFixed(2) : null,
  }));
  const out = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    gcExposed: typeof collect === "function",
    faulty100k,
    loadAverage: (await import("node:os")).loadavg(),
    note: "coreMs: median of 5 runs of checkSheet on a snapshot (table detection, all rules, formula errors); xlsxReadMs: readXlsx (ExcelJS load + snapshot) once.",
    results,
    growth,
  };
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(join(here, "results", "validate.json"), JSON.stringify(out, null, 2));
  console.warn(JSON.stringify(out, null, 2));
});
