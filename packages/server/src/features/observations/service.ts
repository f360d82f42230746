/**
 * Observations: the values reported for an agreement indicator, per period, area (Kent or one
 * of its districts) and component. Recording one checks the policy, checks the value against
 * how the indicator is counted, and writes it with its audit event in one transaction; a write
 * based on a stale read gets 409 with the row as it now stands.
 *
 * Reading them works out what the county's value is from its districts where the county was
 * not given directly: a count is their sum, a rate is their numerators over their denominators
 * (averaging 12 percentages would weigh Sevenoaks' and Thanet's populations alike), and only
 * when every district has a value. A cumulative indicator (NI 155) is reported per period and
 * read as a running total.
 */
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import {
  addDecimals,
  compareDecimals,
  compareReportingPeriods,
  divideDecimals,
  DomainError,
  multiplyDecimals,
  normaliseDecimal,
  parseReportingPeriod,
  reportingPeriodsOverlap,
  roundDecimal,
} from "@accord/domain";
import type { ReportingPeriod } from "@accord/domain";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { isoTimestamp } from "../../db/timestamps.js";
import { AppError } from "../../errors.js";
import { authorize, ensureAllowed } from "../../policy/authorize.js";
import type { Actor } from "../../policy/authorize.js";
import { recordAudit } from "../audit/record.js";
import type { Tx } from "../audit/record.js";
import { StaleVersionError } from "../indicators/service.js";
import type { IndicatorScope } from "../indicators/scope.js";
import { ensureMonitored } from "../indicators/scope.js";
import { seesUnpublishedRounds } from "../rounds/visibility.js";
import type { RecordObservationBody } from "./schema.js";

/** How values of an indicator add up across areas, read from its unit. */
export type Aggregation = { kind: "count" } | { kind: "ratio"; per: string } | { kind: "level" };

/**
 * "count" adds up; "%" is out of 100; "rate per 1,000" and "rate per 100,000" are out of those;
 * "kg per household" or "tonnes CO2 per capita" are a total over a number of units (per 1);
 * "level" is a stage the county as a whole reaches (NI 188) and does not add up at all.
 */
export function aggregationFor(unit: string | null): Aggregation {
  const text = (unit ?? "").trim().toLowerCase();
  if (text === "count") return { kind: "count" };
  if (text === "level") return { kind: "level" };
  if (text.startsWith("%")) return { kind: "ratio", per: "100" };
  const perNumber = /per\s+([\d,]+)/.exec(text);
  if (perNumber?.[1]) return { kind: "ratio", per: perNumber[1].replaceAll(",", "") };
  return { kind: "ratio", per: "1" };
}

function places(value: string): number {
  const point = value.indexOf(".");
  return point === -1 ? 0 : value.length - point - 1;
}

export interface ObservationView {
  period: string;
  area: string;
  component: string;
  value: string;
  numerator: string | null;
  denominator: string | null;
  status: "provisional" | "final";
  source: string | null;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
  version: number;
}

export type ObservationRow = typeof t.observations.$inferSelect;

function present(row: ObservationRow, period: string, area: string): ObservationView {
  return {
    period,
    area,
    component: row.component,
    value: normaliseDecimal(row.value),
    numerator: row.numerator === null ? null : normaliseDecimal(row.numerator),
    denominator: row.denominator === null ? null : normaliseDecimal(row.denominator),
    status: row.status,
    source: row.source,
    note: row.note,
    recordedBy: row.recordedByName,
    recordedAt: isoTimestamp(row.recordedAt),
    version: row.version,
  };
}

/** An observation row as the API shows it. */
export const presentObservation = present;

function badRequest(field: string, message: string): AppError {
  return new AppError("BAD_REQUEST", message, { field });
}

export interface IndicatorFacts {
  unit: string | null;
  /** Omitted from the agreement (NI 170, replaced by NI 159): no longer monitored. */
  omitted: boolean;
  /** Any of its targets is cumulative (NI 155's "+1356"): values are per-period counts. */
  cumulative: boolean;
  county: { id: number; code: string; name: string };
  districts: { id: number; code: string; legacyCode: string | null; name: string }[];
}

