/**
 * The monitoring answers (issue 9): rounds, values, returns and the performance reads, shaped
 * once here so the server's routes answer with them and the web app reads them with the same
 * schemas. Requests stay with each server feature's schema.ts (their checks and messages are
 * the server's own).
 */
import { z } from "zod";
import { PerformanceStatus } from "./performance.js";

export const observationStatuses = ["provisional", "final"] as const;
export const roundStatuses = ["open", "closed", "published"] as const;
export const returnStatuses = ["draft", "submitted", "accepted", "returned"] as const;

export const RoundView = z.object({
  key: z.string(),
  period: z.object({ label: z.string(), kind: z.string(), start: z.string(), end: z.string() }),
  dueDate: z.string(),
  status: z.enum(roundStatuses),
  openedBy: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
});
export type RoundView = z.infer<typeof RoundView>;
export const RoundListView = z.object({ rounds: z.array(RoundView) });
export type RoundListView = z.infer<typeof RoundListView>;

/** One value as stored, with who recorded it and when (from the session and the database clock). */
export const ObservationView = z.object({
  period: z.string(),
  area: z.string(),
  component: z.string(),
  value: z.string(),
  numerator: z.string().nullable(),
  denominator: z.string().nullable(),
  status: z.enum(observationStatuses),
  source: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  version: z.number().int(),
});
export type ObservationView = z.infer<typeof ObservationView>;

const FromDistricts = z.object({ value: z.string(), numerator: z.string().nullable(), denominator: z.string().nullable() });

/** Every value of an indicator by period and component: the county as given and as worked out from its districts. */
export const IndicatorObservationsView = z.object({
  indicator: z.string(),
  unit: z.string().nullable(),
  aggregation: z.enum(["count", "ratio", "level"]),
  cumulative: z.boolean(),
  periods: z.array(
    z.object({
      period: z.object({ kind: z.string(), label: z.string(), start: z.string(), end: z.string() }),
      component: z.string(),
      county: z.object({
        recorded: ObservationView.nullable(),
        fromDistricts: FromDistricts.nullable(),
        notFromDistricts: z.string().nullable(),
        value: z.string().nullable(),
        runningTotal: z.string().nullable().optional(),
      }),
      districts: z.array(
        z.object({
          area: z.string(),
          legacyCode: z.string().nullable(),
          name: z.string(),
          observation: ObservationView.nullable(),
          runningTotal: z.string().nullable().optional(),
        }),
      ),
    }),
  ),
});
export type IndicatorObservationsView = z.infer<typeof IndicatorObservationsView>;

export const ReturnStatus = z.enum(["missing", ...returnStatuses]);
export type ReturnStatus = z.infer<typeof ReturnStatus>;

export const ReturnSummary = z.object({
  indicator: z.string(),
  key: z.string(),
  title: z.string(),
  theme: z.string(),
  status: ReturnStatus,
  /** Not submitted (or accepted) and past the due date, or submitted after it. */
  late: z.boolean(),
  updatedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  version: z.number().int().nullable(),
});
export type ReturnSummary = z.infer<typeof ReturnSummary>;

export const ReturnListView = z.object({ round: RoundView, returns: z.array(ReturnSummary) });
export type ReturnListView = z.infer<typeof ReturnListView>;

/** A value of the return, with the district coordinator's submission that covers it (null when none does). */
export const ReturnValue = ObservationView.extend({ submittedBy: z.string().nullable(), submittedAt: z.string().nullable() });
export type ReturnValue = z.infer<typeof ReturnValue>;

export const ReturnView = z.object({
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
  values: z.array(ReturnValue),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int().nullable(),
  /** What the reader may do now: write the text update, submit, accept or return, and which districts' values they may give. */
  may: z.object({ edit: z.boolean(), submit: z.boolean(), decide: z.boolean(), recordDistrict: z.array(z.string()) }),
});
export type ReturnView = z.infer<typeof ReturnView>;

export const Direction = z.enum(["improving", "worsening", "no-change"]);
export type Direction = z.infer<typeof Direction>;

export const SparkPoint = z.object({
  period: z.string(),
  end: z.string(),
  actual: z.string().nullable(),
  planned: z.string().nullable(),
});
export type SparkPoint = z.infer<typeof SparkPoint>;

