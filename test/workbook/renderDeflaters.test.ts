/**
 * The renderer deflates with the platform's CompressionStream where there is one and with fflate where there is
 * not, or when CompressionStream fails: the package holds the same parts either way. A failure of the native
 * compressor (a stream that errors, a constructor that refuses "gzip") must not lose the render: the package is
 * written again with fflate, and later renders do not try the native one again. Each test loads the renderer
 * afresh, as that choice is remembered for the session.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { zipParts } from "./zipParts";
import type { SheetLayout } from "../../src/core/layout";
import type * as RenderModule from "../../src/workbook/renderLayout";
import { LayoutCells } from "../../src/core/layoutCells";

function budget(lines: number): SheetLayout {
  const cells = LayoutCells.of({ row: 0, col: 0, value: "Budget & savings <2025/26>", style: "title" });
  for (let i = 0; i < lines; i++) {
    cells.push({ row: i + 1, col: 0, value: `Type ${Math.floor(i / 50)}`, style: "bodyWrap" });
    cells.push({ row: i + 1, col: 1, value: `Service ${i} — Café`, style: "bodyWrap" });
    cells.push({ row: i + 1, col: 2, value: 100_000 + i * 7.25, style: "number", numberFormat: "#,##0" });
  }
  cells.push({ row: lines + 1, col: 2, formula: `=SUBTOTAL(9,C2:C${lines + 1})`, result: 1, style: "totalNumber" });
  return { name: "Budget", cells, merges: [], columnWidths: [20, 30, 14], print: { orientation: "landscape", fitToWidth: true } };
}

async function loadRenderer(): Promise<typeof RenderModule> {
  vi.resetModules();
  return import("../../src/workbook/renderLayout");
}

const OPTIONS = { title: "Pack", classification: "OFFICIAL", created: new Date(Date.UTC(2026, 0, 5)) };
const NativeCompressionStream = globalThis.CompressionStream;

describe("the renderer's deflaters", () => {
  let constructed = 0;
  beforeEach(() => {
    constructed = 0;
  });
  afterEach(() => vi.unstubAllGlobals());

  it("CompressionStream and fflate give packages with the same parts (5,000 lines)", async () => {
    const { renderLayoutsToXlsx } = await loadRenderer();
    const native = await zipParts(await renderLayoutsToXlsx([budget(5_000)], OPTIONS));
    vi.stubGlobal("CompressionStream", undefined);
    const fflate = await zipParts(await renderLayoutsToXlsx([budget(5_000)], OPTIONS));
    expect(native.flags).toEqual(new Set([8]));
    expect(fflate.flags).toEqual(new Set([12]));
    expect([...native.texts.keys()]).toEqual([...fflate.texts.keys()]);
    for (const [path, text] of native.texts) expect(text, path).toBe(fflate.texts.get(path));
    expect(native.texts.get("xl/sharedStrings.xml")).toContain("<si><t>Service 4999 — Café</t></si>");
  });

  it("a CompressionStream that fails mid-stream: the package is written again with fflate, and later ones with fflate at once", async () => {
    class Failing extends NativeCompressionStream {
      constructor(format: CompressionFormat) {
        super(format);
        constructed++;
      }
      override get readable(): ReadableStream<Uint8Array<ArrayBuffer>> {
        return new ReadableStream({ pull: (c) => c.error(new Error("out of memory")) });
      }
    }
    vi.stubGlobal("CompressionStream", Failing);
    const { renderLayoutsToXlsx } = await loadRenderer();
    const first = await zipParts(await renderLayoutsToXlsx([budget(300)], OPTIONS));
    expect(first.flags).toEqual(new Set([12]));
    expect(first.texts.get("xl/worksheets/sheet1.xml")).toMatch(/<row r="301"><c r="A301" s="\d+"/);
    expect(constructed).toBeGreaterThan(0);
    constructed = 0;
    const second = await zipParts(await renderLayoutsToXlsx([budget(300)], OPTIONS));
    expect(constructed).toBe(0);
    expect(second.texts).toEqual(first.texts);
  });

  it("a CompressionStream that refuses gzip: fflate", async () => {
    vi.stubGlobal(
      "CompressionStream",
      class {
        constructor() {
          constructed++;
          throw new TypeError("Unsupported compression format: 'gzip'");
        }
      },
    );
    const { renderLayoutsToXlsx } = await loadRenderer();
    const pack = await zipParts(await renderLayoutsToXlsx([budget(10)], OPTIONS));
    expect(constructed).toBe(1);
    expect(pack.flags).toEqual(new Set([12]));
    expect(pack.texts.get("xl/worksheets/sheet1.xml")).toContain("SUBTOTAL(9,C2:C11)");
  });

  it("a layout error is not taken for a compressor's failure: it is thrown, once", async () => {
    vi.stubGlobal(
      "CompressionStream",
      class extends NativeCompressionStream {
        constructor(format: CompressionFormat) {
          super(format);
          constructed++;
        }
      },
    );
    const { renderLayoutsToXlsx, LayoutRenderError } = await loadRenderer();
    const bad: SheetLayout = { ...budget(2), cells: LayoutCells.from([{ row: 0, col: 0, formula: "=BUDGET.GRADECOST(A1,1)", result: 1 }]) };
    await expect(renderLayoutsToXlsx([bad], OPTIONS)).rejects.toThrow(LayoutRenderError);
    const before = constructed;
    // The next render still uses the native compressor.
    expect((await zipParts(await renderLayoutsToXlsx([budget(2)], OPTIONS))).flags).toEqual(new Set([8]));
    expect(constructed).toBeGreaterThan(before);
  });
});
