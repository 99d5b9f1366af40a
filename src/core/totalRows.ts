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
 *
 * Rule 4 is the one a name can meet by chance: a service may be called "Total Facilities Management" or
 * "Total Place". `isDefiniteTotalLabel` says whether the label is a total by its form alone (rules 2 and 3,
 * "Grand total …", "Sub-total …", "Total of …"); for the other "Total X" labels a caller that can see the
 * row's figures should also ask whether they add up other rows (the budget-sheet checker does).
 */

const TOTAL_WORD = String.raw`(?:grand\s+)?(?:sub[-\s]?)?totals?`;
const ALONE = new RegExp(String.raw`^${TOTAL_WORD}$`, "i");
const ENDS = new RegExp(String.raw`\s${TOTAL_WORD}$`, "i");
/** Every total word holds these letters: a label without them is no total, found without cleaning it first. */
const TOTAL_HINT = /total/i;
const STARTS = new RegExp(String.raw`^${TOTAL_WORD}\s+(\S+)(?:\s+(\S+))?`, "i");

/** True when a row with this label is a total or sub-total row (see the module doc for the rule). */
export function isTotalLabel(label: string): boolean {
  if (!TOTAL_HINT.test(label)) return false; // every total word holds "total"; most labels are not totals
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

const MEASURE_WORD = String.raw`(?:gross|net|budgets?|savings?|amounts?|costs?|spend(?:ing)?|expenditure|income|fte|headcount|posts?|£\s*'?0*[km]?|£m|£000s?|potential|estimated|planned|forecast|annual|full[-\s]year|in\s+year|for|market|review|engagement)`;
const MEASURE = new RegExp(String.raw`^totals?(?:\s+${MEASURE_WORD})+$`, "i");
const PREFIXED = new RegExp(String.raw`^(?:grand\s+|sub[-\s]?)`, "i");

/**
 * True when the label is a total by its form alone: a total word alone ("Total", "Sub-total:"), a label
 * ending with one ("Frontline total"), one starting "Grand total" or "Sub-total" ("Grand total all
 * directorates", "Sub-total Corporate support"), "Total of …", "Total: …", "Total (£000)", or "Total" and what the
 * figures measure ("Total savings", "Total net budget £000", "Total FTE"). False for "Total X" labels that a
 * service's name can also take ("Total frontline services", "Total Facilities Management"), and for labels
 * that are not totals at all.
 */
export function isDefiniteTotalLabel(label: string): boolean {
  const t = label.replace(/[\s:]+/g, " ").trim();
  if (!isTotalLabel(t)) return false;
  if (ALONE.test(t) || ENDS.test(t) || PREFIXED.test(t)) return true;
  // "Total of the above", "Total: Frontline", "Total (£000)", and "Total" followed by what the figures
  // measure ("Total savings", "Total net budget", "Total FTE"): no service is named like that.
  return /^totals?\s+(?:of|for\s+all|all)\b|^totals?\s*\(/i.test(t) || /^\s*totals?\s*:/i.test(label) || MEASURE.test(t);
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
