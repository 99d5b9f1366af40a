import { describe, expect, it } from "vitest";
import { clearHighlights, highlightFindings, HIGHLIGHT_COLOURS, listSheets } from "../../src/excel";
import { loadHighlightRecord } from "../../src/excel/addinState";
import { STATE_SHEET_NAME } from "../../src/excel/runtime";
import { savedFill } from "../../src/excel/highlights";
import { cellAddress } from "../../src/core/a1";
import type { Finding, Severity } from "../../src/core/findings";
import type { ExcelStandIn } from "../standin/excel";
import { payloadsUnderLimit, installStandIn } from "./helpers";

function finding(sheet: string, cell: string, severity: Severity): Finding {
  return { sheet, cell, rule: "total-mismatch", severity, message: "Total does not add up" };
}

/** Every cell's format in a block, for before/after comparisons. */
function formats(standIn: ExcelStandIn, sheet: string, rows: number, cols: number): unknown[] {
  const out: unknown[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.push([cellAddress(r, c), standIn.getFormat(sheet, cellAddress(r, c))]);
  return out;
}

function budget(): ExcelStandIn {
  const rows = Array.from({ length: 20 }, (_, i) => [`Service ${i}`, i * 100, i * 80, i % 2 ? "ok" : null]);
  const standIn = installStandIn({ sheets: { Budget: rows, Savings: [["Stream", "Low", "High"], ["A", 1, 2]] } });
  // The user's own formatting: a yellow solid fill, a patterned fill, bold text, a white solid fill.
  standIn.setFormat("Budget", "B2:B4", { fillColor: "#FFFF00" });
  standIn.setFormat("Budget", "C5", { fillColor: "#00B050", fillPattern: "Gray25", patternColor: "#FF0000" });
  standIn.setFormat("Budget", "C2", { bold: true });
  standIn.setFormat("Budget", "A7", { fillColor: "#FFFFFF" });
  return standIn;
}

describe("highlightFindings and clearHighlights", () => {
  it("colours flagged cells by severity, then puts back exactly what was there", async () => {
    const standIn = budget();
    const before = formats(standIn, "Budget", 20, 4);
    const beforeSavings = formats(standIn, "Savings", 2, 3);
    const findings = [
      finding("Budget", "B2", "error"),
      finding("Budget", "B3", "warning"),
      finding("Budget", "$C$2", "info"),
      finding("Budget", "C2", "error"), // most severe wins
      finding("Budget", "C5", "warning"),
      finding("Budget", "A7", "info"),
      finding("Budget", "D10", "error"),
      finding("Savings", "B2", "info"),
      finding("Gone", "A1", "error"),
      finding("Budget", "not a cell", "error"),
    ];
    const result = await highlightFindings(findings);
    expect(result).toEqual({ highlighted: 7, restored: 0, skipped: 2 });
    expect(standIn.getFormat("Budget", "B2").fill).toBe(HIGHLIGHT_COLOURS.error);
    expect(standIn.getFormat("Budget", "B3").fill).toBe(HIGHLIGHT_COLOURS.warning);
    expect(standIn.getFormat("Budget", "C2").fill).toBe(HIGHLIGHT_COLOURS.error);
    expect(standIn.getFormat("Budget", "C2").bold).toBe(true);
    expect(standIn.getFormat("Budget", "D10").fill).toBe(HIGHLIGHT_COLOURS.error);
    expect(standIn.getFormat("Savings", "B2").fill).toBe(HIGHLIGHT_COLOURS.info);
    // Unflagged cells untouched.
    expect(standIn.getFormat("Budget", "B4").fill).toBe("#FFFF00");
    // The saved state is invisible to users.
    expect(standIn.sheetInfo(STATE_SHEET_NAME).visibility).toBe("VeryHidden");
    expect((await listSheets()).map((s) => s.name)).toEqual(["Budget", "Savings"]);

    const cleared = await clearHighlights();
    expect(cleared).toEqual({ restored: 7, keptUserFill: 0, missing: 0 });
    expect(formats(standIn, "Budget", 20, 4)).toEqual(before);
    expect(formats(standIn, "Savings", 2, 3)).toEqual(beforeSavings);
    expect(await loadHighlightRecord()).toEqual([]);
    // Clearing twice is harmless.
    expect(await clearHighlights()).toEqual({ restored: 0, keptUserFill: 0, missing: 0 });
  });

  it("a second check restores cells no longer flagged and keeps the true originals of cells still flagged", async () => {
    const standIn = budget();
    const before = formats(standIn, "Budget", 20, 4);
    await highlightFindings([finding("Budget", "B2", "error"), finding("Budget", "B3", "error"), finding("Budget", "A1", "warning")]);
    const second = await highlightFindings([finding("Budget", "B2", "warning"), finding("Budget", "A2", "info")]);
    expect(second).toEqual({ highlighted: 2, restored: 2, skipped: 0 });
    expect(standIn.getFormat("Budget", "B3").fill).toBe("#FFFF00");
    expect(standIn.getFormat("Budget", "A1").fill).toBeNull();
    expect(standIn.getFormat("Budget", "B2").fill).toBe(HIGHLIGHT_COLOURS.warning);
    await clearHighlights();
    expect(formats(standIn, "Budget", 20, 4)).toEqual(before);
  });

  it("adds nothing to the workbook when there is nothing to highlight", async () => {
    const standIn = budget();
    expect(await highlightFindings([finding("Gone", "A1", "error")])).toEqual({ highlighted: 0, restored: 0, skipped: 1 });
    expect(standIn.sheetNames()).toEqual(["Budget", "Savings"]);
    expect(standIn.stats.syncs).toBe(1);
  });

  it("leaves a cell the user re-coloured after the check with the user's colour", async () => {
    const standIn = budget();
    await highlightFindings([finding("Budget", "B2", "error"), finding("Budget", "B5", "error")]);
    standIn.setFormat("Budget", "B5", { fillColor: "#7030A0" });
    const cleared = await clearHighlights();
    expect(cleared).toEqual({ restored: 1, keptUserFill: 1, missing: 0 });
    expect(standIn.getFormat("Budget", "B5").fill).toBe("#7030A0");
    expect(standIn.getFormat("Budget", "B2").fill).toBe("#FFFF00");
  });

  it("follows a sheet renamed after the check, and reports cells on a deleted sheet", async () => {
    const standIn = budget();
    await highlightFindings([finding("Budget", "B2", "error"), finding("Savings", "B2", "error")]);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Budget").name = "Budget 2025";
      context.workbook.worksheets.getItem("Savings").delete();
      await context.sync();
    });
    expect(await clearHighlights()).toEqual({ restored: 1, keptUserFill: 0, missing: 1 });
    expect(standIn.getFormat("Budget 2025", "B2").fill).toBe("#FFFF00");
  });

  it("highlights 20,000 findings in a bounded number of syncs, every payload under 5 MB", async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`Service ${i}`, i, i * 2]);
    const standIn = installStandIn({ sheets: { Big: rows } });
    const findings: Finding[] = [];
    for (let r = 1; r <= 10_000; r++) {
      findings.push(finding("Big", `B${r}`, r % 3 === 0 ? "error" : r % 3 === 1 ? "warning" : "info"));
      findings.push(finding("Big", `C${r}`, "error"));
    }
    standIn.resetStats();
    const result = await highlightFindings(findings);
    expect(result.highlighted).toBe(20_000);
    // List sheets + state probe, fills read by rectangle (getCellProperties), write (+ at most one budget split).
    // Bytes are Office's real request JSON (the web profile refuses anything over 5 MB).
    expect(standIn.stats.syncs).toBeLessThanOrEqual(5);
    expect(payloadsUnderLimit(standIn)).toBe(true);
    expect(standIn.getFormat("Big", "B3").fill).toBe(HIGHLIGHT_COLOURS.error);
    expect(standIn.getFormat("Big", "B4").fill).toBe(HIGHLIGHT_COLOURS.warning);
    standIn.resetStats();
    const cleared = await clearHighlights();
    expect(cleared.restored).toBe(20_000);
    expect(standIn.stats.syncs).toBeLessThanOrEqual(6);
    expect(payloadsUnderLimit(standIn)).toBe(true);
    expect(standIn.getFormat("Big", "B3").fill).toBeNull();
    expect(standIn.getFormat("Big", "C9999").fill).toBeNull();
  });
});

