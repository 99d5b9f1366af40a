/**
 * Ribbon buttons (manifest.xml ExecuteFunction actions). They run in the shared runtime, so they can open the
 * task pane and tell the already-loaded app which section to show.
 */

export type PaneSection = "check" | "posts" | "pack" | "functions";

export const NAVIGATE_EVENT = "budget-tools:navigate";

let pending: PaneSection | null = null;

/** The section a ribbon button asked for before the pane was listening; read once. */
export function takePendingSection(): PaneSection | null {
  const s = pending;
  pending = null;
  return s;
}

function navigate(section: PaneSection): void {
  pending = section;
  if (typeof window !== "undefined") window.dispatchEvent(new CustomEvent<PaneSection>(NAVIGATE_EVENT, { detail: section }));
}

/** How long a click waits for Office to show the pane before it completes its event anyway. */
export const SHOW_WAIT_MS = 10_000;

/** The pane being shown (Office.addin.showAsTaskpane not settled yet, for at most SHOW_WAIT_MS), or null. */
let opening: Promise<void> | null = null;

async function show(section: PaneSection, event?: Office.AddinCommands.Event): Promise<void> {
  try {
    navigate(section);
    if (typeof Office !== "undefined" && Office.addin?.showAsTaskpane) {
      // A button clicked again before the pane has shown does not ask again: on Excel on the web, calling
      // showAsTaskpane again meanwhile leaves the ribbon's buttons doing nothing (OfficeDev/office-js#3224). The
      // section clicked last still wins (navigate above).
      // Nor does one that Office never settles keep every later click waiting: after SHOW_WAIT_MS the next click
      // asks again, and this click's event is completed.
      opening ??= Promise.race([Office.addin.showAsTaskpane(), new Promise<void>((resolve) => setTimeout(resolve, SHOW_WAIT_MS))]).finally(() => {
        opening = null;
      });
      await opening;
    }
  } catch (err) {
    console.error("Could not open the Budget Tools pane", err);
  } finally {
    event?.completed();
  }
}

/** Associate each manifest FunctionName with its handler. Safe to call outside Office (does nothing). */
export function registerRibbonActions(): void {
  if (typeof Office === "undefined" || !Office.actions?.associate) return;
  Office.actions.associate("showCheckSheets", (event: Office.AddinCommands.Event) => show("check", event));
  Office.actions.associate("showPostLists", (event: Office.AddinCommands.Event) => show("posts", event));
  Office.actions.associate("showMembersPack", (event: Office.AddinCommands.Event) => show("pack", event));
}
