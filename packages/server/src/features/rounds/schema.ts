/** What opening, closing and publishing a monitoring round accept; checked by zod at the edge. */
import { z } from "zod";
import { IsoDate } from "@accord/domain";

/** The answer is shared with the web app (@accord/domain monitoring-api.ts). */
export { RoundView } from "@accord/domain";
import { AgreementSlug } from "../../http/route-schemas.js";

/** A round is named in the path by its period: "2008/09 H1" is `2008-09-h1`. */
export const RoundParams = z.object({
  slug: AgreementSlug,
  round: z.string().regex(/^[a-z0-9-]{1,100}$/, "must name a round by its period, such as 2008-09-h1"),
});

const Version = z
  .number({ error: "must be the version number you read" })
  .int("must be a whole number")
  .positive("must be 1 or more");

export const OpenRoundBody = z
  .object({
    period: z
      .string()
      .trim()
      .min(1, "must name a period such as 2008/09 H1")
      .max(100, "must be at most 100 characters"),
    /** By default six weeks after the period ends (seed 000 §11: first drafts about six weeks after). */
    dueDate: IsoDate.optional(),
  })
  .strict();
export type OpenRoundBody = z.infer<typeof OpenRoundBody>;

export const RoundVersionBody = z.object({ version: Version }).strict();
export type RoundVersionBody = z.infer<typeof RoundVersionBody>;
