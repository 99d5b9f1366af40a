/**
 * The add-in writes members' packs in the task pane with its own writer, deflated by the webview's
 * CompressionStream or, where it has none, by fflate, whose package entry for browsers (what webpack bundles)
 * differs from the one Node loads. Render a full members' pack both ways with fflate's browser build, so an API
 * only the Node build has would fail here; and with ExcelJS made unloadable, so a path back to it (the pane no
 * longer ships it) would fail too. test/browser/packRender.test.ts renders in Chromium itself.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRequire } from "node:module";

vi.mock("fflate", () => {
  const require = createRequire(import.meta.url);
  return require("../../node_modules/fflate/lib/browser.cjs") as Record<string, unknown>;
});
vi.mock("exceljs", () => {
  throw new Error("ExcelJS was loaded: the members' pack must be written without it");
});

describe("members' pack with fflate's browser build and no ExcelJS", () => {
  afterEach(() => vi.unstubAllGlobals());

  for (const deflater of ["CompressionStream", "fflate (no CompressionStream)"]) {
    it(`renders the pack, with protection, tables, print setup and recalculation flag: ${deflater}`, async () => {
      if (deflater !== "CompressionStream") vi.stubGlobal("CompressionStream", undefined);
      const fflate = await import("fflate");
      const nodeBuild: unknown = createRequire(import.meta.url)("fflate");
      expect(fflate.Zip).not.toBe((nodeBuild as typeof fflate).Zip); // the mock is in effect: this is the browser build
      await expect(import("exceljs")).rejects.toThrow(/error when mocking/); // and ExcelJS cannot load
      const { buildMembersPack } = await import("../../src/workbook/membersPack");
      const { fullInput, structureTableLayout } = await import("./fixtures");
      const { scanPack } = await import("./packScan");
      const bytes = await buildMembersPack({ ...fullInput(), structureTables: [structureTableLayout()] }, { title: "Pack", date: new Date(Date.UTC(2026, 0, 5)), password: "members" });
      // The first local header's flags: 8 when CompressionStream deflated it, 12 when fflate did (its fast level).
      expect(bytes[6] | (bytes[7] << 8)).toBe(deflater === "CompressionStream" ? 8 : 12);
      const scan = await scanPack(bytes);
      expect(scan.problems).toEqual([]);
      expect(scan.calcPr).toMatch(/fullCalcOnLoad="1"/);
      expect(scan.parts).toContain("xl/tables/table1.xml");
      expect(scan.parts.filter((p) => p.startsWith("xl/charts/"))).toHaveLength(2);
      expect(scan.formulas.length).toBeGreaterThan(20);
    });
  }
});
