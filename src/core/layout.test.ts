import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runs } from "../../test/propertyRuns";
import { ABBREVIATIONS, sanitiseSheetName, uniqueSheetName, uniqueTableName, layoutExtent } from "./layout";
import { LayoutCells } from "./layoutCells";

describe("table names", () => {
  it("follow Excel's rules and stay unique, whatever is wanted (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom("Findings", "findings", "AB12", "R", "c", "1st", "a b", "", "R1C1", "C1 posts", "r2", "TRUE", "PostList", "RC", "rc1", "Z1S1", "s001_Posts", "L2C3", "F1", "ZS", "k")), { maxLength: 8 }),
        fc.subarray(["PostList", "Findings", "Budget_2024"]),
        (wanted, definedNames) => {
          // The workbook's defined names are taken too: tables and names share one set of names.
          const taken = new Set(definedNames.map((n) => n.toLowerCase()));
          const names = wanted.map((w) => uniqueTableName(w, taken));
          for (const n of names) {
            expect(n).toMatch(/^[A-Za-z_][A-Za-z0-9_.]{0,254}$/);
            expect(n).not.toMatch(/^[A-Za-z]{1,3}\d+$|^[a-z]{1,2}$|^[a-z]{1,2}\d|^(true|false)$/i);
            expect(definedNames.map((d) => d.toLowerCase())).not.toContain(n.toLowerCase());
          }
          expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
        },
      ),
      { numRuns: runs(300) },
    );
    const taken = new Set<string>();
    expect(["Findings", "findings", "AB12", "2024 summary", "C1 posts", "R2", "true", "RC", "RC1 posts"].map((w) => uniqueTableName(w, taken))).toEqual(["Findings", "findings_2", "T_AB12", "T_2024_summary", "T_C1_posts", "T_R2", "true_", "RC_", "T_RC1_posts"]);
    // Other languages' R1C1 letters: German Z1S1, French L1C1, Spanish F1C1 (KB 111393; orbeon/orbeon-forms#6391).
    expect(["S001 staffing", "Z1S1", "L2C3 posts", "F1", "ZS", "Posts Z1"].map((w) => uniqueTableName(w, taken))).toEqual(["T_S001_staffing", "T_Z1S1", "T_L2C3_posts", "T_F1", "ZS_", "Posts_Z1"]);
  });
});

