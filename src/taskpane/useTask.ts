/**
 * Long work with progress and Cancel: one task at a time per section. Cancel aborts the AbortController the
 * work was given AND releases the pane at once (the promise the UI awaits settles immediately), so Cancel takes
 * effect well within a second even while Excel is busy with a sync; late results of cancelled work are dropped.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { isAbortError } from "../excel";
import { messageOf } from "./messages";
import type { NoticeState } from "./components/Notice";

export interface TaskState {
  /** What is happening, in words ("Reading Market review"). */
  label: string;
  /** Units done of `total`; total 0 means "unknown" (an indeterminate bar). */
  done: number;
  total: number;
}

export type ReportProgress = (label: string, done?: number, total?: number) => void;

export interface LongTask {
  task: TaskState | null;
  /** Run `work`; resolves to its result, or undefined when cancelled or failed (the notice says which). */
  run<T>(label: string, work: (signal: AbortSignal, progress: ReportProgress) => Promise<T>): Promise<T | undefined>;
  cancel(): void;
}

function cancelled(): Error {
  const e = new Error("Cancelled.");
  e.name = "AbortError";
  return e;
}

export function useLongTask(setNotice: (n: NoticeState | null) => void): LongTask {
  const [task, setTask] = useState<TaskState | null>(null);
  const controller = useRef<AbortController | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      controller.current?.abort();
    };
  }, []);

  const run = useCallback(
    async <T,>(label: string, work: (signal: AbortSignal, progress: ReportProgress) => Promise<T>): Promise<T | undefined> => {
      controller.current?.abort();
      const c = new AbortController();
      controller.current = c;
      setNotice(null);
      setTask({ label, done: 0, total: 0 });
      const progress: ReportProgress = (text, done = 0, total = 0) => {
        if (mounted.current && controller.current === c && !c.signal.aborted) setTask({ label: text, done, total });
      };
      const aborted = new Promise<never>((_, reject) => {
        c.signal.addEventListener("abort", () => reject(cancelled()), { once: true });
      });
      try {
        return await Promise.race([work(c.signal, progress), aborted]);
      } catch (e) {
        if (!mounted.current) return undefined;
        if (c.signal.aborted || isAbortError(e)) setNotice({ intent: "warning", text: `${label}: cancelled.` });
        else setNotice({ intent: "error", title: `${label} did not finish`, text: messageOf(e) });
        return undefined;
      } finally {
        if (controller.current === c) {
          controller.current = null;
          if (mounted.current) setTask(null);
        }
      }
    },
    [setNotice],
  );

  const cancel = useCallback(() => {
    const c = controller.current;
    if (!c) return;
    c.abort();
    controller.current = null;
    setTask(null);
  }, []);

  return { task, run, cancel };
}
