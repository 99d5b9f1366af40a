import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export interface NoticeState {
  intent: "success" | "error" | "warning" | "info";
  title?: string;
  text: string;
}

/** The outcome of the last action in a section (announced to screen readers). */
export function Notice({ notice }: { notice: NoticeState | null }): JSX.Element | null {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"} data-testid="notice">
      <MessageBarBody>
        {notice.title ? <MessageBarTitle>{notice.title}</MessageBarTitle> : null}
        {notice.text}
      </MessageBarBody>
    </MessageBar>
  );
}
