#!/usr/bin/env node
/**
 * The custom function reference, written from functions.json (the metadata Excel reads), so the reference
 * cannot drift from the functions: each function's description, parameters and an example formula with the
 * result the function itself gives (the examples are evaluated by calling src/functions/functions.ts).
 *
 *   node scripts/function-reference.mjs                 writes docs/functions.md and prints it
 *   node scripts/function-reference.mjs --html out.html also writes an HTML page (anchors #salary, #gradecost...
 *                                                       matching the functions' helpUrl links)
 *   node scripts/function-reference.mjs --check         exits 1 if docs/functions.md is out of date
 *   --metadata path/functions.json                      read that file (default: dist/functions.json when it
 *                                                       exists, else generated from the source)
 *   --quiet                                             do not print the Markdown
 *   --html-only                                         with --html: write only the HTML page (the build uses this)
 *
 * Writing docs/functions.md also rewrites README.md's function reference, between its
 * <!-- function-reference:start --> and <!-- function-reference:end --> markers; --check checks both.
 */
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const NAMESPACE = "BUDGET";

/**
 * One example per function: the formula as a user types it, and the arguments as Excel passes them
 * (ranges as rows of cells). `cells` describes ranges the formula refers to. Years are explicit so the
 * results do not change with the date.
 */
const col = (...v) => v.map((x) => [x]);
const restructure = {
  beforeGrades: col("KR18", "KR18", "KR18", "KR17", "KR17", "KR16", "KR16"),
  beforeFte: col(1, 1, 1, 1, 1, 1, 1),
  afterGrades: col("KR18", "KR18", "KR17", "KR17", "KR17", "KR16"),
  afterFte: col(1, 1, 1, 1, 1, 1),
};
const streams = col("15-20", "15-20", "55-65", "10-15", "20-25", "65-75");
const serial = (y, m, d) => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
const RESTRUCTURE_CELLS = "A2:A8 and B2:B8 hold the seven deleted posts (three KR18, two KR17, two KR16, FTE 1 each); C2:C7 and D2:D7 the six created (two KR18, three KR17, one KR16).";
const EXAMPLES = {
  SALARY: { formula: '=BUDGET.SALARY("KR17", "min", "2023/24")', args: ["KR17", "min", "2023/24"] },
  ONCOSTS: { formula: "=BUDGET.ONCOSTS(104197, 2023)", args: [104197, 2023] },
  POSTCOST: { formula: "=BUDGET.POSTCOST(104197, 1, 2023)", args: [104197, 1, 2023] },
  GRADECOST: { formula: '=BUDGET.GRADECOST("KR17", 1, "min", 2023)', args: ["KR17", 1, "min", 2023], note: "A KR17 director in 2023/24: the committee paper's \"£133,000 a year\"." },
  PARTYEAR: { formula: '=BUDGET.PARTYEAR(100000, DATE(2024,10,1), "2024/25", "months")', args: [100000, serial(2024, 10, 1), "2024/25", "months"], note: "A change from 1 October falls half in the year." },
  RANGETOTAL: { formula: "=BUDGET.RANGETOTAL(B2:B7)", args: [streams], cells: "B2:B7 hold 15-20, 15-20, 55-65, 10-15, 20-25 and 65-75.", note: "Spills into two cells: low, high." },
  RANGEGAP: { formula: "=BUDGET.RANGEGAP(241, B2:B7)", args: [241, streams], cells: "B2:B7 as for RANGETOTAL.", note: "Against a £241m requirement: a shortfall of £21m to £61m." },
  RANGEMID: { formula: "=BUDGET.RANGEMID(B2:B7)", args: [streams], cells: "B2:B7 as for RANGETOTAL." },
  RANGETEXT: { formula: '=BUDGET.RANGETEXT(180, 220, "£m")', args: [180, 220, "£m"] },
  POSTDELTA: {
    formula: "=BUDGET.POSTDELTA(A2:C8, E2:G7)",
    args: [
      [["Corporate Director Finance", "KR18", 1], ["Director ICT", "KR17", 1], ["Head of Policy", "KR16", 1], ["Corporate Director Growth", "KR18", 1], ["Director Property", "KR17", 1], ["Head of Strategy", "KR16", 1], ["Corporate Director People", "KR18", 1]],
      [["Corporate Director Finance and ICT", "KR18", 1], ["Director Technology", "KR17", 1], ["Head of Policy and Strategy", "KR16", 1], ["Corporate Director Growth and People", "KR18", 1], ["Director Property", "KR17", 1], ["Director Infrastructure", "KR17", 1]],
    ],
    cells: "A2:C8 list the seven posts before (title, grade, FTE); E2:G7 the six after.",
  },
  FTEDELTA: { formula: '=BUDGET.FTEDELTA(B2:B8, D2:D7, A2:A8, C2:C7, "KR17")', args: [restructure.beforeFte, restructure.afterFte, restructure.beforeGrades, restructure.afterGrades, "KR17"], cells: RESTRUCTURE_CELLS },
  COSTDELTA: { formula: '=BUDGET.COSTDELTA(A2:A8, B2:B8, C2:C7, D2:D7, "min", 2023)', args: [restructure.beforeGrades, restructure.beforeFte, restructure.afterGrades, restructure.afterFte, "min", 2023], cells: RESTRUCTURE_CELLS, note: "Negative: a saving." },
  DELTATABLE: { formula: '=BUDGET.DELTATABLE(A2:A8, B2:B8, C2:C7, D2:D7, "min", 2023)', args: [restructure.beforeGrades, restructure.beforeFte, restructure.afterGrades, restructure.afterFte, "min", 2023], cells: RESTRUCTURE_CELLS },
  SLOTTING: { formula: '=BUDGET.SLOTTING("KR17", "KR17", 2, 2, 75%)', args: ["KR17", "KR17", 2, 2, 0.75] },
};

