/**
 * The add-in's Excel layer on the documented limits and quirks the simulated host reproduces (test/standin/excel/
 * quirks.ts, profiles.ts), one block per quirk. Where today's behaviour is wrong the test says what it should be and
 * is marked `it.fails`, with the item of issue 11 that fixes it.
 */
import { describe, expect, it } from "vitest";
import { clearHighlights, createWorkbookFromBase64, getWorkbookFileBytes, highlightFindings, listSheets, readSheetSnapshot, saveAddinSetting, selectCell, writeLayout, writeOutputSheets } from "../../src/excel";
import { STATE_SHEET_NAME } from "../../src/excel/runtime";
import { reportLayout } from "./layoutFixtures";
import { HIGHLIGHT_COLOURS } from "../../src/excel/highlights";
import { readSelection } from "../../src/excel/insertFormula";
import { loadHighlightRecord } from "../../src/excel/addinState";
import type { Finding, Severity } from "../../src/core/findings";
import { HOST_PROFILES, PROFILE_NAMES, type SeedCell } from "../standin/excel";
import { BUDGET_FUNCTIONS } from "../../src/functions/functions";
import { BLANK_CELL, asPassedBy } from "../standin/customFunctionsRuntime";
import { cannotWaitForCellEdit, installStandIn } from "./helpers";

function finding(sheet: string, cell: string, severity: Severity = "error"): Finding {
  return { sheet, cell, rule: "total-mismatch", severity, message: "Total does not add up" };
}

const budget = (): SeedCell[][] => Array.from({ length: 20 }, (_, i) => [`Service ${i}`, i * 100, i * 80]);

describe("request and response size, measured on Office's real JSON", () => {
  it("Excel on the web refuses a request over 5 MB with Office's RequestPayloadSizeLimitExceeded; desktop profiles have no limit", async () => {
    const big = (): Promise<void> =>
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Budget").getRange("A1:A60000").values = Array.from({ length: 60_000 }, (_, i) => [`Row ${i} ${"x".repeat(80)}`]);
        await context.sync();
      });
    const web = installStandIn({ sheets: { Budget: budget() }, profile: "web" });
    await expect(big()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded", name: "RichApi.Error" });
    expect(web.stats.maxRequestBytes).toBeGreaterThan(5_000_000);
    expect(web.getValues("Budget", "A2")).toEqual([["Service 1"]]); // nothing applied
    const desktop = installStandIn({ sheets: { Budget: budget() }, profile: "windows-m365" });
    await big();
    expect(desktop.getValues("Budget", "A2")).toEqual([[`Row 1 ${"x".repeat(80)}`]]);
  });
});

describe("getMergedAreasOrNullObject: more than 512 areas fail, only merges whose top-left cell is inside come back", () => {
  function merged(count: number) {
    const standIn = installStandIn({ sheets: { Committee: Array.from({ length: count + 1 }, (_, i) => [`Heading ${i}`, null, i]) } });
    return standIn;
  }

  it("the host fails the call above 512 areas and returns only top-left-inside merges", async () => {
    const standIn = merged(600);
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Committee");
      for (let i = 1; i <= 600; i++) ws.getRange(`A${i}:B${i}`).merge(false);
      ws.getRange("E1:F3").merge(false);
      await context.sync();
    });
    expect(standIn.sheetInfo("Committee").merges).toHaveLength(601);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Committee").getRange("A1:F700").getMergedAreasOrNullObject().load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "GeneralException" });
    const address = await Excel.run(async (context) => {
      const areas = context.workbook.worksheets.getItem("Committee").getRange("F2:G4").getMergedAreasOrNullObject().load("address");
      await context.sync();
      return areas.isNullObject ? null : areas.address;
    });
    expect(address).toBeNull(); // E1:F3 overlaps F2:G4 but starts outside it
  });

  it("a sheet with 600 merged headings is still read (without its merges) instead of failing the whole check", async () => {
    const standIn = merged(600);
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Committee");
      for (let i = 1; i <= 600; i++) ws.getRange(`A${i}:B${i}`).merge(false);
      await context.sync();
    });
    standIn.resetStats();
    const snap = await readSheetSnapshot({ sheet: "Committee", scope: "used" });
    expect(snap.values[599][2]).toBe(599);
    // Issue 11, item 5: merges read in bands of at most 512 areas, each band in its own sync.
    expect(snap.merges).toHaveLength(600);
    expect(snap.merges[0]).toEqual({ row: 0, col: 0, rowCount: 1, colCount: 2 });
    expect(snap.mergesUnread).toBeUndefined();
  });

  it("a band Excel still cannot list (here: no merged area at all) is skipped: the data is read and the snapshot says merges were not all read", async () => {
    const standIn = installStandIn({ sheets: { S: [["a", null, "b", null, "c", null], [1, 2, 3, 4, 5, 6]] }, quirks: { mergedAreas: { limit: 0, topLeftOnly: true } } });
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("S");
      for (const a of ["A1:B1", "C1:D1", "E1:F1"]) ws.getRange(a).merge(false);
      await context.sync();
    });
    expect(standIn.sheetInfo("S").merges).toHaveLength(3);
    const snap = await readSheetSnapshot({ sheet: "S", scope: "used" });
    expect(snap.values[1]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(snap.mergesUnread).toMatch(/^Merged cells were not all read: Excel could not list the merged areas at S row 1\./);
    expect(snap.merges).toEqual([]);
  });

  // Issue 11, item 5: merges starting above or left of a selection or address block were missed.
  it("an address scope inside a merge still knows the cell is merged", async () => {
    const standIn = installStandIn({ sheets: { S: [["Title", null, null], [1, 2, 3], [4, 5, 6]] } });
    standIn.setCells("S", "A1", [["Title"]]);
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("S");
      ws.getRange("A1:C2").merge(false);
      ws.getRange("A3:B3").merge(false);
      await context.sync();
    });
    const snap = await readSheetSnapshot({ sheet: "S", scope: { address: "B2:C3" } });
    expect(snap.merges).toEqual([
      { row: 0, col: 0, rowCount: 2, colCount: 3 },
      { row: 2, col: 0, rowCount: 1, colCount: 2 },
    ]);
  });
});

