/**
 * The preview's sheet (src/preview/WorkbookView.tsx) as a playground, in Chromium, on Office's own client against
 * the simulated host: cells edited by keyboard and by double-click (values, formulas, BUDGET functions with their
 * spilled results), selection by drag and shift+arrows, number formats and column widths as the sheet has them,
 * and a custom function's error message shown for the selected error cell.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { api, openContext, startHarness, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});


/** The preview on its "Costs" sheet (Post, Grade, FTE, Annual cost = BUDGET.GRADECOST, formatted "£"#,##0). */
async function openCosts() {
  const opened = await openContext(h, { colorScheme: "light" });
  const { page } = opened;
  await page.goto(`${h.baseUrl}preview.html?theme=light`);
  await page.locator('[data-testid="workbook"]').waitFor();
  await page.getByRole("tab", { name: "Costs", exact: true }).click();
  await page.locator('[data-testid="workbook"][data-active-sheet="Costs"]').waitFor();
  return opened;
}

const selection = (page: Page, address: string) => page.locator(`[data-testid="workbook"][data-selection="${address}"]`).waitFor();
const cell = (page: Page, address: string) => page.locator(`[data-cell="${address}"]`);

it("edits cells from the keyboard: typing, Enter and Tab, F2, Delete; a BUDGET function's spilled result is drawn", async () => {
  const { context, page, problems } = await openCosts();
  await cell(page, "D4").click();
  await selection(page, "D4");
  await page.keyboard.press("ArrowRight");
  await selection(page, "E4");
  for (const at of ["E3", "E2", "E1"]) {
    await page.keyboard.press("ArrowUp");
    await selection(page, at);
  }
  // Two savings ranges (low, high) typed into E1:F2, one keystroke at a time.
  await page.keyboard.type("10");
  await page.keyboard.press("Tab");
  await selection(page, "F1");
  await page.keyboard.type("20");
  await page.keyboard.press("Enter");
  await selection(page, "F2");
  await page.keyboard.type("7");
  await page.keyboard.press("Enter");
  await selection(page, "F3");
  await page.keyboard.press("ArrowLeft");
  await selection(page, "E3");
  await page.keyboard.press("ArrowUp");
  await selection(page, "E2");
  await page.keyboard.type("5");
  await page.keyboard.press("Enter");
  await selection(page, "E3");
  expect(await api<unknown[][]>(page, "values", "Costs", "E1:F2")).toEqual([[10, 20], [5, 7]]);
  // E6: a BUDGET function typed in the cell; its two results spill into E6:F6 and both are drawn.
  for (const at of ["E4", "E5", "E6"]) {
    await page.keyboard.press("ArrowDown");
    await selection(page, at);
  }
  await page.keyboard.type("=BUDGET.RANGETOTAL(E1:F2)");
  await page.keyboard.press("Enter");
  await selection(page, "E7");
  expect(await api<unknown[][]>(page, "values", "Costs", "E6:F6")).toEqual([[15, 27]]);
  await cell(page, "E6").filter({ hasText: "15" }).waitFor();
  await cell(page, "F6").filter({ hasText: "27" }).waitFor();
  expect(await api<unknown[][]>(page, "formulas", "Costs", "E6")).toEqual([["=BUDGET.RANGETOTAL(E1:F2)"]]);
  // F2 edits the cell in place; Escape leaves it as it was; Delete clears it.
  await cell(page, "E1").click();
  await selection(page, "E1");
  await page.keyboard.press("F2");
  const editor = page.getByTestId("cell-editor");
  await expect(editor.inputValue()).resolves.toBe("10");
  await page.keyboard.press("Escape");
  await editor.waitFor({ state: "detached" });
  await page.keyboard.press("Delete");
  await page.waitForFunction(() => (document.querySelector('[data-cell="E1"]') as HTMLElement | null)?.innerText === "");
  expect(await api<unknown[][]>(page, "formulas", "Costs", "E1")).toEqual([[""]]);
  expect(problems.pageErrors).toEqual([]);
  await context.close();
});

