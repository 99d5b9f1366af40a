import { POST_STATUSES } from "../../postList";
import { postName } from "../analysis";
import type { PostRule } from "../rule";

export const statusInvalid: PostRule<"status-invalid"> = {
  meta: {
    id: "status-invalid",
    title: "Unknown status",
    severity: "error",
    appliesTo: ["post lists"],
    description: `A status that is not one of ${POST_STATUSES.join(", ")} (or a scenario's "deleted if …" form). The post is read as existing, which may count a deleted post in the after structure.`,
    bad: '| F010 | Director ICT | KR17 | 1 | to go |',
    good: "| F010 | Director ICT | KR17 | 1 | deleted |",
  },
  check(a, report) {
    for (const p of a.posts) {
      if (p.rawStatus === undefined) continue;
      report(p, "status", `The status of ${postName(p)} ("${p.rawStatus}") is not one of: ${POST_STATUSES.join(", ")}. It is read as "existing".`, "Choose a status from the drop-down.");
    }
  },
};
