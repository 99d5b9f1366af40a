import { describe, expect, it } from "vitest";
import { classifyHeader, findTables, unitFromText } from "../../src/core/checks";
import { snapshotFromRows } from "../../src/core/sheetSnapshot";

describe("header detection by meaning", () => {
  it.each([
    ["Gross budget for market review", "amount", "gross", null],
    ["Net budget for market review", "amount", "net", null],
    ["Net £000", "amount", "net", "£000"],
    ["Gross £'000", "amount", "gross", "£000"],
    ["Potential saving £m", "amount", "saving", "£m"],
    ["Net budget 2024-25 (£)", "amount", "net", "£"],
    ["Budget £m", "amount", "amount", "£m"],
  ])("%s is an amount column", (text, role, kind, unit) => {
    expect(classifyHeader(text)).toEqual({ role, kind, unit });
  });

  it.each([
    ["Service", "label"],
    ["Savings stream", "label"],
    ["Type of service", "type"],
    ["Category", "type"],
  ])("%s is a %s column", (text, role) => {
    expect(classifyHeader(text)).toEqual({ role });
  });

  it.each(["£15m-£20m", "15-20", "£15,125,000", "Libraries", ""])("%s is not a heading", (text) => {
    expect(classifyHeader(text)).toBeNull();
  });

  it("reads units from notes", () => {
    expect(unitFromText("All figures in £000s")).toBe("£000");
    expect(unitFromText("(£m)")).toBe("£m");
    expect(unitFromText("Gross")).toBeNull();
  });

  it("a unit row under the header, and a table in the middle of a sheet (origin not A1)", () => {
    const snap = snapshotFromRows("S", [
      ["Service", "Gross budget", "Net budget"],
      [null, "£000", "£000"],
      ["Libraries", 16792, 15174.6],
      ["Property", 29493, 27661],
      ["Total", 46285, 42835.6],
    ]);
    snap.origin = { row: 4, col: 2 };
    const [t] = findTables(snap);
    expect(t.amounts.map((a) => a.unit)).toEqual(["£000", "£000"]);
    expect(t.lines).toEqual([2, 3]);
    expect(t.totals).toMatchObject([{ row: 4, level: "grand" }]);
  });

  it("side-by-side tables separated by a blank column", () => {
    const snap = snapshotFromRows("S", [
      ["Service", "Net £", null, "Savings stream", "Potential saving £m"],
      ["Libraries", 100, null, "Trading", "10-15"],
      ["Property", 200, null, "Demand", "65-75"],
      ["Total", 300, null, "Total", "75-90"],
    ]);
    const tables = findTables(snap);
    expect(tables.map((t) => [t.firstCol, t.lastCol, t.kind])).toEqual([
      [0, 2, "budget"],
      [3, 4, "savings"],
    ]);
  });
});

describe("blocks without a header row", () => {
  it("a selection of lines and a total is still checked", async () => {
    const { checkSheet } = await import("../../src/core/checks");
    const snap = snapshotFromRows(
      "Sel",
      [
        ["Libraries", 16792000, 15174600],
        ["Property", 29493000, "£27,661,000"],
        ["Legal", 500000, 400000],
        ["Total", "=SUM(C10:C11)", "=SUM(D10:D12)"],
      ],
      [
        [null, null, null],
        [null, null, null],
        [null, null, null],
        [null, 46285000, 15574600],
      ],
    );
    snap.origin = { row: 9, col: 1 };
    const fs = checkSheet(snap).map((f) => `${f.cell} ${f.rule}`);
    expect(fs).toEqual(["D11 number-as-text", "C13 sum-range-gap"]);
  });

  it("a sheet of text with no totals gives nothing", async () => {
    const { checkSheet } = await import("../../src/core/checks");
    expect(checkSheet(snapshotFromRows("N", [["Notes"], ["Total confusion", "x"]]))).toEqual([]);
  });
});

describe("ranges in Low and High columns", () => {
  it("the requirement gap uses both columns", async () => {
    const { checkSheet } = await import("../../src/core/checks");
    const { fixtureSnapshot } = await import("../fixtures/budgetSheets");
    const rows = [
      ["Savings stream", "Low £m", "High £m"],
      ["Market engagement activity", 15, 20],
      ["Service review & integration activity", 55, 65],
      ["Total", "=SUM(B2:B3)", "=SUM(C2:C3)"],
      ["Savings requirement", 100, null],
    ];
    const fs = checkSheet(fixtureSnapshot({ name: "LH", rows }));
    expect(fs.map((f) => `${f.cell} ${f.rule}`)).toEqual(["B5 requirement-gap"]);
    expect(fs[0].message).toContain("shortfall of £15m to £30m");
  });
});

