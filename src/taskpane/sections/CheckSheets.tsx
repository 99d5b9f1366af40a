/**
 * "Check sheets": check the active sheet, the selection or every sheet for budget and savings faults; findings,
 * highlights, fixes (with undo), a check report sheet; and "Check returns" for .xlsx files picked from disk.
 * The add-in's own output sheets are never checked.
 */
import { Button, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, useCallback, useMemo, useState } from "react";
import { ChunkBoundary, lazyChunk } from "../lazyChunk";
import { loadWithRetries } from "../retryLoad";
import type { Finding } from "../../core/findings";
import type { SheetSnapshot } from "../../core/sheetSnapshot";
import type { AppliedEdit } from "../../excel";
import { ActionStatus } from "../components/ActionStatus";
import type { Ask } from "../components/ConfirmDialog";
import type { NoticeState } from "../components/Notice";
import { useLongTask } from "../useTask";
import type { CheckScope } from "../reading";
import { CheckReturns } from "./CheckReturns";

// Issue 15: the first screen is the scope and the Check button. The checks, the Excel reads and the report
// writer load when Check is clicked; the findings panel (highlights, fix preview, fixes) when there are findings.
const loadCheckRun = (): Promise<typeof import("./checkRun")> => loadWithRetries(() => import(/* webpackChunkName: "check-run" */ "./checkRun"));
const FindingsPanel = lazyChunk(() => import(/* webpackChunkName: "findings" */ "../components/FindingsPanel").then((m) => m.FindingsPanel));

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  h: { fontSize: tokens.fontSizeBase500, margin: `${tokens.spacingVerticalL} 0 0` },
});

const SCOPE_TEXT: Record<CheckScope, string> = { used: "the active sheet", selection: "the selected cells", workbook: "every sheet" };

interface CheckResult {
  findings: Finding[];
  snapshots: SheetSnapshot[];
  checked: string;
  /** Whether any sheet read had something the checks look at. */
  checkable: boolean;
  run: number;
}

export function CheckSheets({ ask }: { ask: Ask }): JSX.Element {
  const styles = useStyles();
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const long = useLongTask(setNotice);
  const [scope, setScope] = useState<CheckScope>("used");
  const [result, setResult] = useState<CheckResult | null>(null);
  const [applied, setApplied] = useState<AppliedEdit[] | null>(null);
  const busy = long.task !== null;
  const lastApplied = useMemo(() => ({ applied, set: setApplied }), [applied]);

  const check = useCallback(async (before?: string): Promise<void> => {
    if (!before) setApplied(null);
    const out = await long.run("Checking", async (signal, progress) => {
      const run = await loadCheckRun();
      const read = await run.readScope(scope, signal, progress);
      const findings = await run.checkSnapshotsAsync(read.snapshots, { signal, onProgress: (p) => progress(`Checked ${p.sheet}`, p.done, p.total) });
      return { findings, read, run };
    }, before ? "fixes" : "check");
    if (!out) return;
    const { plural, isCheckable, WHAT_IS_CHECKED, mergesNote } = out.run;
    const snaps = out.read.snapshots;
    const names = snaps.map((s) => s.name);
    const checked = names.length === 1 ? `Sheet ${names[0]}` : `${plural(names.length, "sheet")}: ${names.join(", ")}`;
    setResult((r) => ({ findings: out.findings, snapshots: snaps, checked, checkable: snaps.some(isCheckable), run: (r?.run ?? 0) + 1 }));
    const errors = out.findings.filter((f) => f.severity === "error").length;
    const skipped = out.read.skippedOutput;
    const skippedText = skipped.length ? ` Left out ${skipped.length === 1 ? "the add-in's own output sheet" : "the add-in's own output sheets"} ${skipped.map((n) => `"${n}"`).join(", ")}.` : "";
    let text: string;
    let intent: NoticeState["intent"] = errors > 0 ? "warning" : "success";
    if (snaps.length === 0 && skipped.length > 0 && scope !== "workbook") {
      intent = "info";
      text = `"${skipped[0]}" is a sheet the add-in wrote (a report or table), so it is not checked. Choose one of your own sheets.`;
    } else if (out.findings.length === 0 && !snaps.some(isCheckable)) {
      intent = "info";
      text = `Nothing to check was found in ${SCOPE_TEXT[scope]}. ${WHAT_IS_CHECKED}${skippedText}`;
    } else {
      text = out.findings.length === 0 ? `Checked ${SCOPE_TEXT[scope]}: no faults found.${skippedText}` : `Checked ${SCOPE_TEXT[scope]}: ${plural(out.findings.length, "finding")}, ${plural(errors, "error")}.${skippedText}`;
    }
    setNotice({ intent, text: (before ? `${before} ` : "") + text + mergesNote(snaps) });
  }, [long, scope]);

  const writeReport = async (): Promise<void> => {
    if (!result) return;
    const findings = result.findings;
    const name = await long.run("Writing the check report", async (_signal, progress) => {
      const { checkReportLayout, excelProgress, writeOwnedSheet } = await loadCheckRun();
      return writeOwnedSheet(checkReportLayout(findings, { scope: result.checked }), { key: "check-report", ask, onProgress: excelProgress(progress) });
    }, "findings-actions");
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
      <ActionStatus long={long} notice={notice} at="check" />
      {result ? (
        <section aria-labelledby="findings-heading">
          <h2 className={styles.h} id="findings-heading">
            Findings
          </h2>
          <ChunkBoundary what="The findings list" chunk={FindingsPanel}>
          <Suspense fallback={null}>
          <FindingsPanel.Component
            key={result.run}
            findings={result.findings}
            snapshots={result.snapshots}
            long={long}
            notice={notice}
            setNotice={setNotice}
            lastApplied={lastApplied}
            onFixed={(summary) => void check(summary)}
            empty={result.checkable ? "No faults found." : "Nothing to check was found."}
            extraActions={
              <Button onClick={() => void writeReport()} disabled={busy}>
                Write check report
              </Button>
            }
          />
          </Suspense>
          </ChunkBoundary>
        </section>
      ) : null}
      <h2 className={styles.h}>Check returns</h2>
      <CheckReturns ask={ask} />
    </div>
  );
}
