/**
 * Reads an agreement with everything hanging off it in a fixed number of queries (one per
 * table), so a page costs the same whether the agreement has 5 indicators or 500. EXPLAIN ANALYZE of
 * the statements every read sends, on a large log: queries.explain.md beside this file.
 */
import { and, asc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import type { Actor } from "../../policy/authorize.js";
import type { AgreementSummaryView } from "@accord/domain";
import { readableAgreement } from "../reference/queries.js";
import { containing } from "../../db/like.js";

const organisationColumns = {
  id: t.organisations.id,
  slug: t.organisations.slug,
  name: t.organisations.name,
  kind: t.organisations.kind,
  statutory: t.organisations.statutory,
};

export async function findAgreementRows(db: Db, slug?: string) {
  const responsibleAuthority = alias(t.organisations, "responsible_authority");
  const governmentOffice = alias(t.organisations, "government_office");
  const predecessor = alias(t.agreements, "predecessor");
  const successor = alias(t.agreements, "successor");
  const query = db
    .select({
      agreement: t.agreements,
      area: { code: t.areas.code, name: t.areas.name },
      responsibleAuthority: { slug: responsibleAuthority.slug, name: responsibleAuthority.name, kind: responsibleAuthority.kind, statutory: responsibleAuthority.statutory },
      governmentOffice: { slug: governmentOffice.slug, name: governmentOffice.name, kind: governmentOffice.kind, statutory: governmentOffice.statutory },
      predecessor: { slug: predecessor.slug, name: predecessor.name },
      successor: { slug: successor.slug, name: successor.name },
      // The day of the latest negotiation entry, for the agreement's default "as at": each
      // indicator's latest day read backwards from the log's (indicator, as_at) index, then the
      // latest of those (0.9 ms on a 20,000-entry log; a join and one max took 35 ms; see
      // queries.explain.md).
      latestEntryAsAt: sql<string | null>`(
        select max((
          select max(${t.negotiationStatusHistory.asAt}) from ${t.negotiationStatusHistory}
          where ${t.negotiationStatusHistory.agreementIndicatorId} = ${t.agreementIndicators.id}
        ))::text from ${t.agreementIndicators} where ${t.agreementIndicators.agreementId} = ${t.agreements.id})`,
    })
    .from(t.agreements)
    .innerJoin(t.areas, eq(t.areas.id, t.agreements.areaId))
    .innerJoin(responsibleAuthority, eq(responsibleAuthority.id, t.agreements.responsibleAuthorityId))
    .innerJoin(governmentOffice, eq(governmentOffice.id, t.agreements.governmentOfficeId))
    .leftJoin(predecessor, eq(predecessor.id, t.agreements.predecessorId))
    .leftJoin(successor, eq(successor.predecessorId, t.agreements.id))
    .orderBy(asc(t.agreements.firstYear), asc(t.agreements.slug));
  return slug === undefined ? query : query.where(eq(t.agreements.slug, slug));
}
export type AgreementRow = Awaited<ReturnType<typeof findAgreementRows>>[number];

/** Indicator counts by kind, omitted ones apart, and outcome and freedom counts, per agreement. */
export async function countsByAgreement(db: Db, agreementIds: number[]) {
  if (agreementIds.length === 0) return { indicators: [], outcomes: [], freedoms: [] };
  const indicators = await db
    .select({ agreementId: t.agreementIndicators.agreementId, kind: t.agreementIndicators.kind, state: t.agreementIndicators.state, count: sql<number>`count(*)::int` })
    .from(t.agreementIndicators)
    .where(inArray(t.agreementIndicators.agreementId, agreementIds))
    .groupBy(t.agreementIndicators.agreementId, t.agreementIndicators.kind, t.agreementIndicators.state);
  const outcomes = await db
    .select({ agreementId: t.outcomes.agreementId, count: sql<number>`count(*)::int` })
    .from(t.outcomes)
    .where(and(inArray(t.outcomes.agreementId, agreementIds), eq(t.outcomes.deleted, false)))
    .groupBy(t.outcomes.agreementId);
  const freedoms = await db
    .select({ agreementId: t.freedoms.agreementId, count: sql<number>`count(*)::int` })
    .from(t.freedoms)
    .where(inArray(t.freedoms.agreementId, agreementIds))
    .groupBy(t.freedoms.agreementId);
  return { indicators, outcomes, freedoms };
}

/**
 * Every row below one agreement; or, given `indicatorKey`, only what one indicator's page shows
 * (its rows, the indicator it replaces, the themes and outcomes it is filed under): the same
 * presenter then builds that one indicator, at a fraction of the cost.
 */
export async function findAgreementContents(db: Db, agreementId: number, indicatorKey?: string) {
  const replacedBy = alias(t.agreementIndicators, "replaced_by");
  const replacedByDefinition = alias(t.indicatorDefinitions, "replaced_by_definition");
  const inAgreement = eq(t.agreementIndicators.agreementId, agreementId);
  const oneIndicator =
    indicatorKey === undefined
      ? undefined
      : db
          .select({ id: t.agreementIndicators.id })
          .from(t.agreementIndicators)
          .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
          .where(and(inAgreement, eq(t.indicatorDefinitions.key, indicatorKey)));
  const byAgreement = oneIndicator === undefined ? inAgreement : and(inAgreement, inArray(t.agreementIndicators.id, oneIndicator));
  const indicatorRows =
    oneIndicator === undefined ? inAgreement : and(inAgreement, or(inArray(t.agreementIndicators.id, oneIndicator), inArray(t.agreementIndicators.replacedById, oneIndicator)));
  const wholeAgreement = indicatorKey === undefined;
  const none = Promise.resolve([]);

  const [themes, outcomes, outcomePartners, indicators, baselines, pending, targets, history, signUps, freedoms, freedomOutcomes, deadlines] =
    await Promise.all([
      db.select().from(t.themes).where(eq(t.themes.agreementId, agreementId)).orderBy(asc(t.themes.position)),
      db.select().from(t.outcomes).where(eq(t.outcomes.agreementId, agreementId)).orderBy(asc(t.outcomes.number)),
      wholeAgreement
        ? db
            .select({ outcomeId: t.outcomePartners.outcomeId, role: t.outcomePartners.role, detail: t.outcomePartners.detail, organisation: organisationColumns })
            .from(t.outcomePartners)
            .innerJoin(t.outcomes, eq(t.outcomes.id, t.outcomePartners.outcomeId))
            .innerJoin(t.organisations, eq(t.organisations.id, t.outcomePartners.organisationId))
            .where(eq(t.outcomes.agreementId, agreementId))
            .orderBy(asc(t.outcomePartners.position))
        : none,
      db
        .select({ agreementIndicator: t.agreementIndicators, definition: t.indicatorDefinitions, replacedByCode: replacedByDefinition.code })
        .from(t.agreementIndicators)
        .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
        .leftJoin(replacedBy, eq(replacedBy.id, t.agreementIndicators.replacedById))
        .leftJoin(replacedByDefinition, eq(replacedByDefinition.id, replacedBy.indicatorId))
        .where(indicatorRows)
        .orderBy(asc(t.agreementIndicators.position)),
      db
        .select({ baseline: t.baselines })
        .from(t.baselines)
        .innerJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.baselines.agreementIndicatorId))
        .where(byAgreement)
        .orderBy(asc(t.baselines.id)),
      db
        .select({ pending: t.pendingBaselines })
        .from(t.pendingBaselines)
        .innerJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.pendingBaselines.agreementIndicatorId))
        .where(byAgreement),
      db
        .select({ target: t.targets })
        .from(t.targets)
        .innerJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.targets.agreementIndicatorId))
        .where(byAgreement)
        .orderBy(asc(t.targets.financialYear), asc(t.targets.id)),
      db
        .select({ entry: t.negotiationStatusHistory })
        .from(t.negotiationStatusHistory)
        .innerJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.negotiationStatusHistory.agreementIndicatorId))
        .where(byAgreement)
        .orderBy(asc(t.negotiationStatusHistory.asAt), asc(t.negotiationStatusHistory.id)),
      db
        .select({ agreementIndicatorId: t.partnerSignUps.agreementIndicatorId, role: t.partnerSignUps.role, detail: t.partnerSignUps.detail, organisation: organisationColumns })
        .from(t.partnerSignUps)
        .innerJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.partnerSignUps.agreementIndicatorId))
        .innerJoin(t.organisations, eq(t.organisations.id, t.partnerSignUps.organisationId))
        .where(byAgreement)
        .orderBy(asc(t.partnerSignUps.position)),
      wholeAgreement ? db.select().from(t.freedoms).where(eq(t.freedoms.agreementId, agreementId)).orderBy(asc(t.freedoms.number)) : none,
      wholeAgreement
        ? db
            .select({ freedomId: t.freedomOutcomes.freedomId, number: t.outcomes.number })
            .from(t.freedomOutcomes)
            .innerJoin(t.outcomes, eq(t.outcomes.id, t.freedomOutcomes.outcomeId))
            .where(eq(t.outcomes.agreementId, agreementId))
            .orderBy(asc(t.outcomes.number))
        : none,
      wholeAgreement ? db.select().from(t.deadlines).where(eq(t.deadlines.agreementId, agreementId)).orderBy(asc(t.deadlines.date)) : none,
    ]);
  return {
    themes,
    outcomes,
    outcomePartners,
    indicators,
    baselines: baselines.map((row) => row.baseline),
    pending: pending.map((row) => row.pending),
    targets: targets.map((row) => row.target),
    history: history.map((row) => row.entry),
    signUps,
    freedoms,
    freedomOutcomes,
    deadlines,
  };
}
export type AgreementContents = Awaited<ReturnType<typeof findAgreementContents>>;

