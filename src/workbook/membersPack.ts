/**
 * The members' pack: an .xlsx workbook for elected members that opens anywhere (Excel without the add-in,
 * Excel on the web or a phone, mail previews, LibreOffice), adds up, prints cleanly and cannot be broken by
 * a stray keystroke.
 *
 * - Only native formulas (SUM and arithmetic); no BUDGET.* functions, external links or macros. Totals
 *   stay live so a member can see how they are made.
 * - Every formula carries the result core computed as its cached value (previews that do not recalculate
 *   show the right number) and the workbook is marked to recalculate fully on load.
 * - Cover sheet with title, date, classification, contents (links to each sheet) and what the figures assume.
 * - Print-ready (A4, orientation per sheet, one page wide, repeated headers, title and page numbers in the
 *   footer, no gridlines) and protected against accidental edits, without a password unless one is given
 *   (the cover says which): Review > Unprotect Sheet in Excel lifts it.
 *
 * The figures come from src/core (savings ranges, grade deltas, on-cost rates); structure tables and impact
 * tables are core layouts drawn as they are in the task pane.
 */
import { cellAddress, quoteSheetName } from "../core/a1";
import { dateToExcelSerial, financialYearLabel, formatDate, todayUtc } from "../core/financialYear";
import { countBySeverity, sortFindings, type Finding } from "../core/findings";
import type { CostingOptions } from "../core/gradeDelta";
import { SAMPLE_GRADE_TABLE, type SalaryPoint } from "../core/grades";
import { layoutExtent, uniqueSheetName, type SheetLayout } from "../core/layout";
import { DATE_NUMBER_FORMAT, MONEY_NUMBER_FORMAT, formatMoney, type MoneyUnit } from "../core/money";
import { DEFAULT_EMPLOYER_PENSION_RATE, onCostRatesFor } from "../core/onCostRates";
import { pensionRateFraction } from "../core/onCosts";
import { impactLayout, type PostImpact } from "../core/posts/impact";
import { rangeGap, rangeTotal, rangeText, type SavingsRange } from "../core/savingsRanges";
import { defaultPayYear, describePayAwards, projectionText } from "../core/payAwards";
import { ORG_CHART_KEY, orgChartDrawing, type OrgChartDrawing, type OrgChartPage } from "../core/posts/orgChartDrawing";
import { renderLayoutsToWorkbook, type LayoutChart } from "./renderLayout";
import { EXCEL_CELL_TEXT_LIMIT, shortenCellText, shortenLongCells } from "./cellLimit";
import { SheetBuilder, columnRange, tidy, tidySum } from "./sheetBuilder";

/** One savings stream: "Market engagement activity", 15-20. */
export interface SavingsStream {
  name: string;
  range: SavingsRange;
  /** Written high figure first on the officers' sheet ("65-55" at "Savings!B4"): counted the right way round. */
  reversed?: { where: string; written: string };
}

export interface SavingsSection {
  /** Heading for the sheet ("Savings proposals 2024/25"). */
  title?: string;
  streams: SavingsStream[];
  /** The savings requirement, in the same unit as the ranges (241 for £241m with ranges in £m). */
  requirement?: number;
  /** The unit the figures are in; default the ranges' common unit (null: as written). */
  unit?: MoneyUnit | null;
  /** Lines of the officers' sheet that could not be read and are left out of the totals (listed on the sheet). */
  omitted?: OmittedLine[];
  /**
   * The total as the officers' sheet states it, when it differs from the lines' sum (or cannot be verified
   * because lines are left out): the pack's totals and shortfall are the lines' sum, and the sheet says so.
   */
  stated?: { where: string; written: string };
}

/** A line left out of a pack sheet, and why. */
export interface OmittedLine {
  /** The line's label ("Additional income from trading"). */
  name: string;
  /** Where it is in the officers' workbook ("Savings!B5"). */
  where: string;
  /** What was written there ("15-10"). */
  written: string;
  /** Why it could not be included, in words. */
  reason: string;
}

export interface ImpactSection {
  /** The restructure's name ("Strategic and Corporate Services"). */
  name: string;
  /**
   * The restructure's impact as core computes it (src/core/posts/impact.ts computeImpact or
   * computeImpactFromLists): drawn with core's impactLayout, the same sheet the task pane writes ("Posts
   * impacted", "New posts", the by-grade summary, the post-count sentence, the full-year cost change, slotting).
   */
  impact: PostImpact;
  /** Include the slotting table (default true). */
  slotting?: boolean;
}

/** One line of a market-review budget table: a service of a type, with its gross and net budgets. */
export interface BudgetLine {
  type: string;
  service: string;
  /** Null where the sheet's cell is blank or unreadable (the check results say why). */
  gross: number | null;
  net: number | null;
}

/**
 * A budget table as the papers show it (services by type, gross and net budgets), drawn in the pack with
 * subtotals per type and a total as live SUBTOTAL formulas carrying their values, and the unresolved check results
 * for its sheet beside it.
 */
export interface BudgetTableSection {
  /** The sheet it came from ("Market review"). */
  sheet: string;
  title?: string;
  unit: MoneyUnit | null;
  grossHeader?: string;
  netHeader?: string;
  lines: BudgetLine[];
  /** Unresolved findings on the sheet, shown beside the table. */
  findings?: readonly Finding[];
}

export interface ChecksSection {
  findings: readonly Finding[];
  /** What was checked ("Budget 2024-25.xlsx: Market review"), shown above the results. */
  source?: string;
  /** Sheets checked, listed even when they had no findings. */
  sheetsChecked?: string[];
  /** Sheets not checked because they are the add-in's own output (a check report...). */
  sheetsSkipped?: string[];
  /** When the checks ran (default: the pack's date). */
  checkedAt?: Date;
}

export interface MembersPackInput {
  savings?: SavingsSection;
  impacts?: ImpactSection[];
  /** Structure tables as core lays them out (src/core/posts/structureLayout.ts), one sheet each. */
  structureTables?: SheetLayout[];
  checks?: ChecksSection;
  /** Market-review budget tables, each on its own sheet with its unresolved check results beside it. */
  budgetTables?: BudgetTableSection[];
  /**
   * Org charts (core's orgChartPages: one page, or split by directorate), each drawn on its own sheet as native
   * shapes that print on one A4 landscape page.
   */
  orgCharts?: OrgChartPage[];
  /**
   * How posts are costed, for the cover's assumptions line. Default: the first impact's costing (its point,
   * year and pension rate), else the sample grade table at the minimum in the current financial year.
   * Pass the same options the impacts were computed with.
   */
  costing?: Partial<CostingOptions>;
}

