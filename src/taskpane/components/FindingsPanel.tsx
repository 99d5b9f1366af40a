/**
 * Findings with what can be done about them: go to a cell, highlight / clear highlights, preview the mechanical
 * fixes (before -> after per cell) and apply the ones ticked. Shared by the sheet checks and the post list checks.
 */
import {
  Button,
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState, type ReactNode } from "react";
import type { CellEdit, Finding } from "../../core/findings";
import { applyEdits, clearHighlights, highlightFindings, previewEdits, selectCell } from "../../excel";
import type { CellState, EditPreview } from "../../excel";
import { plural } from "../messages";
import type { LongTask } from "../useTask";
import { FindingsList } from "./FindingsList";
import type { NoticeState } from "./Notice";

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginBlock: tokens.spacingVerticalS },
  fixes: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  code: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
  h: { fontSize: tokens.fontSizeBase400, margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}` },
});

function key(f: Finding, i: number): string {
  return `${f.sheet}!${f.cell}:${f.rule}:${i}`;
}

export function stateText(s: CellState): string {
  if (s.formula) return s.formula;
  if (s.value === null) return "(empty)";
  return typeof s.value === "string" ? `"${s.value}"` : String(s.value);
}

export function editText(e: CellEdit): string {
  if (e.kind === "formula") return e.formula;
  if (e.kind === "number") return String(e.value);
  return `"${e.value}"`;
}

export interface FindingsPanelProps {
  findings: readonly Finding[];
  long: LongTask;
  setNotice: (n: NoticeState | null) => void;
  /** Called after fixes were applied, with what changed (to check again and say so). */
  onFixed: (summary: string) => void;
  /** More actions shown beside Highlight / Clear (e.g. "Write check report"). */
  extraActions?: ReactNode;
}

export function FindingsPanel({ findings, long, setNotice, onFixed, extraActions }: FindingsPanelProps): JSX.Element {
  const styles = useStyles();
  const busy = long.task !== null;
  const fixable = useMemo(() => findings.map((f, i) => ({ f, k: key(f, i) })).filter((x) => x.f.fix && x.f.fix.edits.length > 0), [findings]);
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState<EditPreview[] | null>(null);
  const chosen = fixable.filter((x) => !unticked.has(x.k));
  const edits = chosen.flatMap((x) => x.f.fix?.edits ?? []);

  const go = (f: Finding): void => {
    void long.run(`Going to ${f.cell}`, async () => {
      await selectCell(f.sheet, f.cell);
    });
  };
  const highlight = async (): Promise<void> => {
    const r = await long.run("Highlighting", () => highlightFindings(findings));
    if (r) setNotice({ intent: "success", text: `Highlighted ${plural(r.highlighted, "cell")}${r.restored ? `; ${plural(r.restored, "cell")} no longer flagged put back` : ""}. Clear highlights puts every cell's own fill back.` });
  };
  const clear = async (): Promise<void> => {
    const r = await long.run("Clearing highlights", () => clearHighlights());
    if (r) setNotice({ intent: "success", text: `Put back the fill of ${plural(r.restored, "cell")}${r.keptUserFill ? `; ${plural(r.keptUserFill, "cell")} you re-coloured since were left as they are` : ""}.` });
  };
  const showPreview = async (): Promise<void> => {
    const p = await long.run("Reading the cells to fix", () => previewEdits(edits));
    if (p) setPreview(p);
  };
  const apply = async (): Promise<void> => {
    const list = preview?.map((p) => p.edit) ?? edits;
    const done = await long.run("Applying fixes", () => applyEdits(list));
    if (done) {
      setPreview(null);
      onFixed(`Fixed ${plural(done.length, "cell")}: ${done.map((d) => `${d.edit.cell} ${stateText(d.before)} → ${stateText(d.after)}`).join("; ")}. Nothing else was changed.`);
    }
  };

  return (
    <div>
      <div className={styles.actions}>
        <Button onClick={() => void highlight()} disabled={busy || findings.length === 0}>
          Highlight cells
        </Button>
        <Button onClick={() => void clear()} disabled={busy}>
          Clear highlights
        </Button>
        {extraActions}
      </div>
      <FindingsList findings={findings} onSelect={go} disabled={busy} />
      {fixable.length > 0 ? (
        <section aria-labelledby="fixes-heading">
          <h3 className={styles.h} id="fixes-heading">
            Fixes ({fixable.length})
          </h3>
          <div className={styles.fixes}>
            {fixable.map(({ f, k }) => (
              <Checkbox
                key={k}
                checked={!unticked.has(k)}
                disabled={busy}
                onChange={(_, d) => {
                  const next = new Set(unticked);
                  if (d.checked) next.delete(k);
                  else next.add(k);
                  setUnticked(next);
                  setPreview(null);
                }}
                label={`${f.cell}: ${f.fix?.description ?? ""}`}
              />
            ))}
          </div>
          <div className={styles.actions}>
            <Button onClick={() => void showPreview()} disabled={busy || edits.length === 0}>
              Preview {plural(chosen.length, "fix", "fixes")}
            </Button>
            {preview ? (
              <Button appearance="primary" onClick={() => void apply()} disabled={busy}>
                Apply {plural(preview.length, "change")}
              </Button>
            ) : null}
          </div>
          {preview ? (
            <Table size="small" aria-label="Fix preview: each cell before and after" data-testid="fix-preview">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Cell</TableHeaderCell>
                  <TableHeaderCell>Before</TableHeaderCell>
                  <TableHeaderCell>After</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {preview.map((p, i) => (
                  <TableRow key={`${p.edit.sheet}!${p.edit.cell}:${i}`}>
                    <TableCell>
                      {p.edit.sheet}!{p.edit.cell}
                    </TableCell>
                    <TableCell className={styles.code}>{stateText(p.before)}</TableCell>
                    <TableCell className={styles.code}>{editText(p.edit)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
