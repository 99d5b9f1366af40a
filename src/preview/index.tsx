/**
 * The development preview: the REAL task pane beside an in-memory workbook (the Excel API stand-in, with
 * HyperFormula calculating formulas), so the UI can be used and tested in a browser with no Excel.
 * Development builds only (webpack adds this entry in development mode): HyperFormula is GPL-3.0.
 */
import "./installRuntime";
import { createRoot } from "react-dom/client";
import { useCallback, useEffect, useState } from "react";
import { App, type ThemeChoice } from "../taskpane/App";
import { PROFILE_NAMES, browserClientSource, createExcelHost, type ExcelStandIn, type HostProfileName } from "../../test/standin/excel/browser";
import type { FunctionsJson } from "../../test/standin/budgetFunctionsPlugin";
import { installOfficeDocument } from "./officeDocument";
import { previewSheets } from "./seed";
import { WorkbookView } from "./WorkbookView";
import type { RawRun } from "./workbookModel";
import { STYLES } from "./styles";

type Listener = () => void;

interface PreviewHandle {
  standIn: ExcelStandIn;
  run: RawRun;
  listeners: Set<Listener>;
  budgetFunctions: boolean;
}

/** What the browser tests read from the page (window.budgetPreview). */
export interface PreviewApi {
  values(sheet: string, address: string): unknown[][];
  formulas(sheet: string, address: string): unknown[][];
  sheetNames(): string[];
  selection(): { sheet: string; address: string };
  fill(sheet: string, cell: string): string | null;
  tables(): { name: string; sheet: string; address: string }[];
  merges(sheet: string): string[];
  createdWorkbooks(): number;
  /** The base64 .xlsx passed to Excel.createWorkbook, by order. */
  createdWorkbook(index: number): string;
  syncs(): number;
}

async function loadFunctionsMetadata(): Promise<FunctionsJson | undefined> {
  try {
    // The built functions.json beside this page (same origin): lets =BUDGET.* formulas calculate in the preview.
    const r = await fetch("functions.json");
    return r.ok ? ((await r.json()) as FunctionsJson) : undefined;
  } catch {
    return undefined;
  }
}

function previewProfile(): HostProfileName {
  const asked = new URLSearchParams(window.location.search).get("profile");
  return PROFILE_NAMES.find((p) => p === asked) ?? "web";
}

async function createPreview(): Promise<PreviewHandle> {
  const metadata = await loadFunctionsMetadata();
  // Office's own Excel client, loaded into this page; the simulated host answers its requests.
  const source = await browserClientSource();
  const build = (withFunctions: boolean): ExcelStandIn => {
    const sheets = previewSheets(withFunctions);
    const standIn = createExcelHost(source, {
      sheets: Object.fromEntries(sheets.map((s) => [s.name, s.rows])),
      budgetFunctions: withFunctions ? metadata : undefined,
      // ?latency=ms slows every sync, like Excel on the web on a slow connection (to try progress and Cancel).
      latencyMs: Math.min(5_000, Math.max(0, Number(new URLSearchParams(window.location.search).get("latency") ?? 15) || 0)),
      // ?profile=windows-2021 (or windows-m365, mac-16.45): the host answers as that Excel would (default: the web).
      profile: previewProfile(),
    });
    for (const s of sheets) for (const [cell, numberFormat] of Object.entries(s.numberFormats ?? {})) standIn.setFormat(s.name, cell, { numberFormat });
    return standIn;
  };
  let standIn: ExcelStandIn;
  let budgetFunctions = metadata !== undefined;
  try {
    standIn = build(budgetFunctions);
  } catch (e) {
    console.warn("BUDGET functions could not be registered in the preview; continuing without them.", e);
    budgetFunctions = false;
    standIn = build(false);
  }
  standIn.install();
  const ns = standIn.Excel;
  const raw = ns.run.bind(ns) as (a: unknown, b?: unknown) => Promise<unknown>;
  const listeners = new Set<Listener>();
  // Every Excel.run the task pane makes re-draws the workbook view when it finishes.
  ns.run = (async (a: unknown, b?: unknown) => {
    try {
      // Office's Excel.run counts its arguments: pass only the ones given.
      return await (b === undefined ? raw(a) : raw(a, b));
    } finally {
      listeners.forEach((l) => l());
    }
  }) as typeof ns.run;
  const createWorkbook = ns.createWorkbook.bind(ns);
  ns.createWorkbook = async (base64?: string) => {
    try {
      await createWorkbook(base64);
    } finally {
      listeners.forEach((l) => l());
    }
  };
  const run: RawRun = (batch) => raw(batch) as Promise<never>;
  installOfficeDocument(standIn, run);
  const api: PreviewApi = {
    values: (sheet, address) => standIn.getValues(sheet, address),
    formulas: (sheet, address) => standIn.getFormulas(sheet, address),
    sheetNames: () => standIn.sheetNames(),
    selection: () => standIn.selection(),
    fill: (sheet, cell) => standIn.getFormat(sheet, cell).fill,
    tables: () => standIn.tables(),
    merges: (sheet) => standIn.sheetInfo(sheet).merges,
    createdWorkbooks: () => standIn.createdWorkbooks().length,
    createdWorkbook: (index) => standIn.createdWorkbooks()[index] ?? "",
    syncs: () => standIn.stats.syncs,
  };
  (window as unknown as { budgetPreview: PreviewApi }).budgetPreview = api;
  return { standIn, run, listeners, budgetFunctions };
}

