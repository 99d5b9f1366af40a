/**
 * Task pane entry: registers the ribbon buttons at once, then shows the add-in when Office is ready (however
 * late), or how to load it anywhere else (a plain browser tab, another Office application, or office.js failing
 * to load): never a blank page, never "Loading…" for ever. See startTaskpane in ./boot.
 */
import { createRoot } from "react-dom/client";
import { registerRibbonActions } from "../commands/ribbon";
import { App } from "./App";
import { startTaskpane } from "./boot";
import { OutsideExcel } from "./OutsideExcel";

/** Set by taskpane.html's inline ES5 check when this engine is too old for the pane: keep its message. */
const tooOld = (globalThis as { budgetToolsTooOld?: boolean }).budgetToolsTooOld === true;
const container = typeof document === "undefined" || tooOld ? null : document.getElementById("root");
if (container) {
  const root = createRoot(container);
  startTaskpane(
    {
      app: () => root.render(<App />),
      waiting: () =>
        root.render(
          <p role="status" data-testid="waiting-for-excel" style={{ padding: 16, fontSize: 14 }}>
            Still waiting for Excel to start Budget Tools. It opens here as soon as Excel is ready; if it does not, close the pane and open it again from
            the Budget Tools tab.
          </p>,
        ),
      outside: (status) => root.render(<OutsideExcel status={status} />),
    },
    registerRibbonActions,
  );
} else {
  registerRibbonActions();
}
