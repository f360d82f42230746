/**
 * Monitoring returns (seed 000 §11): in an open round each indicator's accountable officer gives
 * its values and a text update (progress, issues and risks, next actions) with a self-assessed
 * status beside the one worked out from the values, and submits it; the partnership office (a
 * manager) accepts it or returns it with a comment. An LSP coordinator submits their district's
 * values. Every write is versioned (409 with the return as it stands) and audited in the same
 * transaction; nothing changes once the round is closed.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { PerformanceStatus } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { isoTimestamp, isoTimestampOrNull } from "../../db/timestamps.js";
import { AppError, notFound } from "../../errors.js";
import { authorize, ensureAllowed } from "../../policy/authorize.js";
import type { Action, Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import { agreementScope, ensureMonitored, indicatorScope } from "../indicators/scope.js";
import type { IndicatorScope } from "../indicators/scope.js";
import { assessIndicatorPerformance } from "../observations/performance.js";
import { presentObservation } from "../observations/service.js";
import { findRound, presentRound, roundKey } from "../rounds/service.js";
import type { RoundRow } from "../rounds/service.js";
import type {
  DecideReturnBody,
  ReturnList,
  ReturnStatus,
  ReturnSummary,
  ReturnValue,
  ReturnView,
  SaveReturnBody,
  SubmitReturnBody,
} from "./schema.js";

type ReturnRow = typeof t.indicatorReturns.$inferSelect;
/** Columns a write sets; times are the database clock's (now()). */
type ReturnFields = { [K in keyof typeof t.indicatorReturns.$inferInsert]?: (typeof t.indicatorReturns.$inferInsert)[K] | SQL };

/** A 409 that carries the return as it now stands (filled in once the transaction is over). */
class ReturnConflict extends AppError {
  current: unknown = null;
  constructor(message: string, field: "version" | "status" | "round") {
    super("CONFLICT", message, { field });
  }
}

const staleMessage = (what: string) =>
  `${what} has been changed by someone else since you read it. Look at the current version and make your change again.`;

function nameOf(actor: Actor): string {
  return actor.email ? `${actor.name} <${actor.email}>` : actor.name;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Late: not in yet (submitted or accepted) once the due date has passed, or sent in after it. */
function isLate(status: ReturnStatus, submittedAt: string | null, dueDate: string): boolean {
  if (status === "submitted" || status === "accepted") return submittedAt !== null && isoTimestamp(submittedAt).slice(0, 10) > dueDate;
  return today() > dueDate;
}

/** What the audit trail keeps of a return: enough for the bulletin and the change history. */
function snapshot(row: ReturnRow, round: RoundRow, code: string) {
  return {
    round: roundKey(round.label),
    period: round.label,
    indicator: code,
    status: row.status,
    progress: row.progress,
    issuesAndRisks: row.issuesAndRisks,
    nextActions: row.nextActions,
    selfAssessedStatus: row.selfAssessedStatus,
    managerComment: row.managerComment,
    version: row.version,
  };
}

interface Loaded {
  scope: IndicatorScope;
  round: RoundRow;
}

async function load(db: Db, actor: Actor | null, slug: string, round: string, key: string): Promise<Loaded> {
  const scope = await indicatorScope(db, slug, key);
  ensureAllowed(actor, "read", { type: "agreementIndicator", ...scope });
  return { scope, round: await findRound(db, actor, scope, round) };
}

export async function listReturns(options: { db: Db; actor: Actor | null; slug: string; round: string }): Promise<ReturnList> {
  const { db, actor } = options;
  const scope = await agreementScope(db, options.slug);
  ensureAllowed(actor, "read", { type: "agreement", ...scope });
  const round = await findRound(db, actor, scope, options.round);
  const rows = await db
    .select({
      code: t.indicatorDefinitions.code,
      key: t.indicatorDefinitions.key,
      title: t.indicatorDefinitions.title,
      titleAsWritten: t.agreementIndicators.titleAsWritten,
      theme: t.themes.title,
      status: t.indicatorReturns.status,
      updatedAt: t.indicatorReturns.updatedAt,
      submittedAt: t.indicatorReturns.submittedAt,
      version: t.indicatorReturns.version,
    })
    .from(t.agreementIndicators)
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .innerJoin(t.themes, eq(t.themes.id, t.agreementIndicators.themeId))
    .leftJoin(
      t.indicatorReturns,
      and(eq(t.indicatorReturns.agreementIndicatorId, t.agreementIndicators.id), eq(t.indicatorReturns.roundId, round.round.id)),
    )
    .where(and(eq(t.agreementIndicators.agreementId, scope.agreementId), eq(t.agreementIndicators.state, "active")))
    .orderBy(asc(t.themes.position), asc(t.agreementIndicators.position));
  const returns = rows.map((row): ReturnSummary => {
    const status: ReturnStatus = row.status ?? "missing";
    return {
      indicator: row.code,
      key: row.key,
      title: row.titleAsWritten ?? row.title,
      theme: row.theme,
      status,
      late: isLate(status, row.submittedAt, round.round.dueDate),
      updatedAt: isoTimestampOrNull(row.updatedAt),
      submittedAt: isoTimestampOrNull(row.submittedAt),
      version: row.version,
    };
  });
  return { round: presentRound(round), returns };
}

/** An officer's text update as a round's returns hold it, for whoever prints the round (the performance report). */
export interface RoundTextUpdate {
  status: Exclude<ReturnStatus, "missing">;
  progress: string | null;
  issuesAndRisks: string | null;
  nextActions: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
}

/** Every text update of a round by indicator key, read as the round's returns are (404 for a round the reader may not see). */
export async function readRoundTextUpdates(options: {
  db: Db;
  actor: Actor | null;
  slug: string;
  round: string;
}): Promise<Map<string, RoundTextUpdate>> {
  const { db, actor } = options;
  const scope = await agreementScope(db, options.slug);
  ensureAllowed(actor, "read", { type: "agreement", ...scope });
  const round = await findRound(db, actor, scope, options.round);
  const rows = await db
    .select({
      key: t.indicatorDefinitions.key,
      status: t.indicatorReturns.status,
      progress: t.indicatorReturns.progress,
      issuesAndRisks: t.indicatorReturns.issuesAndRisks,
      nextActions: t.indicatorReturns.nextActions,
      submittedBy: t.indicatorReturns.submittedByName,
      submittedAt: t.indicatorReturns.submittedAt,
    })
    .from(t.indicatorReturns)
    .innerJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.indicatorReturns.agreementIndicatorId))
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .where(eq(t.indicatorReturns.roundId, round.round.id));
  return new Map(rows.map(({ key, submittedAt, ...text }) => [key, { ...text, submittedAt: isoTimestampOrNull(submittedAt) }]));
}

