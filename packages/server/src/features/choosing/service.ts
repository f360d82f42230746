/**
 * Choosing an agreement's indicators: add one from the catalogue (or a local one), replace one
 * with another keeping both and the link, remove one. The seeds' limits are rules here:
 * at most 35 designated improvement indicators (seed 000 §3, "up to 35"); for outcome-based
 * agreements at most five primary indicators per outcome, and more than three only with the
 * Government Office's agreement recorded (seed 003, concordat: "no more than three, except by
 * mutual agreement").
 */
import { and, count, desc, eq } from "drizzle-orm";
import { indicatorKey, plural } from "@accord/domain";
import type { AgreementIndicatorKind } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError, notFound } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import { agreementScope } from "../indicators/scope.js";
import type { IndicatorScope } from "../indicators/scope.js";

export const maximumDesignated = 35;
export const maximumPrimaryPerOutcome = 5;
export const primaryWithoutMutualAgreement = 3;
export const minimumPrimaryPerOutcome = 2;

export interface AddIndicatorOptions {
  db: Db;
  actor: Actor | null;
  slug: string;
  indicator: string;
  kind: AgreementIndicatorKind;
  theme: string;
  outcome?: number | undefined;
  /** For a local indicator not in the catalogue: its title. */
  localTitle?: string | undefined;
}

async function checkLimits(tx: Tx, agreementId: number, kind: AgreementIndicatorKind, outcome: typeof t.outcomes.$inferSelect | undefined): Promise<void> {
  if (kind === "designated") {
    const [row] = await tx
      .select({ n: count() })
      .from(t.agreementIndicators)
      .where(and(eq(t.agreementIndicators.agreementId, agreementId), eq(t.agreementIndicators.kind, "designated"), eq(t.agreementIndicators.state, "active")));
    if ((row?.n ?? 0) >= maximumDesignated) {
      throw new AppError("BAD_REQUEST", `An agreement has at most ${maximumDesignated} designated improvement indicators, and this one has ${row?.n ?? 0}. Replace or remove one first.`, { field: "kind" });
    }
  }
  if (kind === "primary" && outcome) {
    const [row] = await tx
      .select({ n: count() })
      .from(t.agreementIndicators)
      .where(and(eq(t.agreementIndicators.outcomeId, outcome.id), eq(t.agreementIndicators.kind, "primary"), eq(t.agreementIndicators.state, "active")));
    const primaries = row?.n ?? 0;
    if (primaries >= maximumPrimaryPerOutcome) {
      throw new AppError("BAD_REQUEST", `Outcome ${outcome.number} already has ${plural(primaries, "primary indicator")}; an outcome has at most ${maximumPrimaryPerOutcome}.`, { field: "outcome" });
    }
    if (primaries >= primaryWithoutMutualAgreement && outcome.extraPrimaryAgreedOn === null) {
      throw new AppError(
        "BAD_REQUEST",
        `Outcome ${outcome.number} already has ${plural(primaries, "primary indicator")}; more than ${primaryWithoutMutualAgreement} need the Government Office's agreement, and none is recorded for this outcome.`,
        { field: "outcome" },
      );
    }
  }
}

async function definitionFor(tx: Tx, code: string, localTitle: string | undefined) {
  const [definition] = await tx.select().from(t.indicatorDefinitions).where(eq(t.indicatorDefinitions.code, code));
  if (definition) return definition;
  // An indicator the catalogue does not know is the partnership's own: it needs a title.
  if (!localTitle) {
    throw new AppError("BAD_REQUEST", `indicator ${code} is not in the catalogue; to add a local indicator give its title (localTitle)`, { field: "indicator" });
  }
  const [created] = await tx
    .insert(t.indicatorDefinitions)
    .values({ code, key: indicatorKey(code), title: localTitle, titleStatus: "known", titleSource: "added by the partnership", source: "local", polarity: "unknown" })
    .returning();
  if (!created) throw new Error("definition not saved");
  return created;
}

