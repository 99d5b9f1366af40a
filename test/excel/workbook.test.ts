import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { runs } from "../propertyRuns";
import { parseEntry } from "../standin/excel/model";
import { createWorkbookFromBase64, getWorkbookFileBytes, listSheets, listTables, loadAddinSetting, saveAddinSetting, selectCell, isAbortError, textEntry } from "../../src/excel";
import { STATE_CHUNK_CHARS } from "../../src/excel/addinState";
import { STATE_SHEET_NAME, columnWidthPoints, utf8Length } from "../../src/excel/runtime";
import { installStandIn } from "./helpers";

describe("selectCell and listSheets", () => {
  it("activates the sheet and selects the cell in one sync", async () => {
    const standIn = installStandIn({ sheets: { One: [[1]], Two: [[2]] } });
    await selectCell("Two", "$c$7");
    expect(standIn.selection()).toEqual({ sheet: "Two", address: "C7" });
    expect(standIn.stats.syncs).toBe(1);
    await expect(selectCell("Gone", "A1")).rejects.toThrow(/no longer exists/);
  });

  it("explains that a hidden sheet must be unhidden", async () => {
    installStandIn({ sheets: { One: [[1]], Two: [[2]] } });
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Two").visibility = "Hidden";
      await context.sync();
    });
    await expect(selectCell("Two", "A1")).rejects.toThrow(/hidden/);
  });

  it("lists sheets in tab order with visibility, leaving out the add-in's state sheet", async () => {
    const standIn = installStandIn({ sheets: { One: [[1]], Two: [[2]] } });
    await saveAddinSetting("x", 1);
    expect(standIn.sheetNames()).toContain(STATE_SHEET_NAME);
    expect(await listSheets()).toEqual([
      { name: "One", position: 0, visibility: "Visible" },
      { name: "Two", position: 1, visibility: "Visible" },
    ]);
  });
});

describe("listTables", () => {
  it("lists each Excel table with its sheet and range in two syncs", async () => {
    const standIn = installStandIn({ sheets: { "HR data": [["x"]], Posts: [["Post ID", "Post title"], ["P1", "Director"], ["P2", "Head"]] } });
    await Excel.run(async (context) => {
      const t = context.workbook.worksheets.getItem("Posts").tables.add("Posts!A1:B3", true);
      t.name = "Establishment";
      await context.sync();
    });
    standIn.resetStats();
    expect(await listTables()).toEqual([{ name: "Establishment", sheet: "Posts", address: "A1:B3" }]);
    expect(standIn.stats.syncs).toBe(2);
  });

  it("answers an empty list in one sync when the workbook has no tables", async () => {
    const standIn = installStandIn({ sheets: { One: [[1]] } });
    standIn.resetStats();
    expect(await listTables()).toEqual([]);
    expect(standIn.stats.syncs).toBe(1);
  });
});

describe("add-in settings stored in the workbook", () => {
  it("saves and loads settings, including large ones split over cells, without visible sheets", async () => {
    const standIn = installStandIn({ sheets: { Posts: [["Post ID"]] } });
    expect(await loadAddinSetting("postColumns")).toBeUndefined();
    // Before anything is saved, nothing is added to the workbook.
    expect(standIn.sheetNames()).toEqual(["Posts"]);
    const mapping = { postId: "A", title: "=B", grade: "-C", fte: "1.0" };
    await saveAddinSetting("postColumns", mapping);
    const big = "x".repeat(STATE_CHUNK_CHARS * 2 + 17);
    await saveAddinSetting("notes", big);
    expect(await loadAddinSetting("postColumns")).toEqual(mapping);
    expect(await loadAddinSetting("notes")).toBe(big);
    expect(standIn.sheetInfo(STATE_SHEET_NAME).visibility).toBe("VeryHidden");
    // Text pieces of the JSON, never numbers or formulas.
    expect(standIn.getValues(STATE_SHEET_NAME, "A1:A3").every(([v]) => typeof v === "string")).toBe(true);
    await saveAddinSetting("notes", undefined);
    expect(await loadAddinSetting("notes")).toBeUndefined();
    expect(await loadAddinSetting("postColumns")).toEqual(mapping);
    // The old pieces are gone.
    expect(standIn.getValues(STATE_SHEET_NAME, "A2")).toEqual([[""]]);
  });

  it("starts afresh when the stored state is damaged", async () => {
    const standIn = installStandIn({ sheets: { S: [] } });
    standIn.addSheet(STATE_SHEET_NAME, [["{not json"]]);
    expect(await loadAddinSetting("a")).toBeUndefined();
    await saveAddinSetting("a", true);
    expect(await loadAddinSetting("a")).toBe(true);
  });
});

