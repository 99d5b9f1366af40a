/**
 * Pay-award assumptions in the task pane (real browser, preview page): the officer states an award for the
 * year after the sample table, the pay year list then offers that year as projected, and the impact tables
 * are costed for it with the projection shown beside the year.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openContext, startHarness, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

describe("pay-award assumptions in the pane", () => {
  it("adds a 2025/26 award, offers 2025/26 as projected and costs the impact tables for it", async () => {
    const { context, page, problems } = await openContext(h, { colorScheme: "light" });
    await page.goto(`${h.baseUrl}preview.html?theme=light`);
    await page.locator('[data-testid="workbook"]').waitFor();
    await page.getByRole("tab", { name: "Post lists" }).click();
    const where = page.getByLabel("Where is the post list?");
    await where.focus();
    const option = where.locator("option", { hasText: "Sheet: Posts" });
    await option.waitFor({ state: "attached" });
    await where.selectOption({ value: (await option.getAttribute("value")) ?? "" });
    await page.getByRole("button", { name: "Find post list" }).click();
    await page.getByTestId("notice").filter({ hasText: "Found a post list" }).waitFor();

    const panel = page.locator("#panel-posts");
    const year = panel.getByLabel("Pay year");
    // Before any assumption, the sample table's years only: 2023/24 and 2024/25.
    expect(await year.locator("option").allTextContents()).toEqual(["2023/24", "2024/25"]);
    await panel.getByRole("button", { name: "Add a pay award for 2025/26" }).click();
    await panel.getByLabel("Pay award 2025/26").waitFor();
    expect(await panel.getByTestId("pay-award-projection").textContent()).toBe(
      "2025/26 pay is projected from the 2024/25 ranges with assumed pay awards of 3% in 2025/26.",
    );
    expect(await year.locator("option").allTextContents()).toEqual(["2023/24", "2024/25", "2025/26 (projected)"]);
    await year.selectOption("2025");
    await panel.getByText("Projected: 2025/26 pay is projected").waitFor();
    await page.getByRole("button", { name: "Build impact tables" }).click();
    await page.getByTestId("notice").filter({ hasText: "Wrote the impact tables" }).waitFor();
    expect((await page.getByTestId("impact-summary").textContent()) ?? "").toMatch(/Full-year cost change: -£[\d,]+/);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
