/** What a negotiation log entry carries. */
import { z } from "zod";
import { FinancialYear, IsoDate, NegotiationEntryKind, NegotiationParty, NegotiationStatus, TargetForm } from "@accord/domain";

export const ProposedTarget = z
  .object({
    year: FinancialYear,
    component: z.string().trim().min(1).max(40).default("all"),
    target: TargetForm,
    written: z.string().trim().min(1, "must not be empty").max(500, "must be at most 500 characters"),
  })
  .strict();

export const NegotiationEntryBody = z
  .object({
    kind: NegotiationEntryKind,
    party: NegotiationParty,
    partyName: z.string().trim().min(1).max(100, "must be at most 100 characters").optional(),
    asAt: IsoDate.optional(),
    note: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
    proposal: z.array(ProposedTarget).max(30).optional(),
  })
  .strict();

export const NegotiationEntryView = z.object({
  asAt: z.string(),
  kind: z.string(),
  party: NegotiationParty,
  partyName: z.string().nullable(),
  note: z.string().nullable(),
  proposal: z.unknown(),
  status: NegotiationStatus,
  recordedBy: z.string().nullable().optional(),
});
