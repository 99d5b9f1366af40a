/**
 * Excel's limit on the text in one cell: 32,767 characters. A longer text makes Excel repair the file (and
 * drop the cell). Generated workbooks shorten such text to the limit, ending it with a visible "…", and the
 * members' pack says so on its cover.
 */
import type { SheetLayout } from "../core/layout";

export const EXCEL_CELL_TEXT_LIMIT = 32_767;

/** The text cut to the limit with a trailing "…" (never splitting a surrogate pair), or the text as it was. */
export function shortenCellText(text: string): string {
  if (text.length <= EXCEL_CELL_TEXT_LIMIT) return text;
  let cut = EXCEL_CELL_TEXT_LIMIT - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/**
 * The layout with every over-long text cell shortened (a copy when any is; the layout itself otherwise, as
 * layouts may be shared with the caller), and where ("Sheet row 4") each one was.
 */
export function shortenLongCells(layout: SheetLayout): { layout: SheetLayout; where: string[] } {
  const where: string[] = [];
  const all = layout.cells;
  let cells = all;
  for (let i = 0; i < all.length; i++) {
    const text = all.textAt(i);
    if (text !== undefined && text.length > EXCEL_CELL_TEXT_LIMIT) {
      if (cells === all) cells = all.clone();
      cells.replaceValue(i, shortenCellText(text));
      where.push(`${layout.name} row ${all.row(i) + 1}`);
    }
  }
  return { layout: cells === layout.cells ? layout : { ...layout, cells }, where };
}
