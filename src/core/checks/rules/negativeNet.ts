import { quote } from "../../words";
import { formatAmount } from "../amounts";
import type { TableRule } from "../rule";

export const negativeNet: TableRule<"negative-net"> = {
  meta: {
    id: "negative-net",
    title: "Negative net budget",
    severity: "info",
    appliesTo: ["budget sheets"],
    description:
      "A line whose net budget is below nil: the service earns more than it spends. That is normal for a traded service (EduKent Services, -£1,800,000 in the 2013 market review) and worth a second look otherwise. Not reported when the net is also above gross (net-exceeds-gross says so).",
    bad: "| Community Learning & Skills | £15,125,000 | -£229,000 | (information only)",
    good: "No change is needed when the service trades; otherwise correct the income figure.",
  },
  check(a, report) {
    for (const x of a.netGross) {
      if (x.exceedsGross || x.netValue >= 0) continue;
      const name = a.lineName(x.row);
      report(
        x.row,
        x.net.col,
        `The net budget${name ? ` for ${quote(name)}` : ""} is ${formatAmount(x.netValue, x.net.unit)}: the service earns more than it spends. That is normal for a traded service; worth a second look otherwise.`,
        `No change needed if the service trades; otherwise check the income figure.`,
      );
    }
  },
};
