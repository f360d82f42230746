/**
 * How the agreement is doing, for the dashboard, an indicator's chart, the district benchmarking
 * and an LSP's own district: every indicator's values read at once (queries.ts), the county
 * worked out from its districts and running totals kept as observations/service.ts does, and each
 * period judged by the domain's rules (trajectory, status, progress, direction) as
 * observations/performance.ts does. The public sees only values of published rounds.
 */
import {
  baselineDateFor,
  compareDecimals,
  compareReportingPeriods,
  divideDecimals,
  multiplyDecimals,
  normaliseDecimal,
  plannedTrajectory,
  plannedValueAt,
  assessActual,
  roundDecimal,
  subtractDecimals,
  illustrativeFiguresNotice,
} from "@accord/domain";
import type { BaselineState, PerformanceStatus, PlannedTrajectory, Polarity, ReportingPeriod, YearTarget } from "@accord/domain";
import type { Db } from "../../db/client.js";
import { AppError, notFound } from "../../errors.js";
import type { Actor } from "../../policy/authorize.js";
import type { AgreementStamp } from "../agreements/freshness.js";
import { ensureReadableStamp } from "../agreements/readable.js";
import { judgePeriods } from "../observations/performance.js";
import { aggregationFor, assembleObservations } from "../observations/service.js";
import type { Aggregation, ObservationView, PeriodValues } from "../observations/service.js";
import { presentRound } from "../rounds/service.js";
import type { RoundView } from "../rounds/schema.js";
import { seesUnpublishedRounds } from "../rounds/visibility.js";
import { findPerformanceFacts } from "./queries.js";
import type { PerformanceFacts, Visibility } from "./queries.js";
import type {
  Dashboard,
  DashboardQuery,
  DashboardRow,
  DistrictPerformanceView,
  DistrictRanking,
  IndicatorPerformanceView,
} from "./schema.js";

export type { Visibility };

/** The source of every generated demo value; any shown value carrying it puts it on the page. */
export const illustrativeMarker = illustrativeFiguresNotice;

/** People with a role in the agreement see every round's values; anyone else only published ones. */
export function visibilityFor(actor: Actor | null, stamp: { agreementId: number; published: boolean }): Visibility {
  return seesUnpublishedRounds(actor, stamp) ? "all" : "published";
}

type ReturnStatus = DashboardRow["returnStatus"];

interface VisibleRound {
  id: number;
  view: RoundView;
  period: ReportingPeriod;
  returns: Map<number, ReturnStatus>;
}

/** One component of one indicator: its plan and its visible values in time order. */
interface Series {
  agreementIndicatorId: number;
  key: string;
  code: string;
  title: string;
  unit: string | null;
  polarity: Polarity;
  components: string[];
  component: string;
  themeCode: string;
  themeTitle: string;
  leads: { slug: string; name: string }[];
  trajectory: PlannedTrajectory;
  cumulative: boolean;
  aggregation: Aggregation;
  periods: PeriodValues[];
}

interface PerformanceModel {
  agreement: { slug: string; name: string };
  rounds: VisibleRound[];
  county: { code: string; name: string };
  districts: { code: string; legacyCode: string | null; name: string }[];
  series: Series[];
}

const returnStatuses = new Set<string>(["draft", "submitted", "accepted", "returned"]);

