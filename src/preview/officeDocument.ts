/**
 * A stand-in for `Office.context.document.getFileAsync` in the preview: the in-memory workbook saved as .xlsx
 * (values, formulas with their calculated results, number formats), so "Make shareable copy" works end to end.
 */
import ExcelJS from "exceljs";
import { cellAddress } from "../core/a1";
import type { ExcelStandIn } from "../../test/standin/excel";
import { usedRanges, type RawRun } from "./workbookModel";

const ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);

export async function workbookBytes(standIn: ExcelStandIn, run: RawRun): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const names = standIn.sheetNames();
  const used = await usedRanges(run, names);
  for (const name of names) {
    const info = standIn.sheetInfo(name);
    const ws = wb.addWorksheet(name, { state: info.visibility === "Visible" ? "visible" : info.visibility === "Hidden" ? "hidden" : "veryHidden" });
    const r = used.get(name);
    if (!r) continue;
    const address = `${cellAddress(r.row, r.col)}:${cellAddress(r.row + r.rowCount - 1, r.col + r.colCount - 1)}`;
    const values = standIn.getValues(name, address);
    const formulas = standIn.getFormulas(name, address);
    const formats = standIn.getNumberFormats(name, address);
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        const f = formulas[i][j];
        const cell = ws.getCell(r.row + i + 1, r.col + j + 1);
        if (typeof f === "string" && f.startsWith("=")) {
          const result = typeof v === "string" && ERRORS.has(v) ? ({ error: v } as ExcelJS.CellErrorValue) : v === "" ? undefined : v;
          cell.value = { formula: f.slice(1), result } as ExcelJS.CellFormulaValue;
        } else if (v !== "") cell.value = typeof v === "string" && ERRORS.has(v) ? ({ error: v } as ExcelJS.CellErrorValue) : v;
        const nf = formats[i][j];
        if (nf && nf !== "General") cell.numFmt = nf;
      }),
    );
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

type Callback<T> = (result: { status: string; value: T; error?: { message: string } }) => void;

/** Install `Office.context.document.getFileAsync` (and the enums it uses) on globalThis, for the preview. */
export function installOfficeDocument(standIn: ExcelStandIn, run: RawRun): void {
  const g = globalThis as unknown as { Office?: unknown };
  const document = {
    getFileAsync(_type: unknown, options: { sliceSize?: number } | Callback<unknown>, callback?: Callback<unknown>): void {
      const cb = (typeof options === "function" ? options : callback) as Callback<unknown>;
      const sliceSize = typeof options === "object" && options.sliceSize ? options.sliceSize : 4 * 1024 * 1024;
      workbookBytes(standIn, run).then(
        (bytes) => {
          const count = Math.max(1, Math.ceil(bytes.length / sliceSize));
          cb({
            status: "succeeded",
            value: {
              size: bytes.length,
              sliceCount: count,
              getSliceAsync(index: number, sliceCb: Callback<{ data: Uint8Array; index: number; size: number }>) {
                const data = bytes.subarray(index * sliceSize, Math.min(bytes.length, (index + 1) * sliceSize));
                sliceCb({ status: "succeeded", value: { data, index, size: data.length } });
              },
              closeAsync(closeCb?: Callback<void>) {
                closeCb?.({ status: "succeeded", value: undefined });
              },
            },
          });
        },
        (e: unknown) => cb({ status: "failed", value: null, error: { message: e instanceof Error ? e.message : String(e) } }),
      );
    },
  };
  g.Office = {
    // Requirement checks answer as the simulated host's profile does (the same object Office's client consults).
    context: { document, requirements: standIn.Office.context.requirements, platform: standIn.profile.platform },
    FileType: { Compressed: "compressed" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  };
}