/** Load the TypeScript sources through the TypeScript compiler (transpile only), as CommonJS. */
function loadFunctions() {
  const ts = require("typescript");
  const previous = require.extensions[".ts"];
  require.extensions[".ts"] = (module, filename) => {
    const source = readFileSync(filename, "utf8");
    const out = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    }).outputText;
    module._compile(out, filename);
  };
  try {
    require(join(root, "test/standin/customFunctionsRuntime.ts")).installCustomFunctionsRuntime();
    return require(join(root, "src/functions/functions.ts")).BUDGET_FUNCTIONS;
  } finally {
    if (previous) require.extensions[".ts"] = previous;
    else delete require.extensions[".ts"];
  }
}

async function loadMetadata() {
  const given = option("--metadata");
  if (given) return JSON.parse(readFileSync(given, "utf8"));
  const built = join(root, "dist/functions.json");
  if (existsSync(built) && !args.includes("--from-source")) return JSON.parse(readFileSync(built, "utf8"));
  const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
  const result = await generateCustomFunctionsMetadata([join(root, "src/functions/functions.ts")], true);
  if (result.errors.length) throw new Error(`custom-functions-metadata: ${result.errors.join("; ")}`);
  return JSON.parse(result.metadataJson);
}

const gbp = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
function show(v) {
  if (typeof v === "number") return gbp.format(v);
  if (typeof v === "string") return v;
  return String(v);
}

function evaluate(fn, example) {
  try {
    const r = fn(...example.args);
    if (Array.isArray(r)) return { matrix: r };
    return { value: show(r) };
  } catch (e) {
    return { value: `${e.code ?? "#ERROR"} (${e.message})` };
  }
}

const typeText = (p) => (p.dimensionality === "matrix" ? "range" : p.type === "any" || !p.type ? "number or text" : p.type === "string" ? "text" : p.type);
const mdEscape = (s) => String(s ?? "").replace(/\|/g, "\\|");

