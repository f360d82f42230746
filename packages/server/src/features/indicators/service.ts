/**
 * Changing an agreement indicator: its targets and baselines (accountable officer), who is
 * signed up (partner representatives), its negotiation position (Government Office), comments.
 * Each command checks the policy, writes, and records the audit event in one transaction.
 * Editable rows carry a version: a write based on a stale read gets 409 with the current state.
 */
import { and, asc, count, desc, eq, lt } from "drizzle-orm";
import {
  compareDecimals,
  financialYearsBetween,
  followingWording,
  normaliseDecimal,
  quantityText,
  roundDecimal,
  statutoryDutyText,
  targetValue,
  wordingFollowingFigure,
} from "@accord/domain";
import type { z } from "zod";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import { AlreadyExistsError, whenAlreadyCreated } from "../../db/unique-violations.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import { isoTimestamp } from "../../db/timestamps.js";
import type { CommentBody, HistoryQuery, PendingBaselineBody, SetBaselineBody, SetTargetBody, SignUpBody } from "./schema.js";
import type { IndicatorScope } from "./scope.js";
import { StaleVersionError, presentTarget } from "./versions.js";
import { recordNegotiationEntry } from "../negotiation/service.js";

export { StaleVersionError, presentTarget };

function checkComponent(scope: IndicatorScope, component: string): void {
  if (!scope.components.includes(component)) {
    throw new AppError("BAD_REQUEST", `component must be one of ${scope.components.join(", ")} for ${scope.code}`, { field: "component" });
  }
}

/**
 * A year's target changed on its own is a proposal with that one year: it appears in the
 * negotiation thread like any other, so there is one way to change targets (DESIGN.md "Negotiation").
 */
export async function setTarget(options: { db: Db; actor: Actor | null; scope: IndicatorScope; body: z.infer<typeof SetTargetBody> }) {
  const { db, actor, scope, body } = options;
  ensureAllowed(actor, "proposeTarget", { type: "agreementIndicator", ...scope });
  if (!financialYearsBetween(scope.firstYear, scope.lastYear).includes(body.year)) {
    throw new AppError("BAD_REQUEST", `year must be a year of the agreement (${scope.firstYear} to ${scope.lastYear})`, { field: "year" });
  }
  checkComponent(scope, body.component);
  const { savedTargets } = await recordNegotiationEntry({ db, actor, scope, body: { kind: "proposal", proposal: [body] } });
  const saved = savedTargets[0];
  if (!saved) throw new Error("target was not saved");
  return presentTarget(saved);
}

const presentBaseline = (row: typeof t.baselines.$inferSelect) => ({
  component: row.component,
  value: row.value,
  unit: row.unit,
  period: row.period,
  source: row.source,
  written: row.written,
  version: row.version,
});

export async function setBaseline(options: { db: Db; actor: Actor | null; scope: IndicatorScope; body: z.infer<typeof SetBaselineBody> }) {
  const { db, actor, scope, body } = options;
  ensureAllowed(actor, "setBaseline", { type: "agreementIndicator", ...scope });
  checkComponent(scope, body.component);
  const write = () => db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(t.baselines)
      .where(and(eq(t.baselines.agreementIndicatorId, scope.agreementIndicatorId), eq(t.baselines.component, body.component)));
    const unit = body.unit ?? null;
    const changed = !existing || Number(existing.value) !== Number(body.value) || existing.unit !== unit;
    const written = followingWording({ typed: body.written, previous: existing?.written ?? null, changed, derived: quantityText(body.value, unit) });
    const fields = { value: body.value, unit, period: body.period ?? null, source: body.source ?? null, written };
    let saved: typeof t.baselines.$inferSelect | undefined;
    if (existing) {
      if (body.version === undefined || body.version !== existing.version) throw new StaleVersionError(`The ${body.component} baseline`, presentBaseline(existing));
      [saved] = await tx
        .update(t.baselines)
        .set({ ...fields, version: existing.version + 1 })
        .where(and(eq(t.baselines.id, existing.id), eq(t.baselines.version, body.version)))
        .returning();
      if (!saved) {
        const [now] = await tx.select().from(t.baselines).where(eq(t.baselines.id, existing.id));
        throw new StaleVersionError(`The ${body.component} baseline`, presentBaseline(now ?? existing));
      }
    } else {
      [saved] = await tx.insert(t.baselines).values({ agreementIndicatorId: scope.agreementIndicatorId, component: body.component, ...fields }).returning();
    }
    if (!saved) throw new Error("baseline was not saved");
    // A baseline now set is no longer pending.
    await tx.delete(t.pendingBaselines).where(eq(t.pendingBaselines.agreementIndicatorId, scope.agreementIndicatorId));
    if (changed) await targetsFollowBaseline(tx, actor, scope, body.component, saved.value);
    await recordAudit(tx, {
      actor,
      action: "baseline.set",
      entityType: "agreementIndicator",
      entityId: scope.agreementIndicatorId,
      agreementId: scope.agreementId,
      before: existing ? presentBaseline(existing) : null,
      after: presentBaseline(saved),
    });
    return presentBaseline(saved);
  });
  return whenAlreadyCreated(write, {
    baselines_indicator_component_unique: async () => {
      const [now] = await db
        .select()
        .from(t.baselines)
        .where(and(eq(t.baselines.agreementIndicatorId, scope.agreementIndicatorId), eq(t.baselines.component, body.component)));
      throw new AlreadyExistsError(`The ${body.component} baseline of ${scope.code} was set by someone else a moment ago. Look at it and make your change again.`, {
        field: "version",
        current: now ? presentBaseline(now) : null,
      });
    },
  });
}

