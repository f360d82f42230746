/** What the funding streams' routes take and give (seed 003 §5, l.423). */
import { z } from "zod";

const Version = z.number({ error: "must be the version number you read" }).int("must be a whole number").min(1, "must be 1 or more");
const Short = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const OrganisationSlug = z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an organisation slug such as kent-police");

/** A financial year written 2005/06: the second part is the year after the first. */
export const FinancialYear = z
  .string()
  .regex(/^\d{4}\/\d{2}$/, "must be a financial year written like 2005/06")
  .refine((year) => (Number(year.slice(0, 4)) + 1) % 100 === Number(year.slice(5)), "must be two consecutive years, e.g. 2005/06");
/** Pounds written with digits; null leaves the year empty. */
const Amount = z.string().trim().regex(/^\d{1,15}(\.\d{1,2})?$/, "must be an amount in pounds written with digits, e.g. 1250000 or 1250000.50");
const Amounts = z
  .record(z.string(), Amount.nullable())
  .superRefine((amounts, context) => {
    for (const year of Object.keys(amounts)) {
      const checked = FinancialYear.safeParse(year);
      if (!checked.success) context.addIssue({ code: "custom", path: [year], message: checked.error.issues[0]?.message ?? "must be a financial year" });
    }
  });

const fields = {
  department: Short(200).nullable().optional(),
  kind: z.enum(["pooled", "aligned", "mainstream"], { error: "must be pooled, aligned or mainstream" }).nullable().optional(),
  blockOrOutcome: Short(200).nullable().optional(),
  accountablePartner: OrganisationSlug.nullable().optional(),
  advanceDesignation: z.boolean({ error: "must be true or false" }).optional(),
  amounts: Amounts.optional(),
  note: z.string().trim().max(2000, "must be at most 2000 characters").nullable().optional(),
};

/** The accountable partner's recorded consent to its money moving to another organisation (seed 003 l.423). */
export const FundingConsentBody = z
  .object({
    consentedBy: Short(200),
    consentedOn: z.iso.date("must be a date written like 2005-03-01"),
    note: Short(2000),
  })
  .strict();

export const FundingStreamCreateBody = z.object({ name: Short(200), ...fields }).strict();
export type FundingStreamCreateBody = z.infer<typeof FundingStreamCreateBody>;

/** Fields left out stay as they are; an amount sent as null empties that year. */
export const FundingStreamUpdateBody = z
  .object({ version: Version, name: Short(200).optional(), ...fields, consent: FundingConsentBody.optional() })
  .strict();
export type FundingStreamUpdateBody = z.infer<typeof FundingStreamUpdateBody>;

export const FundingStreamParams = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an agreement slug such as kent-ka2"),
  stream: z.string().regex(/^[a-z0-9-]{1,120}$/, "must be a funding stream key such as stronger-and-safer-communities-fund"),
});

// The answers are shaped once, in @accord/domain, so the web app reads them with the same schemas.
export { FundingConsentView, FundingStreamView, FundingStreamsView } from "@accord/domain";
