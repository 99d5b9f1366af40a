/**
 * The task pane in a real browser (Chromium, headless), against the built pages:
 * - taskpane.html outside Office shows how to load the add-in (never a blank page), also when office.js fails;
 * - preview.html: the real pane beside the in-memory workbook: Check, go to a finding, apply one fix;
 * - post lists: find the sample list, build impact and structure tables, check the new sheets' cells, rebuild
 *   after confirming;
 * - keyboard: Tab reaches the main controls;
 * - screenshots in light and dark themes (test-results/).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { api, RESULTS, openContext, startHarness, unexpectedConsoleErrors, type Harness } from "./harness";


let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});


async function openPreview(theme: "light" | "dark" = "light", query = "") {
  const opened = await openContext(h, { colorScheme: theme });
  await opened.page.goto(`${h.baseUrl}preview.html?theme=${theme}${query}`);
  await opened.page.getByText("Preview — in-memory workbook, not Excel.").waitFor();
  await opened.page.locator('[data-testid="workbook"]').waitFor();
  return opened;
}

/** On the Post lists tab: choose where the list is (by the picker option's text), click Find, and wait for the count. */
async function findPostList(page: Page, optionText: string, found: string): Promise<void> {
  await page.getByRole("tab", { name: "Post lists" }).click();
  const where = page.getByLabel("Where is the post list?");
  await where.focus(); // refreshes the sheets and tables offered
  const option = where.locator("option", { hasText: optionText });
  await option.waitFor({ state: "attached" });
  await where.selectOption({ value: (await option.getAttribute("value")) ?? "" });
  await page.getByRole("button", { name: "Find post list" }).click();
  await page.getByTestId("notice").filter({ hasText: found }).waitFor();
}

/** Every cell of a sheet's first rows as text, to search in. */
async function sheetText(page: Page, sheet: string, address = "A1:N60"): Promise<string[][]> {
  const values = await api<unknown[][]>(page, "values", sheet, address);
  return values.map((r) => r.map((v) => String(v)));
}

