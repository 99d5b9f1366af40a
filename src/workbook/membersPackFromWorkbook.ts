/**
 * The members' pack built from an .xlsx file rather than the open workbook: the post lists, savings sheets
 * and budget sheets found in it (by their headers, the same detection the task pane uses) become the pack's
 * sections, so packs can be built and checked outside Excel (Node, a browser, CI).
 */
import type { CostingOptions } from "../core/gradeDelta";
import { findTables, type DetectedTable } from "../core/checks";
import { parseAmountText, type MoneyUnit } from "../core/money";
import { readPostList, type Post } from "../core/posts/postList";
import { computeImpact } from "../core/posts/impact";
import { resolveScenario, type ScenarioChoice } from "../core/posts/scenarios";
import { allDirectorateStructures } from "../core/posts/structureLayout";
import type { SheetLayout } from "../core/layout";
import { parseSavingsRange, savingsRange, SavingsRangeError } from "../core/savingsRanges";
import type { CellValue, SheetSnapshot } from "../core/sheetSnapshot";
import type { Finding } from "../core/findings";
import { auditSnapshots } from "./auditWorkbook";
import { buildMembersPack, type ImpactSection, type MembersPackInput, type MembersPackOptions, type SavingsSection } from "./membersPack";
import { readXlsx } from "./readXlsx";

export interface MembersPackFromWorkbookOptions extends Partial<MembersPackOptions> {
  /** Scenarios chosen for post lists with conditional changes ("Legal JV"); default none. */
  scenario?: ScenarioChoice;
  /** How posts are costed (grade table, salary point, year, pension rate). */
  costing?: Partial<CostingOptions>;
}

/** What was found in the workbook, for messages ("2 post lists, 1 savings sheet, 3 budget sheets"). */
export interface WorkbookContents {
  postLists: { sheet: string; posts: Post[] }[];
  savings: { sheet: string; section: SavingsSection }[];
  budgetSheets: string[];
}

function numberOf(v: CellValue): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string") return parseAmountText(v)?.value ?? null;
  return null;
}

/** Read a savings table's streams and requirement with core's range parsing; unreadable lines are left out (the checks report them). */
function savingsFromTable(snapshot: SheetSnapshot, table: DetectedTable): SavingsSection | null {
  const col = table.amounts.find((a) => a.kind === "saving") ?? table.amounts[0];
  if (!col) return null;
  const streams: SavingsSection["streams"] = [];
  let unit: MoneyUnit | null = col.unit;
  for (const r of table.lines) {
    const label = table.rows.find((x) => x.row === r)?.label ?? "";
    const v = snapshot.values[r]?.[col.col] ?? null;
    try {
      const range = typeof v === "number" ? savingsRange(v, v, col.unit) : typeof v === "string" ? parseSavingsRange(v) : null;
      if (!range) continue;
      if (unit === null && range.unit !== null && range.unit !== "£") unit = range.unit;
      streams.push({ name: label || `Line ${r + 1}`, range });
    } catch (e) {
      if (!(e instanceof SavingsRangeError)) throw e;
    }
  }
  if (streams.length === 0) return null;
  let requirement: number | undefined;
  if (table.requirement) {
    const row = snapshot.values[table.requirement.row] ?? [];
    requirement = numberOf(row[col.col] ?? null) ?? row.map(numberOf).find((n): n is number => n !== null) ?? undefined;
  }
  const titleCell = snapshot.values.slice(0, table.headerRow).flat().find((v): v is string => typeof v === "string" && v.trim().length > 3);
  return { title: titleCell?.trim() || `Savings: ${snapshot.name}`, streams, requirement, unit };
}

/** Find post lists, savings tables and budget tables in sheet snapshots. */
export function findPackContents(snapshots: readonly SheetSnapshot[]): WorkbookContents {
  const contents: WorkbookContents = { postLists: [], savings: [], budgetSheets: [] };
  for (const s of snapshots) {
    const list = readPostList(s);
    if (list && list.posts.length > 0) {
      contents.postLists.push({ sheet: s.name, posts: list.posts });
      continue;
    }
    for (const t of findTables(s)) {
      if (t.kind === "savings") {
        const section = savingsFromTable(s, t);
        if (section) contents.savings.push({ sheet: s.name, section });
      } else if (!contents.budgetSheets.includes(s.name)) contents.budgetSheets.push(s.name);
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
  }
  const checkedSheets = [...contents.budgetSheets, ...contents.savings.map((s) => s.sheet)];
  const relevant = findings.filter((f) => checkedSheets.includes(f.sheet));
  return {
    savings: contents.savings[0]?.section,
    impacts,
    structureTables,
    checks: checkedSheets.length > 0 ? { findings: relevant, sheetsChecked: checkedSheets } : undefined,
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
  const bytes = xlsx instanceof Uint8Array ? xlsx : new Uint8Array(xlsx);
  const snapshots = await readXlsx(bytes);
  const contents = findPackContents(snapshots);
  // The file is read once: the checks run on the same snapshots.
  const findings = contents.budgetSheets.length + contents.savings.length > 0 ? auditSnapshots(snapshots) : [];
  const input = membersPackInputFromContents(contents, findings, options);
  return buildMembersPack(input, { ...options, title: options.title?.trim() || "Members' pack" });
}
