/**
 * bench/workbook: time and file size of a members' pack built from a 5,000-post establishment (fixed seed):
 * the impact tables of its restructure, every directorate's structure table, the savings ranges and a check
 * listing; once from core data (buildMembersPack) and once end to end from an .xlsx holding the post list
 * (membersPackFromWorkbook: read, find, check, build). Also the shareable copy of that .xlsx.
 * Target: under 3 s and under 2 MB for the pack. Prints the figures and writes bench/results/workbook.json.
 * No assertions on time (sizes and contents are checked, as a bench that builds nothing would be worthless).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { expect, it } from "vitest";
import { computeImpact } from "../src/core/posts/impact";
import { newPostListLayout, postListHeaderRow, postToRow } from "../src/core/posts/postList";
import { allDirectorateStructures } from "../src/core/posts/structureLayout";
import { buildMembersPack, buildMembersPackLayouts, type MembersPackInput } from "../src/workbook/membersPack";
import { membersPackFromWorkbook } from "../src/workbook/membersPackFromWorkbook";
import { renderLayoutsToWorkbook } from "../src/workbook/renderLayout";
import { makeShareableCopy } from "../src/workbook/shareableCopy";
import { establishmentGradeTable, generateEstablishment } from "../test/fixtures/postLists";
import { SAMPLE_FINDINGS, SAVINGS_TABLE } from "../test/workbook/fixtures";

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = 3;
const POSTS = 5000;

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: +(performance.now() - t0).toFixed(1), result };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

it("members' pack from a 5,000-post establishment", async () => {
  const table = establishmentGradeTable();
  const costing = { table, point: "min" as const, year: 2024 };
  const posts = generateEstablishment(POSTS);
  expect(posts).toHaveLength(POSTS);

  // 1. From core data: compute, lay out, render.
  const computeMs: number[] = [];
  const layoutMs: number[] = [];
  const renderMs: number[] = [];
  const totalMs: number[] = [];
  let bytes: Uint8Array = new Uint8Array();
  let sheets = 0;
  let cells = 0;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const c = await time(() => {
      const impact = computeImpact(posts, { gradeTable: table, point: "min", year: 2024 });
      const structures = allDirectorateStructures(posts, { gradeTable: table });
      const input: MembersPackInput = {
        impacts: [{ name: "Establishment 2024", impact }],
        structureTables: structures,
        savings: SAVINGS_TABLE,
        checks: { findings: SAMPLE_FINDINGS, source: "Budget returns" },
        costing,
      };
      return input;
    });
    const l = await time(() => buildMembersPackLayouts(c.result, { title: "Members' pack: establishment", date: new Date(Date.UTC(2024, 9, 1)) }));
    const r = await time(() => renderLayoutsToWorkbook(l.result.layouts, { title: "Members' pack: establishment", charts: l.result.charts }));
    totalMs.push(+(performance.now() - t0).toFixed(1));
    computeMs.push(c.ms);
    layoutMs.push(l.ms);
    renderMs.push(r.ms);
    bytes = r.result.bytes;
    sheets = l.result.layouts.length;
    cells = l.result.layouts.reduce((n, x) => n + x.cells.length, 0);
  }
  // The same through the public entry point, to be sure it matches the parts.
  const viaEntry = await time(() =>
    buildMembersPack(
      { impacts: [{ name: "Establishment 2024", impact: computeImpact(posts, { gradeTable: table, year: 2024 }) }], structureTables: allDirectorateStructures(posts, { gradeTable: table }), costing },
      { title: "Members' pack: establishment" },
    ),
  );
  const zip = await JSZip.loadAsync(bytes);
  expect(zip.file("xl/charts/chart1.xml")).not.toBeNull();

  // 2. End to end from an .xlsx holding the post list.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Establishment");
  ws.addRow(postListHeaderRow());
  for (const p of posts) ws.addRow(postToRow(p));
  const source = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const fromWorkbookMs: number[] = [];
  let fromWorkbook: Uint8Array = new Uint8Array();
  for (let run = 0; run < RUNS; run++) {
    const t = await time(() => membersPackFromWorkbook(source, { title: "From the establishment workbook", costing }));
    fromWorkbookMs.push(t.ms);
    fromWorkbook = t.result;
  }
  const fromZip = await JSZip.loadAsync(fromWorkbook);
  expect(Object.keys(fromZip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p)).length).toBeGreaterThan(3);

  // 3. The renderer on a big layout: the 5,000-post list as core's post list template (table, validation).
  const listLayout = newPostListLayout({ posts, gradeTable: table, rows: POSTS });
  const bigRender = await time(() => renderLayoutsToWorkbook([listLayout], { title: "Establishment", protect: false }));

  // 4. Shareable copy of the source workbook (no BUDGET formulas: a pass over every cell's XML).
  const share = await time(() => makeShareableCopy(source));

  const figures = {
    posts: POSTS,
    runs: RUNS,
    fromCoreData: {
      sheets,
      layoutCells: cells,
      computeMsMedian: median(computeMs),
      layoutMsMedian: median(layoutMs),
      renderMsMedian: median(renderMs),
      totalMsMedian: median(totalMs),
      totalMs,
      bytes: bytes.length,
      megabytes: +(bytes.length / 1024 / 1024).toFixed(3),
      buildMembersPackMs: viaEntry.ms,
    },
    fromWorkbook: {
      sourceBytes: source.length,
      msMedian: median(fromWorkbookMs),
      ms: fromWorkbookMs,
      bytes: fromWorkbook.length,
      megabytes: +(fromWorkbook.length / 1024 / 1024).toFixed(3),
    },
    postListSheetRender: { cells: listLayout.cells.length, ms: bigRender.ms, bytes: bigRender.result.bytes.length, megabytes: +(bigRender.result.bytes.length / 1024 / 1024).toFixed(3) },
    shareableCopy: { ms: share.ms, bytes: share.result.bytes.length },
    targets: { ms: 3000, bytes: 2 * 1024 * 1024 },
    machine: "2 cores shared with other agents; figures from one run of this file",
  };
  console.warn(`bench/workbook ${JSON.stringify(figures, null, 2)}`);
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(join(here, "results", "workbook.json"), `${JSON.stringify(figures, null, 2)}\n`);
});
