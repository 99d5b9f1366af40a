/**
 * The grade table the pane costs with: the sample table, or the council's own table on a worksheet range,
 * chosen once and remembered in the workbook (re-read from its range each time the pane opens, so edits to the
 * table are picked up). Parsed by core (parseGradeTable), the one place grade tables are read.
 *
 * Pay-award assumptions for the years after the table (core's withPayAwards) are stated here too and stored
 * in the workbook: the table the pane costs with is the chosen table with those assumptions.
 */
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ChunkBoundary, lazyChunk } from "./lazyChunk";
import { rangeAddress } from "../core/a1";
import { DEFAULT_IMPACT_YEAR, currentFinancialYear, financialYearLabel, type FinancialYear } from "../core/financialYear";
import { GradeTableError, SAMPLE_GRADE_TABLE, parseGradeTable, type GradeTable } from "../core/grades";
import { defaultPayYear, withPayAwards, type PayAwards } from "../core/payAwards";
import type { SheetSnapshot } from "../core/sheetSnapshot";
import { loadAddinSettings, saveAddinSetting, settingOf } from "../excel/addinState";
import { readSheetSnapshot } from "../excel/readSnapshot";
import { Notice, type NoticeState } from "./components/Notice";

const SETTING = "gradeTable";
const AWARDS_SETTING = "payAwards";
const YEAR_SETTING = "payYear";

export interface GradeTableSource {
  sheet: string;
  address: string;
}

interface GradeTableState {
  /** The table costs use: the chosen table with the pay-award assumptions. */
  table: GradeTable;
  /** The chosen table alone. */
  baseTable: GradeTable;
  payAwards: PayAwards;
  /** State (and remember in the workbook) the pay-award assumptions. */
  setPayAwards: (awards: PayAwards) => Promise<void>;
  source: GradeTableSource | null;
  /** Read the selection as the grade table; resolves to a message for the user. */
  useSelection: () => Promise<NoticeState>;
  useSample: () => Promise<NoticeState>;
  /** Set when a remembered table could not be read back, or forgetting it failed. */
  problem: NoticeState | null;
  /** The pay year every costed figure in the pane uses (one for the workbook, remembered in it). */
  year: FinancialYear;
  setYear: (year: FinancialYear) => void;
}

// Pay awards (Fluent's Input) are edited on the tabs that cost posts, not on the first screen: their own chunk.
const PayAwardsField = lazyChunk(() => import(/* webpackChunkName: "pay-awards" */ "./components/PayAwardsField").then((m) => m.PayAwardsField));

const GradeTableContext = createContext<GradeTableState | null>(null);

function snapshotAddress(s: SheetSnapshot): string {
  return rangeAddress({ row: s.origin.row, col: s.origin.col, rowCount: Math.max(1, s.values.length), colCount: Math.max(1, s.values[0]?.length ?? 1) });
}

function tableFrom(snapshot: SheetSnapshot): { table: GradeTable; source: GradeTableSource } {
  const address = snapshotAddress(snapshot);
  const table = parseGradeTable(snapshot.values, `the grade table on ${snapshot.name}!${address}`);
  return { table, source: { sheet: snapshot.name, address } };
}

function isSource(v: unknown): v is GradeTableSource {
  return typeof v === "object" && v !== null && typeof (v as GradeTableSource).sheet === "string" && typeof (v as GradeTableSource).address === "string";
}