export async function addIndicator(options: AddIndicatorOptions) {
  const { db, actor, slug } = options;
  const scope = await agreementScope(db, slug);
  ensureAllowed(actor, "update", { type: "agreement", ...scope });
  return db.transaction(async (tx) => {
    const [theme] = await tx.select().from(t.themes).where(and(eq(t.themes.agreementId, scope.agreementId), eq(t.themes.code, options.theme)));
    if (!theme) throw new AppError("BAD_REQUEST", `theme "${options.theme}" is not a theme of ${slug}`, { field: "theme" });
    let outcome: typeof t.outcomes.$inferSelect | undefined;
    if (options.outcome !== undefined) {
      [outcome] = await tx.select().from(t.outcomes).where(and(eq(t.outcomes.agreementId, scope.agreementId), eq(t.outcomes.number, options.outcome)));
      if (!outcome || outcome.deleted) throw new AppError("BAD_REQUEST", `outcome ${options.outcome} is not an outcome of ${slug}`, { field: "outcome" });
      if (outcome.themeId !== theme.id) throw new AppError("BAD_REQUEST", `outcome ${options.outcome} is not in theme "${options.theme}"`, { field: "outcome" });
    } else if (options.kind === "primary" || options.kind === "secondary") {
      throw new AppError("BAD_REQUEST", `a ${options.kind} indicator belongs to an outcome: give its number`, { field: "outcome" });
    }
    const definition = await definitionFor(tx, options.indicator, options.localTitle);
    const [already] = await tx
      .select({ id: t.agreementIndicators.id })
      .from(t.agreementIndicators)
      .where(and(eq(t.agreementIndicators.agreementId, scope.agreementId), eq(t.agreementIndicators.indicatorId, definition.id)));
    if (already) throw new AppError("CONFLICT", `${definition.code} is already in ${slug}`, { field: "indicator" });
    await checkLimits(tx, scope.agreementId, options.kind, outcome);
    const [last] = await tx
      .select({ position: t.agreementIndicators.position })
      .from(t.agreementIndicators)
      .where(eq(t.agreementIndicators.agreementId, scope.agreementId))
      .orderBy(desc(t.agreementIndicators.position))
      .limit(1);
    const [row] = await tx
      .insert(t.agreementIndicators)
      .values({ agreementId: scope.agreementId, indicatorId: definition.id, themeId: theme.id, outcomeId: outcome?.id ?? null, kind: options.kind, position: (last?.position ?? 0) + 1 })
      .returning();
    if (!row) throw new Error("indicator not saved");
    const after = { indicator: definition.code, kind: options.kind, theme: theme.code, outcome: outcome?.number ?? null };
    await recordAudit(tx, { actor, action: "indicator.add", entityType: "agreementIndicator", entityId: row.id, agreementId: scope.agreementId, before: null, after });
    await recordAudit(tx, { actor, action: "indicator.add", entityType: "agreement", entityId: scope.agreementId, agreementId: scope.agreementId, before: null, after });
    return { key: definition.key, ...after };
  });
}