describe("addressLists", () => {
  it("joins addresses under both the character and the area limits, losing none", async () => {
    const { addressLists } = await import("../../src/excel/highlights");
    const cells = Array.from({ length: 5_000 }, (_, i) => `B${i + 1}`);
    const lists = addressLists(cells);
    expect(lists.every((l) => l.length <= 4_000 && l.split(",").length <= 400)).toBe(true);
    expect(lists.flatMap((l) => l.split(","))).toEqual(cells);
    expect(addressLists([])).toEqual([]);
  });
});

describe("savedFill: what a fill read back means (issue 11, item 6)", () => {
  it("trusts a named pattern, else tintAndShade (null: no fill), else a non-white colour means solid", () => {
    expect(savedFill({ color: "#ffffff", pattern: "Solid", tintAndShade: 0 })).toMatchObject({ pattern: "Solid", color: "#FFFFFF" });
    expect(savedFill({ color: "#FFFFFF", pattern: null, tintAndShade: 0 })).toMatchObject({ pattern: "Solid", color: "#FFFFFF" });
    expect(savedFill({ color: "#FFFFFF", pattern: null, tintAndShade: null })).toMatchObject({ pattern: "None" });
    expect(savedFill({ color: "#FFFF00", pattern: null, tintAndShade: -0.25 })).toMatchObject({ pattern: "Solid", color: "#FFFF00" });
    expect(savedFill({ color: "#FFFF00", pattern: null })).toMatchObject({ pattern: "Solid" });
    expect(savedFill({ color: "#FFFFFF", pattern: null })).toMatchObject({ pattern: "None" });
    expect(savedFill({ color: "#000000", pattern: "Gray50", patternColor: "#FF0000", tintAndShade: 0 })).toEqual({ pattern: "Gray50", color: "#000000", patternColor: "#FF0000" });
  });
});
