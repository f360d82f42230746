/**
 * The negotiation log of an agreement indicator: entries from which the status is derived.
 * Who speaks comes from the person's role (the Government Office, or the department their grant
 * names; the partnership otherwise) and an entry is dated when it is recorded. Only a manager may
 * enter something said earlier, copied from a document, and such an entry says so.
 * A proposal becomes the indicator's targets; an agreement names what it agrees (the latest
 * proposal, the counter-proposal or amended values) and makes those the targets. Every write to a
 * target checks the version it was based on, so nobody's newer figure is overwritten unseen.
 */
import { and, asc, desc, eq, lt } from "drizzle-orm";
import {
  describeTarget,
  financialYearsBetween,
  followingWording,
  governmentEntryKinds,
  partnershipEntryKinds,
  statusAfterEntry,
  statusAsAt,
  targetValue,
} from "@accord/domain";
import type { NegotiationEntryKind, NegotiationParty, NegotiationStatus, TargetForm } from "@accord/domain";
import type { z } from "zod";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { isoTimestamp } from "../../db/timestamps.js";
import { AlreadyExistsError, whenAlreadyCreated } from "../../db/unique-violations.js";
import { AppError } from "../../errors.js";
import { ensureAllowed, grantsIn } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import { StaleVersionError, presentTarget } from "../indicators/versions.js";
import type { IndicatorScope } from "../indicators/scope.js";
import type { NegotiationEntryBody, ProposedTarget } from "./schema.js";

type Body = z.infer<typeof NegotiationEntryBody>;
type Proposed = z.infer<typeof ProposedTarget>;
type AgreementBasis = NonNullable<Body["basis"]>;

/** A target as the thread keeps it: what was put forward, and the target's version at the time. */
export interface StoredProposedTarget {
  year: string;
  component: string;
  target: TargetForm;
  written: string;
  targetVersion: number | null;
}

interface Speaker {
  party: NegotiationParty;
  partyName: string | null;
}

function requiredAction(kind: NegotiationEntryKind) {
  if (governmentEntryKinds.includes(kind)) return "recordNegotiation" as const;
  if (partnershipEntryKinds.includes(kind)) return "proposeTarget" as const;
  return "comment" as const;
}

const isManagerIn = (actor: Actor, agreementId: number) => grantsIn(actor, agreementId).some((grant) => grant.role === "manager");

/** The Government Office, or the department a government grant names ("DWP"); null without such a role. */
async function governmentSpeaker(tx: Tx, actor: Actor, agreementId: number): Promise<Speaker | null> {
  const grant = grantsIn(actor, agreementId).find((candidate) => candidate.role === "government");
  if (!grant) return null;
  if (grant.organisationId === null) return { party: "government-office", partyName: null };
  const [organisation] = await tx
    .select({ name: t.organisations.name, kind: t.organisations.kind, aliases: t.organisations.aliases })
    .from(t.organisations)
    .where(eq(t.organisations.id, grant.organisationId));
  if (!organisation || organisation.kind === "government-office") return { party: "government-office", partyName: null };
  return { party: "department", partyName: organisation.aliases[0] ?? organisation.name };
}

async function speakerFor(tx: Tx, actor: Actor, scope: IndicatorScope, body: Body): Promise<Speaker> {
  const governmentKind = governmentEntryKinds.includes(body.kind);
  if (body.transcription) {
    if (!isManagerIn(actor, scope.agreementId)) {
      throw new AppError("FORBIDDEN", "Only a manager of the agreement may record an entry transcribed from a document.", { field: "transcription" });
    }
    const department = body.transcription.department ?? null;
    if (department !== null) return { party: "department", partyName: department };
    return { party: governmentKind ? "government-office" : "partnership", partyName: null };
  }
  const government = await governmentSpeaker(tx, actor, scope.agreementId);
  if (governmentKind) {
    if (government) return government;
    throw new AppError(
      "FORBIDDEN",
      `Only the Government Office or a department records a ${body.kind}. A manager copying one from a letter or minutes records it as transcribed from that document (transcription).`,
      { field: "kind" },
    );
  }
  if (body.kind === "comment" && government) return government;
  return { party: "partnership", partyName: null };
}

