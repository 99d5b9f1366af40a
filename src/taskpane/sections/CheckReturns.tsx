/**
 * "Check returns": several .xlsx files picked from disk, each read in the browser and checked by the same core
 * as the open workbook; a summary table of files, sheets and findings is written to a new sheet.
 */
import { Button, Field, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";
import { checkReturnsLayout, checkSnapshotsAsync, type ReturnCheck } from "../../core/checks";
import { countBySeverity } from "../../core/findings";
import type { Ask } from "../components/ConfirmDialog";
import { Notice, type NoticeState } from "../components/Notice";
import { TaskProgress } from "../components/TaskProgress";
import { messageOf, plural } from "../messages";
import { writeOwnedSheet } from "../ownedSheets";
import { useLongTask } from "../useTask";
import { excelProgress } from "../reading";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  input: { fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground1 },
});

export function CheckReturns({ ask }: { ask: Ask }): JSX.Element {
  const styles = useStyles();
  const inputId = useId();
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
        try {
          const snaps = await readXlsx(await f.arrayBuffer());
          if (signal.aborted) throw Object.assign(new Error("Cancelled."), { name: "AbortError" });
          const findings = await checkSnapshotsAsync(snaps, { signal });
          results.push({ file: f.name, sheets: snaps.map((s) => s.name), findings });
        } catch (e) {
          if (signal.aborted) throw e;
          results.push({ file: f.name, sheets: [], findings: [], error: messageOf(e) });
        }
      }
      progress("Writing the summary sheet", picked.length, picked.length);
      const sheet = await writeOwnedSheet(checkReturnsLayout(results), { key: "check-returns", ask, onProgress: excelProgress(progress) });
      return { results, sheet };
    });
    if (!out) return;
    setReturns(out.results);
    const all = countBySeverity(out.results.flatMap((r) => r.findings));
    const unreadable = out.results.filter((r) => r.error).length;
    setNotice({
      intent: all.error > 0 || unreadable > 0 ? "warning" : "success",
      text: `Checked ${plural(out.results.length, "file")}: ${plural(all.error, "error")}, ${plural(all.warning, "warning")}${unreadable ? `, ${unreadable} could not be read` : ""}.${out.sheet ? ` Summary written to the sheet "${out.sheet}".` : " The summary sheet was not written."}`,
    });
  };

  return (
    <div className={styles.root}>
      <Field label="Service returns (.xlsx files)" hint="Pick several files: each is read here, on this computer, and checked like the open workbook.">
        <input
          id={inputId}
          className={styles.input}
          type="file"
          multiple
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          data-testid="returns-input"
          onChange={(e) => {
            setFiles(Array.from(e.currentTarget.files ?? []));
            setReturns(null);
          }}
        />
      </Field>
      <div>
        <Button onClick={() => void checkFiles()} disabled={busy || files.length === 0}>
          {files.length > 0 ? `Check ${plural(files.length, "file")}` : "Check files"}
        </Button>
      </div>
      <TaskProgress task={long.task} onCancel={long.cancel} />
      <Notice notice={notice} />
      {returns ? (
        <Table size="small" aria-label="Returns checked">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>File</TableHeaderCell>
              <TableHeaderCell>Errors</TableHeaderCell>
              <TableHeaderCell>Warnings</TableHeaderCell>
              <TableHeaderCell>Info</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {returns.map((r, i) => {
              const c = countBySeverity(r.findings);
              return (
                <TableRow key={`${r.file}:${i}`}>
                  <TableCell>{r.error ? `${r.file} (could not be read: ${r.error})` : r.file}</TableCell>
                  <TableCell>{c.error}</TableCell>
                  <TableCell>{c.warning}</TableCell>
                  <TableCell>{c.info}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : null}
    </div>
  );
}
