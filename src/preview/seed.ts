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
  // A council's own grade table (its 2025/26 pay ranges), to choose in place of the sample table.
  const grades: SeedCell[][] = [
    ["Grade", "Minimum", "Maximum"],
    ["KR20", 222_892, 247_055],
    ["KR19", 163_696, 210_120],
    ["KR18", 137_136, 161_842],
    ["KR17", 108_708, 129_278],
    ["KR16", 87_073, 109_309],
    ["KR15", 76_661, 86_639],
    ["KR14", 67_781, 76_280],
    ["KR13", 60_548, 67_444],
  ];
  return [
    { name: marketReviewFaulty.name, rows: fixtureRows(marketReviewFaulty), numberFormats: marketReviewFaulty.numberFormats },
    { name: savingsFaulty.name, rows: fixtureRows(savingsFaulty) },
    { name: "Posts", rows: textRows(typedPostListRows()) },
    { name: "Social Care posts", rows: textRows([postListHeaderRow(), ...cleanDirectorate().map((p) => postToRow(p))]) },
    { name: "Costs", rows: costs, numberFormats: { D2: '"£"#,##0', D3: '"£"#,##0', D4: '"£"#,##0' } },
    { name: "Grades", rows: grades, numberFormats: Object.fromEntries(grades.slice(1).flatMap((_, i) => [[`B${i + 2}`, '"£"#,##0'], [`C${i + 2}`, '"£"#,##0']])) },
  ];
}
