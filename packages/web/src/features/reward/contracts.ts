/** The reward grant's answers as the page reads them (the server's reward/schema.ts). */
import { z } from "zod";

export const PaymentView = z.object({
  stretch: z.string(),
  achievedPercent: z.string().nullable(),
  paidPercent: z.string().nullable(),
  payment: z.string().nullable(),
  outcome: z.enum(["paid-in-full", "paid-in-part", "below-threshold", "nothing-achieved"]).nullable(),
  reason: z.enum(["no-actual", "no-improvement-agreed"]).nullable(),
  threshold: z.string(),
});
export type PaymentView = z.infer<typeof PaymentView>;

export const RewardTargetView = z.object({
  indicator: z.object({ key: z.string(), code: z.string(), title: z.string() }),
  pot: z.string().nullable(),
  withoutStretch: z.string().nullable(),
  stretchTarget: z.string().nullable(),
  proRata: z.boolean(),
  note: z.string().nullable(),
  missing: z.array(z.enum(["pot", "withoutStretch", "stretchTarget"])),
  latest: z.object({ period: z.string(), value: z.string() }).nullable(),
  payment: PaymentView.nullable(),
  withThreshold: PaymentView.nullable(),
  proRataPayment: PaymentView.nullable(),
  freedomWorth: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type RewardTargetView = z.infer<typeof RewardTargetView>;

export const RewardAssumptionsView = z.object({
  nationalPot: z.string().nullable(),
  previousNationalPot: z.string().nullable(),
  sharePercent: z.string().nullable(),
  achievementPercent: z.string().nullable(),
  quotedLow: z.string().nullable(),
  quotedHigh: z.string().nullable(),
  predecessorTotalPossible: z.string().nullable(),
  totalPossible: z.string().nullable(),
  note: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type RewardAssumptionsView = z.infer<typeof RewardAssumptionsView>;
export type AssumptionField = Exclude<keyof RewardAssumptionsView, "note" | "updatedBy" | "updatedAt" | "version">;

export const RewardPageView = z.object({
  agreement: z.object({ slug: z.string(), name: z.string(), shortName: z.string().nullable() }),
  mayEdit: z.boolean(),
  threshold: z.string(),
  assumptions: RewardAssumptionsView,
  estimate: z.object({
    possible: z.string().nullable(),
    estimate: z.string().nullable(),
    nationalPotAgainstPrevious: z.string().nullable(),
    possibleAgainstPredecessor: z.string().nullable(),
    withinQuotedRange: z.boolean().nullable(),
    working: z.array(z.string()),
  }),
  targets: z.array(RewardTargetView),
  totals: z.object({ pots: z.string(), targetsWithoutPot: z.number().int(), payments: z.string(), proRataPayments: z.string() }),
});
export type RewardPageView = z.infer<typeof RewardPageView>;

export const RewardWhatIfView = z.object({
  measuredFrom: z.enum(["without-stretch", "baseline"]).nullable(),
  from: z.string().nullable(),
  pot: z.string().nullable(),
  proRata: z.boolean(),
  threshold: z.string(),
  baseline: z.object({ value: z.string(), asAt: z.string() }).nullable(),
  latest: z.object({ period: z.string(), end: z.string(), value: z.string() }).nullable(),
  projected: z.string().nullable(),
  projectedAt: z.string(),
  positions: z.array(
    z.object({
      kind: z.enum(["proposal", "counter-proposal"]),
      asAt: z.string(),
      party: z.string(),
      year: z.string().nullable(),
      written: z.string().nullable(),
      target: z.string().nullable(),
      stretch: z.string().nullable(),
      payment: PaymentView.nullable(),
    }),
  ),
});
export type RewardWhatIfView = z.infer<typeof RewardWhatIfView>;
