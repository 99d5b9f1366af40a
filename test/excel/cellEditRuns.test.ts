/**
 * Every run the add-in makes in Excel waits for a cell edit to end (review R9: some runs still called Excel.run
 * without delayForCellEdit, so they failed with Office's raw error while the user typed in a cell). Reads are also
 * started again where Excel cannot wait; writes are not, and say in words what to do. The state record survives a
 * piece of its JSON that starts with an apostrophe.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { loadAddinSetting, loadAddinSettings, loadState, saveAddinSetting, STATE_CHUNK_CHARS, stateChunks, updateState } from "../../src/excel/addinState";
import { insertFormula, readSelection } from "../../src/excel/insertFormula";
import { listOutputSheets, markOutputSheet } from "../../src/excel/outputSheets";
import { PROFILE_NAMES, type SeedCell } from "../standin/excel";
import { cannotWaitForCellEdit, installStandIn } from "./helpers";

const budget = (): SeedCell[][] => Array.from({ length: 5 }, (_, i) => [`Service ${i}`, i * 100]);


/** Every call `Excel.run(...)` in the shipped source, as file:line. */
function excelRunCalls(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
        const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
        const visit = (node: ts.Node): void => {
          if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "run" && node.expression.expression.getText(source) === "Excel") {
            found.push(`${relative(dir, path)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
          }
          ts.forEachChild(node, visit);
        };
        visit(source);
      }
    }
  };
  walk(dir);
  return found;
}

describe("every Excel run waits for a cell edit to end", () => {
  it("only runExcel (src/excel/runtime.ts) calls Excel.run", () => {
    const calls = excelRunCalls(join(__dirname, "../../src"));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^excel[\\/]runtime\.ts:\d+$/);
  });

  it.each(PROFILE_NAMES)("%s: settings, output sheets and the selection are read and written while the user types", async (profile) => {
    const standIn = installStandIn({ sheets: { Budget: budget(), Report: [["Check report"]] }, profile, selection: "B2:B4" });
    const typing = (): void => {
      standIn.quirks.cellEditMode = true;
    };
    typing();
    await saveAddinSetting("payYear", 2025);
    expect(standIn.quirks.cellEditMode).toBe(false); // Excel held the run until the edit ended
    typing();
    expect(await loadAddinSetting("payYear")).toBe(2025);
    typing();
    expect(await loadAddinSettings()).toEqual({ payYear: 2025 });
    typing();
    await markOutputSheet("Report", "check report");
    typing();
    expect(await listOutputSheets()).toEqual(["Report"]);
    typing();
    expect(await readSelection()).toMatchObject({ sheet: "Budget", address: "B2:B4" });
    typing();
    expect(await insertFormula("Budget", "D2", '=BUDGET.GRADECOST("KR17",1)')).toMatchObject({ written: true });
    expect(standIn.quirks.cellEditMode).toBe(false);
  });

  it("where Excel cannot wait, reads start again once the edit has ended, saying they wait", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget() }, profile: cannotWaitForCellEdit(), selection: "A1" });
    await saveAddinSetting("payYear", 2025);
    const reads: [string, (wait: { onCellEdit: (n: number) => void; retryDelaysMs: number[] }) => Promise<unknown>][] = [
      ["settings", (w) => loadAddinSettings(w)],
      ["state", (w) => loadState(w)],
      ["output sheets", (w) => listOutputSheets(w)],
      ["selection", (w) => readSelection(w)],
    ];
    for (const [what, read] of reads) {
      standIn.quirks.cellEditMode = true;
      const waits: number[] = [];
      const result = await read({
        retryDelaysMs: [0, 0, 0],
        onCellEdit: (n) => {
          waits.push(n);
          if (n === 2) standIn.quirks.cellEditMode = false; // the user presses Enter
        },
      });
      expect(result, what).toBeDefined();
      expect(waits, what).toEqual([1, 2]);
    }
  });

  it("where Excel cannot wait, a read gives up after its last wait with a sentence", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget() }, profile: cannotWaitForCellEdit() });
    standIn.quirks.cellEditMode = true;
    await expect(loadAddinSettings({ retryDelaysMs: [0] })).rejects.toThrow(
      "Excel could not read the add-in's settings saved in this workbook: a cell is being edited. Press Enter or Esc to finish editing the cell, then try again.",
    );
  });

  it("where Excel cannot wait, writes are not started again and say what to do", async () => {
    const standIn = installStandIn({ sheets: { Budget: budget(), Report: [["x"]] }, profile: cannotWaitForCellEdit() });
    const editing = /a cell is being edited\. Press Enter or Esc/;
    standIn.quirks.cellEditMode = true;
    standIn.resetStats();
    await expect(saveAddinSetting("payYear", 2025)).rejects.toThrow(editing);
    await expect(updateState(() => undefined)).rejects.toThrow(editing);
    await expect(markOutputSheet("Report", "check report")).rejects.toThrow(editing);
    await expect(insertFormula("Budget", "D2", "=1")).rejects.toThrow(editing);
    expect(standIn.stats.syncs).toBe(4); // one refused sync each, none started again
    standIn.quirks.cellEditMode = false;
    expect(await loadAddinSettings()).toEqual({});
    expect(standIn.getValues("Budget", "D2")).toEqual([[""]]); // nothing written
  });
});

describe("the settings record", () => {
  it("keeps a piece of its JSON that starts with an apostrophe (a cut inside a setting's text)", async () => {
    installStandIn({ sheets: { Budget: budget() } });
    // Place an apostrophe exactly where the record is cut into its second cell.
    const probe = { version: 2 as const, settings: { label: "" }, createdSheets: [], pending: null };
    const head = JSON.stringify(probe).indexOf('"label":""') + '"label":"'.length;
    const label = `${"x".repeat(STATE_CHUNK_CHARS - head)}'s members' pack`;
    expect(stateChunks({ ...probe, settings: { label } })[1].startsWith("'")).toBe(true);
    await saveAddinSetting("label", label);
    expect(await loadAddinSetting("label")).toBe(label);
  });
});
