/**
 * The drop-down of posts to start a structure or an org chart from: each post as "title (id)", cut with an
 * ellipsis rather than widening a 320 px pane, and a line saying why it is empty when no post qualifies.
 */
import { Field, Select, makeStyles } from "@fluentui/react-components";
import type { Post } from "../../core/posts/postList";

const useStyles = makeStyles({
  // Long post titles must not widen a 320 px pane: the field takes the row and the options are cut with an ellipsis.
  grow: { flexGrow: 1, flexBasis: "100%", minWidth: 0, maxWidth: "100%", gridTemplateColumns: "minmax(0, 1fr)" },
  select: { width: "100%", minWidth: 0, maxWidth: "100%", "& select": { width: "100%", minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" } },
});

export interface TopPostSelectProps {
  label: string;
  hint?: string;
  /** The posts to choose from, in order. */
  tops: readonly Post[];
  value: string;
  onChange(id: string): void;
  /** Shown as the only option when there is no post to choose. */
  emptyText: string;
  disabled?: boolean;
}

export function TopPostSelect({ label, hint, tops, value, onChange, emptyText, disabled }: TopPostSelectProps): JSX.Element {
  const styles = useStyles();
  return (
    <Field label={label} hint={hint} className={styles.grow}>
      <Select className={styles.select} value={value} onChange={(_, d) => onChange(d.value)} disabled={disabled || tops.length === 0}>
        {tops.length === 0 ? <option value="">{emptyText}</option> : null}
        {tops.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title || p.id} ({p.id})
          </option>
        ))}
      </Select>
    </Field>
  );
}
