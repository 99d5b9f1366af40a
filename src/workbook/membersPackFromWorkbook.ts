/**
 * The members' pack built from an .xlsx file rather than the open workbook: the post lists, savings sheets
 * and budget sheets found in it (by their headers, the same detection the task pane uses) become the pack's
 * sections, so packs can be built and checked outside Excel (Node, a browser, CI).
 */
import { cellAddress } from "../core/a1";
import { todayUtc } from "../core/financialYear";
import { appendAll } from "../core/arrays";
import type { CostingOptions } from "../core/gradeDelta";
import { findTables, outputSheetNames, type DetectedTable, type TableRow } from "../core/checks";
import { parseAmountText, type MoneyUnit } from "../core/money";
import { readPostList, type Post } from "../core/posts/postList";
import { computeImpact } from "../core/posts/impact";
import { orgChartPagesOfTops, type OrgChartPage } from "../core/posts/orgChartDrawing";
import { resolveScenario, type ScenarioChoice } from "../core/posts/scenarios";
import { allDirectorateStructures } from "../core/posts/structureLayout";
import type { SheetLayout } from "../core/layout";
import { parseSavingsRange, rangeTotal, savingsRange, SavingsRangeError, type SavingsRange } from "../core/savingsRanges";
import type { CellValue, SheetSnapshot } from "../core/sheetSnapshot";
import type { Finding } from "../core/findings";
import { auditSnapshots } from "./auditWorkbook";
import { buildMembersPack, type BudgetLine, type BudgetTableSection, type ImpactSection, type MembersPackInput, type MembersPackOptions, type OmittedLine, type SavingsSection } from "./membersPack";
import { readXlsx } from "./readXlsx";

export interface MembersPackFromWorkbookOptions extends Partial<MembersPackOptions> {
  /** Scenarios chosen for post lists with conditional changes ("Legal JV"); default none. */
  scenario?: ScenarioChoice;
  /** How posts are costed (grade table, salary point, year, pension rate). */
  costing?: Partial<CostingOptions>;
  /**
   * When the checks whose findings go in ran (default: today). Not the pack's `date`, which the user may set to the
   * committee's date: the pack must not say the sheets were checked on a day still to come.
   */
  checkedAt?: Date;
}

/** What was found in the workbook, for messages ("2 post lists, 1 savings sheet, 3 budget sheets"). */
export interface WorkbookContents {
  postLists: { sheet: string; posts: Post[] }[];
  savings: { sheet: string; section: SavingsSection }[];
  budgetSheets: string[];
  /** The market-review budget tables found (services by type, gross and net). */
  budgetTables: BudgetTableSection[];
  /** Sheets left out because they are the add-in's own output (a check report...), never input. */
  skippedOutput: string[];
}

function numberOf(v: CellValue): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string") return parseAmountText(v)?.value ?? null;
  return null;
}

/**
 * The table's row (kind, label, category) of each of its lines, in line order: the rows and the lines both go
 * down the sheet (as detectTables gives them), so one walk down the rows finds them all, with no lookup or
 * search per line.
 */
function rowsOfLines(table: DetectedTable): (TableRow | undefined)[] {
  const { rows, lines } = table;
  const out = new Array<TableRow | undefined>(lines.length);
  let i = 0;
  for (let k = 0; k < lines.length; k++) {
    const r = lines[k];
    while (i < rows.length && rows[i].row < r) i++;
    out[k] = i < rows.length && rows[i].row === r ? rows[i] : undefined;
  }
  return out;
}

/** The table's title: the first text of more than 3 characters above its header row, row by row. */
function titleAbove(snapshot: SheetSnapshot, headerRow: number): string | undefined {
  for (let r = 0; r < headerRow && r < snapshot.values.length; r++) {
    for (const v of snapshot.values[r]) if (typeof v === "string" && v.trim().length > 3) return v;
  }
  return undefined;
}

