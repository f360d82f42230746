/**
 * The Performance Reward Grant of an agreement (seed 003 l.447, l.1135; seed 000 §12): each LPSA2
 * reward target's payment worked out from the county's latest value, with and without the 60%
 * threshold; the whole-agreement estimate from its assumptions, with the working; and, for a
 * negotiation, what the latest proposal and counter-proposal would each earn if performance kept
 * to its trajectory so far. The arithmetic is the domain's (reward-grant.ts); this reads the
 * figures, checks who may change them and keeps every change versioned and audited.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import {
  addDecimals,
  baselineDateFor,
  estimateAgreementReward,
  financialYearEnd,
  negotiationWhatIf,
  projectTrajectorySoFar,
  rewardTargetPayment,
  rewardThresholdPercent,
  subtractDecimals,
  targetValue,
} from "@accord/domain";
import type { AgreementRewardAssumptions, RewardTargetPayment, TargetForm } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { isoTimestamp } from "../../db/timestamps.js";
import { AppError } from "../../errors.js";
import { authorize, ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import { StaleVersionError } from "../indicators/versions.js";
import { agreementScope, indicatorScope } from "../indicators/scope.js";
import type { IndicatorScope } from "../indicators/scope.js";
import { assessIndicatorPerformance } from "../observations/performance.js";
import { negotiationThread } from "../negotiation/service.js";
import type {
  RewardAssumptionsBody,
  RewardAssumptionsView,
  RewardPageView,
  RewardTargetBody,
  RewardTargetView,
  RewardWhatIfView,
} from "./schema.js";

type AgreementScope = Awaited<ReturnType<typeof agreementScope>>;
type AssumptionsRow = typeof t.rewardAssumptions.$inferSelect;
type TargetRow = typeof t.rewardTargets.$inferSelect;

const assumptionFields = [
  "nationalPot",
  "previousNationalPot",
  "sharePercent",
  "achievementPercent",
  "quotedLow",
  "quotedHigh",
  "predecessorTotalPossible",
  "totalPossible",
] as const;

function nameOf(actor: Actor): string {
  return actor.email ? `${actor.name} <${actor.email}>` : actor.name;
}

function presentAssumptions(row: AssumptionsRow | undefined): RewardAssumptionsView {
  if (!row) {
    const empty = Object.fromEntries(assumptionFields.map((field) => [field, null])) as Record<(typeof assumptionFields)[number], null>;
    return { ...empty, note: null, updatedBy: null, updatedAt: null, version: 0 };
  }
  return {
    nationalPot: row.nationalPot,
    previousNationalPot: row.previousNationalPot,
    sharePercent: row.sharePercent,
    achievementPercent: row.achievementPercent,
    quotedLow: row.quotedLow,
    quotedHigh: row.quotedHigh,
    predecessorTotalPossible: row.predecessorTotalPossible,
    totalPossible: row.totalPossible,
    note: row.note,
    updatedBy: row.updatedByName,
    updatedAt: isoTimestamp(row.updatedAt),
    version: row.version,
  };
}

function estimateFrom(view: RewardAssumptionsView) {
  const assumptions: AgreementRewardAssumptions = {
    nationalPot: view.nationalPot,
    previousNationalPot: view.previousNationalPot,
    sharePercent: view.sharePercent,
    achievementPercent: view.achievementPercent,
    quotedLow: view.quotedLow,
    quotedHigh: view.quotedHigh,
    predecessorTotalPossible: view.predecessorTotalPossible,
  };
  return estimateAgreementReward(assumptions);
}

interface TargetWithIndicator {
  target: TargetRow;
  key: string;
  code: string;
  title: string;
  position: number;
  themePosition: number;
}

async function targetRows(db: Db | Tx, agreementId: number): Promise<TargetWithIndicator[]> {
  return db
    .select({
      target: t.rewardTargets,
      key: t.indicatorDefinitions.key,
      code: t.indicatorDefinitions.code,
      title: t.indicatorDefinitions.title,
      position: t.agreementIndicators.position,
      themePosition: t.themes.position,
    })
    .from(t.rewardTargets)
    .innerJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.rewardTargets.agreementIndicatorId))
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .innerJoin(t.themes, eq(t.themes.id, t.agreementIndicators.themeId))
    .where(eq(t.rewardTargets.agreementId, agreementId))
    .orderBy(asc(t.themes.position), asc(t.agreementIndicators.position));
}

interface Latest {
  period: string;
  end: string;
  value: string;
}

/** The county's latest value the reader may see (running total for a cumulative indicator). */
async function latestValue(db: Db, actor: Actor | null, scope: IndicatorScope) {
  const performance = await assessIndicatorPerformance({ db, actor, scope });
  const withActual = performance.periods.filter((period) => period.actual !== null);
  const last = withActual[withActual.length - 1];
  const latest: Latest | null =
    last && last.actual !== null ? { period: last.period.label, end: last.period.end, value: last.actual } : null;
  return { latest, trajectory: performance.trajectory };
}

