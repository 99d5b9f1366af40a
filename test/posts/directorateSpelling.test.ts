/**
 * One directorate typed several ways ("Strategic and Corporate Services", "Strategic & Corporate Services",
 * lower case, extra spaces) is one directorate: one structure table, named by its commonest spelling.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildHierarchy } from "../../src/core/posts/hierarchy";
import { directorateKey } from "../../src/core/posts/idIndex";
import { allDirectorateStructures, allDirectorateTables } from "../../src/core/posts/structureLayout";
import { runs } from "../propertyRuns";
import { post } from "../fixtures/postLists";

describe("directorate spellings", () => {
  it("draws one table for a directorate spelt three ways, named by its commonest spelling", () => {
    const posts = [
      post({ id: "C", title: "Corporate Director S&CS", grade: "KR18", directorate: "Strategic & Corporate Services" }),
      post({ id: "D1", title: "Director Finance", grade: "KR17", reportsTo: "C", directorate: "Strategic and Corporate Services", functions: ["Finance"] }),
      post({ id: "D2", title: "Director ICT", grade: "KR17", reportsTo: "C", directorate: "Strategic and Corporate Services", functions: ["ICT"] }),
      post({ id: "H1", title: "Head of ICT Ops", grade: "KR16", reportsTo: "D2", directorate: "Strategic  and Corporate Services ", functions: ["Ops"] }),
      post({ id: "D3", title: "Director HR", grade: "KR17", reportsTo: "C", directorate: "strategic and corporate services", functions: ["HR"] }),
    ];
    const tables = allDirectorateTables(posts);
    expect(tables.map((t) => t.directorate)).toEqual(["Strategic and Corporate Services"]);
    const { table } = tables[0];
    expect(table.title).toBe("Strategic and Corporate Services: structure");
    expect(table.top?.id).toBe("C");
    expect(table.columns.map((c) => [c.post.id, c.functions])).toEqual([
      ["D1", ["Finance"]],
      ["D2", ["ICT", "Ops"]],
      ["D3", ["HR"]],
    ]);
    expect(allDirectorateStructures(posts).map((l) => l.name)).toEqual(["Structure Strategic & Corp Svcs"]);
  });

  it("compares spellings by case, spaces and & for and, nothing else", () => {
    expect(directorateKey(" Adult  Social Care & Health ")).toBe(directorateKey("adult social care and health"));
    expect(directorateKey("Adults")).not.toBe(directorateKey("Adult"));
    expect(directorateKey("   ")).toBe("");
  });

  it("numbers spellings of one directorate alike and names each by its commonest spelling (property)", () => {
    const spellings = ["Growth & Transport", "Growth and Transport", "growth and transport", " Growth  and Transport", "Adults", "ADULTS ", "", "  "];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...spellings), { maxLength: 40 }), (names) => {
        const posts = names.map((d, i) => post({ id: `P${i}`, title: `Post ${i}`, grade: "", directorate: d }));
        const { of, names: got } = buildHierarchy(posts).directorates;
        const keys = [...new Set(names.map(directorateKey))];
        expect(got.map(directorateKey)).toEqual(keys);
        posts.forEach((p, i) => expect(directorateKey(got[of[i]])).toBe(directorateKey(p.directorate)));
        for (const [k, name] of got.entries()) {
          const members = names.filter((d) => directorateKey(d) === keys[k]);
          const count = (s: string): number => members.filter((d) => d === s).length;
          const commonest = members.reduce((best, d) => (count(d) > count(best) ? d : best), members[0]);
          expect(name).toBe(keys[k] === "" ? "" : commonest.replace(/\s+/g, " ").trim());
        }
      }),
      { numRuns: runs(200) },
    );
  });
});