/**
 * Targets worked out from the baseline (a 50% reduction, running totals) are stored with the
 * figure they came to, so a changed baseline moves them too, in the same transaction: the
 * agreement, the trajectory and the files sent to the Government Office then agree. The printed
 * figure in their wording follows (wordingFollowingFigure); each change is audited as a target
 * change and bumps its version, so a form opened on the old figure gets a 409.
 */
async function targetsFollowBaseline(tx: Tx, actor: Actor | null, scope: IndicatorScope, component: string, baseline: string) {
  const rows = await tx
    .select()
    .from(t.targets)
    .where(and(eq(t.targets.agreementIndicatorId, scope.agreementIndicatorId), eq(t.targets.component, component)))
    .orderBy(asc(t.targets.financialYear));
  let previousCumulative: string | null = null;
  for (const row of rows) {
    const value = targetValue({ target: row.target, baseline, previousCumulative });
    if (row.target.form === "cumulative") previousCumulative = value;
    if (value === null || row.value === null || compareDecimals(value, row.value) === 0) continue;
    const printed = row.writtenValue ?? row.value;
    const writtenValue = row.writtenValue === null ? null : roundDecimal(value, decimalPlaces(row.writtenValue));
    const written = wordingFollowingFigure(row.written, printed, value);
    const [after] = await tx
      .update(t.targets)
      .set({ value, writtenValue, written, version: row.version + 1 })
      .where(and(eq(t.targets.id, row.id), eq(t.targets.version, row.version)))
      .returning();
    if (!after) throw new StaleVersionError(`The ${row.financialYear} target`, presentTarget(row));
    await recordAudit(tx, {
      actor,
      action: "target.set",
      entityType: "agreementIndicator",
      entityId: scope.agreementIndicatorId,
      agreementId: scope.agreementId,
      before: presentTarget(row),
      after: presentTarget(after),
    });
  }
}

function decimalPlaces(value: string): number {
  return normaliseDecimal(value).split(".")[1]?.length ?? 0;
}

