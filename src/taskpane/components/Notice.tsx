import { Suspense, useEffect } from "react";
import { useAnnounce } from "../announce";
import { ChunkBoundary, lazyChunk } from "../lazyChunk";

export interface NoticeState {
  intent: "success" | "error" | "warning" | "info";
  title?: string;
  text: string;
}

// The bar (Fluent's MessageBar and its icons) loads with the first notice, not with the pane.
const NoticeBar = lazyChunk(() => import(/* webpackChunkName: "notice" */ "./NoticeBar").then((m) => m.NoticeBar));

/**
 * The outcome of the last action, shown where it was started, scrolled into view and announced through the
 * pane's one live region (the bar itself is not a live region).
 */
export function Notice({ notice, scroll = true }: { notice: NoticeState | null; scroll?: boolean }): JSX.Element | null {
  const announce = useAnnounce();
  useEffect(() => {
    if (!notice) return;
    announce(`${notice.title ? `${notice.title}. ` : ""}${notice.text}`);
  }, [notice, announce]);
  if (!notice) return null;
  // Where the bar cannot be fetched, the notice is still shown, as plain text.
  const plain = (
    <p data-testid="notice-plain">
      {notice.title ? <strong>{notice.title}. </strong> : null}
      {notice.text}
    </p>
  );
  return (
    // A boundary per notice (the key): each new notice fetches the bar's chunk again if it failed before.
    <ChunkBoundary key={`${notice.intent}:${notice.title ?? ""}:${notice.text}`} what="The notice" chunk={NoticeBar} fallback={plain}>
      <Suspense fallback={null}>
        <NoticeBar.Component notice={notice} scroll={scroll} />
      </Suspense>
    </ChunkBoundary>
  );
}
