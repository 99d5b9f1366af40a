/**
 * Safe fixes (issue 13 item 1): each fix shows the value it will produce, a fix whose result would be an error
 * (a total over a cell still showing #REF!) is held back, labels name the sheet when findings span sheets, and a
 * savings range written high figure first gets a fix.
 */
import { describe, expect, it } from "vitest";
import { checkSnapshots } from "../../src/core/checks";
import { planFixes, resultText, swappedRangeText, withExtraFixes } from "../../src/taskpane/fixPlan";
import { fixtureSnapshot, marketReviewFaulty, savingsFaulty } from "../fixtures/budgetSheets";

describe("planFixes", () => {
  const snap = fixtureSnapshot(marketReviewFaulty);
  const findings = checkSnapshots([snap]);

  it("holds back the grand total fix that would show #REF! because C9 still shows an error", () => {
    const plan = planFixes(findings, [snap]);
    const total = plan.find((p) => p.finding.cell === "C10");
    expect(total, "a fix is offered for C10").toBeDefined();
    expect(total?.results[0].value).toBe("#REF!");
    expect(total?.hold).toBe("Held back: C10 would show #REF! until C9 is corrected (it shows an error).");
  });

  it("shows the value each safe fix produces, in the cell's own format", () => {
    const plan = planFixes(findings, [snap]);
    const c2 = plan.find((p) => p.finding.cell === "C2");
    expect(c2?.hold).toBeNull();
    expect(c2 ? resultText(c2.results[0]) : "").toBe("£15,125,000");
    const c5 = plan.find((p) => p.finding.cell === "C5");
    expect(c5?.hold).toBeNull();
    // =SUM(C2:C4) with C2 made a number: 15,125,000 + 16,792,000 + 1,200,000.
    expect(c5?.results[0].value).toBe(33_117_000);
  });

  it("names the sheet in every fix label when findings come from several sheets", () => {
    const savings = fixtureSnapshot(savingsFaulty);
    const all = withExtraFixes(checkSnapshots([snap, savings]), [snap, savings]);
    const labels = planFixes(all, [snap, savings]).map((p) => p.label);
    expect(labels.length).toBeGreaterThan(1);
    for (const l of labels) expect(l).toMatch(/^(Market review|Savings)![A-Z]+\d+: /);
  });
});

describe("the reversed savings range fix", () => {
  it("swaps the figures of a range written high first, keeping units", () => {
    expect(swappedRangeText("15-10")).toBe("10-15");
    expect(swappedRangeText("£20m-£15m")).toBe("£15m-£20m");
    expect(swappedRangeText("65 to 55")).toBe("55 to 65");
    expect(swappedRangeText("10-15")).toBeNull();
    expect(swappedRangeText("about twenty")).toBeNull();
  });

  it("is offered on the Savings sheet for \"15-10\" and not for \"about twenty\"", () => {
    const savings = fixtureSnapshot(savingsFaulty);
    const findings = withExtraFixes(checkSnapshots([savings]), [savings]);
    const b5 = findings.find((f) => f.cell === "B5");
    expect(b5?.fix?.edits).toEqual([{ sheet: "Savings", cell: "B5", kind: "text", value: "10-15" }]);
    expect(findings.find((f) => f.cell === "B6")?.fix).toBeUndefined();
    const plan = planFixes(findings, [savings]);
    expect(plan.find((p) => p.finding.cell === "B5")?.results[0].value).toBe("10-15");
  });
});
