/**
 * Bulletins (seed 000 §4: the fortnightly "Kent Agreement 2 bulletins" that kept some 200 officers
 * informed): a digest of everything that changed since the last one, read from the audit trail,
 * with the next deadline and what is still open. Issuing one records it; the next starts there.
 */
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { plural } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError, notFound } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import { AlreadyExistsError, whenAlreadyCreated } from "../../db/unique-violations.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import { isoTimestamp } from "../../db/timestamps.js";
import { dayAndTimeText, dayText } from "../../reports/dates.js";
import { getAgreement } from "../agreements/service.js";
import { negotiationOverview } from "../negotiation/overview.js";
import type { Mailer } from "../mail/mailer.js";
import { queueBulletinDeliveries } from "../mail/deliveries.js";
import { mailBulletin } from "./mailing.js";

export const BulletinView = z.object({
  agreement: z.string(),
  number: z.number().int(),
  issued: z.boolean(),
  issuedAt: z.string().nullable(),
  since: z.string().nullable(),
  sections: z.array(z.object({ title: z.string(), items: z.array(z.object({ at: z.string(), actor: z.string(), text: z.string() })) })),
  deadline: z.object({ name: z.string(), date: z.string(), open: z.number().int(), openIndicators: z.array(z.string()) }).nullable(),
  text: z.string(),
});
export type BulletinView = z.infer<typeof BulletinView>;

const sectionTitles = {
  negotiation: "Proposals and counter-proposals",
  agreed: "Agreements and deferrals",
  signUps: "Partner sign-ups",
  choices: "Indicators chosen, replaced or removed",
  figures: "Baselines and targets",
  agreement: "The agreement",
  plans: "Local action plans",
  monitoring: "Monitoring",
} as const;
type Section = keyof typeof sectionTitles;

const objectOf = (value: unknown): Record<string, unknown> => (value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {});
const textOf = (value: unknown): string => (typeof value === "string" ? value : value === null || value === undefined ? "" : JSON.stringify(value));

interface Described {
  section: Section;
  text: string;
  /** Told once per bulletin: many values or drafts of one return read as one line. */
  once?: string;
}

