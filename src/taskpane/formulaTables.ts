/**
 * BUDGET formulas that cost on the sample grade table while the pane uses the council's own: found in sheet
 * snapshots, and rewritten to name the pane's table and pay year (=BUDGET.GRADECOST(B2,C2) becomes
 * =BUDGET.GRADECOST(B2,C2,,2024,Grades!$A$1:$C$9)), so the cells and the pane give one figure for one post.
 * Only a formula that is exactly one such call is rewritten; others are listed for the user to change.
 */
import { cellAddress } from "../core/a1";
import type { CellEdit } from "../core/findings";
import type { FinancialYear } from "../core/financialYear";
import type { SheetSnapshot } from "../core/sheetSnapshot";

/** 0-based positions of the year and gradeTable arguments of the functions that cost from a grade table. */
export const TABLE_ARGS: Record<string, { year: number; table: number }> = {
  SALARY: { year: 2, table: 3 },
  GRADECOST: { year: 3, table: 4 },
  COSTDELTA: { year: 5, table: 6 },
  DELTATABLE: { year: 5, table: 6 },
};

/** Split "B2,C2,\"a,b\",SUM(1,2)" at its top-level commas. */
export function splitArgs(text: string): string[] | null {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "(" || ch === "{")) depth++;
    else if (!quoted && (ch === ")" || ch === "}")) depth--;
    else if (!quoted && depth === 0 && ch === ",") {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
    if (depth < 0) return null;
  }
  if (quoted || depth !== 0) return null;
  out.push(text.slice(start).trim());
  return out.length === 1 && out[0] === "" ? [] : out;
}

/** The formula made to use `tableRef` and `year`, or null when it cannot be rewritten safely (or already names a table). */
export function withTable(formula: string, tableRef: string, year: FinancialYear): string | null {
  const m = /^=\s*BUDGET\.([A-Z]+)\s*\(([\s\S]*)\)\s*$/i.exec(formula);
  if (!m) return null;
  const pos = TABLE_ARGS[m[1].toUpperCase()];
  if (!pos) return null;
  const args = splitArgs(m[2]);
  if (!args) return null;
  if ((args[pos.table] ?? "") !== "") return null;
  while (args.length <= pos.table) args.push("");
  if (args[pos.year] === "") args[pos.year] = String(year);
  args[pos.table] = tableRef;
  return `=BUDGET.${m[1].toUpperCase()}(${args.join(",")})`;
}

export interface TableFormulaScan {
  /** Formulas to rewrite. */
  edits: CellEdit[];
  /** Cells whose formula calls a grade-table function without naming a table but cannot be rewritten here. */
  byHand: string[];
}

/** Every BUDGET formula in the snapshots that costs on the sample table. */
export function scanTableFormulas(snapshots: readonly SheetSnapshot[], tableRef: string, year: FinancialYear): TableFormulaScan {
  const out: TableFormulaScan = { edits: [], byHand: [] };
  const calls = new RegExp(`BUDGET\\.(${Object.keys(TABLE_ARGS).join("|")})\\s*\\(`, "i");
  for (const s of snapshots) {
    s.formulas.forEach((row, r) =>
      row.forEach((f, c) => {
        if (!f || !calls.test(f)) return;
        const cell = cellAddress(s.origin.row + r, s.origin.col + c);
        const next = withTable(f, tableRef, year);
        if (next) out.edits.push({ sheet: s.name, cell, kind: "formula", formula: next });
        else if (!f.includes(tableRef)) {
          const m = /^=\s*BUDGET\.([A-Z]+)\s*\(([\s\S]*)\)\s*$/i.exec(f);
          const pos = m ? TABLE_ARGS[m[1].toUpperCase()] : undefined;
          const args = m ? splitArgs(m[2]) : null;
          if (!(pos && args && (args[pos.table] ?? "") !== "")) out.byHand.push(`${s.name}!${cell}`);
        }
      }),
    );
  }
  return out;
}
