/**
 * data/reward-grant.yaml: the reward targets and estimate assumptions of the demo's agreements,
 * as the seeds give them (most figures empty: the seeds give no pot for any one target).
 */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import * as t from "../../db/schema/index.js";
import { AppError } from "../../errors.js";
import type { Tx } from "../audit/record.js";
import { insertRewardGrant } from "./service.js";

export const rewardGrantFileName = "reward-grant.yaml";

const Money = z.string().regex(/^\d+(\.\d{1,2})?$/, "must be pounds written with digits").nullable().default(null);
const Figure = z.string().regex(/^-?\d+(\.\d+)?$/, "must be a number written with digits").nullable().default(null);

export const RewardGrantFile = z
  .object({
    agreements: z.array(
      z
        .object({
          agreement: z.string(),
          assumptions: z
            .object({
              nationalPot: Money,
              previousNationalPot: Money,
              sharePercent: Figure,
              achievementPercent: Figure,
              quotedLow: Money,
              quotedHigh: Money,
              predecessorTotalPossible: Money,
              totalPossible: Money,
              note: z.string().nullable().default(null),
            })
            .strict()
            .optional(),
          rewardTargets: z.array(
            z
              .object({
                indicator: z.string(),
                pot: Money,
                withoutStretch: Figure,
                stretchTarget: Figure,
                proRata: z.boolean().default(false),
                note: z.string().nullable().default(null),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
export type RewardGrantFile = z.infer<typeof RewardGrantFile>;

/** Writes an agreement's reward grant from the file, when the file names the agreement. */
export async function loadDemoRewardGrant(tx: Tx, file: RewardGrantFile | undefined, slug: string, agreementId: number): Promise<void> {
  const entry = file?.agreements.find((one) => one.agreement === slug);
  if (!entry) return;
  const codes = entry.rewardTargets.map((target) => target.indicator);
  const found =
    codes.length === 0
      ? []
      : await tx
          .select({ id: t.agreementIndicators.id, code: t.indicatorDefinitions.code })
          .from(t.agreementIndicators)
          .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
          .where(and(eq(t.agreementIndicators.agreementId, agreementId), inArray(t.indicatorDefinitions.code, codes)));
  const ids = new Map(found.map((row) => [row.code, row.id]));
  const targets = entry.rewardTargets.map(({ indicator, ...figures }, index) => {
    const agreementIndicatorId = ids.get(indicator);
    if (agreementIndicatorId === undefined) {
      throw new AppError("INVALID_DATA", `${rewardGrantFileName}: ${slug}.rewardTargets.${index}: ${indicator} is not an indicator of ${slug}`);
    }
    return { agreementIndicatorId, ...figures };
  });
  await insertRewardGrant(tx, agreementId, { assumptions: entry.assumptions, targets });
}
