/**
 * The periods a value is reported for. Monitoring is six-monthly (seed 000 §11), but the data
 * behind an indicator comes in whatever period its source uses: a financial year ("2008/09"), a
 * half ("2008/09 H1" = April–September), a quarter ("2008/09 Q1" = April–June), a month
 * ("2008-04"), a dated survey ("Place Survey autumn 2008") or a school year ("school year
 * 2008/09", September–August). Each has a start and an end date, so a trajectory can be read
 * at the end of any of them and periods of different kinds can be put in one order.
 */
import { DomainError } from "./errors.js";
import {
  financialYearEnd,
  financialYearStart,
  financialYearStartYear,
  formatFinancialYear,
  parseFinancialYear,
} from "./financial-year.js";
import type { IsoDate } from "./vocabulary.js";

export const reportingPeriodKinds = ["financial-year", "half", "quarter", "month", "survey", "school-year"] as const;
export type ReportingPeriodKind = (typeof reportingPeriodKinds)[number];

export const seasons = ["spring", "summer", "autumn", "winter"] as const;
export type Season = (typeof seasons)[number];

export interface ReportingPeriod {
  kind: ReportingPeriodKind;
  /** The label as Accord writes it: "2008/09 H1", "Place Survey autumn 2008". */
  label: string;
  /** First day of the period. */
  start: IsoDate;
  /** Last day of the period: the date its value is read against the trajectory. */
  end: IsoDate;
}

const examples = `"2008/09", "2008/09 H1", "2008/09 Q1", "2008-04", "Place Survey autumn 2008" or "school year 2008/09"`;

