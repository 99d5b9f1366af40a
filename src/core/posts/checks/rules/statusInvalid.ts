import { POST_STATUSES } from "../../postList";
import { postName, STATUS_UNREAD } from "../analysis";
import type { PostRule } from "../rule";

export const statusInvalid: PostRule<"status-invalid"> = {
  meta: {
    id: "status-invalid",
    title: "Unknown status",
    severity: "error",
    appliesTo: ["post lists"],
    description: `A status that is not one of ${POST_STATUSES.join(", ")}, nor a common wording of one ("To be deleted", "Proposed deletion", "Deleted – redundancy", "Proposed new", "Regraded", "No change"). A condition typed in the status ("Deleted if the Legal JV goes ahead") is not read: give the status "deleted" and put the condition in the Scenario column. The post is read as existing in the structure checks, which may count a deleted post in the after structure, and is left out of the restructure impact (a note on the impact sheet names it).`,
    bad: '| F010 | Director ICT | KR17 | 1 | to go |',
    good: "| F010 | Director ICT | KR17 | 1 | deleted |",
  },
  check(a, report) {
    for (let i = 0; i < a.flags.length; i++) {
      if ((a.flags[i] & STATUS_UNREAD) === 0) continue;
      const p = a.posts[i];
      report(p, "status", `The status of ${postName(p)} ("${p.rawStatus}") is not one of: ${POST_STATUSES.join(", ")}. It is read as "existing" in the structure and left out of the restructure impact.`, "Choose a status from the drop-down.");
    }
  },
};
