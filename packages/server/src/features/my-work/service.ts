/**
 * "My work": where a signed-in person starts. For each agreement they have a role in, what each
 * role asks of them now, read from the same policy the routes enforce and the same derived
 * statuses the pages show: the officer's indicators (a counter-proposal awaiting their answer
 * first), the Government Office's proposals awaiting a response, the partner's designated targets
 * not yet signed, the manager's blockers and deadline, the LSP coordinator's district.
 */
import { and, eq, inArray } from "drizzle-orm";
import { plural, statusAsAt } from "@accord/domain";
import type { MyWorkItem, MyWorkSection, MyWorkView, NegotiationStatus } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { authorize, ensureAllowed, grantsIn } from "../../policy/authorize.js";
import type { Actor, Grant } from "../../policy/authorize.js";
import type { PresentedAgreement } from "../agreements/presenters.js";
import { getAgreement, listAgreements, today } from "../agreements/service.js";
import { negotiationOverview } from "../negotiation/overview.js";
import { submissionCheck } from "../submission/service.js";

type Indicator = PresentedAgreement["indicators"][number];

/** The indicators a role works on: committed (designated or statutory) and not omitted. */
const committed = (agreement: PresentedAgreement) =>
  agreement.indicators.filter((indicator) => indicator.state === "active" && (indicator.kind === "designated" || indicator.kind === "statutory"));

/** The officer's indicators, in the order they call for an answer. */
const officerOrder: Record<NegotiationStatus, number> = {
  "counter-proposed": 0,
  "not-started": 1,
  "under-discussion": 2,
  proposed: 3,
  deferred: 4,
  "agreed-with-government-office": 5,
};

function officerSentence(indicator: Indicator, status: NegotiationStatus): string {
  const missingBaseline = indicator.baselines.length === 0 && indicator.baselinePending === null ? "; it has no baseline and no reason why it is pending" : "";
  const said: Record<NegotiationStatus, string> = {
    "counter-proposed": "the Government Office's counter-proposal awaits your answer",
    "not-started": "no targets proposed yet",
    proposed: "your proposal awaits the Government Office",
    "under-discussion": "agreed between partners, under discussion with the Government Office",
    deferred: "deferred to the refresh",
    "agreed-with-government-office": "agreed with the Government Office",
  };
  return `${indicator.code} ${indicator.title}: ${said[status]}${missingBaseline}.`;
}

function officerSection(agreement: PresentedAgreement, actor: Actor, grants: Grant[], asAt: string): MyWorkSection | null {
  const scope = { agreementId: agreement.detail.id, published: agreement.detail.published };
  const mine = agreement.indicators.filter(
    (indicator) =>
      grants.some((grant) => grant.role === "officer" && grant.agreementIndicatorId === indicator.id) &&
      authorize(actor, "proposeTarget", { type: "agreementIndicator", ...scope, agreementIndicatorId: indicator.id }).allowed,
  );
  if (mine.length === 0) return null;
  const withStatus = mine.map((indicator) => ({ indicator, status: statusAsAt(indicator.statusHistory, asAt) })).sort((a, b) => officerOrder[a.status] - officerOrder[b.status]);
  const awaiting = withStatus.filter((entry) => entry.status === "counter-proposed").length;
  return {
    role: "officer",
    title: "Your indicators",
    summary: `You are the accountable officer for ${plural(mine.length, "indicator")}; ${awaiting === 0 ? "no counter-proposal awaits your answer" : `${plural(awaiting, "counter-proposal awaits", "counter-proposals await")} your answer`}.`,
    items: withStatus.map(({ indicator, status }) => ({ text: officerSentence(indicator, status), link: { page: "indicator", key: indicator.key } })),
  };
}

function governmentSection(agreement: PresentedAgreement, actor: Actor, asAt: string): MyWorkSection | null {
  const scope = { agreementId: agreement.detail.id, published: agreement.detail.published };
  const awaiting = committed(agreement).filter((indicator) => {
    const status = statusAsAt(indicator.statusHistory, asAt);
    return (status === "proposed" || status === "under-discussion") && authorize(actor, "recordNegotiation", { type: "agreementIndicator", ...scope, agreementIndicatorId: indicator.id }).allowed;
  });
  return {
    role: "government",
    title: "Proposals awaiting your response",
    summary:
      awaiting.length === 0
        ? "No proposal from the partnership awaits a response from the Government Office."
        : `${plural(awaiting.length, "proposal from the partnership awaits", "proposals from the partnership await")} a response from the Government Office.`,
    items: awaiting.map((indicator) => ({ text: `${indicator.code} ${indicator.title}: agree, counter-propose or defer.`, link: { page: "indicator", key: indicator.key } })),
  };
}