export const DashboardRow = z.object({
  key: z.string(),
  code: z.string(),
  title: z.string(),
  /** The theme's title; `themeCode` is what the theme filter takes. */
  theme: z.string(),
  themeCode: z.string(),
  /** The lead partners' names; `leads` names them with the slugs the lead filter takes. */
  lead: z.string().nullable(),
  leads: z.array(z.object({ slug: z.string(), name: z.string() })),
  unit: z.string().nullable(),
  polarity: z.string(),
  component: z.string(),
  /** The period of the latest value the reader may see, up to the round's; else the round's own. */
  period: z.string().nullable(),
  actual: z.string().nullable(),
  planned: z.string().nullable(),
  status: PerformanceStatus,
  reason: z.string().nullable(),
  progress: z.number().nullable(),
  direction: Direction.nullable(),
  spark: z.array(SparkPoint),
  returnStatus: ReturnStatus,
  district: z.object({ area: z.string(), name: z.string(), value: z.string().nullable() }).optional(),
});
export type DashboardRow = z.infer<typeof DashboardRow>;

export const DashboardView = z.object({
  agreement: z.object({ slug: z.string(), name: z.string() }),
  round: RoundView.nullable(),
  rounds: z.array(RoundView),
  illustrative: z.string().nullable(),
  counts: z.object({
    "target-met": z.number().int(),
    green: z.number().int(),
    amber: z.number().int(),
    red: z.number().int(),
    grey: z.number().int(),
  }),
  indicators: z.array(DashboardRow),
});
export type DashboardView = z.infer<typeof DashboardView>;

const DistrictValue = z.object({ area: z.string(), name: z.string(), value: z.string().nullable() });

export const IndicatorPerformanceView = z.object({
  indicator: z.string(),
  key: z.string(),
  title: z.string(),
  unit: z.string().nullable(),
  polarity: z.string(),
  component: z.string(),
  illustrative: z.string().nullable(),
  trajectory: z.array(z.object({ date: z.string(), value: z.string(), year: z.string().nullable() })),
  targets: z.array(z.object({ year: z.string(), value: z.string() })),
  periods: z.array(
    z.object({
      period: z.string(),
      end: z.string(),
      actual: z.string().nullable(),
      planned: z.string().nullable(),
      status: PerformanceStatus,
      reason: z.string().nullable(),
      progress: z.number().nullable(),
      direction: Direction.nullable(),
      districts: z.array(DistrictValue),
    }),
  ),
});
export type IndicatorPerformanceView = z.infer<typeof IndicatorPerformanceView>;

export const DistrictRankingView = z.object({
  indicator: z.string(),
  title: z.string(),
  unit: z.string().nullable(),
  period: z.string().nullable(),
  illustrative: z.string().nullable(),
  county: z.object({ value: z.string().nullable() }),
  better: z.enum(["higher", "lower"]).nullable(),
  count: z.boolean(),
  districts: z.array(
    z.object({
      /** 1 is best (ties share a rank); null without a value. */
      rank: z.number().int().nullable(),
      area: z.string(),
      name: z.string(),
      value: z.string().nullable(),
      /** Percent of the county's total, for a count. */
      share: z.string().nullable(),
      /** The district's value less the county's, for a rate or level. */
      fromCounty: z.string().nullable(),
    }),
  ),
});
export type DistrictRankingView = z.infer<typeof DistrictRankingView>;

export const DistrictPerformanceView = z.object({
  area: z.string(),
  name: z.string(),
  period: z.string().nullable(),
  illustrative: z.string().nullable(),
  indicators: z.array(
    z.object({
      key: z.string(),
      code: z.string(),
      title: z.string(),
      component: z.string(),
      unit: z.string().nullable(),
      districtValue: z.string().nullable(),
      countyValue: z.string().nullable(),
      /** Percent the district is behind the county (negative: ahead); null for counts or no direction. */
      gap: z.string().nullable(),
      rank: z.number().int().nullable(),
      of: z.number().int(),
    }),
  ),
});
export type DistrictPerformanceView = z.infer<typeof DistrictPerformanceView>;
