/**
 * "Check returns": several .xlsx files picked from disk, each read in the browser and checked by the same core
 * as the open workbook. Every finding is shown per file (grouped by severity, expandable), and two sheets are
 * written: the summary per file and sheet, and every finding (file, sheet, cell, message).
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  makeStyles,
  shorthands,
  tokens,
} from "@fluentui/react-components";
import { useId, useRef, useState } from "react";
import { SEVERITY_LABEL, checkReturnsLayout, checkSnapshotsAsync, outputSheetNames, type ReturnCheck } from "../../core/checks";
import { countBySeverity, sortFindings, type Severity } from "../../core/findings";
import { ActionStatus } from "../components/ActionStatus";
import type { Ask } from "../components/ConfirmDialog";
import type { NoticeState } from "../components/Notice";
import { ruleTitle } from "../messages";
import { plural } from "../../core/words";
import { throwIfAborted } from "../../core/cancel";
import { writeOwnedSheet } from "../ownedSheets";
import { returnsFindingsLayout, unreadableFileMessage } from "../returns";
import { useLongTask } from "../useTask";
import { excelProgress } from "../reading";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  picker: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  hidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
  files: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  finding: { display: "flex", flexDirection: "column", gap: "2px", overflowWrap: "anywhere", paddingInlineStart: tokens.spacingHorizontalS },
  error: { ...shorthands.borderLeft("4px", "solid", tokens.colorPaletteRedBorder2) },
  warning: { ...shorthands.borderLeft("4px", "solid", tokens.colorPaletteYellowBorder2) },
  info: { ...shorthands.borderLeft("4px", "solid", tokens.colorPaletteBlueBorderActive) },
  header: { overflowWrap: "anywhere", minWidth: 0 },
  h: { fontSize: tokens.fontSizeBase300, margin: `${tokens.spacingVerticalS} 0` },
});

const SEVERITIES: Severity[] = ["error", "warning", "info"];
const GROUP_TITLE: Record<Severity, string> = { error: "Errors", warning: "Warnings", info: "For information" };

function countsText(r: ReturnCheck): string {
  if (r.error) return "could not be read";
  const c = countBySeverity(r.findings);
  return `${plural(c.error, "error")}, ${plural(c.warning, "warning")}, ${c.info} information`;
}

function ReturnFindings({ ret }: { ret: ReturnCheck }): JSX.Element {
  const styles = useStyles();
  if (ret.error) return <p>{ret.error}</p>;
  if (ret.findings.length === 0) return <p>No faults found.</p>;
  const sorted = sortFindings(ret.findings);
  return (
    <div>
      {SEVERITIES.filter((s) => sorted.some((f) => f.severity === s)).map((s) => (
        <section key={s} aria-label={`${ret.file}: ${GROUP_TITLE[s]}`}>
          <h4 className={styles.h}>
            {GROUP_TITLE[s]} ({sorted.filter((f) => f.severity === s).length})
          </h4>
          <ul className={styles.list}>
            {sorted
              .filter((f) => f.severity === s)
              .map((f, i) => (
                <li key={`${f.sheet}!${f.cell}:${f.rule}:${i}`} className={`${styles.finding} ${styles[s]}`}>
                  <strong>
                    {f.sheet}!{f.cell} · {ruleTitle(f)}
                  </strong>
                  <span>{f.message}</span>
                  {f.suggestion ? <Caption1>{f.suggestion}</Caption1> : null}
                  <span className={styles.hidden}>{SEVERITY_LABEL[f.severity]}</span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

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
      // ExcelJS is large: loaded on first use, not with the pane.
      const { readXlsx } = await import(/* webpackChunkName: "workbook" */ "../../workbook/readXlsx");
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
      return { results, sheet, report };
    }, "returns");
    if (!out) return;
    setReturns(out.results);
    const all = countBySeverity(out.results.flatMap((r) => r.findings));
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
        <Accordion multiple collapsible data-testid="returns-results" aria-label="Findings per file">
          {returns.map((r, i) => (
            <AccordionItem key={`${r.file}:${i}`} value={i}>
              <AccordionHeader as="h3" className={styles.header}>
                {r.file}: {countsText(r)}
              </AccordionHeader>
              <AccordionPanel>
                <ReturnFindings ret={r} />
              </AccordionPanel>
            </AccordionItem>
          ))}
        </Accordion>
      ) : null}
    </div>
  );
}
