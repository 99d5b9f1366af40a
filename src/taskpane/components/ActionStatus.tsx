/**
 * Progress and outcome shown next to the control that started the work: each group of actions in a section has
 * an ActionStatus with its own key, and only the one where the last action started shows anything.
 */
import type { LongTask } from "../useTask";
import { Notice, type NoticeState } from "./Notice";
import { TaskProgress } from "./TaskProgress";

export function ActionStatus({ long, notice, at }: { long: LongTask; notice: NoticeState | null; at: string }): JSX.Element | null {
  if (long.at !== at) return null;
  return (
    <>
      <TaskProgress task={long.task} onCancel={long.cancel} />
      <Notice notice={notice} />
    </>
  );
}