export interface MembersPackSections {
  summary?: boolean;
  structure?: boolean;
  impact?: boolean;
  savings?: boolean;
  checks?: boolean;
  orgChart?: boolean;
  budgets?: boolean;
}

export interface MembersPackOptions {
  /** The pack's title: on the cover and in every page footer. Written as text, whatever it holds. */
  title: string;
  /** The pack's date (default today). Shown as dd/mm/yyyy. */
  date?: Date;
  /** Classification line, printed on every page (default "Unrestricted"). */
  classification?: string;
  /** Which sections to include (default: every section the input has data for). */
  sections?: MembersPackSections;
  /** Protect sheets (default true, no password). */
  protect?: boolean;
  /** Optional protection password (default none). */
  password?: string;
}

export interface MembersPackLayouts {
  layouts: SheetLayout[];
  charts: LayoutChart[];
  /** Org charts: the plan of shapes for each org chart sheet (drawn as DrawingML by the renderer). */
  orgCharts: { sheet: string; drawing: OrgChartDrawing }[];
  /** The figures the pack shows, as core computed them (for the task pane and for tests). */
  figures: PackFigures;
}

export interface PackFigures {
  savings?: { low: number; high: number; requirement?: number; gapLow?: number; gapHigh?: number; unit: MoneyUnit | null };
  impacts: {
    name: string;
    /** Posts the proposal touches (deleted and amended; new and amended): the paper's "these 7 posts reduce to 6". */
    postsBefore: number;
    postsAfter: number;
    fteBefore: number;
    fteAfter: number;
    costChange: number;
    /** The whole structure in scope: every post before and after, and what happened to them. */
    establishmentBefore: number;
    establishmentAfter: number;
    deleted: number;
    created: number;
    amended: number;
    unchanged: number;
  }[];
  checks?: { error: number; warning: number; info: number };
}

const COVER = "Cover";


function percent(fraction: number): string {
  return `${new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }).format(fraction * 100)}%`;
}

function pointText(point: SalaryPoint): string {
  if (point === "min") return "the minimum of each grade's pay range";
  if (point === "mid") return "the midpoint of each grade's pay range";
  if (point === "max") return "the maximum of each grade's pay range";
  return `step ${point} of each grade's pay range`;
}

/** Number format for figures in a unit: "£m" -> "£15.0m"; no unit -> plain with up to 2 decimals. */
function unitFormat(unit: MoneyUnit | null, values: readonly number[]): string {
  if (unit) return MONEY_NUMBER_FORMAT[unit];
  return values.every((v) => Number.isInteger(v)) ? "#,##0;-#,##0" : "#,##0.0#;-#,##0.0#";
}

function unitLabel(unit: MoneyUnit | null): string {
  return unit === "£m" ? " (£m)" : unit === "£000" ? " (£000)" : unit === "£" ? " (£)" : "";
}

function resolveCosting(c: Partial<CostingOptions> | undefined, date: Date): CostingOptions {
  const table = c?.table ?? SAMPLE_GRADE_TABLE;
  return {
    table,
    point: c?.point ?? "min",
    year: c?.year ?? defaultPayYear(table, date),
    pensionRate: c?.pensionRate ?? DEFAULT_EMPLOYER_PENSION_RATE,
  };
}

/** Lines on what the figures assume: pay year, salary point, on-cost rates, pension rate. */
export function assumptionLines(costing: CostingOptions): string[] {
  const lines: string[] = [];
  const table = costing.table;
  const tableText = `grade table: ${table.label}${table.isSample && !/sample/i.test(table.label) ? " (sample figures)" : ""}`;
  const projection = table.covers(costing.year) ? table.projection(costing.year) : null;
  if (!table.covers(costing.year)) {
    lines.push(`Pay year: ${financialYearLabel(costing.year)}, which the grade table does not cover and no pay-award assumption projects; ${tableText}.`);
  } else if (projection) {
    lines.push(`Pay year: ${financialYearLabel(costing.year)} (PROJECTED: ${projectionText(projection)}); ${tableText}.`);
  } else {
    const payYear = table.payYearFor(costing.year);
    lines.push(
      `Pay year: ${financialYearLabel(costing.year)}` +
        (payYear !== null && payYear !== costing.year ? ` (pay ranges of ${financialYearLabel(payYear)}, the latest earlier year the grade table holds)` : "") +
        `; ${tableText}.`,
    );
  }
  const projectedYears = table.payYears.filter((y) => table.projection(y) !== null);
  if (projectedYears.length > 0) {
    const p = table.projection(projectedYears[projectedYears.length - 1]);
    lines.push(
      `Projected years: ${projectedYears.map(financialYearLabel).join(", ")} rest on assumed pay awards (${p ? describePayAwards(p.awards) : ""}), compounded from ${financialYearLabel(p?.from ?? projectedYears[0] - 1)}; the grade table's own years are ${table.payYears
        .filter((y) => table.projection(y) === null)
        .map(financialYearLabel)
        .join(", ")}.`,
    );
  } else if (table.payYears.length > 0) {
    lines.push(`Projected years: none; every figure uses the grade table's own pay ranges (${table.payYears.map(financialYearLabel).join(", ")}).`);
  }
  lines.push(`Salary point: posts are costed at ${pointText(costing.point)}, times FTE.`);
  try {
    const rates = onCostRatesFor(costing.year);
    lines.push(
      `Employer National Insurance: ${percent(rates.employerNiRate)} of each person's pay above ${formatMoney(rates.secondaryThreshold)} a year (${financialYearLabel(costing.year)} rates).`,
    );
    lines.push(
      rates.apprenticeshipLevyRate > 0
        ? `Apprenticeship levy: ${percent(rates.apprenticeshipLevyRate)} of pay.`
        : "Apprenticeship levy: none (it began in April 2017).",
    );
  } catch (e) {
    lines.push(`Employer on-cost rates: ${(e as Error).message}`);
  }
  lines.push(`Employer pension contribution: ${percent(pensionRateFraction(costing.pensionRate ?? DEFAULT_EMPLOYER_PENSION_RATE))} of pay.`);
  lines.push("Cost means pay plus employer's on-costs (National Insurance, pension and apprenticeship levy), over a full year.");
  return lines;
}

