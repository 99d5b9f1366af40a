import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runs } from "../propertyRuns";
import { base64ToBytes, bytesToBase64 } from "../../src/workbook/base64";

describe("base64", () => {
  it("round-trips any bytes and agrees with Node's encoder", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        const b64 = bytesToBase64(bytes);
        expect(b64).toBe(Buffer.from(bytes).toString("base64"));
        expect(base64ToBytes(b64)).toEqual(bytes);
      }),
      { numRuns: runs(30) },
    );
  });
  it("rejects text that is not base64", () => {
    expect(() => base64ToBytes("not base64!")).toThrow();
  });
});
