import { describeRows } from "../../words";
import { formatAmount } from "../amounts";
import { formulaEdit, type TableRule } from "../rule";

export const sumRangeGap: TableRule<"sum-range-gap"> = {
  meta: {
    id: "sum-range-gap",
    title: "SUM misses or repeats rows",
    severity: "error",
    appliesTo: ["budget sheets", "savings sheets"],
    description:
      "A total's SUM formula does not add each of its lines exactly once: it leaves a line out (a row inserted below the range), counts a line twice (directly and again through a sub-total), adds a line of another group, runs past its block, adds cells of another column, or includes its own cell. The fix, where one is safe, replaces it with the SUM of the total's lines. A sub-total's lines are those between it and the total before it (or, for a sub-total heading its group, those under it to the next total); where a type column or category headings show that the groups are the categories, only the lines of its own category, so a line of another type between two groups is left to the grand total.",
    bad: "C7 =SUM(C2:C5) under lines in rows 2 to 6",
    good: "C7 =SUM(C2:C6)",
  },
  check(a, report) {
    for (const t of a.totals) {
      if (t.state.kind !== "bad-sum") continue;
      const { coverage: cov, formula: f } = t.state;
      const rows = (rs: number[]): string => describeRows(rs.map((r) => a.rowNumber(r)));
      const parts: string[] = [];
      if (cov.missing.length) parts.push(`leaves out ${rows(cov.missing)}`);
      if (cov.double.length) {
        const via = cov.viaTotals.length ? ` (once directly and again through the sub-total in ${rows(cov.viaTotals)})` : "";
        parts.push(`counts ${rows(cov.double)} twice${via}`);
      }
      if (cov.extra.length) parts.push(`adds ${rows(cov.extra)}, which ${cov.extra.length === 1 ? "belongs" : "belong"} to another group`);
      if (cov.foreign.length) parts.push(`runs past its block into ${rows(cov.foreign)}`);
      if (cov.otherColumns.length) parts.push(`adds cells from column ${cov.otherColumns.join(", ")}`);
      if (cov.circular) parts.push(`includes its own cell (a circular reference)`);
      const canonical = t.canonical;
      const shown = t.cell.kind === "number" ? ` It shows ${formatAmount(t.cell.value, t.column.unit)}; its lines add up to ${formatAmount(t.sums.numeric, t.column.unit)}.` : "";
      const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
      const fix =
        // Stryker disable next-line ConditionalExpression,LogicalOperator,MethodExpression,Regex,StringLiteral: equivalent on every sheet tried: a SUM the analysis calls bad never equals the canonical SUM of its lines (spacing and case aside), and a total with no lines (canonical null) has not given a bad SUM; the guard only stops a formula being offered as its own fix.
        canonical && canonical.replace(/\s+/g, "").toUpperCase() !== f.replace(/\s+/g, "").toUpperCase()
          ? { description: `Replace ${f} in ${t.here} with ${canonical}`, edits: [formulaEdit(a, t.total.row, t.column.col, canonical)] }
          : undefined;
      report(
        t.total.row,
        t.column.col,
        `The ${t.what} of ${a.header(t.column)} in ${t.here} (${f}) ${list}.${shown}`,
        canonical ? `Use ${canonical}, which adds each line once.` : `Make the formula add each line of its block once.`,
        fix,
      );
    }
  },
};