async function indicatorFacts(db: Db | Tx, scope: IndicatorScope, component: string | null): Promise<IndicatorFacts> {
  const [row] = await db
    .select({
      unit: t.indicatorDefinitions.unit,
      state: t.agreementIndicators.state,
      countyId: t.areas.id,
      countyCode: t.areas.code,
      countyName: t.areas.name,
    })
    .from(t.agreementIndicators)
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .innerJoin(t.agreements, eq(t.agreements.id, t.agreementIndicators.agreementId))
    .innerJoin(t.areas, eq(t.areas.id, t.agreements.areaId))
    .where(eq(t.agreementIndicators.id, scope.agreementIndicatorId));
  if (!row) throw new Error("agreement indicator vanished");
  const forms = await db
    .select({ form: t.targets.form })
    .from(t.targets)
    .where(
      and(
        eq(t.targets.agreementIndicatorId, scope.agreementIndicatorId),
        ...(component === null ? [] : [eq(t.targets.component, component)]),
      ),
    );
  const districts = await db
    .select({ id: t.areas.id, code: t.areas.code, legacyCode: t.areas.legacyCode, name: t.areas.name })
    .from(t.areas)
    .where(and(eq(t.areas.parentId, row.countyId), eq(t.areas.kind, "district")))
    .orderBy(asc(t.areas.name));
  return {
    unit: row.unit,
    omitted: row.state === "omitted",
    cumulative: forms.some(({ form }) => form === "cumulative"),
    county: { id: row.countyId, code: row.countyCode, name: row.countyName },
    districts,
  };
}

function areaNamed(facts: IndicatorFacts, code: string): { id: number; code: string; name: string } {
  const wanted = code.trim().toUpperCase();
  if (wanted === facts.county.code.toUpperCase()) return facts.county;
  const district = facts.districts.find(
    (area) => area.code.toUpperCase() === wanted || area.legacyCode?.toUpperCase() === wanted,
  );
  if (district) return district;
  const codes = facts.districts.map((area) => area.code);
  throw badRequest(
    "area",
    `area "${code}" is not ${facts.county.name} (${facts.county.code}) or one of its districts (${codes[0] ?? ""}–${codes.at(-1) ?? ""})`,
  );
}

function readPeriod(text: string): ReportingPeriod {
  try {
    return parseReportingPeriod(text, "period");
  } catch (error) {
    if (error instanceof DomainError) throw badRequest("period", error.message);
    throw error;
  }
}

/** The value, numerator and denominator as they will be stored, or the reason they cannot be. */
function checkFigures(scope: IndicatorScope, facts: IndicatorFacts, body: RecordObservationBody) {
  const value = normaliseDecimal(body.value);
  const hasNumerator = body.numerator !== undefined;
  if (hasNumerator !== (body.denominator !== undefined)) {
    throw badRequest(
      hasNumerator ? "denominator" : "numerator",
      "give the numerator and the denominator together, or neither",
    );
  }
  const aggregation = aggregationFor(facts.unit);
  if (facts.cumulative && compareDecimals(value, "0") < 0) {
    throw badRequest(
      "value",
      `${scope.code} adds each period's count to a running total, so the count cannot be negative`,
    );
  }
  if (body.numerator === undefined || body.denominator === undefined)
    return { value, numerator: null, denominator: null };
  if (aggregation.kind !== "ratio" || facts.cumulative) {
    const what = aggregation.kind === "level" ? "a level" : "a count";
    throw badRequest("numerator", `${scope.code} is ${what}: give the value only, without a numerator and denominator`);
  }
  const numerator = normaliseDecimal(body.numerator);
  const denominator = normaliseDecimal(body.denominator);
  if (compareDecimals(denominator, "0") <= 0) throw badRequest("denominator", "the denominator must be more than 0");
  if (compareDecimals(numerator, "0") < 0) throw badRequest("numerator", "the numerator cannot be negative");
  // The value must be what the numerator and denominator make, to the places it is written to.
  const made = multiplyDecimals(divideDecimals(numerator, denominator), aggregation.per);
  const shown = roundDecimal(made, Math.max(places(value), 2));
  if (compareDecimals(roundDecimal(made, places(value)), value) !== 0) {
    const per = aggregation.per === "1" ? "" : ` × ${aggregation.per}`;
    throw badRequest(
      "value",
      `value ${value} does not match numerator ${numerator} / denominator ${denominator}${per} = ${shown}`,
    );
  }
  return { value, numerator, denominator };
}

