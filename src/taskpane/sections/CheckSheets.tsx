/**
 * "Check sheets": check the active sheet, the selection or every sheet for budget and savings faults; findings,
 * highlights, fixes, a check report sheet; and "Check returns" for .xlsx files picked from disk.
 */
import { Button, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useState } from "react";
import { checkReportLayout, checkSnapshotsAsync } from "../../core/checks";
import type { Finding } from "../../core/findings";
import type { Ask } from "../components/ConfirmDialog";
import { FindingsPanel } from "../components/FindingsPanel";
import { Notice, type NoticeState } from "../components/Notice";
import { TaskProgress } from "../components/TaskProgress";
import { plural } from "../messages";
import { writeOwnedSheet } from "../ownedSheets";
import { useLongTask } from "../useTask";
import { excelProgress, readScope, type CheckScope } from "../reading";
import { CheckReturns } from "./CheckReturns";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  h: { fontSize: tokens.fontSizeBase500, margin: `${tokens.spacingVerticalL} 0 0` },
});

const SCOPE_TEXT: Record<CheckScope, string> = { used: "the active sheet", selection: "the selected cells", workbook: "every sheet" };

export function CheckSheets({ ask }: { ask: Ask }): JSX.Element {
  const styles = useStyles();
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const long = useLongTask(setNotice);
  const [scope, setScope] = useState<CheckScope>("used");
  const [result, setResult] = useState<{ findings: Finding[]; checked: string; run: number } | null>(null);
  const busy = long.task !== null;

  const check = useCallback(async (before?: string): Promise<void> => {
    const out = await long.run("Checking", async (signal, progress) => {
      const snaps = await readScope(scope, signal, progress);
      const findings = await checkSnapshotsAsync(snaps, { signal, onProgress: (p) => progress(`Checked ${p.sheet}`, p.done, p.total) });
      return { findings, sheets: snaps.map((s) => s.name) };
    });
    if (!out) return;
    const checked = out.sheets.length === 1 ? `Sheet ${out.sheets[0]}` : `${plural(out.sheets.length, "sheet")}: ${out.sheets.join(", ")}`;
    setResult((r) => ({ findings: out.findings, checked, run: (r?.run ?? 0) + 1 }));
    const errors = out.findings.filter((f) => f.severity === "error").length;
    setNotice({
      intent: errors > 0 ? "warning" : "success",
      text: (before ? `${before} ` : "") + (out.findings.length === 0 ? `Checked ${SCOPE_TEXT[scope]}: no faults found.` : `Checked ${SCOPE_TEXT[scope]}: ${plural(out.findings.length, "finding")}, ${plural(errors, "error")}.`),
    });
  }, [long, scope]);

  const writeReport = async (): Promise<void> => {
    if (!result) return;
    const findings = result.findings;
    const name = await long.run("Writing the check report", (_signal, progress) =>
      writeOwnedSheet(checkReportLayout(findings, { scope: result.checked }), { key: "check-report", ask, onProgress: excelProgress(progress) }),
    );
    if (name) setNotice({ intent: "success", text: `Wrote the check report to the sheet "${name}".` });
  };

  return (
    <div className={styles.root}>
      <RadioGroup value={scope} onChange={(_, d) => setScope(d.value as CheckScope)} aria-labelledby="scope-label" disabled={busy}>
        <span id="scope-label">What to check</span>
        <Radio value="used" label="The active sheet" />
        <Radio value="selection" label="The selected cells" />
        <Radio value="workbook" label="Every sheet in the workbook" />
      </RadioGroup>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void check()} disabled={busy}>
          Check
        </Button>
      </div>
      <TaskProgress task={long.task} onCancel={long.cancel} />
      <Notice notice={notice} />
      {result ? (
        <FindingsPanel
          key={result.run}
          findings={result.findings}
          long={long}
          setNotice={setNotice}
          onFixed={(summary) => void check(summary)}
          extraActions={
            <Button onClick={() => void writeReport()} disabled={busy}>
              Write check report
            </Button>
          }
        />
      ) : null}
      <h2 className={styles.h}>Check returns</h2>
      <CheckReturns ask={ask} />
    </div>
  );
}