function checkBody(body: Body): void {
  if (body.kind === "position") throw new AppError("BAD_REQUEST", "kind \"position\" is for statuses imported from documents; record what was said instead", { field: "kind" });
  const takesValues = body.kind === "proposal" || body.kind === "counter-proposal" || (body.kind === "agreement-with-government-office" && body.basis === "amended");
  if (takesValues && (!body.proposal || body.proposal.length === 0)) {
    const what = body.kind === "agreement-with-government-office" ? "the amended values agreed" : `the targets of a ${body.kind}`;
    throw new AppError("BAD_REQUEST", `proposal must give ${what}`, { field: "proposal" });
  }
  if (!takesValues && body.proposal) {
    const hint = body.kind === "agreement-with-government-office" ? " (send basis \"amended\" to agree other values)" : "";
    throw new AppError("BAD_REQUEST", `proposal is not part of a ${body.kind}${hint}`, { field: "proposal" });
  }
  if (body.kind === "agreement-with-government-office" && !body.basis) {
    throw new AppError("BAD_REQUEST", "basis must say what is agreed: \"proposal\" (the partnership's latest), \"counter-proposal\" or \"amended\" (with the values)", { field: "basis" });
  }
  if (body.kind !== "agreement-with-government-office" && body.basis) throw new AppError("BAD_REQUEST", `basis is only for an agreement with the Government Office, not a ${body.kind}`, { field: "basis" });
  if (body.kind === "comment" && !body.note) throw new AppError("BAD_REQUEST", "note must give the comment", { field: "note" });
}

function checkSlots(scope: IndicatorScope, proposal: readonly Proposed[]): void {
  const years = financialYearsBetween(scope.firstYear, scope.lastYear);
  const seen = new Set<string>();
  proposal.forEach((proposed, index) => {
    if (!years.includes(proposed.year)) throw new AppError("BAD_REQUEST", `proposal.${index}.year must be a year of the agreement (${scope.firstYear} to ${scope.lastYear})`, { field: `proposal.${index}.year` });
    if (!scope.components.includes(proposed.component)) throw new AppError("BAD_REQUEST", `proposal.${index}.component must be one of ${scope.components.join(", ")}`, { field: `proposal.${index}.component` });
    const slot = `${proposed.year}|${proposed.component}`;
    if (seen.has(slot)) throw new AppError("BAD_REQUEST", `proposal.${index} gives ${proposed.year} twice`, { field: `proposal.${index}.year` });
    seen.add(slot);
  });
}

async function targetRow(tx: Tx, scope: IndicatorScope, year: string, component: string) {
  const [row] = await tx
    .select()
    .from(t.targets)
    .where(and(eq(t.targets.agreementIndicatorId, scope.agreementIndicatorId), eq(t.targets.financialYear, year), eq(t.targets.component, component)));
  return row;
}

const sameTarget = (a: TargetForm, b: TargetForm) => JSON.stringify(a) === JSON.stringify(b);

interface TargetWrite {
  year: string;
  component: string;
  target: TargetForm;
  written?: string | undefined;
  writtenValue?: string | undefined;
  /** The version the writer based this on; null or undefined when they saw no target for the year. */
  version?: number | null | undefined;
}

/**
 * Writes targets, earliest year first (a cumulative target adds to the year before), each only if
 * it is still the version the writer read: otherwise 409 with the target as it now stands.
 */