interface PlannedSheet {
  key: string;
  wanted: string;
  description: string;
}

/**
 * Compute the pack's sheets as layouts (and its charts), without writing a file. The same layouts can be
 * drawn into the open workbook by src/excel or into an .xlsx by {@link buildMembersPack}.
 */
export function buildMembersPackLayouts(input: MembersPackInput, options: MembersPackOptions): MembersPackLayouts {
  const date = options.date ?? todayUtc();
  const classification = options.classification?.trim() || "Unrestricted";
  const firstImpact = input.impacts?.[0]?.impact.costing;
  const costing = resolveCosting(
    input.costing ?? (firstImpact ? { point: firstImpact.point, year: firstImpact.year, pensionRate: firstImpact.pensionRate } : undefined),
    date,
  );
  const want = (s: keyof MembersPackSections, has: boolean): boolean => has && (options.sections?.[s] ?? true);

  const impacts = want("impact", (input.impacts?.length ?? 0) > 0) ? (input.impacts ?? []) : [];
  const savings = want("savings", (input.savings?.streams.length ?? 0) > 0) ? input.savings : undefined;
  const structures = want("structure", (input.structureTables?.length ?? 0) > 0) ? (input.structureTables ?? []) : [];
  const checks = want("checks", input.checks !== undefined) ? input.checks : undefined;
  const orgPages = want("orgChart", (input.orgCharts?.length ?? 0) > 0) ? (input.orgCharts ?? []) : [];
  const budgets = want("budgets", (input.budgetTables?.length ?? 0) > 0) ? (input.budgetTables ?? []) : [];
  const summary = want("summary", savings !== undefined || impacts.length > 0 || checks !== undefined);

  // Plan every sheet first so names are final (unique, sanitised) before any formula refers to them.
  const plan: PlannedSheet[] = [{ key: "cover", wanted: COVER, description: "This page: contents and what the figures assume" }];
  if (summary) plan.push({ key: "summary", wanted: "Summary", description: "The key figures on one page" });
  if (savings) plan.push({ key: "savings", wanted: "Savings", description: "Savings ranges against the requirement, with a chart" });
  impacts.forEach((imp, i) =>
    plan.push({
      key: `impact${i}`,
      wanted: impacts.length === 1 ? "Restructure impact" : `${imp.name} impact`,
      description: `${imp.name}: posts impacted, new posts, the summary by grade with a chart, the cost change and slotting`,
    }),
  );
  structures.forEach((s, i) => plan.push({ key: `structure${i}`, wanted: s.name || "Structure", description: `Structure table: ${s.name}` }));
  orgPages.forEach((o, i) => plan.push({ key: `org${i}`, wanted: orgPages.length === 1 ? "Org chart" : `Org chart ${i + 1}`, description: o.title }));
  budgets.forEach((t, i) =>
    plan.push({ key: `budget${i}`, wanted: /budget/i.test(t.sheet) ? t.sheet : `Budget ${t.sheet}`, description: `${t.title ?? t.sheet}: services by type, gross and net budgets, with its check results` }),
  );
  if (checks) plan.push({ key: "checks", wanted: "Check results", description: "Checks of the budget sheets: every finding, by severity" });
  const names: string[] = [];
  const nameOf = new Map<string, string>();
  for (const p of plan) {
    const n = uniqueSheetName(p.wanted, names);
    names.push(n);
    nameOf.set(p.key, n);
  }
  const sheet = (key: string): string => nameOf.get(key) ?? "";

  const layouts: SheetLayout[] = [];
  const charts: LayoutChart[] = [];
  const orgCharts: MembersPackLayouts["orgCharts"] = [];
  const figures: PackFigures = { impacts: [] };

  // Sheets other than the cover, in plan order.
  const bodies = new Map<string, SheetLayout>();
  const summaryRefs: { label: string; formula: string; result: number; format: string }[][] = [];

  if (savings) {
    const s = buildSavingsSheet(sheet("savings"), savings, charts);
    bodies.set("savings", s.layout);
    figures.savings = s.figures;
    const ref = (cell: string): string => `${quoteSheetName(sheet("savings"))}!${cell}`;
    const rows: { label: string; formula: string; result: number; format: string }[] = [
      { label: `Savings identified, low${unitLabel(s.figures.unit)}`, formula: `=${ref(s.cells.totalLow)}`, result: s.figures.low, format: s.format },
      { label: `Savings identified, high${unitLabel(s.figures.unit)}`, formula: `=${ref(s.cells.totalHigh)}`, result: s.figures.high, format: s.format },
    ];
    if (s.cells.requirement && s.figures.requirement !== undefined) {
      rows.push({ label: `Savings requirement${unitLabel(s.figures.unit)}`, formula: `=${ref(s.cells.requirement)}`, result: s.figures.requirement, format: s.format });
      rows.push({ label: `Shortfall at the top of the range${unitLabel(s.figures.unit)}`, formula: `=${ref(s.cells.gapLow ?? "")}`, result: s.figures.gapLow ?? 0, format: s.format });
      rows.push({ label: `Shortfall at the bottom of the range${unitLabel(s.figures.unit)}`, formula: `=${ref(s.cells.gapHigh ?? "")}`, result: s.figures.gapHigh ?? 0, format: s.format });
    }
    summaryRefs.push(rows);
  }

  impacts.forEach((imp, i) => {
    const g = buildImpactSheet(sheet(`impact${i}`), imp, charts);
    bodies.set(`impact${i}`, g.layout);
    figures.impacts.push(g.figures);
    const ref = (cell: string): string => `${quoteSheetName(sheet(`impact${i}`))}!${cell}`;
    summaryRefs.push([
      { label: `${imp.name}: establishment before (every post in scope)`, formula: `=${ref(g.cells.establishmentBefore)}`, result: g.figures.establishmentBefore, format: "#,##0" },
      { label: `${imp.name}: establishment after`, formula: `=${ref(g.cells.establishmentAfter)}`, result: g.figures.establishmentAfter, format: "#,##0" },
      { label: `${imp.name}: posts deleted`, formula: `=${ref(g.cells.deleted)}`, result: g.figures.deleted, format: "#,##0" },
      { label: `${imp.name}: posts created`, formula: `=${ref(g.cells.created)}`, result: g.figures.created, format: "#,##0" },
      ...(g.figures.amended > 0 ? [{ label: `${imp.name}: posts amended`, formula: `=${ref(g.cells.amended)}`, result: g.figures.amended, format: "#,##0" }] : []),
      { label: `${imp.name}: posts unchanged`, formula: `=${ref(g.cells.unchanged)}`, result: g.figures.unchanged, format: "#,##0" },
      { label: `${imp.name}: full-year cost change (£; negative is a saving)`, formula: `=${ref(g.cells.costChange)}`, result: g.figures.costChange, format: MONEY_NUMBER_FORMAT["£"] },
    ]);
  });

  structures.forEach((s, i) => bodies.set(`structure${i}`, { ...s, name: sheet(`structure${i}`) }));
  budgets.forEach((t, i) => bodies.set(`budget${i}`, buildBudgetSheet(sheet(`budget${i}`), t)));
  orgPages.forEach((o, i) => {
    const built = buildOrgChartSheet(sheet(`org${i}`), o);
    bodies.set(`org${i}`, built.layout);
    orgCharts.push({ sheet: sheet(`org${i}`), drawing: built.drawing });
  });

  if (checks) {
    const c = buildChecksSheet(sheet("checks"), checks, date);
    bodies.set("checks", c.layout);
    figures.checks = c.counts;
    summaryRefs.push([
      { label: "Budget sheet checks: errors", formula: "", result: c.counts.error, format: "#,##0" },
      { label: "Budget sheet checks: warnings", formula: "", result: c.counts.warning, format: "#,##0" },
      { label: "Budget sheet checks: for information", formula: "", result: c.counts.info, format: "#,##0" },
    ]);
  }

  if (summary) bodies.set("summary", buildSummarySheet(sheet("summary"), options.title, summaryRefs));

  // Excel's 32,767-character cell limit: shorten with a visible "…" and say so on the cover.
  const shortened: string[] = [];
  for (const [key, body] of bodies) {
    const s = shortenLongCells(body);
    bodies.set(key, s.layout);
    for (const w of s.where) shortened.push(w);
  }
  const cover = buildCover(sheet("cover"), options.title, date, classification, costing, protectionLine(options), plan.slice(1).map((p) => ({ name: sheet(p.key), description: p.description })));
  if (shortened.length > 0) addShortenedNote(cover, shortened);
  layouts.push(cover);
  for (const p of plan.slice(1)) {
    const l = bodies.get(p.key);
    if (l) layouts.push(l);
  }
  return { layouts, charts, orgCharts, figures };
}

