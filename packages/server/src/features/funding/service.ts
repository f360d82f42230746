/**
 * Funding streams of an agreement (seed 003 §5): list them with totals by block and year, add
 * and change them (managers; versioned, audited), and never move money between organisations
 * without the accountable partner's recorded consent (seed 003 l.423: "The Kent Partnership has
 * undertaken not to move money between organisations without the express permission of
 * accountable partners"). Amounts are exact decimals (domain decimal.ts), never floats.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { addDecimals } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { isoTimestamp } from "../../db/timestamps.js";
import { AppError } from "../../errors.js";
import { authorize, ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import { StaleVersionError } from "../indicators/versions.js";
import { agreementScope } from "../indicators/scope.js";
import type { FundingStreamCreateBody, FundingStreamsView, FundingStreamUpdateBody, FundingStreamView } from "./schema.js";

type StreamRow = typeof t.fundingStreams.$inferSelect;
type Organisation = { slug: string; name: string };

function nameOf(actor: Actor): string {
  return actor.email ? `${actor.name} <${actor.email}>` : actor.name;
}

/** The stream's name in the URL: "Stronger and Safer Communities Fund" → stronger-and-safer-communities-fund. */
export function fundingStreamKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120) || "stream";
}

const byYear = (a: string, b: string) => a.localeCompare(b);

function sumOf(values: readonly string[]): string | null {
  return values.length === 0 ? null : values.reduce((total, value) => addDecimals(total, value), "0");
}

async function organisationsById(db: Db | Tx, ids: readonly number[]): Promise<Map<number, Organisation>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: t.organisations.id, slug: t.organisations.slug, name: t.organisations.name })
    .from(t.organisations)
    .where(inArray(t.organisations.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, { slug: row.slug, name: row.name }]));
}

async function organisationBySlug(tx: Tx, slug: string): Promise<{ id: number } & Organisation> {
  const [row] = await tx
    .select({ id: t.organisations.id, slug: t.organisations.slug, name: t.organisations.name })
    .from(t.organisations)
    .where(eq(t.organisations.slug, slug));
  if (!row) throw new AppError("BAD_REQUEST", `accountablePartner: there is no organisation ${slug}`, { field: "accountablePartner" });
  return row;
}

/** Every stream of the agreement as readers see it, in name order, with the consents recorded for it. */
async function presentStreams(db: Db | Tx, agreementId: number, only?: number): Promise<FundingStreamView[]> {
  const rows = await db
    .select()
    .from(t.fundingStreams)
    .where(only === undefined ? eq(t.fundingStreams.agreementId, agreementId) : eq(t.fundingStreams.id, only))
    .orderBy(asc(t.fundingStreams.name), asc(t.fundingStreams.id));
  const consents =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(t.fundingConsents)
          .where(inArray(t.fundingConsents.fundingStreamId, rows.map((row) => row.id)))
          .orderBy(asc(t.fundingConsents.id));
  const organisations = await organisationsById(db, [
    ...rows.flatMap((row) => (row.accountableOrganisationId === null ? [] : [row.accountableOrganisationId])),
    ...consents.flatMap((one) => [one.fromOrganisationId, one.toOrganisationId]),
  ]);
  const organisation = (id: number): Organisation => organisations.get(id) ?? { slug: String(id), name: String(id) };
  return rows.map((row) => ({
    key: row.key,
    name: row.name,
    department: row.department,
    kind: row.kind,
    blockOrOutcome: row.blockOrOutcome,
    accountablePartner: row.accountableOrganisationId === null ? null : organisation(row.accountableOrganisationId),
    advanceDesignation: row.advanceDesignation,
    amounts: Object.fromEntries(Object.entries(row.amounts).sort(([a], [b]) => byYear(a, b))),
    total: sumOf(Object.values(row.amounts)),
    note: row.note,
    consents: consents
      .filter((one) => one.fundingStreamId === row.id)
      .map((one) => ({
        from: organisation(one.fromOrganisationId),
        to: organisation(one.toOrganisationId),
        consentedBy: one.consentedBy,
        consentedOn: one.consentedOn,
        note: one.note,
        recordedBy: one.recordedByName,
        recordedAt: isoTimestamp(one.recordedAt),
      })),
    updatedBy: row.updatedByName,
    updatedAt: isoTimestamp(row.updatedAt),
    version: row.version,
  }));
}

