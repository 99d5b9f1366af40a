import { Suspense, useCallback, useRef, useState } from "react";
import { ChunkBoundary, lazyChunk } from "../lazyChunk";
import { CHUNK_FAILED_ADVICE } from "../retryLoad";

/** Said where the question would have been when its dialog could not be fetched. */
const QUESTION_FAILED = `The question could not be shown, so nothing was changed. ${CHUNK_FAILED_ADVICE}`;

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
  // Each question gets its own boundary (the key): one whose dialog could not be fetched does not stop the next,
  // which fetches the dialog's chunk again.
  const [questions, setQuestions] = useState(0);
  const ask = useCallback<Ask>((r) => {
    resolver.current?.("cancel");
    setQuestions((n) => n + 1);
    setRequest(r);
    return new Promise<ConfirmAnswer>((resolve) => {
      resolver.current = resolve;
    });
  }, []);
  // Fluent's Dialog loads with the first question, not with the pane; it stays mounted after that.
  const [asked, setAsked] = useState(false);
  if (request !== null && !asked) setAsked(true);
  const element = asked ? (
    // A question whose dialog cannot be fetched is answered "cancel": the action waiting for it (perhaps inside an
    // open Excel run) stops at once, and nothing is changed.
    <ChunkBoundary key={questions} what="The question" chunk={ConfirmSurface} onFailed={() => answer("cancel")} fallback={<p data-testid="question-failed">{QUESTION_FAILED}</p>}>
      <Suspense fallback={null}>
        <ConfirmSurface.Component request={request} answer={answer} />
      </Suspense>
    </ChunkBoundary>
  ) : (
    <></>
  );
  return [element, ask];
}