/**
 * Build the members' pack as .xlsx bytes.
 * @param input the figures, from core (savings ranges, posts before and after, structure layouts, findings).
 * @param options title, date, classification and which sections to include.
 * @returns the workbook, ready to open with `Excel.createWorkbook(base64)` or to download.
 */
export async function buildMembersPack(input: MembersPackInput, options: MembersPackOptions): Promise<Uint8Array> {
  const { layouts, charts, orgCharts } = buildMembersPackLayouts(input, options);
  const result = await renderLayoutsToWorkbook(layouts, {
    orgCharts,
    title: options.title,
    classification: options.classification?.trim() || "Unrestricted",
    protect: options.protect ?? true,
    password: options.password,
    charts,
    created: options.date,
  });
  return result.bytes;
}

/** A note at the foot of the cover listing the cells whose text was cut to Excel's limit. */
function addShortenedNote(cover: SheetLayout, where: readonly string[]): void {
  const row = cover.cells.reduce((r, c) => Math.max(r, c.row), 0) + 2;
  const list = where.length <= 10 ? where.join(", ") : `${where.slice(0, 10).join(", ")} and ${where.length - 10} more`;
  const text = `Some text was too long for one Excel cell (over ${EXCEL_CELL_TEXT_LIMIT.toLocaleString("en-GB")} characters) and is shortened, ending with "…": ${list}.`;
  cover.cells.push({ row, col: 0, value: shortenCellText(text), style: "note" });
  cover.merges.push({ row, col: 0, rowCount: 1, colCount: 2 });
}

/**
 * What the cover says about sheet protection, from the options the pack is rendered with (protected unless
 * `protect` is false; a password only when one is given, as renderLayout writes it).
 */
function protectionLine(options: Pick<MembersPackOptions, "protect" | "password">): string {
  if (!(options.protect ?? true)) return "Sheets are not protected: any figure can be changed, so keep the original to compare against.";
  if (options.password)
    return "Sheets are protected against changes with a password. To change a figure, ask whoever made the pack for the password, then Review > Unprotect Sheet (LibreOffice: Tools > Protect Sheet).";
  return "Sheets are protected against accidental changes, without a password. To change a figure: Review > Unprotect Sheet (LibreOffice: Tools > Protect Sheet).";
}

function buildCover(
  name: string,
  title: string,
  date: Date,
  classification: string,
  costing: CostingOptions,
  protection: string,
  contents: { name: string; description: string }[],
): SheetLayout {
  const b = new SheetBuilder(name, [34, 70], { orientation: "portrait", fitToWidth: true });
  b.value(0, 0, title, "title");
  b.merge(0, 0, 1, 2);
  b.value(2, 0, "Date", "header");
  b.value(2, 1, dateToExcelSerial(date), "body", DATE_NUMBER_FORMAT);
  b.value(3, 0, "Classification", "header");
  b.value(3, 1, classification, "body");
  b.row = 5;
  b.value(b.row, 0, "Contents", "subtitle");
  b.row++;
  b.header(["Sheet", "What it shows"]);
  for (const c of contents) {
    b.link(b.row, 0, c.name, c.name);
    b.value(b.row, 1, c.description, "bodyWrap");
    b.row++;
  }
  b.row++;
  b.value(b.row, 0, "What the figures assume", "subtitle");
  b.row++;
  for (const line of assumptionLines(costing)) {
    b.value(b.row, 0, line, "note");
    b.merge(b.row, 0, 1, 2);
    b.row++;
  }
  b.row++;
  b.value(b.row, 0, "Using this workbook", "subtitle");
  b.row++;
  const help = [
    "Totals are formulas (SUM and simple arithmetic): select a total to see how it is made.",
    protection,
    "Each sheet prints on A4, one page wide, with the title and page numbers in the footer.",
    "Made by the council budget add-in. The workbook holds no macros, add-in functions or links to other files.",
  ];
  for (const line of help) {
    b.value(b.row, 0, line, "note");
    b.merge(b.row, 0, 1, 2);
    b.row++;
  }
  return b.build();
}

