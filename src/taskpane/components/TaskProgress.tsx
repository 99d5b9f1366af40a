import { Button, Field, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import type { TaskState } from "../useTask";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM, minWidth: 0 },
  bar: { flexGrow: 1, flexBasis: "160px", minWidth: 0 },
});

/** Progress of long work, with a Cancel button, scrolled into view when it starts. Renders nothing when idle. */
export function TaskProgress({ task, onCancel }: { task: TaskState | null; onCancel: () => void }): JSX.Element | null {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  const running = task !== null;
  useEffect(() => {
    if (running) ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [running]);
  if (!task) return null;
  const value = task.total > 0 ? Math.min(1, task.done / task.total) : undefined;
  return (
    <div className={styles.row} data-testid="task-progress" ref={ref}>
      <Field className={styles.bar} label={task.label} validationState="none">
        <ProgressBar value={value} thickness="large" aria-label={task.label} />
      </Field>
      <Button onClick={onCancel} aria-label={`Cancel: ${task.label}`}>
        Cancel
      </Button>
    </div>
  );
}
