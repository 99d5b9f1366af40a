/** Which column holds which post list field, with a way to correct it (saved in the workbook by the caller). */
import { Button, Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import { columnLetters } from "../../core/a1";
import { POST_FIELDS, postListColumn, type PostField, type PostListHeaderMatch } from "../../core/posts/postList";
import type { MappingOverrides } from "../postLists/state";

export type { MappingOverrides };

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(140px, 1fr))", gap: tokens.spacingHorizontalS },
  cell: { minWidth: 0, gridTemplateColumns: "minmax(0, 1fr)" },
  select: { minWidth: 0, width: "100%", "& select": { minWidth: 0, width: "100%", textOverflow: "ellipsis" } },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginBlockStart: tokens.spacingVerticalS },
});

const NOT_IN_LIST = "none";



export interface MappingEditorProps {
  match: PostListHeaderMatch;
  /** Sheet column (0-based) of the block's first column, for column letters. */
  originCol: number;
  overrides: MappingOverrides;
  onChange: (overrides: MappingOverrides) => void;
  onSave: () => void;
  onReset: () => void;
  disabled?: boolean;
  /** True when the mapping shown was corrected by a user and saved in the workbook. */
  saved: boolean;
}

export function MappingEditor({ match, originCol, overrides, onChange, onSave, onReset, disabled, saved }: MappingEditorProps): JSX.Element {
  const styles = useStyles();
  const current = (f: PostField): number | null => (f in overrides ? (overrides[f] ?? null) : (match.mapping.columns[f] ?? null));
  const options = match.headers.map((h, i) => ({ i, text: `${columnLetters(originCol + i)}: ${h === "" ? "(no header)" : h}` }));
  const dirty = Object.keys(overrides).length > 0;
  return (
    <div data-testid="mapping">
      <div className={styles.grid}>
        {POST_FIELDS.map((f) => {
          const col = current(f);
          const meta = postListColumn(f);
          return (
            <Field key={f} className={styles.cell} label={meta.header} hint={meta.required && col === null ? "Needed: pick its column" : undefined} validationState={meta.required && col === null ? "warning" : "none"}>
              <Select
                className={styles.select}
                value={col === null ? NOT_IN_LIST : String(col)}
                disabled={disabled}
                onChange={(_, d) => onChange({ ...overrides, [f]: d.value === NOT_IN_LIST ? null : Number(d.value) })}
              >
                <option value={NOT_IN_LIST}>(not in the list)</option>
                {options.map((o) => (
                  <option key={o.i} value={String(o.i)}>
                    {o.text}
                  </option>
                ))}
              </Select>
            </Field>
          );
        })}
      </div>
      {dirty ? (
        <p data-testid="mapping-unsaved">Column changes not saved yet: checks and tables use them now; Save keeps them in this workbook.</p>
      ) : null}
      <div className={styles.actions}>
        <Button onClick={onSave} disabled={disabled || !dirty}>
          Save mapping in this workbook
        </Button>
        <Button onClick={onReset} disabled={disabled || (!saved && !dirty)}>
          Use the detected mapping
        </Button>
      </div>
    </div>
  );
}
