/** Request parameters of the agreement routes, parsed by zod at the edge. */
import { z } from "zod";
import { AgreementIndicatorKind, IsoDate, NegotiationStatus } from "@accord/domain";

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
