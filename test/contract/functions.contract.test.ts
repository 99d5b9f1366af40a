/**
 * Contract: the add-in's functions as Excel sees them. functions.json is generated from
 * src/functions/functions.ts with custom-functions-metadata (the generator the webpack build uses); the built
 * dist/functions.json, when present, must be identical. Every function in it is registered in HyperFormula
 * with its declared parameters and evaluated from a formula in a sheet, with ranges as arguments and
 * spilled results. Renaming a function or changing its parameters fails here.
 */
import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { HyperFormula, DetailedCellError } from "hyperformula";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { registerBudgetFunctions, RESULT_SIZES, type FunctionsJson } from "../standin/budgetFunctionsPlugin";

/** The published signatures: name, parameters (? = optional, [][] = range) and result ([][] = spills). */
const SIGNATURES: Record<string, string> = {
  SALARY: "grade, point?, year?, gradeTable?[][], payAwards?[][] -> scalar",
  ONCOSTS: "salary, year?, pensionRate? -> scalar",
  POSTCOST: "salary, fte?, year?, pensionRate? -> scalar",
  GRADECOST: "grade, fte?, point?, year?, gradeTable?[][], pensionRate?, payAwards?[][] -> scalar",
  PARTYEAR: "annualAmount, effectiveDate, financialYear?, basis? -> scalar",
  RANGETOTAL: "ranges[][] -> [][]",
  RANGEGAP: "requirement, ranges[][] -> [][]",
  RANGEMID: "ranges[][] -> scalar",
  RANGETEXT: "low, high, unit? -> scalar",
  POSTDELTA: "before[][], after[][] -> scalar",
  FTEDELTA: "beforeFte[][], afterFte[][], beforeGrades?[][], afterGrades?[][], grade? -> scalar",
  COSTDELTA: "beforeGrades[][], beforeFte[][], afterGrades[][], afterFte[][], point?, year?, gradeTable?[][], pensionRate?, payAwards?[][] -> scalar",
  DELTATABLE: "beforeGrades[][], beforeFte[][], afterGrades[][], afterFte[][], point?, year?, gradeTable?[][], pensionRate?, payAwards?[][] -> [][]",
  SLOTTING: "oldGrade, newGrade, jobs, holders, similarity -> scalar",
};

function signature(f: FunctionsJson["functions"][number]): string {
  const params = f.parameters.map((p) => `${p.name}${p.optional ? "?" : ""}${p.dimensionality === "matrix" ? "[][]" : ""}`).join(", ");
  return `${params} -> ${f.result?.dimensionality === "matrix" ? "[][]" : "scalar"}`;
}

let metadataText = "";
let metadata: FunctionsJson;

// Sheet "Data": the restructure, the savings streams and a grade table.
const DATA: (string | number | null)[][] = [
  ["Before grade", "Before FTE", "After grade", "After FTE", "Savings £m", "Grade", "Min", "Max"],
  ["KR18", 1, "KR18", 1, "15-20", "KR17", 100000, 120000],
  ["KR18", 1, "KR18", 1, "£15m-£20m", "KR16", 80000, 99000],
  ["KR18", 1, "KR17", 1, "55–65", null, null, null],
  ["KR17", 1, "KR17", 1, "10 to 15", null, null, null],
  ["KR17", 1, "KR17", 1, "20-25", null, null, null],
  ["KR16", 1, "KR16", 1, "65-75", null, null, null],
  ["KR16", 1, null, null, null, null, null, null],
  [null, null, null, null, 15, 20, null, null],
  [null, null, null, null, 55, 65, null, null],
];

