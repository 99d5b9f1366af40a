/** A failed reset of the grade table is reported to the user, not replaced quietly (issue 16). */
import { describe, expect, it } from "vitest";
import { forgetGradeTable } from "../../src/taskpane/gradeTable";

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