async function districtsOf(db: Db, agreementId: number) {
  const [agreement] = await db.select({ areaId: t.agreements.areaId }).from(t.agreements).where(eq(t.agreements.id, agreementId));
  if (!agreement) throw new Error("agreement vanished");
  return db
    .select({ id: t.areas.id, code: t.areas.code, name: t.areas.name })
    .from(t.areas)
    .where(and(eq(t.areas.parentId, agreement.areaId), eq(t.areas.kind, "district")))
    .orderBy(asc(t.areas.name));
}

/** The round's values for the indicator, every area and component, each with the district submission covering it. */
async function returnValues(db: Db, loaded: Loaded): Promise<ReturnValue[]> {
  const { scope, round } = loaded;
  const rows = await db
    .select({ observation: t.observations, area: t.areas.code, kind: t.areas.kind, name: t.areas.name })
    .from(t.observations)
    .innerJoin(t.areas, eq(t.areas.id, t.observations.areaId))
    .where(and(eq(t.observations.agreementIndicatorId, scope.agreementIndicatorId), eq(t.observations.periodId, round.round.periodId)))
    .orderBy(asc(t.observations.component), asc(t.areas.kind), asc(t.areas.name));
  const events = await db
    .select({ at: t.auditEvents.at, actor: t.auditEvents.actor, after: t.auditEvents.after })
    .from(t.auditEvents)
    .where(
      and(
        eq(t.auditEvents.action, "return.district-submit"),
        eq(t.auditEvents.entityType, "agreementIndicator"),
        eq(t.auditEvents.entityId, String(scope.agreementIndicatorId)),
      ),
    )
    .orderBy(asc(t.auditEvents.at), asc(t.auditEvents.id));
  const latest = new Map<string, { at: string; actor: string }>();
  const key = roundKey(round.label);
  for (const event of events) {
    const after = (event.after ?? {}) as { round?: unknown; area?: unknown };
    if (after.round === key && typeof after.area === "string") latest.set(after.area, { at: isoTimestamp(event.at), actor: event.actor });
  }
  // County first, then the districts by name.
  const ordered = [...rows].sort((a, b) =>
    a.observation.component === b.observation.component ? Number(a.kind === "district") - Number(b.kind === "district") : 0,
  );
  return ordered.map(({ observation, area }) => {
    const view = presentObservation(observation, round.label, area);
    const submission = latest.get(area);
    // A value changed after its district was submitted is no longer what was submitted.
    const covers = submission !== undefined && submission.at >= view.recordedAt;
    return { ...view, submittedBy: covers ? submission.actor : null, submittedAt: covers ? submission.at : null };
  });
}

