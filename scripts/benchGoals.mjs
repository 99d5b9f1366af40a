// Issue 15's goals as rows of one table, from the figures the bench files write to bench/results/.
// Pure: takes the parsed results (null for a file not written in this run) and returns the rows, so the
// reading of each file is tested (test/scripts/benchGoals.test.ts). Every ratio is measured / bound, so at
// most 1 meets the goal; for "at least" goals the ratio is bound / measured.

const round = (x) => Math.round(x * 100) / 100;

function row(goal, bound, measured, ratio, note) {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) {
    return { goal, bound, measured: measured ?? null, ratio: null, status: measured ? "no figure" : "not measured in this run", ...(note ? { note } : {}) };
  }
  return { goal, bound, measured, ratio: round(ratio), status: ratio <= 1 ? "met" : "MISSED", ...(note ? { note } : {}) };
}

function missing(goal, bound, command) {
  return { goal, bound, measured: null, ratio: null, status: "not measured in this run", note: `run ${command}` };
}

/** The rows of the goal table; each argument is a parsed results file or null. */
export function goalRows({ excel, workbookScale, functions, scaling, instructions = null, pane }) {
  const rows = [];

  if (excel) {
    const measured = excel.results.filter((r) => r.syncs >= 0);
    const worst = measured.reduce((a, r) => (!a || r.syncs / (r.lowerBound + 2) > a.syncs / (a.lowerBound + 2) ? r : a), null);
    const failed = excel.failed ?? [];
    const r = row(
      "Every task-pane operation within lower bound + 2 syncs (web profile, real request bytes)",
      "bound + 2",
      worst ? `${measured.filter((x) => x.syncs <= x.lowerBound + 2).length}/${measured.length} ok; worst ${worst.operation} ${worst.size}: ${worst.syncs} (bound ${worst.lowerBound})` : null,
      worst && failed.length === 0 ? worst.syncs / (worst.lowerBound + 2) : null,
      [failed.length ? `failed: ${failed.join("; ")}` : "", excel.skipped?.length ? `skipped: ${excel.skipped.join("; ")}` : ""].filter(Boolean).join(" ") || undefined,
    );
    if (failed.length) r.status = "MISSED";
    rows.push(r);
    for (const op of ["highlight findings", "clear highlights"]) {
      const big = excel.results.find((x) => x.operation === op && x.size >= 200_000);
      rows.push(
        big
          ? row(`${op[0].toUpperCase()}${op.slice(1)}, 200,000 cells, Excel on the web`, "bound + 2", `${big.syncs} syncs (bound ${big.lowerBound}), largest request ${(big.requestBytesMax / 1e6).toFixed(2)} MB`, big.syncs / (big.lowerBound + 2))
          : missing(`${op}, 200,000 cells`, "bound + 2", "BENCH_EXCEL_SIZES=full npm run bench -- bench/excel.bench.test.ts"),
      );
    }
  } else {
    rows.push(missing("Every task-pane operation within lower bound + 2 syncs", "bound + 2", "npm run bench -- bench/excel.bench.test.ts"));
  }

  const s = workbookScale?.summary;
  const scaleGoal = (goal, key, bound) => {
    if (!s) return missing(goal, `<= ${bound}`, "npm run bench -- bench/workbookScale.bench.test.ts");
    const v = s[key];
    if (v === null || v === undefined) return { goal, bound: `<= ${bound}`, measured: null, ratio: null, status: "no figure", note: "the bench case gave no result: see its line in the bench output" };
    return row(goal, `<= ${bound}`, `${v}x`, v / bound);
  };
  rows.push(scaleGoal("auditWorkbook / plain ExcelJS load, 100,000 lines, time", "auditWorkbook / ExcelJS load, 100k lines, time (goal <= 0.8)", 0.8));
  rows.push(scaleGoal("auditWorkbook peak memory / before issue 12, 100,000 lines, whole process", "auditWorkbook 100k lines, peak memory now / before (goal <= 0.5), whole process", 0.5));
  rows.push(
    scaleGoal(
      "auditWorkbook peak memory / before issue 12, 100,000 lines, above the memory before the call",
      "auditWorkbook 100k lines, peak memory now / before (goal <= 0.5), above the process's memory before the call",
      0.5,
    ),
  );
  rows.push(scaleGoal("Members' pack / check of the same file, 100,000 lines, time", "pack / check, 100k lines, time (goal <= 1.5)", 1.5));
  rows.push(scaleGoal("Members' pack / check of the same file, 1,000,000 lines, time", "pack / check, 1M lines, time (goal <= 1.5)", 1.5));

  const g = functions?.goal;
  rows.push(
    g
      ? row("GRADECOST with a worksheet grade table / with the default table, speed", ">= 0.8", `${g.gradeTableRatio}x`, 0.8 / g.gradeTableRatio)
      : missing("GRADECOST with a worksheet grade table / default table", ">= 0.8", "npm run bench -- bench/functions.bench.test.ts"),
  );

  rows.push(
    scaling
      ? row(
          "Every core post-list step linear: worst growth per tenfold / 11",
          "<= 11x",
          `${scaling.worst} ${round(scaling.worstRatio * scaling.bound)}x`,
          scaling.worstRatio,
          scaling.note,
        )
      : missing("Every core post-list step linear (growth per tenfold)", "<= 11x", "npm run bench -- bench/scaling.bench.test.ts"),
  );
  // The same goal in instructions executed (scripts/benchInstructions.mjs): the code's growth without the memory
  // hierarchy's, which the CPU-time figure above includes, and without V8's collector's, which depends on the
  // heap's settings and history more than on the step (counted apart, in bench/results/instructions.json).
  rows.push(
    instructions
      ? row(
          "Every core post-list step linear, in instructions executed outside V8's collector (callgrind): worst growth per tenfold / 11",
          "<= 11x",
          `${instructions.worst} ${instructions.worstGrowth}x`,
          instructions.worstRatio,
          `worst tenfold ${instructions.worstTenfold.from}->${instructions.worstTenfold.to} posts; fewest instructions of the calls counted, node --single-threaded; the collector's instructions per post are in instructions.json; not affected by the caches or the machine's load`,
        )
      : missing("Every core post-list step linear, in instructions executed outside V8's collector (callgrind)", "<= 11x", "npm run bench:instructions (needs valgrind)"),
  );

  const p = pane?.goals;
  if (p) {
    rows.push(row("Initial pane JavaScript (gzip) / minimal React + Fluent UI page", "<= 2.5", `${p.initialJsRatio.value}x`, p.initialJsRatio.value / 2.5));
    const reg = p.registration;
    const r = row(
      "Custom functions registered before the pane's UI code is fetched (Chromium)",
      "before UI",
      `${reg.registeredMs} ms; first screen ${reg.firstScreenMs} ms`,
      reg.ratioToFirstScreen,
    );
    if (!reg.registeredBeforeUiFetched) r.status = "MISSED";
    rows.push(r);
  } else {
    rows.push(missing("Initial pane JavaScript / minimal React + Fluent UI page; functions registered first", "<= 2.5", "npm run bench -- bench/pane.bench.test.ts"));
  }
  return rows;
}
