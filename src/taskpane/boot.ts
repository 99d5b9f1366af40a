/**
 * Start-up: wait for Office, and tell what we are running in. Outside Office (a plain browser tab, or office.js
 * failing to load) the pane shows how to load the add-in instead of a blank page.
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

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolve once Office is ready (or clearly is not). `timeoutMs` bounds both the wait for office.js to appear and
 * the wait for Office.onReady (which never resolves when the page is opened from file://).
 */
export async function waitForOffice(timeoutMs = 8_000): Promise<OfficeStatus> {
  const deadline = Date.now() + timeoutMs;
  let office = officeGlobal();
  while (!office && Date.now() < deadline) {
    await delay(100);
    office = officeGlobal();
  }
  if (!office) return { kind: "no-office" };
  const ready = office.onReady().then((info): OfficeStatus => {
    const host = info?.host;
    if (host === null || host === undefined || host === "") return { kind: "no-host" };
    const name = String(host);
    return name.toLowerCase() === "excel" ? { kind: "excel" } : { kind: "other-host", host: name };
  });
  const timeout = delay(Math.max(0, deadline - Date.now())).then((): OfficeStatus => ({ kind: "no-office" }));
  try {
    return await Promise.race([ready, timeout]);
  } catch {
    return { kind: "no-office" };
  }
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