function pay(row: TargetRow, actual: string | null, proRata: boolean): RewardTargetPayment | null {
  if (row.withoutStretch === null || row.stretchTarget === null) return null;
  return rewardTargetPayment({ pot: row.pot, withoutStretch: row.withoutStretch, stretchTarget: row.stretchTarget, actual, proRata });
}

function presentTarget(found: TargetWithIndicator, latest: Latest | null): RewardTargetView {
  const row = found.target;
  const actual = latest?.value ?? null;
  const withThreshold = pay(row, actual, false);
  const proRataPayment = pay(row, actual, true);
  const missing = (["pot", "withoutStretch", "stretchTarget"] as const).filter((field) => row[field] === null);
  return {
    indicator: { key: found.key, code: found.code, title: found.title },
    pot: row.pot,
    withoutStretch: row.withoutStretch,
    stretchTarget: row.stretchTarget,
    proRata: row.proRata,
    note: row.note,
    missing,
    latest: latest === null ? null : { period: latest.period, value: latest.value },
    payment: row.proRata ? proRataPayment : withThreshold,
    withThreshold,
    proRataPayment,
    freedomWorth:
      withThreshold?.payment != null && proRataPayment?.payment != null
        ? subtractDecimals(proRataPayment.payment, withThreshold.payment)
        : null,
    updatedBy: row.updatedByName,
    updatedAt: isoTimestamp(row.updatedAt),
    version: row.version,
  };
}

async function presentTargetNow(db: Db, actor: Actor | null, scope: AgreementScope, found: TargetWithIndicator, hasValues = true) {
  if (!hasValues) return presentTarget(found, null);
  const indicator = { ...scope, agreementIndicatorId: found.target.agreementIndicatorId, code: found.code, components: ["all"] };
  const { latest } = await latestValue(db, actor, indicator);
  return presentTarget(found, latest);
}

async function readAssumptionsRow(db: Db | Tx, agreementId: number) {
  const [row] = await db.select().from(t.rewardAssumptions).where(eq(t.rewardAssumptions.agreementId, agreementId));
  return row;
}

/** The reward page: every reward target's payment and the whole-agreement estimate with its working. */
export async function readRewardPage(options: { db: Db; actor: Actor | null; slug: string }): Promise<RewardPageView> {
  const { db, actor } = options;
  const scope = await agreementScope(db, options.slug);
  ensureAllowed(actor, "read", { type: "agreement", ...scope });
  const [agreement] = await db
    .select({ name: t.agreements.name, shortName: t.agreements.shortName })
    .from(t.agreements)
    .where(eq(t.agreements.id, scope.agreementId));
  const assumptions = presentAssumptions(await readAssumptionsRow(db, scope.agreementId));
  const rows = await targetRows(db, scope.agreementId);
  // Only indicators with stored values are judged (one at a time, as their pages are): KA1's 35
  // targets have none, and judging each anyway took the page from a few milliseconds to 850.
  const ids = rows.map((row) => row.target.agreementIndicatorId);
  const valued = new Set(
    ids.length === 0
      ? []
      : (
          await db
            .selectDistinct({ id: t.observations.agreementIndicatorId })
            .from(t.observations)
            .where(inArray(t.observations.agreementIndicatorId, ids))
        ).map((row) => row.id),
  );
  const targets: RewardTargetView[] = [];
  for (const found of rows) targets.push(await presentTargetNow(db, actor, scope, found, valued.has(found.target.agreementIndicatorId)));
  const sum = (values: (string | null | undefined)[]) =>
    values.reduce<string>((total, value) => (value == null ? total : addDecimals(total, value)), "0");
  return {
    agreement: { slug: options.slug, name: agreement?.name ?? options.slug, shortName: agreement?.shortName ?? null },
    mayEdit: authorize(actor, "update", { type: "agreement", ...scope }).allowed,
    threshold: rewardThresholdPercent,
    assumptions,
    estimate: estimateFrom(assumptions),
    targets,
    totals: {
      pots: sum(targets.map((target) => target.pot)),
      targetsWithoutPot: targets.filter((target) => target.pot === null).length,
      payments: sum(targets.map((target) => target.payment?.payment)),
      proRataPayments: sum(targets.map((target) => target.proRataPayment?.payment)),
    },
  };
}

