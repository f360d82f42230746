import { describe, expect, it } from "vitest";
import { benchmarkChart, chartColours, trajectoryChart } from "./charts.js";
import type { ChartSpec, TrajectoryChartInput } from "./charts.js";
import { baselineDateFor, plannedTrajectory } from "./performance.js";
import { parseTargetWording } from "./targets.js";
import type { YearTarget } from "./targets.js";

function targets(rows: [string, string][]): YearTarget[] {
  return rows.map(([year, text]) => {
    const read = parseTargetWording(text);
    if (read instanceof Error) throw read;
    return { year, target: read.target };
  });
}

/** The trajectory and targets as the performance API gives them, drawn by the domain from a seed row. */
function planFor(baseline: string, rows: [string, string][]): Pick<TrajectoryChartInput, "trajectory" | "targets"> {
  const plan = plannedTrajectory({
    baseline: { state: "known", value: baseline },
    baselineAsAt: baselineDateFor("2008/09"),
    targets: targets(rows),
  });
  return {
    trajectory: plan.points.map((point) => ({ date: point.date, value: point.value, year: point.year })),
    targets: plan.points.flatMap((point) => (point.year === null ? [] : [{ year: point.year, value: point.value }])),
  };
}

const districts = ["Ashford", "Canterbury", "Dartford", "Dover", "Gravesham", "Maidstone", "Sevenoaks", "Shepway"]
  .concat(["Swale", "Thanet", "Tonbridge and Malling", "Tunbridge Wells"]);

interface SeriesShape {
  type?: string;
  name?: string;
  symbol?: string;
  lineStyle?: { type?: string; color?: string };
  itemStyle?: { color?: string };
  data?: unknown[];
}

function seriesOf(spec: ChartSpec): SeriesShape[] {
  const { series } = spec.options;
  return (Array.isArray(series) ? series : [series]) as SeriesShape[];
}

