/**
 * The Government Office view's statements (issue 10 §5): every agreement the reader may read with
 * its area, Government Office and change count in one statement, and the agreements that have one
 * indicator. The read policy is the database's (readableAgreement), so an unpublished agreement's
 * name never leaves it for the public. EXPLAIN with 150 agreements: queries.explain.md beside this file.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import type { Actor } from "../../policy/authorize.js";
import { readableAgreement } from "../reference/queries.js";

/** `office`: a Government Office's organisation slug; `indicatorKey`: only agreements with that indicator, active. */
export interface OverviewFilter {
  office?: string | undefined;
  indicatorKey?: string | undefined;
}

function overviewQuery(db: Db, reader: Actor | null, filter: OverviewFilter) {
  const a = t.agreements;
  const office = alias(t.organisations, "government_office");
  const conditions: SQL[] = [readableAgreement(reader, a)];
  if (filter.office !== undefined) conditions.push(eq(office.slug, filter.office));
  if (filter.indicatorKey !== undefined) {
    conditions.push(sql`exists (select 1 from ${t.agreementIndicators} ai join ${t.indicatorDefinitions} d on d.id = ai.indicator_id
      where ai.agreement_id = ${a.id} and ai.state = 'active' and d.key = ${filter.indicatorKey})`);
  }
  return db
    .select({
      agreementId: a.id,
      slug: a.slug,
      name: a.name,
      shortName: a.shortName,
      status: a.status,
      published: a.published,
      firstYear: a.firstYear,
      lastYear: a.lastYear,
      area: { code: t.areas.code, name: t.areas.name },
      office: { slug: office.slug, name: office.name },
      changes: sql<number>`coalesce(${t.agreementChanges.changes}, 0)::float8`,
    })
    .from(a)
    .innerJoin(t.areas, eq(t.areas.id, a.areaId))
    .innerJoin(office, eq(office.id, a.governmentOfficeId))
    .leftJoin(t.agreementChanges, eq(t.agreementChanges.agreementId, a.id))
    .where(and(...conditions))
    .orderBy(asc(office.name), asc(t.areas.name), asc(a.firstYear), asc(a.slug));
}

export function findOverviewRows(db: Db, reader: Actor | null, filter: OverviewFilter) {
  return overviewQuery(db, reader, filter);
}
export type OverviewRow = Awaited<ReturnType<typeof findOverviewRows>>[number];

/** The SQL of the statement, for EXPLAIN (queries.explain.md). */
export function overviewSql(db: Db, reader: Actor | null, filter: OverviewFilter) {
  return overviewQuery(db, reader, filter).toSQL();
}
