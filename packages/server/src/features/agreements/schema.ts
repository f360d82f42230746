/** Request parameters of the agreement routes, parsed by zod at the edge. */
import { z } from "zod";
import { AgreementIndicatorKind, IsoDate, NegotiationStatus } from "@accord/domain";

const slug = z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an agreement slug such as kent-ka2");

export const AgreementParams = z.object({ slug });
export const IndicatorParams = z.object({ slug, key: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an indicator key such as ni-47") });
export const OutcomeParams = z.object({ slug, number: z.coerce.number({ error: "must be an outcome number" }).int("must be a whole number").positive("must be 1 or more") });
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
