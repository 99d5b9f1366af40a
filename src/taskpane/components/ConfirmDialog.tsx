import { Suspense, useCallback, useRef, useState } from "react";
import { ChunkBoundary, lazyChunk } from "../lazyChunk";

const ConfirmSurface = lazyChunk(() => import(/* webpackChunkName: "dialog" */ "./ConfirmSurface").then((m) => m.ConfirmSurface));

export type ConfirmAnswer = "primary" | "secondary" | "cancel";

export interface ConfirmRequest {
  title: string;
  body: string;
  /** The main action ("Replace the sheet"). */
  primary: string;
  /** An alternative ("Keep it and add a new sheet"); omitted for a yes/no question. */
  secondary?: string;
}

export type Ask = (request: ConfirmRequest) => Promise<ConfirmAnswer>;

/** A modal question for the user. Returns the dialog element to render and `ask`, which resolves with the answer. */
export function useConfirm(): [JSX.Element, Ask] {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const resolver = useRef<((a: ConfirmAnswer) => void) | null>(null);
  const answer = useCallback((a: ConfirmAnswer) => {
    resolver.current?.(a);
    resolver.current = null;
    setRequest(null);
  }, []);
  const ask = useCallback<Ask>((r) => {
    resolver.current?.("cancel");
    setRequest(r);
    return new Promise<ConfirmAnswer>((resolve) => {
      resolver.current = resolve;
    });
  }, []);
  // Fluent's Dialog loads with the first question, not with the pane; it stays mounted after that.
  const [asked, setAsked] = useState(false);
  if (request !== null && !asked) setAsked(true);
  const element = asked ? (
    <ChunkBoundary what="The question">
      <Suspense fallback={null}>
        <ConfirmSurface.Component request={request} answer={answer} />
      </Suspense>
    </ChunkBoundary>
  ) : (
    <></>
  );
  return [element, ask];
}
