/**
 * What every performance read is worked out from, for a whole agreement at once: its indicators
 * with their themes and lead partners, baselines and targets, every value the reader may see, the
 * monitoring rounds and returns, and the county's districts. Five statements whatever the number
 * of indicators (no statement per indicator), each by the agreement's indexes. EXPLAIN ANALYZE on
 * the demo with three rounds of values: queries.explain.md beside this file.
 */
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { TargetForm } from "@accord/domain";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";

/** Which values a read may show: all, or only those of periods whose round is published. */
export type Visibility = "all" | "published";

function indicatorsQuery(db: Db, agreementId: number) {
  const ai = t.agreementIndicators;
  return db
    .select({
      id: ai.id,
      position: ai.position,
      key: t.indicatorDefinitions.key,
      code: t.indicatorDefinitions.code,
      title: t.indicatorDefinitions.title,
      unit: t.indicatorDefinitions.unit,
      polarity: t.indicatorDefinitions.polarity,
      components: t.indicatorDefinitions.components,
      themeCode: t.themes.code,
      themeTitle: t.themes.title,
      // Lead partners in the order they signed up, by the sign-ups' indicator index.
      leads: sql<{ slug: string; name: string }[]>`coalesce((
        select json_agg(json_build_object('slug', o.slug, 'name', o.name) order by ps.position)
        from ${t.partnerSignUps} ps join ${t.organisations} o on o.id = ps.organisation_id
        where ps.agreement_indicator_id = ${ai.id} and ps.role = 'lead'), '[]'::json)`,
    })
    .from(ai)
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, ai.indicatorId))
    .innerJoin(t.themes, eq(t.themes.id, ai.themeId))
    // An omitted indicator is no longer in the agreement's monitoring (NI 170, replaced by NI 159).
    .where(and(eq(ai.agreementId, agreementId), ne(ai.state, "omitted")))
    .orderBy(asc(t.themes.position), asc(ai.position));
}

/** Baselines, pending baselines and targets in one statement, one row per fact. */
function plansSql(agreementId: number): SQL {
  return sql`
    select b.agreement_indicator_id, 'baseline' as fact, b.component, null as year, b.value::text as value, null::jsonb as target
    from ${t.baselines} b join ${t.agreementIndicators} ai on ai.id = b.agreement_indicator_id
    where ai.agreement_id = ${agreementId}
    union all
    select p.agreement_indicator_id, 'pending', null, null, p.reason, null
    from ${t.pendingBaselines} p join ${t.agreementIndicators} ai on ai.id = p.agreement_indicator_id
    where ai.agreement_id = ${agreementId}
    union all
    select x.agreement_indicator_id, 'target', x.component, x.financial_year, null, x.target
    from ${t.targets} x join ${t.agreementIndicators} ai on ai.id = x.agreement_indicator_id
    where ai.agreement_id = ${agreementId}`;
}

/** The periods whose values the public may see: those of the agreement's published rounds. */
export function publishedPeriods(agreementId: number): SQL {
  return sql`(select ${t.monitoringRounds.periodId} from ${t.monitoringRounds}
    where ${t.monitoringRounds.agreementId} = ${agreementId} and ${t.monitoringRounds.status} = 'published')`;
}

/** Every value of the agreement's indicators the reader may see, one statement. */
export function observationsQuery(db: Db, agreementId: number, visibility: Visibility) {
  return db
    .select({
      agreementIndicatorId: t.observations.agreementIndicatorId,
      observation: t.observations,
      label: t.reportingPeriods.label,
      kind: t.reportingPeriods.kind,
      start: t.reportingPeriods.startDate,
      end: t.reportingPeriods.endDate,
      areaCode: t.areas.code,
    })
    .from(t.observations)
    .innerJoin(t.agreementIndicators, eq(t.agreementIndicators.id, t.observations.agreementIndicatorId))
    .innerJoin(t.reportingPeriods, eq(t.reportingPeriods.id, t.observations.periodId))
    .innerJoin(t.areas, eq(t.areas.id, t.observations.areaId))
    .where(
      and(
        eq(t.agreementIndicators.agreementId, agreementId),
        ...(visibility === "published" ? [inArray(t.observations.periodId, publishedPeriods(agreementId))] : []),
      ),
    );
}