describe("sheet names", () => {
  it("removes what Excel forbids and keeps within 31 characters", () => {
    expect(sanitiseSheetName("Savings: 2024/25 [draft]")).toBe("Savings 2024 25 draft");
    expect(sanitiseSheetName("'quoted'")).toBe("quoted");
    expect(sanitiseSheetName("History")).toBe("Sheet");
    expect(sanitiseSheetName("x".repeat(40))).toHaveLength(31);
  });

  it("makes names unique without regard to case", () => {
    expect(uniqueSheetName("Report", ["report"])).toBe("Report (2)");
    expect(uniqueSheetName("Report", ["Report", "Report (2)"])).toBe("Report (3)");
  });

  it("turns control characters and lone surrogates into spaces, so names differing only in them stay apart", () => {
    const names: string[] = [];
    for (const w of ["Finance", "Finance\u0007", "Finance\u0000", "\u0001", "Finance\uFFFE", "Finance\uD800"]) names.push(uniqueSheetName(w, names));
    expect(names).toEqual(["Finance", "Finance (2)", "Finance (3)", "Sheet", "Finance (4)", "Finance (5)"]);
    expect(sanitiseSheetName("Pay\u001Fgrades\u007F")).toBe("Pay grades");
    expect(sanitiseSheetName("a\uDC00b")).toBe("a b");
    // A cut to 31 units never splits a surrogate pair: 30 letters and an emoji become the 30 letters.
    expect(sanitiseSheetName(`${"x".repeat(30)}\u{1F4B7}`)).toBe("x".repeat(30));
    expect(sanitiseSheetName(`${"x".repeat(29)}\u{1F4B7}`)).toBe(`${"x".repeat(29)}\u{1F4B7}`);
  });

  it("always gives a legal, unused name (property), whatever characters are wanted", () => {
    // Any UTF-16 unit (controls, U+FFFE/U+FFFF and lone surrogates included), and control characters often.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom("\u0000", "\u0001", "\u0007", "\t", "\n", "\u001F", "\u007F", "\uFFFE", "\uFFFF", "\uD83D", "\uDCB7", "\u{1F4B7}", "'", " ", "x"),
    );
    const anyName = fc.string({ unit, maxLength: 40 });
    fc.assert(
      fc.property(fc.array(anyName, { maxLength: 6 }), fc.array(fc.string({ maxLength: 31 }), { maxLength: 20 }), (wanted, existing) => {
        const names: string[] = [];
        for (const w of wanted) {
          const name = uniqueSheetName(w, [...existing, ...names]);
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(31);
          expect(name).not.toMatch(/[:\\/?*[\]]/);
          expect(name.startsWith("'")).toBe(false);
          // eslint-disable-next-line no-control-regex
          expect(name).not.toMatch(/[\x00-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
          expect([...existing, ...names].some((e) => e.toLowerCase() === name.toLowerCase())).toBe(false);
          names.push(name);
        }
      }),
      { numRuns: runs(300) },
    );
  });
});

/** sanitiseSheetName as it was: every abbreviation tried in turn, spaces tidied after each. */
function referenceSanitise(wanted: string, max = 31): string {
  const shorten = (name: string): string => {
    for (const [re, short] of ABBREVIATIONS) {
      if (name.length <= max) return name;
      name = name.replace(re, short).replace(/\s+/g, " ").trim();
    }
    if (name.length <= max) return name;
    let out = "";
    for (const w of name.split(" ")) {
      const next = out ? `${out} ${w}` : w;
      if (next.length > max) break;
      out = next;
    }
    out = out.replace(/[\s&-]+$/, "").trim();
    return out || name.slice(0, max).trim();
  };
  const strip = (s: string): string => s.replace(/^[\s']+|[\s']+$/g, "");
  // Control characters and lone surrogates become spaces first, as sanitiseSheetName does now.
  // eslint-disable-next-line no-control-regex
  const writable = wanted.replace(/[\x00-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, " ");
  const name = strip(shorten(strip(writable.replace(/[:\\/?*[\]]/g, " ").replace(/\s+/g, " "))));
  return name === "" || name.toLowerCase() === "history" ? "Sheet" : name;
}

describe("sheet names, shortened", () => {
  const words = ABBREVIATIONS.map(([re]) => re.source.replace(/\\b/g, ""));
  const piece = fc.oneof(
    fc.constantFrom(...words, "AND", "And", "Services's", "Xservices", "Children's", "ICT", "of", "the", "&", "-", "'", " ", "  ", "\t", ":"),
    fc.string({ maxLength: 8 }),
  );
  it("property: the same names as trying every abbreviation in turn, at every length", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.constantFrom(" ", "", "  "), fc.integer({ min: 1, max: 40 }), (parts, gap, max) => {
        const wanted = parts.join(gap);
        expect(sanitiseSheetName(wanted, max)).toBe(referenceSanitise(wanted, max));
      }),
      { numRuns: runs(400) },
    );
  });

  it("abbreviates one kind of word at a time until the name fits", () => {
    expect(sanitiseSheetName("Structure Strategic and Corporate Services")).toBe("Structure Strategic & Corp Svcs");
    expect(sanitiseSheetName("Head of Children's Social Care and Education Services")).toBe("Head of Child Soc Care & Educ");
    expect(sanitiseSheetName("Assistant Director  Public Health Commissioning")).toBe("Assistant Dir Pub Hlth Commiss");
    // Still too long with every abbreviation: cut between words, never ending on "&".
    expect(sanitiseSheetName("Structure Head of Housing Regeneration and Economic Development")).toBe("Structure Head of Hsg Regen");
  });
});

describe("layoutExtent", () => {
  it("covers cells and merges", () => {
    const extent = layoutExtent({
      name: "S",
      cells: LayoutCells.from([{ row: 2, col: 1, value: "x" }]),
      merges: [{ row: 0, col: 0, rowCount: 1, colCount: 5 }],
      columnWidths: [],
      print: { orientation: "portrait", fitToWidth: true },
    });
    expect(extent).toEqual({ rows: 3, cols: 5 });
  });
});
