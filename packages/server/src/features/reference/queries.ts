/**
 * The catalogue read in SQL: filtered, counted and paged by the database, and only what the
 * reader may see — a local indicator or an LPSA2 target exists only inside its agreement, so it is
 * listed only when one of the agreements using it is readable (published, or one the reader has a
 * role in).
 *
 * The page query, with a search and the public's read policy, is (parameters shown inline):
 *
 *   select d.*, count(*) over () as total from indicator_definitions d
 *   where (d.source = 'national-indicator-set' or exists (select 1 from agreement_indicators ai
 *            join agreements a on a.id = ai.agreement_id
 *            where ai.indicator_id = d.id and (a.published or a.id in (…)))
 *          or (d.source = 'lpsa2' and not exists (…uses…)))
 *     and (d.code ilike '%47%' or d.title ilike '%47%')
 *   order by case when d.code ~ '^NI [0-9]+$' then substring(d.code from 4)::int end nulls last, d.code
 *   limit 50 offset 0;
 *
 * EXPLAIN on the Kent demo (PostgreSQL 15, ~240 definitions): Limit → Sort → WindowAgg → Seq Scan
 * on indicator_definitions with a hashed SubPlan over agreement_indicators ⋈ agreements (both
 * seq scans, a few hundred rows); about 1 ms. The catalogue is a few hundred rows at most (the
 * NIS has 198), so a sequential scan is the right plan; the uses of the page's definitions are
 * one more query keyed by agreement_indicators_agreement_indicator_unique, left-joined to the
 * successor by its primary key and to the predecessor by replaced_by_id (no index: a hash join
 * over the few hundred agreement indicators, well under a millisecond).
 */
import { and, asc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import type { Actor } from "../../policy/authorize.js";
import { containing } from "../../db/like.js";

/** `agreements` or an alias of it (a predecessor, a successor). */
type AgreementColumns = { id: AnyPgColumn; published: AnyPgColumn };

/** The agreements a reader may read, as a condition on `agreements` or an alias of it (the same rule as authorize's read). */
export function readableAgreement(actor: Actor | null, agreements: AgreementColumns = t.agreements): SQL {
  if (actor === null) return eq(agreements.published, true);
  if (actor.grants.some((grant) => grant.agreementId === null)) return sql`true`;
  const ids = actor.grants.flatMap((grant) => (grant.agreementId === null ? [] : [grant.agreementId]));
  return ids.length === 0 ? eq(agreements.published, true) : (or(eq(agreements.published, true), inArray(agreements.id, ids)) ?? sql`true`);
}

export interface CatalogueFilter {
  /** Text the code or title contains. */
  q?: string | undefined;
  department?: string | undefined;
  source?: "national-indicator-set" | "lpsa2" | "local" | undefined;
  key?: string | undefined;
  page: number;
  limit: number;
}

/** `%` and `_` typed into the search box are searched for, not wildcards. */

export async function findCataloguePage(db: Db, actor: Actor | null, filter: CatalogueFilter) {
  const d = t.indicatorDefinitions;
  const usedReadably = sql`exists (select 1 from ${t.agreementIndicators} join ${t.agreements} on ${t.agreements.id} = ${t.agreementIndicators.agreementId}
    where ${t.agreementIndicators.indicatorId} = ${d.id} and ${readableAgreement(actor)})`;
  const unused = sql`not exists (select 1 from ${t.agreementIndicators} where ${t.agreementIndicators.indicatorId} = ${d.id})`;
  // The NIS is public; an LPSA2 target or a local indicator is its agreement's (an LPSA2 entry
  // a manager added to the catalogue and nobody uses yet is public too).
  const visible = or(eq(d.source, "national-indicator-set"), usedReadably, and(eq(d.source, "lpsa2"), unused)) ?? usedReadably;
  const conditions: SQL[] = [visible];
  if (filter.key !== undefined) conditions.push(eq(d.key, filter.key));
  if (filter.source !== undefined) conditions.push(eq(d.source, filter.source));
  if (filter.department !== undefined) conditions.push(sql`lower(${d.department}) = lower(${filter.department})`);
  const q = filter.q?.trim();
  if (q) conditions.push(or(ilike(d.code, containing(q)), ilike(d.title, containing(q))) ?? sql`true`);
  const rows = await db
    .select({ definition: d, total: sql<number>`count(*) over ()::int` })
    .from(d)
    .where(and(...conditions))
    // Catalogue order: NIs by number, then other codes.
    .orderBy(sql`case when ${d.code} ~ '^NI [0-9]+$' then substring(${d.code} from 4)::int end nulls last`, asc(d.code))
    .limit(filter.limit)
    .offset((filter.page - 1) * filter.limit);
  const ids = rows.map((row) => row.definition.id);
  // Where an agreement replaced one indicator with another (KA2: NI 170 by NI 159), each use says
  // so: the successor's code on the omitted one, the predecessor's on its replacement.
  const successor = alias(t.agreementIndicators, "successor");
  const successorDefinition = alias(t.indicatorDefinitions, "successor_definition");
  const predecessor = alias(t.agreementIndicators, "predecessor");
  const predecessorDefinition = alias(t.indicatorDefinitions, "predecessor_definition");
  const uses =
    ids.length === 0
      ? []
      : await db
          .select({
            indicatorId: t.agreementIndicators.indicatorId,
            agreement: t.agreements.slug,
            shortName: t.agreements.shortName,
            kind: t.agreementIndicators.kind,
            state: t.agreementIndicators.state,
            replacedBy: successorDefinition.code,
            replaces: predecessorDefinition.code,
          })
          .from(t.agreementIndicators)
          .innerJoin(t.agreements, eq(t.agreements.id, t.agreementIndicators.agreementId))
          .leftJoin(successor, eq(successor.id, t.agreementIndicators.replacedById))
          .leftJoin(successorDefinition, eq(successorDefinition.id, successor.indicatorId))
          .leftJoin(predecessor, eq(predecessor.replacedById, t.agreementIndicators.id))
          .leftJoin(predecessorDefinition, eq(predecessorDefinition.id, predecessor.indicatorId))
          .where(and(inArray(t.agreementIndicators.indicatorId, ids), readableAgreement(actor)))
          .orderBy(asc(t.agreements.firstYear), asc(t.agreements.slug));
  // A page past the end has no rows to carry the total: count once more only then.
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && filter.page > 1) {
    const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(d).where(and(...conditions));
    total = counted?.total ?? 0;
  }
  return { rows: rows.map((row) => row.definition), uses, total };
}

/** Distinct departments named in the catalogue, for the filter's choices. */
export async function findCatalogueDepartments(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ department: t.indicatorDefinitions.department })
    .from(t.indicatorDefinitions)
    .where(sql`${t.indicatorDefinitions.department} is not null`)
    .orderBy(asc(t.indicatorDefinitions.department));
  return rows.flatMap((row) => (row.department === null ? [] : [row.department]));
}
