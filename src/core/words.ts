/**
 * Wording shared by every message the checks and post-list tools write: counts with their noun ("3 posts"),
 * FTEs, lists of sheet rows ("rows 5 to 9 and 12") and quoted labels. One wording, so the checker and the post
 * list say the same thing the same way.
 */

/** "1 post", "3 posts", "2 directories" (with `many`). Counts are written with thousands separators. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

const FTE = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

/** An FTE as a sentence writes it: to 2 decimal places at most, with thousands separators ("0.5", "1,250.75"). */
export function fteText(fte: number): string {
  return FTE.format(fte);
}

/**
 * Sheet rows (1-based row numbers, as Excel shows them) in words: "row 5", "rows 5 and 7", "rows 5 to 9",
 * "rows 2 to 4, 6 and 9 to 11"; duplicates are dropped and more than six runs end "and N more".
 */
export function describeRows(rows: readonly number[]): string {
  if (rows.length === 0) return "no rows";
  const sorted = [...rows].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else if (!last || r !== last[1]) runs.push([r, r]);
  }
  const parts = runs.slice(0, 6).flatMap(([a, b]) => (a === b ? [`${a}`] : b === a + 1 ? [`${a}`, `${b}`] : [`${a} to ${b}`]));
  if (runs.length > 6) parts.push(`${runs.length - 6} more`);
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  const count = runs.reduce((n, [a, b]) => n + b - a + 1, 0);
  return `${count === 1 ? "row" : "rows"} ${list}`;
}

/** A label in double quotes for a message, shortened to 60 characters. */
export function quote(text: string): string {
  const t = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `"${t}"`;
}
