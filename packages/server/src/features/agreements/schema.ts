/** Request parameters of the agreement routes, parsed by zod at the edge. */
import { z } from "zod";
import { AgreementIndicatorKind, AgreementStatus, IsoDate, NegotiationStatus } from "@accord/domain";

import { AgreementSlug } from "../../http/route-schemas.js";

export { AgreementParams, IndicatorParams } from "../../http/route-schemas.js";
export const OutcomeParams = z.object({ slug: AgreementSlug, number: z.coerce.number({ error: "must be an outcome number" }).int("must be a whole number").positive("must be 1 or more") });
export const IndicatorQuery = z
  .object({
    theme: z.string().max(80).optional(),
    status: NegotiationStatus.optional(),
    partner: z.string().max(80).optional(),
    kind: AgreementIndicatorKind.optional(),
  })
  .strict();
export const PositionSummaryQuery = z.object({ asAt: IsoDate }).strict();

export { PositionSummaryView as PositionSummaryResponse } from "@accord/domain";

/** The agreement list: a page of at most 200, filtered by status, text and Government Office. */
export const AgreementListQuery = z
  .object({
    status: AgreementStatus.optional(),
    q: z.string().trim().max(200, "must be at most 200 characters").optional(),
    governmentOffice: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an organisation slug such as government-office-for-the-south-east").optional(),
    page: z.coerce.number({ error: "must be a page number" }).int("must be a whole number").min(1, "must be 1 or more").default(1),
    limit: z.coerce.number({ error: "must be a number of agreements" }).int("must be a whole number").min(1, "must be 1 or more").max(200, "must be at most 200").default(50),
  })
  .strict();
export type AgreementListQuery = z.infer<typeof AgreementListQuery>;
