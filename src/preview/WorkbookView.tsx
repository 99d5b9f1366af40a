/**
 * The in-memory workbook drawn as HTML: sheet tabs, a formula bar, the active sheet's used range with fills,
 * bold/italic, merges and the selection outlined. Clicking a tab or a cell activates / selects it, as in Excel;
 * shift-click extends the selection; typing in the formula bar and pressing Enter writes the selected cell (a value,
 * or a formula such as =BUDGET.GRADECOST("KR17",1)) through Office's client, with Excel's entry rules.
 */
import { useEffect, useState } from "react";
import { cellAddress, columnLetters, parseRangeAddress, rangeContains, type RangeRef } from "../core/a1";
import type { ExcelStandIn } from "../../test/standin/excel";
import { renderNumberFormat } from "../../test/standin/excel/numberFormat";
import { activate, usedRanges, visibleSheets, writeCell, type RawRun } from "./workbookModel";

const MAX_ROWS = 300;
const MAX_COLS = 30;

interface CellView {
  address: string;
  text: string;
  formula: string | null;
  fill: string | null;
  bold: boolean;
  italic: boolean;
  colour: string;
  align: "left" | "right" | "center";
  wrap: boolean;
  rowSpan: number;
  colSpan: number;
  covered: boolean;
}

interface SheetView {
  sheets: string[];
  active: string;
  selection: RangeRef;
  selectionAddress: string;
  used: RangeRef | null;
  rows: CellView[][];
  truncated: boolean;
  widths: number[];
}

function readView(standIn: ExcelStandIn, used: RangeRef | null, active: string): SheetView {
  const sel = standIn.selection();
  const selection = parseRangeAddress(sel.address);
  const sheets = visibleSheets(standIn);
  if (!used) return { sheets, active, selection, selectionAddress: sel.address, used: null, rows: [], truncated: false, widths: [] };
  // Always show from A1 so addresses read as in Excel.
  const rowCount = Math.min(MAX_ROWS, used.row + used.rowCount);
  const colCount = Math.min(MAX_COLS, used.col + used.colCount);
  const area = `A1:${cellAddress(rowCount - 1, colCount - 1)}`;
  const values = standIn.getValues(active, area);
  const formulas = standIn.getFormulas(active, area);
  const formats = standIn.getNumberFormats(active, area);
  const info = standIn.sheetInfo(active);
  const merges = info.merges.map((m) => parseRangeAddress(m));
  const rows: CellView[][] = [];
  for (let r = 0; r < rowCount; r++) {
    const row: CellView[] = [];
    for (let c = 0; c < colCount; c++) {
      const address = cellAddress(r, c);
      const f = standIn.getFormat(active, address);
      const v = values[r][c];
      const formula = formulas[r][c];
      const merge = merges.find((m) => rangeContains(m, { row: r, col: c }));
      const h = f.horizontalAlignment.toLowerCase();
      row.push({
        address,
        text: v === "" ? "" : renderNumberFormat(v, formats[r][c]),
        formula: typeof formula === "string" && formula.startsWith("=") ? formula : null,
        fill: f.fill,
        bold: f.bold,
        italic: f.italic,
        colour: f.fontColor,
        align: h === "center" ? "center" : h === "right" || (h === "general" && typeof v === "number") ? "right" : "left",
        wrap: f.wrapText,
        rowSpan: merge && merge.row === r && merge.col === c ? merge.rowCount : 1,
        colSpan: merge && merge.row === r && merge.col === c ? merge.colCount : 1,
        covered: merge !== undefined && !(merge.row === r && merge.col === c),
      });
    }
    rows.push(row);
  }
  const widths = Array.from({ length: colCount }, (_, c) => Math.round(((info.columnWidths[c] ?? 48) * 4) / 3));
  return { sheets, active, selection, selectionAddress: sel.address, used, rows, truncated: used.row + used.rowCount > MAX_ROWS || used.col + used.colCount > MAX_COLS, widths };
}

export function WorkbookView({ standIn, run, version, onChanged }: { standIn: ExcelStandIn; run: RawRun; version: number; onChanged: () => void }): JSX.Element {
  const [view, setView] = useState<SheetView | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const active = standIn.selection().sheet;
    void usedRanges(run, [active]).then((used) => {
      if (live) setView(readView(standIn, used.get(active) ?? null, active));
    });
    return () => {
      live = false;
    };
  }, [standIn, run, version]);
  if (!view) return <p>Reading the workbook…</p>;
  const anchor = view.selectionAddress.split(":")[0];
  const selected = view.rows.flat().find((c) => c.address === anchor);
  const shown = draft ?? (selected ? (selected.formula ?? selected.text) : "");
  const select = (address: string, extend: boolean): void => {
    setDraft(null);
    const target = extend ? `${anchor}:${address}` : address;
    void activate(run, view.active, target).then(onChanged);
  };
  return (
    <div className="wb" data-testid="workbook" data-active-sheet={view.active} data-selection={view.selectionAddress}>
      <div className="wb-formula" aria-label="Formula bar">
        <span className="wb-name" data-testid="name-box">
          {view.selectionAddress}
        </span>
        <input
          className="wb-fx"
          data-testid="formula-bar"
          aria-label={`Contents of ${anchor}`}
          value={shown}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") setDraft(null);
            if (e.key !== "Enter" || draft === null) return;
            const text = draft;
            setDraft(null);
            void writeCell(run, view.active, anchor, text).then(onChanged, (err: unknown) => window.alert(`Excel refused the entry: ${err instanceof Error ? err.message : String(err)}`));
          }}
        />
      </div>
      <div className="wb-grid-wrap">
        <table className="wb-grid" aria-label={`Sheet ${view.active}`}>
          <colgroup>
            <col style={{ width: 40 }} />
            {view.widths.map((w, c) => (
              <col key={c} style={{ width: Math.max(40, w) }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th />
              {view.widths.map((_, c) => (
                <th key={c} scope="col">
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row, r) => (
              <tr key={r}>
                <th scope="row">{r + 1}</th>
                {row.map((cell, c) =>
                  cell.covered ? null : (
                    <td
                      key={c}
                      rowSpan={cell.rowSpan}
                      colSpan={cell.colSpan}
                      data-cell={cell.address}
                      data-selected={rangeContains(view.selection, { row: r, col: c }) ? "true" : undefined}
                      data-fill={cell.fill ?? undefined}
                      title={cell.formula ?? undefined}
                      onClick={(e) => select(cell.address, e.shiftKey)}
                      style={{
                        background: cell.fill ?? undefined,
                        fontWeight: cell.bold ? 600 : undefined,
                        fontStyle: cell.italic ? "italic" : undefined,
                        color: cell.colour,
                        textAlign: cell.align,
                        whiteSpace: cell.wrap ? "normal" : "nowrap",
                      }}
                    >
                      {cell.text}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {view.used === null ? <p className="wb-note">This sheet is empty.</p> : null}
        {view.truncated ? <p className="wb-note">Only the first {MAX_ROWS} rows and {MAX_COLS} columns are shown.</p> : null}
      </div>
      <div className="wb-tabs" role="tablist" aria-label="Sheets">
        {view.sheets.map((s) => (
          <button key={s} role="tab" type="button" aria-selected={s === view.active} className={s === view.active ? "wb-tab wb-tab-active" : "wb-tab"} onClick={() => void activate(run, s).then(onChanged)}>
            {s}
          </button>
        ))}
      </div>
    </div>
  );
}
