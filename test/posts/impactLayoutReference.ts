/**
 * impactLayout as it was at commit 202f840 (its cells grown by push): the reference
 * test/posts/impactLayoutSame.test.ts holds the current one to, cell for cell.
 */
import { cellAddress } from "../../src/core/a1";
import { financialYearLabel } from "../../src/core/financialYear";
import type { LayoutCell, SheetLayout } from "../../src/core/layout";
import { formatMoney } from "../../src/core/money";
import { salaryPointText, SLOTTING_CANDIDATES_NAMED, type ImpactLayoutMap, type ImpactLayoutOptions, type PostImpact, type SlottingCandidate } from "../../src/core/posts/impact";
import { parseScenarioTag } from "../../src/core/posts/scenarios";
import { SLOTTING_SIMILARITY } from "../../src/core/slotting";
import { plural } from "../../src/core/words";
import { LayoutCells } from "../../src/core/layoutCells";

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function referenceImpactLayout(impact: PostImpact, options: ImpactLayoutOptions = {}): SheetLayout & { map: ImpactLayoutMap } {
  const cells: LayoutCell[] = [];
  const put = (row: number, col: number, value: string | number | null, style?: LayoutCell["style"]): void => {
    cells.push(style ? { row, col, value, style } : { row, col, value });
  };
  const formula = (row: number, col: number, f: string, result: number, style: LayoutCell["style"]): void => {
    cells.push({ row, col, formula: f, result, style });
  };
  const A = (row: number, col: number): string => cellAddress(row, col);
  const c = impact.costing;
  const scen = impact.scenario.length ? ` Scenario: ${impact.scenario.join(", ")}.` : "";
  put(0, 0, options.title ?? "Restructure impact", "title");
  put(
    1,
    0,
    `Full-year costs at ${salaryPointText(c.point)} of the ${financialYearLabel(c.year)} pay ranges, with employer on-costs; grade table: ${c.tableLabel}.${scen}${c.projection ? ` PROJECTED: ${c.projection}` : ""}`,
    "subtitle",
  );
  let row = 3;

  // Posts impacted.
  put(row++, 0, "Posts impacted", "title");
  ["Post title", "Grade", "Existing number of posts (FTE)", "Impact of proposal"].forEach((h, col) => put(row, col, h, "header"));
  row++;
  const impFirst = row;
  if (impact.impacted.length === 0) put(row++, 0, "No posts are deleted or amended.", "note");
  for (const r of impact.impacted) {
    put(row, 0, r.title, "bodyWrap");
    put(row, 1, r.grade, "body");
    put(row, 2, r.fte, "fte");
    put(row, 3, r.impact, "bodyWrap");
    row++;
  }
  const impTotal = impact.impacted.reduce((s, r) => s + r.fte, 0);
  put(row, 0, "Total", "total");
  put(row, 1, null, "total");
  if (impact.impacted.length) formula(row, 2, `=SUM(${A(impFirst, 2)}:${A(row - 1, 2)})`, round6(impTotal), "totalFte");
  else put(row, 2, 0, "totalFte");
  put(row, 3, null, "total");
  const impactedTotal = { row, col: 2 };
  row += 2;

  // New posts.
  put(row++, 0, "New posts", "title");
  ["Post title", "Grade", "Number of posts (FTE)"].forEach((h, col) => put(row, col, h, "header"));
  row++;
  const newFirst = row;
  if (impact.newPosts.length === 0) put(row++, 0, "No new posts.", "note");
  for (const r of impact.newPosts) {
    put(row, 0, r.title, "bodyWrap");
    put(row, 1, r.grade, "body");
    put(row, 2, r.fte, "fte");
    row++;
  }
  const newTotal = impact.newPosts.reduce((s, r) => s + r.fte, 0);
  put(row, 0, "Total", "total");
  put(row, 1, null, "total");
  if (impact.newPosts.length) formula(row, 2, `=SUM(${A(newFirst, 2)}:${A(row - 1, 2)})`, round6(newTotal), "totalFte");
  else put(row, 2, 0, "totalFte");
  const newTotalCell = { row, col: 2 };
  row += 2;

  // Summary by grade (the DELTATABLE columns).
  put(row++, 0, "Summary by grade", "title");
  ["Grade", "Posts before", "Posts after", "Change", "FTE change", "Full-year cost change"].forEach((h, col) => put(row, col, h, "header"));
  row++;
  const sumFirst = row;
  for (const g of impact.byGrade) {
    put(row, 0, g.grade, "body");
    put(row, 1, g.postsBefore, "number");
    put(row, 2, g.postsAfter, "number");
    formula(row, 3, `=${A(row, 2)}-${A(row, 1)}`, g.postChange, "number");
    put(row, 4, g.fteChange, "fte");
    put(row, 5, g.costChange, "money");
    row++;
  }
  const t = impact.total;
  put(row, 0, "Total", "total");
  if (impact.byGrade.length) {
    const sum = (col: number): string => `=SUM(${A(sumFirst, col)}:${A(row - 1, col)})`;
    formula(row, 1, sum(1), t.postsBefore, "totalNumber");
    formula(row, 2, sum(2), t.postsAfter, "totalNumber");
    formula(row, 3, sum(3), t.postChange, "totalNumber");
    formula(row, 4, sum(4), t.fteChange, "totalFte");
    formula(row, 5, sum(5), t.costChange, "totalMoney");
  } else {
    for (let col = 1; col <= 3; col++) put(row, col, 0, "totalNumber");
    put(row, 4, 0, "totalFte");
    put(row, 5, 0, "totalMoney");
  }
  const summaryTotalRow = row;
  row += 2;

  put(row++, 0, "Posts the proposal touches (deleted, amended and new; posts left unchanged are not counted here):", "note");
  const sentenceRow = row;
  put(row++, 0, impact.sentence);
  // Short enough for column A's width: a longer label would be cut off by the amount beside it.
  put(row, 0, "Full-year cost change (pay and on-costs)", "total");
  formula(row, 1, `=${A(summaryTotalRow, 5)}`, impact.fullYearCostChange, "totalMoney");
  const costCell = { row, col: 1 };
  row++;
  put(
    row++,
    0,
    impact.fullYearCostChange < 0
      ? `A full-year saving of ${formatMoney(-impact.fullYearCostChange)}.`
      : impact.fullYearCostChange > 0
        ? `A full-year cost increase of ${formatMoney(impact.fullYearCostChange)}.`
        : "No change in full-year cost.",
    "note",
  );
  row++;

  // The establishment: the whole structure in scope, before and after.
  const est = impact.establishment;
  put(row++, 0, "Establishment before and after (every post in scope)", "title");
  ["Grade", "Posts before", "Posts after", "Change"].forEach((h, col) => put(row, col, h, "header"));
  row++;
  const estFirst = row;
  for (const g of est.byGrade) {
    put(row, 0, g.grade, "body");
    put(row, 1, g.before, "number");
    put(row, 2, g.after, "number");
    formula(row, 3, `=${A(row, 2)}-${A(row, 1)}`, g.after - g.before, "number");
    row++;
  }
  put(row, 0, "Total", "total");
  if (est.byGrade.length) {
    const sum = (col: number): string => `=SUM(${A(estFirst, col)}:${A(row - 1, col)})`;
    formula(row, 1, sum(1), est.before.posts, "totalNumber");
    formula(row, 2, sum(2), est.after.posts, "totalNumber");
    formula(row, 3, sum(3), est.after.posts - est.before.posts, "totalNumber");
  } else for (let col = 1; col <= 3; col++) put(row, col, 0, "totalNumber");
  const estTotal = row;
  // The counts sit beside the table (columns E and F), so the sheet stays short enough to print on two pages.
  let countAt = estFirst - 1;
  put(countAt, 4, "What happens to the posts", "header");
  put(countAt, 5, "Posts", "header");
  countAt++;
  const countRow = (label: string, n: number): number => {
    put(countAt, 4, label, "body");
    put(countAt, 5, n, "number");
    return countAt++;
  };
  const countRows = {
    deleted: countRow("Deleted", est.deleted),
    created: countRow("Created", est.created),
    amended: countRow("Amended", est.amended),
    unchanged: countRow("Unchanged", est.unchanged),
  };
  row = Math.max(row, countAt - 1) + 2;
  put(
    row++,
    0,
    `The establishment goes from ${plural(est.before.posts, "post")} (${fteText(est.before.fte)} FTE) to ${plural(est.after.posts, "post")} (${fteText(est.after.fte)} FTE).`,
    "note",
  );
  row++;

  if (options.slotting ?? true) {
    const s = impact.slotting;
    // Rows of a grade share their candidates list (see computeSlotting): word each list once.
    const texts = new Map<readonly SlottingCandidate[], string>();
    const candidatesText = (list: readonly SlottingCandidate[]): string => {
      let t = texts.get(list);
      if (t === undefined) {
        t = candidateListText(list);
        texts.set(list, t);
      }
      return t;
    };
    put(row++, 0, "Slotting", "title");
    ["New post", "Grade", "Jobs at this grade", "Deleted posts at this grade (candidates)", "Postholders at this grade", "Outcome"].forEach((h, col) => put(row, col, h, "header"));
    row++;
    if (s.rows.length === 0) put(row++, 0, "No new posts to slot into.", "note");
    for (const r of s.rows) {
      put(row, 0, r.newPost.title, "bodyWrap");
      put(row, 1, r.grade, "body");
      put(row, 2, r.jobs, "number");
      put(row, 3, candidatesText(r.candidates), "bodyWrap");
      put(row, 4, r.holders, "number");
      put(row, 5, r.text, "bodyWrap");
      row++;
    }
    row++;
    const counts: [string, number][] = [
      ["Postholders slotted", s.slottedHolders],
      [`Postholders to assess (${pct(SLOTTING_SIMILARITY)} same-work test)`, s.assessHolders],
      ["New posts ring-fenced to unslotted staff", s.ringFencedPosts],
      ["Postholders at risk (not slotted)", s.atRiskHolders],
    ];
    for (const [label, n] of counts) {
      put(row, 0, label, "body");
      put(row, 1, n, "number");
      row++;
    }
    row++;
  }

  for (const e of impact.excluded) {
    put(row++, 0, `Not included: ${e.post.title || e.post.id} (${e.post.id}), because ${e.reason}.`, "note");
  }
  for (const cnd of impact.conditional) {
    const { name, negated } = parseScenarioTag(cnd.scenario);
    const when = negated ? `unless scenario ${name} is chosen` : `if scenario ${name} is chosen`;
    const what = cnd.status === "new" ? "would be created" : cnd.status === "deleted" ? "would be deleted" : `would be ${cnd.status}`;
    put(row++, 0, `Not included: ${cnd.post.title || cnd.post.id} (${cnd.post.grade}) ${what} ${when}.`, "note");
  }
  if (c.isSample) put(row++, 0, "Costs use the sample grade table (sample figures): use the council's own table for real budgets.", "note");

  return {
    name: options.sheetName ?? "Restructure impact",
    cells: LayoutCells.from(cells),
    merges: [],
    columnWidths: [46, 12, 16, 40, 14, 36],
    print: { orientation: "landscape", fitToWidth: true },
    map: { impactedTotal, newTotal: newTotalCell, summaryTotalRow, costCell, sentenceRow, establishmentFirstRow: estFirst, establishmentTotalRow: estTotal, countRows },
  };
}

function fteText(x: number): string {
  return new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }).format(x);
}

/** "Director ICT (80%); Head of Payroll; and 3 more", or "None". */
function candidateListText(list: readonly SlottingCandidate[]): string {
  if (list.length === 0) return "None";
  const named = list.slice(0, SLOTTING_CANDIDATES_NAMED).map((c) => `${c.post.title}${c.similarity !== undefined ? ` (${pct(c.similarity)})` : ""}`);
  const more = list.length - named.length;
  return more > 0 ? `${named.join("; ")}; and ${more} more` : named.join("; ");
}

function round6(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}
