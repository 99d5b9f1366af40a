/**
 * Parts of the pane that load on demand and cannot be fetched (a dropped connection; a pane left open while a new
 * version is published, so its old chunk names are gone): the fetch is tried again, and if it still fails the pane
 * says so where the part would be, with Try again, and everything else goes on working. Never a blank pane and
 * never "Loading…" for ever. Built pages in Chromium, with the chunk's requests failed by the test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { AXE, api, axeViolations, excel, openContext, startHarness, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Fail the requests for a chunk (`name`.<hash>.js) while `failing()` says so; returns how many were asked for. */
async function failChunk(page: Page, name: string, failing: (n: number) => boolean): Promise<() => number> {
  let requests = 0;
  await page.route(new RegExp(`/${name}\\.[0-9a-f]+\\.js$`), (route) => {
    requests++;
    return failing(requests) ? route.abort("internetdisconnected") : route.fallback();
  });
  return () => requests;
}

async function openPreview(page: Page): Promise<void> {
  await page.goto(`${h.baseUrl}preview.html?theme=light`);
  await page.locator('[data-testid="workbook"]').waitFor();
  await page.getByRole("button", { name: "Check", exact: true }).waitFor();
}

describe("a part of the pane that cannot be fetched", () => {
  it("is fetched again after a dropped request, and the tab opens", async () => {
    const { context, page } = await openContext(h);
    const asked = await failChunk(page, "tab-posts", (n) => n === 1);
    await openPreview(page);
    await page.getByRole("tab", { name: "Post lists" }).click();
    await page.getByRole("button", { name: "Find post list" }).waitFor();
    expect(asked()).toBe(2);
    await context.close();
  });

  it("says so in its tab, with Try again; Try again alone fetches it again once it can be", async () => {
    const { context, page } = await openContext(h);
    let offline = true;
    const asked = await failChunk(page, "tab-posts", () => offline);
    await openPreview(page);
    await page.addScriptTag({ content: AXE });
    await page.getByRole("tab", { name: "Post lists" }).click();
    const failed = page.locator("#panel-posts [data-testid=chunk-failed]");
    await failed.waitFor();
    expect(await failed.textContent()).toContain("Post lists could not be loaded. Check the connection and try again.");
    expect(asked()).toBe(3); // the first fetch and two more
    // Said in the pane's one live region.
    await expect.poll(() => page.getByTestId("live-region").textContent()).toContain("Post lists could not be loaded.");
    expect(await axeViolations(page)).toEqual([]);
    // Back online: Try again, and nothing else, fetches it again and the tab opens.
    offline = false;
    await failed.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("button", { name: "Find post list" }).waitFor();
    expect(asked()).toBe(4);
    await context.close();
  });

  it("a tab that cannot be fetched leaves the other tabs working", async () => {
    const { context, page } = await openContext(h);
    await failChunk(page, "tab-pack", () => true);
    await openPreview(page);
    await page.getByRole("tab", { name: "Members' pack" }).click();
    await page.locator("#panel-pack [data-testid=chunk-failed]").waitFor();
    await page.getByRole("tab", { name: "Functions" }).click();
    await page.getByRole("list", { name: "BUDGET functions" }).waitFor();
    await page.getByRole("tab", { name: "Check sheets" }).click();
    await page.getByRole("button", { name: "Check", exact: true }).click();
    await page.getByText(/Checked the active sheet/).first().waitFor();
    await context.close();
  });

  it("a question whose dialog cannot be fetched is answered no: nothing is changed and the action ends", async () => {
    const { context, page } = await openContext(h);
    await failChunk(page, "dialog", () => true);
    await openPreview(page);
    await page.getByRole("tab", { name: "Functions" }).click();
    // A cell that is not empty: Insert asks before replacing it.
    await excel(page, `const s = ctx.workbook.worksheets.getItem("Grades"); s.activate(); s.getRange("H2").values = [["keep me"]]; s.getRange("H2").select(); await ctx.sync();`);
    await page.getByRole("button", { name: "Insert BUDGET.GRADECOST into the selected cell" }).click();
    await page.getByText(/Nothing was changed: Grades!H2 was left as it is/).first().waitFor();
    expect(await page.getByTestId("question-failed").textContent()).toContain("The question could not be shown, so nothing was changed.");
    expect((await api<unknown[][]>(page, "values", "Grades", "H2"))[0][0]).toBe("keep me");
    // The pane is free again.
    await expect(page.getByRole("button", { name: "Insert BUDGET.GRADECOST into the selected cell" }).isEnabled()).resolves.toBe(true);
    await context.close();
  });

  it("work whose progress bar cannot be fetched still says what it is doing, and can be cancelled", async () => {
    const { context, page } = await openContext(h);
    await failChunk(page, "progress", () => true);
    // The checks' own code arrives late, so the check is still running when the bar has failed for good.
    await page.route(/\/check-run\.[0-9a-f]+\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      await route.fallback();
    });
    await openPreview(page);
    await page.getByRole("button", { name: "Check", exact: true }).click();
    const plain = page.getByTestId("task-progress-plain");
    await plain.waitFor({ timeout: 5_000 });
    await plain.getByRole("button", { name: /^Cancel: / }).click();
    await page.getByText(/: cancelled\./).first().waitFor();
    await context.close();
  });

  it("a notice whose bar cannot be fetched is shown as plain text", async () => {
    const { context, page } = await openContext(h);
    await failChunk(page, "notice", () => true);
    await openPreview(page);
    await page.getByRole("button", { name: "Check", exact: true }).click();
    const plain = page.getByTestId("notice-plain").first();
    await plain.waitFor();
    expect(await plain.textContent()).toMatch(/Checked the active sheet: \d+ findings/);
    await context.close();
  });

  it("an action's code (the checks) is fetched again after a dropped request; if it cannot be, the notice says so in words", async () => {
    const { context, page } = await openContext(h);
    let failing = (n: number): boolean => n === 1;
    const asked = await failChunk(page, "check-run", (n) => failing(n));
    await openPreview(page);
    await page.getByRole("button", { name: "Check", exact: true }).click();
    await page.getByText(/Checked the active sheet/).first().waitFor();
    expect(asked()).toBe(2);
    await context.close();

    const second = await openContext(h);
    failing = () => true;
    await failChunk(second.page, "check-run", (n) => failing(n));
    await openPreview(second.page);
    await second.page.getByRole("button", { name: "Check", exact: true }).click();
    await second.page.getByText("A part of Budget Tools could not be loaded. Check the connection and try again.", { exact: false }).first().waitFor();
    await second.context.close();
  });

  it("the pane itself: \"Loading…\" gives way to what to do", async () => {
    const { context, page } = await openContext(h, { blockOfficeJs: true });
    const asked = await failChunk(page, "pane", () => true);
    await page.goto(`${h.baseUrl}taskpane.html`);
    const failed = page.getByTestId("pane-failed");
    await expect.poll(() => failed.textContent(), { timeout: 10_000 }).toContain("Budget Tools could not be loaded. Check the connection and try again.");
    expect(await failed.getAttribute("role")).toBe("status");
    expect(asked()).toBe(3);
    await context.close();
  });
});