interface HeldRound {
  id: number;
  status: "open" | "closed" | "published";
  /** Each return's state by agreement indicator; it cannot change while the round is held shared. */
  returns: Map<number, string>;
}

/**
 * What the values written in one transaction share (an upload's rows): the reporting period's
 * row and the round, held shared once, with its returns' states. The share lock lasts until the
 * transaction ends, and a return is submitted or decided only under the round's exclusive lock,
 * so what was read stays true for every later row of the same transaction.
 */
export interface WriteBatch {
  periods: Map<string, Promise<{ id: number }>>;
  rounds: Map<string, Promise<HeldRound | undefined>>;
}

export function newWriteBatch(): WriteBatch {
  return { periods: new Map(), rounds: new Map() };
}

async function periodRow(tx: Tx, period: ReportingPeriod, batch?: WriteBatch): Promise<{ id: number }> {
  const kept = batch?.periods.get(period.label);
  if (kept) return kept;
  const pending = savePeriod(tx, period);
  batch?.periods.set(period.label, pending);
  return pending;
}

async function savePeriod(tx: Tx, period: ReportingPeriod): Promise<{ id: number }> {
  await tx
    .insert(t.reportingPeriods)
    .values({ label: period.label, kind: period.kind, startDate: period.start, endDate: period.end })
    .onConflictDoNothing({ target: t.reportingPeriods.label });
  const [row] = await tx
    .select({ id: t.reportingPeriods.id })
    .from(t.reportingPeriods)
    .where(eq(t.reportingPeriods.label, period.label));
  if (!row) throw new Error("reporting period was not saved");
  return row;
}

/**
 * A cumulative indicator's counts are added up, so a period that overlaps one already counted
 * (2008/09 beside 2008/09 H1) would count the same homes twice.
 */
async function refuseOverlap(
  tx: Tx,
  scope: IndicatorScope,
  areaId: number,
  component: string,
  period: ReportingPeriod,
): Promise<void> {
  const others = await tx
    .select({
      label: t.reportingPeriods.label,
      kind: t.reportingPeriods.kind,
      start: t.reportingPeriods.startDate,
      end: t.reportingPeriods.endDate,
    })
    .from(t.observations)
    .innerJoin(t.reportingPeriods, eq(t.reportingPeriods.id, t.observations.periodId))
    .where(
      and(
        eq(t.observations.agreementIndicatorId, scope.agreementIndicatorId),
        eq(t.observations.areaId, areaId),
        eq(t.observations.component, component),
        ne(t.reportingPeriods.label, period.label),
      ),
    );
  const clash = others.find((other) => reportingPeriodsOverlap(other, period));
  if (clash) {
    throw badRequest(
      "period",
      `${scope.code} adds each period's count to a running total, and ${period.label} overlaps ${clash.label}, which already has a count: the same ones would be counted twice`,
    );
  }
}

/**
 * Seed 000 §11 asks for "no interim updates": values come in with a round's returns. Outside an
 * open round only a manager may record one, as a correction with its reason (which is audited).
 * Inside one, the values of a return that is submitted or accepted stay as they were sent until a
 * manager returns it. Gives the reason when the value is such a correction, null when a round is open.
 */
