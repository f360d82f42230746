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

// The answers are shaped once, in @accord/domain, so the web app reads them with the same schemas.
export { RewardAssumptionsView, RewardEstimateView, RewardPageView, RewardTargetView, RewardWhatIfView, WhatIfPositionView } from "@accord/domain";