function awardsFrom(v: unknown): Map<number, number> {
  const out = new Map<number, number>();
  if (!Array.isArray(v)) return out;
  for (const pair of v) {
    if (Array.isArray(pair) && typeof pair[0] === "number" && typeof pair[1] === "number" && Number.isFinite(pair[1])) out.set(pair[0], pair[1]);
  }
  return out;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function GradeTableProvider({ children }: { children: ReactNode }): JSX.Element {
  const [table, setTable] = useState<GradeTable>(SAMPLE_GRADE_TABLE);
  const [source, setSource] = useState<GradeTableSource | null>(null);
  const [problem, setProblem] = useState<NoticeState | null>(null);
  const [payAwards, setAwards] = useState<PayAwards>(new Map());
  const [year, setYearState] = useState<FinancialYear>(DEFAULT_IMPACT_YEAR);

  // What the user has set since the pane opened: the saved settings, read at start (and perhaps held while a cell
  // is being edited), must not overwrite it when they arrive.
  const userSet = useRef({ year: false, awards: false, table: false });

  const setYear = useCallback((y: FinancialYear) => {
    userSet.current.year = true;
    setYearState(y);
    saveAddinSetting(YEAR_SETTING, y).catch((e: unknown) => {
      if (typeof Excel !== "undefined") setProblem({ intent: "warning", title: "Pay year not remembered", text: `The pay year ${financialYearLabel(y)} is used now, but could not be saved in this workbook: ${message(e)}` });
    });
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      let saved: SavedCosting;
      try {
        // One read of the workbook's settings for the table, the pay year and the pay awards.
        saved = await loadSavedCosting(() => {
          if (live) setProblem(WAITING_FOR_CELL_EDIT);
        });
      } catch (e) {
        // Outside Excel there is no workbook to remember anything in: the defaults stand, and nothing is wrong.
        if (live && typeof Excel !== "undefined") setProblem(settingsUnread(e));
        return;
      }
      if (!live) return;
      const set = userSet.current;
      // The waiting notice goes; a notice set meanwhile (a pay year not saved, say) stays.
      const tableProblem: NoticeState | null =
        saved.tableProblem && !set.table ? { intent: "warning", title: "Using the sample grade table", text: `The grade table chosen for this workbook could not be read: ${saved.tableProblem}` } : null;
      setProblem((p) => tableProblem ?? (p === WAITING_FOR_CELL_EDIT ? null : p));
      if (saved.payAwards.size > 0 && !set.awards) setAwards(saved.payAwards);
      if (saved.year !== undefined && !set.year) setYearState(saved.year);
      if (saved.chosen && !set.table) {
        setTable(saved.chosen.table);
        setSource(saved.chosen.source);
      }
    })();
    return () => {
      live = false;
    };
  }, []);

  const useSelection = useCallback(async (): Promise<NoticeState> => {
    try {
      const snapshot = await readSheetSnapshot({ scope: "selection", numberFormats: false });
      const chosen = tableFrom(snapshot);
      userSet.current.table = true;
      setTable(chosen.table);
      setSource(chosen.source);
      setProblem(null);
      await saveAddinSetting(SETTING, { sheet: chosen.source.sheet, address: chosen.source.address });
      const grades = chosen.table.grades();
      return { intent: "success", title: "Grade table set", text: `Costs now use ${chosen.table.label}: ${grades.length} grades (${grades[0]} to ${grades[grades.length - 1]}), ${chosen.table.payYears.length ? `pay years ${chosen.table.payYears.join(", ")}` : "the same pay for every year"}.` };
    } catch (e) {
      const hint = e instanceof GradeTableError ? " Select the grade table with its heading row (grade, minimum, maximum), then try again." : "";
      return { intent: "error", title: "That range is not a grade table", text: `${message(e)}${hint}` };
    }
  }, []);

  const useSample = useCallback(async (): Promise<NoticeState> => {
    userSet.current.table = true;
    setTable(SAMPLE_GRADE_TABLE);
    setSource(null);
    setProblem(null);
    return forgetGradeTable(saveAddinSetting);
  }, []);

  const setPayAwards = useCallback(async (awards: PayAwards): Promise<void> => {
    userSet.current.awards = true;
    setAwards(new Map(awards));
    const sorted = [...awards].sort((a, b) => a[0] - b[0]);
    await saveAddinSetting(AWARDS_SETTING, sorted.length ? sorted.map(([y, r]) => [y, r]) : undefined);
  }, []);

  const costed = useMemo(() => withPayAwards(table, payAwards), [table, payAwards]);
  const value = useMemo(
    () => ({ table: costed, baseTable: table, payAwards, setPayAwards, source, useSelection, useSample, problem, year, setYear }),
    [costed, table, payAwards, setPayAwards, source, useSelection, useSample, problem, year, setYear],
  );
  return <GradeTableContext.Provider value={value}>{children}</GradeTableContext.Provider>;
}