async function writeTargets(tx: Tx, scope: IndicatorScope, writes: readonly TargetWrite[], staleMessage?: (year: string) => string) {
  const stale = (year: string, current: unknown) => new StaleVersionError(`The ${year} target`, current, staleMessage?.(year));
  const saved: (typeof t.targets.$inferSelect)[] = [];
  const before: ReturnType<typeof presentTarget>[] = [];
  for (const write of [...writes].sort((a, b) => a.year.localeCompare(b.year))) {
    const existing = await targetRow(tx, scope, write.year, write.component);
    const expected = write.version ?? null;
    if ((existing?.version ?? null) !== expected) {
      throw stale(write.year, existing ? presentTarget(existing) : null);
    }
    const [baseline] = await tx
      .select({ value: t.baselines.value })
      .from(t.baselines)
      .where(and(eq(t.baselines.agreementIndicatorId, scope.agreementIndicatorId), eq(t.baselines.component, write.component)));
    const [previous] = await tx
      .select({ value: t.targets.value })
      .from(t.targets)
      .where(and(eq(t.targets.agreementIndicatorId, scope.agreementIndicatorId), eq(t.targets.component, write.component), lt(t.targets.financialYear, write.year)))
      .orderBy(desc(t.targets.financialYear))
      .limit(1);
    const value = targetValue({ target: write.target, baseline: baseline?.value ?? null, previousCumulative: previous?.value ?? null });
    const changed = !existing || !sameTarget(existing.target, write.target);
    const written = followingWording({ typed: write.written, previous: existing?.written ?? null, changed, derived: describeTarget(write.target) });
    // A printed figure (592 beside 591.5) belongs to the old wording; it goes when the figures change.
    const writtenValue = write.writtenValue ?? (changed ? null : (existing?.writtenValue ?? null));
    const fields = { form: write.target.form, target: write.target, value, writtenValue, written };
    let row: typeof t.targets.$inferSelect | undefined;
    if (existing) {
      before.push(presentTarget(existing));
      // The version is checked again in the UPDATE, so two writers racing cannot both win.
      [row] = await tx
        .update(t.targets)
        .set({ ...fields, version: existing.version + 1 })
        .where(and(eq(t.targets.id, existing.id), eq(t.targets.version, existing.version)))
        .returning();
      if (!row) {
        const now = await targetRow(tx, scope, write.year, write.component);
        throw stale(write.year, now ? presentTarget(now) : null);
      }
    } else {
      [row] = await tx.insert(t.targets).values({ agreementIndicatorId: scope.agreementIndicatorId, financialYear: write.year, component: write.component, ...fields }).returning();
    }
    if (!row) throw new Error("target was not saved");
    saved.push(row);
  }
  return { saved, before };
}

const stored = (row: typeof t.targets.$inferSelect): StoredProposedTarget => ({ year: row.financialYear, component: row.component, target: row.target, written: row.written, targetVersion: row.version });

async function latestWithValues(tx: Tx, scope: IndicatorScope, kind: "proposal" | "counter-proposal"): Promise<StoredProposedTarget[] | null> {
  const [entry] = await tx
    .select({ proposal: t.negotiationStatusHistory.proposal })
    .from(t.negotiationStatusHistory)
    .where(and(eq(t.negotiationStatusHistory.agreementIndicatorId, scope.agreementIndicatorId), eq(t.negotiationStatusHistory.kind, kind)))
    .orderBy(desc(t.negotiationStatusHistory.asAt), desc(t.negotiationStatusHistory.id))
    .limit(1);
  return entry ? ((entry.proposal as StoredProposedTarget[] | null) ?? []) : null;
}

/** An indicator may be agreed only with a baseline (or a recorded reason it is pending). */
async function ensureAgreeable(tx: Tx, scope: IndicatorScope): Promise<void> {
  const baselines = await tx.select({ id: t.baselines.id }).from(t.baselines).where(eq(t.baselines.agreementIndicatorId, scope.agreementIndicatorId)).limit(1);
  const pending = await tx.select({ id: t.pendingBaselines.id }).from(t.pendingBaselines).where(eq(t.pendingBaselines.agreementIndicatorId, scope.agreementIndicatorId));
  if (baselines.length === 0 && pending.length === 0) {
    throw new AppError("CONFLICT", `${scope.code} cannot be agreed: it has no baseline and no reason why its baseline is pending. Set the baseline, or record why it cannot be set yet, first.`, { field: "basis" });
  }
}

const basisWords: Record<AgreementBasis, string> = { proposal: "the partnership's proposal", "counter-proposal": "the counter-proposal", amended: "the amended values" };