it("edits a cell by double-clicking it, with Excel's entry rules (a formula calculates)", async () => {
  const { context, page, problems } = await openCosts();
  await cell(page, "C3").dblclick();
  const editor = page.getByTestId("cell-editor");
  await expect(editor.inputValue()).resolves.toBe("0.5");
  await editor.fill("=1/4");
  await editor.press("Enter");
  await selection(page, "C4");
  await cell(page, "C3").filter({ hasText: "0.25" }).waitFor();
  await cell(page, "C4").filter({ hasText: "1.25" }).waitFor(); // =SUM(C2:C3) recalculated
  expect(await api<unknown[][]>(page, "formulas", "Costs", "C3")).toEqual([["=1/4"]]);
  expect(problems.pageErrors).toEqual([]);
  await context.close();
});

it("selects a range by dragging, by shift-click and by shift+arrow keys", async () => {
  const { context, page, problems } = await openCosts();
  const from = await cell(page, "A1").boundingBox();
  const to = await cell(page, "C3").boundingBox();
  if (!from || !to) throw new Error("cells not drawn");
  await page.mouse.move(from.x + 5, from.y + 5);
  await page.mouse.down();
  await page.mouse.move(to.x + 5, to.y + 5, { steps: 5 });
  await page.mouse.up();
  await selection(page, "A1:C3");
  await cell(page, "B2").click();
  await cell(page, "D4").click({ modifiers: ["Shift"] });
  await selection(page, "B2:D4");
  await cell(page, "C3").click();
  await selection(page, "C3");
  await page.keyboard.press("Shift+ArrowDown");
  await selection(page, "C3:C4");
  await page.keyboard.press("Shift+ArrowLeft");
  await selection(page, "B3:C4");
  await page.keyboard.press("Shift+ArrowUp"); // the far corner (B4) moves: B3:C3, as in Excel
  await selection(page, "B3:C3");
  await page.keyboard.press("Shift+ArrowUp");
  await selection(page, "B2:C3");
  expect(await api<{ sheet: string; address: string }>(page, "selection")).toEqual({ sheet: "Costs", address: "B2:C3" });
  expect(problems.pageErrors).toEqual([]);
  await context.close();
});

it("shows number formats and column widths as the sheet has them", async () => {
  const { context, page, problems } = await openCosts();
  // D2 is =BUDGET.GRADECOST(B2,C2) formatted "£"#,##0: drawn as pounds with thousands separators.
  await expect(cell(page, "D2").innerText()).resolves.toMatch(/^£\d{1,3}(,\d{3})+$/);
  // A column width set through Office's client is the width drawn (points to pixels, 4/3).
  await page.evaluate(async () => {
    const g = window as unknown as { Excel: { run(b: (c: Excel.RequestContext) => Promise<void>): Promise<void> } };
    await g.Excel.run(async (c) => {
      c.workbook.worksheets.getItem("Costs").getRange("B:B").format.columnWidth = 150;
      await c.sync();
    });
  });
  await cell(page, "A1").click();
  await page.waitForFunction(() => Math.abs((document.querySelector('[data-cell="B1"]')?.getBoundingClientRect().width ?? 0) - 200) <= 2);
  expect(problems.pageErrors).toEqual([]);
  await context.close();
});

it("shows a custom function's error message for the selected error cell, and on hover", async () => {
  const { context, page, problems } = await openCosts();
  await cell(page, "B4").click();
  await selection(page, "B4");
  await page.keyboard.type('=BUDGET.GRADECOST("ZZ99",1)');
  await page.keyboard.press("Enter");
  await selection(page, "B5");
  await cell(page, "B4").filter({ hasText: "#" }).waitFor();
  await expect(page.getByTestId("cell-error").count()).resolves.toBe(0); // B5 selected: no error there
  await cell(page, "B4").click();
  const message = page.getByTestId("cell-error");
  await message.waitFor();
  const text = await message.innerText();
  expect(text).toMatch(/^B4 #(VALUE!|N\/A): Grade "ZZ99" is not in the grade table/);
  expect(await cell(page, "B4").getAttribute("title")).toContain('Grade "ZZ99" is not in the grade table');
  expect(problems.pageErrors).toEqual([]);
  await context.close();
});
