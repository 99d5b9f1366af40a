/**
 * "Post lists": a new post list template; find the post list on a sheet (with a correctable column mapping,
 * remembered in the workbook); check it; build the impact tables and structure tables on new sheets.
 */
import { Button, Checkbox, Field, Select, Switch, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import { rangeAddress } from "../../core/a1";
import type { Finding } from "../../core/findings";
import type { FinancialYear } from "../../core/financialYear";
import type { SalaryPoint } from "../../core/grades";
import { formatMoney } from "../../core/money";
import { computeImpact, DEFAULT_IMPACT_YEAR, impactLayout } from "../../core/posts/impact";
import { newPostListLayout, readPostList, readSavedMapping, saveMapping, type ParsedPostList, type PostListHeaderMatch, type SavedPostListMapping } from "../../core/posts/postList";
import { checkPostListSnapshot } from "../../core/posts/postListChecks";
import { listScenarios } from "../../core/posts/scenarios";
import { allDirectorateStructures, structureLayout } from "../../core/posts/structureLayout";
import type { SheetSnapshot } from "../../core/sheetSnapshot";
import { listSheets, listTables, loadAddinSetting, readSheetSnapshot, saveAddinSetting, writeLayout } from "../../excel";
import type { AddinSettingValue, TableInfo } from "../../excel";
import type { Ask, ConfirmAnswer } from "../components/ConfirmDialog";
import { CostingFields } from "../components/CostingFields";
import { OrgChartControl } from "../components/OrgChartControl";
import { FindingsPanel } from "../components/FindingsPanel";
import { Notice, type NoticeState } from "../components/Notice";
import { TaskProgress } from "../components/TaskProgress";
import { plural } from "../messages";
import { writeOwnedSheet } from "../ownedSheets";
import { excelProgress } from "../reading";
import { useLongTask } from "../useTask";
import { GradeTableField, useGradeTable } from "../gradeTable";
import { MappingEditor, type MappingOverrides } from "./MappingEditor";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  h: { fontSize: tokens.fontSizeBase400, margin: `${tokens.spacingVerticalM} 0 0` },
  pickers: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(150px, 1fr))", gap: tokens.spacingHorizontalS },
  summary: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  grow: { flexGrow: 1, flexBasis: "100%", minWidth: 0, maxWidth: "100%", "& select": { minWidth: 0, textOverflow: "ellipsis" } },
});

const ACTIVE = "";
const SELECTION = "\u0000selection";
/** Picker values for Excel tables: a prefix the sheet names (plain text) cannot start with, then the table name. */
const TABLE = "\u0001table:";

export const mappingKey = (sheet: string): string => `postListMapping:${sheet}`;

interface LoadedList {
  snapshot: SheetSnapshot;
  /** Read from the selection (re-read that block), not the sheet's used range. */
  fromSelection: boolean;
  parsed: ParsedPostList & { match: PostListHeaderMatch };
  saved: SavedPostListMapping | null;
}

/** The address of the block a snapshot holds ("A1:L40"). */
function blockAddress(s: SheetSnapshot): string {
  return rangeAddress({ row: s.origin.row, col: s.origin.col, rowCount: Math.max(1, s.values.length), colCount: Math.max(1, s.values[0]?.length ?? 1) });
}