/** "Cannot be set until Place Survey conducted (Sept 08)": a baseline that is pending, with why and when. */
export async function setPendingBaseline(options: { db: Db; actor: Actor | null; scope: IndicatorScope; body: z.infer<typeof PendingBaselineBody> }) {
  const { db, actor, scope, body } = options;
  ensureAllowed(actor, "setBaseline", { type: "agreementIndicator", ...scope });
  const write = () => db.transaction(async (tx) => {
    const values = await tx.select({ id: t.baselines.id }).from(t.baselines).where(eq(t.baselines.agreementIndicatorId, scope.agreementIndicatorId));
    if (values.length > 0) throw new AppError("CONFLICT", `${scope.code} already has a baseline; a baseline that is set is not pending`, { field: "reason" });
    const [existing] = await tx.select().from(t.pendingBaselines).where(eq(t.pendingBaselines.agreementIndicatorId, scope.agreementIndicatorId));
    const present = (row: typeof t.pendingBaselines.$inferSelect) => ({ reason: row.reason, expectedBy: row.expectedBy, written: row.written, version: row.version });
    if ((existing?.version ?? null) !== (body.version ?? null)) {
      throw existing ? new StaleVersionError("The pending baseline", present(existing)) : new StaleVersionError("The pending baseline", null, `${scope.code} has no pending baseline to change; send no version to record one.`);
    }
    const fields = { reason: body.reason, expectedBy: body.expectedBy ?? null, written: body.written ?? body.reason };
    const [saved] = existing
      ? await tx
          .update(t.pendingBaselines)
          .set({ ...fields, version: existing.version + 1 })
          .where(and(eq(t.pendingBaselines.id, existing.id), eq(t.pendingBaselines.version, existing.version)))
          .returning()
      : await tx.insert(t.pendingBaselines).values({ agreementIndicatorId: scope.agreementIndicatorId, ...fields }).returning();
    if (!saved) {
      const [now] = await tx.select().from(t.pendingBaselines).where(eq(t.pendingBaselines.agreementIndicatorId, scope.agreementIndicatorId));
      throw new StaleVersionError("The pending baseline", now ? present(now) : null);
    }
    const before = existing ? present(existing) : null;
    await recordAudit(tx, { actor, action: "baseline.pending", entityType: "agreementIndicator", entityId: scope.agreementIndicatorId, agreementId: scope.agreementId, before, after: present(saved) });
    return present(saved);
  });
  return whenAlreadyCreated(write, {
    pending_baselines_agreement_indicator_id_unique: async () => {
      const [now] = await db.select().from(t.pendingBaselines).where(eq(t.pendingBaselines.agreementIndicatorId, scope.agreementIndicatorId));
      throw new AlreadyExistsError(`Someone else said a moment ago why the baseline of ${scope.code} is pending. Look at what they wrote and change it if you need to.`, {
        field: "version",
        current: now ? { reason: now.reason, expectedBy: now.expectedBy, written: now.written, version: now.version } : null,
      });
    },
  });
}

async function organisationBySlug(db: Db, slug: string) {
  const [organisation] = await db.select().from(t.organisations).where(eq(t.organisations.slug, slug));
  if (!organisation) throw new AppError("BAD_REQUEST", `organisation "${slug}" is not known`, { field: "organisation" });
  return organisation;
}


export async function signUpPartner(options: { db: Db; actor: Actor | null; scope: IndicatorScope; body: z.infer<typeof SignUpBody> }) {
  const { db, actor, scope, body } = options;
  const organisation = await organisationBySlug(db, body.organisation);
  ensureAllowed(actor, "signUp", { type: "signUp", ...scope, organisationId: organisation.id });
  // Seed 000 §9: only bodies named in the 2007 Act sign up as statutory partners.
  if (body.role === "statutory" && !organisation.statutory) {
    throw new AppError("BAD_REQUEST", `${organisation.name} is not a statutory partner under the 2007 Act; sign up as lead or non-statutory partner`, { field: "role" });
  }
  if (body.role === "non-statutory" && organisation.statutory) {
    throw new AppError("BAD_REQUEST", `${organisation.name} is a statutory partner under the 2007 Act; sign up as lead or statutory partner`, { field: "role" });
  }
  const alreadySignedUp = () => new AppError("CONFLICT", `${organisation.name} is already signed up to ${scope.code} as ${body.role}`, { field: "role" });
  const write = () => db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: t.partnerSignUps.id })
      .from(t.partnerSignUps)
      .where(and(eq(t.partnerSignUps.agreementIndicatorId, scope.agreementIndicatorId), eq(t.partnerSignUps.organisationId, organisation.id), eq(t.partnerSignUps.role, body.role)));
    if (existing) throw alreadySignedUp();
    const [last] = await tx
      .select({ position: t.partnerSignUps.position })
      .from(t.partnerSignUps)
      .where(eq(t.partnerSignUps.agreementIndicatorId, scope.agreementIndicatorId))
      .orderBy(desc(t.partnerSignUps.position))
      .limit(1);
    const after = { organisation: organisation.slug, role: body.role, detail: body.detail ?? null };
    await tx.insert(t.partnerSignUps).values({
      agreementIndicatorId: scope.agreementIndicatorId,
      organisationId: organisation.id,
      role: body.role,
      detail: body.detail ?? null,
      position: (last?.position ?? -1) + 1,
    });
    await recordAudit(tx, { actor, action: "signUp.create", entityType: "agreementIndicator", entityId: scope.agreementIndicatorId, agreementId: scope.agreementId, before: null, after });
    return { ...after, statutoryDuty: organisation.statutory ? statutoryDutyText : null };
  });
  // Signed up by someone else between our check and our insert: the same answer as if we had seen it.
  return whenAlreadyCreated(write, { partner_sign_ups_unique: () => Promise.reject(alreadySignedUp()) });
}

