/**
 * Returns arrive from other tools, some of them web pages that write .xlsx with ExcelJS's browser build
 * (dist/exceljs.min.js). Our own reader (src/workbook/readXlsx.ts; the pane no longer ships ExcelJS) must read
 * such a file to the same snapshots, merges included, and the checks must find the same faults in it.
 */
import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";

vi.mock("exceljs", () => {
  const require = createRequire(import.meta.url);
  const browserBuild: unknown = require("../../node_modules/exceljs/dist/exceljs.min.js");
  return { default: browserBuild };
});

describe("readXlsx and auditWorkbook on a file written by ExcelJS's browser build", () => {
  it("reads values, formulas and merges, and finds the same faults", async () => {
    const ExcelJS = (await import("exceljs")).default;
    expect(ExcelJS).not.toBe(createRequire(import.meta.url)("exceljs"));
    const F = await import("../fixtures/budgetSheets");
    const { readXlsx } = await import("../../src/workbook/readXlsx");
    const { auditWorkbook } = await import("../../src/workbook/auditWorkbook");
    const { checkSheet } = await import("../../src/core/checks");
    const bytes = await F.buildXlsx([F.awkwardClean, F.marketReviewFaulty]);
    const [awkward] = await readXlsx(bytes);
    const expected = F.fixtureSnapshot(F.awkwardClean);
    expect(awkward.values).toEqual(expected.values);
    expect(awkward.formulas).toEqual(expected.formulas);
    expect(awkward.merges).toEqual(expected.merges);
    const findings = await auditWorkbook(bytes);
    const direct = [F.awkwardClean, F.marketReviewFaulty].flatMap((s) => checkSheet(F.fixtureSnapshot(s)));
    expect(findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}`).sort()).toEqual(direct.map((f) => `${f.sheet}!${f.cell} ${f.rule}`).sort());
  });
});
