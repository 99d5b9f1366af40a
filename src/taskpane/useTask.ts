/**
 * Long work with progress and Cancel: one task at a time per section. Cancel aborts the AbortController the work
 * was given (the Excel layer stops before its next sync) and the pane says it is cancelling; the pane is released
 * when the work has really ended (`untilEnded`), so a cancelled Excel.run never interleaves with the next action —
 * or, if Excel has not finished its current step after `CANCEL_GRACE_MS`, then, saying so. Late results of cancelled
 * work are dropped.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { abortError, isAbortError } from "../core/cancel";
import { messageOf } from "./messageOf";
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
  /** Where the last action was started (an ActionStatus with this key shows its progress and outcome). */
  at: string;
  /**
   * Run `work`; resolves to its result, or undefined when cancelled or failed (the notice says which). `at` names
   * the place in the section the action belongs to (default: where the last one was). Focus goes back to the
   * control that started it when the work ends.
   */
  run<T>(label: string, work: (signal: AbortSignal, progress: ReportProgress) => Promise<T>, at?: string): Promise<T | undefined>;
  cancel(): void;
  /** Show the outcome at `at` without running anything. */
  place(at: string): void;
}

/** Put focus back on `el` (the control that started an action) once it is enabled again, else on `fallback`. */
export function restoreFocus(el: Element | null, fallback?: () => HTMLElement | null): void {
  if (typeof document === "undefined") return;
  const starter = el instanceof HTMLElement && el !== document.body ? el : null;
  const attempt = (tries: number): void => {
    const active = document.activeElement;
    const inClosingDialog = active?.closest('[role="alertdialog"], [role="dialog"]') !== null && active !== null;
    if (active && active !== document.body && active !== starter && !inClosingDialog) return; // the user has moved on
    if (inClosingDialog && tries > 0) {
      setTimeout(() => attempt(tries - 1), 50);
      return;
    }
    const target = starter && starter.isConnected && !starter.hasAttribute("disabled") && starter.getAttribute("aria-disabled") !== "true" ? starter : null;
    if (target) {
      if (active !== target) target.focus();
      return;
    }
    const other = starter && starter.isConnected ? null : fallback?.();
    if (other) {
      other.focus();
      return;
    }
    if (tries > 0) setTimeout(() => attempt(tries - 1), 30);
  };
  setTimeout(() => attempt(20), 0);
}

/** The outcome notice in view in the pane (the one a finished action shows). */
export function visibleNotice(): HTMLElement | null {
  const all = [...document.querySelectorAll<HTMLElement>('[data-testid="notice"]')].filter((n) => n.offsetParent !== null);
  return all[all.length - 1] ?? null;
}

/** How long a cancelled action may take to end (Excel finishing its current sync) before the pane is released anyway. */
export const CANCEL_GRACE_MS = 30_000;

/** Raised when cancelled work had still not ended after the grace period. */
export class StillRunningError extends Error {
  constructor() {
    super("Excel is still finishing the cancelled step; the next action may wait for it.");
    this.name = "AbortError";
  }
}

/**
 * Settle when `work` has ended: its result, or — once `signal` has fired — an AbortError, but only after the work
 * ended (its Excel.run finished), so nothing it does can interleave with the next action. If the work has not ended
 * `graceMs` after the signal, a StillRunningError (an AbortError) releases the caller anyway.
 */
export function untilEnded<T>(work: Promise<T>, signal: AbortSignal, graceMs = CANCEL_GRACE_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const startGrace = (): void => {
      if (!done) timer = setTimeout(() => reject(new StillRunningError()), graceMs);
    };
    if (signal.aborted) startGrace();
    else signal.addEventListener("abort", startGrace, { once: true });
    const end = (): void => {
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener("abort", startGrace);
    };
    work.then(
      (value) => {
        end();
        if (signal.aborted) reject(abortError("Cancelled."));
        else resolve(value);
      },
      (e: unknown) => {
        end();
        reject(signal.aborted ? abortError("Cancelled.") : e);
      },
    );
  });
}

export function useLongTask(setNotice: (n: NoticeState | null) => void): LongTask {
  const [task, setTask] = useState<TaskState | null>(null);
  const [at, setAt] = useState("main");
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
    async <T,>(label: string, work: (signal: AbortSignal, progress: ReportProgress) => Promise<T>, where?: string): Promise<T | undefined> => {
      const starter = typeof document !== "undefined" ? document.activeElement : null;
      if (where) setAt(where);
      controller.current?.abort();
      const c = new AbortController();
      controller.current = c;
      setNotice(null);
      setTask({ label, done: 0, total: 0 });
      const progress: ReportProgress = (text, done = 0, total = 0) => {
        if (mounted.current && controller.current === c && !c.signal.aborted) setTask({ label: text, done, total });
      };
      try {
        return await untilEnded(work(c.signal, progress), c.signal);
      } catch (e) {
        if (!mounted.current) return undefined;
        if (e instanceof StillRunningError) setNotice({ intent: "warning", text: `${label}: cancelled. ${e.message}` });
        else if (c.signal.aborted || isAbortError(e)) setNotice({ intent: "warning", text: `${label}: cancelled.` });
        else setNotice({ intent: "error", title: `${label} did not finish`, text: messageOf(e) });
        return undefined;
      } finally {
        if (controller.current === c) {
          controller.current = null;
          if (mounted.current) setTask(null);
        }
        if (mounted.current) restoreFocus(starter, visibleNotice);
      }
    },
    [setNotice],
  );

  const cancel = useCallback(() => {
    const c = controller.current;
    if (!c || c.signal.aborted) return;
    c.abort();
    // The pane stays busy until the work has ended (run's finally clears the task).
    setTask({ label: "Cancelling: waiting for Excel to finish its current step", done: 0, total: 0 });
  }, []);

  return { task, at, run, cancel, place: setAt };
}
