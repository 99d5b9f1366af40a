/**
 * The salary point and pay year pickers: the assumptions every costed figure in the pane rests on.
 * One component, so the impact tables and the members' pack offer the same choices.
 */
import { Field, Select, makeStyles } from "@fluentui/react-components";
import { financialYearLabel, type FinancialYear } from "../../core/financialYear";
import { SAMPLE_GRADE_TABLE, type GradeTable, type SalaryPoint } from "../../core/grades";
import { FIRST_RATES_YEAR, LAST_RATES_YEAR } from "../../core/onCostRates";
import { projectionText } from "../../core/payAwards";
import { useGradeTable } from "../gradeTable";

const POINTS: { value: SalaryPoint; label: string }[] = [
  { value: "min", label: "Minimum of the range" },
  { value: "mid", label: "Midpoint of the range" },
  { value: "max", label: "Maximum of the range" },
];

/**
 * Years the grade table (with its pay-award assumptions) covers and on-cost rates exist for. Later years
 * are not offered: they need a pay-award assumption first. A table without years: every year with rates.
 */
export function payYearOptions(table: GradeTable = SAMPLE_GRADE_TABLE): FinancialYear[] {
  const first = Math.max(table.payYears[0] ?? FIRST_RATES_YEAR, FIRST_RATES_YEAR);
  const out: FinancialYear[] = [];
  for (let y = first; y <= LAST_RATES_YEAR; y++) if (table.covers(y)) out.push(y);
  return out;
}

export interface CostingFieldsProps {
  point: SalaryPoint;
  year: FinancialYear;
  onPointChange: (point: SalaryPoint) => void;
  onYearChange: (year: FinancialYear) => void;
  disabled?: boolean;
}

const useStyles = makeStyles({
  field: { minWidth: 0, gridTemplateColumns: "minmax(0, 1fr)" },
  select: { minWidth: 0, width: "100%", "& select": { minWidth: 0, width: "100%", textOverflow: "ellipsis" } },
});

export function CostingFields({ point, year, onPointChange, onYearChange, disabled }: CostingFieldsProps): JSX.Element {
  const table = useGradeTable();
  const years = payYearOptions(table);
  const projection = table.covers(year) ? table.projection(year) : null;
  const hint = !table.covers(year)
    ? { state: "error" as const, text: `${financialYearLabel(year)} is not covered by the grade table: add a pay-award assumption for it below, or choose another year.` }
    : projection
      ? { state: "warning" as const, text: `Projected: ${projectionText(projection)}` }
      : undefined;
  const styles = useStyles();
  return (
    <>
      <Field label="Salary point" className={styles.field}>
        <Select className={styles.select} value={String(point)} onChange={(_, d) => onPointChange(d.value as SalaryPoint)} disabled={disabled}>
          {POINTS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Pay year" className={styles.field} validationState={hint?.state ?? "none"} validationMessage={hint?.text}>
        <Select className={styles.select} value={String(year)} onChange={(_, d) => onYearChange(Number(d.value))} disabled={disabled}>
          {(years.includes(year) ? years : [...years, year].sort((a, b) => a - b)).map((y) => (
            <option key={y} value={String(y)}>
              {financialYearLabel(y)}
              {table.projection(y) ? " (projected)" : ""}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}
