import { quote } from "../../words";
import { formatAmount, formatPlain } from "../amounts";
import type { TableRule } from "../rule";

export const mixedUnits: TableRule<"mixed-units"> = {
  meta: {
    id: "mixed-units",
    title: "Mixed units",
    severity: "warning",
    appliesTo: ["budget sheets", "savings sheets"],
    description:
      "Amounts in one column written in different units (£, £000, £m): a heading in £000 over amounts in pounds, a spending line about 900 times larger or smaller than the column's typical line, lines formatted as £m among lines formatted as £, or savings ranges in £m and £000 in one column. The total then adds pounds to thousands.",
    bad: "| Gross £000 | 15,125 | 16,792 | 18,193,000 | 29,493 |",
    good: "| Gross £000 | 15,125 | 16,792 | 18,193 | 29,493 |",
  },
  check(a, report) {
    for (const u of a.units) {
      const col = u.column;
      const header = a.header(col);
      if (u.headingMismatch) {
        const med = u.headingMismatch.median;
        report(
          a.table.headerRow,
          col.col,
          `The heading ${quote(col.header)} says the amounts are in ${col.unit}, but a typical line is ${formatPlain(med)}, which would be ${formatAmount(med, col.unit)}: the amounts look like they are in pounds.`,
          `Check the unit: change the heading to £, or enter the amounts in ${col.unit}.`,
        );
      }
      for (const o of u.outliers) {
        report(
          o.row,
          col.col,
          `${formatAmount(o.value, col.unit)} is about ${formatPlain(Math.round(o.times / 10) * 10 || Math.round(o.times))} times ${o.big ? "larger" : "smaller"} than the other amounts in ${header} (typically ${formatAmount(o.median, col.unit)}): it may be in ${o.big ? "a smaller unit (£ rather than £000 or £m)" : "a larger unit (£000 or £m rather than £)"}.`,
          `Check the amount in ${a.addr(o.row, col.col)} is in the same unit as the rest of the column${col.unit ? ` (${col.unit})` : ""}.`,
        );
      }
      for (const m of u.formatMix) {
        report(
          m.row,
          col.col,
          `${a.addr(m.row, col.col)} is formatted as ${m.unit} while most of ${header} is formatted as ${m.major}: the column mixes units.`,
          `Enter every amount in the column in one unit (${m.major}) and give them the same number format.`,
        );
      }
    }
    for (const rc of a.rangeColumns) {
      for (const m of rc.mixedUnits) {
        report(
          m.row,
          rc.column.col,
          `${a.addr(m.row, rc.column.col)} is written in ${m.unit} while the other ranges in the column are in ${m.major}.`,
          `Write every range in the column in the same unit, and put the unit in the heading (for example "Potential saving £m").`,
        );
      }
    }
  },
};
