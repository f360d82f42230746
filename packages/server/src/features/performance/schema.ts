/** What the performance reads accept and answer (contract: /work/notes/contract.md "Performance API"). */
import { z } from "zod";
import { performanceStatuses } from "@accord/domain";
import { AgreementSlug, IndicatorKey } from "../../http/route-schemas.js";
import { RoundView } from "../rounds/schema.js";

export const PerformanceStatus = z.enum(performanceStatuses);
export const ReturnStatus = z.enum(["missing", "draft", "submitted", "accepted", "returned"]);
export const Direction = z.enum(["improving", "worsening", "no-change"]);

const RoundKey = z.string().regex(/^[a-z0-9-]{1,100}$/, "must name a round by its period, such as 2008-09-h1");
const AreaCode = z.string().trim().regex(/^[A-Za-z0-9]{1,20}$/, "must be a district's ONS code such as E07000114");
const Component = z.string().trim().min(1, "must not be empty").max(40, "must be at most 40 characters");

export const DashboardQuery = z
  .object({
    /** The round whose period the dashboard stands at; by default the latest the reader may see. */
    round: RoundKey.optional(),
    /** A theme's code, as the agreement's indicator list takes it. */
    theme: z.string().trim().min(1, "must name a theme by its code").max(80, "must be at most 80 characters").optional(),
    status: PerformanceStatus.optional(),
    /** The lead partner, by organisation slug (or its name). */
    lead: z.string().trim().min(1, "must name a lead partner by its slug").max(200, "must be at most 200 characters").optional(),
    /** A district's ONS code: its value is shown beside the county's. */
    district: AreaCode.optional(),
  })
  .strict();
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export const IndicatorPerformanceQuery = z.object({ component: Component.optional() }).strict();

export const DistrictsQuery = z
  .object({
    round: RoundKey.optional(),
    component: Component.optional(),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .strict();

export const DistrictPerformanceQuery = z
  .object({ round: RoundKey.optional(), format: z.enum(["json", "csv"]).default("json") })
  .strict();

export const DistrictParams = z.object({ slug: AgreementSlug, area: AreaCode });
export const PerformanceIndicatorParams = z.object({ slug: AgreementSlug, key: IndicatorKey });

export const SparkPoint = z.object({
  period: z.string(),
  end: z.string(),
  actual: z.string().nullable(),
  planned: z.string().nullable(),
});

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

export const Dashboard = z.object({
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
export type Dashboard = z.infer<typeof Dashboard>;

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

export const DistrictRanking = z.object({
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
export type DistrictRanking = z.infer<typeof DistrictRanking>;

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
