/**
 * An agreement's funding streams as the API answers them (seed 003 §5): shaped once, here, so the
 * server answers with them and the web app reads with them.
 */
import { z } from "zod";

const Organisation = z.object({ slug: z.string(), name: z.string() });

export const FundingConsentView = z.object({
  from: Organisation,
  to: Organisation,
  consentedBy: z.string(),
  consentedOn: z.string(),
  note: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const FundingStreamView = z.object({
  key: z.string(),
  name: z.string(),
  department: z.string().nullable(),
  kind: z.enum(["pooled", "aligned", "mainstream"]).nullable(),
  blockOrOutcome: z.string().nullable(),
  accountablePartner: Organisation.nullable(),
  advanceDesignation: z.boolean(),
  amounts: z.record(z.string(), z.string()),
  total: z.string().nullable(),
  note: z.string().nullable(),
  consents: z.array(FundingConsentView),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
});
export type FundingStreamView = z.infer<typeof FundingStreamView>;

const Totals = z.object({ byYear: z.record(z.string(), z.string()), total: z.string().nullable() });
export const FundingStreamsView = z.object({
  agreement: z.object({ slug: z.string(), name: z.string() }),
  mayEdit: z.boolean(),
  years: z.array(z.string()),
  streams: z.array(FundingStreamView),
  /** Per block or outcome ("" where none is recorded), then for the whole agreement. */
  totals: z.object({ byBlock: z.array(Totals.extend({ blockOrOutcome: z.string().nullable() })), all: Totals }),
});
export type FundingStreamsView = z.infer<typeof FundingStreamsView>;
