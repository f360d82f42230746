/**
 * NI 47's countywide delivery plan in the demo (seed 000 §10: "led by the facilitating officer
 * nominated by the lead partner … developed in conjunction with other delivery partners").
 * What the actions, milestones and risks say is taken from the seeds: seed 003's freedom for
 * outcome 9 (the Kent & Medway Camera Partnerships, whose deployments are 90% prescribed) and
 * seed 000's NI 47 row (1183, proposed at 592, a 50% reduction). The seeds give no dates, progress
 * or risk scores: those are illustrative and the plan says so. Progress is as at the end of
 * 2009/10 H1, the demo's open round; one action is overdue at that date.
 */
import { and, eq, inArray } from "drizzle-orm";
import { illustrativeFiguresNotice } from "@accord/domain";
import * as t from "../../db/schema/index.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";

const source = `${illustrativeFiguresNotice}: the plan's words are the source documents'; its dates, progress and risk scores are illustrative.`;

const plan = {
  progressAsAt: "2009-09-30",
  actions: [
    {
      what: "Prepare the countywide delivery plan in conjunction with the other delivery partners",
      organisation: "kent-county-council",
      officer: "Facilitating officer nominated by Kent County Council",
      startDate: "2008-06-01",
      dueDate: "2008-09-30",
      status: "complete" as const,
      percentComplete: 100,
    },
    {
      what: "Deploy speed cameras in response to local concerns, to target problem roads in Kent",
      organisation: "kent-and-medway-safety-camera-partnership",
      officer: null,
      startDate: "2008-10-01",
      dueDate: "2009-06-30",
      status: "behind" as const,
      percentComplete: 40,
    },
    {
      what: "Work with the local community to raise awareness of the need to reduce road fatalities",
      organisation: "kent-county-council",
      officer: null,
      startDate: "2008-10-01",
      dueDate: "2010-03-31",
      status: "on track" as const,
      percentComplete: 55,
    },
    {
      what: "A more joined up approach to speed enforcement within Kent",
      organisation: "kent-police",
      officer: null,
      startDate: "2009-04-01",
      dueDate: "2011-03-31",
      status: "on track" as const,
      percentComplete: 25,
    },
  ],
  milestones: [
    { what: "Countywide delivery plan prepared with the delivery partners", date: "2008-09-30", met: true },
    { what: "592 killed or seriously injured (a 50% reduction on the baseline of 1183)", date: "2011-03-31", met: false },
  ],
  risks: [
    {
      description: "Only 10% of speed camera deployments can be in response to local concerns; the other 90% are prescribed",
      likelihood: 4,
      impact: 4,
      mitigation: "Seek the freedom of increased local autonomy for the Kent & Medway Camera Partnerships (outcome 9)",
      owner: "Kent & Medway Safety Camera Partnership",
    },
    {
      description: "The casualty figures (STATS 19) reach the partnership late",
      likelihood: 2,
      impact: 3,
      mitigation: null,
      owner: "Kent Police",
    },
  ],
  contributors: ["kent-police", "kent-and-medway-safety-camera-partnership", "kent-fire-and-rescue-service", "district-councils"],
};

/** Writes the plan in the load's transaction, with one audit entry saying it was loaded. */
export async function loadDemoDeliveryPlan(tx: Tx, agreementId: number): Promise<void> {
  const [indicator] = await tx
    .select({ id: t.agreementIndicators.id })
    .from(t.agreementIndicators)
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .where(and(eq(t.agreementIndicators.agreementId, agreementId), eq(t.indicatorDefinitions.code, "NI 47")));
  if (!indicator) return;
  const slugs = [...new Set([...plan.contributors, ...plan.actions.map((action) => action.organisation)])];
  const organisations = await tx.select({ id: t.organisations.id, slug: t.organisations.slug }).from(t.organisations).where(inArray(t.organisations.slug, slugs));
  const idOf = (slug: string) => {
    const found = organisations.find((organisation) => organisation.slug === slug);
    if (!found) throw new Error(`the demo delivery plan names ${slug}, which is not in organisations.yaml`);
    return found.id;
  };
  const [row] = await tx
    .insert(t.deliveryPlans)
    .values({ agreementIndicatorId: indicator.id, progressAsAt: plan.progressAsAt, source, updatedByName: "accord command line" })
    .returning();
  if (!row) throw new Error("the demo delivery plan was not saved");
  await tx.insert(t.deliveryActions).values(plan.actions.map(({ organisation, ...action }, position) => ({ planId: row.id, position, organisationId: idOf(organisation), ...action })));
  await tx.insert(t.deliveryMilestones).values(plan.milestones.map((milestone, position) => ({ planId: row.id, position, ...milestone })));
  await tx.insert(t.deliveryRisks).values(plan.risks.map((risk, position) => ({ planId: row.id, position, ...risk })));
  await tx.insert(t.deliveryPartners).values(plan.contributors.map((slug, position) => ({ planId: row.id, position, organisationId: idOf(slug) })));
  await recordAudit(tx, {
    actor: null,
    action: "demo.delivery-plan",
    entityType: "agreementIndicator",
    entityId: indicator.id,
    agreementId,
    before: null,
    after: { loaded: "NI 47's illustrative demo delivery plan", source },
  });
}