/** The rounds, each with its returns' statuses by indicator, in period order. */
function roundsQuery(db: Db, agreementId: number) {
  return db
    .select({
      round: t.monitoringRounds,
      label: t.reportingPeriods.label,
      kind: t.reportingPeriods.kind,
      start: t.reportingPeriods.startDate,
      end: t.reportingPeriods.endDate,
      returns: sql<{ id: number; status: string }[]>`coalesce((
        select json_agg(json_build_object('id', r.agreement_indicator_id, 'status', r.status))
        from ${t.indicatorReturns} r where r.round_id = ${t.monitoringRounds.id}), '[]'::json)`,
    })
    .from(t.monitoringRounds)
    .innerJoin(t.reportingPeriods, eq(t.reportingPeriods.id, t.monitoringRounds.periodId))
    .where(eq(t.monitoringRounds.agreementId, agreementId))
    .orderBy(asc(t.reportingPeriods.startDate), asc(t.reportingPeriods.endDate));
}

/** The agreement's name and years, its county and the county's districts (by name). */
function areasSql(agreementId: number): SQL {
  return sql`
    select a.name, a.first_year, ar.id, ar.code, ar.legacy_code, ar.name as area_name, ar.id = a.area_id as county
    from ${t.agreements} a join ${t.areas} ar on ar.id = a.area_id or (ar.parent_id = a.area_id and ar.kind = 'district')
    where a.id = ${agreementId}
    order by ar.id = a.area_id desc, ar.name`;
}

function rowsOf<Row>(result: unknown): Row[] {
  // Both drivers answer db.execute with an object holding `rows`.
  if (typeof result === "object" && result !== null && "rows" in result && Array.isArray(result.rows)) return result.rows as Row[];
  throw new Error("the database answered without rows");
}

/** Everything the performance reads need about one agreement, in five statements. */
export async function findPerformanceFacts(db: Db, agreementId: number, visibility: Visibility) {
  const [indicators, plans, observations, rounds, places] = await Promise.all([
    indicatorsQuery(db, agreementId),
    db.execute(plansSql(agreementId)),
    observationsQuery(db, agreementId, visibility),
    roundsQuery(db, agreementId),
    db.execute(areasSql(agreementId)),
  ]);
  const areaRows = rowsOf<{ name: string; first_year: string; id: number; code: string; legacy_code: string | null; area_name: string; county: boolean }>(places);
  const county = areaRows.find((row) => row.county);
  if (!county) throw new Error("agreement has no area");
  return {
    agreement: { name: county.name, firstYear: county.first_year },
    indicators,
    plans: rowsOf<{ agreement_indicator_id: number; fact: "baseline" | "pending" | "target"; component: string | null; year: string | null; value: string | null; target: TargetForm | null }>(plans),
    observations,
    rounds,
    county: { id: county.id, code: county.code, name: county.area_name },
    districts: areaRows.filter((row) => !row.county).map((row) => ({ id: row.id, code: row.code, legacyCode: row.legacy_code, name: row.area_name })),
  };
}
export type PerformanceFacts = Awaited<ReturnType<typeof findPerformanceFacts>>;

/** The SQL each statement sends, for EXPLAIN (queries.explain.md). */
export function performanceSql(db: Db, agreementId: number, visibility: Visibility): Record<string, { sql: string; params: unknown[] }> {
  const dialect = new PgDialect();
  return {
    indicators: indicatorsQuery(db, agreementId).toSQL(),
    plans: dialect.sqlToQuery(plansSql(agreementId)),
    observations: observationsQuery(db, agreementId, visibility).toSQL(),
    rounds: roundsQuery(db, agreementId).toSQL(),
    areas: dialect.sqlToQuery(areasSql(agreementId)),
  };
}
