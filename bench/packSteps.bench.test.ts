/**
 * bench/packSteps: where the members' pack of a 100,000-line budget workbook spends its time, step by step,
 * against the check of the same file (auditWorkbook: read, detect the tables, run the checks), the issue's
 * peer (issue 15: the pack in at most 1.5x the check's time).
 *
 * Steps, as membersPackFromWorkbook runs them: read (readXlsx), contents (findPackContents, which detects each
 * sheet's tables once for the checks too; the detection is timed again on its own, "detect", so contents less
 * detect is the pack's own reading), checks (auditSnapshots on the same snapshots and tables), input
 * (membersPackInputFromContents), layouts (buildMembersPackLayouts) and render (renderLayoutsToWorkbook). The
 * check and the whole pack are timed end to end as well. Each is the median of REPEAT runs (default 3,
 * BENCH_REPEAT), after one warm-up run, in this process; runs are interleaved so a busy moment on the shared
 * machine does not land on one step only.
 *
 * Run: npx vitest run --config vitest.bench.config.mts bench/packSteps.bench.test.ts
 * Prints a table (ms, ratio to the check) and writes bench/results/pack-steps.json. No assertions on time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { findTables, type DetectedTable } from "../src/core/checks";
import type { SheetSnapshot } from "../src/core/sheetSnapshot";
import { auditSnapshots, auditWorkbook } from "../src/workbook/auditWorkbook";
import { buildMembersPackLayouts } from "../src/workbook/membersPack";
import { findPackContents, membersPackFromWorkbook, membersPackInputFromContents } from "../src/workbook/membersPackFromWorkbook";
import { readXlsx } from "../src/workbook/readXlsx";
import { renderLayoutsToWorkbook } from "../src/workbook/renderLayout";
import { budgetXlsx } from "../test/workbook/hostileFiles";

const here = dirname(fileURLToPath(import.meta.url));
const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const TITLE = "Members' pack";
const DATE = new Date(Date.UTC(2025, 3, 1));

type Step = "check" | "read" | "contents" | "detect" | "checks" | "input" | "layouts" | "render" | "pack";
const STEPS: Step[] = ["check", "read", "contents", "detect", "checks", "input", "layouts", "render", "pack"];
const LABEL: Record<Step, string> = {
  check: "check: auditWorkbook (read + detect + checks)",
  read: "pack: read (readXlsx)",
  contents: "pack: contents (findPackContents, detects tables)",
  detect: "  of which table detection (findTables, shared)",
  checks: "pack: checks (auditSnapshots, pack sheets)",
  input: "pack: input (membersPackInputFromContents)",
  layouts: "pack: layouts (buildMembersPackLayouts)",
  render: "pack: render (renderLayoutsToWorkbook)",
  pack: "pack: membersPackFromWorkbook, end to end",
};

function lap(times: Record<Step, number[]>, step: Step, t0: number): number {
  const now = performance.now();
  times[step].push(now - t0);
  return now;
}

/** One run of each step, in the order the pack runs them; figures (cells, findings) to check the runs agree. */
async function runOnce(bytes: Uint8Array, times: Record<Step, number[]>): Promise<{ findings: number; cells: number; packBytes: number }> {
  let t = performance.now();
  const checkFindings = await auditWorkbook(bytes);
  t = lap(times, "check", t);

  const snapshots = await readXlsx(bytes);
  t = lap(times, "read", t);
  const detected = new Map<SheetSnapshot, DetectedTable[]>();
  const contents = findPackContents(snapshots, detected);
  t = lap(times, "contents", t);
  // The table detection inside contents, timed again on its own: contents less this is the pack's own reading.
  for (const s of snapshots) if (detected.has(s)) findTables(s);
  t = lap(times, "detect", t);
  // As membersPackFromWorkbook checks them: the budget and savings sheets, with the tables found.
  const checkedNames = new Set([...contents.budgetSheets, ...contents.savings.map((s) => s.sheet)]);
  const findings = auditSnapshots(snapshots.filter((s) => checkedNames.has(s.name)), { tablesOf: (s) => detected.get(s) });
  t = lap(times, "checks", t);
  const input = membersPackInputFromContents(contents, findings);
  t = lap(times, "input", t);
  const { layouts, charts, orgCharts } = buildMembersPackLayouts(input, { title: TITLE, date: DATE });
  t = lap(times, "layouts", t);
  // As buildMembersPack renders them.
  await renderLayoutsToWorkbook(layouts, { orgCharts, title: TITLE, classification: "Unrestricted", protect: true, charts, created: DATE });
  t = lap(times, "render", t);

  const pack = await membersPackFromWorkbook(bytes, { date: DATE });
  lap(times, "pack", t);
  expect(findings.length).toBe(checkFindings.length);
  return { findings: findings.length, cells: layouts.reduce((n, l) => n + l.cells.length, 0), packBytes: pack.length };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

it(`members' pack of a ${LINES.toLocaleString("en-GB")}-line budget workbook: each step against the check`, async () => {
  const bytes = budgetXlsx(LINES);
  // The machine's load (1, 5, 15 minutes) before and after: figures from a busy machine are slower and noisier.
  const loadBefore = loadavg().map((x) => +x.toFixed(2));
  const warm = Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<Step, number[]>;
  const times = Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<Step, number[]>;
  const shape = await runOnce(bytes, warm);
  for (let i = 0; i < REPEAT; i++) expect(await runOnce(bytes, times)).toEqual(shape);

  const check = median(times.check);
  const rows = STEPS.map((step) => ({ step, label: LABEL[step], ms: Math.round(median(times[step])), runs: times[step].map(Math.round), ratioToCheck: +(median(times[step]) / check).toFixed(3) }));
  const between = (["contents", "checks", "input", "layouts"] as const).reduce((n, s) => n + median(times[s]), 0);
  const summary = {
    "pack / check, end to end (goal <= 1.5)": +(median(times.pack) / check).toFixed(2),
    "read + contents + checks + input + layouts / check": +((median(times.read) + between) / check).toFixed(2),
    "contents + input + layouts (the pack's own work besides read, checks, render) / check": +((median(times.contents) + median(times.input) + median(times.layouts)) / check).toFixed(3),
    "the same less the table detection the checks use / check": +((median(times.contents) - median(times.detect) + median(times.input) + median(times.layouts)) / check).toFixed(3),
  };
  for (const r of rows) console.log(`${r.label.padEnd(52)} ${String(r.ms).padStart(6)} ms  ${r.ratioToCheck.toFixed(3).padStart(6)}x check   runs ${r.runs.join(", ")}`);
  const load = { before: loadBefore, after: loadavg().map((x) => +x.toFixed(2)) };
  console.log(summary, shape, { load });
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(
    join(here, "results", "pack-steps.json"),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, lines: LINES, fileBytes: bytes.length, repeat: REPEAT, load, shape, steps: rows, summary }, null, 2)}\n`,
  );
});
