/**
 * Issue 13 in a real browser (Chromium, the built preview page): safe fixes with undo, the add-in's own output
 * never read as input, the members' pack asking first and listing what it left out, every finding of every
 * return, one grade table statement in every tab, post list faults, "nothing to check", the user's place kept
 * (results at the button and in view, focus back on the control, one live region), 320 px and 380 px panes
 * with nothing overlapping or scrolling sideways, and Insert on the Functions tab.
 *
 * axe-core runs on every state below, light and dark, and the test fails on any violation in the add-in's own
 * markup. Known Fluent UI findings are left out by their node (listed in FLUENT_KNOWN). Screenshots of the
 * states at 320 px go to test-results/pane-<theme>-<state>.png.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { AXE, api, axeViolations, DIST, excel, RESULTS, openContext, startHarness, type Harness } from "./harness";
import { functionsYearText } from "../../src/taskpane/gradeTable";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});



async function open(theme: "light" | "dark", width: number) {
  const opened = await openContext(h, { colorScheme: theme, viewport: { width: 1200, height: 800 } });
  await opened.page.goto(`${h.baseUrl}preview.html?theme=${theme}`);
  await opened.page.locator('[data-testid="workbook"]').waitFor();
  await opened.page.addStyleTag({ content: `.pv-pane { width: ${width}px !important; }` });
  await opened.page.addScriptTag({ content: AXE });
  return opened;
}

/** The pane scrolls sideways, or two form fields overlap. */
async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const pane = document.querySelector("aside.pv-pane") as HTMLElement;
    if (pane.scrollWidth > pane.clientWidth + 1) out.push(`pane scrolls sideways: ${pane.scrollWidth} > ${pane.clientWidth}`);
    const paneBox = pane.getBoundingClientRect();
    const fields = [...pane.querySelectorAll<HTMLElement>(".fui-Field, button, select, input:not([type=file])")].filter((e) => e.offsetParent !== null);
    for (const f of fields) {
      const b = f.getBoundingClientRect();
      if (b.width > 0 && b.right > paneBox.right + 1) out.push(`${f.tagName} "${(f.textContent ?? "").slice(0, 30)}" ends ${Math.round(b.right - paneBox.right)} px past the pane`);
    }
    const boxes = [...pane.querySelectorAll<HTMLElement>(".fui-Field")].filter((e) => e.offsetParent !== null).map((e) => ({ e, b: e.getBoundingClientRect() }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].b;
        const c = boxes[j].b;
        if (boxes[i].e.contains(boxes[j].e) || boxes[j].e.contains(boxes[i].e)) continue;
        const overlap = Math.min(a.right, c.right) - Math.max(a.left, c.left) > 1 && Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top) > 1;
        if (overlap) out.push(`fields overlap: "${(boxes[i].e.textContent ?? "").slice(0, 20)}" and "${(boxes[j].e.textContent ?? "").slice(0, 20)}"`);
      }
    }
    return out;
  });
}

/** The visible notice whose text matches, checked to be in view in the pane. */
async function noticeInView(page: Page, text: string | RegExp): Promise<string> {
  const n = page.getByTestId("notice").filter({ hasText: text }).first();
  await n.waitFor({ timeout: 30_000 });
  const inView = await n.evaluate((el) => {
    const pane = document.querySelector("aside.pv-pane") as HTMLElement;
    const p = pane.getBoundingClientRect();
    const b = el.getBoundingClientRect();
    return b.top >= p.top - 1 && b.top < p.bottom;
  });
  expect(inView, `notice "${String(text)}" is in view`).toBe(true);
  return (await n.textContent()) ?? "";
}

async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "<body>";
    return (el.getAttribute("aria-label") ?? el.textContent ?? "").trim();
  });
}

async function state(page: Page, theme: string, width: number, name: string, seen: Map<string, string[]>): Promise<void> {
  await page.waitForTimeout(250); // Fluent's colour transitions
  // A dialog fading in has half-contrast text: let every running animation and transition finish first.
  await page.evaluate(() => {
    const finite = document.getAnimations().filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime ?? Infinity)));
    const done = Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    return Promise.race([done, new Promise((r) => setTimeout(r, 3_000))]);
  });
  const v = await axeViolations(page);
  seen.set(`${theme} ${name}`, v);
  const layout = await layoutFaults(page);
  expect(layout, `${theme} ${width}px ${name}: layout`).toEqual([]);
  if (width === 320) await page.locator("aside.pv-pane").screenshot({ path: path.join(RESULTS, `pane-${theme}-${name}.png`) });
}

