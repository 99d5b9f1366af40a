/**
 * The peer for the pane's initial JavaScript (issue 15): a minimal React + Fluent UI v9 page, one button in a
 * FluentProvider, built by bench/pane.bench.test.ts with the add-in's own webpack configuration.
 */
import { Button, FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

const container = document.getElementById("root");
if (container) {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <Button appearance="primary">Minimal</Button>
    </FluentProvider>,
  );
}
