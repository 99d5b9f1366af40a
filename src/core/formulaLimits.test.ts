import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runs } from "../../test/propertyRuns";
import {
  EXCEL_FORMULA_MAX_CHARS,
  EXCEL_FORMULA_TEXT_MAX_CHARS,
  EXCEL_FUNCTION_MAX_ARGUMENTS,
  EXCEL_FUNCTION_MAX_NESTING,
  formulaForMessage,
  formulaLimitReason,
  measureFormula,
} from "./formulaLimits";

const args = (count: number, arg = "1"): string => Array.from({ length: count }, () => arg).join(",");
const nested = (depth: number, inner = "A1"): string => (depth === 0 ? inner : `ABS(${nested(depth - 1, inner)})`);

describe("Excel's formula limits at their boundaries", () => {
  it("takes 8,192 characters counted with the '=', not 8,193", () => {
    const of = (length: number): string => `=1${" ".repeat(length - 2)}`;
    expect(of(8192)).toHaveLength(8192);
    expect(formulaLimitReason(of(8192))).toBeNull();
    expect(formulaLimitReason(of(8193))).toBe("it is 8,193 characters long, and Excel takes at most 8,192 in a formula");
    // Without its "=" the same formula is measured as typed: 8,192 characters of text is 8,193 with the "=".
    expect(formulaLimitReason(of(8192).slice(1))).toBeNull();
    expect(measureFormula(of(8193).slice(1)).length).toBe(8193);
    expect(formulaLimitReason(`${" ".repeat(8192)}`)).not.toBeNull();
  });

  it("takes 255 arguments in a call, not 256, wherever the call is", () => {
    expect(formulaLimitReason(`=SUM(${args(255)})`)).toBeNull();
    expect(formulaLimitReason(`=SUM(${args(256)})`)).toBe("SUM is given 256 arguments, and Excel takes at most 255 in one function");
    // Inside another call, and after one: the outer call has 2 arguments; the inner one is the one counted.
    expect(formulaLimitReason(`=ROUND(MAX(${args(255)}),0)`)).toBeNull();
    expect(formulaLimitReason(`=ROUND(MAX(${args(256)}),0)`)).toMatch(/^MAX is given 256 arguments/);
    expect(formulaLimitReason(`=SUM(${args(10)})+MIN(${args(256)})`)).toMatch(/^MIN is given 256/);
    expect(measureFormula(`=IF(A1,SUM(${args(40)}),MAX(${args(7)}))`).mostArguments).toEqual({ name: "SUM", count: 40 });
    // Prefixed names as written in files.
    expect(formulaLimitReason(`=_xlfn.CONCAT(${args(256, '"a"')})`)).toMatch(/^_XLFN\.CONCAT is given 256 arguments/);
  });

  it("takes 64 levels of nested functions, not 65; brackets that are not calls add none", () => {
    expect(measureFormula(`=${nested(64)}`).nesting).toBe(64);
    expect(formulaLimitReason(`=${nested(64)}`)).toBeNull();
    expect(formulaLimitReason(`=${nested(65)}`)).toBe("its functions are nested 65 deep, and Excel takes at most 64 levels");
    expect(formulaLimitReason(`=${nested(64, "((((A1))))")}`)).toBeNull();
    expect(measureFormula("=SUM(A1)").nesting).toBe(1);
    expect(measureFormula("=(A1+(B1))").nesting).toBe(0);
    // Side by side is not nested.
    expect(measureFormula(`=${nested(40)}+${nested(40)}`).nesting).toBe(40);
  });

  it("counts an array constant as one argument, whatever its commas and semicolons", () => {
    const array = `{${Array.from({ length: 20 }, () => args(20)).join(";")}}`;
    expect(measureFormula(`=SUM(${array})`).mostArguments).toEqual({ name: "SUM", count: 1 });
    expect(formulaLimitReason(`=SUM(${args(254)},${array})`)).toBeNull();
    expect(formulaLimitReason(`=SUM(${args(255)},${array})`)).toMatch(/^SUM is given 256/);
  });

  it("does not count commas inside texts, quoted sheet names, structured references or a union in brackets", () => {
    expect(measureFormula(`=CONCATENATE("${",".repeat(300)}")`).mostArguments).toEqual({ name: "CONCATENATE", count: 1 });
    expect(measureFormula(`=SUM('${"a,".repeat(15)}b'!A1:A9)`).mostArguments?.count).toBe(1);
    expect(measureFormula("=SUM(Costs[[#This Row],[Pay],[On-costs]])").mostArguments?.count).toBe(1);
    expect(measureFormula("=SUM((A1,B1,C1),D1)").mostArguments?.count).toBe(2);
    // A sheet named like a call is not one.
    expect(measureFormula("='Call (centre), posts'!B2").mostArguments).toBeNull();
  });

  it("counts empty arguments, and none in an empty call", () => {
    expect(measureFormula("=PI()").mostArguments).toEqual({ name: "PI", count: 0 });
    expect(measureFormula("=IF(A1,,)").mostArguments).toEqual({ name: "IF", count: 3 });
    expect(measureFormula("=NOW( )").mostArguments?.count).toBe(0);
  });

  it("takes a text of 255 characters in a formula, not 256, reading doubled quotes as one", () => {
    expect(formulaLimitReason(`="${"x".repeat(255)}"`)).toBeNull();
    expect(formulaLimitReason(`="${"x".repeat(256)}"`)).toBe("a text in it is 256 characters long, and Excel takes at most 255 in a text in a formula");
    expect(measureFormula(`="${'""'.repeat(255)}"`).longestText).toBe(255);
    expect(formulaLimitReason(`="${'""'.repeat(255)}"`)).toBeNull();
    // Long text in pieces joined with & is fine.
    expect(formulaLimitReason(`="${"x".repeat(255)}"&"${"y".repeat(255)}"`)).toBeNull();
    // A quoted sheet name is not a text.
    expect(measureFormula(`='${"S".repeat(31)}'!A1`).longestText).toBe(0);
  });

  it("names the old members' pack total: a SUM of 2,000 subtotal cells", () => {
    const cells = Array.from({ length: 2000 }, (_, i) => `C${55 + 51 * i}`).join(",");
    const formula = `=SUM(${cells})`;
    expect(formulaLimitReason(formula)).toMatch(/^it is [\d,]+ characters long/);
    expect(measureFormula(formula).mostArguments).toEqual({ name: "SUM", count: 2000 });
    expect(formulaForMessage(formula)).toMatch(/^=SUM\(C55,C106,.*… \([\d,]+ characters\)$/);
    expect(formulaForMessage("=SUM(C5:C9)")).toBe("=SUM(C5:C9)");
  });
});

/** A random formula as a tree, with what Excel counts in it worked out from the tree, not from its text. */
interface Expr {
  text: string;
  /** Most arguments of any call in it (-1 with no call). */
  most: number;
  nesting: number;
  longestText: number;
}

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom("1", "A1", "$B$2:C9", "TRUE", "#N/A", "'North, South (1)'!B2", "Sheet1!A1:A3", "Costs[[#This Row],[Pay]]", "{1,2;3,4}", '{"a,b","c"}').map((text) => ({
    text,
    most: -1,
    nesting: 0,
    longestText: text === '{"a,b","c"}' ? 3 : 0,
  })),
  fc.string({ maxLength: 12 }).map((s) => ({ text: `"${s.replace(/"/g, '""')}"`, most: -1, nesting: 0, longestText: s.length })),
);

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom("SUM", "IF", "MAX", "_xlfn.XLOOKUP", "CONCATENATE"), fc.array(tie("e"), { maxLength: 6 }), fc.boolean()).map(([name, children, spaced]) => ({
      text: `${name}(${children.map((c) => c.text).join(spaced ? ", " : ",")})`,
      most: Math.max(children.length, ...children.map((c) => c.most)),
      nesting: 1 + Math.max(0, ...children.map((c) => c.nesting)),
      longestText: Math.max(0, ...children.map((c) => c.longestText)),
    })),
    fc.array(tie("e"), { minLength: 1, maxLength: 3 }).map((parts) => ({
      // Brackets: a union "(A1,B1)" or a group "(A1+B1)": not a call, so neither its commas nor its level count.
      text: `(${parts.map((p) => p.text).join(parts.length > 1 && parts.length % 2 === 0 ? "," : "+")})`,
      most: Math.max(-1, ...parts.map((p) => p.most)),
      nesting: Math.max(0, ...parts.map((p) => p.nesting)),
      longestText: Math.max(0, ...parts.map((p) => p.longestText)),
    })),
    fc.tuple(tie("e"), tie("e")).map(([a, b]) => ({
      text: `${a.text}+${b.text}`,
      most: Math.max(a.most, b.most),
      nesting: Math.max(a.nesting, b.nesting),
      longestText: Math.max(a.longestText, b.longestText),
    })),
  ),
})).e;

