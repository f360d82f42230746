/** What the performance reads accept and answer (contract: /work/notes/contract.md "Performance API"). */
import { z } from "zod";
import { PerformanceStatus } from "@accord/domain";
import { AgreementSlug, IndicatorKey } from "../../http/route-schemas.js";

/** The answers are shared with the web app (@accord/domain monitoring-api.ts). */
export {
  DashboardRow,
  DashboardView as Dashboard,
  Direction,
  DistrictPerformanceView,
  DistrictRankingView as DistrictRanking,
  IndicatorPerformanceView,
  PerformanceStatus,
  ReturnStatus,
  SparkPoint,
} from "@accord/domain";

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
