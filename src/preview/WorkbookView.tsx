/**
 * The in-memory workbook drawn as HTML: sheet tabs, a formula bar, the active sheet's used range with fills,
 * bold/italic, merges and the selection outlined. Clicking a tab or a cell activates / selects it, as in Excel;
 * shift-click, dragging and shift+arrow keys extend the selection; arrow keys move it. A cell is edited by typing on
 * it, double-clicking it or F2 (Enter writes and moves down, Tab right, Escape cancels), or in the formula bar: a
 * value, or a formula such as =BUDGET.GRADECOST("KR17",1), written through Office's client with Excel's entry rules;
 * spilled results are drawn in the cells they spill into. Number formats and column widths are the sheet's. An error
 * cell shows its message (a custom function's CustomFunctions.Error message) beside the formula bar when selected,
 * and as its tooltip.
 */
import { useEffect, useRef, useState } from "react";
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
  /** The message behind an error value (#VALUE! and the like), when there is one. */
  error: string | null;
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
  // Always show from A1 so addresses read as in Excel, up to the used range and the selection (so that a cell
  // selected past the used range, by the arrow keys or the pane, can be seen and typed in).
  // Spilled results are drawn too (Excel's used range includes them; the stand-in's counts only entered cells).
  const calculated = standIn.calculatedExtent(active);
  const rowCount = Math.min(MAX_ROWS, Math.max(used ? used.row + used.rowCount : 0, selection.row + selection.rowCount, calculated.rows));
  const colCount = Math.min(MAX_COLS, Math.max(used ? used.col + used.colCount : 0, selection.col + selection.colCount, calculated.cols));
  const area = `A1:${cellAddress(rowCount - 1, colCount - 1)}`;
  const values = standIn.getValues(active, area);
  const formulas = standIn.getFormulas(active, area);
  const formats = standIn.getNumberFormats(active, area);
  const errors = standIn.getErrorMessages(active, area);
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
        error: errors[r][c],
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
  return { sheets, active, selection, selectionAddress: sel.address, used, rows, truncated: used !== null && (used.row + used.rowCount > MAX_ROWS || used.col + used.colCount > MAX_COLS), widths };
}

/** The rectangle between two cells, as an address ("B2:C4", or "B2" for one cell). */
function spanAddress(a: { row: number; col: number }, b: { row: number; col: number }): string {
  const top = cellAddress(Math.min(a.row, b.row), Math.min(a.col, b.col));
  const bottom = cellAddress(Math.max(a.row, b.row), Math.max(a.col, b.col));
  return top === bottom ? top : `${top}:${bottom}`;
}

const MOVES: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