/** A manager changes some of the agreement's estimate assumptions; the first change records them. */
export async function updateRewardAssumptions(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  body: RewardAssumptionsBody;
}): Promise<RewardAssumptionsView> {
  const { db, actor, body } = options;
  const scope = await agreementScope(db, options.slug);
  ensureAllowed(actor, "update", { type: "agreement", ...scope });
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  const changes: Partial<Record<(typeof assumptionFields)[number] | "note", string | null>> = {};
  for (const field of [...assumptionFields, "note"] as const) {
    const value = body[field];
    if (value !== undefined) changes[field] = value === "" ? null : value;
  }
  const what = "The reward grant assumptions";
  return db.transaction(async (tx) => {
    const existing = await readAssumptionsRow(tx, scope.agreementId);
    const before = presentAssumptions(existing);
    if (body.version !== before.version) throw new StaleVersionError(what, before);
    const stamp = { updatedByName: nameOf(actor), updatedAt: new Date().toISOString() };
    let saved: AssumptionsRow | undefined;
    if (existing) {
      // The version is checked again in the UPDATE, so two managers racing cannot both win.
      [saved] = await tx
        .update(t.rewardAssumptions)
        .set({ ...changes, ...stamp, version: existing.version + 1 })
        .where(and(eq(t.rewardAssumptions.id, existing.id), eq(t.rewardAssumptions.version, existing.version)))
        .returning();
    } else {
      [saved] = await tx
        .insert(t.rewardAssumptions)
        .values({ agreementId: scope.agreementId, ...changes, ...stamp })
        .onConflictDoNothing()
        .returning();
    }
    if (!saved) throw new StaleVersionError(what, presentAssumptions(await readAssumptionsRow(tx, scope.agreementId)));
    const after = presentAssumptions(saved);
    await recordAudit(tx, {
      actor,
      action: "rewardAssumptions.set",
      entityType: "rewardAssumptions",
      entityId: saved.id,
      agreementId: scope.agreementId,
      before: existing ? before : null,
      after,
    });
    return after;
  });
}

/** A manager adds a reward target for an indicator (version 0) or changes one (the version read). */
export async function setRewardTarget(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  key: string;
  body: RewardTargetBody;
}): Promise<{ created: boolean; target: RewardTargetView }> {
  const { db, actor, body } = options;
  const scope = await indicatorScope(db, options.slug, options.key);
  ensureAllowed(actor, "update", { type: "agreementIndicator", ...scope });
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  const changes: Partial<Pick<TargetRow, "pot" | "withoutStretch" | "stretchTarget" | "proRata" | "note">> = {};
  for (const field of ["pot", "withoutStretch", "stretchTarget", "note"] as const) {
    const value = body[field];
    if (value !== undefined) changes[field] = value === "" ? null : value;
  }
  if (body.proRata !== undefined) changes.proRata = body.proRata;
  const what = `The reward target for ${scope.code}`;
  const find = async (tx: Tx) =>
    (await targetRows(tx, scope.agreementId)).find((one) => one.target.agreementIndicatorId === scope.agreementIndicatorId);

  const saved = await db.transaction(async (tx) => {
    const existing = await find(tx);
    const before = existing ? presentTarget(existing, null) : null;
    if (body.version !== (existing?.target.version ?? 0)) {
      throw new StaleVersionError(
        what,
        before,
        existing
          ? undefined
          : `${scope.code} has no reward target yet: send version 0 to add one.`,
      );
    }
    const stamp = { updatedByName: nameOf(actor), updatedAt: new Date().toISOString() };
    let row: TargetRow | undefined;
    if (existing) {
      [row] = await tx
        .update(t.rewardTargets)
        .set({ ...changes, ...stamp, version: existing.target.version + 1 })
        .where(and(eq(t.rewardTargets.id, existing.target.id), eq(t.rewardTargets.version, existing.target.version)))
        .returning();
    } else {
      [row] = await tx
        .insert(t.rewardTargets)
        .values({ agreementId: scope.agreementId, agreementIndicatorId: scope.agreementIndicatorId, ...changes, ...stamp })
        .onConflictDoNothing()
        .returning();
    }
    if (!row) {
      const now = await find(tx);
      throw new StaleVersionError(what, now ? presentTarget(now, null) : null);
    }
    const found = await find(tx);
    if (!found) throw new Error("reward target was not saved");
    const after = presentTarget(found, null);
    await recordAudit(tx, {
      actor,
      action: existing ? "rewardTarget.update" : "rewardTarget.create",
      entityType: "rewardTarget",
      entityId: row.id,
      agreementId: scope.agreementId,
      before,
      after: { ...after, payment: undefined, withThreshold: undefined, proRataPayment: undefined, freedomWorth: undefined },
    });
    return { created: !existing, found };
  });
  const agreement = await agreementScope(db, options.slug);
  return { created: saved.created, target: await presentTargetNow(db, actor, agreement, saved.found) };
}

