/** The modal question of useConfirm (ConfirmDialog.tsx), in its own chunk: Fluent's Dialog is large. */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import type { ConfirmAnswer, ConfirmRequest } from "./ConfirmDialog";

export function ConfirmSurface({ request, answer }: { request: ConfirmRequest | null; answer: (a: ConfirmAnswer) => void }): JSX.Element {
  return (
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
}
