/**
 * Monitoring rounds (seed 000 §11): a manager opens one for a reporting period, each indicator's
 * return is collected while it is open, then it is closed and the central report published. One
 * round per period; the unique index settles two managers opening the same period at once.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { DomainError, parseReportingPeriod } from "@accord/domain";
import type { ReportingPeriod } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { isoTimestamp } from "../../db/timestamps.js";
import { AppError, notFound } from "../../errors.js";
import { ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import { StaleVersionError } from "../indicators/service.js";
import { agreementScope } from "../indicators/scope.js";
import { seesUnpublishedRounds } from "./visibility.js";
import type { OpenRoundBody, RoundVersionBody, RoundView } from "./schema.js";

type AgreementScope = Awaited<ReturnType<typeof agreementScope>>;

/** "2008/09 H1" → "2008-09-h1", how a round is named in a URL. */
export function roundKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Six weeks after the period's last day. */
function sixWeeksAfter(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 42);
  return day.toISOString().slice(0, 10);
}

const roundColumns = {
  round: t.monitoringRounds,
  label: t.reportingPeriods.label,
  kind: t.reportingPeriods.kind,
  start: t.reportingPeriods.startDate,
  end: t.reportingPeriods.endDate,
};

export type RoundRow = { round: typeof t.monitoringRounds.$inferSelect; label: string; kind: string; start: string; end: string };

export function presentRound(row: RoundRow): RoundView {
  const { round } = row;
  return {
    key: roundKey(row.label),
    period: { label: row.label, kind: row.kind, start: row.start, end: row.end },
    dueDate: round.dueDate,
    status: round.status,
    openedBy: round.openedByName,
    openedAt: isoTimestamp(round.openedAt),
    closedAt: round.closedAt === null ? null : isoTimestamp(round.closedAt),
    publishedAt: round.publishedAt === null ? null : isoTimestamp(round.publishedAt),
    version: round.version,
  };
}

async function roundRows(db: Db | Tx, agreementId: number): Promise<RoundRow[]> {
  return db
    .select(roundColumns)
    .from(t.monitoringRounds)
    .innerJoin(t.reportingPeriods, eq(t.reportingPeriods.id, t.monitoringRounds.periodId))
    .where(eq(t.monitoringRounds.agreementId, agreementId))
    .orderBy(asc(t.reportingPeriods.startDate), asc(t.reportingPeriods.endDate));
}

/** People with a role in the agreement see every round; the public only published ones (visibility.ts). */
function seesUnpublished(actor: Actor | null, scope: AgreementScope): boolean {
  return seesUnpublishedRounds(actor, scope);
}

export async function listRounds(options: { db: Db; actor: Actor | null; slug: string }): Promise<RoundView[]> {
  const scope = await agreementScope(options.db, options.slug);
  ensureAllowed(options.actor, "read", { type: "agreement", ...scope });
  const all = seesUnpublished(options.actor, scope);
  const rows = await roundRows(options.db, scope.agreementId);
  return rows.filter((row) => all || row.round.status === "published").map(presentRound);
}

/** The round a path names, as a row, or 404 (also for a round the reader may not see yet). */
export async function findRound(
  db: Db | Tx,
  actor: Actor | null,
  scope: AgreementScope,
  key: string,
): Promise<RoundRow> {
  const row = (await roundRows(db, scope.agreementId)).find((one) => roundKey(one.label) === key);
  if (!row || (row.round.status !== "published" && !seesUnpublished(actor, scope))) {
    throw notFound(`Monitoring round "${key}"`, "round");
  }
  return row;
}

export async function readRound(options: { db: Db; actor: Actor | null; slug: string; key: string }): Promise<RoundView> {
  const scope = await agreementScope(options.db, options.slug);
  ensureAllowed(options.actor, "read", { type: "agreement", ...scope });
  return presentRound(await findRound(options.db, options.actor, scope, options.key));
}

function readPeriod(text: string): ReportingPeriod {
  try {
    return parseReportingPeriod(text, "period");
  } catch (error) {
    if (error instanceof DomainError) throw new AppError("BAD_REQUEST", error.message, { field: "period" });
    throw error;
  }
}

