import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calledFunctions, joinTokens, shiftFormula, tokenizeFormula, type FormulaToken } from "./formulaTokens";

const kinds = (f: string): string[] => tokenizeFormula(f).filter((t) => t.kind !== "ws").map((t) => `${t.kind}:${t.text}`);
const only = (f: string, kind: FormulaToken["kind"]): FormulaToken[] => tokenizeFormula(f).filter((t) => t.kind === kind);

describe("tokenizeFormula", () => {
  it("is total and loses nothing: any text joins back to itself", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (s) => joinTokens(tokenizeFormula(s)) === s), { numRuns: 2000 });
    const alphabet = fc.constantFrom(..."'\"[]!:$()A1B2_.#,; {}@%".split(""), "Sheet", "BUDGET.", "SUM", "TRUE", "''");
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 30 }), (parts) => joinTokens(tokenizeFormula(parts.join(""))) === parts.join("")), { numRuns: 2000 });
  });

  it("tells quoted sheet names with dots and brackets from function calls", () => {
    expect(only("='Call (centre) posts'!B2+'Budget.2025 posts'!C3", "func")).toEqual([]);
    expect(only("='Indirect (costs)'!A1", "ref")[0]).toMatchObject({ sheet: "Indirect (costs)", local: "A1" });
    expect(only("=SUM('Budget.2025 posts'!C2:C9)", "func").map((t) => t.text)).toEqual(["SUM"]);
    expect(only("='It''s'!A1", "ref")[0].sheet).toBe("It's");
  });

  it("names functions with their prefixes, and sees calls, names, refs, strings and errors", () => {
    expect(calledFunctions('=BUDGET.GRADECOST("KR17",1)+_xldudf_BUDGET_X(A1)+_xll.BUDGET.Y()+_xlfn.XLOOKUP(1,A:A,B:B)')).toEqual([
      "BUDGET.GRADECOST",
      "_XLDUDF_BUDGET_X",
      "_XLL.BUDGET.Y",
      "_XLFN.XLOOKUP",
    ]);
    expect(calledFunctions('="BUDGET.GRADECOST(1)"&\'BUDGET.2024 (draft)\'!A1')).toEqual([]);
    expect(kinds("=Cost2*2+Sheet1!Rate+$A$1:B$2-#REF!&TRUE")).toEqual([
      "op:=", "name:Cost2", "op:*", "number:2", "op:+", "name:Sheet1!Rate", "op:+", "ref:$A$1", "op::", "ref:B$2", "op:-", "error:#REF!", "op:&", "bool:TRUE",
    ]);
    expect(kinds("=SUM(Table1[[#This Row],[Cost]])")).toEqual(["op:=", "func:SUM", "open:(", "name:Table1", "struct:[[#This Row],[Cost]]", "close:)"]);
    expect(only("=[1]Sheet1!A1+'[Book.xlsx]Budget 2'!B2", "ref").map((t) => [t.book, t.sheet, t.local])).toEqual([
      ["[1]", "Sheet1", "A1"],
      ["[Book.xlsx]", "Budget 2", "B2"],
    ]);
    expect(only("=SUM(Jan:Mar!B2)", "ref")[0]).toMatchObject({ sheet: "Jan:Mar", local: "B2" });
    expect(only("=SUM(A:A,2:5,Sheet2!C:D)", "ref").map((t) => t.text)).toEqual(["A:A", "2:5", "Sheet2!C:D"]);
  });

  it("finds every function call in generated formulas, and no call inside strings or sheet names", () => {
    const ident = fc.stringMatching(/^[A-Z][A-Z0-9]{0,5}(\.[A-Z]{1,6})?$/);
    const sheetName = fc.stringMatching(/^[A-Za-z (.)']{1,12}$/).filter((s) => s.trim() !== "" && !s.startsWith("'") && !s.endsWith("'"));
    fc.assert(
      fc.property(fc.array(fc.tuple(ident, sheetName, fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 5 }), (parts) => {
        const f = "=" + parts.map(([fn, sh, str]) => `${fn}('${sh.replace(/'/g, "''")}'!A1,"${str.replace(/"/g, '""')}")`).join("+");
        expect(calledFunctions(f)).toEqual(parts.map(([fn]) => fn));
        expect(only(f, "ref").map((t) => t.sheet)).toEqual(parts.map(([, sh]) => sh));
      }),
      { numRuns: 500 },
    );
  });
});

describe("shiftFormula", () => {
  it("moves relative references as filling down and across does, and leaves the rest", () => {
    expect(shiftFormula("A3*2+$B$1+C$2+$D4", 2, 1)).toBe("B5*2+$B$1+D$2+$D6");
    expect(shiftFormula("SUM(C2:C9)+'Budget.2025 posts'!A1+\"A1\"+Rate1", 1, 0)).toBe("SUM(C3:C10)+'Budget.2025 posts'!A2+\"A1\"+Rate1");
    expect(shiftFormula("SUM(A:A)+2:3", 1, 1)).toBe("SUM(B:B)+3:4");
    expect(shiftFormula("A1", -1, 0)).toBe("#REF!");
  });
});
