/**
 * The negotiation log of an agreement indicator: dated entries by a party, from which the status
 * is derived. A proposal by the accountable officer also becomes the indicator's targets; a
 * counter-proposal is kept beside them for the thread to show the values side by side.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { financialYearsBetween, governmentEntryKinds, partnershipEntryKinds, statusAfterEntry, targetValue } from "@accord/domain";
import type { NegotiationEntryKind, NegotiationStatus } from "@accord/domain";
import type { z } from "zod";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { AppError } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import type { IndicatorScope } from "../indicators/scope.js";
import type { NegotiationEntryBody } from "./schema.js";

function requiredAction(kind: NegotiationEntryKind) {
  if (governmentEntryKinds.includes(kind)) return "recordNegotiation" as const;
  if (partnershipEntryKinds.includes(kind)) return "proposeTarget" as const;
  return "comment" as const;
}

async function latestStatus(tx: Tx, agreementIndicatorId: number): Promise<NegotiationStatus> {
  const [last] = await tx
    .select({ status: t.negotiationStatusHistory.status })
    .from(t.negotiationStatusHistory)
    .where(eq(t.negotiationStatusHistory.agreementIndicatorId, agreementIndicatorId))
    .orderBy(desc(t.negotiationStatusHistory.asAt), desc(t.negotiationStatusHistory.id))
    .limit(1);
  return last?.status ?? "not-started";
}

/** Writes proposed targets as the indicator's targets (the partnership's proposal is what it offers). */
async function applyProposal(tx: Tx, scope: IndicatorScope, proposal: NonNullable<z.infer<typeof NegotiationEntryBody>["proposal"]>): Promise<void> {
  const years = financialYearsBetween(scope.firstYear, scope.lastYear);
  const ordered = [...proposal].sort((a, b) => a.year.localeCompare(b.year));
  for (const [index, proposed] of ordered.entries()) {
    if (!years.includes(proposed.year)) throw new AppError("BAD_REQUEST", `proposal.${index}.year must be a year of the agreement (${scope.firstYear} to ${scope.lastYear})`, { field: `proposal.${index}.year` });
    if (!scope.components.includes(proposed.component)) throw new AppError("BAD_REQUEST", `proposal.${index}.component must be one of ${scope.components.join(", ")}`, { field: `proposal.${index}.component` });
    const [baseline] = await tx
      .select({ value: t.baselines.value })
      .from(t.baselines)
      .where(and(eq(t.baselines.agreementIndicatorId, scope.agreementIndicatorId), eq(t.baselines.component, proposed.component)));
    const [previous] = await tx
      .select({ value: t.targets.value, financialYear: t.targets.financialYear })
      .from(t.targets)
      .where(and(eq(t.targets.agreementIndicatorId, scope.agreementIndicatorId), eq(t.targets.component, proposed.component)))
      .orderBy(desc(t.targets.financialYear));
    const before = previous && previous.financialYear < proposed.year ? previous.value : null;
    const value = targetValue({ target: proposed.target, baseline: baseline?.value ?? null, previousCumulative: before });
    const fields = { form: proposed.target.form, target: proposed.target, value, writtenValue: null, written: proposed.written };
    const [existing] = await tx
      .select()
      .from(t.targets)
      .where(and(eq(t.targets.agreementIndicatorId, scope.agreementIndicatorId), eq(t.targets.financialYear, proposed.year), eq(t.targets.component, proposed.component)));
    if (existing) await tx.update(t.targets).set({ ...fields, version: existing.version + 1 }).where(eq(t.targets.id, existing.id));
    else await tx.insert(t.targets).values({ agreementIndicatorId: scope.agreementIndicatorId, financialYear: proposed.year, component: proposed.component, ...fields });
  }
}

export async function recordNegotiationEntry(options: { db: Db; actor: Actor | null; scope: IndicatorScope; body: z.infer<typeof NegotiationEntryBody> }) {
  const { db, actor, scope, body } = options;
  ensureAllowed(actor, requiredAction(body.kind), { type: "agreementIndicator", ...scope });
  const governmentSpeaking = body.party === "government-office" || body.party === "department";
  if (governmentEntryKinds.includes(body.kind) && !governmentSpeaking) {
    throw new AppError("BAD_REQUEST", `party must be the Government Office or a department for a ${body.kind}`, { field: "party" });
  }
  if (partnershipEntryKinds.includes(body.kind) && governmentSpeaking) {
    throw new AppError("BAD_REQUEST", `party must be the partnership or the lead partner for a ${body.kind}`, { field: "party" });
  }
  if (body.party === "department" && !body.partyName) throw new AppError("BAD_REQUEST", "partyName must name the department, e.g. DCSF", { field: "partyName" });
  if ((body.kind === "proposal" || body.kind === "counter-proposal") && (!body.proposal || body.proposal.length === 0)) {
    throw new AppError("BAD_REQUEST", `proposal must give the targets of a ${body.kind}`, { field: "proposal" });
  }
  if (body.kind === "position") throw new AppError("BAD_REQUEST", "kind \"position\" is for statuses imported from documents; record what was said instead", { field: "kind" });
  return db.transaction(async (tx) => {
    const previous = await latestStatus(tx, scope.agreementIndicatorId);
    const status = statusAfterEntry(body.kind, previous);
    if (body.kind === "proposal" && body.proposal) await applyProposal(tx, scope, body.proposal);
    const entry = {
      agreementIndicatorId: scope.agreementIndicatorId,
      asAt: body.asAt ?? new Date().toISOString().slice(0, 10),
      status,
      kind: body.kind,
      party: body.party,
      partyName: body.partyName ?? null,
      note: body.note ?? null,
      proposal: body.proposal ?? null,
      recordedBy: actor?.id ?? null,
    };
    const [row] = await tx.insert(t.negotiationStatusHistory).values(entry).returning({ id: t.negotiationStatusHistory.id });
    const after = { entry: row?.id, asAt: entry.asAt, kind: entry.kind, party: entry.party, partyName: entry.partyName, note: entry.note, proposal: entry.proposal, status, previousStatus: previous };
    await recordAudit(tx, { actor, action: `negotiation.${body.kind}`, entityType: "agreementIndicator", entityId: scope.agreementIndicatorId, agreementId: scope.agreementId, before: { status: previous }, after });
    return { asAt: entry.asAt, kind: entry.kind, party: entry.party, partyName: entry.partyName, note: entry.note, proposal: entry.proposal, status };
  });
}

/** The thread of one indicator, oldest first, with who recorded each entry. */
export async function negotiationThread(db: Db, agreementIndicatorId: number) {
  return db
    .select({
      asAt: t.negotiationStatusHistory.asAt,
      kind: t.negotiationStatusHistory.kind,
      party: t.negotiationStatusHistory.party,
      partyName: t.negotiationStatusHistory.partyName,
      note: t.negotiationStatusHistory.note,
      proposal: t.negotiationStatusHistory.proposal,
      status: t.negotiationStatusHistory.status,
      recordedBy: t.users.name,
    })
    .from(t.negotiationStatusHistory)
    .leftJoin(t.users, eq(t.users.id, t.negotiationStatusHistory.recordedBy))
    .where(eq(t.negotiationStatusHistory.agreementIndicatorId, agreementIndicatorId))
    .orderBy(asc(t.negotiationStatusHistory.asAt), asc(t.negotiationStatusHistory.id));
}