/** Read a savings table's streams and requirement with core's range parsing; unreadable lines are left out (the checks report them). */
function savingsFromTable(snapshot: SheetSnapshot, table: DetectedTable): SavingsSection | null {
  const col = table.amounts.find((a) => a.kind === "saving") ?? table.amounts[0];
  if (!col) return null;
  const streams: SavingsSection["streams"] = [];
  const omitted: OmittedLine[] = [];
  let unit: MoneyUnit | null = col.unit;
  const rowOf = rowsOfLines(table);
  for (let k = 0; k < table.lines.length; k++) {
    const r = table.lines[k];
    const label = rowOf[k]?.label ?? "";
    const v = snapshot.values[r]?.[col.col] ?? null;
    const where = `${snapshot.name}!${cellAddress(snapshot.origin.row + r, snapshot.origin.col + col.col)}`;
    try {
      const range = typeof v === "number" ? savingsRange(v, v, col.unit) : typeof v === "string" ? parseSavingsRange(v) : null;
      if (!range) {
        omitted.push({ name: label || `Line ${r + 1}`, where, written: v === null ? "(blank)" : String(v), reason: "No savings figure is given." });
        continue;
      }
      if (unit === null && range.unit !== null && range.unit !== "£") unit = range.unit;
      streams.push({ name: label || `Line ${r + 1}`, range });
    } catch (e) {
      if (!(e instanceof SavingsRangeError)) throw e;
      if (e.reversed) {
        // "65-55" counts as 55-65, as the checks count it in the total (and report it).
        streams.push({ name: label || `Line ${r + 1}`, range: e.reversed, reversed: { where, written: String(v) } });
        continue;
      }
      omitted.push({ name: label || `Line ${r + 1}`, where, written: String(v), reason: e.message });
    }
  }
  if (streams.length === 0) return null;
  // The grand total as the officers' sheet states it, named where it differs from the lines' sum (the pack's
  // totals and shortfall are the lines' sum, as the checks' requirement gap is).
  let stated: SavingsSection["stated"];
  const grand = table.totals.find((t) => t.level === "grand");
  const totalValue = grand ? (snapshot.values[grand.row]?.[col.col] ?? null) : null;
  if (grand && totalValue !== null && totalValue !== "") {
    const where = `${snapshot.name}!${cellAddress(snapshot.origin.row + grand.row, snapshot.origin.col + col.col)}`;
    let range: SavingsRange | null = null;
    try {
      range = typeof totalValue === "number" ? savingsRange(totalValue, totalValue, col.unit) : typeof totalValue === "string" ? parseSavingsRange(totalValue) : null;
    } catch (e) {
      if (!(e instanceof SavingsRangeError)) throw e;
    }
    const sum = rangeTotal(streams.map((x) => x.range));
    const same = range !== null && Math.abs(range.low - sum.low) < 1e-9 && Math.abs(range.high - sum.high) < 1e-9;
    if (!same || omitted.length > 0) stated = { where, written: String(totalValue) };
  }
  let requirement: number | undefined;
  if (table.requirement) {
    const row = snapshot.values[table.requirement.row] ?? [];
    requirement = numberOf(row[col.col] ?? null) ?? row.map(numberOf).find((n): n is number => n !== null) ?? undefined;
  }
  const titleCell = titleAbove(snapshot, table.headerRow);
  // A title that does not repeat itself: a sheet called "Savings" is not "Savings: Savings".
  const fallback = /saving/i.test(snapshot.name) ? snapshot.name : `Savings: ${snapshot.name}`;
  return { title: titleCell?.trim() || fallback, streams, requirement, unit, ...(omitted.length ? { omitted } : {}), ...(stated ? { stated } : {}) };
}

/**
 * A budget table's lines as the sheet holds them: type (the type column, carried down), service, gross and net
 * (numbers, or amounts typed as text such as "£15,125,000"; blank or unreadable cells stay empty: the checks
 * report them). Only tables with a gross or a net column qualify.
 */
function budgetFromTable(snapshot: SheetSnapshot, table: DetectedTable): BudgetTableSection | null {
  const gross = table.amounts.find((a) => a.kind === "gross");
  const net = table.amounts.find((a) => a.kind === "net");
  if (!gross && !net) return null;
  if (table.lines.length === 0) return null;
  const grossCol = gross?.col ?? -1;
  const netCol = net?.col ?? -1;
  const rowOf = rowsOfLines(table);
  const lines = new Array<BudgetLine>(table.lines.length);
  for (let k = 0; k < lines.length; k++) {
    const values = snapshot.values[table.lines[k]];
    const row = rowOf[k];
    lines[k] = {
      type: row?.category ?? "",
      service: row?.label ?? "",
      gross: grossCol < 0 ? null : numberOf(values?.[grossCol] ?? null),
      net: netCol < 0 ? null : numberOf(values?.[netCol] ?? null),
    };
  }
  const titleCell = titleAbove(snapshot, table.headerRow);
  return {
    sheet: snapshot.name,
    ...(titleCell ? { title: titleCell.trim() } : {}),
    unit: gross?.unit ?? net?.unit ?? null,
    ...(gross ? { grossHeader: gross.header } : {}),
    ...(net ? { netHeader: net.header } : {}),
    lines,
  };
}

/**
 * Find post lists, savings tables and budget tables in sheet snapshots. `detected`, when given, receives the
 * tables found on each sheet, so the checks of the same snapshots can use them (CheckSnapshotsOptions.tablesOf)
 * instead of detecting them again.
 */
export function findPackContents(snapshots: readonly SheetSnapshot[], detected?: Map<SheetSnapshot, DetectedTable[]>): WorkbookContents {
  const contents: WorkbookContents = { postLists: [], savings: [], budgetSheets: [], budgetTables: [], skippedOutput: outputSheetNames(snapshots) };
  for (const s of snapshots) {
    if (s.addinOutput !== undefined) continue;
    const list = readPostList(s);
    if (list && list.posts.length > 0) {
      contents.postLists.push({ sheet: s.name, posts: list.posts });
      continue;
    }
    const tables = findTables(s);
    detected?.set(s, tables);
    for (const t of tables) {
      if (t.kind === "savings") {
        const section = savingsFromTable(s, t);
        if (section) contents.savings.push({ sheet: s.name, section });
      } else {
        if (!contents.budgetSheets.includes(s.name)) contents.budgetSheets.push(s.name);
        const budget = budgetFromTable(s, t);
        if (budget) contents.budgetTables.push(budget);
      }
    }
  }
  return contents;
}

