import ExcelJS from "exceljs";

/** Read .xlsx bytes back with ExcelJS (its typings want its own Buffer type). */
export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const copy = bytes.slice();
  await wb.xlsx.load(copy.buffer as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}