export async function replaceIndicator(options: { db: Db; actor: Actor | null; scope: IndicatorScope; replacement: string; reason: string }) {
  const { db, actor, scope } = options;
  ensureAllowed(actor, "update", { type: "agreement", agreementId: scope.agreementId, published: scope.published });
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(t.agreementIndicators).where(eq(t.agreementIndicators.id, scope.agreementIndicatorId));
    if (!current) throw notFound("The indicator", "key");
    if (current.state === "omitted") throw new AppError("CONFLICT", `${scope.code} has already been replaced`, { field: "key" });
    const definition = await definitionFor(tx, options.replacement, undefined);
    const [already] = await tx
      .select({ id: t.agreementIndicators.id })
      .from(t.agreementIndicators)
      .where(and(eq(t.agreementIndicators.agreementId, scope.agreementId), eq(t.agreementIndicators.indicatorId, definition.id)));
    if (already) throw new AppError("CONFLICT", `${definition.code} is already in the agreement`, { field: "replacement" });
    // The replacement takes the omitted one's place, so the limits are unchanged.
    const [added] = await tx
      .insert(t.agreementIndicators)
      .values({ agreementId: scope.agreementId, indicatorId: definition.id, themeId: current.themeId, outcomeId: current.outcomeId, kind: current.kind, position: current.position })
      .returning();
    if (!added) throw new Error("replacement not saved");
    await tx
      .update(t.agreementIndicators)
      .set({ state: "omitted", replacedById: added.id, replacementReason: options.reason, version: current.version + 1 })
      .where(eq(t.agreementIndicators.id, current.id));
    const after = { omitted: scope.code, replacedBy: definition.code, reason: options.reason };
    await recordAudit(tx, { actor, action: "indicator.replace", entityType: "agreementIndicator", entityId: current.id, agreementId: scope.agreementId, before: { state: current.state }, after });
    await recordAudit(tx, { actor, action: "indicator.replace", entityType: "agreement", entityId: scope.agreementId, agreementId: scope.agreementId, before: null, after });
    return { key: definition.key, ...after };
  });
}

export async function removeIndicator(options: { db: Db; actor: Actor | null; scope: IndicatorScope }) {
  const { db, actor, scope } = options;
  ensureAllowed(actor, "update", { type: "agreement", agreementId: scope.agreementId, published: scope.published });
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(t.agreementIndicators).where(eq(t.agreementIndicators.id, scope.agreementIndicatorId));
    if (!current) throw notFound("The indicator", "key");
    const [replaces] = await tx.select({ id: t.agreementIndicators.id }).from(t.agreementIndicators).where(eq(t.agreementIndicators.replacedById, current.id));
    if (replaces) throw new AppError("CONFLICT", `${scope.code} replaces another indicator; remove the replacement link by keeping it, or replace it instead`, { field: "key" });
    await tx.delete(t.roleGrants).where(eq(t.roleGrants.agreementIndicatorId, current.id));
    await tx.delete(t.agreementIndicators).where(eq(t.agreementIndicators.id, current.id));
    await recordAudit(tx, { actor, action: "indicator.remove", entityType: "agreement", entityId: scope.agreementId, agreementId: scope.agreementId, before: { indicator: scope.code, kind: current.kind }, after: null });
  });
}

export async function recordExtraPrimaryAgreement(options: { db: Db; actor: Actor | null; slug: string; outcome: number; date: string; note?: string | undefined }) {
  const { db, actor, slug } = options;
  const scope = await agreementScope(db, slug);
  const [anyIndicator] = await db.select({ id: t.agreementIndicators.id }).from(t.agreementIndicators).where(eq(t.agreementIndicators.agreementId, scope.agreementId)).limit(1);
  ensureAllowed(actor, "recordNegotiation", { type: "agreementIndicator", ...scope, agreementIndicatorId: anyIndicator?.id ?? 0 });
  return db.transaction(async (tx) => {
    const [outcome] = await tx.select().from(t.outcomes).where(and(eq(t.outcomes.agreementId, scope.agreementId), eq(t.outcomes.number, options.outcome)));
    if (!outcome || outcome.deleted) throw new AppError("BAD_REQUEST", `outcome ${options.outcome} is not an outcome of ${slug}`, { field: "outcome" });
    await tx.update(t.outcomes).set({ extraPrimaryAgreedOn: options.date, extraPrimaryNote: options.note ?? null, version: outcome.version + 1 }).where(eq(t.outcomes.id, outcome.id));
    const after = { outcome: outcome.number, agreedOn: options.date, note: options.note ?? null };
    await recordAudit(tx, { actor, action: "outcome.extraPrimaryAgreed", entityType: "agreement", entityId: scope.agreementId, agreementId: scope.agreementId, before: { agreedOn: outcome.extraPrimaryAgreedOn }, after });
    return after;
  });
}