function initialTheme(): ThemeChoice {
  const q = new URLSearchParams(window.location.search).get("theme");
  if (q === "dark" || q === "light") return q;
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function base64Link(base64: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
}

function Preview({ handle }: { handle: PreviewHandle }): JSX.Element {
  const [theme, setTheme] = useState<ThemeChoice>(initialTheme);
  const [version, setVersion] = useState(0);
  const [created, setCreated] = useState<string[]>([]);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    const l = (): void => {
      bump();
      setCreated(handle.standIn.createdWorkbooks());
    };
    handle.listeners.add(l);
    return () => {
      handle.listeners.delete(l);
    };
  }, [handle, bump]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className={`pv pv-${theme}`}>
      <header className="pv-banner" role="banner">
        <strong>Preview — in-memory workbook, not Excel.</strong>
        <span> Office's own Excel client talks to a simulated host ({handle.standIn.profile.label}).</span>
        <span> The task pane on the left is the real one; the workbook on the right lives in this page only (formulas calculated by HyperFormula){handle.budgetFunctions ? "" : "; BUDGET functions are not loaded"}. Reload to start again.</span>
        <button type="button" className="pv-theme" onClick={() => setTheme(theme === "dark" ? "light" : "dark")} aria-pressed={theme === "dark"}>
          Dark theme
        </button>
      </header>
      <div className="pv-main">
        <aside className="pv-pane" aria-label="Task pane">
          <App theme={theme} />
        </aside>
        <section className="pv-book" aria-label="In-memory workbook">
          <WorkbookView standIn={handle.standIn} run={handle.run} version={version} onChanged={bump} />
          {created.length > 0 ? (
            <div className="pv-created" data-testid="created-workbooks">
              <strong>Workbooks the add-in opened (Excel.createWorkbook):</strong>
              <ul>
                {created.map((b, i) => (
                  <li key={i}>
                    <a href={base64Link(b)} download={`Opened workbook ${i + 1}.xlsx`}>
                      Workbook {i + 1} ({Math.round((b.length * 3) / 4 / 1024)} KB)
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      </div>
    </div>
  );
}

const style = document.createElement("style");
style.textContent = STYLES;
document.head.appendChild(style);

const container = document.getElementById("root");
if (container) {
  void createPreview().then(
    (handle) => createRoot(container).render(<Preview handle={handle} />),
    (e: unknown) => {
      container.textContent = `The preview could not start: ${e instanceof Error ? e.message : String(e)}`;
      console.error(e);
    },
  );
}
