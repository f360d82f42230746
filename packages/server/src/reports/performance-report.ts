/**
 * The six-monthly performance report (seed 000 §11: "one central report, used by every partner"):
 * one model of a round, read through the performance service (the dashboard, each indicator's
 * chart data and its districts ranked; nothing recomputed here) and the round's text updates,
 * written as printable HTML, PDF, DOCX and an XLSX of the figures by the performance-report-*.ts
 * writers. Callable from the route, the command line and a test alike.
 */
import { componentLabel, longDate, quantityText, roundDecimal, trajectoryChart } from "@accord/domain";
import type { ChartSpec, PerformanceStatus } from "@accord/domain";
import type { Db } from "../db/client.js";
import { AppError } from "../errors.js";
import { ensureReadable } from "../features/agreements/readable.js";
import { rankDistricts, readDashboard, readIndicatorPerformance } from "../features/performance/service.js";
import type { DashboardRow, DistrictRanking, IndicatorPerformanceView } from "../features/performance/schema.js";
import { roundKey } from "../features/rounds/service.js";
import type { RoundView } from "../features/rounds/schema.js";
import type { Actor } from "../policy/authorize.js";
import { readRoundTextUpdates } from "../features/returns/service.js";
import type { RoundTextUpdate } from "../features/returns/service.js";
import { buildSubmission } from "./submission.js";
import { deliveryPlanSentences } from "../features/delivery-plans/service.js";
import type { SubmissionRow } from "./submission.js";

/** The order statuses are counted and listed in: best first. */
export const reportStatuses: readonly PerformanceStatus[] = ["target-met", "green", "amber", "red", "grey"];

/** A status in words, as the report's readers say it (the colour named too, never the colour alone). */
export const statusWords: Record<PerformanceStatus, string> = {
  "target-met": "Target met",
  green: "Green: on or better than the planned trajectory",
  amber: "Amber: behind the planned trajectory, within tolerance",
  red: "Red: behind the planned trajectory beyond tolerance",
  grey: "Grey: not assessed",
};

/** The short label of a status, for the summary counts and table cells. */
export const statusLabels: Record<PerformanceStatus, string> = {
  "target-met": "Target met",
  green: "Green",
  amber: "Amber",
  red: "Red",
  grey: "Grey",
};

const reasonWords: Record<string, string> = {
  "no-data": "no value for this period yet",
  "direction-unknown": "the better direction of this indicator is not known",
  "baseline-pending": "the baseline is still to be set",
  "no-baseline": "there is no baseline",
  "no-target": "there is no target",
  "before-baseline": "the period ends before the baseline",
};

const directionWords: Record<NonNullable<DashboardRow["direction"]>, string> = {
  improving: "Improving since the previous value",
  worsening: "Worse than the previous value",
  "no-change": "No change since the previous value",
};

const returnWords: Record<DashboardRow["returnStatus"], string> = {
  missing: "No return yet",
  draft: "Return in draft",
  submitted: "Return submitted",
  accepted: "Return accepted",
  returned: "Return sent back for changes",
};

export interface ReportTextUpdate {
  progress: string | null;
  issuesAndRisks: string | null;
  nextActions: string | null;
  /** "Submitted by … on 9 November 2008"; null when not submitted. */
  submitted: string | null;
}

export interface ReportDistrictRow {
  rank: string;
  name: string;
  area: string;
  value: string;
  /** Share of the county total (counts) or difference from the county (rates and levels). */
  comparison: string;
}

export interface ReportIndicator {
  key: string;
  code: string;
  title: string;
  /** "All persons"; null for an indicator with one component. */
  component: string | null;
  unit: string | null;
  lead: string | null;
  baseline: string;
  targets: { year: string; text: string }[];
  /** The period of the latest value shown; null without one. */
  period: string | null;
  /** The values in words with their unit ("1150", "67.5%"); "No value" when there is none. */
  latest: string;
  planned: string;
  /** Raw figures, for the XLSX. */
  figures: { actual: string | null; planned: string | null; progress: number | null };
  status: PerformanceStatus;
  /** "Red: behind the planned trajectory beyond tolerance", with the reason for grey. */
  statusText: string;
  progressText: string;
  directionText: string;
  returnText: string;
  update: ReportTextUpdate | null;
  /** Why no update is printed (a draft is not the officer's word yet). */
  updateNote: string | null;
  /** The countywide delivery plan in counts (seed 000 §10), or that there is none. */
  deliveryPlan: string;
  chart: ChartSpec | null;
  districts: {
    period: string | null;
    county: string;
    /** The comparison column's heading: "Share of county total" or "Difference from county". */
    comparison: string;
    better: DistrictRanking["better"];
    rows: ReportDistrictRow[];
    raw: DistrictRanking;
  } | null;
}

export interface ReportTheme {
  code: string;
  title: string;
  indicators: ReportIndicator[];
}