async function lockedRound(tx: Tx, agreementId: number, period: ReportingPeriod): Promise<HeldRound | undefined> {
  const [round] = await tx
    .select({ id: t.monitoringRounds.id, status: t.monitoringRounds.status })
    .from(t.monitoringRounds)
    .innerJoin(t.reportingPeriods, eq(t.reportingPeriods.id, t.monitoringRounds.periodId))
    .where(and(eq(t.monitoringRounds.agreementId, agreementId), eq(t.reportingPeriods.label, period.label)))
    // Shared with other values (an upload's many rows do not wait on each other); a return being
    // submitted, decided, or the round closed takes it exclusively, so neither crosses a new value.
    .for("share", { of: t.monitoringRounds });
  if (!round) return undefined;
  if (round.status !== "open") return { ...round, returns: new Map() };
  const returns = await tx
    .select({ agreementIndicatorId: t.indicatorReturns.agreementIndicatorId, status: t.indicatorReturns.status })
    .from(t.indicatorReturns)
    .where(eq(t.indicatorReturns.roundId, round.id));
  return { ...round, returns: new Map(returns.map((one) => [one.agreementIndicatorId, one.status])) };
}

async function checkRoundIsOpen(
  tx: Tx,
  actor: Actor,
  scope: IndicatorScope,
  period: ReportingPeriod,
  reason: string | undefined,
  batch?: WriteBatch,
): Promise<string | null> {
  const cacheKey = `${scope.agreementId}\u0000${period.label}`;
  let pending = batch?.rounds.get(cacheKey);
  if (!pending) {
    pending = lockedRound(tx, scope.agreementId, period);
    batch?.rounds.set(cacheKey, pending);
  }
  const round = await pending;
  if (round?.status === "open") {
    const held = { status: round.returns.get(scope.agreementIndicatorId) };
    if (held?.status === "submitted" || held?.status === "accepted") {
      throw new AppError(
        "CONFLICT",
        `The ${scope.code} return for ${period.label} is ${held.status}, so its values are locked: a manager must return it before they change.`,
        { field: "period" },
      );
    }
    return null;
  }
  const state = round ? `its monitoring round is ${round.status}` : "no monitoring round is open for it";
  if (reason === undefined) {
    throw badRequest(
      "period",
      `${period.label} is not open for returns: ${state}. Values are collected in a round, with no interim updates; a manager may record a correction with a correctionReason.`,
    );
  }
  if (!authorize(actor, "manageRounds", { type: "agreement", ...scope }).allowed) {
    throw new AppError("FORBIDDEN", `Only a manager may correct a value outside an open round (${period.label}: ${state}).`);
  }
  return reason;
}

/**
 * One value checked against everything that needs no transaction (the area, who may record it,
 * the component, the period, the figures), ready for writeObservation. Checking and writing are
 * apart so an upload of many values can check every row first and write them all in one
 * transaction (features/returns/template-upload.ts), through the same rules as one value.
 */
export interface CheckedObservation {
  scope: IndicatorScope;
  body: RecordObservationBody;
  area: { id: number; code: string; name: string };
  period: ReportingPeriod;
  figures: { value: string; numerator: string | null; denominator: string | null };
  cumulative: boolean;
}

/** What is known about an indicator's areas and counting, kept for the rows of one upload. */
export type IndicatorFactsCache = Map<string, Promise<IndicatorFacts>>;

export async function checkObservation(options: {
  db: Db;
  actor: Actor;
  scope: IndicatorScope;
  body: RecordObservationBody;
  cache?: IndicatorFactsCache;
}): Promise<CheckedObservation> {
  const { db, actor, scope, body, cache } = options;
  const cacheKey = `${scope.agreementIndicatorId}\u0000${body.component}`;
  let pending = cache?.get(cacheKey);
  if (!pending) {
    pending = indicatorFacts(db, scope, body.component);
    cache?.set(cacheKey, pending);
  }
  const facts = await pending;
  const area = areaNamed(facts, body.area);
  ensureAllowed(actor, "recordObservation", { type: "observation", ...scope, areaId: area.id });
  if (facts.omitted) await ensureMonitored(db, scope);
  if (!scope.components.includes(body.component)) {
    throw badRequest("component", `component must be one of ${scope.components.join(", ")} for ${scope.code}`);
  }
  const period = readPeriod(body.period);
  const figures = checkFigures(scope, facts, body);
  return { scope, body, area: { id: area.id, code: area.code, name: area.name }, period, figures, cumulative: facts.cumulative };
}

