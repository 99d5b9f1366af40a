/**
 * "Members' pack": build an .xlsx for elected members from what the open workbook holds (post lists, savings
 * sheets, budget sheets), open it in Excel or offer it as a download; and "Make shareable copy" (BUDGET.* formulas
 * replaced by their values, in a new workbook; the open workbook is not touched).
 */
import { Button, Checkbox, Field, Input, Link, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { checkSnapshotsAsync, type DetectedTable } from "../../core/checks";
import type { SheetSnapshot } from "../../core/sheetSnapshot";
import { formatDate, parseDateText } from "../../core/financialYear";
import type { SalaryPoint } from "../../core/grades";
import { countBySeverity } from "../../core/findings";
import { createWorkbookFromBase64, getWorkbookFileBytes } from "../../excel";
import { ActionStatus } from "../components/ActionStatus";
import type { Ask } from "../components/ConfirmDialog";
import { bytesToBase64 } from "../../workbook/base64";
import type { MembersPackSections } from "../../workbook/membersPack";
import { GradeTableField, useGradeTable, usePayYear } from "../gradeTable";
import { CostingFields } from "../components/CostingFields";
import type { NoticeState } from "../components/Notice";
import { downloadLink, xlsxFileName, type DownloadLink } from "../download";
import { plural } from "../../core/words";
import { readInputSheets } from "../reading";
import { useLongTask } from "../useTask";
import { loadWithRetries } from "../retryLoad";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  h: { fontSize: tokens.fontSizeBase500, margin: `${tokens.spacingVerticalL} 0 0` },
  pickers: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 200px), 1fr))", gap: tokens.spacingHorizontalS, alignItems: "start", minWidth: 0 },
  input: { minWidth: 0, width: "100%" },
});

const SECTIONS: { key: keyof MembersPackSections; label: string }[] = [
  { key: "summary", label: "Summary" },
  { key: "structure", label: "Structure tables" },
  { key: "orgChart", label: "Org charts (drawn shapes, one A4 landscape page each)" },
  { key: "impact", label: "Impact tables (by grade, post count, cost change)" },
  { key: "savings", label: "Savings ranges against the requirement" },
  { key: "budgets", label: "Budget tables (services by type, gross and net, with their open check results)" },
  { key: "checks", label: "Budget sheet check results" },
];

function today(): string {
  const d = new Date();
  return formatDate(new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())));
}

/**
 * Open `bytes` as a new workbook in Excel, or return a download link where this Excel cannot open it and a download
 * works (not in Excel for Mac, whose webview ignores downloads: then the reason says what to do instead).
 */
async function openOrOffer(bytes: Uint8Array, fileName: string): Promise<HandOff> {
  const r = await createWorkbookFromBase64(bytesToBase64(bytes));
  if (r.created) return { opened: true };
  return { opened: false, reason: r.reason, link: r.download === false ? undefined : downloadLink(bytes, fileName) };
}

export interface HandOff {
  opened: boolean;
  reason?: string;
  link?: DownloadLink;
}

/** What the pane says after handing over a generated workbook: opened; not opened, with a download; or neither. */
export function handOffNotice(result: HandOff, what: string, extra = ""): NoticeState {
  if (result.opened) return { intent: "success", text: `${what} opened as a new workbook.${extra}` };
  const reason = result.reason ?? "Excel cannot open it from here.";
  if (result.link) return { intent: "info", text: `${reason} The download link is below.${extra}` };
  return { intent: "warning", title: `${what} was not opened`, text: `${reason}${extra}` };
}