export interface PerformanceReport {
  agreement: { slug: string; name: string; area: string };
  round: RoundView;
  /** "Kent Agreement 2 — performance report, 2008/09 H1". */
  title: string;
  /** The day the report was made, "3 December 2026". */
  dateText: string;
  date: string;
  /** The marker, when any value shown carries it. */
  illustrative: string | null;
  counts: Record<PerformanceStatus, number>;
  summary: { key: string; code: string; title: string; component: string | null; theme: string; status: PerformanceStatus; latest: string; returnText: string }[];
  themes: ReportTheme[];
}

export interface BuildReportOptions {
  db: Db;
  actor: Actor | null;
  slug: string;
  /** The round's key ("2008-09-h1") or its period ("2008/09 H1"). */
  round: string;
  /** YYYY-MM-DD the report is dated; today when omitted. */
  date?: string | undefined;
}

function valueText(value: string | null, unit: string | null): string {
  return value === null ? "No value" : quantityText(value, unit);
}

function statusSentence(row: DashboardRow): string {
  const words = statusWords[row.status];
  if (row.status !== "grey") return words;
  const reason = row.reason === null ? null : (reasonWords[row.reason] ?? row.reason);
  return reason === null ? words : `${words} (${reason})`;
}

function updateOf(text: RoundTextUpdate | undefined): { update: ReportTextUpdate | null; note: string | null } {
  if (!text) return { update: null, note: "No return has been made for this round." };
  // A draft or a return sent back is not yet the officer's word; the report prints what was submitted.
  if (text.status === "draft" || text.status === "returned") {
    return { update: null, note: `The text update is not yet submitted (${text.status === "draft" ? "draft" : "sent back for changes"}).` };
  }
  const submitted = text.submittedAt ? `Submitted${text.submittedBy ? ` by ${text.submittedBy.replace(/\s*<[^>]*>$/, "")}` : ""} on ${longDate(text.submittedAt.slice(0, 10))}` : null;
  return { update: { progress: text.progress, issuesAndRisks: text.issuesAndRisks, nextActions: text.nextActions, submitted }, note: null };
}

function chartOf(view: IndicatorPerformanceView, row: DashboardRow, end: string, county: string): ChartSpec | null {
  const periods = view.periods.filter((one) => one.end <= end);
  if (periods.every((one) => one.actual === null) && view.trajectory.length === 0) return null;
  const names = new Map<string, { name: string; values: { end: string; value: string | null }[] }>();
  for (const one of periods) {
    for (const district of one.districts) {
      const entry = names.get(district.area) ?? { name: district.name, values: [] };
      entry.values.push({ end: one.end, value: district.value });
      names.set(district.area, entry);
    }
  }
  const districts = [...names.values()].filter((one) => one.values.some((value) => value.value !== null));
  return trajectoryChart({
    code: row.code,
    title: row.component === "all" ? row.title : `${row.title} (${componentLabel(row.component)})`,
    unit: row.unit,
    countyName: county,
    trajectory: view.trajectory,
    targets: view.targets,
    actuals: periods.map((one) => ({ period: one.period, end: one.end, value: one.actual, planned: one.planned })),
    districts,
  });
}

function districtsOf(ranking: DistrictRanking, unit: string | null): ReportIndicator["districts"] {
  if (ranking.districts.every((one) => one.value === null)) return null;
  return {
    period: ranking.period,
    county: valueText(ranking.county.value, unit),
    comparison: ranking.count ? "Share of county total" : "Difference from county",
    better: ranking.better,
    rows: ranking.districts.map((one) => ({
      rank: one.rank === null ? "–" : String(one.rank),
      name: one.name,
      area: one.area,
      value: valueText(one.value, unit),
      comparison: one.share !== null ? `${one.share}%` : one.fromCounty !== null ? (one.fromCounty.startsWith("-") ? one.fromCounty : `+${one.fromCounty}`) : "–",
    })),
    raw: ranking,
  };
}

