import type { TableRule } from "../rule";

export const blankService: TableRule<"blank-service"> = {
  meta: {
    id: "blank-service",
    title: "Blank service name",
    severity: "error",
    appliesTo: ["budget sheets", "savings sheets"],
    description:
      "A line that has amounts but no service (or savings stream) name: members cannot tell what the figures are for. Lines hidden under a merged cell above them are not flagged.",
    bad: "| (blank) | £16,792,000 | £15,174,600 |",
    good: "| Libraries | £16,792,000 | £15,174,600 |",
  },
  check(a, report) {
    const t = a.table;
    const col = t.labelCol;
    if (col === null) return;
    const what = t.kind === "savings" ? "savings stream" : "service";
    // By index: one pass over every row of the table (see analysis.ts on for...of).
    for (let i = 0; i < t.rows.length; i++) {
      const x = t.rows[i];
      if (x.kind !== "line" || a.lineName(x.row) !== "" || a.isCovered(x.row, col)) continue;
      report(
        x.row,
        col,
        `Row ${a.rowNumber(x.row)} has amounts but no ${what} name, so members cannot tell what the figures are for.`,
        `Type the ${what}'s name in ${a.addr(x.row, col)}, or delete the row if it is not needed.`,
      );
    }
  },
};
