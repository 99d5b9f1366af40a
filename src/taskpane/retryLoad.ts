/**
 * Fetching a part of the pane (a webpack chunk) again when it fails: a dropped connection, or a server that did not
 * answer in time, should not leave the user with a blank or stuck pane. Webpack forgets a chunk whose script failed
 * to load, so asking for it again fetches it again. No React here: the pane's tiny entry script uses it too.
 */

/** Waits before the second and third tries of a chunk (about 2 s in all). */
export const CHUNK_RETRY_WAITS_MS: readonly number[] = [400, 1_200];

/** `load()`, tried again after each of `waits` while it fails; then its last error. */
export async function loadWithRetries<T>(load: () => Promise<T>, waits: readonly number[] = CHUNK_RETRY_WAITS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await load();
    } catch (e) {
      if (attempt >= waits.length) throw e;
      await new Promise((resolve) => setTimeout(resolve, waits[attempt]));
    }
  }
}

/** True for webpack's error when a chunk's script could not be fetched (as opposed to an error in the code). */
export function isChunkLoadError(e: unknown): boolean {
  return e instanceof Error && (e.name === "ChunkLoadError" || /Loading (CSS )?chunk \S+ failed/.test(e.message));
}

/** What to tell the user when a part of the pane could not be fetched. */
export const CHUNK_FAILED_ADVICE =
  "Check the connection and try again. If it still fails, close the pane and open it again from the Budget Tools tab (a newer version may have been published).";