describe("worksheet ids change when the workbook is saved and reopened", () => {
  it("the host gives every sheet a new id on reopen", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget() } });
    const id = (): Promise<string> =>
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem("Budget").load("id");
        await context.sync();
        return ws.id;
      });
    const before = await id();
    standIn.reopen();
    expect(await id()).not.toBe(before);
  });

  // Issue 11, item 4: highlight records are found by name after reopening (ids are only a hint within a session).
  it("clears highlights made before the workbook was reopened", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget() } });
    standIn.setFormat("Budget", "B2", { fillColor: "#FFFF00" });
    await highlightFindings([finding("Budget", "B2"), finding("Budget", "C3")]);
    standIn.reopen();
    expect(await clearHighlights()).toEqual({ restored: 2, keptUserFill: 0, missing: 0 });
    expect(standIn.getFormat("Budget", "B2").fill).toBe("#FFFF00");
  });
});

describe("fill read-back: #FFFFFF for no fill; pattern null on some hosts (office-js#4900)", () => {
  it("with pattern reported null, a user's coloured fill is still saved and put back", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget() }, quirks: { fillPatternNull: true } });
    standIn.setFormat("Budget", "B2", { fillColor: "#FFFF00" });
    await highlightFindings([finding("Budget", "B2"), finding("Budget", "C3")]);
    expect(standIn.getFormat("Budget", "B2").fill).not.toBe("#FFFF00");
    expect(await clearHighlights()).toEqual({ restored: 2, keptUserFill: 0, missing: 0 });
    expect(standIn.getFormat("Budget", "B2").fill).toBe("#FFFF00");
    expect(standIn.getFormat("Budget", "C3").fill).toBeNull();
  });

  // Issue 11, item 6: a user's white fill read exactly like "no fill" (#FFFFFF, pattern null) and was cleared;
  // tintAndShade (null only for no fill) tells them apart.
  it.each([false, true])("pattern reported null: %s — a user's white fill is put back as white and 'no fill' as no fill", async (patternNull) => {
    const standIn = installStandIn({ sheets: { Budget: budget() }, quirks: { fillPatternNull: patternNull } });
    standIn.setFormat("Budget", "A7", { fillColor: "#FFFFFF" });
    await highlightFindings([finding("Budget", "A7"), finding("Budget", "A8")]);
    expect(standIn.getFormat("Budget", "A7").fill).toBe(HIGHLIGHT_COLOURS.error);
    expect(await clearHighlights()).toEqual({ restored: 2, keptUserFill: 0, missing: 0 });
    expect(standIn.getFormat("Budget", "A7").fill).toBe("#FFFFFF");
    expect(standIn.getFormat("Budget", "A8").fill).toBeNull();
  });
});

