/** Layouts for the Excel layer's tests and benchmarks: realistic report shapes built in code. */
import type { LayoutCell, SheetLayout } from "../../src/core/layout";
import { LayoutCells } from "../../src/core/layoutCells";

/** A "Check report"-like layout: title, header, `rows` lines of findings, a total row, links back to cells. */
export function reportLayout(rows: number, name = "Check report"): SheetLayout {
  const cells: LayoutCell[] = [
    { row: 0, col: 0, value: "Budget check report", style: "title" },
    { row: 1, col: 0, value: "Generated 23/11/2026", style: "subtitle" },
  ];
  const headers = ["Sheet", "Cell", "Rule", "Severity", "Message", "Gross £", "Net £", "FTE"];
  headers.forEach((h, c) => cells.push({ row: 3, col: c, value: h, style: "header" }));
  for (let i = 0; i < rows; i++) {
    const r = 4 + i;
    cells.push({ row: r, col: 0, value: "Budget", style: "body" });
    cells.push({ row: r, col: 1, value: `C${i + 2}`, style: "link", link: { sheet: "Budget", cell: `C${i + 2}` } });
    cells.push({ row: r, col: 2, value: i % 2 ? "total-mismatch" : "number-as-text", style: "body" });
    cells.push({ row: r, col: 3, value: i % 3 ? "error" : "warning", style: "body" });
    cells.push({ row: r, col: 4, value: `Line ${i + 1}: the amount is stored as text`, style: "bodyWrap" });
    cells.push({ row: r, col: 5, value: 1000 + i, style: "money" });
    cells.push({ row: r, col: 6, value: 500 + i, style: "money" });
    cells.push({ row: r, col: 7, value: (i % 8) / 4, style: "fte" });
  }
  const total = 4 + rows;
  cells.push({ row: total, col: 0, value: "Total", style: "total" });
  for (let c = 1; c < 5; c++) cells.push({ row: total, col: c, style: "total" });
  cells.push({ row: total, col: 5, formula: `=SUM(F5:F${total})`, style: "totalMoney" });
  cells.push({ row: total, col: 6, formula: `=SUM(G5:G${total})`, style: "totalMoney" });
  cells.push({ row: total, col: 7, formula: `=SUM(H5:H${total})`, style: "totalNumber" });
  return {
    name,
    cells: LayoutCells.from(cells),
    merges: [{ row: 0, col: 0, rowCount: 1, colCount: 8 }],
    columnWidths: [14, 8, 18, 10, 50, 12, 12, 8],
    print: { orientation: "landscape", fitToWidth: true, repeatRows: { first: 3, last: 3 } },
    freezeRows: 4,
    tables: [],
  };
}
