/**
 * Parts of the pane that load on demand and cannot be fetched (a dropped connection; a pane left open while a new
 * version is published, so its old chunk names are gone): the fetch is tried again, and if it still fails the pane
 * says so where the part would be, with Try again, and everything else goes on working. Never a blank pane and
 * never "Loading…" for ever. Built pages in Chromium, with the chunk's requests failed by the test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { AXE, axeViolations, openContext, startHarness, type Harness } from "./harness";

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

  it("says so in its tab, with Try again, while the other tabs work; Try again opens it once it can be fetched", async () => {
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

    // The rest of the pane is still there and works.
    await page.getByRole("tab", { name: "Functions" }).click();
    await page.getByRole("list", { name: "BUDGET functions" }).waitFor();
    await page.getByRole("tab", { name: "Check sheets" }).click();
    await page.getByRole("button", { name: "Check", exact: true }).click();
    await page.getByText(/Checked the active sheet/).first().waitFor();

    // Back online: Try again fetches it again and the tab opens.
    offline = false;
    await page.getByRole("tab", { name: "Post lists" }).click();
    await failed.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("button", { name: "Find post list" }).waitFor();
    expect(asked()).toBe(4);
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