function modelOf(facts: PerformanceFacts, slug: string, visibility: Visibility): PerformanceModel {
  const rounds: VisibleRound[] = facts.rounds
    .filter((row) => visibility === "all" || row.round.status === "published")
    .map((row) => {
      const view = presentRound(row);
      const returns = new Map<number, ReturnStatus>();
      for (const one of row.returns) if (returnStatuses.has(one.status)) returns.set(one.id, one.status as ReturnStatus);
      return { id: row.round.id, view, period: { ...view.period, kind: row.kind } as ReportingPeriod, returns };
    });
  const baselineAsAt = baselineDateFor(facts.agreement.firstYear);
  const plansById = new Map<number, PerformanceFacts["plans"]>();
  for (const plan of facts.plans) plansById.set(plan.agreement_indicator_id, [...(plansById.get(plan.agreement_indicator_id) ?? []), plan]);
  const observationsById = new Map<number, PerformanceFacts["observations"]>();
  for (const row of facts.observations) {
    const list = observationsById.get(row.agreementIndicatorId) ?? [];
    list.push(row);
    observationsById.set(row.agreementIndicatorId, list);
  }

  const series = facts.indicators.flatMap((indicator): Series[] => {
    const plans = plansById.get(indicator.id) ?? [];
    const pending = plans.find((plan) => plan.fact === "pending");
    const baselines = plans
      .filter((plan) => plan.fact === "baseline" && plan.component !== null && plan.value !== null)
      .map((plan) => ({ component: plan.component ?? "all", value: normaliseDecimal(plan.value ?? "0") }));
    const cumulative = plans.some((plan) => plan.fact === "target" && plan.target?.form === "cumulative");
    // A cumulative indicator's per-period values are counts, whatever its unit says.
    const aggregation: Aggregation = cumulative ? { kind: "count" } : aggregationFor(indicator.unit);
    const assembled = assembleObservations(
      { county: facts.county, districts: facts.districts, cumulative, aggregation, baselines },
      observationsById.get(indicator.id) ?? [],
    );
    const components = indicator.components.length > 0 ? indicator.components : ["all"];
    return components.map((component) => {
      const known = baselines.find((one) => one.component === component);
      const baseline: BaselineState = known
        ? { state: "known", value: known.value }
        : pending
          ? { state: "pending", reason: pending.value ?? "" }
          : { state: "none" };
      const targets: YearTarget[] = plans
        .filter((plan) => plan.fact === "target" && plan.component === component && plan.year !== null && plan.target !== null)
        .map((plan) => ({ year: plan.year ?? "", target: plan.target as YearTarget["target"] }));
      return {
        agreementIndicatorId: indicator.id,
        key: indicator.key,
        code: indicator.code,
        title: indicator.title,
        unit: indicator.unit,
        polarity: indicator.polarity as Polarity,
        components,
        component,
        themeCode: indicator.themeCode,
        themeTitle: indicator.themeTitle,
        leads: indicator.leads,
        trajectory: plannedTrajectory({ baseline, baselineAsAt, targets }),
        cumulative,
        aggregation,
        periods: assembled.filter((period) => period.component === component),
      };
    });
  });
  return {
    agreement: { slug, name: facts.agreement.name },
    rounds,
    county: facts.county,
    districts: facts.districts,
    series,
  };
}

const modelsKept = 16;
/**
 * Models by database, agreement, count of changes, day and visibility: the dashboard with each of
 * its filters, the charts and the district tables share one read of the agreement per change.
 * The count lives in the database (agreements/freshness.ts), so another process's write is seen.
 */
const models = new WeakMap<Db, Map<string, Promise<PerformanceModel>>>();

function performanceModel(db: Db, stamp: AgreementStamp, visibility: Visibility): Promise<PerformanceModel> {
  const key = `${stamp.agreementId}:${stamp.changes}:${new Date().toISOString().slice(0, 10)}:${visibility}`;
  let kept = models.get(db);
  if (!kept) {
    kept = new Map();
    models.set(db, kept);
  }
  const existing = kept.get(key);
  if (existing) return existing;
  const building = findPerformanceFacts(db, stamp.agreementId, visibility).then((facts) => modelOf(facts, stamp.slug, visibility));
  // A failed read is forgotten and tried again.
  building.catch(() => kept.delete(key));
  kept.set(key, building);
  while (kept.size > modelsKept) {
    const oldest = kept.keys().next().value;
    if (oldest === undefined) break;
    kept.delete(oldest);
  }
  return building;
}

function chooseRound(model: PerformanceModel, key: string | undefined): VisibleRound | null {
  if (key === undefined) return model.rounds.at(-1) ?? null;
  const round = model.rounds.find((one) => one.view.key === key);
  // A round the reader may not see is not named either.
  if (!round) throw notFound(`Monitoring round "${key}"`, "round");
  return round;
}

function upTo(series: Series, round: VisibleRound | null): PeriodValues[] {
  return round === null ? series.periods : series.periods.filter((period) => period.period.end <= round.period.end);
}

