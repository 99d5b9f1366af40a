/** A failed reset of the grade table is reported to the user, not replaced quietly (issue 16). */
import { describe, expect, it } from "vitest";
import { forgetGradeTable, loadChosenGradeTable } from "../../src/taskpane/gradeTable";
import { saveAddinSetting } from "../../src/excel";
import { installStandIn } from "../excel/helpers";
import { HOST_PROFILES, type HostProfile } from "../standin/excel";

/** An Excel that cannot hold a batch until the edit ends (no DelayForCellEdit): batches fail instead. */
function cannotWait(): HostProfile {
  const base = HOST_PROFILES["windows-2021"];
  const sets = Object.fromEntries(Object.entries(base.sets).filter(([k]) => k !== "DelayForCellEdit"));
  return { ...base, sets, supports: (set, version) => set !== "DelayForCellEdit" && base.supports(set, version) };
}

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

describe("the council's grade table at pane start while the user types in a cell (issue 11, item 9)", () => {
  it.each(["web", "mac-16.45"] as const)("%s: waits for the edit to end and reads the chosen table instead of falling back to the sample", async (profile) => {
    const standIn = installStandIn({ profile, sheets: { Pay: [["Grade", "Minimum", "Maximum"], ["KR16", 83_331, 104_711], ["KR17", 104_197, 123_842]] } });
    await saveAddinSetting("gradeTable", { sheet: "Pay", address: "A1:C3" });
    standIn.quirks.cellEditMode = true; // the user starts typing as the pane opens
    let waits = 0;
    const chosen = await loadChosenGradeTable(() => {
      waits++;
      standIn.quirks.cellEditMode = false; // ... and presses Enter
    }, [0, 0]);
    expect(chosen?.source).toEqual({ sheet: "Pay", address: "A1:C3" });
    expect(chosen?.table.grades()).toEqual(["KR17", "KR16"]);
    expect(waits).toBeLessThanOrEqual(1); // 0 once the state read itself waits for the edit to end
  });

  it("gives up after the last wait with a sentence (the pane then says it uses the sample table)", async () => {
    // An Excel that cannot wait for the edit to end (one that can holds the read until the user presses Enter).
    const standIn = installStandIn({ profile: cannotWait(), sheets: { Pay: [["KR17", 1, 2]] } });
    await saveAddinSetting("gradeTable", { sheet: "Pay", address: "A1:C1" });
    standIn.quirks.cellEditMode = true;
    const keepEditing = (): void => {
      standIn.quirks.cellEditMode = true;
    };
    await expect(loadChosenGradeTable(keepEditing, [0, 0])).rejects.toThrow("Excel could not read the add-in's settings saved in this workbook: a cell is being edited.");
  });
});
