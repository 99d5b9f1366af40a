/**
 * Highlighting flagged cells, and putting back exactly what was there. Before a cell is coloured, its fill
 * (pattern, colour) is saved in the workbook's add-in state; clearing restores it, unless the user has re-coloured
 * the cell since (then the user's colour stays). Syncs are bounded whatever the number of findings: one to list
 * sheets and find the state, one to read the state and current fills (chunked by request size), one to write
 * fills grouped by colour as multi-area ranges (chunked by address length) and save the state.
 */
import { cellAddress, parseRangeAddress } from "../core/a1";
import { LAYOUT_STYLES } from "../core/layout";
import { SEVERITY_ORDER, type Finding, type Severity } from "../core/findings";
import { probeState, queueStateRead, queueStateWrite, emptyState, type AddinState, type HighlightedCell, type HighlightedSheet, type SavedFill } from "./addinState";
import { DEFAULT_PAYLOAD_BUDGET_BYTES, excelApi, explainOfficeError } from "./runtime";
import type { ClearHighlightsResult, HighlightResult } from "./types";

/** Fill colours by severity: the same as the layouts' error/warning/info styles. */
export const HIGHLIGHT_COLOURS: Record<Severity, string> = {
  error: (LAYOUT_STYLES.error.fill ?? "#F8D7DA").toUpperCase(),
  warning: (LAYOUT_STYLES.warning.fill ?? "#FFF3CD").toUpperCase(),
  info: (LAYOUT_STYLES.info.fill ?? "#D1ECF1").toUpperCase(),
};

/**
 * Longest address list and most areas given to one worksheet.getRanges call. Excel refuses long lists with
 * "The argument is invalid" at an undocumented limit (failures reported from about 500 areas / 8,000 characters,
 * OfficeDev/office-js#5198), so we stay well under both.
 */
export const MAX_AREAS_ADDRESS_CHARS = 4_000;
export const MAX_AREAS_PER_CALL = 400;
/** Cells whose fill is read in one sync (each read is a small request item). */
export const MAX_FILL_READS_PER_SYNC = 10_000;

interface SheetRef {
  id: string;
  name: string;
}

/** Normalise "$b$12" to "B12" (a range gives its top-left cell); null when it is not an address. */
function normaliseCell(cell: string): string | null {
  try {
    const r = parseRangeAddress(cell);
    return cellAddress(r.row, r.col);
  } catch {
    return null;
  }
}

/** Group addresses into comma-joined lists of at most `max` characters and `maxAreas` areas. */
export function addressLists(cells: readonly string[], max = MAX_AREAS_ADDRESS_CHARS, maxAreas = MAX_AREAS_PER_CALL): string[] {
  const out: string[] = [];
  let cur = "";
  let areas = 0;
  for (const c of cells) {
    if (cur !== "" && (cur.length + 1 + c.length > max || areas >= maxAreas)) {
      out.push(cur);
      cur = "";
      areas = 0;
    }
    cur = cur === "" ? c : `${cur},${c}`;
    areas++;
  }
  if (cur !== "") out.push(cur);
  return out;
}

function sameColour(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a ?? "").toUpperCase() === (b ?? "").toUpperCase();
}

/** Read the fills of many cells, in syncs of bounded size. */
async function readFills(context: Excel.RequestContext, cells: { sheetId: string; cell: string }[]): Promise<Map<string, SavedFill>> {
  const out = new Map<string, SavedFill>();
  for (let i = 0; i < cells.length; i += MAX_FILL_READS_PER_SYNC) {
    const batch = cells.slice(i, i + MAX_FILL_READS_PER_SYNC).map((c) => {
      const fill = context.workbook.worksheets.getItem(c.sheetId).getRange(c.cell).format.fill.load("color, pattern, patternColor");
      return { key: `${c.sheetId}!${c.cell}`, fill };
    });
    await context.sync();
    for (const { key, fill } of batch) {
      const pattern = typeof fill.pattern === "string" ? fill.pattern : "None";
      out.set(key, { pattern, color: (fill.color ?? "#FFFFFF").toUpperCase(), patternColor: fill.patternColor ?? undefined });
    }
  }
  return out;
}

