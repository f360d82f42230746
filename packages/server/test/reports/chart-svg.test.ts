import { createRequire } from "node:module";
import { DOMParser } from "@xmldom/xmldom";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baselineDateFor,
  benchmarkChart,
  chartColours,
  parseTargetWording,
  plannedTrajectory,
  trajectoryChart,
} from "@accord/domain";
import { actorForUser } from "../../src/features/auth/actors.js";
import { readIndicatorPerformance } from "../../src/features/performance/service.js";
import { renderChartSvg } from "../../src/reports/chart-svg.js";
import { createTestDatabase } from "../support/database.js";
import type { TestDatabase } from "../support/database.js";
import { queryRows } from "../support/sql.js";

const districts = ["Ashford", "Canterbury", "Dartford", "Dover", "Gravesham", "Maidstone", "Sevenoaks", "Shepway"]
  .concat(["Swale", "Thanet", "Tonbridge & Malling", "Tunbridge Wells"]);

/** NI 47 as seed 000 has it (1183, 50% reduction by 2010/11) with two half-years of figures. */
function ni47Chart() {
  const read = parseTargetWording("50% reduction");
  if (read instanceof Error) throw read;
  const plan = plannedTrajectory({
    baseline: { state: "known", value: "1183" },
    baselineAsAt: baselineDateFor("2008/09"),
    targets: [{ year: "2010/11", target: read.target }],
  });
  return trajectoryChart({
    code: "NI 47",
    title: "People killed or seriously injured in road traffic accidents",
    unit: "count",
    countyName: "Kent",
    trajectory: plan.points,
    targets: [{ year: "2010/11", value: "591.5" }],
    actuals: [
      { period: "2008/09 H1", end: "2008-09-30", value: "1150", planned: "1084.4" },
      { period: "2008/09 H2", end: "2009-03-31", value: "1010", planned: "985.8" },
    ],
    districts: districts.map((name, index) => ({
      name,
      values: [
        { end: "2008-09-30", value: String(90 + index) },
        { end: "2009-03-31", value: String(80 + index) },
      ],
    })),
  });
}

function parseSvg(svg: string): Element {
  const errors: string[] = [];
  const document = new DOMParser({
    errorHandler: { warning: () => {}, error: (message) => errors.push(message), fatalError: (message) => errors.push(message) },
  }).parseFromString(svg, "image/svg+xml");
  expect(errors).toEqual([]);
  const root = document.documentElement;
  if (!root) throw new Error("no root element");
  return root;
}

function texts(root: Element, tag: string): string[] {
  return Array.from(root.getElementsByTagName(tag)).map((element) => element.textContent ?? "");
}

describe("renderChartSvg", () => {
  it("does not load ECharts until the first chart is drawn", () => {
    const loaded = (): boolean =>
      Object.keys(createRequire(import.meta.url).cache).some((path) => /[\\/]echarts[\\/]dist[\\/]/.test(path));
    expect(loaded()).toBe(false);
    renderChartSvg(benchmarkChart({ code: "NI 1", title: "x", period: "2008/09", county: null, districts: [] }), {
      width: 200,
      height: 100,
    });
    expect(loaded()).toBe(true);
  });

  it("draws NI 47's chart as valid SVG holding the trajectory, the target, Kent and all 12 districts", () => {
    const spec = ni47Chart();
    const svg = renderChartSvg(spec, { width: 800, height: 450 });
    const root = parseSvg(svg);
    expect(root.namespaceURI).toBe("http://www.w3.org/2000/svg");
    expect(root.tagName).toBe("svg");
    expect([root.getAttribute("width"), root.getAttribute("height"), root.getAttribute("role")]).toEqual(["800", "450", "img"]);
    // A screen reader in the PDF or HTML reads the chart's title and its sentence in numbers.
    expect(texts(root, "title")[0]).toBe(spec.title);
    expect(texts(root, "desc")[0]).toBe(spec.description);
    expect(spec.description).toContain("the latest 1010, against a planned 985.8");

    const labels = texts(root, "text");
    for (const name of ["Planned trajectory", "Target", "Kent actual", ...districts]) expect(labels).toContain(name);
    // The actual is a solid line in its colour; the trajectory is dashed.
    const paths = Array.from(root.getElementsByTagName("path"));
    expect(paths.some((path) => path.getAttribute("stroke") === chartColours.actual)).toBe(true);
    const planned = paths.filter((path) => path.getAttribute("stroke") === chartColours.planned);
    expect(planned.some((path) => (path.getAttribute("stroke-dasharray") ?? "") !== "")).toBe(true);
  });

  it("draws the districts' bars with their names and the county's line, at the size asked for", () => {
    const spec = benchmarkChart({
      code: "NI 47",
      title: "People killed or seriously injured in road traffic accidents",
      period: "2008/09 H1",
      county: "95",
      countyName: "Kent",
      districts: districts.map((name, index) => ({ name, value: index === 3 ? null : String(80 + index * 2) })),
    });
    const root = parseSvg(renderChartSvg(spec, { width: 640, height: 480 }));
    expect(root.getAttribute("viewBox")).toBe("0 0 640 480");
    const labels = texts(root, "text");
    for (const name of districts) expect(labels).toContain(name);
    expect(labels).toContain("Kent 95");
    expect(labels).toContain("102"); // Tonbridge & Malling's bar is labelled with its value
  });
});

describe("NI 47's chart from the demo's illustrative figures", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("draws the three rounds' county values and the 12 districts, with the same figures in its sentence and table", async () => {
    const [row] = await queryRows(database.db, sql`select id from users where email = 'manager@kent-partnership.example'`);
    const actor = await actorForUser(database.db, Number(row?.id));
    const view = await readIndicatorPerformance({ db: database.db, actor, slug: "kent-ka2", key: "ni-47" });
    const names = [...new Map(view.periods.flatMap((one) => one.districts.map((d) => [d.area, d.name] as const))).entries()];
    const spec = trajectoryChart({
      code: view.indicator,
      title: view.title,
      unit: view.unit,
      countyName: "Kent",
      trajectory: view.trajectory,
      targets: view.targets,
      actuals: view.periods.map((one) => ({ period: one.period, end: one.end, value: one.actual, planned: one.planned })),
      districts: names.map(([area, name]) => ({
        name,
        values: view.periods.map((one) => ({ end: one.end, value: one.districts.find((d) => d.area === area)?.value ?? null })),
      })),
    });
    const latest = view.periods.at(-1);
    expect(view.periods.map((one) => one.period)).toEqual(["2008/09 H1", "2008/09 H2", "2009/10 H1"]);
    expect(spec.description).toContain(`3 actual values from 2008/09 H1 to 2009/10 H1, the latest ${latest?.actual ?? "?"}`);
    expect(spec.description).toContain("12 districts are shown beside the Kent actual");
    for (const one of view.periods) {
      const tableRow = spec.table.rows.find((cells) => cells[0] === one.period);
      expect(tableRow?.[2], one.period).toBe(one.actual);
    }
    const root = parseSvg(renderChartSvg(spec, { width: 800, height: 450 }));
    const labels = texts(root, "text");
    for (const [, name] of names) expect(labels).toContain(name);
    expect(names).toHaveLength(12);
    expect(texts(root, "desc")[0]).toBe(spec.description);
  });
});
