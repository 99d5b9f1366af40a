/**
 * "Post lists": a new post list template; find the post list on a sheet (with a correctable column mapping,
 * remembered in the workbook); check it; build the impact tables and structure tables on new sheets.
 * State: postLists/state.ts (a reducer); work: postLists/actions.ts; this file lays out small panels.
 */
import { Button, Checkbox, Field, Select, Switch, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useReducer, useState } from "react";
import { formatMoney } from "../../core/money";
import { computeImpact, impactLayout, slottingSentence } from "../../core/posts/impact";
import { newPostListLayout, readPostList, type Post } from "../../core/posts/postList";
import { listScenarios } from "../../core/posts/scenarios";
import { allDirectorateStructures, structureLayout } from "../../core/posts/structureLayout";
import { listSheets, listTables, loadAddinSetting, readSheetSnapshot, saveAddinSetting, writeLayout } from "../../excel";
import type { AppliedEdit } from "../../excel";
import { ActionStatus } from "../components/ActionStatus";
import type { Ask } from "../components/ConfirmDialog";
import { CostingFields } from "../components/CostingFields";
import { OrgChartControl } from "../components/OrgChartControl";
import { TopPostSelect } from "../components/TopPostSelect";
import { FindingsPanel } from "../components/FindingsPanel";
import type { NoticeState } from "../components/Notice";
import { GradeTableField, useGradeTable, usePayYear } from "../gradeTable";
import { plural } from "../../core/words";
import { writeOwnedSheet, writeOwnedSheets } from "../ownedSheets";
import { excelProgress } from "../reading";
import { useLongTask, type LongTask } from "../useTask";
import { checkList, findList, listSources, mappingKey, saveListMapping, type Outcome, type PostListsExcel } from "../postLists/actions";
import { ACTIVE, SELECTION, TABLE, effectiveMapping, initialPostListsState, postListsReducer, topPostChoices, type PostListsAction, type PostListsState } from "../postLists/state";
import { MappingEditor } from "./MappingEditor";

export { mappingKey };

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end", minWidth: 0 },
  h: { fontSize: tokens.fontSizeBase400, margin: `${tokens.spacingVerticalM} 0 0` },
  pickers: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 200px), 1fr))", gap: tokens.spacingHorizontalS, minWidth: 0 },
  summary: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  grow: { flexGrow: 1, flexBasis: "100%", minWidth: 0, maxWidth: "100%", gridTemplateColumns: "minmax(0, 1fr)" },
  select: { width: "100%", minWidth: 0, maxWidth: "100%", "& select": { width: "100%", minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" } },
});

const EXCEL: PostListsExcel = { listSheets, listTables, readSheetSnapshot, loadAddinSetting, saveAddinSetting };

interface PanelProps {
  state: PostListsState;
  dispatch: (a: PostListsAction) => void;
  long: LongTask;
  notice: NoticeState | null;
  setNotice: (n: NoticeState | null) => void;
  ask: Ask;
  refresh: () => void;
}

function useOutcome(dispatch: (a: PostListsAction) => void, setNotice: (n: NoticeState | null) => void): (o: Outcome | undefined) => void {
  return useCallback(
    (o) => {
      if (!o) return;
      o.actions.forEach(dispatch);
      if (o.notice) setNotice(o.notice);
    },
    [dispatch, setNotice],
  );
}

