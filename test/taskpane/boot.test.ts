/**
 * The task pane's start-up decisions (inside Excel, another host, a plain browser, office.js missing) and the
 * small pure helpers the pane uses. The pane itself is tested in Chromium (test/browser).
 */
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { officeThemeIsDark, waitForOffice } from "../../src/taskpane/boot";
import { xlsxFileName } from "../../src/taskpane/download";
import { editText, stateText } from "../../src/taskpane/components/FindingsPanel";

const g = globalThis as unknown as { Office?: unknown };
afterEach(() => {
  delete g.Office;
});

function office(host: unknown, extra: Record<string, unknown> = {}): void {
  g.Office = { onReady: () => Promise.resolve({ host, platform: null }), ...extra };
}

describe("waitForOffice", () => {
  it("recognises Excel, another Office host and a plain browser", async () => {
    office("Excel");
    expect(await waitForOffice(1_000)).toEqual({ kind: "excel" });
    office("Word");
    expect(await waitForOffice(1_000)).toEqual({ kind: "other-host", host: "Word" });
    office(null);
    expect(await waitForOffice(1_000)).toEqual({ kind: "no-host" });
  });

  it("gives up when office.js never loads or never becomes ready", async () => {
    expect(await waitForOffice(200)).toEqual({ kind: "no-office" });
    g.Office = { onReady: () => new Promise(() => undefined) };
    expect(await waitForOffice(200)).toEqual({ kind: "no-office" });
    g.Office = { onReady: () => Promise.reject(new Error("broken")) };
    expect(await waitForOffice(200)).toEqual({ kind: "no-office" });
  });
});

describe("officeThemeIsDark", () => {
  it("follows the pane background Office reports", () => {
    expect(officeThemeIsDark()).toBeNull();
    office("Excel", { context: { officeTheme: { bodyBackgroundColor: "#1F1F1F" } } });
    expect(officeThemeIsDark()).toBe(true);
    office("Excel", { context: { officeTheme: { bodyBackgroundColor: "#FFFFFF" } } });
    expect(officeThemeIsDark()).toBe(false);
    office("Excel", { context: { officeTheme: { bodyBackgroundColor: "not a colour" } } });
    expect(officeThemeIsDark()).toBeNull();
  });

  it("never throws, whatever Office reports", () => {
    fc.assert(
      fc.property(fc.string(), (colour) => {
        office("Excel", { context: { officeTheme: { bodyBackgroundColor: colour } } });
        const r = officeThemeIsDark();
        expect(r === null || typeof r === "boolean").toBe(true);
      }),
    );
  });
});

describe("helpers", () => {
  it("makes safe .xlsx file names from titles", () => {
    expect(xlsxFileName("Members' pack 2024/25")).toBe("Members' pack 2024 25.xlsx");
    expect(xlsxFileName("  ")).toBe("Workbook.xlsx");
    fc.assert(
      fc.property(fc.string(), (title) => {
        const name = xlsxFileName(title);
        expect(name.endsWith(".xlsx")).toBe(true);
        expect(name).not.toMatch(/[\\/:*?"<>|]/);
        expect(name.length).toBeLessThanOrEqual(125);
      }),
    );
  });

  it("shows cells before and after a fix as a person reads them", () => {
    expect(stateText({ value: "£15,125,000", formula: null, numberFormat: "General" })).toBe('"£15,125,000"');
    expect(stateText({ value: 16792000, formula: "=SUM(C2:C3)", numberFormat: "General" })).toBe("=SUM(C2:C3)");
    expect(stateText({ value: null, formula: null, numberFormat: "General" })).toBe("(empty)");
    expect(editText({ sheet: "S", cell: "C2", kind: "number", value: 15125000 })).toBe("15125000");
    expect(editText({ sheet: "S", cell: "C5", kind: "formula", formula: "=SUM(C2:C4)" })).toBe("=SUM(C2:C4)");
    expect(editText({ sheet: "S", cell: "B2", kind: "text", value: "=x" })).toBe('"=x"');
  });
});