async function partnerSections(db: Db, agreement: PresentedAgreement, actor: Actor, grants: Grant[]): Promise<MyWorkSection[]> {
  const scope = { agreementId: agreement.detail.id, published: agreement.detail.published };
  const organisationIds = [...new Set(grants.filter((grant) => grant.role === "partner" && grant.organisationId !== null).map((grant) => grant.organisationId ?? 0))];
  if (organisationIds.length === 0) return [];
  const organisations = await db.select({ id: t.organisations.id, slug: t.organisations.slug, name: t.organisations.name }).from(t.organisations).where(inArray(t.organisations.id, organisationIds));
  const designated = agreement.indicators.filter((indicator) => indicator.state === "active" && indicator.kind === "designated");
  return organisations
    .filter((organisation) => authorize(actor, "signUp", { type: "signUp", ...scope, agreementIndicatorId: designated[0]?.id ?? 0, organisationId: organisation.id }).allowed)
    .map((organisation) => {
      const unsigned = designated.filter((indicator) => !indicator.partners.some((partner) => partner.organisation.slug === organisation.slug));
      const items: MyWorkItem[] = unsigned.map((indicator) => ({ text: `${indicator.code} ${indicator.title}: not signed up yet.`, link: { page: "indicator", key: indicator.key } }));
      return {
        role: "partner" as const,
        title: `${organisation.name}'s sign-ups`,
        summary:
          unsigned.length === 0
            ? `${organisation.name} is signed up to every designated target.`
            : `${organisation.name} has not signed up to ${plural(unsigned.length, "designated target")} of ${designated.length}.`,
        items: unsigned.length === 0 ? items : [{ text: `Sign ${organisation.name} up on the partner sign-up page.`, link: { page: "sign-ups" } }, ...items],
      };
    });
}

function managerSection(agreement: PresentedAgreement, actor: Actor, asAt: string): MyWorkSection | null {
  if (!authorize(actor, "update", { type: "agreement", agreementId: agreement.detail.id, published: agreement.detail.published }).allowed) return null;
  const check = submissionCheck(agreement, asAt);
  const overview = negotiationOverview(agreement, asAt);
  const items: MyWorkItem[] = check.problems.map((problem) => ({
    text: problem.message,
    link: problem.indicator ? { page: "indicator", key: problem.indicator } : problem.outcome !== null ? { page: "outcome", number: problem.outcome } : { page: "submission" },
  }));
  return {
    role: "manager",
    title: "Before submission",
    summary: `${check.ready ? "Nothing blocks sign-off" : `${plural(check.problems.length, "problem blocks", "problems block")} sign-off`}; ${plural(overview.open, "designated target is", "designated targets are")} still open in the negotiation.`,
    items: [{ text: "Check, download and submit on the submission page.", link: { page: "submission" } }, ...items],
  };
}

async function lspSections(db: Db, agreement: PresentedAgreement, actor: Actor, grants: Grant[]): Promise<MyWorkSection[]> {
  const scope = { agreementId: agreement.detail.id, published: agreement.detail.published };
  const areaIds = [...new Set(grants.filter((grant) => grant.role === "lsp" && grant.areaId !== null).map((grant) => grant.areaId ?? 0))];
  if (areaIds.length === 0) return [];
  const districts = await db.select({ id: t.areas.id, code: t.areas.code, name: t.areas.name }).from(t.areas).where(inArray(t.areas.id, areaIds));
  const plans = await db
    .select({ areaId: t.localActionPlans.areaId, supported: t.localActionPlans.supportedIndicatorIds, summary: t.localActionPlans.summary })
    .from(t.localActionPlans)
    .where(and(eq(t.localActionPlans.agreementId, agreement.detail.id), inArray(t.localActionPlans.areaId, areaIds)));
  return districts
    .filter((district) => authorize(actor, "editLocalActionPlan", { type: "localActionPlan", ...scope, areaId: district.id }).allowed)
    .map((district) => {
      const plan = plans.find((candidate) => candidate.areaId === district.id);
      const written = plan !== undefined && (plan.summary.trim() !== "" || plan.supported.length > 0);
      return {
        role: "lsp" as const,
        title: `${district.name}'s local action plan`,
        summary: written ? `${district.name}'s plan supports ${plural(plan?.supported.length ?? 0, "target")}.` : `${district.name} has no local action plan yet.`,
        items: [{ text: written ? `Review ${district.name}'s local action plan.` : `Write ${district.name}'s local action plan: which targets it supports and its local contribution.`, link: { page: "district", code: district.code } }],
      };
    });
}

function viewerSection(agreement: PresentedAgreement): MyWorkSection {
  return {
    role: "viewer",
    title: "To read",
    summary: `You may read ${agreement.detail.shortName}, its history and its bulletins, and comment on its indicators.`,
    items: [
      { text: `Read ${agreement.detail.name}.`, link: { page: "agreement" } },
      { text: "Read the bulletins.", link: { page: "bulletins" } },
    ],
  };
}

export async function myWork(db: Db, actor: Actor | null): Promise<MyWorkView> {
  ensureAllowed(actor, "manageOwnAccount", { type: "ownAccount" });
  if (!actor) return { asAt: today(), agreements: [] };
  const asAt = today();
  const agreements: MyWorkView["agreements"] = [];
  for (const summary of await listAgreements(db)) {
    const grants = grantsIn(actor, summary.id);
    if (grants.length === 0) continue;
    const agreement = await getAgreement(db, summary.slug);
    const roles = new Set(grants.map((grant) => grant.role));
    const sections: MyWorkSection[] = [];
    const manager = roles.has("manager") ? managerSection(agreement, actor, asAt) : null;
    if (manager) sections.push(manager);
    const officer = roles.has("officer") ? officerSection(agreement, actor, grants, asAt) : null;
    if (officer) sections.push(officer);
    const government = roles.has("government") ? governmentSection(agreement, actor, asAt) : null;
    if (government) sections.push(government);
    sections.push(...(await partnerSections(db, agreement, actor, grants)), ...(await lspSections(db, agreement, actor, grants)));
    if (roles.has("viewer") || sections.length === 0) sections.push(viewerSection(agreement));
    const { slug, name, shortName, status } = agreement.detail;
    agreements.push({ slug, name, shortName, status, deadline: negotiationOverview(agreement, asAt).deadline, sections });
  }
  return { asAt, agreements };
}