/** Where the list is, and Find. */
function SourcePanel({ state, dispatch, long, notice, setNotice, refresh }: PanelProps): JSX.Element {
  const styles = useStyles();
  const busy = long.task !== null;
  const show = useOutcome(dispatch, setNotice);
  const gradeTable = useGradeTable();
  const load = async (): Promise<void> => show(await long.run("Finding the post list", (signal) => findList(EXCEL, state.source, state.tables, { signal }), "find"));
  const newList = async (): Promise<void> => {
    const out = await long.run("Creating a post list", (_s, progress) => writeLayout(newPostListLayout({ gradeTable }), { onProgress: excelProgress(progress) }), "new");
    if (out) {
      setNotice({ intent: "success", text: `Created the post list template on the sheet "${out.sheetName}": fill it in or paste your list under the headers. Grades come from ${gradeTable.label}.` });
      refresh();
    }
  };
  return (
    <>
      <div className={styles.actions}>
        <Button onClick={() => void newList()} disabled={busy}>
          New post list
        </Button>
      </div>
      <ActionStatus long={long} notice={notice} at="new" />
      <div className={styles.actions}>
        <Field label="Where is the post list?" className={styles.grow} validationState={state.listingError ? "warning" : "none"} validationMessage={state.listingError ?? undefined}>
          <Select className={styles.select} value={state.source} onChange={(_, d) => dispatch({ type: "source", source: d.value })} disabled={busy} onFocus={refresh}>
            <option value={ACTIVE}>The active sheet</option>
            <option value={SELECTION}>The selected cells (a table)</option>
            {state.tables.map((t) => (
              <option key={`table:${t.name}`} value={`${TABLE}${t.name}`}>
                Table: {t.name} ({t.sheet}!{t.address})
              </option>
            ))}
            {state.sheets.map((s) => (
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
      <ActionStatus long={long} notice={notice} at="find" />
    </>
  );
}

/** Columns: the mapping editor, Save and Reset. */
function MappingPanel({ state, dispatch, long, notice, setNotice }: PanelProps): JSX.Element | null {
  const styles = useStyles();
  const show = useOutcome(dispatch, setNotice);
  const list = state.list;
  if (!list) return null;
  const busy = long.task !== null;
  const save = async (): Promise<void> => show(await long.run("Saving the mapping", () => saveListMapping(EXCEL, list, state.overrides), "mapping"));
  const reset = async (): Promise<void> => {
    const ok = await long.run("Resetting the mapping", async () => {
      await saveAddinSetting(mappingKey(list.snapshot.name), undefined);
      return findList(EXCEL, list.fromSelection ? SELECTION : list.snapshot.name, state.tables);
    }, "mapping");
    if (ok) {
      ok.actions.forEach(dispatch);
      setNotice({ intent: "success", text: "Using the mapping the add-in detects from the headers." });
    }
  };
  return (
    <section aria-labelledby="pl-columns">
      <h2 className={styles.h} id="pl-columns">
        Columns
      </h2>
      <MappingEditor
        match={list.parsed.match}
        originCol={list.snapshot.origin.col}
        overrides={state.overrides}
        onChange={(overrides) => dispatch({ type: "overrides", overrides })}
        onSave={() => void save()}
        onReset={() => void reset()}
        disabled={busy}
        saved={list.saved !== null}
      />
      <ActionStatus long={long} notice={notice} at="mapping" />
    </section>
  );
}

/** Scenarios, salary point, pay year and the grade table. */
function ChoicesPanel({ state, dispatch, long, posts }: PanelProps & { posts: readonly Post[] }): JSX.Element {
  const styles = useStyles();
  const [year, setYear] = usePayYear();
  const busy = long.task !== null;
  const scenarioNames = useMemo(() => listScenarios(posts), [posts]);
  return (
    <section aria-labelledby="pl-choices">
      <h2 className={styles.h} id="pl-choices">
        Choices
      </h2>
      {scenarioNames.length > 0 ? (
        <fieldset>
          <legend>Scenarios that go ahead</legend>
          {scenarioNames.map((s) => (
            <Checkbox
              key={s}
              label={s}
              checked={state.scenarios.includes(s)}
              disabled={busy}
              onChange={(_, d) => dispatch({ type: "scenarios", scenarios: d.checked ? [...state.scenarios, s] : state.scenarios.filter((x) => x !== s) })}
            />
          ))}
        </fieldset>
      ) : (
        <p>No conditional changes (scenario column) in this list.</p>
      )}
      <div className={styles.pickers}>
        <CostingFields point={state.point} year={year} onPointChange={(point) => dispatch({ type: "point", point })} onYearChange={setYear} disabled={busy} />
      </div>
      <GradeTableField disabled={busy} />
    </section>
  );
}

/** Check the list (with the mapping on screen), findings and fixes. */
function CheckPanel(props: PanelProps): JSX.Element | null {
  const { state, dispatch, long, notice, setNotice } = props;
  const styles = useStyles();
  const show = useOutcome(dispatch, setNotice);
  const gradeTable = useGradeTable();
  const [applied, setApplied] = useState<AppliedEdit[] | null>(null);
  const lastApplied = useMemo(() => ({ applied, set: setApplied }), [applied]);
  const list = state.list;
  if (!list) return null;
  const busy = long.task !== null;
  const unsaved = effectiveMapping(list, state.overrides).unsaved;
  const check = async (before?: string): Promise<void> => {
    if (!before) setApplied(null);
    show(await long.run("Checking the post list", (signal) => checkList(EXCEL, list, state.overrides, { scenarios: state.scenarios, gradeTable, signal, before }), before ? "fixes" : "check"));
  };
  return (
    <section aria-labelledby="pl-check">
      <h2 className={styles.h} id="pl-check">
        Check
      </h2>
      <div className={styles.actions}>
        <Button onClick={() => void check()} disabled={busy}>
          {unsaved ? "Check post list (with unsaved columns)" : "Check post list"}
        </Button>
      </div>
      <ActionStatus long={long} notice={notice} at="check" />
      {state.checked ? (
        <FindingsPanel
          key={state.checked.run}
          findings={state.checked.findings}
          snapshots={[state.checked.snapshot]}
          long={long}
          notice={notice}
          setNotice={setNotice}
          lastApplied={lastApplied}
          onFixed={(s) => void check(s)}
        />
      ) : null}
    </section>
  );
}

/** Impact tables and structure tables. */
function TablesPanel({ state, dispatch, long, notice, setNotice, ask, refresh, posts }: PanelProps & { posts: readonly Post[] }): JSX.Element | null {
  const styles = useStyles();
  const gradeTable = useGradeTable();
  const [year] = usePayYear();
  const list = state.list;
  const tops = useMemo(() => topPostChoices(posts, state.scenarios), [posts, state.scenarios]);
  if (!list) return null;
  const busy = long.task !== null;
  const buildImpact = async (): Promise<void> => {
    const impact = computeImpact(posts, { scenario: state.scenarios, point: state.point, year, gradeTable });
    const name = await long.run("Building the impact tables", (_s, progress) =>
      writeOwnedSheet(impactLayout(impact, { sheetName: `Impact ${list.snapshot.name}` }), { key: `impact:${list.snapshot.name}`, ask, title: `Impact ${list.snapshot.name}`, onProgress: excelProgress(progress) }),
    "impact");
    if (!name) return;
    const lines = [
      impact.sentence,
      `Full-year cost change: ${formatMoney(impact.fullYearCostChange)}${impact.fullYearCostChange < 0 ? " (a saving)" : ""}.`,
      slottingSentence(impact.slotting),
    ];
    if (impact.excluded.length) lines.push(`${plural(impact.excluded.length, "post")} left out of the figures: the notes on the sheet say why.`);
    dispatch({ type: "impact", lines });
    setNotice({ intent: "success", text: `Wrote the impact tables to the sheet "${name}".` });
    refresh();
  };
  const buildStructure = async (): Promise<void> => {
    const top = tops.find((p) => p.id === state.topId);
    if (!top) return;
    const title = `Structure ${top.directorate !== "" ? top.directorate : top.title || top.id}`;
    const name = await long.run("Building the structure table", async (_s, progress) => {
      let layout;
      try {
        layout = structureLayout(posts, top.id, { scenario: state.scenarios, showGradeAndFte: state.detail, gradeTable });
      } catch (e) {
        const others = tops.filter((p) => p.id !== top.id).slice(0, 3).map((p) => `${p.title || p.id} (${p.id})`);
        throw new Error(`${e instanceof Error ? e.message : String(e)} Choose another top post${others.length ? `, such as ${others.join(", ")}` : ""}.`);
      }
      return writeOwnedSheet(layout, { key: `structure:${list.snapshot.name}:${top.id}`, ask, title, onProgress: excelProgress(progress) });
    }, "structure");
    if (name) {
      setNotice({ intent: "success", text: `Wrote the structure table to the sheet "${name}".` });
      refresh();
    }
  };
  const buildAll = async (): Promise<void> => {
    const directorates = [...new Set(posts.map((p) => p.directorate).filter((d) => d !== ""))];
    const names = await long.run("Building one structure table per directorate", async (signal, progress) => {
      const layouts = allDirectorateStructures(posts, { scenario: state.scenarios, showGradeAndFte: state.detail, gradeTable });
      // Every table in one Excel.run: one question, one read of the add-in's state, writes batched by size.
      const outputs = layouts.map((layout) => {
        const full = directorates.find((d) => `Structure ${d}`.startsWith(layout.name) || layout.name.startsWith(`Structure ${d}`));
        return { layout, key: `structure:${list.snapshot.name}:directorate:${layout.name}`, title: full ? `Structure ${full}` : undefined };
      });
      return (await writeOwnedSheets(outputs, { ask, signal, onProgress: excelProgress(progress) })) ?? [];
    }, "structure");
    if (names) {
      setNotice({ intent: "success", text: names.length ? `Wrote ${plural(names.length, "structure table")}: ${names.join(", ")}.` : "No directorate structure tables were written (no directorates in the list, or cancelled)." });
      refresh();
    }
  };
  return (
    <>
      <section aria-labelledby="pl-impact">
        <h2 className={styles.h} id="pl-impact">
          Impact tables
        </h2>
        <div className={styles.actions}>
          <Button onClick={() => void buildImpact()} disabled={busy}>
            Build impact tables
          </Button>
        </div>
        <ActionStatus long={long} notice={notice} at="impact" />
        {state.impactText ? (
          <ul className={styles.summary} data-testid="impact-summary">
            {state.impactText.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="pl-structure">
        <h2 className={styles.h} id="pl-structure">
          Structure tables
        </h2>
        <div className={styles.actions}>
          <TopPostSelect
            label="Top post"
            hint="Posts in the structure after the proposals that have someone reporting to them."
            tops={tops}
            value={state.topId}
            onChange={(id) => dispatch({ type: "top", id })}
            emptyText="(no post has direct reports after the proposals)"
            disabled={busy}
          />
          <Switch label="Show grade and FTE" checked={state.detail} onChange={(_, d) => dispatch({ type: "detail", on: d.checked })} disabled={busy} />
        </div>
        <div className={styles.actions}>
          <Button onClick={() => void buildStructure()} disabled={busy || !tops.some((p) => p.id === state.topId)}>
            Build structure table
          </Button>
          <Button onClick={() => void buildAll()} disabled={busy || posts.length === 0}>
            Build one per directorate
          </Button>
        </div>
        <ActionStatus long={long} notice={notice} at="structure" />
        <OrgChartControl posts={posts} scenarios={state.scenarios} long={long} notice={notice} setNotice={setNotice} />
      </section>
    </>
  );
}

export function PostLists({ ask }: { ask: Ask }): JSX.Element {
  const styles = useStyles();
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const long = useLongTask(setNotice);
  const [state, dispatch] = useReducer(postListsReducer, initialPostListsState);
  const refresh = useCallback(() => {
    void listSources(EXCEL).then(dispatch);
  }, []);
  useEffect(() => {
    refresh();
  }, [refresh]);
  // The columns on screen are the ones used, saved or not (the Check button and its notice say when unsaved).
  const posts = useMemo(() => {
    if (!state.list) return [];
    const { mapping, unsaved } = effectiveMapping(state.list, state.overrides);
    return (unsaved ? readPostList(state.list.snapshot, mapping)?.posts : state.list.parsed.posts) ?? [];
  }, [state.list, state.overrides]);
  const props: PanelProps = { state, dispatch, long, notice, setNotice, ask, refresh };
  return (
    <div className={styles.root}>
      <SourcePanel {...props} />
      {state.list ? (
        <>
          <MappingPanel {...props} />
          {posts.length > 0 ? (
            <>
              <ChoicesPanel {...props} posts={posts} />
              <CheckPanel {...props} />
              <TablesPanel {...props} posts={posts} />
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
