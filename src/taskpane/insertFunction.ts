/**
 * Which formula the Functions tab inserts, and where, from what is selected: a column of savings ranges gets
 * =BUDGET.RANGETOTAL(B2:B7) in the cell under it; a row holding a grade and an FTE gets
 * =BUDGET.GRADECOST(B2, C2) in the cell to its right; otherwise the function's example goes into the selected cell.
 */
import { cellAddress, rangeAddress } from "../core/a1";

export interface SelectionRect {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

export type ArgsFrom = "ranges" | "requirementAndRanges" | "rowCells" | "none";

export interface InsertPlan {
  cell: string;
  formula: string;
  /** How the arguments were chosen, for the notice. */
  how: string;
}

/** Functions whose arguments can come from the selection, and how. */
export const ARGS_FROM: Record<string, ArgsFrom> = {
  RANGETOTAL: "ranges",
  RANGEMID: "ranges",
  RANGEGAP: "requirementAndRanges",
  GRADECOST: "rowCells",
  SALARY: "rowCells",
  POSTCOST: "rowCells",
  ONCOSTS: "rowCells",
};

export function planInsert(name: string, example: string, sel: SelectionRect): InsertPlan {
  const single = sel.rowCount === 1 && sel.colCount === 1;
  const kind = ARGS_FROM[name] ?? "none";
  const here = cellAddress(sel.row, sel.col);
  if (!single && sel.colCount === 1 && (kind === "ranges" || kind === "requirementAndRanges")) {
    const range = rangeAddress(sel);
    const below = cellAddress(sel.row + sel.rowCount, sel.col);
    if (kind === "ranges") return { cell: below, formula: `=BUDGET.${name}(${range})`, how: `over the selected ranges ${range}, in the cell under them` };
    const requirement = /\(\s*([^,]+),/.exec(example)?.[1]?.trim() ?? "0";
    return { cell: below, formula: `=BUDGET.${name}(${requirement}, ${range})`, how: `over the selected ranges ${range}, in the cell under them (change ${requirement} to your requirement)` };
  }
  if (kind === "rowCells" && sel.rowCount === 1 && sel.colCount >= 1 && sel.colCount <= 4 && !single) {
    const args = Array.from({ length: sel.colCount }, (_, i) => cellAddress(sel.row, sel.col + i));
    const right = cellAddress(sel.row, sel.col + sel.colCount);
    return { cell: right, formula: `=BUDGET.${name}(${args.join(", ")})`, how: `with the selected cells ${args.join(", ")} as its arguments, in the cell to their right` };
  }
  return { cell: here, formula: example, how: "with the example's arguments: change them to your cells" };
}
