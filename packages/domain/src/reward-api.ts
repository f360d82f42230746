/**
 * What the Performance Reward Grant endpoints answer (issue 11 point 5), shaped once here so the
 * server answers with them and the web app reads them with the same schemas. What they accept
 * stays in the server's reward/schema.ts, with its checks and messages.
 */
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

const LatestValue = z.object({ period: z.string(), value: z.string() });

const IndicatorRef = z.object({ key: z.string(), code: z.string(), title: z.string() });

export const RewardTargetView = z.object({
  indicator: IndicatorRef,
  pot: z.string().nullable(),
  withoutStretch: z.string().nullable(),
  stretchTarget: z.string().nullable(),
  proRata: z.boolean(),
  note: z.string().nullable(),
  /** The figures the payment needs that are not recorded (the seeds give none). */
  missing: z.array(z.enum(["pot", "withoutStretch", "stretchTarget"])),
  /** The county's latest value the payment is worked out from; null when there is none. */
  latest: LatestValue.nullable(),
  /** With the switch as it is set; null while the performance expected or the stretch target is missing. */
  payment: PaymentView.nullable(),
  /** Paid with the 60% threshold and pro rata without it: what the freedom would be worth. */
  withThreshold: PaymentView.nullable(),
  proRataPayment: PaymentView.nullable(),
  /** Pro rata payment minus the payment with the threshold, in pounds; null when either has no amount. */
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
  /** 0 while no assumptions are recorded for the agreement. */
  version: z.number().int(),
});
export type RewardAssumptionsView = z.infer<typeof RewardAssumptionsView>;
/** The assumptions a manager sets, each a figure. */
export type AssumptionField = Exclude<keyof RewardAssumptionsView, "note" | "updatedBy" | "updatedAt" | "version">;

export const RewardEstimateView = z.object({
  possible: z.string().nullable(),
  estimate: z.string().nullable(),
  nationalPotAgainstPrevious: z.string().nullable(),
  possibleAgainstPredecessor: z.string().nullable(),
  withinQuotedRange: z.boolean().nullable(),
  working: z.array(z.string()),
});

export const RewardPageView = z.object({
  agreement: z.object({ slug: z.string(), name: z.string(), shortName: z.string().nullable() }),
  /** Whether the reader may change the assumptions and reward targets (a manager of the agreement). */
  mayEdit: z.boolean(),
  threshold: z.string(),
  assumptions: RewardAssumptionsView,
  estimate: RewardEstimateView,
  targets: z.array(RewardTargetView),
  totals: z.object({
    /** Sum of the pots given, and how many targets have none. */
    pots: z.string(),
    targetsWithoutPot: z.number().int(),
    payments: z.string(),
    proRataPayments: z.string(),
  }),
});
export type RewardPageView = z.infer<typeof RewardPageView>;

export const WhatIfPositionView = z.object({
  kind: z.enum(["proposal", "counter-proposal"]),
  asAt: z.string(),
  party: z.string(),
  year: z.string().nullable(),
  written: z.string().nullable(),
  target: z.string().nullable(),
  stretch: z.string().nullable(),
  payment: PaymentView.nullable(),
});

export const RewardWhatIfView = z.object({
  /** What the stretch is measured from: the reward target's performance expected without it, or the baseline. */
  measuredFrom: z.enum(["without-stretch", "baseline"]).nullable(),
  from: z.string().nullable(),
  pot: z.string().nullable(),
  proRata: z.boolean(),
  threshold: z.string(),
  baseline: z.object({ value: z.string(), asAt: z.string() }).nullable(),
  latest: z.object({ period: z.string(), end: z.string(), value: z.string() }).nullable(),
  /** Where performance would stand at the end of the agreement on the line from the baseline through the latest value. */
  projected: z.string().nullable(),
  projectedAt: z.string(),
  positions: z.array(WhatIfPositionView),
});
export type RewardWhatIfView = z.infer<typeof RewardWhatIfView>;