export async function withdrawSignUp(options: { db: Db; actor: Actor | null; scope: IndicatorScope; organisation: string; role: "lead" | "statutory" | "non-statutory" }) {
  const { db, actor, scope } = options;
  const organisation = await organisationBySlug(db, options.organisation);
  ensureAllowed(actor, "withdrawSignUp", { type: "signUp", ...scope, organisationId: organisation.id });
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(t.partnerSignUps)
      .where(and(eq(t.partnerSignUps.agreementIndicatorId, scope.agreementIndicatorId), eq(t.partnerSignUps.organisationId, organisation.id), eq(t.partnerSignUps.role, options.role)))
      .returning();
    const row = removed[0];
    if (!row) throw new AppError("NOT_FOUND", `${organisation.name} is not signed up to ${scope.code} as ${options.role}`, { field: "role" });
    await recordAudit(tx, {
      actor,
      action: "signUp.withdraw",
      entityType: "agreementIndicator",
      entityId: scope.agreementIndicatorId,
      agreementId: scope.agreementId,
      before: { organisation: organisation.slug, role: row.role, detail: row.detail },
      after: null,
    });
  });
}

export async function addComment(options: { db: Db; actor: Actor | null; scope: IndicatorScope; body: z.infer<typeof CommentBody> }) {
  const { db, actor, scope, body } = options;
  ensureAllowed(actor, "comment", { type: "agreementIndicator", ...scope });
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(t.comments).values({ agreementIndicatorId: scope.agreementIndicatorId, userId: actor.id, body: body.body }).returning();
    if (!row) throw new Error("comment was not saved");
    await recordAudit(tx, { actor, action: "comment.add", entityType: "agreementIndicator", entityId: scope.agreementIndicatorId, agreementId: scope.agreementId, before: null, after: { comment: row.id, body: body.body } });
    return { id: row.id, author: actor.name, body: row.body, createdAt: isoTimestamp(row.createdAt) };
  });
}

export async function listComments(db: Db, scope: IndicatorScope) {
  const rows = await db
    .select({ id: t.comments.id, author: t.users.name, body: t.comments.body, createdAt: t.comments.createdAt })
    .from(t.comments)
    .innerJoin(t.users, eq(t.users.id, t.comments.userId))
    .where(eq(t.comments.agreementIndicatorId, scope.agreementIndicatorId))
    .orderBy(asc(t.comments.createdAt), asc(t.comments.id));
  return rows.map((row) => ({ ...row, createdAt: isoTimestamp(row.createdAt) }));
}

/** A page of one thing's changes, newest first, and how many there are: two statements by audit_events_entity. */
export async function history(db: Db, entityType: string, entityId: string | number, paging: HistoryQuery = { page: 1, limit: 100 }) {
  const about = and(eq(t.auditEvents.entityType, entityType), eq(t.auditEvents.entityId, String(entityId)));
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: t.auditEvents.id,
        at: t.auditEvents.at,
        actor: t.auditEvents.actor,
        action: t.auditEvents.action,
        entityType: t.auditEvents.entityType,
        entityId: t.auditEvents.entityId,
        before: t.auditEvents.before,
        after: t.auditEvents.after,
      })
      .from(t.auditEvents)
      .where(about)
      .orderBy(desc(t.auditEvents.at), desc(t.auditEvents.id))
      .limit(paging.limit)
      .offset((paging.page - 1) * paging.limit),
    db.select({ total: count() }).from(t.auditEvents).where(about),
  ]);
  return {
    history: rows.map((row) => ({ ...row, at: isoTimestamp(row.at) })),
    page: paging.page,
    limit: paging.limit,
    total: counted?.total ?? 0,
  };
}
