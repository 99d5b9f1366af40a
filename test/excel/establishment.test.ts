/**
 * Issue 5's scale requirement on the Excel layer: a 5,000-post establishment read from a sheet, then every
 * directorate's structure table and the impact tables written to new sheets, in a bounded number of
 * context.sync() calls, every payload under Excel on the web's limit, and the user's sheet untouched.
 */
import { describe, expect, it } from "vitest";
import { installStandIn, payloadsUnderLimit } from "./helpers";
import { readSheetSnapshot, writeLayout } from "../../src/excel";
import { postListHeaderRow, postToRow, readPostList } from "../../src/core/posts/postList";
import { allDirectorateStructures } from "../../src/core/posts/structureLayout";
import { computeImpact, impactLayout } from "../../src/core/posts/impact";
import { establishmentGradeTable, generateEstablishment } from "../fixtures/postLists";

describe("a 5,000-post establishment through the Excel layer", () => {
  it("reads the list and writes every structure table and the impact tables in bounded syncs", async () => {
    const establishment = generateEstablishment(5000);
    const rows = [postListHeaderRow(), ...establishment.map((p) => postToRow(p))];
    const standIn = installStandIn({ sheets: { Posts: rows } });
    const userSheetBefore = JSON.stringify(standIn.getValues("Posts", `A1:Z${rows.length}`));

    standIn.resetStats();
    const snapshot = await readSheetSnapshot({ sheet: "Posts", scope: "used" });
    const readSyncs = standIn.stats.syncs;
    const parsed = readPostList(snapshot);
    expect(parsed?.posts).toHaveLength(5000);

    const gradeTable = establishmentGradeTable();
    const layouts = [
      ...allDirectorateStructures(parsed!.posts, { gradeTable }),
      impactLayout(computeImpact(parsed!.posts, { gradeTable, point: "mid", year: 2024 })),
    ];
    expect(layouts.length).toBeGreaterThan(3);

    standIn.resetStats();
    const written: string[] = [];
    for (const layout of layouts) written.push((await writeLayout(layout)).sheetName);
    const writeSyncs = standIn.stats.syncs;

    console.log(`5,000 posts: read in ${readSyncs} syncs; ${layouts.length} tables written in ${writeSyncs} syncs (largest request ${standIn.stats.maxRequestBytes} B)`);
    // Reading: a sizing sync plus a few chunks, never one per row.
    expect(readSyncs).toBeLessThanOrEqual(4);
    // Writing: a small constant number of syncs per table, whatever the number of cells.
    expect(writeSyncs).toBeLessThanOrEqual(4 * layouts.length);
    expect(payloadsUnderLimit(standIn)).toBe(true);

    // Every table landed on its own new sheet; the post list itself did not change.
    expect(new Set(written).size).toBe(layouts.length);
    for (const name of written) expect(standIn.sheetNames()).toContain(name);
    expect(JSON.stringify(standIn.getValues("Posts", `A1:Z${rows.length}`))).toBe(userSheetBefore);
  });
});