function progressText(row: DashboardRow): string {
  return row.progress === null ? "Not measured" : `${row.progress}% of the way from the baseline to the final target`;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The report of a round as the reader may see it: 404 for a round they may not see. */
export async function buildPerformanceReport(options: BuildReportOptions): Promise<PerformanceReport> {
  const { db, actor, slug } = options;
  const key = roundKey(options.round);
  const dashboard = await readDashboard({ db, actor, slug, round: key });
  const round = dashboard.round;
  if (!round) throw new AppError("NOT_FOUND", `Monitoring round "${options.round}" not found`, { field: "round" });
  const [agreement, texts] = await Promise.all([ensureReadable(db, actor, slug), readRoundTextUpdates({ db, actor, slug, round: key })]);
  const plans = await deliveryPlanSentences(db, slug);
  // Baselines and targets in the agreement's own words, as the submission template prints them.
  const submission = buildSubmission(agreement, round.period.end);
  const written = new Map<string, SubmissionRow>();
  for (const group of submission.groups) for (const row of group.rows) written.set(row.key, row);
  const county = submission.agreement.area.replace(/\s+County Council$/i, "");

  const indicators = await Promise.all(
    dashboard.indicators.map(async (row): Promise<{ theme: { code: string; title: string }; indicator: ReportIndicator }> => {
      const component = row.component === "all" ? undefined : row.component;
      const [view, ranking] = await Promise.all([
        readIndicatorPerformance({ db, actor, slug, key: row.key, component }),
        rankDistricts({ db, actor, slug, key: row.key, round: key, component }),
      ]);
      const text = written.get(row.key);
      const { update, note } = updateOf(texts.get(row.key));
      return {
        theme: { code: row.themeCode, title: row.theme },
        indicator: {
          key: row.key,
          code: row.code,
          title: row.title,
          component: row.component === "all" ? null : componentLabel(row.component),
          unit: row.unit,
          lead: row.lead,
          baseline: text && text.baselineLines.length > 0 ? text.baselineLines.join("\n") : "No baseline recorded",
          targets: submission.years.map((year, index) => ({ year, text: text?.targets[index] ?? "" })),
          period: row.actual === null ? null : row.period,
          latest: row.actual === null ? "No value" : `${valueText(row.actual, row.unit)} (${row.period ?? ""})`,
          // The plan falls between targets by date: to one place, as the dashboard's progress is.
          planned: valueText(row.planned === null ? null : roundDecimal(row.planned, 1), row.unit),
          figures: { actual: row.actual, planned: row.planned, progress: row.progress },
          status: row.status,
          statusText: statusSentence(row),
          progressText: progressText(row),
          directionText: row.direction === null ? "No previous value to compare" : directionWords[row.direction],
          returnText: returnWords[row.returnStatus],
          update,
          updateNote: note,
          deliveryPlan: plans.get(row.key) ?? "No delivery plan has been written yet.",
          chart: chartOf(view, row, round.period.end, county),
          districts: districtsOf(ranking, row.unit),
        },
      };
    }),
  );

  const themes: ReportTheme[] = [];
  for (const { theme, indicator } of indicators) {
    let last = themes.at(-1);
    if (!last || last.code !== theme.code) {
      last = { code: theme.code, title: theme.title, indicators: [] };
      themes.push(last);
    }
    last.indicators.push(indicator);
  }
  const date = options.date ?? today();
  return {
    agreement: { slug, name: dashboard.agreement.name, area: submission.agreement.area },
    round,
    title: `${dashboard.agreement.name} — performance report, ${round.period.label}`,
    date,
    dateText: longDate(date),
    illustrative: dashboard.illustrative,
    counts: dashboard.counts,
    summary: indicators.map(({ theme, indicator }) => ({
      key: indicator.key,
      code: indicator.code,
      title: indicator.title,
      component: indicator.component,
      theme: theme.title,
      status: indicator.status,
      latest: indicator.latest,
      returnText: indicator.returnText,
    })),
    themes,
  };
}

/** "Kent Agreement 2: 2 target met, 5 green …" — the counts in words, best first. */
export function countsSentence(report: PerformanceReport): string {
  return reportStatuses.map((status) => `${statusLabels[status]} ${report.counts[status]}`).join(", ");
}

export const reportFormats = ["html", "pdf", "docx", "xlsx"] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const reportContentTypes: Record<ReportFormat, string> = {
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export function isReportFormat(value: string): value is ReportFormat {
  return (reportFormats as readonly string[]).includes(value);
}

export interface ReportFile {
  buffer: Buffer;
  contentType: string;
  /** "kent-ka2-performance-2008-09-h1.pdf" */
  fileName: string;
}

// The writers load docx, exceljs and the Chromium driver only when a document is first made
// (export-submission.ts measured what each costs at start-up).
async function write(report: PerformanceReport, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case "html":
      return Buffer.from((await import("./performance-report-html.js")).writePerformanceReportHtml(report), "utf8");
    case "pdf":
      return (await import("./performance-report-pdf.js")).writePerformanceReportPdf(report);
    case "docx":
      return (await import("./performance-report-docx.js")).writePerformanceReportDocx(report);
    case "xlsx":
      return (await import("./performance-report-xlsx.js")).writePerformanceReportXlsx(report);
  }
}

export async function exportPerformanceReport(options: BuildReportOptions & { format: string }): Promise<ReportFile> {
  const format = options.format.trim().toLowerCase();
  if (!isReportFormat(format)) throw new AppError("BAD_REQUEST", `format must be one of ${reportFormats.join(", ")}`, { field: "format" });
  const report = await buildPerformanceReport(options);
  return {
    buffer: await write(report, format),
    contentType: reportContentTypes[format],
    fileName: `${report.agreement.slug}-performance-${report.round.key}.${format}`,
  };
}