/** Writes one checked value inside the caller's transaction: round open, no double count, version, audit. */
export async function writeObservation(tx: Tx, actor: Actor, checked: CheckedObservation, batch?: WriteBatch): Promise<ObservationView> {
  const { scope, body, area, period, figures } = checked;
  const { id: periodId } = await periodRow(tx, period, batch);
  const correction = await checkRoundIsOpen(tx, actor, scope, period, body.correctionReason, batch);
  if (checked.cumulative) await refuseOverlap(tx, scope, area.id, body.component, period);
  const fields = {
    ...figures,
    status: body.status,
    source: body.source ?? null,
    note: body.note ?? null,
    // The command line acts as id 0, which is no account.
    recordedBy: actor.id > 0 ? actor.id : null,
    recordedByName: actor.email ? `${actor.name} <${actor.email}>` : actor.name,
  };
  const key = and(
    eq(t.observations.agreementIndicatorId, scope.agreementIndicatorId),
    eq(t.observations.periodId, periodId),
    eq(t.observations.areaId, area.id),
    eq(t.observations.component, body.component),
  );
  const what = `The ${period.label} value for ${area.name}`;
  const [existing] = await tx.select().from(t.observations).where(key);
  let saved: ObservationRow | undefined;
  if (existing) {
    if (body.version !== existing.version) throw new StaleVersionError(what, present(existing, period.label, area.code));
    // The version is checked again in the UPDATE, so two writers racing cannot both win.
    [saved] = await tx
      .update(t.observations)
      .set({ ...fields, recordedAt: sql`now()`, version: existing.version + 1 })
      .where(and(eq(t.observations.id, existing.id), eq(t.observations.version, existing.version)))
      .returning();
  } else {
    if (body.version !== undefined) throw new StaleVersionError(what, null);
    [saved] = await tx
      .insert(t.observations)
      .values({
        agreementIndicatorId: scope.agreementIndicatorId,
        periodId,
        areaId: area.id,
        component: body.component,
        ...fields,
      })
      .onConflictDoNothing()
      .returning();
  }
  if (!saved) {
    // Someone else wrote the same value first.
    const [now] = await tx.select().from(t.observations).where(key);
    throw new StaleVersionError(what, now ? present(now, period.label, area.code) : null);
  }
  const after = present(saved, period.label, area.code);
  await recordAudit(tx, {
    actor,
    action: correction === null ? "observation.record" : "observation.correct",
    entityType: "agreementIndicator",
    entityId: scope.agreementIndicatorId,
    agreementId: scope.agreementId,
    before: existing ? present(existing, period.label, area.code) : null,
    after: correction === null ? after : { ...after, correctionReason: correction },
  });
  return after;
}

/** Records (or corrects) one value. Who and when come from the actor and the database clock. */
export async function recordObservation(options: {
  db: Db;
  actor: Actor | null;
  scope: IndicatorScope;
  body: RecordObservationBody;
}): Promise<ObservationView> {
  const { db, actor, scope, body } = options;
  if (actor === null) throw new AppError("UNAUTHENTICATED", "Sign in to do this.");
  const checked = await checkObservation({ db, actor, scope, body });
  return db.transaction(async (tx) => writeObservation(tx, actor, checked));
}

export interface CountyFromDistricts {
  value: string;
  /** Sums of the districts' numerators and denominators, for a rate. */
  numerator: string | null;
  denominator: string | null;
}

export interface CountyValue {
  /** The county's value as given. */
  recorded: ObservationView | null;
  /** Worked out from every district, or null with the reason in `notFromDistricts`. */
  fromDistricts: CountyFromDistricts | null;
  notFromDistricts: string | null;
  /** The value the county reports: as given, else as worked out. */
  value: string | null;
  /** Cumulative indicators: the baseline plus every count up to and including this period. */
  runningTotal?: string | null;
}

export interface DistrictValue {
  area: string;
  legacyCode: string | null;
  name: string;
  observation: ObservationView | null;
  runningTotal?: string | null;
}

export interface PeriodValues {
  period: ReportingPeriod;
  component: string;
  county: CountyValue;
  districts: DistrictValue[];
}