/**
 * The one statement every agreement read starts with: who may read it and the agreements it links
 * to, and how many changes it has had (freshness.ts). By the unique index on slug and primary keys.
 */
function prepareStampQuery(db: Db) {
  const predecessor = alias(t.agreements, "predecessor");
  const successor = alias(t.agreements, "successor");
  return db
    .select({
      agreementId: t.agreements.id,
      slug: t.agreements.slug,
      published: t.agreements.published,
      changes: sql<number>`coalesce(${t.agreementChanges.changes}, 0)::float8`,
      // Whether the reader may be told the names of the agreements this one links to.
      predecessor: { agreementId: predecessor.id, published: predecessor.published },
      successor: { agreementId: successor.id, published: successor.published },
    })
    .from(t.agreements)
    .leftJoin(t.agreementChanges, eq(t.agreementChanges.agreementId, t.agreements.id))
    .leftJoin(predecessor, eq(predecessor.id, t.agreements.predecessorId))
    .leftJoin(successor, eq(successor.predecessorId, t.agreements.id))
    .where(eq(t.agreements.slug, sql.placeholder("slug")))
    .prepare("agreement_stamp");
}

/** Built once per database: every read runs it, and building the SQL each time cost more than running it. */
const stampQueries = new WeakMap<Db, ReturnType<typeof prepareStampQuery>>();

