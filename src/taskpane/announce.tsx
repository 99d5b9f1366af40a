/**
 * One persistent live region for the whole pane. Screen readers announce changes to a live region that already
 * exists; a region inserted together with its text is often not read. Notices call `announce`, the region is
 * rendered once by the App (visually hidden) and never removed.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

type Announce = (text: string) => void;

const AnnounceContext = createContext<Announce>(() => undefined);

const HIDDEN: React.CSSProperties = {
  position: "absolute",
  width: "1px",
  height: "1px",
  margin: "-1px",
  padding: 0,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
  border: 0,
};

export function AnnounceProvider({ children }: { children: ReactNode }): JSX.Element {
  const [message, setMessage] = useState({ text: "", n: 0 });
  // The same text twice in a row is still announced: the counter changes the node's key.
  const announce = useCallback<Announce>((text) => setMessage((m) => ({ text, n: m.n + 1 })), []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnounceContext.Provider value={value}>
      {children}
      <div role="status" aria-live="polite" aria-atomic="true" data-testid="live-region" style={HIDDEN}>
        <span key={message.n}>{message.text}</span>
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}
