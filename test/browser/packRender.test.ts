/**
 * The members' pack written in Chromium by the built task pane (the preview page), deflated by the browser's own
 * CompressionStream, and again with CompressionStream taken away before the page loads (an older webview): fflate.
 * The workbook gets a 3,000-line budget sheet first, so the pack's budget sheet is written in many chunks, with the
 * compressor given its turns between rows. Both files must be whole (every part's CRC-32 checked), say which
 * deflater made them (zip flags 8: CompressionStream, zlib's default level; 12: fflate's fast level), and hold the
 * same sheets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zipParts } from "../workbook/zipParts";
import { api, excel, openContext, startHarness, unexpectedConsoleErrors, type Harness } from "./harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const LINES = 3_000;


/** Build the pack in the pane (with a budget sheet of LINES lines added first) and return the file it made. */
async function buildPack(withCompressionStream: boolean): Promise<{ bytes: Uint8Array; hadCompressionStream: boolean; problems: string[] }> {
  const { context, page, problems } = await openContext(h);
  if (!withCompressionStream) await page.addInitScript(() => Reflect.deleteProperty(globalThis, "CompressionStream"));
  await page.goto(`${h.baseUrl}preview.html?theme=light&latency=0`);
  await page.locator('[data-testid="workbook"]').waitFor();
  const hadCompressionStream = await page.evaluate(() => typeof (globalThis as { CompressionStream?: unknown }).CompressionStream === "function");
  const rows = [["Type of service", "Service", "Gross budget £", "Net budget £"]];
  for (let i = 0; i < LINES; i++) rows.push([`Type ${Math.floor(i / 50) + 1}`, `Service ${i + 1}`, String(100_000 + i), String(80_000 + i)]);
  await excel(
    page,
    `const s = ctx.workbook.worksheets.add("Big budget");
     const rows = ${JSON.stringify(rows)}.map((r, i) => i === 0 ? r : [r[0], r[1], Number(r[2]), Number(r[3])]);
     for (let i = 0; i < rows.length; i += 1000) s.getRange("A" + (i + 1) + ":D" + Math.min(rows.length, i + 1000)).values = rows.slice(i, i + 1000);
     await ctx.sync();`,
  );
  await page.getByRole("tab", { name: "Members' pack" }).click();
  await page.getByRole("button", { name: "Create members' workbook" }).click();
  const ask = page.getByRole("alertdialog");
  const done = page.getByTestId("notice").filter({ hasText: /opened as a new workbook/ }).first();
  await Promise.race([ask.waitFor({ timeout: 60_000 }), done.waitFor({ timeout: 60_000 })]);
  if (await ask.isVisible()) await ask.getByRole("button", { name: "Build the pack anyway" }).click();
  await done.waitFor({ timeout: 60_000 });
  const bytes = new Uint8Array(Buffer.from(await api<string>(page, "createdWorkbook", 0), "base64"));
  const seen = [...problems.pageErrors, ...problems.localFailures, ...unexpectedConsoleErrors(problems)];
  await context.close();
  return { bytes, hadCompressionStream, problems: seen };
}

describe("members' pack written in Chromium by the built pane", () => {
  it("is deflated by the browser's CompressionStream, or by fflate without one, and holds the same sheets either way", async () => {
    const native = await buildPack(true);
    const fallback = await buildPack(false);
    expect(native.hadCompressionStream).toBe(true);
    expect(fallback.hadCompressionStream).toBe(false);
    expect(native.problems).toEqual([]);
    expect(fallback.problems).toEqual([]);

    const a = await zipParts(native.bytes);
    const b = await zipParts(fallback.bytes);
    expect(a.flags).toEqual(new Set([8]));
    expect(b.flags).toEqual(new Set([12]));
    // The budget sheet: every line, with its cell references.
    const budgetSheet = [...a.texts.entries()].find(([path, xml]) => path.startsWith("xl/worksheets/sheet") && xml.includes("SUBTOTAL(9,"));
    expect(budgetSheet).toBeDefined();
    expect(budgetSheet![1].length).toBeGreaterThan(300_000);
    expect(a.texts.get("xl/sharedStrings.xml")).toContain(`<si><t>Service ${LINES}</t></si>`);
    // The same parts, the same sheets (the document properties hold the time each was made).
    expect([...a.texts.keys()]).toEqual([...b.texts.keys()]);
    for (const [path, text] of a.texts) if (!path.startsWith("docProps/")) expect(text, path).toBe(b.texts.get(path));
  }, 240_000);
});
