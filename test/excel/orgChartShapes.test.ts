/**
 * The Excel call that draws an org chart, against a small recording fake of the Shapes API (the stand-in in
 * test/standin has no shapes): every shape gets the plan's position, size, text and colours, on a new sheet,
 * printed A4 landscape on one page; nothing else in the workbook is touched.
 */
import { afterEach, describe, expect, it } from "vitest";
import { orgChartDrawing, orgChartPages } from "../../src/core/posts/orgChartDrawing";
import { ORG_CHART_ORIGIN, drawOrgChartSheets, printAreaFor } from "../../src/excel/orgChartShapes";
import { cleanDirectorate, scsRestructure } from "../fixtures/postLists";

interface Recorded {
  kind: string;
  [k: string]: unknown;
}

function installFake(existing: string[], options: { structureProtected?: boolean } = {}) {
  const sheets: { name: string; shapes: Recorded[]; title?: unknown; page: Record<string, unknown> }[] = [];
  let syncs = 0;
  const workbook = {
    // Workbook.protection: the structure is not locked.
    protection: {
      protected: options.structureProtected ?? false,
      load() {
        return this;
      },
    },
    worksheets: {
      items: existing.map((name) => ({ name })),
      load: () => undefined,
      add(name: string) {
        const rec = { name, shapes: [] as Recorded[], title: undefined as unknown, page: {} as Record<string, unknown> };
        sheets.push(rec);
        const shape = (kind: string, extra: Record<string, unknown>): Recorded => {
          const s: Recorded = {
            kind,
            ...extra,
            fill: { setSolidColor: (c: string) => (s.fillColour = c) },
            lineFormat: {},
            textFrame: { textRange: { font: {} } },
          };
          rec.shapes.push(s);
          return s;
        };
        return {
          set showGridlines(v: boolean) {
            rec.page.gridlines = v;
          },
          getRange: () => ({
            set values(v: unknown) {
              rec.title = v;
            },
            format: { font: {} },
          }),
          shapes: {
            addGeometricShape: (type: string) => shape("box", { type }),
            addLine: (x1: number, y1: number, x2: number, y2: number, type: string) => shape("line", { x1, y1, x2, y2, type }),
          },
          pageLayout: new Proxy(rec.page, {
            get: (t, p) => (p === "setPrintArea" ? (a: string) => (t.printArea = a) : t[p as string]),
            set: (t, p, v) => ((t[p as string] = v), true),
          }),
        };
      },
    },
  };
  const context = { workbook, sync: async () => void syncs++ };
  const runOptions: unknown[] = [];
  type Batch = (c: typeof context) => Promise<unknown>;
  (globalThis as unknown as { Excel: unknown }).Excel = {
    // Excel.run(batch) or Excel.run(options, batch), as office.js takes them.
    run: (first: Batch | object, second?: Batch) => {
      runOptions.push(typeof first === "function" ? undefined : first);
      return (typeof first === "function" ? first : (second as Batch))(context);
    },
    GeometricShapeType: { rectangle: "Rectangle" },
    ShapeLineDashStyle: { dash: "Dash" },
    ShapeTextHorizontalAlignment: { center: "Center" },
    ShapeTextVerticalAlignment: { middle: "Middle" },
    ShapeAutoSize: { autoSizeNone: "AutoSizeNone" },
    ConnectorType: { straight: "Straight" },
    PageOrientation: { landscape: "Landscape" },
    PaperType: { a4: "A4" },
  };
  return { sheets, syncs: () => syncs, runOptions };
}

afterEach(() => {
  delete (globalThis as unknown as { Excel?: unknown }).Excel;
});

describe("drawOrgChartSheets", () => {
  it("draws the plan's boxes and lines as shapes on a new sheet, A4 landscape on one page", async () => {
    const fake = installFake(["Posts", "Org chart"]);
    const pages = orgChartPages(cleanDirectorate(), "SCPH001", { showGradeAndFte: true });
    const plan = orgChartDrawing(pages[0].chart, pages[0].title, ORG_CHART_ORIGIN);
    const names = await drawOrgChartSheets([plan]);
    expect(names).toHaveLength(1);
    expect(names[0]).not.toBe("Org chart"); // an existing sheet is never reused
    const sheet = fake.sheets[0];
    const boxes = sheet.shapes.filter((s) => s.kind === "box");
    expect(boxes).toHaveLength(plan.boxes.length);
    plan.boxes.forEach((b, i) => {
      const s = boxes[i] as Recorded & { textFrame: { textRange: { text: string } } };
      expect([s.left, s.top, s.width, s.height, s.fillColour, s.textFrame.textRange.text]).toEqual([b.left, b.top, b.width, b.height, b.fill, b.lines.join("\n")]);
    });
    const lines = sheet.shapes.filter((s) => s.kind === "line");
    expect(lines.map((l) => [l.x1, l.y1, l.x2, l.y2])).toEqual(plan.lines.map((l) => [l.x1, l.y1, l.x2, l.y2]));
    expect(sheet.page).toMatchObject({ orientation: "Landscape", paperSize: "A4", zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 }, printArea: printAreaFor(plan.width, plan.height) });
    expect(sheet.title).toEqual([["Org chart: Corporate Director Social Care and Public Health"]]);
    expect(fake.syncs()).toBe(2); // read the sheet names, then draw
    // While the user types in a cell, Excel holds the run until the edit ends instead of failing it.
    expect(fake.runOptions).toEqual([{ delayForCellEdit: true }]);
  });

  it("adds no sheet to a workbook whose structure is protected, and says so first", async () => {
    const fake = installFake(["Posts"], { structureProtected: true });
    const pages = orgChartPages(cleanDirectorate(), "SCPH001", { showGradeAndFte: true });
    await expect(drawOrgChartSheets([orgChartDrawing(pages[0].chart, pages[0].title, ORG_CHART_ORIGIN)])).rejects.toThrow(
      "Budget Tools cannot add a sheet to this workbook: its structure is protected (Review › Protect Workbook). Unprotect the workbook, then try again.",
    );
    expect(fake.sheets).toEqual([]);
    expect(fake.syncs()).toBe(1);
  });

  it("says in words when Excel refuses the drawing (a protected workbook)", async () => {
    installFake([]);
    const refused = Object.assign(new Error("AccessDenied"), { code: "AccessDenied" });
    (globalThis as unknown as { Excel: { run: unknown } }).Excel.run = () => Promise.reject(refused);
    const pages = orgChartPages(cleanDirectorate(), "SCPH001", { showGradeAndFte: true });
    await expect(drawOrgChartSheets([orgChartDrawing(pages[0].chart, pages[0].title, ORG_CHART_ORIGIN)])).rejects.toThrow(
      "Excel refused to draw the org chart: the sheet or workbook is protected. Unprotect it and try again.",
    );
  });

  it("marks deleted posts with a dashed border, one sheet per page", async () => {
    const fake = installFake([]);
    const posts = scsRestructure();
    const before = orgChartPages(posts, "SCS000", { structure: "before", maxBoxes: 4 });
    expect(before.length).toBeGreaterThan(1);
    const names = await drawOrgChartSheets(before.map((p) => orgChartDrawing(p.chart, p.title, ORG_CHART_ORIGIN)));
    expect(names).toEqual(before.map((_, i) => `Org chart ${i + 1}`));
    const dashed = fake.sheets.flatMap((s) => s.shapes.filter((x) => x.kind === "box" && (x.lineFormat as { dashStyle?: string }).dashStyle === "Dash"));
    expect(dashed.length).toBeGreaterThan(0);
    expect(fake.syncs()).toBe(1 + before.length);
  });
});
