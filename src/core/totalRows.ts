/**
 * Total rows: the one place that decides whether a row label says "this row adds up the rows above it".
 * RANGETOTAL, RANGEGAP and POSTDELTA (src/functions), the budget-sheet checker (src/core/checks/tables.ts)
 * and post-list reading (src/core/posts/postList.ts) all ask here, so a "Grand total" row is left out of a
 * sum by the functions exactly when the checker treats it as a total.
 *
 * The rule, on the label with surrounding spaces and a trailing colon dropped (case does not matter):
 * 1. The total words are "total", "totals", "sub-total", "sub total", "subtotal" (and their plurals),
 *    optionally after "grand": "Total", "Totals", "Grand total", "Sub-total", "Subtotal:".
 * 2. A label that is one of those words alone is a total.
 * 3. A label that ends with a total word names the group it adds up: "Frontline total", "Directorate
 *    totals", "Net total". A total.
 * 4. A label that starts with a total word followed by the group's name is a total: "Total frontline
 *    services", "Total FTE", "Grand total all directorates", "Sub-total Corporate support".
 * 5. Except a measure of something: "total" followed by one word and then "of" ("Total cost of posts",
 *    "Total number of managers", "Total value of contracts") describes a quantity, which is how a line
 *    names itself (a savings stream that reduces the total cost of posts; a post list row about one), not
 *    a row that adds up the rows above it. "Total of the above" (no measure word) is still a total.
 * 6. Anything else is not a total, including words that merely start like one ("Totally Kent", "Totalling
 *    services") and labels with "total" in the middle ("Service total cost review").
 *
 * Callers add their own context on top (a post-list row that has a post id is a post whatever its title).
 */

const TOTAL_WORD = String.raw`(?:grand\s+)?(?:sub[-\s]?)?totals?`;
const ALONE = new RegExp(String.raw`^${TOTAL_WORD}$`, "i");
const ENDS = new RegExp(String.raw`\s${TOTAL_WORD}$`, "i");
const STARTS = new RegExp(String.raw`^${TOTAL_WORD}\s+(\S+)(?:\s+(\S+))?`, "i");

/** True when a row with this label is a total or sub-total row (see the module doc for the rule). */
export function isTotalLabel(label: string): boolean {
  const t = label.replace(/[\s:]+/g, " ").trim();
  if (t === "") return false;
  if (ALONE.test(t) || ENDS.test(t)) return true;
  const m = STARTS.exec(t);
  if (!m) return false;
  const [, first, second] = m;
  // "Total of the above" is a total; "Total cost of posts" is a measure, so a line.
  if (first.toLowerCase() !== "of" && second !== undefined && second.toLowerCase() === "of") return false;
  return true;
}

/** True when the label names a grand total rather than a sub-total ("Grand total", "Total all services"). */
export function isGrandTotalLabel(label: string): boolean {
  return isTotalLabel(label) && (/^\s*grand\b/i.test(label) || /\ball\b/i.test(label));
}

/** The first text of a row that is a total label, or null: for rows whose label may sit in any column. */
export function totalLabelIn(cells: readonly unknown[]): string | null {
  for (const c of cells) if (typeof c === "string" && isTotalLabel(c)) return c.trim();
  return null;
}
