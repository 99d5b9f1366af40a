import { quote } from "../../words";
import type { TableRule } from "../rule";

export const duplicateService: TableRule<"duplicate-service"> = {
  meta: {
    id: "duplicate-service",
    title: "Service listed twice",
    severity: "warning",
    appliesTo: ["budget sheets", "savings sheets"],
    description:
      "The same service name twice in one category of a table (spaces and case ignored), so its budget may be counted twice. The same name under two different types of service is allowed.",
    bad: "| Frontline services | Libraries | £16,792,000 | … | Frontline services | Libraries | £16,792,000 |",
    good: "One Libraries line, or two lines whose names tell them apart (Libraries – mobile, Libraries – branches).",
  },
  check(a, report) {
    const t = a.table;
    const col = t.labelCol;
    if (col === null) return;
    const seenByCategory = new Map<string, Map<string, number>>();
    // By index: one pass over every row of the table (see analysis.ts on for...of).
    for (let i = 0; i < t.rows.length; i++) {
      const x = t.rows[i];
      if (x.kind !== "line") continue;
      const v = a.valueAt(x.row, col);
      const shown = a.lineName(x.row);
      if (shown === "") continue;
      // Runs of spaces as one (only a name with such a run, or a tab or other space, needs a new string).
      const text = String(v);
      const spaced = /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, " ") : text;
      // Stryker disable next-line MethodExpression: upper and lower case fold English service names alike (they differ only for letters such as ß, whose upper case is two letters).
      const name = spaced.trim().toLowerCase();
      let seen = seenByCategory.get(x.category);
      if (!seen) {
        seen = new Map<string, number>();
        seenByCategory.set(x.category, seen);
      }
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, x.row);
        continue;
      }
      const where = x.category ? ` under ${quote(x.category)}` : " in this table";
      report(
        x.row,
        col,
        `${quote(shown)} appears twice${where} (${a.addr(first, col)} and ${a.addr(x.row, col)}), so its budget may be counted twice.`,
        `Check whether both rows are needed; if they are different services, give them names that tell them apart.`,
      );
    }
  },
};
