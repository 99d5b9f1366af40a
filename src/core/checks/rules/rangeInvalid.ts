import { rangeText } from "../../savingsRanges";
import { countedRange } from "../analysis";
import type { TableRule } from "../rule";

export const rangeInvalid: TableRule<"range-invalid"> = {
  meta: {
    id: "range-invalid",
    title: "Unreadable savings range",
    severity: "error",
    appliesTo: ["savings sheets"],
    description:
      "A savings range that cannot be read: the figures the wrong way round (\"20-15\"), a range with words in it, two units in one range (\"£15,000,000-£20m\", pounds in full beside £m; a short figure takes the other side's unit, so \"£15-20m\" is £15m to £20m), or TRUE/FALSE. Ranges are read however they are written: \"15-20\", \"£15m-£20m\", \"15 to 20\", \"15–20\" or a single figure \"12\". A range the wrong way round is still counted, the right way round, when its total is checked.",
    bad: '| Market engagement activity | "twenty-ish" |',
    good: "| Market engagement activity | 15-20 |",
  },
  check(a, report) {
    for (const rc of a.rangeColumns) {
      const c = rc.column.col;
      for (const x of rc.lines) {
        if (x.read.kind !== "invalid") continue;
        const counted = countedRange(x.read);
        const note = counted ? ` The total is checked with it read as ${rangeText(counted.low, counted.high, counted.unit)}.` : "";
        report(x.row, c, `${a.addr(x.row, c)}: ${x.read.message}${note}`, `Write the range as low-high in ${rc.unit ?? "the column's unit"}, for example 15-20.`);
      }
      for (const x of rc.totals) {
        if (x.read.kind !== "invalid") continue;
        report(x.total.row, c, `The savings total in ${x.here}: ${x.read.message}`, x.expected
            ? `The ranges ${x.linesAre} it add up to ${rangeText(x.expected.low, x.expected.high, null)}.`
            : x.readable
              ? `The ranges ${x.linesAre} it that can be read add up to ${rangeText(x.readable.low, x.readable.high, null)}; ${x.unreadable.map((r) => a.addr(r, c)).join(", ")} cannot be read.`
              : undefined,
        );
      }
    }
  },
};
