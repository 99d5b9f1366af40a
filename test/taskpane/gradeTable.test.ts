/** A failed reset of the grade table is reported to the user, not replaced quietly (issue 16). */
import { describe, expect, it } from "vitest";
import { forgetGradeTable, functionsYearText, loadSavedCosting, settingsUnread } from "../../src/taskpane/gradeTable";
import { gradeCost } from "../../src/functions/functions";
import { saveAddinSetting } from "../../src/excel";
import { cannotWaitForCellEdit, installStandIn } from "../excel/helpers";


describe("forgetGradeTable", () => {
  it("says when the workbook could not be told to forget the council's table", async () => {
    const n = await forgetGradeTable(() => Promise.reject(new Error("The workbook is read-only.")));
    expect(n.intent).toBe("warning");
    expect(n.text).toContain("The workbook is read-only.");
    expect(n.text).toContain("it will be used again when the pane next opens");
  });
  it("confirms the sample table when it worked", async () => {
    const saved: unknown[] = [];
    const n = await forgetGradeTable((k, v) => {
      saved.push([k, v]);
      return Promise.resolve();
    });
    expect(n.intent).toBe("info");
    expect(saved).toEqual([["gradeTable", undefined]]);
  });
});

describe("the costing settings at pane start while the user types in a cell (issue 11, item 9; review R9)", () => {
  const pay = [["Grade", "Minimum", "Maximum"], ["KR16", 83_331, 104_711], ["KR17", 104_197, 123_842]];

  it.each(["web", "mac-16.45"] as const)("%s: waits for the edit to end and reads the table, pay year and pay awards in one settings read", async (profile) => {
    const standIn = installStandIn({ profile, sheets: { Pay: pay } });
    await saveAddinSetting("gradeTable", { sheet: "Pay", address: "A1:C3" });
    await saveAddinSetting("payYear", 2025);
    await saveAddinSetting("payAwards", [[2026, 0.03]]);
    standIn.quirks.cellEditMode = true; // the user starts typing as the pane opens
    standIn.resetStats();
    let waits = 0;
    const saved = await loadSavedCosting(() => {
      waits++;
      standIn.quirks.cellEditMode = false; // ... and presses Enter
    }, [0, 0]);
    expect(saved.chosen?.source).toEqual({ sheet: "Pay", address: "A1:C3" });
    expect(saved.chosen?.table.grades()).toEqual(["KR17", "KR16"]);
    expect(saved.year).toBe(2025);
    expect([...saved.payAwards]).toEqual([[2026, 0.03]]);
    expect(waits).toBe(0); // the runs wait for the edit to end themselves
    expect(standIn.stats.runs).toBe(2); // the settings, then the table's range
  });

  it("gives up after the last wait with a sentence (the pane then says what costs use)", async () => {
    const standIn = installStandIn({ profile: cannotWaitForCellEdit(), sheets: { Pay: [["KR17", 1, 2]] } });
    await saveAddinSetting("gradeTable", { sheet: "Pay", address: "A1:C1" });
    standIn.quirks.cellEditMode = true;
    const keepEditing = (): void => {
      standIn.quirks.cellEditMode = true;
    };
    const failed = await loadSavedCosting(keepEditing, [0, 0]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(Error);
    const notice = settingsUnread(failed);
    expect(notice.intent).toBe("warning");
    expect(notice.text).toContain("a cell is being edited. Press Enter or Esc");
    expect(notice.text).toContain("costs use the sample grade table, the 2024/25 pay year and no pay awards");
  });

  it("keeps the pay year and awards when the chosen table's range can no longer be read", async () => {
    const standIn = installStandIn({ sheets: { Pay: pay } });
    await saveAddinSetting("gradeTable", { sheet: "Old pay", address: "A1:C3" });
    await saveAddinSetting("payYear", 2026);
    await saveAddinSetting("payAwards", [[2026, 0.025]]);
    expect(standIn.quirks.cellEditMode).toBe(false);
    const saved = await loadSavedCosting(() => undefined, [0]);
    expect(saved.chosen).toBeNull();
    expect(saved.tableProblem).toMatch(/Old pay/);
    expect(saved.year).toBe(2026);
    expect([...saved.payAwards]).toEqual([[2026, 0.025]]);
  });
});

describe("functionsYearText: the year BUDGET functions cost with when a formula gives none (task-pane review 2.15)", () => {
  it("is the sample table's latest year once the current financial year is past it, as the functions work it out", () => {
    const now = new Date(2026, 10, 28); // 2026/27: the sample table covers 2024/25 only
    expect(functionsYearText(now)).toBe("2024/25, the latest year the sample table covers");
    expect(gradeCost("KR17", 1, "min", undefined)).toBe(gradeCost("KR17", 1, "min", 2024));
  });
  it("is the current financial year while the sample table covers it", () => {
    expect(functionsYearText(new Date(2024, 5, 1))).toBe("the current financial year (2024/25)");
    expect(functionsYearText(new Date(2025, 2, 31))).toBe("the current financial year (2024/25)");
  });
});