function carriesMarker(periods: readonly PeriodValues[]): boolean {
  const marked = (observation: ObservationView | null) => observation?.source === illustrativeMarker;
  return periods.some((period) => marked(period.county.recorded) || period.districts.some((district) => marked(district.observation)));
}

function progressNumber(percent: string | undefined): number | null {
  return percent === undefined ? null : Number(percent);
}

function findDistrict(model: PerformanceModel, code: string, field: string) {
  const wanted = code.trim().toUpperCase();
  const district = model.districts.find((one) => one.code.toUpperCase() === wanted || one.legacyCode?.toUpperCase() === wanted);
  if (!district) {
    const codes = model.districts.map((one) => one.code);
    throw new AppError("BAD_REQUEST", `district "${code}" is not one of ${model.county.name}'s districts (${codes[0] ?? ""}–${codes.at(-1) ?? ""})`, { field });
  }
  return district;
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

interface BuiltRow {
  row: DashboardRow;
  illustrative: boolean;
}

function dashboardRow(model: PerformanceModel, series: Series, round: VisibleRound | null, district: { code: string; name: string } | null): BuiltRow {
  const periods = upTo(series, round);
  const judged = judgePeriods({ periods, cumulative: series.cumulative, trajectory: series.trajectory, polarity: series.polarity });
  const latest = [...judged].reverse().find((one) => one.actual !== null);
  const fallback = round === null ? null : assessActual({ trajectory: series.trajectory, polarity: series.polarity, date: round.period.end, actual: null });
  const periodLabel = latest?.period.label ?? round?.period.label ?? null;

  // The sparkline: every visible round's period up to this one, and any other period with a value.
  const points = new Map<string, { period: ReportingPeriod; actual: string | null }>();
  for (const one of model.rounds) if (round === null || one.period.end <= round.period.end) points.set(one.period.label, { period: one.period, actual: null });
  for (const one of judged) points.set(one.period.label, { period: one.period, actual: one.actual });
  const spark = [...points.values()]
    .sort((a, b) => compareReportingPeriods(a.period, b.period))
    .map(({ period, actual }) => {
      const plan = plannedValueAt(series.trajectory, period.end);
      return { period: period.label, end: period.end, actual, planned: plan.value === null ? null : normaliseDecimal(plan.value) };
    });

  const row: DashboardRow = {
    key: series.key,
    code: series.code,
    title: series.title,
    theme: series.themeTitle,
    themeCode: series.themeCode,
    lead: series.leads.length === 0 ? null : series.leads.map((lead) => lead.name).join(", "),
    leads: series.leads,
    unit: series.unit,
    polarity: series.polarity,
    component: series.component,
    period: periodLabel,
    actual: latest?.actual ?? null,
    planned: decimalOrNull(latest ? latest.planned : (fallback?.planned ?? null)),
    status: latest?.status ?? "grey",
    reason: latest ? latest.reason : (fallback?.reason ?? "no-data"),
    progress: progressNumber(latest?.progress?.percent),
    direction: latest?.direction ?? null,
    spark,
    returnStatus: round?.returns.get(series.agreementIndicatorId) ?? "missing",
  };
  if (district) {
    const period = periods.find((one) => one.period.label === periodLabel);
    const value = period?.districts.find((one) => one.area === district.code)?.observation?.value ?? null;
    row.district = { area: district.code, name: district.name, value };
  }
  return { row, illustrative: carriesMarker(periods) };
}

function decimalOrNull(value: string | null): string | null {
  return value === null ? null : normaliseDecimal(value);
}

/** The dashboard from a model: filters checked against what the agreement has, then applied. */
function presentDashboard(model: PerformanceModel, query: DashboardQuery): Dashboard {
  const round = chooseRound(model, query.round);
  const { theme, lead, status } = query;
  if (theme !== undefined && !model.series.some((one) => same(one.themeCode, theme) || same(one.themeTitle, theme))) {
    throw new AppError("BAD_REQUEST", `theme "${theme}" is not a theme of ${model.agreement.name}'s indicators`, { field: "theme" });
  }
  if (lead !== undefined && !model.series.some((one) => one.leads.some((partner) => same(partner.slug, lead) || same(partner.name, lead)))) {
    throw new AppError("BAD_REQUEST", `lead "${lead}" is not the lead partner of any of ${model.agreement.name}'s indicators`, { field: "lead" });
  }
  const district = query.district === undefined ? null : findDistrict(model, query.district, "district");
  const inScope = model.series.filter(
    (one) =>
      (theme === undefined || same(one.themeCode, theme) || same(one.themeTitle, theme)) &&
      (lead === undefined || one.leads.some((partner) => same(partner.slug, lead) || same(partner.name, lead))),
  );
  const built = inScope.map((one) => dashboardRow(model, one, round, district));
  // The counts are of the indicators in the theme and lead chosen, before the status filter, so
  // each status's count stays in view while one status is shown.
  const counts: Record<PerformanceStatus, number> = { "target-met": 0, green: 0, amber: 0, red: 0, grey: 0 };
  for (const { row } of built) counts[row.status] += 1;
  const shown = built.filter(({ row }) => status === undefined || row.status === status);
  return {
    agreement: model.agreement,
    round: round?.view ?? null,
    rounds: model.rounds.map((one) => one.view),
    illustrative: shown.some((one) => one.illustrative) ? illustrativeMarker : null,
    counts,
    indicators: shown.map(({ row }) => row),
  };
}

/** The dashboard as the reader may see it, for a stamp already checked (the route's cached read). */
export async function dashboardFor(db: Db, stamp: AgreementStamp, visibility: Visibility, query: DashboardQuery = {}): Promise<Dashboard> {
  return presentDashboard(await performanceModel(db, stamp, visibility), query);
}

/**
 * Every indicator of the agreement at a round (by default the latest the reader may see): the
 * county's latest value up to it, the plan at that period's end, status, progress, direction, a
 * sparkline, the return's status; counts per status; filtered by theme, status, lead and district.
 */
export async function readDashboard(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  round?: string | undefined;
  filters?: Omit<DashboardQuery, "round"> | undefined;
}): Promise<Dashboard> {
  const stamp = await ensureReadableStamp(options.db, options.actor, options.slug);
  const query: DashboardQuery = { ...options.filters, ...(options.round === undefined ? {} : { round: options.round }) };
  return dashboardFor(options.db, stamp, visibilityFor(options.actor, stamp), query);
}