describe("cell-edit mode (InvalidOperationInCellEditMode)", () => {
  it("the host fails a batch while the user types in a cell; delayForCellEdit waits for the edit to end", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget() }, quirks: { cellEditMode: true } });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Budget").getRange("B3").load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    const value = await Excel.run({ delayForCellEdit: true }, async (context) => {
      const r = context.workbook.worksheets.getItem("Budget").getRange("B3").load("values");
      await context.sync();
      return r.values[0][0] as number;
    });
    expect(value).toBe(200);
    expect(standIn.quirks.cellEditMode).toBe(false);
  });

  // Issue 11, item 9: reads at pane start failed while the user typed (and the pane fell back to the sample grade
  // table); highlights failed with Office's raw error. Every run now asks Excel to wait for the edit to end.
  it.each(PROFILE_NAMES)("%s: reading and highlighting while the user types wait for the edit to end", async (name) => {
    const standIn = installStandIn({ sheets: { Budget: budget() }, profile: name, quirks: { cellEditMode: true } });
    const snap = await readSheetSnapshot({ sheet: "Budget", scope: { address: "A1:C3" }, numberFormats: false });
    expect(snap.values[2]).toEqual(["Service 2", 200, 160]);
    standIn.quirks.cellEditMode = true;
    expect((await highlightFindings([finding("Budget", "B2")])).highlighted).toBe(1);
    standIn.quirks.cellEditMode = true;
    expect((await listSheets()).map((s) => s.name)).toEqual(["Budget"]);
  });

  it("where Excel cannot wait, a read starts again once the edit has ended and says it is waiting meanwhile", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget() }, profile: cannotWaitForCellEdit(), quirks: { cellEditMode: true } });
    const phases: string[] = [];
    const snap = await readSheetSnapshot({
      sheet: "Budget",
      scope: "used",
      onProgress: (p) => {
        phases.push(p.phase);
        if (p.phase === "waiting" && p.done === 2) standIn.quirks.cellEditMode = false; // the user presses Enter
      },
    });
    expect(snap.values[19]).toEqual(["Service 19", 1900, 1520]);
    expect(phases.filter((p) => p === "waiting")).toHaveLength(2);
  });

  it("where Excel cannot wait, a write is not retried and the error says what to do", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget() }, profile: cannotWaitForCellEdit(), quirks: { cellEditMode: true } });
    await expect(highlightFindings([finding("Budget", "B2")])).rejects.toThrow("Excel could not colour the flagged cells: a cell is being edited. Press Enter or Esc to finish editing the cell, then try again.");
    expect(standIn.stats.syncs).toBe(1);
    await expect(selectCell("Budget", "B2")).rejects.toThrow(/Excel could not go to B2: a cell is being edited/);
  });
});

describe("a selection of several areas (Ctrl+click): getSelectedRange fails with InvalidSelection", () => {
  it("the host refuses getSelectedRange; the add-in says to select one block of cells", async () => {
    installStandIn({ sheets: { Budget: budget() }, selection: "B2:B4,D2:D4" });
    await expect(
      Excel.run(async (context) => {
        context.workbook.getSelectedRange().load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidSelection" });
    const oneBlock = "the selection is not one block of cells (several areas, or a chart or shape). Select one block of cells and try again.";
    await expect(readSheetSnapshot({ scope: "selection" })).rejects.toThrow(`Excel could not read the sheet: ${oneBlock}`);
    await expect(readSelection()).rejects.toThrow(`Excel could not read the selection: ${oneBlock}`);
  });
});

describe("Cancel stops the run before its next sync (issue 11, item 9)", () => {
  it("a cancelled highlight makes no further sync and colours nothing; the promise settles when the run has ended", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget() } });
    const controller = new AbortController();
    standIn.resetStats();
    const run = highlightFindings([finding("Budget", "B2"), finding("Budget", "C3")], { signal: controller.signal });
    // Cancel while the first sync (sheets and state) is on its way.
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    const syncs = standIn.stats.syncs;
    expect(syncs).toBeLessThanOrEqual(1);
    expect(standIn.getFormat("Budget", "B2").fill).toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(standIn.stats.syncs).toBe(syncs); // nothing carried on after the promise settled
  });

  it("a cancelled clear stops before putting fills back", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget() } });
    await highlightFindings([finding("Budget", "B2")]);
    const controller = new AbortController();
    standIn.resetStats();
    const run = clearHighlights({ signal: controller.signal });
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(standIn.getFormat("Budget", "B2").fill).toBe(HIGHLIGHT_COLOURS.error);
  });
});

