/**
 * Issue 12, members' packs: no cell over Excel's 32,767 characters (shortened with "…", said on the cover),
 * and post lists on sheets named like "Budget.2025 posts" or "Call (centre) posts" build a pack.
 */
import { describe, expect, it } from "vitest";
import type { SheetLayout } from "../../src/core/layout";
import { postListHeaderRow, postToRow } from "../../src/core/posts/postList";
import { EXCEL_CELL_TEXT_LIMIT } from "../../src/workbook/cellLimit";
import { buildMembersPack } from "../../src/workbook/membersPack";
import { membersPackFromWorkbook } from "../../src/workbook/membersPackFromWorkbook";
import { buildXlsx } from "../fixtures/budgetSheets";
import { SCS_POST_LIST } from "./fixtures";
import { loadWorkbook } from "./loadWorkbook";
import { scanPack } from "./packScan";
import { LayoutCells } from "../../src/core/layoutCells";

describe("Excel's cell text limit", () => {
  it("shortens a 40,028-character cell with a visible … and says so on the cover", async () => {
    const long = `${"A".repeat(20_000)} / ${"B".repeat(20_025)}`;
    expect(long.length).toBe(40_028);
    const structure: SheetLayout = { name: "Structure", cells: LayoutCells.from([{ row: 0, col: 0, value: long }]), merges: [], columnWidths: [40], print: { orientation: "portrait", fitToWidth: true } };
    const bytes = await buildMembersPack({ structureTables: [structure] }, { title: "Pack", date: new Date(Date.UTC(2026, 3, 1)) });
    const scan = await scanPack(bytes);
    expect(Math.max(...scan.strings.map((s) => s.length))).toBeLessThanOrEqual(EXCEL_CELL_TEXT_LIMIT);
    const cut = scan.strings.find((s) => s.startsWith("AAAA"));
    expect(cut?.length).toBe(EXCEL_CELL_TEXT_LIMIT);
    expect(cut?.endsWith("…")).toBe(true);
    const wb = await loadWorkbook(bytes);
    const coverTexts: string[] = [];
    wb.getWorksheet("Cover")?.eachRow((r) => r.eachCell((c) => coverTexts.push(String(c.value))));
    expect(coverTexts.some((t) => /too long for one Excel cell .* shortened, ending with "…": Structure row 1/.test(t))).toBe(true);
    expect(structure.cells.at(0)?.value).toBe(long); // the caller's layout is not changed
  });
});

describe("post lists on sheets with dots and brackets in their names", () => {
  it("build a pack (the native-formula check no longer takes 'Call (centre) posts'! for a CALL)", async () => {
    const rows = [postListHeaderRow(), ...SCS_POST_LIST.map((p) => postToRow(p))];
    const xlsx = await buildXlsx([
      { name: "Budget.2025 posts", rows },
      { name: "Call (centre) posts", rows },
      { name: "Indirect (costs)", rows },
    ]);
    const pack = await membersPackFromWorkbook(xlsx, { title: "Dots and brackets", date: new Date(Date.UTC(2026, 3, 1)), costing: { year: 2023 } });
    const scan = await scanPack(pack);
    expect(scan.problems).toEqual([]);
    const sheetsReferenced = new Set(scan.formulas.flatMap((f) => [...f.formula.matchAll(/'((?:[^']|'')*)'!/g)].map((m) => m[1])));
    expect([...sheetsReferenced].some((s) => s.startsWith("Call (centre) posts"))).toBe(true);
    expect([...sheetsReferenced].some((s) => s.startsWith("Budget.2025 posts"))).toBe(true);
  });
});