function findSeries(model: PerformanceModel, key: string, component: string | undefined): Series {
  const ofIndicator = model.series.filter((one) => one.key === key);
  const first = ofIndicator[0];
  if (!first) throw notFound(`Indicator "${key}" in ${model.agreement.slug}`, "key");
  if (component === undefined) return first;
  const chosen = ofIndicator.find((one) => one.component === component);
  if (!chosen) throw new AppError("BAD_REQUEST", `component must be one of ${first.components.join(", ")} for ${first.code}`, { field: "component" });
  return chosen;
}

function indicatorPerformanceOf(model: PerformanceModel, series: Series): IndicatorPerformanceView {
  const judged = judgePeriods({ periods: series.periods, cumulative: series.cumulative, trajectory: series.trajectory, polarity: series.polarity });
  return {
    indicator: series.code,
    key: series.key,
    title: series.title,
    unit: series.unit,
    polarity: series.polarity,
    component: series.component,
    illustrative: carriesMarker(series.periods) ? illustrativeMarker : null,
    trajectory: series.trajectory.points.map((point) => ({ date: point.date, value: normaliseDecimal(point.value), year: point.year })),
    targets: series.trajectory.points.flatMap((point) => (point.year === null ? [] : [{ year: point.year, value: normaliseDecimal(point.value) }])),
    periods: judged.map((one, index) => ({
      period: one.period.label,
      end: one.period.end,
      actual: one.actual,
      planned: decimalOrNull(one.planned),
      status: one.status,
      reason: one.reason,
      progress: progressNumber(one.progress?.percent),
      direction: one.direction,
      districts: (series.periods[index]?.districts ?? []).map((district) => ({
        area: district.area,
        name: district.name,
        value: district.observation?.value ?? null,
      })),
    })),
  };
}

async function modelFor(db: Db, actor: Actor | null, slug: string): Promise<PerformanceModel> {
  const stamp = await ensureReadableStamp(db, actor, slug);
  return performanceModel(db, stamp, visibilityFor(actor, stamp));
}