export async function findAgreementStamp(db: Db, slug: string) {
  let query = stampQueries.get(db);
  if (query === undefined) {
    query = prepareStampQuery(db);
    stampQueries.set(db, query);
  }
  const [stamp] = await query.execute({ slug });
  return stamp;
}
export type AgreementStamp = NonNullable<Awaited<ReturnType<typeof findAgreementStamp>>>;

/**
 * What the position summary is worked out from, and nothing else: each indicator's code, kind
 * and state, and the negotiation log. Two statements by the agreement's indexes.
 */
export async function findPositionRows(db: Db, agreementId: number) {
  const inAgreement = eq(t.agreementIndicators.agreementId, agreementId);
  const [indicators, history] = await Promise.all([
    db
      .select({ id: t.agreementIndicators.id, code: t.indicatorDefinitions.code, kind: t.agreementIndicators.kind, state: t.agreementIndicators.state })
      .from(t.agreementIndicators)
      .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
      .where(inAgreement)
      .orderBy(asc(t.agreementIndicators.position)),
    db
      .select({
        agreementIndicatorId: t.negotiationStatusHistory.agreementIndicatorId,
        asAt: t.negotiationStatusHistory.asAt,
        status: t.negotiationStatusHistory.status,
        kind: t.negotiationStatusHistory.kind,
        party: t.negotiationStatusHistory.party,
        partyName: t.negotiationStatusHistory.partyName,
        note: t.negotiationStatusHistory.note,
      })
      .from(t.negotiationStatusHistory)
      .innerJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.negotiationStatusHistory.agreementIndicatorId))
      .where(inAgreement)
      .orderBy(asc(t.negotiationStatusHistory.asAt), asc(t.negotiationStatusHistory.id)),
  ]);
  return { indicators, history };
}

export interface AgreementListFilter {
  status?: "draft" | "negotiation" | "submitted" | "approved" | "closed" | undefined;
  /** Text the name, short name or area's name contains. */
  q?: string | undefined;
  /** The Government Office (the region) the agreement is made with, by its organisation slug. */
  governmentOffice?: string | undefined;
  page: number;
  /** null: every match (the command line, which serves the installation's operator). */
  limit: number | null;
}

/** `%` and `_` typed into the search box are searched for, not wildcards. */

/**
 * One page of the agreement list in one statement: the read policy, the filters, the order, the
 * page and the total are the database's, and so are the counts a card shows (correlated counts
 * by the agreement_id indexes, for the page's rows only). A predecessor or successor the reader
 * may not read is not joined, so its name never leaves the database. `reader` "everyone" is the
 * command line. EXPLAIN with 150 agreements: queries.explain.md, "findAgreementPage".
 */
