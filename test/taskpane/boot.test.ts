/**
 * The task pane's start-up decisions (inside Excel, another host, a plain browser, office.js missing) and the
 * small pure helpers the pane uses. The pane itself is tested in Chromium (test/browser).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { officeThemeIsDark, startTaskpane, watchOffice, type BootStatus } from "../../src/taskpane/boot";
import { registerRibbonActions, SHOW_WAIT_MS, takePendingSection } from "../../src/commands/ribbon";
import { xlsxFileName } from "../../src/taskpane/download";
import { editText, stateText } from "../../src/taskpane/components/FindingsPanel";

const g = globalThis as unknown as { Office?: unknown };
afterEach(() => {
  delete g.Office;
});

function office(host: unknown, extra: Record<string, unknown> = {}): void {
  g.Office = { onReady: () => Promise.resolve({ host, platform: null }), ...extra };
}

/** Collect what start-up reports. */
function watch(slowMs = 8_000): { statuses: BootStatus[]; stop: () => void } {
  const statuses: BootStatus[] = [];
  const stop = watchOffice((s) => statuses.push(s), slowMs);
  return { statuses, stop };
}
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe("watchOffice", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("recognises Excel, another Office host and a plain browser", async () => {
    for (const [host, expected] of [
      ["Excel", { kind: "excel" }],
      ["Word", { kind: "other-host", host: "Word" }],
      [null, { kind: "no-host" }],
    ] as const) {
      office(host);
      const w = watch();
      await flush();
      expect(w.statuses).toEqual([expected]);
      w.stop();
    }
  });

  it("says office.js did not load at once, with no timer (it is a blocking script before the bundles)", () => {
    vi.useFakeTimers();
    const w = watch();
    expect(w.statuses).toEqual([{ kind: "no-office" }]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("says Office is slow after the patience time, and still shows Excel when onReady comes later", async () => {
    vi.useFakeTimers();
    let resolve: (info: { host: unknown; platform: unknown }) => void = () => undefined;
    g.Office = { onReady: () => new Promise((r) => (resolve = r)) };
    const w = watch(8_000);
    await vi.advanceTimersByTimeAsync(7_999);
    expect(w.statuses).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.statuses).toEqual([{ kind: "waiting" }]);
    await vi.advanceTimersByTimeAsync(60_000);
    resolve({ host: "Excel", platform: "PC" });
    await flush();
    expect(w.statuses).toEqual([{ kind: "waiting" }, { kind: "excel" }]);
  });

  it("treats a failing onReady as Office not loading", async () => {
    g.Office = { onReady: () => Promise.reject(new Error("broken")) };
    const w = watch();
    await flush();
    expect(w.statuses).toEqual([{ kind: "no-office" }]);
    w.stop();
  });
});

describe("startTaskpane", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("registers the ribbon handlers before Office is ready, and shows the pane when Office arrives after the timeout", async () => {
    vi.useFakeTimers();
    const shown: string[] = [];
    let resolve: (info: { host: unknown; platform: unknown }) => void = () => undefined;
    g.Office = { onReady: () => new Promise((r) => (resolve = r)) };
    const register = vi.fn(() => shown.push("ribbon"));
    startTaskpane({ app: () => shown.push("app"), waiting: () => shown.push("waiting"), outside: (s) => shown.push(`outside:${s.kind}`) }, register, 8_000);
    expect(register).toHaveBeenCalledTimes(1);
    expect(shown).toEqual(["ribbon"]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(shown).toEqual(["ribbon", "waiting"]);
    resolve({ host: "Excel", platform: "OfficeOnline" });
    await flush();
    expect(shown).toEqual(["ribbon", "waiting", "app"]);
  });

  it("registers the ribbon handlers and explains at once when office.js is missing", () => {
    const shown: string[] = [];
    startTaskpane({ app: () => shown.push("app"), waiting: () => shown.push("waiting"), outside: (s) => shown.push(`outside:${s.kind}`) }, () => shown.push("ribbon"));
    expect(shown).toEqual(["ribbon", "outside:no-office"]);
  });

  it("the ribbon handlers associate with Office as soon as office.js is there", () => {
    const associate = vi.fn();
    g.Office = { onReady: () => new Promise(() => undefined), actions: { associate } };
    registerRibbonActions();
    expect(associate.mock.calls.map((c) => c[0])).toEqual(["showCheckSheets", "showPostLists", "showMembersPack"]);
  });
});

describe("ribbon buttons clicked again before the pane has shown (OfficeDev/office-js#3224)", () => {
  it("ask Office to show the pane once, complete every click, and open on the section clicked last", async () => {
    const handlers = new Map<string, (e: { completed: () => void }) => Promise<void>>();
    let shown = (): void => undefined;
    const showAsTaskpane = vi.fn(() => new Promise<void>((resolve) => (shown = resolve)));
    g.Office = { actions: { associate: (name: string, fn: (e: { completed: () => void }) => Promise<void>) => handlers.set(name, fn) }, addin: { showAsTaskpane } };
    registerRibbonActions();
    const completed: string[] = [];
    const clicks = ["showCheckSheets", "showPostLists", "showMembersPack"].map((name) => handlers.get(name)!({ completed: () => completed.push(name) }));
    expect(showAsTaskpane).toHaveBeenCalledTimes(1);
    shown();
    await Promise.all(clicks);
    expect(completed).toHaveLength(3);
    expect(takePendingSection()).toBe("pack");
    // Once shown, a later click asks again (the user may have closed the pane).
    const again = handlers.get("showCheckSheets")!({ completed: () => completed.push("again") });
    expect(showAsTaskpane).toHaveBeenCalledTimes(2);
    shown();
    await again;
    expect(completed).toHaveLength(4);
  });

  it("a pane Office never shows does not keep later clicks waiting for ever", async () => {
    vi.useFakeTimers();
    try {
      const handlers = new Map<string, (e: { completed: () => void }) => Promise<void>>();
      const showAsTaskpane = vi.fn(() => new Promise<void>(() => undefined)); // never settles
      g.Office = { actions: { associate: (name: string, fn: (e: { completed: () => void }) => Promise<void>) => handlers.set(name, fn) }, addin: { showAsTaskpane } };
      registerRibbonActions();
      const completed: number[] = [];
      const first = handlers.get("showCheckSheets")!({ completed: () => completed.push(1) });
      await vi.advanceTimersByTimeAsync(SHOW_WAIT_MS);
      await first;
      expect(completed).toEqual([1]);
      const second = handlers.get("showPostLists")!({ completed: () => completed.push(2) });
      expect(showAsTaskpane).toHaveBeenCalledTimes(2); // asked again
      await vi.advanceTimersByTimeAsync(SHOW_WAIT_MS);
      await second;
      expect(completed).toEqual([1, 2]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("officeThemeIsDark", () => {
  it("follows the pane background Office reports", () => {
    expect(officeThemeIsDark()).toBeNull();
    office("Excel", { context: { officeTheme: { bodyBackgroundColor: "#1F1F1F" } } });
    expect(officeThemeIsDark()).toBe(true);
    office("Excel", { context: { officeTheme: { bodyBackgroundColor: "#FFFFFF" } } });
    expect(officeThemeIsDark()).toBe(false);
    office("Excel", { context: { officeTheme: { bodyBackgroundColor: "not a colour" } } });
    expect(officeThemeIsDark()).toBeNull();
  });

  it("never throws, whatever Office reports", () => {
    fc.assert(
      fc.property(fc.string(), (colour) => {
        office("Excel", { context: { officeTheme: { bodyBackgroundColor: colour } } });
        const r = officeThemeIsDark();
        expect(r === null || typeof r === "boolean").toBe(true);
      }),
    );
  });
});

describe("helpers", () => {
  it("makes safe .xlsx file names from titles", () => {
    expect(xlsxFileName("Members' pack 2024/25")).toBe("Members' pack 2024 25.xlsx");
    expect(xlsxFileName("  ")).toBe("Workbook.xlsx");
    fc.assert(
      fc.property(fc.string(), (title) => {
        const name = xlsxFileName(title);
        expect(name.endsWith(".xlsx")).toBe(true);
        expect(name).not.toMatch(/[\\/:*?"<>|]/);
        expect(name.length).toBeLessThanOrEqual(125);
      }),
    );
  });

  it("shows cells before and after a fix as a person reads them", () => {
    expect(stateText({ value: "£15,125,000", formula: null, numberFormat: "General" })).toBe('"£15,125,000"');
    expect(stateText({ value: 16792000, formula: "=SUM(C2:C3)", numberFormat: "General" })).toBe("=SUM(C2:C3)");
    expect(stateText({ value: null, formula: null, numberFormat: "General" })).toBe("(empty)");
    expect(editText({ sheet: "S", cell: "C2", kind: "number", value: 15125000 })).toBe("15125000");
    expect(editText({ sheet: "S", cell: "C5", kind: "formula", formula: "=SUM(C2:C4)" })).toBe("=SUM(C2:C4)");
    expect(editText({ sheet: "S", cell: "B2", kind: "text", value: "=x" })).toBe('"=x"');
  });
});