/** One indicator's chart: trajectory, targets, and each visible period's county and district values judged. */
export async function indicatorPerformanceFor(
  db: Db,
  stamp: AgreementStamp,
  visibility: Visibility,
  key: string,
  component?: string,
): Promise<IndicatorPerformanceView> {
  const model = await performanceModel(db, stamp, visibility);
  return indicatorPerformanceOf(model, findSeries(model, key, component));
}

export async function readIndicatorPerformance(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  key: string;
  component?: string | undefined;
}): Promise<IndicatorPerformanceView> {
  const model = await modelFor(options.db, options.actor, options.slug);
  return indicatorPerformanceOf(model, findSeries(model, options.key, options.component));
}

const better = (polarity: Polarity): "higher" | "lower" | null =>
  polarity === "higher-is-better" ? "higher" : polarity === "lower-is-better" ? "lower" : null;

function percentOf(part: string, whole: string): string | null {
  if (compareDecimals(whole, "0") === 0) return null;
  return roundDecimal(multiplyDecimals(divideDecimals(part, whole), "100"), 1);
}

interface Ranked {
  rank: number | null;
  area: string;
  name: string;
  value: string | null;
  source: string | null;
}

/**
 * Districts best first by the indicator's polarity (highest first when it has none); equal
 * values share a rank (1, 2, 2, 4); districts without a value come last, unranked.
 */
function rankValues(series: Series, period: PeriodValues | undefined, model: PerformanceModel): Ranked[] {
  const direction = better(series.polarity);
  const rows = model.districts.map((district) => {
    const observation = period?.districts.find((one) => one.area === district.code)?.observation ?? null;
    return { area: district.code, name: district.name, value: observation?.value ?? null, source: observation?.source ?? null };
  });
  const valued = rows.filter((row): row is typeof row & { value: string } => row.value !== null);
  valued.sort((a, b) => (direction === "lower" ? compareDecimals(a.value, b.value) : compareDecimals(b.value, a.value)) || a.name.localeCompare(b.name));
  const ranked: Ranked[] = [];
  valued.forEach((row, index) => {
    const previous = ranked[index - 1];
    const tie = previous?.value !== undefined && previous.value !== null && compareDecimals(previous.value, row.value) === 0;
    ranked.push({ ...row, rank: tie ? (previous?.rank ?? index + 1) : index + 1 });
  });
  const unvalued = rows.filter((row) => row.value === null).map((row) => ({ ...row, rank: null }));
  return [...ranked, ...unvalued];
}

export interface DistrictRankingWithSources extends DistrictRanking {
  /** Each district's value's source, for the CSV. */
  sources: Map<string, string | null>;
}

function rankingOf(model: PerformanceModel, series: Series, round: VisibleRound | null): DistrictRankingWithSources {
  const values = period(series, round);
  const countyValue = values?.county.value ?? null;
  const count = series.aggregation.kind === "count";
  const ranked = rankValues(series, values, model);
  return {
    indicator: series.code,
    title: series.title,
    unit: series.unit,
    period: round?.period.label ?? null,
    illustrative: values && carriesMarker([values]) ? illustrativeMarker : null,
    county: { value: countyValue },
    better: better(series.polarity),
    count,
    districts: ranked.map((row) => ({
      rank: row.rank,
      area: row.area,
      name: row.name,
      value: row.value,
      share: count && row.value !== null && countyValue !== null ? percentOf(row.value, countyValue) : null,
      fromCounty: !count && row.value !== null && countyValue !== null ? normaliseDecimal(subtractDecimals(row.value, countyValue)) : null,
    })),
    sources: new Map(ranked.map((row) => [row.area, row.source])),
  };
}

/**
 * One indicator's districts at a round's period (by default the latest the reader may see),
 * ranked against each other, with their share of the county's total for a count and their
 * difference from the county otherwise. A cumulative indicator is ranked on the period's counts.
 */
export async function rankDistricts(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  key: string;
  round?: string | undefined;
  component?: string | undefined;
}): Promise<DistrictRankingWithSources> {
  const model = await modelFor(options.db, options.actor, options.slug);
  return rankingOf(model, findSeries(model, options.key, options.component), chooseRound(model, options.round));
}