const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** The last day of a month (1–12) of a year. */
function lastDayOfMonth(year: number, month: number): IsoDate {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Month m (1–12) counted from April of the financial year's first calendar year. */
function financialMonth(startYear: number, offset: number): { year: number; month: number } {
  const zeroBased = 3 + offset; // April is month index 3
  return { year: startYear + Math.floor(zeroBased / 12), month: (zeroBased % 12) + 1 };
}

function span(startYear: number, firstOffset: number, months: number): { start: IsoDate; end: IsoDate } {
  const first = financialMonth(startYear, firstOffset);
  const last = financialMonth(startYear, firstOffset + months - 1);
  return { start: `${first.year}-${pad(first.month)}-01`, end: lastDayOfMonth(last.year, last.month) };
}

/**
 * Meteorological seasons, the usual reading of "autumn 2008" for survey fieldwork: autumn is
 * September–November; winter 2008 runs December 2008 – February 2009.
 */
const seasonMonths: Record<Season, number> = { spring: 3, summer: 6, autumn: 9, winter: 12 };

function seasonSpan(season: Season, year: number): { start: IsoDate; end: IsoDate } {
  const firstMonth = seasonMonths[season];
  const lastMonth = firstMonth + 2;
  const endYear = lastMonth > 12 ? year + 1 : year;
  const endMonth = lastMonth > 12 ? lastMonth - 12 : lastMonth;
  return { start: `${year}-${pad(firstMonth)}-01`, end: lastDayOfMonth(endYear, endMonth) };
}

const financialYearText = String.raw`(\d{4}\/\d{2}|\d{2}\/\d{2})`;
const patterns = {
  financialYear: new RegExp(String.raw`^${financialYearText}$`),
  half: new RegExp(String.raw`^${financialYearText}\s*H([12])$`, "i"),
  quarter: new RegExp(String.raw`^${financialYearText}\s*Q([1-4])$`, "i"),
  month: /^(\d{4})-(\d{2})$/,
  schoolYear: new RegExp(String.raw`^(?:school|academic)\s+year\s+${financialYearText}$`, "i"),
  survey: /^(.*\S)\s+(spring|summer|autumn|winter)\s+(\d{4})$/i,
};

/** The first calendar year of a financial year, with errors naming the caller's field. */
function startYearOf(financialYear: string, field: string): number {
  return financialYearStartYear(parseFinancialYear(financialYear, field));
}

function invalid(text: string, why: string, field: string): DomainError {
  return new DomainError("INVALID_REPORTING_PERIOD", `"${text}" is not a reporting period: ${why}`, field);
}

/** Reads a period as people write it and gives its canonical label and dates. */
export function parseReportingPeriod(text: string, field = "period"): ReportingPeriod {
  const written = text.trim().replace(/\s+/g, " ");
  if (written === "") throw invalid(text, `write one like ${examples}`, field);

  let match = patterns.financialYear.exec(written);
  if (match?.[1]) {
    const startYear = startYearOf(match[1], field);
    const year = formatFinancialYear(startYear);
    return { kind: "financial-year", label: year, start: financialYearStart(year), end: financialYearEnd(year) };
  }
  match = patterns.half.exec(written);
  if (match?.[1] && match[2]) {
    const startYear = startYearOf(match[1], field);
    const half = Number(match[2]);
    return { kind: "half", label: `${formatFinancialYear(startYear)} H${half}`, ...span(startYear, (half - 1) * 6, 6) };
  }
  match = patterns.quarter.exec(written);
  if (match?.[1] && match[2]) {
    const startYear = startYearOf(match[1], field);
    const quarter = Number(match[2]);
    return {
      kind: "quarter",
      label: `${formatFinancialYear(startYear)} Q${quarter}`,
      ...span(startYear, (quarter - 1) * 3, 3),
    };
  }
  match = patterns.month.exec(written);
  if (match?.[1] && match[2]) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    if (month < 1 || month > 12) throw invalid(text, `${match[2]} is not a month (01–12)`, field);
    return {
      kind: "month",
      label: `${year}-${pad(month)}`,
      start: `${year}-${pad(month)}-01`,
      end: lastDayOfMonth(year, month),
    };
  }
  match = patterns.schoolYear.exec(written);
  if (match?.[1]) {
    const startYear = startYearOf(match[1], field);
    return {
      kind: "school-year",
      label: `school year ${formatFinancialYear(startYear)}`,
      start: `${startYear}-09-01`,
      end: `${startYear + 1}-08-31`,
    };
  }
  match = patterns.survey.exec(written);
  if (match?.[1] && match[2] && match[3]) {
    const season = match[2].toLowerCase() as Season;
    const year = Number(match[3]);
    return { kind: "survey", label: `${match[1]} ${season} ${year}`, ...seasonSpan(season, year) };
  }
  // A financial year written wrongly ("2008/10") says why, rather than the general message.
  const yearLike = /^\d{2,4}\/\d{2}/.exec(written);
  if (yearLike) startYearOf(yearLike[0], field);
  throw invalid(text, `write one like ${examples}`, field);
}

/** The canonical label: "08/09 h1" → "2008/09 H1". */
export function formatReportingPeriod(text: string): string {
  return parseReportingPeriod(text).label;
}

/** "April 2008", "2008/09 H1 (April–September 2008)": the words a report heading uses. */
export function describeReportingPeriod(period: ReportingPeriod): string {
  const monthOf = (date: IsoDate) => monthNames[Number(date.slice(5, 7)) - 1] ?? date;
  const yearOf = (date: IsoDate) => date.slice(0, 4);
  if (period.kind === "month") return `${monthOf(period.start)} ${yearOf(period.start)}`;
  const startYear = yearOf(period.start);
  const endYear = yearOf(period.end);
  const from = startYear === endYear ? monthOf(period.start) : `${monthOf(period.start)} ${startYear}`;
  return `${period.label} (${from}–${monthOf(period.end)} ${endYear})`;
}

/**
 * Periods in time order: by end date, then the longer one first (the year 2008/09 before its
 * H2, which ends the same day), then by label so the order is total.
 */
export function compareReportingPeriods(a: ReportingPeriod, b: ReportingPeriod): number {
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}

/** True when the two periods share at least one day (2008/09 and 2008/09 H1 do). */
export function reportingPeriodsOverlap(a: ReportingPeriod, b: ReportingPeriod): boolean {
  return a.start <= b.end && b.start <= a.end;
}
