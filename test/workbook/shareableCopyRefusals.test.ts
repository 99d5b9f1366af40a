/**
 * Shareable copy of files that are not workbooks, are too big, or are damaged: refused with the sentence
 * readXlsx gives for the same file (src/workbook/xlsxPackage.ts), never a library's error or a crash.
 */
import { describe, expect, it } from "vitest";
import { readXlsx, XlsxReadError } from "../../src/workbook/readXlsx";
import { makeShareableCopy } from "../../src/workbook/shareableCopy";
import { miniParts, notWorkbooks, zipBomb, zipOf } from "./hostileFiles";

async function refusal(op: () => Promise<unknown>): Promise<Error> {
  const e = await op().then(
    () => new Error("not refused"),
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(XlsxReadError);
  return e as Error;
}

describe("shareable copy: what is not a workbook is refused in readXlsx's sentence", () => {
  const cases: Record<string, () => Uint8Array> = { ...notWorkbooks, "an empty file": () => new Uint8Array(0) };
  // A listed sheet whose part is missing is copied as it is (Excel repairs it), so it is not a refusal here.
  delete cases["a workbook whose sheet part is missing"];
  for (const [what, make] of Object.entries(cases)) {
    it(what, async () => {
      const bytes = make();
      const expected = await refusal(() => readXlsx(bytes));
      const got = await refusal(() => makeShareableCopy(bytes));
      expect(got.message).toBe(expected.message);
    });
  }
});

describe("shareable copy: size limits are checked before anything is inflated", () => {
  it("refuses a zip bomb in a sentence instead of running out of memory", async () => {
    const e = await refusal(() => makeShareableCopy(zipBomb(20)));
    expect(e.message).toMatch(/xl\/worksheets\/sheet1\.xml would unpack from .* to 20\.\d MB, more than 200 times/);
  });

  it("refuses a part that inflates past what the zip declares (a lying header)", async () => {
    const big = "<row><c><v>1</v></c></row>".repeat(200_000);
    const parts = miniParts([{ name: "Lies", rows: big }]).map((p) => (p.name === "xl/worksheets/sheet1.xml" ? { ...p, claimedSize: 10_000 } : p));
    const e = await refusal(() => makeShareableCopy(zipOf(parts)));
    expect(e.message).toMatch(/unpacks to more than it declares/);
  });
});

describe("shareable copy: legal but unusual package parts", () => {
  it("a root relationship without a Type is passed over, as readXlsx does", async () => {
    const parts = miniParts([{ name: "S", rows: `<row r="1"><c r="A1"><f>BUDGET.X(1)</f><v>5</v></c></row>` }]).map((p) =>
      p.name === "_rels/.rels" ? { ...p, data: (p.data as string).replace("<Relationship ", '<Relationship Id="x0" Target="docProps/x.xml"/><Relationship ') } : p,
    );
    const result = await makeShareableCopy(zipOf(parts));
    expect(result.conversions).toEqual([{ sheet: "S", cell: "A1", formula: "=BUDGET.X(1)", value: 5, kind: "cell" }]);
  });
});
