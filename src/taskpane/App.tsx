/**
 * The task pane: four sections in tabs. Mounted by index.tsx inside Excel, and by the preview page beside an
 * in-memory workbook. The theme follows Office's (dark or light), or the system's where Office gives none.
 */
import { FluentProvider, Tab, TabList, makeStyles, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { Suspense, useEffect, useState } from "react";
import { NAVIGATE_EVENT, takePendingSection, type PaneSection } from "../commands/ribbon";
import { AnnounceProvider } from "./announce";
import { officeThemeIsDark } from "./boot";
import { useConfirm } from "./components/ConfirmDialog";
import { CheckSheets } from "./sections/CheckSheets";
import type { Ask } from "./components/ConfirmDialog";
import { GradeTableProvider, GradeTableStatement, useGradeTableSource } from "./gradeTable";
import { ChunkBoundary, lazyChunk, type LazyChunk } from "./lazyChunk";
import { ADDIN_VERSION } from "./version";

// The first tab ships with the pane; the others load the first time they are opened (their own chunks). A tab whose
// chunk cannot be fetched says so, with Try again, and the other tabs go on working (lazyChunk.tsx).
const PostLists = lazyChunk(() => import(/* webpackChunkName: "tab-posts" */ "./sections/PostLists").then((m) => m.PostLists));
const MembersPack = lazyChunk(() => import(/* webpackChunkName: "tab-pack" */ "./sections/MembersPack").then((m) => m.MembersPack));
const FunctionsReference = lazyChunk(() => import(/* webpackChunkName: "tab-functions" */ "./sections/FunctionsReference").then((m) => m.FunctionsReference));

// Shown only once a grade table from the sheet is in use: loaded then.
const FormulaTableFix = lazyChunk(() => import(/* webpackChunkName: "formula-fix" */ "./components/FormulaTableFix").then((m) => m.FormulaTableFix));

/** The tabs' chunks (the first tab ships with the pane). */
const TAB_CHUNKS: Partial<Record<PaneSection, Pick<LazyChunk<never>, "resetIfFailed">>> = { posts: PostLists, pack: MembersPack, functions: FunctionsReference };

function FormulaTableFixWhenUsed({ ask }: { ask: Ask }): JSX.Element | null {
  const source = useGradeTableSource();
  if (!source) return null;
  return (
    <ChunkBoundary what="Making BUDGET formulas use the grade table" chunk={FormulaTableFix}>
      <Suspense fallback={null}>
        <FormulaTableFix.Component ask={ask} />
      </Suspense>
    </ChunkBoundary>
  );
}

export type ThemeChoice = "light" | "dark";

const useStyles = makeStyles({
  app: { minHeight: "100vh", boxSizing: "border-box", padding: tokens.spacingHorizontalM, backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalS}` },
  tabs: { marginBlockEnd: tokens.spacingVerticalM, flexWrap: "wrap" },
  version: { margin: `${tokens.spacingVerticalL} 0 0`, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  panel: {
    "& h2, & h3": { color: tokens.colorNeutralForeground1 },
    "& fieldset": { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, display: "flex", flexDirection: "column" },
    "& :focus-visible": { outlineOffset: "2px" },
  },
});

function systemPrefersDark(): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

/** The theme to use: the caller's choice, else Office's, else the system's. */
export function useThemeChoice(override?: ThemeChoice): ThemeChoice {
  const [system, setSystem] = useState<boolean>(systemPrefersDark);
  useEffect(() => {
    if (typeof window === "undefined" || typeof window.matchMedia !== "function") return;
    const mq = window.matchMedia("(prefers-color-scheme: dark)");
    const on = (): void => setSystem(mq.matches);
    mq.addEventListener("change", on);
    return () => mq.removeEventListener("change", on);
  }, []);
  if (override) return override;
  const office = officeThemeIsDark();
  return (office ?? system) ? "dark" : "light";
}

const TABS: { value: PaneSection; label: string }[] = [
  { value: "check", label: "Check sheets" },
  { value: "posts", label: "Post lists" },
  { value: "pack", label: "Members' pack" },
  { value: "functions", label: "Functions" },
];

export function App({ theme }: { theme?: ThemeChoice }): JSX.Element {
  const styles = useStyles();
  const choice = useThemeChoice(theme);
  const [tab, setTab] = useState<PaneSection>(() => takePendingSection() ?? "check");
  const [dialog, ask] = useConfirm();
  // Tabs opened so far stay mounted (hidden) so their state survives switching; the rest are not loaded yet.
  const [opened, setOpened] = useState<ReadonlySet<PaneSection>>(() => new Set([tab]));
  if (!opened.has(tab)) setOpened(new Set([...opened, tab]));
  useEffect(() => {
    const on = (e: Event): void => {
      const section = (e as CustomEvent<PaneSection>).detail;
      if (TABS.some((t) => t.value === section)) setTab(section);
      takePendingSection();
    };
    window.addEventListener(NAVIGATE_EVENT, on);
    return () => window.removeEventListener(NAVIGATE_EVENT, on);
  }, []);
  return (
    <FluentProvider theme={choice === "dark" ? webDarkTheme : webLightTheme} className={styles.app} data-theme={choice}>
      <h1 className={styles.title}>Budget Tools</h1>
      <TabList size="small" className={styles.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as PaneSection)} aria-label="Sections">
        {TABS.map((t) => (
          <Tab key={t.value} value={t.value} id={`tab-${t.value}`} aria-controls={`panel-${t.value}`}>
            {t.label}
          </Tab>
        ))}
      </TabList>
      <AnnounceProvider>
      <ChunkBoundary what="Budget Tools">
      <GradeTableProvider>
      <GradeTableStatement />
      <FormulaTableFixWhenUsed ask={ask} />
      {TABS.map((t) => (
        <div key={t.value} role="tabpanel" id={`panel-${t.value}`} aria-labelledby={`tab-${t.value}`} hidden={tab !== t.value} className={styles.panel}>
          {opened.has(t.value) ? (
            <ChunkBoundary what={t.label} chunk={TAB_CHUNKS[t.value]}>
              <Suspense fallback={<p role="status">Loading {t.label}…</p>}>
                {t.value === "check" ? <CheckSheets ask={ask} /> : null}
                {t.value === "posts" ? <PostLists.Component ask={ask} /> : null}
                {t.value === "pack" ? <MembersPack.Component ask={ask} /> : null}
                {t.value === "functions" ? <FunctionsReference.Component ask={ask} /> : null}
              </Suspense>
            </ChunkBoundary>
          ) : null}
        </div>
      ))}
      </GradeTableProvider>
      {dialog}
      </ChunkBoundary>
      </AnnounceProvider>
      <p className={styles.version} data-testid="version">
        Budget Tools {ADDIN_VERSION}
      </p>
    </FluentProvider>
  );
}