/** [formula, expected top-left value (number, string, or an error code like "#N/A")] per function id. */
const CASES: Record<string, Array<[string, number | string]>> = {
  SALARY: [
    ['=BUDGET.SALARY("KR17","min",2023)', 104197],
    ['=BUDGET.SALARY("kr17","max","2023/24",Data!F1:H3)', 120000],
    ['=BUDGET.SALARY("KR99","min",2023)', "#N/A"],
  ],
  ONCOSTS: [['=BUDGET.ONCOSTS(104197,2023)', 28752.95], ['=BUDGET.ONCOSTS(50000,2040)', "#N/A"]],
  POSTCOST: [['=BUDGET.POSTCOST(104197,1,"2023-24")', 132949.95], ['=BUDGET.POSTCOST("lots",1,2023)', "#VALUE!"]],
  GRADECOST: [
    ['=BUDGET.GRADECOST("KR17",1,"min",2023)', 132949.95],
    ['=BUDGET.GRADECOST("KR17",,,2023)', 132949.95], // empty arguments take their defaults (FTE 1, "min")
    ['=BUDGET.GRADECOST("KR17",-1,"min",2023)', "#VALUE!"],
    // Year omitted: the sample table (to 2024/25) does not cover the current year (from April 2025), so 2024/25.
    ['=BUDGET.GRADECOST("KR17",1)', 134682.3],
    ['=BUDGET.GRADECOST("KR17",1,"min",2026)', "#N/A"], // neither the table nor a pay award covers 2026/27
  ],
  PARTYEAR: [
    ['=BUDGET.PARTYEAR(100000,DATE(2024,10,1),2024,"months")', 50000],
    ['=BUDGET.PARTYEAR(365000,DATE(2024,10,1))', 182000],
  ],
  RANGETOTAL: [['=BUDGET.RANGETOTAL(Data!E2:E7)', 180], ['=BUDGET.RANGETOTAL(Data!E9:F10)', 70], ['=BUDGET.RANGETOTAL(Data!G4:G6)', "#VALUE!"]],
  RANGEGAP: [['=BUDGET.RANGEGAP(241,Data!E2:E7)', 21]],
  RANGEMID: [['=BUDGET.RANGEMID(Data!E1:E7)', 200]],
  RANGETEXT: [['=BUDGET.RANGETEXT(180,220,"£m")', "£180m-£220m"], ['=BUDGET.RANGETEXT(220,180)', "#VALUE!"]],
  POSTDELTA: [['=BUDGET.POSTDELTA(Data!A1:B8,Data!C1:D8)', -1]],
  FTEDELTA: [['=BUDGET.FTEDELTA(Data!B2:B8,Data!D2:D8)', -1], ['=BUDGET.FTEDELTA(Data!B2:B8,Data!D2:D8,Data!A2:A8,Data!C2:C8,"KR17")', 1]],
  COSTDELTA: [
    ['=BUDGET.COSTDELTA(Data!A2:A8,Data!B2:B8,Data!A2:A8,Data!B2:B8,"mid",2024)', 0],
    ['=BUDGET.COSTDELTA(Data!A2:A8,Data!B2:B7,Data!C2:C8,Data!D2:D8)', "#VALUE!"],
  ],
  DELTATABLE: [['=BUDGET.DELTATABLE(Data!A2:A8,Data!B2:B8,Data!C2:C8,Data!D2:D8,"min",2023)', "Grade"]],
  SLOTTING: [['=BUDGET.SLOTTING("KR17","KR17",2,2,75%)', "Slot"], ['=BUDGET.SLOTTING("KR17","KR18",2,2,0.8)', "Ring-fence: grade differs"]],
};

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(["src/functions/functions.ts"], true);
  expect(result.errors).toEqual([]);
  metadataText = result.metadataJson;
  metadata = JSON.parse(metadataText) as FunctionsJson;
  registerBudgetFunctions(HyperFormula, metadata);
}, 120_000);

function build(formulas: string[][]): HyperFormula {
  return HyperFormula.buildFromSheets({ Data: DATA, Calc: formulas }, { licenseKey: "gpl-v3" });
}

function valueOf(hf: HyperFormula, row: number, col = 0): unknown {
  const v = hf.getCellValue({ sheet: hf.getSheetId("Calc")!, row, col });
  return v instanceof DetailedCellError ? v.value : v;
}

describe("functions.json", () => {
  it("is generated without errors and lists exactly the published functions with their signatures", () => {
    const got = Object.fromEntries(metadata.functions.map((f) => [f.id, signature(f)]));
    expect(got).toEqual(SIGNATURES);
    for (const f of metadata.functions) {
      expect(f.name).toBe(f.id);
      expect(f.description ?? "").not.toBe("");
      expect(f.helpUrl).toBe(`https://localhost:3000/help.html#${f.id.toLowerCase()}`);
      for (const p of f.parameters) expect(p.description ?? "", `${f.id}.${p.name}`).not.toBe("");
      expect(f.options?.volatile ?? false).toBe(false);
      if (f.result?.dimensionality === "matrix") expect(RESULT_SIZES[f.id]).toBeTypeOf("function");
    }
  });
  it.runIf(existsSync("dist/functions.json"))("matches the built dist/functions.json (rebuild with npm run build:dev if this fails)", () => {
    expect(JSON.parse(readFileSync("dist/functions.json", "utf8"))).toEqual(JSON.parse(metadataText));
  });
  it("has an evaluation case for every function", () => {
    expect(Object.keys(CASES).sort()).toEqual(metadata.functions.map((f) => f.id).sort());
  });
});

describe("every function evaluated from a formula in HyperFormula", () => {
  for (const [id, cases] of Object.entries(CASES)) {
    it(`BUDGET.${id}`, () => {
      // One formula per row, 12 rows apart so spills have room.
      const formulas: string[][] = [];
      cases.forEach(([f]) => {
        formulas.push([f]);
        for (let i = 0; i < 11; i++) formulas.push([]);
      });
      const hf = build(formulas);
      cases.forEach(([formula, expected], i) => {
        const v = valueOf(hf, i * 12);
        if (typeof expected === "number") expect(v as number, formula).toBeCloseTo(expected, 2);
        else expect(v, formula).toBe(expected);
      });
      hf.destroy();
    });
  }
});

