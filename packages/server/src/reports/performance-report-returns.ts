/**
 * The officers' text updates of one round, for the performance report: progress, issues and
 * risks, next actions, by indicator key. Read from indicator_returns directly until the returns
 * service (features/returns) offers a read of a whole round's texts; then this is swapped for it.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import * as t from "../db/schema/index.js";
import { roundKey } from "../features/rounds/service.js";

export interface ReturnText {
  status: "draft" | "submitted" | "accepted" | "returned";
  progress: string | null;
  issuesAndRisks: string | null;
  nextActions: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
}

/** The round's returns by indicator key; the caller has checked the reader may see the round. */
export async function readRoundReturnTexts(db: Db, slug: string, round: string): Promise<Map<string, ReturnText>> {
  const rows = await db
    .select({
      key: t.indicatorDefinitions.key,
      label: t.reportingPeriods.label,
      status: t.indicatorReturns.status,
      progress: t.indicatorReturns.progress,
      issuesAndRisks: t.indicatorReturns.issuesAndRisks,
      nextActions: t.indicatorReturns.nextActions,
      submittedBy: t.indicatorReturns.submittedByName,
      submittedAt: t.indicatorReturns.submittedAt,
    })
    .from(t.indicatorReturns)
    .innerJoin(t.monitoringRounds, eq(t.monitoringRounds.id, t.indicatorReturns.roundId))
    .innerJoin(t.reportingPeriods, eq(t.reportingPeriods.id, t.monitoringRounds.periodId))
    .innerJoin(t.agreements, eq(t.agreements.id, t.monitoringRounds.agreementId))
    .innerJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.indicatorReturns.agreementIndicatorId))
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .where(eq(t.agreements.slug, slug));
  const texts = new Map<string, ReturnText>();
  for (const row of rows) {
    if (roundKey(row.label) !== round) continue;
    texts.set(row.key, {
      status: row.status,
      progress: row.progress,
      issuesAndRisks: row.issuesAndRisks,
      nextActions: row.nextActions,
      submittedBy: row.submittedBy,
      submittedAt: row.submittedAt,
    });
  }
  return texts;
}