const dayMs = 86_400_000;
const dayOf = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / dayMs);

interface StoredProposal {
  year: string;
  component: string;
  target: TargetForm;
  written: string;
}

/** The last year's target a position works out at (running on from the baseline for a cumulative one). */
function finalTargetOf(proposal: readonly StoredProposal[], baseline: string | null) {
  const years = proposal.filter((one) => one.component === "all").sort((a, b) => a.year.localeCompare(b.year));
  let running: string | null = null;
  let last: { year: string; written: string; value: string | null } | null = null;
  for (const one of years) {
    const value = targetValue({ target: one.target, baseline, previousCumulative: running });
    running = value;
    last = { year: one.year, written: one.written, value };
  }
  return last;
}

/**
 * Beside the latest proposal and counter-proposal, the stretch each asks and what each would earn
 * if performance kept to the line from the baseline through the latest value, to the end of the
 * agreement. The stretch is measured from the reward target's performance expected without it
 * when there is one, otherwise from the baseline (and the answer says which).
 */
export async function readRewardWhatIf(options: { db: Db; actor: Actor | null; slug: string; key: string }): Promise<RewardWhatIfView> {
  const { db, actor } = options;
  const scope = await indicatorScope(db, options.slug, options.key);
  ensureAllowed(actor, "read", { type: "agreementIndicator", ...scope });
  const { latest, trajectory } = await latestValue(db, actor, scope);
  const [reward] = await db.select().from(t.rewardTargets).where(eq(t.rewardTargets.agreementIndicatorId, scope.agreementIndicatorId));
  const baselineValue = trajectory.baseline.state === "known" ? trajectory.baseline.value : null;
  const baselineAsAt = baselineDateFor(scope.firstYear);
  const projectedAt = financialYearEnd(scope.lastYear);
  const projected =
    baselineValue === null || latest === null
      ? null
      : projectTrajectorySoFar(
          { day: dayOf(baselineAsAt), value: baselineValue },
          { day: dayOf(latest.end), value: latest.value },
          dayOf(projectedAt),
        );
  const from = reward?.withoutStretch ?? baselineValue;
  const measuredFrom = reward?.withoutStretch != null ? "without-stretch" : baselineValue !== null ? "baseline" : null;

  const entries = await negotiationThread(db, scope.agreementIndicatorId);
  const positions: RewardWhatIfView["positions"] = [];
  for (const kind of ["proposal", "counter-proposal"] as const) {
    const entry = [...entries].reverse().find((one) => one.kind === kind && one.proposal && one.proposal.length > 0);
    if (!entry?.proposal) continue;
    const stored = entry.proposal.flatMap((one): StoredProposal[] =>
      one.target === undefined ? [] : [{ year: one.year, component: one.component, target: one.target, written: one.written }],
    );
    const final = finalTargetOf(stored, baselineValue);
    const [whatIf] = negotiationWhatIf({
      positions: [{ kind, target: final?.value ?? null }],
      withoutStretch: from,
      projected,
      pot: reward?.pot ?? null,
      proRata: reward?.proRata ?? false,
    });
    positions.push({
      kind,
      asAt: entry.asAt,
      party: entry.partyName ?? entry.party,
      year: final?.year ?? null,
      written: final?.written ?? null,
      target: final?.value ?? null,
      stretch: whatIf?.stretch ?? null,
      payment: whatIf?.payment ?? null,
    });
  }
  return {
    measuredFrom,
    from,
    pot: reward?.pot ?? null,
    proRata: reward?.proRata ?? false,
    threshold: rewardThresholdPercent,
    baseline: baselineValue === null ? null : { value: baselineValue, asAt: baselineAsAt },
    latest,
    projected,
    projectedAt,
    positions,
  };
}

/** For the demo loader: the reward targets and assumptions an agreement's data file gives. */
export async function insertRewardGrant(
  tx: Tx,
  agreementId: number,
  data: {
    assumptions?: Partial<Record<(typeof assumptionFields)[number] | "note", string | null>> | undefined;
    targets: { agreementIndicatorId: number; pot: string | null; withoutStretch: string | null; stretchTarget: string | null; proRata: boolean; note: string | null }[];
  },
): Promise<void> {
  const stamp = { updatedByName: "accord demo data (data/reward-grant.yaml)" };
  if (data.assumptions) await tx.insert(t.rewardAssumptions).values({ agreementId, ...data.assumptions, ...stamp });
  if (data.targets.length > 0) {
    await tx.insert(t.rewardTargets).values(data.targets.map((target) => ({ agreementId, ...target, ...stamp })));
  }
}