function totalsOf(streams: readonly FundingStreamView[]) {
  const total = (some: readonly FundingStreamView[]) => {
    const years = new Map<string, string[]>();
    for (const stream of some) for (const [year, amount] of Object.entries(stream.amounts)) years.set(year, [...(years.get(year) ?? []), amount]);
    const perYear = [...years.entries()].sort(([a], [b]) => byYear(a, b)).map(([year, amounts]) => [year, sumOf(amounts) ?? "0"] as const);
    return { byYear: Object.fromEntries(perYear), total: sumOf(perYear.map(([, amount]) => amount)) };
  };
  const blocks = [...new Set(streams.map((stream) => stream.blockOrOutcome))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b),
  );
  return {
    byBlock: blocks.map((block) => ({ blockOrOutcome: block, ...total(streams.filter((stream) => stream.blockOrOutcome === block)) })),
    all: total(streams),
  };
}

/** The agreement's funding streams with totals by block and year (anyone who may read the agreement). */
export async function listFundingStreams(options: { db: Db; actor: Actor | null; slug: string }): Promise<FundingStreamsView> {
  const { db, actor } = options;
  const scope = await agreementScope(db, options.slug);
  ensureAllowed(actor, "read", { type: "agreement", ...scope });
  const [agreement] = await db.select({ name: t.agreements.name }).from(t.agreements).where(eq(t.agreements.id, scope.agreementId));
  const streams = await presentStreams(db, scope.agreementId);
  return {
    agreement: { slug: options.slug, name: agreement?.name ?? options.slug },
    mayEdit: authorize(actor, "update", { type: "agreement", ...scope }).allowed,
    years: [...new Set(streams.flatMap((stream) => Object.keys(stream.amounts)))].sort(byYear),
    streams,
    totals: totalsOf(streams),
  };
}

/** The amounts after a change: a year sent as null is emptied, a year left out stays. */
function mergeAmounts(before: Record<string, string>, sent: Record<string, string | null> | undefined): Record<string, string> {
  const after = { ...before };
  for (const [year, amount] of Object.entries(sent ?? {})) {
    if (amount === null) delete after[year];
    else after[year] = amount;
  }
  return after;
}

