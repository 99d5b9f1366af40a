/**
 * The highlight record (issue 15; issue 11 items 4 and 9): stored apart from the settings, compact and in blocks so
 * any number of highlights fits Excel on the web's 5 MB requests; found again after the workbook is reopened (sheet
 * ids change); written before the colours so a highlight that stops half-way can still be cleared.
 */
import { describe, expect, it } from "vitest";
import { clearHighlights, highlightFindings, loadAddinSetting, saveAddinSetting } from "../../src/excel";
import { decodeHighlights, encodeHighlights, resolveSheet } from "../../src/excel/addinState";
import type { Finding, Severity } from "../../src/core/findings";
import { STATE_SHEET_NAME } from "../../src/excel/runtime";
import { installStandIn, payloadsUnderLimit } from "./helpers";
import { syncFigures } from "./syncBound";

function finding(sheet: string, cell: string, severity: Severity): Finding {
  return { sheet, cell, rule: "total-mismatch", severity, message: "Total does not add up" };
}

function grid(rows: number, cols: number): (string | number)[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (c === 0 ? `Line ${r}` : r * c)));
}

/** Findings on every cell of columns B.. of `rows` rows. */
function manyFindings(sheet: string, rows: number, cols: number): Finding[] {
  const out: Finding[] = [];
  for (let r = 1; r <= rows; r++) for (let c = 1; c <= cols; c++) out.push(finding(sheet, `${String.fromCharCode(65 + c)}${r}`, (["error", "warning", "info"] as const)[(r + c) % 3]));
  return out;
}

describe("the highlight record", () => {
  it("is not read when a setting is read (opening the pane reads no highlight record)", async () => {
    const host = installStandIn({ sheets: { Budget: grid(2_001, 3) } });
    await saveAddinSetting("mapping:Posts", { grade: "C" });
    await highlightFindings(manyFindings("Budget", 2_000, 2));
    host.resetStats();
    expect(await loadAddinSetting("mapping:Posts")).toEqual({ grade: "C" });
    // 4,000 highlighted cells were about 530 kB of record in every settings read; the settings alone are tiny.
    expect(host.stats.maxResponseBytes).toBeLessThan(5_000);
  });

  it("takes under 10 characters per highlighted cell in the workbook (was ~132 bytes per cell)", async () => {
    const host = installStandIn({ sheets: { Budget: grid(2_001, 3) } });
    await highlightFindings(manyFindings("Budget", 2_000, 2));
    const stored = host.getValues(STATE_SHEET_NAME, "A1:B20").flat().filter((v): v is string => typeof v === "string").join("");
    expect(stored.length / 4_000).toBeLessThan(10);
  });

  it("encodes a few bytes per cell and decodes to the same cells", () => {
    const sheets = [
      {
        sheet: "Budget",
        sheetId: "{1}",
        cells: Array.from({ length: 1_000 }, (_, i) => ({ cell: `B${i + 1}`, applied: "#F8D7DA", original: i % 2 ? { pattern: "None", color: "#FFFFFF" } : { pattern: "Gray25", color: "#00B050", patternColor: "#FF0000" } })),
      },
    ];
    const text = encodeHighlights(sheets);
    expect(text.length / 1_000).toBeLessThan(10);
    const byCell = (a: { cell: string }, b: { cell: string }): number => a.cell.localeCompare(b.cell);
    const decoded = decodeHighlights(text);
    expect(decoded.map((d) => ({ ...d, cells: [...d.cells].sort(byCell) }))).toEqual(sheets.map((d) => ({ ...d, cells: [...d.cells].sort(byCell) })));
  });

  it("highlights and clears 200,000 cells on Excel on the web within the sync bound, every request under 5 MB", async () => {
    const host = installStandIn({ sheets: { Big: grid(50_001, 5) }, profile: "web" });
    host.resetStats();
    const result = await highlightFindings(manyFindings("Big", 50_000, 4));
    expect(result.highlighted).toBe(200_000);
    const hl = syncFigures(host);
    expect(payloadsUnderLimit(host)).toBe(true);
    expect(hl.syncs).toBeLessThanOrEqual(hl.bound + 2);
    expect(host.getFormat("Big", "E50000").fill).not.toBeNull();
    host.resetStats();
    const cleared = await clearHighlights();
    expect(cleared.restored).toBe(200_000);
    const cl = syncFigures(host);
    expect(payloadsUnderLimit(host)).toBe(true);
    expect(cl.syncs).toBeLessThanOrEqual(cl.bound + 2);
    expect(host.getFormat("Big", "E50000").fill).toBeNull();
  }, 120_000);

  it("is found again after the workbook is saved and reopened (sheet ids change), also when the sheet is renamed after reopening (found by its colours)", async () => {
    const host = installStandIn({ sheets: { Budget: grid(10, 3), Savings: grid(5, 3) } });
    host.setFormat("Budget", "B2", { fillColor: "#FFFF00" });
    await highlightFindings([finding("Budget", "B2", "error"), finding("Savings", "B3", "warning")]);
    host.reopen();
    // A second check in the new session: B2 is still flagged, Savings!B3 no longer is and goes back.
    expect(await highlightFindings([finding("Budget", "B2", "warning")])).toEqual({ highlighted: 1, restored: 1, skipped: 0 });
    expect(host.getFormat("Savings", "B3").fill).toBeNull();
    host.reopen();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Budget").name = "Budget 2025";
      await context.sync();
    });
    expect(await clearHighlights()).toEqual({ restored: 1, keptUserFill: 0, missing: 0 });
    expect(host.getFormat("Budget 2025", "B2").fill).toBe("#FFFF00");
  });

  it("is written before the colours: a recheck that fails at any sync can be cleared completely", async () => {
    const setUp = async (): Promise<ReturnType<typeof installStandIn>> => {
      const host = installStandIn({ sheets: { Budget: grid(301, 3) } });
      host.setFormat("Budget", "B1:B300", { fillColor: "#FFFF00" });
      await highlightFindings(manyFindings("Budget", 300, 2));
      host.resetStats();
      return host;
    };
    const recheck = [finding("Budget", "A1", "error"), finding("Budget", "A2", "warning"), finding("Budget", "B5", "info")];
    const dry = await setUp();
    await highlightFindings(recheck);
    const requests = dry.stats.requests.map((r) => r.actions);
    expect(requests.length).toBeGreaterThan(1);
    for (let sync = 1; sync <= requests.length; sync++) {
      for (const afterActions of [Math.floor(requests[sync - 1] / 2), requests[sync - 1] - 1]) {
        const host = await setUp();
        host.quirks.fault = { atSync: sync, afterActions, code: "GeneralException" };
        await expect(highlightFindings(recheck)).rejects.toBeTruthy();
        await clearHighlights();
        const where = `failed at sync ${sync} after ${afterActions} actions`;
        expect([where, host.getFormat("Budget", "A1").fill]).toEqual([where, null]);
        expect([where, host.getFormat("Budget", "A2").fill]).toEqual([where, null]);
        expect([where, host.getFormat("Budget", "B5").fill]).toEqual([where, "#FFFF00"]);
        expect([where, host.getFormat("Budget", "C300").fill]).toEqual([where, null]);
        expect([where, host.getFormat("Budget", "B300").fill]).toEqual([where, "#FFFF00"]);
      }
    }
  });
});