async function computedStatus(db: Db, actor: Actor | null, loaded: Loaded): Promise<PerformanceStatus> {
  const component = loaded.scope.components[0] ?? "all";
  const performance = await assessIndicatorPerformance({ db, actor, scope: loaded.scope, component });
  return performance.periods.find((one) => one.period.label === loaded.round.label)?.status ?? "grey";
}

async function presentReturn(db: Db, actor: Actor | null, loaded: Loaded): Promise<ReturnView> {
  const { scope, round } = loaded;
  const [row] = await db
    .select()
    .from(t.indicatorReturns)
    .where(and(eq(t.indicatorReturns.roundId, round.round.id), eq(t.indicatorReturns.agreementIndicatorId, scope.agreementIndicatorId)));
  const [meta] = await db
    .select({ key: t.indicatorDefinitions.key, title: t.indicatorDefinitions.title, titleAsWritten: t.agreementIndicators.titleAsWritten })
    .from(t.agreementIndicators)
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .where(eq(t.agreementIndicators.id, scope.agreementIndicatorId));
  if (!meta) throw new Error("agreement indicator vanished");
  const status: ReturnStatus = row?.status ?? "missing";
  const open = round.round.status === "open";
  const editable = open && status !== "submitted" && status !== "accepted";
  const asIndicator = { type: "agreementIndicator" as const, ...scope };
  const edit = editable && authorize(actor, "editReturn", asIndicator).allowed;
  const districts = editable ? await districtsOf(db, scope.agreementId) : [];
  return {
    round: presentRound(round),
    indicator: scope.code,
    key: meta.key,
    title: meta.titleAsWritten ?? meta.title,
    status,
    progress: row?.progress ?? null,
    issuesAndRisks: row?.issuesAndRisks ?? null,
    nextActions: row?.nextActions ?? null,
    selfAssessedStatus: (row?.selfAssessedStatus as PerformanceStatus | null | undefined) ?? null,
    computedStatus: await computedStatus(db, actor, loaded),
    managerComment: row?.managerComment ?? null,
    values: await returnValues(db, loaded),
    updatedBy: row?.updatedByName ?? null,
    updatedAt: row ? isoTimestamp(row.updatedAt) : null,
    submittedBy: row?.submittedByName ?? null,
    submittedAt: isoTimestampOrNull(row?.submittedAt ?? null),
    decidedBy: row?.decidedByName ?? null,
    decidedAt: isoTimestampOrNull(row?.decidedAt ?? null),
    version: row?.version ?? null,
    may: {
      edit,
      submit: edit,
      decide: open && status === "submitted" && authorize(actor, "decideReturn", { type: "agreement", ...scope }).allowed,
      recordDistrict: districts
        .filter((area) => authorize(actor, "recordObservation", { type: "observation", ...scope, areaId: area.id }).allowed)
        .map((area) => area.code),
    },
  };
}

export async function readReturn(options: { db: Db; actor: Actor | null; slug: string; round: string; key: string }): Promise<ReturnView> {
  const { db, actor } = options;
  return presentReturn(db, actor, await load(db, actor, options.slug, options.round, options.key));
}

interface ChangeOptions {
  db: Db;
  actor: Actor | null;
  slug: string;
  round: string;
  key: string;
}

/**
 * The frame of every write: check who may, lock the return, refuse a closed round, make the
 * change and audit it in one transaction, and answer a 409 with the return as it now stands.
 */