/** The values an agreement settles on, written as the targets. */
async function applyAgreement(tx: Tx, scope: IndicatorScope, body: Body) {
  await ensureAgreeable(tx, scope);
  const basis = body.basis ?? "amended";
  if (basis === "amended") {
    const proposal = body.proposal ?? [];
    const { saved, before } = await writeTargets(tx, scope, proposal);
    return { values: saved.map(stored), before, saved };
  }
  const put = await latestWithValues(tx, scope, basis);
  if (put === null) throw new AppError("CONFLICT", `${scope.code} has no ${basis} to agree; agree amended values instead`, { field: "basis" });
  if (put.length === 0) throw new AppError("CONFLICT", `${scope.code} cannot be agreed: ${basisWords[basis]} gives no targets`, { field: "basis" });
  // The basis was put forward when each target stood at a version; a change since then (a newer
  // figure from the officer or a manager) is not overwritten by agreeing to the older one.
  const { saved, before } = await writeTargets(
    tx,
    scope,
    put.map((item) => ({ year: item.year, component: item.component, target: item.target, written: item.written, version: item.targetVersion })),
    (year) => `The ${year} target has changed since ${basisWords[basis]} was put forward. Look at it as it now stands and agree amended values if they are what is agreed.`,
  );
  return { values: saved.map(stored), before, saved };
}

/** The status as at a date, comments passed over (they never change it). */
async function statusOn(tx: Tx, agreementIndicatorId: number, asAt: string): Promise<NegotiationStatus> {
  const history = await tx
    .select({ asAt: t.negotiationStatusHistory.asAt, status: t.negotiationStatusHistory.status, kind: t.negotiationStatusHistory.kind })
    .from(t.negotiationStatusHistory)
    .where(eq(t.negotiationStatusHistory.agreementIndicatorId, agreementIndicatorId))
    .orderBy(asc(t.negotiationStatusHistory.asAt), asc(t.negotiationStatusHistory.id));
  return statusAsAt(history.map((entry) => ({ ...entry, kind: entry.kind as NegotiationEntryKind })), asAt);
}

export async function recordNegotiationEntry(options: { db: Db; actor: Actor | null; scope: IndicatorScope; body: Body }) {
  const { db, actor, scope, body } = options;
  ensureAllowed(actor, requiredAction(body.kind), { type: "agreementIndicator", ...scope });
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  checkBody(body);
  if (body.proposal) checkSlots(scope, body.proposal);
  const recordedAt = new Date().toISOString();
  const asAt = body.transcription?.date ?? recordedAt.slice(0, 10);
  const write = () => db.transaction(async (tx) => {
    const speaker = await speakerFor(tx, actor, scope, body);
    const previous = await statusOn(tx, scope.agreementIndicatorId, asAt);
    const status = statusAfterEntry(body.kind, previous);
    let values: StoredProposedTarget[] | null = null;
    let targetsBefore: ReturnType<typeof presentTarget>[] = [];
    let savedTargets: (typeof t.targets.$inferSelect)[] = [];
    if (body.kind === "proposal" && body.proposal) {
      const written = await writeTargets(tx, scope, body.proposal);
      values = written.saved.map(stored);
      targetsBefore = written.before;
      savedTargets = written.saved;
    } else if (body.kind === "counter-proposal" && body.proposal) {
      // Kept beside the targets, not written over them, with each target's version at the time.
      values = [];
      for (const item of body.proposal) {
        const existing = await targetRow(tx, scope, item.year, item.component);
        values.push({ year: item.year, component: item.component, target: item.target, written: item.written ?? describeTarget(item.target), targetVersion: existing?.version ?? null });
      }
    } else if (body.kind === "agreement-with-government-office") {
      const agreed = await applyAgreement(tx, scope, body);
      values = agreed.values;
      targetsBefore = agreed.before;
      savedTargets = agreed.saved;
    }
    const entry = {
      agreementIndicatorId: scope.agreementIndicatorId,
      asAt,
      status,
      kind: body.kind,
      party: speaker.party,
      partyName: speaker.partyName,
      note: body.note ?? null,
      proposal: values,
      basis: body.basis ?? null,
      recordedBy: actor.id,
      recordedAt,
      transcribedFrom: body.transcription?.from ?? null,
      transcriptionReason: body.transcription?.reason ?? null,
    };
    const [row] = await tx.insert(t.negotiationStatusHistory).values(entry).returning({ id: t.negotiationStatusHistory.id });
    const after = { entry: row?.id, ...entry, recordedBy: actor.name, previousStatus: previous };
    await recordAudit(tx, {
      actor,
      action: `negotiation.${body.kind}`,
      entityType: "agreementIndicator",
      entityId: scope.agreementIndicatorId,
      agreementId: scope.agreementId,
      before: { status: previous, ...(targetsBefore.length > 0 ? { targets: targetsBefore } : {}) },
      after,
    });
    // Each target's own before and after, for the indicator's history; the bulletin tells the
    // change once, through the entry above (the row says which entry it came with).
    const changedTargets = body.kind === "proposal" || body.kind === "agreement-with-government-office" ? (values ?? []) : [];
    for (const value of changedTargets) {
      const row = savedTargets.find((saved) => saved.financialYear === value.year && saved.component === value.component) ?? (await targetRow(tx, scope, value.year, value.component));
      if (!row) continue;
      const previousTarget = targetsBefore.find((target) => target.year === value.year && target.component === value.component) ?? null;
      await recordAudit(tx, {
        actor,
        action: "target.set",
        entityType: "agreementIndicator",
        entityId: scope.agreementIndicatorId,
        agreementId: scope.agreementId,
        before: previousTarget,
        after: { ...presentTarget(row), negotiationEntry: body.kind },
      });
    }
    const view: NegotiationEntryRow = { ...entry, recordedBy: actor.name };
    return { entry: presentEntry(view), savedTargets };
  });
  // Two people giving a year its first target at once: the second hears of the first's (409).
  return whenAlreadyCreated(write, {
    targets_indicator_year_component_unique: async () => {
      let current: ReturnType<typeof presentTarget> | null = null;
      for (const item of body.proposal ?? []) {
        const [row] = await db
          .select()
          .from(t.targets)
          .where(and(eq(t.targets.agreementIndicatorId, scope.agreementIndicatorId), eq(t.targets.financialYear, item.year), eq(t.targets.component, item.component)));
        if (row && item.version === undefined) {
          current = presentTarget(row);
          break;
        }
      }
      const what = current ? `The ${current.year} target` : "A target";
      throw new AlreadyExistsError(`${what} of ${scope.code} was set by someone else a moment ago. Look at it and make your change again.`, { field: "version", current });
    },
  });
}