function agreementPageQuery(db: Db, reader: Actor | null | "everyone", filter: AgreementListFilter) {
  const a = t.agreements;
  const predecessor = alias(t.agreements, "predecessor");
  const successor = alias(t.agreements, "successor");
  const governmentOffice = alias(t.organisations, "government_office");
  const readable = (agreements: { id: AnyPgColumn; published: AnyPgColumn }) => (reader === "everyone" ? sql`true` : readableAgreement(reader, agreements));
  const conditions: SQL[] = [readable(a)];
  if (filter.status !== undefined) conditions.push(eq(a.status, filter.status));
  if (filter.governmentOffice !== undefined) conditions.push(eq(governmentOffice.slug, filter.governmentOffice));
  const q = filter.q?.trim();
  if (q) conditions.push(or(ilike(a.name, containing(q)), ilike(a.shortName, containing(q)), ilike(t.areas.name, containing(q))) ?? sql`true`);
  const ai = t.agreementIndicators;
  // One pass over the agreement's indicators for all six counts, as JSON, for the page's rows only.
  const active = (kind: string) => sql`count(*) filter (where ${ai.state} <> 'omitted' and ${ai.kind} = ${kind})`;
  const indicatorCounts = sql<AgreementSummaryView["indicatorCounts"]>`(select json_build_object(
      'designated', ${active("designated")}, 'statutory', ${active("statutory")}, 'primary', ${active("primary")},
      'secondary', ${active("secondary")}, 'local', ${active("local")}, 'omitted', count(*) filter (where ${ai.state} = 'omitted'))
    from ${ai} where ${ai.agreementId} = ${a.id})`;
  const query = db
    .select({
      agreement: a,
      area: { code: t.areas.code, name: t.areas.name },
      predecessor: { slug: predecessor.slug, name: predecessor.name },
      successor: { slug: successor.slug, name: successor.name },
      indicatorCounts,
      outcomeCount: sql<number>`(select count(*) from ${t.outcomes} where ${t.outcomes.agreementId} = ${a.id} and not ${t.outcomes.deleted})::int`,
      freedomCount: sql<number>`(select count(*) from ${t.freedoms} where ${t.freedoms.agreementId} = ${a.id})::int`,
      // The day of the latest negotiation entry, by the log's index as findAgreementRows reads it.
      latestEntryAsAt: sql<string | null>`(
        select max((
          select max(${t.negotiationStatusHistory.asAt}) from ${t.negotiationStatusHistory}
          where ${t.negotiationStatusHistory.agreementIndicatorId} = ${ai.id}
        ))::text from ${ai} where ${ai.agreementId} = ${a.id})`,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(a)
    .innerJoin(t.areas, eq(t.areas.id, a.areaId))
    .innerJoin(governmentOffice, eq(governmentOffice.id, a.governmentOfficeId))
    .leftJoin(predecessor, and(eq(predecessor.id, a.predecessorId), readable(predecessor)))
    .leftJoin(successor, and(eq(successor.predecessorId, a.id), readable(successor)))
    .where(and(...conditions))
    .orderBy(asc(a.firstYear), asc(a.slug))
    .$dynamic();
  const page = filter.limit === null ? query : query.limit(filter.limit).offset((filter.page - 1) * filter.limit);
  const counted = () =>
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(a)
      .innerJoin(t.areas, eq(t.areas.id, a.areaId))
      .innerJoin(governmentOffice, eq(governmentOffice.id, a.governmentOfficeId))
      .where(and(...conditions));
  return { page, counted };
}

/** The SQL of one page, for EXPLAIN (queries.explain.md). */
export function agreementPageSql(db: Db, reader: Actor | null | "everyone", filter: AgreementListFilter) {
  return agreementPageQuery(db, reader, filter).page.toSQL();
}

export async function findAgreementPage(db: Db, reader: Actor | null | "everyone", filter: AgreementListFilter) {
  const { page, counted } = agreementPageQuery(db, reader, filter);
  const rows = await page;
  // A page past the end has no rows to carry the total: count once more only then.
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && filter.page > 1) {
    const [count] = await counted();
    total = count?.total ?? 0;
  }
  return { rows, total };
}
export type AgreementListRow = Awaited<ReturnType<typeof findAgreementPage>>["rows"][number];

/**
 * What the agreement list is as at: how many agreements there are and their change counts added
 * up (with a weighted sum, so one agreement deleted while another changes cannot give the same
 * pair). Counts only grow, so any change to any agreement gives a new stamp. One pass over
 * agreement_changes, one small row per agreement.
 */
export async function findAgreementListStamp(db: Db): Promise<string> {
  const [row] = await db
    .select({
      agreements: sql<number>`count(*)::float8`,
      changes: sql<number>`coalesce(sum(${t.agreementChanges.changes}), 0)::float8`,
      weighted: sql<number>`coalesce(sum(${t.agreementChanges.changes} * ${t.agreementChanges.agreementId}), 0)::float8`,
    })
    .from(t.agreementChanges);
  return row ? `${row.agreements}.${row.changes}.${row.weighted}` : "0.0.0";
}
