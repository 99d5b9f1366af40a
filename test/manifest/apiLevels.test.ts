/**
 * API levels (issue 11, item 10): the ExcelApi set the manifest requires is at least the highest set of any Excel
 * API member the shipped code calls. Each member's set is read from the `[Api set: ExcelApi 1.N]` JSDoc of
 * @types/office-js; a name shared by several members counts at the lowest set any of them needs (so the check
 * never overstates). Code that touches Excel lives in src/excel (DEVELOPERS.md), so that is what is scanned.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/** Member name -> the lowest ExcelApi minor version any Excel member of that name is documented with. */
function excelApiSets(): Map<string, number> {
  const dts = readFileSync(path.join(root, "node_modules/@types/office-js/index.d.ts"), "utf8");
  const out = new Map<string, number>();
  const re = /\/\*\*((?:(?!\*\/)[\s\S])*?)\*\/\s*\n\s*(?:readonly\s+|static\s+)?([A-Za-z_]\w*)\??\s*[(:<]/g;
  for (const m of dts.matchAll(re)) {
    const set = /\[Api set: ExcelApi (\d+)\.(\d+)/.exec(m[1]);
    if (!set || set[1] !== "1") continue;
    const minor = Number(set[2]);
    const name = m[2];
    out.set(name, Math.min(out.get(name) ?? Infinity, minor));
  }
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const f = path.join(dir, n);
    return statSync(f).isDirectory() ? filesUnder(f) : /\.tsx?$/.test(n) && !n.endsWith(".test.ts") ? [f] : [];
  });
}

/** Members the Excel layer calls or reads: `.name(` or `.name` after a proxy, and string keys in load("a, b"). */
function membersUsed(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of filesUnder(path.join(root, "src/excel"))) {
    const text = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
    for (const m of text.matchAll(/\.([A-Za-z_]\w*)\b/g)) if (!used.has(m[1])) used.set(m[1], path.relative(root, file));
  }
  return used;
}

/** Array, string, Map and Promise methods that share a name with an Excel member but are not Excel calls here. */
const NOT_EXCEL = new Set(["find", "filter", "sort", "group", "replace", "split", "join", "slice", "map", "entries", "keys", "set", "get", "has", "add", "delete", "clear", "size", "push", "then", "catch", "length", "text", "style", "type", "value", "position", "name", "id", "items", "count", "color", "key", "message", "code", "top", "left", "height", "width", "row", "column", "values", "load", "target"]);

function declaredExcelApi(): number | null {
  const xml = readFileSync(path.join(root, "manifest.xml"), "utf8");
  const m = /<Set Name="ExcelApi" MinVersion="1\.(\d+)"\s*\/>/.exec(xml);
  return m ? Number(m[1]) : null;
}

describe("the manifest's ExcelApi requirement covers what the code calls", () => {
  const sets = excelApiSets();
  const used = membersUsed();
  const needed = [...used]
    .filter(([name]) => sets.has(name) && !NOT_EXCEL.has(name))
    .map(([name, file]) => ({ name, file, minor: sets.get(name)! }))
    .sort((a, b) => b.minor - a.minor);

  it("reads the API sets from @types/office-js (sanity)", () => {
    console.log(`Highest ExcelApi members used: ${needed.slice(0, 8).map((n) => `${n.name} 1.${n.minor}`).join(", ")}`);
    expect(sets.get("getMergedAreasOrNullObject")).toBe(13);
    expect(sets.get("getRanges")).toBe(9);
    expect(sets.get("getRangeByIndexes")).toBe(7);
  });

  it("declares ExcelApi at least as high as the highest member used", () => {
    const highest = needed[0];
    expect(highest).toBeDefined();
    const declared = declaredExcelApi();
    const detail = needed.filter((n) => n.minor > (declared ?? 1)).map((n) => `${n.name} (ExcelApi 1.${n.minor}, ${n.file})`);
    expect(declared, `manifest.xml declares no ExcelApi set; the code needs 1.${highest.minor}: ${detail.join(", ")}`).not.toBeNull();
    expect(detail, `raise <Set Name="ExcelApi"> in manifest.xml (and README "Supported Excel") or gate these with isSetSupported`).toEqual([]);
  });
});