/** The grade table and pay-award assumptions (null when no provider is mounted). */
export function useGradeTableState(): GradeTableState | null {
  return useContext(GradeTableContext);
}

/** Waits before each new try of the pane-start read while a cell is being edited (about two minutes in all). */
export const PANE_START_WAITS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000];

/** Shown while the pane waits for the user to finish typing in a cell before it can read the saved settings. */
export const WAITING_FOR_CELL_EDIT: NoticeState = {
  intent: "info",
  title: "Waiting for Excel",
  text: "A cell is being edited: the grade table, pay year and pay awards saved in this workbook are read as soon as you press Enter or Esc. Until then costs use the sample grade table.",
};

/** The notice when the workbook's saved settings could not be read at all: says what costs use instead. */
export function settingsUnread(e: unknown): NoticeState {
  return {
    intent: "warning",
    title: "Saved settings not read",
    text: `The grade table, pay year and pay awards saved in this workbook could not be read. ${message(e)} Until the pane is opened again, costs use the sample grade table, the ${financialYearLabel(DEFAULT_IMPACT_YEAR)} pay year and no pay awards.`,
  };
}

/** What the pane costs with, as saved in the workbook. */
export interface SavedCosting {
  /** The chosen grade table read from its range, or null (none chosen, or it could not be read). */
  chosen: { table: GradeTable; source: GradeTableSource } | null;
  /** Why the chosen table could not be read, in words. */
  tableProblem?: string;
  payAwards: PayAwards;
  /** The pay year saved, if any. */
  year?: FinancialYear;
}

/**
 * The grade table, pay year and pay awards saved in this workbook: one read of the settings (waiting while a cell is
 * being edited, `onWaiting` at each wait), then the chosen table from its range. A settings read that fails rejects
 * (the pane then says what it costs with); a chosen table that cannot be read is reported in `tableProblem`, and the
 * pay year and awards still stand.
 */
export async function loadSavedCosting(onWaiting: () => void, retryDelaysMs: readonly number[] = PANE_START_WAITS_MS): Promise<SavedCosting> {
  const settings = await loadAddinSettings({ onCellEdit: onWaiting, retryDelaysMs });
  const payAwards = awardsFrom(settingOf(settings, AWARDS_SETTING));
  const savedYear = settingOf(settings, YEAR_SETTING);
  const year = typeof savedYear === "number" && Number.isInteger(savedYear) ? savedYear : undefined;
  const saved = settingOf(settings, SETTING);
  if (!isSource(saved)) return { chosen: null, payAwards, year };
  try {
    const snapshot = await readSheetSnapshot({ sheet: saved.sheet, scope: { address: saved.address }, numberFormats: false, onProgress: (p) => p.phase === "waiting" && onWaiting() });
    return { chosen: tableFrom(snapshot), payAwards, year };
  } catch (e) {
    return { chosen: null, tableProblem: message(e), payAwards, year };
  }
}

/**
 * Forget the council's own table in the workbook (costs use the sample table). A failure is said, not
 * swallowed: the workbook still names the old table, so it would come back when the pane reopens.
 */
export async function forgetGradeTable(save: (key: string, value: undefined) => Promise<void>): Promise<NoticeState> {
  try {
    await save(SETTING, undefined);
  } catch (e) {
    return {
      intent: "warning",
      title: "Using the sample table for now",
      text: `Costs now use ${SAMPLE_GRADE_TABLE.label}, but the workbook could not be told to forget your own table (${message(e)}): it will be used again when the pane next opens. Try again, or check the workbook is not read-only.`,
    };
  }
  return { intent: "info", text: `Costs now use ${SAMPLE_GRADE_TABLE.label}.` };
}

/** The pay year the pane costs with, and its setter (local state when no provider is mounted). */
export function usePayYear(): [FinancialYear, (y: FinancialYear) => void] {
  const state = useContext(GradeTableContext);
  const [local, setLocal] = useState<FinancialYear>(DEFAULT_IMPACT_YEAR);
  return state ? [state.year, state.setYear] : [local, setLocal];
}