describe("declared parameters are enforced", () => {
  it("too many arguments is an error; trailing optional arguments may be left out", () => {
    const hf = build([['=BUDGET.SLOTTING("KR17","KR17",2,2,75%,1)'], ['=BUDGET.SLOTTING("KR17","KR17",2,2)'], ['=BUDGET.GRADECOST("KR17")'], ['=BUDGET.RANGETEXT(1,2)']]);
    expect(valueOf(hf, 0)).toBe("#N/A");
    expect(valueOf(hf, 1)).toBe("#N/A");
    expect(typeof valueOf(hf, 2)).toBe("number");
    expect(valueOf(hf, 3)).toBe("1-2");
    hf.destroy();
  });
  it("an error value inside a range argument gives #VALUE! with a message, as in Excel", () => {
    const hf = HyperFormula.buildFromSheets({ Data: [["15-20"], ["=NA()"]], Calc: [["=BUDGET.RANGETOTAL(Data!A1:A2)"]] }, { licenseKey: "gpl-v3" });
    const v = hf.getCellValue({ sheet: hf.getSheetId("Calc")!, row: 0, col: 0 });
    expect(v).toBeInstanceOf(DetailedCellError);
    expect((v as DetailedCellError).value).toBe("#VALUE!");
    expect((v as DetailedCellError).message).toMatch(/error value/);
    hf.destroy();
  });
  it("a pay spine (SCP, salary) works as the grade table", () => {
    const hf = HyperFormula.buildFromSheets(
      { Spine: [["SCP", "Salary"], [1, 23656], [2, 24027], [25, 34314]], Calc: [["=BUDGET.SALARY(25,,2024,Spine!A1:B4)"], ['=BUDGET.GRADECOST(2,0.5,"min",2024,Spine!A1:B4,"0%")']] },
      { licenseKey: "gpl-v3" },
    );
    const calc = hf.getSheetId("Calc")!;
    expect(hf.getCellValue({ sheet: calc, row: 0, col: 0 })).toBe(34314);
    // half of 24,027 = 12,013.50; NI 13.8% above £9,100 = 402.06; levy 0.5% = 60.07; no pension
    expect(hf.getCellValue({ sheet: calc, row: 1, col: 0 })).toBeCloseTo(12013.5 + 402.06 + 60.07, 2);
    hf.destroy();
  });
  it("an error's message reaches the cell", () => {
    const hf = build([['=BUDGET.GRADECOST("KR99",1,"min",2023)']]);
    const v = hf.getCellValue({ sheet: hf.getSheetId("Calc")!, row: 0, col: 0 });
    expect(v).toBeInstanceOf(DetailedCellError);
    expect((v as DetailedCellError).message).toMatch(/KR99/);
    hf.destroy();
  });
});

describe("spilled results and recalculation", () => {
  it("RANGETOTAL and RANGEGAP spill low and high side by side", () => {
    const hf = build([['=BUDGET.RANGETOTAL(Data!E2:E7)'], ['=BUDGET.RANGEGAP(241,Data!E2:E7)']]);
    expect([valueOf(hf, 0, 0), valueOf(hf, 0, 1)]).toEqual([180, 220]);
    expect([valueOf(hf, 1, 0), valueOf(hf, 1, 1)]).toEqual([21, 61]);
    hf.destroy();
  });
  it("DELTATABLE spills the heading, the grades highest first and the total", () => {
    const hf = build([['=BUDGET.DELTATABLE(Data!A2:A8,Data!B2:B8,Data!C2:C8,Data!D2:D8,"min",2023)']]);
    const rows = [0, 1, 2, 3, 4].map((r) => [0, 1, 2, 3, 4].map((c) => valueOf(hf, r, c)));
    expect(rows).toEqual([
      ["Grade", "Posts before", "Posts after", "Change", "FTE change"],
      ["KR18", 3, 2, -1, -1],
      ["KR17", 2, 3, 1, 1],
      ["KR16", 2, 1, -1, -1],
      ["Total", 7, 6, -1, -1],
    ]);
    expect(valueOf(hf, 5, 0)).toBeNull(); // rows below the table are blank
    hf.destroy();
  });
  it("recalculates when the grade table range changes", () => {
    const hf = build([['=BUDGET.SALARY("KR17","max",2023,Data!F1:H3)']]);
    expect(valueOf(hf, 0)).toBe(120000);
    hf.setCellContents({ sheet: hf.getSheetId("Data")!, row: 1, col: 7 }, 125000);
    expect(valueOf(hf, 0)).toBe(125000);
    hf.destroy();
  });
});