describe("columns that are not money", () => {
  it.each(["% of net budget", "FTE", "Number of posts", "Share of budget"])("%s is not an amount column", (h) => {
    expect(classifyHeader(h)).not.toMatchObject({ role: "amount" });
  });

  it("a variance column with small and large changes raises no unit warning", async () => {
    const { checkSheet } = await import("../../src/core/checks");
    const { fixtureSnapshot } = await import("../fixtures/budgetSheets");
    const rows = [
      ["Service", "Gross budget £", "Change from last year £"],
      ["Libraries", 16792000, 12],
      ["Property", 29493000, 1500000],
      ["Legal", 2000000, 30000],
      ["Youth", 3000000, -250000],
      ["Total", "=SUM(B2:B5)", "=SUM(C2:C5)"],
    ];
    expect(checkSheet(fixtureSnapshot({ name: "V", rows }))).toEqual([]);
  });
});

describe("the headerless fallback is cautious", () => {
  it("leaves alone a table whose header is not money (posts counted with a Total)", async () => {
    const { checkSheet } = await import("../../src/core/checks");
    const snap = snapshotFromRows(
      "Impact",
      [
        ["Post title", "Grade", "Existing number of posts (FTE)", "Impact of proposal"],
        ["Director ICT", "KR17", 1, "Post deleted"],
        ["Director Property", "KR17", 1, "Post deleted"],
        ["Total", null, "=SUM(C2:C3)", null],
      ],
      [[], [], [], [null, null, 2, null]],
    );
    expect(checkSheet(snap)).toEqual([]);
  });
});

describe("total rows agree with src/core/totalRows (issue 16)", () => {
  it.each(["Total", "Totals", "Grand total", "Total savings"])("%s closes the savings table as its grand total", (label) => {
    const snap = snapshotFromRows("S", [
      ["Savings stream", "Potential saving £m"],
      ["Market engagement activity", "15-20"],
      ["Additional income from trading", "10-15"],
      [label, "25-35"],
    ]);
    const [t] = findTables(snap);
    expect(t.lines).toEqual([1, 2]);
    expect(t.totals.map((x) => [x.row, x.level])).toEqual([[3, "grand"]]);
  });
  it("a stream named like a measure (\"Total cost of posts\") is a line", () => {
    const snap = snapshotFromRows("S", [
      ["Savings stream", "Potential saving £m"],
      ["Market engagement activity", "15-20"],
      ["Total cost of posts", "5-10"],
      ["Total", "20-30"],
    ]);
    const [t] = findTables(snap);
    expect(t.lines).toEqual([1, 2]);
    expect(t.totals.map((x) => x.row)).toEqual([3]);
  });
});

it("a savings column whose ranges are all written with units (\"£15m-£20m\") is a range column", () => {
  const snap = snapshotFromRows("S", [
    ["Savings stream", "Potential saving"],
    ["Market engagement activity", "£15m-£20m"],
    ["Additional income from trading", "£10m-£15m"],
    ["Total", "£25m-£35m"],
  ]);
  const [t] = findTables(snap);
  expect(t.amounts.map((a) => a.ranges)).toEqual([true]);
});

describe("identifier columns that mention money are not amounts", () => {
  it.each(["Cost centre", "Cost center", "Budget code", "Cost centre ref", "Budget reference", "Cost centre number"])("%s is not an amount column", (h) => {
    expect(classifyHeader(h)).not.toMatchObject({ role: "amount" });
  });

  it("a cost centre column before the service: the service names the lines and \"Total\" in the cost centre column is the total", async () => {
    const { checkSheet } = await import("../../src/core/checks");
    const { fixtureSnapshot } = await import("../fixtures/budgetSheets");
    const rows = [
      ["Cost centre", "Service", "Gross budget £", "Net budget £"],
      [41001, "Libraries", 16792000, 15174600],
      [41002, "Property", 29493000, 27661000],
      [41003, "EduKent Services", 18193000, 1800000],
      [41004, "Community Learning & Skills", 15125000, 229000],
      ["Total", null, "=SUM(C2:C5)", "=SUM(D2:D5)"],
    ];
    const snap = fixtureSnapshot({ name: "CC", rows });
    const [t] = findTables(snap);
    expect(t.labelCol).toBe(1);
    expect(t.amounts.map((a) => a.col)).toEqual([2, 3]);
    expect(t.totals.map((x) => [x.row, x.level])).toEqual([[5, "grand"]]);
    expect(checkSheet(snap)).toEqual([]);
  });
});

