/**
 * The members' pack is what councillors receive: the checker must find nothing wrong in it (no false alarms
 * on a generated workbook whose totals are live formulas), and no budget rule may fire on its restructure
 * tables, which are counts of posts, not money.
 */
import { describe, expect, it } from "vitest";
import { auditWorkbook } from "../../src/workbook/auditWorkbook";
import { buildMembersPack } from "../../src/workbook/membersPack";
import { fullInput } from "../workbook/fixtures";

describe("a generated members' pack", () => {
  it("gives no errors or warnings, only the requirement gap", async () => {
    const bytes = await buildMembersPack(fullInput(), { title: "Pack", date: new Date(Date.UTC(2026, 0, 5)) });
    const findings = await auditWorkbook(bytes);
    const alarms = findings.filter((f) => f.severity !== "info");
    expect(alarms.map((f) => `${f.sheet}!${f.cell} ${f.rule}: ${f.message}`)).toEqual([]);
    expect(findings.some((f) => f.sheet === "Savings" && f.rule === "requirement-gap")).toBe(true);
  });
});
