/** Finds the agreement or agreement indicator a request names, with what the policy needs. */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import * as t from "../../db/schema/index.js";
import { notFound } from "../../errors.js";

export async function agreementScope(db: Db, slug: string) {
  const [agreement] = await db
    .select({ agreementId: t.agreements.id, published: t.agreements.published, firstYear: t.agreements.firstYear, lastYear: t.agreements.lastYear, version: t.agreements.version })
    .from(t.agreements)
    .where(eq(t.agreements.slug, slug));
  if (!agreement) throw notFound(`Agreement "${slug}"`, "slug");
  return agreement;
}

export async function indicatorScope(db: Db, slug: string, key: string) {
  const agreement = await agreementScope(db, slug);
  const [indicator] = await db
    .select({ agreementIndicatorId: t.agreementIndicators.id, code: t.indicatorDefinitions.code, components: t.indicatorDefinitions.components })
    .from(t.agreementIndicators)
    .innerJoin(t.indicatorDefinitions, eq(t.indicatorDefinitions.id, t.agreementIndicators.indicatorId))
    .where(and(eq(t.agreementIndicators.agreementId, agreement.agreementId), eq(t.indicatorDefinitions.key, key)));
  if (!indicator) throw notFound(`Indicator "${key}" in ${slug}`, "key");
  return { ...agreement, ...indicator };
}
export type IndicatorScope = Awaited<ReturnType<typeof indicatorScope>>;
