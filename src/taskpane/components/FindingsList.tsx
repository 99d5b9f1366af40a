/**
 * THE findings list, used by every check in the pane (budget sheets, savings sheets, post lists): grouped by
 * severity with counts; each finding is a button that selects its cell in Excel.
 */
import { Button, Caption1, CounterBadge, makeStyles, mergeClasses, shorthands, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { RULE_TITLES, SEVERITY_LABEL } from "../../core/checks/report";
import type { Finding, Severity } from "../../core/findings";
import { countBySeverity, sortFindings } from "../../core/findings";

const SEVERITIES: Severity[] = ["error", "warning", "info"];
const PAGE = 100;

const useStyles = makeStyles({
  group: { marginBlockEnd: tokens.spacingVerticalM },
  heading: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, margin: `${tokens.spacingVerticalS} 0` },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  item: { width: "100%", justifyContent: "flex-start", textAlign: "left", height: "auto", paddingBlock: tokens.spacingVerticalXS },
  text: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: "2px", fontWeight: tokens.fontWeightRegular },
  where: { fontWeight: tokens.fontWeightSemibold },
  error: { ...shorthands.borderLeft("4px", "solid", tokens.colorPaletteRedBorder2) },
  warning: { ...shorthands.borderLeft("4px", "solid", tokens.colorPaletteYellowBorder2) },
  info: { ...shorthands.borderLeft("4px", "solid", tokens.colorPaletteBlueBorderActive) },
});

const BADGE_COLOUR: Record<Severity, "danger" | "important" | "informative"> = { error: "danger", warning: "important", info: "informative" };
const GROUP_TITLE: Record<Severity, string> = { error: "Errors", warning: "Warnings", info: "For information" };

export interface FindingsListProps {
  findings: readonly Finding[];
  /** Go to the finding's cell. */
  onSelect: (finding: Finding) => void;
  disabled?: boolean;
}

export function FindingsList({ findings, onSelect, disabled }: FindingsListProps): JSX.Element {
  const styles = useStyles();
  const [shown, setShown] = useState<Record<Severity, number>>({ error: PAGE, warning: PAGE, info: PAGE });
  const sorted = sortFindings(findings);
  const counts = countBySeverity(sorted);
  const manySheets = new Set(sorted.map((f) => f.sheet)).size > 1;
  if (sorted.length === 0) return <p data-testid="no-findings">No faults found.</p>;
  return (
    <div data-testid="findings">
      {SEVERITIES.filter((s) => counts[s] > 0).map((s) => {
        const items = sorted.filter((f) => f.severity === s);
        const limit = shown[s];
        return (
          <section key={s} className={styles.group} aria-labelledby={`findings-${s}`}>
            <h3 className={styles.heading} id={`findings-${s}`}>
              {GROUP_TITLE[s]} <CounterBadge count={counts[s]} overflowCount={99999} color={BADGE_COLOUR[s]} appearance="filled" aria-label={`${counts[s]} ${GROUP_TITLE[s].toLowerCase()}`} />
            </h3>
            <ul className={styles.list}>
              {items.slice(0, limit).map((f, i) => (
                <li key={`${f.sheet}!${f.cell}:${f.rule}:${i}`}>
                  <Button
                    appearance="subtle"
                    className={mergeClasses(styles.item, styles[s])}
                    disabled={disabled}
                    onClick={() => onSelect(f)}
                    data-cell={f.cell}
                    data-sheet={f.sheet}
                    data-rule={f.rule}
                    aria-label={`${SEVERITY_LABEL[f.severity]} at ${manySheets ? `${f.sheet} ` : ""}${f.cell}: ${f.message} Select the cell.`}
                  >
                    <span className={styles.text}>
                      <span className={styles.where}>
                        {manySheets ? `${f.sheet}!` : ""}
                        {f.cell} · {RULE_TITLES[f.rule]}
                      </span>
                      <span>{f.message}</span>
                      {f.suggestion ? <Caption1>{f.suggestion}</Caption1> : null}
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
            {items.length > limit ? (
              <Button appearance="transparent" onClick={() => setShown({ ...shown, [s]: limit + PAGE * 10 })}>
                Show more ({items.length - limit} not shown)
              </Button>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
