import { describe, expect, it } from "vitest";
import { applyEdits, previewEdits, undoEdits } from "../../src/excel";
import { cellAddress } from "../../src/core/a1";
import type { CellEdit } from "../../src/core/findings";
import type { ExcelStandIn } from "../standin/excel";
import { installStandIn, payloadsUnderLimit } from "./helpers";
import { syncFigures } from "./syncBound";

const ROWS = 8;
const COLS = 4;

function budgetSheet(): ExcelStandIn {
  const standIn = installStandIn({
    sheets: {
      Budget: [
        ["Service", "Gross", "Net", "Notes"],
        ["Adults", "'£15,125,000", 12_000_000, "ok"],
        ["Children", 9_000_000, "'(1,234)", null],
        ["Housing", 4_000_000, 3_000_000, "=B4-C4"],
        ["Libraries", 800_000, 700_000, null],
        ["Total", 28_925_000, "=SUM(C2:C5)", null],
        [null, null, null, null],
        ["Checked by", "JS", null, null],
      ],
      Other: [["untouched", 1]],
    },
  });
  standIn.setFormat("Budget", "A1:D1", { bold: true, fillColor: "#DCE6F2" });
  standIn.setFormat("Budget", "B2:C6", { numberFormat: '"£"#,##0' });
  standIn.setFormat("Budget", "C3", { numberFormat: "@" });
  standIn.setFormat("Budget", "B6", { fillColor: "#FFFF00" });
  return standIn;
}

interface CellPicture {
  value: unknown;
  formula: unknown;
  format: unknown;
}

function picture(standIn: ExcelStandIn, sheet: string): Map<string, CellPicture> {
  const out = new Map<string, CellPicture>();
  for (let r = 0; r < ROWS + 2; r++) {
    for (let c = 0; c < COLS + 2; c++) {
      const a = cellAddress(r, c);
      out.set(a, { value: standIn.getValues(sheet, a)[0][0], formula: standIn.getFormulas(sheet, a)[0][0], format: standIn.getFormat(sheet, a) });
    }
  }
  return out;
}

const fixes: CellEdit[] = [
  { sheet: "Budget", cell: "B2", kind: "number", value: 15_125_000 },
  { sheet: "Budget", cell: "C3", kind: "number", value: -1234 },
  { sheet: "Budget", cell: "B6", kind: "formula", formula: "=SUM(B2:B5)" },
  { sheet: "Budget", cell: "D5", kind: "text", value: "=checked, see note" },
];