/** WCAG relative luminance contrast of a #rrggbb colour against white. */
function contrastWithWhite(hex: string): number {
  const channel = (offset: number): number => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

/** Everything that must hold of any chart: JSON options, no animation, a sentence and a table. */
function expectDrawnOnce(spec: ChartSpec): void {
  expect(JSON.parse(JSON.stringify(spec.options))).toEqual(spec.options);
  expect(spec.options.animation).toBe(false);
  expect(spec.description.length).toBeGreaterThan(20);
  for (const row of spec.table.rows) expect(row).toHaveLength(spec.table.columns.length);
}

describe("trajectoryChart", () => {
  const cases: {
    name: string;
    input: TrajectoryChartInput;
    description: string[];
    rows: string[][];
  }[] = [
    {
      // seed 000: "1183 … Proposed at 592 (50% reduction)", lower is better.
      name: "NI 47 with two half-years and the districts",
      input: {
        code: "NI 47",
        title: "People killed or seriously injured in road traffic accidents",
        unit: "count",
        countyName: "Kent",
        ...planFor("1183", [["2010/11", "50% reduction"]]),
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
      },
      description: [
        "NI 47 People killed or seriously injured in road traffic accidents: 2 actual values from 2008/09 H1 to",
        "2008/09 H2, the latest 1010, against a planned 985.8; 12 districts are shown beside the Kent actual.",
        "The baseline was 1183 on 31 March 2008 and the target is 591.5 by 2010/11.",
      ],
      rows: [
        ["Baseline", "31 March 2008", "", "1183", "", ...districts.map(() => "")],
        ["2008/09 H1", "30 September 2008", "1150", "1084.4", "", ...districts.map((_, i) => String(90 + i))],
        ["2008/09 H2", "31 March 2009", "1010", "985.8", "", ...districts.map((_, i) => String(80 + i))],
        ["End of 2010/11", "31 March 2011", "", "591.5", "591.5", ...districts.map(() => "")],
      ],
    },
    {
      // seed 000: "67.5% … suggested improvement of 2%", a percentage with no district values.
      name: "NI 163 as a percentage, one value",
      input: {
        code: "NI 163",
        title: "Working age population qualified to at least Level 2 or higher",
        unit: "%",
        ...planFor("67.5", [["2010/11", "2% increase"]]),
        actuals: [{ period: "2008/09", end: "2009-03-31", value: "67.9" }],
      },
      description: [
        "NI 163 Working age population qualified to at least Level 2 or higher: one actual value, 67.9% for 2008/09.",
        "The baseline was 67.5% on 31 March 2008 and the target is 68.85% by 2010/11.",
      ],
      rows: [
        ["Baseline", "31 March 2008", "", "67.5%", ""],
        ["2008/09", "31 March 2009", "67.9%", "", ""],
        ["End of 2010/11", "31 March 2011", "", "68.85%", "68.85%"],
      ],
    },
    {
      // seed 000: NI 155's running totals, +1356, +1503 = 2859, +1425 = 4284; no actual yet.
      name: "NI 155 cumulative, before any return",
      input: {
        code: "NI 155",
        title: "Number of affordable homes delivered (gross)",
        unit: "count",
        ...planFor("0", [
          ["2008/09", "+1356"],
          ["2009/10", "+1503 = 2859"],
          ["2010/11", "+1425 = 4284"],
        ]),
        actuals: [{ period: "2008/09 H1", end: "2008-09-30", value: null }],
      },
      description: [
        "NI 155 Number of affordable homes delivered (gross): no actual values yet.",
        "The baseline was 0 on 31 March 2008 and the target is 4284 by 2010/11.",
      ],
      rows: [
        ["Baseline", "31 March 2008", "", "0", ""],
        ["2008/09 H1", "30 September 2008", "", "", ""],
        ["End of 2008/09", "31 March 2009", "", "1356", "1356"],
        ["End of 2009/10", "31 March 2010", "", "2859", "2859"],
        ["End of 2010/11", "31 March 2011", "", "4284", "4284"],
      ],
    },
    {
      // seed 000: NI 188 "Level 1 … Level 3": levels read as the agreement writes them.
      name: "NI 188 in levels",
      input: {
        code: "NI 188",
        title: "Planning to adapt to climate change",
        unit: "level",
        ...planFor("1", [["2010/11", "Level 3"]]),
        actuals: [{ period: "2008/09", end: "2009-03-31", value: "1", planned: "1" }],
      },
      description: [
        "NI 188 Planning to adapt to climate change: one actual value, Level 1 for 2008/09, against a planned Level 1.",
        "The baseline was Level 1 on 31 March 2008 and the target is Level 3 by 2010/11.",
      ],
      rows: [
        ["Baseline", "31 March 2008", "", "Level 1", ""],
        ["2008/09", "31 March 2009", "Level 1", "Level 1", ""],
        ["End of 2010/11", "31 March 2011", "", "Level 3", "Level 3"],
      ],
    },
    {
      name: "an indicator with no baseline or target yet",
      input: { code: "NI 1", title: "Example", unit: null, trajectory: [], targets: [], actuals: [] },
      description: ["NI 1 Example: no actual values yet. No target is set as a number."],
      rows: [],
    },
  ];

  it.each(cases)("$name: says in numbers what it shows and tables the same figures", ({ input, description, rows }) => {
    const spec = trajectoryChart(input);
    expectDrawnOnce(spec);
    expect(spec.title).toBe(`${input.code} ${input.title}`);
    expect(spec.description).toBe(description.join(" "));
    expect(spec.table.rows).toEqual(rows);
    expect(spec.table.columns.slice(0, 5)).toEqual([
      "Period",
      "Date",
      `${input.countyName ?? "County"} actual`,
      "Planned",
      "Target",
    ]);
  });

  it("tells every series apart by line style or marker, not colour alone, each colour at least 3:1 on white", () => {
    const first = cases[0];
    if (!first) throw new Error("no NI 47 case");
    const series = seriesOf(trajectoryChart(first.input));
    expect(series.map((s) => s.name)).toEqual(["Planned trajectory", "Target", "Kent actual", ...districts]);
    const looks = series.map((s) => `${s.type}/${s.lineStyle?.type ?? "none"}/${s.symbol ?? "circle"}`);
    expect(new Set(looks).size).toBe(series.length);
    for (const s of series) {
      const colour = s.itemStyle?.color ?? "";
      expect(colour, `${s.name}'s colour`).toMatch(/^#[0-9A-F]{6}$/i);
      expect(contrastWithWhite(colour), `${s.name}'s colour ${colour}`).toBeGreaterThanOrEqual(3);
    }
  });

  it("draws NI 47's values where they stand on the time axis, a missing value as a gap", () => {
    const first = cases[0];
    if (!first) throw new Error("no NI 47 case");
    const series = seriesOf(trajectoryChart({
      ...first.input,
      actuals: [...first.input.actuals, { period: "2009/10 H1", end: "2009-09-30", value: null }],
    }));
    expect(series[0]?.data).toEqual([["2008-03-31", 1183], ["2011-03-31", 591.5]]);
    expect(series[1]?.data).toEqual([["2011-03-31", 591.5]]);
    expect(series[2]?.data).toEqual([["2008-09-30", 1150], ["2009-03-31", 1010], ["2009-09-30", "-"]]);
  });
});

describe("benchmarkChart", () => {
  const cases: {
    name: string;
    input: Parameters<typeof benchmarkChart>[0];
    description: string;
    rows: string[][];
    countyLine: boolean;
  }[] = [
    {
      name: "a rate, with the county as a line across the districts",
      input: {
        code: "NI 163",
        title: "Qualified to Level 2",
        period: "2008/09",
        unit: "%",
        countyName: "Kent",
        county: "67.9",
        districts: [
          { name: "Sevenoaks", value: "72.4" },
          { name: "Thanet", value: "61.2" },
          { name: "Dover", value: null },
        ],
      },
      description:
        "NI 163 Qualified to Level 2, 2008/09: 2 districts from Thanet 61.2% to Sevenoaks 72.4%, against Kent 67.9%; " +
        "1 of 3 districts has no value.",
      rows: [
        ["Kent (county)", "67.9%"],
        ["Sevenoaks", "72.4%"],
        ["Thanet", "61.2%"],
        ["Dover", "No value"],
      ],
      countyLine: true,
    },
    {
      name: "a count: the county is the districts' total, not a line among them",
      input: {
        code: "NI 155",
        title: "Affordable homes",
        period: "2008/09 H1",
        unit: "count",
        count: true,
        county: "310",
        districts: [
          { name: "Ashford", value: "200" },
          { name: "Swale", value: "110" },
        ],
      },
      description: "NI 155 Affordable homes, 2008/09 H1: 2 districts from Swale 110 to Ashford 200, against County total 310.",
      rows: [
        ["County (county)", "310"],
        ["Ashford", "200"],
        ["Swale", "110"],
      ],
      countyLine: false,
    },
    {
      name: "nothing recorded yet",
      input: { code: "NI 47", title: "KSI", period: "2009/10 H1", county: null, districts: [{ name: "Dover", value: null }] },
      description: "NI 47 KSI, 2009/10 H1: no County value; no district values yet.",
      rows: [
        ["County (county)", "No value"],
        ["Dover", "No value"],
      ],
      countyLine: false,
    },
  ];

  it.each(cases)("$name", ({ input, description, rows, countyLine }) => {
    const spec = benchmarkChart(input);
    expectDrawnOnce(spec);
    expect(spec.description).toBe(description);
    expect(spec.table.rows).toEqual(rows);
    const [bars] = seriesOf(spec) as (SeriesShape & { markLine?: unknown })[];
    expect(bars?.data).toEqual(input.districts.map((d) => (d.value === null ? "-" : Number(d.value))));
    expect(bars?.markLine !== undefined).toBe(countyLine);
    const yAxis = spec.options.yAxis as { data?: string[] };
    expect(yAxis.data).toEqual(input.districts.map((d) => d.name));
  });

  it("keeps every palette colour at 3:1 or more on white", () => {
    const all = [chartColours.actual, chartColours.planned, chartColours.target, chartColours.county];
    for (const colour of [...all, ...chartColours.districts]) expect(contrastWithWhite(colour), colour).toBeGreaterThanOrEqual(3);
  });
});
