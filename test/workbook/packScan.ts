/**
 * Scan a generated workbook's XML for what a members' pack must never hold: custom-function names
 * (BUDGET., _xldudf_), external links (externalLink parts, external relationships, file:// or http in
 * formulas), macros (vbaProject), formulas containing user text, and strings lost as formulas.
 */
import JSZip from "jszip";
import { calledFunctions } from "../../src/core/formulaTokens";
import { unescapeXml } from "../../src/workbook/xlsxParts";

export interface PackScan {
  /** Every part name in the package. */
  parts: string[];
  /** Every formula, with its sheet part and cell. */
  formulas: { part: string; cell: string; formula: string }[];
  /** Shared and inline strings, decoded. */
  strings: string[];
  /** Problems found; empty for a clean pack. */
  problems: string[];
  /** The workbook part's calcPr element. */
  calcPr: string;
}

export async function scanPack(bytes: Uint8Array, userTexts: readonly string[] = []): Promise<PackScan> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files).filter((p) => !zip.files[p].dir);
  const problems: string[] = [];
  const formulas: PackScan["formulas"] = [];
  const strings: string[] = [];
  let calcPr = "";
  for (const p of parts) {
    if (/externalLink/i.test(p)) problems.push(`external link part ${p}`);
    if (/vbaProject|\.bin$/i.test(p)) problems.push(`macro part ${p}`);
    if (!/\.(xml|rels)$/.test(p)) continue;
    const xml = await zip.file(p)!.async("string");
    // Text cells may mention anything; every other part (sheets, names, charts) must not name a custom function.
    // A BUDGET.X( call, not a sheet named like "Budget.2025 posts".
    if (p !== "xl/sharedStrings.xml" && /BUDGET\.[A-Z_][A-Z0-9_.]*\s*\(/i.test(xml.replace(/<is>[\s\S]*?<\/is>/g, "").replace(/'(?:[^']|'')*'!/g, "S!"))) problems.push(`${p} mentions BUDGET.`);
    if (p !== "xl/sharedStrings.xml" && /_xldudf_/i.test(xml.replace(/<is>[\s\S]*?<\/is>/g, ""))) problems.push(`${p} mentions _xldudf_`);
    if (/TargetMode="External"/.test(xml)) problems.push(`${p} has an external relationship`);
    if (p.endsWith(".rels") && /Target="(?:file|https?):/i.test(xml)) problems.push(`${p} targets a URL`);
    if (/macroEnabled|vbaProject/i.test(xml)) problems.push(`${p} refers to macros`);
    if (p === "xl/workbook.xml") calcPr = /<calcPr\b[^>]*>/.exec(xml)?.[0] ?? "";
    if (p === "xl/sharedStrings.xml") {
      for (const si of xml.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
        let t = "";
        for (const m of si[1].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) t += unescapeXml(m[1]);
        strings.push(t.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))));
      }
    }
    if (p.startsWith("xl/worksheets/") && p.endsWith(".xml")) {
      for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const cell = /r="([A-Z]+\d+)"/.exec(c[1])?.[1] ?? "?";
        const f = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(c[2] ?? "");
        if (f) formulas.push({ part: p, cell, formula: unescapeXml(f[1]) });
        const is = /<is>([\s\S]*?)<\/is>/.exec(c[2] ?? "");
        if (is) strings.push(unescapeXml(is[1].replace(/<[^>]+>/g, "")));
      }
    }
    if (p.startsWith("xl/charts/")) {
      for (const m of xml.matchAll(/<c:f>([\s\S]*?)<\/c:f>/g)) formulas.push({ part: p, cell: "chart", formula: unescapeXml(m[1]) });
    }
  }
  for (const f of formulas) {
    if (/(?:file|https?):\/\//i.test(f.formula)) problems.push(`${f.part} ${f.cell}: URL in formula ${f.formula}`);
    if (/\[\d+\]|\.xls[xmb]?\]/i.test(f.formula)) problems.push(`${f.part} ${f.cell}: external reference in ${f.formula}`);
    if (calledFunctions(f.formula).some((fn) => /^BUDGET\.|_XLDUDF_|^_XLL\./.test(fn)) || /_xldudf_/i.test(f.formula)) problems.push(`${f.part} ${f.cell}: custom function in ${f.formula}`);
    // Sheet references ('Posts by grade'!B8) are sanitised sheet names, not text pasted into a formula.
    const code = f.formula.replace(/'(?:[^']|'')*'!/g, "S!");
    for (const t of userTexts) {
      if (t.length >= 3 && code.includes(t)) problems.push(`${f.part} ${f.cell}: user text "${t}" inside formula ${f.formula}`);
    }
  }
  return { parts, formulas, strings, problems, calcPr };
}