async function changeReturn(
  options: ChangeOptions & {
    action: Action;
    audit: string;
    change: (tx: Tx, loaded: Loaded, existing: ReturnRow | undefined, actor: Actor) => Promise<ReturnRow>;
  },
): Promise<ReturnView> {
  const { db, actor } = options;
  const loaded = await load(db, actor, options.slug, options.round, options.key);
  const { scope } = loaded;
  ensureAllowed(actor, options.action, options.action === "decideReturn" ? { type: "agreement", ...scope } : { type: "agreementIndicator", ...scope });
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  await ensureMonitored(db, scope);
  try {
    await db.transaction(async (tx) => {
      // Read again inside the transaction, locked: the round may have been closed meanwhile.
      const round = await lockRound(tx, actor, scope, options.round);
      if (round.round.status !== "open") {
        throw new ReturnConflict(
          `The ${round.label} monitoring round is ${round.round.status}: its returns can no longer be changed, submitted or accepted.`,
          "round",
        );
      }
      const [existing] = await tx
        .select()
        .from(t.indicatorReturns)
        .where(and(eq(t.indicatorReturns.roundId, round.round.id), eq(t.indicatorReturns.agreementIndicatorId, scope.agreementIndicatorId)))
        .for("update");
      const saved = await options.change(tx, { scope, round }, existing, actor);
      await recordAudit(tx, {
        actor,
        action: options.audit,
        entityType: "agreementIndicator",
        entityId: scope.agreementIndicatorId,
        agreementId: scope.agreementId,
        before: existing ? snapshot(existing, round, scope.code) : null,
        after: snapshot(saved, round, scope.code),
      });
    });
  } catch (error) {
    if (error instanceof ReturnConflict) error.current = await presentReturn(db, actor, loaded);
    throw error;
  }
  return presentReturn(db, actor, loaded);
}

/**
 * The round, read again and held exclusively: a value being written holds it shared, so a return
 * is not submitted (or decided) while one of its values is still changing, nor the round closed.
 */
async function lockRound(tx: Tx, actor: Actor, scope: IndicatorScope, key: string): Promise<RoundRow> {
  const found = await findRound(tx, actor, scope, key);
  await tx.select({ id: t.monitoringRounds.id }).from(t.monitoringRounds).where(eq(t.monitoringRounds.id, found.round.id)).for("update");
  return findRound(tx, actor, scope, key);
}

function checkVersion(what: string, existing: ReturnRow | undefined, version: number | undefined): void {
  if ((existing?.version ?? undefined) !== version) throw new ReturnConflict(staleMessage(what), "version");
}

/** The UPDATE checks the version again, so two writers racing cannot both win. */
async function update(tx: Tx, what: string, existing: ReturnRow, fields: ReturnFields): Promise<ReturnRow> {
  const [saved] = await tx
    .update(t.indicatorReturns)
    .set({ ...fields, version: existing.version + 1 })
    .where(and(eq(t.indicatorReturns.id, existing.id), eq(t.indicatorReturns.version, existing.version)))
    .returning();
  if (!saved) throw new ReturnConflict(staleMessage(what), "version");
  return saved;
}

/** The first write of a return; the unique index settles two people starting it at once. */
async function insert(tx: Tx, what: string, loaded: Loaded, fields: ReturnFields): Promise<ReturnRow> {
  const [saved] = await tx
    .insert(t.indicatorReturns)
    .values({ roundId: loaded.round.round.id, agreementIndicatorId: loaded.scope.agreementIndicatorId, ...fields })
    .onConflictDoNothing()
    .returning();
  if (!saved) throw new ReturnConflict(staleMessage(what), "version");
  return saved;
}

const whatOf = (loaded: Loaded) => `The ${loaded.scope.code} return for ${loaded.round.label}`;

/** Saves the text update and self-assessed status as a draft (a returned return becomes a draft again). */
export async function saveReturn(options: ChangeOptions & { body: SaveReturnBody }): Promise<ReturnView> {
  const { body } = options;
  return changeReturn({
    ...options,
    action: "editReturn",
    audit: "return.save",
    change: async (tx, loaded, existing, actor) => {
      const what = whatOf(loaded);
      checkVersion(what, existing, body.version);
      if (existing?.status === "submitted" || existing?.status === "accepted") {
        throw new ReturnConflict(
          `${what} is ${existing.status}: it cannot be changed unless a manager returns it.`,
          "status",
        );
      }
      const text = (value: string | undefined) => (value === undefined ? undefined : value === "" ? null : value);
      const fields = {
        status: "draft" as const,
        ...(body.progress === undefined ? {} : { progress: text(body.progress) }),
        ...(body.issuesAndRisks === undefined ? {} : { issuesAndRisks: text(body.issuesAndRisks) }),
        ...(body.nextActions === undefined ? {} : { nextActions: text(body.nextActions) }),
        ...(body.selfAssessedStatus === undefined ? {} : { selfAssessedStatus: body.selfAssessedStatus }),
        updatedByName: nameOf(actor),
        updatedAt: sql`now()`,
      };
      return existing ? update(tx, what, existing, fields) : insert(tx, what, loaded, fields);
    },
  });
}