describe("createWorkbookFromBase64", () => {
  it("opens the workbook when Excel can, and says so when it cannot", async () => {
    const standIn = installStandIn({ sheets: { S: [] } });
    expect(await createWorkbookFromBase64("UEsDBBQ=")).toEqual({ created: true });
    expect(standIn.createdWorkbooks()).toEqual(["UEsDBBQ="]);
    standIn.setCreateWorkbookSupported(false);
    const result = await createWorkbookFromBase64("UEsDBBQ=");
    expect(result.created).toBe(false);
    expect(result.reason).toMatch(/Download/);
    await expect(createWorkbookFromBase64("not base64!")).rejects.toThrow(/base64/);
  });
});

describe("getWorkbookFileBytes", () => {
  const g = globalThis as unknown as { Office?: unknown };
  afterEach(() => {
    delete g.Office;
  });

  it("joins the compressed file's slices and closes the file", async () => {
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => i % 251);
    let closed = false;
    let sliceSize = 0;
    g.Office = {
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      FileType: { Compressed: "compressed" },
      context: {
        document: {
          getFileAsync(type: string, options: { sliceSize: number }, cb: (r: unknown) => void) {
            expect(type).toBe("compressed");
            sliceSize = options.sliceSize;
            const size = 4_096;
            cb({
              status: "succeeded",
              value: {
                size: bytes.length,
                sliceCount: Math.ceil(bytes.length / size),
                getSliceAsync(i: number, done: (r: unknown) => void) {
                  done({ status: "succeeded", value: { index: i, data: Array.from(bytes.slice(i * size, (i + 1) * size)), size } });
                },
                closeAsync(done: () => void) {
                  closed = true;
                  done();
                },
              },
            });
          },
        },
      },
    };
    const out = await getWorkbookFileBytes();
    expect(out).toEqual(bytes);
    expect(closed).toBe(true);
    expect(sliceSize).toBe(4 * 1024 * 1024);
  });

  it("throws a clear error outside Office, and when Office refuses", async () => {
    await expect(getWorkbookFileBytes()).rejects.toThrow(/only available inside Excel/);
    g.Office = {
      AsyncResultStatus: { Succeeded: "succeeded" },
      FileType: { Compressed: "compressed" },
      context: { document: { getFileAsync: (_t: unknown, _o: unknown, cb: (r: unknown) => void) => cb({ status: "failed", error: { message: "Too many files open" } }) } },
    };
    await expect(getWorkbookFileBytes()).rejects.toThrow(/Too many files open/);
  });
});

describe("runtime helpers", () => {
  it("prefixes with an apostrophe exactly the text Excel would not keep as text", () => {
    for (const t of ["=A1", "+1", "-x", "@x", "'x", "123", "1,234.50", "£5", "(12)", "12%", "1e5", "TRUE", "false", "01/04/2024", "12:30", "#N/A", "Apr 2024", "1-Apr-24", "5:30 pm", "1 1/2", "April 1, 2024"]) expect(textEntry(t)).toBe(`'${t}`);
    for (const t of ["Adults", "KR17", "Post 12", "1.2m", "A1", "£15,125,000 approx", "N/A"]) expect(textEntry(t)).toBe(t);
  });

  it("makes any text survive Excel's entry rules (as the stand-in models them) unchanged", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[=+\-@'0-9£$(),.%: /a-zA-Z]{1,12}$/)), (text) => {
        fc.pre(text !== "");
        const stored = parseEntry(textEntry(text), false).cell;
        expect(stored.f).toBeUndefined();
        expect(stored.v).toBe(text);
      }),
      { numRuns: runs(2_000) },
    );
  });

  it("converts widths, measures UTF-8 and recognises cancellations", () => {
    expect(columnWidthPoints(8.43)).toBe(48);
    expect(utf8Length("£1")).toBe(3);
    expect(utf8Length("😀")).toBe(4);
    expect(isAbortError(new DOMException("x", "AbortError"))).toBe(true);
    expect(isAbortError(new Error("x"))).toBe(false);
  });
});