/** What to write: per sheet, cells to colour (by colour) and cells to put back (by original fill). */
interface FillPlan {
  sheetId: string;
  colour: Map<string, string[]>;
  restore: Map<string, { fill: SavedFill; cells: string[] }>;
}

/** Queue the fill writes, syncing whenever the request grows near the budget. Returns the syncs made. */
async function writeFills(context: Excel.RequestContext, plans: FillPlan[], afterLast: () => number): Promise<void> {
  let bytes = 0;
  const flushIfNeeded = async (next: number): Promise<void> => {
    if (bytes + next > DEFAULT_PAYLOAD_BUDGET_BYTES && bytes > 0) {
      await context.sync();
      bytes = 0;
    }
    bytes += next;
  };
  for (const plan of plans) {
    const sheet = context.workbook.worksheets.getItem(plan.sheetId);
    for (const { fill, cells } of plan.restore.values()) {
      for (const list of addressLists(cells)) {
        await flushIfNeeded(list.length + 200);
        const areas = sheet.getRanges(list);
        if (fill.pattern === "None") areas.format.fill.clear();
        else {
          areas.format.fill.color = fill.color;
          if (fill.pattern !== "Solid") {
            areas.format.fill.pattern = fill.pattern as Excel.FillPattern;
            if (fill.patternColor) areas.format.fill.patternColor = fill.patternColor;
          }
        }
      }
    }
    for (const [colour, cells] of plan.colour) {
      for (const list of addressLists(cells)) {
        await flushIfNeeded(list.length + 300);
        const fill = sheet.getRanges(list).format.fill;
        fill.pattern = "Solid"; // a patterned cell becomes plainly coloured (its pattern is saved)
        fill.color = colour;
      }
    }
  }
  await flushIfNeeded(afterLast());
  await context.sync();
}

/**
 * Colour the cells of `findings` by severity (error, warning, info: the most severe wins on a cell), saving each
 * cell's previous fill in the workbook first. Cells highlighted by an earlier check and no longer flagged are put
 * back. Findings on sheets that no longer exist are skipped.
 */
export async function highlightFindings(findings: readonly Finding[]): Promise<HighlightResult> {
  try {
    return await highlightRun(findings);
  } catch (e) {
    throw explainOfficeError(e, "colour the flagged cells");
  }
}

