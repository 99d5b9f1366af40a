import { postName } from "../analysis";
import type { PostRule } from "../rule";

export const tiersExceeded: PostRule<"tiers-exceeded"> = {
  meta: {
    id: "tiers-exceeded",
    title: "Too many tiers of management",
    severity: "warning",
    appliesTo: ["post lists"],
    description:
      "A manager at tier 6 or below (more than the limit of five tiers of management between the top team and the front line the papers hold structures to; the limit is a setting). The top post is tier 1; a post with reports at tier t is the t-th tier of management, so a six-level tree whose sixth level has no reports passes.",
    bad: "Seven levels: tier 6 manages the seventh",
    good: "Six levels: the sixth has no reports",
  },
  check(a, report) {
    for (const s of a.structures) {
      const h = s.hierarchy;
      const { inCycle, tier, childStart } = h;
      const over = a.maxTiers + 1;
      for (let i = 0; i < tier.length; i++) {
        if (tier[i] !== over || inCycle[i] === 1 || childStart[i + 1] === childStart[i]) continue;
        const total = h.tier[i] + s.below[i] - 1;
        report(h.posts[i], "title", `${postName(h.posts[i])} is management tier ${h.tier[i]}${s.where}: the structure has ${total} tiers of management here, more than the limit of ${a.maxTiers}.`, "Take a tier out of this line of management, or change the limit in the settings.");
      }
    }
  },
};
