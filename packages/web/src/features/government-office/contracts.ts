/**
 * The Government Office view and one indicator across agreements, as the server's
 * features/government-office/schema.ts gives them; read loosely so a field added later does not
 * break a page.
 */
import { z } from "zod";
import { AgreementStatus, PerformanceStatus } from "@accord/domain";

export const RegionView = z.object({ code: z.string(), name: z.string(), office: z.string(), abbreviation: z.string() }).loose();
export type RegionView = z.infer<typeof RegionView>;

const RagCounts = z.object({
  "target-met": z.number().int(),
  green: z.number().int(),
  amber: z.number().int(),
  red: z.number().int(),
  grey: z.number().int(),
});

const heading = {
  slug: z.string(),
  name: z.string(),
  shortName: z.string(),
  years: z.string(),
  status: AgreementStatus,
  published: z.boolean(),
  area: z.object({ code: z.string(), name: z.string() }),
  governmentOffice: z.object({ slug: z.string(), name: z.string() }),
  region: RegionView.nullable(),
};

export const OverviewAgreement = z
  .object({
    ...heading,
    position: z
      .object({
        agreedWithGovernmentOffice: z.number().int(),
        underDiscussion: z.number().int(),
        afterDeadline: z.number().int(),
        notStarted: z.number().int(),
        total: z.number().int(),
        statutoryAgreed: z.number().int(),
        statutoryToBeAgreed: z.number().int(),
      })
      .loose(),
    round: z.object({ key: z.string(), period: z.string(), dueDate: z.string(), status: z.string() }).loose().nullable(),
    rag: RagCounts,
    returnsLate: z.number().int(),
  })
  .loose();
export type OverviewAgreement = z.infer<typeof OverviewAgreement>;

export const OverviewView = z
  .object({ region: RegionView.nullable(), regions: z.array(RegionView), asAt: z.string(), agreements: z.array(OverviewAgreement) })
  .loose();
export type OverviewView = z.infer<typeof OverviewView>;

export const AcrossAgreementsRow = z
  .object({
    ...heading,
    rank: z.number().int().nullable(),
    component: z.string(),
    unit: z.string().nullable(),
    baseline: z.string().nullable(),
    finalTarget: z.object({ year: z.string(), value: z.string() }).nullable(),
    plannedImprovement: z.string().nullable(),
    change: z.enum(["reduction", "increase", "no-change"]).nullable(),
    latest: z.object({ period: z.string().nullable(), value: z.string().nullable(), progress: z.number().nullable(), status: PerformanceStatus }),
  })
  .loose();
export type AcrossAgreementsRow = z.infer<typeof AcrossAgreementsRow>;

export const AcrossAgreementsView = z
  .object({
    indicator: z.object({ key: z.string(), code: z.string(), title: z.string(), polarity: z.string(), unit: z.string().nullable() }).loose(),
    region: RegionView.nullable(),
    regions: z.array(RegionView),
    illustrative: z.string().nullable(),
    agreements: z.array(AcrossAgreementsRow),
  })
  .loose();
export type AcrossAgreementsView = z.infer<typeof AcrossAgreementsView>;
