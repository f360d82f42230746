/**
 * Before sign-off: what still blocks submission, and submitting, which freezes a revision.
 * Rules from the seeds: each indicator needs at least one lead partner (seed 000 §9); a baseline,
 * or a pending reason saying when it will come (seed 000 appendix); no counter-proposal left
 * unanswered; for outcome-based agreements at least two primary indicators per outcome (seed 003).
 */
import { and, eq } from "drizzle-orm";
import { plural, statusAsAt } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import { getAgreement } from "../agreements/service.js";
import type { PresentedAgreement } from "../agreements/presenters.js";
import { minimumPrimaryPerOutcome } from "../choosing/service.js";

export interface SubmissionProblem {
  /** The indicator code or "Outcome 4"; what the problem is about. */
  subject: string;
  /** The key of the indicator the problem is about, so a page can link to it; null for an outcome. */
  indicator: string | null;
  /** The number of the outcome the problem is about, or null. */
  outcome: number | null;
  rule: "lead-partner" | "baseline" | "open-counter-proposal" | "primary-indicators";
  message: string;
}

/** What blocks sign-off of an agreement already read, as at a date. */
export function submissionCheck(agreement: PresentedAgreement, asAt: string) {
  const slug = agreement.detail.slug;
  const problems: SubmissionProblem[] = [];
  const committed = agreement.indicators.filter((indicator) => indicator.state === "active" && (indicator.kind === "designated" || indicator.kind === "statutory"));
  for (const indicator of committed) {
    if (!indicator.partners.some((partner) => partner.role === "lead")) {
      problems.push({ subject: indicator.code, indicator: indicator.key, outcome: null, rule: "lead-partner", message: `${indicator.code} has no lead partner; each indicator needs at least one.` });
    }
    if (indicator.baselines.length === 0 && indicator.baselinePending === null) {
      problems.push({ subject: indicator.code, indicator: indicator.key, outcome: null, rule: "baseline", message: `${indicator.code} has no baseline and no reason why it is pending.` });
    }
    if (statusAsAt(indicator.statusHistory, asAt) === "counter-proposed") {
      problems.push({ subject: indicator.code, indicator: indicator.key, outcome: null, rule: "open-counter-proposal", message: `${indicator.code} has a counter-proposal from the Government Office that has not been answered.` });
    }
  }
  if (agreement.detail.structure === "outcomes") {
    for (const outcome of agreement.outcomes.filter((candidate) => !candidate.deleted)) {
      const primaries = outcome.indicators.filter((indicator) => indicator.kind === "primary" && indicator.state === "active").length;
      if (primaries < minimumPrimaryPerOutcome) {
        problems.push({ subject: `Outcome ${outcome.number}`, indicator: null, outcome: outcome.number, rule: "primary-indicators", message: `Outcome ${outcome.number} has ${plural(primaries, "primary indicator")}; each outcome needs at least ${minimumPrimaryPerOutcome}.` });
      }
    }
  }
  return { agreement: slug, asAt, ready: problems.length === 0, problems };
}

export async function submitAgreement(options: { db: Db; actor: Actor | null; slug: string; version: number }) {
  const { db, actor, slug } = options;
  const agreement = await getAgreement(db, slug);
  ensureAllowed(actor, "update", { type: "agreement", agreementId: agreement.detail.id, published: agreement.detail.published });
  const check = submissionCheck(agreement, new Date().toISOString().slice(0, 10));
  if (!check.ready) {
    throw new AppError("CONFLICT", `${agreement.detail.shortName} cannot be submitted yet: ${check.problems.length === 1 ? "1 problem blocks" : `${check.problems.length} problems block`} sign-off`, {
      field: "agreement",
      details: check.problems.map((problem) => ({ field: problem.subject, message: problem.message })),
    });
  }
  return db.transaction(async (tx) => {
    const revision = agreement.detail.revision + 1;
    const updated = await tx
      .update(t.agreements)
      .set({ status: "submitted", revision, version: options.version + 1 })
      .where(and(eq(t.agreements.id, agreement.detail.id), eq(t.agreements.version, options.version)))
      .returning({ id: t.agreements.id });
    if (updated.length === 0) throw new AppError("CONFLICT", "The agreement has been changed by someone else since you read it.", { field: "version" });
    // The whole agreement as submitted is kept, so later changes never rewrite what was sent.
    await tx.insert(t.agreementRevisions).values({ agreementId: agreement.detail.id, revision, submittedBy: actor?.id ?? null, snapshot: { ...agreement.detail, status: "submitted", revision } });
    await recordAudit(tx, { actor, action: "agreement.submit", entityType: "agreement", entityId: agreement.detail.id, agreementId: agreement.detail.id, before: { status: agreement.detail.status, revision: agreement.detail.revision }, after: { status: "submitted", revision } });
    return { status: "submitted", revision };
  });
}