describe("applyEdits", () => {
  it("changes only the flagged cells: every other cell's value, formula and format stays as it was", async () => {
    const standIn = budgetSheet();
    const before = picture(standIn, "Budget");
    const otherBefore = picture(standIn, "Other");
    standIn.resetStats();
    const applied = await applyEdits(fixes);
    expect(standIn.stats.syncs).toBe(2);

    const after = picture(standIn, "Budget");
    const changed = [...after.keys()].filter((a) => JSON.stringify(after.get(a)) !== JSON.stringify(before.get(a)));
    // C6 = SUM(C2:C5) recalculates because C3 became a number: its value only, as Excel would.
    expect(changed.sort()).toEqual(["B2", "B6", "C3", "C6", "D5"]);
    expect(after.get("C6")?.formula).toBe(before.get("C6")?.formula);
    expect(after.get("C6")?.format).toEqual(before.get("C6")?.format);
    expect(picture(standIn, "Other")).toEqual(otherBefore);

    expect(standIn.getValues("Budget", "B2:B6")).toEqual([[15_125_000], [9_000_000], [4_000_000], [800_000], [28_925_000]]);
    expect(standIn.getFormulas("Budget", "B6")).toEqual([["=SUM(B2:B5)"]]);
    expect(standIn.getFormat("Budget", "B6").fill).toBe("#FFFF00");
    // A number into a Text cell: the cell gets the General format, or Excel would keep it as text.
    expect(standIn.getValues("Budget", "C3")).toEqual([[-1234]]);
    expect(standIn.getFormat("Budget", "C3").numberFormat).toBe("General");
    expect(standIn.getValues("Budget", "C6")).toEqual([[12_000_000 - 1234 + 3_000_000 + 700_000]]);
    // Text stays text, even starting with "=".
    expect(standIn.getValues("Budget", "D5")).toEqual([["=checked, see note"]]);
    expect(standIn.getFormulas("Budget", "D5")).toEqual([["=checked, see note"]]);

    expect(applied.map((a) => [a.edit.cell, a.before.value, a.after.value, a.after.formula])).toEqual([
      ["B2", "£15,125,000", 15_125_000, null],
      ["C3", "(1,234)", -1234, null],
      ["B6", 28_925_000, 28_925_000, "=SUM(B2:B5)"],
      ["D5", null, "=checked, see note", null],
    ]);
    expect(applied[1].before.numberFormat).toBe("@");
    expect(applied[1].after.numberFormat).toBe("General");
  });

  it("gives a text amount made a number the format that keeps it looking as it did", async () => {
    const standIn = budgetSheet();
    await applyEdits([{ sheet: "Budget", cell: "C3", kind: "number", value: -1234, numberFormat: '#,##0;(#,##0)' }]);
    expect(standIn.getValues("Budget", "C3")).toEqual([[-1234]]);
    expect(standIn.getFormat("Budget", "C3").numberFormat).toBe("#,##0;(#,##0)");
    expect(standIn.getFormat("Budget", "B2").numberFormat).toBe('"£"#,##0');
  });

  it("writes many edits in few syncs", async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => [`'${i}`]);
    const standIn = installStandIn({ sheets: { S: rows } });
    standIn.resetStats();
    const edits: CellEdit[] = rows.map((_, i) => ({ sheet: "S", cell: `A${i + 1}`, kind: "number", value: i }));
    await applyEdits(edits);
    expect(standIn.stats.syncs).toBeLessThanOrEqual(4);
    expect(standIn.stats.rejected).toBe(0);
    expect(standIn.getValues("S", "A12000")).toEqual([[11_999]]);
  });

  it("previews and applies 20,000 fixes on Excel on the web, every request and response under 5 MB in Office's real JSON", async () => {
    const sheet = "Market review 2024-25 (draft)"; // long sheet names cost bytes in every request
    const rows = Array.from({ length: 10_000 }, (_, i) => [`'${i}`, `'${i * 2}`]);
    const standIn = installStandIn({ sheets: { [sheet]: rows }, profile: "web" });
    const edits: CellEdit[] = rows.flatMap((_, i) => [
      { sheet, cell: `A${i + 1}`, kind: "number", value: i, numberFormat: "#,##0" },
      { sheet, cell: `B${i + 1}`, kind: "text", value: `=not a formula ${i}` },
    ]);
    standIn.resetStats();
    const preview = await previewEdits(edits);
    expect(preview).toHaveLength(20_000);
    expect(payloadsUnderLimit(standIn)).toBe(true);
    const previewSyncs = standIn.stats.syncs;
    standIn.resetStats();
    const applied = await applyEdits(edits);
    expect(applied[19_999].after.value).toBe("=not a formula 9999");
    expect(standIn.getValues(sheet, "A10000:B10000")).toEqual([[9_999, "=not a formula 9999"]]);
    expect(payloadsUnderLimit(standIn)).toBe(true);
    // Within two syncs of the lower bound ceil(bytes / 5 MB) + 1 for each run.
    const bound = (bytes: number): number => Math.ceil(bytes / 5_000_000) + 1;
    const total = standIn.stats.requests.reduce((n, r) => n + r.bytes, 0);
    expect(standIn.stats.syncs).toBeLessThanOrEqual(bound(total) + 2);
    expect(previewSyncs).toBeLessThanOrEqual(3);
  });

  it("applies and undoes 120,000 edits in blocks on the web profile within bound + 2 syncs, every request under 5 MB, every cell exact", async () => {
    // 30,000 rows: numbers with a format (B, C), long text (D) and formulas (E) in blocks; a gap at every 1,000th row
    // (runs break there); two cells fixed twice; a Text-formatted cell getting a number.
    const n = 30_000;
    const rows: (string | number | null)[][] = Array.from({ length: n }, (_, i) => [`Service ${i}`, `'${i}`, `'${i * 2}`, i % 7 ? null : `note ${i}`, i]);
    const standIn = installStandIn({ sheets: { Budget: rows }, profile: "web" });
    standIn.setFormat("Budget", "B5", { numberFormat: "@" });
    const edits: CellEdit[] = [];
    const longText = (i: number): string => `=Reviewed ${i}: ${"the service plan agreed at committee; ".repeat(3)}`;
    for (let i = 0; i < n; i++) {
      if (i % 1_000 === 999) continue;
      edits.push({ sheet: "Budget", cell: `B${i + 1}`, kind: "number", value: i, ...(i === 4 ? {} : { numberFormat: "#,##0" }) });
      edits.push({ sheet: "Budget", cell: `C${i + 1}`, kind: "number", value: i * 2, numberFormat: "0.00" });
      edits.push({ sheet: "Budget", cell: `D${i + 1}`, kind: "text", value: longText(i) });
      edits.push({ sheet: "Budget", cell: `E${i + 1}`, kind: "formula", formula: `=B${i + 1}+C${i + 1}` });
    }
    edits.push({ sheet: "Budget", cell: "C10", kind: "number", value: -1, numberFormat: "0.00" }); // C10 a second time
    edits.push({ sheet: "Budget", cell: "D11", kind: "text", value: "second" });
    const before = {
      values: standIn.getValues("Budget", `A1:E${n}`),
      formulas: standIn.getFormulas("Budget", `A1:E${n}`),
      formats: ["B5", "B6", "C6", "D6"].map((a) => standIn.getFormat("Budget", a).numberFormat),
    };
    standIn.resetStats();
    const applied = await applyEdits(edits);
    const apply = syncFigures(standIn);
    expect(payloadsUnderLimit(standIn)).toBe(true);
    expect(apply.syncs).toBeLessThanOrEqual(apply.bound + 2);
    expect(apply.bound).toBeGreaterThanOrEqual(3); // more than one sync's worth of bytes: batching is exercised

    const values = standIn.getValues("Budget", `A1:E${n}`);
    const formulas = standIn.getFormulas("Budget", `A1:E${n}`);
    for (let i = 0; i < n; i++) {
      const skipped = i % 1_000 === 999;
      const b = skipped ? before.values[i][1] : i;
      const c = skipped ? before.values[i][2] : i === 9 ? -1 : i * 2;
      const d = skipped ? before.values[i][3] : i === 10 ? "second" : longText(i);
      expect(values[i].slice(1, 4)).toEqual([b, c, d]);
      expect(formulas[i][4]).toBe(skipped ? i : `=B${i + 1}+C${i + 1}`);
    }
    expect(standIn.getFormat("Budget", "B5").numberFormat).toBe("General"); // number into a Text cell
    expect(standIn.getFormat("Budget", "B6").numberFormat).toBe("#,##0");
    expect(standIn.getFormat("Budget", "C6").numberFormat).toBe("0.00");
    expect(standIn.getFormat("Budget", "B1000").numberFormat).toBe(before.formats[1]); // the gap is untouched
    expect(applied).toHaveLength(edits.length);
    expect(applied[4 * 6 + 2].after).toEqual({ value: longText(6), formula: null, numberFormat: "General" });
    expect(applied[4 * 6 + 3].after).toEqual({ value: 12 + 6, formula: "=B7+C7", numberFormat: "General" });
    expect(applied[4 * 9 + 1].before.value).toBe("18");
    expect(applied.at(-2)?.after.value).toBe(-1);

    standIn.resetStats();
    const undone = await undoEdits(applied);
    const undo = syncFigures(standIn);
    expect(payloadsUnderLimit(standIn)).toBe(true);
    expect(undo.syncs).toBeLessThanOrEqual(undo.bound + 2);
    expect(undo.bound).toBeGreaterThanOrEqual(3);
    // The cells fixed twice: their first fix's after-state is no longer there, so only the last fix is undone.
    expect(undone.changedSince).toEqual([
      { sheet: "Budget", cell: "D11" },
      { sheet: "Budget", cell: "C10" },
    ]);
    expect(standIn.getValues("Budget", `A1:E${n}`)).toEqual(before.values);
    expect(standIn.getFormulas("Budget", `A1:E${n}`)).toEqual(before.formulas);
    expect(["B5", "B6", "C6", "D6"].map((a) => standIn.getFormat("Budget", a).numberFormat)).toEqual(before.formats);
  });

  it("refuses malformed edits before touching Excel and explains a missing sheet", async () => {
    const standIn = budgetSheet();
    await expect(applyEdits([{ sheet: "Budget", cell: "B2", kind: "formula", formula: "SUM(B1)" }])).rejects.toThrow(/not a formula/);
    await expect(applyEdits([{ sheet: "Budget", cell: "B2", kind: "number", value: Number.NaN }])).rejects.toThrow(/finite/);
    // A total's fix over 2,000 subtotals: past Excel's 8,192 characters, so Excel would refuse it mid-write.
    const long: CellEdit = { sheet: "Budget", cell: "C6", kind: "formula", formula: `=SUM(${Array.from({ length: 2000 }, (_, i) => `C${7 + 3 * i}`).join(",")})` };
    for (const attempt of [applyEdits([long]), previewEdits([long])])
      await expect(attempt).rejects.toThrow(/^The fix for Budget!C6 cannot be made, as Excel would refuse its formula =SUM\(C7,C10,.*: it is [\d,]+ characters long, and Excel takes at most 8,192 in a formula\.$/);
    expect(standIn.stats.syncs).toBe(0);
    await expect(applyEdits([{ sheet: "Gone", cell: "A1", kind: "number", value: 1 }])).rejects.toThrow(/no longer exists/);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Budget").protection.protect();
      await context.sync();
    });
    await expect(applyEdits([{ sheet: "Budget", cell: "B2", kind: "number", value: 1 }])).rejects.toThrow(/protected/);
    expect(standIn.getValues("Budget", "B2")).toEqual([["£15,125,000"]]);
  });
});

describe("previewEdits", () => {
  it("reads the cells' current state in one sync and changes nothing", async () => {
    const standIn = budgetSheet();
    const before = picture(standIn, "Budget");
    standIn.resetStats();
    const preview = await previewEdits(fixes);
    expect(standIn.stats.syncs).toBe(1);
    expect(picture(standIn, "Budget")).toEqual(before);
    expect(preview.map((p) => p.before)).toEqual([
      { value: "£15,125,000", formula: null, numberFormat: '"£"#,##0' },
      { value: "(1,234)", formula: null, numberFormat: "@" },
      { value: 28_925_000, formula: null, numberFormat: '"£"#,##0' },
      { value: null, formula: null, numberFormat: "General" },
    ]);
  });
});
