/**
 * Writing the add-in's output sheets (reports, impact and structure tables): any number of layouts in one Excel.run,
 * so the state is read once and saved once and the round trips are those the bytes need. Each output remembers, in
 * the settings record, the sheet it last wrote (`sheet:<key>` -> name); building it again may replace THAT sheet when
 * it still carries the output marker (outputSheets.ts: the marker survives renames and reopening, unlike ids).
 * Before the first change the write records its intent (the sheets it is about to add); a write that stops half-way
 * is cleaned up by the next one (sheets it added that carry the marker are deleted).
 * Syncs: one to look at the workbook, one to read the settings and the candidate sheets' footers, then writes under
 * the request budget; the intent goes in the first write request and the final record in the last.
 */
import type { SheetLayout } from "../core/layout";
import { uniqueSheetName } from "../core/layout";
import { emptyState, probeState, queueStateRead, queueStateWrite } from "./addinState";
import { isOutputFooter } from "./outputSheets";
import { MEASURED_WRITE_BUDGET_BYTES, RequestBatcher, STATE_SHEET_NAME, assertCanAddSheets, runExcel, throwIfAborted } from "./runtime";
import { outputLabel, queueLayout, queueTakenTableNames } from "./writeLayout";
import type { ProgressCallback } from "./types";

const KEY_PREFIX = "sheet:";

export interface OutputSheet {
  layout: SheetLayout;
  /** What this output is, stable between builds ("check-report", "impact:Post list"). */
  key: string;
  /** The sheet name wanted in full, shortened by whole words (default the layout's name). Links to the layout's own sheet follow. */
  title?: string;
}

/** An output's earlier sheet still in the workbook, carrying the marker. */
export interface EarlierOutput {
  key: string;
  sheet: string;
}

export type EarlierAnswer = "replace" | "new" | "cancel";

export interface WriteOutputsOptions {
  /** Asked once when some outputs' earlier sheets are still there. Without it, new sheets are added. */
  decide?: (earlier: EarlierOutput[]) => Promise<EarlierAnswer>;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  /** Bytes allowed per request (default MEASURED_WRITE_BUDGET_BYTES, 4,600,000). */
  requestBudgetBytes?: number;
  /** Activate the first sheet written (default true). */
  activate?: boolean;
}

/** Write `outputs`, each to a new sheet or in place of its earlier one. Returns the sheet names in order, or null when the user cancelled. */
export async function writeOutputSheets(outputs: readonly OutputSheet[], options: WriteOutputsOptions = {}): Promise<string[] | null> {
  const budget = options.requestBudgetBytes ?? MEASURED_WRITE_BUDGET_BYTES;
  throwIfAborted(options.signal);
  // runExcel: waits for a cell edit to end (delayForCellEdit) and stops before the next sync once `signal` fires.
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name, items/id, items/position");
    const takenTableNames = queueTakenTableNames(context);
    const probe = probeState(context);
    await context.sync();
    assertCanAddSheets(probe.protection);
    const read = queueStateRead(probe);
    const visible = sheets.items.filter((s) => s.name !== STATE_SHEET_NAME);
    const footers = visible.map((s) => s.pageLayout.headersFooters.defaultForAllPages.load("leftFooter, centerFooter, rightFooter"));
    await context.sync();
    const state = read ? read.result() : emptyState();
    const marked = new Set(visible.filter((_, i) => isOutputFooter(`${footers[i].leftFooter} ${footers[i].centerFooter} ${footers[i].rightFooter}`)).map((s) => s.name.toLowerCase()));
    const ownSheet = (s: { name: string; id: string }): boolean => marked.has(s.name.toLowerCase()) || state.createdSheets.includes(s.id);

    // A write that stopped half-way: delete the sheets it added (those carrying the marker).
    const leftovers = (state.pending?.sheets ?? []).map((n) => visible.find((s) => s.name.toLowerCase() === n.toLowerCase())).filter((s): s is Excel.Worksheet => s !== undefined && marked.has(s.name.toLowerCase()));

    const earlier: (EarlierOutput & { ws: Excel.Worksheet })[] = [];
    for (const o of outputs) {
      const previous = state.settings[KEY_PREFIX + o.key];
      if (typeof previous !== "string") continue;
      const ws = visible.find((s) => s.name.toLowerCase() === previous.toLowerCase());
      if (ws && ownSheet(ws) && !leftovers.includes(ws)) earlier.push({ key: o.key, sheet: ws.name, ws });
    }
    let answer: EarlierAnswer = "new";
    if (earlier.length > 0 && options.decide) answer = await options.decide(earlier.map(({ key, sheet }) => ({ key, sheet })));
    if (answer === "cancel") return null;
    throwIfAborted(options.signal);

    // Names: replaced sheets keep theirs; new ones are unique among what will remain.
    const leaving = new Set([...leftovers.map((s) => s.id), ...(answer === "replace" ? earlier.map((e) => e.ws.id) : [])]);
    const taken = visible.filter((s) => !leaving.has(s.id)).map((s) => s.name);
    const plan = outputs.map((o) => {
      const replace = answer === "replace" ? earlier.find((e) => e.key === o.key)?.ws : undefined;
      const name = replace ? replace.name : uniqueSheetName(o.title ?? o.layout.name, taken);
      taken.push(name);
      return { output: o, name, replace };
    });

    const batch = new RequestBatcher(context, budget, options.signal);
    // The intent first: the sheets this write adds.
    state.pending = { sheets: plan.map((p) => p.name), started: new Date().toISOString() };
    await batch.reserve(queueStateWrite(context, probe, state));
    for (const s of leftovers) s.delete();
    const tableNames = takenTableNames();
    const written: Excel.Worksheet[] = [];
    for (let i = 0; i < plan.length; i++) {
      const { output, name, replace } = plan[i];
      options.onProgress?.({ phase: "writing", done: i, total: plan.length, sheet: name });
      written.push(
        await queueLayout(context, batch, output.layout, { name, position: replace?.position, replaced: replace, output: outputLabel(output.key), tableNames, budget }),
      );
    }
    if (options.activate !== false && written.length > 0) written[0].activate();
    // The final record: each output's sheet, no write pending.
    for (const p of plan) state.settings[KEY_PREFIX + p.output.key] = p.name;
    state.pending = null;
    await batch.reserve(queueStateWrite(context, probe, state));
    await batch.flush();
    options.onProgress?.({ phase: "saving", done: plan.length, total: plan.length });
    return written.map((w) => w.name);
  }, { signal: options.signal });
}
