/** What the pane says after handing over a generated workbook, per Excel (issue 11, item 8). */
import { describe, expect, it } from "vitest";
import { createWorkbookFromBase64 } from "../../src/excel";
import { handOffNotice } from "../../src/taskpane/sections/MembersPack";
import { installStandIn } from "../excel/helpers";

describe("handOffNotice", () => {
  it.each([
    ["web", true],
    ["mac-16.45", false],
  ] as const)("%s, Excel cannot open it: a download link only where downloads work (%s), and the reason in words", async (profile, link) => {
    const standIn = installStandIn({ profile });
    standIn.setCreateWorkbookSupported(false);
    const r = await createWorkbookFromBase64("UEsDBBQ=");
    const notice = handOffNotice({ opened: false, reason: r.reason, link: r.download ? { url: "blob:x", fileName: "Pack.xlsx" } : undefined }, "The pack");
    if (link) expect(notice).toEqual({ intent: "info", text: "This version of Excel cannot open a new workbook from the add-in (it needs ExcelApi 1.8). Download the file and open it instead. The download link is below." });
    else expect(notice).toMatchObject({ intent: "warning", title: "The pack was not opened", text: expect.stringContaining("Excel for Mac cannot save a download from an add-in either") as unknown });
  });

  it("says when it opened", () => {
    expect(handOffNotice({ opened: true }, "The pack", " Found 2 post lists.")).toEqual({ intent: "success", text: "The pack opened as a new workbook. Found 2 post lists." });
  });
});

describe("mergesNote (issue 11, item 5)", () => {
  it("tells the user which sheets' merged cells Excel could not list, and nothing when all were read", async () => {
    const { mergesNote } = await import("../../src/taskpane/reading");
    const { emptySnapshot } = await import("../../src/core/sheetSnapshot");
    const ok = emptySnapshot("Budget", 1, 1);
    const big = { ...emptySnapshot("Committee", 1, 1), mergesUnread: "Merged cells were not all read: Excel could not list the merged areas at Committee row 1. Cells are checked as if unmerged where Excel could not say." };
    expect(mergesNote([ok])).toBe("");
    expect(mergesNote([ok, big])).toBe(' On "Committee": merged cells were not all read: Excel could not list the merged areas at Committee row 1. Cells are checked as if unmerged where Excel could not say.');
  });
});