/** Where the council's own table is ("Grades", "A1:C9"), or null for the sample table. */
export function useGradeTableSource(): GradeTableSource | null {
  return useContext(GradeTableContext)?.source ?? null;
}

/** The chosen table as an absolute reference for a formula: Grades!$A$1:$C$9. */
export function tableReference(source: GradeTableSource): string {
  const sheet = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(source.sheet) ? source.sheet : `'${source.sheet.replace(/'/g, "''")}'`;
  return `${sheet}!${source.address.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;
}

/** The grade table in use, with any pay-award assumptions (the sample table when no provider is mounted). */
export function useGradeTable(): GradeTable {
  return useContext(GradeTableContext)?.table ?? SAMPLE_GRADE_TABLE;
}

const useStyles = makeStyles({
  statement: { margin: `0 0 ${tokens.spacingVerticalS}`, padding: tokens.spacingHorizontalS, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, marginBlock: tokens.spacingVerticalS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** Which grade table costs use, with the buttons to change it. */
export function GradeTableField({ disabled }: { disabled?: boolean }): JSX.Element {
  const styles = useStyles();
  const state = useContext(GradeTableContext);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const table = state?.baseTable ?? SAMPLE_GRADE_TABLE;
  return (
    <div className={styles.box} role="group" aria-label="Grade table">
      <p data-testid="grade-table">
        Costs use {table.label}
        {table.isSample ? ": select your council's own grade table for real budgets" : ""}.
      </p>
      {state ? (
        <div className={styles.actions}>
          <Button disabled={disabled} onClick={() => void state.useSelection().then(setNotice)}>
            Use the selected range as the grade table
          </Button>
          {state.source ? (
            <Button disabled={disabled} onClick={() => void state.useSample().then(setNotice)}>
              Use the sample table
            </Button>
          ) : null}
        </div>
      ) : null}
      <Notice notice={notice ?? state?.problem ?? null} />
      {state ? (
        <ChunkBoundary what="The pay awards" chunk={PayAwardsField}>
          <Suspense fallback={null}>
            <PayAwardsField.Component table={state.baseTable} awards={state.payAwards} onChange={state.setPayAwards} disabled={disabled} />
          </Suspense>
        </ChunkBoundary>
      ) : null}
    </div>
  );
}

/**
 * The year BUDGET functions in cells cost with when the formula gives none, with the sample table (as the functions
 * work it out: defaultPayYear): the current financial year when the table covers it, otherwise the latest year it
 * covers. "2024/25, the latest year the sample table covers".
 */
export function functionsYearText(now: Date = new Date()): string {
  const year = defaultPayYear(SAMPLE_GRADE_TABLE, now);
  const label = financialYearLabel(year);
  return year === currentFinancialYear(now) ? `the current financial year (${label})` : `${label}, the latest year the sample table covers`;
}

/**
 * Which figures use which grade table and pay year, stated plainly, shown above every tab: the pane's costs use
 * the chosen table and year; BUDGET functions in cells use the sample table and its default year (functionsYearText)
 * unless the formula gives its own (with the range to add for the council's table).
 */
export function GradeTableStatement(): JSX.Element {
  const styles = useStyles();
  const state = useContext(GradeTableContext);
  const table = state?.table ?? SAMPLE_GRADE_TABLE;
  const year = state?.year ?? DEFAULT_IMPACT_YEAR;
  const source = state?.source;
  const tableRef = source ? tableReference(source) : null;
  return (
    <p className={styles.statement} data-testid="grade-table-statement">
      Pane figures: {table.label}
      {table.isSample && !/sample figures/i.test(table.label) ? " (sample figures)" : ""}, pay year {financialYearLabel(year)}. BUDGET functions in cells: the sample grade table and {functionsYearText()} unless the formula gives its own
      {tableRef ? `, e.g. =BUDGET.GRADECOST("KR17", 1, "min", ${year}, ${tableRef})` : " year and gradeTable"}.
    </p>
  );
}
