/** Fetching a part of the pane again, and the sentence when it cannot be fetched (retryLoad.ts, lazyChunk.tsx). */
import { describe, expect, it } from "vitest";
import { chunkFailedText } from "../../src/taskpane/lazyChunk";
import { messageOf } from "../../src/taskpane/messageOf";
import { isChunkLoadError, loadWithRetries } from "../../src/taskpane/retryLoad";

/** Webpack's error for a chunk whose script failed to load. */
function chunkLoadError(): Error {
  return Object.assign(new Error("Loading chunk tab-posts failed.\n(missing: https://localhost:3000/tab-posts.82b1bb4b.js)"), { name: "ChunkLoadError" });
}

describe("loadWithRetries", () => {
  it("tries again after each wait while the load fails, and gives the value once it works", async () => {
    let calls = 0;
    const value = await loadWithRetries(() => (++calls < 3 ? Promise.reject(chunkLoadError()) : Promise.resolve("loaded")), [0, 0]);
    expect([value, calls]).toEqual(["loaded", 3]);
  });
  it("gives the last error after the last wait", async () => {
    let calls = 0;
    await expect(loadWithRetries(() => Promise.reject(new Error(`failed ${++calls}`)), [0, 0])).rejects.toThrow("failed 3");
  });
});

describe("the sentence for a part that failed", () => {
  it("says it could not be loaded, and what to do, for a chunk that could not be fetched", () => {
    expect(isChunkLoadError(chunkLoadError())).toBe(true);
    expect(chunkFailedText("Post lists", chunkLoadError())).toBe(
      "Post lists could not be loaded. Check the connection and try again. If it still fails, close the pane and open it again from the Budget Tools tab (a newer version may have been published).",
    );
  });
  it("gives the error for a part that failed in its code", () => {
    const e = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(isChunkLoadError(e)).toBe(false);
    expect(chunkFailedText("Members' pack", e)).toBe("Members' pack stopped with an error: Cannot read properties of undefined (reading 'id'). Try again; if it happens again, close the pane and open it again.");
  });
});

describe("messageOf a chunk that could not be fetched (an action's code)", () => {
  it("is a sentence, not webpack's chunk name and URL", () => {
    expect(messageOf(chunkLoadError())).toBe(
      "A part of Budget Tools could not be loaded. Check the connection and try again. If it still fails, close the pane and open it again from the Budget Tools tab (a newer version may have been published).",
    );
  });
});
