/**
 * Countywide delivery plans (seed 000 §10): one per agreement indicator, prepared by its
 * accountable officer (§11) with the delivery partners signed up to it. The plan is written whole
 * (its actions, milestones, risks and contributors replaced together) under one version, and each
 * write is audited on the indicator in the same transaction, so its history shows the plan's changes.
 */
import { and, asc, eq } from "drizzle-orm";
import { isOverdueAction, isRedRisk, longDate, plural, redRiskScore, riskScore } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError } from "../../errors.js";
import { isoTimestamp } from "../../db/timestamps.js";
import { AlreadyExistsError, whenAlreadyCreated } from "../../db/unique-violations.js";
import { authorize, ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import type { IndicatorScope } from "../indicators/scope.js";
import { StaleVersionError } from "../indicators/versions.js";
import type { DeliveryPlanContent, DeliveryPlanView, SaveDeliveryPlanBody } from "./schema.js";

type Reader = Db | Tx;

/** The organisations signed up to the indicator (in any role), in the agreement's order. */
async function signedUpPartners(db: Reader, agreementIndicatorId: number) {
  const rows = await db
    .select({ id: t.organisations.id, organisation: t.organisations.slug, name: t.organisations.name, role: t.partnerSignUps.role })
    .from(t.partnerSignUps)
    .innerJoin(t.organisations, eq(t.organisations.id, t.partnerSignUps.organisationId))
    .where(eq(t.partnerSignUps.agreementIndicatorId, agreementIndicatorId))
    .orderBy(asc(t.partnerSignUps.position), asc(t.partnerSignUps.id));
  const bySlug = new Map<string, { id: number; organisation: string; name: string; roles: string[] }>();
  for (const row of rows) {
    const known = bySlug.get(row.organisation);
    if (known) known.roles.push(row.role);
    else bySlug.set(row.organisation, { id: row.id, organisation: row.organisation, name: row.name, roles: [row.role] });
  }
  return [...bySlug.values()];
}

/** The plan as it stands, with its flags worked out against its own progress date; null when there is none. */
async function planContent(db: Reader, agreementIndicatorId: number): Promise<DeliveryPlanContent | null> {
  const [plan] = await db.select().from(t.deliveryPlans).where(eq(t.deliveryPlans.agreementIndicatorId, agreementIndicatorId));
  if (!plan) return null;
  const actionRows = await db
    .select({ action: t.deliveryActions, organisation: t.organisations.slug, organisationName: t.organisations.name })
    .from(t.deliveryActions)
    .innerJoin(t.organisations, eq(t.organisations.id, t.deliveryActions.organisationId))
    .where(eq(t.deliveryActions.planId, plan.id))
    .orderBy(asc(t.deliveryActions.position));
  const milestoneRows = await db.select().from(t.deliveryMilestones).where(eq(t.deliveryMilestones.planId, plan.id)).orderBy(asc(t.deliveryMilestones.position));
  const riskRows = await db.select().from(t.deliveryRisks).where(eq(t.deliveryRisks.planId, plan.id)).orderBy(asc(t.deliveryRisks.position));
  const contributorRows = await db
    .select({ organisation: t.organisations.slug, name: t.organisations.name })
    .from(t.deliveryPartners)
    .innerJoin(t.organisations, eq(t.organisations.id, t.deliveryPartners.organisationId))
    .where(eq(t.deliveryPartners.planId, plan.id))
    .orderBy(asc(t.deliveryPartners.position));
  const actions = actionRows.map(({ action, organisation, organisationName }) => ({
    what: action.what,
    organisation,
    organisationName,
    officer: action.officer,
    startDate: action.startDate,
    dueDate: action.dueDate,
    status: action.status,
    percentComplete: action.percentComplete,
    overdue: isOverdueAction(action, plan.progressAsAt),
  }));
  const risks = riskRows.map((risk) => ({
    description: risk.description,
    likelihood: risk.likelihood,
    impact: risk.impact,
    score: riskScore(risk),
    red: isRedRisk(risk),
    mitigation: risk.mitigation,
    owner: risk.owner,
  }));
  const milestones = milestoneRows.map((milestone) => ({ what: milestone.what, date: milestone.date, met: milestone.met }));
  return {
    progressAsAt: plan.progressAsAt,
    source: plan.source,
    updatedBy: plan.updatedByName,
    updatedAt: isoTimestamp(plan.updatedAt),
    version: plan.version,
    actions,
    milestones,
    risks,
    contributors: contributorRows,
    summary: {
      actions: actions.length,
      overdueActions: actions.filter((action) => action.overdue).length,
      risks: risks.length,
      redRisks: risks.filter((risk) => risk.red).length,
      milestones: milestones.length,
      milestonesMet: milestones.filter((milestone) => milestone.met).length,
    },
  };
}

export async function readDeliveryPlan(options: { db: Db; actor: Actor | null; scope: IndicatorScope; key: string }): Promise<DeliveryPlanView> {
  const { db, actor, scope, key } = options;
  const resource = { type: "agreementIndicator" as const, ...scope };
  ensureAllowed(actor, "read", resource);
  const partners = await signedUpPartners(db, scope.agreementIndicatorId);
  return {
    indicator: scope.code,
    key,
    plan: await planContent(db, scope.agreementIndicatorId),
    signedUpPartners: partners.map(({ organisation, name, roles }) => ({ organisation, name, roles })),
    redRiskScore,
    mayEdit: authorize(actor, "editDeliveryPlan", resource).allowed,
  };
}

/** A 400 naming the field; its detail is the reason alone, for a form that puts its own label first. */
function refused(field: string, reason: string): AppError {
  return new AppError("BAD_REQUEST", `${field} ${reason}`, { field, details: [{ field, message: reason }] });
}

/** Every choice of organisation must be one signed up to the indicator: a 400 naming the first that is not. */
function organisationIds(body: SaveDeliveryPlanBody, partners: Awaited<ReturnType<typeof signedUpPartners>>, code: string) {
  const bySlug = new Map(partners.map((partner) => [partner.organisation, partner.id]));
  const idOf = (slug: string, field: string, what: string) => {
    const id = bySlug.get(slug);
    if (id === undefined) throw refused(field, `must be an organisation signed up to ${code}; "${slug}" ${what}`);
    return id;
  };
  const actions = body.actions.map((action, index) => idOf(action.organisation, `actions.${index}.organisation`, "is not, so it cannot own an action"));
  const seen = new Set<string>();
  const contributors = body.contributors.map((slug, index) => {
    if (seen.has(slug)) throw refused(`contributors.${index}`, `names "${slug}" twice`);
    seen.add(slug);
    return idOf(slug, `contributors.${index}`, "is not, so it cannot be chosen as a contributing partner");
  });
  return { actions, contributors };
}

function checkDates(body: SaveDeliveryPlanBody): void {
  body.actions.forEach((action, index) => {
    if (action.startDate && action.startDate > action.dueDate) {
      throw refused(`actions.${index}.dueDate`, `must be on or after its start date (${action.startDate})`);
    }
    if (action.status === "complete" && action.percentComplete !== 100) {
      throw refused(`actions.${index}.percentComplete`, "must be 100 for an action that is complete");
    }
  });
}

const blankToNull = (text: string | null | undefined) => (text === undefined || text === null || text === "" ? null : text);

export async function saveDeliveryPlan(options: { db: Db; actor: Actor | null; scope: IndicatorScope; key: string; body: SaveDeliveryPlanBody }): Promise<DeliveryPlanView> {
  const { db, actor, scope, key, body } = options;
  ensureAllowed(actor, "editDeliveryPlan", { type: "agreementIndicator", ...scope });
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  checkDates(body);
  const write = () =>
    db.transaction(async (tx) => {
      const ids = organisationIds(body, await signedUpPartners(tx, scope.agreementIndicatorId), scope.code);
      const [existing] = await tx.select().from(t.deliveryPlans).where(eq(t.deliveryPlans.agreementIndicatorId, scope.agreementIndicatorId));
      const before = await planContent(tx, scope.agreementIndicatorId);
      if ((existing?.version ?? null) !== (body.version ?? null)) {
        throw existing
          ? new StaleVersionError(`The delivery plan of ${scope.code}`, before)
          : new StaleVersionError(`The delivery plan of ${scope.code}`, null, `${scope.code} has no delivery plan yet; send no version to write the first one.`);
      }
      const fields = { progressAsAt: body.progressAsAt, updatedBy: actor.id, updatedByName: actor.name, updatedAt: new Date().toISOString() };
      const [plan] = existing
        ? await tx
            .update(t.deliveryPlans)
            .set({ ...fields, version: existing.version + 1 })
            .where(and(eq(t.deliveryPlans.id, existing.id), eq(t.deliveryPlans.version, existing.version)))
            .returning()
        : await tx.insert(t.deliveryPlans).values({ agreementIndicatorId: scope.agreementIndicatorId, ...fields }).returning();
      if (!plan) throw new StaleVersionError(`The delivery plan of ${scope.code}`, await planContent(tx, scope.agreementIndicatorId));
      await replacePlanRows(tx, plan.id, body, ids);
      const after = await planContent(tx, scope.agreementIndicatorId);
      await recordAudit(tx, {
        actor,
        action: "deliveryPlan.save",
        entityType: "agreementIndicator",
        entityId: scope.agreementIndicatorId,
        agreementId: scope.agreementId,
        before,
        after,
      });
    });
  await whenAlreadyCreated(write, {
    delivery_plans_agreement_indicator_id_unique: async () => {
      throw new AlreadyExistsError(`Someone else wrote the delivery plan of ${scope.code} a moment ago. Look at it and make your change again.`, {
        field: "version",
        current: await planContent(db, scope.agreementIndicatorId),
      });
    },
  });
  return readDeliveryPlan({ db, actor, scope, key });
}

/** The plan's children are replaced whole: their order is the order the officer gave. */
async function replacePlanRows(tx: Tx, planId: number, body: SaveDeliveryPlanBody, ids: { actions: number[]; contributors: number[] }) {
  await tx.delete(t.deliveryActions).where(eq(t.deliveryActions.planId, planId));
  await tx.delete(t.deliveryMilestones).where(eq(t.deliveryMilestones.planId, planId));
  await tx.delete(t.deliveryRisks).where(eq(t.deliveryRisks.planId, planId));
  await tx.delete(t.deliveryPartners).where(eq(t.deliveryPartners.planId, planId));
  if (body.actions.length > 0) {
    await tx.insert(t.deliveryActions).values(
      body.actions.map((action, position) => ({
        planId,
        position,
        what: action.what,
        organisationId: ids.actions[position] as number,
        officer: blankToNull(action.officer),
        startDate: action.startDate ?? null,
        dueDate: action.dueDate,
        status: action.status,
        percentComplete: action.percentComplete,
      })),
    );
  }
  if (body.milestones.length > 0) {
    await tx.insert(t.deliveryMilestones).values(body.milestones.map((milestone, position) => ({ planId, position, ...milestone })));
  }
  if (body.risks.length > 0) {
    await tx.insert(t.deliveryRisks).values(
      body.risks.map((risk, position) => ({
        planId,
        position,
        description: risk.description,
        likelihood: risk.likelihood,
        impact: risk.impact,
        mitigation: blankToNull(risk.mitigation),
        owner: blankToNull(risk.owner),
      })),
    );
  }
  if (ids.contributors.length > 0) {
    await tx.insert(t.deliveryPartners).values(ids.contributors.map((organisationId, position) => ({ planId, organisationId, position })));
  }
}

/**
 * Each indicator's plan in one sentence, by indicator key, for the performance report beside the
 * text update ("Progress as at 30 September 2009: 4 actions, 1 overdue; 2 milestones, 1 met; 2 risks, 1 red").
 * Indicators without a plan are absent.
 */
export async function deliveryPlanSentences(db: Db, slug: string): Promise<Map<string, string>> {
  const plans = await db
    .select({ agreementIndicatorId: t.deliveryPlans.agreementIndicatorId, key: t.indicatorDefinitions.key })
    .from(t.deliveryPlans)
    .innerJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.deliveryPlans.agreementIndicatorId))
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .innerJoin(t.agreements, eq(t.agreements.id, t.agreementIndicators.agreementId))
    .where(eq(t.agreements.slug, slug));
  const sentences = new Map<string, string>();
  for (const { agreementIndicatorId, key } of plans) {
    const content = await planContent(db, agreementIndicatorId);
    if (content) sentences.set(key, deliveryPlanSentence(content));
  }
  return sentences;
}

export function deliveryPlanSentence(plan: Pick<DeliveryPlanContent, "progressAsAt" | "summary">): string {
  const { summary } = plan;
  return (
    `Progress as at ${longDate(plan.progressAsAt)}: ${plural(summary.actions, "action")}, ${summary.overdueActions} overdue; ` +
    `${plural(summary.milestones, "milestone")}, ${summary.milestonesMet} met; ${plural(summary.risks, "risk")}, ${summary.redRisks} red.`
  );
}
