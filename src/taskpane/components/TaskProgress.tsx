import { Button, Field, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import type { TaskState } from "../useTask";

const useStyles = makeStyles({
  row: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  bar: { flexGrow: 1 },
});

/** Progress of long work, with a Cancel button. Renders nothing when idle. */
export function TaskProgress({ task, onCancel }: { task: TaskState | null; onCancel: () => void }): JSX.Element | null {
  const styles = useStyles();
  if (!task) return null;
  const value = task.total > 0 ? Math.min(1, task.done / task.total) : undefined;
  return (
    <div className={styles.row} data-testid="task-progress">
      <Field className={styles.bar} label={task.label} validationState="none" aria-live="polite">
        <ProgressBar value={value} thickness="large" aria-label={task.label} />
      </Field>
      <Button onClick={onCancel} aria-label={`Cancel: ${task.label}`}>
        Cancel
      </Button>
    </div>
  );
}
