/**
 * Check returns (issue 13 items 4 and 6): the report sheet lists every finding of every file; an unreadable
 * file is described by what it is and what to do, not by the zip library's message.
 */
import { describe, expect, it } from "vitest";
import { checkSnapshots } from "../../src/core/checks";
import { returnsFindingsLayout, unreadableFileMessage } from "../../src/taskpane/returns";
import { fixtureSnapshot, marketReviewFaulty, savingsFaulty } from "../fixtures/budgetSheets";

const JSZIP = new Error("This file could not be read as an Excel workbook (.xlsx): Can't find end of central directory : is this a zip file ? If it is, see https://stuk.github.io/jszip/documentation/howto/read_zip.html");
JSZIP.name = "XlsxReadError";

describe("returnsFindingsLayout", () => {
  it("has one row per finding, with file, sheet, cell and message", () => {
    const snaps = [fixtureSnapshot(marketReviewFaulty), fixtureSnapshot(savingsFaulty)];
    const findings = checkSnapshots(snaps);
    const layout = returnsFindingsLayout([
      { file: "Adults.xlsx", sheets: snaps.map((s) => s.name), findings },
      { file: "Broken.xlsx", sheets: [], findings: [], error: "Broken.xlsx is damaged" },
    ]);
    const rows = new Map<number, string[]>();
    for (const c of layout.cells) {
      if (c.row < 4) continue;
      const row = rows.get(c.row) ?? [];
      row[c.col] = String(c.value);
      rows.set(c.row, row);
    }
    expect(rows.size).toBe(findings.length + 1);
    for (const f of findings) {
      expect([...rows.values()].some((r) => r[0] === "Adults.xlsx" && r[1] === f.sheet && r[2] === f.cell && r[5] === f.message)).toBe(true);
    }
    expect([...rows.values()].some((r) => r[0] === "Broken.xlsx" && r[5] === "Broken.xlsx is damaged")).toBe(true);
  });
});

describe("unreadableFileMessage", () => {
  const text = new TextEncoder().encode("Service,Budget\nLibraries,100\n");
  it("says a CSV is a CSV and how to save it as .xlsx", () => {
    const m = unreadableFileMessage("budget.csv", text, JSZIP);
    expect(m).toBe("budget.csv is a CSV (text) file, not an Excel workbook: open it in Excel and save it as an Excel Workbook (.xlsx), then check it again.");
  });
  it("recognises the old .xls format and password-protected workbooks", () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(unreadableFileMessage("old.xls", ole, JSZIP)).toContain("old Excel 97-2003 format");
    expect(unreadableFileMessage("locked.xlsx", ole, JSZIP)).toContain("password-protected");
  });
  it("never passes on the zip library's message or its web address", () => {
    for (const [name, head] of [["x.xlsx", new Uint8Array([0x50, 0x4b, 3, 4])], ["hello.xlsx", new TextEncoder().encode("hello")]] as const) {
      const m = unreadableFileMessage(name, head, JSZIP);
      expect(m).not.toMatch(/central directory|https?:/);
      expect(m.startsWith(name)).toBe(true);
    }
  });
  it("keeps the reader's own sentence when it is not library jargon", () => {
    const own = new Error("Budget.xlsx has no worksheets.");
    own.name = "XlsxReadError";
    expect(unreadableFileMessage("Budget.xlsx", new Uint8Array([0x50, 0x4b]), own)).toBe("Budget.xlsx has no worksheets.");
  });
});

describe("unreadableFileMessage with the reader's own sentence", () => {
  it("names the file when the reader's sentence does not", () => {
    const own = Object.assign(new Error("This is a CSV or text file, not an Excel workbook."), { name: "XlsxReadError" });
    expect(unreadableFileMessage("returns.csv", new Uint8Array([0x61]), own)).toBe("returns.csv: This is a CSV or text file, not an Excel workbook.");
  });
});
