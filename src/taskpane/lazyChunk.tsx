/**
 * The pane's parts that load on demand (tabs, the notice bar, dialogs…), and what the user sees when one cannot be
 * fetched or fails: never a blank pane.
 * - `lazyChunk(load)`: React.lazy with the fetch tried again (retryLoad.ts). React keeps a lazy component's failure
 *   for good, so after a failure `resetIfFailed` starts a new one: "Try again" fetches the chunk again.
 * - `ChunkBoundary`: an error boundary. A part that failed is replaced by a sentence (announced in the pane's one
 *   live region) and a Try again button, or by `fallback` where the part has a plain stand-in.
 */
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { Component, createElement, lazy, useEffect, type ComponentType, type LazyExoticComponent, type ReactNode } from "react";
import { useAnnounce } from "./announce";
import { messageOf } from "./messageOf";
import { CHUNK_FAILED_ADVICE, isChunkLoadError, loadWithRetries } from "./retryLoad";

export interface LazyChunk<P extends object> {
  /**
   * The component to render: the same component for the pane's whole life, rendering the chunk's component through
   * a lazy one. React keeps a lazy component's failure for good, so after a failure the lazy one is made again
   * only when asked (`resetIfFailed`): a boundary's Try again, or a new notice, question or task. Made again on
   * every render, a chunk that cannot be fetched would be fetched again and again.
   */
  readonly Component: ComponentType<P>;
  /** After a failed load: the next render fetches the chunk again. Nothing happens otherwise. */
  resetIfFailed(): void;
}

/** A component from a chunk loaded the first time it renders (see the module comment). */
export function lazyChunk<P extends object>(load: () => Promise<ComponentType<P>>): LazyChunk<P> {
  let failed = false;
  // Props pass through untouched: the lazy component is typed by what Chunk hands it.
  type Loaded = LazyExoticComponent<ComponentType<object>>;
  const make = (): Loaded =>
    lazy(async () => {
      try {
        return { default: (await loadWithRetries(load)) as unknown as ComponentType<object> };
      } catch (e) {
        failed = true;
        throw e;
      }
    });
  let current = make();
  function Chunk(props: P): JSX.Element {
    return createElement(current, props);
  }
  return {
    Component: Chunk,
    resetIfFailed() {
      if (!failed) return;
      failed = false;
      current = make();
    },
  };
}

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalS, marginBlock: tokens.spacingVerticalS },
  text: { margin: 0 },
});

/** The sentence for a part that failed: "Post lists could not be loaded. Check the connection…". */
export function chunkFailedText(what: string, error: unknown): string {
  if (isChunkLoadError(error)) return `${what} could not be loaded. ${CHUNK_FAILED_ADVICE}`;
  const message = messageOf(error);
  return `${what} stopped with an error: ${message}${/[.!?]$/.test(message) ? "" : "."} Try again; if it happens again, close the pane and open it again.`;
}

function ChunkFailed({ what, error, retry }: { what: string; error: unknown; retry: () => void }): JSX.Element {
  const styles = useStyles();
  const announce = useAnnounce();
  const text = chunkFailedText(what, error);
  useEffect(() => announce(text), [announce, text]);
  return (
    <div className={styles.box} data-testid="chunk-failed">
      <p className={styles.text}>{text}</p>
      <Button onClick={retry}>Try again</Button>
    </div>
  );
}

export interface ChunkBoundaryProps {
  /** What failed, as the sentence names it: "Post lists", "Budget Tools". */
  what: string;
  children: ReactNode;
  /** Shown instead of the sentence and Try again (a plain stand-in for the part). */
  fallback?: ReactNode;
  /** Told once when the part fails (to settle what was waiting on it). */
  onFailed?: (error: unknown) => void;
  /**
   * The chunk the part comes from. A boundary is a fresh attempt: made (a new notice, question or task, a tab first
   * opened) or told to try again, it has a chunk that failed before fetched again (`resetIfFailed`).
   */
  chunk?: Pick<LazyChunk<never>, "resetIfFailed">;
}

export class ChunkBoundary extends Component<ChunkBoundaryProps, { error: unknown; failed: boolean }> {
  override state = { error: null as unknown, failed: false };

  constructor(props: ChunkBoundaryProps) {
    super(props);
    props.chunk?.resetIfFailed();
  }

  static getDerivedStateFromError(error: unknown): { error: unknown; failed: boolean } {
    return { error, failed: true };
  }

  private readonly retry = (): void => {
    this.props.chunk?.resetIfFailed();
    this.setState({ error: null, failed: false });
  };

  override componentDidCatch(error: unknown): void {
    this.props.onFailed?.(error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    if (this.props.fallback !== undefined) return this.props.fallback;
    return <ChunkFailed what={this.props.what} error={this.state.error} retry={this.retry} />;
  }
}