/** The pack's input from what a workbook holds (and the findings of its checks). */
export function membersPackInputFromContents(
  contents: WorkbookContents,
  findings: readonly Finding[],
  options: MembersPackFromWorkbookOptions = {},
): MembersPackInput {
  const impacts: ImpactSection[] = [];
  const structureTables: SheetLayout[] = [];
  const orgCharts: OrgChartPage[] = [];
  const c = options.costing;
  for (const list of contents.postLists) {
    const resolved = resolveScenario(list.posts, options.scenario ?? null);
    if (resolved.some((p) => p.status === "new" || p.status === "deleted" || p.status === "amended")) {
      const impact = computeImpact(list.posts, {
        scenario: options.scenario,
        gradeTable: c?.table,
        point: c?.point,
        year: c?.year,
        pensionRate: c?.pensionRate,
      });
      impacts.push({ name: list.sheet, impact });
    }
    // The proposed structure of each directorate, as the task pane draws it.
    for (const t of allDirectorateStructures(list.posts, { scenario: options.scenario, gradeTable: c?.table, structure: "after" })) structureTables.push(t);
    // The proposed org chart under each top post that has reports (reports-to blank, or not a post of the proposed
    // structure, as in an extract of one directorate or under a deleted manager): one page, or split by directorate.
    appendAll(orgCharts, orgChartPagesOfTops(list.posts, { scenario: options.scenario, structure: "after", showGradeAndFte: true }));
  }
  const checkedSheets = [...contents.budgetSheets, ...contents.savings.map((s) => s.sheet)];
  const checked = new Set(checkedSheets);
  // Each sheet's findings, in the checks' order, gathered in one pass: not a filter of every finding per table.
  const bySheet = new Map<string, Finding[]>();
  const relevant: Finding[] = [];
  for (const f of findings) {
    const own = bySheet.get(f.sheet);
    if (own) own.push(f);
    else bySheet.set(f.sheet, [f]);
    if (checked.has(f.sheet)) relevant.push(f);
  }
  return {
    budgetTables: contents.budgetTables.map((t) => ({ ...t, findings: bySheet.get(t.sheet) ?? [] })),
    savings: contents.savings[0]?.section,
    impacts,
    structureTables,
    orgCharts,
    checks:
      checkedSheets.length > 0
        ? { findings: relevant, sheetsChecked: checkedSheets, checkedAt: options.checkedAt ?? todayUtc(), ...(contents.skippedOutput.length ? { sheetsSkipped: contents.skippedOutput } : {}) }
        : undefined,
    costing: options.costing,
  };
}

/**
 * Build the members' pack from an .xlsx workbook: its post lists (impact of the restructure, by grade),
 * savings sheets (ranges against the requirement) and budget sheets (check results).
 * @param xlsx the workbook's bytes.
 * @param options title (default "Members' pack"), date, classification, sections, scenario, costing.
 * @returns the pack's .xlsx bytes.
 */
export async function membersPackFromWorkbook(xlsx: Uint8Array | ArrayBuffer, options: MembersPackFromWorkbookOptions = {}): Promise<Uint8Array> {
  // The sheets as read are let go before the pack is laid out and written: the pack needs only what was taken
  // from them, and the collector then no longer marks them (the 1,000,000-line pack's peak memory: 776–791 MB
  // with them kept, 709–731 MB without).
  const input = await packInputFromWorkbook(xlsx, options);
  return buildMembersPack(input, { ...options, title: options.title?.trim() || "Members' pack" });
}

/** Read the workbook once, find what goes into the pack and check the sheets whose findings go in. */
async function packInputFromWorkbook(xlsx: Uint8Array | ArrayBuffer, options: MembersPackFromWorkbookOptions): Promise<MembersPackInput> {
  const bytes = xlsx instanceof Uint8Array ? xlsx : new Uint8Array(xlsx);
  const snapshots = await readXlsx(bytes);
  // The file is read once, and each sheet's tables detected once: the checks run on the same snapshots and tables.
  const detected = new Map<SheetSnapshot, DetectedTable[]>();
  const contents = findPackContents(snapshots, detected);
  // Only the sheets whose check results go into the pack (budget and savings sheets) are checked, as in the task
  // pane: a post list's findings, or another sheet's, would be worked out and dropped.
  const checkedNames = new Set([...contents.budgetSheets, ...contents.savings.map((s) => s.sheet)]);
  const findings = checkedNames.size > 0 ? auditSnapshots(snapshots.filter((s) => checkedNames.has(s.name)), { tablesOf: (s) => detected.get(s) }) : [];
  return membersPackInputFromContents(contents, findings, options);
}