export function PostLists({ ask }: { ask: Ask }): JSX.Element {
  const styles = useStyles();
  const gradeTable = useGradeTable();
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const long = useLongTask(setNotice);
  const busy = long.task !== null;
  const [source, setSource] = useState<string>(ACTIVE);
  const [sheets, setSheets] = useState<string[]>([]);
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [list, setList] = useState<LoadedList | null>(null);
  const [overrides, setOverrides] = useState<MappingOverrides>({});
  const [checked, setChecked] = useState<{ findings: Finding[]; run: number } | null>(null);
  const [scenarios, setScenarios] = useState<string[]>([]);
  const [point, setPoint] = useState<SalaryPoint>("min");
  const [year, setYear] = useState<FinancialYear>(DEFAULT_IMPACT_YEAR);
  const [topId, setTopId] = useState<string>("");
  const [detail, setDetail] = useState(false);
  const [impactText, setImpactText] = useState<string[] | null>(null);

  const refreshSheets = useCallback(async () => {
    try {
      const visible = (await listSheets()).filter((s) => s.visibility === "Visible").map((s) => s.name);
      setSheets(visible);
      setTables((await listTables()).filter((t) => visible.includes(t.sheet)));
    } catch {
      setSheets([]);
      setTables([]);
    }
  }, []);
  useEffect(() => {
    void refreshSheets();
  }, [refreshSheets]);

  const posts = useMemo(() => list?.parsed.posts ?? [], [list]);
  const scenarioNames = useMemo(() => listScenarios(posts), [posts]);
  const tops = useMemo(() => {
    const managers = new Set(posts.map((p) => p.reportsTo).filter((id): id is string => id !== null));
    const withReports = posts.filter((p) => p.id !== "" && managers.has(p.id));
    return [...withReports.filter((p) => p.reportsTo === null), ...withReports.filter((p) => p.reportsTo !== null)];
  }, [posts]);

  const load = async (): Promise<void> => {
    const out = await long.run("Finding the post list", async (signal, progress) => {
      const table = source.startsWith(TABLE) ? tables.find((t) => t.name === source.slice(TABLE.length)) : undefined;
      const snapshot = await readSheetSnapshot({
        scope: table ? { address: table.address } : source === SELECTION ? "selection" : "used",
        sheet: table ? table.sheet : source === ACTIVE || source === SELECTION ? undefined : source,
        signal,
        onProgress: excelProgress(progress),
      });
      const saved = readSavedMapping((await loadAddinSetting(mappingKey(snapshot.name))) ?? null);
      return { snapshot, saved, parsed: readPostList(snapshot, saved) };
    });
    if (!out) return;
    setChecked(null);
    setOverrides({});
    setImpactText(null);
    if (!out.parsed) {
      setList(null);
      setNotice({ intent: "warning", text: `No post list found on "${out.snapshot.name}". A post list has a header row with at least Post ID, Post title and two of Grade, FTE, Reports to, Status, Directorate. "New post list" makes one.` });
      return;
    }
    const parsed = out.parsed;
    setList({ snapshot: out.snapshot, parsed, saved: out.saved, fromSelection: source === SELECTION || source.startsWith(TABLE) });
    setScenarios([]);
    const firstTop = parsed.posts.find((p) => p.reportsTo === null && parsed.posts.some((q) => q.reportsTo === p.id));
    setTopId(firstTop?.id ?? "");
    setNotice({
      intent: "success",
      text: `Found a post list of ${plural(parsed.posts.length, "post")} on "${out.snapshot.name}" (header on row ${parsed.headerRow + 1}). Mapped ${parsed.match.mapped.length} columns${out.saved ? " using the mapping saved in this workbook" : ""}.`,
    });
  };

  const remap = (saved: SavedPostListMapping | null): void => {
    if (!list) return;
    const parsed = readPostList(list.snapshot, saved);
    if (parsed) setList({ ...list, parsed, saved });
    setOverrides({});
    setChecked(null);
  };

  const saveMap = async (): Promise<void> => {
    if (!list) return;
    const saved = saveMapping(list.parsed.match, overrides);
    const ok = await long.run("Saving the mapping", async () => {
      await saveAddinSetting(mappingKey(list.snapshot.name), saved as unknown as AddinSettingValue);
      return true;
    });
    if (ok) {
      remap(saved);
      setNotice({ intent: "success", text: `Saved the column mapping for "${list.snapshot.name}" in this workbook.` });
    }
  };
  const resetMap = async (): Promise<void> => {
    if (!list) return;
    const ok = await long.run("Resetting the mapping", async () => {
      await saveAddinSetting(mappingKey(list.snapshot.name), undefined);
      return true;
    });
    if (ok) {
      remap(null);
      setNotice({ intent: "success", text: "Using the mapping the add-in detects from the headers." });
    }
  };

  const check = async (before?: string): Promise<void> => {
    if (!list) return;
    const current = list;
    const out = await long.run("Checking the post list", async (signal, progress) => {
      // Read the sheet again: the user may have changed it since it was found.
      const snapshot = await readSheetSnapshot({ scope: current.fromSelection ? { address: blockAddress(current.snapshot) } : "used", sheet: current.snapshot.name, signal, onProgress: excelProgress(progress) });
      const fresh = readPostList(snapshot, current.saved);
      const findings = checkPostListSnapshot(snapshot, { savedMapping: current.saved, scenario: scenarios, gradeTable }) ?? [];
      return { snapshot, fresh, findings };
    });
    if (!out) return;
    if (out.fresh) setList({ ...current, snapshot: out.snapshot, parsed: out.fresh });
    setChecked((c) => ({ findings: out.findings, run: (c?.run ?? 0) + 1 }));
    const errors = out.findings.filter((f) => f.severity === "error").length;
    setNotice({
      intent: errors ? "warning" : "success",
      text: `${before ? `${before} ` : ""}${out.findings.length === 0 ? "The post list has no faults." : `${plural(out.findings.length, "finding")}, ${plural(errors, "error")}.`}`,
    });
  };

  const newList = async (): Promise<void> => {
    const out = await long.run("Creating a post list", (_s, progress) => writeLayout(newPostListLayout({ gradeTable }), { onProgress: excelProgress(progress) }));
    if (out) {
      setNotice({ intent: "success", text: `Created the post list template on the sheet "${out.sheetName}": fill it in or paste your list under the headers. Grades come from the sample grade table (sample figures).` });
      void refreshSheets();
    }
  };

  const buildImpact = async (): Promise<void> => {
    if (!list) return;
    const impact = computeImpact(posts, { scenario: scenarios, point, year, gradeTable });
    const name = await long.run("Building the impact tables", (_s, progress) =>
      writeOwnedSheet(impactLayout(impact, { sheetName: `Impact ${list.snapshot.name}` }), { key: `impact:${list.snapshot.name}`, ask, onProgress: excelProgress(progress) }),
    );
    if (!name) return;
    const lines = [
      impact.sentence,
      `Full-year cost change: ${formatMoney(impact.fullYearCostChange)}${impact.fullYearCostChange < 0 ? " (a saving)" : ""}.`,
      `Slotting: ${plural(impact.slotting.slottedHolders, "postholder")} slotted, ${plural(impact.slotting.ringFencedPosts, "post")} ring-fenced, ${plural(impact.slotting.atRiskHolders, "postholder")} at risk.`,
    ];
    if (impact.excluded.length) lines.push(`${plural(impact.excluded.length, "post")} left out: they cannot be costed (grade missing or not in the grade table).`);
    setImpactText(lines);
    setNotice({ intent: "success", text: `Wrote the impact tables to the sheet "${name}".` });
    void refreshSheets();
  };

  const buildStructure = async (): Promise<void> => {
    if (!list || topId === "") return;
    const name = await long.run("Building the structure table", async (_s, progress) => {
      const layout = structureLayout(posts, topId, { scenario: scenarios, showGradeAndFte: detail, gradeTable });
      return writeOwnedSheet(layout, { key: `structure:${list.snapshot.name}:${topId}`, ask, onProgress: excelProgress(progress) });
    });
    if (name) {
      setNotice({ intent: "success", text: `Wrote the structure table to the sheet "${name}".` });
      void refreshSheets();
    }
  };

  const buildAll = async (): Promise<void> => {
    if (!list) return;
    const names = await long.run("Building one structure table per directorate", async (signal, progress) => {
      const layouts = allDirectorateStructures(posts, { scenario: scenarios, showGradeAndFte: detail, gradeTable });
      const decided: { answer?: ConfirmAnswer } = {};
      const written: string[] = [];
      for (let i = 0; i < layouts.length; i++) {
        if (signal.aborted) break;
        progress(`Writing ${layouts[i].name}`, i, layouts.length);
        const n = await writeOwnedSheet(layouts[i], { key: `structure:${list.snapshot.name}:directorate:${layouts[i].name}`, ask, decided });
        if (n) written.push(n);
      }
      return written;
    });
    if (names) {
      setNotice({ intent: "success", text: names.length ? `Wrote ${plural(names.length, "structure table")}: ${names.join(", ")}.` : "No directorate structure tables were written (no directorates in the list, or cancelled)." });
      void refreshSheets();
    }
  };

  return (
    <div className={styles.root}>
      <div className={styles.actions}>
        <Button onClick={() => void newList()} disabled={busy}>
          New post list
        </Button>
      </div>
      <div className={styles.actions}>
        <Field label="Where is the post list?" className={styles.grow}>
          <Select value={source} onChange={(_, d) => setSource(d.value)} disabled={busy} onFocus={() => void refreshSheets()}>
            <option value={ACTIVE}>The active sheet</option>
            <option value={SELECTION}>The selected cells (a table)</option>
            {tables.map((t) => (
              <option key={`table:${t.name}`} value={`${TABLE}${t.name}`}>
                Table: {t.name} ({t.sheet}!{t.address})
              </option>
            ))}
            {sheets.map((s) => (
              <option key={s} value={s}>
                Sheet: {s}
              </option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" onClick={() => void load()} disabled={busy}>
          Find post list
        </Button>
      </div>
      <TaskProgress task={long.task} onCancel={long.cancel} />
      <Notice notice={notice} />
      {list ? (
        <>
          <h3 className={styles.h}>Columns</h3>
          <MappingEditor
            match={list.parsed.match}
            originCol={list.snapshot.origin.col}
            overrides={overrides}
            onChange={setOverrides}
            onSave={() => void saveMap()}
            onReset={() => void resetMap()}
            disabled={busy}
            saved={list.saved !== null}
          />
          <h3 className={styles.h}>Choices</h3>
          {scenarioNames.length > 0 ? (
            <fieldset>
              <legend>Scenarios that go ahead</legend>
              {scenarioNames.map((s) => (
                <Checkbox
                  key={s}
                  label={s}
                  checked={scenarios.includes(s)}
                  disabled={busy}
                  onChange={(_, d) => setScenarios(d.checked ? [...scenarios, s] : scenarios.filter((x) => x !== s))}
                />
              ))}
            </fieldset>
          ) : (
            <p>No conditional changes (scenario column) in this list.</p>
          )}
          <div className={styles.pickers}>
            <CostingFields point={point} year={year} onPointChange={setPoint} onYearChange={setYear} disabled={busy} />
          </div>
          <GradeTableField disabled={busy} />
          <h3 className={styles.h}>Check</h3>
          <div className={styles.actions}>
            <Button onClick={() => void check()} disabled={busy}>
              Check post list
            </Button>
          </div>
          {checked ? <FindingsPanel key={checked.run} findings={checked.findings} long={long} setNotice={setNotice} onFixed={(s) => void check(s)} /> : null}
          <h3 className={styles.h}>Impact tables</h3>
          <div className={styles.actions}>
            <Button onClick={() => void buildImpact()} disabled={busy}>
              Build impact tables
            </Button>
          </div>
          {impactText ? (
            <ul className={styles.summary} data-testid="impact-summary">
              {impactText.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          ) : null}
          <h3 className={styles.h}>Structure tables</h3>
          <div className={styles.actions}>
            <Field label="Top post" className={styles.grow}>
              <Select value={topId} onChange={(_, d) => setTopId(d.value)} disabled={busy || tops.length === 0}>
                {tops.length === 0 ? <option value="">(no post has direct reports)</option> : null}
                {tops.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title || p.id} ({p.id})
                  </option>
                ))}
              </Select>
            </Field>
            <Switch label="Show grade and FTE" checked={detail} onChange={(_, d) => setDetail(d.checked)} disabled={busy} />
          </div>
          <div className={styles.actions}>
            <Button onClick={() => void buildStructure()} disabled={busy || topId === ""}>
              Build structure table
            </Button>
            <Button onClick={() => void buildAll()} disabled={busy || posts.length === 0}>
              Build one per directorate
            </Button>
          </div>
          <OrgChartControl posts={posts} scenarios={scenarios} disabled={busy} />
        </>
      ) : null}
    </div>
  );
}
