import { Suspense, useEffect, useMemo } from "react";
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
  const key = notice ? `${notice.intent}:${notice.title ?? ""}:${notice.text}` : "";
  // Each new notice tries the bar's chunk again if it could not be fetched before (its boundary is new: the key).
  useMemo(() => {
    if (key !== "") NoticeBar.resetIfFailed();
  }, [key]);
  if (!notice) return null;
  // Where the bar cannot be fetched, the notice is still shown, as plain text (each new notice tries the bar again).
  const plain = (
    <p data-testid="notice-plain">
      {notice.title ? <strong>{notice.title}. </strong> : null}
      {notice.text}
    </p>
  );
  return (
    <ChunkBoundary key={key} what="The notice" fallback={plain}>
      <Suspense fallback={null}>
        <NoticeBar.Component notice={notice} scroll={scroll} />
      </Suspense>
    </ChunkBoundary>
  );
}