describe("a note row inside a table with a type column", () => {
  const H = ["Type of service", "Service", "Gross budget for market review", "Net budget for market review"];
  const total = ["Total", null, "=SUM(C2:C5)", "=SUM(D2:D5)"];
  const calculated = [[], [], [], [], [], [null, null, 61410000, 42606600]];
  it.each([
    ["a note beginning \"Note:\"", "Note: CLS is part grant-funded"],
    ["any lone text among lines that carry their own type", "CLS is part grant-funded"],
  ])("%s is a note, not a line missing its amounts", async (_, note) => {
    const { checkSheet } = await import("../../src/core/checks");
    const rows = [
      H,
      ["Frontline services", "Libraries", 16792000, 15174600],
      ["Frontline services", "Community Learning & Skills", 15125000, -229000],
      [null, note, null, null],
      ["Corporate support services", "Property", 29493000, 27661000],
      total,
    ];
    const snap = snapshotFromRows("N", rows, calculated);
    const [t] = findTables(snap);
    expect(t.lines).toEqual([1, 2, 4]);
    expect(t.rows.find((x) => x.row === 3)?.kind).toBe("note");
    expect(checkSheet(snap).filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("a service under a category heading (type written once) with its amounts blank is still a line missing them", async () => {
    const { checkSheet } = await import("../../src/core/checks");
    const rows = [H, ["Frontline services", null, null, null], [null, "Libraries", 16792000, 15174600], [null, "Community Learning & Skills", null, null], [null, "Property", 29493000, 27661000]];
    const fs = checkSheet(snapshotFromRows("M", rows)).map((f) => `${f.cell} ${f.rule}`);
    expect(fs).toEqual(["C4 missing-value", "D4 missing-value"]);
  });
});

describe("a unit noted above the header", () => {
  it("is read from a note row (\"All figures in £000s\") above the table", () => {
    const snap = snapshotFromRows("U", [["All figures in £000s"], [], ["Service", "Gross budget", "Net budget"], ["Libraries", 16792, 15174.6], ["Property", 29493, 27661], ["Total", 46285, 42835.6]]);
    expect(findTables(snap)[0].amounts.map((a) => a.unit)).toEqual(["£000", "£000"]);
  });

  it("is not taken from another table's heading two rows above", async () => {
    const { checkSheet } = await import("../../src/core/checks");
    const snap = snapshotFromRows(
      "Stacked",
      [
        ["Savings stream", "Potential saving £m"],
        ["Market engagement activity", "15-20"],
        ["Total", "15-20"],
        [],
        ["Service", "Gross budget", "Net budget"],
        ["Libraries", 16792000, 15174600],
        ["Property", 29493000, 27661000],
        ["Total", "=SUM(B6:B7)", "=SUM(C6:C7)"],
      ],
      [[], [], [], [], [], [], [], [null, 46285000, 42835600]],
    );
    const budget = findTables(snap).find((t) => t.headerRow === 4);
    expect(budget?.amounts.map((a) => a.unit)).toEqual([null, null]);
    expect(checkSheet(snap).filter((f) => f.rule === "mixed-units")).toEqual([]);
  });
});

describe("a two-row header with a merged group heading", () => {
  it("\"Budget 2024/25\" merged over \"Gross | Net\": both columns are amounts and the second row is not a line", async () => {
    const { checkSheet } = await import("../../src/core/checks");
    const snap = snapshotFromRows(
      "Two",
      [
        ["Service", "Budget 2024/25", null],
        [null, "Gross", "Net"],
        ["Libraries", 16792000, 15174600],
        ["Property", 29493000, 27661000],
        ["Total", "=SUM(B3:B4)", "=SUM(C3:C4)"],
      ],
      [[], [], [], [], [null, 46285000, 42835600]],
    );
    snap.merges = [{ row: 0, col: 1, rowCount: 1, colCount: 2 }];
    const [t] = findTables(snap);
    expect(t.amounts.map((a) => [a.col, a.kind, a.header])).toEqual([
      [1, "gross", "Budget 2024/25: Gross"],
      [2, "net", "Budget 2024/25: Net"],
    ]);
    expect(t.lines).toEqual([2, 3]);
    expect(checkSheet(snap)).toEqual([]);
  });
});