async function highlightRun(findings: readonly Finding[]): Promise<HighlightResult> {
  const Excel = excelApi();
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name, items/id");
    const probe = probeState(context);
    await context.sync();
    const byName = new Map<string, SheetRef>(sheets.items.map((s) => [s.name.toLowerCase(), { id: s.id, name: s.name }]));
    const byId = new Map<string, SheetRef>(sheets.items.map((s) => [s.id, { id: s.id, name: s.name }]));

    // Wanted highlights: sheet id -> cell -> severity.
    const wanted = new Map<string, Map<string, Severity>>();
    let skipped = 0;
    for (const f of findings) {
      const sheet = byName.get(f.sheet.toLowerCase());
      const cell = normaliseCell(f.cell);
      if (!sheet || cell === null) {
        skipped++;
        continue;
      }
      const cells = wanted.get(sheet.id) ?? new Map<string, Severity>();
      const prev = cells.get(cell);
      if (prev === undefined || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[prev]) cells.set(cell, f.severity);
      wanted.set(sheet.id, cells);
    }

    // Nothing to colour and no earlier highlights: leave the workbook exactly as it is.
    if (wanted.size === 0 && probe.sheet.isNullObject) return { highlighted: 0, restored: 0, skipped };
    const read = queueStateRead(probe);
    if (read) await context.sync();
    const state: AddinState = read ? read.result() : emptyState();
    const previous = new Map<string, Map<string, HighlightedCell>>();
    for (const h of state.highlights) if (byId.has(h.sheetId)) previous.set(h.sheetId, new Map(h.cells.map((c) => [c.cell, c])));

    // Current fills of every cell involved (new and previously highlighted).
    const involved: { sheetId: string; cell: string }[] = [];
    const seen = new Set<string>();
    const addInvolved = (sheetId: string, cell: string): void => {
      const key = `${sheetId}!${cell}`;
      if (seen.has(key)) return;
      seen.add(key);
      involved.push({ sheetId, cell });
    };
    for (const [sheetId, cells] of wanted) for (const cell of cells.keys()) addInvolved(sheetId, cell);
    for (const [sheetId, cells] of previous) for (const cell of cells.keys()) addInvolved(sheetId, cell);
    const current = await readFills(context, involved);

    const plans: FillPlan[] = [];
    const newHighlights: HighlightedSheet[] = [];
    let restored = 0;
    let highlighted = 0;
    const sheetIds = new Set([...wanted.keys(), ...previous.keys()]);
    for (const sheetId of sheetIds) {
      const plan: FillPlan = { sheetId, colour: new Map(), restore: new Map() };
      const want = wanted.get(sheetId) ?? new Map<string, Severity>();
      const before = previous.get(sheetId) ?? new Map<string, HighlightedCell>();
      const kept: HighlightedCell[] = [];
      for (const [cell, severity] of want) {
        const colour = HIGHLIGHT_COLOURS[severity];
        const now = current.get(`${sheetId}!${cell}`) ?? { pattern: "None", color: "#FFFFFF" };
        const earlier = before.get(cell);
        // Still showing our earlier colour: the original is the one saved then. Otherwise what is there now is the user's.
        const original = earlier && now.pattern === "Solid" && sameColour(now.color, earlier.applied) ? earlier.original : now;
        kept.push({ cell, applied: colour, original });
        const list = plan.colour.get(colour) ?? [];
        list.push(cell);
        plan.colour.set(colour, list);
        highlighted++;
      }
      for (const [cell, earlier] of before) {
        if (want.has(cell)) continue;
        const now = current.get(`${sheetId}!${cell}`);
        if (!now || now.pattern !== "Solid" || !sameColour(now.color, earlier.applied)) continue; // the user changed it
        const key = JSON.stringify(earlier.original);
        const group = plan.restore.get(key) ?? { fill: earlier.original, cells: [] };
        group.cells.push(cell);
        plan.restore.set(key, group);
        restored++;
      }
      plans.push(plan);
      if (kept.length) newHighlights.push({ sheetId, sheet: byId.get(sheetId)?.name ?? "", cells: kept });
    }
    state.highlights = newHighlights;
    await writeFills(context, plans, () => queueStateWrite(context, probe, state));
    return { highlighted, restored, skipped };
  });
}

/**
 * Put back the fill every highlighted cell had before the add-in coloured it (including "no fill"). A cell the
 * user has re-coloured since keeps the user's colour. Removes the highlight record from the workbook.
 */
export async function clearHighlights(): Promise<ClearHighlightsResult> {
  try {
    return await clearRun();
  } catch (e) {
    throw explainOfficeError(e, "clear the highlights");
  }
}

async function clearRun(): Promise<ClearHighlightsResult> {
  const Excel = excelApi();
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets.load("items/id");
    const probe = probeState(context);
    await context.sync();
    const read = queueStateRead(probe);
    if (!read) return { restored: 0, keptUserFill: 0, missing: 0 };
    await context.sync();
    const state = read.result();
    if (state.highlights.length === 0) return { restored: 0, keptUserFill: 0, missing: 0 };
    const ids = new Set(sheets.items.map((s) => s.id));
    let missing = 0;
    const present = state.highlights.filter((h) => {
      if (ids.has(h.sheetId)) return true;
      missing += h.cells.length;
      return false;
    });
    const current = await readFills(context, present.flatMap((h) => h.cells.map((c) => ({ sheetId: h.sheetId, cell: c.cell }))));
    let restored = 0;
    let keptUserFill = 0;
    const plans: FillPlan[] = present.map((h) => {
      const plan: FillPlan = { sheetId: h.sheetId, colour: new Map(), restore: new Map() };
      for (const c of h.cells) {
        const now = current.get(`${h.sheetId}!${c.cell}`);
        if (!now || now.pattern !== "Solid" || !sameColour(now.color, c.applied)) {
          keptUserFill++;
          continue;
        }
        const key = JSON.stringify(c.original);
        const group = plan.restore.get(key) ?? { fill: c.original, cells: [] };
        group.cells.push(c.cell);
        plan.restore.set(key, group);
        restored++;
      }
      return plan;
    });
    state.highlights = [];
    await writeFills(context, plans, () => queueStateWrite(context, probe, state));
    return { restored, keptUserFill, missing };
  });
}