function nameOf(actor: Actor): string {
  return actor.email ? `${actor.name} <${actor.email}>` : actor.name;
}

export async function openRound(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  body: OpenRoundBody;
}): Promise<RoundView> {
  const { db, actor, body } = options;
  const scope = await agreementScope(db, options.slug);
  ensureAllowed(actor, "manageRounds", { type: "agreement", ...scope });
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  const period = readPeriod(body.period);
  const dueDate = body.dueDate ?? sixWeeksAfter(period.end);
  if (dueDate <= period.end) {
    throw new AppError(
      "BAD_REQUEST",
      `dueDate ${dueDate} must be after ${period.label} ends (${period.end}): returns report on a finished period`,
      { field: "dueDate" },
    );
  }
  return db.transaction(async (tx) => {
    await tx
      .insert(t.reportingPeriods)
      .values({ label: period.label, kind: period.kind, startDate: period.start, endDate: period.end })
      .onConflictDoNothing({ target: t.reportingPeriods.label });
    const [periodRow] = await tx
      .select({ id: t.reportingPeriods.id })
      .from(t.reportingPeriods)
      .where(eq(t.reportingPeriods.label, period.label));
    if (!periodRow) throw new Error("reporting period was not saved");
    // The unique index decides between two managers opening the same period at once.
    const [inserted] = await tx
      .insert(t.monitoringRounds)
      .values({ agreementId: scope.agreementId, periodId: periodRow.id, dueDate, openedByName: nameOf(actor) })
      .onConflictDoNothing()
      .returning({ id: t.monitoringRounds.id });
    if (!inserted) {
      throw new AppError(
        "CONFLICT",
        `There is already a monitoring round for ${period.label} (${roundKey(period.label)}): one round per period.`,
        { field: "period" },
      );
    }
    const row = (await roundRows(tx, scope.agreementId)).find((one) => one.round.id === inserted.id);
    if (!row) throw new Error("monitoring round was not saved");
    const after = presentRound(row);
    await recordAudit(tx, {
      actor,
      action: "round.open",
      entityType: "monitoringRound",
      entityId: inserted.id,
      agreementId: scope.agreementId,
      before: null,
      after,
    });
    return after;
  });
}

const moves = {
  close: { from: "open", to: "closed", stamp: "closedAt", words: "closed" },
  publish: { from: "closed", to: "published", stamp: "publishedAt", words: "published" },
} as const;

/** Closes an open round (no more returns) or publishes a closed one. */
export async function moveRound(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  key: string;
  move: keyof typeof moves;
  body: RoundVersionBody;
}): Promise<RoundView> {
  const { db, actor, body } = options;
  const move = moves[options.move];
  const scope = await agreementScope(db, options.slug);
  ensureAllowed(actor, "manageRounds", { type: "agreement", ...scope });
  return db.transaction(async (tx) => {
    const row = await findRound(tx, actor, scope, options.key);
    const before = presentRound(row);
    const what = `The ${row.label} monitoring round`;
    if (body.version !== row.round.version) throw new StaleVersionError(what, before);
    if (row.round.status !== move.from) {
      throw new AppError(
        "CONFLICT",
        `${what} is ${row.round.status}; only a round that is ${move.from} can be ${move.words}.`,
        { field: "status" },
      );
    }
    // The version is checked again in the UPDATE, so two writers racing cannot both win.
    const [saved] = await tx
      .update(t.monitoringRounds)
      .set({ status: move.to, [move.stamp]: sql`now()`, version: row.round.version + 1 })
      .where(and(eq(t.monitoringRounds.id, row.round.id), eq(t.monitoringRounds.version, row.round.version)))
      .returning();
    if (!saved) throw new StaleVersionError(what, before);
    const after = presentRound({ ...row, round: saved });
    await recordAudit(tx, {
      actor,
      action: `round.${options.move}`,
      entityType: "monitoringRound",
      entityId: row.round.id,
      agreementId: scope.agreementId,
      before,
      after,
    });
    return after;
  });
}