function buildSummarySheet(name: string, title: string, groups: { label: string; formula: string; result: number; format: string }[][]): SheetLayout {
  const b = new SheetBuilder(name, [60, 18], { orientation: "portrait", fitToWidth: true });
  b.title("Summary", 2, title);
  b.header(["Figure", "Value"]);
  for (const group of groups) {
    for (const r of group) {
      b.value(b.row, 0, r.label, "bodyWrap");
      if (r.formula) b.formula(b.row, 1, r.formula, r.result, "number", r.format);
      else b.value(b.row, 1, r.result, "number", r.format);
      b.row++;
    }
  }
  b.row++;
  b.value(b.row, 0, "Figures on this sheet are taken from the sheets that follow; select one to see where it comes from.", "note");
  b.merge(b.row, 0, 1, 2);
  return b.build();
}

function buildSavingsSheet(
  name: string,
  savings: SavingsSection,
  charts: LayoutChart[],
): {
  layout: SheetLayout;
  figures: NonNullable<PackFigures["savings"]>;
  cells: { totalLow: string; totalHigh: string; requirement?: string; gapLow?: string; gapHigh?: string };
  format: string;
} {
  const ranges = savings.streams.map((s) => s.range);
  const total = rangeTotal(ranges);
  const unit = savings.unit !== undefined ? savings.unit : total.unit;
  const req = savings.requirement;
  const format = unitFormat(unit, [...ranges.flatMap((r) => [r.low, r.high]), ...(req !== undefined ? [req] : [])]);
  const b = new SheetBuilder(name, [44, 13, 13, 15, 15, 16], { orientation: "portrait", fitToWidth: true, repeatRows: undefined });
  const omitted = savings.omitted ?? [];
  const reversed = savings.streams.filter((s) => s.reversed);
  b.title(
    savings.title?.trim() || "Savings ranges against the requirement",
    6,
    `Potential savings${unitLabel(unit)} by savings stream, as low and high figures. Totals and the shortfall are live formulas.` +
      (omitted.length ? ` ${omitted.length} line${omitted.length === 1 ? " could" : "s could"} not be read and ${omitted.length === 1 ? "is" : "are"} NOT in these totals: see "Lines left out" below.` : "") +
      (reversed.length
        ? ` ${reversed.length === 1 ? "1 line was" : `${reversed.length} lines were`} written high figure first and ${reversed.length === 1 ? "is" : "are"} counted the right way round: ${reversed.map((s) => `${s.reversed?.where} "${s.reversed?.written}" as ${rangeText(s.range.low, s.range.high, unit)}`).join("; ")}.`
        : ""),
  );
  const headerRow = b.header(["Savings stream", `Low${unitLabel(unit)}`, `High${unitLabel(unit)}`, "Range", `Spread${unitLabel(unit)}`, `Requirement${unitLabel(unit)}`]);
  b.freezeRows = headerRow + 1;
  b.print.repeatRows = { first: headerRow, last: headerRow };
  // Spread and Requirement only feed the chart (bar length, requirement line): hidden from view and print.
  b.hiddenColumns = [4, 5];
  const first = b.row;
  // The requirement cell (filled below the total) is referenced by each row's Requirement column for the chart line.
  const lastStream = first + savings.streams.length - 1;
  const totalRow = lastStream + 1;
  const reqRow = totalRow + 2;
  const reqCell = `$B$${reqRow + 1}`;
  for (const s of savings.streams) {
    const r = b.row;
    b.value(r, 0, s.name, "bodyWrap");
    b.value(r, 1, s.range.low, "number", format);
    b.value(r, 2, s.range.high, "number", format);
    b.value(r, 3, rangeText(s.range.low, s.range.high, unit), "body");
    b.formula(r, 4, `=${cellAddress(r, 2)}-${cellAddress(r, 1)}`, tidy(s.range.high - s.range.low), "number", format);
    if (req !== undefined) b.formula(r, 5, `=${reqCell}`, req, "number", format);
    b.row++;
  }
  b.value(totalRow, 0, "Total", "total");
  b.formula(totalRow, 1, `=SUM(${columnRange(1, first, lastStream)})`, total.low, "totalNumber", format);
  b.formula(totalRow, 2, `=SUM(${columnRange(2, first, lastStream)})`, total.high, "totalNumber", format);
  b.value(totalRow, 3, rangeText(total.low, total.high, unit), "total");
  b.formula(totalRow, 4, `=${cellAddress(totalRow, 2)}-${cellAddress(totalRow, 1)}`, tidy(total.high - total.low), "totalNumber", format);
  if (req !== undefined) b.formula(totalRow, 5, `=${reqCell}`, req, "totalNumber", format);
  else b.value(totalRow, 5, null, "total");
  if (savings.stated) {
    // The officers' stated total, where it is not what the lines add up to: the figures here are the lines' sum.
    const sum = rangeText(total.low, total.high, unit);
    b.value(
      totalRow + 1,
      0,
      omitted.length
        ? `The officers' sheet states a total of ${savings.stated.written} (${savings.stated.where}), which cannot be verified while lines cannot be read; the lines that can be read add up to ${sum}, the total used here.`
        : `The officers' sheet states a total of ${savings.stated.written} (${savings.stated.where}); its lines add up to ${sum}, the total used here.`,
      "note",
    );
    b.merge(totalRow + 1, 0, 1, 6);
  }
  const cells: { totalLow: string; totalHigh: string; requirement?: string; gapLow?: string; gapHigh?: string } = {
    totalLow: cellAddress(totalRow, 1),
    totalHigh: cellAddress(totalRow, 2),
  };
  const figures: NonNullable<PackFigures["savings"]> = { low: total.low, high: total.high, unit };
  b.row = reqRow;
  if (req !== undefined) {
    const gap = rangeGap(req, total);
    b.value(reqRow, 0, `Savings requirement${unitLabel(unit)}`, "header");
    b.value(reqRow, 1, req, "number", format);
    b.value(reqRow + 1, 0, `Shortfall at the top of the range${unitLabel(unit)} (negative: a surplus)`, "bodyWrap");
    b.formula(reqRow + 1, 1, `=${cellAddress(reqRow, 1)}-${cellAddress(totalRow, 2)}`, gap.low, "number", format);
    b.value(reqRow + 2, 0, `Shortfall at the bottom of the range${unitLabel(unit)} (negative: a surplus)`, "bodyWrap");
    b.formula(reqRow + 2, 1, `=${cellAddress(reqRow, 1)}-${cellAddress(totalRow, 1)}`, gap.high, "number", format);
    cells.requirement = cellAddress(reqRow, 1);
    cells.gapLow = cellAddress(reqRow + 1, 1);
    cells.gapHigh = cellAddress(reqRow + 2, 1);
    figures.requirement = req;
    figures.gapLow = gap.low;
    figures.gapHigh = gap.high;
    // A live sentence: it follows the figures if a member unprotects the sheet and changes a range.
    const [pre, post] = unit === "£m" ? ["£", "m"] : unit === "£000" ? ["£", "k"] : unit === "£" ? ["£", ""] : ["", ""];
    const meetsAll = "The savings identified meet the requirement even at the bottom of the range.";
    const meetsTop = "The savings identified meet the requirement only towards the top of the range.";
    const shortText = (lowText: string, highText: string): string =>
      `Even at the top of the range the savings identified leave a shortfall of ${pre}${lowText}${post}; at the bottom, ${pre}${highText}${post}.`;
    const verdict = gap.high <= 0 ? meetsAll : gap.low <= 0 ? meetsTop : shortText(String(gap.low), String(gap.high));
    const gl = cellAddress(reqRow + 1, 1);
    const gh = cellAddress(reqRow + 2, 1);
    const quoted = (t: string): string => `"${t.replace(/"/g, '""')}"`;
    const [a, rest] = shortText("{low}", "{high}").split("{low}");
    const [bText, c] = rest.split("{high}");
    b.formula(
      reqRow + 4,
      0,
      `=IF(${gh}<=0,${quoted(meetsAll)},IF(${gl}<=0,${quoted(meetsTop)},${quoted(a)}&${gl}&${quoted(bText)}&${gh}&${quoted(c)}))`,
      verdict,
      "note",
    );
    b.merge(reqRow + 4, 0, 1, 6);
    b.row = reqRow + 6;
    charts.push({
      sheet: name,
      chart: {
        kind: "floatingBars",
        title: `Savings ranges against the requirement${unitLabel(unit)}`,
        description: `Floating bars from the low to the high figure of each savings stream and of the total, against a dashed line at the requirement of ${rangeText(req, req, unit)}.`,
        categories: { row: first, col: 0, rowCount: totalRow - first + 1, colCount: 1 },
        low: { name: "Low", values: { row: first, col: 1, rowCount: totalRow - first + 1, colCount: 1 } },
        span: { name: "Savings range (low to high)", values: { row: first, col: 4, rowCount: totalRow - first + 1, colCount: 1 }, colour: "#2E75B6" },
        line: { name: "Savings requirement", values: { row: first, col: 5, rowCount: totalRow - first + 1, colCount: 1 }, colour: "#C00000" },
        anchor: { row: b.row, col: 0, rowCount: 20, colCount: 6 },
        valueAxisTitle: unit ?? undefined,
        numberFormat: format,
      },
    });
    b.row += 21;
  } else {
    charts.push({
      sheet: name,
      chart: {
        kind: "floatingBars",
        title: `Savings ranges${unitLabel(unit)}`,
        description: "Floating bars from the low to the high figure of each savings stream and of the total.",
        categories: { row: first, col: 0, rowCount: totalRow - first + 1, colCount: 1 },
        low: { name: "Low", values: { row: first, col: 1, rowCount: totalRow - first + 1, colCount: 1 } },
        span: { name: "Savings range (low to high)", values: { row: first, col: 4, rowCount: totalRow - first + 1, colCount: 1 }, colour: "#2E75B6" },
        anchor: { row: reqRow, col: 0, rowCount: 20, colCount: 6 },
        valueAxisTitle: unit ?? undefined,
        numberFormat: format,
      },
    });
  }
  if (omitted.length) {
    b.row += 1;
    b.value(b.row, 0, `Lines left out of these totals (${omitted.length})`, "header");
    b.value(b.row, 1, "Where", "header");
    b.value(b.row, 2, "As written", "header");
    b.value(b.row, 3, "Why", "header");
    b.merge(b.row, 3, 1, 3);
    b.row++;
    for (const o of omitted) {
      b.value(b.row, 0, o.name, "bodyWrap");
      b.value(b.row, 1, o.where, "body");
      b.value(b.row, 2, o.written, "body");
      b.value(b.row, 3, o.reason, "bodyWrap");
      b.merge(b.row, 3, 1, 3);
      b.row++;
    }
  }
  return { layout: b.build(), figures, cells, format };
}