describe("a batch that fails part-way (fault injection)", () => {
  it("Excel keeps the actions before the failure; a highlight that fails in its last sync has recorded its cells first", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget() } });
    // Sync 1 lists sheets, sync 2 reads fills, sync 3 saves the record then colours: fail sync 3 half-way.
    standIn.quirks.fault = { atSync: 3, afterActions: 12, code: "GeneralException" };
    await expect(highlightFindings([finding("Budget", "B2"), finding("Budget", "C3")])).rejects.toMatchObject({ code: "GeneralException" });
    expect(standIn.stats.syncs).toBe(3);
    // Issue 11, item 9: the intent is recorded before colouring, so a half-finished highlight can be cleaned up.
    expect((await loadHighlightRecord()).flatMap((s) => s.cells.map((c) => c.cell)).sort()).toEqual(["B2", "C3"]);
  });
});

describe("handing over a generated workbook (issue 11, item 8)", () => {
  /** Base64 of a 4.2 MB .xlsx: over what Excel on the web takes in createWorkbook's request. */
  const big = "UEsD".repeat(1_400_000);

  it("web: a file over about 3.7 MB is not sent to createWorkbook (Excel would refuse it); a download is offered, with the size in words", async () => {
    const standIn = installStandIn({ profile: "web" });
    const r = await createWorkbookFromBase64(big);
    expect(r).toMatchObject({ created: false, download: true });
    expect(r.reason).toBe("The workbook is 4.2 MB: Excel on the web can open at most about 3.7 MB from an add-in. Download the file and open it instead.");
    expect(standIn.stats.rejected).toBe(0);
    expect(await createWorkbookFromBase64("UEsDBBQ=")).toEqual({ created: true });
  });

  it.each(["windows-m365", "windows-2021", "mac-16.45"] as const)("%s: the same file opens as a new workbook (no size limit on desktop)", async (name) => {
    const standIn = installStandIn({ profile: name });
    expect(await createWorkbookFromBase64(big)).toEqual({ created: true });
    expect(standIn.createdWorkbooks()).toHaveLength(1);
  });

  it.each([
    ["web", true],
    ["windows-m365", true],
    ["mac-16.45", false],
  ] as const)("%s without createWorkbook: download offered only where a download works (%s)", async (name, works) => {
    const standIn = installStandIn({ profile: name });
    standIn.setCreateWorkbookSupported(false);
    const r = await createWorkbookFromBase64("UEsDBBQ=");
    expect(r).toMatchObject({ created: false, download: works });
    expect(r.reason).toMatch(works ? /Download the file/ : /Excel for Mac cannot save a download/);
  });

  it("the workbook's file: two copies in a row work (the file is closed before the next is asked for)", async () => {
    const standIn = installStandIn({ profile: "web" });
    const bytes = Uint8Array.from({ length: 1_000 }, (_, i) => i % 256);
    standIn.setWorkbookFile(bytes);
    expect(await getWorkbookFileBytes()).toEqual(bytes);
    expect(await getWorkbookFileBytes()).toHaveLength(bytes.length);
    expect(standIn.files).toEqual({ opened: 2, open: 0 });
  });

  it("the workbook's file: where Excel refuses it, or lacks CompressedFile, the error says what to do instead", async () => {
    const standIn = installStandIn({ profile: "web", quirks: { fileError: { code: 11001, message: "A network problem has prevented retrieval of the file." } } });
    await expect(getWorkbookFileBytes()).rejects.toThrow("Excel could not provide the workbook's file (A network problem has prevented retrieval of the file). Save a copy with File > Save As");
    const base = HOST_PROFILES.web;
    installStandIn({ profile: { ...base, supports: (set, version) => set !== "CompressedFile" && base.supports(set, version) } });
    await expect(getWorkbookFileBytes()).rejects.toThrow(/^This version of Excel cannot give the add-in a copy of the workbook's file/);
    expect(standIn.files.opened).toBe(0);
  });
});

describe("host profiles", () => {
  it("Office.context.requirements.isSetSupported answers as each host's requirement-set table says", () => {
    const answers = PROFILE_NAMES.map((name) => {
      const standIn = installStandIn({ profile: name });
      const r = standIn.Office.context.requirements;
      return [name, r.isSetSupported("ExcelApi", "1.13"), r.isSetSupported("ExcelApi", "1.9"), r.isSetSupported("ExcelApiOnline", "1.1"), r.isSetSupported("CustomFunctionsRuntime", "1.4")];
    });
    expect(answers).toEqual([
      ["web", true, true, true, true],
      ["windows-m365", true, true, false, true],
      ["windows-2021", true, true, false, false],
      ["mac-16.45", false, true, false, false],
    ]);
  });

  it("a member above the profile's ExcelApi level fails at sync with ApiNotFound, as the host refuses it", async () => {
    installStandIn({ sheets: { Budget: budget() }, profile: "mac-16.45" });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Budget").getRange("A1:C20").getMergedAreasOrNullObject().load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound", message: expect.stringContaining("ExcelApi 1.13") as unknown });
  });

  it.each(PROFILE_NAMES)("%s: reading a sheet, highlighting and clearing work (reads skip merges where ExcelApi 1.13 is missing)", async (name) => {
    const standIn = installStandIn({ sheets: { Budget: budget() }, profile: name });
    const snap = await readSheetSnapshot({ sheet: "Budget", scope: "used" });
    expect(snap.values[19]).toEqual(["Service 19", 1900, 1520]);
    // Issue 11, item 5: where Excel cannot list merged cells the snapshot says so.
    if (standIn.profile.supports("ExcelApi", "1.13")) expect(snap.mergesUnread).toBeUndefined();
    else expect(snap.mergesUnread).toMatch(/needs ExcelApi 1\.13/);
    expect((await highlightFindings([finding("Budget", "B2")])).highlighted).toBe(1);
    expect((await clearHighlights()).restored).toBe(1);
    expect(standIn.profile.name).toBe(name);
  });
});

