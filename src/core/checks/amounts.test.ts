import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runs } from "../../../test/propertyRuns";
import { numberFormatShows } from "../../../test/numberFormatShows";
import { parseAmountText } from "../money";
import { formatAmount, readAmount, sameAmount, shownStep, textAmountNumberFormat, toColumnUnit } from "./amounts";
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
    ["500k", "£m", '0.0"m";-0.0"m"'],
    ["£250k", "£m", '"£"0.00"m";-"£"0.00"m"'],
    [".5", null, "0.0;-0.0"],
  ] as const)("%s (%s column) -> %s", (text, unit, fmt) => {
    expect(textAmountNumberFormat(text, unit)).toBe(fmt);
  });

  it.each([
    ["500k", "£m", "0.5m"],
    ["£250k", "£m", "£0.25m"],
    ["1,500k", "£m", "1.5m"],
    ["£15,125,000", "£", "£15,125,000"],
    ["1.2m", "£000", "1.2m"],
  ] as const)("%s in a %s column shows as %s once stored", (text, unit, shown) => {
    const cell = readAmount(text, unit);
    if (cell.kind !== "text") throw new Error(`${text} is not a text amount`);
    expect(numberFormatShows(cell.value, textAmountNumberFormat(text, unit))).toBe(shown);
  });

  it("the stored number, shown in its number format, is the amount that was typed, in any column unit (property)", () => {
    const digits = fc.oneof(
      fc.integer({ min: 0, max: 999_999_999 }).map((n) => n.toLocaleString("en-GB")),
      fc.integer({ min: 0, max: 999_999_999 }).map(String),
    );
    const text = fc
      .record({
        whole: digits,
        decimals: fc.constantFrom("", ".5", ".25", ".05", ".125", ".1"),
        noWhole: fc.boolean(),
        gbp: fc.boolean(),
        sign: fc.constantFrom("", "-", "()"),
        suffix: fc.constantFrom("", "k", "K", "m", "mn", "000"),
      })
      .map(({ whole, decimals, noWhole, gbp, sign, suffix }) => {
        const num = (noWhole && decimals ? "" : whole) + decimals || "0";
        const body = `${gbp ? "£" : ""}${num}${suffix === "000" ? " 000" : suffix}`;
        return sign === "()" ? `(${body})` : `${sign}${body}`;
      });
    fc.assert(
      fc.property(text, fc.constantFrom(null, "£" as const, "£000" as const, "£m" as const), (t, unit) => {
        const cell = readAmount(t, unit);
        if (cell.kind !== "text") throw new Error(`${t} is not a text amount`);
        const shown = numberFormatShows(cell.value, textAmountNumberFormat(t, unit));
        const back = parseAmountText(shown);
        expect(back, `${t} in a ${String(unit)} column shows as ${shown}`).not.toBeNull();
        if (!back) return;
        const again = toColumnUnit(back, unit);
        expect(Math.abs(again - cell.value), `${t} in a ${String(unit)} column shows as ${shown}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(cell.value)));
      }),
      { numRuns: runs(500) },
    );
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

describe("sameAmount: to half a penny, however large the amount", () => {
  it.each([
    [16_792_000.01, 16_792_000, false],
    [79_603_000.55, 79_603_000.5, false],
    [46_285_000.004, 46_285_000, true],
    [0.1 + 0.2, 0.3, true],
  ] as const)("%d and %d: %s", (a, b, same) => {
    expect(sameAmount(a, b)).toBe(same);
  });

  it("amounts in pence up to £1bn a penny or more apart differ; a sum of lines in pence matches its total (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 1_000 }), (pence, apart) => {
        const lines = pence.map((p) => p / 100);
        const sum = lines.reduce((s, x) => s + x, 0);
        const total = pence.reduce((s, p) => s + p, 0) / 100;
        expect(sameAmount(sum, total)).toBe(true);
        expect(sameAmount(total + apart / 100, total)).toBe(false);
        expect(sameAmount(total - apart / 100, total)).toBe(false);
      }),
      { numRuns: runs(300) },
    );
  });
});

describe("shownStep: the smallest step a number format shows", () => {
  it.each([
    ["#,##0", 1],
    ["0", 1],
    ["0.0", 0.1],
    ["#,##0.00", 0.01],
    ['"£"#,##0', 1],
    ["£#,##0;(£#,##0)", 1],
    ['#,##0,"k"', 1000],
    ['0.0,,"m"', 100_000],
    ['"£"#,##0.0,,"m";-"£"#,##0.0,,"m"', 100_000],
    ["[Red]#,##0.0;[Blue]-#,##0.0", 0.1],
    ["_-£* #,##0.00_-;-£* #,##0.00_-;_-£* \"-\"??_-;_-@_-", 0.01],
    ["0%", 0.01],
    ["0.0%", 0.001],
    ['#,##0 "m.0"', 1],
  ])("%s shows steps of %d", (fmt, step) => {
    expect(shownStep(fmt)).toBeCloseTo(step, 12);
  });
  it.each(["General", "@", "0.00E+00", "# ?/?", "dd/mm/yyyy", "h:mm", "[$-809]dd mmmm yyyy", ""])("%j is read as showing the value in full (null)", (fmt) => {
    expect(shownStep(fmt)).toBeNull();
  });
  it("any format of digit placeholders, decimals, scaling commas, quoted text and a colour (property)", () => {
    const quoted = fc.constantFrom("", '"£"', '"m"', '" k"', '"0.0,"', "\\£");
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 }), quoted, quoted, fc.boolean(), fc.boolean(), (grouped, decimals, commas, before, after, colour, negative) => {
        const pos = `${before}${grouped ? "#,##0" : "0"}${decimals > 0 ? `.${"0".repeat(decimals)}` : ""}${",".repeat(commas)}${after}`;
        const fmt = `${colour ? "[Blue]" : ""}${pos}${negative ? `;[Red]-${pos}` : ""}`;
        expect(shownStep(fmt)).toBeCloseTo(10 ** -decimals * 1000 ** commas, 9);
      }),
      { numRuns: runs(300) },
    );
  });
  it("a value and its rounding to that step show the same text (property, against test/numberFormatShows)", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom("", '"£"'), fc.constantFrom("", '"k"', '"m"'), fc.double({ min: 0, max: 1e9, noNaN: true }), (grouped, decimals, commas, before, after, x) => {
        const fmt = `${before}${grouped ? "#,##0" : "0"}${decimals > 0 ? `.${"0".repeat(decimals)}` : ""}${",".repeat(commas)}${after}`;
        const step = shownStep(fmt) as number;
        // Away from a rounding boundary (where binary may fall either side), the value shows as its rounding.
        const q = x / step;
        fc.pre(Math.abs(q - Math.floor(q) - 0.5) > 1e-6);
        expect(numberFormatShows(x, fmt)).toBe(numberFormatShows(Math.round(q) * step, fmt));
      }),
      { numRuns: runs(300) },
    );
  });
});