/** The impact sheet (core's layout) with the posts-before-and-after chart under it. */
function buildImpactSheet(
  name: string,
  imp: ImpactSection,
  charts: LayoutChart[],
): {
  layout: SheetLayout;
  figures: PackFigures["impacts"][number];
  cells: Record<"postsBefore" | "postsAfter" | "costChange" | "establishmentBefore" | "establishmentAfter" | "deleted" | "created" | "amended" | "unchanged", string>;
} {
  const { map, ...layout } = impactLayout(imp.impact, {
    sheetName: name,
    // Titles do not repeat: a list called "Restructure impact" is not "Restructure impact: restructure impact".
    title: /restructure|impact/i.test(imp.name) ? imp.name : `${imp.name}: restructure impact`,
    slotting: imp.slotting ?? true,
  });
  const sheetLayout: SheetLayout = { ...layout, name };
  // The chart compares the whole structure in scope (the establishment table), not only the posts touched.
  const grades = imp.impact.establishment.byGrade.length;
  if (grades > 0) {
    const first = map.establishmentFirstRow;
    const below = layoutExtent(sheetLayout).rows + 1;
    // The chart starts a page of its own: a chart split across two pages prints as two halves.
    sheetLayout.pageBreaksBefore = [...(sheetLayout.pageBreaksBefore ?? []), below];
    charts.push({
      sheet: name,
      chart: {
        kind: "columns",
        title: `${imp.name}: establishment before and after, by grade`,
        description: `Columns for the number of posts in each grade before and after the restructure, across the whole structure in scope: ${imp.impact.establishment.before.posts} posts before, ${imp.impact.establishment.after.posts} after.`,
        categories: { row: first, col: 0, rowCount: grades, colCount: 1 },
        series: [
          { name: "Posts before", values: { row: first, col: 1, rowCount: grades, colCount: 1 }, colour: "#8FAADC" },
          { name: "Posts after", values: { row: first, col: 2, rowCount: grades, colCount: 1 }, colour: "#1F3864" },
        ],
        anchor: { row: below, col: 0, rowCount: 18, colCount: Math.min(6, Math.max(4, sheetLayout.columnWidths.length)) },
        valueAxisTitle: "Posts",
        numberFormat: "0",
      },
    });
  }
  const t = imp.impact.total;
  const est = imp.impact.establishment;
  return {
    layout: sheetLayout,
    figures: {
      name: imp.name,
      postsBefore: t.postsBefore,
      postsAfter: t.postsAfter,
      fteBefore: t.fteBefore,
      fteAfter: t.fteAfter,
      costChange: imp.impact.fullYearCostChange,
      establishmentBefore: est.before.posts,
      establishmentAfter: est.after.posts,
      deleted: est.deleted,
      created: est.created,
      amended: est.amended,
      unchanged: est.unchanged,
    },
    cells: {
      postsBefore: cellAddress(map.summaryTotalRow, 1),
      postsAfter: cellAddress(map.summaryTotalRow, 2),
      costChange: cellAddress(map.costCell.row, map.costCell.col),
      establishmentBefore: cellAddress(map.establishmentTotalRow, 1),
      establishmentAfter: cellAddress(map.establishmentTotalRow, 2),
      deleted: cellAddress(map.countRows.deleted, 5),
      created: cellAddress(map.countRows.created, 5),
      amended: cellAddress(map.countRows.amended, 5),
      unchanged: cellAddress(map.countRows.unchanged, 5),
    },
  };
}

