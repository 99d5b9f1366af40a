/** The sheet protection hash (src/workbook/sheetPassword.ts) against Node's SHA-512 and ExcelJS's spun hash. */
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { sha512, sheetPasswordHash } from "../../src/workbook/sheetPassword";

describe("sheet protection password", () => {
  it("SHA-512 matches Node's", () => {
    for (const n of [0, 1, 55, 111, 112, 127, 128, 129, 255, 1000]) {
      const data = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 255);
      expect(Buffer.from(sha512(data)).toString("hex"), `${n} bytes`).toBe(createHash("sha512").update(data).digest("hex"));
    }
  });

  it("the spun hash matches ExcelJS's (which Excel and LibreOffice read)", () => {
    const encryptor = createRequire(import.meta.url)("exceljs/lib/utils/encryptor.js") as {
      convertPasswordToHash(password: string, algorithm: string, salt: string, spinCount: number): string;
    };
    const salt = new Uint8Array(16).map((_, i) => (i * 17 + 3) & 255);
    for (const password of ["members", "", "Pässwörd ✓ 😀"]) {
      expect(sheetPasswordHash(password, salt, 2000)).toBe(encryptor.convertPasswordToHash(password, "SHA512", Buffer.from(salt).toString("base64"), 2000));
    }
  });
});