function markdown(metadata, results) {
  const lines = [
    "# Function reference",
    "",
    `The add-in's custom functions, in the \`${NAMESPACE}\` namespace: type \`=${NAMESPACE}.\` in a cell to see them. Generated from \`functions.json\` by \`npm run docs:functions\`; every example result below is what the function returns.`,
    "",
    "Defaults: `year` accepts `2024`, `\"2024/25\"` or `\"2024-25\"` (1 April to 31 March). For SALARY, GRADECOST, COSTDELTA and DELTATABLE an omitted `year` is the current financial year when the grade table or a pay-award assumption covers it, otherwise the latest year the grade table covers (2024/25 for the sample table, so `=BUDGET.GRADECOST(\"KR17\", 1)` keeps working); for ONCOSTS and POSTCOST it is the current financial year. The default grade table is the **sample** Kent Range (KR3–KR20) pay ranges for 2023/24 and 2024/25 (sample figures). A year after the grade table's last year needs a pay-award assumption: pass `payAwards`, a range of financial year and award rows (`2025/26`, `3%`; `2026/27`, `2.5%`); the table's last year is raised by each award in turn (compounded) and rounded to the penny. A year that neither the table nor an assumption covers gives `#N/A` saying which years need an award. On-costs: employer National Insurance above the secondary threshold for the year (per person), the apprenticeship levy (0.5% from 2017/18) and employer pension (default 14.5%); rates are held for 2011/12 to 2026/27. Bad input gives `#VALUE!` or `#N/A` with a message saying what is wrong.",
    "",
    "**Blank cells.** Excel on the web passes a blank cell to a function as nothing; Excel on Windows and Mac pass it as 0, in a single cell and inside a range. So every function reads a blank and a 0 the same way wherever 0 means nothing, and gives the same answer on every platform except where this table says so (FTE):",
    "",
    "| Parameter | A blank cell, or 0, means |",
    "|---|---|",
    "| `year`, `financialYear` | not given: the default year |",
    "| `point` | not given: `\"min\"` (steps start at 1) |",
    "| `pensionRate` | not given: 14.5%. For no pension type `\"0%\"` or `\"none\"` as text |",
    "| `salary`, `requirement`, `jobs`, `holders`, `similarity`, `grade`, `oldGrade`, `newGrade`, `effectiveDate` | an error that says the cell is blank (never a cost of 0) |",
    "| `unit`, `basis`, the `grade` of FTEDELTA | not given: the default |",
    "| `fte` | 0 is 0 FTE (the cost is 0). Leave the argument out for 1 FTE; a blank cell on the web is also read as left out |",
    "| `annualAmount`, `low`, `high` | 0, as in Excel's own arithmetic |",
    "| `gradeTable` and savings ranges | a 0 cell is a blank cell (no grade, pay figure or range is 0; type a range from 0 as text, `\"0-20\"`) |",
    "| post lists and grade columns | a 0 grade or heading cell is blank; an FTE of 0 is not a post. A grade with a blank FTE is reported on the web; Windows and Mac pass it as 0 FTE |",
    "| `payAwards` | a row of blanks and 0s is blank, and so is a 0 beside the headings; a year with an award of 0 (or a blank award on Windows and Mac) is a 0% award, a pay freeze. A blank award is reported on the web |",
    "",
    "Cells holding Excel data types (a formatted number, a linked or custom entity) are read by their value: a number by its number, an entity by the text the cell shows.",
    "",
    "**The current year.** Functions whose `year` is left out use the financial year of the day the cell was last calculated. They are not volatile (a sheet of them would recalculate on every edit), so Excel does not recalculate them on 1 April by itself: give the year in formulas that go into papers, or after 1 April recalculate every formula (Ctrl+Alt+F9 on Windows; or select the cell, F2, Enter).",
    "",
    "| Function | What it gives |",
    "|---|---|",
    ...metadata.functions.map((f) => `| [${NAMESPACE}.${f.name}](#${f.id.toLowerCase()}) | ${mdEscape(f.description.split(/(?<=\.)\s/)[0])} |`),
    "",
  ];
  for (const f of metadata.functions) {
    const sig = f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
    lines.push(`<a id="${f.id.toLowerCase()}"></a>`, `## ${NAMESPACE}.${f.name}`, "", `\`${NAMESPACE}.${f.name}(${sig})\``, "", f.description, "");
    lines.push("| Parameter | Type | Description |", "|---|---|---|");
    for (const p of f.parameters) lines.push(`| ${p.name}${p.optional ? " (optional)" : ""} | ${typeText(p)} | ${mdEscape(p.description)} |`);
    lines.push("", `Returns: ${f.result?.dimensionality === "matrix" ? "a spilled range" : f.result?.type === "string" ? "text" : "a number"}.`, "");
    const ex = EXAMPLES[f.id];
    const res = results[f.id];
    if (ex && res) {
      lines.push("Example:", "");
      if (ex.cells) lines.push(`${ex.cells}`, "");
      lines.push("```", ex.formula, "```", "");
      if (res.matrix) {
        lines.push("spills:", "");
        const [head, ...rest] = res.matrix;
        const isHeading = res.matrix.length > 1 && head.every((c) => typeof c === "string");
        const header = isHeading ? head : head.map((_, i) => `(${i + 1})`);
        const body = isHeading ? rest : res.matrix;
        lines.push(`| ${header.map(mdEscape).join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...body.map((r) => `| ${r.map((c) => mdEscape(show(c))).join(" | ")} |`), "");
      } else {
        lines.push(`gives **${mdEscape(res.value)}**.`, "");
      }
      if (ex.note) lines.push(ex.note, "");
    }
  }
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

const esc = (s) => String(s ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Minimal Markdown to HTML for the reference's own constructs (headings, tables, code, links, bold). */
function html(md) {
  const inline = (t) =>
    esc(t)
      .replace(/\\\|/g, "|")
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
      .replace(/\[([^\]]+)\]\((#[a-z0-9-]+)\)/g, '<a href="$2">$1</a>');
  const out = [];
  const src = md.split("\n");
  for (let i = 0; i < src.length; i++) {
    const line = src[i];
    if (line.startsWith("<a id=")) out.push(line);
    else if (line.startsWith("# ")) out.push(`<h1>${inline(line.slice(2))}</h1>`);
    else if (line.startsWith("## ")) out.push(`<h2>${inline(line.slice(3))}</h2>`);
    else if (line === "```") {
      const code = [];
      while (++i < src.length && src[i] !== "```") code.push(src[i]);
      out.push(`<pre><code>${esc(code.join("\n"))}</code></pre>`);
    } else if (line.startsWith("|")) {
      const rows = [];
      while (i < src.length && src[i].startsWith("|")) rows.push(src[i++]);
      i--;
      const cells = (r) => r.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());
      const [head, , ...body] = rows;
      out.push(`<table><thead><tr>${cells(head).map((c) => `<th>${inline(c)}</th>`).join("")}</tr></thead><tbody>${body.map((r) => `<tr>${cells(r).map((c) => `<td>${inline(c)}</td>`).join("")}</tr>`).join("")}</tbody></table>`);
    } else if (line.trim() !== "") out.push(`<p>${inline(line)}</p>`);
  }
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Function reference — Council Budget Tools</title>
<style>
body { font-family: "Segoe UI", system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1b; background: #fff; }
@media (prefers-color-scheme: dark) { body { color: #eee; background: #1f1f1f; } th, td { border-color: #555 !important; } code, pre { background: #2b2b2b !important; } a { color: #6cb8ff; } }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; } th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
code, pre { background: #f3f3f3; border-radius: 3px; } pre { padding: 0.5rem; overflow-x: auto; } h2 { margin-top: 2.5rem; }
</style>
</head>
<body>
<main>
<h1>Council Budget Tools — help</h1>
<p>Open the <strong>Budget Tools</strong> tab on Excel's ribbon for the task pane: <em>Check sheets</em> checks budget and savings sheets, <em>Post lists</em> checks post lists and builds impact and structure tables, <em>Members' pack</em> builds a workbook for members that opens without the add-in. Type <code>=BUDGET.</code> in a cell for the functions below.</p>
<p><strong>#NAME? instead of a figure</strong> means the add-in is not loaded in that Excel: open the Budget Tools tab, or send members a workbook made with <em>Members' pack</em> or <em>Make shareable copy</em>.</p>
${out.join("\n")}
</main>
</body>
</html>
`;
}

const metadata = await loadMetadata();
const functions = loadFunctions();
const results = {};
const missing = [];
for (const f of metadata.functions) {
  const fn = functions[f.id];
  const ex = EXAMPLES[f.id];
  if (!fn || !ex) {
    missing.push(f.id);
    continue;
  }
  results[f.id] = evaluate(fn, ex);
}
if (missing.length) {
  console.error(`No example or implementation for: ${missing.join(", ")}. Add one to scripts/function-reference.mjs.`);
  process.exit(1);
}
const md = markdown(metadata, results);
const mdPath = join(root, "docs/functions.md");
const readmePath = join(root, "README.md");
const START = "<!-- function-reference:start -->";
const END = "<!-- function-reference:end -->";

/** README.md with its function reference section replaced by the reference, one heading level down. */
function readmeWithReference(readme) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${START} ... ${END} section.`);
  const body = md
    .replace(/^# Function reference\n+/, "")
    .replace(/^## /gm, "### ");
  return `${readme.slice(0, a + START.length)}\n${body}${readme.slice(b)}`;
}

const htmlPath = option("--html");
if (htmlPath) {
  mkdirSync(dirname(resolve(htmlPath)), { recursive: true });
  writeFileSync(resolve(htmlPath), html(md));
}
if (args.includes("--check")) {
  const current = existsSync(mdPath) ? readFileSync(mdPath, "utf8") : "";
  const readme = readFileSync(readmePath, "utf8");
  if (current !== md || readme !== readmeWithReference(readme)) {
    console.error("docs/functions.md or README.md's function reference is out of date: run npm run docs:functions.");
    process.exit(1);
  }
  console.log("docs/functions.md and README.md's function reference are up to date.");
} else if (!args.includes("--html-only")) {
  mkdirSync(dirname(mdPath), { recursive: true });
  writeFileSync(mdPath, md);
  writeFileSync(readmePath, readmeWithReference(readFileSync(readmePath, "utf8")));
  if (!args.includes("--quiet")) process.stdout.write(md);
}
