/**
 * The monitoring charts, drawn once (issue 9 point 5): each function gives the ECharts options
 * the browser draws and the server renders to SVG for the report, a sentence saying what the
 * chart shows in numbers (its text alternative) and the same figures as a table, so a reader
 * who cannot see the chart loses nothing (WCAG 2.2 1.1.1, 1.4.1; anchor: Open SDG's charts).
 *
 * The options are plain JSON: no functions, animation off, so the server and the browser draw
 * the same picture from the same object and a test can compare them. Series are told apart by
 * line style and marker as well as colour, and every colour has at least 3:1 contrast with the
 * white background (WCAG 1.4.11).
 */
import type { EChartsOption } from "echarts";
import { longDate } from "./dates.js";
import { compareDecimals } from "./decimal.js";
import { financialYearEnd } from "./financial-year.js";
import { quantityText } from "./wording.js";

export interface ChartTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface ChartSpec {
  /** What the chart is of: "NI 47 People killed or seriously injured in road traffic accidents". */
  title: string;
  /** The text alternative: one or two sentences of what the chart shows, in numbers. */
  description: string;
  /** ECharts options, JSON-serialisable: the same object in the browser and on the server. */
  options: EChartsOption;
  table: ChartTable;
}

export interface TrajectoryChartInput {
  code: string;
  title: string;
  unit: string | null;
  /** The planned line: the baseline (year null) then each year's target, as plannedTrajectory draws it. */
  trajectory: { date: string; value: string; year?: string | null }[];
  targets: { year: string; value: string }[];
  /** The county's actual for each period; planned is the trajectory at the period's end, when known. */
  actuals: { period: string; end: string; value: string | null; planned?: string | null }[];
  districts?: { name: string; values: { end: string; value: string | null }[] }[];
  /** What the county line is called; "County" when not given. */
  countyName?: string;
}

export interface BenchmarkChartInput {
  code: string;
  title: string;
  period: string;
  county: string | null;
  /** In the order to show them, top to bottom (the caller ranks them). */
  districts: { name: string; value: string | null }[];
  unit?: string | null;
  /** A count's county value is the districts' total, far off their scale: it is not drawn as a line. */
  count?: boolean;
  countyName?: string;
}

/** Okabe–Ito hues darkened where needed so each has at least 3:1 contrast on white. */
export const chartColours = {
  actual: "#0072B2",
  planned: "#4D4D4D",
  target: "#C24E00",
  county: "#1A1A1A",
  districts: [
    "#007A5E",
    "#A6469A",
    "#8C6D00",
    "#1F7A8C",
    "#6A3D9A",
    "#B8336A",
    "#5A7D1A",
    "#2E5EAA",
    "#9E5A00",
    "#545454",
    "#A23B2A",
    "#00707A",
  ],
} as const;

/** Twelve districts, twelve markers: hollow and filled shapes so no two lines look alike. */
const districtSymbols = [
  "emptyRect",
  "emptyDiamond",
  "emptyTriangle",
  "rect",
  "diamond",
  "roundRect",
  "emptyRoundRect",
  "pin",
  "emptyPin",
  "arrow",
  "emptyArrow",
  "emptyCircle",
] as const;

/** The value as it is drawn. Only the picture uses a float; the table and sentence keep the exact text. */
function plotted(value: string | null): number | "-" {
  return value === null ? "-" : Number(value);
}

