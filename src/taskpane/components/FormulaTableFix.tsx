/**
 * "Make BUDGET formulas use this table": when the council's own grade table is chosen, the formulas in the
 * workbook that still cost on the sample table are rewritten (after asking) to name it and the pane's pay
 * year, with Undo. Formulas that cannot be rewritten safely are listed.
 */
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { applyEdits, undoEdits, type AppliedEdit } from "../../excel";
import { financialYearLabel } from "../../core/financialYear";
import { scanTableFormulas } from "../formulaTables";
import { tableReference, useGradeTableSource, usePayYear } from "../gradeTable";
import { plural } from "../../core/words";
import { readInputSheets } from "../reading";
import { useLongTask } from "../useTask";
import { ActionStatus } from "./ActionStatus";
import type { Ask } from "./ConfirmDialog";
import type { NoticeState } from "./Notice";

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginBlockEnd: tokens.spacingVerticalS },
});

export function FormulaTableFix({ ask }: { ask: Ask }): JSX.Element | null {
  const styles = useStyles();
  const source = useGradeTableSource();
  const [year] = usePayYear();
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const long = useLongTask(setNotice);
  const [applied, setApplied] = useState<AppliedEdit[] | null>(null);
  if (!source) return null;
  const busy = long.task !== null;
  const ref = tableReference(source);

  const fix = async (): Promise<void> => {
    const out = await long.run("Finding BUDGET formulas on the sample table", async (signal, progress) => {
      const { snapshots } = await readInputSheets(signal, progress);
      const scan = scanTableFormulas(snapshots, ref, year);
      if (scan.edits.length === 0) return { scan, done: null };
      const answer = await ask({
        title: "Make BUDGET formulas use this table?",
        body: `${plural(scan.edits.length, "formula")} cost on the sample table (${scan.edits.slice(0, 3).map((e) => `${e.sheet}!${e.cell}`).join(", ")}${scan.edits.length > 3 ? "…" : ""}). Add ${ref} and the pay year ${financialYearLabel(year)} to ${scan.edits.length === 1 ? "it" : "them"}, so the cells and the pane give the same figures?`,
        primary: `Change ${plural(scan.edits.length, "formula")}`,
      });
      if (answer !== "primary") return { scan, done: [] as AppliedEdit[] };
      return { scan, done: await applyEdits(scan.edits) };
    }, "fix");
    if (!out) return;
    const byHand = out.scan.byHand.length ? ` ${plural(out.scan.byHand.length, "formula")} need changing by hand (${out.scan.byHand.join(", ")}): add ${ref} as the gradeTable argument.` : "";
    if (out.done === null) setNotice({ intent: "success", text: `No BUDGET formula that can be changed here costs on the sample table.${byHand}` });
    else if (out.done.length === 0) setNotice({ intent: "info", text: `No formula was changed.${byHand}` });
    else {
      setApplied(out.done);
      setNotice({ intent: "success", text: `Changed ${plural(out.done.length, "formula")} to use ${ref} and ${financialYearLabel(year)}: ${out.done.map((d) => `${d.edit.sheet}!${d.edit.cell}`).join(", ")}.${byHand}` });
    }
  };
  const undo = async (): Promise<void> => {
    if (!applied) return;
    const r = await long.run("Putting the formulas back", () => undoEdits(applied), "fix");
    if (!r) return;
    setApplied(null);
    setNotice({ intent: "success", text: `Put back ${plural(r.restored.length, "formula")} as ${r.restored.length === 1 ? "it was" : "they were"}.${r.changedSince.length ? ` ${plural(r.changedSince.length, "cell")} changed since ${r.changedSince.length === 1 ? "was" : "were"} left as ${r.changedSince.length === 1 ? "it is" : "they are"}.` : ""}` });
  };
  return (
    <div>
      <div className={styles.actions}>
        <Button size="small" onClick={() => void fix()} disabled={busy}>
          Make BUDGET formulas use this table
        </Button>
        {applied ? (
          <Button size="small" onClick={() => void undo()} disabled={busy}>
            Undo the formula changes
          </Button>
        ) : null}
      </div>
      <ActionStatus long={long} notice={notice} at="fix" />
    </div>
  );
}