/** A manager adds a funding stream to the agreement. */
export async function addFundingStream(options: { db: Db; actor: Actor | null; slug: string; body: FundingStreamCreateBody }): Promise<FundingStreamView> {
  const { db, actor, body } = options;
  const scope = await agreementScope(db, options.slug);
  ensureAllowed(actor, "update", { type: "agreement", ...scope });
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  const key = fundingStreamKey(body.name);
  return db.transaction(async (tx) => {
    const partner = body.accountablePartner ? await organisationBySlug(tx, body.accountablePartner) : null;
    const [row] = await tx
      .insert(t.fundingStreams)
      .values({
        agreementId: scope.agreementId,
        key,
        name: body.name,
        department: body.department ?? null,
        kind: body.kind ?? null,
        blockOrOutcome: body.blockOrOutcome ?? null,
        accountableOrganisationId: partner?.id ?? null,
        advanceDesignation: body.advanceDesignation ?? false,
        amounts: mergeAmounts({}, body.amounts),
        note: body.note ?? null,
        updatedByName: nameOf(actor),
        updatedAt: new Date().toISOString(),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError("CONFLICT", `The agreement already has a funding stream called ${body.name}.`, { field: "name" });
    const [after] = await presentStreams(tx, scope.agreementId, row.id);
    await recordAudit(tx, { actor, action: "fundingStream.create", entityType: "fundingStream", entityId: row.id, agreementId: scope.agreementId, before: null, after });
    if (!after) throw new Error("funding stream was not saved");
    return after;
  });
}

/**
 * A manager changes a funding stream. Changing its accountable partner moves the money to
 * another organisation, so it is refused unless the body carries the current accountable
 * partner's consent (who consented, when, a note); the consent is stored and audited with it.
 */
export async function updateFundingStream(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  stream: string;
  body: FundingStreamUpdateBody;
}): Promise<FundingStreamView> {
  const { db, actor, body } = options;
  const scope = await agreementScope(db, options.slug);
  ensureAllowed(actor, "update", { type: "agreement", ...scope });
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(t.fundingStreams)
      .where(and(eq(t.fundingStreams.agreementId, scope.agreementId), eq(t.fundingStreams.key, options.stream)));
    if (!existing) throw new AppError("NOT_FOUND", `The agreement has no funding stream ${options.stream}.`);
    const [before] = await presentStreams(tx, scope.agreementId, existing.id);
    const what = `The funding stream ${existing.name}`;
    if (body.version !== existing.version) throw new StaleVersionError(what, before);

    const changes: Partial<StreamRow> = {};
    if (body.name !== undefined) changes.name = body.name;
    for (const field of ["department", "kind", "blockOrOutcome", "note"] as const) {
      if (body[field] !== undefined) Object.assign(changes, { [field]: body[field] });
    }
    if (body.advanceDesignation !== undefined) changes.advanceDesignation = body.advanceDesignation;
    if (body.amounts !== undefined) changes.amounts = mergeAmounts(existing.amounts, body.amounts);

    let move: { from: number; to: number } | null = null;
    if (body.accountablePartner !== undefined) {
      const to = body.accountablePartner === null ? null : await organisationBySlug(tx, body.accountablePartner);
      const from = existing.accountableOrganisationId;
      if (from !== null && to?.id !== from) {
        const [current] = (await organisationsById(tx, [from])).values();
        if (to === null) {
          throw new AppError("BAD_REQUEST", `accountablePartner: ${existing.name}'s money is held by ${current?.name ?? "its accountable partner"}; name the organisation it moves to (with their consent) rather than clearing it`, { field: "accountablePartner" });
        }
        if (!body.consent) {
          throw new AppError(
            "BAD_REQUEST",
            `consent: moving ${existing.name} from ${current?.name ?? "its accountable partner"} to ${to.name} needs ${current?.name ?? "the accountable partner"}'s recorded consent (who consented, the date and a note); nothing was changed`,
            { field: "consent" },
          );
        }
        move = { from, to: to.id };
      }
      changes.accountableOrganisationId = to?.id ?? null;
    } else if (body.consent) {
      throw new AppError("BAD_REQUEST", "consent: a consent is recorded only with a change of accountable partner", { field: "consent" });
    }

    // The version is checked again in the UPDATE, so two managers racing cannot both win.
    const [saved] = await tx
      .update(t.fundingStreams)
      // The key stays as it was, so a renamed stream keeps its address.
      .set({ ...changes, updatedByName: nameOf(actor), updatedAt: new Date().toISOString(), version: existing.version + 1 })
      .where(and(eq(t.fundingStreams.id, existing.id), eq(t.fundingStreams.version, existing.version)))
      .returning({ id: t.fundingStreams.id });
    if (!saved) throw new StaleVersionError(what, (await presentStreams(tx, scope.agreementId, existing.id))[0]);
    if (move && body.consent) {
      await tx.insert(t.fundingConsents).values({
        agreementId: scope.agreementId,
        fundingStreamId: existing.id,
        fromOrganisationId: move.from,
        toOrganisationId: move.to,
        consentedBy: body.consent.consentedBy,
        consentedOn: body.consent.consentedOn,
        note: body.consent.note,
        recordedByName: nameOf(actor),
      });
    }
    const [after] = await presentStreams(tx, scope.agreementId, existing.id);
    await recordAudit(tx, {
      actor,
      action: move ? "fundingStream.move" : "fundingStream.update",
      entityType: "fundingStream",
      entityId: existing.id,
      agreementId: scope.agreementId,
      before,
      after,
    });
    if (!after) throw new Error("funding stream was not saved");
    return after;
  });
}

/** For the demo loader: the streams an agreement's data file names. */
export async function insertFundingStreams(
  tx: Tx,
  agreementId: number,
  streams: readonly { name: string; department: string | null; kind: StreamRow["kind"]; blockOrOutcome: string | null; advanceDesignation: boolean; note: string | null }[],
): Promise<void> {
  if (streams.length === 0) return;
  const stamp = { updatedByName: "accord demo data (data/funding-streams.yaml)" };
  await tx.insert(t.fundingStreams).values(streams.map((stream) => ({ agreementId, key: fundingStreamKey(stream.name), ...stream, ...stamp })));
}