/** How serious a finding is, in words a member reads. */
const SERIOUSNESS: Record<Finding["severity"], string> = { error: "Error", warning: "Warning", info: "For information" };

/**
 * The check results for members: plain columns (what was found, where: sheet and cell, how serious), most
 * serious first, with the counts above. No rule ids, no "fix available": the pack is read, not repaired.
 * The checked workbook is not part of the pack, so sheet and cell are plain text, not links.
 */
function buildChecksSheet(name: string, checks: ChecksSection, date: Date): { layout: SheetLayout; counts: { error: number; warning: number; info: number } } {
  const counts = countBySeverity(checks.findings);
  const skipped = checks.sheetsSkipped?.length ? `Not checked, as the add-in's own output: ${checks.sheetsSkipped.join(", ")}` : undefined;
  const checked = checks.source ?? (checks.sheetsChecked && checks.sheetsChecked.length > 0 ? `Sheets checked: ${checks.sheetsChecked.join(", ")}` : undefined);
  const scope = [checked, skipped].filter(Boolean).join(". ") || undefined;
  const b = new SheetBuilder(name, [80, 24, 10, 16], { orientation: "landscape", fitToWidth: true });
  b.title("Checks of the budget sheets", 4, `${scope ? `${scope}. ` : ""}Checked on ${formatDate(checks.checkedAt ?? date)}.`);
  const total = counts.error + counts.warning + counts.info;
  b.value(
    b.row++,
    0,
    total === 0
      ? "No problems were found."
      : `${total} ${total === 1 ? "thing" : "things"} to note: ${counts.error} ${counts.error === 1 ? "error" : "errors"}, ${counts.warning} ${counts.warning === 1 ? "warning" : "warnings"}, ${counts.info} for information.`,
    "bodyWrap",
  );
  b.merge(b.row - 1, 0, 1, 4);
  b.row++;
  const headerRow = b.header(["What was found", "Sheet", "Cell", "How serious"]);
  b.freezeRows = headerRow + 1;
  b.print.repeatRows = { first: headerRow, last: headerRow };
  for (const f of sortFindings(checks.findings)) {
    b.value(b.row, 0, f.message, "bodyWrap");
    b.value(b.row, 1, f.sheet, "bodyWrap");
    b.value(b.row, 2, f.cell, "body");
    b.value(b.row, 3, SERIOUSNESS[f.severity], f.severity);
    b.row++;
  }
  // An Excel table with filter buttons that work on the protected sheet, so a member can filter by sheet or seriousness.
  if (total > 0) b.table("CheckResults", { row: headerRow, col: 0, rowCount: total + 1, colCount: 4 }, { filter: true });
  return { layout: b.build(), counts };
}

/** Org chart sheets: columns 10 characters wide (56.25 pt), rows 15 pt; the drawing starts below the title. */
const ORG_COLUMN_CHARS = 10;
const ORG_COLUMN_POINTS = 56.25;
const ORG_ROW_POINTS = 15;
const ORG_ORIGIN = { x: 12, y: 40 };

/**
 * An org chart sheet: the title, the chart as native shapes (core's geometry, placed below the title) and the
 * key under it, merged across the chart's width so the printed area covers the whole drawing; A4 landscape,
 * fitted to one page.
 */
function buildOrgChartSheet(name: string, page: OrgChartPage): { layout: SheetLayout; drawing: OrgChartDrawing } {
  const drawing = orgChartDrawing(page.chart, page.title, ORG_ORIGIN);
  const cols = Math.max(4, Math.ceil((drawing.width + ORG_ORIGIN.x) / ORG_COLUMN_POINTS));
  const keyRow = Math.ceil((drawing.height + 8) / ORG_ROW_POINTS) + 1;
  const b = new SheetBuilder(
    name,
    Array.from({ length: cols }, () => ORG_COLUMN_CHARS),
    { orientation: "landscape", fitToWidth: true, fitToHeight: true, printArea: { row: 0, col: 0, rowCount: keyRow + 1, colCount: cols } },
  );
  b.value(0, 0, page.title, "title");
  b.merge(0, 0, 1, cols);
  b.value(keyRow, 0, ORG_CHART_KEY, "note");
  b.merge(keyRow, 0, 1, cols);
  return { layout: b.build(), drawing };
}

/**
 * Refuse a budget whose amounts add up past Excel's largest number (about 1.8 × 10^308, the largest double:
 * Microsoft support, "Excel specifications and limits",
 * https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3),
 * where Excel's own total would be #NUM!: a sentence naming the sheet, the column and the lines, not a failure
 * deep in the writer. Such amounts are typing errors in a council budget.
 */