export interface IndicatorObservations {
  indicator: string;
  unit: string | null;
  aggregation: Aggregation["kind"];
  cumulative: boolean;
  /** Every period that has a value, in time order, for each component. */
  periods: PeriodValues[];
}

export function countyFromDistricts(
  aggregation: Aggregation,
  period: string,
  values: (ObservationView | null)[],
): { fromDistricts: CountyFromDistricts | null; notFromDistricts: string | null } {
  if (aggregation.kind === "level")
    return {
      fromDistricts: null,
      notFromDistricts: "a level is reached by the county as a whole, not added up from districts",
    };
  const given = values.filter((value): value is ObservationView => value !== null);
  if (given.length < values.length) {
    return {
      fromDistricts: null,
      notFromDistricts: `only ${given.length} of ${values.length} districts have a value for ${period}`,
    };
  }
  if (aggregation.kind === "count") {
    return {
      fromDistricts: {
        value: given.reduce((sum, one) => addDecimals(sum, one.value), "0"),
        numerator: null,
        denominator: null,
      },
      notFromDistricts: null,
    };
  }
  const withoutParts = given.filter((one) => one.numerator === null || one.denominator === null);
  if (withoutParts.length > 0) {
    return {
      fromDistricts: null,
      notFromDistricts: `rates cannot be averaged: ${withoutParts.map((one) => one.area).join(", ")} gave no numerator and denominator`,
    };
  }
  const numerator = given.reduce((sum, one) => addDecimals(sum, one.numerator ?? "0"), "0");
  const denominator = given.reduce((sum, one) => addDecimals(sum, one.denominator ?? "0"), "0");
  // As precise as the districts' own values are written.
  const precision = Math.max(...given.map((one) => places(one.value)));
  const value = roundDecimal(multiplyDecimals(divideDecimals(numerator, denominator), aggregation.per), precision);
  return { fromDistricts: { value, numerator, denominator }, notFromDistricts: null };
}

/** Where an indicator's values are worked out: the county, its districts and how values add up. */
export interface ValuesSetting {
  county: { code: string };
  districts: { code: string; legacyCode: string | null; name: string }[];
  cumulative: boolean;
  /** For a cumulative indicator, counts whatever its unit says. */
  aggregation: Aggregation;
  /** The county's baselines by component: a cumulative indicator's running total starts there. */
  baselines: { component: string; value: string }[];
}

/** One stored value with its period and area, as the set-based reads return them. */
export interface ObservationRowWithPeriod {
  observation: ObservationRow;
  label: string;
  kind: ReportingPeriod["kind"];
  start: string;
  end: string;
  areaCode: string;
}

/**
 * One indicator's stored values grouped by component and period, in time order, with the county's
 * value worked out from its districts where it was not given and running totals for a cumulative
 * indicator. Pure: the dashboard reads every indicator's rows at once and works each out here.
 */
