/**
 * Start-up: follow Office's start-up, and tell what we are running in. Outside Office (a plain browser tab, or
 * office.js failing to load) the pane shows how to load the add-in instead of a blank page; inside Office the
 * pane appears when Office is ready, however late.
 */

export type OfficeStatus =
  | { kind: "excel" }
  /** Loaded by an Office application that is not Excel. */
  | { kind: "other-host"; host: string }
  /** office.js loaded, but not inside Office (Office.onReady gave no host). */
  | { kind: "no-host" }
  /** office.js never loaded, or never became ready (offline, blocked, opened from file://). */
  | { kind: "no-office" };

interface OfficeLike {
  onReady(callback?: (info: { host: unknown; platform: unknown }) => void): Promise<{ host: unknown; platform: unknown }>;
}

function officeGlobal(): OfficeLike | undefined {
  const g = globalThis as unknown as { Office?: OfficeLike };
  return g.Office && typeof g.Office.onReady === "function" ? g.Office : undefined;
}

/** What start-up reports: an Office status, or that Office is still loading after the patience time. */
export type BootStatus = OfficeStatus | { kind: "waiting" };

/** How long to wait for Office.onReady before telling the user it is taking a while (it keeps waiting). */
export const SLOW_START_MS = 8_000;

function statusOf(info: { host: unknown } | undefined): OfficeStatus {
  const host = info?.host;
  if (host === null || host === undefined || host === "") return { kind: "no-host" };
  const name = String(host);
  return name.toLowerCase() === "excel" ? { kind: "excel" } : { kind: "other-host", host: name };
}

/**
 * Follow Office's start-up and report each change to `onStatus`:
 * - office.js is a blocking script before the add-in's bundles, so when it is missing at this point it failed to
 *   load: "no-office" at once, not after a timeout;
 * - otherwise the status from Office.onReady ("excel", "other-host", "no-host"), whenever it comes. If it has
 *   not come after `slowMs`, "waiting" first; a late onReady still reports (the runtime is long-lived, so a slow
 *   start must not leave the pane on the outside-Excel page for the whole session).
 * Returns a function that stops reporting.
 */
export function watchOffice(onStatus: (status: BootStatus) => void, slowMs = SLOW_START_MS): () => void {
  let stopped = false;
  const report = (s: BootStatus): void => {
    if (!stopped) onStatus(s);
  };
  const office = officeGlobal();
  if (!office) {
    report({ kind: "no-office" });
    return () => {
      stopped = true;
    };
  }
  let settled = false;
  const timer = setTimeout(() => {
    if (!settled) report({ kind: "waiting" });
  }, slowMs);
  let ready: Promise<{ host: unknown; platform: unknown }>;
  try {
    ready = office.onReady();
  } catch (e) {
    ready = Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
  ready.then(
    (info) => {
      settled = true;
      clearTimeout(timer);
      report(statusOf(info));
    },
    () => {
      settled = true;
      clearTimeout(timer);
      report({ kind: "no-office" });
    },
  );
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** What the entry point shows for each status (kept apart from React so start-up is tested without a DOM). */
export interface BootViews {
  app(): void;
  waiting(): void;
  outside(status: OfficeStatus): void;
}

/**
 * Task pane start-up: register the ribbon buttons' handlers now (Office.actions.associate exists as soon as
 * office.js has loaded, and a button clicked before onReady must still open the pane), then show the pane when
 * Office is ready, however long it takes. The app is shown once.
 */
export function startTaskpane(views: BootViews, registerRibbonActions: () => void, slowMs = SLOW_START_MS): () => void {
  registerRibbonActions();
  let appShown = false;
  return watchOffice((status) => {
    if (appShown) return;
    if (status.kind === "excel") {
      appShown = true;
      views.app();
    } else if (status.kind === "waiting") views.waiting();
    else views.outside(status);
  }, slowMs);
}

/** Office's theme: dark when the pane's background is dark. Null outside Office or where Office gives no theme. */
export function officeThemeIsDark(): boolean | null {
  const g = globalThis as unknown as { Office?: { context?: { officeTheme?: { bodyBackgroundColor?: string } } } };
  let colour: string | undefined;
  try {
    colour = g.Office?.context?.officeTheme?.bodyBackgroundColor;
  } catch {
    return null;
  }
  if (!colour) return null;
  const m = /^#?([0-9a-f]{6})$/i.exec(colour.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  const [r, gr, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  // Relative luminance (sRGB approximation): below the midpoint is a dark theme.
  return 0.2126 * r + 0.7152 * gr + 0.0722 * b < 128;
}