export function MembersPack({ ask }: { ask: Ask }): JSX.Element {
  const styles = useStyles();
  const gradeTable = useGradeTable();
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const long = useLongTask(setNotice);
  const busy = long.task !== null;
  const [sections, setSections] = useState<Required<MembersPackSections>>({ summary: true, structure: true, orgChart: true, impact: true, savings: true, budgets: true, checks: true });
  const [title, setTitle] = useState("Members' pack");
  const [date, setDate] = useState(today());
  const packDate = parseDateText(date.trim());
  const [classification, setClassification] = useState("Unrestricted");
  const [point, setPoint] = useState<SalaryPoint>("min");
  const [year, setYear] = usePayYear();
  const [link, setLink] = useState<DownloadLink | null>(null);

  useEffect(() => () => (link ? URL.revokeObjectURL(link.url) : undefined), [link]);

  const offer = (result: HandOff, what: string, extra = ""): void => {
    setLink(result.opened ? null : (result.link ?? null));
    setNotice(handOffNotice(result, what, extra));
  };

  const build = async (): Promise<void> => {
    const packTitle = title.trim() || "Members' pack";
    const out = await long.run("Building the members' pack", async (signal, progress) => {
      // The add-in's own output (reports, impact and structure sheets) is never read as input.
      const { snapshots, skippedOutput } = await readInputSheets(signal, progress);
      // The .xlsx writer is loaded on first use, not with the pane.
      const [{ buildMembersPack }, { findPackContents, membersPackInputFromContents }] = await Promise.all([
        loadWithRetries(() => import(/* webpackChunkName: "workbook" */ "../../workbook/membersPack")),
        loadWithRetries(() => import(/* webpackChunkName: "workbook" */ "../../workbook/membersPackFromWorkbook")),
      ]);
      // Each sheet's tables are detected once: the checks use the ones the pack found.
      const detected = new Map<SheetSnapshot, DetectedTable[]>();
      const contents = findPackContents(snapshots, detected);
      const checkedNames = new Set([...contents.budgetSheets, ...contents.savings.map((s) => s.sheet)]);
      progress("Checking the sheets that go into the pack");
      const findings = await checkSnapshotsAsync(snapshots.filter((s) => checkedNames.has(s.name)), { signal, tablesOf: (s) => detected.get(s) });
      const counts = countBySeverity(findings);
      const omitted = contents.savings.flatMap((s) => s.section.omitted ?? []);
      if (counts.error > 0 || omitted.length > 0) {
        const parts: string[] = [];
        if (counts.error > 0) parts.push(`The sheets going into the pack have ${plural(counts.error, "error")} and ${plural(counts.warning, "warning")} (the pack's Check results sheet lists them; Check sheets shows them here).`);
        if (omitted.length > 0)
          parts.push(`${plural(omitted.length, "savings line")} cannot be read and will be left out of the totals, listed on the pack's Savings sheet: ${omitted.map((o) => `${o.where} "${o.written}"`).join("; ")}.`);
        const answer = await ask({ title: "Before the pack is built", body: `${parts.join(" ")} Build the pack anyway, or stop and correct the sheets first?`, primary: "Build the pack anyway", secondary: undefined });
        if (answer !== "primary") return { stopped: true as const, counts, omitted: omitted.length };
      }
      progress("Writing the workbook");
      const input = membersPackInputFromContents(contents, findings, { costing: { table: gradeTable, point, year } });
      const bytes = await buildMembersPack(input, { title: packTitle, date: packDate ?? undefined, classification: classification.trim() || "Unrestricted", sections });
      if (signal.aborted) return null;
      progress("Opening the workbook");
      const found = `Found ${plural(contents.postLists.length, "post list")}, ${plural(contents.savings.length, "savings sheet")} and ${plural(contents.budgetSheets.length, "budget sheet")}${skippedOutput.length ? ` (the add-in's own ${plural(skippedOutput.length, "output sheet")} left out)` : ""}.`;
      const said = [counts.error ? `The pack's Check results list ${plural(counts.error, "error")}.` : "", omitted.length ? `${plural(omitted.length, "savings line")} left out, listed on its Savings sheet.` : ""].filter(Boolean).join(" ");
      return { stopped: false as const, result: await openOrOffer(bytes, xlsxFileName(packTitle)), found: `${found}${said ? ` ${said}` : ""}` };
    }, "build");
    if (!out) return;
    if (out.stopped) {
      setNotice({ intent: "info", text: `The pack was not built. Correct the sheets (Check sheets lists ${plural(out.counts.error, "error")}${out.omitted ? ` and the ${plural(out.omitted, "unreadable savings line")}` : ""}), then build it again.` });
      return;
    }
    offer(out.result, `"${packTitle}"`, ` ${out.found}`);
  };

  const shareable = async (): Promise<void> => {
    const out = await long.run("Making a shareable copy", async (signal, progress) => {
      progress("Reading this workbook");
      const bytes = await getWorkbookFileBytes();
      if (signal.aborted) return null;
      progress("Replacing BUDGET functions by their values");
      const { makeShareableCopy } = await loadWithRetries(() => import(/* webpackChunkName: "workbook" */ "../../workbook/shareableCopy"));
      const copy = await makeShareableCopy(bytes);
      return { copy, result: await openOrOffer(copy.bytes, "Shareable copy.xlsx") };
    }, "share");
    if (!out) return;
    const n = out.copy.conversions.length;
    const warn = out.copy.warnings.length ? ` Check: ${out.copy.warnings.join("; ")}` : "";
    offer(out.result, "The shareable copy", ` ${plural(n, "formula")} replaced by ${n === 1 ? "its value" : "their values"}, listed on the sheet "${out.copy.listingSheet}". The open workbook was not changed.${warn}`);
  };

  return (
    <div className={styles.root}>
      <fieldset>
        <legend>What goes in</legend>
        {SECTIONS.map((s) => (
          <Checkbox key={s.key} label={s.label} checked={sections[s.key]} disabled={busy} onChange={(_, d) => setSections({ ...sections, [s.key]: d.checked === true })} />
        ))}
      </fieldset>
      <Field label="Title">
        <Input value={title} onChange={(_, d) => setTitle(d.value)} disabled={busy} />
      </Field>
      <div className={styles.pickers}>
        <Field label="Date (dd/mm/yyyy)" validationState={packDate ? "none" : "error"} validationMessage={packDate ? undefined : "Type the date as dd/mm/yyyy."}>
          <Input className={styles.input} value={date} onChange={(_, d) => setDate(d.value)} disabled={busy} />
        </Field>
        <Field label="Classification">
          <Input className={styles.input} value={classification} onChange={(_, d) => setClassification(d.value)} disabled={busy} />
        </Field>
        <CostingFields point={point} year={year} onPointChange={setPoint} onYearChange={setYear} disabled={busy} />
      </div>
      <GradeTableField disabled={busy} />
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void build()} disabled={busy || !packDate || !Object.values(sections).some(Boolean)} aria-describedby={!Object.values(sections).some(Boolean) ? "pack-why" : undefined}>
          Create members' workbook
        </Button>
      </div>
      {!Object.values(sections).some(Boolean) ? <p id="pack-why">Tick at least one part under "What goes in" to build a pack.</p> : null}
      <ActionStatus long={long} notice={notice} at="build" />
      <h2 className={styles.h}>Share this workbook</h2>
      <p>A copy in which every BUDGET function is replaced by its current value, so it opens anywhere without the add-in.</p>
      <div className={styles.actions}>
        <Button onClick={() => void shareable()} disabled={busy}>
          Make shareable copy
        </Button>
      </div>
      <ActionStatus long={long} notice={notice} at="share" />
      {link ? (
        <p>
          <Link href={link.url} download={link.fileName} data-testid="download-link">
            Download {link.fileName}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