export function assembleObservations(setting: ValuesSetting, rows: readonly ObservationRowWithPeriod[]): PeriodValues[] {
  const { aggregation } = setting;
  const groups = new Map<
    string,
    { period: ReportingPeriod; component: string; byArea: Map<string, ObservationView> }
  >();
  for (const row of rows) {
    const key = `${row.observation.component}\u0000${row.label}`;
    const group = groups.get(key) ?? {
      period: { kind: row.kind, label: row.label, start: row.start, end: row.end },
      component: row.observation.component,
      byArea: new Map<string, ObservationView>(),
    };
    group.byArea.set(row.areaCode, present(row.observation, row.label, row.areaCode));
    groups.set(key, group);
  }
  const ordered = [...groups.values()].sort((a, b) =>
    a.component === b.component ? compareReportingPeriods(a.period, b.period) : a.component < b.component ? -1 : 1,
  );

  // Running totals go through each component's periods in order; a period with no county count stops the county's total.
  const totals = new Map<string, string | null>();
  return ordered.map(({ period, component: part, byArea }): PeriodValues => {
    const districtValues = setting.districts.map((area) => byArea.get(area.code) ?? null);
    const recorded = byArea.get(setting.county.code) ?? null;
    const derived = countyFromDistricts(aggregation, period.label, districtValues);
    const county: CountyValue = {
      recorded,
      ...derived,
      value: recorded?.value ?? derived.fromDistricts?.value ?? null,
    };
    const districts: DistrictValue[] = setting.districts.map((area, index) => ({
      area: area.code,
      legacyCode: area.legacyCode,
      name: area.name,
      observation: districtValues[index] ?? null,
    }));
    if (setting.cumulative) {
      const advance = (key: string, start: string, count: string | null): string | null => {
        const before = totals.has(key) ? (totals.get(key) ?? null) : start;
        const total = before === null || count === null ? null : addDecimals(before, count);
        totals.set(key, total);
        return total;
      };
      // The agreement's baseline is the county's; districts count from nothing.
      const baseline = setting.baselines.find((one) => one.component === part)?.value ?? "0";
      county.runningTotal = advance(`${part}\u0000county`, normaliseDecimal(baseline), county.value);
      for (const district of districts)
        district.runningTotal = advance(`${part}\u0000${district.area}`, "0", district.observation?.value ?? null);
    }
    return { period, component: part, county, districts };
  });
}

/**
 * Values the reader may see (issue 9 §8): people with a role in the agreement see every value;
 * anyone else (a published agreement's public) only those of periods whose round is published.
 */
export function visibleToReader(actor: Actor | null, scope: { agreementId: number; published: boolean }): SQL | undefined {
  if (seesUnpublishedRounds(actor, scope)) return undefined;
  return inArray(
    t.observations.periodId,
    sql`(select ${t.monitoringRounds.periodId} from ${t.monitoringRounds}
      where ${t.monitoringRounds.agreementId} = ${scope.agreementId} and ${t.monitoringRounds.status} = 'published')`,
  );
}

/**
 * Every value of one indicator, the county worked out from its districts, running totals for
 * cumulative ones. `visibility` "reader" (the default, and what a route passes) gives only what
 * the reader may see (see {@link visibleToReader}); "everything" is for the server's own checks.
 */
export async function listObservations(options: {
  db: Db;
  actor: Actor | null;
  scope: IndicatorScope;
  component?: string;
  visibility?: "reader" | "everything";
}): Promise<IndicatorObservations> {
  const { db, actor, scope } = options;
  ensureAllowed(actor, "read", { type: "agreementIndicator", ...scope });
  const component = options.component ?? null;
  const facts = await indicatorFacts(db, scope, component);
  // A cumulative indicator's per-period values are counts, whatever its unit says.
  const aggregation: Aggregation = facts.cumulative ? { kind: "count" } : aggregationFor(facts.unit);
  const visible = (options.visibility ?? "reader") === "reader" ? visibleToReader(actor, scope) : undefined;
  const rows = await db
    .select({
      observation: t.observations,
      label: t.reportingPeriods.label,
      kind: t.reportingPeriods.kind,
      start: t.reportingPeriods.startDate,
      end: t.reportingPeriods.endDate,
      areaCode: t.areas.code,
    })
    .from(t.observations)
    .innerJoin(t.reportingPeriods, eq(t.reportingPeriods.id, t.observations.periodId))
    .innerJoin(t.areas, eq(t.areas.id, t.observations.areaId))
    .where(
      and(
        eq(t.observations.agreementIndicatorId, scope.agreementIndicatorId),
        ...(component === null ? [] : [eq(t.observations.component, component)]),
        ...(visible === undefined ? [] : [visible]),
      ),
    );
  const baselines = await db
    .select({ component: t.baselines.component, value: t.baselines.value })
    .from(t.baselines)
    .where(eq(t.baselines.agreementIndicatorId, scope.agreementIndicatorId));

  const periods = assembleObservations(
    { county: facts.county, districts: facts.districts, cumulative: facts.cumulative, aggregation, baselines },
    rows,
  );
  return {
    indicator: scope.code,
    unit: facts.unit,
    aggregation: aggregation.kind,
    cumulative: facts.cumulative,
    periods,
  };
}
