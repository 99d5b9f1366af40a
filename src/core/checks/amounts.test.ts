import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAmount, readAmount, textAmountNumberFormat } from "./amounts";
import { storedUnitOfFormat } from "./budgetRules";

describe("readAmount", () => {
  it.each([
    ["£15,125,000", null, 15125000],
    ["15,125,000 ", "£", 15125000],
    ["(1,234)", null, -1234],
    ["1.2m", "£", 1200000],
    ["1.2m", "£000", 1200],
    ["1.2m", "£m", 1.2],
    ["£2.5k", "£", 2500],
    ["-", null, 0],
  ] as const)("%s in a %s column is %d", (text, unit, value) => {
    expect(readAmount(text, unit)).toMatchObject({ kind: "text", value });
  });

  it("tells blanks, errors and other text apart", () => {
    expect(readAmount(null, null).kind).toBe("blank");
    expect(readAmount("  ", null).kind).toBe("blank");
    expect(readAmount("#REF!", null).kind).toBe("error");
    expect(readAmount("TBC", null).kind).toBe("other");
    expect(readAmount(12, null)).toEqual({ kind: "number", value: 12 });
  });

  it("any whole amount written with £ and commas reads back exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const text = `${n < 0 ? "-" : ""}£${Math.abs(n).toLocaleString("en-GB")}`;
        expect(readAmount(text, "£")).toMatchObject({ kind: "text", value: n });
        const bracketed = n < 0 ? `(${Math.abs(n).toLocaleString("en-GB")})` : `${n.toLocaleString("en-GB")} `;
        expect(readAmount(bracketed, null)).toMatchObject({ kind: "text", value: n });
      }),
    );
  });
});

describe("textAmountNumberFormat keeps what the officer saw", () => {
  it.each([
    ["£15,125,000", "£", '"£"#,##0;-"£"#,##0'],
    ["(1,234)", null, "#,##0;(#,##0)"],
    ["15125000", null, "0;-0"],
    ["1.2m", "£", '0.0,,"m";-0.0,,"m"'],
    ["£1.2m", "£m", '"£"0.0"m";-"£"0.0"m"'],
    ["1.2m", "£000", '0.0,"m";-0.0,"m"'],
  ] as const)("%s (%s column) -> %s", (text, unit, fmt) => {
    expect(textAmountNumberFormat(text, unit)).toBe(fmt);
  });
});

describe("formatAmount", () => {
  it("writes amounts in pounds, £m columns in millions where exact", () => {
    expect(formatAmount(60000, "£000")).toBe("£60,000,000");
    expect(formatAmount(180, "£m")).toBe("£180m");
    expect(formatAmount(15.5, "£m")).toBe("£15.5m");
    expect(formatAmount(0.001, "£m")).toBe("£1,000");
    expect(formatAmount(-229000, null)).toBe("-£229,000");
    expect(formatAmount(10.25, "£")).toBe("£10.25");
  });
});

describe("storedUnitOfFormat", () => {
  it("reads the unit a number format stores", () => {
    expect(storedUnitOfFormat('"£"#,##0.0"m"')).toBe("£m");
    expect(storedUnitOfFormat('0.0,,"m"')).toBe("£");
    expect(storedUnitOfFormat('#,##0"k"')).toBe("£000");
    expect(storedUnitOfFormat('"£"#,##0')).toBe("£");
    expect(storedUnitOfFormat("General")).toBeNull();
  });
});