function refuseOverflow(sheet: string, column: "gross" | "net", total: number, lines: readonly BudgetLine[], type: string | null): void {
  if (Number.isFinite(total)) return;
  const big = lines.filter((l) => Math.abs(l[column] ?? 0) > 1e300).map((l) => `"${l.service || "(no name)"}"`);
  const named = big.length > 3 ? `${big.slice(0, 3).join(", ")} and ${big.length - 3} more` : big.join(", ");
  const where = type === null ? "" : type ? ` of type "${type}"` : " with no type";
  throw new Error(
    `The ${column} budgets on sheet ${sheet} add up to more than Excel can hold (its largest number is about 1.8 × 10^308).` +
      (named ? ` Lines${where} with amounts that large: ${named}.` : "") +
      " Check those amounts for a typing error, then build the pack again.",
  );
}

/**
 * A market-review budget table for members: type of service, service, gross and net budgets; the lines of each
 * type followed by its subtotal, then the total, all as live formulas with the values core adds up cached;
 * the unresolved check results for the sheet beside it (what was found, where, how serious).
 *
 * Subtotals and the total are SUBTOTAL(9, …) over one block each, the usual way to total a list with subtotals:
 * SUBTOTAL leaves out other SUBTOTAL results in its range, so the total over the whole block, subtotals included,
 * adds each line once. Its formula is the same length at 2 types or 2,000; a SUM of every subtotal cell was
 * 2,000 arguments and 13,830 characters at 2,000 types, past Excel's limits (src/core/formulaLimits.ts).
 */
function buildBudgetSheet(name: string, t: BudgetTableSection): SheetLayout {
  const format = MONEY_NUMBER_FORMAT[t.unit ?? "£"];
  const findings = sortFindings(t.findings ?? []);
  const b = new SheetBuilder(name, [26, 30, 16, 16, 2, 54, 8, 14], { orientation: "landscape", fitToWidth: true });
  const title = t.title?.trim() || t.sheet;
  b.title(title, 8, `Copied from sheet ${t.sheet}. Subtotals and the total are formulas: select one to see how it is made.${findings.length ? " Check results still open are listed on the right." : ""}`);
  const headerRow = b.header([
    "Type of service",
    "Service",
    t.grossHeader?.trim() || `Gross budget${unitLabel(t.unit)}`,
    t.netHeader?.trim() || `Net budget${unitLabel(t.unit)}`,
  ]);
  b.freezeRows = headerRow + 1;
  b.print.repeatRows = { first: headerRow, last: headerRow };
  // Types in the order they first appear; lines keep their order within a type. One pass over the lines, not a
  // search of the types and a filter of the lines per type (quadratic: 2,000 types of 100,000 lines took 0.7 s).
  const byType = new Map<string, BudgetLine[]>();
  for (const l of t.lines) {
    const group = byType.get(l.type);
    if (group) group.push(l);
    else byType.set(l.type, [l]);
  }
  const firstLine = b.row;
  // Four cells a line and a subtotal row a type, with the check results beside: room made once.
  b.cells.reserve(b.cells.length + 4 * (t.lines.length + byType.size) + 3 * findings.length + 16);
  const grand = { gross: [] as number[], net: [] as number[] };
  for (const [type, lines] of byType) {
    const first = b.row;
    const typeText = type || "(no type)";
    // Added up in line order from 0, as tidySum adds them.
    let grossSum = 0;
    let netSum = 0;
    for (const l of lines) {
      b.value(b.row, 0, typeText, "bodyWrap");
      b.value(b.row, 1, l.service || "(no name)", "bodyWrap");
      b.value(b.row, 2, l.gross, "number", format);
      b.value(b.row, 3, l.net, "number", format);
      b.row++;
      grossSum += l.gross ?? 0;
      netSum += l.net ?? 0;
    }
    const last = b.row - 1;
    const gross = tidy(grossSum);
    const net = tidy(netSum);
    refuseOverflow(t.sheet, "gross", gross, lines, type);
    refuseOverflow(t.sheet, "net", net, lines, type);
    b.value(b.row, 0, type ? `Total ${type.charAt(0).toLowerCase()}${type.slice(1)}` : "Subtotal", "total");
    b.value(b.row, 1, null, "total");
    b.formula(b.row, 2, `=SUBTOTAL(9,${columnRange(2, first, last)})`, gross, "totalNumber", format);
    b.formula(b.row, 3, `=SUBTOTAL(9,${columnRange(3, first, last)})`, net, "totalNumber", format);
    grand.gross.push(gross);
    grand.net.push(net);
    b.row++;
  }
  b.value(b.row, 0, "Total", "total");
  b.value(b.row, 1, null, "total");
  if (byType.size > 0) {
    const grossTotal = tidySum(grand.gross);
    const netTotal = tidySum(grand.net);
    refuseOverflow(t.sheet, "gross", grossTotal, t.lines, null);
    refuseOverflow(t.sheet, "net", netTotal, t.lines, null);
    // Every line and subtotal above, from the first line to the last subtotal: the subtotals are left out by SUBTOTAL.
    b.formula(b.row, 2, `=SUBTOTAL(9,${columnRange(2, firstLine, b.row - 1)})`, grossTotal, "totalNumber", format);
    b.formula(b.row, 3, `=SUBTOTAL(9,${columnRange(3, firstLine, b.row - 1)})`, netTotal, "totalNumber", format);
  } else {
    // No lines: nothing to add up (a SUM or SUBTOTAL of nothing is not a formula Excel takes).
    b.value(b.row, 2, 0, "totalNumber", format);
    b.value(b.row, 3, 0, "totalNumber", format);
  }
  b.row++;
  // The check results beside the table, from its header row down.
  b.value(headerRow, 5, findings.length ? "Check results still open: what was found" : "Check results", "header");
  b.value(headerRow, 6, "Cell", "header");
  b.value(headerRow, 7, "How serious", "header");
  if (findings.length === 0) b.value(headerRow + 1, 5, "No problems were found on this sheet.", "bodyWrap");
  findings.forEach((f, i) => {
    b.value(headerRow + 1 + i, 5, f.message, "bodyWrap");
    b.value(headerRow + 1 + i, 6, f.cell, "body");
    b.value(headerRow + 1 + i, 7, SERIOUSNESS[f.severity], f.severity);
  });
  return b.build();
}
