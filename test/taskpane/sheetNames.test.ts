/** Short sheet names that read well (issue 13 item 7): never cut mid-word at 31 characters. */
import { describe, expect, it } from "vitest";
import { readableSheetName, uniqueReadableSheetName } from "../../src/taskpane/sheetNames";

describe("readableSheetName", () => {
  it("shortens long structure names by abbreviations, not mid-word", () => {
    expect(readableSheetName("Structure Strategic and Corporate Services")).toBe("Structure Strategic & Corp Svcs");
    expect(readableSheetName("Structure Social Care and Public Health")).toBe("Structure Soc Care & Pub Hlth");
    expect(readableSheetName("Impact Posts")).toBe("Impact Posts");
  });

  it("keeps whole words only, within 31 characters, for any text", () => {
    const long = "Structure Quixotic Unabbreviatable Xylophonic Directorships Forever";
    const name = readableSheetName(long);
    expect(name.length).toBeLessThanOrEqual(31);
    expect(long.startsWith(name)).toBe(true);
    expect(long.charAt(name.length)).toBe(" ");
  });

  it("adds a number when the name is taken, still between words", () => {
    const first = readableSheetName("Structure Strategic and Corporate Services");
    const second = uniqueReadableSheetName("Structure Strategic and Corporate Services", [first]);
    expect(second.length).toBeLessThanOrEqual(31);
    expect(second).toMatch(/^Structure [A-Za-z& ]+[a-z] \(2\)$/);
  });
});
