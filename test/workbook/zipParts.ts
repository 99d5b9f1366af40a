/**
 * Read a written .xlsx back for tests: each part's text (JSZip with CRC-32 checked) and the general-purpose flags
 * its parts were written with (8: deflated by the platform's CompressionStream; 12: by fflate at its fast level).
 */
import JSZip from "jszip";

export async function zipParts(bytes: Uint8Array): Promise<{ texts: Map<string, string>; flags: Set<number> }> {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const texts = new Map<string, string>();
  for (const path of Object.keys(zip.files).sort()) texts.set(path, await zip.file(path)!.async("string"));
  // The central directory: its offset and entry count from the end record, then each 46-byte header and names.
  const flags = new Set<number>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  for (let at = view.getUint32(end + 16, true), n = 0; n < view.getUint16(end + 10, true); n++) {
    flags.add(view.getUint16(at + 8, true));
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { texts, flags };
}