async function activate(page: Page, sheet: string): Promise<void> {
  await excel(page, `ctx.workbook.worksheets.getItem(${JSON.stringify(sheet)}).activate(); await ctx.sync();`);
}

for (const [theme, width] of [
  ["light", 320],
  ["dark", 320],
  ["light", 380],
] as const) {
  describe(`the task pane, ${theme}, ${width} px`, () => {
    it("keeps fixes safe, never reads its own output, and keeps the user's place; axe finds nothing in its markup", async () => {
      const { context, page, problems } = await open(theme, width);
      const seen = new Map<string, string[]>();
      const live = page.getByTestId("live-region");
      expect(await live.count()).toBe(1);
      // The scan can fail: an unlabelled input in the pane is reported, and removed again.
      await page.evaluate(() => {
        const i = document.createElement("input");
        i.id = "axe-control";
        document.querySelector("aside.pv-pane")?.appendChild(i);
      });
      expect((await axeViolations(page)).some((v) => v.startsWith("label:"))).toBe(true);
      await page.evaluate(() => document.getElementById("axe-control")?.remove());

      // The version the deployed manifest states, at the foot of the pane (task-pane review 7: no version shown).
      const manifestVersion = /<Version>([^<]+)<\/Version>/.exec(readFileSync(path.join(DIST, "manifest.xml"), "utf8"))?.[1];
      expect(manifestVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(await page.getByTestId("version").textContent()).toBe(`Budget Tools ${manifestVersion}`);

      // Item 5: which figures use which grade table, in every tab.
      for (const tab of ["Post lists", "Members' pack", "Functions", "Check sheets"]) {
        await page.getByRole("tab", { name: tab }).click();
        const statement = page.getByTestId("grade-table-statement");
        await expect(statement.isVisible()).resolves.toBe(true);
        expect((await statement.textContent()) ?? "").toMatch(/Pane figures: .*pay year 2024\/25\. BUDGET functions in cells: the sample grade table and /);
        // The year the functions really cost with when a formula gives none (not always the current year).
        expect((await statement.textContent()) ?? "").toContain(`the sample grade table and ${functionsYearText()} unless the formula gives its own`);
      }
      await state(page, theme, width, "check-start", seen);

      // Item 1 and 9: Check; fixes beside findings with their results; the C10 total is held back.
      const check = page.getByRole("button", { name: "Check", exact: true });
      await check.click();
      const text = await noticeInView(page, /Checked the active sheet: \d+ findings/);
      expect(await live.textContent()).toContain(text.trim().slice(0, 30));
      expect(await focusedText(page)).toBe("Check");
      const findings = page.getByTestId("findings");
      expect(await findings.locator('button[data-cell="C2"][data-fix="true"]').count()).toBe(1);
      expect(((await findings.locator('button[data-cell="C2"]').first().textContent()) ?? "")).toContain("Fix available");
      const c10 = findings.getByRole("checkbox", { name: /^C10: / });
      await expect(c10.isChecked()).resolves.toBe(false);
      expect((await findings.locator("li").filter({ has: page.getByRole("checkbox", { name: /^C10: / }) }).first().textContent()) ?? "").toContain("Held back: C10 would show #REF! until C9 is corrected");
      expect(await findings.getByRole("checkbox", { name: /^C2: .*Result: £15,125,000\./ }).count()).toBe(1);
      await state(page, theme, width, "check-findings", seen);

      // Go to a finding: focus comes back to that finding.
      await findings.locator('button[data-cell="C5"]').first().click();
      await page.locator('[data-testid="name-box"]', { hasText: "C5" }).waitFor();
      await expect.poll(() => focusedText(page)).toContain("C5");

      // Preview and apply the safe fixes; the grand total stays £60,000,000; Undo restores every cell exactly.
      const picture = async (): Promise<string> =>
        JSON.stringify(await excel(page, `const r = ctx.workbook.worksheets.getItem("Market review").getRange("A1:E11").load("values, formulas, numberFormat"); await ctx.sync(); return [r.values, r.formulas, r.numberFormat];`));
      const before = await picture();
      const previewButton = page.getByRole("button", { name: /^Preview \d+ fix/ });
      await previewButton.click();
      const preview = page.getByTestId("fix-preview");
      await preview.waitFor();
      expect((await preview.textContent()) ?? "").toContain("Shows: £15,125,000");
      expect((await preview.textContent()) ?? "").not.toContain("C10");
      await state(page, theme, width, "fix-preview", seen);
      await page.getByRole("button", { name: /^Apply \d+ change/ }).click();
      const fixed = await noticeInView(page, /^Fixed \d+ cells?/);
      expect(fixed).toContain("Undo puts");
      expect(await focusedText(page)).not.toBe("<body>");
      expect((await api<unknown[][]>(page, "values", "Market review", "C10"))[0][0]).toBe(60000000);
      expect(await picture()).not.toBe(before);
      await state(page, theme, width, "fixes-applied", seen);
      await page.getByRole("button", { name: /^Undo the last fixes/ }).click();
      await noticeInView(page, /^Put back \d+ cells? as/);
      expect(await picture()).toBe(before);

      // The reversed range: "15-10" gets the fix "10-15".
      await activate(page, "Savings");
      await check.click();
      await noticeInView(page, /Checked the active sheet/);
      expect(await findings.getByRole("checkbox", { name: /^B5: Write the lower figure first: "15-10" becomes "10-15"\. Result: 10-15\./ }).count()).toBe(1);

      // Item 8: a grade table is not "no faults found".
      await activate(page, "Grades");
      await check.click();
      expect(await noticeInView(page, /Nothing to check was found in the active sheet/)).toContain("The checker looks for budget tables");
      await state(page, theme, width, "nothing-to-check", seen);

      // Item 2: write the check report; every sheet leaves it out; checking it directly says so.
      await activate(page, "Market review");
      await check.click();
      await noticeInView(page, /Checked the active sheet/);
      const write = page.getByRole("button", { name: "Write check report" });
      await write.click();
      await noticeInView(page, /Wrote the check report to the sheet "Check report"/);
      // Writing again asks; Escape puts focus back on the button.
      await write.click();
      const dialog = page.getByRole("alertdialog");
      await dialog.waitFor();
      await state(page, theme, width, "replace-dialog", seen);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      await expect.poll(() => focusedText(page)).toBe("Write check report");
      await page.getByRole("radio", { name: "Every sheet in the workbook" }).check();
      await check.click();
      expect(await noticeInView(page, /Checked every sheet/)).toContain('Left out the add-in\'s own output sheet "Check report"');
      expect(await findings.locator('button[data-sheet="Check report"]').count()).toBe(0);
      const labels = await findings.getByRole("checkbox").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels?.[0]?.textContent ?? ""));
      expect(labels.length).toBeGreaterThan(0);
      for (const l of labels) expect(l).toMatch(/^[^!:]+![A-Z]+\d+: /);
      await state(page, theme, width, "every-sheet", seen);
      await page.getByRole("radio", { name: "The active sheet" }).check();
      await activate(page, "Check report");
      await check.click();
      await noticeInView(page, /"Check report" is a sheet the add-in wrote/);

      // Item 4 and 6: check returns, every finding per file, a report sheet, readable file errors.
      const { buildXlsx, marketReviewFaulty } = await import("../fixtures/budgetSheets");
      const faulty = Buffer.from(await buildXlsx([marketReviewFaulty]));
      await page.getByTestId("returns-input").setInputFiles([
        { name: "Adult services return.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: faulty },
        { name: "Libraries return with a long file name that must wrap in the pane.csv", mimeType: "text/csv", buffer: Buffer.from("Service,Budget\nLibraries,100\n") },
      ]);
      expect((await page.getByTestId("chosen-files").textContent()) ?? "").toContain("Adult services return.xlsx");
      await page.getByRole("button", { name: "Check 2 files" }).click();
      await noticeInView(page, /Checked 2 files: .* information; 1 could not be read/);
      const results = page.getByTestId("returns-results");
      await results.getByRole("button", { name: /^Adult services return\.xlsx: \d+ errors/ }).click();
      const shown = await results.locator("li").count();
      expect(shown).toBeGreaterThanOrEqual(9);
      await results.getByRole("button", { name: /\.csv: could not be read/ }).click();
      // The reader's own sentence, named for the file.
      expect((await results.textContent()) ?? "").toMatch(/\.csv: This is a CSV or text file, not an Excel workbook\. Open it in Excel and save it as an Excel Workbook \(\.xlsx\)/);
      expect((await results.textContent()) ?? "").not.toContain("central directory");
      const report = (await api<unknown[][]>(page, "values", "Returns findings", "A1:G40")).map((r) => r.map(String));
      expect(report.filter((r) => r[0] === "Adult services return.xlsx" && r[2] !== "").length).toBe(shown);
      await state(page, theme, width, "returns", seen);

      // Item 7: post lists.
      await page.getByRole("tab", { name: "Post lists" }).click();
      const where = page.getByLabel("Where is the post list?");
      await where.focus();
      await where.locator("option", { hasText: "Sheet: Posts" }).waitFor({ state: "attached" });
      await where.selectOption({ label: "Sheet: Posts" });
      await page.getByRole("button", { name: "Find post list" }).click();
      expect(await noticeInView(page, /Found a post list of 16 posts/)).toContain('"=Head of Internal Communications (interim)"');
      const top = page.getByLabel("Top post");
      const offered = await top.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(offered).toContain("SCS202");
      expect(offered).not.toContain("SCS102");
      expect(offered).not.toContain("SCS103");
      await page.getByTestId("mapping").getByLabel("Similarity").selectOption({ label: "(not in the list)" });
      await page.getByTestId("mapping-unsaved").waitFor();
      await page.getByRole("button", { name: /^Check post list/ }).click();
      await noticeInView(page, /Checked with your column changes, which are not saved yet/);
      await state(page, theme, width, "post-lists", seen);
      await top.selectOption("SCS202");
      const sheetsBefore = await api<string[]>(page, "sheetNames");
      await page.getByRole("button", { name: "Build structure table" }).click();
      await noticeInView(page, /Wrote the structure table/);
      const made = (await api<string[]>(page, "sheetNames")).filter((s) => !sheetsBefore.includes(s) && !s.startsWith("_"));
      expect(made).toEqual(["Structure Strategic & Corp Svcs"]);

      // The org chart offers only posts the structure chosen can draw (review, top 10 #7), and its drawing runs as the
      // pane's other actions do: outcome at the control, focus back on the button.
      const orgGroup = page.getByRole("group", { name: "Org chart" });
      const orgTop = orgGroup.getByLabel("Org chart from post");
      const orgOptions = (): Promise<string[]> => orgTop.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(await orgOptions()).not.toContain("SCS102");
      await orgGroup.getByLabel("Structure", { exact: true }).selectOption({ label: "Current (deleted posts marked)" });
      expect(await orgOptions()).toContain("SCS102");
      await orgGroup.getByLabel("Structure", { exact: true }).selectOption({ label: "Proposed (new posts marked)" });
      const drawButton = orgGroup.getByRole("button", { name: "Draw org chart" });
      await drawButton.click();
      await orgGroup.getByTestId("notice").waitFor();
      await expect.poll(() => drawButton.evaluate((b) => b === document.activeElement)).toBe(true);

      // Item 5: choose the council's own table; the statement says which figures use it, and the BUDGET
      // formulas on the sample table are made to use it (after asking), with the pane's pay year.
      await excel(page, `const s = ctx.workbook.worksheets.getItem("Grades"); s.activate(); s.getRange("A1:C9").select(); await ctx.sync();`);
      await page.getByRole("button", { name: "Use the selected range as the grade table" }).click();
      await page.getByText("Grade table set", { exact: true }).waitFor();
      expect((await page.getByTestId("grade-table-statement").textContent()) ?? "").toContain('e.g. =BUDGET.GRADECOST("KR17", 1, "min", 2024, Grades!$A$1:$C$9)');
      const sampleCost = (await api<unknown[][]>(page, "values", "Costs", "D2"))[0][0];
      await page.getByRole("button", { name: "Make BUDGET formulas use this table" }).click();
      const change = page.getByRole("alertdialog");
      await change.waitFor();
      await state(page, theme, width, "formulas-ask", seen);
      await change.getByRole("button", { name: "Change 2 formulas" }).click();
      await noticeInView(page, /Changed 2 formulas to use Grades!\$A\$1:\$C\$9 and 2024\/25/);
      expect((await api<unknown[][]>(page, "formulas", "Costs", "D2:D3")).map((r) => r[0])).toEqual(["=BUDGET.GRADECOST(B2,C2,,2024,Grades!$A$1:$C$9)", "=BUDGET.GRADECOST(B3,C3,,2024,Grades!$A$1:$C$9)"]);
      const ownCost = (await api<unknown[][]>(page, "values", "Costs", "D2"))[0][0];
      expect(typeof ownCost).toBe("number");
      expect(ownCost).not.toBe(sampleCost);

      // Item 3: the members' pack asks first, and lists the savings lines it leaves out.
      await page.getByRole("tab", { name: "Members' pack" }).click();
      await page.getByRole("button", { name: "Create members' workbook" }).click();
      const ask = page.getByRole("alertdialog");
      await ask.waitFor();
      const body = (await ask.textContent()) ?? "";
      expect(body).toMatch(/\d+ errors?/);
      // "15-10" in B5 counts as 10-15 (issue 14): only B6 is left out.
      expect(body).toContain('1 savings line cannot be read and will be left out of the totals, listed on the pack\'s Savings sheet: Savings!B6 "about twenty"');
      await state(page, theme, width, "pack-ask", seen);
      await ask.getByRole("button", { name: "Build the pack anyway" }).click();
      expect(await noticeInView(page, /opened as a new workbook/)).toContain("1 savings line left out, listed on its Savings sheet");
      const ExcelJS = (await import("exceljs")).default;
      const pack = new ExcelJS.Workbook();
      await pack.xlsx.load(Buffer.from(await api<string>(page, "createdWorkbook", 0), "base64") as unknown as ArrayBuffer);
      const packText = pack.worksheets.flatMap((w) => w.getSheetValues().flat().map((v) => String(v ?? "")));
      expect(packText).toContain("Lines left out of these totals (1)");
      expect(pack.worksheets.map((w) => w.name).join("|")).not.toContain("Check report");
      await state(page, theme, width, "pack-built", seen);

      // Item 12: Insert puts a function in the selected cell; each function links to its help.
      await page.getByRole("tab", { name: "Functions" }).click();
      await excel(page, `const s = ctx.workbook.worksheets.getItem("Grades"); s.activate(); s.getRange("E2:F2").select(); await ctx.sync();`);
      await excel(page, `const s = ctx.workbook.worksheets.getItem("Grades"); s.getRange("E2:F2").values = [["KR17", 1]]; await ctx.sync();`);
      await page.getByRole("button", { name: "Insert BUDGET.GRADECOST into the selected cell" }).click();
      expect(await noticeInView(page, /Put =BUDGET\.GRADECOST\(E2, F2\) in Grades!G2/)).toContain("It shows");
      expect((await api<unknown[][]>(page, "formulas", "Grades", "G2"))[0][0]).toBe("=BUDGET.GRADECOST(E2, F2)");
      const help = page.getByRole("link", { name: "Help on BUDGET.GRADECOST" });
      expect(await help.getAttribute("href")).toBe("help.html#gradecost");
      const helpPage = await page.request.get(new URL("help.html", page.url()).toString());
      expect(helpPage.ok()).toBe(true);
      expect(await helpPage.text()).toContain('id="gradecost"');
      await state(page, theme, width, "functions", seen);

      // Zero axe violations in the add-in's own markup, in every state.
      expect(seen.size).toBeGreaterThanOrEqual(12);
      const all = [...seen.entries()].filter(([, v]) => v.length > 0).map(([k, v]) => `${k}: ${v.join("; ")}`);
      expect(all).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
      await context.close();
    });
  });
}

describe("taskpane.html outside Excel at 320 px", () => {
  it("wraps the long Mac path instead of scrolling sideways", async () => {
    const { context, page } = await openContext(h, { viewport: { width: 320, height: 700 } });
    await page.goto(`${h.baseUrl}taskpane.html`);
    await page.locator('[data-testid="outside-excel"]').waitFor({ timeout: 15_000 });
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await page.screenshot({ path: path.join(RESULTS, "pane-outside-excel-320.png"), fullPage: true });
    await context.close();
  });
});
