/** The MessageBar of a Notice (its own chunk): scrolled into view when it shows or changes. */
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import type { NoticeState } from "./Notice";

const useStyles = makeStyles({
  // Long words (paths, formulas, a library's message) wrap inside the pane instead of widening it.
  bar: { minWidth: 0, maxWidth: "100%", overflowWrap: "anywhere", wordBreak: "break-word" },
  body: { minWidth: 0, overflowWrap: "anywhere" },
});

export function NoticeBar({ notice, scroll }: { notice: NoticeState; scroll: boolean }): JSX.Element {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (scroll) ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [notice, scroll]);
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
