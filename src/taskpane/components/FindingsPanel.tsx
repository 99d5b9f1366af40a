/**
 * Findings with what can be done about them: go to a cell, highlight / clear highlights, and the mechanical fixes
 * beside their findings, each with the value it will produce. A fix whose result would be an error is held back
 * (unticked, with the reason) until the user ticks it knowingly. Preview, apply, and undo the last applied set.
 * Shared by the sheet checks and the post list checks.
 */
import { Button, Caption1, Checkbox, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState, type ReactNode } from "react";
import type { CellEdit, Finding } from "../../core/findings";
import type { SheetSnapshot } from "../../core/sheetSnapshot";
import { applyEdits, clearHighlights, highlightFindings, previewEdits, selectCell, undoEdits } from "../../excel";
import type { AppliedEdit, CellState, EditPreview } from "../../excel";
import { planFixes, resultText, withExtraFixes, type PlannedFix } from "../fixPlan";
import { plural } from "../../core/words";
import type { LongTask } from "../useTask";
import { ActionStatus } from "./ActionStatus";
import { FindingsList } from "./FindingsList";
import type { NoticeState } from "./Notice";

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginBlock: tokens.spacingVerticalS },
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, marginBlock: tokens.spacingVerticalS, minWidth: 0 },
  preview: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  code: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
  hold: { color: tokens.colorPaletteDarkOrangeForeground1, display: "block" },
  fix: { minWidth: 0, overflowWrap: "anywhere" },
  h: { fontSize: tokens.fontSizeBase400, margin: `${tokens.spacingVerticalS} 0 0` },
});

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

/** The last set of fixes applied in a section, kept by the section so Undo outlives the re-check. */
export interface LastApplied {
  applied: AppliedEdit[] | null;
  set: (applied: AppliedEdit[] | null) => void;
}

export interface FindingsPanelProps {
  findings: readonly Finding[];
  /** The sheets the findings came from: to work out what each fix will produce. */
  snapshots: readonly SheetSnapshot[];
  long: LongTask;
  notice: NoticeState | null;
  setNotice: (n: NoticeState | null) => void;
  /** Called after fixes were applied or undone, with what changed (to check again and say so). */
  onFixed: (summary: string) => void;
  lastApplied: LastApplied;
  /** More actions shown beside Highlight / Clear (e.g. "Write check report"). */
  extraActions?: ReactNode;
  /** Shown when there are no findings. */
  empty?: ReactNode;
}

