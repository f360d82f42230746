/**
 * The monitoring answers the web reads (rounds, returns, values, performance), as the server's
 * features/{rounds,returns,observations,performance}/schema.ts give them. Objects are read
 * loosely (.loose()) so a field the server adds later does not break a page.
 */
import { z } from "zod";
import { performanceStatuses } from "@accord/domain";

export const PerformanceStatus = z.enum(performanceStatuses);
export type PerformanceStatus = z.infer<typeof PerformanceStatus>;
export const ReturnStatus = z.enum(["missing", "draft", "submitted", "accepted", "returned"]);
export type ReturnStatus = z.infer<typeof ReturnStatus>;
export const Direction = z.enum(["improving", "worsening", "no-change"]);
export type Direction = z.infer<typeof Direction>;

export const RoundView = z
  .object({
    key: z.string(),
    period: z.object({ label: z.string(), kind: z.string(), start: z.string(), end: z.string() }).loose(),
    dueDate: z.string(),
    status: z.enum(["open", "closed", "published"]),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .loose();
export type RoundView = z.infer<typeof RoundView>;
export const RoundListView = z.object({ rounds: z.array(RoundView) });

export const SparkPoint = z.object({ period: z.string(), end: z.string(), actual: z.string().nullable(), planned: z.string().nullable() }).loose();
export type SparkPoint = z.infer<typeof SparkPoint>;

export const DashboardRow = z
  .object({
    key: z.string(),
    code: z.string(),
    title: z.string(),
    theme: z.string(),
    themeCode: z.string().optional(),
    lead: z.string().nullable(),
    leads: z.array(z.object({ slug: z.string(), name: z.string() })).optional(),
    unit: z.string().nullable(),
    polarity: z.string(),
    component: z.string(),
    period: z.string().nullable(),
    actual: z.string().nullable(),
    planned: z.string().nullable(),
    status: PerformanceStatus,
    reason: z.string().nullable(),
    progress: z.number().nullable(),
    direction: Direction.nullable(),
    spark: z.array(SparkPoint),
    returnStatus: ReturnStatus,
    district: z.object({ area: z.string(), name: z.string(), value: z.string().nullable() }).loose().optional(),
  })
  .loose();
export type DashboardRow = z.infer<typeof DashboardRow>;

export const DashboardView = z
  .object({
    agreement: z.object({ slug: z.string(), name: z.string() }).loose(),
    round: RoundView.nullable(),
    rounds: z.array(RoundView),
    illustrative: z.string().nullable(),
    counts: z.record(PerformanceStatus, z.number().int()),
    indicators: z.array(DashboardRow),
  })
  .loose();
export type DashboardView = z.infer<typeof DashboardView>;

const DistrictValue = z.object({ area: z.string(), name: z.string(), value: z.string().nullable() }).loose();

export const IndicatorPerformanceView = z
  .object({
    indicator: z.string(),
    title: z.string(),
    unit: z.string().nullable(),
    polarity: z.string(),
    illustrative: z.string().nullable(),
    trajectory: z.array(z.object({ date: z.string(), value: z.string(), year: z.string().nullable() }).loose()),
    targets: z.array(z.object({ year: z.string(), value: z.string() }).loose()),
    periods: z.array(
      z
        .object({
          period: z.string(),
          end: z.string(),
          actual: z.string().nullable(),
          planned: z.string().nullable(),
          status: PerformanceStatus,
          progress: z.number().nullable(),
          direction: Direction.nullable(),
          districts: z.array(DistrictValue),
        })
        .loose(),
    ),
  })
  .loose();
export type IndicatorPerformanceView = z.infer<typeof IndicatorPerformanceView>;

export const DistrictRankingView = z
  .object({
    indicator: z.string().optional(),
    title: z.string().optional(),
    unit: z.string().nullable().optional(),
    period: z.string().nullable(),
    illustrative: z.string().nullable().optional(),
    county: z.object({ value: z.string().nullable() }).loose(),
    better: z.enum(["higher", "lower"]).nullable(),
    count: z.boolean(),
    districts: z.array(
      z
        .object({
          rank: z.number().int().nullable(),
          area: z.string(),
          name: z.string(),
          value: z.string().nullable(),
          share: z.string().nullable(),
          fromCounty: z.string().nullable(),
        })
        .loose(),
    ),
  })
  .loose();
export type DistrictRankingView = z.infer<typeof DistrictRankingView>;

export const DistrictPerformanceView = z
  .object({
    area: z.string(),
    name: z.string(),
    period: z.string().nullable(),
    illustrative: z.string().nullable(),
    indicators: z.array(
      z
        .object({
          key: z.string(),
          code: z.string(),
          title: z.string(),
          component: z.string().default("all"),
          unit: z.string().nullable(),
          districtValue: z.string().nullable(),
          countyValue: z.string().nullable(),
          gap: z.string().nullable(),
          rank: z.number().int().nullable(),
          of: z.number().int(),
        })
        .loose(),
    ),
  })
  .loose();
export type DistrictPerformanceView = z.infer<typeof DistrictPerformanceView>;

export const ReturnSummary = z
  .object({
    indicator: z.string(),
    key: z.string(),
    title: z.string(),
    theme: z.string(),
    status: ReturnStatus,
    late: z.boolean(),
    updatedAt: z.string().nullable(),
    submittedAt: z.string().nullable(),
    version: z.number().int().nullable(),
  })
  .loose();
export type ReturnSummary = z.infer<typeof ReturnSummary>;
export const ReturnListView = z.object({ round: RoundView, returns: z.array(ReturnSummary) }).loose();

export const ObservationView = z
  .object({
    period: z.string(),
    area: z.string(),
    component: z.string(),
    value: z.string(),
    numerator: z.string().nullable(),
    denominator: z.string().nullable(),
    status: z.string(),
    source: z.string().nullable(),
    note: z.string().nullable(),
    recordedBy: z.string(),
    recordedAt: z.string(),
    version: z.number().int(),
    submittedBy: z.string().nullable().optional(),
    submittedAt: z.string().nullable().optional(),
  })
  .loose();
export type ObservationView = z.infer<typeof ObservationView>;

export const ReturnView = z
  .object({
    round: RoundView,
    indicator: z.string(),
    key: z.string(),
    title: z.string(),
    status: ReturnStatus,
    progress: z.string().nullable(),
    issuesAndRisks: z.string().nullable(),
    nextActions: z.string().nullable(),
    selfAssessedStatus: PerformanceStatus.nullable(),
    computedStatus: PerformanceStatus,
    managerComment: z.string().nullable(),
    values: z.array(ObservationView),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
    submittedBy: z.string().nullable(),
    submittedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    version: z.number().int().nullable(),
    may: z.object({ edit: z.boolean(), submit: z.boolean(), decide: z.boolean(), recordDistrict: z.array(z.string()) }).loose(),
  })
  .loose();
export type ReturnView = z.infer<typeof ReturnView>;

/** GET …/indicators/:key/observations: every value by period and component, county and districts. */
export const IndicatorObservationsView = z
  .object({
    indicator: z.string(),
    unit: z.string().nullable(),
    aggregation: z.enum(["count", "ratio", "level"]),
    cumulative: z.boolean(),
    periods: z.array(
      z
        .object({
          period: z.object({ kind: z.string(), label: z.string(), start: z.string(), end: z.string() }).loose(),
          component: z.string(),
          county: z.object({ recorded: ObservationView.nullable(), value: z.string().nullable() }).loose(),
          districts: z.array(z.object({ area: z.string(), name: z.string(), observation: ObservationView.nullable() }).loose()),
        })
        .loose(),
    ),
  })
  .loose();
export type IndicatorObservationsView = z.infer<typeof IndicatorObservationsView>;