export function WorkbookView({ standIn, run, version, onChanged }: { standIn: ExcelStandIn; run: RawRun; version: number; onChanged: () => void }): JSX.Element {
  const [view, setView] = useState<SheetView | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const anchorRef = useRef<{ row: number; col: number } | null>(null);
  const endRef = useRef<{ row: number; col: number } | null>(null);
  const dragging = useRef(false);
  const pendingEdit = useRef<{ row: number; col: number; text: string } | null>(null);
  const gridRef = useRef<HTMLTableElement>(null);
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
  // A double-click on a cell not yet selected: its first click's selection is still on its way to the workbook,
  // so the editor opens on that cell when the selection arrives, never on the cell selected before.
  useEffect(() => {
    const p = pendingEdit.current;
    if (!view || !p) return;
    const at = anchorRef.current && rangeContains(view.selection, anchorRef.current) ? anchorRef.current : { row: view.selection.row, col: view.selection.col };
    if (p.row === at.row && p.col === at.col) {
      pendingEdit.current = null;
      setDraft(p.text);
      setEditing(true);
    }
  }, [view]);
  if (!view) return <p>Reading the workbook…</p>;
  const sel = view.selection;
  // The active cell (where typing goes) and the far corner that shift+click / drag / shift+arrows move.
  const anchorAt = anchorRef.current && rangeContains(sel, anchorRef.current) ? anchorRef.current : { row: sel.row, col: sel.col };
  const anchor = cellAddress(anchorAt.row, anchorAt.col);
  const selected = view.rows[anchorAt.row]?.[anchorAt.col];
  const shown = draft ?? (selected ? (selected.formula ?? selected.text) : "");
  const lastRow = Math.max(view.rows.length, anchorAt.row + 1) + 50;
  const lastCol = Math.max(view.widths.length, anchorAt.col + 1) + 10;
  const select = (at: { row: number; col: number }, extend: boolean): void => {
    setDraft(null);
    setEditing(false);
    if (!extend) {
      anchorRef.current = at;
      endRef.current = at;
    } else endRef.current = at;
    // While dragging, the anchor is the cell the drag started on even before the view has caught up.
    const from = dragging.current && anchorRef.current ? anchorRef.current : anchorAt;
    const target = extend ? spanAddress(from, at) : cellAddress(at.row, at.col);
    void activate(run, view.active, target).then(onChanged);
  };
  const commit = (text: string, move: [number, number]): void => {
    setDraft(null);
    setEditing(false);
    const at = { row: Math.min(lastRow, Math.max(0, anchorAt.row + move[0])), col: Math.min(lastCol, Math.max(0, anchorAt.col + move[1])) };
    void writeCell(run, view.active, anchor, text).then(
      () => {
        if (move[0] === 0 && move[1] === 0) onChanged();
        else select(at, false);
      },
      (err: unknown) => window.alert(`Excel refused the entry: ${err instanceof Error ? err.message : String(err)}`),
    );
    gridRef.current?.focus();
  };
  const onGridKey = (e: React.KeyboardEvent): void => {
    if (editing) return;
    const move = MOVES[e.key];
    if (move) {
      e.preventDefault();
      const from = e.shiftKey ? (endRef.current && rangeContains(sel, endRef.current) ? endRef.current : anchorAt) : anchorAt;
      const at = { row: Math.min(lastRow, Math.max(0, from.row + move[0])), col: Math.min(lastCol, Math.max(0, from.col + move[1])) };
      select(at, e.shiftKey);
    } else if (e.key === "F2" || e.key === "Enter") {
      e.preventDefault();
      if (e.key === "F2") {
        setDraft(shown);
        setEditing(true);
      } else select({ row: anchorAt.row + 1, col: anchorAt.col }, false);
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      if (e.key === "Backspace") {
        setDraft("");
        setEditing(true);
      } else commit("", [0, 0]);
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Typing on a cell replaces its contents, as in Excel.
      e.preventDefault();
      setDraft(e.key);
      setEditing(true);
    }
  };
  return (
    <div className="wb" data-testid="workbook" data-active-sheet={view.active} data-selection={view.selectionAddress} data-active-cell={anchor}>
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
            commit(draft, [0, 0]);
          }}
        />
      </div>
      {selected?.error ? (
        <p className="wb-error" data-testid="cell-error" role="status">
          {anchor} {selected.text}: {selected.error}
        </p>
      ) : null}
      <div className="wb-grid-wrap">
        <table
          className="wb-grid"
          aria-label={`Sheet ${view.active}`}
          data-testid="grid"
          tabIndex={0}
          ref={gridRef}
          onKeyDown={onGridKey}
          onMouseUp={() => {
            dragging.current = false;
          }}
        >
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
                      title={cell.error ? `${cell.text}: ${cell.error}` : (cell.formula ?? undefined)}
                      onMouseDown={(e) => {
                        if (e.button !== 0 || (editing && r === anchorAt.row && c === anchorAt.col)) return;
                        e.preventDefault();
                        gridRef.current?.focus();
                        dragging.current = !e.shiftKey;
                        select({ row: r, col: c }, e.shiftKey);
                      }}
                      onMouseEnter={(e) => {
                        if (dragging.current && e.buttons === 1) select({ row: r, col: c }, true);
                      }}
                      onDoubleClick={() => {
                        const text = cell.formula ?? cell.text;
                        if (r === anchorAt.row && c === anchorAt.col) {
                          setDraft(text);
                          setEditing(true);
                        } else pendingEdit.current = { row: r, col: c, text }; // opened once the click's selection lands
                      }}
                      style={{
                        background: cell.fill ?? undefined,
                        fontWeight: cell.bold ? 600 : undefined,
                        fontStyle: cell.italic ? "italic" : undefined,
                        color: cell.colour,
                        textAlign: cell.align,
                        whiteSpace: cell.wrap ? "normal" : "nowrap",
                      }}
                    >
                      {editing && r === anchorAt.row && c === anchorAt.col ? (
                        <input
                          className="wb-edit"
                          data-testid="cell-editor"
                          aria-label={`Edit ${cell.address}`}
                          autoFocus
                          onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
                          value={draft ?? ""}
                          onChange={(e) => setDraft(e.target.value)}
                          onKeyDown={(e) => {
                            e.stopPropagation();
                            if (e.key === "Escape") {
                              setDraft(null);
                              setEditing(false);
                              gridRef.current?.focus();
                            } else if (e.key === "Enter") {
                              e.preventDefault();
                              commit(draft ?? "", e.shiftKey ? [-1, 0] : [1, 0]);
                            } else if (e.key === "Tab") {
                              e.preventDefault();
                              commit(draft ?? "", e.shiftKey ? [0, -1] : [0, 1]);
                            }
                          }}
                        />
                      ) : (
                        cell.text
                      )}
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
