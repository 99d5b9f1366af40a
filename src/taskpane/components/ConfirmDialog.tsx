import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { useCallback, useRef, useState } from "react";

export type ConfirmAnswer = "primary" | "secondary" | "cancel";

export interface ConfirmRequest {
  title: string;
  body: string;
  /** The main action ("Replace the sheet"). */
  primary: string;
  /** An alternative ("Keep it and add a new sheet"); omitted for a yes/no question. */
  secondary?: string;
}

export type Ask = (request: ConfirmRequest) => Promise<ConfirmAnswer>;

/** A modal question for the user. Returns the dialog element to render and `ask`, which resolves with the answer. */
export function useConfirm(): [JSX.Element, Ask] {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const resolver = useRef<((a: ConfirmAnswer) => void) | null>(null);
  const answer = useCallback((a: ConfirmAnswer) => {
    resolver.current?.(a);
    resolver.current = null;
    setRequest(null);
  }, []);
  const ask = useCallback<Ask>((r) => {
    resolver.current?.("cancel");
    setRequest(r);
    return new Promise<ConfirmAnswer>((resolve) => {
      resolver.current = resolve;
    });
  }, []);
  const element = (
    <Dialog open={request !== null} modalType="alert" onOpenChange={(_, d) => (!d.open ? answer("cancel") : undefined)}>
      <DialogSurface aria-describedby="confirm-body">
        <DialogBody>
          <DialogTitle>{request?.title}</DialogTitle>
          <DialogContent id="confirm-body">{request?.body}</DialogContent>
          <DialogActions fluid>
            <Button appearance="primary" onClick={() => answer("primary")}>
              {request?.primary}
            </Button>
            {request?.secondary ? <Button onClick={() => answer("secondary")}>{request.secondary}</Button> : null}
            <Button appearance="subtle" onClick={() => answer("cancel")}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
  return [element, ask];
}
