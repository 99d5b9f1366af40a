import { quote } from "../../words";
import { formatAmount } from "../amounts";
import type { TableRule } from "../rule";

export const netExceedsGross: TableRule<"net-exceeds-gross"> = {
  meta: {
    id: "net-exceeds-gross",
    title: "Net above gross",
    severity: "error",
    appliesTo: ["budget sheets"],
    description:
      "A line whose net budget is more than its gross budget (compared in pounds, whatever unit each column is in). Net is gross spending less income, so it cannot be higher: the figures are swapped, in different units, or the income was added instead of taken off.",
    bad: "| Libraries | Gross £15,174,600 | Net £16,792,000 |",
    good: "| Libraries | Gross £16,792,000 | Net £15,174,600 |",
  },
  check(a, report) {
    for (const x of a.netGross) {
      if (!x.exceedsGross || !x.gross || x.grossValue === null) continue;
      const name = a.lineName(x.row);
      report(
        x.row,
        x.net.col,
        `The net budget${name ? ` for ${quote(name)}` : ""} (${formatAmount(x.netValue, x.net.unit)}) is more than its gross budget (${formatAmount(x.grossValue, x.gross.unit)}). Net is gross spending less income, so it cannot be higher.`,
        `Check both figures: they may be swapped, typed in different units, or the income may have been added instead of taken off.`,
      );
    }
  },
};