describe("measureFormula, against formulas built as trees", () => {
  it("counts each call's arguments, the nesting and the longest text as the tree has them", () => {
    fc.assert(
      fc.property(expr, fc.boolean(), (e, withEquals) => {
        const m = measureFormula(withEquals ? `=${e.text}` : e.text);
        expect(m.mostArguments?.count ?? -1).toBe(e.most);
        expect(m.nesting).toBe(e.nesting);
        expect(m.longestText).toBe(e.longestText);
        expect(m.length).toBe(e.text.length + 1);
      }),
      { numRuns: runs(1000) },
    );
  });

  it("refuses a call exactly when it has more than 255 arguments, however its arguments are written", () => {
    const arg = fc.oneof(leaf, expr.filter((e) => e.most <= 20 && e.nesting < 20 && e.text.length < 25));
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 320 }), arg, fc.nat(), (count, a, seed) => {
        const list = Array.from({ length: count }, (_, i) => (i === seed % count ? a.text : "1"));
        const reason = formulaLimitReason(`=SUM(${list.join(",")})`);
        expect(reason === null).toBe(count <= EXCEL_FUNCTION_MAX_ARGUMENTS && a.longestText <= EXCEL_FORMULA_TEXT_MAX_CHARS);
        if (count > EXCEL_FUNCTION_MAX_ARGUMENTS) expect(reason).toBe(`SUM is given ${count} arguments, and Excel takes at most 255 in one function`);
      }),
      { numRuns: runs(300) },
    );
  });

  it("refuses nesting exactly past 64 levels, and length exactly past 8,192 characters", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.constantFrom("ABS", "SUM", "_xlfn.LET"), (depth, fn) => {
        let f = "A1";
        for (let i = 0; i < depth; i++) f = `${fn}(${f})`;
        expect(formulaLimitReason(`=${f}`) === null).toBe(depth <= EXCEL_FUNCTION_MAX_NESTING);
      }),
      { numRuns: runs(200) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 8000, max: 8400 }), (length) => {
        const f = `=A1${"+1".repeat(Math.floor((length - 3) / 2))}${length % 2 === 0 ? " " : ""}`;
        expect(f).toHaveLength(length);
        expect(formulaLimitReason(f) === null).toBe(length <= EXCEL_FORMULA_MAX_CHARS);
      }),
      { numRuns: runs(200) },
    );
  });

  it("is total: any text gives a measure and a reason or null, never an exception", () => {
    const alphabet = fc.constantFrom(..."'\"[]!:$(){},; A1+".split(""), "SUM(", "''", '""');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.array(alphabet, { maxLength: 60 }).map((p) => p.join(""))), (s) => {
        const m = measureFormula(s);
        expect(m.nesting).toBeGreaterThanOrEqual(0);
        expect(m.mostArguments === null || m.mostArguments.count >= 0).toBe(true);
        const r = formulaLimitReason(s);
        expect(r === null || typeof r === "string").toBe(true);
      }),
      { numRuns: runs(1000) },
    );
  });
});
