/** What the Performance Reward Grant's routes take and give (seed 003 l.447, l.1135; seed 000 §12). */
import { z } from "zod";

const Version = z.number({ error: "must be the version number you read" }).int("must be a whole number").min(0, "must be 0 or more");

/** Pounds, or a share in percent: digits, 0 or more; null clears it ("the seeds give none"). */
const Amount = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,2})?$/, "must be an amount in pounds written with digits, e.g. 340000000 or 6800000.50")
  .nullable();
const Percent = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, "must be a percentage written with digits, e.g. 2 or 2.5")
  .refine((value) => Number(value) <= 100, "must be 100 or less")
  .nullable();
/** A value in the indicator's own unit (a rate, a count); may be negative. */
const Figure = z
  .string()
  .trim()
  .regex(/^-?\d{1,15}(\.\d{1,6})?$/, "must be a number written with digits, e.g. 1183 or 67.5")
  .nullable();
const Note = z.string().trim().max(2000, "must be at most 2000 characters").nullable();

/** Only the assumptions sent change; the version is the one you read (0 when none are recorded yet). */
export const RewardAssumptionsBody = z
  .object({
    version: Version,
    nationalPot: Amount.optional(),
    previousNationalPot: Amount.optional(),
    sharePercent: Percent.optional(),
    achievementPercent: Percent.optional(),
    quotedLow: Amount.optional(),
    quotedHigh: Amount.optional(),
    predecessorTotalPossible: Amount.optional(),
    totalPossible: Amount.optional(),
    note: Note.optional(),
  })
  .strict();
export type RewardAssumptionsBody = z.infer<typeof RewardAssumptionsBody>;

/** A reward target, added (version 0) or changed (the version you read); fields left out stay as they are. */
export const RewardTargetBody = z
  .object({
    version: Version,
    pot: Amount.optional(),
    withoutStretch: Figure.optional(),
    stretchTarget: Figure.optional(),
    proRata: z.boolean({ error: "must be true or false" }).optional(),
    note: Note.optional(),
  })
  .strict();
export type RewardTargetBody = z.infer<typeof RewardTargetBody>;

export const RewardTargetParams = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an agreement slug such as kent-ka2"),
  key: z.string().regex(/^[a-z0-9-]{1,80}$/, "must be an indicator key such as ni-47"),
});

const PaymentView = z.object({
  stretch: z.string(),
  achievedPercent: z.string().nullable(),
  paidPercent: z.string().nullable(),
  payment: z.string().nullable(),
  outcome: z.enum(["paid-in-full", "paid-in-part", "below-threshold", "nothing-achieved"]).nullable(),
  reason: z.enum(["no-actual", "no-improvement-agreed"]).nullable(),
  threshold: z.string(),
});

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
