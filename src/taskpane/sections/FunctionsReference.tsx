/** "Functions": a short reference of the BUDGET.* custom functions, with examples, Insert into the selected cell and a link to each function's help. */
import { Button, Link, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { insertFormula, readSelection } from "../../excel";
import { ActionStatus } from "../components/ActionStatus";
import type { Ask } from "../components/ConfirmDialog";
import type { NoticeState } from "../components/Notice";
import { planInsert } from "../insertFunction";
import { useLongTask } from "../useTask";
import { SAMPLE_GRADE_TABLE } from "../../core/grades";
import { financialYearLabel } from "../../core/financialYear";
import { cellEditWait } from "../reading";

interface FunctionDoc {
  name: string;
  args: string;
  what: string;
  example: string;
}

/** The functions as the manifest's BUDGET namespace exposes them (full descriptions: README and Excel's formula tips). */
export const FUNCTION_DOCS: readonly FunctionDoc[] = [
  { name: "SALARY", args: "grade, [point], [year], [gradeTable], [payAwards]", what: "Annual full-time salary of a grade at a pay point.", example: '=BUDGET.SALARY("KR17", "mid", 2024)' },
  { name: "ONCOSTS", args: "salary, [year], [pensionRate]", what: "Employer National Insurance, pension and apprenticeship levy on one person's pay.", example: "=BUDGET.ONCOSTS(110000, 2024)" },
  { name: "POSTCOST", args: "salary, [fte], [year], [pensionRate]", what: "Pay times FTE plus employer on-costs.", example: "=BUDGET.POSTCOST(110000, 1, 2024)" },
  { name: "GRADECOST", args: "grade, [fte], [point], [year], [gradeTable], [pensionRate], [payAwards]", what: "What a post on a grade costs a year.", example: '=BUDGET.GRADECOST("KR17", 1)' },
  { name: "PARTYEAR", args: "annualAmount, effectiveDate, [financialYear], [basis]", what: "The share of a full-year amount falling in a financial year from an effective date.", example: '=BUDGET.PARTYEAR(133000, DATE(2024,10,1), 2024)' },
  { name: "RANGETOTAL", args: "ranges", what: "Total of savings ranges (low, high), spilled as two cells.", example: "=BUDGET.RANGETOTAL(B2:B7)" },
  { name: "RANGEGAP", args: "requirement, ranges", what: "Shortfall against a savings requirement at the top and bottom of the range.", example: "=BUDGET.RANGEGAP(241, B2:B7)" },
  { name: "RANGEMID", args: "ranges", what: "Midpoint of the total of savings ranges.", example: "=BUDGET.RANGEMID(B2:B7)" },
  { name: "RANGETEXT", args: "low, high, [unit]", what: "A savings range as text.", example: '=BUDGET.RANGETEXT(180, 220, "£m")' },
  { name: "POSTDELTA", args: "before, after", what: "Change in the number of posts between two lists.", example: "=BUDGET.POSTDELTA(Before!A2:C10, After!A2:C7)" },
  { name: "FTEDELTA", args: "beforeFte, afterFte, [beforeGrades], [afterGrades], [grade]", what: "Change in FTE, optionally for one grade.", example: '=BUDGET.FTEDELTA(B2:B10, E2:E7, A2:A10, D2:D7, "KR17")' },
  { name: "COSTDELTA", args: "beforeGrades, beforeFte, afterGrades, afterFte, [point], [year], [gradeTable], [pensionRate], [payAwards]", what: "Full-year cost change between two lists (negative is a saving).", example: "=BUDGET.COSTDELTA(A2:A10, B2:B10, D2:D7, E2:E7)" },
  { name: "DELTATABLE", args: "beforeGrades, beforeFte, afterGrades, afterFte, [point], [year], [gradeTable], [pensionRate], [payAwards]", what: "A before/after table by grade, spilled with a heading row.", example: "=BUDGET.DELTATABLE(A2:A10, B2:B10, D2:D7, E2:E7)" },
  { name: "SLOTTING", args: "oldGrade, newGrade, jobs, holders, similarity", what: 'Whether a post holder is slotted into a new job ("Slot" or "Ring-fence: why").', example: '=BUDGET.SLOTTING("KR17", "KR17", 1, 1, 80%)' },
];

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyleType: "none", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  name: { fontWeight: tokens.fontWeightSemibold, fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase300, margin: 0, overflowWrap: "anywhere" },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase300, display: "block", overflowWrap: "anywhere", color: tokens.colorNeutralForeground1 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  note: { padding: tokens.spacingHorizontalM, border: `1px solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium },
});

export function FunctionsReference({ ask }: { ask?: Ask }): JSX.Element {
  const styles = useStyles();
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const long = useLongTask(setNotice);
  const busy = long.task !== null;

  const insert = async (f: FunctionDoc): Promise<void> => {
    const out = await long.run(`Inserting BUDGET.${f.name}`, async (signal, progress) => {
      // Cancel stops the read's waits for a cell edit to end, and the pane says it is waiting meanwhile.
      const sel = await readSelection(cellEditWait(signal, progress));
      const plan = planInsert(f.name, f.example, sel);
      let result = await insertFormula(sel.sheet, plan.cell, plan.formula);
      if (!result.written) {
        const answer = ask
          ? await ask({ title: `Replace what is in ${plan.cell}?`, body: `${sel.sheet}!${plan.cell} holds ${result.existing}. Replace it with ${plan.formula}?`, primary: `Replace ${plan.cell}` })
          : "cancel";
        if (answer !== "primary") return { plan, sel, result: null };
        result = await insertFormula(sel.sheet, plan.cell, plan.formula, true);
      }
      return { plan, sel, result };
    }, f.name);
    if (!out) return;
    if (!out.result) {
      setNotice({ intent: "info", text: `Nothing was changed: ${out.sel.sheet}!${out.plan.cell} was left as it is.` });
      return;
    }
    const value = out.result.written ? out.result.value : null;
    setNotice({ intent: "success", text: `Put ${out.plan.formula} in ${out.sel.sheet}!${out.plan.cell}, ${out.plan.how}.${value !== null && value !== undefined && value !== "" ? ` It shows ${String(value)}.` : ""}` });
  };

  return (
    <div>
      <p className={styles.note} role="note">
        Grade figures are <strong>sample data</strong>: by default the functions use {SAMPLE_GRADE_TABLE.label}. Pass your council&apos;s own grade table (a range of grade,
        minimum, maximum) as the gradeTable argument for real budgets. Without the add-in loaded, these formulas show #NAME?: use &quot;Make shareable copy&quot; before sending a
        workbook on.
      </p>
      <p className={styles.note} role="note" data-testid="year-rule">
        Year left out: the current financial year if the grade table or a pay-award assumption covers it, otherwise the latest year the table covers (
        {SAMPLE_GRADE_TABLE.payYears.length ? financialYearLabel(SAMPLE_GRADE_TABLE.payYears[SAMPLE_GRADE_TABLE.payYears.length - 1]) : ""} for the sample table). A later
        year needs a pay-award assumption: pass payAwards, a range of year and award rows (2025/26, 3%), compounded from the table&apos;s last year; a year neither covers
        gives #N/A saying which years need one.
      </p>
      <p>Select a cell (or the cells to use as arguments, such as a column of savings ranges or a grade and an FTE), then Insert.</p>
      <ul className={styles.list} aria-label="BUDGET functions">
        {FUNCTION_DOCS.map((f) => (
          <li key={f.name} className={styles.item}>
            <h2 className={styles.name}>
              BUDGET.{f.name}({f.args})
            </h2>
            <div>{f.what}</div>
            <code className={styles.code}>{f.example}</code>
            <div className={styles.actions}>
              <Button size="small" onClick={() => void insert(f)} disabled={busy} aria-label={`Insert BUDGET.${f.name} into the selected cell`}>
                Insert BUDGET.{f.name}
              </Button>
              <Link href={`help.html#${f.name.toLowerCase()}`} target="_blank" rel="noopener noreferrer">
                Help on BUDGET.{f.name}
              </Link>
            </div>
            <ActionStatus long={long} notice={notice} at={f.name} />
          </li>
        ))}
      </ul>
    </div>
  );
}
