import { describeRows, quote } from "../../words";
import { formatAmount } from "../amounts";
import type { TableRule } from "../rule";

export const totalLikeLine: TableRule<"total-like-line"> = {
  meta: {
    id: "total-like-line",
    title: "Line named like a total",
    severity: "warning",
    appliesTo: ["budget sheets", "savings sheets"],
    description:
      "A row named \"Total X\" straight under lines whose figures do not add them up is read as a service, since services can be called \"Total Facilities Management\" or \"Total Place\". When X names the lines' category (\"Total Children's Services\" under the Children's Services lines), or each of its figures is within 5% of the sum of the two or more lines above it since the last total (or the last such row), it may be their total with a figure typed wrong, which a total below would then count twice. The warning asks which it is. No fix is offered. A total that adds up such a row is offered no formula until it is settled, and is reported only if it is wrong whichever the row is: a sub-total after it is also read as adding up only the lines after it, and a grand total as adding it up as a sub-total. The same goes for a \"Total X\" row straight over lines, a sub-total placed above its group: it is questioned when X names the category of the lines under it, or, where the table has other sub-totals above their groups, when each of its figures is within 5% of the sum of the two or more lines under it before the next total. A \"Total X\" row whose figures do add up the lines above it, or below it, is read as a total, and checked as one.",
    bad: "| Children's homes | 12,400,000 | Fostering | 9,850,000 | Total Children's Services | 22,205,000 | (the lines add up to 22,250,000)",
    good: "| Children's homes | 12,400,000 | Fostering | 9,850,000 | Total Children's Services | =SUM(B2:B3) → 22,250,000 |",
  },
  check(a, report) {
    for (const x of a.maybeTotals) {
      const unit = x.column.unit;
      const rows = describeRows(x.lines.map((r) => a.rowNumber(r)));
      report(
        x.row,
        x.column.col,
        `${quote(x.label)} does not add up the lines ${x.side} it (${formatAmount(x.sum, unit)}; ${x.here} shows ${formatAmount(x.value, unit)}). Is it a total with a wrong figure, or a service called ${quote(x.label)}? A total that adds it up is reported only if it is wrong whichever it is.`,
        `If it is a total, ${x.formula ? `put ${x.formula} in ${x.here}` : `correct ${x.here} to ${formatAmount(x.sum, unit)}`} (the sum of ${rows}) and make sure the totals below count those lines once; if it is a service, make sure the totals below add its figure as well as those lines.`,
      );
    }
  },
};
