/** The function reference (docs/functions.md) is generated from functions.json and kept up to date. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUDGET_FUNCTIONS } from "../../src/functions/functions";

describe("scripts/function-reference.mjs", () => {
  it("docs/functions.md matches what the script generates from the source", () => {
    const out = execFileSync(process.execPath, ["scripts/function-reference.mjs", "--check", "--from-source"], { encoding: "utf8" });
    expect(out).toMatch(/up to date/);
  });
  it("documents every function with an anchor, its parameters and an example result", () => {
    const md = readFileSync("docs/functions.md", "utf8");
    for (const id of Object.keys(BUDGET_FUNCTIONS)) {
      expect(md).toContain(`<a id="${id.toLowerCase()}"></a>`);
      expect(md).toContain(`## BUDGET.${id}`);
    }
    expect(md).toContain("gives **132,949.95**");
    expect(md).toContain("| Total | 7 | 6 | -1 | -1 |");
    expect(md).toMatch(/sample/);
  });
  it("documents what a blank cell (null on the web, 0 on Windows/Mac) means per parameter, and the year default's staleness", () => {
    const md = readFileSync("docs/functions.md", "utf8");
    expect(md).toContain("**Blank cells.**");
    const tableRows = md.split("\n").filter((l) => l.startsWith("| `"));
    for (const p of ["`year`", "`point`", "`pensionRate`", "`salary`", "`fte`", "`gradeTable`"]) expect(tableRows.some((l) => l.includes(p)), p).toBe(true);
    expect(md).toContain("never a cost of 0");
    expect(md).toMatch(/not volatile/);
    expect(md).toMatch(/1 April/);
  });
  it("writes an HTML page with the helpUrl anchors", () => {
    const dir = `${process.env.TMPDIR ?? "/tmp"}/function-reference-${process.pid}`;
    execFileSync(process.execPath, ["scripts/function-reference.mjs", "--from-source", "--quiet", "--check"], { encoding: "utf8" });
    execFileSync(process.execPath, ["scripts/function-reference.mjs", "--from-source", "--quiet", "--html-only", "--html", `${dir}/help.html`], { encoding: "utf8" });
    const html = readFileSync(`${dir}/help.html`, "utf8");
    expect(html).toContain('<html lang="en-GB">');
    for (const id of Object.keys(BUDGET_FUNCTIONS)) expect(html).toContain(`id="${id.toLowerCase()}"`);
    expect(html).toContain("<table>");
  });
});