/** One audit event in a sentence a partner would read; null for what a bulletin leaves out (comments, accounts). */
function describe(
  action: string,
  code: string,
  before: unknown,
  after: unknown,
  organisationName: (slug: unknown) => string,
  areaName: (code: unknown) => string,
): Described | null {
  const a = objectOf(after);
  const b = objectOf(before);
  switch (action) {
    case "negotiation.proposal":
      return { section: "negotiation", text: `${code}: the partnership proposed ${proposalText(a.proposal)}${a.note ? ` — ${textOf(a.note)}` : ""}` };
    case "negotiation.counter-proposal":
      return { section: "negotiation", text: `${code}: ${a.partyName ? textOf(a.partyName) : "the Government Office"} counter-proposed ${proposalText(a.proposal)}${a.note ? ` — ${textOf(a.note)}` : ""}` };
    case "negotiation.comment":
      return { section: "negotiation", text: `${code}: comment in the negotiation — ${textOf(a.note)}` };
    case "negotiation.agreement-between-partners":
      return { section: "agreed", text: `${code}: agreed between partners, now under discussion with the Government Office` };
    case "negotiation.agreement-with-government-office":
      return { section: "agreed", text: `${code}: agreed with the Government Office${agreedText(a)}${a.note ? ` — ${textOf(a.note)}` : ""}` };
    case "negotiation.deferral":
      return { section: "agreed", text: `${code}: deferred to the refresh${a.note ? ` — ${textOf(a.note)}` : ""}` };
    case "signUp.create":
      return { section: "signUps", text: `${code}: ${organisationName(a.organisation)} signed up as ${a.role === "lead" ? "lead partner" : `${textOf(a.role)} partner`}` };
    case "signUp.withdraw":
      return { section: "signUps", text: `${code}: ${organisationName(b.organisation)} withdrew as ${b.role === "lead" ? "lead partner" : `${textOf(b.role)} partner`}` };
    case "indicator.add":
      return a.indicator === undefined ? null : { section: "choices", text: `${textOf(a.indicator)} added (${textOf(a.kind)})` };
    case "indicator.replace":
      return a.omitted === undefined ? null : { section: "choices", text: `${textOf(a.omitted)} omitted, replaced by ${textOf(a.replacedBy)}: ${textOf(a.reason)}` };
    case "indicator.remove":
      return { section: "choices", text: `${textOf(b.indicator)} removed` };
    case "target.set":
      // A target changed with a proposal or agreement is told once, by that entry.
      if (a.negotiationEntry) return null;
      return { section: "figures", text: `${code}: ${textOf(a.year)} target set to "${textOf(a.written)}"${b.written ? ` (was "${textOf(b.written)}")` : ""}` };
    case "baseline.set":
      return { section: "figures", text: `${code}: baseline set to "${textOf(a.written)}"` };
    case "baseline.pending":
      return { section: "figures", text: `${code}: baseline pending — ${textOf(a.reason)}${a.expectedBy ? `, expected by ${dayText(textOf(a.expectedBy))}` : ""}` };
    case "agreement.submit":
      return { section: "agreement", text: `Submitted to the Government Office as revision ${textOf(a.revision)}` };
    case "agreement.update":
      return { section: "agreement", text: `Agreement details changed (${Object.keys(a).filter((k) => k !== "version" && textOf(a[k]) !== textOf(b[k])).join(", ") || "no visible change"})` };
    case "round.open":
      return { section: "monitoring", text: `${textOf(objectOf(a.period).label)} monitoring round opened, returns due ${dayText(textOf(a.dueDate))}` };
    case "round.close":
      return { section: "monitoring", text: `${textOf(objectOf(a.period).label)} monitoring round closed` };
    case "round.publish":
      return { section: "monitoring", text: `${textOf(objectOf(a.period).label)} monitoring round published` };
    case "observation.record":
      return { section: "monitoring", text: `${code}: ${textOf(a.period)} values recorded`, once: `${code}|${textOf(a.period)}|values` };
    case "observation.correct":
      return {
        section: "monitoring",
        text: `${code}: ${textOf(a.period)} value for ${areaName(a.area)} corrected to ${textOf(a.value)}${b.value === undefined ? "" : ` (was ${textOf(b.value)})`} — ${textOf(a.correctionReason)}`,
      };
    case "return.save":
      return { section: "monitoring", text: `${code}: ${textOf(a.period)} return drafted`, once: `${code}|${textOf(a.period)}|draft` };
    case "return.submit":
      return { section: "monitoring", text: `${code}: ${textOf(a.period)} return submitted` };
    case "return.accept":
      return { section: "monitoring", text: `${code}: ${textOf(a.period)} return accepted${a.managerComment ? ` — ${textOf(a.managerComment)}` : ""}` };
    case "return.return":
      return { section: "monitoring", text: `${code}: ${textOf(a.period)} return sent back — ${textOf(a.managerComment)}` };
    case "return.district-submit":
      return { section: "monitoring", text: `${code}: ${textOf(a.name)}'s ${textOf(a.period)} values submitted` };
    case "localActionPlan.set":
      return { section: "plans", text: `A district's local action plan was updated (${plural(Array.isArray(a.supportedIndicators) ? a.supportedIndicators.length : 0, "target")} supported)` };
    default:
      return null;
  }
}

const basisWords: Record<string, string> = { proposal: "the partnership's proposal", "counter-proposal": "the counter-proposal", amended: "amended values" };

/** ": 2010/11: 560 (the counter-proposal)": what an agreement agreed, when it says. */
function agreedText(after: Record<string, unknown>): string {
  if (!Array.isArray(after.proposal) || after.proposal.length === 0) return "";
  const basis = typeof after.basis === "string" ? basisWords[after.basis] : undefined;
  return `: ${proposalText(after.proposal)}${basis ? ` (${basis})` : ""}`;
}

function proposalText(proposal: unknown): string {
  if (!Array.isArray(proposal) || proposal.length === 0) return "new figures";
  return proposal.map((item) => `${textOf(objectOf(item).year)}: ${textOf(objectOf(item).written)}`).join("; ");
}

