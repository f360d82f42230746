/**
 * An agreement's consultation diary (seed 003 §2: "A consultation diary that captures the main
 * consultation events is attached at Appendix 6"): read by anyone who may read the agreement,
 * kept by its managers, every change versioned and audited.
 */
import { and, asc, eq } from "drizzle-orm";
import type { ConsultationKind } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { isoTimestamp } from "../../db/timestamps.js";
import { AppError, notFound } from "../../errors.js";
import { authorize, ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import { StaleVersionError } from "../indicators/versions.js";
import { agreementScope } from "../indicators/scope.js";
import type { ConsultationDiaryView, ConsultationEventBody, ConsultationEventChange, ConsultationEventView } from "./schema.js";

type EventRow = typeof t.consultationEvents.$inferSelect;

function present(row: EventRow): ConsultationEventView {
  return {
    id: row.id,
    date: row.date,
    whenWritten: row.whenWritten,
    kind: row.kind as ConsultationKind,
    title: row.title,
    audience: row.audience,
    organisationsInvited: row.organisationsInvited,
    numberConsulted: row.numberConsulted,
    numberConsultedIsMinimum: row.numberConsultedIsMinimum,
    outcome: row.outcome,
    documents: row.documents,
    updatedBy: row.updatedByName,
    updatedAt: row.updatedByName === null ? null : isoTimestamp(row.updatedAt),
    version: row.version,
  };
}

function stampFor(actor: Actor) {
  return { updatedByName: actor.email ? `${actor.name} <${actor.email}>` : actor.name, updatedAt: new Date().toISOString() };
}

/** The diary in date order (events of one day in the order they were entered). */
export async function readConsultationDiary(options: { db: Db; actor: Actor | null; slug: string }): Promise<ConsultationDiaryView> {
  const { db, actor } = options;
  const scope = await agreementScope(db, options.slug);
  ensureAllowed(actor, "read", { type: "agreement", ...scope });
  const [agreement] = await db.select({ name: t.agreements.name }).from(t.agreements).where(eq(t.agreements.id, scope.agreementId));
  const rows = await db
    .select()
    .from(t.consultationEvents)
    .where(eq(t.consultationEvents.agreementId, scope.agreementId))
    .orderBy(asc(t.consultationEvents.date), asc(t.consultationEvents.id));
  return {
    agreement: { slug: options.slug, name: agreement?.name ?? options.slug },
    mayEdit: authorize(actor, "update", { type: "agreement", ...scope }).allowed,
    events: rows.map(present),
  };
}

/** A manager adds an event to the diary. */
export async function addConsultationEvent(options: { db: Db; actor: Actor | null; slug: string; body: ConsultationEventBody }): Promise<ConsultationEventView> {
  const { db, actor, body } = options;
  const scope = await agreementScope(db, options.slug);
  ensureAllowed(actor, "update", { type: "agreement", ...scope });
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(t.consultationEvents)
      .values({ agreementId: scope.agreementId, ...body, ...stampFor(actor) })
      .returning();
    if (!saved) throw new Error("The insert returned no row.");
    const after = present(saved);
    await recordAudit(tx, { actor, action: "consultationEvent.create", entityType: "consultationEvent", entityId: saved.id, agreementId: scope.agreementId, before: null, after });
    return after;
  });
}

/** A manager changes an event: only the fields sent, from the version read (409 with the event as it stands if stale). */
export async function changeConsultationEvent(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  id: number;
  body: ConsultationEventChange;
}): Promise<ConsultationEventView> {
  const { db, actor, body } = options;
  const scope = await agreementScope(db, options.slug);
  ensureAllowed(actor, "update", { type: "agreement", ...scope });
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  const { version, ...changes } = body;
  const what = "This consultation event";
  const find = async (tx: Tx) => {
    const [row] = await tx
      .select()
      .from(t.consultationEvents)
      .where(and(eq(t.consultationEvents.id, options.id), eq(t.consultationEvents.agreementId, scope.agreementId)));
    if (!row) throw notFound(`Consultation event ${options.id}`, "id");
    return row;
  };
  return db.transaction(async (tx) => {
    const existing = await find(tx);
    const before = present(existing);
    if (version !== existing.version) throw new StaleVersionError(what, before);
    // The version is checked again in the UPDATE, so two managers racing cannot both win.
    const [saved] = await tx
      .update(t.consultationEvents)
      .set({ ...changes, ...stampFor(actor), version: existing.version + 1 })
      .where(and(eq(t.consultationEvents.id, existing.id), eq(t.consultationEvents.version, existing.version)))
      .returning();
    if (!saved) throw new StaleVersionError(what, present(await find(tx)));
    const after = present(saved);
    await recordAudit(tx, { actor, action: "consultationEvent.update", entityType: "consultationEvent", entityId: saved.id, agreementId: scope.agreementId, before, after });
    return after;
  });
}

/** The demo's events, as data/consultation-diary.yaml gives them (no one recorded them in Accord). */
export async function insertConsultationEvents(tx: Tx, agreementId: number, events: ConsultationEventBody[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(t.consultationEvents).values(events.map((event) => ({ agreementId, ...event })));
}
