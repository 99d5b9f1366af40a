/**
 * Progress and outcome shown next to the control that started the work: each group of actions in a section has
 * an ActionStatus with its own key, and only the one where the last action started shows anything.
 */
import { Button } from "@fluentui/react-components";
import { Suspense } from "react";
import { ChunkBoundary, lazyChunk } from "../lazyChunk";
import type { LongTask } from "../useTask";
import { Notice, type NoticeState } from "./Notice";

// The progress bar (Fluent's ProgressBar and Field) loads with the first long task, not with the pane.
const TaskProgress = lazyChunk(() => import(/* webpackChunkName: "progress" */ "./TaskProgress").then((m) => m.TaskProgress));

export function ActionStatus({ long, notice, at }: { long: LongTask; notice: NoticeState | null; at: string }): JSX.Element | null {
  if (long.at !== at) return null;
  return (
    <>
      {long.task ? (
        // Where the bar cannot be fetched, the work still says what it is doing and can be cancelled. The boundary
        // is made with each task, which fetches the bar's chunk again if it failed before.
        <ChunkBoundary
          what="The progress bar"
          chunk={TaskProgress}
          fallback={
            <p data-testid="task-progress-plain">
              {long.task.label}{" "}
              <Button onClick={long.cancel} aria-label={`Cancel: ${long.task.label}`}>
                Cancel
              </Button>
            </p>
          }
        >
          <Suspense fallback={null}>
            <TaskProgress.Component task={long.task} onCancel={long.cancel} />
          </Suspense>
        </ChunkBoundary>
      ) : null}
      <Notice notice={notice} />
    </>
  );
}
