/**
 * The add-in bundles ExcelJS's browser build (webpack aliases "exceljs" to dist/exceljs.min.js). Render a
 * full members' pack with that build, so an API only the Node build has would fail here.
 */
import { describe, expect, it, vi } from "vitest";
import { createRequire } from "node:module";

vi.mock("exceljs", () => {
  const require = createRequire(import.meta.url);
  const browserBuild: unknown = require("../../node_modules/exceljs/dist/exceljs.min.js");
  return { default: browserBuild };
});

describe("members' pack with ExcelJS's browser build", () => {
  it("renders the pack, with protection, tables, print setup and recalculation flag", async () => {
    const { buildMembersPack } = await import("../../src/workbook/membersPack");
    const { fullInput, structureTableLayout } = await import("./fixtures");
    const { scanPack } = await import("./packScan");
    const ExcelJS = (await import("exceljs")).default;
    const nodeBuild: unknown = createRequire(import.meta.url)("exceljs");
    expect(ExcelJS).not.toBe(nodeBuild); // the mock is in effect: this is the browser build
    const bytes = await buildMembersPack({ ...fullInput(), structureTables: [structureTableLayout()] }, { title: "Pack", date: new Date(Date.UTC(2026, 0, 5)) });
    const scan = await scanPack(bytes);
    expect(scan.problems).toEqual([]);
    expect(scan.calcPr).toMatch(/fullCalcOnLoad="1"/);
    expect(scan.parts).toContain("xl/tables/table1.xml");
    expect(scan.parts.filter((p) => p.startsWith("xl/charts/"))).toHaveLength(2);
    expect(scan.formulas.length).toBeGreaterThan(20);
  });
});
