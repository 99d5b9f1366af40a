/**
 * Task pane entry: waits for Office, then shows the add-in inside Excel, or how to load it anywhere else
 * (a plain browser tab, another Office application, or office.js failing to load): never a blank page.
 */
import { createRoot } from "react-dom/client";
import { registerRibbonActions } from "../commands/ribbon";
import { App } from "./App";
import { waitForOffice } from "./boot";
import { OutsideExcel } from "./OutsideExcel";

const container = document.getElementById("root");
if (container) {
  const root = createRoot(container);
  void waitForOffice().then((status) => {
    if (status.kind === "excel") {
      registerRibbonActions();
      root.render(<App />);
    } else {
      root.render(<OutsideExcel status={status} />);
    }
  });
}
