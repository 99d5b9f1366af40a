/** Offering a generated workbook as a download, where Excel cannot open it directly. */

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface DownloadLink {
  url: string;
  fileName: string;
}

/** A blob: URL for the bytes (revoke it with URL.revokeObjectURL when replaced). */
export function downloadLink(bytes: Uint8Array, fileName: string): DownloadLink {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return { url: URL.createObjectURL(new Blob([copy.buffer], { type: XLSX_MIME })), fileName };
}

/** A file name from a title: "Members' pack 2024-25.xlsx". */
export function xlsxFileName(title: string): string {
  const base = title.replace(/[\\/:*?"<>|]+/g, " ").replace(/\s+/g, " ").trim().slice(0, 120) || "Workbook";
  return `${base}.xlsx`;
}