function asText(view: Omit<BulletinView, "text">, name: string): string {
  const lines = [
    `${name} — bulletin ${view.number}${view.issuedAt ? `, issued ${dayText(view.issuedAt)}` : " (draft)"}`,
    view.since ? `Changes since ${dayAndTimeText(view.since)}` : "All changes so far",
    "",
  ];
  if (view.deadline) {
    lines.push(`${view.deadline.name}: ${dayText(view.deadline.date)}. Still open: ${view.deadline.open} (${view.deadline.openIndicators.join(", ") || "none"}).`, "");
  }
  for (const section of view.sections) {
    lines.push(section.title.toUpperCase());
    for (const item of section.items) lines.push(`- ${item.text} (${item.actor.replace(/ <.*>$/, "")}, ${dayText(item.at)})`);
    lines.push("");
  }
  if (view.sections.length === 0) lines.push("Nothing has changed since the last bulletin.", "");
  return lines.join("\n");
}

export async function draftBulletin(db: Db, actor: Actor | null, slug: string, since?: string): Promise<BulletinView> {
  const agreement = await getAgreement(db, slug);
  ensureAllowed(actor, "readHistory", { type: "agreement", agreementId: agreement.detail.id, published: agreement.detail.published });
  const [last] = await db.select().from(t.bulletins).where(eq(t.bulletins.agreementId, agreement.detail.id)).orderBy(desc(t.bulletins.number)).limit(1);
  const from = since ?? (last ? isoTimestamp(last.issuedAt) : null);
  const events = await db
    .select({ at: t.auditEvents.at, actor: t.auditEvents.actor, action: t.auditEvents.action, entityType: t.auditEvents.entityType, entityId: t.auditEvents.entityId, before: t.auditEvents.before, after: t.auditEvents.after, code: t.indicatorDefinitions.code })
    .from(t.auditEvents)
    .leftJoin(t.agreementIndicators, and(eq(t.auditEvents.entityType, "agreementIndicator"), sql`${t.agreementIndicators.id}::text = ${t.auditEvents.entityId}`))
    .leftJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .where(from === null ? eq(t.auditEvents.agreementId, agreement.detail.id) : and(eq(t.auditEvents.agreementId, agreement.detail.id), gt(t.auditEvents.at, from)))
    .orderBy(asc(t.auditEvents.at), asc(t.auditEvents.id));
  const names = new Map((await db.select({ slug: t.organisations.slug, name: t.organisations.name }).from(t.organisations)).map((o) => [o.slug, o.name]));
  const organisationName = (slug: unknown): string => names.get(textOf(slug)) ?? textOf(slug);
  const areaNames = new Map((await db.select({ code: t.areas.code, name: t.areas.name }).from(t.areas)).map((area) => [area.code, area.name]));
  const areaName = (code: unknown): string => areaNames.get(textOf(code)) ?? textOf(code);
  const sections = new Map<Section, { at: string; actor: string; text: string }[]>();
  const told = new Set<string>();
  for (const event of events) {
    // Choosing indicators is recorded on the agreement and on the indicator; the bulletin tells it once.
    if (event.action.startsWith("indicator.") && event.entityType !== "agreement") continue;
    const described = describe(event.action, event.code ?? "", event.before, event.after, organisationName, areaName);
    if (!described) continue;
    if (described.once !== undefined) {
      if (told.has(described.once)) continue;
      told.add(described.once);
    }
    const list = sections.get(described.section) ?? [];
    list.push({ at: isoTimestamp(event.at), actor: event.actor, text: described.text });
    sections.set(described.section, list);
  }
  const overview = negotiationOverview(agreement, new Date().toISOString().slice(0, 10));
  const view = {
    agreement: slug,
    number: (last?.number ?? 0) + 1,
    issued: false,
    issuedAt: null,
    since: from,
    sections: (Object.keys(sectionTitles) as Section[]).filter((key) => sections.has(key)).map((key) => ({ title: sectionTitles[key], items: sections.get(key) ?? [] })),
    deadline: overview.deadline ? { name: overview.deadline.name, date: overview.deadline.date, open: overview.open, openIndicators: overview.openIndicators } : null,
  };
  return { ...view, text: asText(view, agreement.detail.name) };
}

