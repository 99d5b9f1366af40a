/**
 * Pay-award assumptions for the years after the grade table: one assumed award per financial year, stated by
 * the user, stored in the workbook (through the grade-table provider) and carried into every costed figure.
 * Core does the arithmetic (src/core/payAwards.ts); this only reads what the user types.
 */
import { Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { financialYearLabel, type FinancialYear } from "../../core/financialYear";
import type { GradeTable } from "../../core/grades";
import { PayAwardError, payAwardFraction, projectionText, unusedAwards, withPayAwards, type PayAwards } from "../../core/payAwards";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "end", flexWrap: "wrap" },
  award: { width: "7em" },
});

function pct(rate: number): string {
  return `${new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3 }).format(rate * 100)}%`;
}

export interface PayAwardsFieldProps {
  /** The grade table without assumptions. */
  table: GradeTable;
  awards: PayAwards;
  onChange: (awards: PayAwards) => Promise<void> | void;
  disabled?: boolean;
}

/** The years after the table, each with its assumed award; the next year can be added, the last removed. */
export function PayAwardsField({ table, awards, onChange, disabled }: PayAwardsFieldProps): JSX.Element | null {
  const styles = useStyles();
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  if (table.payYears.length === 0) return null; // a table without years applies to every year
  const last = table.payYears[table.payYears.length - 1];
  const projected = withPayAwards(table, awards);
  const years: FinancialYear[] = [];
  for (let y = last + 1; awards.has(y); y++) years.push(y);
  const next = last + 1 + years.length;
  const unused = unusedAwards(projected, awards);

  const commit = (year: FinancialYear, text: string): void => {
    try {
      const rate = payAwardFraction(text);
      setError(null);
      void onChange(new Map([...awards, [year, rate]]));
    } catch (e) {
      setError(e instanceof PayAwardError ? e.message : String(e));
    }
  };

  return (
    <div className={styles.box} role="group" aria-label="Pay-award assumptions">
      <p>
        Pay-award assumptions: the grade table&apos;s pay ranges end at {financialYearLabel(last)}. Later years are costed
        only with an assumed award for each year (compounded from {financialYearLabel(last)}); figures for those years are
        marked as projected. Where no year is chosen, figures use the current financial year if it is covered, else{" "}
        {financialYearLabel(last)}.
      </p>
      {years.map((y) => (
        <div className={styles.row} key={y}>
          <Field label={`Pay award ${financialYearLabel(y)}`} validationState={error ? "error" : "none"}>
            <Input
              className={styles.award}
              disabled={disabled}
              value={drafts[y] ?? pct(awards.get(y) ?? 0)}
              onChange={(_, d) => setDrafts({ ...drafts, [y]: d.value })}
              onBlur={() => {
                const text = drafts[y];
                if (text !== undefined) commit(y, text);
              }}
            />
          </Field>
        </div>
      ))}
      <div className={styles.row}>
        <Button disabled={disabled} onClick={() => void onChange(new Map([...awards, [next, awards.get(next - 1) ?? 0.03]]))}>
          Add a pay award for {financialYearLabel(next)}
        </Button>
        {years.length > 0 ? (
          <Button
            disabled={disabled}
            onClick={() => {
              const rest = new Map(awards);
              rest.delete(years[years.length - 1]);
              void onChange(rest);
            }}
          >
            Remove {financialYearLabel(years[years.length - 1])}
          </Button>
        ) : null}
      </div>
      {years.length > 0 ? <p data-testid="pay-award-projection">{projectionText(projected.projection(years[years.length - 1])!)}</p> : null}
      {unused.length > 0 ? <p>Not used (the grade table has these years): {unused.map(financialYearLabel).join(", ")}.</p> : null}
      {error ? (
        <p role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