describe("taskpane.html outside Office", () => {
  it("says it runs inside Excel and how to load it, with no errors", async () => {
    const { context, page, problems } = await openContext(h);
    await page.goto(`${h.baseUrl}taskpane.html`);
    const message = page.locator('[data-testid="outside-excel"]');
    await message.waitFor({ timeout: 15_000 });
    await expect(message.locator("h1").textContent()).resolves.toBe("Budget Tools runs inside Excel");
    const text = (await message.textContent()) ?? "";
    expect(text).toContain("opened in a web browser, not in Excel");
    expect(text).toContain("Upload my add-in");
    expect(text).toContain("manifest.xml");
    // It names the ribbon tab and button the manifest declares.
    expect(text).toContain("Budget Tools tab on the ribbon: Open Budget Tools opens this pane");
    // office.js itself was served (from the npm package) and reported no host.
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("object");
    await page.screenshot({ path: path.join(RESULTS, "taskpane-outside-office.png"), fullPage: true });
    expect(problems.pageErrors).toEqual([]);
    expect(problems.localFailures).toEqual([]);
    expect(unexpectedConsoleErrors(problems)).toEqual([]);
    await context.close();
  });

  it("shows the same message when office.js cannot load", async () => {
    const { context, page, problems } = await openContext(h, { blockOfficeJs: true });
    await page.goto(`${h.baseUrl}taskpane.html`);
    const message = page.locator('[data-testid="outside-excel"]');
    await message.waitFor({ timeout: 20_000 });
    expect((await message.textContent()) ?? "").toContain("Office's script did not load here");
    // Neither the pane nor the custom functions bundle (same page, shared runtime) may fail without office.js.
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});

describe("taskpane.html start-up (issue 11 item 7)", () => {
  it("explains at once, with no timer, when office.js cannot load (page time frozen)", async () => {
    const { context, page, problems } = await openContext(h, { blockOfficeJs: true });
    // With the page's clock frozen, a wait that polls or times out never ends: only an immediate decision shows.
    await page.clock.setFixedTime(new Date("2026-04-01T09:00:00Z"));
    await page.goto(`${h.baseUrl}taskpane.html`);
    const message = page.locator('[data-testid="outside-excel"]');
    await message.waitFor({ timeout: 15_000 });
    expect((await message.textContent()) ?? "").toContain("Office's script did not load here");
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it("keeps the 'too old' page where the engine lacks what the pane needs (WeakRef), instead of rendering over it", async () => {
    const { context, page } = await openContext(h, { blockOfficeJs: true });
    await page.addInitScript(() => {
      delete (window as unknown as { WeakRef?: unknown }).WeakRef;
    });
    await page.goto(`${h.baseUrl}taskpane.html`);
    await page.waitForLoadState("load");
    // Let React flush anything it was asked to render.
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
    await expect(page.locator("#too-old h1").textContent()).resolves.toBe("This version of Office is too old for Budget Tools");
    expect(await page.locator('[data-testid="outside-excel"]').count()).toBe(0);
    await context.close();
  });

  it("registers the ribbon buttons before Office is ready, says it is waiting, and follows a late onReady", async () => {
    // A stand-in office.js: records associate() calls; onReady resolves when the test says so.
    const stub = `window.Office = {
      actions: { associate: function (id) { (window.__associated = window.__associated || []).push(id); } },
      onReady: function () { return new Promise(function (resolve) { window.__officeReady = resolve; }); }
    };`;
    const { context, page, problems } = await openContext(h, { officeJsStub: stub });
    await page.clock.install();
    await page.goto(`${h.baseUrl}taskpane.html`);
    await page.waitForFunction(() => Array.isArray((window as unknown as { __associated?: string[] }).__associated));
    expect(await page.evaluate(() => (window as unknown as { __associated: string[] }).__associated)).toEqual(["showCheckSheets", "showPostLists", "showMembersPack"]);
    await expect(page.locator("#loading").textContent()).resolves.toContain("Loading Budget Tools");
    await page.clock.runFor(9_000);
    await page.getByTestId("waiting-for-excel").waitFor();
    await page.clock.runFor(60_000);
    await page.evaluate(() => (window as unknown as { __officeReady: (i: unknown) => void }).__officeReady({ host: "Word", platform: "PC" }));
    await expect(page.getByTestId("outside-excel").textContent()).resolves.toContain("It was opened in Word");
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});

describe("preview.html: the real task pane beside an in-memory workbook", () => {
  it("preview grid: shift-click selects a range; the formula bar writes a formula that calculates", async () => {
    const { context, page, problems } = await openPreview();
    const book = page.locator('[data-testid="workbook"]');
    await page.locator('[data-cell="A1"]').click();
    await page.locator('[data-cell="B3"]').click({ modifiers: ["Shift"] });
    await page.locator('[data-testid="workbook"][data-selection="A1:B3"]').waitFor();
    const sheet = (await book.getAttribute("data-active-sheet")) ?? "";
    const target = "A1";
    await page.locator(`[data-cell="${target}"]`).click();
    await page.locator(`[data-testid="workbook"][data-selection="${target}"]`).waitFor();
    const bar = page.getByTestId("formula-bar");
    await bar.fill("=2*21");
    await bar.press("Enter");
    await page.locator(`[data-cell="${target}"]`).filter({ hasText: "42" }).waitFor();
    expect(await api<unknown[][]>(page, "formulas", sheet, target)).toEqual([["=2*21"]]);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it("runs on Office's own Excel client loaded in the page, against the simulated host of the profile asked for", async () => {
    const { context, page, problems } = await openPreview("light", "&profile=mac-16.45");
    await page.getByText("Excel for Mac 16.45").first().waitFor();
    const client = await page.evaluate(() => {
      const g = window as unknown as { Excel: { RequestContext: unknown }; OfficeExtension: { ClientRequestContext: { prototype: object } } };
      return {
        office: Object.prototype.isPrototypeOf.call(g.OfficeExtension.ClientRequestContext.prototype, (g.Excel.RequestContext as { prototype: object }).prototype),
        requirements: (window as unknown as { Office: { context: { requirements: { isSetSupported(n: string, v: string): boolean } } } }).Office.context.requirements.isSetSupported("ExcelApi", "1.13"),
      };
    });
    expect(client).toEqual({ office: true, requirements: false });
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it("checks the faulty sample, selects a finding's cell and applies one fix without touching its neighbours", async () => {
    const { context, page, problems } = await openPreview("light");
    expect(await page.locator('[data-testid="workbook"]').getAttribute("data-active-sheet")).toBe("Market review");
    await page.getByRole("button", { name: "Check", exact: true }).click();
    const findings = page.locator('[data-testid="findings"]');
    await findings.waitFor();
    for (const [cell, rule] of [
      ["C2", "number-as-text"],
      ["D3", "net-exceeds-gross"],
      ["C5", "sum-range-gap"],
      ["B6", "blank-service"],
      ["C10", "total-hardcoded"],
    ]) {
      await expect(findings.locator(`button[data-cell="${cell}"][data-rule="${rule}"]`).count()).resolves.toBeGreaterThan(0);
    }
    await expect(page.getByTestId("notice").textContent()).resolves.toMatch(/Checked the active sheet: \d+ findings/);
    await page.screenshot({ path: path.join(RESULTS, "preview-check-light.png") });

    // A finding selects its cell in the workbook.
    await findings.locator('button[data-cell="C5"]').first().click();
    await page.locator('[data-testid="name-box"]', { hasText: "C5" }).waitFor();
    expect(await api<{ sheet: string; address: string }>(page, "selection")).toEqual({ sheet: "Market review", address: "C5" });
    expect(await page.locator('td[data-cell="C5"]').getAttribute("data-selected")).toBe("true");

    // Highlight, then clear: the fill comes and goes.
    await page.getByRole("button", { name: "Highlight cells" }).click();
    await page.getByTestId("notice").filter({ hasText: "Highlighted" }).waitFor();
    expect(await api<string | null>(page, "fill", "Market review", "C2")).not.toBeNull();
    await page.getByRole("button", { name: "Clear highlights" }).click();
    await page.getByTestId("notice").filter({ hasText: "Put back the fill" }).waitFor();
    expect(await api<string | null>(page, "fill", "Market review", "C2")).toBeNull();

    // Apply only the C2 fix (text amount -> number).
    const beforeValues = await api<unknown[][]>(page, "values", "Market review", "A1:E11");
    const beforeFormulas = await api<unknown[][]>(page, "formulas", "Market review", "A1:E11");
    const fixes = findings.getByRole("checkbox");
    const n = await fixes.count();
    expect(n).toBeGreaterThan(0);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const box = fixes.nth(i);
      const label = (await box.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? "")) || "";
      if (label.startsWith("C2:")) {
        kept++;
        await box.check();
      } else await box.uncheck();
    }
    expect(kept).toBe(1);
    await page.getByRole("button", { name: "Preview 1 fix" }).click();
    const preview = page.getByTestId("fix-preview");
    await preview.waitFor();
    expect((await preview.textContent()) ?? "").toContain("£15,125,000");
    await page.getByRole("button", { name: "Apply 1 change" }).click();
    await page.getByTestId("notice").filter({ hasText: "Fixed 1 cell" }).waitFor();
    const afterValues = await api<unknown[][]>(page, "values", "Market review", "A1:E11");
    const afterFormulas = await api<unknown[][]>(page, "formulas", "Market review", "A1:E11");
    expect(afterValues[1][2]).toBe(15125000);
    for (let r = 0; r < afterFormulas.length; r++) {
      for (let c = 0; c < afterFormulas[r].length; c++) {
        if (r === 1 && c === 2) continue;
        expect(afterFormulas[r][c], `cell ${String.fromCharCode(65 + c)}${r + 1}`).toEqual(beforeFormulas[r][c]);
        const isFormula = typeof beforeFormulas[r][c] === "string" && String(beforeFormulas[r][c]).startsWith("=");
        if (!isFormula) expect(afterValues[r][c]).toEqual(beforeValues[r][c]);
      }
    }
    // The check ran again: the C2 finding is gone.
    await expect(findings.locator('button[data-cell="C2"][data-rule="number-as-text"]').count()).resolves.toBe(0);

    // Write the check report: a new sheet with the findings table.
    await page.getByRole("button", { name: "Write check report" }).click();
    await page.getByTestId("notice").filter({ hasText: "Wrote the check report" }).waitFor();
    expect(await api<string[]>(page, "sheetNames")).toContain("Check report");
    const tables = await api<{ name: string; sheet: string }[]>(page, "tables");
    expect(tables.some((t) => t.sheet === "Check report")).toBe(true);

    expect(problems.pageErrors).toEqual([]);
    expect(problems.localFailures).toEqual([]);
    expect(unexpectedConsoleErrors(problems)).toEqual([]);
    await context.close();
  });

  it("post lists: finds the sample list, builds impact and structure tables, and asks before replacing", async () => {
    const { context, page, problems } = await openPreview("dark");
    await findPostList(page, "Sheet: Posts", "Found a post list of 16 posts");
    await page.getByTestId("mapping").waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(RESULTS, "preview-postlist-dark.png") });

    // Correct the mapping (similarity is not in the list), save it in the workbook, and find the list again.
    await page.getByTestId("mapping").getByLabel("Similarity").selectOption({ label: "(not in the list)" });
    await page.getByRole("button", { name: "Save mapping in this workbook" }).click();
    await page.getByTestId("notice").filter({ hasText: "Saved the column mapping" }).waitFor();
    await page.getByRole("button", { name: "Find post list" }).click();
    await page.getByTestId("notice").filter({ hasText: "using the mapping saved in this workbook" }).waitFor();
    await expect(page.getByTestId("mapping").getByLabel("Similarity").inputValue()).resolves.toBe("none");

    // Check it: the FTE typed as text is reported (with the shared findings list).
    await page.getByRole("button", { name: "Check post list" }).click();
    await page.locator('[data-testid="findings"] button[data-rule="number-as-text"]').first().waitFor();

    // Impact tables on a new sheet.
    const sheetsBefore = await api<string[]>(page, "sheetNames");
    await page.getByRole("button", { name: "Build impact tables" }).click();
    await page.getByTestId("notice").filter({ hasText: "Wrote the impact tables" }).waitFor();
    const impactSheet = (await api<string[]>(page, "sheetNames")).find((s) => !sheetsBefore.includes(s) && s.startsWith("Impact"));
    expect(impactSheet).toBeDefined();
    const impact = (await sheetText(page, impactSheet as string)).flat();
    expect(impact).toContain("Posts impacted");
    expect(impact).toContain("Director ICT");
    expect(impact.some((t) => t.includes("7 posts reduce to 6"))).toBe(true);
    expect((await page.getByTestId("impact-summary").textContent()) ?? "").toContain("7 posts reduce to 6");

    // Structure table under the new corporate director.
    await page.getByLabel("Top post").selectOption("SCS202");
    await page.getByRole("button", { name: "Build structure table" }).click();
    await page.getByTestId("notice").filter({ hasText: "Wrote the structure table" }).waitFor();
    const afterStructure = await api<string[]>(page, "sheetNames");
    const structureSheet = afterStructure.find((s) => !sheetsBefore.includes(s) && s !== impactSheet && !s.startsWith("_"));
    expect(structureSheet).toBeDefined();
    const grid = await sheetText(page, structureSheet as string, "A1:F12");
    expect(grid[3][0]).toBe("Corporate Director Strategic & Corporate Services");
    expect(grid[4].slice(0, 3)).toEqual([
      "Director Infrastructure",
      "Director Strategy, Policy, Relationships & Corporate Assurance",
      "Director Human Resources & Organisational Development",
    ]);
    expect(grid.map((r) => r[0])).toContain("ICT");
    expect(await api<string[]>(page, "merges", structureSheet as string)).toContain("A4:C4");
    await page.screenshot({ path: path.join(RESULTS, "preview-structure-dark.png") });

    // Rebuilding asks first, then replaces only the sheet the add-in made.
    await page.getByRole("button", { name: "Build structure table" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    expect((await dialog.textContent()) ?? "").toContain(structureSheet as string);
    await dialog.getByRole("button", { name: /^Replace/ }).click();
    await page.getByTestId("notice").filter({ hasText: `Wrote the structure table to the sheet "${structureSheet as string}"` }).waitFor();
    expect(await api<string[]>(page, "sheetNames")).toEqual(afterStructure);

    // One per directorate: the list has one directorate, under the head of paid service.
    await page.getByRole("button", { name: "Build one per directorate" }).click();
    await page.getByTestId("notice").filter({ hasText: "Wrote 1 structure table" }).waitFor();
    const perDirectorate = (await api<string[]>(page, "sheetNames")).filter((s) => !afterStructure.includes(s) && !s.startsWith("_"));
    expect(perDirectorate).toHaveLength(1);
    expect((await sheetText(page, perDirectorate[0], "A4:A4"))[0][0]).toBe("Head of Paid Service");

    expect(problems.pageErrors).toEqual([]);
    expect(problems.localFailures).toEqual([]);
    expect(unexpectedConsoleErrors(problems)).toEqual([]);
    await context.close();
  });

  it("costs with the council's own grade table chosen from a range, instead of the sample table", async () => {
    const { context, page, problems } = await openPreview("light");
    await findPostList(page, "Sheet: Posts", "Found a post list of 16 posts");
    expect((await page.locator("#panel-posts").getByTestId("grade-table").textContent()) ?? "").toContain("sample figures");

    await page.getByRole("button", { name: "Build impact tables" }).click();
    await page.getByTestId("notice").filter({ hasText: "Wrote the impact tables" }).waitFor();
    const sampleSummary = (await page.getByTestId("impact-summary").textContent()) ?? "";
    expect(sampleSummary).toMatch(/Full-year cost change: -£[\d,]+/);

    // The officer selects the grade table on the Grades sheet, as in Excel, and chooses it.
    await page.evaluate(async () => {
      const excel = (globalThis as unknown as { Excel: typeof Excel }).Excel;
      await excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Grades").activate();
        ctx.workbook.worksheets.getItem("Grades").getRange("A1:C9").select();
        await ctx.sync();
      });
    });
    await page.getByRole("button", { name: "Use the selected range as the grade table" }).click();
    await page.getByText("Grade table set", { exact: true }).waitFor();
    expect((await page.locator("#panel-posts").getByTestId("grade-table").textContent()) ?? "").toContain("Grades!A1:C9");
    expect((await page.locator("#panel-posts").getByTestId("grade-table").textContent()) ?? "").not.toContain("sample figures");

    // Rebuilding asks first, then the same restructure is costed on the council's own (higher) pay ranges.
    await page.getByRole("button", { name: "Build impact tables" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: /^Replace/ }).click();
    await page.getByTestId("notice").filter({ hasText: "Wrote the impact tables" }).waitFor();
    const ownSummary = (await page.getByTestId("impact-summary").textContent()) ?? "";
    const saving = (t: string): number => Number(/Full-year cost change: -£([\d,]+)/.exec(t)?.[1].replace(/,/g, "") ?? NaN);
    expect(saving(ownSummary)).toBeGreaterThan(saving(sampleSummary));
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it("finds a post list kept in an Excel table, chosen by the table's name", async () => {
    const { context, page, problems } = await openPreview("light");
    // The HR officer's list is an Excel table on its sheet.
    const tableRows = await page.evaluate(async () => {
      const excel = (globalThis as unknown as { Excel: typeof Excel }).Excel;
      return excel.run(async (ctx) => {
        const used = ctx.workbook.worksheets.getItem("Social Care posts").getUsedRange().load("address, rowCount");
        await ctx.sync();
        const t = ctx.workbook.worksheets.getItem("Social Care posts").tables.add(used.address, true);
        t.name = "SocialCareEstablishment";
        await ctx.sync();
        return used.rowCount;
      });
    });
    await findPostList(page, "Table: SocialCareEstablishment", `Found a post list of ${tableRows - 1} posts on "Social Care posts"`);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it("Cancel stops a long check at once and leaves the pane usable", async () => {
    // Every sync takes 1.5 s here, so checking every sheet takes several seconds.
    const { context, page, problems } = await openPreview("light", "&latency=1500");
    await page.getByRole("radio", { name: "Every sheet in the workbook" }).check();
    await page.getByRole("button", { name: "Check", exact: true }).click();
    const progress = page.getByTestId("task-progress");
    await progress.waitFor();
    await progress.getByRole("button", { name: /^Cancel/ }).click();
    await page.getByTestId("notice").filter({ hasText: "cancelled" }).waitFor({ timeout: 5_000 });
    expect(await progress.count()).toBe(0);
    expect(await page.locator('[data-testid="findings"]').count()).toBe(0);
    await expect(page.getByRole("button", { name: "Check", exact: true }).isEnabled()).resolves.toBe(true);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it("check returns: reads picked .xlsx files in the browser and writes a summary sheet", async () => {
    const { buildXlsx, marketReviewFaulty, marketReviewSimple } = await import("../fixtures/budgetSheets");
    const faulty = Buffer.from(await buildXlsx([marketReviewFaulty]));
    const clean = Buffer.from(await buildXlsx([{ ...marketReviewSimple, name: "Libraries" }]));
    const { context, page, problems } = await openPreview("light");
    await page.getByTestId("returns-input").setInputFiles([
      { name: "Adult services return.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: faulty },
      { name: "Libraries return.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: clean },
      { name: "Not a workbook.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from("hello") },
    ]);
    await page.getByRole("button", { name: "Check 3 files" }).click();
    await page.getByTestId("notice").filter({ hasText: "Checked 3 files" }).waitFor({ timeout: 30_000 });
    expect((await page.getByTestId("notice").textContent()) ?? "").toContain("1 could not be read");
    expect(await api<string[]>(page, "sheetNames")).toContain("Check returns");
    const cells = (await sheetText(page, "Check returns", "A1:F12")).flat();
    expect(cells).toContain("Adult services return.xlsx");
    expect(cells).toContain("Libraries return.xlsx");
    expect(cells.some((t) => t.startsWith("Could not be read"))).toBe(true);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it("members' pack: builds the pack and a shareable copy and opens each as a new workbook", async () => {
    const { context, page, problems } = await openPreview("light");
    await page.getByRole("tab", { name: "Members' pack" }).click();
    await page.getByLabel("Title").fill("Restructure 2024/25: members' pack");
    await page.getByLabel("Date").fill("01/10/2024");
    await page.getByRole("button", { name: "Create members' workbook" }).click();
    // The sample's sheets hold errors and unreadable savings lines: the pane says so first.
    await page.getByRole("alertdialog").getByRole("button", { name: "Build the pack anyway" }).click();
    await page.getByTestId("notice").filter({ hasText: "opened as a new workbook" }).waitFor({ timeout: 30_000 });
    expect((await page.getByTestId("notice").textContent()) ?? "").toMatch(/Found 2 post lists, 1 savings sheet and \d+ budget sheets?/);
    expect(await api<number>(page, "createdWorkbooks")).toBe(1);
    await page.getByRole("button", { name: "Make shareable copy" }).click();
    await page.getByTestId("notice").filter({ hasText: "The shareable copy opened as a new workbook" }).waitFor({ timeout: 30_000 });
    expect((await page.getByTestId("notice").textContent()) ?? "").toContain("2 formulas replaced by their values");
    expect(await api<number>(page, "createdWorkbooks")).toBe(2);
    // What Excel was asked to open: the pack (cover first, no BUDGET functions) and the shareable copy (values).
    const ExcelJS = (await import("exceljs")).default;
    const pack = new ExcelJS.Workbook();
    await pack.xlsx.load(Buffer.from(await api<string>(page, "createdWorkbook", 0), "base64") as unknown as ArrayBuffer);
    const packSheets = pack.worksheets.map((w) => w.name);
    expect(packSheets[0]).toBe("Cover");
    expect(packSheets.length).toBeGreaterThan(3);
    expect(String(pack.getWorksheet("Cover")?.getCell("A1").value)).toContain("Restructure 2024/25: members' pack");
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.load(Buffer.from(await api<string>(page, "createdWorkbook", 1), "base64") as unknown as ArrayBuffer);
    const costs = copy.getWorksheet("Costs");
    expect(typeof costs?.getCell("D2").value).toBe("number");
    expect((costs?.getCell("D4").value as { formula?: string } | null)?.formula).toBe("SUM(D2:D3)");
    // The open workbook keeps its BUDGET formulas.
    expect((await api<unknown[][]>(page, "formulas", "Costs", "D2"))[0][0]).toBe("=BUDGET.GRADECOST(B2,C2)");
    await page.getByTestId("created-workbooks").waitFor();
    expect(problems.pageErrors).toEqual([]);
    expect(unexpectedConsoleErrors(problems)).toEqual([]);
    await context.close();
  });

  it("is keyboard reachable: Tab reaches the section tabs and the main buttons, with a visible focus", async () => {
    const { context, page } = await openPreview("light");
    const reached: string[] = [];
    let focusVisible = false;
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return { name: "", visible: false };
        const name = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim();
        const style = getComputedStyle(el);
        const after = getComputedStyle(el, "::after");
        const visible = el.matches(":focus-visible") && (style.outlineStyle !== "none" || style.boxShadow !== "none" || after.borderStyle !== "none" || after.outlineStyle !== "none");
        return { name, visible };
      });
      reached.push(info.name);
      if (info.name === "Check") focusVisible = info.visible;
    }
    expect(reached).toContain("Check sheets");
    expect(reached).toContain("Check");
    expect(focusVisible).toBe(true);
    // The section tabs switch with the arrow keys.
    await page.getByRole("tab", { name: "Check sheets" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Find post list" }).waitFor();
    await context.close();
  });

  it("renders sensibly in light and dark themes (screenshots for review)", async () => {
    for (const theme of ["light", "dark"] as const) {
      const { context, page } = await openPreview(theme);
      expect(await page.locator("[data-theme]").first().getAttribute("data-theme")).toBe(theme);
      await page.getByRole("button", { name: "Check", exact: true }).click();
      await page.locator('[data-testid="findings"]').waitFor();
      await page.waitForTimeout(500); // let Fluent's colour transitions finish
      await page.screenshot({ path: path.join(RESULTS, `preview-${theme}.png`) });
      await page.getByRole("tab", { name: "Functions" }).click();
      await page.getByText("sample data").waitFor();
      await page.getByRole("tab", { name: "Members' pack" }).click();
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(RESULTS, `preview-pack-${theme}.png`) });
      await context.close();
    }
  });
});
