/**
 * Tabs other than the first load on demand (React.lazy chunks): in the built preview page (the real pane), the
 * Post lists, Members' pack and Functions chunks are not fetched at start-up, each is fetched when its tab is
 * first opened, and every tab still renders its content; a tab opened before keeps its state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openContext, startHarness, unexpectedConsoleErrors, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

describe("task pane tabs load on demand", () => {
  it("fetches each later tab's chunk only when it is opened, and every tab renders", async () => {
    const { context, page, problems } = await openContext(h);
    const chunks: string[] = [];
    page.on("request", (r) => {
      const m = /\/(tab-[a-z]+)\.[0-9a-f]+\.js$/.exec(new URL(r.url()).pathname);
      if (m) chunks.push(m[1]);
    });
    await page.goto(`${h.baseUrl}preview.html?theme=light`);
    await page.getByText("Preview — in-memory workbook, not Excel.").waitFor();
    // The first tab is part of the pane itself.
    await page.getByRole("button", { name: "Check", exact: true }).waitFor();
    expect(chunks).toEqual([]);

    const tabs: [string, string, () => Promise<unknown>][] = [
      ["Post lists", "tab-posts", () => page.getByRole("button", { name: "Find post list" }).waitFor()],
      ["Members' pack", "tab-pack", () => page.getByRole("button", { name: "Create members' workbook" }).waitFor()],
      ["Functions", "tab-functions", () => page.getByRole("list", { name: "BUDGET functions" }).getByText("BUDGET.GRADECOST(", { exact: false }).first().waitFor()],
    ];
    for (const [label, chunk, rendered] of tabs) {
      await page.getByRole("tab", { name: label }).click();
      await rendered();
      expect(chunks).toContain(chunk);
      await expect(page.locator(`#panel-${chunk.slice(4)}`).isVisible()).resolves.toBe(true);
    }
    // Back to the first tab and to a tab opened before: both still there, nothing fetched twice.
    await page.getByRole("tab", { name: "Check sheets" }).click();
    await page.getByRole("button", { name: "Check", exact: true }).waitFor();
    await page.getByRole("tab", { name: "Post lists" }).click();
    await page.getByRole("button", { name: "Find post list" }).waitFor();
    expect(chunks.filter((c) => c === "tab-posts")).toHaveLength(1);

    expect(problems.pageErrors).toEqual([]);
    expect(problems.localFailures).toEqual([]);
    expect(unexpectedConsoleErrors(problems)).toEqual([]);
    await context.close();
  });
});
