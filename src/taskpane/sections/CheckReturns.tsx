/**
 * "Check returns": several .xlsx files picked from disk, each read in the browser and checked by the same core
 * as the open workbook. Every finding is shown per file (grouped by severity, expandable), and two sheets are
 * written: the summary per file and sheet, and every finding (file, sheet, cell, message).
 */
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, useId, useRef, useState } from "react";
import { ChunkBoundary, lazyChunk } from "../lazyChunk";
import { loadWithRetries } from "../retryLoad";
import type { ReturnCheck } from "../../core/checks";
import { ActionStatus } from "../components/ActionStatus";
import type { Ask } from "../components/ConfirmDialog";
import type { NoticeState } from "../components/Notice";
import { plural } from "../../core/words";
import { throwIfAborted } from "../../core/cancel";
import { useLongTask } from "../useTask";

// Issue 15: the checks and the sheet writer load when files are checked; the findings per file after that.
const loadReturnsRun = (): Promise<typeof import("./returnsRun")> => loadWithRetries(() => import(/* webpackChunkName: "check-run" */ "./returnsRun"));
const ReturnsResults = lazyChunk(() => import(/* webpackChunkName: "returns-results" */ "./ReturnsResults").then((m) => m.ReturnsResults));

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  picker: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  hidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
  files: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
});

export function CheckReturns({ ask }: { ask: Ask }): JSX.Element {
  const styles = useStyles();
  const inputId = useId();
  const labelId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const long = useLongTask(setNotice);
  const [files, setFiles] = useState<File[]>([]);
  const [returns, setReturns] = useState<ReturnCheck[] | null>(null);
  const busy = long.task !== null;

  const checkFiles = async (): Promise<void> => {
    const picked = files;
    const out = await long.run("Checking returns", async (signal, progress) => {
      progress("Loading the workbook reader");
      const { checkReturnsLayout, checkSnapshotsAsync, countBySeverity, excelProgress, outputSheetNames, returnsFindingsLayout, unreadableFileMessage, writeOwnedSheet } = await loadReturnsRun();
      // The workbook reader is loaded on first use, not with the pane.
      const { readXlsx } = await loadWithRetries(() => import(/* webpackChunkName: "workbook" */ "../../workbook/readXlsx"));
      const results: ReturnCheck[] = [];
      for (let i = 0; i < picked.length; i++) {
        const f = picked[i];
        progress(`Reading ${f.name}`, i, picked.length);
        const bytes = new Uint8Array(await f.arrayBuffer());
        try {
          const snaps = await readXlsx(bytes);
          throwIfAborted(signal, "Cancelled.");
          const findings = await checkSnapshotsAsync(snaps, { signal });
          // The add-in's own output in a return (a check report saved with it) is not checked: listed as skipped.
          const skipped = outputSheetNames(snaps);
          const sheets = [...new Set(snaps.filter((s) => s.addinOutput === undefined).map((s) => s.name))];
          results.push({ file: f.name, sheets, findings, ...(skipped.length ? { skipped } : {}) });
        } catch (e) {
          if (signal.aborted) throw e;
          results.push({ file: f.name, sheets: [], findings: [], error: unreadableFileMessage(f.name, bytes.subarray(0, 8), e) });
        }
      }
      progress("Writing the summary sheet", picked.length, picked.length);
      const sheet = await writeOwnedSheet(checkReturnsLayout(results), { key: "check-returns", ask, onProgress: excelProgress(progress) });
      progress("Writing every finding", picked.length, picked.length);
      const report = sheet ? await writeOwnedSheet(returnsFindingsLayout(results), { key: "returns-findings", ask, onProgress: excelProgress(progress) }) : null;
      return { results, sheet, report, all: countBySeverity(results.flatMap((r) => r.findings)) };
    }, "returns");
    if (!out) return;
    setReturns(out.results);
    const all = out.all;
    const unreadable = out.results.filter((r) => r.error).length;
    const skipped = out.results.flatMap((r) => (r.skipped ?? []).map((sheet) => `${r.file}: ${sheet}`));
    setNotice({
      intent: all.error > 0 || unreadable > 0 ? "warning" : "success",
      text: `Checked ${plural(out.results.length, "file")}: ${plural(all.error, "error")}, ${plural(all.warning, "warning")}, ${all.info} information${unreadable ? `; ${unreadable} could not be read` : ""}.${skipped.length ? ` Not checked, as the add-in's own output: ${skipped.join("; ")}.` : ""}${out.sheet ? ` Summary written to the sheet "${out.sheet}"${out.report ? `, every finding to "${out.report}"` : ""}.` : " The summary sheet was not written."}`,
    });
  };

  return (
    <div className={styles.root}>
      <p id={labelId}>Service returns (.xlsx files): pick several files. Each is read here, on this computer, and checked like the open workbook.</p>
      <div className={styles.picker}>
        <label htmlFor={inputId} className={styles.hidden}>
          Service returns (.xlsx files)
        </label>
        <input
          id={inputId}
          ref={input}
          className={styles.hidden}
          type="file"
          multiple
          tabIndex={-1}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          data-testid="returns-input"
          onChange={(e) => {
            setFiles(Array.from(e.currentTarget.files ?? []));
            setReturns(null);
          }}
        />
        <Button onClick={() => input.current?.click()} disabled={busy} aria-describedby={labelId}>
          {files.length ? "Choose other files…" : "Choose files…"}
        </Button>
        <Button appearance="primary" onClick={() => void checkFiles()} disabled={busy || files.length === 0}>
          {files.length > 0 ? `Check ${plural(files.length, "file")}` : "Check files"}
        </Button>
      </div>
      {files.length ? (
        <ul className={styles.files} aria-label="Chosen files" data-testid="chosen-files">
          {files.map((f, i) => (
            <li key={`${f.name}:${i}`}>{f.name}</li>
          ))}
        </ul>
      ) : null}
      <ActionStatus long={long} notice={notice} at="returns" />
      {returns ? (
        <ChunkBoundary what="The returns' results" chunk={ReturnsResults}>
          <Suspense fallback={null}>
            <ReturnsResults.Component returns={returns} />
          </Suspense>
        </ChunkBoundary>
      ) : null}
    </div>
  );
}