interface NegotiationEntryRow {
  asAt: string;
  kind: string;
  party: NegotiationParty;
  partyName: string | null;
  note: string | null;
  proposal: unknown;
  basis: AgreementBasis | null;
  status: NegotiationStatus;
  recordedBy: string | null;
  recordedAt: string | null;
  transcribedFrom: string | null;
  transcriptionReason: string | null;
}

function presentEntry(row: NegotiationEntryRow) {
  const proposal = Array.isArray(row.proposal) ? (row.proposal as Partial<StoredProposedTarget>[]) : null;
  return {
    ...row,
    proposal: proposal?.map((item) => ({ year: item.year ?? "", component: item.component ?? "all", target: item.target, written: item.written ?? "", targetVersion: item.targetVersion ?? null })) ?? null,
    recordedAt: row.recordedAt === null ? null : isoTimestamp(row.recordedAt),
  };
}

/** The thread of one indicator, oldest first, with who recorded each entry and when. */
export async function negotiationThread(db: Db, agreementIndicatorId: number) {
  const rows = await db
    .select({
      asAt: t.negotiationStatusHistory.asAt,
      kind: t.negotiationStatusHistory.kind,
      party: t.negotiationStatusHistory.party,
      partyName: t.negotiationStatusHistory.partyName,
      note: t.negotiationStatusHistory.note,
      proposal: t.negotiationStatusHistory.proposal,
      basis: t.negotiationStatusHistory.basis,
      status: t.negotiationStatusHistory.status,
      recordedBy: t.users.name,
      recordedAt: t.negotiationStatusHistory.recordedAt,
      transcribedFrom: t.negotiationStatusHistory.transcribedFrom,
      transcriptionReason: t.negotiationStatusHistory.transcriptionReason,
    })
    .from(t.negotiationStatusHistory)
    .leftJoin(t.users, eq(t.users.id, t.negotiationStatusHistory.recordedBy))
    .where(eq(t.negotiationStatusHistory.agreementIndicatorId, agreementIndicatorId))
    .orderBy(asc(t.negotiationStatusHistory.asAt), asc(t.negotiationStatusHistory.id));
  return rows.map(presentEntry);
}
