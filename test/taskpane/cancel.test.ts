/**
 * Cancel waits for the work to end (issue 11, item 9): a cancelled Excel.run must not carry on and interleave with
 * the next action, so the pane is released only when the run has ended — on the simulated host, a cancelled
 * highlight makes no sync after the pane is released.
 */
import { describe, expect, it } from "vitest";
import { highlightFindings } from "../../src/excel";
import { StillRunningError, untilEnded } from "../../src/taskpane/useTask";
import { installStandIn } from "../excel/helpers";

describe("untilEnded", () => {
  it("after Cancel, settles (with an AbortError) only once the work has ended", async () => {
    const c = new AbortController();
    const events: string[] = [];
    const work = new Promise<number>((resolve) => setTimeout(() => {
      events.push("work ended");
      resolve(1);
    }, 30));
    const settled = untilEnded(work, c.signal).catch((e: unknown) => {
      events.push(`settled: ${(e as Error).name}`);
    });
    c.abort();
    await settled;
    expect(events).toEqual(["work ended", "settled: AbortError"]);
  });

  it("gives the result when not cancelled, and releases with StillRunningError if cancelled work never ends", async () => {
    expect(await untilEnded(Promise.resolve(7), new AbortController().signal)).toBe(7);
    const c = new AbortController();
    const never = untilEnded(new Promise<never>(() => undefined), c.signal, 10);
    c.abort();
    await expect(never).rejects.toBeInstanceOf(StillRunningError);
  });

  it.each(["web", "windows-m365"] as const)("%s: a cancelled highlight makes no sync once the pane is released", async (profile) => {
    const standIn = installStandIn({ profile, sheets: { Budget: [["Service", "Gross"], ["Adults", 100]] }, latencyMs: 5 });
    const c = new AbortController();
    const run = untilEnded(highlightFindings([{ sheet: "Budget", cell: "B2", rule: "total-mismatch", severity: "error", message: "x" }], { signal: c.signal }), c.signal);
    setTimeout(() => c.abort(), 1);
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    const syncs = standIn.stats.syncs + standIn.stats.cleanups.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(standIn.stats.syncs + standIn.stats.cleanups.length).toBe(syncs);
    expect(standIn.getFormat("Budget", "B2").fill).toBeNull();
  });
});
