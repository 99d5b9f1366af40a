/**
 * Sideloading without Office's toolkit CLI: the plan for each platform is data, so it is checked here on
 * Linux. The registry key and the Mac folder are the ones Office documents (see scripts/sideload.mjs).
 */
import { describe, expect, it } from "vitest";
import path from "node:path";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
// @ts-expect-error plain .mjs script without types
import { sideloadPlan, manifestId, macWefFolder, WINDOWS_DEVELOPER_KEY } from "../../scripts/sideload.mjs";

const root = path.resolve(__dirname, "../..");
const manifest = path.join(root, "manifest.xml");
const ID = "f13e4a8b-eb58-4c31-b27b-05401f773709";

describe("sideloadPlan", () => {
  it("reads the add-in id from the manifest", () => {
    expect(manifestId(manifest)).toBe(ID);
  });

  it("on Windows registers the manifest under WEF\\Developer and starts Excel", () => {
    const steps = sideloadPlan(manifest, { platform: "win32" });
    expect(WINDOWS_DEVELOPER_KEY).toBe("HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer");
    expect(steps[0]).toEqual({ kind: "command", file: "reg", args: ["add", WINDOWS_DEVELOPER_KEY, "/v", ID, "/t", "REG_SZ", "/d", manifest, "/f"] });
    expect(steps[1].file).toBe("cmd");
    expect(sideloadPlan(manifest, { platform: "win32", remove: true })).toEqual([
      { kind: "command", file: "reg", args: ["delete", WINDOWS_DEVELOPER_KEY, "/v", ID, "/f"] },
    ]);
  });

  it("on macOS copies the manifest into Excel's wef folder and removes only that file", () => {
    const home = "/Users/officer";
    const target = path.join(macWefFolder(home), `${ID}.manifest.xml`);
    expect(target).toBe("/Users/officer/Library/Containers/com.microsoft.Excel/Data/Documents/wef/" + ID + ".manifest.xml");
    expect(sideloadPlan(manifest, { platform: "darwin", home })[0]).toEqual({ kind: "copy", from: manifest, to: target });
    expect(sideloadPlan(manifest, { platform: "darwin", home, remove: true })).toEqual([{ kind: "remove", path: target }]);
  });

  it("plans nothing where there is no Excel desktop", () => {
    expect(sideloadPlan(manifest, { platform: "linux" })).toEqual([]);
  });

  it("refuses a file that is not an add-in manifest with a sentence", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sideload-"));
    const bad = path.join(dir, "notes.xml");
    writeFileSync(bad, "<notes/>");
    expect(() => sideloadPlan(bad, { platform: "win32" })).toThrow(/no <Id> element/);
  });
});