describe("custom-function arguments as each host passes a blank cell", () => {
  const salary = BUDGET_FUNCTIONS.SALARY as (...a: unknown[]) => unknown;

  it("Excel on the web passes null for a blank pay point: the default point is used", () => {
    expect(salary(...asPassedBy(HOST_PROFILES.web.blankArguments, ["KR17", BLANK_CELL, 2023]))).toEqual(salary("KR17", null, 2023));
  });

  // Issue 11, item 2 (fixed on branch realexcel): desktop Excel passes 0 for the blank cell; SALARY treats it as omitted.
  it.each(["windows-m365", "windows-2021", "mac-16.45"] as const)("%s passes 0 for a blank pay point: still the default point", (name) => {
    expect(salary(...asPassedBy(HOST_PROFILES[name].blankArguments, ["KR17", BLANK_CELL, 2023]))).toEqual(salary("KR17", null, 2023));
  });
});

describe("a workbook whose structure is protected (Review › Protect Workbook): no sheet can be added", () => {
  const locked = async (): Promise<void> =>
    Excel.run(async (context) => {
      context.workbook.protection.protect();
      await context.sync();
    });
  const PROTECTED = "Budget Tools cannot add a sheet to this workbook: its structure is protected (Review › Protect Workbook). Unprotect the workbook, then try again.";

  it("the host refuses a new sheet; the add-in says why before asking, for every write that adds one", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget() } });
    await locked();
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.add("Extra");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
    standIn.resetStats();
    await expect(writeLayout(reportLayout(3, "Report"))).rejects.toThrow(PROTECTED);
    await expect(writeOutputSheets([{ layout: reportLayout(3, "Report"), key: "check-report" }])).rejects.toThrow(PROTECTED);
    // The add-in's state sheet does not exist yet: saving a setting or highlighting would have to add it.
    await expect(saveAddinSetting("payYear", 2025)).rejects.toThrow(PROTECTED);
    await expect(highlightFindings([finding("Budget", "B2")])).rejects.toThrow(PROTECTED);
    expect(standIn.sheetNames()).toEqual(["Budget"]);
    expect(standIn.getFormat("Budget", "B2").fill).toBeNull();
  });

  it("settings and highlights still work when the state sheet was made before the workbook was locked", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget() } });
    await saveAddinSetting("payYear", 2024);
    await locked();
    await saveAddinSetting("payYear", 2025);
    expect(await highlightFindings([finding("Budget", "B2")])).toMatchObject({ highlighted: 1 });
    expect(await clearHighlights()).toMatchObject({ restored: 1 });
    expect(standIn.sheetNames()).toEqual(["Budget", STATE_SHEET_NAME]);
  });
});
