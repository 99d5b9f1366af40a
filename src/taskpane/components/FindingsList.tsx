/**
 * THE findings list, used by every check in the pane (budget sheets, savings sheets, post lists): grouped by
 * severity with counts; each finding is a button that selects its cell in Excel, marked when a fix is available,
 * with room under it for that fix (the caller's `extra`).
 */
import { Badge, Button, Caption1, CounterBadge, makeStyles, mergeClasses, shorthands, tokens } from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import { SEVERITY_LABEL } from "../../core/checks/report";
import { ruleTitle } from "../messages";
import type { Finding, Severity } from "../../core/findings";
import { countBySeverity, sortFindings } from "../../core/findings";

const SEVERITIES: Severity[] = ["error", "warning", "info"];
const PAGE = 100;

const useStyles = makeStyles({
  group: { marginBlockEnd: tokens.spacingVerticalM },
  heading: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, margin: `${tokens.spacingVerticalS} 0`, fontSize: tokens.fontSizeBase400 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  item: { width: "100%", justifyContent: "flex-start", textAlign: "left", height: "auto", paddingBlock: tokens.spacingVerticalXS, minWidth: 0 },
  text: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: "2px", fontWeight: tokens.fontWeightRegular, minWidth: 0, overflowWrap: "anywhere" },
  where: { fontWeight: tokens.fontWeightSemibold },
  hidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
  extra: { paddingInlineStart: tokens.spacingHorizontalL },
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
  /** True for findings that have a fix (they carry a "Fix available" marker). */
  hasFix?: (finding: Finding) => boolean;
  /** Shown under a finding (its fix). */
  extra?: (finding: Finding) => ReactNode;
  /** Heading level of the severity groups (default 3). */
  headingLevel?: 3 | 4;
  /** Shown instead of the list when there are no findings. */
  empty?: ReactNode;
}

export { ruleTitle };

export function FindingsList({ findings, onSelect, disabled, hasFix, extra, headingLevel = 3, empty }: FindingsListProps): JSX.Element {
  const styles = useStyles();
  const [shown, setShown] = useState<Record<Severity, number>>({ error: PAGE, warning: PAGE, info: PAGE });
  const sorted = sortFindings(findings);
  const counts = countBySeverity(sorted);
  const manySheets = new Set(sorted.map((f) => f.sheet)).size > 1;
  const H = headingLevel === 3 ? "h3" : "h4";
  if (sorted.length === 0) return <p data-testid="no-findings">{empty ?? "No faults found."}</p>;
  return (
    <div data-testid="findings">
      {SEVERITIES.filter((s) => counts[s] > 0).map((s) => {
        const items = sorted.filter((f) => f.severity === s);
        const limit = shown[s];
        return (
          <section key={s} className={styles.group} aria-label={`${GROUP_TITLE[s]}: ${counts[s]}`}>
            <H className={styles.heading}>
              {GROUP_TITLE[s]} <CounterBadge count={counts[s]} overflowCount={99999} color={BADGE_COLOUR[s]} appearance="filled" aria-hidden="true" />
            </H>
            <ul className={styles.list}>
              {items.slice(0, limit).map((f, i) => {
                const fix = hasFix?.(f) ?? false;
                return (
                  <li key={`${f.sheet}!${f.cell}:${f.rule}:${i}`}>
                    <Button
                      appearance="subtle"
                      className={mergeClasses(styles.item, styles[s])}
                      disabled={disabled}
                      onClick={() => onSelect(f)}
                      data-cell={f.cell}
                      data-sheet={f.sheet}
                      data-rule={f.rule}
                      data-fix={fix ? "true" : undefined}
                    >
                      <span className={styles.text}>
                        <span className={styles.where}>
                          <span className={styles.hidden}>{SEVERITY_LABEL[f.severity]}: </span>
                          {manySheets ? `${f.sheet}!` : ""}
                          {f.cell} · {ruleTitle(f)}
                        </span>
                        {fix ? (
                          <Badge appearance="tint" color="success" size="small">
                            Fix available
                          </Badge>
                        ) : null}
                        <span>{f.message}</span>
                        {f.suggestion ? <Caption1>{f.suggestion}</Caption1> : null}
                      </span>
                    </Button>
                    {extra ? <div className={styles.extra}>{extra(f)}</div> : null}
                  </li>
                );
              })}
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
