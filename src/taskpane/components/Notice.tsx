import { Suspense, lazy, useEffect } from "react";
import { useAnnounce } from "../announce";

export interface NoticeState {
  intent: "success" | "error" | "warning" | "info";
  title?: string;
  text: string;
}

// The bar (Fluent's MessageBar and its icons) loads with the first notice, not with the pane.
const NoticeBar = lazy(() => import(/* webpackChunkName: "notice" */ "./NoticeBar").then((m) => ({ default: m.NoticeBar })));

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
  return (
    <Suspense fallback={null}>
      <NoticeBar notice={notice} scroll={scroll} />
    </Suspense>
  );
}
