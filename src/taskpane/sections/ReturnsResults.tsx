/** The findings of "Check returns" per file (Fluent's Accordion), in their own chunk: shown after a check. */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Caption1, makeStyles, shorthands, tokens } from "@fluentui/react-components";
import { SEVERITY_LABEL, type ReturnCheck } from "../../core/checks";
import { countBySeverity, sortFindings, type Severity } from "../../core/findings";
import { plural } from "../../core/words";
import { ruleTitle } from "../messages";

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

export function ReturnsResults({ returns }: { returns: ReturnCheck[] }): JSX.Element {
  const styles = useStyles();
  return (
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
  );
}
