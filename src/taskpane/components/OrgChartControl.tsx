/**
 * "Draw org chart": the chosen top post's structure, for the chosen scenarios, drawn as Excel shapes on a new
 * sheet (boxes with title, grade and FTE; connectors; new and deleted posts marked). Core plans the chart
 * (src/core/posts/orgChartDrawing.ts); src/excel/orgChartShapes.ts draws it. Up to about 30 boxes fit one A4
 * landscape page; a bigger structure is split by directorate over several sheets.
 */
import { Button, Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { ORG_CHART_MAX_BOXES, orgChartDrawing, orgChartPages } from "../../core/posts/orgChartDrawing";
import type { Post } from "../../core/posts/postList";
import type { StructureSide } from "../../core/posts/scenarios";
import { ORG_CHART_ORIGIN, drawOrgChartSheets } from "../../excel";
import { ActionStatus } from "./ActionStatus";
import type { NoticeState } from "./Notice";
import type { LongTask } from "../useTask";
import { TopPostSelect } from "./TopPostSelect";
import { topPostChoices } from "../postLists/state";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
  // Long post titles must not widen a 320 px pane: the fields take the row and the options are cut with an ellipsis.
  grow: { flexGrow: 1, flexBasis: "100%", minWidth: 0, maxWidth: "100%", gridTemplateColumns: "minmax(0, 1fr)" },
  select: { width: "100%", minWidth: 0, maxWidth: "100%", "& select": { width: "100%", minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" } },
});

export interface OrgChartControlProps {
  posts: readonly Post[];
  /** Scenarios that go ahead (the post-list section's choice). */
  scenarios: readonly string[];
  /** The section's long work: the drawing shows its progress, can be cancelled and returns focus like the rest. */
  long: LongTask;
  notice: NoticeState | null;
  setNotice: (n: NoticeState | null) => void;
}

export function OrgChartControl({ posts, scenarios, long, notice, setNotice }: OrgChartControlProps): JSX.Element {
  const styles = useStyles();
  const [topId, setTopId] = useState("");
  const [side, setSide] = useState<StructureSide>("after");
  // Only posts in the structure drawn, under the chosen scenarios, with someone reporting to them there: a deleted
  // post is not offered for the proposed structure (it failed with "no post with ID … in the after structure").
  const tops = useMemo(() => topPostChoices(posts, scenarios, side), [posts, scenarios, side]);
  const chosen = tops.some((p) => p.id === topId) ? topId : (tops[0]?.id ?? "");
  const busy = long.task !== null;

  const draw = async (): Promise<void> => {
    const drawn = await long.run(
      "Drawing the org chart",
      async (signal) => {
        const pages = orgChartPages(posts, chosen, { scenario: [...scenarios], structure: side, showGradeAndFte: true });
        if (signal.aborted) throw signal.reason;
        const names = await drawOrgChartSheets(
          pages.map((p) => orgChartDrawing(p.chart, p.title, ORG_CHART_ORIGIN)),
          undefined,
          { signal },
        );
        return { names, pages: pages.length, boxes: pages.reduce((n, p) => n + p.chart.boxes.length, 0) };
      },
      "orgchart",
    );
    if (!drawn) return;
    setNotice({
      intent: "success",
      title: "Org chart drawn",
      text:
        drawn.pages === 1
          ? `${drawn.boxes} posts on sheet ${drawn.names[0]}, printed on one A4 landscape page.`
          : `More than ${ORG_CHART_MAX_BOXES} posts: split by directorate over ${drawn.names.length} sheets (${drawn.names.join(", ")}), each printed on one A4 landscape page.`,
    });
  };

  return (
    <div className={styles.box} role="group" aria-label="Org chart">
      <div className={styles.row}>
        <TopPostSelect label="Org chart from post" tops={tops} value={chosen} onChange={setTopId} emptyText="(no post has direct reports in this structure)" disabled={busy} />
        <Field label="Structure" className={styles.grow}>
          <Select className={styles.select} value={side} onChange={(_, d) => setSide(d.value as StructureSide)} disabled={busy}>
            <option value="after">Proposed (new posts marked)</option>
            <option value="before">Current (deleted posts marked)</option>
          </Select>
        </Field>
      </div>
      <div className={styles.row}>
        <Button onClick={() => void draw()} disabled={busy || chosen === ""}>
          Draw org chart
        </Button>
      </div>
      <ActionStatus long={long} notice={notice} at="orgchart" />
    </div>
  );
}
