/**
 * Base64 for .xlsx bytes: `Excel.createWorkbook(base64)` opens a generated workbook from it, and
 * `getFileAsync` slices arrive as byte arrays. Works in browsers and Node (btoa/atob are global in both).
 */

/** Bytes -> base64 (in chunks, so large workbooks do not overflow the argument list). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Base64 -> bytes. Throws on text that is not base64. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ""));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