describe("a recorded sheet after the workbook is reopened (review R4: ids are given again by place)", () => {
  it("clears the highlights of the sheet they were made on when its recorded id has become another sheet's", async () => {
    const host = installStandIn({ sheets: { Budget: grid(10, 3), Savings: grid(5, 3) } });
    host.reopen(); // a workbook opened from a file: Budget {...-0000-...}, Savings {...-0001-...}
    await highlightFindings([finding("Savings", "B3", "error")]);
    expect(host.getFormat("Savings", "B3").fill).not.toBeNull();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Savings").position = 0;
      await context.sync();
    });
    host.reopen(); // saved and opened again: now Budget has the id recorded for Savings
    expect(await clearHighlights()).toEqual({ restored: 1, keptUserFill: 0, missing: 0 });
    expect(host.getFormat("Savings", "B3").fill).toBeNull();
  });

  it("finds 60 renamed sheets by their colours after reopening, every request under Excel on the web's 5 MB", async () => {
    const names = Array.from({ length: 60 }, (_, i) => `Service ${i + 1}`);
    const host = installStandIn({ sheets: Object.fromEntries(names.map((n) => [n, grid(70, 3)])), profile: "web" });
    // Each sheet's own cells (B2:B9 on the first, B3:B10 on the second…), so its colours tell it apart.
    await highlightFindings(names.flatMap((n, i) => Array.from({ length: 8 }, (_, r) => finding(n, `B${i + r + 2}`, "error"))));
    await Excel.run(async (context) => {
      for (const n of names) context.workbook.worksheets.getItem(n).name = `${n} (2025)`;
      await context.sync();
    });
    host.reopen(); // neither the names nor the ids recorded match: each sheet is found by its highlighted cells
    host.resetStats();
    expect(await clearHighlights()).toEqual({ restored: 480, keptUserFill: 0, missing: 0 });
    expect(payloadsUnderLimit(host)).toBe(true);
    expect(host.getFormat("Service 60 (2025)", "B68").fill).toBeNull();
  }, 60_000);

  const sheets = [
    { id: "{00000000-0001-0000-0000-000000000000}", name: "Budget" },
    { id: "{00000000-0001-0000-0001-000000000000}", name: "Savings" },
  ];
  it("resolveSheet takes the sheet with both the id and the name, then the name, then the id alone (renamed this session)", () => {
    expect(resolveSheet({ sheet: "Savings", sheetId: sheets[0].id }, sheets)?.name).toBe("Savings");
    expect(resolveSheet({ sheet: "budget", sheetId: sheets[0].id }, sheets)?.name).toBe("Budget");
    expect(resolveSheet({ sheet: "Old name", sheetId: sheets[1].id }, sheets)?.name).toBe("Savings");
    expect(resolveSheet({ sheet: "Gone", sheetId: "{X}" }, sheets)).toBeUndefined();
  });
});