function pick<T>(list: readonly T[], index: number): T {
  const item = list[index % list.length];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

/** The y axis's name: the unit, or nothing for a plain count. */
function axisName(unit: string | null | undefined): string {
  const u = (unit ?? "").trim();
  return u === "" || u.toLowerCase() === "count" ? "" : u;
}

const baseOptions = {
  animation: false,
  backgroundColor: "#ffffff",
  textStyle: { fontFamily: "sans-serif", color: "#1A1A1A" },
} as const;

interface TableRow {
  date: string;
  label: string | null;
  actual: string | null;
  planned: string | null;
  target: string | null;
  districts: Map<string, string | null>;
}

function trajectoryTableRows(input: TrajectoryChartInput): TableRow[] {
  const byDate = new Map<string, TableRow>();
  const rowAt = (date: string): TableRow => {
    let row = byDate.get(date);
    if (!row) {
      row = { date, label: null, actual: null, planned: null, target: null, districts: new Map() };
      byDate.set(date, row);
    }
    return row;
  };
  input.trajectory.forEach((point, index) => {
    const row = rowAt(point.date);
    row.planned = point.value;
    if (index === 0 && (point.year ?? null) === null) row.label ??= "Baseline";
  });
  for (const target of input.targets) {
    const row = rowAt(financialYearEnd(target.year));
    row.target = target.value;
    // A trajectory point on a year's end is that year's target.
    row.planned ??= target.value;
  }
  for (const actual of input.actuals) {
    const row = rowAt(actual.end);
    row.label = actual.period;
    row.actual = actual.value;
    if (actual.planned !== undefined && actual.planned !== null) row.planned = actual.planned;
  }
  for (const district of input.districts ?? []) {
    for (const value of district.values) rowAt(value.end).districts.set(district.name, value.value);
  }
  const targetYears = new Map(input.targets.map((target) => [financialYearEnd(target.year), target.year]));
  return [...byDate.values()]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((row) => ({ ...row, label: row.label ?? yearEndLabel(targetYears.get(row.date), row.date) }));
}

function yearEndLabel(year: string | undefined, date: string): string {
  return year === undefined ? longDate(date) : `End of ${year}`;
}

/** Actuals against the trajectory and each year's target, with the districts beside the county. */
export function trajectoryChart(input: TrajectoryChartInput): ChartSpec {
  const { unit } = input;
  const county = input.countyName ?? "County";
  const districts = input.districts ?? [];
  const title = `${input.code} ${input.title}`;
  const actualName = `${county} actual`;

  const series: NonNullable<EChartsOption["series"]> = [
    {
      type: "line",
      name: "Planned trajectory",
      data: input.trajectory.map((point) => [point.date, plotted(point.value)]),
      lineStyle: { type: "dashed", width: 2, color: chartColours.planned },
      itemStyle: { color: chartColours.planned },
      symbol: "none",
    },
    {
      type: "scatter",
      name: "Target",
      data: input.targets.map((target) => [financialYearEnd(target.year), plotted(target.value)]),
      symbol: "triangle",
      symbolSize: 14,
      itemStyle: { color: chartColours.target },
    },
    {
      type: "line",
      name: actualName,
      data: input.actuals.map((actual) => [actual.end, plotted(actual.value)]),
      lineStyle: { type: "solid", width: 3, color: chartColours.actual },
      itemStyle: { color: chartColours.actual },
      symbol: "circle",
      symbolSize: 9,
    },
    ...districts.map((district, index) => ({
      type: "line" as const,
      name: district.name,
      data: district.values.map((value) => [value.end, plotted(value.value)]),
      lineStyle: { type: "dotted" as const, width: 1.5, color: pick(chartColours.districts, index) },
      itemStyle: { color: pick(chartColours.districts, index) },
      symbol: pick(districtSymbols, index),
      symbolSize: 7,
    })),
  ];

  const description = trajectoryDescription(input, title, actualName);
  const options: EChartsOption = {
    ...baseOptions,
    aria: { enabled: true, label: { description } },
    legend: { top: 0, type: districts.length > 0 ? "scroll" : "plain", textStyle: { color: "#1A1A1A" } },
    grid: { left: 72, right: 24, top: districts.length > 0 ? 56 : 40, bottom: 40 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "time", axisLabel: { color: "#1A1A1A" } },
    yAxis: {
      type: "value",
      name: axisName(unit),
      scale: true,
      axisLabel: { color: "#1A1A1A" },
      ...(unit?.trim().toLowerCase() === "level" ? { minInterval: 1 } : {}),
    },
    series,
  };

  const rows = trajectoryTableRows(input);
  const cell = (value: string | null): string => (value === null ? "" : quantityText(value, unit));
  const table: ChartTable = {
    caption: `${title}: actuals against the trajectory and targets`,
    columns: ["Period", "Date", actualName, "Planned", "Target", ...districts.map((district) => district.name)],
    rows: rows.map((row) => [
      row.label ?? longDate(row.date),
      longDate(row.date),
      cell(row.actual),
      cell(row.planned),
      cell(row.target),
      ...districts.map((district) => cell(row.districts.get(district.name) ?? null)),
    ]),
  };
  return { title, description, options, table };
}

function trajectoryDescription(input: TrajectoryChartInput, title: string, actualName: string): string {
  const q = (value: string): string => quantityText(value, input.unit);
  const plan: string[] = [];
  const baseline = input.trajectory[0];
  if (baseline && (baseline.year ?? null) === null) plan.push(`the baseline was ${q(baseline.value)} on ${longDate(baseline.date)}`);
  const finalTarget = input.targets.at(-1);
  if (finalTarget) plan.push(`the target is ${q(finalTarget.value)} by ${finalTarget.year}`);
  const planSentence = plan.length > 0 ? `${capitalise(plan.join(" and "))}.` : "No target is set as a number.";

  const known = input.actuals.filter((actual) => actual.value !== null);
  const latest = known.at(-1);
  if (!latest || latest.value === null) return `${title}: no actual values yet. ${planSentence}`;
  const against =
    latest.planned !== undefined && latest.planned !== null ? `, against a planned ${q(latest.planned)}` : "";
  const span =
    known.length === 1
      ? `one actual value, ${q(latest.value)} for ${latest.period}${against}`
      : `${known.length} actual values from ${known[0]?.period ?? ""} to ${latest.period}, the latest ` +
        `${q(latest.value)}${against}`;
  const districtCount = input.districts?.length ?? 0;
  const districtWords = districtCount === 1 ? "1 district is" : `${districtCount} districts are`;
  const beside = districtCount > 0 ? `; ${districtWords} shown beside the ${actualName}` : "";
  return `${title}: ${span}${beside}. ${planSentence}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The districts side by side for one period, with the county as a dashed line across them. */
export function benchmarkChart(input: BenchmarkChartInput): ChartSpec {
  const unit = input.unit ?? null;
  const county = input.countyName ?? "County";
  const title = `${input.code} ${input.title}, ${input.period}`;
  const description = benchmarkDescription(input, title, county);
  const countyLine =
    input.county === null || input.count === true
      ? {}
      : {
          markLine: {
            symbol: "none",
            silent: true,
            lineStyle: { type: "dashed" as const, width: 2, color: chartColours.county },
            label: { formatter: `${county} {c}`, position: "end" as const, color: chartColours.county },
            data: [{ xAxis: Number(input.county), name: county }],
          },
        };
  const options: EChartsOption = {
    ...baseOptions,
    aria: { enabled: true, label: { description } },
    grid: { left: 140, right: 96, top: 24, bottom: 32 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", name: axisName(unit), axisLabel: { color: "#1A1A1A" } },
    yAxis: {
      type: "category",
      inverse: true,
      data: input.districts.map((district) => district.name),
      axisLabel: { color: "#1A1A1A" },
    },
    series: [
      {
        type: "bar",
        name: input.period,
        data: input.districts.map((district) => plotted(district.value)),
        itemStyle: { color: chartColours.actual },
        label: { show: true, position: "right", color: "#1A1A1A" },
        ...countyLine,
      },
    ],
  };
  const cell = (value: string | null): string => (value === null ? "No value" : quantityText(value, unit));
  const table: ChartTable = {
    caption: `${title}: each district beside the county`,
    columns: ["Area", input.period],
    rows: [
      [`${county} (county)`, cell(input.county)],
      ...input.districts.map((district) => [district.name, cell(district.value)]),
    ],
  };
  return { title, description, options, table };
}

function benchmarkDescription(input: BenchmarkChartInput, title: string, county: string): string {
  const q = (value: string): string => quantityText(value, input.unit ?? null);
  const countyPart =
    input.county === null
      ? `no ${county} value`
      : `${county} ${input.count === true ? "total " : ""}${q(input.county)}`;
  const known = input.districts.filter(
    (district): district is { name: string; value: string } => district.value !== null,
  );
  const missing = input.districts.length - known.length;
  const missingPart =
    missing === 0 ? "" : `; ${missing} of ${input.districts.length} districts ${missing === 1 ? "has" : "have"} no value`;
  if (known.length === 0) return `${title}: ${countyPart}; no district values yet.`;
  const ordered = [...known].sort((a, b) => compareDecimals(a.value, b.value));
  const lowest = ordered[0];
  const highest = ordered.at(-1);
  if (!lowest || !highest) return `${title}: ${countyPart}.`;
  const range =
    known.length === 1
      ? `one district value, ${lowest.name} ${q(lowest.value)}`
      : `${known.length} districts from ${lowest.name} ${q(lowest.value)} to ${highest.name} ${q(highest.value)}`;
  return `${title}: ${range}, against ${countyPart}${missingPart}.`;
}
