/**
 * The task pane page's own script (webpack entry "taskpane"), kept tiny on purpose. The page runs functions.js
 * first, so the custom functions are registered before any of the pane's UI code is fetched or parsed; this then
 * loads the pane (React, Fluent UI and the first tab) as a chunk. Other tabs are chunks of their own (App.tsx).
 * A chunk that cannot be fetched is tried again; if it still fails, "Loading…" gives way to what to do.
 */
import { CHUNK_FAILED_ADVICE, loadWithRetries } from "./taskpane/retryLoad";

loadWithRetries(() => import(/* webpackChunkName: "pane" */ "./taskpane/index")).catch(() => {
  const loading = typeof document === "undefined" ? null : document.getElementById("loading");
  if (!loading) return;
  loading.setAttribute("data-testid", "pane-failed");
  loading.textContent = `Budget Tools could not be loaded. ${CHUNK_FAILED_ADVICE}`;
});
