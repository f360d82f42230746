/**
 * What the Government Office view and the same indicator across agreements answer (issue 10
 * point 5), shaped once here so the server answers with them and the web app reads them with the
 * same schemas. What they accept stays in the server's government-office/schema.ts.
 */
import { z } from "zod";
import { AgreementStatus } from "./vocabulary.js";
import { PerformanceStatus } from "./performance.js";

export const RegionView = z.object({ code: z.string(), name: z.string(), office: z.string(), abbreviation: z.string() });
export type RegionView = z.infer<typeof RegionView>;

const RagCounts = z.object({
  "target-met": z.number().int(),
  green: z.number().int(),
  amber: z.number().int(),
  red: z.number().int(),
  grey: z.number().int(),
});

const AgreementHeading = z.object({
  slug: z.string(),
  name: z.string(),
  shortName: z.string(),
  years: z.string(),
  status: AgreementStatus,
  published: z.boolean(),
  area: z.object({ code: z.string(), name: z.string() }),
  governmentOffice: z.object({ slug: z.string(), name: z.string() }),
  /** null for an office that is not one of the nine regions' offices. */
  region: RegionView.nullable(),
});

export const OverviewAgreement = AgreementHeading.extend({
  /** The designated indicators' position as at today (seed 000 §7's table), statutory ones apart. */
  position: z.object({
    agreedWithGovernmentOffice: z.number().int(),
    underDiscussion: z.number().int(),
    afterDeadline: z.number().int(),
    notStarted: z.number().int(),
    total: z.number().int(),
    statutoryAgreed: z.number().int(),
    statutoryToBeAgreed: z.number().int(),
  }),
  /** The latest monitoring round the reader may see; null before any. */
  round: z.object({ key: z.string(), period: z.string(), dueDate: z.string(), status: z.enum(["open", "closed", "published"]) }).nullable(),
  rag: RagCounts,
  /** Indicators whose return for that round is not in (missing, draft or sent back) once it is due. */
  returnsLate: z.number().int(),
});
export type OverviewAgreement = z.infer<typeof OverviewAgreement>;

export const OverviewView = z.object({
  region: RegionView.nullable(),
  regions: z.array(RegionView),
  asAt: z.string(),
  agreements: z.array(OverviewAgreement),
});
export type OverviewView = z.infer<typeof OverviewView>;

export const AcrossAgreementsRow = AgreementHeading.extend({
  /** 1 plans the largest improvement; null where it cannot be worked out (no baseline or target). */
  rank: z.number().int().nullable(),
  component: z.string(),
  unit: z.string().nullable(),
  baseline: z.string().nullable(),
  finalTarget: z.object({ year: z.string(), value: z.string() }).nullable(),
  /** The final target's improvement on the baseline as a percentage of it ("50"); negative is worse. */
  plannedImprovement: z.string().nullable(),
  /** "reduction" or "increase": which way the final target moves from the baseline. */
  change: z.enum(["reduction", "increase", "no-change"]).nullable(),
  latest: z.object({ period: z.string().nullable(), value: z.string().nullable(), progress: z.number().nullable(), status: PerformanceStatus }),
});
export type AcrossAgreementsRow = z.infer<typeof AcrossAgreementsRow>;

export const AcrossAgreementsView = z.object({
  indicator: z.object({ key: z.string(), code: z.string(), title: z.string(), polarity: z.string(), unit: z.string().nullable() }),
  region: RegionView.nullable(),
  regions: z.array(RegionView),
  illustrative: z.string().nullable(),
  agreements: z.array(AcrossAgreementsRow),
});
export type AcrossAgreementsView = z.infer<typeof AcrossAgreementsView>;