/** rankDistricts for a stamp already checked (the route's cached read). */
export async function rankingFor(
  db: Db,
  stamp: AgreementStamp,
  visibility: Visibility,
  query: { key: string; round?: string | undefined; component?: string | undefined },
): Promise<DistrictRankingWithSources> {
  const model = await performanceModel(db, stamp, visibility);
  return rankingOf(model, findSeries(model, query.key, query.component), chooseRound(model, query.round));
}

export interface DistrictPerformanceWithSources extends DistrictPerformanceView {
  sources: (string | null)[];
}

/**
 * The LSP's view: one district across every indicator at a round's period, furthest behind the
 * county first. The gap is relative (percent of the county's value, positive = worse, by the
 * indicator's polarity); a count has no gap (a district's count is part of the county's, not
 * comparable with it), nor has an indicator with no better direction: those follow, by rank.
 */
export async function readDistrictPerformance(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  area: string;
  round?: string | undefined;
}): Promise<DistrictPerformanceWithSources> {
  return districtPerformanceOf(await modelFor(options.db, options.actor, options.slug), options.area, options.round);
}

/** readDistrictPerformance for a stamp already checked (the route's cached read). */
export async function districtPerformanceFor(
  db: Db,
  stamp: AgreementStamp,
  visibility: Visibility,
  query: { area: string; round?: string | undefined },
): Promise<DistrictPerformanceWithSources> {
  return districtPerformanceOf(await performanceModel(db, stamp, visibility), query.area, query.round);
}

function period(series: Series, round: VisibleRound | null): PeriodValues | undefined {
  return round === null ? undefined : series.periods.find((one) => one.period.label === round.period.label);
}

function districtPerformanceOf(model: PerformanceModel, area: string, roundKey: string | undefined): DistrictPerformanceWithSources {
  const district = model.districts.find((one) => same(one.code, area) || (one.legacyCode !== null && same(one.legacyCode, area)));
  if (!district) throw notFound(`District "${area}" of ${model.county.name}`, "area");
  const round = chooseRound(model, roundKey);
  let illustrative = false;
  const rows = model.series.map((series, position) => {
    const ranking = rankingOf(model, series, round);
    const mine = ranking.districts.find((one) => one.area === district.code);
    const districtValue = mine?.value ?? null;
    const countyValue = ranking.county.value;
    const direction = ranking.better;
    let gap: string | null = null;
    if (!ranking.count && direction !== null && districtValue !== null && countyValue !== null && compareDecimals(countyValue, "0") !== 0) {
      const difference = subtractDecimals(districtValue, countyValue);
      const relative = percentOf(difference, countyValue.startsWith("-") ? countyValue.slice(1) : countyValue);
      // Positive is worse: below the county where higher is better, above it where lower is.
      gap = relative === null ? null : normaliseDecimal(direction === "higher" ? multiplyDecimals(relative, "-1") : relative);
    }
    const source = ranking.sources.get(district.code) ?? null;
    illustrative ||= source === illustrativeMarker || (period(series, round)?.county.recorded?.source ?? null) === illustrativeMarker;
    const of = ranking.districts.filter((one) => one.rank !== null).length;
    const rank = direction === null ? null : (mine?.rank ?? null);
    return {
      position,
      source,
      view: {
        key: series.key,
        code: series.code,
        title: series.title,
        component: series.component,
        unit: series.unit,
        districtValue,
        countyValue,
        gap,
        rank,
        of,
      },
    };
  });
  const behind = (row: (typeof rows)[number]) => (row.view.rank === null || row.view.of === 0 ? -1 : row.view.rank / row.view.of);
  rows.sort((a, b) => {
    if (a.view.gap !== null && b.view.gap !== null) return compareDecimals(b.view.gap, a.view.gap) || a.position - b.position;
    if (a.view.gap !== null) return -1;
    if (b.view.gap !== null) return 1;
    return behind(b) - behind(a) || a.position - b.position;
  });
  return {
    area: district.code,
    name: district.name,
    period: round?.period.label ?? null,
    illustrative: illustrative ? illustrativeMarker : null,
    indicators: rows.map((row) => row.view),
    sources: rows.map((row) => row.source),
  };
}
