/**
 * The preview's sample workbook: a faulty market-review budget sheet, a faulty savings sheet, the Strategic and
 * Corporate Services post list as typed by hand (with the usual faults), a clean directorate post list and a
 * costs sheet using BUDGET functions. Built from the test fixtures, so the preview shows what the tests check.
 */
import { postListHeaderRow, postToRow } from "../core/posts/postList";
import { textEntry } from "../excel";
import type { SeedCell } from "../../test/standin/excel";
import { marketReviewFaulty, savingsFaulty, type FixtureSheet } from "../../test/fixtures/budgetSheets";
import { cleanDirectorate, typedPostListRows } from "../../test/fixtures/postLists";
import type { CellValue } from "../core/sheetSnapshot";

/** Rows as typed in a budget fixture: "=..." is a formula, other text stays text (as the fixture means it). */
function fixtureRows(sheet: FixtureSheet): SeedCell[][] {
  return sheet.rows.map((r) => r.map((v) => (typeof v === "string" && !v.startsWith("=") ? textEntry(v) : v)));
}

/** Rows where every string is text, whatever it looks like ("=Head of...", "1.0", "01/10/2024"). */
function textRows(rows: CellValue[][]): SeedCell[][] {
  return rows.map((r) => r.map((v) => (typeof v === "string" ? textEntry(v) : v)));
}

export interface SeedSheet {
  name: string;
  rows: SeedCell[][];
  numberFormats?: Record<string, string>;
}

export function previewSheets(withBudgetFunctions: boolean): SeedSheet[] {
  const costs: SeedCell[][] = [
    ["Post", "Grade", "FTE", "Annual cost"],
    ["Director ICT", "KR17", 1, withBudgetFunctions ? "=BUDGET.GRADECOST(B2,C2)" : null],
    ["Head of Policy", "KR16", 0.5, withBudgetFunctions ? "=BUDGET.GRADECOST(B3,C3)" : null],
    ["Total", null, "=SUM(C2:C3)", "=SUM(D2:D3)"],
  ];
  return [
    { name: marketReviewFaulty.name, rows: fixtureRows(marketReviewFaulty), numberFormats: marketReviewFaulty.numberFormats },
    { name: savingsFaulty.name, rows: fixtureRows(savingsFaulty) },
    { name: "Posts", rows: textRows(typedPostListRows()) },
    { name: "Social Care posts", rows: textRows([postListHeaderRow(), ...cleanDirectorate().map((p) => postToRow(p))]) },
    { name: "Costs", rows: costs, numberFormats: { D2: '"£"#,##0', D3: '"£"#,##0', D4: '"£"#,##0' } },
  ];
}