export function FindingsPanel({ findings: raw, snapshots, long, notice, setNotice, onFixed, lastApplied, extraActions, empty }: FindingsPanelProps): JSX.Element {
  const styles = useStyles();
  const busy = long.task !== null;
  const findings = useMemo(() => withExtraFixes(raw, snapshots), [raw, snapshots]);
  const initial = useMemo(() => planFixes(findings, snapshots), [findings, snapshots]);
  // Held-back fixes start unticked.
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(initial.filter((p) => p.hold === null).map((p) => p.key)));
  const plan = useMemo(() => planFixes(findings, snapshots, ticked), [findings, snapshots, ticked]);
  const byFinding = useMemo(() => new Map<Finding, PlannedFix>(plan.map((p) => [p.finding, p])), [plan]);
  const [preview, setPreview] = useState<EditPreview[] | null>(null);
  const chosen = plan.filter((p) => ticked.has(p.key));
  const edits = chosen.flatMap((p) => p.edits);
  const held = plan.filter((p) => p.hold !== null);

  const go = (f: Finding): void => {
    void long.run(`Going to ${f.cell}`, async () => {
      await selectCell(f.sheet, f.cell);
    }, "go");
  };
  const highlight = async (): Promise<void> => {
    const r = await long.run("Highlighting", (signal) => highlightFindings(findings, { signal }), "findings-actions");
    if (r) setNotice({ intent: "success", text: `Highlighted ${plural(r.highlighted, "cell")} (errors pink, warnings yellow, information blue)${r.restored ? `; ${plural(r.restored, "cell")} no longer flagged put back` : ""}. Clear highlights puts every cell's own fill back.` });
  };
  const clear = async (): Promise<void> => {
    const r = await long.run("Clearing highlights", (signal) => clearHighlights({ signal }), "findings-actions");
    if (r) setNotice({ intent: "success", text: `Put back the fill of ${plural(r.restored, "cell")}${r.keptUserFill ? `; ${plural(r.keptUserFill, "cell")} you re-coloured since were left as they are` : ""}.` });
  };
  const showPreview = async (): Promise<void> => {
    const p = await long.run("Reading the cells to fix", () => previewEdits(edits), "fixes");
    if (p) setPreview(p);
  };
  const apply = async (): Promise<void> => {
    const list = preview?.map((p) => p.edit) ?? edits;
    const done = await long.run("Applying fixes", () => applyEdits(list), "fixes");
    if (done) {
      setPreview(null);
      lastApplied.set(done);
      const results = chosen.flatMap((p) => p.results);
      const shows = (d: AppliedEdit): string => {
        const r = results.find((x) => x.sheet === d.edit.sheet && x.cell === d.edit.cell);
        return r && r.value !== undefined && d.edit.kind === "formula" ? ` (shows ${resultText(r)})` : "";
      };
      onFixed(`Fixed ${plural(done.length, "cell")}: ${done.map((d) => `${d.edit.cell} ${stateText(d.before)} → ${stateText(d.after)}${shows(d)}`).join("; ")}. Nothing else was changed; Undo puts ${done.length === 1 ? "it" : "them"} back.`);
    }
  };
  const undo = async (): Promise<void> => {
    const applied = lastApplied.applied;
    if (!applied) return;
    const r = await long.run("Undoing the fixes", () => undoEdits(applied), "fixes");
    if (!r) return;
    lastApplied.set(null);
    const kept = r.changedSince.length ? ` ${plural(r.changedSince.length, "cell")} changed since (${r.changedSince.map((c) => c.cell).join(", ")}) ${r.changedSince.length === 1 ? "was" : "were"} left as ${r.changedSince.length === 1 ? "it is" : "they are"}.` : "";
    onFixed(`Put back ${plural(r.restored.length, "cell")} as ${r.restored.length === 1 ? "it was" : "they were"} before the fixes: ${r.restored.map((c) => `${c.cell} ${stateText(c.state)}`).join("; ")}.${kept}`);
  };

  const fixFor = (f: Finding): ReactNode => {
    const p = byFinding.get(f);
    if (!p) return null;
    const result = p.results.map((r) => resultText(r)).join(", ");
    return (
      <div className={styles.fix}>
        <Checkbox
          checked={ticked.has(p.key)}
          disabled={busy}
          onChange={(_, d) => {
            const next = new Set(ticked);
            if (d.checked) next.add(p.key);
            else next.delete(p.key);
            setTicked(next);
            setPreview(null);
          }}
          label={`${p.label} Result: ${result}.`}
          data-fix-key={p.key}
        />
        {p.hold ? <Caption1 className={styles.hold}>{p.hold} Tick it only if you mean to.</Caption1> : null}
      </div>
    );
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
      <ActionStatus long={long} notice={notice} at="findings-actions" />
      {plan.length > 0 || lastApplied.applied ? (
        <section className={styles.box} aria-label="Fixes" data-testid="fixes">
          <p className={styles.h}>
            {plan.length > 0 ? `${plural(plan.length, "fix", "fixes")} offered, beside ${plan.length === 1 ? "its finding" : "their findings"} below` : "No fixes offered now"}
            {held.length ? `; ${plural(held.length, "fix", "fixes")} held back because ${held.length === 1 ? "its" : "their"} result would be an error` : ""}.
          </p>
          <div className={styles.actions}>
            {plan.length > 0 ? (
              <Button onClick={() => void showPreview()} disabled={busy || edits.length === 0}>
                Preview {plural(chosen.length, "fix", "fixes")}
              </Button>
            ) : null}
            {preview ? (
              <Button appearance="primary" onClick={() => void apply()} disabled={busy}>
                Apply {plural(preview.length, "change")}
              </Button>
            ) : null}
            {lastApplied.applied ? (
              <Button onClick={() => void undo()} disabled={busy}>
                Undo the last fixes ({plural(lastApplied.applied.length, "cell")})
              </Button>
            ) : null}
          </div>
          {preview ? (
            <ul className={styles.preview} aria-label="Fix preview: each cell before and after" data-testid="fix-preview">
              {preview.map((p, i) => {
                const r = chosen.flatMap((c) => c.results).find((x) => x.sheet === p.edit.sheet && x.cell === p.edit.cell);
                return (
                  <li key={`${p.edit.sheet}!${p.edit.cell}:${i}`}>
                    <strong>
                      {p.edit.sheet}!{p.edit.cell}
                    </strong>
                    <div>
                      Now: <span className={styles.code}>{stateText(p.before)}</span>
                    </div>
                    <div>
                      After: <span className={styles.code}>{editText(p.edit)}</span>
                    </div>
                    {r ? <div>Shows: {resultText(r)}</div> : null}
                  </li>
                );
              })}
            </ul>
          ) : null}
          <ActionStatus long={long} notice={notice} at="fixes" />
        </section>
      ) : null}
      <ActionStatus long={long} notice={notice} at="go" />
      <FindingsList findings={findings} onSelect={go} disabled={busy} hasFix={(f) => byFinding.has(f)} extra={fixFor} empty={empty} />
    </div>
  );
}