/** The accountable officer (or a manager) sends the return in; its values are locked until it is returned. */
export async function submitReturn(options: ChangeOptions & { body: SubmitReturnBody }): Promise<ReturnView> {
  const { body } = options;
  return changeReturn({
    ...options,
    action: "editReturn",
    audit: "return.submit",
    change: async (tx, loaded, existing, actor) => {
      const what = whatOf(loaded);
      checkVersion(what, existing, body.version);
      if (existing?.status === "submitted" || existing?.status === "accepted") {
        throw new ReturnConflict(`${what} is already ${existing.status}.`, "status");
      }
      const now = sql`now()`;
      const fields = { status: "submitted" as const, submittedByName: nameOf(actor), submittedAt: now, updatedByName: nameOf(actor), updatedAt: now };
      return existing ? update(tx, what, existing, fields) : insert(tx, what, loaded, fields);
    },
  });
}

/** A manager accepts a submitted return, or sends it back with a comment saying what needs changing. */
export async function decideReturn(options: ChangeOptions & { decision: "accept" | "return"; body: DecideReturnBody }): Promise<ReturnView> {
  const { body, decision } = options;
  return changeReturn({
    ...options,
    action: "decideReturn",
    audit: decision === "accept" ? "return.accept" : "return.return",
    change: async (tx, loaded, existing, actor) => {
      const what = whatOf(loaded);
      if (!existing) throw new ReturnConflict(`${what} has not been started, so there is nothing to ${decision}.`, "status");
      checkVersion(what, existing, body.version);
      if (existing.status !== "submitted") {
        throw new ReturnConflict(`${what} is ${existing.status}; only a submitted return can be ${decision === "accept" ? "accepted" : "returned"}.`, "status");
      }
      return update(tx, what, existing, {
        status: decision === "accept" ? "accepted" : "returned",
        managerComment: body.comment ?? null,
        decidedByName: nameOf(actor),
        decidedAt: sql`now()`,
      });
    },
  });
}

/**
 * An LSP coordinator submits their district's values for the round (seed 000 §10: LSPs monitor
 * their own district). The submission is recorded in the audit trail, and the return's values
 * show who submitted them and when.
 */
export async function submitDistrictValues(options: ChangeOptions & { area: string }): Promise<ReturnView> {
  const { db, actor } = options;
  const loaded = await load(db, actor, options.slug, options.round, options.key);
  const { scope } = loaded;
  const districts = await districtsOf(db, scope.agreementId);
  const wanted = options.area.toUpperCase();
  const district = districts.find((area) => area.code.toUpperCase() === wanted);
  if (!district) throw notFound(`District "${options.area}" of this agreement's area`, "code");
  ensureAllowed(actor, "submitDistrictReturn", { type: "observation", ...scope, areaId: district.id });
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  await ensureMonitored(db, scope);
  try {
    await db.transaction(async (tx) => {
      const round = await lockRound(tx, actor, scope, options.round);
      if (round.round.status !== "open") {
        throw new ReturnConflict(`The ${round.label} monitoring round is ${round.round.status}: district values can no longer be submitted.`, "round");
      }
      const values = await tx
        .select({ component: t.observations.component, value: t.observations.value, version: t.observations.version })
        .from(t.observations)
        .where(
          and(
            eq(t.observations.agreementIndicatorId, scope.agreementIndicatorId),
            eq(t.observations.periodId, round.round.periodId),
            eq(t.observations.areaId, district.id),
          ),
        );
      if (values.length === 0) {
        throw new AppError("BAD_REQUEST", `${district.name} has no ${scope.code} values for ${round.label} yet: record them, then submit.`, {
          field: "code",
        });
      }
      await recordAudit(tx, {
        actor,
        action: "return.district-submit",
        entityType: "agreementIndicator",
        entityId: scope.agreementIndicatorId,
        agreementId: scope.agreementId,
        before: null,
        after: { round: roundKey(round.label), period: round.label, indicator: scope.code, area: district.code, name: district.name, values },
      });
    });
  } catch (error) {
    if (error instanceof ReturnConflict) error.current = await presentReturn(db, actor, loaded);
    throw error;
  }
  return presentReturn(db, actor, loaded);
}
