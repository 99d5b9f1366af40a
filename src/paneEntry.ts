/**
 * The task pane page's own script (webpack entry "taskpane"), kept tiny on purpose. The page runs functions.js
 * first, so the custom functions are registered before any of the pane's UI code is fetched or parsed; this then
 * loads the pane (React, Fluent UI and the first tab) as a chunk. Other tabs are chunks of their own (App.tsx).
 */
void import(/* webpackChunkName: "pane" */ "./taskpane/index");
