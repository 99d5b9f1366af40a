import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { useAnnounce } from "../announce";

export interface NoticeState {
  intent: "success" | "error" | "warning" | "info";
  title?: string;
  text: string;
}

const useStyles = makeStyles({
  // Long words (paths, formulas, a library's message) wrap inside the pane instead of widening it.
  bar: { minWidth: 0, maxWidth: "100%", overflowWrap: "anywhere", wordBreak: "break-word" },
  body: { minWidth: 0, overflowWrap: "anywhere" },
});

/**
 * The outcome of the last action, shown where it was started, scrolled into view and announced through the
 * pane's one live region (the bar itself is not a live region).
 */
export function Notice({ notice, scroll = true }: { notice: NoticeState | null; scroll?: boolean }): JSX.Element | null {
  const styles = useStyles();
  const announce = useAnnounce();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!notice) return;
    announce(`${notice.title ? `${notice.title}. ` : ""}${notice.text}`);
    if (scroll) ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [notice, announce, scroll]);
  if (!notice) return null;
  return (
    <MessageBar ref={ref} intent={notice.intent} layout="multiline" className={styles.bar} data-testid="notice" data-intent={notice.intent} tabIndex={-1}>
      <MessageBarBody className={styles.body}>
        {notice.title ? <MessageBarTitle>{notice.title}</MessageBarTitle> : null}
        {notice.title ? " " : null}
        {notice.text}
      </MessageBarBody>
    </MessageBar>
  );
}
