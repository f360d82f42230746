/**
 * "Sign up to all 35": many statutory partners sign up to every designated indicator and show
 * their particular contribution in the delivery plans (seed 000 §9). And the matrix of
 * organisations × indicators.
 */
import { and, eq, inArray } from "drizzle-orm";
import { statutoryDutyText, type SignUpRole } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { ensureReadable } from "../agreements/readable.js";
import { recordAudit } from "../audit/record.js";
import { agreementScope } from "./scope.js";

/** The agreement, the organisation and the active designated indicators a bulk sign-up or withdrawal covers. */
async function bulkScope(db: Db, slug: string, organisationSlug: string, field: "organisation") {
  const scope = await agreementScope(db, slug);
  const [organisation] = await db.select().from(t.organisations).where(eq(t.organisations.slug, organisationSlug));
  if (!organisation) throw new AppError("BAD_REQUEST", `organisation "${organisationSlug}" is not known`, { field });
  const designated = await db
    .select({ id: t.agreementIndicators.id, code: t.indicatorDefinitions.code })
    .from(t.agreementIndicators)
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .where(and(eq(t.agreementIndicators.agreementId, scope.agreementId), eq(t.agreementIndicators.kind, "designated"), eq(t.agreementIndicators.state, "active")))
    .orderBy(t.agreementIndicators.position);
  return { scope, organisation, designated };
}

export async function signUpToAll(options: { db: Db; actor: Actor | null; slug: string; organisation: string; role: "statutory" | "non-statutory" }) {
  const { db, actor, slug } = options;
  const { scope, organisation, designated } = await bulkScope(db, slug, options.organisation, "organisation");
  // Whether the organisation may be signed up depends on the agreement and the organisation only.
  ensureAllowed(actor, "signUp", { type: "signUp", ...scope, agreementIndicatorId: designated[0]?.id ?? 0, organisationId: organisation.id });
  if (designated.length === 0) throw new AppError("BAD_REQUEST", `${slug} has no designated indicators to sign up to`, { field: "slug" });
  if ((options.role === "statutory") !== organisation.statutory) {
    throw new AppError("BAD_REQUEST", `${organisation.name} ${organisation.statutory ? "is" : "is not"} a statutory partner under the 2007 Act; sign up as ${organisation.statutory ? "statutory" : "non-statutory"} partner`, { field: "role" });
  }
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ agreementIndicatorId: t.partnerSignUps.agreementIndicatorId })
      .from(t.partnerSignUps)
      .where(and(eq(t.partnerSignUps.organisationId, organisation.id), inArray(t.partnerSignUps.agreementIndicatorId, designated.map((d) => d.id))));
    const already = new Set(existing.map((row) => row.agreementIndicatorId));
    const candidates = designated.filter((indicator) => !already.has(indicator.id));
    // Someone signing the same organisation up at the same moment has inserted some of these rows
    // already: those are skipped, not a failure, so twenty clicks give one set of sign-ups.
    const inserted =
      candidates.length === 0
        ? []
        : await tx
            .insert(t.partnerSignUps)
            .values(candidates.map((indicator) => ({ agreementIndicatorId: indicator.id, organisationId: organisation.id, role: options.role, position: 1000 })))
            .onConflictDoNothing()
            .returning({ agreementIndicatorId: t.partnerSignUps.agreementIndicatorId });
    const signedNow = new Set(inserted.map((row) => row.agreementIndicatorId));
    const toSign = designated.filter((indicator) => signedNow.has(indicator.id));
    const signed = new Set(designated.filter((indicator) => !signedNow.has(indicator.id)).map((indicator) => indicator.id));
    if (toSign.length > 0) {
      for (const indicator of toSign) {
        await recordAudit(tx, { actor, action: "signUp.create", entityType: "agreementIndicator", entityId: indicator.id, agreementId: scope.agreementId, before: null, after: { organisation: organisation.slug, role: options.role, detail: null } });
      }
    }
    return {
      signedUp: toSign.map((indicator) => indicator.code),
      alreadySignedUp: designated.filter((indicator) => signed.has(indicator.id)).map((indicator) => indicator.code),
      statutoryDuty: organisation.statutory ? statutoryDutyText : null,
    };
  });
}

/**
 * The undo of "sign up to all": the organisation withdraws its supporting (statutory or
 * non-statutory) sign-ups from every designated target. A lead sign-up is a commitment made one
 * indicator at a time, and withdrawing it may leave the indicator without a lead, so it stays and
 * is named in the answer; it is withdrawn on the indicator's own page.
 */
export async function withdrawFromAll(options: { db: Db; actor: Actor | null; slug: string; organisation: string }) {
  const { db, actor, slug } = options;
  const { scope, organisation, designated } = await bulkScope(db, slug, options.organisation, "organisation");
  ensureAllowed(actor, "withdrawSignUp", { type: "signUp", ...scope, agreementIndicatorId: designated[0]?.id ?? 0, organisationId: organisation.id });
  const codeOf = new Map(designated.map((indicator) => [indicator.id, indicator.code]));
  const ids = designated.map((indicator) => indicator.id);
  return db.transaction(async (tx) => {
    if (ids.length === 0) return { withdrawn: [], keptAsLead: [] };
    const onDesignated = and(eq(t.partnerSignUps.organisationId, organisation.id), inArray(t.partnerSignUps.agreementIndicatorId, ids));
    const removed = await tx
      .delete(t.partnerSignUps)
      .where(and(onDesignated, inArray(t.partnerSignUps.role, ["statutory", "non-statutory"])))
      .returning();
    for (const row of removed) {
      await recordAudit(tx, {
        actor,
        action: "signUp.withdraw",
        entityType: "agreementIndicator",
        entityId: row.agreementIndicatorId,
        agreementId: scope.agreementId,
        before: { organisation: organisation.slug, role: row.role, detail: row.detail },
        after: null,
      });
    }
    const leads = await tx.select({ agreementIndicatorId: t.partnerSignUps.agreementIndicatorId }).from(t.partnerSignUps).where(and(onDesignated, eq(t.partnerSignUps.role, "lead")));
    const inOrder = (rows: { agreementIndicatorId: number }[]) => {
      const chosen = new Set(rows.map((row) => row.agreementIndicatorId));
      return designated.filter((indicator) => chosen.has(indicator.id)).map((indicator) => codeOf.get(indicator.id) ?? "");
    };
    return { withdrawn: inOrder(removed), keptAsLead: inOrder(leads) };
  });
}

export async function signUpMatrix(db: Db, actor: Actor | null, slug: string) {
  const agreement = await ensureReadable(db, actor, slug);
  const active = agreement.indicators.filter((indicator) => indicator.state === "active" && (indicator.kind === "designated" || indicator.kind === "statutory"));
  const organisations = new Map<string, { slug: string; name: string; statutory: boolean; signUps: Record<string, SignUpRole> }>();
  for (const indicator of active) {
    for (const partner of indicator.partners) {
      const row = organisations.get(partner.organisation.slug) ?? { slug: partner.organisation.slug, name: partner.organisation.name, statutory: partner.organisation.statutory, signUps: {} };
      // Lead outranks supporter when an organisation is both.
      if (row.signUps[indicator.key] !== "lead") row.signUps[indicator.key] = partner.role;
      organisations.set(row.slug, row);
    }
  }
  return {
    indicators: active.map((indicator) => ({
      key: indicator.key,
      code: indicator.code,
      title: indicator.title,
      kind: indicator.kind,
      theme: indicator.theme.title,
      hasLead: indicator.partners.some((partner) => partner.role === "lead"),
    })),
    organisations: [...organisations.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