export async function issueBulletin(options: { db: Db; actor: Actor | null; slug: string; since?: string | undefined; mailer?: Mailer | null }): Promise<BulletinView> {
  const { db, actor, slug } = options;
  const agreement = await getAgreement(db, slug);
  ensureAllowed(actor, "update", { type: "agreement", agreementId: agreement.detail.id, published: agreement.detail.published });
  const draft = await draftBulletin(db, actor, slug, options.since);
  // A bulletin with nothing in it would only teach 200 readers to ignore the next one.
  if (draft.sections.length === 0) {
    throw new AppError("CONFLICT", `Nothing has changed since ${draft.since ? `the last bulletin (${dayText(draft.since)})` : "the agreement was loaded"}; there is nothing to issue.`, { field: "since" });
  }
  const write = () => db.transaction(async (tx) => {
    const [row] = await tx
      .insert(t.bulletins)
      .values({ agreementId: agreement.detail.id, number: draft.number, issuedBy: actor?.id ?? null, since: draft.since, content: draft })
      .returning();
    if (!row) throw new Error("bulletin not saved");
    const issued = { ...draft, issued: true, issuedAt: isoTimestamp(row.issuedAt) };
    const final = { ...issued, text: asText(issued, agreement.detail.name) };
    await tx.update(t.bulletins).set({ content: final }).where(eq(t.bulletins.id, row.id));
    await recordAudit(tx, { actor, action: "bulletin.issue", entityType: "agreement", entityId: agreement.detail.id, agreementId: agreement.detail.id, before: null, after: { number: row.number } });
    // Queued here so that a rolled-back issue leaves no delivery; sent only once this commits.
    const deliveries = options.mailer ? await queueBulletinDeliveries(tx, { agreementId: agreement.detail.id, bulletinId: row.id }) : [];
    return { final, deliveries };
  });
  // Issued by someone else at the same moment: their bulletin has this number and these changes.
  const { final, deliveries } = await whenAlreadyCreated(write, {
    bulletins_agreement_number_unique: () =>
      Promise.reject(new AlreadyExistsError(`Bulletin ${draft.number} was issued by someone else a moment ago, with these changes; there is nothing new to issue.`, { field: "since", current: { number: draft.number } })),
  });
  if (options.mailer) await mailBulletin({ db, mailer: options.mailer, bulletin: final, agreementName: agreement.detail.name, deliveries });
  return final;
}

export async function listBulletins(db: Db, actor: Actor | null, slug: string): Promise<{ number: number; issuedAt: string }[]> {
  const agreement = await getAgreement(db, slug);
  ensureAllowed(actor, "readHistory", { type: "agreement", agreementId: agreement.detail.id, published: agreement.detail.published });
  const rows = await db.select({ number: t.bulletins.number, issuedAt: t.bulletins.issuedAt }).from(t.bulletins).where(eq(t.bulletins.agreementId, agreement.detail.id)).orderBy(desc(t.bulletins.number));
  return rows.map((row) => ({ number: row.number, issuedAt: isoTimestamp(row.issuedAt) }));
}

export async function getBulletin(db: Db, actor: Actor | null, slug: string, number: number): Promise<BulletinView> {
  const agreement = await getAgreement(db, slug);
  ensureAllowed(actor, "readHistory", { type: "agreement", agreementId: agreement.detail.id, published: agreement.detail.published });
  const [row] = await db.select().from(t.bulletins).where(and(eq(t.bulletins.agreementId, agreement.detail.id), eq(t.bulletins.number, number)));
  if (!row) throw notFound(`Bulletin ${number} of ${agreement.detail.shortName}`, "number");
  const parsed = BulletinView.safeParse(row.content);
  if (!parsed.success) throw new AppError("INVALID_DATA", `Bulletin ${number} is not readable`);
  return parsed.data;
}
